import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Numbers keyed by byte strings (`StringTable.intern(utf8:)`): an open-addressed table of the keys' hashes over
/// one array of their bytes. Keys are compared byte for byte, so that a lookup makes no `String`; sized for the
/// few thousand distinct ids and categories of a city.
struct ByteKeyTable: Sendable {
    private var bytes: [UInt8] = []
    /// Entry `i`'s key is `bytes[starts[i]..<starts[i + 1]]` (`starts` has one more element than there are entries).
    private var starts: [Int] = [0]
    private var values: [Int32] = []
    private var hashes: [UInt64] = []
    /// Entry numbers by hash, -1 for none; the size is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 64)

    /// FNV-1a over the bytes, mixed (fmix64).
    @inline(__always) static func hash(_ key: ArraySlice<UInt8>) -> UInt64 {
        var h = Bytes.fnv1a(key)
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33
        return h
    }

    /// The value of `key` (whose `hash` is given), nil when it was never inserted.
    func find(_ key: ArraySlice<UInt8>, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[i])
            if entry < 0 { return nil }
            if hashes[entry] == hash {
                let start = starts[entry], end = starts[entry + 1]
                if end - start == key.count, Bytes.equal(bytes[start..<end], key) { return values[entry] }
            }
            i = (i + 1) & mask
        }
    }

    /// Adds `key` (not in the table) with `value`.
    mutating func insert(_ key: ArraySlice<UInt8>, hash: UInt64, value: Int32) {
        if (values.count + 1) * 2 > slots.count {
            var grown = [Int32](repeating: -1, count: slots.count * 2)
            let mask = grown.count - 1
            for entry in hashes.indices {
                var i = Int(truncatingIfNeeded: hashes[entry]) & mask
                while grown[i] >= 0 { i = (i + 1) & mask }
                grown[i] = Int32(entry)
            }
            slots = grown
        }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(values.count)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        values.append(value)
        hashes.append(hash)
    }
}
