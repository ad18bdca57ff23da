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
/// The file is two fixed-size slots (`AcknowledgedSlot`), so that recording a head is one write in place and one
/// fdatasync (no change of size or name, so no journal commit): the writer overwrites the slot that does not hold
/// the current head, and readers take the valid slot with the higher seq. A write cut short by a crash leaves that
/// slot invalid and the other one holding the previous head, which is right: the batch was not reported yet.
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

    /// Bytes of one slot. Each slot fills a 4 KiB block of its own, so writing one never rewrites the block that
    /// holds the other (a disk with 512-byte logical sectors on 4 KiB physical ones rewrites whole 4 KiB blocks).
    public static let slotBytes = 4096
    /// Size of the file in its two-slot form.
    public static let fileBytes = 2 * slotBytes

    /// The bytes of a file whose two slots hold `slot0` and `slot1` (nil: nothing acknowledged).
    public static func fileBytes(_ slot0: AcknowledgedHead?, _ slot1: AcknowledgedHead?) -> [UInt8] {
        AcknowledgedSlot(slot0).bytes + AcknowledgedSlot(slot1).bytes
    }

    /// The head the file's bytes record: nil when nothing is acknowledged yet; throws why when they are damaged.
    /// Accepts the two-slot form and the earlier one-line form `{"hash":"<64 hex>","seq":N}` and LF (development
    /// builds wrote it before the slots; a writer replaces it at its next append).
    public static func decode(fileBytes bytes: [UInt8]) throws(ChainError) -> AcknowledgedHead? {
        if bytes.count == fileBytes {
            return try AcknowledgedSlot.current([AcknowledgedSlot(slotBytes: bytes[0..<slotBytes]),
                                                 AcknowledgedSlot(slotBytes: bytes[slotBytes...])])
        }
        if let head = AcknowledgedHead(lineBytes: bytes) { return head }
        throw .acknowledgedDamage(.init(reason: SystemWords.acknowledgedSize(bytes.count, slotBytes: slotBytes)))
    }

    /// The slot (0 or 1) of the ledger's two-slot `acknowledged` that is invalid while the other is valid, read twice
    /// alike (a slot an append is overwriting reads differently the second time); nil otherwise. Readers take the
    /// other slot's head, as section 1 says; but when the invalid slot is damage rather than a write cut short, a
    /// head it held is lost, and whole batches cut after the other slot's seq could not be told (review 42a): what
    /// `ledger verify` notes. Never an error: the file is read again by the check itself.
    public static func invalidSlot(_ directory: LedgerDirectory) -> Int? {
        func read() -> Int? {
            guard let bytes = try? readBytes(directory.acknowledgedPath), bytes.count == fileBytes else { return nil }
            let slots = [AcknowledgedSlot(slotBytes: bytes[0..<slotBytes]), AcknowledgedSlot(slotBytes: bytes[slotBytes...])]
            switch (slots[0] == .damaged, slots[1] == .damaged) {
            case (true, false): return 0
            case (false, true): return 1
            default: return nil
            }
        }
        guard let first = read(), read() == first else { return nil }
        return first
    }
}

extension ChainError {
    /// Why the file's bytes of `LEDGER/acknowledged` record no head (`AcknowledgedHead.decode`): a value, thrown as
    /// `ChainError.acknowledgedDamage`.
    public struct AcknowledgedDamage: Equatable, Sendable {
        public let reason: Wording
    }
}

extension AcknowledgedHead {
    /// `{"hash":"<hex>","seq":N}`: the one-line form, and what a slot's check is computed over.
    /// Written member by member, as `AcknowledgedSlot.bytes` is (why there: once a batch, on the append's thread):
    /// the bytes `CanonicalJSON.encode` gives for the object (`AcknowledgedSlotBytesTests` compares them).
    static func body(seq: Int64, hash: Digest32) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        out.append(contentsOf: #"{"hash":""#.utf8)
        hash.appendHex(to: &out)
        out.append(contentsOf: #"","seq":"#.utf8)
        Bytes.appendDecimal(seq, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Parses the one-line form; nil unless the bytes are exactly `body` and LF with seq ≥ 1.
    init?(lineBytes bytes: [UInt8]) {
        guard bytes.count <= 256, bytes.last == 0x0A,
              case .object(let members)? = try? JSONParser.parse(Array(bytes.dropLast())),
              members.count == 2, let seq = members["seq"]?.integerValue, seq >= 1,
              let hex = members["hash"]?.stringValue, let hash = Digest32(hex: hex),
              Self.body(seq: seq, hash: hash) + [0x0A] == bytes else { return nil }
        self.init(seq: seq, hash: hash)
    }

    /// Reads the ledger's acknowledged head; nil when the file does not exist or records nothing yet.
    ///
    /// Readers take no lock, so a read can meet the writer overwriting a slot (then it takes the other one) and,
    /// if it is descheduled in the middle, the next append overwriting the other slot too. So a file found damaged
    /// is read again, until it reads the same twice (a damaged file does; a file being written does not).
    /// - Throws: `ChainError.acknowledgedUnreadable` when the file cannot be read or both slots are damaged.
    public static func read(_ directory: LedgerDirectory) throws(ChainError) -> AcknowledgedHead? {
        let path = directory.acknowledgedPath
        guard var bytes = try readBytes(path) else { return nil }
        for _ in 0..<3 {
            if let head = try? decode(fileBytes: bytes) { return head }
            guard let again = try readBytes(path), again != bytes else { break }
            bytes = again
        }
        do { return try decode(fileBytes: bytes) } catch .acknowledgedDamage(let damage) {
            throw .acknowledgedUnreadable(path: path, reason: damage.reason)
        }
    }

    /// The file's bytes; nil when it does not exist. Never through a link planted in the ledger (O_NOFOLLOW),
    /// never a FIFO or a huge file.
    private static func readBytes(_ path: String) throws(ChainError) -> [UInt8]? {
        do { return try PosixFile.readRegularFile(path, bytesMax: fileBytes, followLinks: false).bytes } catch {
            if case .file(let file) = error, file.isNotFound { return nil }
            throw .acknowledgedUnreadable(path: path, reason: SystemWords.inputFileError(error))
        }
    }

    /// Replaces the file atomically (temporary file, fsync, rename, fsync of the directory) with one whose two
    /// slots both hold this head: how a writer creates the file in a ledger that has none, or only the one-line form.
    public func write(_ directory: LedgerDirectory) throws(FileError) {
        try PosixFile.writeAtomically(Self.fileBytes(self, self), to: directory.acknowledgedPath)
    }
}

extension LedgerDirectory {
    /// `LEDGER/acknowledged`: the acknowledged head. Not under `index/`: it cannot be rebuilt from the log.
    public var acknowledgedPath: String { path + "/acknowledged" }
    /// How messages name the file.
    static let acknowledgedName = "LEDGER/acknowledged"
}

extension LogScanner {
    /// Scans a ledger's log like `scan(path:)` and also checks it against the acknowledged head: records lost
    /// after they were acknowledged are an integrity failure (`acknowledgedLost`), never a torn tail.
    ///
    /// The acknowledged head is read before the log, so a writer appending meanwhile (which records its head only
    /// after the batch is in the log) can never make the log look shorter than what was acknowledged.
    /// A scan stopped early by `stopAfterSeq` judges only the records it read.
    /// - Complexity: one pass over the log, constant memory.
    ///
    /// With `start`, the scan resumes after that checked record; an acknowledged head before it cannot be checked
    /// without reading the prefix, so it is refused (`.resumeBeforeAcknowledged`): read the whole log instead.
    /// - Throws: `visit`'s error, or what stops the scan (the log or the acknowledged head cannot be read, or a
    ///   resume before the acknowledged head) made one by `failed`.
    public static func scan<E: Error>(_ directory: LedgerDirectory, stopAfterSeq: Int64? = nil, from start: ResumePoint? = nil,
                                      failed: (ChainError) -> E,
                                      visit: (VerifiedLine) throws(E) -> Void) throws(E) -> ScanSummary {
        let head: AcknowledgedHead?
        do { head = try AcknowledgedHead.read(directory) } catch { throw failed(error) }
        var watch = AcknowledgedWatch(head, file: directory.acknowledgedPath)
        if let start, let head, head.seq <= start.seq {
            guard head.seq == start.seq else { throw failed(.resumeBeforeAcknowledged(seq: start.seq, acknowledged: head.seq)) }
            watch.observe(start)
        }
        let summary = try scan(path: directory.eventsPath, stopAfterSeq: stopAfterSeq, from: start, failed: failed) {
            (line: VerifiedLine) throws(E) in
            watch.observe(line)
            try visit(line)
        }
        // A scan that stopped at `stopAfterSeq` before the end of the file did not read the records after it.
        let stoppedEarly = stopAfterSeq.map { summary.recordCount >= $0 && summary.tornTail != nil } ?? false
        if stoppedEarly, let head, head.seq > summary.recordCount { return summary }
        return watch.judge(summary)
    }

    /// `scan(_:stopAfterSeq:from:failed:visit:)` for a visitor that throws `ChainError` (or nothing).
    public static func scan(_ directory: LedgerDirectory, stopAfterSeq: Int64? = nil, from start: ResumePoint? = nil,
                            visit: (VerifiedLine) throws(ChainError) -> Void) throws(ChainError) -> ScanSummary {
        try scan(directory, stopAfterSeq: stopAfterSeq, from: start, failed: { $0 }, visit: visit)
    }

    /// `scan(_:)` without visiting: the summary only.
    /// - Throws: what stops the scan (the log or the acknowledged head cannot be read, or is refused); an
    ///   integrity failure of the records is the summary's `failure`.
    public static func verify(_ directory: LedgerDirectory) throws(ChainError) -> ScanSummary {
        try scan(directory) { (_: VerifiedLine) throws(ChainError) in }
    }
}
