import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The named ids of a register asked of the stored state in one walk in key order (`CheckTable.entries`,
/// `Registers.registered(_:among:)`) answer as one look-up each: seeded random tables (parts in many blocks and
/// pages, some in the recent table) and batches (ids held, ids near them, ids of no part, repeats of one spelling).
@Suite struct CheckTableMergedLookupTests {
    static let alphabet: [String] = ["A", "B", "a", "b", "0", "1", "9", "-", "号", "Z"]

    static func id(_ random: inout SplitMix64) -> String {
        (0..<(1 + random.below(7))).map { _ in alphabet[random.below(alphabet.count)] }.joined()
    }

    static func event(_ line: String, _ n: Int, _ seed: UInt64) -> Event {
        var event = try! EventInput.parse(line: Array(line.utf8), source: "test", lineNumber: n + 1)
        event.id = "m\(seed)-\(n)"
        return event
    }

    static func asset(_ id: String, _ n: Int, _ seed: UInt64) -> Event {
        event(#"{"type":"asset.registered","occurred_on":"2024-07-01","data":{"asset_id":"\#(id)","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2024-07-01","source":{"kind":"manual"}}}"#, n, seed)
    }

    /// A community and `stored` parts of random ids, the state written at the head; then `recent` more parts, the
    /// recent table written over them (when `recent` > 0). Returns the parts' ids.
    static func ledger(_ temporary: TemporaryDirectory, seed: UInt64, stored: Int, recent: Int) throws -> (LedgerDirectory, [String]) {
        let directory = TestLedger.create(in: temporary)
        var random = SplitMix64(seed: seed)
        var ids = Set<String>()
        while ids.count < stored + recent { ids.insert("P-" + id(&random)) }
        let all = ids.sorted().shuffled(using: &random)
        let community = event(#"{"type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#, 0, seed)
        try TestLedger.append([community] + all.prefix(stored).enumerated().map { asset($1, $0 + 1, seed) }, to: directory)
        let written = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        #expect(written.wroteState)
        if recent > 0 {
            try TestLedger.append(all.suffix(recent).enumerated().map { asset($1, stored + 1 + $0, seed) }, to: directory)
            let again = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]),
                                                useState: true, rewriteAfter: 1)
            #expect(again.wroteState && PosixFile.exists(CheckState.recentPath(directory)))
        }
        return (directory, all)
    }

    /// A batch of `count` ids: held ones, near ones (a byte more, a byte less, the case changed), new ones.
    static func batch(_ held: [String], count: Int, _ random: inout SplitMix64) -> [String] {
        var out = Set<String>()
        while out.count < count {
            let base = held[random.below(held.count)]
            switch random.below(5) {
            case 0, 1: out.insert(base)
            case 2: out.insert(base + alphabet[random.below(alphabet.count)])
            case 3: out.insert(String(base.dropLast()))
            default: out.insert(random.below(2) == 0 ? base.lowercased() : "P-" + id(&random))
            }
        }
        return Array(out).shuffled(using: &random)
    }

    @Test(arguments: TestScale.seeds(3, from: 41))
    func mergedAnswersAreOneByOneAnswers(seed: UInt64) throws {
        let temporary = TemporaryDirectory()
        let recent = seed % 3 == 0 ? 0 : 40
        let (directory, held) = try Self.ledger(temporary, seed: seed, stored: 2_500, recent: recent)
        var random = SplitMix64(seed: seed &* 7919)
        for round in 0..<6 {
            let ids = Self.batch(held, count: [1, 2, 50, 400, 1_500, 3_000][round], &random)
            let merged = try CheckStateBlocksTests.table(directory)
            #expect(merged.header.blocks.count > 8, "\(merged.header.blocks.count) blocks")
            #expect((merged.recent != nil) == (recent > 0))
            let got = merged.entries(.asset, ids)
            let single = try CheckStateBlocksTests.table(directory)
            // One by one in the order the walk asks them (the first, then the rest sorted): the same pages read.
            let order = [0] + Array(ids.indices.dropFirst()).sorted { Bytes.precedes(Array(ids[$0].utf8), Array(ids[$1].utf8)) }
            var expected = [ReferenceChecker.Entry?](repeating: nil, count: ids.count)
            for index in order { expected[index] = single.entry(.asset, ids[index]) }
            #expect(got == expected, "seed \(seed) round \(round)")
            #expect(merged.header.blocks.pagesRead == single.header.blocks.pagesRead, "seed \(seed) round \(round)")
            #expect(merged.damage == nil && single.damage == nil)
            // Against a table opened afresh for each id, in the batch's order.
            for index in ids.indices where index % 7 == 0 {
                #expect(got[index] == (try CheckStateBlocksTests.table(directory).entry(.asset, ids[index])), "\(ids[index])")
            }
            let heldSet = Set(held)
            #expect(got.indices.filter { got[$0] != nil }.count == ids.filter { heldSet.contains($0) }.count)
            // The look-up of a register's named ids: memory (the records after the stamp), then the table.
            let found = try #require(try RegisterImports.lookup(directory, fileSHA256: "x", communityIDs: [], assetIDs: NamedAssetIDs(ids)))
            #expect(found.registeredAssets == Set(ids.filter { found.caughtUp.fold.registers.entry(.asset, $0) != nil }))
        }
    }

    /// A table holding no part: the first id asked teaches the table so, and the rest are answered unread.
    @Test func noPartsStored() throws {
        let temporary = TemporaryDirectory()
        let (directory, _) = try Self.ledger(temporary, seed: 5, stored: 0, recent: 0)
        let table = try CheckStateBlocksTests.table(directory)
        var random = SplitMix64(seed: 5)
        let ids = (0..<500).map { _ in "P-" + Self.id(&random) }
        #expect(table.entries(.asset, ids).allSatisfy { $0 == nil })
        #expect(table.knownAbsent(CheckKey.registry, UInt8(ReferenceChecker.Kind.asset.index)))
        #expect(table.entries(.community, ["C-1", "C-2", "C-1"]).map { $0 != nil } == [true, false, true])
    }
}
