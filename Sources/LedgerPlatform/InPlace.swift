extension Array {
    /// Calls `body` with each element, in order, read where it lies (borrowed, through the storage's address).
    /// `for element in array`, `forEach` and `array[index]` hand each element over as a copy (a retain of each of
    /// its references, released after) where the optimizer cannot prove the array unchanged meanwhile. A body that
    /// only reads (`ProjectionFold.reserve(for:)`, which looks at each fact's type) then copies nothing; a body that
    /// hands the element to an opaque function that mutates other state (`ProjectionFold.fold`) still gets a copy
    /// made for the call, since the compiler cannot prove that function leaves the storage alone (measured,
    /// docs/perf-fold21.md).
    @inlinable
    public func forEachInPlace(_ body: (Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { buffer in
            for index in buffer.indices { try body(buffer[index]) }
        }
    }
}

extension Array {
    /// Calls `body` with each element, in order, moved out of its place for the call and moved back after it: the
    /// element is a local value then, which `body` borrows without a copy, where an element read in place is copied
    /// for a call the compiler cannot see through (a copy of a fact was a retain and a release of each of its
    /// references). The storage is made unique first (copied if it is shared, as any mutation would). `body` must
    /// not reach this array (it cannot without an unsafe pointer: the array is borrowed for the whole call).
    @inlinable
    public mutating func forEachMovedOut(_ body: (Element) -> Void) {
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                let element = (base + index).move()
                body(element)
                (base + index).initialize(to: element)
            }
        }
    }
}
