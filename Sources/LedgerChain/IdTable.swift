import LedgerEvents
import LedgerPlatform


/// One sorted table of `IdEntry`s covering the records after `from` up to `to` (`index/ids`, `index/ids-2`, …,
/// ledger-spec.md section 15.3), read with positioned reads, or held in memory when it could not be written. Every
/// byte read is checked before use: the header by its SHA-256, each block of entries by its own digest (which
/// binds its number), and the fence (the first key of every block) by a digest in the header. A lookup reads the
/// header and the few blocks an interpolation search on the key visits (keys are hashes, spread evenly): not the
/// fence, which grows with the log (312 KB at 10 million records) and is read and checked only by what reads every
/// block (a merge, `verify --index`).
///
/// Layout: header | blocks | fence. A block is the SHA-256 of (the `to` hash, the level, the block number, the
/// entries) followed by up to `entriesPerBlock` entries of 24 bytes (key, seq, place; little-endian).
final class IdTable {
    /// 2: a chain of levels `ids`, `ids-2`, … merged by size class (`IdIndexPolicy`); 1 had `ids` and `ids-recent`.
    static let version: UInt64 = 2
    static var magic: [UInt8] { Array((kind + "\n").utf8) }
    static let entriesPerBlock = 256

    struct Header: Equatable {
        var level: UInt64
        var ledgerName: String
        var genesis: StateStamp
        /// The table covers records after this one (seq 0: from the first record).
        var fromSeq: Int64
        var fromHash: Digest32
        var to: StateStamp
        var count: Int64
        var fenceDigest: Digest32 = .zero
    }

    let header: Header
    private let file: PosixFile?
    /// The first key of every block, read and checked when a pass over every block first needs it (never by a
    /// lookup); nil until then.
    private var fence: [UInt64]? = nil
    /// Entries of a table held in memory (no file); empty for a file-backed one.
    private let memory: [IdEntry]
    private let headerBytes: Int
    private let hasher = SHA256()
    /// Verified blocks by number (nil: not read yet), so that a batch's lookups and the command's own lookups
    /// before it read each block once. An array, not a dictionary: a lookup visits some three blocks, and hashing
    /// the block numbers cost more than the search within them.
    private var cache: [[IdEntry]?] = []
    private var cachedBlocks = 0
    /// 4,096 blocks of 256 entries: about 25 MB, and every block of a table of a million records, so that a writer
    /// appending batch after batch (an import, `ledger-bench`) reads and checks each block once, not once a lookup.
    static let cacheBlocksMax = 4_096

    /// The filter of this table's keys that a batch's sweep asks first (`IdIndex.keysInTables`): set by the writer
    /// that wrote the table (from the entries it wrote), or built from the blocks by `sweepFilter`; nil until then.
    var filter: IdKeyFilter? = nil
    /// Keys the sweeps asked of this table while it had no filter, and whether building one failed (a damaged
    /// block or fence: the searches then meet it as before).
    private var sweptKeys = 0
    private var filterRefused = false
    /// No filter for a larger table: 12 bits a key, 24 MB at this size (the block cache holds some 25 MB).
    static let filterEntriesMax = 16 << 20

    var count: Int64 { header.count }
    var isInMemory: Bool { file == nil }

    private init(header: Header, file: PosixFile?, memory: [IdEntry], headerBytes: Int) {
        self.header = header; self.file = file; self.memory = memory; self.headerBytes = headerBytes
    }

    deinit { file?.close() }

    /// A table held in memory (`entries` sorted).
    static func inMemory(_ header: Header, entries: [IdEntry]) -> IdTable {
        IdTable(header: header, file: nil, memory: entries, headerBytes: 0)
    }

    private var blockCount: Int { Int((header.count + Int64(Self.entriesPerBlock) - 1) / Int64(Self.entriesPerBlock)) }
    static let blockDigestBytes = 32
    private var fullBlockBytes: Int { Self.blockDigestBytes + Self.entriesPerBlock * IdEntry.bytes }

    // MARK: encoding

    /// `value`'s 8 bytes, least significant first, appended whole (not byte by byte: a table write puts three a entry).
    static func put(_ value: UInt64, _ out: inout [UInt8]) { Bytes.appendLittleEndian(value, to: &out) }

    static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 { Bytes.u64(bytes, at: offset) }

    static let kind = "LEDGER-ID-TABLE"
    /// The table's own header in the body: level, from seq and hash, count, entries per block, fence digest, then
    /// the SHA-256 of these 128 bytes.
    static let tableHeaderBytes = 8 + 8 + 32 + 8 + 8 + 32 + 32

    /// The body's length for `count` entries.
    static func bodyBytes(count: Int64) -> Int64 {
        let blocks = (count + Int64(entriesPerBlock) - 1) / Int64(entriesPerBlock)
        return Int64(tableHeaderBytes) + count * Int64(IdEntry.bytes) + blocks * Int64(blockDigestBytes + 8)
    }

    /// The shared header (ledger-spec.md section 15.1) and the table's own header after it.
    static func encode(_ h: Header) -> [UInt8] {
        var out = DerivedStateHeader(kind: kind, version: UInt32(version), ledgerName: h.ledgerName, genesis: h.genesis, stamp: h.to,
                                     bodyBytes: UInt64(bodyBytes(count: h.count))).encoded()
        var table: [UInt8] = []
        put(h.level, &table)
        put(UInt64(bitPattern: h.fromSeq), &table); table += h.fromHash.bytes
        put(UInt64(bitPattern: h.count), &table)
        put(UInt64(entriesPerBlock), &table)
        table += h.fenceDigest.bytes
        table += SHA256.digest(table).bytes
        out += table
        return out
    }

    /// The headers at the start of `bytes` and their length; any damage is a problem, never a crash.
    static func decodeHeader(_ bytes: [UInt8]) throws(ChainError) -> (Header, Int) {
        let (shared, start) = try DerivedStateHeader.decode(bytes[...], kind: kind, version: UInt32(version))
        guard bytes.count - start >= tableHeaderBytes else { throw .damaged(.unreadable(.tableHeader)) }
        let table = Array(bytes[start..<(start + tableHeaderBytes - 32)])
        guard SHA256.digest(table).bytes.elementsEqual(bytes[(start + tableHeaderBytes - 32)..<(start + tableHeaderBytes)]) else {
            throw .damaged(.checksum(.tableHeader))
        }
        let level = u64(table, 0), fromSeq = Int64(bitPattern: u64(table, 8)), count = Int64(bitPattern: u64(table, 48))
        let per = u64(table, 56)
        guard level >= 1, level <= UInt64(IdIndex.levelsMax), per == UInt64(entriesPerBlock), count >= 0, fromSeq >= 0, fromSeq < shared.stamp.seq,
              count <= shared.stamp.seq, shared.bodyBytes == UInt64(bodyBytes(count: count)) else {
            throw .damaged(.outOfRange(.tableHeader))
        }
        let header = Header(level: level, ledgerName: shared.ledgerName, genesis: shared.genesis, fromSeq: fromSeq,
                            fromHash: Digest32(bytes: table[16..<48])!, to: shared.stamp, count: count,
                            fenceDigest: Digest32(bytes: table[64..<96])!)
        return (header, start + tableHeaderBytes)
    }

    // MARK: reading

    /// Opens the table at `path`: checks the header and the file's size (the blocks and the fence are checked when
    /// read). nil when there is no file; throws why it cannot be used.
    static func open(path: String) throws(ChainError) -> IdTable? {
        // Only a regular file is opened (`PosixFile.openRegular`: a FIFO or device is refused unopened, by its kind).
        let opened: (file: PosixFile, status: FileStatus)
        do { opened = try PosixFile.openRegular(path, followLinks: false) } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        let file = opened.file, size = opened.status.size
        var bytes: [UInt8] = []
        do { try file.read(at: 0, count: 2_048, into: &bytes) } catch { throw .damaged(.of(error)) }
        let (header, headerBytes) = try decodeHeader(bytes)
        let expected = Int64(headerBytes - tableHeaderBytes) + bodyBytes(count: header.count)
        guard size == expected else { throw .damaged(.size(bytes: Int64(size), expected: Int64(expected))) }
        return IdTable(header: header, file: file, memory: [], headerBytes: headerBytes)
    }

    /// The fence, read and checked against the header's digest on first use.
    private func checkedFence() throws(ChainError) -> [UInt64] {
        if let fence { return fence }
        guard let file else { preconditionFailure("no fence in memory") }
        let blocks = blockCount
        let end = Int64(headerBytes - Self.tableHeaderBytes) + Self.bodyBytes(count: header.count)
        var bytes: [UInt8] = []
        do { try file.read(at: end - Int64(blocks * 8), count: blocks * 8, into: &bytes) } catch { throw .damaged(.of(error)) }
        guard bytes.count == blocks * 8, hasher.hash(bytes[...]) == header.fenceDigest else {
            throw .damaged(.checksum(.blockIndex))
        }
        let read = (0..<blocks).map { Self.u64(bytes, $0 * 8) }
        fence = read
        return read
    }

    /// Block `index` read by a pass over every block: its entries, also checked against the fence.
    private func fencedBlock(_ index: Int) throws(ChainError) -> [IdEntry] {
        let entries = try block(index)
        guard entries.first?.key == (try checkedFence())[index] else {
            throw .damaged(.firstKeyNotIndexed(block: index))
        }
        return entries
    }

    /// Block `index`'s entries, checked against its digest (the number it binds, the order and range of its entries).
    private func block(_ index: Int) throws(ChainError) -> [IdEntry] {
        if index < cache.count, let cached = cache[index] { return cached }
        guard let file else { preconditionFailure("no blocks in memory") }
        let entries = index == blockCount - 1 ? Int(header.count) - index * Self.entriesPerBlock : Self.entriesPerBlock
        let length = Self.blockDigestBytes + entries * IdEntry.bytes
        var bytes: [UInt8] = []
        do { try file.read(at: Int64(headerBytes) + Int64(index) * Int64(fullBlockBytes), count: length, into: &bytes) } catch {
            throw .damaged(.of(error))
        }
        guard bytes.count == length, Self.blockDigest(hasher, header, index, bytes[Self.blockDigestBytes...]).bytes.elementsEqual(bytes[0..<32]) else {
            throw .damaged(.checksum(.nth(.block, index)))
        }
        var out: [IdEntry] = []
        out.reserveCapacity(entries)
        var previous: IdEntry? = nil
        for i in 0..<entries {
            let at = Self.blockDigestBytes + i * IdEntry.bytes
            let entry = IdEntry(key: Self.u64(bytes, at), seq: Int64(bitPattern: Self.u64(bytes, at + 8)), place: Self.u64(bytes, at + 16))
            guard entry.seq > header.fromSeq, entry.seq <= header.to.seq, previous.map({ $0 < entry }) ?? true else {
                throw .damaged(.entryOutOfPlace(block: index))
            }
            previous = entry
            out.append(entry)
        }
        if cache.isEmpty { cache = Array(repeating: nil, count: blockCount) }
        if cachedBlocks >= Self.cacheBlocksMax {
            for i in cache.indices { cache[i] = nil }
            cachedBlocks = 0
        }
        cache[index] = out
        cachedBlocks += 1
        return out
    }

    static func blockDigest(_ hasher: SHA256, _ header: Header, _ index: Int, _ entries: ArraySlice<UInt8>) -> Digest32 {
        hasher.begin()
        hasher.update(header.to.hash)
        var words: [UInt8] = []
        put(header.level, &words); put(UInt64(index), &words)
        hasher.update(words)
        hasher.update(entries)
        return hasher.finish()
    }

    /// The entries with `key`, highest seq first.
    ///
    /// The blocks are found by interpolation on the key, each block read checked by its digest: keys are hashes
    /// spread evenly over 64 bits, so the first guess lands within a few blocks of the key and the next one or two
    /// reach it — some three blocks of 6 KB a lookup whatever the table's size, where the fence cost a read, a hash
    /// and a decoding of 8 bytes per block (312 KB at 10 million records) on every open. After three guesses the
    /// search halves the range instead, so a table whose keys are bunched still costs at most a binary search.
    /// The blocks are sorted as a whole (the writer checks it), so a key between the last key of a block and the
    /// first of the next is absent.
    func candidates(_ key: UInt64) throws(ChainError) -> [IdEntry] {
        var cursor = SearchCursor()
        return try candidates(key, cursor: &cursor)
    }

    /// Where a search of keys in increasing order left off (`candidates(_:cursor:)`): every block before `low`
    /// ends below the last key searched, and `lowKey` is at most the first key of block `low`. The next key
    /// (not below the last) is searched from there, so that a batch's keys, sorted, are found in one sweep of
    /// the table: the interpolation guesses within the blocks left, and each block is read once for the batch
    /// (its ids are hashes spread over the whole table: at 10 million records the blocks of a 10,000-event
    /// batch's keys are a quarter of the table's, each found in one or two reads instead of some three).
    struct SearchCursor {
        var low = 0
        var lowKey: UInt64 = 0
        var lastKey: UInt64 = 0
    }

    /// `candidates(_:)`, for keys searched in increasing order with one `cursor` (a key below the cursor's last
    /// starts afresh): the same entries.
    func candidates(_ key: UInt64, cursor: inout SearchCursor) throws(ChainError) -> [IdEntry] {
        if key < cursor.lastKey { cursor = SearchCursor() }
        cursor.lastKey = key
        guard file != nil else {
            var i = lowerBound(memory.count) { memory[$0].key < key }
            var found: [IdEntry] = []
            while i < memory.count, memory[i].key == key { found.append(memory[i]); i += 1 }
            return found.reversed()
        }
        let count = blockCount
        // The block holding the key's first entry, if any, is among low...high, whose keys lie in lowKey...highKey.
        var low = min(cursor.low, count), high = count - 1
        var lowKey: UInt64 = cursor.lowKey, highKey: UInt64 = .max
        defer { cursor.low = low; cursor.lowKey = lowKey }
        var guesses = 0
        while low <= high {
            let index: Int
            if guesses < 3, highKey > lowKey {
                let share = Double(key &- lowKey) / Double(highKey &- lowKey)
                index = low + min(high - low, max(0, Int(share * Double(high - low + 1))))
            } else {
                index = low + (high - low) / 2
            }
            guesses += 1
            let entries = try block(index)
            guard let first = entries.first?.key, let last = entries.last?.key else { throw .damaged(.empty(.nth(.block, index))) }
            if key < first {
                high = index - 1; highKey = first
            } else if key > last {
                low = index + 1; lowKey = last
            } else {
                // Entries with one key may run over a block's edges: back to the first block holding it.
                var start = index
                while start > 0, try block(start).first?.key == key, try block(start - 1).last?.key == key { start -= 1 }
                // Blocks from `start` on hold the keys from this one: the next (higher) key is among them.
                low = max(low, start)
                var found: [IdEntry] = []
                var b = start
                while b < count {
                    // Entries are sorted by key: a search, not a walk over the block's 256 entries.
                    let entries = try block(b)
                    var i = Self.lowerBound(entries, key)
                    while i < entries.count, entries[i].key == key { found.append(entries[i]); i += 1 }
                    if i < entries.count { break }
                    b += 1
                }
                return found.reversed()
            }
        }
        return []
    }

    /// The filter for a sweep of `keys` more keys (`IdIndex.keysInTables`): the one held, or one built from the
    /// checked blocks once the sweeps without it have asked about as many keys as the table has blocks — they would
    /// have read about every block by then, so building it costs no more than they did. nil while not worth it, for
    /// a table held in memory or too large, or when a block or the fence cannot be read: the sweep then searches
    /// as before (and meets the damage as before).
    func sweepFilter(adding keys: Int) -> IdKeyFilter? {
        if let filter { return filter }
        guard file != nil, !filterRefused, header.count <= Int64(Self.filterEntriesMax) else { return nil }
        sweptKeys += keys
        guard sweptKeys >= blockCount else { return nil }
        var built = IdKeyFilter(count: Int(header.count))
        do throws(ChainError) { try forEachEntry { built.insert($0.key) } } catch {
            filterRefused = true
            return nil
        }
        filter = built
        return built
    }

    /// Drops block `index` from the cache (a pass over every block keeps none of them).
    fileprivate func uncache(_ index: Int) {
        guard index < cache.count, cache[index] != nil else { return }
        cache[index] = nil
        cachedBlocks -= 1
    }

    /// The first index of `entries` (sorted by key) whose key is not below `key`. Keys are hashes, spread evenly,
    /// so the place is guessed from the block's first and last keys and only a window of entries around the
    /// guess is searched, when the entries on its edges show the answer lies within it; else all of them. A
    /// binary search over the whole block touched some eight cache lines of its 6 KB a lookup.
    static func lowerBound(_ entries: [IdEntry], _ key: UInt64) -> Int {
        let count = entries.count
        var low = 0, high = count
        if count > 16, let first = entries.first?.key, let last = entries.last?.key, first < key, key <= last {
            let share = Double(key - first) / Double(last - first)
            let guess = min(count - 1, Int(share * Double(count - 1)))
            let windowLow = max(1, guess - 6), windowHigh = min(count - 1, guess + 6)
            // The answer is at least windowLow when the entry before it is below the key, at most windowHigh
            // when the entry there is not.
            if entries[windowLow - 1].key < key, entries[windowHigh].key >= key { low = windowLow; high = windowHigh }
        }
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].key < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func lowerBound(_ count: Int, _ below: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if below(mid) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Every entry in order, each block checked (for merging into a new table).
    func forEachEntry(_ body: (IdEntry) throws(ChainError) -> Void) throws(ChainError) {
        guard file != nil else {
            for entry in memory { try body(entry) }
            return
        }
        for index in 0..<blockCount {
            let entries = try fencedBlock(index)
            uncache(index)
            for entry in entries { try body(entry) }
        }
    }

    /// Reads the entries in order, one checked block at a time (for a streaming merge).
    final class Cursor {
        let table: IdTable
        var block: [IdEntry] = []
        var blockIndex = 0
        var position = 0

        init(_ table: IdTable) { self.table = table }

        func next() throws(ChainError) -> IdEntry? {
            if table.file == nil {
                guard position < table.memory.count else { return nil }
                defer { position += 1 }
                return table.memory[position]
            }
            if position == block.count {
                guard blockIndex < table.blockCount else { return nil }
                block = try table.fencedBlock(blockIndex)
                table.uncache(blockIndex)
                blockIndex += 1
                position = 0
            }
            defer { position += 1 }
            return block[position]
        }
    }

    func allEntries() throws(ChainError) -> [IdEntry] {
        var out: [IdEntry] = []
        out.reserveCapacity(Int(header.count))
        try forEachEntry { out.append($0) }
        return out
    }

    // MARK: writing

    /// Writes a table of `header.count` entries, given in order by `next`, to `path` atomically: a temporary file
    /// beside it (written in pieces, so a large table is never held whole as bytes), fsync, rename, fsync of the
    /// directory. The caller holds the ledger's lock, so the temporary's fixed name is never shared. `beforeRename`
    /// runs when the new file is complete and durable, just before it replaces the old one.
    static func write(_ header: Header, to path: String, next: () throws(ChainError) -> IdEntry?,
                      beforeRename: () -> Void = {}) throws(ChainError) {
        let temporary = path + ".tmp"
        try? PosixFile.remove(temporary)
        do {
            let file = try PosixFile(path: temporary, mode: .createNew(permissions: 0o644), followLinks: false)
            defer { file.close() }
            var fenceHeader = header
            let headerLength = encode(header).count
            var offset = Int64(headerLength)
            var out: [UInt8] = []
            // A block's entries are stored in place in a buffer of a full block's size (`used` bytes of it so far):
            // appending three u64s an entry to a growing array cost a profile's 2 % of an append.
            var entries = [UInt8](repeating: 0, count: entriesPerBlock * IdEntry.bytes)
            var used = 0
            var fence: [UInt8] = []
            var blockIndex = 0
            var written: Int64 = 0
            var previous: IdEntry? = nil
            let hasher = SHA256()
            func flushBlock() {
                guard used > 0 else { return }
                out += blockDigest(hasher, header, blockIndex, entries[0..<used]).bytes
                out += entries[0..<used]
                used = 0
                blockIndex += 1
            }
            while let entry = try next() {
                precondition(previous.map { $0 < entry } ?? true && entry.seq > header.fromSeq && entry.seq <= header.to.seq,
                             "id table entries out of order")
                previous = entry
                if used == 0 { put(entry.key, &fence) }
                entry.store(into: &entries, at: used)
                used += IdEntry.bytes
                written += 1
                if used == entries.count { flushBlock() }
                if out.count >= 1 << 20 {
                    try file.write(out, at: offset)
                    offset += Int64(out.count)
                    out.removeAll(keepingCapacity: true)
                }
            }
            flushBlock()
            precondition(written == header.count, "id table entry count differs from its header")
            out += fence
            try file.write(out, at: offset)
            fenceHeader.fenceDigest = SHA256.digest(fence)
            try file.write(encode(fenceHeader), at: 0)
            try file.sync()
        } catch let error as FileError {
            try? PosixFile.remove(temporary)
            throw .unwritable(.of(error))
        } catch let problem as ChainError {
            try? PosixFile.remove(temporary)
            throw problem
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        beforeRename()
        do {
            try PosixFile.rename(temporary, to: path)
            try PosixFile.syncDirectory(PosixFile.directoryName(of: path))
        } catch {
            try? PosixFile.remove(temporary)
            throw .unwritable(.of(error))
        }
    }
}

extension IdEntry {
    /// Sorts in place without the extra buffer of the standard sort (half the array again: 120 MB at 10 million
    /// entries, while a rebuild holds the entries themselves). Quicksort on a median of three, the smaller side
    /// first so the stack stays shallow, insertion sort for short runs; keys are hashes, so no input is sorted
    /// or crafted in a way that matters to the pivot.
    static func sortInPlace(_ a: inout [IdEntry]) {
        var stack: [(Int, Int)] = [(0, a.count - 1)]
        while let (low, high) = stack.popLast() {
            guard low < high else { continue }
            if high - low < 16 {
                for i in (low + 1)...high {
                    var j = i
                    while j > low, a[j] < a[j - 1] { a.swapAt(j, j - 1); j -= 1 }
                }
                continue
            }
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // Push the larger side first: the smaller is taken next, so the stack holds O(log n) ranges.
            if j - low > high - i {
                stack.append((low, j)); stack.append((i, high))
            } else {
                stack.append((i, high)); stack.append((low, j))
            }
        }
    }
}

extension IdEntry {
    /// Sorts as `sortInPlace` does — the same array, since no two entries are equal (their seqs differ) — faster
    /// for keys that are hashes spread evenly (the writer's delta, every 65,536 records): one pass counts the
    /// entries by their key's top bits, one puts them in a second array bucket by bucket (some two to four
    /// entries a bucket), and each bucket is sorted by insertion; a bucket of more than 32 (keys bunched: not
    /// hashes) by the standard sort. It holds a second array as large as `a`, so a rebuild of millions keeps `sortInPlace`.
    static func sortSpread(_ a: inout [IdEntry]) {
        let count = a.count
        guard count > 64 else {
            sortInPlace(&a)
            return
        }
        var bits = 1
        while 1 << (bits + 2) <= count, bits < 24 { bits += 1 }
        let shift = UInt64(64 - bits)
        // starts[b]: where bucket b begins in `out` (a bucket is the entries whose key's top bits are b).
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for entry in a { starts[Int(entry.key >> shift) + 1] += 1 }
        for b in 1..<starts.count { starts[b] += starts[b - 1] }
        var next = starts
        var out = [IdEntry](repeating: IdEntry(key: 0, seq: 0, place: 0), count: count)
        for entry in a {
            let b = Int(entry.key >> shift)
            out[next[b]] = entry
            next[b] += 1
        }
        for b in 0..<(1 << bits) {
            let low = starts[b], high = starts[b + 1]
            guard high - low > 1 else { continue }
            if high - low > 32 {
                out[low..<high].sort()
                continue
            }
            for i in (low + 1)..<high {
                let entry = out[i]
                var j = i
                while j > low, entry < out[j - 1] {
                    out[j] = out[j - 1]
                    j -= 1
                }
                out[j] = entry
            }
        }
        a = out
    }
}
