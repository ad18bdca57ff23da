#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The C library's threads, mutexes and condition variables, so that the program needs no Foundation: loading
// Foundation (and the ICU data it maps) cost every `ledger` process some 5 ms of wall time before its first
// instruction of work, as much as a whole warm `append` of one event spends on its own work (docs/perf-start28.md).

/// `sleep(3)`, named apart from `PosixThread.sleep`.
private func sleepOfTheCLibrary(_ seconds: UInt32) -> UInt32 { sleep(seconds) }

/// Threads of the C library.
public enum PosixThread {
    /// Runs `body` on a new thread of its own with a stack of `stackSize` bytes; nobody joins it (the caller learns
    /// that `body` is done by its own means, e.g. a semaphore `body` signals last).
    /// - Returns: false, with `body` not run, when the system gives no thread (`pthread_create` fails: a limit of
    ///   the process's, user's or container's threads reached, or no memory for the stack); the caller then does
    ///   the work on its own thread, as with one core, rather than stop the command.
    public static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        if startsRefusedHere { return false }
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        return true
    }

    /// Runs `body` with every `start` made on this thread failing as `pthread_create` does when the system gives no
    /// thread, so that tests reach the callers' way without one. Other threads start theirs as usual.
    static func withStartsRefused<R>(_ body: () throws -> R) rethrows -> R {
        let before = pthread_getspecific(refusalKey)
        pthread_setspecific(refusalKey, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(refusalKey, before) }
        return try body()
    }

    /// Whether `withStartsRefused` is running on this thread.
    private static var startsRefusedHere: Bool { pthread_getspecific(refusalKey) != nil }

    /// The thread-specific slot `withStartsRefused` marks (created once; a test's mark never leaks to another thread).
    private static let refusalKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// Sleeps this thread for `seconds` whole seconds (again after a signal cut it short).
    public static func sleep(seconds: UInt32) {
        var left = seconds
        while left > 0 { left = sleepOfTheCLibrary(left) }
    }

    private final class Body: @unchecked Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
