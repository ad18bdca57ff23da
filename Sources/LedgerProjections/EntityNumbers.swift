import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The checks' dense numbers of entities, found by a hash of the kind and the id's UTF-8 (open addressing, linear
/// probing; each slot holds a number, the entity's kind and id checked on a match): an id is numbered from a
/// record's bytes without making a string, and from a string without hashing it as a `String`.
struct EntityNumbers {
    /// 0 for an empty slot, else the entity's number + 1 in the low 32 bits and the high 32 bits of its hash above
    /// them (`slot`), so that a probe skips an entity that only shares its slot without reading anything else: where
    /// the slot held the number alone, `find` read the entity's hash from `hashes` first, a cache miss of its own at a
    /// million records (a quarter of `Registers.number`'s samples, perf). A power of two in size, at most half full.
    private var slots: [UInt64] = []
    /// The hash of each entity, by number (to grow without hashing the ids again).
    private var hashes: [UInt64] = []

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// What a slot holds for number `n` of an entity hashed as `hash`.
    @inline(__always) private static func slot(_ n: Int32, _ hash: UInt64) -> UInt64 {
        (hash & tagMask) | UInt64(UInt32(n) &+ 1)
    }

    /// The number a slot holds (-1: empty).
    @inline(__always) private static func number(_ slot: UInt64) -> Int32 { Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1 }

    enum Found { case found(Int32), slot(Int) }

    /// FNV-1a over the kind's index and the id's bytes, then a finaliser that spreads the bits.
    @inline(__always)
    static func hash<Bytes: Collection<UInt8>>(_ kind: ReferenceChecker.Kind, _ utf8: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(kind.index)) &* 0x100_0000_01b3
        for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33
        return h
    }

    /// The number of `(kind, utf8)`, or the empty slot where it goes.
    func find<Bytes: Collection<UInt8>>(hash: UInt64, kind: ReferenceChecker.Kind, _ utf8: Bytes,
              in entities: [ReferenceChecker.KindID]) -> Found {
        guard !slots.isEmpty else { return .slot(-1) }
        let mask = slots.count - 1
        let tag = hash & Self.tagMask
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[i]
            if value == 0 { return .slot(i) }
            // The entity decides (a tag is only part of its hash).
            if value & Self.tagMask == tag {
                let n = Self.number(value)
                let entity = entities[Int(n)]
                if entity.kind == kind, entity.id.utf8.elementsEqual(utf8) { return .found(n) }
            }
            i = (i + 1) & mask
        }
    }

    /// `find` of an id given as a string: the same answer, the ids compared with `Bytes.sameUTF8`.
    func find(hash: UInt64, kind: ReferenceChecker.Kind, id: String, in entities: [ReferenceChecker.KindID]) -> Found {
        guard !slots.isEmpty else { return .slot(-1) }
        let mask = slots.count - 1
        let tag = hash & Self.tagMask
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[i]
            if value == 0 { return .slot(i) }
            if value & Self.tagMask == tag {
                let n = Self.number(value)
                let entity = entities[Int(n)]
                if entity.kind == kind, Bytes.sameUTF8(entity.id, id) { return .found(n) }
            }
            i = (i + 1) & mask
        }
    }

    /// The number in the first slot `find` probes for `hash` (-1: none; not necessarily the entity hashed).
    @inline(__always) func firstProbe(_ hash: UInt64) -> Int32 {
        slots.isEmpty ? -1 : Self.number(slots[Int(truncatingIfNeeded: hash) & (slots.count - 1)])
    }

    /// Reads, changing nothing, what `find` reads first for each of `keys`: its first slot (`Registers.touch`). The
    /// sum means nothing.
    func touch(_ keys: ArraySlice<UInt64>) -> Int {
        var sum = 0
        for key in keys { sum &+= Int(firstProbe(key)) }
        return sum
    }

    /// Puts number `n` (the last of `entities`) in `slot` (from `find`), growing the table when it is half full.
    mutating func insert(_ n: Int32, hash: UInt64, at slot: Int) {
        precondition(Int(n) == hashes.count, "numbers are given in order")
        hashes.append(hash)
        if slot < 0 || hashes.count * 2 > slots.count {
            grow(to: Swift.max(64, hashes.count * 4))
            return
        }
        slots[slot] = Self.slot(n, hash)
    }

    /// Room for about `count` entities without growing.
    mutating func reserve(_ count: Int) {
        hashes.reserveCapacity(count)
        if count * 2 > slots.count { grow(to: count * 2) }
    }

    private mutating func grow(to minimum: Int) {
        var size = 64
        while size < minimum { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for (n, hash) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Self.slot(Int32(n), hash)
        }
    }
}
