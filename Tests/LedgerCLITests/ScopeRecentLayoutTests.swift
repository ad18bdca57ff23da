import Foundation
import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/scopes.recent` keeps the grouping of the records after the index's stamp (version 2, session 44; version 3,
/// session 49, seals the records into segments of `scopes.recent.sealed`, the grouping unchanged): each
/// record's node in a forest of stored blocks and nodes of their own, and the keys first named after the stamp with
/// their node. The grouping a writer adds to batch by batch is the one the records' keys give at once; the layout's
/// checks refuse a file cut short anywhere and never trap on changed bytes.
@Suite struct ScopeRecentLayoutTests {
    static func usable(_ directory: LedgerDirectory, _ opened: ScopeIndex.Opened) -> ScopeIndex.Recent? {
        if case .usable(let recent) = ScopeIndex.openRecent(opened, directory) { return recent }
        return nil
    }

    /// Written in two batches (30 records, then 5), the file groups the records exactly as a read groups their keys:
    /// two records share a root in the file's forest exactly when they share a group, each stored block is the node of
    /// its group, and each key first named after the stamp is in its record's group — whether the records lie in the
    /// tail (1,024: none sealed), in sealed segments (0, 4: every batch sealed) or both (7: 30 sealed, 5 in the tail).
    @Test(arguments: [ScopeIndex.sealAfterDefault, 0, 4, 7]) func groupsAsTheKeysDo(sealAfter: Int) throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli, sealAfter: sealAfter)
        let opened = try #require(try ScopeIndex.open(directory))
        defer { opened.file.close() }
        let recent = try #require(Self.usable(directory, opened))
        let (items, _) = try ScopeIndex.readDelta(opened, directory)
        #expect(items.count == recent.count && recent.count == 35)
        #expect(recent.sealedCount == [ScopeIndex.sealAfterDefault: 0, 0: 35, 4: 35, 7: 30][sealAfter])
        #expect(recent.segments.count == [ScopeIndex.sealAfterDefault: 0, 0: 2, 4: 2, 7: 1][sealAfter])
        #expect(PosixFile.exists(ScopeIndex.sealedPath(directory)) == (sealAfter != ScopeIndex.sealAfterDefault))
        let sealedNodes = try recent.sealedNodes()
        func itemNode(_ n: Int) -> Int { n < sealedNodes.count ? Int(sealedNodes[n]) : recent.layout.tailItemNode(n - sealedNodes.count) }
        var lookup = ScopeIndex.NodeLookup(opened)
        let (joined, anchors) = try #require(try ScopeIndex.Grouping.joining(items.map(\.links), &lookup))
        var groups = joined
        for i in items.indices {
            // The side file keeps an entry's erasure flag, not its type code (ledger-spec.md 15.5, version 4).
            var expected = items[i].entry
            expected.code = expected.isErasure ? ScopeIndex.erasureCode : 0
            #expect(try recent.entry(i) == expected, "record \(i)")
            for j in items.indices where j > i {
                let together = groups.find(anchors[i]) == groups.find(anchors[j])
                #expect((recent.roots[itemNode(i)] == recent.roots[itemNode(j)]) == together, "records \(i), \(j)")
            }
            for key in items[i].links.keys {
                if let block = try lookup.block(key) {
                    let node = try #require(recent.nodes.firstIndex { $0.block == block })
                    #expect(recent.roots[node] == recent.roots[itemNode(i)], "record \(i)'s block \(block)")
                    #expect(try recent.node(forKey: key) == nil)
                } else {
                    let node = try #require(try recent.node(forKey: key), "record \(i)'s key \(key)")
                    #expect(recent.roots[node] == recent.roots[itemNode(i)], "record \(i)'s key \(key)")
                }
            }
        }
        // Every community registered after the stamp, at its record's group.
        let registered = items.enumerated().flatMap { n, item in item.links.registrations.map { ($0.id, $0.street, n) } }
        #expect(recent.registrations.map { [$0.id, $0.street] } == registered.map { [$0.0, $0.1] })
        for (r, (_, _, n)) in zip(recent.registrations, registered) { #expect(recent.roots[r.node] == recent.roots[itemNode(n)]) }
    }

    /// The layout checks: the body's parts after the base, every byte changed in turn (seeded values; the body's
    /// checksum is what refuses most of these in a real file, so it is left out here) never traps, and an accepted
    /// change still reads in range; cut short anywhere, refused.
    @Test func layoutChecks() throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli)
        let bytes = try PosixFile.readRegularFile(ScopeIndex.recentPath(directory), bytesMax: 1 << 30).bytes
        let body = try DerivedStateFile.check(bytes, kind: ScopeIndex.recentKind, version: ScopeIndex.recentVersion).bodyBytes
        let opened = try #require(try ScopeIndex.open(directory))
        defer { opened.file.close() }
        let blocks = opened.table.blockCount
        // The body: base seq, base hash, the index's checksum, the record count, then the parts.
        var head = ByteReader(body)
        let base = head.i64()
        _ = head.fixed(64)
        let stored = head.u64()
        let after = try #require(base)
        let count = Int(try #require(stored))
        let partsAt = head.offset - body.startIndex
        let clean = Array(body)
        func decode(_ changed: ArraySlice<UInt8>) -> ScopeIndex.RecentLayout? {
            var r = ByteReader(changed, from: changed.startIndex + partsAt)
            return ScopeIndex.decodeRecent(&r, count: count, after: after, blocks: blocks)
        }
        let layout = try #require(decode(clean[...]))
        #expect(layout.count == 35 && layout.tailCount == 35 && layout.keyCount > 0 && !layout.nodes.isEmpty)
        var random = SplitMix64(seed: 44)
        var refused = 0
        for position in partsAt..<clean.count {
            var changed = clean
            changed[position] = UInt8(truncatingIfNeeded: random.next()) | (position % 2 == 0 ? 0x80 : 0x01)
            if changed[position] == clean[position] { changed[position] ^= 0xFF }
            guard let got = decode(changed[...]) else { refused += 1; continue }
            // Accepted: every part reads in range.
            for n in 0..<got.tailCount { _ = got.tailEntry(n) }
            #expect(got.roots.allSatisfy { got.nodes[$0].parent == $0 }, "byte \(position)")
        }
        for cut in stride(from: partsAt, to: clean.count, by: 5) { #expect(decode(clean[..<cut]) == nil, "cut at \(cut)") }
        #expect(refused > (clean.count - partsAt) / 4, "\(refused) of \(clean.count - partsAt) changes refused")
    }

    /// The file a command checked is not read again while its name holds that file (an append's writer after its own
    /// read, session 45): the writer then writes the bytes a writer that read the file itself writes. A file replaced,
    /// or changed in place (its change time moves), is read and checked again: a damaged one is not used.
    @Test func aCheckedFileIsReadAgainOnlyWhenChanged() throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli)
        let path = ScopeIndex.recentPath(directory)
        let saved = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        var random = SplitMix64(seed: 17)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        try TestLedger.append(Array(events[95..<97]), to: directory)
        #expect(try ScopeRecentTests.ask(directory, ScopeRecentTests.question)?.deltaFromRecent == 35)
        #expect(ScopeIndex.keepRecent(directory) == .written(records: 37, read: 2))
        let afterRead = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        // The same state, the writer reading the file itself (none checked in this process).
        try PosixFile.writeAtomically(saved, to: path)
        ScopeIndex.recentChecked.withLock { $0 = nil }
        #expect(ScopeIndex.keepRecent(directory) == .written(records: 37, read: 2))
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes == afterRead)
        // Checked, then changed in place once the clock has moved on: read again, damaged, not used.
        #expect(try ScopeRecentTests.ask(directory, ScopeRecentTests.question)?.deltaFromRecent == 37)
        Thread.sleep(forTimeInterval: 0.05)
        let file = try PosixFile(path: path, mode: .readWrite)
        try file.write([afterRead[afterRead.count - 60] ^ 0x04], at: Int64(afterRead.count - 60))
        file.close()
        let damaged = try #require(try ScopeRecentTests.ask(directory, ScopeRecentTests.question))
        #expect(damaged.deltaFromRecent == 0 && damaged.notice?.contains("scopes.recent") == true, "\(damaged.notice ?? "no notice")")
        // Replaced by another file: that one is read (the writer writes it again, from the index's stamp).
        #expect(ScopeIndex.keepRecent(directory) == .written(records: 37, read: 37))
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes == afterRead)
        #expect(try ScopeRecentTests.ask(directory, ScopeRecentTests.question)?.deltaFromRecent == 37)
    }

    /// Sealed segments (version 3) of many records and keys — entries across the 4,096-byte parts, keys over several
    /// pages of 256, a segment of one record — read back exactly: every entry, every record's node, every key's node,
    /// no key that is not there; the tail's directory of them decodes to the same segments and length; a byte of the
    /// file changed anywhere after its header (seeded positions) is found by the whole check (`verify --index`), and a
    /// read that lands on it refuses it.
    @Test func sealedSegmentsReadWhatWasWritten() throws {
        var random = SplitMix64(seed: 49)
        let base: Int64 = 1_000, nodeCount = 40
        let stamp = StateStamp(seq: base, hash: SHA256.digest([1, 2, 3]), lineOffset: 0, lineBytes: 1)
        var file = ScopeIndex.sealedHeader(stamp)
        var segments: [ScopeIndex.SealedSegment] = []
        var entries: [ScopeIndex.Entry] = [], nodes: [UInt32] = [], keys: [UInt64: Int] = [:]
        for size in [300, 1, 77, 78] {
            var e = ByteWriter(), n = ByteWriter(), k = ByteWriter()
            var named: [UInt64] = []
            for _ in 0..<size {
                let entry = ScopeIndex.Entry(seq: base + Int64(entries.count) + 1, offset: Int64(random.next() % 1_000_000),
                                             count: UInt32(100 + random.next() % 900), code: random.next() % 5 == 0 ? ScopeIndex.erasureCode : 0,
                                             hash: SHA256.digest(Array("\(random.next())".utf8)))
                ScopeIndex.encodeRecent(entry, &e); entries.append(entry)
                let node = UInt32(random.next() % UInt64(nodeCount)); n.u32(node); nodes.append(node)
                for _ in 0..<Int(random.next() % 3) {
                    let key = random.next()
                    if keys[key] == nil { keys[key] = Int(node); named.append(key) }
                }
            }
            for key in named.sorted() { k.u64(key); k.u32(UInt32(keys[key]!)) }
            let (segment, bytes) = ScopeIndex.SealedSegment.make(offset: Int64(file.count), first: entries.count - size,
                                                                 nodes: n.bytes[...], entries: e.bytes[...], keys: k.bytes[...])
            segments.append(segment); file += bytes
        }
        #expect(segments[0].partSums.count == 4 && segments[0].pageKeys.count >= 2, "\(segments[0].partSums.count) parts, \(segments[0].pageKeys.count) pages")
        // The tail's directory: u64 sealed count, u64 length, u64 segment count, the segments.
        var directory = ByteWriter()
        directory.u64(UInt64(entries.count)); directory.u64(UInt64(file.count)); directory.u64(UInt64(segments.count))
        for segment in segments { segment.encode(&directory) }
        var r = ByteReader(directory.bytes)
        let decoded = try #require(ScopeIndex.decodeSealed(&r, total: entries.count + 5))
        #expect(decoded.segments == segments && decoded.sealed == entries.count && decoded.bytes == Int64(file.count) && r.isAtEnd)
        var cut = ByteReader(Array(directory.bytes.dropLast(1)))
        #expect(ScopeIndex.decodeSealed(&cut, total: entries.count) == nil)

        let cli = CLIHarness()
        let path = cli.temp.path + "/sealed"
        func records(_ bytes: [UInt8]) throws -> ScopeIndex.SealedRecords {
            try PosixFile.writeAtomically(bytes, to: path)
            return ScopeIndex.SealedRecords(file: try PosixFile(path: path, mode: .read), segments: segments, after: base, nodeCount: nodeCount)
        }
        let sealed = try records(file)
        #expect(try sealed.itemNodes() == nodes)
        for (n, entry) in entries.enumerated() { #expect(try sealed.entry(n) == entry, "record \(n)") }
        for (key, node) in keys { #expect(try sealed.node(forKey: key) == node, "key \(key)") }
        for _ in 0..<500 { let key = random.next(); if keys[key] == nil { #expect(try sealed.node(forKey: key) == nil) } }
        try sealed.checkWhole()
        for _ in 0..<200 {
            let position = 48 + Int(random.next() % UInt64(file.count - 48))
            var changed = file
            changed[position] ^= UInt8(1 << (random.next() % 8))
            #expect(throws: ScopeIndex.RecentDamaged.self, "byte \(position)") { try records(changed).checkWhole() }
        }
        // A read that lands on a changed part: its entry, its page.
        var changed = file
        changed[Int(segments[2].entriesAt) + 5] ^= 0x01
        #expect(throws: ScopeIndex.RecentDamaged.self) { _ = try records(changed).entry(segments[2].first) }
        #expect(try records(changed).entry(segments[0].first) == entries[0])
    }

    /// A tail whose sums match but whose directory names more records than any file could hold (review 49 of
    /// recent49: 2^60 overflowed the part count and trapped every scoped read, append and `verify --index`) is
    /// refused as a layout, so the side file is rebuilt.
    @Test(arguments: [UInt64(1) << 60, UInt64(1) << 62, UInt64(Int.max), UInt64.max / 53, UInt64(1) << 40])
    func anOversizedSegmentIsRefusedWithoutTrapping(records: UInt64) {
        var directory = ByteWriter()
        directory.u64(records); directory.u64(UInt64(ScopeIndex.sealedHeaderBytes) + 1_000); directory.u64(1)
        directory.u64(UInt64(ScopeIndex.sealedHeaderBytes)); directory.u64(records); directory.u64(3)
        directory.raw([UInt8](repeating: 7, count: 32))
        directory.raw([UInt8](repeating: 1, count: 32 * 4 + 40))
        var r = ByteReader(directory.bytes)
        #expect(ScopeIndex.decodeSealed(&r, total: Int(min(records, UInt64(Int.max)))) == nil)
    }

    /// A parent chain that does not end at a root is refused.
    @Test func aCycleIsRefused() {
        typealias Node = ScopeIndex.RecentNode
        #expect(ScopeIndex.recentRoots([Node(parent: 1, block: nil, key: 1), Node(parent: 0, block: nil, key: 2)]) == nil)
        #expect(ScopeIndex.recentRoots([Node(parent: 1, block: 3, key: 0), Node(parent: 2, block: nil, key: 2), Node(parent: 2, block: nil, key: 5)])
                == [2, 2, 2])
    }
}
