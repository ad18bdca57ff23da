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
