import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerTestSupport
import Testing

/// Every record's `actor` is the event's own, or the batch's default when it names none, byte for byte, on
/// every path a line is made by (written for session 50's attempt to read the actor in place, which was measured
/// no faster and reverted: docs/perf-batch50.md; the test stays as a guard of the actor on each path): lines made
/// ahead on the other core (`speculate`, groups made alongside), lines made after resolving, and batches made on
/// demand (`EventBatch(count:make:)`).
@Suite struct ActorInPlaceTests {
    static let actors: [String?] = [nil, "街道办-张敏", "clerk", nil, "居委会-周平", "café", nil, "cafe\u{301}"]

    @Test(arguments: [(true, false), (false, false), (true, true), (false, true)])
    func everyRecordNamesItsEventsActorOrTheDefault(linesAhead: Bool, madeOnDemand: Bool) throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        writer.linesAhead = linesAhead
        var expected: [String: String] = [:]
        var next = 0
        // Batches below and above `parallelEncodeMin` (one core, or made on every core), one split in groups.
        for (round, size) in [3, 64, 200, 1_000].enumerated() {
            let defaultActor = round % 2 == 0 ? "默认-\(round)" : "default-\(round)"
            var events: [Event] = []
            for offset in 0..<size {
                var event = TestLedger.event(next)
                next += 1
                event.actor = Self.actors[(offset + round) % Self.actors.count]
                expected[event.id!] = event.actor ?? defaultActor
                events.append(event)
            }
            let made = events
            let batch = madeOnDemand ? EventBatch(count: made.count, make: { made[$0] }) : EventBatch(made)
            let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: defaultActor, makeId: { preconditionFailure("ids given") })
            let result = try writer.append(batch, options: options)
            #expect(result.appended.count == size)
        }
        for (id, actor) in expected.sorted(by: { $0.key < $1.key }) {
            let record = try #require(try writer.record(withId: id), "\(id) written")
            #expect(record.actor == actor, "\(id): linesAhead \(linesAhead), madeOnDemand \(madeOnDemand)")
            // The bytes, not only the decoded string: "café" composed and decomposed are different actors.
            #expect(Array(record.actor.utf8) == Array(actor.utf8), "\(id)")
        }
    }
}
