import Foundation
import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/scopes.recent` keeps the grouping of the records after the index's stamp (version 2, session 44): each
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
    /// its group, and each key first named after the stamp is in its record's group.
    @Test func groupsAsTheKeysDo() throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli)
        let opened = try #require(try ScopeIndex.open(directory))
        defer { opened.file.close() }
        let recent = try #require(Self.usable(directory, opened)).layout
        let (items, _) = try ScopeIndex.readDelta(opened, directory)
        #expect(items.count == recent.count && recent.count == 35)
        var lookup = ScopeIndex.NodeLookup(opened)
        let (joined, anchors) = try #require(try ScopeIndex.Grouping.joining(items.map(\.links), &lookup))
        var groups = joined
        for i in items.indices {
            #expect(recent.entry(i) == items[i].entry, "record \(i)")
            for j in items.indices where j > i {
                let together = groups.find(anchors[i]) == groups.find(anchors[j])
                #expect((recent.roots[recent.itemNode(i)] == recent.roots[recent.itemNode(j)]) == together, "records \(i), \(j)")
            }
            for key in items[i].links.keys {
                if let block = try lookup.block(key) {
                    let node = try #require(recent.nodes.firstIndex { $0.block == block })
                    #expect(recent.roots[node] == recent.roots[recent.itemNode(i)], "record \(i)'s block \(block)")
                    #expect(recent.node(forKey: key) == nil)
                } else {
                    let node = try #require(recent.node(forKey: key), "record \(i)'s key \(key)")
                    #expect(recent.roots[node] == recent.roots[recent.itemNode(i)], "record \(i)'s key \(key)")
                }
            }
        }
        // Every community registered after the stamp, at its record's group.
        let registered = items.enumerated().flatMap { n, item in item.links.registrations.map { ($0.id, $0.street, n) } }
        #expect(recent.registrations.map { [$0.id, $0.street] } == registered.map { [$0.0, $0.1] })
        for (r, (_, _, n)) in zip(recent.registrations, registered) { #expect(recent.roots[r.node] == recent.roots[recent.itemNode(n)]) }
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
        #expect(layout.count == 35 && layout.keyCount > 0 && !layout.nodes.isEmpty)
        var random = SplitMix64(seed: 44)
        var refused = 0
        for position in partsAt..<clean.count {
            var changed = clean
            changed[position] = UInt8(truncatingIfNeeded: random.next()) | (position % 2 == 0 ? 0x80 : 0x01)
            if changed[position] == clean[position] { changed[position] ^= 0xFF }
            guard let got = decode(changed[...]) else { refused += 1; continue }
            // Accepted: every part reads in range.
            for n in 0..<got.count { _ = got.entry(n) }
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

    /// A parent chain that does not end at a root is refused.
    @Test func aCycleIsRefused() {
        typealias Node = ScopeIndex.RecentNode
        #expect(ScopeIndex.recentRoots([Node(parent: 1, block: nil, key: 1), Node(parent: 0, block: nil, key: 2)]) == nil)
        #expect(ScopeIndex.recentRoots([Node(parent: 1, block: 3, key: 0), Node(parent: 2, block: nil, key: 2), Node(parent: 2, block: nil, key: 5)])
                == [2, 2, 2])
    }
}
