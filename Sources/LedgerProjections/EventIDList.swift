import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Every record's event id, in seq order (entry `i` is record `i + 1`'s), kept as one array of bytes: `FundFold`'s
/// correction targets. Appending costs a copy of the id's bytes; the targets are looked up all at once
/// (`firstSeqs`), by one scan of the ids against a table of the targets alone, which stays in the cache. The first
/// record of an id wins, as in `EffectiveLog`.
struct EventIDList: Sendable {
    /// The ids' bytes one after the other; entry `i` ends at `ends[i]` and starts where entry `i - 1` ended.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Seqs of the records that are corrections (ascending).
    private var corrections: [Int64] = []
    /// Whether every id so far is ASCII (else ids are compared as `String`s, see `firstSeqs`).
    private var allASCII = true
    /// Let go (`release()`): nothing may be appended or looked up any more.
    private var released = false

    init() {}

    /// Room for `records` ids, reserved once.
    mutating func reserve(_ records: Int) {
        guard records > 0 else { return }
        ends.reserveCapacity(records)
        bytes.reserveCapacity(records * 16)
    }

    /// The next record's id.
    mutating func append<C: Collection<UInt8>>(_ id: C, isCorrection: Bool) {
        precondition(!released, "no record is folded after the fold is finished")
        let start = bytes.count
        bytes.append(contentsOf: id)
        if allASCII {
            var any: UInt8 = 0
            for i in start..<bytes.count { any |= bytes[i] }
            if any >= 0x80 { allASCII = false }
        }
        if isCorrection { corrections.append(Int64(ends.count + 1)) }
        ends.append(bytes.count)
    }

    /// Ids held (one per record).
    var count: Int { ends.count }

    /// Keeps the ids of the first `count` records only.
    mutating func truncate(to count: Int) {
        guard count < ends.count else { return }
        ends.removeSubrange(count...)
        bytes.removeSubrange((ends.last ?? 0)...)
        while let last = corrections.last, last > Int64(count) { corrections.removeLast() }
    }

    /// Whether the record at `seq` is a correction.
    func isCorrection(seq: Int64) -> Bool {
        var low = 0, high = corrections.count
        while low < high {
            let mid = (low + high) / 2
            if corrections[mid] < seq { low = mid + 1 } else { high = mid }
        }
        return low < corrections.count && corrections[low] == seq
    }

    mutating func release() {
        bytes = []; ends = []; corrections = []; released = true
    }

    /// The seq of the first record of each id of `targets` (nil: no record has it).
    /// - Parameter parallelFrom: the number of records from which the ids are scanned on every core (tests lower it).
    func firstSeqs(of targets: [String], parallelFrom: Int = parallelScanRecords) -> [Int64?] {
        precondition(!released, "no record is looked up after the fold is finished")
        guard !targets.isEmpty else { return [] }
        var firsts = [Int64?](repeating: nil, count: targets.count)
        if allASCII, targets.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            // Each distinct target once, in an open-addressed table of their hashes (a few thousand entries).
            var unique: [[UInt8]] = []
            var number: [[UInt8]: Int] = [:]
            let targetNumbers = targets.map { target -> Int in
                let key = Array(target.utf8)
                if let n = number[key] { return n }
                number[key] = unique.count
                unique.append(key)
                return unique.count - 1
            }
            var size = 16
            while size < unique.count * 4 { size <<= 1 }
            let mask = size - 1
            var table = [Int32](repeating: -1, count: size)
            var hashes = [UInt64](repeating: 0, count: unique.count)
            for (n, key) in unique.enumerated() {
                let h = Self.hash(key[...])
                hashes[n] = h
                var i = Int(truncatingIfNeeded: h) & mask
                while table[i] >= 0 { i = (i + 1) & mask }
                table[i] = Int32(n)
            }
            // The records in `parts` runs of seqs, each scanned on a core for the first record of each target in
            // it; a target's first record is then in the first run that has one (at 10 million records one scan
            // took a quarter of a second, after the pass, on one thread).
            let (bytes, ends, keys, keyHashes, keyTable) = (self.bytes, self.ends, unique, hashes, table)
            let parts = ends.count >= parallelFrom ? max(2, min(Parallel.coreCount, 8)) : 1
            let runs = Parallel.map(parts) { part -> [Int64] in
                let first = ends.count * part / parts, last = ends.count * (part + 1) / parts
                var found = [Int64](repeating: 0, count: keys.count)
                var missing = keys.count
                var start = first == 0 ? 0 : ends[first - 1]
                for entry in first..<last {
                    let end = ends[entry]
                    defer { start = end }
                    let id = bytes[start..<end]
                    let h = Self.hash(id)
                    var i = Int(truncatingIfNeeded: h) & mask
                    while keyTable[i] >= 0 {
                        let n = Int(keyTable[i])
                        if keyHashes[n] == h, found[n] == 0, Bytes.equal(keys[n][...], id) {
                            found[n] = Int64(entry + 1)
                            missing -= 1
                            break
                        }
                        i = (i + 1) & mask
                    }
                    if missing == 0 { break }
                }
                return found
            }
            for (k, n) in targetNumbers.enumerated() {
                if let seq = runs.lazy.map({ $0[n] }).first(where: { $0 > 0 }) { firsts[k] = seq }
            }
            return firsts
        }
        // An id that is not all ASCII: every id by its `String`, whose equality is Unicode canonical equivalence,
        // under which such an id may equal another of different bytes, even an ASCII one (U+212A KELVIN SIGN is "K").
        var wanted: [String: Int64] = [:]
        for target in targets { wanted[target] = 0 }
        var missing = wanted.count
        var start = 0
        for (entry, end) in ends.enumerated() {
            defer { start = end }
            let id = String(decoding: bytes[start..<end], as: UTF8.self)
            if let seen = wanted[id], seen == 0 {
                wanted[id] = Int64(entry + 1)
                missing -= 1
                if missing == 0 { break }
            }
        }
        for (k, target) in targets.enumerated() { if let seq = wanted[target], seq > 0 { firsts[k] = seq } }
        return firsts
    }

    /// From this many records `firstSeqs` scans them on every core.
    static let parallelScanRecords = 200_000

    /// FNV-1a over the id's bytes, mixed (fmix64).
    private static func hash(_ id: ArraySlice<UInt8>) -> UInt64 {
        var h = Bytes.fnv1a(id)
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33; h = h &* 0xc4ce_b9fe_1a85_ec53; h ^= h >> 33
        return h
    }
}
