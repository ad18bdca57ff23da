import LedgerEvents
import LedgerPlatform

/// The writer's id index: event id → record location, for duplicate detection and reference checks, in memory that does
/// not grow with the log (but for the tables' key filters, `IdKeyFilter`: 1.5 bytes a key, none for a table above
/// `IdTable.filterEntriesMax` entries, so some 31 MB at most). A chain of sorted tables on disk — `index/ids` (level 1,
/// the base, records 1…a), `index/ids-2` (level 2, a+1…b), `index/ids-3`, … each continuing the one before — and the
/// records after the newest in a dictionary read from the log. Derived and optional: a missing, damaged, foreign,
/// out-of-date or rewritten-log table is rebuilt from the log (or, above the base, dropped with the levels above it and
/// its records read from the log).
public final class IdIndex {
    static let baseName = "ids"
    /// Version 1's second table: never read now (its base is of version 1 and rebuilt); removed when found.
    static let legacyRecentName = "ids-recent"
    /// The most tables in the chain (strictly falling size classes keep it far below this: 5 at 10 million records).
    static let levelsMax = 24

    let directory: LedgerDirectory
    let policy: IdIndexPolicy
    /// The tables, the base (level 1) first.
    private(set) var tables: [IdTable] = []
    /// Records after the newest table, by id (and its key: `IdKeyTable`), with a filter of their keys: a batch's new
    /// ids are looked up in it, nearly all absent.
    var delta = IdKeyTable<RecordLocation>(filtered: true)
    /// The log's record 1 and last committed record, as known to the writer (nil for an empty log).
    var genesis: StateStamp?
    var head: StateStamp?
    /// Entries written to tables by this index so far (rebuilds and merges): what the merge policy costs.
    private(set) var entriesWritten: Int64 = 0

    init(directory: LedgerDirectory, policy: IdIndexPolicy) {
        self.directory = directory
        self.policy = policy
    }

    var base: IdTable? { tables.first }

    /// `ids` for level 1, `ids-N` for level N.
    static func levelName(_ level: Int) -> String { level == 1 ? baseName : "\(baseName)-\(level)" }
    static func levelPath(_ directory: LedgerDirectory, _ level: Int) -> String { directory.indexPath + "/" + levelName(level) }
    static func basePath(_ directory: LedgerDirectory) -> String { levelPath(directory, 1) }

    /// Removes the tables of levels `from` and above, the highest first: a crash on the way leaves a chain that
    /// still continues from the base.
    static func removeLevels(from level: Int, _ directory: LedgerDirectory) {
        guard level <= levelsMax else { return }
        for l in stride(from: levelsMax, through: max(level, 1), by: -1) { try? PosixFile.remove(levelPath(directory, l)) }
    }

    /// The newest table's stamp: the records after it are in `delta`.
    var covered: StateStamp? { tables.last?.header.to }

    static func notice(_ name: String, _ directory: LedgerDirectory, _ problem: ChainError.DerivedStateProblem) -> String {
        SystemWords.rebuilt(name, in: directory, problem)
    }

    // MARK: loading

    /// Opens the tables and checks them against the log as it is now (the header, ledger name, record 1 and the
    /// stamped record, one line each). A table that cannot be used gives one `notice`; it and the levels above it
    /// are left out (and, above the base, removed: their records are read from the log).
    /// - Returns: the index without its delta, and the checked point after which the log must be read (nil: the
    ///   whole log, the base table is missing or unusable).
    static func load(_ directory: LedgerDirectory, policy: IdIndexPolicy, notice: (String) -> Void) -> (IdIndex, ResumePoint?) {
        let index = IdIndex(directory: directory, policy: policy)
        try? PosixFile.remove(directory.indexPath + "/" + legacyRecentName)
        var point: ResumePoint? = nil
        for level in 1...levelsMax {
            do throws(ChainError) {
                guard let table = try IdTable.open(path: levelPath(directory, level)) else {
                    // A level above a missing one is of no use (it was made on top of a table that is gone).
                    removeLevels(from: level + 1, directory)
                    break
                }
                if let below = index.tables.last {
                    guard table.header.genesis == below.header.genesis, table.header.fromSeq == below.header.to.seq,
                          table.header.fromHash == below.header.to.hash else {
                        throw .mismatch(.doesNotContinue(levelName(level - 1), endsAt: below.header.to.seq))
                    }
                }
                let checked = try check(table, level: UInt64(level), directory)
                if level == 1 {
                    guard table.header.fromSeq == 0 else { throw .damaged(.baseNotFromRecord1) }
                    index.genesis = table.header.genesis
                }
                index.tables.append(table)
                point = checked
            } catch {
                notice(Self.notice(levelName(level), directory, error.derivedStateProblem))
                // Above the base its records are read from the log; the files go, so the notice is given once.
                if level > 1 { removeLevels(from: level, directory) }
                break
            }
        }
        return (index, point)
    }

    /// Checks a table's level, then its ledger name, record 1 and stamped record against the log (the shared
    /// header's check, ledger-spec.md section 15.1).
    static func check(_ table: IdTable, level: UInt64, _ directory: LedgerDirectory) throws(ChainError) -> ResumePoint {
        let h = table.header
        guard h.level == level else { throw .damaged(.wrongLevel(found: UInt64(h.level), expected: UInt64(level))) }
        let shared = DerivedStateHeader(kind: IdTable.kind, version: UInt32(IdTable.version), ledgerName: h.ledgerName, genesis: h.genesis,
                                        stamp: h.to, bodyBytes: 0)
        return try shared.check(directory)
    }

    // MARK: lookups

    /// Where the tables say records with this id's key are, newest first. Each must be confirmed by reading the
    /// record (the tables hold keys, not ids). The delta is not consulted here.
    func tableCandidates(_ id: String) throws(ChainError) -> [RecordLocation] {
        let key = IdEntry.key(id)
        var out: [RecordLocation] = []
        // An id not in the tables (every new id) finds no entry: nothing is allocated then.
        for table in tables.reversed() { for entry in try table.candidates(key) { out.append(entry.location) } }
        return out
    }

    /// Of `keys` (in any order, maybe repeated), those that some table holds an entry of: each table searched in
    /// one sweep in key order (`IdTable.SearchCursor`), so a batch's lookups read each block they need once, in file
    /// order. A key not returned is in no table: its id's record, if any, is in the delta.
    ///
    /// With `filtered`, each table's key filter (`IdTable.sweepFilter`) is asked first: a key it says is absent (a
    /// new id's, nearly every time) is not searched for, which spares the cache misses of finding its block and its
    /// place in it. The filter never says absent for a key the table holds, so the keys returned are the same. Only
    /// the keys searched for are sorted: with filters on every table, the few a filter may hold.
    func keysInTables(_ keys: [UInt64], filtered: Bool = true) throws(ChainError) -> Set<UInt64> {
        var held = Set<UInt64>()
        var sortedKeys: [UInt64]? = nil
        var maybe: [UInt64] = []
        for table in tables {
            var cursor = IdTable.SearchCursor()
            if filtered, let filter = table.sweepFilter(adding: keys.count) {
                maybe.removeAll(keepingCapacity: true)
                for key in keys where filter.mayContain(key) { maybe.append(key) }
                filteredOut += keys.count - maybe.count
                maybe.sort()
                for key in maybe {
                    if try !table.candidates(key, cursor: &cursor).isEmpty { held.insert(key) }
                }
                continue
            }
            if sortedKeys == nil { sortedKeys = keys.sorted() }
            for key in sortedKeys ?? [] {
                if try !table.candidates(key, cursor: &cursor).isEmpty { held.insert(key) }
            }
        }
        return held
    }

    /// Keys the tables' filters answered in sweeps (not searched for): tests check that the filters were asked.
    private(set) var filteredOut = 0

    // MARK: building and merging

    private func header(level: Int, from: StateStamp?, to: StateStamp, genesis: StateStamp, count: Int) -> IdTable.Header {
        IdTable.Header(level: UInt64(level), ledgerName: directory.name, genesis: genesis, fromSeq: from?.seq ?? 0,
                       fromHash: from?.hash ?? .zero, to: to, count: Int64(count))
    }

    /// Replaces every level with a base table of `entries` (every record of the log up to `head`), written to
    /// `index/ids`, or held in memory when it cannot be written.
    func rebuild(entries: inout [IdEntry], genesis: StateStamp, head: StateStamp) {
        abandon()
        self.genesis = genesis
        self.head = head
        delta = IdKeyTable(filtered: delta.filtered)
        tables = []
        IdEntry.sortInPlace(&entries)
        let header = header(level: 1, from: nil, to: head, genesis: genesis, count: entries.count)
        var position = 0
        let all = entries
        let directory = self.directory
        do {
            if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
            guard head.lineOffset < IdEntry.offsetLimit else {
                throw ChainError.unwritable(.logTooLargeForIdTable)
            }
            try IdTable.write(header, to: Self.basePath(directory), next: { () throws(ChainError) -> IdEntry? in
                guard position < all.count else { return nil }
                defer { position += 1 }
                return all[position]
            }, beforeRename: { Self.removeLevels(from: 2, directory) })
            entriesWritten += Int64(all.count)
            if let table = try? IdTable.open(path: Self.basePath(directory)) {
                tables = [table]
                entries = []
                return
            }
        } catch {}
        tables = [IdTable.inMemory(header, entries: all)]
        entries = []
    }

    /// With an empty log: no tables.
    func clear() {
        abandon()
        tables = []; delta = IdKeyTable(filtered: delta.filtered); genesis = nil; head = nil
        Self.removeLevels(from: 1, directory)
    }

    /// Writes the delta as a table when it has grown past `policy.deltaMax` when `closing`, else past
    /// `policy.heldMax`, merged with the newest tables while their size class is not above its own (see
    /// `IdIndexPolicy`): one pass that reads each merged table block by block and never holds it whole.
    ///
    /// With `alongside` (a writer appending batch after batch), a table due while the writer stays open is written on
    /// another thread (`Parallel.begin`) while the next batches are appended: its records stay in `frozen` (looked
    /// up as the delta is) until it is put in place (`settle`) — once it is done, at the latest when the next table
    /// is due or the writer closes, so each table merges the tables it would merge had the one before been written
    /// in place, and the files are the same.
    /// - Throws: a damaged table found while merging (the caller rebuilds); a table that cannot be written is not
    ///   an error: the delta stays in memory. A table written alongside throws its problem when it is put in place.
    func maintain(closing: Bool, alongside: Bool = false) throws(ChainError) {
        if let pending, closing || pending.job.isDone || delta.count > policy.heldMax { try settle() }
        let due = delta.count > (closing ? policy.deltaMax : policy.heldMax)
        if alongside, due, !closing, pending == nil, begin() { return }
        var none: [IdEntry] = []
        _ = try write(adding: &none, due: due)
    }

    /// Writes the delta and `batch` — the entries of the records after it, up to `head`: a batch too large to be
    /// held as a dictionary of its ids — as a table now, as `maintain` writes the delta when it is due (the same
    /// files as when the batch's ids were put in the delta and it was written: one merge of the same entries).
    /// A million ids in the delta took some 100 MB; their entries take 24 MB. `batch` is emptied.
    /// - Returns: false when no table could be written (the base is held in memory, the log is too large for a
    ///   table, or the file could not be written): the caller puts the batch's ids in the delta instead.
    /// - Throws: a damaged table found while merging (the caller rebuilds from the log, which holds the batch).
    func absorb(_ batch: inout [IdEntry]) throws(ChainError) -> Bool {
        try settle()
        return try write(adding: &batch, due: true)
    }

    /// The records of `table` (the delta, or its frozen part) as entries (their keys kept from when the ids went
    /// in), in no order.
    private static func entries(of table: IdKeyTable<RecordLocation>) -> [IdEntry] {
        var entries: [IdEntry] = []
        entries.reserveCapacity(table.count)
        for (key, location) in zip(table.keys, table.values) { entries.append(IdEntry(key: key, location: location)) }
        return entries
    }

    /// The most entries `write` sorts by `IdEntry.sortSpread` (6 MB held twice; the writer's delta is 65,536).
    static let spreadSortMax = 1 << 18

    /// What a table written from the delta is: the tables it merges (`first` on), its level and header.
    private struct Flush {
        let first: Int
        let level: Int
        let header: IdTable.Header
    }

    /// The table `count` new entries make now, or nil when none can be written (no file-backed base, no head, or
    /// a log too large for a table). It merges the newest tables while the next one's class is not above what has
    /// been gathered (or the chain would pass `levelsMax`).
    private func flush(adding count: Int) -> Flush? {
        guard let head, let genesis, let base, !base.isInMemory, head.lineOffset < IdEntry.offsetLimit else { return nil }
        var count = Int64(count)
        var first = tables.count
        while first > 0, policy.sizeClass(tables[first - 1].count) <= policy.sizeClass(count) || first >= Self.levelsMax {
            first -= 1
            count += tables[first].count
        }
        let level = first + 1
        let from = first == 0 ? nil : tables[first - 1].header.to
        return Flush(first: first, level: level, header: header(level: level, from: from, to: head, genesis: genesis, count: Int(count)))
    }

    /// Sorts `fresh`, merges it with `merged` (the tables from `flush.first` on) and writes the table, then opens it
    /// with the key filter made from the entries as they were written (`IdTable.filter`). Runs on any thread: it
    /// touches nothing of an index. nil when the file could not be written.
    private static func writeTable(_ fresh: inout [IdEntry], merging merged: [IdTable], _ flush: Flush,
                                   _ directory: LedgerDirectory) throws(ChainError) -> IdTable? {
        // The spread holds a second array as large as the entries: a batch written as a table at once (an import of
        // a million rows) keeps the in-place sort, as a rebuild does.
        if fresh.count <= Self.spreadSortMax { IdEntry.sortSpread(&fresh) } else { IdEntry.sortInPlace(&fresh) }
        let count = flush.header.count, level = flush.level
        var merge = IdMerge(fresh: fresh, tables: merged)
        var filter = count <= Int64(IdTable.filterEntriesMax) ? IdKeyFilter(count: Int(count)) : nil
        do throws(ChainError) {
            try IdTable.write(flush.header, to: Self.levelPath(directory, level), next: { () throws(ChainError) -> IdEntry? in
                let entry = try merge.next()
                if let entry { filter?.insert(entry.key) }
                return entry
            }, beforeRename: { Self.removeLevels(from: level + 1, directory) })
        } catch .derivedState(.unwritable) {
            return nil
        } catch {
            // A merged table that could not be read is named (merged[t] is level first + t + 1), so the notice says which.
            throw .idTable(name: Self.levelName(merge.failedTable.map { flush.first + $0 + 1 } ?? level), problem: error.derivedStateProblem)
        }
        guard let table = try? IdTable.open(path: Self.levelPath(directory, level)) else {
            throw .idTable(name: Self.levelName(level), problem: .damaged(.notReadBack(.idTable, cause: nil)))
        }
        table.filter = filter
        return table
    }

    /// The table written from `frozen` on another thread, and what it is.
    private struct Pending {
        let flush: Flush
        let job: Parallel.Begun<Result<IdTable?, ChainError>>
    }

    /// The delta's table being written alongside (`maintain`), nil when none is.
    private var pending: Pending? = nil
    /// The records of the table being written alongside, looked up after the tables and before `delta` (older
    /// records first: an id's first record wins); empty when none is (it keeps its room for the next).
    private var frozen = IdKeyTable<RecordLocation>(filtered: true)
    /// Tables begun alongside so far (tests check that this way was taken).
    private(set) var tablesAlongside = 0
    /// Whether a table is being written alongside and not yet put in place (tests check a closed writer has none).
    var writingAlongside: Bool { pending != nil }

    /// False when neither the delta nor its part being written alongside holds an id with the key `key`: then
    /// `deltaValue(of:key:)` is nil for any id of that key (it asks the same filters first).
    @inline(__always)
    func deltaMayHold(_ key: UInt64) -> Bool {
        (pending != nil && frozen.mayHold(key)) || delta.mayHold(key)
    }

    /// Where the delta (or its part being written alongside) says the record with `id` is.
    func deltaValue(of id: String, key: UInt64) -> RecordLocation? {
        if pending != nil, let found = frozen.value(of: id, key: key) { return found }
        return delta.value(of: id, key: key)
    }

    /// Begins writing the delta as a table on another thread: the delta becomes `frozen` and a new one takes the
    /// records appended meanwhile. The merged tables are opened afresh for that thread (their block caches are not
    /// shared; this thread goes on searching its own). False when it cannot begin: the caller writes in place.
    private func begin() -> Bool {
        guard !tables.isEmpty, let flush = flush(adding: delta.count) else { return false }
        var merged: [IdTable] = []
        for offset in tables.indices.dropFirst(flush.first) {
            guard let table = try? IdTable.open(path: Self.levelPath(directory, offset + 1)), table.header == tables[offset].header else {
                return false
            }
            merged.append(table)
        }
        swap(&frozen, &delta)
        if delta.filtered != frozen.filtered { delta.setFiltered(frozen.filtered) }
        let records = frozen, directory = self.directory
        tablesAlongside += 1
        pending = Pending(flush: flush, job: Parallel.begin { () -> Result<IdTable?, ChainError> in
            var fresh = Self.entries(of: records)
            do throws(ChainError) { return .success(try Self.writeTable(&fresh, merging: merged, flush, directory)) } catch {
                return .failure(error)
            }
        })
        return true
    }

    /// Puts the table written alongside in place, waiting for it if need be, as `write` puts its own. When it could
    /// not be written (or met a damaged table) its records go back into the delta, before those appended since, as
    /// if they had never left it; the damage is thrown (the caller rebuilds).
    func settle() throws(ChainError) {
        guard let pending else { return }
        self.pending = nil
        let outcome = pending.job.join()
        if case .success(let table?) = outcome {
            entriesWritten += pending.flush.header.count
            tables.removeSubrange(pending.flush.first...)
            tables.append(table)
            frozen.removeAll(keepingCapacity: true)
            return
        }
        for offset in delta.ids.indices { _ = frozen.insertIfAbsent(delta.ids[offset], key: delta.keys[offset], delta.values[offset]) }
        swap(&frozen, &delta)
        frozen.removeAll(keepingCapacity: true)
        if case .failure(let error) = outcome { throw error }
    }

    /// Waits for a table being written alongside and drops it (a rebuild replaces every level; an empty log has none).
    private func abandon() {
        guard let pending else { return }
        self.pending = nil
        _ = pending.job.join()
        frozen.removeAll(keepingCapacity: true)
    }

    /// Waits for a table being written alongside (a writer closing poisoned: nothing may write `index/` once it
    /// lets the lock go) and puts it in place when it was written.
    func finishAlongside() { try? settle() }

    /// `maintain` and `absorb`: the delta with `extra` becomes a table when `due` (the base table when there is
    /// none yet). Returns whether they are in a table now.
    private func write(adding extra: inout [IdEntry], due: Bool) throws(ChainError) -> Bool {
        if tables.isEmpty, !delta.isEmpty || !extra.isEmpty, let head, let genesis {
            // Every record is in the delta (the writer began with an empty log): they become the base table.
            var entries = Self.entries(of: delta)
            if entries.isEmpty { swap(&entries, &extra) } else { entries += extra; extra = [] }
            rebuild(entries: &entries, genesis: genesis, head: head)
            return true
        }
        guard due, let flush = flush(adding: delta.count + extra.count) else { return false }
        var fresh = Self.entries(of: delta)
        if fresh.isEmpty { swap(&fresh, &extra) } else { fresh += extra; extra = [] }
        guard let table = try Self.writeTable(&fresh, merging: Array(tables[flush.first...]), flush, directory) else { return false }
        entriesWritten += flush.header.count
        tables.removeSubrange(flush.first...)
        tables.append(table)
        // Its room is kept: an open writer fills it again.
        delta.removeAll(keepingCapacity: true)
        return true
    }
}

extension IdIndex {
    /// The files of `index/` written only by a holder of the writers' lock: the id tables (`ids`, `ids-2`, …;
    /// temporary `NAME.tmp`, `IdTable.write`) and `checks.recent` (`CheckState.recentFileName` in LedgerProjections; temporary
    /// `.checks.recent.tmp-<16 hex>`, `PosixFile.writeAtomically`), and `scopes.recent` and `scopes.recent.sealed`
    /// (`ScopeIndex.recentFileName`, `ScopeIndex.sealedFileName`, likewise). Tests hold the names equal.
    public static let writersOnlyFiles = [baseName, "checks.recent", "scopes.recent", "scopes.recent.sealed"]

    /// Removes the temporaries of `writersOnlyFiles` that a writer killed while writing left in `index/`: nobody
    /// else writes them, so while the caller holds the writers' lock none of them is being written. (The files any
    /// reader writes are `IndexRebuild.removeAbandonedTemporaries`'s, which looks at their locks instead.)
    static func removeAbandonedTemporaries(_ directory: LedgerDirectory) {
        guard let names = try? PosixDirectory(path: directory.indexPath).names() else { return }
        for name in names where isWritersTemporary(name) { try? PosixFile.remove(directory.indexPath + "/" + name) }
    }

    /// `ids.tmp`, `ids-N.tmp` (N a level from 2), version 1's `ids-recent.tmp`, or `.checks.recent.tmp-` followed by
    /// 16 hex digits.
    static func isWritersTemporary(_ name: String) -> Bool {
        if name == baseName + ".tmp" || name == legacyRecentName + ".tmp" { return true }
        if (2...levelsMax).contains(where: { name == levelName($0) + ".tmp" }) { return true }
        for file in writersOnlyFiles {
            let stem = "." + file + ".tmp-"
            guard name.hasPrefix(stem) else { continue }
            let tail = name.dropFirst(stem.count)
            return tail.count == 16 && tail.allSatisfy(\.isHexDigit)
        }
        return false
    }
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

    /// `problem` of the level file `name` (`ids-2`, …), said with its name: `verify --index` reports the id index
    /// as one file, `ids`, whose problem may be in any level.
    static func naming(_ problem: ChainError.DerivedStateProblem, _ name: String) -> ChainError.DerivedStateProblem {
        switch problem {
        case .damaged(let why): return .damaged(.inFile(name, why))
        case .mismatch(let why): return .mismatch(.inFile(name, why))
        case .foreign(let why): return .foreign(.inFile(name, why))
        case .unwritable(let why): return .unwritable(.inFile(name, why))
        case .wrongVersion: return problem
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
        var problems: [ChainError.DerivedStateProblem] = []
        let present = (1...levelsMax).filter { PosixFile.exists(levelPath(directory, $0)) }
        let hadFile = !present.isEmpty || PosixFile.exists(directory.indexPath + "/" + legacyRecentName)
        // Each file on its own first (`load` drops and removes an unusable table), for the report.
        for level in present {
            do throws(ChainError) {
                guard let table = try IdTable.open(path: levelPath(directory, level)) else { continue }
                _ = try IdIndex.check(table, level: UInt64(level), directory)
            } catch { problems.append(level == 1 ? error.derivedStateProblem : Self.naming(error.derivedStateProblem, levelName(level))) }
        }
        let (index, _) = load(directory, policy: .standard) { _ in }
        if index.tables.count < present.count, problems.isEmpty {
            let level = index.tables.count + 1
            // Version 1's words: "ids-recent does not continue ids" when the base was missing too.
            let above = level == 1 ? present[0] : level
            problems.append(.mismatch(.inFile(levelName(above), .doesNotContinue(levelName(max(level - 1, 1)), endsAt: nil))))
        }
        let (builder, genesis, head) = try scan()
        var scanned = (entries: builder.entries, genesis: genesis, head: head)
        if let head, scanned.entries.count > Int(head.seq) { scanned.entries.removeLast(scanned.entries.count - Int(head.seq)) }
        var check = IdIndexCheck.absent
        if let problem = problems.first {
            check = .damaged(problem)
        } else if let covered = index.covered {
            do throws(ChainError) {
                // Each level's entries, so that a problem is said with the level it is in (`ids-2: …`).
                var levels: [[IdEntry]] = []
                for (offset, table) in index.tables.enumerated() {
                    do throws(ChainError) { levels.append(try table.allEntries()) } catch {
                        throw offset == 0 ? error : .derivedState(Self.naming(error.derivedStateProblem, levelName(offset + 1)))
                    }
                }
                let stored = levels.flatMap { $0 }.sorted()
                let fresh = scanned.entries.filter { $0.seq <= covered.seq }.sorted()
                if stored == fresh {
                    check = .intact(seq: covered.seq)
                } else {
                    // The first level holding an entry the log does not give; none such: entries are missing.
                    let known = Set(fresh)
                    let differs = ChainError.DerivedStateProblem.Detail.differsFromLog(.entry)
                    if let offset = levels.firstIndex(where: { $0.contains { !known.contains($0) } }), offset > 0 {
                        check = .damaged(Self.naming(.mismatch(differs), levelName(offset + 1)))
                    } else {
                        check = .damaged(.mismatch(differs))
                    }
                }
            } catch {
                check = .damaged(error.derivedStateProblem)
            }
        } else if hadFile {
            check = .damaged(.damaged(.unreadable(.file)))
        }
        guard let genesis = scanned.genesis, let head = scanned.head else {
            index.clear()
            return (check, nil)
        }
        index.rebuild(entries: &scanned.entries, genesis: genesis, head: head)
        return (check, index.base?.isInMemory == false ? head.seq : nil)
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
            if location.seq > seq, let id = item.id { _ = delta.insertIfAbsent(id, key: item.entry.key, location) }
        }
        if let last = batch.last {
            let location = last.entry.location
            head = StateStamp(seq: location.seq, hash: last.hash, lineOffset: location.byteOffset, lineBytes: location.byteCount)
        }
    }
}

// MARK: - the shared rebuild

extension IdIndex {
    /// Whether `index/ids` is there and passes checks 1–3 of ledger-spec.md 15.1 (header and stamps; its blocks are
    /// checked when read), and, if not, the notice a command gives for an unusable one (nil when absent).
    public static func baseUsability(_ directory: LedgerDirectory) -> (usable: Bool, notice: String?) {
        do throws(ChainError) {
            guard let table = try IdTable.open(path: basePath(directory)) else { return (false, nil) }
            _ = try check(table, level: 1, directory)
            guard table.header.fromSeq == 0 else { throw .damaged(.baseNotFromRecord1) }
            return (true, nil)
        } catch { return (false, notice(baseName, directory, error.derivedStateProblem)) }
    }
}
