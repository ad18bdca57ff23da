import LedgerEvents
import LedgerPlatform

/// When the writer's id index merges its levels (ledger-spec.md section 15). The defaults keep one append cheap at
/// any size of log: the records after the newest table are read from the log when the writer opens (at most
/// `deltaMax` of them, under a MB), the second table is rewritten every `deltaMax` records, and the base table only
/// when the second outgrows a `1/recentFraction` share of it. Tests make them small to exercise every merge.
/// `deltaMax` was 4,096: reading and verifying that many records took some 15 ms of an append (half of it at 10
/// million records), so one append cost between 17 and 35 ms depending on where it fell in the cycle; at 1,024 the
/// second table (at most 15 MB at 10 million records) is rewritten four times as often, some 0.3 ms an append.
///
/// A writer that stays open (an import, a batch writer, `ledger-bench`) writes the second table only when it closes,
/// or once `heldMax` records are held in memory: rewriting it (and syncing it and its directory) after every 1,024
/// records cost more than the appends themselves. A writer killed before closing leaves at most `heldMax` records
/// for the next open to read from the log (some tenths of a second, once).
public struct IdIndexPolicy: Sendable {
    /// Records after the newest table that make the writer write `index/ids-recent` when it closes.
    public var deltaMax: Int
    /// Records after the newest table that make an open writer write it at once, after an append.
    public var heldMax: Int
    /// `index/ids-recent` may grow to the larger of this and the base table's count / `recentFraction` before the
    /// base table `index/ids` is rewritten with it.
    public var recentMin: Int64
    public var recentFraction: Int64

    /// `heldMax` is `deltaMax` unless given: a writer then writes the table as soon as it is due (tests).
    public init(deltaMax: Int = 1_024, heldMax: Int? = nil, recentMin: Int64 = 65_536, recentFraction: Int64 = 16) {
        self.deltaMax = deltaMax; self.heldMax = max(heldMax ?? deltaMax, deltaMax)
        self.recentMin = recentMin; self.recentFraction = recentFraction
    }

    public static let standard = IdIndexPolicy(heldMax: 65_536)
}

/// The writer's id index: event id → record location, for duplicate detection and reference checks, in memory that
/// does not grow with the log. Two sorted tables on disk (`index/ids`, the base, covering records 1…b, and
/// `index/ids-recent`, covering b+1…r) and the records after r in a dictionary read from the log. Derived and
/// optional: a missing, damaged, foreign, out-of-date or rewritten-log table is rebuilt from the log.
public final class IdIndex {
    static let baseName = "ids"
    static let recentName = "ids-recent"

    let directory: LedgerDirectory
    let policy: IdIndexPolicy
    private(set) var base: IdTable?
    private(set) var recent: IdTable?
    /// Records after the newest table, by id.
    var delta: [String: RecordLocation] = [:]
    /// The log's record 1 and last committed record, as known to the writer (nil for an empty log).
    var genesis: StateStamp?
    var head: StateStamp?

    init(directory: LedgerDirectory, policy: IdIndexPolicy) {
        self.directory = directory
        self.policy = policy
    }

    static func basePath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + baseName }
    static func recentPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + recentName }

    /// The newest table's stamp: the records after it are in `delta`.
    var covered: StateStamp? { recent?.header.to ?? base?.header.to }

    static func notice(_ name: String, _ directory: LedgerDirectory, _ problem: IndexProblem) -> String {
        SystemWords.rebuilt(name, in: directory, problem)
    }

    // MARK: loading

    /// Opens the tables and checks them against the log as it is now (the header, ledger name, record 1 and the
    /// stamped record, one line each). A table that cannot be used gives one `notice` and is left out.
    /// - Returns: the index without its delta, and the checked point after which the log must be read (nil: the
    ///   whole log, the base table is missing or unusable).
    static func load(_ directory: LedgerDirectory, policy: IdIndexPolicy, notice: (String) -> Void) -> (IdIndex, ResumePoint?) {
        let index = IdIndex(directory: directory, policy: policy)
        let base: IdTable
        var point: ResumePoint
        do throws(IndexProblem) {
            guard let table = try IdTable.open(path: basePath(directory)) else {
                // A second table alone is of no use (it was made on top of a base that is gone).
                try? PosixFile.remove(recentPath(directory))
                return (index, nil)
            }
            point = try check(table, level: 1, directory)
            guard table.header.fromSeq == 0 else { throw .damaged("a base table must start at record 1") }
            base = table
        } catch {
            notice(Self.notice(baseName, directory, error))
            return (index, nil)
        }
        index.base = base
        index.genesis = base.header.genesis
        do throws(IndexProblem) {
            if let table = try IdTable.open(path: recentPath(directory)) {
                guard table.header.genesis == base.header.genesis, table.header.fromSeq == base.header.to.seq,
                      table.header.fromHash == base.header.to.hash else {
                    throw .mismatch("it does not continue \(baseName), which ends at record \(base.header.to.seq)")
                }
                let checkedPoint = try check(table, level: 2, directory)
                index.recent = table
                point = checkedPoint
            }
        } catch {
            notice(Self.notice(recentName, directory, error))
            // Its records are read from the log after the base; the file goes, so the notice is given once.
            try? PosixFile.remove(recentPath(directory))
        }
        return (index, point)
    }

    /// Checks a table's level, then its ledger name, record 1 and stamped record against the log (the shared
    /// header's check, ledger-spec.md section 15.1).
    static func check(_ table: IdTable, level: UInt64, _ directory: LedgerDirectory) throws(IndexProblem) -> ResumePoint {
        let h = table.header
        guard h.level == level else { throw .damaged("level \(h.level) where \(level) belongs") }
        let shared = DerivedStateHeader(kind: IdTable.kind, version: UInt32(IdTable.version), ledgerName: h.ledgerName, genesis: h.genesis,
                                        stamp: h.to, bodyBytes: 0)
        return try shared.check(directory).get()
    }

    // MARK: lookups

    /// Where the tables say records with this id's key are, newest first. Each must be confirmed by reading the
    /// record (the tables hold keys, not ids). The delta is not consulted here.
    func tableCandidates(_ id: String) throws(IndexProblem) -> [RecordLocation] {
        let key = IdEntry.key(id)
        var out: [RecordLocation] = []
        // An id not in the tables (every new id) finds no entry: nothing is allocated then.
        if let recent { for entry in try recent.candidates(key) { out.append(entry.location) } }
        if let base { for entry in try base.candidates(key) { out.append(entry.location) } }
        return out
    }

    // MARK: building and merging

    private func header(level: UInt64, from: StateStamp?, to: StateStamp, genesis: StateStamp, count: Int) -> IdTable.Header {
        IdTable.Header(level: level, ledgerName: directory.name, genesis: genesis, fromSeq: from?.seq ?? 0,
                       fromHash: from?.hash ?? .zero, to: to, count: Int64(count))
    }

    /// Replaces every level with a base table of `entries` (every record of the log up to `head`), written to
    /// `index/ids`, or held in memory when it cannot be written.
    func rebuild(entries: inout [IdEntry], genesis: StateStamp, head: StateStamp) {
        self.genesis = genesis
        self.head = head
        delta = [:]
        recent = nil
        IdEntry.sortInPlace(&entries)
        let header = header(level: 1, from: nil, to: head, genesis: genesis, count: entries.count)
        var position = 0
        let all = entries
        let recentPath = Self.recentPath(directory)
        do {
            if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
            guard head.lineOffset < IdEntry.offsetLimit else { throw IndexProblem.unwritable("the log is too large for the id table") }
            try IdTable.write(header, to: Self.basePath(directory), next: { () throws(IndexProblem) -> IdEntry? in
                guard position < all.count else { return nil }
                defer { position += 1 }
                return all[position]
            }, beforeRename: { try? PosixFile.remove(recentPath) })
            if let table = try? IdTable.open(path: Self.basePath(directory)) {
                base = table
                entries = []
                return
            }
        } catch {}
        base = IdTable.inMemory(header, entries: all)
        entries = []
    }

    /// With an empty log: no tables.
    func clear() {
        base = nil; recent = nil; delta = [:]; genesis = nil; head = nil
        try? PosixFile.remove(Self.recentPath(directory))
        try? PosixFile.remove(Self.basePath(directory))
    }

    /// Merges the delta into the tables when it has grown past `policy.deltaMax` when `closing`, else past
    /// `policy.heldMax` (see `IdIndexPolicy`).
    /// - Throws: a damaged table found while merging (the caller rebuilds); a table that cannot be written is not
    ///   an error: the delta stays in memory.
    func maintain(closing: Bool) throws(IndexProblem) {
        if base == nil, !delta.isEmpty, let head, let genesis {
            // Every record is in the delta (the writer began with an empty log): they become the base table.
            var entries = delta.map { IdEntry(key: IdEntry.key($0.key), location: $0.value) }
            rebuild(entries: &entries, genesis: genesis, head: head)
            return
        }
        guard delta.count > (closing ? policy.deltaMax : policy.heldMax), let head, let genesis, let base, !base.isInMemory,
              head.lineOffset < IdEntry.offsetLimit else { return }
        var fresh = delta.map { IdEntry(key: IdEntry.key($0.key), location: $0.value) }
        let recentCount = recent?.count ?? 0
        let recentMax = max(policy.recentMin, base.count / max(policy.recentFraction, 1))
        do throws(IndexProblem) {
            fresh += try recent?.allEntries() ?? []
            fresh.sort()
            if recentCount + Int64(delta.count) > recentMax {
                // The base is rewritten: merge it (read block by block) with the second table and the delta.
                let cursor = IdTable.Cursor(base)
                var pending = try cursor.next()
                var position = 0
                let small = fresh
                let header = header(level: 1, from: nil, to: head, genesis: genesis, count: Int(base.count) + small.count)
                let recentPath = Self.recentPath(directory)
                try IdTable.write(header, to: Self.basePath(directory), next: { () throws(IndexProblem) -> IdEntry? in
                    if let big = pending, position == small.count || big < small[position] {
                        pending = try cursor.next()
                        return big
                    }
                    guard position < small.count else { return nil }
                    defer { position += 1 }
                    return small[position]
                }, beforeRename: { try? PosixFile.remove(recentPath) })
                recent = nil
                guard let table = try? IdTable.open(path: Self.basePath(directory)) else {
                    throw IndexProblem.damaged("the table just written cannot be read back")
                }
                self.base = table
            } else {
                let from = base.header.to
                let header = header(level: 2, from: from, to: head, genesis: genesis, count: fresh.count)
                var position = 0
                let all = fresh
                try IdTable.write(header, to: Self.recentPath(directory), next: { () throws(IndexProblem) -> IdEntry? in
                    guard position < all.count else { return nil }
                    defer { position += 1 }
                    return all[position]
                })
                guard let table = try? IdTable.open(path: Self.recentPath(directory)) else {
                    throw IndexProblem.damaged("the table just written cannot be read back")
                }
                recent = table
            }
            // Its room is kept: an open writer fills it again.
            delta.removeAll(keepingCapacity: true)
        } catch .unwritable {
            return
        }
    }
}

extension IdIndex {
    /// The files of `index/` written only by a holder of the writers' lock: the id tables (temporary `NAME.tmp`,
    /// `IdTable.write`) and `checks.recent` (`CheckState.recentFileName` in LedgerProjections; temporary
    /// `.checks.recent.tmp-<16 hex>`, `PosixFile.writeAtomically`). A test holds the two names equal.
    public static let writersOnlyFiles = [baseName, recentName, "checks.recent"]

    /// Removes the temporaries of `writersOnlyFiles` that a writer killed while writing left in `index/`: nobody
    /// else writes them, so while the caller holds the writers' lock none of them is being written. (The files any
    /// reader writes are `IndexRebuild.removeAbandonedTemporaries`'s, which looks at their locks instead.)
    static func removeAbandonedTemporaries(_ directory: LedgerDirectory) {
        guard let names = try? PosixDirectory(path: directory.indexPath).names() else { return }
        for name in names where isWritersTemporary(name) { try? PosixFile.remove(directory.indexPath + "/" + name) }
    }

    /// `ids.tmp`, `ids-recent.tmp` or `.checks.recent.tmp-` followed by 16 hex digits.
    static func isWritersTemporary(_ name: String) -> Bool {
        if name == baseName + ".tmp" || name == recentName + ".tmp" { return true }
        for file in writersOnlyFiles {
            let stem = "." + file + ".tmp-"
            guard name.hasPrefix(stem) else { continue }
            let tail = name.dropFirst(stem.count)
            return tail.count == 16 && tail.allSatisfy(\.isHexDigit)
        }
        return false
    }
}

/// What `ledger verify --index` found in the id index.
public enum IdIndexCheck: Equatable, Sendable {
    /// No table.
    case absent
    /// The tables cover records up to `seq` (the head or earlier: stale, which is allowed) and hold exactly the
    /// entries the log gives.
    case intact(seq: Int64)
    /// Unusable or wrong: rebuilt.
    case damaged(IndexProblem)
}

extension IdIndex {
    /// About how many records the log holds (its acknowledged head), so that a rebuild reserves its entries once
    /// instead of doubling them (at 10 million records, the doubling alone would briefly hold 576 MB).
    public static func expectedRecords(_ directory: LedgerDirectory) -> Int {
        // Bounded by the log's size (a record line holds two 64-digit hashes): a damaged head reserves no more.
        guard let head = try? AcknowledgedHead.read(directory), let log = try? PosixFile(path: directory.eventsPath, mode: .read),
              let size = try? log.size() else { return 0 }
        return Int(clamping: max(0, min(head.seq + 1_024, size / 128)))
    }

    /// Every entry of the log (read and verified from record 1; nothing of `index/` is trusted), with record 1's
    /// and the last committed record's stamps.
    static func scanAll(_ directory: LedgerDirectory) throws(ChainError) -> (entries: [IdEntry], genesis: StateStamp?, head: StateStamp?) {
        var entries: [IdEntry] = []
        entries.reserveCapacity(expectedRecords(directory))
        var genesis: StateStamp? = nil
        var head: StateStamp? = nil
        _ = try LogScanner.committedBatches(directory, prepare: { line -> (IdEntry, Digest32) in
            (IdEntry(key: IdEntry.key(line.idBytes), location: line.location), line.hash)
        }, batch: { items in
            for (entry, hash) in items {
                if entry.seq == 1 { genesis = StateStamp(seq: 1, hash: hash, lineOffset: 0, lineBytes: entry.location.byteCount) }
                entries.append(entry)
            }
            if let (entry, hash) = items.last {
                head = StateStamp(seq: entry.seq, hash: hash, lineOffset: entry.location.byteOffset, lineBytes: entry.location.byteCount)
            }
        })
        return (entries, genesis, head)
    }

    /// Checks the stored id tables against the whole log and rebuilds them (`ledger verify --index`). Takes the
    /// writers' lock, since it writes the tables. Log damage is thrown as `ChainError`; index damage is the `Check`.
    public static func checkAndRebuild(_ directory: LedgerDirectory,
                                       lockWaitMilliseconds: Int = Limits.lockWaitMillisecondsDefault) throws(ChainError) -> (check: IdIndexCheck, rebuiltAt: Int64?) {
        try checkAndRebuild(directory, lockWaitMilliseconds: lockWaitMilliseconds) { () throws(ChainError) in
            let scanned = try scanAll(directory)
            return (IdIndexBuilder(entries: scanned.entries), scanned.genesis, scanned.head)
        }
    }

    /// `checkAndRebuild` with the log's entries read by `scan`, called under the writers' lock once the stored tables
    /// have been looked at: the shared pass of `ledger verify --index` (`IndexRebuild`), which builds the other
    /// derived files from the same read.
    public static func checkAndRebuild(_ directory: LedgerDirectory, lockWaitMilliseconds: Int,
                                       scan: () throws(ChainError) -> (IdIndexBuilder, genesis: StateStamp?, head: StateStamp?))
        throws(ChainError) -> (check: IdIndexCheck, rebuiltAt: Int64?) {
        let lock = try LogWriter.takeWritersLock(directory, waitMilliseconds: lockWaitMilliseconds)
        defer { lock.unlock(); lock.close() }
        var problems: [IndexProblem] = []
        let hadFile = PosixFile.exists(basePath(directory)) || PosixFile.exists(recentPath(directory))
        // Each file on its own first (`load` drops and removes an unusable table), for the report.
        let recentExists = PosixFile.exists(recentPath(directory))
        for (name, level) in [(baseName, UInt64(1)), (recentName, UInt64(2))] {
            let path = directory.indexPath + "/" + name
            do throws(IndexProblem) {
                guard let table = try IdTable.open(path: path) else { continue }
                _ = try IdIndex.check(table, level: level, directory)
            } catch { problems.append(error) }
        }
        let (index, _) = load(directory, policy: .standard) { _ in }
        if recentExists, index.recent == nil, problems.isEmpty { problems.append(.mismatch("\(recentName) does not continue \(baseName)")) }
        let (builder, genesis, head) = try scan()
        var scanned = (entries: builder.entries, genesis: genesis, head: head)
        if let head, scanned.entries.count > Int(head.seq) { scanned.entries.removeLast(scanned.entries.count - Int(head.seq)) }
        var check = IdIndexCheck.absent
        if let problem = problems.first {
            check = .damaged(problem)
        } else if let covered = index.covered {
            do throws(IndexProblem) {
                var stored = try index.base?.allEntries() ?? []
                stored += try index.recent?.allEntries() ?? []
                stored.sort()
                let fresh = scanned.entries.filter { $0.seq <= covered.seq }.sorted()
                check = stored == fresh ? .intact(seq: covered.seq) : .damaged(.mismatch("its entries differ from the log's"))
            } catch {
                check = .damaged(error)
            }
        } else if hadFile {
            check = .damaged(.damaged("unreadable"))
        }
        guard let genesis = scanned.genesis, let head = scanned.head else {
            index.clear()
            return (check, nil)
        }
        index.rebuild(entries: &scanned.entries, genesis: genesis, head: head)
        return (check, index.base?.isInMemory == false ? head.seq : nil)
    }
}

/// What the writer keeps of a line while reading the log: its key and place, and the id itself (for the delta)
/// and the record (for a visitor) when asked.
struct ScannedId {
    let entry: IdEntry
    let id: String?
    let hash: Digest32
    let record: Record?

    init(_ line: VerifiedLine, keepId: Bool, record: Record?) {
        entry = IdEntry(key: IdEntry.key(line.idBytes), location: line.location)
        id = keepId ? String(decoding: line.idBytes, as: UTF8.self) : nil
        hash = line.hash
        self.record = record
    }
}

extension IdIndex {
    /// Notes a committed batch read from the log: record 1 and the head, and the ids of records after `seq` in the
    /// delta (the first record of each).
    func take(_ batch: [ScannedId], after seq: Int64) {
        for item in batch {
            let location = item.entry.location
            if location.seq == 1 { genesis = StateStamp(seq: 1, hash: item.hash, lineOffset: 0, lineBytes: location.byteCount) }
            // The first record with an id wins (a log written by another tool may hold one twice).
            if location.seq > seq, let id = item.id, delta[id] == nil { delta[id] = location }
        }
        if let last = batch.last {
            let location = last.entry.location
            head = StateStamp(seq: location.seq, hash: last.hash, lineOffset: location.byteOffset, lineBytes: location.byteCount)
        }
    }
}

// MARK: - the shared rebuild

/// The id tables built from a pass over the whole log that other derived files share (`IndexRebuild`, ledger-spec.md
/// section 15.6): each verified line gives one 24-byte entry (no id text is kept), and `write` puts the base table in
/// place under the writers' lock, exactly as a writer's own rebuild would.
public struct IdIndexBuilder {
    var entries: [IdEntry] = []

    /// Reserves room for the log's records once (a rebuild of 10 million records would otherwise double its array
    /// several times).
    public init(_ directory: LedgerDirectory) {
        entries.reserveCapacity(IdIndex.expectedRecords(directory))
    }

    init(entries: [IdEntry]) { self.entries = entries }

    /// A builder with no entries (an empty log).
    public static var empty: IdIndexBuilder { IdIndexBuilder(entries: []) }

    /// Notes one verified line, in seq order (`write` drops those after the head: a torn tail's).
    public mutating func add(_ line: VerifiedLine) {
        entries.append(IdEntry(key: IdEntry.key(line.idBytes), location: line.location))
    }

    /// Writes the base table (removing `ids-recent`) stamped at `head`, under the writers' lock, waiting for it at
    /// most `lockWaitMilliseconds`. Best effort: a writer holding the lock, a table another process has made usable
    /// meanwhile, or a ledger that cannot be written leaves the tables as they are (the writer rebuilds its own).
    /// - Returns: the seq the table was written at, or nil.
    public mutating func write(_ directory: LedgerDirectory, genesis: StateStamp, head: StateStamp,
                               lockWaitMilliseconds: Int = 0) -> Int64? {
        if entries.count > Int(head.seq) { entries.removeLast(entries.count - Int(head.seq)) }
        guard !entries.isEmpty, entries.last?.seq == head.seq,
              let lock = try? LogWriter.takeWritersLock(directory, waitMilliseconds: lockWaitMilliseconds) else { return nil }
        defer { lock.unlock(); lock.close() }
        // A writer may have rebuilt the tables since the caller found them missing: keep a usable base.
        if let table = try? IdTable.open(path: IdIndex.basePath(directory)),
           (try? IdIndex.check(table, level: 1, directory)) != nil, table.header.fromSeq == 0 {
            return nil
        }
        let index = IdIndex(directory: directory, policy: .standard)
        index.rebuild(entries: &entries, genesis: genesis, head: head)
        return index.base?.isInMemory == false ? head.seq : nil
    }
}

extension IdIndex {
    /// Whether `index/ids` is there and passes checks 1–3 of ledger-spec.md 15.1 (header and stamps; its blocks are
    /// checked when read), and, if not, the notice a command gives for an unusable one (nil when absent).
    public static func baseUsability(_ directory: LedgerDirectory) -> (usable: Bool, notice: String?) {
        do throws(IndexProblem) {
            guard let table = try IdTable.open(path: basePath(directory)) else { return (false, nil) }
            _ = try check(table, level: 1, directory)
            guard table.header.fromSeq == 0 else { throw .damaged("a base table must start at record 1") }
            return (true, nil)
        } catch { return (false, notice(baseName, directory, error)) }
    }
}
