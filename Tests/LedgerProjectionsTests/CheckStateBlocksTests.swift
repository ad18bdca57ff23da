import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// A stored state of many blocks (ledger-spec.md 15.4): a batch reads the top of the block directory's pages, the
/// pages and the blocks its keys fall in; damage in a page or block it reads, or a page whose places do not fit, is
/// found and the state rebuilt;
/// a merge written in pieces is byte for byte the state built from the log.
@Suite struct CheckStateBlocksTests {
    static let assetCount = 1_200

    static func asset(_ n: Int) -> String { "ASSET-" + String(repeating: "0", count: 5 - String(n).count) + String(n) }

    /// A community and `assetCount` assets (some 20 blocks of state), with the state written at the head.
    static func ledger(_ temporary: TemporaryDirectory) throws -> LedgerDirectory {
        let directory = TestLedger.create(in: temporary)
        var lines = [#"{"type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#]
        for n in 0..<assetCount {
            lines.append(#"{"type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"\#(asset(n))","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#)
        }
        let events = try lines.enumerated().map { index, line in
            var event = try EventInput.parse(line: Array(line.utf8), source: "setup", lineNumber: index + 1)
            event.id = "setup-\(index + 1)"
            return event
        }
        try TestLedger.append(events, to: directory)
        let written = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        #expect(written.wroteState)
        return directory
    }

    /// Inspections of these assets (an unknown one is a problem: the issues compared are not all empty).
    static func batch(_ assets: [String]) -> [Event] {
        assets.enumerated().map { index, id in
            var event = Fixtures.event(#"{"type":"inspection.recorded","occurred_on":"2024-06-02","data":{"asset_id":"\#(id)","observed":"idle","inspector":"i"}}"#)
            event.id = "b\(index)"
            return event
        }
    }

    static func table(_ directory: LedgerDirectory) throws -> CheckTable {
        guard let (table, _) = try? CheckState.open(directory) else { throw Failure("no usable state") }
        return table
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The block a key falls in: the last whose first key is not after it.
    static func blockIndex(_ table: CheckTable, _ key: [UInt8]) -> Int {
        var found = 0
        for index in table.header.blocks.indices where !key.lexicographicallyPrecedes(table.header.blocks.firstKey(index)) { found = index }
        return found
    }

    static func assetKey(_ id: String) -> [UInt8] { CheckKey.make(CheckKey.registry, .asset, id) }

    @Test func lookupsInEveryPartOfTheDirectoryAnswerAsTheWholeLog() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try Self.table(directory)
        #expect(table.header.blocks.count > 4, "the state has \(table.header.blocks.count) blocks")
        let records = try CheckStateTests.records(directory)
        for assets in [[Self.asset(0)], [Self.asset(Self.assetCount / 2), "ASSET-99999"], [Self.asset(Self.assetCount - 1), "AAA", "ZZZ"],
                       (0..<Self.assetCount).filter { $0 % 97 == 0 }.map(Self.asset)] {
            let batch = Self.batch(assets)
            let got = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true)
            #expect(got.issues == DomainValidator.validate(existing: records, batch: batch), "\(assets)")
            #expect(got.wholeLogReason == nil && got.notice == nil, "\(got)")
        }
    }

    /// Only the blocks a batch needs are read: a bit flipped in another block goes unseen by the batch (the answer
    /// does not rest on it), is found by the batch that reads it, and by `verify --index` always.
    @Test func aDamagedBlockIsFoundWhenItIsRead() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try Self.table(directory)
        // A block in the middle: a lookup of a key past every entry of its tag (U, T, …) reads the last block.
        let far = Self.asset(Self.assetCount / 2), near = Self.asset(3)
        let farBlock = Self.blockIndex(table, Self.assetKey(far))
        #expect(farBlock != Self.blockIndex(table, Self.assetKey(near)) && farBlock != table.header.blocks.count - 1)
        let place = table.header.blocks[farBlock]
        try CheckStateDamageTests.edit(directory) { $0[Int(place.offset) + place.length / 2] ^= 0x10 }
        let records = try CheckStateTests.records(directory)
        let other = Self.batch([near, "ASSET-00003X"])
        let unaffected = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(other), useState: true)
        #expect(unaffected.issues == DomainValidator.validate(existing: records, batch: other) && unaffected.notice == nil
                && unaffected.wholeLogReason == nil)
        try CheckStateDamageTests.expectRebuilt(directory, Self.batch([far, "ASSET-99999"]), notice: "is damaged (block \(farBlock + 1) ")
        // verify --index reads every block.
        try CheckStateDamageTests.edit(directory) { $0[Int(place.offset) + place.length / 2] ^= 0x10 }
        // The flipped byte is named as the damage it is (review N19 #1).
        let verified = try CheckState.checkAndRebuild(directory).check
        #expect(verified == .damaged(.damaged(.checksum(.nth(.block, farBlock + 1)))), "\(verified)")
        guard case .damaged = verified else { Issue.record("verify --index missed a flipped bit"); return }
    }

    /// Where page `page`'s checksum is in the file, and the top's bytes' range (ledger-spec.md 15.4): the top holds
    /// four counts, then per page its first key (counted), two offsets and the page's SHA-256.
    static func pageChecksumField(_ blocks: CheckState.BlockDirectory, page: Int) -> (field: Int, top: Range<Int>) {
        var at = Int(blocks.topStart) + 32
        for entry in blocks.top[..<page] { at += 8 + entry.firstKey.count + 16 + 32 }
        at += 8 + blocks.top[page].firstKey.count + 16
        return (at, Int(blocks.topStart)..<(Int(blocks.directoryStart) - 40))
    }

    /// A directory whose checksums match but whose places do not fit the blocks (a writer's bug, or damage made
    /// to look intact) is refused when its page is read, like any damage.
    @Test func aDirectoryWhosePlacesDoNotFitIsDamage() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try Self.table(directory)
        let blocks = table.header.blocks
        _ = blocks.firstKey(1)
        let page = try #require(blocks.page(0))
        let pageStart = Int(blocks.directoryStart + blocks.top[0].directoryOffset), pageEnd = pageStart + page.bytes.count
        let offsetField = pageStart + page.starts[1] + 8 + blocks.firstKey(1).count
        let (checksumField, top) = Self.pageChecksumField(blocks, page: 0)
        try CheckStateDamageTests.edit(directory) { bytes in
            bytes[offsetField] &+= 1
            // The page's checksum in the top, and the top's own, made to match.
            bytes.replaceSubrange(checksumField..<(checksumField + 32), with: SHA256().hash(bytes[pageStart..<pageEnd]).bytes)
            bytes.replaceSubrange(top.upperBound..<(top.upperBound + 32), with: SHA256().hash(bytes[top]).bytes)
        }
        try CheckStateDamageTests.expectRebuilt(directory, Self.batch([Self.asset(1), "ASSET-99999"]), notice: "is damaged (cannot read block 2's place)")
    }

    /// Opening reads the top of the directory's pages, a lookup one page (of about √blocks places) and one block: the
    /// directory is never read whole (version 2 read it on every append: 1.3 MB at 10 million records).
    @Test func aLookupReadsOnePageOfTheDirectory() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try Self.table(directory)
        let blocks = table.header.blocks
        #expect(blocks.top.count >= 2, "the directory has \(blocks.top.count) pages of \(blocks.placesPerPage) places")
        #expect(blocks.pagesRead == 0)
        #expect(table.entry(.asset, Self.asset(Self.assetCount / 2)) != nil)
        #expect(blocks.pagesRead == 1 && table.damage == nil)
        #expect(table.entry(.asset, Self.asset(Self.assetCount / 2 + 1)) != nil && blocks.pagesRead == 1)
        // Every block's place, page by page, is the one a search finds for the block's first key.
        for index in blocks.indices {
            let key = Array(blocks.firstKey(index))
            #expect(blocks.blocksNotAfter(key) == index + 1, "block \(index + 1)")
        }
        #expect(blocks.pagesRead == blocks.top.count && table.damage == nil)
        #expect(CheckState.BlockDirectory.placesPerPage(blocks: 17_500) == 133 && CheckState.BlockDirectory.placesPerPage(blocks: 20) == 5
                && CheckState.BlockDirectory.placesPerPage(blocks: 1) == 2)
    }

    /// A flipped bit in a page of the directory is found by the lookup that reads that page (a batch needing it reads
    /// the whole log, with the notice), unseen by a lookup in another page, and found by `verify --index`; a flipped
    /// bit in the top is found on opening.
    @Test func aDamagedPageIsFoundWhenItIsRead() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try Self.table(directory)
        let blocks = table.header.blocks
        // An asset whose registration lies in another page than `near`'s (version 6's `Z` entries, after the
        // registrations, make the pages longer: the middle asset's may be in the first page).
        let near = Self.asset(1)
        let nearPage = Self.blockIndex(table, Self.assetKey(near)) / blocks.placesPerPage
        let far = try #require((0..<Self.assetCount).map(Self.asset).last {
            Self.blockIndex(table, Self.assetKey($0)) / blocks.placesPerPage != nearPage
        })
        let farPage = Self.blockIndex(table, Self.assetKey(far)) / blocks.placesPerPage
        #expect(farPage != nearPage)
        let page = try #require(blocks.page(farPage))
        let at = Int(blocks.directoryStart + blocks.top[farPage].directoryOffset) + page.bytes.count - 40
        try CheckStateDamageTests.edit(directory) { $0[at] ^= 0x04 }
        let damaged = try Self.table(directory)
        #expect(damaged.entry(.asset, near) != nil && damaged.damage == nil)
        #expect(damaged.entry(.asset, far) == nil)
        #expect(damaged.damage == .checksum(.nth(.page, farPage + 1)), "\(damaged.damage.map { "\($0)" } ?? "no damage")")
        try CheckStateDamageTests.expectRebuilt(directory, Self.batch([far, "ASSET-99999"]),
                                                notice: "is damaged (page \(farPage + 1) does not match its checksum")
        try CheckStateDamageTests.edit(directory) { $0[at] ^= 0x04 }
        // verify --index reads every page: the flipped byte is named as the damage it is (review N19 #1).
        let verified = try CheckState.checkAndRebuild(directory).check
        #expect(verified == .damaged(.damaged(.checksum(.nth(.page, farPage + 1)))), "\(verified)")
        guard case .damaged = verified else { Issue.record("verify --index missed a flipped bit"); return }
        let (_, top) = Self.pageChecksumField(try Self.table(directory).header.blocks, page: 0)
        try CheckStateDamageTests.edit(directory) { $0[top.lowerBound + 40] ^= 0x01 }
        try CheckStateDamageTests.expectRebuilt(directory, Self.batch([near, "ASSET-99999"]), notice: "is damaged (its block directory does not match its checksum")
    }

    /// A state caught up by merging the stored table with the records after it, written in pieces of a few bytes,
    /// equals the state built from the log at the head, byte for byte; no scratch file is left in index/.
    @Test func aMergeWrittenInPiecesIsTheStateTheLogGives() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        // Records after the stamp that add entries all over the table: new assets, and references to unknown ones.
        var later: [Event] = []
        for n in 0..<40 {
            var event = Fixtures.event(#"{"type":"asset.registered","occurred_on":"2024-01-02","data":{"asset_id":"\#(Self.asset(Self.assetCount + n * 7))","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2024-01-02","source":{"kind":"manual"}}}"#)
            event.id = "later-\(n)"
            later.append(event)
        }
        later += Self.batch(["ASSET-77777", "AAA-0"]).map { var e = $0; e.id = "later-" + e.id!; return e }
        try TestLedger.append(later, to: directory)
        let records = try CheckStateTests.records(directory)
        let batch = Self.batch([Self.asset(Self.assetCount + 7), "ASSET-88888"])
        let got = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true,
                                          rewriteAfter: 1, mergePieceBytes: 100, recentMax: 0)
        #expect(got.issues == DomainValidator.validate(existing: records, batch: batch))
        #expect(got.wroteState && got.wholeLogReason == nil && got.notice == nil, "\(got)")
        #expect(try CheckState.checkAndRebuild(directory).check == .intact(seq: Int64(records.count)))
        let names = try PosixDirectory(path: directory.indexPath).names().filter { $0.hasPrefix(".") || $0.hasPrefix(CheckState.fileName + ".") }
        #expect(names.isEmpty, "\(names)")
    }
}
