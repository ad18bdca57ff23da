import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 52 (docs/perf-import52.md): the look-up's absent assets (`CheckState.AbsentAssets`) are a class, not a
/// struct copied at every part the batch's check registers. A batch of 1,000–2,600 new parts (an import's size, not
/// the fixtures' few) gives the issues of its facts held and of its facts made when read (`heldFactsMax: 0`), of
/// the whole log, and the same issues given the look-up's absent assets, held or not. This fold has no stored table
/// (its registrations are all in memory, which the check asks for an id the look-up found absent), so a wrong
/// `AbsentAssets.contains` does not change its issues: a planted one (true for every id asked) passed here and
/// failed `NamedAssetIDsLookupTests` (1,941 issues), which checks the answers against a stored state.
@Suite("The check of an import's batch with the look-up's absent assets") struct AbsentAssetsBatchTests {
    /// New assets, some reusing a registered id (`A-1`…`A-3`) or an id of the batch, over registered and unknown
    /// communities, dated around the communities' registration (2024-01-01): as `LargeTypedBatchTests`, with more.
    static func assets(_ random: inout SplitMix64, seed: UInt64, count: Int) -> [Event] {
        let start = CalendarDate(year: 2023, month: 12, day: 25)!
        var ids: [String] = []
        return (0..<count).map { index in
            let id: String
            switch random.int(0..<40) {
            case 0: id = "A-\(random.int(1...3))"
            case 1 where !ids.isEmpty: id = ids[random.int(0..<ids.count)]
            default: id = "N-\(seed)-\(index)"
            }
            ids.append(id)
            let community = ["C-1", "C-2", "C-1", "C-2", "C-9"][random.int(0..<5)]
            let date = start.adding(days: random.int(0...20))
            return Event(id: "imp-\(seed)-r\(index + 2)", occurredOn: date, actor: random.int(0..<3) == 0 ? "clerk" : nil,
                         payload: .assetRegistered(AssetRegistered(
                assetID: id, communityID: community, kind: .parking, name: "车位\(index)", location: "东", area: DecimalQuantity(units: 1_250),
                registeredOn: date, source: .manual, attributes: random.int(0..<4) == 0 ? ["note": "备注"] : [:])))
        }
    }

    @Test(arguments: TestScale.seeds(4, from: 520))
    func theAbsentAssetsGiveTheIssuesOfTheFold(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let existing = Fixtures.records(Fixtures.events(Fixtures.base))
        var fold = CheckFold()
        for record in existing { fold.apply(record) }
        let count = random.int(1_000...2_600)
        let events = Self.assets(&random, seed: seed, count: count)
        let batch = EventBatch(count: count, allTypedFacts: true, header: { EventHeader(id: events[$0].id, actor: events[$0].actor) },
                               make: { events[$0] })
        let held = DomainValidator.validate(fold: fold, batch: batch)
        let made = DomainValidator.validate(fold: fold, batch: batch, heldFactsMax: 0)
        #expect(held == made, "seed \(seed), \(count) events")
        guard case .checked(let issues) = made else {
            Issue.record("seed \(seed): the state could not decide a batch of new assets: \(made)")
            return
        }
        #expect(issues == DomainValidator.validate(existing: EffectiveLog(records: existing), batch: batch), "seed \(seed)")
        #expect(!issues.isEmpty, "seed \(seed): no problem to compare")
        // The look-up's answer (every id of the batch asked; the recorded `A-…` registered): the same issues.
        let asked = NamedAssetIDs(events.compactMap { event -> String? in
            if case .domain(.assetRegistered(let p)) = event.payload { return p.assetID }
            return nil
        })
        let registered = Set((1...3).map { "A-\($0)" }).filter { asked.containsExactly($0) }
        let absent = CheckState.AbsentAssets(asked: asked, registered: registered)
        #expect(DomainValidator.validate(fold: fold, batch: batch, absentAssets: absent) == held, "seed \(seed): with the absent assets")
        #expect(DomainValidator.validate(fold: fold, batch: batch, heldFactsMax: 0, absentAssets: absent) == held, "seed \(seed)")
    }
}
