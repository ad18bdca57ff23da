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
    public static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        precondition(pthread_attr_init(&attributes) == 0, "pthread_attr_init failed")
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
            preconditionFailure("pthread_create failed (\(status)): no thread for the work")
        }
    }

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
