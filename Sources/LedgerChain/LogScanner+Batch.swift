import LedgerEvents
import LedgerPlatform

extension LogScanner {
    /// The append batch (ledger-spec.md section 4) that committed record `seq` was written in: its first and last seq.
    ///
    /// A query cut at a record inside a batch would show a state the ledger never stood in (a batch is written all or
    /// nothing), so `--at-seq` asks this before it answers. The answer needs one line of the batch, not the records
    /// before it: the lines are in seq order, so a binary search over the file's bytes finds one, each probe reading
    /// the first line that starts at or after a byte offset. A line the search relies on must read as a record line
    /// (`RecordLineScanner`) whose stored hash is its bytes' hash; when one does not, or the search finds no line of
    /// the batch, the log is scanned and verified up to the batch (`committedBatches`), which either answers or
    /// throws the log's integrity failure.
    /// - Parameters:
    ///   - seq: a committed record's seq (at most the committed log's record count, which the caller has read): a
    ///     later seq may be answered from the complete lines of a torn tail.
    /// - Returns: the batch's first and last seq; nil when no line holds `seq`.
    /// - Throws: `ChainError.file` when the log cannot be read; `.integrity` when the fallback scan finds the log
    ///   damaged before the batch ends.
    /// - Complexity: O(log n) positional reads of 8 KiB (a longer line is read whole, at most `Limits.recordBytesMax`);
    ///   the fallback reads the log up to the batch.
    public static func batch(holding seq: Int64, in directory: LedgerDirectory) throws(ChainError) -> (first: Int64, last: Int64)? {
        if let found = try probeBatch(holding: seq, in: directory) { return found }
        var found: (first: Int64, last: Int64)? = nil
        _ = try committedBatches(directory, stopAfterSeq: seq, prepare: { line -> Bool? in
            if line.location.seq == seq { found = (line.batchFirst, line.batchLast) }
            return nil
        }, batch: { (_: [Bool]) in })
        return found
    }

    /// What a probe at a byte offset found.
    private enum Probe {
        /// No complete line starts at or after the offset (the end of the file, or an unterminated last line).
        case end
        /// A line that does not read as a record line, or whose stored hash is not its bytes' hash.
        case unreadable
        /// The first line at or after the offset, and the offset just after its newline.
        case line(ScannedLine, next: Int64)
    }

    /// `batch(holding:in:)`'s binary search; nil when it cannot tell (then the log is scanned).
    private static func probeBatch(holding seq: Int64, in directory: LedgerDirectory) throws(ChainError) -> (first: Int64, last: Int64)? {
        let file: PosixFile
        do { file = try PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) } catch { throw .file(error) }
        defer { file.close() }
        let size: Int64
        do { size = try file.size() } catch { throw .file(error) }
        var buffer: [UInt8] = []
        // The line of `seq` starts in low..<high: a line starting at or after `middle` with a later seq (and another
        // batch) puts it before `middle`; one with an earlier batch puts it after that line.
        var low: Int64 = 0, high = size
        while low < high {
            let middle = low + (high - low) / 2
            switch try probe(file, at: middle, size: size, &buffer) {
            case .unreadable: return nil
            case .end: high = middle
            case .line(let line, let next):
                if line.batchFirst <= seq && seq <= line.batchLast { return (line.batchFirst, line.batchLast) }
                if line.seq > seq { high = middle } else { low = next }
            }
        }
        return nil
    }

    /// The first complete line of `file` that starts at or after `offset` (a line starts at 0 or after a newline).
    private static func probe(_ file: PosixFile, at offset: Int64, size: Int64, _ buffer: inout [UInt8]) throws(ChainError) -> Probe {
        let window = 8192
        // From the byte before `offset`: a newline there means a line starts at `offset`.
        let from = max(0, offset - 1)
        var count = min(Int64(window), size - from)
        while true {
            do { try file.read(at: from, count: Int(count), into: &buffer) } catch { throw .file(error) }
            let start = offset == 0 ? 0 : buffer.firstIndex(of: 0x0A).map { $0 + 1 }
            if let start, let end = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<end]
                guard line.count > RecordCodec.hashMemberLength, let scanned = try? RecordLineScanner.scan(line),
                      Digest32(hexUTF8: buffer[scanned.storedHashRange]) == RecordCodec.hashedBytesDigest(line: line) else { return .unreadable }
                return .line(scanned, next: from + Int64(end) + 1)
            }
            // The line (or the newline before it) lies beyond the window: read as much as a record line can hold.
            let longest = min(Int64(Limits.recordBytesMax) * 2 + 2, size - from)
            if count >= longest { return from + count >= size ? .end : .unreadable }
            count = longest
        }
    }
}
