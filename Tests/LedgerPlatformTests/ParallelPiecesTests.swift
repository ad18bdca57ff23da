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
    /// `alongside` itself (review of append50 #2): every piece's result in index order with `first`'s value, and
    /// nothing the pieces captured is held once it returns, whether a worker took pieces or not. Many rounds, so that
    /// workers that start early, late or never all occur.
    @Test func alongsideGivesEveryPieceInOrderAndHoldsNothingAfter() {
        for round in 0..<200 {
            weak var captured: Tracker?
            let value: Int, results: [Int?]
            do {
                let tracker = Tracker()
                captured = tracker
                (value, results) = Parallel.alongside({ (round, true) }, pieces: 1 + round % 9) { index in
                    withExtendedLifetime(tracker) { index * 3 }
                }
            }
            #expect(value == round)
            #expect(results == (0..<(1 + round % 9)).map { $0 * 3 }, "round \(round)")
            #expect(captured == nil, "round \(round): the pieces' closure let go when alongside returned")
        }
    }

    /// `first` returning false for `keepGoing`: no piece is begun after it, the pieces begun by workers are done. They
    /// are taken in order, so the results are those of a first run of pieces, each its own, and nil after.
    @Test func alongsideBeginsNoPieceAfterFirstSaysStop() {
        for round in 0..<200 {
            let (_, results) = Parallel.alongside({ ((), false) }, pieces: 64) { index in index }
            let done = results.prefix { $0 != nil }.count
            #expect(results.prefix(done).map { $0! } == Array(0..<done), "round \(round)")
            #expect(results.dropFirst(done).allSatisfy { $0 == nil }, "round \(round): \(results)")
        }
    }
}
