extension Array {
    /// Calls `body` with each element, in order, read where it lies (borrowed). `for element in array`,
    /// `forEach` and `array[index]` hand each element over as a copy (a retain of each of its references, released
    /// after the call) where the optimizer cannot prove the array unchanged meanwhile: the projection's fold
    /// (`Projection.init(effective:asOf:)`) paid that on every fact.
    @inlinable
    public func forEachInPlace(_ body: (Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { buffer in
            for index in buffer.indices { try body(buffer[index]) }
        }
    }
}
