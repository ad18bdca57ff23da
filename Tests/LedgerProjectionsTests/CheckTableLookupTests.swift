import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The stored table's lookups answer as before with the communities' answers kept (`CheckTable.entry`) and the keys
/// compared in place (`CheckState.compare` in the directory's search): seeded random questions against a table
/// opened afresh for each and against the generic byte order.
@Suite struct CheckTableLookupTests {
    static let communityCount = 400

    static func community(_ n: Int) -> String { "C-" + String(repeating: "0", count: 4 - String(n).count) + String(n) }

    /// `communityCount` communities (several blocks of state), one with an accented id in NFC, with the state
    /// written at the head.
    static func ledger(_ temporary: TemporaryDirectory) throws -> LedgerDirectory {
        let directory = TestLedger.create(in: temporary)
        let ids = (0..<communityCount).map(community) + ["C-\u{E9}"]
        let lines = ids.map { id in
            #"{"type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"\#(id)","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#
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

    @Test func communitiesAskedAgainAnswerAsAFreshTable() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try CheckStateBlocksTests.table(directory)
        #expect(table.header.blocks.count > 2, "the state has \(table.header.blocks.count) blocks")
        var random = SplitMix64(seed: 34)
        // Registered ids, unknown ones, and the accented id in NFD (canonically equal to the registered NFC id, other
        // bytes: not registered) asked before and after its NFC form.
        let pool = (0..<Self.communityCount).map(Self.community) + ["C-9999", "C-", "c-0001", "C-0001 ", "C-e\u{301}", "C-\u{E9}"]
        var asked = ["C-e\u{301}", "C-\u{E9}", "C-e\u{301}"]
        for _ in 0..<1_500 { asked.append(pool[random.below(pool.count)]) }
        // Runs of one community, as a register sorted by community names them.
        for _ in 0..<50 { let id = pool[random.below(pool.count)]; asked += Array(repeating: id, count: 1 + random.below(5)) }
        var found = 0, missing = 0
        var fresh: [String: ReferenceChecker.Entry?] = [:]
        for id in asked {
            let expected: ReferenceChecker.Entry?
            let key = id.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
            if let known = fresh[key] { expected = known } else {
                expected = try CheckStateBlocksTests.table(directory).entry(.community, id)
                fresh[key] = expected
            }
            let got = table.entry(.community, id)
            #expect(got == expected, "\(key)")
            if got != nil { found += 1 } else { missing += 1 }
        }
        #expect(table.damage == nil)
        #expect(found > 1_000 && missing > 5, "found \(found), missing \(missing)")
        #expect(table.entry(.community, "C-\u{E9}") != nil && table.entry(.community, "C-e\u{301}") == nil)
    }

    /// The directory's search (`blocksNotAfter`) against a count with the generic byte order, for keys of every
    /// length around the blocks' first keys: prefixes, one byte more, bytes 0x00 and 0xFF.
    @Test func directorySearchIsTheByteOrder() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try CheckStateBlocksTests.table(directory)
        let blocks = table.header.blocks
        var random = SplitMix64(seed: 3434)
        var keys: [[UInt8]] = [[], [0x00], [0xFF], [0xFF, 0xFF, 0xFF]]
        for index in blocks.indices {
            let first = Array(blocks.firstKey(index))
            keys.append(first)
            keys.append(Array(first.dropLast()))
            keys.append(first + [0x00])
            guard !first.isEmpty else { continue }
            var changed = first
            let at = random.below(changed.count)
            changed[at] = changed[at] &+ (random.below(2) == 0 ? 1 : 255)
            keys.append(changed)
        }
        for _ in 0..<300 { keys.append(CheckKey.make(CheckKey.registry, .community, Self.community(random.below(Self.communityCount + 50)))) }
        for _ in 0..<300 { keys.append((0..<random.below(12)).map { _ in UInt8(random.below(256)) }) }
        for key in keys {
            let expected = blocks.indices.filter { !key.lexicographicallyPrecedes(blocks.firstKey($0)) }.count
            #expect(table.blocksNotAfter(key) == expected, "\(key)")
        }
        for _ in 0..<2_000 {
            let a = (0..<random.below(6)).map { _ in UInt8(random.below(4) == 0 ? 255 : random.below(3)) }
            let b = (0..<random.below(6)).map { _ in UInt8(random.below(4) == 0 ? 255 : random.below(3)) }
            let sign = CheckState.compare([9] + a + [9], 1, a.count, b).signum()
            let expected = a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
            #expect(sign == expected, "\(a) \(b)")
        }
    }

    /// A lookup learns that no stored key begins with its key's first two bytes (`knownAbsent`) exactly when none
    /// does (every key of every block read), reading nothing more than the lookup itself (pages read counted), and the
    /// lookups it then answers unread answer as a table opened afresh for each: seeded random keys under prefixes
    /// held and not held (the `R` communities', `R` of other kinds, `D`, `T`, tags never stored).
    @Test func knownAbsentIsLearntFromLookups() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledger(temporary)
        let table = try CheckStateBlocksTests.table(directory)
        var held = Set<[UInt8]>()
        let all = try CheckStateBlocksTests.table(directory)
        for index in all.header.blocks.indices {
            for (key, _) in try #require(all.block(index, keep: false)) where key.count >= 2 { held.insert(Array(key.prefix(2))) }
        }
        let asset = UInt8(ReferenceChecker.Kind.asset.index), community = UInt8(ReferenceChecker.Kind.community.index)
        #expect(held.contains([CheckKey.registry, community]) && !held.contains([CheckKey.registry, asset]))
        // Not known before a lookup; known after one, and the lookups after it read no page.
        #expect(!table.knownAbsent(CheckKey.registry, asset))
        #expect(table.entry(.asset, "R-1") == nil)
        #expect(table.knownAbsent(CheckKey.registry, asset))
        let pages = table.header.blocks.pagesRead
        for n in 0..<100 { #expect(table.entry(.asset, "R-\(n * 7919)") == nil) }
        #expect(table.header.blocks.pagesRead == pages)
        #expect(table.entry(.community, Self.community(7)) != nil && !table.knownAbsent(CheckKey.registry, community))
        let tags: [UInt8] = [CheckKey.registry, CheckKey.ending, CheckKey.referenced, CheckKey.item, CheckKey.useDay, CheckKey.rounds,
                             CheckKey.registering, CheckKey.importFile, 0x00, 0x41, 0xFF]
        var random = SplitMix64(seed: 0x40_40)
        for round in 0..<800 {
            let tag = tags[random.below(tags.count)]
            let id = random.below(3) == 0 ? "R-\(random.below(100))" : Self.community(random.below(Self.communityCount + 20))
            let kind = [ReferenceChecker.Kind.community, .asset, .fund, .import][random.below(4)]
            let key = tag == CheckKey.item ? CheckKey.make(tag, nil, id) : CheckKey.make(tag, kind, id)
            let fresh = try CheckStateBlocksTests.table(directory)
            #expect(table.value(key) == fresh.ownValue(key), "round \(round)")
            #expect((table.entry(kind, id) != nil) == (try CheckStateBlocksTests.table(directory).entry(kind, id) != nil), "round \(round)")
            #expect(!table.isReferenced(ReferenceChecker.KindID(kind: kind, id: id)) && !table.namesItem(id))
        }
        var learnt = 0
        for tag in tags {
            for second in 0...255 where table.knownAbsent(tag, UInt8(second)) {
                learnt += 1
                #expect(!held.contains([tag, UInt8(second)]), "\(tag) \(second)")
            }
        }
        #expect(learnt >= 5 && table.damage == nil)
    }
}
