import LedgerChain
import LedgerEvents
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `verify --schema`'s fold-order check read twice without holding the facts (`FoldOrderScan`) against the same
/// check over the facts in effect (`FoldOrderCheck.problems(of:)` of an `EffectiveLog`), on seeded random logs written
/// past every door: duplicates, dangling and back-dated references, corrections with and without a replacement, a
/// creation listed after what names it on its date.
@Suite struct FoldOrderScanTests {
    @Test func theTwoReadsAgreeWithTheFactsInEffect() {
        var streamed = 0, listed = 0
        for seed in TestScale.seeds(40) {
            var random = SplitMix64(seed: UInt64(seed) &* 0x51F1 &+ 11)
            var records = ProjectionFoldTests.randomLog(&random)
            var events = records.map { Event(id: $0.id, occurredOn: $0.occurredOn, actor: $0.actor, payload: $0.payload) }
            // Most seeds: no correction of a creation or an end (the two reads are then taken; otherwise the facts in
            // effect are held, and both sides are the same code).
            if seed % 4 != 0 {
                let registering = Set(events.filter { ReferenceChecker.registeringTypes.contains($0.type) }.compactMap(\.id))
                events.removeAll { event in
                    guard case .domain(.correction(let c)) = event.payload else { return false }
                    return registering.contains(c.corrects) || c.replacement.map { ReferenceChecker.registeringTypes.contains($0.type.rawValue) } == true
                }
                records = Fixtures.records(events)
            }
            // Half the seeds: the log's records of each date reversed (creations after what names them), renumbered.
            if seed % 2 == 1 {
                let byDate = Dictionary(grouping: events.indices, by: { events[$0].occurredOn })
                var order = events.indices.map { $0 }
                for indexes in byDate.values where indexes.count > 1 {
                    for (a, b) in zip(indexes, indexes.reversed()) { order[a] = b }
                }
                records = Fixtures.records(order.map { events[$0] })
            }
            let expected = FoldOrderCheck.problems(of: EffectiveLog(records: records))
            listed += expected.count
            var scan = FoldOrderScan()
            for record in records { scan.apply(record) }
            guard let found = scan.problems({ (visit: (Record) -> Void) in for record in records { visit(record) } }) else { continue }
            streamed += 1
            #expect(found == expected, "seed \(seed): \(found.count) against \(expected.count)")
        }
        #expect(streamed >= 5 && listed >= 20, "\(streamed) logs read twice, \(listed) problems")
    }
}
