import LedgerPlatform

/// Ids interned as dense integers while a projection is folded: the first id added is 0, the next 1, and so on;
/// a lookup gives the id's integer, after which the fold works with integers and the strings stay for the output.
///
/// A hash table of its own rather than `[String: Int]`: the fold only adds and finds, so an open-addressing table
/// of 32-bit slots with each id's hash kept beside it (compared before the strings, and used to grow without
/// hashing again) does less per lookup than the standard dictionary. Equality is the standard library's own
/// (`String ==`, Unicode canonical equivalence, as the dictionaries the fold used before), so two ids that are equal
/// always meet, whatever their bytes. The hash depends on what the table holds:
/// - while every id added is ASCII (the ids of a log, almost always), the hash of the id's bytes
///   (`Bytes.asciiHash`, a fraction of `String.hashValue`'s cost): two ASCII strings are equal exactly when their
///   bytes are. A lookup of a non-ASCII id then looks up the ASCII id it is canonically equivalent to, if any
///   (`asciiEquivalent`: "\u{212A}-1", with U+212A KELVIN SIGN, finds "K-1");
/// - from the first non-ASCII id added, `String.hashValue` for every id (the table is rehashed once).
///
/// Both hashes are seeded per process: the slots' layout differs from run to run, the dense integers (the order of
/// `add`) never do. `IdInternerTests` checks it against `[String: Int]` on random ids, canonically equivalent
/// spellings among them, in both modes.
@usableFromInline
struct IdInterner: Sendable {
    /// Open addressing with linear probing: each slot holds a dense index + 1, or 0 when empty. The count of slots
    /// is a power of two, at least twice the count of ids.
    @usableFromInline private(set) var slots: [Int32] = []
    /// The hash of each id, by dense index: compared before the strings, and used to grow without hashing again.
    @usableFromInline private(set) var hashes: [UInt64] = []
    /// The ids, by dense index, as first added.
    @usableFromInline private(set) var ids: [String] = []
    /// True while every id added is ASCII: the hashes are `Bytes.asciiHash`'s; false from the first other id on,
    /// when they are `String.hashValue`'s.
    @usableFromInline private(set) var asciiOnly = true
    /// `Bytes.asciiHash`'s seed (the process's, `processSeed`), kept in the table: read from the static, a lookup
    /// paid `swift_once`'s check and call.
    @usableFromInline let seed: UInt64 = IdInterner.processSeed

    @usableFromInline init() {}

    @inlinable var count: Int { ids.count }

    /// Room for `count` ids without growing.
    mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        hashes.reserveCapacity(count)
        if slots.count < 2 * count { rebuild(slotCount: Self.slotCount(for: count)) }
    }

    /// The dense integer of `id`, nil when it was never added. Inlined (here and in the modules that read a
    /// projection's `EntityMap`s): an ASCII id in an ASCII table is hashed and probed in place.
    @inlinable
    func find(_ id: String) -> Int? {
        if asciiOnly, let hash = Bytes.asciiHash(id, seed: seed) { return find(id, hash: hash) }
        return findOther(id)
    }

    /// `find` of an id that is not ASCII, or in a table that is not: by `String.hashValue`, or by the ASCII id `id`
    /// is canonically equivalent to.
    @usableFromInline
    func findOther(_ id: String) -> Int? {
        guard asciiOnly else { return find(id, hash: Self.hash(id)) }
        // Every id here is ASCII: `id` equals one only if it is canonically equivalent to an ASCII string.
        guard !ids.isEmpty, let ascii = Self.asciiEquivalent(id), let hash = Bytes.asciiHash(ascii, seed: seed) else {
            return nil
        }
        return find(ascii, hash: hash)
    }

    /// Adds `id`, which must not be present yet, and returns its dense integer.
    @discardableResult
    mutating func add(_ id: String) -> Int {
        assert(find(id) == nil, "an id is interned once")
        return insert(id, hash: hashForAdding(id))
    }

    /// The dense integer of `id`, adding it when absent (one hash of the id either way, when it is ASCII).
    @usableFromInline
    mutating func intern(_ id: String) -> (index: Int, added: Bool) {
        if asciiOnly, let hash = Bytes.asciiHash(id, seed: seed) {
            if let index = find(id, hash: hash) { return (index, false) }
            return (insert(id, hash: hash), true)
        }
        if let index = find(id) { return (index, false) }
        return (insert(id, hash: hashForAdding(id)), true)
    }

    /// Appends `id` (absent) under `hash` (of the table's current kind) and returns its dense integer.
    private mutating func insert(_ id: String, hash: UInt64) -> Int {
        if 2 * (ids.count + 1) > slots.count { rebuild(slotCount: Self.slotCount(for: ids.count + 1)) }
        let index = ids.count
        ids.append(id)
        hashes.append(hash)
        place(index, hash: hash)
        return index
    }

    /// The hash `id` is added under; the first non-ASCII id turns the table to `String.hashValue` for good.
    private mutating func hashForAdding(_ id: String) -> UInt64 {
        if asciiOnly {
            if let hash = Bytes.asciiHash(id, seed: seed) { return hash }
            asciiOnly = false
            for index in ids.indices { hashes[index] = Self.hash(ids[index]) }
            rebuild(slotCount: slots.count)
        }
        return Self.hash(id)
    }

    @inlinable
    func find(_ id: String, hash: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if hashes[entry - 1] == hash, ids[entry - 1] == id { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots < 2 * count { slots *= 2 }
        return slots
    }

    private mutating func rebuild(slotCount: Int) {
        slots = [Int32](repeating: 0, count: slotCount)
        for index in hashes.indices { place(index, hash: hashes[index]) }
    }

    /// The standard library's hash of `id` (consistent with `String ==`).
    @usableFromInline @inline(__always)
    static func hash(_ id: String) -> UInt64 { UInt64(bitPattern: Int64(id.hashValue)) }

    /// The seed of `Bytes.asciiHash` in this process (from the standard library's per-process seed).
    static let processSeed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x1D_1E7E_4ADE as UInt64)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }()

    /// The ASCII string canonically equivalent to `id` (so equal to it as a `String`), nil when there is none.
    /// An ASCII string is its own full canonical decomposition, so a string equivalent to one decomposes, scalar by
    /// scalar, into exactly those ASCII scalars: each of its scalars is ASCII or decomposes to a single ASCII scalar
    /// (U+212A KELVIN SIGN to `K`; a decomposition of two or more scalars always holds a non-ASCII one, a combining
    /// mark or a jamo). Which scalar is equivalent to which ASCII one is asked of the standard library's own
    /// equality (`asciiBySpelling`), not of a table kept here.
    static func asciiEquivalent(_ id: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count)
        for scalar in id.unicodeScalars {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if let ascii = asciiBySpelling[String(scalar)] {
                bytes.append(ascii)
            } else {
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each ASCII scalar by its one-scalar string: a lookup of another one-scalar string finds the ASCII scalar it is
    /// canonically equivalent to (`Dictionary` hashes and compares as `String ==` does).
    private static let asciiBySpelling: [String: UInt8] = Dictionary(uniqueKeysWithValues: (0..<128).map { value in
        (String(Unicode.Scalar(UInt8(value))), UInt8(value))
    })
}
