import Foundation
@testable import LedgerPlatform
import Testing

/// When the system gives no thread (`pthread_create` fails: a process, user or container limit of threads, or no
/// memory for a stack), `Parallel` does the work on the caller's thread, as with one core, instead of stopping the
/// command. `PosixThread.withStartsRefused` makes every start on this thread fail that way.
@Suite struct ParallelWithoutThreadsTests {
    final class Flag: @unchecked Sendable {
        let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// A refused start runs nothing and says so; the same start outside the refusal runs its body.
    @Test func aRefusedStartRunsNothingAndSaysSo() {
        let refused = Flag()
        let started = PosixThread.withStartsRefused { PosixThread.start(stackSize: 1 << 20) { refused.set() } }
        #expect(!started)
        let ran = Flag()
        let done = DispatchSemaphore(value: 0)
        #expect(PosixThread.start(stackSize: 1 << 20) { ran.set(); done.signal() })
        #expect(done.wait(timeout: .now() + 20) == .success && ran.isSet)
        #expect(!refused.isSet, "the refused body never ran")
    }

    /// A pipeline without a thread: every value consumed, in order, before it returns; the producer's result and
    /// its error come back as with a thread.
    @Test(arguments: [1, 7, 1024])
    func aPipelineWithoutAThreadConsumesEveryValueInOrder(groupSize: Int) {
        var seen: [Int] = []
        let sent = PosixThread.withStartsRefused {
            Parallel.pipeline(groupSize: groupSize, groupsAhead: 1, produce: { (send: (Int) -> Void, close: () -> Void) -> Int in
                for value in 0..<5_000 { send(value) }
                close()
                return 5_000
            }, consume: { seen.append($0) })
        }
        #expect(sent == 5_000 && seen == Array(0..<5_000))
        struct Stop: Error, Equatable {}
        var consumed = 0
        #expect(throws: Stop()) {
            try PosixThread.withStartsRefused {
                try Parallel.pipeline(groupSize: groupSize, produce: { (send: (Int) -> Void, _: () -> Void) throws(Stop) in
                    for value in 0..<100 { send(value) }
                    throw Stop()
                }, consume: { _ in consumed += 1 })
            }
        }
        #expect(consumed == 100)
    }

    /// `together` without a thread runs both closures, first then second, and gives both results.
    @Test func togetherWithoutAThreadRunsBothInTurn() {
        var order: [String] = []
        let (a, b) = PosixThread.withStartsRefused {
            Parallel.together({ () -> Int in order.append("first"); return 1 }, { () -> String in order.append("second"); return "two" })
        }
        #expect(a == 1 && b == "two")
        #expect(order == ["first", "second"])
    }

    /// `begin` without a thread runs the work before it returns (done at once); `join` gives its result.
    @Test func beginWithoutAThreadRunsTheWorkHere() {
        let caller = pthread_self()
        let work = PosixThread.withStartsRefused {
            Parallel.begin { () -> Bool in pthread_equal(pthread_self(), caller) != 0 }
        }
        #expect(work.isDone, "the work ran before begin returned")
        // A work left running elsewhere (no fallback) would make this join wait for it; it is done, so it does not.
        if work.isDone { #expect(work.join(), "the work ran on the caller's thread") }
    }
}
