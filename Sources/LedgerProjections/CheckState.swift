import LedgerChain
import LedgerEvents
import LedgerPlatform

// index/checks.state: what the append checks (`DomainValidator`) need of the records already in the log, so that a
// batch is checked against it plus the records after its stamp, not against a fold of the whole log
// (ledger-spec.md section 15.4). Derived and optional like every file in index/.

// MARK: - the file

/// `index/checks.state` (ledger-spec.md section 15.4).
public enum CheckState {
    public typealias Stamp = StateStamp
    public static let fileName = "checks.state"
    /// Bumped whenever the layout or the meaning of an entry changes: a state of another version is rebuilt.
    /// Version 5 added the parts' twin keys (`W`: `ledger import assets` reads only the recorded parts a new part's
    /// key finds, not its communities' every record) and made `asset.updated` a registering type (an `N` entry each);
    /// Version 6 added where each part's own records lie (`Z`: an import reads an updated part's records by their
    /// places, not its group in `index/scopes`, which is its whole community; docs/perf-import48.md).
    /// 4 is skipped: session 44's backed-out version 4 had `P` and `W` entries of another meaning, and a kept ledger
    /// may hold one.
    /// Version 3 reads the block directory a page at a time (a top of the pages before it), so that opening no longer
    /// reads the whole directory; version 2 added the `I` entries (an import by its file's SHA-256); version 1 had
    /// none, so an import read every earlier import's record from the log. The recent table (`checks.recent`) has the
    /// same layout and carries the same version.
    public static let version: UInt32 = 6
    /// The file's kind in its header (ledger-spec.md 15.1).
    public static let kind = "LEDGER-CHECK-STATE"
    /// Target size of a block: one read and one SHA-256 per lookup.
    static let blockBytes = 8192
    /// Records after the stamp beyond which an append writes the state again (after its own checks). Reading
    /// them costs some microseconds each per append; writing the state costs a pass over it.
    public static let rewriteAfterRecords: Int64 = 1000

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    public typealias Problem = ChainError.DerivedStateProblem

    struct BlockPlace: Equatable {
        let firstKey: [UInt8]
        let offset: Int64
        let length: Int
        let hash: Digest32
    }

    /// The block directory, read a **page** at a time (ledger-spec.md 15.4, version 3). Opening reads and checks only
    /// the **top** — per page of `placesPerPage` places: its first key, where its places start in the directory,
    /// where its first block starts, its SHA-256 — some √(blocks) entries (10 KB at 10 million records); a lookup
    /// then reads the one page its key falls in (√(blocks) places, checked against its SHA-256 and walked as
    /// `Writer.finish` makes it: a non-empty key after the one before, the offset where the block before ends, a length
    /// inside the blocks) and the one block. Version 2 read, hashed and walked the whole directory on opening (1.3 MB
    /// at 10 million records: the one part of an append that grew with the log, +3 ms of CPU and +430 page faults at 10M
    /// against 100k). A page that cannot be read or does not check sets `damage` (the table's caller then answers from
    /// the whole log, like a damaged block); its places then read as empty.
    final class BlockDirectory: RandomAccessCollection, Equatable {
        /// A page of places as read and checked: its bytes and where each place starts in them.
        struct Page {
            let bytes: [UInt8]
            let starts: [Int]
        }

        struct TopEntry {
            let firstKey: [UInt8]
            /// Where the page's first place starts, from the directory's first byte (its counts).
            let directoryOffset: Int64
            /// Where the page's first block starts, from the first block.
            let blockOffset: Int64
            let hash: Digest32
        }

        let entryCount: Int64
        let blockCount: Int
        let placesPerPage: Int
        let top: [TopEntry]
        /// The file offset of the top's first byte (its checksum, then the directory's length, follow it).
        let topStart: Int64
        /// The file offset of the directory's first byte, its length (without its checksum), and of the first block.
        let directoryStart: Int64
        let directoryLength: Int64
        let blocksStart: Int64
        let blocksBytes: Int64
        private let file: PosixFile?
        private var pages: [Int: Page] = [:]
        private let hasher = SHA256()
        /// Why a page could not be used (nil while every page read checked).
        private(set) var damage: ChainError.DerivedStateProblem.Detail? = nil
        /// Pages read so far (a lookup reads one).
        var pagesRead: Int { pages.count }

        init(entryCount: Int64, blockCount: Int, placesPerPage: Int, top: [TopEntry], topStart: Int64, directoryStart: Int64,
             directoryLength: Int64, blocksStart: Int64, blocksBytes: Int64, file: PosixFile?) {
            self.topStart = topStart
            self.entryCount = entryCount
            self.blockCount = blockCount
            self.placesPerPage = placesPerPage
            self.top = top
            self.directoryStart = directoryStart
            self.directoryLength = directoryLength
            self.blocksStart = blocksStart
            self.blocksBytes = blocksBytes
            self.file = file
        }

        static func == (a: BlockDirectory, b: BlockDirectory) -> Bool {
            a === b || (a.blockCount == b.blockCount && a.directoryStart == b.directoryStart && a.directoryLength == b.directoryLength
                        && a.top.map(\.hash) == b.top.map(\.hash))
        }

        var startIndex: Int { 0 }
        var endIndex: Int { blockCount }

        /// The places per page a writer uses for `blocks` blocks: ⌈√blocks⌉ (at least 2), so that the top and a page
        /// are both about √blocks places.
        static func placesPerPage(blocks: Int) -> Int {
            var root = Int(Double(blocks).squareRoot())
            while root * root < blocks { root += 1 }
            return Swift.max(2, root)
        }

        /// One load (`Bytes.u64`), not eight indexed bytes.
        static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 { Bytes.u64(bytes, at: at) }

        /// Page `index` read and checked (cached); nil, with `damage` set, when it cannot be.
        func page(_ index: Int) -> Page? {
            if let cached = pages[index] { return cached }
            guard damage == nil else { return nil }
            do throws(ChainError) {
                let page = try readPage(index)
                pages[index] = page
                return page
            } catch {
                if case .damaged(let why) = error.derivedStateProblem { damage = why } else { damage = .of(error) }
                return nil
            }
        }

        private func readPage(_ index: Int) throws(ChainError) -> Page {
            let entry = top[index]
            let end = index + 1 < top.count ? top[index + 1].directoryOffset : directoryLength
            var bytes: [UInt8] = []
            guard let file, (try? file.read(at: directoryStart + entry.directoryOffset, count: Int(end - entry.directoryOffset), into: &bytes)) != nil,
                  bytes.count == Int(end - entry.directoryOffset) else {
                throw .damaged(.unreadable(.nth(.page, index + 1)))
            }
            guard hasher.hash(bytes[...]) == entry.hash else {
                throw .damaged(.checksum(.nth(.page, index + 1)))
            }
            let first = index * placesPerPage, count = Swift.min(placesPerPage, blockCount - first)
            let blockEnd = index + 1 < top.count ? top[index + 1].blockOffset : blocksBytes
            let starts = try Self.walk(bytes, count: count, firstBlock: first, from: entry.blockOffset, to: blockEnd)
            // The page's first key is the top's; its last precedes the next page's.
            let firstKey = bytes[8..<(8 + Int(Self.u64(bytes, 0)))]
            guard firstKey.elementsEqual(entry.firstKey) else { throw .damaged(.outOfOrder(.all(.block))) }
            if index + 1 < top.count, let last = starts.last {
                let key = bytes[(last + 8)..<(last + 8 + Int(Self.u64(bytes, last)))]
                guard key.lexicographicallyPrecedes(top[index + 1].firstKey) else { throw .damaged(.outOfOrder(.all(.block))) }
            }
            return Page(bytes: bytes, starts: starts)
        }

        /// Walks a page's bytes (whose checksum was checked): `count` places of blocks from `firstBlock` on, whose
        /// blocks fill `from..<to` of the blocks' bytes exactly. Where each place starts; thrown, with the reason, when
        /// a place is not as `Writer.finish` writes it.
        static func walk(_ bytes: [UInt8], count: Int, firstBlock: Int, from: Int64, to: Int64) throws(ChainError) -> [Int] {
            let end = bytes.count
            guard count > 0, count <= end / 57 else { throw .damaged(.unreadable(.counts)) }
            var starts: [Int] = []
            starts.reserveCapacity(count)
            var at = 0
            var expected = from
            var previousKey = 0..<0
            for _ in 0..<count {
                let number = firstBlock + starts.count + 1
                guard end - at >= 8 else { throw .damaged(.unreadable(.blockPlace(number))) }
                let keyLength = u64(bytes, at)
                guard keyLength > 0, keyLength <= UInt64(Limits.recordBytesMax), keyLength <= UInt64(end - at - 8),
                      UInt64(end - at - 8) - keyLength >= 48 else {
                    throw .damaged(.unreadable(.blockPlace(number)))
                }
                let key = (at + 8)..<(at + 8 + Int(keyLength))
                let offset = u64(bytes, key.upperBound), blockLength = u64(bytes, key.upperBound + 8)
                guard Int64(bitPattern: offset) == expected, blockLength > 0, blockLength <= UInt64(to - expected) else {
                    throw .damaged(.unreadable(.blockPlace(number)))
                }
                if !starts.isEmpty, !Bytes.precedes(bytes, previousKey, key) {
                    throw .damaged(.outOfOrder(.all(.block)))
                }
                starts.append(at)
                previousKey = key
                expected += Int64(blockLength)
                at = key.upperBound + 48
            }
            guard at == end, expected == to else { throw .damaged(.outOfRange(.blockDirectory)) }
            return starts
        }

        /// Block `index`'s first key, in place (empty when its page is damaged: `damage` says so).
        func firstKey(_ index: Int) -> ArraySlice<UInt8> {
            guard let page = page(index / placesPerPage) else { return [] }
            let at = page.starts[index % placesPerPage]
            return page.bytes[(at + 8)..<(at + 8 + Int(Self.u64(page.bytes, at)))]
        }

        /// The first key of block `low`, where a lookup counting `low` blocks (`blocksNotAfter`) has it: the top's for
        /// a page's first block, else on the page of block `low - 1`, which that lookup read. Nil after the last block.
        func firstKey(afterBlocks low: Int) -> [UInt8]? {
            guard low < blockCount else { return nil }
            if low % placesPerPage == 0 { return top[low / placesPerPage].firstKey }
            return Array(firstKey(low))
        }

        /// Block `index`'s place (an empty place, which no block matches, when its page is damaged).
        subscript(index: Int) -> BlockPlace {
            guard let page = page(index / placesPerPage) else {
                return BlockPlace(firstKey: [], offset: blocksStart, length: 0, hash: Digest32(bytes: [UInt8](repeating: 0, count: 32))!)
            }
            let bytes = page.bytes
            let start = page.starts[index % placesPerPage]
            let at = start + 8 + Int(Self.u64(bytes, start))
            return BlockPlace(firstKey: Array(bytes[(start + 8)..<at]), offset: blocksStart + Int64(bitPattern: Self.u64(bytes, at)),
                              length: Int(Self.u64(bytes, at + 8)), hash: Digest32(bytes: bytes[(at + 16)..<(at + 48)])!)
        }

        /// How many blocks have a first key not after `key` (the block before that count is the last that can hold
        /// `key`): the top searched first, then the one page the key falls in.
        func blocksNotAfter(_ key: [UInt8]) -> Int {
            var low = 0, high = top.count
            while low < high {
                let mid = (low + high) / 2
                let first = top[mid].firstKey
                if CheckState.compare(first, 0, first.count, key) > 0 { high = mid } else { low = mid + 1 }
            }
            guard low > 0 else { return 0 }
            let pageIndex = low - 1, first = pageIndex * placesPerPage
            guard let page = page(pageIndex) else { return first }
            var lo = 0, hi = page.starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let at = page.starts[mid]
                // In place (the generic `lexicographicallyPrecedes` of a slice cost several times more a key).
                if CheckState.compare(page.bytes, at + 8, Int(Self.u64(page.bytes, at)), key) > 0 { hi = mid } else { lo = mid + 1 }
            }
            return first + lo
        }

        /// The top's bytes for `places` (the directory's places in order, each with its bytes' range in `directory`).
        static func topBytes(entryCount: Int64, places: [BlockPlace], placeStarts: [Int], directoryLength: Int, directory: [UInt8]) -> [UInt8] {
            let perPage = placesPerPage(blocks: places.count)
            let pageCount = (places.count + perPage - 1) / perPage
            var top = ByteWriter()
            top.u64(UInt64(entryCount))
            top.u64(UInt64(places.count))
            top.u64(UInt64(perPage))
            top.u64(UInt64(pageCount))
            let hasher = SHA256()
            for page in 0..<pageCount {
                let first = page * perPage
                let start = placeStarts[first], end = first + perPage < places.count ? placeStarts[first + perPage] : directoryLength
                top.counted(places[first].firstKey)
                top.u64(UInt64(start))
                top.u64(UInt64(places[first].offset))
                top.raw(hasher.hash(directory[start..<end]).bytes)
            }
            return top.bytes
        }

        /// Reads the top from `bytes` (whose checksum was checked), for a directory of `directoryLength` bytes at
        /// `directoryStart` and blocks of `blocksBytes` bytes at `blocksStart`.
        static func read(top bytes: [UInt8], topStart: Int64, directoryStart: Int64, directoryLength: Int64, blocksStart: Int64, blocksBytes: Int64,
                         file: PosixFile) throws(ChainError) -> BlockDirectory {
            var reader = ByteReader(bytes)
            guard let entries = reader.u64(), let blocks = reader.u64(), let perPage = reader.u64(), let pageCount = reader.u64(),
                  perPage > 0, perPage <= UInt64(Int32.max), blocks <= UInt64(bytes.count) * perPage,
                  pageCount == (blocks + perPage - 1) / perPage, pageCount <= UInt64(bytes.count / 57) else {
                throw .damaged(.unreadable(.counts))
            }
            var top: [TopEntry] = []
            top.reserveCapacity(Int(pageCount))
            for page in 0..<Int(pageCount) {
                guard let keyLength = reader.u64(), keyLength > 0, keyLength <= UInt64(Limits.recordBytesMax),
                      let key = reader.fixed(Int(keyLength)), let placeOffset = reader.u64(), let blockOffset = reader.u64(),
                      let hash = reader.fixed(32) else {
                    throw .damaged(.unreadable(.nth(.page, page + 1)))
                }
                let previous = top.last
                // Page 1 starts after the directory's counts and with the first block; each page after the one before,
                // inside the directory and the blocks.
                guard page > 0 || (placeOffset == 16 && blockOffset == 0),
                      previous.map({ Int64(bitPattern: placeOffset) > $0.directoryOffset && Int64(bitPattern: blockOffset) > $0.blockOffset }) ?? true,
                      Int64(bitPattern: placeOffset) < directoryLength, Int64(bitPattern: blockOffset) < blocksBytes else {
                    throw .damaged(.unreadable(.nth(.page, page + 1)))
                }
                if let previous, !previous.firstKey.lexicographicallyPrecedes(key) { throw .damaged(.outOfOrder(.all(.block))) }
                top.append(TopEntry(firstKey: key, directoryOffset: Int64(bitPattern: placeOffset), blockOffset: Int64(bitPattern: blockOffset),
                                    hash: Digest32(bytes: hash[...])!))
            }
            guard reader.isAtEnd, (blocks == 0) == (blocksBytes == 0) else { throw .damaged(.outOfRange(.blockDirectory)) }
            return BlockDirectory(entryCount: Int64(bitPattern: entries), blockCount: Int(blocks), placesPerPage: Int(perPage), top: top,
                                  topStart: topStart, directoryStart: directoryStart, directoryLength: directoryLength, blocksStart: blocksStart,
                                  blocksBytes: blocksBytes, file: file)
        }
    }

    struct Header: Equatable {
        let file: DerivedStateHeader
        let entryCount: Int64
        let blocks: BlockDirectory
        var ledgerName: String { file.ledgerName }
        var genesis: Stamp { file.genesis }
        var stamp: Stamp { file.stamp }
    }

    // MARK: entries

    /// The entries of a fold without a base (the whole log up to `lastSeq`), sorted by key.
    static func entries(of registers: Registers) -> [(key: [UInt8], value: [UInt8])] {
        precondition(registers.base == nil)
        return overlayEntries(of: registers)
    }

    /// `entries(of:)` in one buffer: each entry's key and value as ranges of `bytes`, the ranges sorted by key. The
    /// same entries in the same order (`CheckStateFlatEntriesTests`), without an array per key and per value: at 10
    /// million records the three million entries' arrays, retained and released as the sort moved them and then freed
    /// one by one, were some 7 s of the serial end of the first `append` after `rm -rf index/` (perf, session 26).
    static func flatEntries(of r: Registers) -> FlatEntries { flatEntries(of: r, part: nil) }

    /// Entries in one buffer: each key's and value's range in `bytes`, the ranges sorted by key.
    typealias FlatEntries = (bytes: [UInt8], entries: [(key: Range<Int>, value: Range<Int>)])

    /// Which of a fold's entries (`forEachEntry`): the entities' — registrations, imports by file, endings,
    /// references, use days, parts' twin keys (tags `R`, `I`, `E`, `D`, `U`, `W`) — or the others — rounds, erasures, items, registering
    /// event ids (`K`, `X`, `T`, `N`). No key of one part is a key of the other (their tags differ), so the two
    /// parts each sorted and then merged are the entries sorted (`mergeEntries`).
    enum EntryPart { case entities, others }

    /// `flatEntries(of:)` of one part of the entries (nil: both).
    static func flatEntries(of r: Registers, part: EntryPart?) -> FlatEntries {
        precondition(r.base == nil)
        var bytes: [UInt8] = []
        var entries: [(key: Range<Int>, value: Range<Int>)] = []
        switch part {
        case .entities: entries.reserveCapacity(r.collected.entities.count)
        case .others: entries.reserveCapacity(r.collected.registeringIDs.count)
        case nil: entries.reserveCapacity(r.collected.entities.count + r.collected.registeringIDs.count)
        }
        forEachEntry(of: r, part: part) { key, value in
            let start = bytes.count
            bytes += key
            bytes += value
            entries.append((start..<(start + key.count), (start + key.count)..<bytes.count))
        }
        // Keys are unique, so any sort gives `overlayEntries`' order; the ranges move, not arrays.
        entries.sort { keyPrecedes(bytes, $0.key, $1.key) }
        return (bytes, entries)
    }

    /// `Bytes.precedes(bytes, a, b)` (the first byte that differs, else the shorter first), compared eight bytes
    /// at a time as big-endian words: most keys are 12–16 bytes (a tag, a kind, an id), which `memcmp` through
    /// `Bytes.precedes` compared at a call and a pointer each, most of the serial sort at the end of the first
    /// `append` after `rm -rf index/` (perf at a million records). A key's last word, when fewer than eight of its
    /// bytes are left, is shifted so that only those count; bytes within eight of the buffer's end are compared one
    /// by one.
    @inline(__always)
    static func keyPrecedes(_ bytes: [UInt8], _ a: Range<Int>, _ b: Range<Int>) -> Bool { keyPrecedes(bytes, a, bytes, b) }

    /// `keyPrecedes` of two keys lying in two buffers (`mergeEntries`).
    @inline(__always)
    static func keyPrecedes(_ xs: [UInt8], _ a: Range<Int>, _ ys: [UInt8], _ b: Range<Int>) -> Bool {
        let common = Swift.min(a.count, b.count)
        let lastX = xs.count - 8, lastY = ys.count - 8
        var done = 0
        while done < common {
            let i = a.lowerBound + done, j = b.lowerBound + done
            guard i <= lastX, j <= lastY else { break }
            var x = Bytes.u64(xs, at: i).byteSwapped, y = Bytes.u64(ys, at: j).byteSwapped
            let left = common - done
            if left < 8 {
                let drop = UInt64(8 - left) &* 8
                x >>= drop
                y >>= drop
            }
            if x != y { return x < y }
            done += 8
        }
        while done < common {
            let x = xs[a.lowerBound + done], y = ys[b.lowerBound + done]
            if x != y { return x < y }
            done += 1
        }
        return a.count < b.count
    }

    /// The entries of two parts (`EntryPart`), each sorted, in key order: what `flatEntries(of:)` lists, handed to
    /// `add` one by one.
    static func mergeEntries(_ a: FlatEntries, _ b: FlatEntries, _ add: (_ key: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) -> Void) {
        var i = 0, j = 0
        let aCount = a.entries.count, bCount = b.entries.count
        while i < aCount || j < bCount {
            if j == bCount || (i < aCount && keyPrecedes(a.bytes, a.entries[i].key, b.bytes, b.entries[j].key)) {
                add(a.bytes[a.entries[i].key], a.bytes[a.entries[i].value])
                i += 1
            } else {
                add(b.bytes[b.entries[j].key], b.bytes[b.entries[j].value])
                j += 1
            }
        }
    }

    /// The entries a fold adds on top of its base (all of them when it has none), sorted by key. A referenced
    /// entity is kept only while it is not registered.
    static func overlayEntries(of r: Registers) -> [(key: [UInt8], value: [UInt8])] {
        var out: [(key: [UInt8], value: [UInt8])] = []
        forEachEntry(of: r) { key, value in out.append((key, value)) }
        // Keys are unique (one per tag, kind and id), so any sort gives this order; memcmp keeps it cheap (1M keys at 10M records).
        out.sort { Bytes.precedes($0.key, $1.key) }
        return out
    }

    /// Every entry a fold adds on top of its base, unsorted: the one list of what `checks.state` holds, which
    /// `overlayEntries` and `flatEntries` each collect in their own form.
    @inline(__always)
    private static func forEachEntry(of r: Registers, part: EntryPart? = nil, _ add: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        if part != .others { forEachEntityEntry(of: r, add) }
        if part != .entities { forEachOtherEntry(of: r, add) }
    }

    @inline(__always)
    private static func forEachEntityEntry(of r: Registers, _ add: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        // Every entity named, by number: its registration, its ending, a reference while it is not registered, and
        // (an asset) the latest date a use names it.
        for (number, entity) in r.collected.entities.enumerated() {
            let n = Int32(number), kind = entity.kind, id = entity.id
            if let entry = r.registeredInMemory(n) {
                var w = ValueWriter()
                w.entry(entry)
                if kind == .community, let t = r.terms[id] {
                    w.signed(t.totalArea.units); w.varint(UInt64(t.totalArea.scale)); w.signed(t.totalOwners)
                }
                if kind == .list, let keys = r.listKeys[id] {
                    w.varint(UInt64(keys.count)); for k in keys { w.string(k) }
                }
                add(CheckKey.make(CheckKey.registry, kind, id), w.bytes)
                if kind == .import, let sha = r.importFiles[id] {
                    // The same entry, found by the file: its import's id, date and position.
                    var e = ValueWriter(); e.entry(entry)
                    add(CheckKey.importFile(sha, id), e.bytes)
                }
            }
            if let entry = r.endedInMemory(n) {
                var w = ValueWriter(); w.entry(entry)
                add(CheckKey.make(CheckKey.ending, kind, id), w.bytes)
            }
            if r.collected.referenced[number], r.entry(n, kind, id) == nil {
                add(CheckKey.make(CheckKey.referenced, kind, id), [])
            }
            if kind == .asset, r.collected.useDay[number] != Int32.min {
                var w = ValueWriter(); w.signed(Int64(r.collected.useDay[number]))
                add(CheckKey.make(CheckKey.useDay, nil, id), w.bytes)
            }
        }
        // The parts' twin keys: a mark each (no value), once.
        for mark in uniqueTwinMarks(r.twinMarks) {
            add(CheckKey.twinPrefix(mark.key) + Array(r.collected.entities[Int(mark.number)].id.utf8), [])
        }
        // Where each part's own records lie: one entry a part.
        forEachPartLineValue(r.partLines) { number, value in
            add(CheckKey.make(CheckKey.partLines, nil, r.collected.entities[Int(number)].id), value)
        }
    }

    /// The `Z` value of each part `marks` name (`partLineValue`), by part number in increasing order.
    static func forEachPartLineValue(_ marks: [Registers.PartLineMark], _ body: (_ number: Int32, _ value: [UInt8]) -> Void) {
        guard !marks.isEmpty else { return }
        // By part, then seq (a mark without a place first among its part's: it empties the value anyway).
        let sorted = marks.sorted { ($0.number, $0.line?.seq ?? 0) < ($1.number, $1.line?.seq ?? 0) }
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].number == sorted[start].number { end += 1 }
            body(sorted[start].number, partLineValue(sorted[start..<end]))
            start = end
        }
    }

    /// One part's `Z` value (ledger-spec.md 15.4): its records' places in increasing seq, each once; empty when one
    /// of its facts in effect has no place of its own (a correction's replacement).
    static func partLineValue<Marks: Collection<Registers.PartLineMark>>(_ marks: Marks) -> [UInt8] {
        var lines: [PartLine] = []
        lines.reserveCapacity(marks.count)
        for mark in marks {
            guard let line = mark.line else { return [] }
            lines.append(line)
        }
        lines.sort { $0.seq < $1.seq }
        var w = ValueWriter()
        var last: Int64 = 0
        for line in lines where line.seq != last {
            line.write(to: &w)
            last = line.seq
        }
        return w.bytes
    }

    /// Two `Z` values of one part, `earlier`'s records all before `later`'s, as one (`combine`): joined; empty when
    /// either is.
    static func joinPartLines(_ earlier: [UInt8], _ later: [UInt8]) -> [UInt8] {
        earlier.isEmpty || later.isEmpty ? [] : earlier + later
    }

    /// `marks` without repeats (a part updated twice is marked unsure twice), in key then number order.
    static func uniqueTwinMarks(_ marks: [Registers.TwinMark]) -> [Registers.TwinMark] {
        guard !marks.isEmpty else { return [] }
        let sorted = marks.sorted { ($0.key.first, $0.key.second, $0.number) < ($1.key.first, $1.key.second, $1.number) }
        var out: [Registers.TwinMark] = []
        out.reserveCapacity(sorted.count)
        for mark in sorted where out.last.map({ $0.key != mark.key || $0.number != mark.number }) ?? true { out.append(mark) }
        return out
    }

    @inline(__always)
    private static func forEachOtherEntry(of r: Registers, _ add: (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        var keys = Set(r.issuers.keys)
        keys.formUnion(r.steps.keys); keys.formUnion(r.collected.stepDay.keys); keys.formUnion(r.collected.extendDay.keys)
        for key in keys {
            var w = ValueWriter()
            w.rounds(Rounds(issuers: r.issuers[key] ?? [], steps: r.steps[key] ?? [], stepDay: r.collected.stepDay[key],
                            extendDay: r.collected.extendDay[key]))
            add(CheckKey.make(CheckKey.rounds, nil, key), w.bytes)
        }
        for (commitment, seq) in r.erasures {
            var w = ValueWriter(); w.signed(seq)
            add(CheckKey.make(commitment), w.bytes)
        }
        for id in r.collected.itemIDs { add(CheckKey.make(CheckKey.item, nil, id), []) }
        for (id, seq) in r.collected.registeringIDs {
            var w = ValueWriter(); w.signed(seq)
            add(CheckKey.make(CheckKey.registering, nil, id), w.bytes)
        }
    }

    /// One entry of the base and the same key's entry of the overlay (later records), as one.
    static func combine(_ key: [UInt8], base: [UInt8], overlay: [UInt8]) -> [UInt8]? {
        switch key.first {
        case CheckKey.rounds:
            var a = ValueReader(base), b = ValueReader(overlay)
            guard let earlier = a.rounds(), let later = b.rounds() else { return nil }
            var w = ValueWriter(); w.rounds(earlier.merged(with: later))
            return w.bytes
        case CheckKey.useDay:
            var a = ValueReader(base), b = ValueReader(overlay)
            guard let x = a.day(), let y = b.day() else { return nil }
            var w = ValueWriter(); w.signed(Int64(Swift.max(x, y)))
            return w.bytes
        case CheckKey.partLines:
            return joinPartLines(base, overlay)
        default:
            // First wins (registrations, endings, erasures, registering ids), or a mark (referenced, item).
            return base
        }
    }

    // MARK: blocks and the file's bytes

    static func encodeBlock(_ entries: ArraySlice<(key: [UInt8], value: [UInt8])>) -> [UInt8] {
        var w = ValueWriter()
        for (key, value) in entries {
            w.varint(UInt64(key.count)); w.bytes += key
            w.varint(UInt64(value.count)); w.bytes += value
        }
        return w.bytes
    }

    /// Walks a block's entries in place, handing each key and value to `body` until it returns false. False when the
    /// block's layout is broken (a length past the end); true when the walk ended at the block's end or by `body`.
    static func walkBlock(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool) -> Bool {
        var at = 0
        func length() -> Int? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while at < bytes.count, shift < 64 {
                let byte = bytes[at]
                at += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value <= UInt64(bytes.count - at) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }
        while at < bytes.count {
            guard let keyCount = length() else { return false }
            let key = bytes[at..<(at + keyCount)]
            at += keyCount
            guard let valueCount = length() else { return false }
            let value = bytes[at..<(at + valueCount)]
            at += valueCount
            if !body(key, value) { return true }
        }
        return true
    }

    /// A LEB128 length at `at` in a block already checked (`CheckTable.blockBytes`), advancing `at`.
    @inline(__always)
    static func length(_ bytes: [UInt8], _ at: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = bytes[at]
            at += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// The order of `bytes[at..<at+count]` against `key`: negative, zero or positive (bytewise, shorter first).
    @inline(__always)
    static func compare(_ bytes: [UInt8], _ at: Int, _ count: Int, _ key: [UInt8]) -> Int {
        let n = Swift.min(count, key.count)
        var i = 0
        while i < n {
            let a = bytes[at + i], b = key[i]
            if a != b { return a < b ? -1 : 1 }
            i += 1
        }
        return count - key.count
    }

    static func decodeBlock(_ bytes: [UInt8]) -> [(key: [UInt8], value: [UInt8])]? {
        var reader = ValueReader(bytes)
        var out: [(key: [UInt8], value: [UInt8])] = []
        while !reader.atEnd {
            guard let kc = reader.varint(), kc <= UInt64(bytes.count - reader.offset) else { return nil }
            let key = Array(bytes[reader.offset..<(reader.offset + Int(kc))]); reader.offset += Int(kc)
            guard let vc = reader.varint(), vc <= UInt64(bytes.count - reader.offset) else { return nil }
            let value = Array(bytes[reader.offset..<(reader.offset + Int(vc))]); reader.offset += Int(vc)
            if let last = out.last, !last.key.lexicographicallyPrecedes(key) { return nil }
            out.append((key, value))
        }
        return out
    }

    /// Builds the file block by block from entries given in key order.
    struct Writer {
        var bytes: [UInt8] = []
        /// Bytes of blocks handed out by `drain()` (a merge writes them to a file as it goes).
        var drained: Int64 = 0
        var blocks: [BlockPlace] = []
        var pending: [(key: [UInt8], value: [UInt8])] = []
        var pendingBytes = 0
        var count: Int64 = 0
        let hasher = SHA256()
        /// The block `add` of slices is making, each entry encoded as it comes, and its first key (nil: none yet).
        var open = ValueWriter()
        var openFirstKey: [UInt8]? = nil

        mutating func add(_ key: [UInt8], _ value: [UInt8]) {
            precondition(openFirstKey == nil, "a writer takes arrays or slices, not both")
            pending.append((key, value))
            pendingBytes += key.count + value.count + 4
            count += 1
            if pendingBytes >= CheckState.blockBytes { flush() }
        }

        /// `add` of a key and a value lying in another buffer (`writeEncoded`'s one buffer of entries): the same
        /// blocks, places and bytes, each entry encoded as `encodeBlock` encodes it when it comes, without two
        /// arrays made and freed for it. A writer takes entries in one of the two forms.
        mutating func add(_ key: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) {
            precondition(pending.isEmpty, "a writer takes arrays or slices, not both")
            if openFirstKey == nil { openFirstKey = Array(key) }
            open.varint(UInt64(key.count)); open.bytes += key
            open.varint(UInt64(value.count)); open.bytes += value
            pendingBytes += key.count + value.count + 4
            count += 1
            if pendingBytes >= CheckState.blockBytes { flush() }
        }

        mutating func flush() {
            if let first = openFirstKey {
                blocks.append(BlockPlace(firstKey: first, offset: drained + Int64(bytes.count), length: open.bytes.count,
                                         hash: hasher.hash(open.bytes[...])))
                bytes += open.bytes
                open.bytes.removeAll(keepingCapacity: true)
                openFirstKey = nil
                pendingBytes = 0
                return
            }
            guard let first = pending.first else { return }
            let block = CheckState.encodeBlock(pending[...])
            blocks.append(BlockPlace(firstKey: first.key, offset: drained + Int64(bytes.count), length: block.count, hash: hasher.hash(block[...])))
            bytes += block
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }

        /// The blocks' bytes made since the last call (the writer keeps their places).
        mutating func drain() -> [UInt8] {
            defer { bytes = [] }
            drained += Int64(bytes.count)
            return bytes
        }

        /// The block directory's bytes (after `flush()`), and where each place starts in them.
        func directory() -> (bytes: [UInt8], starts: [Int]) {
            var directory = ByteWriter()
            directory.u64(UInt64(count))
            directory.u64(UInt64(blocks.count))
            var starts: [Int] = []
            starts.reserveCapacity(blocks.count)
            for b in blocks {
                starts.append(directory.bytes.count)
                directory.counted(b.firstKey)
                directory.u64(UInt64(b.offset))
                directory.u64(UInt64(b.length))
                directory.raw(b.hash.bytes)
            }
            return (directory.bytes, starts)
        }

        /// What the body holds before the blocks (after `flush()`): the top of the directory's pages (its length,
        /// its bytes, its SHA-256), then the directory (its length, its bytes, its SHA-256).
        func lead() -> [UInt8] {
            let (directory, starts) = directory()
            let top = BlockDirectory.topBytes(entryCount: count, places: blocks, placeStarts: starts, directoryLength: directory.count,
                                              directory: directory)
            var lead = ByteWriter(capacity: 80 + top.count + directory.count)
            lead.counted(top)
            lead.raw(SHA256.digest(top).bytes)
            lead.counted(directory)
            lead.raw(SHA256.digest(directory).bytes)
            return lead.bytes
        }

        /// The whole file: the shared header (ledger-spec.md 15.1), then the body — the top of the directory's
        /// pages and the block directory (`lead()`), and the blocks — then the SHA-256 of the body.
        mutating func finish(ledgerName: String, genesis: Stamp, stamp: Stamp, kind: String = CheckState.kind) -> [UInt8] {
            flush()
            precondition(drained == 0, "a drained writer is finished by CheckState.writeMerged")
            let lead = lead()
            var body = ByteWriter(capacity: lead.count + bytes.count)
            body.raw(lead)
            body.raw(bytes)
            let header = DerivedStateHeader(kind: kind, version: CheckState.version, ledgerName: ledgerName, genesis: genesis,
                                            stamp: stamp, bodyBytes: UInt64(body.bytes.count))
            return header.encoded() + body.bytes + hasher.hash(body.bytes[...]).bytes
        }
    }

    /// Writes the file for a fold of the whole log (as `encode`, the same bytes) straight to `path`: the header,
    /// the directory and the blocks are written from the writer's buffers, the body's checksum computed as they go,
    /// so the file is not copied into one array (twice) first. Atomic as `write`; false when it cannot be written.
    static func writeEncoded(_ fold: consuming CheckFold, ledgerName: String, genesis: Stamp, stamp: Stamp, to path: String) -> Bool {
        precondition(fold.gaveUp == nil && fold.registers.base == nil && stamp.seq == fold.lastSeq)
        var writer = Writer()
        do {
            // The two parts of the entries made and sorted on two cores (the registering event ids are about as many
            // as the entities' entries), then merged into the blocks; the registers freed before.
            let parts: (FlatEntries, FlatEntries)
            do {
                let registers = fold.registers
                _ = consume fold
                parts = Parallel.together({ flatEntries(of: registers, part: .entities) }, { flatEntries(of: registers, part: .others) })
            }
            mergeEntries(parts.0, parts.1) { key, value in writer.add(key, value) }
        }
        writer.flush()
        let prefix = writer.lead()
        let header = DerivedStateHeader(kind: kind, version: version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                        bodyBytes: UInt64(prefix.count + writer.bytes.count)).encoded()
        guard let out = StreamedStateFile(path: path, kind: kind, version: version, ledgerName: ledgerName) else { return false }
        out.write(prefix)
        out.write(writer.bytes)
        guard out.finish(genesis: genesis, stamp: stamp, expectedHeader: header) else { return false }
        // A recent table continues the table it was made on, not this one.
        try? PosixFile.remove(recentPath(directory: path))
        return true
    }

    /// Reads the header and the top of the block directory's pages of a state file of `size` bytes (not the
    /// directory's pages, nor the blocks, nor the body's checksum: each page and each block has its own).
    static func readHeader(_ file: PosixFile, size: Int64, kind: String = kind) throws(ChainError) -> Header {
        func damaged(_ why: ChainError.DerivedStateProblem.Detail) -> ChainError { .damaged(why) }
        var start: [UInt8] = []
        guard (try? file.read(at: 0, count: Int(min(size, 16384)), into: &start)) != nil else { throw damaged(.unreadable(.header)) }
        let (shared, headerLength) = try DerivedStateHeader.decode(start[...], kind: kind, version: version)
        // The body: the top (length, bytes, SHA-256), the directory (length, bytes, SHA-256), the blocks.
        guard shared.bodyBytes >= 80, UInt64(size) == UInt64(headerLength) + shared.bodyBytes + 32 else {
            throw damaged(.lengthNotHeaders)
        }
        let bodyEnd = Int64(headerLength) + Int64(shared.bodyBytes)
        /// `count` bytes at `offset`, from the first read when it holds them.
        func bytes(at offset: Int64, count: Int) -> [UInt8]? {
            if offset + Int64(count) <= Int64(start.count) { return Array(start[Int(offset)..<(Int(offset) + count)]) }
            var out: [UInt8] = []
            guard (try? file.read(at: offset, count: count, into: &out)) != nil, out.count == count else { return nil }
            return out
        }
        guard let topLengthBytes = bytes(at: Int64(headerLength), count: 8) else { throw damaged(.unreadable(.blockDirectory)) }
        let topLength = BlockDirectory.u64(topLengthBytes, 0)
        guard topLength >= 32, topLength <= shared.bodyBytes - 80 else { throw damaged(.outOfRange(.blockDirectory)) }
        // The top, its checksum and the directory's length, in one read.
        guard let top = bytes(at: Int64(headerLength) + 8, count: Int(topLength) + 40) else { throw damaged(.unreadable(.blockDirectory)) }
        guard SHA256().hash(top[0..<Int(topLength)]).bytes == Array(top[Int(topLength)..<(Int(topLength) + 32)]) else {
            throw damaged(.checksum(.blockDirectory))
        }
        let directoryStart = Int64(headerLength) + 8 + Int64(topLength) + 40
        let directoryLength = BlockDirectory.u64(top, Int(topLength) + 32)
        guard bodyEnd - directoryStart - 32 >= 16, directoryLength >= 16, directoryLength <= UInt64(bodyEnd - directoryStart - 32) else {
            throw damaged(.outOfRange(.blockDirectory))
        }
        let blocksStart = directoryStart + Int64(directoryLength) + 32
        let blocks = try BlockDirectory.read(top: Array(top[0..<Int(topLength)]), topStart: Int64(headerLength) + 8, directoryStart: directoryStart,
                                             directoryLength: Int64(directoryLength), blocksStart: blocksStart,
                                             blocksBytes: bodyEnd - blocksStart, file: file)
        return Header(file: shared, entryCount: blocks.entryCount, blocks: blocks)
    }

    /// Opens the stored state and checks it against the log as it is now (its file, version, header checksum, the
    /// ledger's name, record 1 and the stamped record, each read from the log: one line each). Blocks are checked
    /// when read.
    /// - Returns: nil when there is no file; else the table and the checked point to resume after.
    /// - Throws: why the stored state cannot be used.
    static func open(_ directory: LedgerDirectory) throws(ChainError) -> (table: CheckTable, resume: ResumePoint)? {
        let file: PosixFile
        // Only a regular file is opened (`PosixFile.openRegular`: a FIFO or device is refused unopened).
        do { file = try PosixFile.openRegular(path(directory), followLinks: false).file } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        do throws(ChainError) {
            let size: Int64
            do { size = try file.size() } catch { throw .damaged(.of(error)) }
            let header = try readHeader(file, size: size)
            let point = try header.file.check(directory)
            guard let (recent, recentPoint) = try openRecent(directory, base: header) else {
                return (CheckTable(header: header, file: file), point)
            }
            return (CheckTable(header: header, file: file, recent: recent), recentPoint)
        } catch {
            file.close()
            throw error
        }
    }

    // MARK: the recent table

    /// `index/checks.recent` (ledger-spec.md 15.4): the entries the records after `checks.state`'s stamp add, up to
    /// its own stamp, so that an append or import behind by 1,000 records or more rewrites this small file, not the
    /// table (a pass over 144 MB at 10 million records); the table is merged with it when it grows past a sixteenth
    /// of the table (at least 65,536 entries).
    public static let recentFileName = "checks.recent"
    /// The recent table's kind in its header.
    public static let recentKind = "LEDGER-CHECK-RECENT"
    public static func recentPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + recentFileName }
    /// The recent table's path beside the table at `path`.
    static func recentPath(directory path: String) -> String {
        String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) + "/" + recentFileName
    }
    /// The recent table's first entry: which table it continues (the key sorts before every entry's tag).
    static let continuesKey: [UInt8] = [0]
    /// Entries the recent table may hold before the next rewrite merges it into the table instead.
    static func recentEntriesMax(base: Header) -> Int64 { Swift.max(65_536, base.entryCount / 16) }

    static func continuesValue(_ stamp: Stamp) -> [UInt8] {
        var w = ValueWriter(); w.signed(stamp.seq); w.bytes += stamp.hash.bytes
        return w.bytes
    }

    /// The recent table on top of `base`: nil when there is none, or when it continues another table or is not
    /// after this one (left by a crash between writing the table and removing it: removed, no notice); a failure
    /// when it is damaged or another ledger's (thrown: the caller rebuilds the state with a notice, as for the table).
    static func openRecent(_ directory: LedgerDirectory, base: Header) throws(ChainError) -> (CheckTable, ResumePoint)? {
        let path = recentPath(directory)
        let file: PosixFile
        do { file = try PosixFile.openRegular(path, followLinks: false).file } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.inFile(recentFileName, .of(error)))
        }
        /// Closes and removes the file; then the problem is thrown, or (none) there is no recent table.
        func unusable(_ problem: Problem?) throws(ChainError) -> (CheckTable, ResumePoint)? {
            file.close()
            try? PosixFile.remove(path)
            if let problem { throw .derivedState(problem) }
            return nil
        }
        let header: Header
        let size: Int64
        do { size = try file.size() } catch { return try unusable(.damaged(.inFile(recentFileName, .of(error)))) }
        do { header = try readHeader(file, size: size, kind: recentKind) } catch { return try unusable(error.derivedStateProblem.inFile(recentFileName)) }
        guard header.ledgerName == base.ledgerName, header.genesis == base.genesis else {
            return try unusable(.foreign(.inFile(recentFileName, .otherLedgerOrLog)))
        }
        let point: ResumePoint
        do { point = try header.file.check(directory) } catch { return try unusable(error.derivedStateProblem.inFile(recentFileName)) }
        let table = CheckTable(header: header, file: file)
        let continues = table.ownValue(continuesKey)
        if let damage = table.damage {
            try? PosixFile.remove(path)
            throw .damaged(.inFile(recentFileName, damage))
        }
        guard header.stamp.seq > base.stamp.seq, continues == continuesValue(base.stamp) else { return try unusable(nil) }
        return (table, point)
    }

    /// The entries of the recent table (without its first) and of `fold` on top of them, as one overlay of the
    /// table in key order; a reference of the recent table gone when the fold registers its entity. Nil when a
    /// block of the recent table is damaged.
    static func combinedOverlay(_ fold: CheckFold) -> [(key: [UInt8], value: [UInt8])]? {
        let later = overlayEntries(of: fold.registers)
        guard let recent = fold.registers.base?.recent else { return later }
        var out: [(key: [UInt8], value: [UInt8])] = []
        var next = 0
        for index in recent.header.blocks.indices {
            guard let entries = recent.block(index, keep: false) else { return nil }
            for (key, value) in entries where key != continuesKey {
                while next < later.count, later[next].key.lexicographicallyPrecedes(key) { out.append(later[next]); next += 1 }
                var merged = value
                if next < later.count, later[next].key == key {
                    guard let combined = combine(key, base: value, overlay: later[next].value) else { return nil }
                    merged = combined
                    next += 1
                }
                if isRegistered(key, in: fold.registers) { continue }
                out.append((key, merged))
            }
        }
        out.append(contentsOf: later[next...])
        return out
    }

    /// Whether `key` is a reference (`D`) to an entity `registers` registered (in memory: after its base).
    static func isRegistered(_ key: [UInt8], in registers: Registers) -> Bool {
        guard key.first == CheckKey.referenced, key.count >= 2, let kind = ReferenceChecker.Kind(index: Int(key[1])),
              let id = String(validating: key[2...], as: UTF8.self) else { return false }
        return registers.registersInMemory(kind, id)
    }

    /// Writes the recent table for `fold` (on the stored table, stamped at `stamp`, its last record) when it stays
    /// within `recentEntriesMax`: the recent table's entries and the fold's, small enough to write whole. False when
    /// it would be too large (the caller merges the table instead) or cannot be written.
    static func writeRecent(_ fold: CheckFold, stamp: Stamp, _ directory: LedgerDirectory, overlay: [(key: [UInt8], value: [UInt8])]) -> Bool {
        guard let base = fold.registers.base, fold.gaveUp == nil, stamp.seq == fold.lastSeq else { return false }
        var writer = Writer()
        writer.add(continuesKey, continuesValue(base.header.stamp))
        for (key, value) in overlay { writer.add(key, value) }
        let bytes = writer.finish(ledgerName: base.header.ledgerName, genesis: base.header.genesis, stamp: stamp, kind: recentKind)
        do { try PosixFile.writeAtomically(bytes, to: recentPath(directory), existing: .replaceEntry) } catch { return false }
        return true
    }

    /// Writes `bytes` as the state atomically (temporary file, fsync, rename, fsync of `index/`). Best effort: a
    /// ledger that cannot be written (a read-only copy) is checked against the whole log every time.
    @discardableResult
    static func write(_ bytes: [UInt8], _ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(bytes, to: path(directory), existing: .replaceEntry) } catch { return false }
        // A recent table continues the table it was made on, not this one.
        try? PosixFile.remove(recentPath(directory))
        return true
    }

    /// The file's bytes for a fold of the whole log (which must not have given up), stamped at its last record.
    static func encode(_ fold: CheckFold, ledgerName: String, genesis: Stamp, stamp: Stamp) -> [UInt8] {
        precondition(fold.gaveUp == nil && fold.registers.base == nil && stamp.seq == fold.lastSeq)
        var writer = Writer()
        for (key, value) in entries(of: fold.registers) { writer.add(key, value) }
        return writer.finish(ledgerName: ledgerName, genesis: genesis, stamp: stamp)
    }

    /// The table's entries merged with the fold's (on top of it), in key order, into `writer`; `spill` is handed
    /// the blocks made whenever they reach `pieceBytes` (false from it stops the merge). Each block of the table is
    /// read once and not kept. False when a block of the table is damaged (`table.damage` says so) or `spill` failed.
    static func merge(_ fold: CheckFold, overlay: [(key: [UInt8], value: [UInt8])]? = nil, into writer: inout Writer, pieceBytes: Int,
                      spill: ([UInt8]) -> Bool) -> Bool {
        guard let base = fold.registers.base, let overlay = overlay ?? combinedOverlay(fold) else { return false }
        var next = 0
        for index in base.header.blocks.indices {
            guard let entries = base.block(index, keep: false) else { return false }
            for (key, value) in entries {
                while next < overlay.count, overlay[next].key.lexicographicallyPrecedes(key) {
                    writer.add(overlay[next].key, overlay[next].value); next += 1
                }
                var merged = value
                if next < overlay.count, overlay[next].key == key {
                    guard let combined = combine(key, base: value, overlay: overlay[next].value) else { return false }
                    merged = combined
                    next += 1
                }
                // A referenced entity registered since (by the recent table or the fold) is no longer a dangling reference.
                if isRegistered(key, in: fold.registers) { continue }
                if key.first == CheckKey.referenced, key.count >= 2, let recent = base.recent {
                    var registered = key
                    registered[0] = CheckKey.registry
                    if recent.ownValue(registered) != nil { continue }
                }
                writer.add(key, merged)
            }
            if writer.bytes.count >= pieceBytes, !spill(writer.drain()) { return false }
        }
        while next < overlay.count { writer.add(overlay[next].key, overlay[next].value); next += 1 }
        writer.flush()
        return spill(writer.drain())
    }

    /// Catches the stored state up with `fold` (on top of it, stamped at `stamp`, its last record): the recent table
    /// rewritten when the entries after the table stay under `recentMax` (default `recentEntriesMax`), else the
    /// table merged with them (`writeMerged`). The caller holds the writers' lock. Best effort.
    /// - Returns: whether a file was written.
    static func catchUp(_ fold: CheckFold, stamp: Stamp, _ directory: LedgerDirectory, pieceBytes: Int = mergePieceBytes,
                        recentMax: Int64? = nil) -> Bool {
        guard let base = fold.registers.base, fold.gaveUp == nil, stamp.seq == fold.lastSeq,
              let overlay = combinedOverlay(fold) else { return false }
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        if Int64(overlay.count) < (recentMax ?? recentEntriesMax(base: base.header)),
           writeRecent(fold, stamp: stamp, directory, overlay: overlay) {
            return true
        }
        return writeMerged(fold, stamp: stamp, directory, pieceBytes: pieceBytes, overlay: overlay)
    }

    /// The stored table with the recent table merged into it, as one file's bytes stamped at the recent table's
    /// stamp (the table's own bytes when there is none): what a merge would write, so byte for byte the file built
    /// from the log at that stamp. Nil when there is no usable table or a block is damaged. (For tests and checks.)
    static func layeredBytes(_ directory: LedgerDirectory) -> (seq: Int64, bytes: [UInt8])? {
        guard let (table, _) = try? open(directory) else { return nil }
        let fold = CheckFold(base: table)
        var writer = Writer()
        var blocks: [UInt8] = []
        guard merge(fold, into: &writer, pieceBytes: .max, spill: { blocks += $0; return true }), table.damage == nil else { return nil }
        writer.bytes = blocks
        writer.drained = 0
        return (table.seq, writer.finish(ledgerName: table.header.ledgerName, genesis: table.header.genesis, stamp: table.stamp))
    }

    /// The bytes of a piece of a merged state written at a time (tests make it small).
    public static let mergePieceBytes = 1 << 20

    /// Writes the state of `fold` on top of its stored table, stamped at `stamp` (which must be its last record):
    /// the table's entries merged with the fold's block by block, byte for byte the file `encode` gives for the
    /// same records. Streamed, so that memory holds the fold's own entries, the block directory and a piece, never
    /// the table (at 10 million records, building the merged file in memory took 1.2 GB and 10 s of one append in
    /// every thousand): the blocks go to a scratch file `index/checks.state.blocks` as they are made; then the file
    /// is written — header, directory, the blocks copied back, the body's checksum — as `index/checks.state.merged`,
    /// fsync'ed and renamed over the old one (15.1). The caller holds the writers' lock. Best effort, like `write`.
    /// - Returns: whether it was written (not when a block of the table is damaged: `table.damage` says so).
    static func writeMerged(_ fold: CheckFold, stamp: Stamp, _ directory: LedgerDirectory, pieceBytes: Int = mergePieceBytes,
                            overlay: [(key: [UInt8], value: [UInt8])]? = nil) -> Bool {
        guard let base = fold.registers.base, fold.gaveUp == nil, stamp.seq == fold.lastSeq else { return false }
        // Fixed names, removed before and after: only an append merges, under the writers' lock, and what a crash
        // leaves (some hundred MB at 10 million records) goes with the next merge.
        let scratchPath = path(directory) + ".blocks"
        let temporary = path(directory) + ".merged"
        try? PosixFile.remove(scratchPath)
        try? PosixFile.remove(temporary)
        var keepTemporary = false
        defer {
            try? PosixFile.remove(scratchPath)
            if !keepTemporary { try? PosixFile.remove(temporary) }
        }
        do {
            let scratch = try PosixFile(path: scratchPath, mode: .createNew(permissions: 0o600), followLinks: false)
            defer { scratch.close() }
            var writer = Writer()
            var scratchBytes: Int64 = 0
            var spillFailed = false
            let merged = merge(fold, overlay: overlay, into: &writer, pieceBytes: pieceBytes) { piece in
                do { try scratch.write(piece, at: scratchBytes) } catch { spillFailed = true; return false }
                scratchBytes += Int64(piece.count)
                return true
            }
            guard merged, !spillFailed, scratchBytes == writer.drained else { return false }
            var lead = ByteWriter()
            lead.raw(writer.lead())
            let header = DerivedStateHeader(kind: kind, version: version, ledgerName: base.header.ledgerName, genesis: base.header.genesis,
                                            stamp: stamp, bodyBytes: UInt64(lead.bytes.count) + UInt64(scratchBytes))
            let file = try PosixFile(path: temporary, mode: .createNew(permissions: 0o644), followLinks: false)
            defer { file.close() }
            let bodyHasher = SHA256()
            bodyHasher.begin()
            bodyHasher.update(lead.bytes)
            var offset = Int64(0)
            let headerBytes = header.encoded()
            try file.write(headerBytes + lead.bytes, at: 0)
            offset += Int64(headerBytes.count + lead.bytes.count)
            var copied: Int64 = 0
            var piece: [UInt8] = []
            while copied < scratchBytes {
                try scratch.read(at: copied, count: Int(min(Int64(4 << 20), scratchBytes - copied)), into: &piece)
                guard !piece.isEmpty else { return false }
                bodyHasher.update(piece)
                try file.write(piece, at: offset)
                offset += Int64(piece.count)
                copied += Int64(piece.count)
            }
            try file.write(bodyHasher.finish().bytes, at: offset)
            try file.sync()
            try PosixFile.rename(temporary, to: path(directory))
            keepTemporary = true
            // The recent table is in the merged table now (and continues the old one, not this).
            try? PosixFile.remove(recentPath(directory))
            // 15.1: the rename is made durable like every other write of index/ (best effort: the file is in place).
            try? PosixFile.syncDirectory(directory.indexPath)
            return true
        } catch {
            return false
        }
    }
}

// MARK: - checking a batch with the stored state

extension CheckState {
    /// The stored state with the records after its stamp folded on top (read and verified from the log, 15.1 check
    /// 5): what checking a batch needs, read once by a command that also needs those records for something else
    /// (`ledger import assets`: the earlier imports).
    public struct CaughtUp {
        let table: CheckTable
        /// The checks' fold: the table and the records after its stamp.
        public internal(set) var fold: CheckFold
        /// The last record read (the stamp when none follows it).
        public let head: Stamp

        /// Reads the records after `point` onto `table`, each handed to `visit` too; nil when the acknowledged
        /// head is before the table's stamp (only a full read can check it).
        static func read(_ directory: LedgerDirectory, table: CheckTable, from point: ResumePoint,
                         visit: (Record) -> Void = { _ in }) throws(ChainError) -> CaughtUp? {
            var fold = CheckFold(base: table)
            var head = table.stamp
            do {
                _ = try LogScanner.committedBatches(directory, from: point, prepare: { line -> (Record, RecordLocation) in
                    if line.location.seq == line.batchLast {
                        head = Stamp(seq: line.location.seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
                    }
                    return (try line.record(), line.location)
                }, batch: { records in for (record, location) in records { fold.apply(record, at: location); visit(record) } })
            } catch .resumeBeforeAcknowledged {
                return nil
            }
            return CaughtUp(table: table, fold: fold, head: head)
        }
    }
}

extension CheckState {
    /// What `validate` did.
    public struct Validation: Sendable {
        /// The batch's issues (empty: it may be appended), the same as `DomainValidator.validate(existing:batch:)`
        /// gives for the whole log.
        public let issues: [ValidationIssue]
        /// One line for stderr when a stored state was found unusable (it is rebuilt); nil otherwise.
        public let notice: String?
        /// Nil when the stored state decided the batch; else why the whole log was read.
        public let wholeLogReason: String?
        /// Records read from the log: those after the stored state's stamp, or all of them.
        public let recordsRead: Int64
        /// Whether `index/checks.state` was written.
        public let wroteState: Bool
    }

    /// What `validate` found stored: the state caught up to the head (nil: the acknowledged head lies in its
    /// prefix), or why it cannot be used.
    enum StoredUse {
        case caughtUp(CaughtUp?)
        case unusable(Problem)
    }

    /// Asset ids that a stored state caught up (`CaughtUp`) was asked about and found not registering
    /// (`RegisterImports.lookup`): those of `asked` not in `registered`. Handed back with that same `CaughtUp` to
    /// `validate`, a batch registering them is not looked up in the state a second time.
    /// A class, not a struct: the batch's check keeps it in its `Registers` and asks it for every part it registers,
    /// and a struct of four sets was copied there at each (four retains and releases a row, some 10 ms of a
    /// 100,000-row import: docs/perf-import52.md). It never changes once made.
    public final class AbsentAssets: Sendable {
        /// The spellings asked (an id of digits kept once for all its spellings: `NamedAssetIDs`).
        public let asked: NamedAssetIDs
        public let registered: Set<String>

        public init(asked: NamedAssetIDs, registered: Set<String>) {
            self.asked = asked
            self.registered = registered
        }

        /// Whether `id`, byte for byte, was asked and not found. A set finds a canonically equivalent member as
        /// well (`String ==`), so the member found must be `id`'s own bytes (`NamedAssetIDs.containsExactly`): an id
        /// asked in another form was looked up by those bytes, not by `id`'s.
        func contains(_ id: String) -> Bool {
            guard asked.containsExactly(id) else { return false }
            return registered.isEmpty || !registered.contains(id)
        }
    }

    /// Checks `batch` for appending after the log's last record `headSeq` (the caller holds the writer's lock, so
    /// the log does not move): against `index/checks.state` and the records after its stamp when it is usable and
    /// decides the batch (`DomainValidator.validate(fold:batch:)`); otherwise against a fold of the whole log
    /// read again, after which the state is written at the head (`useState`). A usable state more than
    /// `rewriteAfterRecords` records behind is written again at the head. Writing is best effort.
    /// - Throws: the log's own damage, as every reader does.
    /// - Parameter lookup: the seq and type of the first record with an event id, for corrections in the batch
    ///   (`DomainValidator.validate(fold:batch:lookup:)`); without it such a batch is checked against the whole log.
    /// - Parameter loose: input lines that state no fact, whose references are checked too (`LooseEvent`).
    /// - Parameter absentAssets: asset ids `caughtUp` was found not to register (`AbsentAssets`); only used with it.
    public static func validate(_ directory: LedgerDirectory, headSeq: Int64, batch: EventBatch, useState: Bool,
                                rewriteAfter: Int64 = rewriteAfterRecords,
                                lookup: ((String) throws -> (seq: Int64, type: String)?)? = nil,
                                mergePieceBytes: Int = mergePieceBytes, recentMax: Int64? = nil,
                                caughtUp: CaughtUp? = nil, absentAssets: AbsentAssets? = nil,
                                loose: [LooseEvent] = []) throws(ChainError) -> Validation {
        var notice: String? = nil
        var reason = "no stored state"
        // What was stored: nil when there is no file (or `useState` is off); else the state caught up, or its problem.
        var opened: StoredUse? = nil
        if let caughtUp {
            opened = .caughtUp(caughtUp)
        } else if useState {
            let stored: (table: CheckTable, resume: ResumePoint)?
            do { stored = try open(directory) } catch { stored = nil; opened = .unusable(error.derivedStateProblem) }
            if let (table, point) = stored { opened = .caughtUp(try CaughtUp.read(directory, table: table, from: point)) }
        }
        if useState, let opened {
            switch opened {
            case .unusable(let problem):
                notice = SystemWords.rebuilt(fileName, in: directory, problem)
                reason = "the stored state is unusable"
            case .caughtUp(let caught):
                // nil: the acknowledged head lies in the stored prefix, only a full read can check it.
                if caught == nil { reason = "the acknowledged head is before the stored state's stamp" }
                if let caught {
                    let table = caught.table, fold = caught.fold, head = caught.head
                    if let gaveUp = fold.gaveUp {
                        reason = gaveUp
                    } else if fold.lastSeq != headSeq {
                        reason = "the log's head moved"
                    } else {
                        // The look-up's answer holds for the state it was given with (`caughtUp`), not one opened here.
                        switch DomainValidator.validate(fold: fold, batch: batch, lookup: lookup, loose: loose,
                                                        absentAssets: caughtUp == nil ? nil : absentAssets) {
                        case .checked(let issues):
                            var wrote = false
                            if fold.recordCount >= rewriteAfter, head.seq == fold.lastSeq {
                                wrote = catchUp(fold, stamp: head, directory, pieceBytes: mergePieceBytes, recentMax: recentMax)
                            }
                            if let damage = table.damage {
                                notice = SystemWords.rebuilt(fileName, in: directory, ChainError.DerivedStateProblem.damaged(damage))
                                reason = "the stored state is damaged"
                            } else {
                                return Validation(issues: issues, notice: nil, wholeLogReason: nil, recordsRead: fold.recordCount, wroteState: wrote)
                            }
                        case .needsWholeLog(let why):
                            if let damage = table.damage {
                                notice = SystemWords.rebuilt(fileName, in: directory, ChainError.DerivedStateProblem.damaged(damage))
                            }
                            reason = why
                        }
                    }
                }
            }
        }
        // The whole log: first folded for the checks alone (memory for its entities, not its records), which
        // decides most batches and gives the state; then, if that cannot decide, into an effective log as well.
        var fold: CheckFold? = nil
        var stamps: (genesis: Stamp, head: Stamp)? = nil
        if useState {
            let whole = try readWholeLog(directory, upToSeq: nil, effective: false, fold: true)
            stamps = whole.stamps
            if whole.recordCount == headSeq, let folded = whole.fold, folded.gaveUp == nil {
                fold = folded
                switch DomainValidator.validate(fold: folded, batch: batch, lookup: lookup, loose: loose) {
                case .checked(let issues):
                    let wrote = stamps.map { write(encode(folded, ledgerName: directory.name, genesis: $0.genesis, stamp: $0.head), directory) } ?? false
                    return Validation(issues: issues, notice: notice, wholeLogReason: reason, recordsRead: whole.recordCount, wroteState: wrote)
                case .needsWholeLog(let why):
                    reason += "; \(why)"
                }
            }
        }
        let whole = try readWholeLog(directory, upToSeq: nil, effective: true, fold: useState && fold == nil)
        let existing = whole.existing!
        let issues = DomainValidator.validate(existing: existing, batch: batch, loose: loose)
        var wrote = false
        if useState, whole.recordCount == headSeq, var folded = fold ?? whole.fold, let stamps = stamps ?? whole.stamps {
            if folded.gaveUp != nil { folded.rebuildRegisters(from: existing) }
            wrote = write(encode(folded, ledgerName: directory.name, genesis: stamps.genesis, stamp: stamps.head), directory)
        }
        return Validation(issues: issues, notice: notice, wholeLogReason: reason, recordsRead: whole.recordCount, wroteState: wrote)
    }
}

extension CheckState {
    /// The log read from its first record (up to the batch holding `upToSeq`, or all of it), folded into an
    /// effective log and/or the checks' fold; the stamps of record 1 and of the last record read (nil when empty).
    static func readWholeLog(_ directory: LedgerDirectory, upToSeq: Int64?, effective: Bool, fold: Bool) throws(ChainError)
        -> (existing: EffectiveLog?, fold: CheckFold?, stamps: (genesis: Stamp, head: Stamp)?, recordCount: Int64) {
        var existing = EffectiveLog()
        var checks = CheckFold()
        var genesis: Stamp? = nil
        var head: Stamp? = nil
        let summary = try LogScanner.committedBatches(directory, stopAfterSeq: upToSeq, prepare: { line -> (Record, RecordLocation) in
            if line.location.seq == 1 { genesis = Stamp(seq: 1, hash: line.hash, lineOffset: 0, lineBytes: line.location.byteCount) }
            if line.location.seq == line.batchLast {
                head = Stamp(seq: line.location.seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
            }
            return (try line.record(), line.location)
        }, batch: { records in
            for (record, location) in records {
                if effective { existing.apply(record) }
                if fold { checks.apply(record, at: location) }
            }
        })
        let count = upToSeq.map { Swift.min($0, summary.recordCount) } ?? summary.recordCount
        let stamps = genesis.flatMap { g in head.flatMap { h in h.seq == count ? (g, h) : nil } }
        return (effective ? existing : nil, fold ? checks : nil, stamps, head?.seq ?? 0)
    }

    /// The state file's bytes for the log up to the batch holding `upToSeq` (all of it when nil); nil when empty.
    static func build(_ directory: LedgerDirectory, upToSeq: Int64?) throws(ChainError) -> (bytes: [UInt8], seq: Int64)? {
        var whole = try readWholeLog(directory, upToSeq: upToSeq, effective: false, fold: true)
        guard let stamps = whole.stamps, var fold = whole.fold else { return nil }
        if fold.gaveUp != nil {
            // Corrections of registering records: the first pass again over the facts in effect.
            whole = try readWholeLog(directory, upToSeq: upToSeq, effective: true, fold: false)
            fold.rebuildRegisters(from: whole.existing!)
        }
        return (encode(fold, ledgerName: directory.name, genesis: stamps.genesis, stamp: stamps.head), stamps.head.seq)
    }

    /// The stored file as `verify --index` found it before a rebuild replaced it: absent, unusable, or its stamp and
    /// bytes, and its recent table when there is one (`StoredRecent`, opened then: compared after the table).
    enum StoredCheck {
        case absent
        case unusable(Problem)
        case stored(seq: Int64, bytes: [UInt8], recent: StoredRecent?)
    }

    /// Why the recent table laid over `table` is damaged, every block of it read and checked; nil when it is not
    /// (or there is none). Opening reads only its first block and a lookup the blocks it needs, so `verify --index`
    /// reads them all: a damaged block is reported, not found "intact" and then removed with the rebuild.
    static func recentDamage(_ table: CheckTable) -> Problem? {
        guard let recent = table.recent else { return nil }
        for index in recent.header.blocks.indices where recent.blockBytes(index, keep: false) == nil {
            return .damaged(.inFile(recentFileName, recent.damage ?? .unreadableBlock(index + 1, cause: nil)))
        }
        return nil
    }

    /// Why `table` itself is damaged, every page of its block directory and every block read and checked; nil when
    /// it is not. A lookup reads only the pages and blocks it needs, so `verify --index` reads them all: a flipped
    /// byte there is reported as the damage it is (review N19 #1), not as a state out of step with the log.
    static func tableDamage(_ table: CheckTable) -> Problem? {
        for index in table.header.blocks.indices where table.blockBytes(index, keep: false) == nil {
            return .damaged(table.damage ?? .unreadableBlock(index + 1, cause: nil))
        }
        return nil
    }

    static func storedCheck(_ directory: LedgerDirectory) -> StoredCheck {
        let opened: (table: CheckTable, resume: ResumePoint)?
        do { opened = try open(directory) } catch { return .unusable(error.derivedStateProblem) }
        switch opened {
        case nil: return .absent
        case let (table, _)?:
            if let problem = recentDamage(table) { return .unusable(problem) }
            // Every page and block read and checked first, as `checkAndRebuild` does: a flipped byte is the damage
            // an append would have found, not a state out of step with the log (review 40f).
            if let problem = tableDamage(table) { return .unusable(problem) }
            // Through the handle the blocks were checked through: a writer's merge since has put another file at the
            // path, which checked against this header would read as damage (review of verifychecks52 #1).
            let bytes = table.fileBytes() ?? []
            if !DerivedStateHeader.bodyChecksumHolds(bytes, bodyBytes: table.header.file.bodyBytes) { return .unusable(.damaged(.checksum(.body))) }
            // The table's own stamp (a recent table laid over it is not in its bytes).
            return .stored(seq: table.header.stamp.seq, bytes: bytes, recent: storedRecent(directory, layered: table))
        }
    }

    /// Compares the stored file with the state the log gives at its stamp: `fresh` when that is the head, else one
    /// built at the stamp (a second read of the log); then its recent table, when there is one, with the state the
    /// log gives at the recent table's stamp (`recentDifference`, session 52: before, only its checksums were checked).
    static func finishCheck(_ stored: StoredCheck, _ directory: LedgerDirectory, fresh: [UInt8]?, head: Int64?) throws(ChainError) -> DerivedStateCheck {
        switch stored {
        case .absent: return .absent
        case .unusable(let problem): return .damaged(problem)
        case .stored(let seq, let bytes, let recent):
            let built = seq == head && fresh != nil ? fresh : try build(directory, upToSeq: seq).flatMap { $0.seq == seq ? $0.bytes : nil }
            guard built == bytes else { return .damaged(.mismatch(.differsFromLog(.entry))) }
            if let recent, let problem = try recentDifference(recent, directory, fresh: fresh, head: head) { return .damaged(problem) }
            return .intact(seq: seq)
        }
    }

    /// Checks the stored state against one rebuilt from the log up to its stamp (read and verified from the first
    /// record: nothing of the state is trusted), then writes the state rebuilt at the head. Log damage is thrown
    /// as `ChainError`; index damage is the returned `DerivedStateCheck`.
    public static func checkAndRebuild(_ directory: LedgerDirectory) throws(ChainError) -> (check: DerivedStateCheck, rebuiltAt: Int64?) {
        var check = DerivedStateCheck.absent
        let opened: (table: CheckTable, resume: ResumePoint)?
        do { opened = try open(directory) } catch { opened = nil; check = .damaged(error.derivedStateProblem) }
        switch opened {
        case nil: break
        case let (table, _)? where recentDamage(table) != nil:
            check = .damaged(recentDamage(table)!)
        case let (table, _)? where tableDamage(table) != nil:
            check = .damaged(tableDamage(table)!)
        case let (table, _)?:
            let stored = table.fileBytes() ?? []
            // The body's checksum before the contents (review 40f): a flipped byte is damage.
            guard DerivedStateHeader.bodyChecksumHolds(stored, bodyBytes: table.header.file.bodyBytes) else {
                check = .damaged(.damaged(.checksum(.body)))
                break
            }
            // The table's own stamp (a recent table laid over it is not in its bytes).
            let seq = table.header.stamp.seq
            let fresh = try build(directory, upToSeq: seq)
            if fresh?.seq == seq, fresh?.bytes == stored {
                check = .intact(seq: seq)
                // Its recent table against the log at its own stamp (session 52).
                if let recent = storedRecent(directory, layered: table),
                   let problem = try recentDifference(recent, directory, fresh: nil, head: nil) {
                    check = .damaged(problem)
                }
            } else {
                check = .damaged(.mismatch(.differsFromLog(.entry)))
            }
        }
        guard let fresh = try build(directory, upToSeq: nil) else {
            if check != .absent { try? PosixFile.remove(path(directory)) }
            return (check, nil)
        }
        return (check, write(fresh.bytes, directory) ? fresh.seq : nil)
    }
}
