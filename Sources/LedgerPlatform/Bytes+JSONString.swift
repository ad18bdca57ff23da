#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Bytes {
    /// The end of a JSON string literal whose body starts at `index` (just after its opening quote): the index just
    /// past its closing quote, and whether the body holds a backslash (an escape); nil when no closing quote
    /// follows. The payload decoder steps over every string of a record with this (memchr, then a byte loop only
    /// for a body with an escape).
    public static func endOfJSONString(in bytes: ArraySlice<UInt8>, from index: Int) -> (end: Int, escaped: Bool)? {
        precondition(index >= bytes.startIndex && index <= bytes.endIndex, "Bytes.endOfJSONString index out of bounds")
        return bytes.withUnsafeBufferPointer { buffer -> (end: Int, escaped: Bool)? in
            let count = buffer.count
            var i = index - bytes.startIndex
            guard i < count, let base = buffer.baseAddress else { return nil }
            guard let quote = memchr(base + i, 0x22, count - i) else { return nil }
            let q = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            if memchr(base + i, 0x5C, q - i) == nil { return (q + 1 + bytes.startIndex, false) }
            // A backslash: escapes decide which quote closes the string.
            while i < count {
                switch buffer[i] {
                case 0x22: return (i + 1 + bytes.startIndex, true)
                case 0x5C: i += 2
                default: i += 1
                }
            }
            return nil
        }
    }
}
