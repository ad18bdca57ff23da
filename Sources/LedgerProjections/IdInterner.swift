/// Ids interned as dense integers while a projection is folded: the first id added is 0, the next 1, and so on;
/// a lookup gives the id's integer, after which the fold works with integers and the strings stay for the output.
///
/// A hash table of its own rather than `[String: Int]`: the fold only adds and finds, so an open-addressing table
/// of 32-bit slots with each id's hash kept beside it (compared before the strings, and used to grow without
/// hashing again) does less per lookup than the standard dictionary. Hash and equality are the standard library's
/// own (`String.hashValue` and `==`, Unicode canonical equivalence, as the dictionaries the fold used before), so
/// two ids that are equal always meet, whatever their bytes. The hash is seeded per process: the slots' layout
/// differs from run to run, the dense integers (the order of `add`) never do. `IdInternerTests` checks it against
/// `[String: Int]` on random ids, canonically equivalent spellings among them.
struct IdInterner: Sendable {
    /// Open addressing with linear probing: each slot holds a dense index + 1, or 0 when empty. The count of slots
    /// is a power of two, at least twice the count of ids.
    private var slots: [Int32] = []
    /// The hash of each id, by dense index: compared before the strings, and used to grow without hashing again.
    private var hashes: [UInt64] = []
    /// The ids, by dense index, as first added.
    private(set) var ids: [String] = []

    var count: Int { ids.count }

    /// Room for `count` ids without growing.
    mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        hashes.reserveCapacity(count)
        if slots.count < 2 * count { rebuild(slotCount: Self.slotCount(for: count)) }
    }

    /// The dense integer of `id`, nil when it was never added.
    func find(_ id: String) -> Int? { find(id, hash: Self.hash(id)) }

    /// Adds `id`, which must not be present yet, and returns its dense integer.
    @discardableResult
    mutating func add(_ id: String) -> Int {
        let hash = Self.hash(id)
        assert(find(id, hash: hash) == nil, "an id is interned once")
        if 2 * (ids.count + 1) > slots.count { rebuild(slotCount: Self.slotCount(for: ids.count + 1)) }
        let index = ids.count
        ids.append(id)
        hashes.append(hash)
        place(index, hash: hash)
        return index
    }

    /// The dense integer of `id`, adding it when absent (one hash of the id either way).
    mutating func intern(_ id: String) -> (index: Int, added: Bool) {
        let hash = Self.hash(id)
        if let index = find(id, hash: hash) { return (index, false) }
        if 2 * (ids.count + 1) > slots.count { rebuild(slotCount: Self.slotCount(for: ids.count + 1)) }
        let index = ids.count
        ids.append(id)
        hashes.append(hash)
        place(index, hash: hash)
        return (index, true)
    }

    private func find(_ id: String, hash: UInt64) -> Int? {
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
    @inline(__always)
    static func hash(_ id: String) -> UInt64 { UInt64(bitPattern: Int64(id.hashValue)) }
}

/// Event id → (seq, type) of the first record with that id: `EffectiveLog.recordsByEventID`, on an `IdInterner`
/// (a correction names the event it corrects by id, so every record's id is noted, one hash each).
public struct EventIDTable: Sendable {
    private var interner = IdInterner()
    private var records: [(seq: Int64, type: String)] = []

    public init() {}

    /// The seq and type of the first record with event id `id`, if any.
    public subscript(id: String) -> (seq: Int64, type: String)? {
        interner.find(id).map { records[$0] }
    }

    /// How many distinct event ids the table holds.
    public var count: Int { records.count }

    mutating func reserveCapacity(_ count: Int) {
        interner.reserve(count)
        records.reserveCapacity(count)
    }

    /// Notes the record at `seq` under `id` unless a record already has that id (the first one wins).
    mutating func noteFirst(_ id: String, seq: Int64, type: @autoclosure () -> String) {
        if interner.intern(id).added { records.append((seq, type())) }
    }
}
