import Dispatch
import Foundation

/// Runs independent pieces of work on the machine's cores. The only place where results cross threads, so the
/// `@unchecked Sendable` it needs stays in this module.
public enum Parallel {
    /// `body(0)`, …, `body(count − 1)` run concurrently (Dispatch's concurrentPerform); the results come back in
    /// index order. Each call writes only its own slot, under a lock.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        precondition(count >= 0, "a count of work items is not negative")
        let results = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in results.set(index, body(index)) }
        return results.values()
    }

    /// Active processor count (at least 1).
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { value in
            guard let value else { preconditionFailure("every parallel work item stores its result") }
            return value
        }
    }
}
