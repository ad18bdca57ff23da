/// A filter of the keys an id table holds, in memory: a split-block Bloom filter (each key sets one bit in each of
/// the eight 32-bit words of one 32-byte block, chosen by its high half; the bits by its low half times eight odd
/// constants). "Absent" is always right — every key inserted answers "maybe" — and "maybe" is wrong for some
/// 0.5 % of absent keys at 12 bits a key. A batch's sweep (`IdIndex.keysInTables`) asks it first, so that the keys
/// of new ids — nearly all of a batch's — cost one cache line each instead of a search of the table's blocks.
///
/// Keys are `IdEntry.key`s (hashes spread over 64 bits), so both halves of a key are spread evenly. Built from the
/// entries of a table as it is written, or from its checked blocks (`IdTable.sweepFilter`); never stored.
struct IdKeyFilter: Sendable {
    private var words: [UInt32]
    private let blocks: UInt64

    /// Bits a key: some 0.5 % false "maybe"s.
    static let bitsPerKey = 12

    /// Room for `count` keys, none inserted.
    init(count: Int) {
        let blocks = max(1, (max(count, 0) * Self.bitsPerKey + 255) / 256)
        self.blocks = UInt64(blocks)
        words = [UInt32](repeating: 0, count: blocks * 8)
    }

    /// The first word of `key`'s block: the high half of the key scaled to the blocks (no division).
    @inline(__always) private func start(_ key: UInt64) -> Int { Int(((key >> 32) &* blocks) >> 32) &* 8 }

    /// The bit of word `word` of a block for the key's low half `low` (the salts of Parquet's split-block filter).
    @inline(__always) private static func bit(_ low: UInt32, _ salt: UInt32) -> UInt32 { 1 << ((low &* salt) >> 27) }

    mutating func insert(_ key: UInt64) {
        let s = start(key), low = UInt32(truncatingIfNeeded: key)
        words[s] |= Self.bit(low, 0x47b6_137b)
        words[s + 1] |= Self.bit(low, 0x4497_4d91)
        words[s + 2] |= Self.bit(low, 0x8824_ad5b)
        words[s + 3] |= Self.bit(low, 0xa2b7_289d)
        words[s + 4] |= Self.bit(low, 0x7054_95c7)
        words[s + 5] |= Self.bit(low, 0x2df1_424b)
        words[s + 6] |= Self.bit(low, 0x9efc_4947)
        words[s + 7] |= Self.bit(low, 0x5c6b_fb31)
    }

    /// As when made: no key inserted (the writer's delta, emptied when written as a table, keeps its filter's room).
    mutating func removeAll() {
        for i in words.indices { words[i] = 0 }
    }

    /// False only when no inserted key is `key`.
    func mayContain(_ key: UInt64) -> Bool {
        let s = start(key), low = UInt32(truncatingIfNeeded: key)
        return words[s] & Self.bit(low, 0x47b6_137b) != 0
            && words[s + 1] & Self.bit(low, 0x4497_4d91) != 0
            && words[s + 2] & Self.bit(low, 0x8824_ad5b) != 0
            && words[s + 3] & Self.bit(low, 0xa2b7_289d) != 0
            && words[s + 4] & Self.bit(low, 0x7054_95c7) != 0
            && words[s + 5] & Self.bit(low, 0x2df1_424b) != 0
            && words[s + 6] & Self.bit(low, 0x9efc_4947) != 0
            && words[s + 7] & Self.bit(low, 0x5c6b_fb31) != 0
    }

    /// The filter's memory: 4 bytes a word.
    var bytes: Int { words.count * 4 }
}
