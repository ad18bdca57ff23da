import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `index/mentions` (ledger-spec.md section 15.10): the keys of every **free** string of the log — a string value in
/// a record's data that the record's `index/scopes` links do not name (a `reason`, a `purpose`, a name, an import id,
/// …) — so that `ledger show ID` can tell, in a few page reads, whether a record outside the groups of `ID`'s keys
/// can mention `ID`. When `ID`'s key is not among them, every record that is the event `ID` or holds `ID` as a
/// string lies in the groups `index/scopes` gives for `ID` as an id of each kind, and `show` reads only those.
/// Derived and optional: deleting it never changes an answer (`show` then reads the whole log, or rebuilds it).
public enum MentionIndex {
    public static let fileName = "mentions"
    public static let kind = "LEDGER-MENTIONS"
    public static let version: UInt32 = 1
    /// Keys per page (4 KiB).
    static let pageKeys = 512

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// The key of a free string: FNV-1a of a tag byte 0 and the string's UTF-8, with the finaliser of `ScopeIndex.key`
    /// (tag 0 is no `ScopeIndex.Kind`, whose tags start at 1).
    static func key<Bytes: Collection<UInt8>>(utf8: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ 0) &* 0x100_0000_01b3
        for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33; h = h &* 0xc4ce_b9fe_1a85_ec53; h ^= h >> 33
        return h
    }

    static let kinds: [ScopeIndex.Kind] = (1...9).compactMap { ScopeIndex.Kind(rawValue: $0) }

    /// The keys `index/scopes` gives `id` as an id of every kind (and as an event id): the groups `show ID` reads.
    static func scopeKeys(_ id: String) -> [UInt64] { kinds.map { ScopeIndex.key($0, id) } }

    /// The keys of the free strings of `record` (appended to `keys`): every string value in its data, at any depth,
    /// whose text the record's scope links do not name as an id of some kind. Such a string is in the record's data
    /// but the record is not in the group of that text's keys.
    static func freeKeys(_ record: Record, into keys: inout [UInt64]) {
        let links = Set(ScopeIndex.links(id: record.id, payload: record.payload).keys)
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let s):
                if !kinds.contains(where: { links.contains(ScopeIndex.key($0, s)) }) { keys.append(key(utf8: s.utf8)) }
            case .array(let items): for item in items { walk(item) }
            case .object(let members): for member in members.values { walk(member) }
            default: break
            }
        }
        walk(.object(record.data))
    }

    /// Whether `record` is the event `id` or holds it as a free string (a record after the stamp).
    static func holdsFree(_ record: Record, _ wanted: UInt64) -> Bool {
        var keys: [UInt64] = []
        freeKeys(record, into: &keys)
        return keys.contains(wanted)
    }

    /// The free strings' keys as the shared rebuild (ledger-spec.md 15.6) gathers them, record by record, with the
    /// links the pass has made for the scopes anyway: from the record's `data` bytes when they hold no escape (every
    /// string is then its own UTF-8 between two quotes), else from the decoded record (`freeKeys`). The keys are the
    /// ones `freeKeys` gives, so the file is byte for byte the one `rebuild` writes (`IndexRebuildTests`).
    struct Builder {
        private(set) var keys: [UInt64] = []
        /// As in `rebuild`: made distinct when twice the size it last had (at least 8 Mi keys).
        private var normaliseAt = 1 << 23
        /// The record's link keys with the finaliser undone (`unfinalised`).
        private var unfinalisedLinks: [UInt64] = []
        /// Records whose data held an escape (decoded and walked).
        private(set) var walked: Int64 = 0
        private let primeInverse = MentionIndex.inverse(0x100_0000_01b3)
        private let c1Inverse = MentionIndex.inverse(0xff51_afd7_ed55_8ccd)
        private let c2Inverse = MentionIndex.inverse(0xc4ce_b9fe_1a85_ec53)

        /// Adds the free strings' keys of one record: `data` its canonical `data` bytes, `links` the keys of its
        /// links (`ScopeIndex.links`), `record` the record decoded (called only when `data` holds an escape; nil
        /// there fails the pass's caller, which has vouched that the record decodes).
        mutating func add(data: ArraySlice<UInt8>, links: [UInt64], record: () -> Record?) {
            let start = keys.count
            if !scan(data, links: links) {
                keys.removeSubrange(start...)
                walked += 1
                if let record = record() { MentionIndex.freeKeys(record, into: &keys) }
            }
            if keys.count > normaliseAt { normalise(&keys); normaliseAt = max(1 << 23, keys.count * 2) }
        }

        /// The keys of the free strings of `data` appended; false (some appended) when a string holds an escape.
        private mutating func scan(_ data: ArraySlice<UInt8>, links: [UInt64]) -> Bool {
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":")
            var prepared = false
            var i = data.startIndex
            let end = data.endIndex
            while i < end {
                guard data[i] == quote else { i += 1; continue }
                var j = i + 1
                while j < end, data[j] != quote {
                    if data[j] == backslash { return false }
                    j += 1
                }
                guard j < end else { return false }
                let text = data[(i + 1)..<j]
                i = j + 1
                // A member's name (object keys are not values); canonical JSON has no space before the colon, but a
                // space is skipped all the same.
                var k = i
                while k < end, data[k] == 0x20 || data[k] == 0x0a || data[k] == 0x0d || data[k] == 0x09 { k += 1 }
                if k < end, data[k] == colon { continue }
                if !prepared {
                    unfinalisedLinks.removeAll(keepingCapacity: true)
                    for link in links { unfinalisedLinks.append(unfinalise(link)) }
                    prepared = true
                }
                if !isLinked(text) { keys.append(MentionIndex.key(utf8: text)) }
            }
            return true
        }

        /// `ScopeIndex.key`'s finaliser undone (each of its steps is a bijection of UInt64: a shift by 33 or more
        /// xored in is its own inverse, a product by an odd number is undone by its inverse mod 2^64).
        @inline(__always) private func unfinalise(_ key: UInt64) -> UInt64 {
            var h = key
            h ^= h >> 33; h = h &* c2Inverse; h ^= h >> 33; h = h &* c1Inverse; h ^= h >> 33
            return h
        }

        /// Whether `ScopeIndex.key(kind, text)` is one of the record's link keys for some kind: FNV-1a undone from
        /// each link key over `text`'s bytes, backwards, must leave the offset basis xored with a kind's tag (1–9).
        /// The same answer as hashing `text` under each of the nine kinds (every step is a bijection), for one
        /// pass over `text` per link instead of nine.
        @inline(__always) private func isLinked(_ text: ArraySlice<UInt8>) -> Bool {
            for link in unfinalisedLinks {
                var h = link
                var i = text.endIndex
                while i > text.startIndex {
                    i -= 1
                    h = h &* primeInverse
                    h ^= UInt64(text[i])
                }
                h = h &* primeInverse
                let tag = h ^ 0xcbf2_9ce4_8422_2325
                if tag >= 1 && tag <= 9 { return true }
            }
            return false
        }

        /// Writes the file at `stamp` (best effort). - Returns: whether it was written.
        mutating func write(_ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp) -> Bool {
            var sorted = keys
            keys = []
            normalise(&sorted)
            return MentionIndex.write(sorted, directory, genesis: genesis, stamp: stamp)
        }
    }

    /// The inverse of odd `a` mod 2^64 (Newton's iteration: each step doubles the bits that are right, 3 at first).
    static func inverse(_ a: UInt64) -> UInt64 {
        var x = a
        for _ in 0..<6 { x = x &* (2 &- a &* x) }
        precondition(x &* a == 1)
        return x
    }

    // MARK: the file

    /// The body: u64 key count, u64 page count, the page directory (each page's first key and SHA-256), the
    /// directory's SHA-256, then the keys sorted and distinct, 512 to a page.
    static func body(_ sorted: [UInt64]) -> [UInt8] {
        let pages = (sorted.count + pageKeys - 1) / pageKeys
        var pageBytes = ByteWriter(capacity: sorted.count * 8)
        var directory = ByteWriter(capacity: pages * 40)
        for p in 0..<pages {
            var page = ByteWriter(capacity: pageKeys * 8)
            for k in sorted[(p * pageKeys)..<min(sorted.count, (p + 1) * pageKeys)] { page.u64(k) }
            directory.u64(sorted[p * pageKeys])
            directory.raw(SHA256.digest(page.bytes).bytes)
            pageBytes.raw(page.bytes)
        }
        var out = ByteWriter(capacity: 16 + pages * 40 + 32 + sorted.count * 8)
        out.u64(UInt64(sorted.count))
        out.u64(UInt64(pages))
        out.raw(directory.bytes)
        out.raw(SHA256.digest(directory.bytes).bytes)
        out.raw(pageBytes.bytes)
        return out.bytes
    }

    /// Sorted and distinct, in place.
    static func normalise(_ keys: inout [UInt64]) {
        KeySort.sortByKey(&keys) { $0 }
        var w = 0
        for i in keys.indices where i == 0 || keys[i] != keys[i - 1] { keys[w] = keys[i]; w += 1 }
        keys.removeLast(keys.count - w)
    }

    /// Reads and verifies the whole log and writes the file at its head (best effort: a ledger that cannot be written
    /// is not indexed). - Returns: whether a file was written.
    @discardableResult
    public static func rebuild(_ directory: LedgerDirectory) throws(ChainError) -> Bool {
        var keys: [UInt64] = []
        // Made distinct when twice the size it last had (at least 8 Mi keys): linear overall, however many are distinct.
        var normaliseAt = 1 << 23
        var genesis: StateStamp? = nil, head: StateStamp? = nil
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> [UInt64] in
            if line.location.seq == 1 { genesis = StateStamp(line) }
            if line.location.seq == line.batchLast { head = StateStamp(line) }
            var mine: [UInt64] = []
            freeKeys(try line.record(), into: &mine)
            return mine
        }, batch: { items in
            for item in items { keys += item }
            // Most free strings repeat (a street, a category, an inspector): kept distinct as they come.
            if keys.count > normaliseAt { normalise(&keys); normaliseAt = max(1 << 23, keys.count * 2) }
        })
        guard summary.recordCount > 0, let genesis, let head, head.seq == summary.recordCount else {
            try? PosixFile.remove(path(directory))
            return false
        }
        normalise(&keys)
        return write(keys, directory, genesis: genesis, stamp: head)
    }

    static func write(_ sorted: [UInt64], _ directory: LedgerDirectory, genesis: StateStamp, stamp: StateStamp) -> Bool {
        DerivedStateFile(kind: kind, version: version, ledgerName: directory.name, genesis: genesis, stamp: stamp,
                         body: body(sorted)).write(to: path(directory), in: directory)
    }

    /// The file opened and its header, page directory and stamps checked.
    struct Opened {
        let file: PosixFile
        let header: DerivedStateHeader
        let bodyStart: Int64
        let count: Int
        let firstKeys: [UInt64]
        let sums: [[UInt8]]
        let resume: ResumePoint

        var pagesStart: Int64 { bodyStart + 16 + Int64(firstKeys.count) * 40 + 32 }

        /// Page `p`'s keys, checked against its SHA-256; nil when they do not match.
        func page(_ p: Int) -> [UInt64]? {
            let n = min(pageKeys, count - p * pageKeys)
            var bytes: [UInt8] = []
            do { try file.read(at: pagesStart + Int64(p * pageKeys * 8), count: n * 8, into: &bytes) } catch { return nil }
            guard bytes.count == n * 8, SHA256.digest(bytes).bytes == sums[p] else { return nil }
            var keys: [UInt64] = []
            keys.reserveCapacity(n)
            var r = ByteReader(bytes)
            for _ in 0..<n { keys.append(r.u64()!) }
            // Sorted and distinct, as written (a page that is not was not written by this program).
            guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }), keys.first == firstKeys[p] else { return nil }
            return keys
        }

        /// Whether `key` is among the stored keys; nil when a page does not match its checksum.
        func contains(_ key: UInt64) -> Bool? {
            var lo = 0, hi = firstKeys.count
            while lo < hi { let mid = (lo + hi) / 2; if firstKeys[mid] <= key { lo = mid + 1 } else { hi = mid } }
            guard lo > 0 else { return false }
            guard let keys = page(lo - 1) else { return nil }
            var a = 0, b = keys.count
            while a < b { let mid = (a + b) / 2; if keys[mid] < key { a = mid + 1 } else { b = mid } }
            return a < keys.count && keys[a] == key
        }
    }

    /// Opens the file and checks its header, its layout, its page directory and its stamps against the log (15.1,
    /// checks 1–3). nil when there is no file; the problem when the file is not usable (closed as the throw goes:
    /// `PosixFile` closes on deinit).
    static func open(_ directory: LedgerDirectory) throws(ChainError) -> Opened? {
        guard let (file, header, start) = try DerivedStateHeader.open(path(directory), kind: kind, version: version) else {
            return nil
        }
        guard header.bodyBytes >= 48 else { throw .damaged(.lengthNotHeaders) }
        var counts: [UInt8] = []
        do { try file.read(at: Int64(start), count: 16, into: &counts) } catch { throw .damaged(.of(error)) }
        var r = ByteReader(counts)
        guard let count = r.u64(), let pages = r.u64(), count < 1 << 40, pages == (count + UInt64(pageKeys) - 1) / UInt64(pageKeys),
              header.bodyBytes == 16 + pages * 40 + 32 + count * 8 else {
            throw .damaged(.outOfRange(.counts))
        }
        var dir: [UInt8] = []
        do { try file.read(at: Int64(start) + 16, count: Int(pages) * 40 + 32, into: &dir) } catch { throw .damaged(.of(error)) }
        guard dir.count == Int(pages) * 40 + 32,
              SHA256.digest(Array(dir[0..<(Int(pages) * 40)])).bytes[...] == dir[(Int(pages) * 40)...] else {
            throw .damaged(.checksum(.pageDirectory))
        }
        var firstKeys: [UInt64] = [], sums: [[UInt8]] = []
        firstKeys.reserveCapacity(Int(pages)); sums.reserveCapacity(Int(pages))
        var d = ByteReader(dir)
        for _ in 0..<pages { firstKeys.append(d.u64()!); sums.append(d.fixed(32)!) }
        guard zip(firstKeys, firstKeys.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .damaged(.outOfOrder(.all(.page))) }
        let point = try header.check(directory)
        return Opened(file: file, header: header, bodyStart: Int64(start), count: Int(count), firstKeys: firstKeys,
                      sums: sums, resume: point)
    }

    /// What the file says of an id.
    public enum Answer: Equatable {
        /// No record holds the id as a free string: the groups of its keys in `index/scopes` hold every record that
        /// is the event or mentions it. The notice, when the file was unusable and rebuilt first.
        case onlyInGroups(notice: String?)
        /// Some record may hold it as a free string (or a key like its key): only the whole log can say which.
        case free
        /// The file cannot answer (an index that cannot be written, an acknowledged head before the stamp, an
        /// empty log): the whole log is read, with the same answer.
        case unavailable
    }

    /// Whether a record can hold `id` as a free string, from the file (checked against the log; the records after its
    /// stamp read and verified from the log, exactly as a full read checks them). A missing file is built from the
    /// log, a damaged, foreign, out-of-step or other-version one rebuilt with a one-line notice; records after the
    /// stamp beyond a twentieth of the stamp's records (at least 1,000, at most 50,000) are merged into it.
    public static func answer(_ directory: LedgerDirectory, id: String) throws(ChainError) -> Answer {
        let wanted = key(utf8: id.utf8)
        var notice: String? = nil
        var rebuilt = false
        for _ in 0..<3 {
            var problem: ChainError.DerivedStateProblem? = nil
            let found: Opened?
            do throws(ChainError) { found = try open(directory) } catch { problem = error.derivedStateProblem; found = nil }
            usable: if let opened = found {
                defer { opened.file.close() }
                guard let stored = opened.contains(wanted) else {
                    problem = .damaged(.checksum(.some(.page)))
                    break usable
                }
                // The log after the stamp, read and verified (15.1 check 5).
                var free = stored
                var later: [UInt64] = []
                var head: StateStamp? = nil
                let limit = min(max(opened.header.stamp.seq / 20, 1_000), 50_000)
                var count: Int64 = 0
                do {
                    _ = try LogScanner.committedBatches(directory, from: opened.resume, prepare: { line -> [UInt64] in
                        if line.location.seq == line.batchLast { head = StateStamp(line) }
                        var mine: [UInt64] = []
                        freeKeys(try line.record(), into: &mine)
                        return mine
                    }, batch: { items in
                        for item in items {
                            count += 1
                            if item.contains(wanted) { free = true }
                            if count <= mergeMax { later += item }
                        }
                    })
                } catch {
                    if case .resumeBeforeAcknowledged = error { return .unavailable }
                    throw error
                }
                if count > limit, let head {
                    // Merged into the file: later reads are short again (one read and one write of the file). Past
                    // `mergeMax` records (a state left far behind) the keys were not all kept: rebuilt from the log.
                    if count > mergeMax || !merge(opened, directory, later: later, head: head) { _ = try rebuild(directory) }
                }
                return free ? .free : .onlyInGroups(notice: notice)
            }
            guard !rebuilt else { return .unavailable }
            if let problem { notice = SystemWords.rebuilt(fileName, in: directory, problem) }
            rebuilt = true
            guard try rebuild(directory) else { return .unavailable }
        }
        return .unavailable
    }

    /// `ledger verify --index` (15.6, 15.10): the file, if any, checked against a fresh read of the whole log — its
    /// header, layout, page directory and stamps (15.1), every page's checksum, then its keys against the keys of
    /// records 1 up to its stamp — and the file written again from that read, at the head. The check never trusts
    /// the file: what `show` answers afterwards comes from the rebuilt one.
    /// - Returns: what the stored file was, and the record the rebuilt file was written at (nil when none was:
    ///   an empty log, or `index/` cannot be written).
    public static func checkAndRebuild(_ directory: LedgerDirectory) throws(ChainError) -> (check: DerivedStateCheck, rebuiltAt: Int64?) {
        var check = DerivedStateCheck.absent
        var stored: (keys: [UInt64], seq: Int64)? = nil
        let found: Opened?
        do throws(ChainError) { found = try open(directory) } catch { check = .damaged(error.derivedStateProblem); found = nil }
        if let opened = found {
            var keys: [UInt64] = []
            keys.reserveCapacity(opened.count)
            var pagesGood = true
            for p in 0..<opened.firstKeys.count {
                guard let page = opened.page(p) else { pagesGood = false; break }
                keys += page
            }
            // The body's own SHA-256 (15.1), which a read does not ask (it checks the parts it reads): a flipped byte
            // there was reported intact (review 40f).
            let bodyGood = pagesGood && DerivedStateHeader.bodyChecksumHolds(
                (try? PosixFile.readRegularFile(path(directory), bytesMax: 1 << 40, followLinks: false).bytes) ?? [], bodyBytes: opened.header.bodyBytes)
            opened.file.close()
            if !pagesGood {
                check = .damaged(.damaged(.checksum(.some(.page))))
            } else if !bodyGood {
                check = .damaged(.damaged(.checksum(.body)))
            } else {
                stored = (keys, opened.header.stamp.seq)
            }
        }
        // One read of the log: the keys up to the stored stamp (to compare) and up to the head (to write).
        var upToStamp: [UInt64] = [], all: [UInt64] = []
        var genesis: StateStamp? = nil, head: StateStamp? = nil
        let stampSeq = stored?.seq ?? 0
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> (Int64, [UInt64]) in
            if line.location.seq == 1 { genesis = StateStamp(line) }
            if line.location.seq == line.batchLast { head = StateStamp(line) }
            var mine: [UInt64] = []
            freeKeys(try line.record(), into: &mine)
            return (line.location.seq, mine)
        }, batch: { items in
            for (seq, keys) in items {
                if seq <= stampSeq { upToStamp += keys }
                all += keys
            }
        })
        if let stored {
            normalise(&upToStamp)
            check = stored.seq <= summary.recordCount && upToStamp == stored.keys
                ? .intact(seq: stored.seq) : .damaged(.mismatch(.differsFromLog(.key)))
        }
        guard summary.recordCount > 0, let genesis, let head, head.seq == summary.recordCount else {
            try? PosixFile.remove(path(directory))
            return (check, nil)
        }
        normalise(&all)
        return (check, write(all, directory, genesis: genesis, stamp: head) ? head.seq : nil)
    }

    /// The most records after the stamp whose keys a read keeps to merge them (beyond, the file is rebuilt).
    static let mergeMax: Int64 = 1_000_000

    /// Writes the file at `head` from the stored keys and those of the records after the stamp; false when a page
    /// does not match or the file cannot be written: the caller rebuilds.
    static func merge(_ opened: Opened, _ directory: LedgerDirectory, later: [UInt64], head: StateStamp) -> Bool {
        var keys: [UInt64] = []
        keys.reserveCapacity(opened.count + later.count)
        for p in 0..<opened.firstKeys.count {
            guard let page = opened.page(p) else { return false }
            keys += page
        }
        keys += later
        normalise(&keys)
        return write(keys, directory, genesis: opened.header.genesis, stamp: head)
    }
}
