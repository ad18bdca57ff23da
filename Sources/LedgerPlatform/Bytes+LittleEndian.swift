/// Little-endian integers in byte arrays, FNV-1a, and a small stack buffer for digits: the primitives the derived
/// files' readers and writers, the funds' fold and the reports used to write with `withUnsafeBytes` in their own
/// modules (all pointer code stays in LedgerPlatform). Each is `@inlinable`, so a release build inlines it into its
/// caller across the module boundary as if it were written there; each checks its bounds (`precondition`), so a
/// wrong offset traps instead of reading memory it should not.
extension Bytes {
    /// The little-endian u64 at `index` of `bytes` (an index of the slice, as `bytes[index]`), one unaligned load.
    @inlinable @inline(__always)
    public static func u64(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt64 {
        precondition(index >= bytes.startIndex && index <= bytes.endIndex - 8, "a u64 inside the bytes")
        return UInt64(littleEndian: bytes.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: index - bytes.startIndex, as: UInt64.self)
        })
    }

    /// The little-endian u32 at `offset` of `bytes`, one unaligned load.
    @inlinable @inline(__always)
    public static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        precondition(offset >= 0 && offset <= bytes.count - 4, "a u32 inside the bytes")
        return UInt32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) })
    }

    /// Appends `value`'s bytes, least significant first (`MemoryLayout<T>.size` of them).
    @inlinable @inline(__always)
    public static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes `value`'s bytes, least significant first, over `bytes[offset..<offset + MemoryLayout<T>.size]`.
    @inlinable @inline(__always)
    public static func storeLittleEndian<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8], at offset: Int) {
        let size = MemoryLayout<T>.size
        precondition(offset >= 0 && offset <= bytes.count - size, "the integer's bytes inside the array")
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self) }
    }

    /// `value`'s bytes, least significant first.
    @inlinable
    public static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(MemoryLayout<T>.size)
        appendLittleEndian(value, to: &out)
        return out
    }

    /// Appends the UTF-8 of a literal.
    @inlinable @inline(__always)
    public static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// FNV-1a (64-bit) over `bytes`, without a finaliser (callers mix it as their tables need).
    @inlinable @inline(__always)
    public static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in buffer { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return h
        }
    }
}

extension Hex {
    /// 16 lower-case hex digits of a random u64 from the system's generator (its bytes least significant first):
    /// the suffix of a temporary file's name.
    public static func randomSuffix() -> String {
        var random = SystemRandomNumberGenerator()
        return encode(Bytes.littleEndian(random.next() as UInt64))
    }
}
