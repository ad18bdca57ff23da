import LedgerChain
import LedgerEvents
import LedgerPlatform

// MARK: - the stored table

/// The stored state opened for lookups: its header (stamps and the top of the block directory's pages) is read and
/// checked whole; each page of the directory and each block is read, checked against its SHA-256 and decoded only
/// when a lookup needs it, so opening costs the top (about √blocks places: 10 KB at 10 million records) and a lookup
/// a page and a block, not the state nor its whole directory. A page or block found damaged makes `damage` non-nil
/// and answers nothing; the caller then discards whatever it decided and checks against the whole log.
final class CheckTable {
    let header: CheckState.Header
    private let file: PosixFile
    /// Blocks read and checked: their bytes and where each entry starts in them (a lookup binary-searches those).
    private var blocks: [Int: (bytes: [UInt8], starts: [Int32])] = [:]
    private let hasher = SHA256()
    private var ownDamage: ChainError.DerivedStateProblem.Detail? = nil
    /// `index/checks.recent` (ledger-spec.md 15.4): the entries of the records after this table's stamp up to its
    /// own, laid over this table's by `value(_:)`. Nil for a table alone (or the recent table itself).
    let recent: CheckTable?

    /// What was found damaged in this table or in the recent one; the caller then answers from the whole log.
    var damage: ChainError.DerivedStateProblem.Detail? { header.blocks.damage ?? ownDamage ?? recent?.damage }

    /// Seq of the last record the table was computed from (the recent table's, when there is one).
    var seq: Int64 { stamp.seq }
    /// The last record the table was computed from (the recent table's, when there is one).
    var stamp: CheckState.Stamp { recent?.header.stamp ?? header.stamp }

    /// Whether this table closes `file` when it goes (a table `alone()` made on another's file does not).
    private let ownsFile: Bool

    convenience init(header: CheckState.Header, file: PosixFile, recent: CheckTable? = nil) {
        self.init(header: header, file: file, recent: recent, ownsFile: true)
    }

    private init(header: CheckState.Header, file: PosixFile, recent: CheckTable?, ownsFile: Bool) {
        self.header = header
        self.file = file
        self.recent = recent
        self.ownsFile = ownsFile
    }

    deinit { if ownsFile { file.close() } }

    /// This table without its recent table, on the same open file (so the very file this table was opened on,
    /// whatever a writer put at its path since); it must not outlive this table, which closes the file.
    func alone() -> CheckTable { CheckTable(header: header, file: file, recent: nil, ownsFile: false) }

    /// Every byte of the file this table was opened on, read through its handle (not by its path, where a writer's
    /// merge may have put another file since: review of verifychecks52 #1); nil when it cannot be read.
    func fileBytes() -> [UInt8]? { try? file.readAll() }

    /// The stored value of `key`, if any: this table's, combined with the recent table's as a merge combines them
    /// (`CheckState.combine`), and a reference (`D`) gone when the recent table registers its entity.
    func value(_ key: [UInt8]) -> [UInt8]? {
        if key.count >= 2, knownAbsent(key[0], key[1]) { return nil }
        guard let recent else { return ownValue(key) }
        let later = recent.ownValue(key)
        return laid(key, earlier: ownValue(key), later: later)
    }

    /// `key`'s value in this table (`earlier`) with the recent table's (`later`) laid over it (`value(_:)`).
    private func laid(_ key: [UInt8], earlier: [UInt8]?, later: [UInt8]?) -> [UInt8]? {
        guard let earlier else { return later }
        guard let later else {
            if key.first == CheckKey.referenced, key.count >= 2 {
                var registered = key
                registered[0] = CheckKey.registry
                if recent?.ownValue(registered) != nil { return nil }
            }
            return earlier
        }
        guard let combined = CheckState.combine(key, base: earlier, overlay: later) else {
            ownDamage = .unreadable(.some(.entry))
            return nil
        }
        return combined
    }

    /// Whether no key beginning with the bytes `first`, `second` (a tag and a kind, or a tag and an id's first byte)
    /// is stored in this table nor in the recent one, as learnt by an earlier lookup of such a key in each (`ownValue`);
    /// false when not known. An import asks for each new part's id several times (its `R`, `D` and `T` keys), and a
    /// ledger holding no parts, no dangling references or no finding items answers all but the first from this.
    func knownAbsent(_ first: UInt8, _ second: UInt8) -> Bool {
        ownKnownAbsent(first, second) && (recent?.ownKnownAbsent(first, second) ?? true)
    }

    private func ownKnownAbsent(_ first: UInt8, _ second: UInt8) -> Bool {
        !prefixes.isEmpty && prefixes[Int(first) << 8 | Int(second)] == 1
    }
    /// By a key's first two bytes: 0 not learnt, 1 no key of this table begins with them, 2 some does (`ownValue`).
    private var prefixes: [UInt8] = []

    /// How many blocks have a first key not after `key` (the blocks' first keys ascend): the block before that
    /// count is the last that can hold `key`.
    func blocksNotAfter(_ key: [UInt8]) -> Int { header.blocks.blocksNotAfter(key) }

    /// This table's own value of `key` (without the recent table).
    func ownValue(_ key: [UInt8]) -> [UInt8]? {
        var walk = Walk()
        return ownValue(key, walk: &walk)
    }

    /// Where a walk of keys in ascending order stands in a table (`ownValue(_:walk:)`): the blocks counted for the key
    /// before (`blocksNotAfter`; -1 before the first), the block that can hold it, and the first entry not before it.
    struct Walk {
        var low = -1
        var block: (bytes: [UInt8], starts: [Int32])? = nil
        var entry = 0
        /// The next block's first key (nil after the last block): a key before it is in `block`. Read at the walk's
        /// second key in the block (a lookup alone needs none).
        var next: [UInt8]? = nil
        var nextRead = false
    }

    /// `ownValue(key)` for the next of keys asked in ascending order (`walk` is the walk's, made empty for the first):
    /// a key before the next block's first key is in the block of the key before it, so the directory is not searched
    /// again and the block is searched from where that key was placed. The same answer, and the same pages and blocks
    /// read, as `ownValue(key)`: the next block's first key is on the page the key before it read (or the top's).
    func ownValue(_ key: [UInt8], walk: inout Walk) -> [UInt8]? {
        guard ownDamage == nil, header.blocks.damage == nil else { return nil }
        let prefix = key.count >= 2 ? Int(key[0]) << 8 | Int(key[1]) : -1
        if prefix >= 0, !prefixes.isEmpty, prefixes[prefix] == 1 { return nil }
        // The last block whose first key is not after `key`.
        if walk.low >= 0, !walk.nextRead {
            walk.next = header.blocks.firstKey(afterBlocks: walk.low)
            walk.nextRead = true
        }
        if walk.low < 0 || walk.next.map({ CheckState.compare($0, 0, $0.count, key) <= 0 }) == true {
            walk = Walk(low: blocksNotAfter(key))
        }
        let low = walk.low
        guard low > 0, let block = walk.block ?? indexedBlock(low - 1) else {
            if prefix >= 0, low == 0 { learn(prefix, key, low: 0, block: nil) }
            return nil
        }
        walk.block = block
        if prefix >= 0, prefixes.isEmpty || prefixes[prefix] == 0 { learn(prefix, key, low: low, block: block) }
        let bytes = block.bytes
        let first = Self.firstEntry(notBefore: key, in: block, from: walk.entry)
        walk.entry = first
        guard first < block.starts.count else { return nil }
        var at = Int(block.starts[first])
        let keyCount = CheckState.length(bytes, &at)
        guard CheckState.compare(bytes, at, keyCount, key) == 0 else { return nil }
        at += keyCount
        let valueCount = CheckState.length(bytes, &at)
        return Array(bytes[at..<(at + valueCount)])
    }

    /// Notes whether a key with `key`'s first two bytes (`prefix`) is stored, from what the lookup of `key` read: the
    /// directory's page holding `key`'s place, block `low - 1` and the first key of block `low` (on that page, or the
    /// top's for the first block of the next page) — nothing more is read, so the pages and blocks read and the
    /// damage found stay the lookup's own. Such keys are consecutive: none is stored when the block holds none and
    /// the next block's first key does not begin with them (the block's first key is before them then, or it would be
    /// one). When none is, every such key falls in that same block, and a later lookup of one answers nil unread.
    private func learn(_ prefix: Int, _ key: [UInt8], low: Int, block: (bytes: [UInt8], starts: [Int32])?) {
        guard ownDamage == nil, header.blocks.damage == nil else { return }
        if prefixes.isEmpty { prefixes = [UInt8](repeating: 0, count: 1 << 16) }
        guard prefixes[prefix] == 0 else { return }
        let two = Array(key[0..<2])
        let directory = header.blocks
        var held = false
        if let block {
            let first = Self.firstEntry(notBefore: two, in: block)
            if first < block.starts.count {
                var at = Int(block.starts[first])
                let keyCount = CheckState.length(block.bytes, &at)
                held = keyCount >= 2 && block.bytes[at] == two[0] && block.bytes[at + 1] == two[1]
            }
        }
        if !held, low < directory.count {
            let next = low % directory.placesPerPage == 0 ? directory.top[low / directory.placesPerPage].firstKey[...] : directory.firstKey(low)
            held = next.starts(with: two)
        }
        guard header.blocks.damage == nil else { return }
        prefixes[prefix] = held ? 2 : 1
    }

    /// The index of `block`'s first entry whose key is not before `key` (its entry count when there is none): a
    /// binary search, the keys strictly increasing (checked when the block was read).
    /// With `start`, every entry before it is known to precede `key` (a walk's key before it was placed there): the
    /// search gallops from it, a key near the one before costing a compare or two, not the whole block's search.
    static func firstEntry(notBefore key: [UInt8], in block: (bytes: [UInt8], starts: [Int32]), from start: Int = 0) -> Int {
        let bytes = block.bytes
        func precedes(_ index: Int) -> Bool {
            var at = Int(block.starts[index])
            let keyCount = CheckState.length(bytes, &at)
            return CheckState.compare(bytes, at, keyCount, key) < 0
        }
        var lo = start, hi = block.starts.count
        if start > 0 {
            var bound = start, step = 1
            while bound < hi, precedes(bound) {
                lo = bound + 1
                bound = lo + step
                step <<= 1
            }
            hi = Swift.min(bound, hi)
        }
        while lo < hi {
            let mid = (lo + hi) / 2
            if precedes(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Block `index` read and checked, with its entries' starts; kept for later lookups.
    func indexedBlock(_ index: Int) -> (bytes: [UInt8], starts: [Int32])? {
        if let cached = blocks[index] { return cached }
        guard let bytes = blockBytes(index, keep: false) else { return nil }
        var starts: [Int32] = []
        var at = 0
        while at < bytes.count {
            starts.append(Int32(at))
            at += CheckState.length(bytes, &at)
            at += CheckState.length(bytes, &at)
        }
        blocks[index] = (bytes, starts)
        return (bytes, starts)
    }

    /// Block `index`'s bytes, read and checked — its SHA-256, its layout and key order, its first key the
    /// directory's (a merge reads every block once, and keeps none: `keep` is only for lookups).
    func blockBytes(_ index: Int, keep: Bool = true) -> [UInt8]? {
        if let cached = blocks[index] { return cached.bytes }
        if keep { return indexedBlock(index)?.bytes }
        let place = header.blocks[index]
        guard header.blocks.damage == nil else { return nil }
        var bytes: [UInt8] = []
        do { try file.read(at: place.offset, count: place.length, into: &bytes) } catch {
            ownDamage = .unreadableBlock(index + 1, cause: .of(error))
            return nil
        }
        guard bytes.count == place.length, hasher.hash(bytes[...]) == place.hash else {
            ownDamage = .checksum(.nth(.block, index + 1))
            return nil
        }
        let firstKey = header.blocks.firstKey(index)
        var first = true, ordered = true
        var previous: ArraySlice<UInt8> = []
        let wellFormed = CheckState.walkBlock(bytes) { key, _ in
            ordered = first ? key.elementsEqual(firstKey) : previous.lexicographicallyPrecedes(key)
            first = false
            previous = key
            return ordered
        }
        guard wellFormed, ordered, !first else {
            ownDamage = .unreadableBlock(index + 1, cause: nil)
            return nil
        }
        return bytes
    }

    /// Block `index`, decoded (for a merge, which reads every block once).
    func block(_ index: Int, keep: Bool = true) -> [(key: [UInt8], value: [UInt8])]? {
        guard let bytes = blockBytes(index, keep: keep) else { return nil }
        guard let entries = CheckState.decodeBlock(bytes) else {
            ownDamage = .unreadableBlock(index + 1, cause: nil)
            return nil
        }
        return entries
    }

    /// Every entry whose key starts with `prefix`, in key order, this table's and the recent table's laid over them
    /// as `value(_:)` lays them; nil when a block is damaged.
    func entries(withPrefix prefix: [UInt8]) -> [(key: [UInt8], value: [UInt8])]? {
        let own = ownEntries(withPrefix: prefix)
        guard let recent else { return own }
        guard var merged = own, let later = recent.ownEntries(withPrefix: prefix) else { return nil }
        var index: [[UInt8]: Int] = [:]
        for (i, e) in merged.enumerated() { index[e.key] = i }
        for (key, value) in later {
            if let i = index[key] {
                guard let combined = CheckState.combine(key, base: merged[i].value, overlay: value) else { return nil }
                merged[i].value = combined
            } else {
                merged.append((key, value))
            }
        }
        merged.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return merged
    }

    private func ownEntries(withPrefix prefix: [UInt8]) -> [(key: [UInt8], value: [UInt8])]? {
        let places = header.blocks
        let low = places.blocksNotAfter(prefix)
        var out: [(key: [UInt8], value: [UInt8])] = []
        for index in max(0, low - 1)..<places.count {
            guard let entries = block(index) else { return nil }
            for (key, value) in entries {
                if key.lexicographicallyPrecedes(prefix) { continue }
                guard key.starts(with: prefix) else { return out }
                out.append((key, value))
            }
        }
        return out
    }

    private func decoded<T>(_ key: [UInt8], _ read: (inout ValueReader) -> T?) -> T? { decodedValue(value(key), read) }

    /// A stored value read by `read`; one it cannot read is damage.
    private func decodedValue<T>(_ value: [UInt8]?, _ read: (inout ValueReader) -> T?) -> T? {
        guard let bytes = value else { return nil }
        var reader = ValueReader(bytes)
        guard let value = read(&reader) else {
            ownDamage = .unreadable(.some(.entry))
            return nil
        }
        return value
    }

    func entry(_ kind: ReferenceChecker.Kind, _ id: String) -> ReferenceChecker.Entry? {
        // A batch names a community again and again (every row of a register names its own, rows of one community
        // together): the last community asked is answered again without a lookup (the same bytes, which the lookup
        // read and checked already). The table does not change.
        if kind == .community {
            if let last = lastCommunity, Bytes.sameUTF8(last.id, id) { return last.entry }
            // Rows of many communities in turn (a register sorted by asset, not by community): each community's
            // answer is kept too. A `String` key finds a canonically equivalent id as well, so the kept id's bytes
            // are compared; one that differs is looked up as it is (and not kept).
            if let kept = communities[id] {
                if Bytes.sameUTF8(kept.id, id) {
                    lastCommunity = kept
                    return kept.entry
                }
                return decoded(CheckKey.make(CheckKey.registry, kind, id)) { $0.entry() }
            }
            let found = decoded(CheckKey.make(CheckKey.registry, kind, id)) { $0.entry() }
            lastCommunity = (id, found)
            if communities.count < Self.communitiesKeptMax { communities[id] = (id, found) }
            return found
        }
        if knownAbsent(CheckKey.registry, UInt8(kind.index)) { return nil }
        return decoded(CheckKey.make(CheckKey.registry, kind, id)) { $0.entry() }
    }
    /// `entry(kind, id)` of each of `ids`, in their order. The first is asked alone (a table that holds no key of the
    /// kind answers the rest from it: `knownAbsent`); the others' keys are sorted once and walked in order through
    /// the table and the recent one (`ownValue(_:walk:)`), not each searched for from the top: a register's import
    /// asks for every id its rows name (two for each part). The same answers, and the same pages and blocks read, as
    /// asking each in that order.
    func entries(_ kind: ReferenceChecker.Kind, _ ids: [String]) -> [ReferenceChecker.Entry?] {
        // Communities are kept by `entry` (a batch names few, again and again).
        guard kind != .community, let firstID = ids.first else { return ids.map { entry(kind, $0) } }
        return entries(kind, ids, first: entry(kind, firstID))
    }

    /// `entries(kind, ids)` once the first id's answer is known (`entry(kind, ids[0])`, asked by the caller): a
    /// caller that learns from it that the table holds no id of the kind (`knownAbsent`) need not ask the rest.
    func entries(_ kind: ReferenceChecker.Kind, _ ids: [String], first: ReferenceChecker.Entry?) -> [ReferenceChecker.Entry?] {
        precondition(kind != .community && !ids.isEmpty, "the first of some ids other than communities")
        var out = [ReferenceChecker.Entry?](repeating: nil, count: ids.count)
        out[0] = first
        guard ids.count > 1, !knownAbsent(CheckKey.registry, UInt8(kind.index)) else { return out }
        let keys = ids.map { CheckKey.make(CheckKey.registry, kind, $0) }
        // Sorted by the bytes after the tag and kind (which all share) as two integers of eight bytes, the keys
        // themselves compared only when those sixteen bytes do not tell them apart (a compare of two arrays' bytes cost
        // a hundred instructions, sixteen of them a key).
        struct Sorted { let high: UInt64, low: UInt64, index: Int }
        func word(_ key: [UInt8], _ from: Int) -> UInt64 {
            var word: UInt64 = 0
            for at in from..<(from + 8) { word = word << 8 | (at < key.count ? UInt64(key[at]) : 0) }
            return word
        }
        var order = (1..<ids.count).map { Sorted(high: word(keys[$0], 2), low: word(keys[$0], 10), index: $0) }
        order.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return Bytes.precedes(keys[a.index], keys[b.index])
        }
        var own = Walk(), later = Walk()
        for sorted in order {
            let index = sorted.index
            let key = keys[index]
            guard !knownAbsent(key[0], key[1]) else { continue }
            let value: [UInt8]?
            if let recent {
                let overlay = recent.ownValue(key, walk: &later)
                value = laid(key, earlier: ownValue(key, walk: &own), later: overlay)
            } else {
                value = ownValue(key, walk: &own)
            }
            out[index] = decodedValue(value) { $0.entry() }
        }
        return out
    }
    /// The last community `entry` was asked for, and its answer.
    private var lastCommunity: (id: String, entry: ReferenceChecker.Entry?)? = nil
    /// The communities `entry` was asked for, with their answers (the same bytes a lookup read and checked; the
    /// table does not change), at most `communitiesKeptMax` of them.
    private var communities: [String: (id: String, entry: ReferenceChecker.Entry?)] = [:]
    /// A city has some thousand communities; a batch naming more looks the rest up each time.
    static let communitiesKeptMax = 16_384
    func ending(_ kind: ReferenceChecker.Kind, _ id: String) -> ReferenceChecker.Entry? {
        decoded(CheckKey.make(CheckKey.ending, kind, id)) { $0.entry() }
    }
    func rounds(_ key: String) -> Rounds { decoded(CheckKey.make(CheckKey.rounds, nil, key)) { $0.rounds() } ?? .none }
    func erasure(_ commitment: PersonalCommitment) -> Int64? { decoded(CheckKey.make(commitment)) { $0.signed() } }
    func terms(_ id: String) -> ReferenceChecker.Terms? {
        decoded(CheckKey.make(CheckKey.registry, .community, id)) { reader -> ReferenceChecker.Terms? in
            guard reader.entry() != nil, let units = reader.signed(), let scale = reader.varint(), scale <= 18,
                  let owners = reader.signed() else { return nil }
            return ReferenceChecker.Terms(totalArea: DecimalQuantity(units: units, scale: Int(scale)), totalOwners: owners)
        }
    }
    func listKeys(_ id: String) -> [String]? {
        decoded(CheckKey.make(CheckKey.registry, .list, id)) { reader -> [String]? in
            guard reader.entry() != nil, let count = reader.varint(), count <= UInt64(reader.bytes.count) else { return nil }
            var keys: [String] = []
            for _ in 0..<count { guard let k = reader.string() else { return nil }; keys.append(k) }
            return keys
        }
    }
    func registeringSeq(_ eventID: String) -> Int64? { decoded(CheckKey.make(CheckKey.registering, nil, eventID)) { $0.signed() } }
    /// The imports in effect (their `R` entries of kind 7) whose fact states the file SHA-256 `sha`, by import id, in
    /// key order: the `I` entries, this table's and the recent table's. Nil when a block or an entry is damaged.
    func imports(ofFile sha: String) -> [(importID: String, entry: ReferenceChecker.Entry)]? {
        let prefix = CheckKey.importFilePrefix(sha)
        guard let entries = entries(withPrefix: prefix) else { return nil }
        var out: [(importID: String, entry: ReferenceChecker.Entry)] = []
        for (key, value) in entries {
            var reader = ValueReader(value)
            guard let id = String(validating: key[prefix.count...], as: UTF8.self), let entry = reader.entry(), reader.atEnd else {
                ownDamage = .unreadable(.some(.entry))
                return nil
            }
            out.append((id, entry))
        }
        return out
    }
    /// The asset ids of the `W` entries under any of `keys` (ledger-spec.md 15.4: the parts kept under those twin
    /// keys), this table's and the recent table's; nil when a page or block is damaged. Keys few beside the blocks of
    /// `W` entries (a register of 10,000 rows into a city) are each searched for, in order, the block read for one
    /// kept for the next; more keys than that (a register of a million rows) walk the `W` entries once instead, each
    /// looked up among the keys: a search per key cost some microseconds each.
    func twinIDs(_ keys: Set<PartTwinKey>) -> Set<String>? {
        var ids = Set<String>()
        guard ownTwinIDs(keys, into: &ids), recent?.ownTwinIDs(keys, into: &ids) ?? true else { return nil }
        return ids
    }

    private func ownTwinIDs(_ keys: Set<PartTwinKey>, into ids: inout Set<String>) -> Bool {
        let places = header.blocks
        guard !keys.isEmpty, places.count > 0 else { return true }
        // The blocks that can hold `W` keys: from the last whose first key is not after the tag to the last whose
        // first key is not after the next tag.
        let first = Swift.max(0, places.blocksNotAfter([CheckKey.twin]) - 1), end = places.blocksNotAfter([CheckKey.twin + 1])
        guard places.damage == nil else { return false }
        var held: (index: Int, bytes: [UInt8])? = nil
        /// Hands each entry of block `index` from byte `from` to `body` (its key's start and length) until it returns
        /// false; where that entry starts, or nil when the block cannot be read.
        func walk(_ index: Int, from: Int, _ body: (_ key: Int, _ count: Int) -> Bool) -> Int? {
            if held?.index != index {
                guard let bytes = blockBytes(index, keep: false) else { return nil }
                held = (index, bytes)
            }
            let bytes = held!.bytes
            var at = from
            while at < bytes.count {
                let start = at
                let keyCount = CheckState.length(bytes, &at)
                let key = at
                at += keyCount
                at += CheckState.length(bytes, &at)
                if !body(key, keyCount) { return start }
            }
            return bytes.count
        }
        func insert(_ bytes: [UInt8], _ key: Int, _ count: Int, after prefix: Int) -> Bool {
            guard let id = String(validating: bytes[(key + prefix)..<(key + count)], as: UTF8.self) else {
                ownDamage = .unreadable(.some(.entry))
                return false
            }
            ids.insert(id)
            return true
        }
        if keys.count >= 4 * Swift.max(1, end - first) {
            for index in first..<Swift.max(first, end) {
                var fine = true
                guard walk(index, from: 0, { key, count in
                    let bytes = held!.bytes
                    guard count >= 17, bytes[key] == CheckKey.twin else { return true }
                    let found = PartTwinKey(first: Bytes.u64(bytes, at: key + 1).byteSwapped, second: Bytes.u64(bytes, at: key + 9).byteSwapped)
                    if keys.contains(found) { fine = insert(bytes, key, count, after: 17) }
                    return fine
                }) != nil, fine else { return false }
            }
            return ownDamage == nil && places.damage == nil
        }
        var position: (index: Int, at: Int)? = nil
        for prefix in keys.map(CheckKey.twinPrefix).sorted(by: { Bytes.precedes($0, $1) }) {
            // The last block whose first key is not after the prefix can hold its first keys; later ones may too. A
            // prefix after the one before starts where that one's walk stopped, in the same block.
            var index = Swift.max(0, places.blocksNotAfter(prefix) - 1)
            guard ownDamage == nil, places.damage == nil else { return false }
            var from = position?.index == index ? position!.at : 0
            scan: while index < places.count {
                var fine = true, past = false
                guard let stop = walk(index, from: from, { key, count in
                    let bytes = held!.bytes
                    let order = CheckState.compare(bytes, key, Swift.min(count, prefix.count), prefix)
                    if order < 0 || (order == 0 && count < prefix.count) { return true }
                    guard order == 0 else { past = true; return false }
                    fine = insert(bytes, key, count, after: prefix.count)
                    return fine
                }) else { return false }
                guard fine else { return false }
                position = (index, stop)
                if past { break scan }
                index += 1
                from = 0
            }
        }
        return ownDamage == nil && places.damage == nil
    }

    /// `knownAbsent` is asked before the key is made: an import asks for every new part.
    func isReferenced(_ key: ReferenceChecker.KindID) -> Bool {
        !knownAbsent(CheckKey.referenced, UInt8(key.kind.index)) && value(CheckKey.make(CheckKey.referenced, key.kind, key.id)) != nil
    }
    func useDay(_ id: String) -> Int32? { decoded(CheckKey.make(CheckKey.useDay, nil, id)) { $0.day() } }
    func namesItem(_ id: String) -> Bool {
        if let first = id.utf8.first, knownAbsent(CheckKey.item, first) { return false }
        return value(CheckKey.make(CheckKey.item, nil, id)) != nil
    }
}
