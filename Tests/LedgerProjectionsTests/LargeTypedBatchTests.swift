import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 18: the stored state's check of a batch of typed facts larger than `DomainValidator.heldFactsMax` (a
/// register import of a million rows) makes each fact when it reads it instead of holding them all. The issues are
/// those of the facts held, and those of the whole log.
@Suite("Large typed batches checked without holding their facts") struct LargeTypedBatchTests {
    @Test(arguments: TestScale.seeds(6, from: 1))
    func factsMadeWhenReadGiveTheIssuesOfFactsHeld(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let existing = Fixtures.records(Fixtures.events(Fixtures.base))
        var fold = CheckFold()
        for record in existing { fold.apply(record) }
        let count = random.int(1...200)
        // New assets, some reusing a registered id or an id of the batch, over registered and unknown communities,
        // dated around the communities' registration (2024-01-01).
        let start = CalendarDate(year: 2023, month: 12, day: 25)!
        var ids: [String] = []
        let events: [Event] = (0..<count).map { index in
            let id: String
            switch random.int(0..<10) {
            case 0: id = "A-\(random.int(1...3))"
            case 1 where !ids.isEmpty: id = ids[random.int(0..<ids.count)]
            default: id = "N-\(seed)-\(index)"
            }
            ids.append(id)
            let community = ["C-1", "C-2", "C-9"][random.int(0..<3)]
            let date = start.adding(days: random.int(0...20))
            return Event(id: "imp-\(seed)-r\(index + 2)", occurredOn: date, actor: nil, payload: .assetRegistered(AssetRegistered(
                assetID: id, communityID: community, kind: .parking, name: "车位\(index)", location: "东", area: DecimalQuantity(units: 1_250),
                registeredOn: date, source: .manual, attributes: random.int(0..<4) == 0 ? ["note": "备注"] : [:])))
        }
        let batch = EventBatch(count: count, allTypedFacts: true, header: { EventHeader(id: events[$0].id, actor: nil) },
                               make: { events[$0] })
        let held = DomainValidator.validate(fold: fold, batch: batch)
        let made = DomainValidator.validate(fold: fold, batch: batch, heldFactsMax: 0)
        #expect(held == made, "seed \(seed)")
        guard case .checked(let issues) = made else {
            Issue.record("seed \(seed): the state could not decide a batch of new assets: \(made)")
            return
        }
        #expect(issues == DomainValidator.validate(existing: EffectiveLog(records: existing), batch: batch), "seed \(seed)")
        if count > 20 { #expect(!issues.isEmpty, "seed \(seed): no problem to compare") }
    }
}
