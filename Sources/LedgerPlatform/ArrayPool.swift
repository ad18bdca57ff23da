/// Arrays handed from thread to thread and back for reuse: a scan's workers fill one per part of a chunk, the
/// checking thread gives it back when done. A fresh array of some hundred KB per part and chunk came from newly
/// mapped memory each time, and the kernel's zeroing of those pages cost a quarter of verify's CPU; a reused
/// array keeps its pages.
public final class ArrayPool<Element>: @unchecked Sendable {
    private var free: [[Element]] = []
    private let lock = PosixLock()
    /// Arrays kept at most (more are dropped).
    private let limit: Int

    public init(limit: Int = 64) { self.limit = limit }

    /// An empty array, with the capacity of one given back earlier when there is one.
    public func take() -> [Element] {
        lock.lock()
        var array = free.popLast() ?? []
        lock.unlock()
        array.removeAll(keepingCapacity: true)
        return array
    }

    /// Gives `array` back (the caller keeps no other reference to it, or it is copied on its next use).
    public func give(_ array: consuming [Element]) {
        lock.lock()
        if free.count < limit { free.append(array) }
        lock.unlock()
    }
}
