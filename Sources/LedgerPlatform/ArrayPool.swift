/// Buffers handed from thread to thread and back for reuse: a scan's workers fill one array per part of a chunk,
/// the checking thread gives it back when done; the record writer makes a part's lines in one `LineBuffer`. A
/// fresh array of some hundred KB per part and chunk came from newly mapped memory each time, and the kernel's
/// zeroing of those pages cost a quarter of verify's CPU; a reused buffer keeps its pages.
public final class ReusePool<Value: Reusable>: @unchecked Sendable {
    private var free: [Value] = []
    private let lock = PosixLock()
    /// Buffers kept at most (more are dropped).
    private let limit: Int

    public init(limit: Int = 64) { self.limit = limit }

    /// An empty buffer, with the memory of one given back earlier when there is one.
    public func take() -> Value {
        lock.lock()
        var value = free.popLast() ?? Value()
        lock.unlock()
        value.clearForReuse()
        return value
    }

    /// Gives `value` back (the caller keeps no other copy of it, or that copy is copied on its next write).
    public func give(_ value: consuming Value) {
        lock.lock()
        if free.count < limit { free.append(value) }
        lock.unlock()
    }
}

/// The arrays a pool reuses.
public typealias ArrayPool<Element> = ReusePool<[Element]>

/// A buffer a `ReusePool` hands out again: emptied, its memory kept.
public protocol Reusable {
    init()
    /// Forgets the contents, keeping the memory.
    mutating func clearForReuse()
}

extension Array: Reusable {
    public mutating func clearForReuse() { removeAll(keepingCapacity: true) }
}

extension LineBuffer: Reusable {
    public mutating func clearForReuse() { removeAll() }
}
