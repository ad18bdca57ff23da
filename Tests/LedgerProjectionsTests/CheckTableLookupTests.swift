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

    /// A table made by hand whose prefixes line up with its blocks (`CheckState.Writer`, a block ended after each
    /// group), with a recent table over it (review 40g #1): block `i` (of 9, three to a page) begins exactly with
    /// the prefix `[0x20 + i, 0x01]`, so a lookup of a key just before that first key lands in block `i − 1`, which
    /// holds none of the prefix, and only the next block's first key (the directory's, or the top's for the first
    /// block of a page) shows it is held; prefixes held only in `checks.recent` are the other half of `knownAbsent`.
    /// A held prefix is never learnt absent, an absent one asked is, and every lookup answers as the entries do.
    @Test func knownAbsentWithPrefixesAlignedToBlocks() throws {
        let temporary = TemporaryDirectory()
        let (directory, _) = try CheckStateDamageTests.ledger(temporary)
        let made = try CheckStateBlocksTests.table(directory).header
        // The table: 9 blocks of one tag each, two prefixes a block ([t, 1] starting it, [t, 3] ending it).
        var base: [[UInt8]: [UInt8]] = [:]
        var writer = CheckState.Writer()
        for block in 0..<9 {
            let tag = UInt8(0x20 + block)
            for key: [UInt8] in [[tag, 0x01, 0x05], [tag, 0x01, 0x06], [tag, 0x03, 0x01], [tag, 0x03, 0x02]] {
                base[key] = [UInt8(block), key[2]]
                writer.add(key, base[key]!)
            }
            writer.flush()
        }
        try PosixFile.writeAtomically(writer.finish(ledgerName: made.ledgerName, genesis: made.genesis, stamp: made.stamp),
                                      to: CheckState.path(directory))
        // The recent table, at the head after more records: prefixes [t, 2] of even tags held only there (the first of
        // its second block starting one), one key the table holds too, and a prefix after every key of the table.
        try TestLedger.append(CheckRecentTests.events(seed: 41, count: 4), to: directory)
        let head = try #require(CheckState.readWholeLog(directory, upToSeq: nil, effective: false, fold: false).stamps?.head)
        var recent: [[UInt8]: [UInt8]] = [:]
        for block in stride(from: 0, to: 9, by: 2) { recent[[UInt8(0x20 + block), 0x02, 0x07]] = [0xEE, UInt8(block)] }
        recent[[0x24, 0x01, 0x05]] = [0xEE, 0xEE]
        recent[[0x40, 0x01, 0x01]] = [0xEE, 0x40]
        var recentWriter = CheckState.Writer()
        recentWriter.add(CheckState.continuesKey, CheckState.continuesValue(made.stamp))
        for (n, key) in recent.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }).enumerated() {
            recentWriter.add(key, recent[key]!)
            if n == 1 { recentWriter.flush() }
        }
        try PosixFile.writeAtomically(recentWriter.finish(ledgerName: made.ledgerName, genesis: made.genesis, stamp: head,
                                                          kind: CheckState.recentKind),
                                      to: CheckState.recentPath(directory))
        let table = try CheckStateBlocksTests.table(directory)
        #expect(table.header.blocks.count == 9 && table.header.blocks.placesPerPage == 3 && (table.recent?.header.blocks.count ?? 0) == 2)
        // A merge keeps the first value (`CheckState.combine`): the table's where both hold the key.
        func expected(_ key: [UInt8]) -> [UInt8]? { base[key] ?? recent[key] }
        let held = Set((Array(base.keys) + Array(recent.keys)).map { Array($0.prefix(2)) })
        // First a key just before each block's first key: its prefix is held, seen only in the next block's first key.
        for block in 0..<9 {
            let tag = UInt8(0x20 + block)
            #expect(table.value([tag, 0x01, 0x00]) == nil)
            #expect(!table.knownAbsent(tag, 0x01), "block \(block)'s first prefix learnt absent")
            #expect(table.value([tag, 0x01, 0x05]) == expected([tag, 0x01, 0x05]), "block \(block)")
        }
        // Held only in the recent table: asked first with a key before any it holds.
        for block in stride(from: 0, to: 9, by: 2) {
            let tag = UInt8(0x20 + block)
            #expect(table.value([tag, 0x02, 0x00]) == nil)
            #expect(!table.knownAbsent(tag, 0x02), "recent prefix of block \(block) learnt absent")
            #expect(table.value([tag, 0x02, 0x07]) == expected([tag, 0x02, 0x07]))
        }
        // Then seeded random keys around every prefix, each answer also a table's opened afresh.
        let tags: [UInt8] = [0x10] + (0x1F...0x29).map { $0 } + [0x40, 0x41]
        var random = SplitMix64(seed: 0x40_67)
        var askedAbsent = Set<[UInt8]>()
        for round in 0..<1_500 {
            let key = [tags[random.below(tags.count)], UInt8(random.below(6)), [0x00, 0x01, 0x02, 0x05, 0x06, 0x07, 0x09][random.below(7)]]
            if !held.contains(Array(key.prefix(2))) { askedAbsent.insert(Array(key.prefix(2))) }
            #expect(table.value(key) == expected(key), "round \(round): \(key)")
            if round % 50 == 0 { #expect(try CheckStateBlocksTests.table(directory).value(key) == expected(key), "fresh, round \(round)") }
        }
        #expect(table.damage == nil)
        for first in tags {
            for second in 0...255 where table.knownAbsent(first, UInt8(second)) {
                #expect(!held.contains([first, UInt8(second)]), "held prefix \(first) \(second) learnt absent")
            }
        }
        for prefix in askedAbsent { #expect(table.knownAbsent(prefix[0], prefix[1]), "absent prefix \(prefix) asked but not learnt") }
        #expect(askedAbsent.count > 20, "\(askedAbsent.count) absent prefixes asked")
    }
}
