import LedgerPlatform

/// One id of the log as an id table holds it: a 64-bit key of the id, and its record's seq and line. The id itself
/// is not stored: a lookup reads the record at the line and compares its id, so a key shared by two ids (or a wrong
/// entry) can never make one id pass for another.
struct IdEntry: Comparable, Hashable, Sendable {
    let key: UInt64
    let seq: Int64
    /// The line's byte offset << `countBits` | its length without the newline.
    let place: UInt64

    static let countBits: UInt64 = 21
    static let countMask: UInt64 = (1 << countBits) - 1
    /// Lines that start beyond this offset (8 TiB) cannot be placed; the index is then not written.
    static let offsetLimit: Int64 = 1 << (64 - Int64(countBits))
    static let bytes = 24

    init(key: UInt64, seq: Int64, place: UInt64) {
        self.key = key; self.seq = seq; self.place = place
    }

    init(key: UInt64, location: RecordLocation) {
        self.init(key: key, seq: location.seq, place: UInt64(location.byteOffset) << Self.countBits | UInt64(location.byteCount))
    }

    var location: RecordLocation {
        RecordLocation(seq: seq, lineNumber: Int(seq), byteOffset: Int64(place >> Self.countBits), byteCount: Int(place & Self.countMask))
    }

    static func < (a: IdEntry, b: IdEntry) -> Bool { a.key != b.key ? a.key < b.key : a.seq < b.seq }

    /// The id's key: FNV-1a over its UTF-8 bytes, then a 64-bit finaliser (MurmurHash3's fmix64) so that ids that
    /// differ in one character land far apart. Fixed by the file format: never change it without a version bump.
    static func key<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33; h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33; h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    static func key(_ id: String) -> UInt64 { key(id.utf8) }

    /// The entry's 24 bytes as a table holds them (key, seq, place; little-endian), over `out[offset..<offset + 24]`.
    func store(into out: inout [UInt8], at offset: Int) {
        Bytes.storeLittleEndian(key, into: &out, at: offset)
        Bytes.storeLittleEndian(UInt64(bitPattern: seq), into: &out, at: offset + 8)
        Bytes.storeLittleEndian(place, into: &out, at: offset + 16)
    }
}
