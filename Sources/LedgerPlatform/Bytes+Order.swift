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
}
