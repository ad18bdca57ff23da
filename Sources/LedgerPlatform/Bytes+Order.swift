#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Bytes {
    /// Byte order of two byte strings (memcmp, then the shorter first): `a.lexicographicallyPrecedes(b)` without
    /// its generic element loop, for sorting large tables of keys (the checks' state at a rebuild).
    @inline(__always)
    public static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, common) } }
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// Byte order of two ranges of one buffer (memcmp, then the shorter first), in place: the walk of a stored
    /// directory of keys compares each with the one before.
    public static func precedes(_ bytes: [UInt8], _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        precondition(a.lowerBound >= 0 && a.upperBound <= bytes.count && b.lowerBound >= 0 && b.upperBound <= bytes.count,
                     "ranges inside the buffer")
        let common = min(a.count, b.count)
        if common > 0 {
            let order = bytes.withUnsafeBufferPointer { x in memcmp(x.baseAddress! + a.lowerBound, x.baseAddress! + b.lowerBound, common) }
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// The little-endian u64 at `offset` of `bytes`, one unaligned load (derived files' tables store their numbers
    /// so; a loop over eight indexed bytes cost the walks of their directories several times more). Inlinable: its
    /// callers are in other modules.
    @inlinable @inline(__always)
    public static func u64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        precondition(offset >= 0 && offset + 8 <= bytes.count, "a u64 inside the bytes")
        return UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) })
    }
}
