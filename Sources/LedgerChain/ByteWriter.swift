import LedgerEvents
import LedgerPlatform

/// Little-endian integers and length-prefixed byte strings, as derived state files write them.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func u64(_ value: UInt64) { Bytes.appendLittleEndian(value, to: &bytes) }

    public mutating func u32(_ value: UInt32) { Bytes.appendLittleEndian(value, to: &bytes) }

    public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// Empties the buffer, keeping its memory (a writer that flushes it reuses the same pages, not fresh ones).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// A u64 length, then the bytes.
    public mutating func counted<C: Collection>(_ value: C) where C.Element == UInt8 {
        u64(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func raw<C: Collection>(_ value: C) where C.Element == UInt8 { bytes.append(contentsOf: value) }

    // The generic forms above are not specialized across modules (they copy byte by byte through the collection's
    // witnesses); these take the common concrete kinds in one copy (a rebuild writes hundreds of MB through them).
    public mutating func counted(_ value: [UInt8]) { u64(UInt64(value.count)); bytes.append(contentsOf: value) }
    public mutating func counted(_ value: ArraySlice<UInt8>) { u64(UInt64(value.count)); bytes.append(contentsOf: value) }
    public mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }
    public mutating func raw(_ value: ArraySlice<UInt8>) { bytes.append(contentsOf: value) }
}
