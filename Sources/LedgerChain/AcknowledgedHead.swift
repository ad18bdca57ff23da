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
    static func body(seq: Int64, hash: Digest32) -> [UInt8] {
        CanonicalJSON.encode(.object(["hash": .string(hash.hex), "seq": .integer(seq)]))
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

/// One slot of `LEDGER/acknowledged` (ledger-spec.md section 1): 4,096 bytes, the canonical JSON
/// `{"check":"<64 hex>","hash":"<64 hex>","seq":N}`, spaces, and LF as the last byte. `check` is the SHA-256 of
/// `{"hash":"<64 hex>","seq":N}`, so a slot whose write was cut short (part new, part old bytes) is invalid.
/// Seq 0 with a hash of 64 zeros says nothing is acknowledged (a new ledger).
enum AcknowledgedSlot: Equatable, Sendable {
    /// Nothing acknowledged yet (seq 0).
    case empty
    case head(AcknowledgedHead)
    /// Not exactly in the slot form: a write cut short by a crash, or damage.
    case damaged

    init(_ head: AcknowledgedHead?) { self = head.map { .head($0) } ?? .empty }

    /// The seq it records (0 for `empty`); nil when damaged.
    var seq: Int64? {
        switch self {
        case .empty: return 0
        case .head(let head): return head.seq
        case .damaged: return nil
        }
    }

    /// The slot's exact bytes (not for `damaged`).
    var bytes: [UInt8] {
        let (seq, hash): (Int64, Digest32)
        switch self {
        case .empty: (seq, hash) = (0, .zero)
        case .head(let head): (seq, hash) = (head.seq, head.hash)
        case .damaged: preconditionFailure("a damaged slot is never written")
        }
        let check = SHA256.digest(AcknowledgedHead.body(seq: seq, hash: hash))
        var out = CanonicalJSON.encode(.object(["check": .string(check.hex), "hash": .string(hash.hex), "seq": .integer(seq)]))
        out += [UInt8](repeating: 0x20, count: AcknowledgedHead.slotBytes - 1 - out.count)
        out.append(0x0A)
        return out
    }

    /// Parses one slot: `damaged` unless the bytes are exactly what `bytes` writes for the values they hold.
    init(slotBytes bytes: ArraySlice<UInt8>) {
        self = .damaged
        // The JSON holds no space, so it ends at the first one.
        let end = bytes.firstIndex(of: 0x20) ?? bytes.endIndex - 1
        guard bytes.count == AcknowledgedHead.slotBytes, bytes.last == 0x0A,
              case .object(let members)? = try? JSONParser.parse(Array(bytes[..<end])), members.count == 3,
              let seq = members["seq"]?.integerValue, seq >= 0,
              let hex = members["hash"]?.stringValue, let hash = Digest32(hex: hex) else { return }
        let slot: AcknowledgedSlot = seq == 0 ? .empty : .head(AcknowledgedHead(seq: seq, hash: hash))
        // Seq 0 must carry the zero hash: its bytes are then those of `.empty`; the check is compared here too.
        guard Bytes.equal(slot.bytes[...], bytes) else { return }
        self = slot
    }

    /// What readers take: the valid slot with the higher seq (nil: nothing acknowledged). Both damaged, or two
    /// different heads with the same seq, is a damaged file.
    static func current(_ slots: [AcknowledgedSlot]) throws(ChainError) -> AcknowledgedHead? {
        let valid = slots.filter { $0 != .damaged }
        guard let best = valid.max(by: { $0.seq! < $1.seq! }) else {
            throw .acknowledgedDamage(.init(reason: SystemWords.acknowledgedSlotsDamaged))
        }
        if valid.count == 2, valid[0].seq == valid[1].seq, valid[0] != valid[1] {
            throw .acknowledgedDamage(.init(reason: SystemWords.acknowledgedSlotsDiffer(seq: best.seq!)))
        }
        if case .head(let head) = best { return head }
        return nil
    }

    /// The slot a writer overwrites: a damaged one, else the one with the lower seq, else (same head) slot 0.
    static func indexToOverwrite(_ slots: [AcknowledgedSlot]) -> Int {
        if slots[0] == .damaged { return 0 }
        if slots[1] == .damaged { return 1 }
        return slots[1].seq! < slots[0].seq! ? 1 : 0
    }
}

/// The writer's side of `LEDGER/acknowledged`: one write in place and one fdatasync per acknowledged batch.
/// Opened under the writer's lock after the log was verified; keeps the file open between appends.
final class AcknowledgedHeadRecorder {
    private let directory: LedgerDirectory
    /// The file in its two-slot form, open for writing, and what its slots hold; nil while it is missing or in the
    /// one-line form (the next `record` then creates it whole, atomically).
    private var file: PosixFile?
    private var slots: [AcknowledgedSlot] = []

    init(_ directory: LedgerDirectory) throws(ChainError) {
        self.directory = directory
        do { try open() } catch { throw .acknowledgedUnreadable(path: directory.acknowledgedPath, reason: SystemWords.fileError(error)) }
        if file != nil {
            do { _ = try AcknowledgedSlot.current(slots) } catch .acknowledgedDamage(let damage) {
                throw .acknowledgedUnreadable(path: directory.acknowledgedPath, reason: damage.reason)
            }
        }
    }

    /// Opens the file for writing (never through a link) and reads its slots; leaves `file` nil when it is missing
    /// or not in the two-slot form (the one-line form, which the scan before accepted).
    private func open() throws(FileError) {
        file = nil
        slots = []
        let path = directory.acknowledgedPath
        let opened: PosixFile
        do { opened = try PosixFile(path: path, mode: .readWrite, followLinks: false) } catch {
            if error.isNotFound { return }
            throw error
        }
        let status = try opened.status()
        guard status.kind == .regular else { throw .wrongKind(path: path, kind: status.kind, expected: "a regular file") }
        guard status.size == Int64(AcknowledgedHead.fileBytes) else { return }
        var bytes = [UInt8]()
        try opened.read(at: 0, count: AcknowledgedHead.fileBytes, into: &bytes)
        // Cut meanwhile by someone else: written whole again at the next append, like the one-line form.
        guard bytes.count == AcknowledgedHead.fileBytes else { return }
        file = opened
        slots = [AcknowledgedSlot(slotBytes: bytes[0..<AcknowledgedHead.slotBytes]),
                 AcknowledgedSlot(slotBytes: bytes[AcknowledgedHead.slotBytes...])]
    }

    /// Records `head` durably: overwrites the slot that does not hold the current head and fdatasyncs the file.
    /// On failure the slot may hold the new head, the old one or neither (readers then take the other slot).
    func record(_ head: AcknowledgedHead) throws(FileError) {
        // A file removed or replaced since it was opened (by hand, while this writer held the lock) is not the
        // one readers see: open the one at the path again.
        if let file, try file.status().linkCount == 0 { try open() }
        guard let file else {
            try head.write(directory)
            try? open()   // should this fail, the next append writes the whole file again
            return
        }
        let index = AcknowledgedSlot.indexToOverwrite(slots)
        slots[index] = .damaged   // until the write is known to be complete
        try file.write(AcknowledgedSlot.head(head).bytes, at: Int64(index * AcknowledgedHead.slotBytes))
        try file.syncData()
        slots[index] = .head(head)
    }

    func close() { file?.close() }
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

    /// The checked record a scan resumes after, as if it had been read.
    mutating func observe(_ start: ResumePoint) {
        if start.seq == head?.seq { seen = (start.location, start.hash) }
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
                                       kind: .acknowledgedLost(SystemWords.acknowledgedReplaced(seq: head.seq, found: seen.hash, acknowledged: head.hash)))
        } else {
            let first = summary.recordCount + 1
            failure = IntegrityFailure(seq: first, lineNumber: Int(first), byteOffset: summary.committedBytes,
                                       kind: .acknowledgedLost(SystemWords.acknowledgedCut(seq: head.seq, hash: head.hash, committed: summary.recordCount,
                                                                                          torn: summary.tornTail)))
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
        var watch = AcknowledgedWatch(head)
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
