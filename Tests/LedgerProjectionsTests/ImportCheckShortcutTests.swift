import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The shortcuts an import's look-up and check take (session 43): the stored table that holds no part answers the
/// named ids after one look-up and the batch's registrations without the set of ids found absent, and memory (the
/// records after the state's stamp) is asked only when it registers a part. Seeded ledgers — parts in the table or
/// none, parts after its stamp or none — and batches of new ids, ids held in either place, repeats, parts of an
/// unregistered community and parts dated before their community: the issues are the whole log's, and the named
/// ids found registered are those `Registers.entry` finds.
@Suite struct ImportCheckShortcutTests {
    static let community = #"{"type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#

    /// A part's registration, with the event id `eventID`.
    static func part(_ id: String, community: String = "C-1", on date: String = "2024-07-01", eventID: String) -> Event {
        var event = CheckTableMergedLookupTests.event(#"{"type":"asset.registered","occurred_on":"\#(date)","data":{"asset_id":"\#(id)","community_id":"\#(community)","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"\#(date)","source":{"kind":"manual"}}}"#, 0, 0)
        event.id = eventID
        return event
    }

    /// A community and `stored` parts, the state written at the head; then `after` parts appended after its stamp.
    static func ledger(_ temporary: TemporaryDirectory, _ random: inout SplitMix64, stored: Int, after: Int) throws
        -> (directory: LedgerDirectory, stored: [String], after: [String]) {
        let directory = TestLedger.create(in: temporary)
        var ids = Set<String>()
        while ids.count < stored + after { ids.insert("P-" + CheckTableMergedLookupTests.id(&random)) }
        let all = ids.sorted().shuffled(using: &random)
        let first = CheckTableMergedLookupTests.event(community, 0, 7)
        var events = [first]
        for (n, id) in all.prefix(stored).enumerated() { events.append(part(id, eventID: "s-\(n)")) }
        try TestLedger.append(events, to: directory)
        let written = try CheckState.validate(directory, headSeq: try CheckStateTests.head(directory), batch: EventBatch([]), useState: true)
        #expect(written.wroteState)
        if after > 0 {
            try TestLedger.append(all.suffix(after).enumerated().map { part($1, eventID: "a-\($0)") }, to: directory)
        }
        return (directory, Array(all.prefix(stored)), Array(all.suffix(after)))
    }

    @Test(arguments: TestScale.seeds(6, from: 430))
    func stateAnswersAsTheWholeLog(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temporary = TemporaryDirectory()
        // Every pairing of parts in the table (none, some) and after its stamp (none, some).
        let stored = seed % 2 == 0 ? 0 : 200 + random.below(200)
        let after = (seed / 2) % 2 == 0 ? 0 : 5 + random.below(30)
        let (directory, held, later) = try Self.ledger(temporary, &random, stored: stored, after: after)
        let head = try CheckStateTests.head(directory)
        #expect(try CheckStateBlocksTests.table(directory).seq == head - Int64(after))
        var batch: [Event] = []
        var batchIDs: [String] = []
        var named = Set<String>()
        for n in 0..<(50 + random.below(250)) {
            let known = held + later
            var id = "P-" + CheckTableMergedLookupTests.id(&random)
            var community = "C-1", date = "2024-08-01"
            switch random.below(10) {
            case 0 where !known.isEmpty: id = known[random.below(known.count)]
            case 1 where !batchIDs.isEmpty: id = batchIDs[random.below(batchIDs.count)]
            case 2: community = "C-9"
            case 3: date = "2023-06-01"
            case 4 where !known.isEmpty: id = known[random.below(known.count)].lowercased()
            default: break
            }
            batch.append(Self.part(id, community: community, on: date, eventID: "b-\(seed)-\(n)"))
            batchIDs.append(id)
            named.insert(id)
        }
        let whole = DomainValidator.validate(existing: try VerifiedLog.read(directory).records, batch: batch)
        let found = try #require(try RegisterImports.lookup(directory, fileSHA256: "x", communityIDs: ["C-1"], assetIDs: NamedAssetIDs(named)))
        #expect(found.registeredAssets == named.filter { found.caughtUp.fold.registers.entry(.asset, $0) != nil }, "seed \(seed)")
        #expect(found.registeredAssets == named.intersection(held + later), "seed \(seed)")
        let checked = try CheckState.validate(directory, headSeq: head, batch: EventBatch(batch), useState: true, rewriteAfter: .max,
                                              caughtUp: found.caughtUp, absentAssets: found.absentAssets)
        #expect(checked.wholeLogReason == nil, "seed \(seed): \(checked.wholeLogReason ?? "")")
        #expect(checked.issues == whole, "seed \(seed)")
        // Hostile rows are refused: the batch is never clean.
        #expect(!whole.isEmpty)
        // Without the look-up's answer (every part looked up), the same issues.
        let plain = try CheckState.validate(directory, headSeq: head, batch: EventBatch(batch), useState: true, rewriteAfter: .max)
        #expect(plain.issues == whole, "seed \(seed)")
    }
}
