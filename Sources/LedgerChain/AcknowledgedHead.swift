import LedgerEvents
import LedgerPlatform

/// The last record a writer acknowledged, kept outside the log in `LEDGER/acknowledged` (ledger-spec.md
/// sections 1, 4 and 5), so that a cut through acknowledged records cannot pass for a torn tail.
///
/// The log alone cannot tell an unfinished append from the loss of the end of an acknowledged batch: both leave
/// a batch without its last record. The writer records `(seq, hash)` of the batch's last record here after the
/// batch is durable in the log and before it reports success, so every acknowledged record is at or before this
/// seq. A missing file means no acknowledged head is known (a ledger written before this file existed).
///
/// The file is one line of canonical JSON, `{"hash":"<64 lower-case hex>","seq":N}` and LF, `N` ≥ 1.
public struct AcknowledgedHead: Equatable, Sendable {
    /// Seq of the last acknowledged record.
    public let seq: Int64
    /// Its record hash.
    public let hash: Digest32

    public init(seq: Int64, hash: Digest32) {
        precondition(seq >= 1, "an acknowledged head names a record")
        self.seq = seq
        self.hash = hash
    }

    /// The file's exact bytes.
    public var fileBytes: [UInt8] {
        CanonicalJSON.encode(.object(["hash": .string(hash.hex), "seq": .integer(seq)])) + [0x0A]
    }

    /// Longest file accepted (the real one is under 100 bytes).
    static let fileBytesMax = 256

    /// Parses the file's bytes; nil unless they are exactly what `fileBytes` writes.
    public init?(fileBytes bytes: [UInt8]) {
        guard bytes.last == 0x0A, case .object(let members)? = try? JSONParser.parse(Array(bytes.dropLast())),
              members.count == 2, let seq = members["seq"]?.integerValue, seq >= 1,
              let hex = members["hash"]?.stringValue, let hash = Digest32(hex: hex) else { return nil }
        self.init(seq: seq, hash: hash)
        guard fileBytes == bytes else { return nil }
    }

    /// Reads the ledger's acknowledged head; nil when the file does not exist.
    /// - Throws: `ChainError.acknowledgedUnreadable` when the file cannot be read or is not in its one form.
    public static func read(_ directory: LedgerDirectory) throws(ChainError) -> AcknowledgedHead? {
        let path = directory.acknowledgedPath
        let bytes: [UInt8]
        // Never through a link planted in the ledger (O_NOFOLLOW), never a FIFO or a huge file.
        do { bytes = try PosixFile.readRegularFile(path, bytesMax: fileBytesMax, followLinks: false).bytes } catch {
            if case .file(let file) = error, file.isNotFound { return nil }
            throw .acknowledgedUnreadable(path: path, reason: error.description)
        }
        guard let head = AcknowledgedHead(fileBytes: bytes) else {
            throw .acknowledgedUnreadable(path: path, reason: "it is not one line {\"hash\":\"<64 hex>\",\"seq\":N}")
        }
        return head
    }

    /// Records this head atomically (temporary file, fsync, rename, fsync of the directory).
    public func write(_ directory: LedgerDirectory) throws(FileError) {
        try PosixFile.writeAtomically(fileBytes, to: directory.acknowledgedPath)
    }
}

extension LedgerDirectory {
    /// `LEDGER/acknowledged`: the acknowledged head. Not under `index/`: it cannot be rebuilt from the log.
    public var acknowledgedPath: String { path + "/acknowledged" }
    /// How messages name the file.
    static let acknowledgedName = "LEDGER/acknowledged"
}

/// Watches one scan of the log for the acknowledged record and judges the result: every record up to the
/// acknowledged seq must be in the committed log, and the record at that seq must have the acknowledged hash.
struct AcknowledgedWatch {
    let head: AcknowledgedHead?
    private var seen: (location: RecordLocation, hash: Digest32)? = nil

    init(_ head: AcknowledgedHead?) { self.head = head }

    mutating func observe(_ line: VerifiedLine) {
        if line.location.seq == head?.seq { seen = (line.location, line.hash) }
    }

    /// The summary with a failure of kind `acknowledgedLost` when acknowledged records are missing or differ (the
    /// torn tail, if any, is then not reported as one: it cut into acknowledged records). A summary that already
    /// has a failure is returned as it is: the first failure is the one reported.
    func judge(_ summary: ScanSummary) -> ScanSummary {
        guard let head, summary.failure == nil else { return summary }
        let failure: IntegrityFailure
        if summary.recordCount >= head.seq {
            guard let seen, seen.hash != head.hash else { return summary }
            failure = IntegrityFailure(seq: head.seq, lineNumber: seen.location.lineNumber, byteOffset: seen.location.byteOffset,
                                       kind: .acknowledgedLost("record \(head.seq) has hash \(seen.hash.hex.prefix(12))… but the writer acknowledged it with hash \(head.hash.hex.prefix(12))… (\(LedgerDirectory.acknowledgedName)): acknowledged records were replaced; restore events.jsonl from a backup that holds record \(head.seq) with the acknowledged hash"))
        } else {
            let first = summary.recordCount + 1
            let range = first == head.seq ? "record \(head.seq) was" : "records \(first)…\(head.seq) were"
            var cut = ""
            if let torn = summary.tornTail {
                cut = " (the file ends in an unfinished batch: \(torn.byteCount) bytes, \(torn.completeRecords) complete record(s)\(torn.partialLine ? " and a partial line" : ""))"
            }
            failure = IntegrityFailure(seq: first, lineNumber: Int(first), byteOffset: summary.committedBytes,
                                       kind: .acknowledgedLost("the writer acknowledged records up to seq \(head.seq) (\(LedgerDirectory.acknowledgedName)) but the log's committed records end at seq \(summary.recordCount)\(cut): \(range) lost after being acknowledged; restore events.jsonl from a backup that holds record \(head.seq) (hash \(head.hash.hex.prefix(12))…)"))
        }
        return ScanSummary(recordCount: summary.recordCount, headHash: summary.headHash, committedBytes: summary.committedBytes,
                           tornTail: nil, failure: failure)
    }
}

extension LogScanner {
    /// Scans a ledger's log like `scan(path:)` and also checks it against the acknowledged head: records lost
    /// after they were acknowledged are an integrity failure (`acknowledgedLost`), never a torn tail.
    ///
    /// The acknowledged head is read before the log, so a writer appending meanwhile (which records its head only
    /// after the batch is in the log) can never make the log look shorter than what was acknowledged.
    /// A scan stopped early by `stopAfterSeq` judges only the records it read.
    /// - Complexity: one pass over the log, constant memory.
    public static func scan<E: Error>(_ directory: LedgerDirectory, stopAfterSeq: Int64? = nil,
                                      visit: (VerifiedLine) throws(E) -> Void) throws(E) -> Result<ScanSummary, ChainError> {
        let head: AcknowledgedHead?
        do { head = try AcknowledgedHead.read(directory) } catch { return .failure(error) }
        var watch = AcknowledgedWatch(head)
        let result = try scan(path: directory.eventsPath, stopAfterSeq: stopAfterSeq) { (line: VerifiedLine) throws(E) in
            watch.observe(line)
            try visit(line)
        }
        return result.map { summary in
            // A scan that stopped at `stopAfterSeq` before the end of the file did not read the records after it.
            let stoppedEarly = stopAfterSeq.map { summary.recordCount >= $0 && summary.tornTail != nil } ?? false
            if stoppedEarly, let head, head.seq > summary.recordCount { return summary }
            return watch.judge(summary)
        }
    }

    /// `scan(_:)` without visiting: the summary only.
    public static func verify(_ directory: LedgerDirectory) -> Result<ScanSummary, ChainError> {
        scan(directory) { (_: VerifiedLine) throws(Never) in }
    }
}
