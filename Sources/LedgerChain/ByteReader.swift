import LedgerEvents
import LedgerPlatform

/// Reads what `ByteWriter` wrote; every read checks the bytes left and returns nil past the end.
public struct ByteReader {
    public let bytes: ArraySlice<UInt8>
    public var offset: Int
    /// Reads stop here (the end of the body, before a checksum).
    public var end: Int

    public init(_ bytes: ArraySlice<UInt8>, from offset: Int? = nil) {
        self.bytes = bytes; self.offset = offset ?? bytes.startIndex; end = bytes.endIndex
    }

    public init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    public var isAtEnd: Bool { offset == end }

    public mutating func u64() -> UInt64? {
        guard end - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return value
    }

    public mutating func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }

    /// A little-endian u32, read in place (no array a field: the side files hold one per key).
    public mutating func u32() -> UInt32? {
        guard end - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[offset + i]) << UInt32(8 * i) }
        offset += 4
        return value
    }

    public mutating func fixed(_ count: Int) -> [UInt8]? {
        guard count >= 0, end - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// A u64 length then that many bytes, as their place in `bytes` (not copied); nil when the length is over `max` or
    /// past the end.
    public mutating func countedRange(max: Int = Int.max) -> Range<Int>? {
        guard let count = u64(), count <= UInt64(end - offset), count <= UInt64(max) else { return nil }
        defer { offset += Int(count) }
        return offset..<(offset + Int(count))
    }

    /// A u64 length then that many bytes; nil when the length is over `max` or past the end.
    public mutating func counted(max: Int = Int.max) -> [UInt8]? {
        guard let count = u64(), count <= UInt64(end - offset), count <= UInt64(max) else { return nil }
        return fixed(Int(count))
    }
}
