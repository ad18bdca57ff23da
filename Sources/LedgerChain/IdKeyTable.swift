/// Ids by their 64-bit key (`IdEntry.key`, a hash spread over 64 bits): an open-addressed table of slots
/// (linear probing, at most half full) over dense arrays of keys, ids and values. Every hit on a key is confirmed
/// by comparing the id itself, so two ids sharing a key are told apart. Used for the writer's delta (the records
/// after the newest id table, `IdIndex.delta`) and for a batch's own ids: the key is computed once per id and
/// serves the tables' search, the delta and the table entries alike, where a `[String: …]` dictionary hashed each id
/// again (SipHash) on every lookup and insertion. Nothing is ever removed but all at once.
///
/// A table made `filtered` (the writer's delta) also keeps a filter of its keys (`IdKeyFilter`), asked before the
/// slots: a batch looks up every new id in the delta, nearly always absent, and the delta's slots (1 MB for the
/// 65,536 ids an open writer holds) are a cache miss a lookup, where the filter (some 100 KB) is one line of a
/// block that stays cached. The filter never says absent for a held key, so the answers are the same.
struct IdKeyTable<Value> {
    private(set) var keys: [UInt64] = []
    private(set) var ids: [String] = []
    private(set) var values: [Value] = []
    /// 1 + the place in the dense arrays, 0 for an empty slot; a power of two in count (or none).
    private var slots: [Int32] = []
    /// Whether `filter` is kept (and asked).
    private(set) var filtered: Bool
    /// Every held key, when `filtered` (sized when the slots are: for the ids asked for room, so at most twice as
    /// many keys as it was sized for before the slots grow and it is made again); empty otherwise.
    private var filter = IdKeyFilter(count: 0)

    init(filtered: Bool = false) { self.filtered = filtered }

    /// Turns the filter on or off (tests compare a filtered delta with one that is not).
    mutating func setFiltered(_ on: Bool) {
        filtered = on
        rebuildFilter(for: capacity)
    }

    private mutating func rebuildFilter(for planned: Int) {
        guard filtered else {
            filter = IdKeyFilter(count: 0)
            return
        }
        filter = IdKeyFilter(count: planned)
        for key in keys { filter.insert(key) }
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }
    /// How many ids fit before the slots grow.
    var capacity: Int { slots.count / 2 }

    /// Room for `minimumCapacity` ids without growing.
    mutating func reserveCapacity(_ minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity); ids.reserveCapacity(minimumCapacity); values.reserveCapacity(minimumCapacity)
        if capacity < minimumCapacity { resize(to: minimumCapacity) }
    }

    mutating func removeAll(keepingCapacity keep: Bool = false) {
        guard keep else { self = IdKeyTable(filtered: filtered); return }
        keys.removeAll(keepingCapacity: true); ids.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = 0 }
        if filtered { filter.removeAll() }
    }

    /// Slots for at least `minimum` ids at half load.
    private mutating func resize(to minimum: Int) {
        var size = 16
        while size / 2 < minimum { size *= 2 }
        slots = Array(repeating: 0, count: size)
        let mask = size - 1
        for (place, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(place + 1)
        }
        rebuildFilter(for: minimum)
    }

    /// False when no held id has the key `key` (then `place(of:key:)` is nil without a slot read): the table is
    /// empty or its filter says absent. A batch asks this of all its keys in one pass (`IdIndex.deltaMayHold`), so
    /// that the filter's cache misses overlap instead of coming one a lookup.
    @inline(__always)
    func mayHold(_ key: UInt64) -> Bool { !slots.isEmpty && (!filtered || filter.mayContain(key)) }

    /// The place in the dense arrays of `id` (whose key is `key`), if it is held.
    func place(of id: String, key: UInt64) -> Int? {
        guard mayHold(key) else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if keys[entry - 1] == key, ids[entry - 1] == id { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The value of `id` (whose key is `key`), if it is held.
    func value(of id: String, key: UInt64) -> Value? {
        place(of: id, key: key).map { values[$0] }
    }

    /// Puts `value` for `id` (whose key is `key`): a new id is added, a held one's value replaced.
    mutating func set(_ id: String, key: UInt64, _ value: Value) {
        _ = insert(id, key: key, value, replacing: true)
    }

    /// Adds `id` with `value` unless it is held: then nothing changes and its value is returned (nil: added).
    mutating func insertIfAbsent(_ id: String, key: UInt64, _ value: Value) -> Value? {
        insert(id, key: key, value, replacing: false)
    }

    /// The held value of `id` before (nil when it was new).
    private mutating func insert(_ id: String, key: UInt64, _ value: Value, replacing: Bool) -> Value? {
        if (count + 1) * 2 > slots.count { resize(to: max(count + 1, capacity * 2)) }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        // A key the filter says is absent (every new id's) is put in the first empty slot without comparing any.
        let maybeHeld = !filtered || filter.mayContain(key)
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if maybeHeld, keys[entry - 1] == key, ids[entry - 1] == id {
                let old = values[entry - 1]
                if replacing { values[entry - 1] = value }
                return old
            }
            slot = (slot + 1) & mask
        }
        keys.append(key); ids.append(id); values.append(value)
        slots[slot] = Int32(count)
        if filtered { filter.insert(key) }
        return nil
    }

    /// Takes out the last `count` ids added, newest first: the table is then exactly as before they were added,
    /// slots included (with linear probing an id added last sits in the first slot its probe found empty, which
    /// is emptied again), provided they were added — not replaced — with no resize since, and nothing else changed.
    /// The filter is made again from the keys left (the same size). For the writer's delta when a batch whose ids
    /// went in while it was written turns out not durable (`LogWriter.append`).
    mutating func removeLast(_ count: Int) {
        precondition(count >= 0 && count <= keys.count, "only ids added can be taken out")
        guard count > 0 else { return }
        let mask = slots.count - 1
        for place in stride(from: keys.count - 1, through: keys.count - count, by: -1) {
            var slot = Int(truncatingIfNeeded: keys[place]) & mask
            while Int(slots[slot]) != place + 1 { slot = (slot + 1) & mask }
            slots[slot] = 0
        }
        keys.removeLast(count); ids.removeLast(count); values.removeLast(count)
        if filtered {
            filter.removeAll()
            for key in keys { filter.insert(key) }
        }
    }

    /// Reads the slot (and the filter's block) of each key about to be inserted, changing nothing: these reads do not
    /// depend on one another, so the processor has many of their cache misses in flight at once, where the insertions
    /// that follow (each reading its slot, then writing) would take them one after another. The result only keeps
    /// the reads from being left out.
    func warm<S: Sequence>(_ keys: S) -> Int32 where S.Element == UInt64 {
        guard !slots.isEmpty else { return 0 }
        let mask = slots.count - 1
        var seen: Int32 = 0
        for key in keys {
            seen |= slots[Int(truncatingIfNeeded: key) & mask]
            if filtered { seen |= filter.mayContain(key) ? 1 : 0 }
        }
        return seen
    }

    /// By id (its key computed here): for callers without the key at hand (tests, the log read on opening).
    subscript(id: String) -> Value? {
        get { value(of: id, key: IdEntry.key(id)) }
        set {
            guard let newValue else { preconditionFailure("ids are never removed one by one") }
            set(id, key: IdEntry.key(id), newValue)
        }
    }
}
