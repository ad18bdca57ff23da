#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A lock with a condition to wait on (`pthread_mutex_t` and `pthread_cond_t`): `wait` is called with the lock held,
/// releases it while waiting and holds it again when it returns; callers wait in a loop on their own predicate, as
/// a wait may return without a signal.
public final class PosixCondition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        let locked = pthread_mutex_init(mutex, nil), waiting = pthread_cond_init(condition, nil)
        precondition(locked == 0 && waiting == 0, "pthread_mutex_init / pthread_cond_init failed (\(locked), \(waiting))")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deinitialize(count: 1)
        condition.deallocate()
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    /// Releases the lock, waits for a `signal` or `broadcast`, and holds the lock again.
    public func wait() { pthread_cond_wait(condition, mutex) }
    /// Wakes one waiter.
    public func signal() { pthread_cond_signal(condition) }
    /// Wakes every waiter.
    public func broadcast() { pthread_cond_broadcast(condition) }
}
