/// Tests of the eight bytes of a little-endian word at once (`Bytes.u64`), for scans that pass over plain bytes a
/// word at a time: each sets the high bit of the bytes it finds, and, by a borrow, perhaps of bytes above one it
/// found, so the result is nonzero exactly when some byte matches and its lowest flag is always exact.
public enum WordTest {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    public static let high: UInt64 = 0x8080_8080_8080_8080

    /// The bytes equal to `b`.
    @inlinable @inline(__always)
    public static func equal(_ x: UInt64, _ b: UInt8) -> UInt64 {
        let t = x ^ (UInt64(b) &* ones)
        return (t &- ones) & ~t & high
    }

    /// The bytes below `b` (`b` ≤ 0x80).
    @inlinable @inline(__always)
    public static func below(_ x: UInt64, _ b: UInt8) -> UInt64 {
        (x &- UInt64(b) &* ones) & ~x & high
    }
}
