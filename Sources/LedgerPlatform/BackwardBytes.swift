/// Up to 32 bytes written from the end backwards in a buffer on the stack: decimal digits are made least significant
/// first, and a report's table formats a quarter of a million amounts (no heap array per number). `put` traps past
/// 32 bytes.
public struct BackwardBytes {
    @usableFromInline var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The first byte written so far (32: none).
    @usableFromInline var start = 32

    @inlinable public init() {}

    /// How many bytes are written.
    @inlinable public var count: Int { 32 - start }

    /// Writes `byte` in front of those written before.
    @inlinable @inline(__always)
    public mutating func put(_ byte: UInt8) {
        precondition(start > 0, "at most 32 bytes")
        start -= 1
        let at = start
        withUnsafeMutableBytes(of: &storage) { $0[at] = byte }
    }

    /// Writes the decimal digits of `value`, zero-padded to `minimum` digits (at most 32), in front.
    @inlinable @inline(__always)
    public mutating func putDigits(_ value: UInt64, minimum: Int = 1) {
        var v = value
        var n = 0
        repeat {
            put(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
            n += 1
        } while v > 0 || n < minimum
    }

    /// Appends the bytes written (first to last) to `bytes`.
    @inlinable @inline(__always)
    public func append(to bytes: inout [UInt8]) {
        let from = start
        withUnsafeBytes(of: storage) { bytes.append(contentsOf: $0[from...]) }
    }

    /// The bytes written (first to last) as UTF-8.
    @inlinable
    public var string: String {
        let from = start
        return withUnsafeBytes(of: storage) { String(decoding: $0[from...], as: UTF8.self) }
    }
}
