import Foundation
@testable import LedgerPlatform
import Testing

/// `Parallel.alongside`'s shared pieces let go of their closure once the caller has the results (session 50): a
/// dispatched block that starts late (a busy machine) holds the pieces after `alongside` has returned, and before,
/// the closure and all it captured (a writer's batch of events) lived until that block ran and were freed on its
/// thread, during the caller's next call.
@Suite struct ParallelPiecesTests {
    final class Tracker: Sendable {}

    @Test func thePiecesLetGoOfTheirClosureWithTheResults() {
        weak var captured: Tracker?
        let shared: SharedPieces<Int>
        do {
            let tracker = Tracker()
            captured = tracker
            shared = SharedPieces<Int>(4) { index in withExtendedLifetime(tracker) { index * 2 } }
        }
        #expect(captured != nil, "the closure holds what it captured while pieces may begin")
        shared.work()
        shared.waitForBegun()
        #expect(shared.values() == [0, 2, 4, 6])
        #expect(captured == nil, "let go with the results, though the pieces are still referenced")
        // A block that starts now begins nothing.
        shared.work()
        shared.waitForBegun()
    }

    @Test func stoppedPiecesLetGoOfTheirClosureToo() {
        weak var captured: Tracker?
        let shared: SharedPieces<Int>
        do {
            let tracker = Tracker()
            captured = tracker
            shared = SharedPieces<Int>(3) { index in withExtendedLifetime(tracker) { index } }
        }
        shared.stop()
        shared.waitForBegun()
        #expect(shared.values() == [nil, nil, nil])
        #expect(captured == nil)
    }
}
