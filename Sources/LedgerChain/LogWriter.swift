import LedgerEvents
import LedgerPlatform

/// The single writer of a ledger. Holds the exclusive lock from `open` until `close` (or deinit).
///
/// Open verifies the whole log, discards a torn tail (with a notice) and refuses a log with an integrity
/// failure, including one whose acknowledged records (`AcknowledgedHead`) are gone. Each `append` writes one batch
/// with one write, fsyncs it, reads it back and compares, records its last record as acknowledged, and only then
/// reports success. A failed write or fsync removes the partial batch and poisons the writer: the caller
/// must reopen it, which re-reads the tail (a failed fsync may have lost data that a retry would not notice).
public final class LogWriter {
    public let directory: LedgerDirectory
    public private(set) var lastSeq: Int64
    public private(set) var headHash: Digest32
    private var committedBytes: Int64
    private let file: PosixFile
    private let acknowledgement: AcknowledgedHeadRecorder
    private let lock: PosixFile
    private let hasher = SHA256()
    /// id → where its record is, to detect duplicates and read the original back for comparison: tables in
    /// `index/` and the records after them (`IdIndex`).
    private var index: IdIndex
    private let notice: (String) -> Void
    private var poisoned = false
    private var closed = false
    /// The batch's bytes and their read-back, kept from batch to batch, and the buffers the cores make lines in:
    /// fresh arrays of some hundred KB each batch came from newly mapped memory, which the kernel zeroes first.
    private var batchBuffer: [UInt8] = []
    private var readBackBuffer: [UInt8] = []
    private let linePool = ReusePool<LineBuffer>()
    /// What `IdKeyTable.warm` read last (kept only so that its reads are made).
    private var warmed: Int32 = 0

    /// Takes the lock (waiting at most `lockWaitMilliseconds`) and loads the log.
    /// `notice` receives messages for the user (a discarded torn tail, a rebuilt id index); `visit` sees every
    /// committed record, in seq order, as the log is read (if opening then fails, discard what the visitor built).
    ///
    /// Without `visit`, only the log after the id index's stamp is read and verified (`index/ids`, ledger-spec.md
    /// section 15): the cost of opening does not grow with the log. With `visit`, the whole log is read and
    /// verified, as before. Either way a missing or unusable index is rebuilt from the log.
    public static func open(_ directory: LedgerDirectory, lockWaitMilliseconds: Int = Limits.lockWaitMillisecondsDefault,
                            notice: @escaping (String) -> Void = { _ in },
                            visit: ((Record) -> Void)? = nil,
                            idIndex policy: IdIndexPolicy = .standard) throws(ChainError) -> LogWriter {
        let lock = try LogWriter.takeWritersLock(directory, waitMilliseconds: lockWaitMilliseconds)
        // What a writer killed while writing left behind; only writers write these files, and this one holds the lock.
        IdIndex.removeAbandonedTemporaries(directory)
        let (index, start) = IdIndex.load(directory, policy: policy, notice: notice)
        var summary: ScanSummary? = nil
        if visit == nil, let start {
            // Committed batches after the stamp only (LogScanner.committedBatches), with the acknowledged-head check.
            do {
                summary = try LogScanner.committedBatches(directory, from: start, prepare: { line -> ScannedId in
                    ScannedId(line, keepId: true, record: nil)
                }, batch: { batch in index.take(batch, after: start.seq) })
            } catch .resumeBeforeAcknowledged {
                // The acknowledged head lies before the stamp: only a read of the whole log can check it.
            }
        }
        if summary == nil {
            // The whole log: committed batches only, with the acknowledged-head check: a tail that cuts into
            // acknowledged records is a failure, so it is refused and never discarded as torn.
            let keepAfter = start?.seq
            var entries: [IdEntry] = []
            if keepAfter == nil { entries.reserveCapacity(IdIndex.expectedRecords(directory)) }
            summary = try LogScanner.committedBatches(directory, prepare: { line -> ScannedId in
                ScannedId(line, keepId: keepAfter.map { line.location.seq > $0 } ?? false, record: visit == nil ? nil : try line.record())
            }, batch: { batch in
                if let visit { for item in batch { if let record = item.record { visit(record) } } }
                if let keepAfter {
                    index.take(batch, after: keepAfter)
                } else {
                    index.take(batch, after: Int64.max)
                    for item in batch { entries.append(item.entry) }
                }
            })
            if keepAfter == nil, let genesis = index.genesis, let head = index.head {
                index.rebuild(entries: &entries, genesis: genesis, head: head)
            }
        }
        let acknowledgement = try AcknowledgedHeadRecorder(directory)
        let file: PosixFile
        do { file = try PosixFile(path: directory.eventsPath, mode: .readWrite, followLinks: false) } catch {
            if error.isPermissionDenied { throw .notWritable(path: directory.eventsPath, error: error) }
            throw .file(error)
        }
        guard let summary else { preconditionFailure("the log was read") }
        if let torn = summary.tornTail {
            do { try file.truncate(to: summary.committedBytes) } catch {
                throw .tornTailNotCut(path: directory.eventsPath, committedBytes: summary.committedBytes,
                                      tornBytes: torn.byteCount, error: error, cutNotSynced: false)
            }
            // Cut, but maybe not on disk: said apart, since the log now ends where verify calls it intact (review 40h #4).
            do { try file.sync() } catch {
                throw .tornTailNotCut(path: directory.eventsPath, committedBytes: summary.committedBytes,
                                      tornBytes: torn.byteCount, error: error, cutNotSynced: true)
            }
            notice(SystemWords.discarded(torn, in: directory))
        }
        if summary.recordCount == 0 { index.clear() }
        let writer = LogWriter(directory: directory, file: file, acknowledgement: acknowledgement, lock: lock, lastSeq: summary.recordCount,
                               headHash: summary.headHash, committedBytes: summary.committedBytes, index: index, notice: notice)
        writer.maintainIndex()
        return writer
    }

    /// Takes the writers' lock (`lock`, exclusive), waiting at most `waitMilliseconds`; the caller unlocks it.
    static func takeWritersLock(_ directory: LedgerDirectory, waitMilliseconds: Int) throws(ChainError) -> PosixFile {
        let lock: PosixFile
        do {
            // A lock file removed between its open and the lock (by whoever took it for a stale one) locks nothing
            // the next writer sees: open it again (a few times; a file removed at every turn is refused).
            var attempt = 0
            while true {
                let opened = try PosixFile(path: directory.lockPath, mode: .readWriteCreate(permissions: 0o644), followLinks: false)
                guard try opened.lockExclusive(timeoutMilliseconds: waitMilliseconds) else {
                    throw ChainError.lockTimeout(path: directory.lockPath, waitedMilliseconds: waitMilliseconds)
                }
                if try opened.status().linkCount > 0 { lock = opened; break }
                attempt += 1
                guard attempt < 5 else { throw ChainError.writerDisplaced(.lockRemoved(path: directory.lockPath)) }
            }
        } catch let error as ChainError {
            throw error
        } catch let error as FileError {
            // Permission refused (or a read-only file system): said as such, with whom to ask (review 35a #5a).
            if error.path == directory.lockPath, error.isPermissionDenied {
                throw .lockDenied(path: directory.lockPath, error: error)
            }
            throw .file(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return lock
    }

    private init(directory: LedgerDirectory, file: PosixFile, acknowledgement: AcknowledgedHeadRecorder, lock: PosixFile,
                 lastSeq: Int64, headHash: Digest32, committedBytes: Int64, index: IdIndex, notice: @escaping (String) -> Void) {
        self.directory = directory
        self.file = file
        self.acknowledgement = acknowledgement
        self.lock = lock
        self.lastSeq = lastSeq
        self.headHash = headHash
        self.committedBytes = committedBytes
        self.index = index
        self.notice = notice
    }

    deinit { close() }

    /// Writes the id index's second table if it is due (`IdIndexPolicy`), then releases the lock.
    public func close() {
        guard !closed else { return }
        closed = true
        // A table being written alongside is waited for: nothing may write `index/` once the lock is let go.
        // A writer whose lock lost its name leaves `index/` to the one holding the lock now (review 39i).
        if !poisoned && !lockLost { maintainIndex(closing: true) } else { index.finishAlongside() }
        file.close()
        acknowledgement.close()
        lock.unlock()
        lock.close()
    }

    /// The seq of the record with this id, if any.
    /// - Throws: the log or the id index cannot be read (even after the index was rebuilt from the log): an
    ///   unreadable record is never taken for an id that is absent.
    public func seq(ofId id: String) throws(ChainError) -> Int64? { try locate(id)?.location.seq }

    /// The record with this id, if any: its seq, type and content (read back from the log).
    public func record(withId id: String) throws(ChainError) -> Record? {
        guard let found = try locate(id) else { return nil }
        if let record = found.record { return record }
        return try readRecord(at: found.location)
    }

    /// Appends `events` as one batch: all are written or none are. Duplicates (same id, same content) are
    /// skipped and reported; the same id with different content fails the whole batch.
    public func append(_ events: [Event], options: AppendOptions) throws(ChainError) -> AppendResult {
        try append(EventBatch(events), options: options)
    }

    /// Events whose lines are made together (on every core) before they are chained and written.
    static let encodeGroup = 8_192
    /// Fewer events than this are made on one core: handing work to threads costs more than it saves.
    static let parallelEncodeMin = 64
    /// The cores lines are made on, asked once (`Parallel.coreCount` asks the system every time: some 0.08 ms in a profile).
    static let coreCount = Parallel.coreCount

    /// The most bytes written with one `pwrite`: a larger batch is written in pieces of this size, so that it is
    /// never held whole in memory (a million-row import makes a batch of some 250 MB). Tests make it small.
    var writePieceBytes = 8 << 20
    /// Called after each piece of a batch but its last is written (tests: another writer between two pieces).
    var afterPieceForTesting: (() -> Void)? = nil

    /// Appends `events` as one batch (see `append(_:options:)`). Each event is read twice, once to resolve ids and
    /// duplicates and once to encode it, so a batch that makes its events on demand is never held whole.
    public func append(_ events: EventBatch, options: AppendOptions) throws(ChainError) -> AppendResult {
        guard !poisoned else {
            throw .invalidBatch(SystemWords.writerPoisoned(directory.eventsPath))
        }
        if let expected = options.expectSeq, expected != lastSeq {
            throw .sequenceConflict(expected: expected, actual: lastSeq)
        }
        guard events.count <= Limits.batchEventsMax else {
            throw .invalidBatch(SystemWords.batchTooLarge(events.count))
        }
        // Resolve ids and duplicates before writing anything. A batch large enough to be made on several cores
        // has its first group's lines made meanwhile on the other core, as if every event were fresh
        // (`speculate`): they are used only when that holds, and are the lines the group loop would make.
        let fresh: [(index: Int, id: String, key: UInt64)]
        let duplicates: [AppendResult.Duplicate]
        var speculated: [EncodedLines]? = nil
        if linesAhead ?? (Self.coreCount > 1), events.count >= Self.parallelEncodeMin {
            let made = try speculate(events, options: options)
            (fresh, duplicates, speculated) = (made.fresh, made.duplicates, made.lines)
        } else {
            (fresh, duplicates) = try resolve(events, options: options)
        }
        guard !fresh.isEmpty else {
            return AppendResult(appended: [], duplicates: duplicates, lastSeq: lastSeq, headHash: headHash)
        }
        let first = lastSeq + 1
        let last = lastSeq + Int64(fresh.count)
        var bytes = batchBuffer
        batchBuffer = []
        bytes.removeAll(keepingCapacity: true)
        defer { batchBuffer = bytes }
        var written = 0
        var pieceDigests: [(bytes: Int, digest: Digest32)] = []
        var appended: [AppendResult.Appended] = []
        appended.reserveCapacity(fresh.count)
        var lineBytes: [Int32] = []
        lineBytes.reserveCapacity(fresh.count)
        var prev = headHash
        let recordedAtText = Array(options.recordedAt.description.utf8)
        let defaultActor = options.defaultActor
        let freshItems = fresh
        let linePool = self.linePool
        // Lines are made in groups: within a group, the parts that do not depend on the chain (the canonical
        // payload and every other member) and verify's pre-write scan of the line run on every core; the chain
        // (prev, then the hash) is then put in line by line, in order. A group bounds what is held at once.
        // While this core chains a group (and writes its pieces), the other cores make the next group's lines, and
        // this one takes what is left after: no core waits for the chain (`ahead`, `Parallel.alongside`).
        let group = Self.groupSize(fresh.count, ahead: linesAhead ?? (Self.coreCount > 1))
        var groupStart = 0
        // The lines of the group about to be chained, when made already: the first group's by `speculate`, a
        // later group's while the one before was chained.
        var ahead = speculated
        if speculated != nil { speculatedBatches += 1 }
        // Chains the lines of `encoded` (the group from `groupStart` on) into the batch's bytes, writing a piece
        // when the bytes reach `writePieceBytes`; throws the first line that cannot be written, in batch order.
        func chainGroup(_ encoded: [EncodedLines], from groupStart: Int) throws(ChainError) {
            // Each group starts where the last one ended: lines chained twice or skipped would be written with wrong
            // seqs, and the read-back compares the bytes as made (review 40g: two group sizes computed apart must agree).
            precondition(groupStart == appended.count, "group at \(groupStart) after \(appended.count) lines chained")
            // The batch's bytes, sizes, results and link are moved into locals for the group and back after (also
            // when a line is refused): this function is a closure's, so each access to the variables it captures
            // is checked for exclusivity at run time, several times a line (docs/perf-append52.md); the piece size,
            // a property of the writer, likewise read once.
            var out: [UInt8] = [], sizes: [Int32] = [], chained: [AppendResult.Appended] = []
            swap(&out, &bytes)
            swap(&sizes, &lineBytes)
            swap(&chained, &appended)
            var link = prev
            defer {
                swap(&out, &bytes)
                swap(&sizes, &lineBytes)
                swap(&chained, &appended)
                prev = link
            }
            let pieceBytes = writePieceBytes
            var offset = groupStart
            for made in encoded {
                var lineStart = 0
                for lineEnd in made.ends {
                    let item = freshItems[offset]
                    let seq = first + Int64(offset)
                    offset += 1
                    let count = lineEnd - lineStart
                    if out.count + count + 1 > pieceBytes, !out.isEmpty {
                        try writePiece(out, at: committedBytes + Int64(written), first: first, last: last)
                        pieceDigests.append((out.count, hasher.hash(out[...])))
                        written += out.count
                        out.removeAll(keepingCapacity: true)
                    }
                    // The line is copied into the batch's bytes and chained there (prev, then the hash, in place).
                    let start = out.count
                    made.bytes.copy(lineStart..<lineEnd, to: &out)
                    let hash = RecordCodec.chain(&out, lineAt: start, end: start + count, prev: link)
                    out.append(0x0A)
                    sizes.append(Int32(count))
                    chained.append(.init(seq: seq, id: item.id, hash: hash))
                    link = hash
                    lineStart = lineEnd
                }
                if let (problemOffset, count, problem) = made.problem {
                    let item = freshItems[problemOffset]
                    if written > 0 { rollBack() }
                    if case .tooLong = problem {
                        throw .invalidBatch(SystemWords.recordTooLong(event: item.id, bytes: count))
                    }
                    // Never write a record that verify would reject: every line passes verify's own scanner first
                    // (pair assertion with the check on reading). The known way to fail it from valid input: verify
                    // limits each string to stringBytesMax bytes as written, escapes included, while input parsers
                    // count decoded bytes, so a string of quotes doubles when written.
                    throw .invalidBatch(SystemWords.recordUnverifiable(event: item.id, problem))
                }
            }
        }
        while groupStart < freshItems.count {
            let groupEnd = min(groupStart + group, freshItems.count)
            // Each part's lines go into one buffer of its own (`EncodedLines`: no allocation per record); a part
            // stops at its first line that cannot be written, so the first problem in batch order is reported.
            var encoded: [EncodedLines]
            if let lines = ahead {
                encoded = lines
                ahead = nil
            } else {
                let parts = Self.coreCount > 1 && groupEnd - groupStart >= Self.parallelEncodeMin ? Self.coreCount : 1
                let bounds = (0...parts).map { groupStart + (groupEnd - groupStart) * $0 / parts }
                encoded = Parallel.map(parts) { part -> EncodedLines in
                    Self.freshLines(events, freshItems, bounds[part]..<bounds[part + 1], defaultActor: defaultActor, first: first,
                                    last: last, recordedAtText: recordedAtText, pool: linePool)
                }
            }
            defer { while let made = encoded.popLast() { linePool.give(made.bytes) } }
            let nextEnd = min(groupEnd + group, freshItems.count)
            guard linesAhead ?? (Self.coreCount > 1), nextEnd - groupEnd >= Self.parallelEncodeMin else {
                try chainGroup(encoded, from: groupStart)
                groupStart = groupEnd
                continue
            }
            // The next group's lines, in pieces, on the other cores while this one chains; this one takes the
            // pieces left after.
            let chunk = Self.aheadPiece(nextEnd - groupEnd)
            let (failure, lines) = Parallel.alongside({ () -> (value: ChainError?, keepGoing: Bool) in
                do throws(ChainError) { try chainGroup(encoded, from: groupStart) } catch { return (error, false) }
                return (nil, true)
            }, pieces: (nextEnd - groupEnd + chunk - 1) / chunk) { piece -> EncodedLines in
                Self.freshLines(events, freshItems, groupEnd + piece * chunk..<min(nextEnd, groupEnd + (piece + 1) * chunk),
                                defaultActor: defaultActor, first: first, last: last, recordedAtText: recordedAtText, pool: linePool)
            }
            if let failure {
                for case let made? in lines { linePool.give(made.bytes) }
                throw failure
            }
            groupsAhead += 1
            // Every piece was taken (the chain went on); lines after a refused one are never looked at.
            ahead = lines.map { made in
                guard let made else { preconditionFailure("every piece was made") }
                return made
            }
            groupStart = groupEnd
        }
        // Where each record of the batch is, in order.
        func forEachLocation(_ body: (_ offset: Int, _ location: RecordLocation) -> Void) {
            Self.forEachLocation(count: fresh.count, lineBytes: lineBytes, first: first, byteOffset: committedBytes, body)
        }
        precondition(appended.count == fresh.count, "\(appended.count) lines chained for \(fresh.count) events")
        let direct = fresh.count > max(index.policy.heldMax, directTableMin)
        // A batch going into the delta has its ids put there on the other core while this one writes, syncs, reads
        // back and acknowledges it (`DeltaInsertion`): the delta is taken out of the index meanwhile and put back
        // after (nothing reads it then: this thread only writes, syncs, reads back and records the head, and the hook
        // between, `AppendOptions.beforeAcknowledging`, must not call the writer). Only when it has room for them (no
        // resize), so that a batch that turns out not durable can be taken out again exactly.
        var insertion: DeltaInsertion? = nil
        if !direct, deltaAlongside ?? (Self.coreCount > 1), fresh.count >= Self.parallelEncodeMin {
            reserveDelta(adding: fresh.count)
            if index.delta.count + fresh.count <= index.delta.capacity {
                let work = DeltaInsertion(fresh: fresh, lineBytes: lineBytes, first: first, byteOffset: committedBytes)
                work.inserted = deltaInsertedAlongside
                swap(&work.delta, &index.delta)
                insertion = work
            }
        }
        if let insertion {
            let offset = committedBytes + Int64(written)
            let (failure, inserted) = Parallel.alongside({ () -> (value: ChainError?, keepGoing: Bool) in
                do throws(ChainError) {
                    try writeDurably(bytes, at: offset, earlierPieces: pieceDigests)
                    options.beforeAcknowledging?()
                    try acknowledge(AcknowledgedHead(seq: last, hash: prev), first: first)
                } catch {
                    return (error, false)
                }
                return (nil, true)
            }, pieces: 1) { _ in insertion.run() }
            // Not durable (or not acknowledged): the ids go out of the delta again, as if never put in.
            if failure != nil, inserted[0] != nil {
                insertion.delta.removeLast(fresh.count)
                deltaInsertionsTakenOut += 1
            }
            swap(&insertion.delta, &index.delta)
            if let failure { throw notDurable(failure, first: first, last: last) }
            warmed = insertion.warmed
            batchesInsertedAlongside += 1
        } else {
            do throws(ChainError) {
                try writeDurably(bytes, at: committedBytes + Int64(written), earlierPieces: pieceDigests)
                options.beforeAcknowledging?()
                try acknowledge(AcknowledgedHead(seq: last, hash: prev), first: first)
            } catch {
                throw notDurable(error, first: first, last: last)
            }
        }
        let batchBytes = lineBytes.reduce(Int64(0)) { $0 + Int64($1) + 1 }
        let lastLocation = RecordLocation(seq: last, lineNumber: Int(last), byteOffset: committedBytes + batchBytes - Int64(lineBytes[lineBytes.count - 1]) - 1,
                                          byteCount: Int(lineBytes[lineBytes.count - 1]))
        if first == 1, let firstLine = lineBytes.first {
            index.genesis = StateStamp(seq: 1, hash: appended[0].hash, lineOffset: 0, lineBytes: Int(firstLine))
        }
        index.head = StateStamp(seq: last, hash: prev, lineOffset: lastLocation.byteOffset, lineBytes: lastLocation.byteCount)
        // A batch that makes a table by itself (an import of a million rows) goes into one at once, as entries, not
        // through the delta's dictionary of ids (`IdIndex.absorb`: the same table).
        // (Ids put into the delta alongside are in place already.)
        var inTable = insertion != nil
        if direct {
            var entries: [IdEntry] = []
            entries.reserveCapacity(fresh.count)
            forEachLocation { offset, location in entries.append(IdEntry(key: fresh[offset].key, location: location)) }
            inTable = absorbIntoIndex(&entries)
        }
        if !inTable {
            reserveDelta(adding: fresh.count)
            // The delta is taken out of the index while the batch's ids go in, and swapped back: one access to the
            // index instead of one per id, and no second reference left behind (a merge that empties the delta would
            // copy it).
            var delta = IdKeyTable<RecordLocation>()
            swap(&delta, &index.delta)
            warmed = Self.insert(fresh, lineBytes: lineBytes, first: first, byteOffset: committedBytes, into: &delta)
            swap(&delta, &index.delta)
        }
        lastSeq = last
        headHash = prev
        committedBytes += batchBytes
        // (A batch that could not go into a table by itself leaves none due that could be written now.)
        if !direct { maintainIndex(alongside: tablesAlongside ?? (Self.coreCount > 1)) }
        return AppendResult(appended: appended, duplicates: duplicates, lastSeq: lastSeq, headHash: headHash)
    }

    /// Room in the delta for `count` more ids, for a batch of at least 256: a writer appending batch after batch gets
    /// room at once for what it holds until the second table is written (`IdIndexPolicy.heldMax`), instead of the
    /// table rehashing every id as it doubles.
    private func reserveDelta(adding count: Int) {
        if count >= 256, index.delta.count + count > index.delta.capacity {
            index.delta.reserveCapacity(max(index.delta.count, index.policy.heldMax) + count)
        }
    }

    /// Where each of `count` records is, in order: record `first + offset`, its line `lineBytes[offset]` long (the
    /// newline not counted), the first at `byteOffset` on line `first`.
    static func forEachLocation(count: Int, lineBytes: [Int32], first: Int64, byteOffset start: Int64,
                                _ body: (_ offset: Int, _ location: RecordLocation) -> Void) {
        var byteOffset = start
        var lineNumber = Int(first) - 1
        for offset in 0..<count {
            lineNumber += 1
            body(offset, RecordLocation(seq: first + Int64(offset), lineNumber: lineNumber, byteOffset: byteOffset,
                                        byteCount: Int(lineBytes[offset])))
            byteOffset += Int64(lineBytes[offset]) + 1
        }
    }

    /// A batch's fresh ids put into `delta` in batch order, where `forEachLocation` places their records, their slots
    /// read ahead first (`IdKeyTable.warm`); returns what that pass read. The append's thread and `DeltaInsertion`
    /// both put them in this way.
    @inline(__always)
    static func insert(_ fresh: [(index: Int, id: String, key: UInt64)], lineBytes: [Int32], first: Int64, byteOffset: Int64,
                       into delta: inout IdKeyTable<RecordLocation>) -> Int32 {
        let warmed = delta.warm(fresh.lazy.map(\.key))
        forEachLocation(count: fresh.count, lineBytes: lineBytes, first: first, byteOffset: byteOffset) { offset, location in
            delta.set(fresh[offset].id, key: fresh[offset].key, location)
        }
        return warmed
    }

    /// Whether a batch's ids go into the delta on another core while the batch is written (`DeltaInsertion`); nil:
    /// when there are several cores. Tests set it to compare the two ways.
    var deltaAlongside: Bool? = nil
    /// Batches whose ids went into the delta while they were written (tests check that this way was taken).
    private(set) var batchesInsertedAlongside = 0
    /// Batches whose ids went into the delta while they were written and out again, the batch not durable (tests).
    private(set) var deltaInsertionsTakenOut = 0
    /// Called on the other core once a batch's ids are in the delta there (`DeltaInsertion.run`), before the append
    /// learns of it; nil in normal use. Tests wait for it in `AppendOptions.beforeAcknowledging` to reach, without
    /// timing, the state where a batch not acknowledged has its ids in the delta already.
    var deltaInsertedAlongside: (@Sendable () -> Void)? = nil

    /// A batch's ids put into the writer's delta (taken out of the index meanwhile) on the other core, while the
    /// append's thread writes the batch: the work and what it reads, handed over whole. The append's thread touches
    /// none of it until `Parallel.alongside` returns (every piece begun is done by then).
    private final class DeltaInsertion: @unchecked Sendable {
        var delta = IdKeyTable<RecordLocation>()
        let fresh: [(index: Int, id: String, key: UInt64)]
        let lineBytes: [Int32]
        let first: Int64
        let byteOffset: Int64
        /// What `IdKeyTable.warm` read (kept only so that its reads are made).
        var warmed: Int32 = 0
        /// `LogWriter.deltaInsertedAlongside`, called once the ids are in (tests).
        var inserted: (@Sendable () -> Void)? = nil

        init(fresh: [(index: Int, id: String, key: UInt64)], lineBytes: [Int32], first: Int64, byteOffset: Int64) {
            self.fresh = fresh
            self.lineBytes = lineBytes
            self.first = first
            self.byteOffset = byteOffset
        }

        /// The ids in, in batch order, as the append's thread would put them (true: done).
        func run() -> Bool {
            // A local table while the ids go in: one access to the property, not one an id.
            var delta = IdKeyTable<RecordLocation>()
            swap(&delta, &self.delta)
            warmed = LogWriter.insert(fresh, lineBytes: lineBytes, first: first, byteOffset: byteOffset, into: &delta)
            swap(&delta, &self.delta)
            inserted?()
            return true
        }
    }

    /// The batch's fresh events (offset in the batch, id, `IdEntry.key`) in order, and its duplicates: ids looked
    /// up in the index and in the batch itself, actors checked, missing ids made (`options.makeId`). Throws the
    /// batch's first problem; nothing is written.
    private func resolve(_ events: EventBatch, options: AppendOptions) throws(ChainError)
        -> (fresh: [(index: Int, id: String, key: UInt64)], duplicates: [AppendResult.Duplicate]) {
        var fresh: [(index: Int, id: String, key: UInt64)] = []
        var duplicates: [AppendResult.Duplicate] = []
        // The batch's own ids, by id and key: the place in `fresh` of each.
        var inBatch = IdKeyTable<Int>()
        inBatch.reserveCapacity(events.count)
        // The actor last found good, compared by its bytes (`Bytes.sameUTF8`): a batch's events mostly share one,
        // or take turns among a few found good before (`goodActors`), each checked once.
        var checkedActor: String? = nil
        // An array batch is read in place: its events' headers are not copied out one by one.
        let stored = events.storedEvents
        // Each id's key once for the batch (`IdEntry.key`): the tables' sweep, the delta, the batch's own ids
        // and the table entries all use it.
        let sweep = tableKeys(of: events, stored: stored)
        let keysInTables = sweep?.held
        let inDelta = sweep?.inDelta
        let rebuildsBefore = indexRebuilds
        for index in events.indices {
            let header = stored.map { EventHeader(id: $0[index].id, actor: $0[index].actor) } ?? events.header(at: index)
            let id = header.id ?? options.makeId()
            guard let actor = header.actor ?? options.defaultActor else {
                throw .invalidBatch(SystemWords.noActor(event: id))
            }
            // The check's answer depends on the actor alone (some scalar not white space), so an actor equal to one
            // found good is good. The last one is compared by its bytes (one `memcmp`): each event holds its actor
            // in a string of its own, and `String ==` on two equal CJK names goes through Unicode's normalization;
            // hashing the actor for a key at every event cost as much again (docs/perf-append52.md). Bytes that
            // differ (another clerk) are looked up among those found good by key, then `==`, as before.
            if !(checkedActor.map { Bytes.sameUTF8(actor, $0) } ?? false) {
                let actorKey = IdEntry.key(actor.utf8)
                if !isKnownGood(actor, key: actorKey) {
                    if let problem = EventInput.actorProblemWording(actor) {
                        throw .invalidBatch(SystemWords.badActor(event: id, problem))
                    }
                    rememberGood(actor, key: actorKey)
                }
                checkedActor = actor
            }
            let key = header.id != nil ? sweep?.keys[index] ?? IdEntry.key(id) : IdEntry.key(id)
            // An id of the batch whose key no table holds (every new id) is looked up in the delta alone, and not
            // even there when the delta's filters said in the sweep that it holds no such key.
            // The sweep's answers hold for the index it swept: once a damaged table met below has the index rebuilt
            // (its delta emptied into the new table), every later id is looked up in the tables again.
            let inTables = header.id == nil || indexRebuilds != rebuildsBefore || keysInTables?.contains(key) != false
            if !inTables, let inDelta, !inDelta[index] {
                // Fresh (`locate` would look in the delta alone and find nothing).
            } else if let (location, record) = try locate(id, key: key, tables: inTables) {
                let event = events[index]
                let existing: Record
                if let record { existing = record } else { existing = try readRecord(at: location) }
                let same = existing.event.contentBytes == event.contentBytes
                guard same else {
                    throw .idConflict(id: id, existingSeq: location.seq, reason: Self.difference(existing.event, event))
                }
                duplicates.append(.init(id: id, existingSeq: location.seq))
                continue
            }
            // One search for both the look-up and the insertion.
            if let earlier = inBatch.insertIfAbsent(id, key: key, fresh.count) {
                let event = events[index]
                let first = events[fresh[earlier].index]
                guard first.contentBytes == event.contentBytes else {
                    throw .idConflict(id: id, existingSeq: nil, reason: Self.difference(first, event, earlierZh: "前一事件"))
                }
                duplicates.append(.init(id: id, existingSeq: nil))
                continue
            }
            fresh.append((index, id, key))
        }
        return (fresh, duplicates)
    }

    /// Actors found good by `resolve` (with their keys, `IdEntry.key` of their bytes), at most `goodActorsMax`: a
    /// city's clerks take turns, and each is checked once for the writer rather than at every change of actor.
    private var goodActors: [(key: UInt64, actor: String)] = []
    static let goodActorsMax = 16

    /// Whether `actor` (whose key is `key`) equals an actor found good: its key first, then the strings.
    private func isKnownGood(_ actor: String, key: UInt64) -> Bool {
        for known in goodActors where known.key == key && known.actor == actor { return true }
        return false
    }

    private func rememberGood(_ actor: String, key: UInt64) {
        if goodActors.count < Self.goodActorsMax { goodActors.append((key, actor)) }
    }

    /// Whether lines are made on the other core ahead of their turn: a batch's first group while its ids are
    /// resolved (`speculate`, a batch of at least `parallelEncodeMin` events), and each later group while the one
    /// before is chained; nil: when there are several cores. Tests set it to compare the two ways.
    var linesAhead: Bool? = nil
    /// Batches chained from their speculated lines (then written, or refused at a line as the serial way would).
    private(set) var speculatedBatches = 0
    /// Batches whose speculated lines were dropped: an event not fresh, without an id or an actor, or resolving
    /// refused the batch (tests check that the fallback was taken).
    private(set) var speculationsDropped = 0
    /// Groups whose lines were made while the group before was chained (tests check that this way was taken).
    private(set) var groupsAhead = 0

    /// The lines in a piece of work made ahead (`Parallel.alongside`): some 16 pieces a group, at least 64 lines
    /// each (32 in a group of a batch split in `splitGroups`), so that neither core waits long for the other's
    /// last piece and a handful of locks serve a group.
    static func aheadPiece(_ lines: Int) -> Int { max(lines < encodeGroup ? 32 : 64, (lines + 15) / 16) }

    /// A batch of one group (at most `encodeGroup` events) made ahead is made in this many groups, so that this
    /// core chains one group while the other makes the next (and it the lines left) instead of the other core
    /// waiting while the whole batch is chained: the same lines, chained in the same order (session 40).
    static let splitGroups = 3
    /// The smallest group a batch is split into (`splitGroups`): below it the hand-over costs more than it saves.
    static let splitGroupMin = 192

    /// The events of a group of a batch of `count` fresh events (`ahead`: lines made ahead of their turn).
    static func groupSize(_ count: Int, ahead: Bool) -> Int {
        guard ahead, count <= encodeGroup else { return encodeGroup }
        return max(splitGroupMin, (count + splitGroups - 1) / splitGroups)
    }

    /// `resolve` on this thread while the other cores make the lines of the batch's first group (`groupSize`: at most
    /// `encodeGroup` events), in pieces, as if every event were fresh: event i is then record `lastSeq + 1 + i` and
    /// the batch ends at `lastSeq + events.count`, so each line is byte for byte the one the group loop would make.
    /// Once resolving is done and every event turned out fresh, this core takes the pieces left; else no piece is
    /// begun any more and the lines are dropped (also when an event had no id, or no actor and no default: the
    /// batch is then made as before). Resolving comes first as before: its error is thrown, whatever the lines held.
    private func speculate(_ events: EventBatch, options: AppendOptions) throws(ChainError)
        -> (fresh: [(index: Int, id: String, key: UInt64)], duplicates: [AppendResult.Duplicate], lines: [EncodedLines]?) {
        typealias Resolved = (fresh: [(index: Int, id: String, key: UInt64)], duplicates: [AppendResult.Duplicate])
        let count = min(events.count, Self.groupSize(events.count, ahead: true))
        let chunk = Self.aheadPiece(count)
        let first = lastSeq + 1, last = lastSeq + Int64(events.count)
        let recordedAtText = Array(options.recordedAt.description.utf8)
        let defaultActor = options.defaultActor
        let pool = linePool
        let (resolved, lines) = Parallel.alongside({ () -> (value: Result<Resolved, ChainError>, keepGoing: Bool) in
            let resolved: Result<Resolved, ChainError>
            do throws(ChainError) { resolved = .success(try self.resolve(events, options: options)) } catch { resolved = .failure(error) }
            guard case .success(let made) = resolved, made.fresh.count == events.count else { return (resolved, false) }
            return (resolved, true)
        }, pieces: (count + chunk - 1) / chunk) { piece -> EncodedLines? in
            Self.speculativeLines(events, piece * chunk..<min(count, (piece + 1) * chunk), defaultActor: defaultActor, first: first,
                                  last: last, recordedAtText: recordedAtText, pool: pool)
        }
        // Every piece made, or nil when one was never begun or found an event it could not make.
        var made: [EncodedLines]? = []
        for piece in lines {
            if let piece = piece ?? nil { made?.append(piece) } else { made = nil }
        }
        switch resolved {
        case .success(let value) where value.fresh.count == events.count && made != nil:
            return (value.fresh, value.duplicates, made)
        case .success(let value):
            for case let piece?? in lines { pool.give(piece.bytes) }
            speculationsDropped += 1
            return (value.fresh, value.duplicates, nil)
        case .failure(let error):
            for case let piece?? in lines { pool.give(piece.bytes) }
            speculationsDropped += 1
            throw error
        }
    }

    /// The lines of events `range` of `events` as the group loop makes them when every event of the batch is
    /// fresh (event i is record `first + i` of a batch ending at `last`), stopping at the first that cannot be
    /// written (`appendLine`); nil if an event has no id, or no actor and there is no default (resolving makes
    /// the id, or refuses the batch). Runs on any thread: it reads `events` and nothing of the writer.
    static func speculativeLines(_ events: EventBatch, _ range: Range<Int>, defaultActor: String?, first: Int64, last: Int64,
                                 recordedAtText: [UInt8], pool: ReusePool<LineBuffer>) -> EncodedLines? {
        var made = EncodedLines(for: range.count, pool: pool)
        if let stored = events.storedEvents {
            // Each event's parts read where the array holds them (`freshLines`).
            let span = stored.span
            for index in range {
                guard let id = span[index].id, span[index].actor != nil || defaultActor != nil else {
                    pool.give(made.bytes)
                    return nil
                }
                guard appendLine(occurredOn: span[index].occurredOn, actor: span[index].actor, payload: span[index].payload,
                                 id: id, offset: index, defaultActor: defaultActor, first: first, last: last,
                                 recordedAtText: recordedAtText, to: &made) else { break }
            }
            return made
        }
        if let canonical = events.canonical {
            // The maker writes each event's parts (`EventBatch.Canonical`): no event made.
            for index in range {
                let header = events.header(at: index)
                guard let id = header.id, header.actor != nil || defaultActor != nil else {
                    pool.give(made.bytes)
                    return nil
                }
                guard appendLine(index: index, canonical: canonical, actor: header.actor, id: id, offset: index,
                                 defaultActor: defaultActor, first: first, last: last, recordedAtText: recordedAtText,
                                 to: &made) else { break }
            }
            return made
        }
        for index in range {
            let event = events[index]
            guard let id = event.id, event.actor != nil || defaultActor != nil else {
                pool.give(made.bytes)
                return nil
            }
            guard appendLine(occurredOn: event.occurredOn, actor: event.actor, payload: event.payload, id: id, offset: index,
                             defaultActor: defaultActor, first: first, last: last, recordedAtText: recordedAtText,
                             to: &made) else { break }
        }
        return made
    }

    /// The lines of fresh events `range` (offsets into `fresh`: record `first + offset` of a batch ending at `last`),
    /// stopping at the first that cannot be written (`appendLine`). Runs on any thread.
    static func freshLines(_ events: EventBatch, _ fresh: [(index: Int, id: String, key: UInt64)], _ range: Range<Int>,
                           defaultActor: String?, first: Int64, last: Int64, recordedAtText: [UInt8], pool: ReusePool<LineBuffer>) -> EncodedLines {
        // An array batch's events are read in place (`storedEvents`), by their parts: an event passed whole, from
        // the array or its span, is copied out, which updates the reference counts of all its strings and its
        // payload, on every core (the id is passed already, and the date holds none).
        var made = EncodedLines(for: range.count, pool: pool)
        if let stored = events.storedEvents {
            let span = stored.span
            for offset in range {
                let item = fresh[offset]
                guard appendLine(occurredOn: span[item.index].occurredOn, actor: span[item.index].actor,
                                 payload: span[item.index].payload, id: item.id, offset: offset, defaultActor: defaultActor,
                                 first: first, last: last, recordedAtText: recordedAtText, to: &made) else { break }
            }
            return made
        }
        if let canonical = events.canonical {
            for offset in range {
                let item = fresh[offset]
                guard appendLine(index: item.index, canonical: canonical, actor: events.header(at: item.index).actor, id: item.id,
                                 offset: offset, defaultActor: defaultActor, first: first, last: last,
                                 recordedAtText: recordedAtText, to: &made) else { break }
            }
            return made
        }
        for offset in range {
            let item = fresh[offset]
            let event = events[item.index]
            guard appendLine(occurredOn: event.occurredOn, actor: event.actor, payload: event.payload, id: item.id, offset: offset,
                             defaultActor: defaultActor, first: first, last: last, recordedAtText: recordedAtText,
                             to: &made) else { break }
        }
        return made
    }

    /// `appendLine` of event `index` of a batch whose maker writes its parts (`EventBatch.Canonical`): the same line.
    @inline(__always)
    static func appendLine(index: Int, canonical: EventBatch.Canonical, actor: String?, id: String, offset: Int,
                           defaultActor: String?, first: Int64, last: Int64, recordedAtText: [UInt8],
                           to made: inout EncodedLines) -> Bool {
        let start = made.bytes.count
        let parts = canonical.parts(index)
        RecordCodec.appendUnchained(occurredOn: parts.occurredOn, type: parts.type, appendData: { canonical.appendData(index, &$0) },
                                    id: id, actor: actor ?? defaultActor!, seq: first + Int64(offset), batchFirst: first,
                                    batchLast: last, recordedAtText: recordedAtText, to: &made.bytes)
        return finishLine(start: start, offset: offset, to: &made)
    }

    /// Appends the unchained line of the event with these parts as record `first + offset` of a batch ending at `last` to `made`, and
    /// runs verify's scanner over it: false, with `made.problem` set, when the line cannot be written.
    @inline(__always)
    static func appendLine(occurredOn: CalendarDate, actor: String?, payload: EventPayload, id: String, offset: Int,
                           defaultActor: String?, first: Int64, last: Int64, recordedAtText: [UInt8],
                           to made: inout EncodedLines) -> Bool {
        let start = made.bytes.count
        RecordCodec.appendUnchained(occurredOn: occurredOn, actor: actor, payload: payload, id: id, defaultActor: defaultActor,
                                    seq: first + Int64(offset), batchFirst: first, batchLast: last, recordedAtText: recordedAtText,
                                    to: &made.bytes)
        return finishLine(start: start, offset: offset, to: &made)
    }

    /// The end of `appendLine`: the line just appended at `start` checked (its length, verify's scanner).
    @inline(__always)
    static func finishLine(start: Int, offset: Int, to made: inout EncodedLines) -> Bool {
        let count = made.bytes.count - start
        guard count <= Limits.recordBytesMax else {
            made.problem = (offset, count, .tooLong(count))
            return false
        }
        // The scan reads the hash and prev only as 64 hex digits, so zeros stand for them here. The line is read
        // where it was made (`RecordLineScanner.check`: no copy).
        do throws(ChainError) { try RecordLineScanner.check(made.bytes, from: start) } catch .recordLine(let problem) {
            made.problem = (offset, count, problem)
            return false
        } catch {
            preconditionFailure("the record line scanner throws .recordLine only: \(error)")
        }
        made.ends.append(made.bytes.count)
        return true
    }

    /// A batch of more records than this (and than the policy holds) is put in a table of the id index at once
    /// (`IdIndex.absorb`) instead of the delta. Tests set it to `Int.max` to compare with the delta's way.
    var directTableMin = 0

    /// The lines one core made for a part of a batch, back to back without newlines (`ends`: where each ends),
    /// up to the first event whose line cannot be written (`problem`: its offset in the batch, its line's length).
    struct EncodedLines: Sendable {
        var bytes: LineBuffer
        var ends: [Int] = []
        var problem: (offset: Int, count: Int, problem: ChainError.LineProblem)? = nil

        /// Room for `count` lines, the bytes taken from `pool` (given back by whoever takes the lines).
        init(for count: Int, pool: ReusePool<LineBuffer>) {
            bytes = pool.take()
            bytes.reserveCapacity(count * 512)
            ends.reserveCapacity(count)
        }
    }

    /// The file calls whose failure may leave a batch's bytes short of the disk (`FileError.operation`).
    static let inFlightOperations: Set<String> = ["write", "fsync", "fdatasync", "read"]

    /// Writes a piece of batch `first…last` that does not fit in one write; on failure the batch is cut back off.
    private func writePiece(_ bytes: [UInt8], at offset: Int64, first: Int64, last: Int64) throws(ChainError) {
        try ensureAlone(logSize: offset)
        do { try file.write(bytes, at: offset) } catch {
            rollBack()
            throw notDurable(.file(error), first: first, last: last)
        }
        afterPieceForTesting?()
    }

    /// A file error met writing, syncing, reading back or acknowledging batch `first…last`, which the writer has cut
    /// back off the log, as the clerk must hear it (review 35a #5c): the bytes may not have reached the disk and
    /// the batch was not acknowledged. Only a failed write, sync or read: a full disk keeps its own words (`.file`:
    /// free space, nothing was kept), and a file that could not even be opened had nothing of the batch in flight.
    private func notDurable(_ error: ChainError, first: Int64, last: Int64) -> ChainError {
        guard case .file(let file) = error, !file.isNoSpace, Self.inFlightOperations.contains(file.operation) else { return error }
        return .batchNotDurable(first: first, last: last, error: file, acknowledgedPath: directory.acknowledgedPath)
    }

    /// Writes the batch's last piece, fsyncs, reads the whole batch back and compares it: the last piece with the
    /// bytes written, earlier pieces by their SHA-256. On any failure, cut the file back to the committed end.
    private func writeDurably(_ bytes: [UInt8], at offset: Int64, earlierPieces: [(bytes: Int, digest: Digest32)]) throws(ChainError) {
        try ensureAlone(logSize: offset)
        do {
            try file.write(bytes, at: offset)
            try file.sync()
            var readBack = readBackBuffer
            readBackBuffer = []
            defer { readBackBuffer = readBack }
            // `PosixFile.read` reuses a buffer that already holds as many bytes as it reads: grow it to the
            // largest read within its capacity (a batch is about as long as the one before).
            let largest = max(bytes.count, earlierPieces.map(\.bytes).max() ?? 0)
            if readBack.count < largest {
                if readBack.capacity < largest { readBack.reserveCapacity(largest + largest / 4) }
                readBack.append(contentsOf: repeatElement(0, count: largest - readBack.count))
            }
            var pieceOffset = committedBytes
            for piece in earlierPieces {
                try file.read(at: pieceOffset, count: piece.bytes, into: &readBack)
                guard hasher.hash(readBack[...]) == piece.digest else {
                    rollBack()
                    if lockLost { throw ChainError.writerDisplaced(.lockRemoved(path: directory.lockPath)) }
                    throw ChainError.readBackMismatch(path: directory.eventsPath, byteOffset: pieceOffset)
                }
                pieceOffset += Int64(piece.bytes)
            }
            try file.read(at: offset, count: bytes.count, into: &readBack)
            guard Bytes.equal(readBack[...], bytes[...]) else {
                rollBack()
                if lockLost { throw ChainError.writerDisplaced(.lockRemoved(path: directory.lockPath)) }
                throw ChainError.readBackMismatch(path: directory.eventsPath, byteOffset: offset)
            }
        } catch let error as ChainError {
            throw error
        } catch let error as FileError {
            rollBack()
            throw .file(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// Records the batch's last record as acknowledged (`AcknowledgedHead`) before success is reported. If that
    /// fails while the file still holds the previous head, the batch was never acknowledged and is removed; if the
    /// new head may already be in place, removing the batch would contradict it, so the batch stays and the error
    /// says so. Either way the writer is poisoned.
    private func acknowledge(_ head: AcknowledgedHead, first: Int64) throws(ChainError) {
        // Displaced while the batch was synced and read back: the writer now holding the lock owns the acknowledged
        // head, which this one's older head must not replace (review 39i). The batch stays in the log unacknowledged.
        if lockLost {
            poisoned = true
            throw .writerDisplaced(.lockRemoved(path: directory.lockPath))
        }
        do {
            try acknowledgement.record(head)
        } catch {
            if (try? AcknowledgedHead.read(directory)) == head {
                poisoned = true
                throw .acknowledgementFailed(first: first, last: head.seq, error: error)
            }
            rollBack()
            throw .file(error)
        }
    }

    /// Before each piece of a batch is written: the lock this writer holds still has its name, and the log is the
    /// file it opened, `logSize` bytes long (the committed end and the batch's pieces written so far). Two fstat
    /// calls a piece. A lock removed while held (a clerk taking it for a stale one) lets a second writer lock a new
    /// file, take this batch's first pieces for a torn tail and append in their place: each would write over the
    /// other's records (review 39d; 39g: a large import's later piece). Refused without writing or cutting anything:
    /// the bytes past what this writer left, if any, are another writer's.
    private func ensureAlone(logSize: Int64) throws(ChainError) {
        let lockStatus: FileStatus, logStatus: FileStatus
        do {
            lockStatus = try lock.status()
            logStatus = try file.status()
        } catch {
            // Pieces of this batch may be written already: the writer is not used again (review 39i).
            poisoned = true
            throw .file(error)
        }
        let displacement: WriterDisplacement?
        if lockStatus.linkCount == 0 {
            displacement = .lockRemoved(path: directory.lockPath)
        } else if logStatus.linkCount == 0 {
            displacement = .logReplaced(path: directory.eventsPath)
        } else if logStatus.size != logSize {
            displacement = .logChanged(path: directory.eventsPath, expected: logSize, found: logStatus.size)
        } else {
            displacement = nil
        }
        if let displacement {
            poisoned = true
            throw .writerDisplaced(displacement)
        }
    }

    /// Whether the lock this writer holds lost its name: another writer may then own the log's end.
    private var lockLost: Bool { ((try? lock.status())?.linkCount ?? 1) == 0 }

    private func rollBack() {
        poisoned = true
        // Displaced (the lock removed while held): what lies past the committed end may be another writer's
        // acknowledged records, never cut (review 39g). The next writer finds this batch's bytes, if any, torn.
        guard !lockLost else { return }
        // Best effort: if this fails too, the next writer finds an incomplete batch and discards it as torn.
        try? file.truncate(to: committedBytes)
        try? file.sync()
    }

    /// Batches of at least this many events look their ids up in the tables in one sweep (`tableKeys`).
    static let sweepMin = 64

    /// The key of each of `events`' ids (by the event's offset; 0 for an event without one), those that some
    /// table of the index holds (`IdIndex.keysInTables`), found in one sweep of each table in key order instead of
    /// one search per id, and whether the delta may hold each (`IdIndex.deltaMayHold`: its filters asked for every
    /// key in one pass, their cache misses overlapping; false for an event without an id); nil for a small batch.
    /// `held` is nil for a batch without ids or a table found damaged (each id is then looked up alone, which
    /// rebuilds it with its notice); empty when there is no table.
    private func tableKeys(of events: EventBatch, stored: [Event]?) -> (keys: [UInt64], held: Set<UInt64>?, inDelta: [Bool])? {
        guard events.count >= Self.sweepMin else { return nil }
        var keys = [UInt64](repeating: 0, count: events.count)
        var inDelta = [Bool](repeating: false, count: events.count)
        var asked: [UInt64] = []
        asked.reserveCapacity(events.count)
        for i in events.indices {
            if let id = stored.map({ $0[i].id }) ?? events.header(at: i).id {
                let key = IdEntry.key(id)
                keys[i] = key
                asked.append(key)
            }
        }
        guard !asked.isEmpty else { return (keys, nil, inDelta) }
        // (An event without an id asks for key 0: its answer is never read.)
        let index = self.index
        for i in keys.indices { inDelta[i] = index.deltaMayHold(keys[i]) }
        guard !index.tables.isEmpty else { return (keys, [], inDelta) }
        return (keys, try? index.keysInTables(asked, filtered: sweepFilters), inDelta)
    }

    /// Whether a batch's sweep asks the tables' key filters first (`IdIndex.keysInTables`); tests turn it off to
    /// compare with the sweep that searches every table for every key.
    var sweepFilters = true
    /// Keys the filters answered in this writer's sweeps (tests check that the filters were asked).
    var keysFilteredOut: Int { index.filteredOut }
    /// Whether a table due while the writer stays open is written on another thread while the next batches are
    /// appended (`IdIndex.maintain`); nil: when there are several cores. Tests set it to compare the two ways.
    var tablesAlongside: Bool? = nil
    /// Tables this writer began writing alongside (tests check that this way was taken).
    var tablesBegunAlongside: Int { index.tablesAlongside }
    /// Whether a table begun alongside is not yet put in place (tests check that closing waits for it).
    var writingTableAlongside: Bool { index.writingAlongside }
    /// Poisons the writer as a failed write does (tests of what closing a poisoned writer does).
    func poisonForTesting() { poisoned = true }
    /// Waits for a table being written alongside and puts it in place (a damaged table it met is told and rebuilt,
    /// as `maintainIndex` does): tests that change `index/` under an open writer.
    func waitForTableAlongside() {
        do throws(ChainError) { try index.settle() } catch {
            if case .idTable(let table, let problem) = error { notice(IdIndex.notice(table, directory, problem)) }
            do { try rebuildIndex() } catch { poisoned = true }
        }
    }

    /// Whether the delta keeps a filter of its keys, asked before its slots (`IdKeyTable`); tests turn it off to
    /// compare with the delta that searches its slots for every id.
    var deltaFilter: Bool {
        get { index.delta.filtered }
        set { index.delta.setFiltered(newValue) }
    }

    /// Where the first record with `id` is, from the tables or the delta; a table's candidate is confirmed by
    /// reading its record (the record too is returned then). A table found damaged is rebuilt from the log with a
    /// notice. The first record, as the checks and projections read an id (`EffectiveLog`): a log written by
    /// another tool may hold an id twice, and the tables hold only records before the delta's.
    /// With `tables` false (the tables are known to hold no entry of `id`'s key), the delta alone.
    private func locate(_ id: String, key: UInt64? = nil, tables: Bool = true) throws(ChainError) -> (location: RecordLocation, record: Record?)? {
        let key = key ?? IdEntry.key(id)
        guard tables else { return index.deltaValue(of: id, key: key).map { ($0, nil) } }
        var rebuilt = false
        while true {
            // The level whose table is being read: the notice names the file at fault (`ids-2`, …), not the chain.
            var level = 1
            do throws(ChainError) {
                var found: (location: RecordLocation, record: Record?)? = nil
                // The newest table first, as `IdIndex.tableCandidates`.
                for (offset, table) in index.tables.enumerated().reversed() {
                    level = offset + 1
                    if failNextTableReadForTesting {
                        failNextTableReadForTesting = false
                        throw ChainError.damaged(.entryDoesNotLead(record: 0))
                    }
                    for candidate in try table.candidates(key).map(\.location) {
                        guard let record = try? readRecord(at: candidate), record.seq == candidate.seq else {
                            throw ChainError.damaged(.entryDoesNotLead(record: candidate.seq))
                        }
                        if record.id == id, found.map({ $0.location.seq > record.seq }) ?? true { found = (candidate, record) }
                    }
                }
                if let found { return found }
                return index.deltaValue(of: id, key: key).map { ($0, nil) }
            } catch {
                // After one rebuild from the log the tables hold what the log gives: a second failure is the log's.
                guard !rebuilt else {
                    throw .invalidBatch(SystemWords.idIndexUnreadable(directory.indexPath, error.derivedStateProblem))
                }
                notice(IdIndex.notice(IdIndex.levelName(level), directory, error.derivedStateProblem))
                try rebuildIndex()
                rebuilt = true
            }
        }
    }

    /// Rebuilds of the id index from the log so far (`resolve` stops trusting its sweep after one).
    private var indexRebuilds = 0
    /// The next search of a table fails as a damaged entry would (tests of a rebuild in the middle of a batch).
    var failNextTableReadForTesting = false

    /// Rebuilds the id index from the whole log (read and verified).
    private func rebuildIndex() throws(ChainError) {
        indexRebuilds += 1
        var scanned = try IdIndex.scanAll(directory)
        guard let genesis = scanned.genesis, let head = scanned.head else {
            index.clear()
            return
        }
        index.rebuild(entries: &scanned.entries, genesis: genesis, head: head)
    }

    /// `IdIndex.absorb` of a batch's entries (the batch durable, the index's head at its last record): whether they
    /// are in a table now. A damaged table met while merging is rebuilt from the log as `maintainIndex` does (the
    /// rebuild reads the batch too): true then, unless the writer is poisoned.
    private func absorbIntoIndex(_ entries: inout [IdEntry]) -> Bool {
        do throws(ChainError) { return try index.absorb(&entries) } catch {
            if case .idTable(let table, let problem) = error { notice(IdIndex.notice(table, directory, problem)) }
            do { try rebuildIndex() } catch { poisoned = true }
            return true
        }
    }

    /// Merges the id index's levels when due (`IdIndexPolicy`). Best effort: the records are durable already, so a
    /// failure never fails the append; a damaged table is rebuilt from the log, and if even that fails the writer
    /// is poisoned (the next open reads the log and reports its damage).
    /// With `alongside`, a table due while the writer stays open is written on another thread while the next
    /// batches are appended (`IdIndex.maintain`); a damaged table it met is told and rebuilt when it is put in place.
    private func maintainIndex(closing: Bool = false, alongside: Bool = false) {
        do throws(ChainError) { try index.maintain(closing: closing, alongside: alongside) } catch {
            if case .idTable(let table, let problem) = error { notice(IdIndex.notice(table, directory, problem)) }
            do { try rebuildIndex() } catch { poisoned = true }
        }
    }

    private func readRecord(at location: RecordLocation) throws(ChainError) -> Record {
        var line = [UInt8]()
        do { try file.read(at: location.byteOffset, count: location.byteCount, into: &line) } catch { throw .file(error) }
        do { return try RecordCodec.decode(line: line[...]) } catch {
            throw .integrity(IntegrityFailure(seq: location.seq, lineNumber: location.lineNumber,
                                              byteOffset: location.byteOffset, kind: .unparsable(SystemWords.wording(error))))
        }
    }

    /// What differs between two events with one id: the type, the date, or the first data member that differs (the
    /// writer's refusal of a reused id says it; `ledger append` reports it with a batch's other problems). `a` is
    /// the one there first: `earlierZh` names it in Chinese (原记录, a record; 第 3 行, an earlier line).
    public static func difference(_ a: Event, _ b: Event, earlierZh: String = "原记录") -> Wording {
        func say(_ field: String, _ label: String?, _ x: String?, _ y: String?) -> Wording {
            Wording(en: "\(field) \(x ?? "missing") vs \(y ?? "missing")",
                    zh: field + (label.map { "（\($0)）" } ?? " ") + (x.map { "\(earlierZh)为 \($0)" } ?? "\(earlierZh)没有此项") + "，"
                        + (y.map { "本次为 \($0)" } ?? "本次没有此项"))
        }
        if a.type != b.type { return say("type", "类型", a.type, b.type) }
        if a.occurredOn != b.occurredOn { return say("occurred_on", "发生日期", a.occurredOn.description, b.occurredOn.description) }
        let keys = Set(a.data.keys).union(b.data.keys).sorted()
        for key in keys where a.data[key] != b.data[key] {
            return say("data.\(key)", FieldLabels.label(path: key), a.data[key].map(CanonicalJSON.string), b.data[key].map(CanonicalJSON.string))
        }
        return Wording(en: "content differs", zh: "内容不同")
    }
}
