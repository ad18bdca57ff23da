import LedgerChain
import LedgerEvents
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 52 (docs/perf-import52.md): the stored state's check of a held batch of typed facts (an import of up to
/// `DomainValidator.heldFactsMax` rows) makes its facts on every core, in consecutive parts, and the look-up's
/// absent assets are a class, not a struct copied at every part registered. The facts are those the check made one
/// by one before, in order; the issues are those of the facts made when read (`heldFactsMax: 0`, the path that
/// makes no parts), of the whole log, and the same with and without the look-up's absent assets.
@Suite("A held batch's facts made in parts") struct BatchFactsInPartsTests {
    /// New assets, some reusing a registered id (`A-1`…`A-3`) or an id of the batch, over registered and unknown
    /// communities, dated around the communities' registration (2024-01-01): as `LargeTypedBatchTests`, with counts
    /// about `parallelFactsMin`.
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

    /// The fact of event `index` as the check made it before the parts (session 51's `batchFact`, kept as the oracle).
    static func oracleFact(_ batch: EventBatch, _ index: Int, lastSeq: Int64) -> EffectiveFact? {
        let event = batch[index]
        let seq = lastSeq + 1 + Int64(index)
        guard case .domain(let payload) = event.payload else { return nil }
        if case .correction = payload { return nil }
        return EffectiveFact(position: seq, evidence: Evidence(seq: seq, eventID: event.id ?? "(no id)"), replaces: nil,
                             occurredOn: event.occurredOn, actor: event.actor ?? "", payload: payload)
    }

    @Test(arguments: [0, 1, 2, 1_023, 1_024, 1_025, 2_049])
    func thePartsInOrderAreTheFactsOneByOne(count: Int) {
        var random = SplitMix64(seed: UInt64(count) &+ 52)
        let events = Self.assets(&random, seed: 52, count: count)
        let batch = EventBatch(count: count, allTypedFacts: true, header: { EventHeader(id: events[$0].id, actor: events[$0].actor) },
                               make: { events[$0] })
        let lastSeq = Int64(random.int(0...1_000))
        let oracle = batch.indices.compactMap { Self.oracleFact(batch, $0, lastSeq: lastSeq) }
        #expect(oracle.count == count, "count \(count): every event is a fact of its own")
        for cores in [1, 2, 3, 7] {
            let parts = DomainValidator.ownFactsInParts(batch, lastSeq: lastSeq, cores: cores)
            #expect(parts.count == (count >= DomainValidator.parallelFactsMin ? cores : 1), "count \(count), cores \(cores)")
            #expect(parts.flatMap { $0 } == oracle, "count \(count), cores \(cores)")
        }
    }

    /// A batch that is not all typed facts (hand-written events, corrections) is made one by one as before: the
    /// fact of a correction or of a payload read raw is nil, and left out of the parts.
    @Test func eventsThatAreNotOwnFactsAreLeftOut() {
        let events = Fixtures.events(Fixtures.base)
        let batch = EventBatch(events)
        let oracle = batch.indices.compactMap { Self.oracleFact(batch, $0, lastSeq: 7) }
        for index in batch.indices {
            #expect(DomainValidator.ownFact(batch, index, lastSeq: 7) == Self.oracleFact(batch, index, lastSeq: 7), "event \(index)")
        }
        #expect(DomainValidator.ownFactsInParts(batch, lastSeq: 7, cores: 3).flatMap { $0 } == oracle)
    }

    @Test(arguments: TestScale.seeds(4, from: 520))
    func thePartsGiveTheIssuesOfFactsMadeWhenRead(seed: UInt64) {
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
