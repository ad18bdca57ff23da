import LedgerEvents
import LedgerPlatform

/// Walks events.jsonl once, in constant memory, checking every record against the chain rules
/// (ledger-spec.md, "Verification algorithm"). It stops at the first integrity failure.
///
/// Records of a batch are visited as they are read; a batch that never ends (torn tail) is reported in the
/// summary, so a visitor that keeps records must drop those with seq > `summary.recordCount`.
public enum LogScanner {
    /// Read size; lines longer than a chunk are assembled across chunks.
    static let chunkBytes = 4 << 20
    /// How many lines ahead of the one visited the next lines' bytes are asked into the cache (`Bytes.prefetch`).
    static let prefetchAhead = 4
    /// Chunks kept after they are checked before their storage is read into again (see `scan`): 12 MB at most,
    /// more than the shared rebuild's second stage holds (four groups of 1,024 lines and a batch).
    static let retiredChunks = 3

    /// Scans the log at `path`. `stopAfterSeq` ends the scan early (for as-of-seq reads); `visit` may throw to
    /// abort (its error is rethrown). `start` resumes after a committed record checked by `resumePoint` (derived
    /// state): only the records after it are read and verified, and the summary counts from it.
    /// - Returns: the summary; an integrity failure is its `failure` (the scan stops there).
    /// - Throws: `visit`'s error, or the log's that stops the scan (it cannot be opened or read) made one by
    ///   `failed`: the caller's error type says both.
    public static func scan<E: Error>(path: String, stopAfterSeq: Int64? = nil, from start: ResumePoint? = nil,
                                      failed: (ChainError) -> E,
                                      visit: (VerifiedLine) throws(E) -> Void) throws(E) -> ScanSummary {
        let file: PosixFile
        do { file = try PosixFile(path: path, mode: .read, followLinks: false) } catch { throw failed(.file(error)) }
        let fileSize: Int64
        do { fileSize = try file.size() } catch { throw failed(.file(error)) }
        let hasher = SHA256()
        var chunk = [UInt8]()
        var carry = [UInt8]()
        var fileOffset: Int64 = start?.byteOffset ?? 0    // offset of chunk[0]
        var lineStart: Int64 = fileOffset  // offset of the current line's first byte
        var lineNumber = Int(start?.seq ?? 0)   // line N holds record N
        var previousHash = start?.hash ?? Record.genesisPrev
        var lastSeq: Int64 = start?.seq ?? 0
        var openBatchFirst: Int64 = 0
        var openBatchLast: Int64 = 0       // 0 when no batch is open
        var committedSeq: Int64 = lastSeq
        var committedHash = previousHash
        var committedBytes: Int64 = fileOffset
        var linesInOpenBatch = 0

        func summary(failure: IntegrityFailure?, tailPartial: Bool) -> ScanSummary {
            let tailBytes = fileSize - committedBytes
            var torn: TornTail? = nil
            if failure == nil, tailBytes > 0 {
                torn = TornTail(byteOffset: committedBytes, byteCount: tailBytes, completeRecords: linesInOpenBatch,
                                partialLine: tailPartial)
            }
            return ScanSummary(recordCount: committedSeq, headHash: committedHash, committedBytes: committedBytes,
                               tornTail: torn, failure: failure)
        }

        // Checks one complete line, given its layout scan and hash (`LineResult`, computed here or in parallel;
        // `problem` is why it is unparsable, when it is); returns a failure or nil.
        func check(_ line: ArraySlice<UInt8>, _ work: LineResult, problem: ChainError.LineProblem?) throws(E) -> IntegrityFailure? {
            lineNumber += 1
            let expectedSeq = lastSeq + 1
            func failure(_ kind: IntegrityFailure.Kind) -> IntegrityFailure {
                IntegrityFailure(seq: expectedSeq, lineNumber: lineNumber, byteOffset: lineStart, kind: kind)
            }
            if let problem { return failure(.unparsable(SystemWords.wording(problem))) }
            let scanned = work.scanned
            let computed = work.digest
            let prevMatchesLineBefore = work.prevMatchesLineBefore
            guard work.hashMatches else {
                return failure(.hashMismatch(stored: String(decoding: line[scanned.storedHashRange], as: UTF8.self),
                                             computed: computed.hex))
            }
            guard scanned.seq == expectedSeq else { return failure(.sequence(expected: expectedSeq, found: scanned.seq)) }
            // The link. When the line before was scanned in the same part, its stored hash (checked above to be the
            // hex of its computed hash, i.e. of `previousHash`) was compared with this prev in parallel; otherwise
            // prev is compared with the previous hash here.
            guard prevMatchesLineBefore ?? Bytes.hexEquals(line[scanned.prevRange], previousHash) else {
                return failure(.brokenLink(expected: previousHash.hex, found: String(decoding: line[scanned.prevRange], as: UTF8.self)))
            }
            if openBatchLast == 0 {
                guard scanned.batchFirst == scanned.seq, scanned.batchLast >= scanned.seq,
                      scanned.batchLast - scanned.batchFirst < Int64(Limits.batchEventsMax) else {
                    return failure(.badBatch(SystemWords.batchShouldStart(seq: scanned.seq, first: scanned.batchFirst, last: scanned.batchLast)))
                }
                openBatchFirst = scanned.batchFirst
                openBatchLast = scanned.batchLast
            } else {
                guard scanned.batchFirst == openBatchFirst, scanned.batchLast == openBatchLast else {
                    return failure(.badBatch(SystemWords.batchNotFinished(openFirst: openBatchFirst, openLast: openBatchLast, seq: scanned.seq,
                                                                           first: scanned.batchFirst, last: scanned.batchLast)))
                }
            }
            lastSeq = scanned.seq
            let prev = previousHash
            previousHash = computed
            linesInOpenBatch += 1
            let location = RecordLocation(seq: scanned.seq, lineNumber: lineNumber, byteOffset: lineStart, byteCount: line.count)
            try visit(VerifiedLine(location: location, hash: computed, prev: prev, line: line, scanned: scanned))
            if scanned.seq == openBatchLast {
                openBatchLast = 0
                linesInOpenBatch = 0
                committedSeq = scanned.seq
                committedHash = computed
                committedBytes = lineStart + Int64(line.count) + 1
            }
            return nil
        }

        // No more than the file holds: a scan of a few KB after a derived state's stamp reads a few KB.
        func want(at offset: Int64) -> Int { Int(min(Int64(chunkBytes), max(0, fileSize - offset))) }

        // A pipeline of three chunks, with no barrier between its stages: while this thread runs the chain checks
        // and the visits over chunk k (in order, as they must), the cores scan and hash the lines of chunk k+1
        // (`LineWork.startLines`) and read chunk k+2 into the buffer an older chunk held. Chunk k+1's work is
        // started as soon as its bytes are read (early in chunk k's work, which reads it first), so it queues
        // behind the rest of chunk k's and the cores never idle between chunks. Each chunk is prepared here
        // first (`prepare`): the line begun in the chunk before is finished and its work done on this thread, and
        // the chunk's unterminated tail is carried to the next.
        var spare = [UInt8]()
        /// Chunks checked, oldest first, waiting to be read into again (`retiredChunks`).
        var retired: [[UInt8]] = []
        let pools = LinePools()
        func prepare(_ chunk: [UInt8], at offset: Int64) -> ScanStage {
            let count = chunk.count
            var start = 0
            var carried: (line: [UInt8], work: LineResult, problem: ChainError.LineProblem?, carriedEnd: Int)? = nil
            if !carry.isEmpty, let index = Bytes.firstIndex(of: 0x0A, in: chunk, from: 0, to: count) {
                carry.append(contentsOf: chunk[0..<index])
                let (work, problem) = LineResult.of(LineWork.of(carry[...], hasher: hasher), range: 0..<carry.count)
                carried = (carry, work, problem, index)
                carry = []
                start = index + 1
            }
            let end = carry.isEmpty ? (Bytes.lastIndex(of: 0x0A, in: chunk, from: start, to: count).map { $0 + 1 } ?? start) : start
            var tailTooLong: (bytes: Int, atLeast: Bool)? = nil
            if end < count {
                carry.append(contentsOf: chunk[max(start, end)..<count])
                // An unterminated line longer than any record line can be is not the start of an unfinished
                // append (a torn tail) but damage: it fails as too long, even at the end of the file.
                // No more is read: when the file goes on past this chunk, the line is longer still (review 44b #2).
                if carry.count > Limits.recordBytesMax { tailTooLong = (carry.count, offset + Int64(count) < fileSize) }
            }
            let nextOffset = offset + Int64(count)
            // Nothing more is read after damage already found here.
            let work = LineWork.startLines(in: chunk, from: start, to: end, reading: file, at: nextOffset,
                                           bytes: tailTooLong == nil ? want(at: nextOffset) : 0, into: &spare, pools: pools)
            return ScanStage(chunk: chunk, fileOffset: offset, carried: carried, work: work, tailTooLong: tailTooLong)
        }

        if fileOffset < fileSize {
            do { try file.read(at: fileOffset, count: want(at: fileOffset), into: &chunk) } catch { throw failed(.file(error)) }
        }
        guard fileOffset < fileSize, !chunk.isEmpty else { return summary(failure: nil, tailPartial: false) }
        var stage: ScanStage? = prepare(chunk, at: fileOffset)
        chunk = []
        // Work in flight is always waited for before this returns (its threads hold the chunks), whatever it returns.
        var next: ScanStage? = nil
        defer { if let next { _ = next.work.wait() } }
        while var current = stage {
            // The next chunk is prepared (its lines scanned and hashed, the one after read) as soon as it has been
            // read, while this one's lines are still being scanned and then checked: the cores go on to it without
            // waiting at the end of this chunk (the last part to finish, the wake-up of this thread).
            let (read, readError) = current.work.waitForRead()
            let nextOffset = current.fileOffset + Int64(current.chunk.count)
            if readError == nil, current.tailTooLong == nil, nextOffset < fileSize, !read.isEmpty {
                next = prepare(read, at: nextOffset)
            } else {
                spare = read
            }
            var parts = current.work.wait().results
            fileOffset = current.fileOffset
            if let (line, work, problem, carriedEnd) = current.carried {
                if let failure = try check(line[...], work, problem: problem) {
                    return summary(failure: failure, tailPartial: false)
                }
                lineStart = fileOffset + Int64(carriedEnd) + 1
                if let stop = stopAfterSeq, lastSeq >= stop, openBatchLast == 0 {
                    return summary(failure: nil, tailPartial: false)
                }
            }
            for part in parts {
                let lines = part.lines
                for i in lines.indices {
                    let work = lines[i]
                    // The id and type of the line `prefetchAhead` on, which a visitor reads first: asked for now,
                    // they are in this core's cache when it comes (`Bytes.prefetch`).
                    if i + Self.prefetchAhead < lines.count {
                        let ahead = lines[i + Self.prefetchAhead]
                        let base = ahead.range.lowerBound - ahead.scanned.lineStart
                        Bytes.prefetch(current.chunk, at: base + ahead.scanned.idRange.lowerBound)
                        Bytes.prefetch(current.chunk, at: base + ahead.scanned.typeRange.upperBound)
                    }
                    let range = work.range
                    if let failure = try check(current.chunk[range], work, problem: work.problem < 0 ? nil : part.problems[work.problem]) {
                        return summary(failure: failure, tailPartial: false)
                    }
                    lineStart = fileOffset + Int64(range.upperBound) + 1
                    if let stop = stopAfterSeq, lastSeq >= stop, openBatchLast == 0 {
                        return summary(failure: nil, tailPartial: false)
                    }
                }
            }
            if let tooLong = current.tailTooLong {
                lineNumber += 1
                let failure = IntegrityFailure(seq: lastSeq + 1, lineNumber: lineNumber, byteOffset: lineStart,
                                               kind: .unparsable(tooLong.atLeast ? SystemWords.tooLongAtLeast(tooLong.bytes)
                                                                                  : SystemWords.wording(ChainError.LineProblem.tooLong(tooLong.bytes))))
                return summary(failure: failure, tailPartial: false)
            }
            if let readError { throw failed(.file(readError)) }
            pools.giveBack(&parts)
            // A chunk's storage is read into again (`prepare` takes `spare`) once it has been checked and
            // `retiredChunks` chunks after it too: a visitor that hands lines to another thread (the shared
            // rebuild's second stage, some groups behind) has let go of it by then, so the read fills the storage
            // in place. Reused at once, it was still shared there: the read then copied it into fresh memory, and
            // the kernel's zeroing of those pages and the copy cost some 3–7 % of a rebuild's CPU. A chunk still
            // shared when it comes round is copied as before (never overwritten under a reader).
            if next != nil {
                retired.append(current.chunk)
                current.chunk = []
                if spare.isEmpty, retired.count > Self.retiredChunks { spare = retired.removeFirst() }
            }
            stage = next
            next = nil
        }
        return summary(failure: nil, tailPartial: !carry.isEmpty)
    }

    /// `scan(path:stopAfterSeq:from:failed:visit:)` for a visitor that throws `ChainError` (or nothing).
    public static func scan(path: String, stopAfterSeq: Int64? = nil, from start: ResumePoint? = nil,
                            visit: (VerifiedLine) throws(ChainError) -> Void) throws(ChainError) -> ScanSummary {
        try scan(path: path, stopAfterSeq: stopAfterSeq, from: start, failed: { $0 }, visit: visit)
    }

    /// Scans without visiting: the summary only.
    /// - Throws: what stops a scan before its first record (the file cannot be opened or read); an integrity
    ///   failure is the summary's `failure`.
    public static func verify(path: String) throws(ChainError) -> ScanSummary {
        try scan(path: path) { (_: VerifiedLine) throws(ChainError) in }
    }
}

extension LogScanner {
    /// The one way to read committed records: scans the ledger's log with every chain check and the
    /// acknowledged-head check (`scan(_:)`), and hands each committed batch over whole, once its last record has
    /// been read — a torn tail never reaches `batch`. `prepare` turns each line into what the caller keeps (nil to
    /// keep nothing; it runs while the line is valid); an error it throws becomes an integrity failure at that line.
    ///
    /// Every problem is one `ChainError`: the file cannot be read, or `.integrity` (the first chain failure, or a
    /// line `prepare` could not read). Batches before a failure have already been handed over when it is thrown,
    /// so a caller that builds state must discard it on a throw (`ledger log` prints them on purpose).
    /// - Parameter stopAfterSeq: end the scan after the batch holding this seq (nil: the whole log).
    /// - Returns: the summary (record count, head, committed bytes, torn tail); its `failure` is always nil.
    /// - Complexity: one pass; memory is one chunk and one batch of what `prepare` keeps.
    /// - Parameter start: resume after this checked record (`resumePoint`): only later records are read.
    ///
    /// Inlinable, so that each caller's module specializes it for its `T`: unspecialized, every line looked up the
    /// runtime metadata of `T?` and `[T]` (a hash-table search of the runtime's cache: some 6 % of the reading
    /// thread of a whole-city rebuild, perf at 1 million records).
    @inlinable
    public static func committedBatches<T>(_ directory: LedgerDirectory, stopAfterSeq: Int64? = nil, from start: ResumePoint? = nil,
                                           prepare: (VerifiedLine) throws -> T?,
                                           batch: ([T]) -> Void) throws(ChainError) -> ScanSummary {
        var pending: [T] = []
        var prepareFailure: IntegrityFailure? = nil
        let summary = try scan(directory, stopAfterSeq: stopAfterSeq, from: start) { (line: VerifiedLine) throws(ChainError) in
            guard prepareFailure == nil else { return }
            do {
                if let kept = try prepare(line) { pending.append(kept) }
            } catch {
                prepareFailure = IntegrityFailure(seq: line.location.seq, lineNumber: line.location.lineNumber,
                                                  byteOffset: line.location.byteOffset, kind: .unparsable(SystemWords.unreadable(error)))
                return
            }
            if line.location.seq == line.batchLast {
                batch(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        // `prepare` sees only lines that passed every chain check, and the walk goes on after it refuses one, so a
        // chain failure found as well lies further on: the refused line is the first failure, the one reported.
        if let failure = prepareFailure ?? summary.failure { throw .integrity(failure) }
        return summary
    }
}

/// One chunk on its way through `LogScanner.scan`'s pipeline.
private struct ScanStage {
    /// The chunk, kept for the checks (they read its lines).
    var chunk: [UInt8]
    /// The offset of chunk[0] in the file.
    let fileOffset: Int64
    /// The line begun in the chunks before and ended in this one, with its work; its newline is at
    /// `chunk[carriedEnd]`.
    let carried: (line: [UInt8], work: LineResult, problem: ChainError.LineProblem?, carriedEnd: Int)?
    /// The chunk's complete lines' work, being computed; and the read of the next chunk.
    let work: Parallel.Started<PartWork>
    /// The unterminated tail carried after this chunk is longer than any record line can be: its length so far,
    /// and whether the file goes on after the chunk (the line is then longer still).
    let tailTooLong: (bytes: Int, atLeast: Bool)?
}
