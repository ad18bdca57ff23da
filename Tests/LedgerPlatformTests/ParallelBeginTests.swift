import Foundation
import LedgerPlatform
import Testing

/// `Parallel.begin`: work that outlives the call that began it, joined later (the writer's id table written while
/// the next batches are appended, session 28).
@Suite struct ParallelBeginTests {
    /// Several works begun at once each give their own result to `join`, once done; `isDone` says so after.
    @Test func eachBegunWorkGivesItsResultToJoin() {
        let begun = (0..<8).map { k in Parallel.begin { () -> [Int] in (0..<(1_000 * (k + 1))).map { $0 * k } } }
        for (k, work) in begun.enumerated().reversed() {
            let result = work.join()
            #expect(result.count == 1_000 * (k + 1) && result.last == (1_000 * (k + 1) - 1) * k)
            #expect(work.isDone)
        }
    }

    /// With several cores the work runs while the caller goes on: the caller waits here for a signal the work gives
    /// before it ends, and the work waits for the caller's. Run in place (as with one core), the work would wait
    /// for the caller forever; the waits are bounded, so such a primitive fails this instead of hanging.
    @Test func theWorkRunsWhileTheCallerGoesOn() {
        guard Parallel.coreCount > 1 else { return }
        let started = DispatchSemaphore(value: 0), answered = DispatchSemaphore(value: 0)
        let work = Parallel.begin { () -> Bool in
            started.signal()
            return answered.wait(timeout: .now() + 20) == .success
        }
        #expect(started.wait(timeout: .now() + 20) == .success, "the work began")
        #expect(!work.isDone, "the work waits for the caller")
        answered.signal()
        #expect(work.join(), "the work saw the caller's signal")
        #expect(work.isDone)
    }

    /// What the work captured is let go before `join` returns: an array it held is then this caller's alone, and
    /// changing it in place copies nothing (the writer empties its frozen ids in place after the join).
    @Test func whatTheWorkCapturedIsLetGoByTheJoin() {
        final class Token: @unchecked Sendable {}
        weak var watched: Token? = nil
        let work: Parallel.Begun<Int>
        do {
            let token = Token()
            watched = token
            work = Parallel.begin { () -> Int in withExtendedLifetime(token) { 7 } }
        }
        #expect(work.join() == 7)
        #expect(watched == nil, "the closure and what it captured were released before join returned")
    }
}
