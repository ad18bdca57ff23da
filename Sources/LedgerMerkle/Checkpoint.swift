import LedgerEvents
import LedgerPlatform

/// A signed statement of the ledger's state: "ledger ORIGIN had SIZE records, Merkle root ROOT, last record
/// HEAD, at TIME". The text follows C2SP tlog-checkpoint (origin, size, base64 root, then extension lines) and is
/// signed as a C2SP signed note. The exact body (ledger-spec.md, "Checkpoints"):
///
///     <origin>\n
///     <size, decimal, no leading zeros>\n
///     <base64 of the 32-byte root>\n
///     ledger-checkpoint v1\n
///     head <64 lower-case hex: hash of record SIZE>\n
///     time <YYYY-MM-DDTHH:MM:SSZ>\n
public struct Checkpoint: Equatable, Sendable {
    /// The ledger's identity name (its `name` in ledger.json).
    public let origin: String
    /// Number of records covered, at least 1.
    public let size: UInt64
    /// RFC 6962 root of records 1…size.
    public let root: Digest32
    /// Hash of record `size`.
    public let head: Digest32
    /// When the checkpoint was made (UTC).
    public let time: Timestamp

    /// The format line; a new layout is a new version, never a silent change.
    public static let versionLine = "ledger-checkpoint v1"

    /// How far a checkpoint's time may lie ahead of the reader's clock (5 minutes): two honest computers' clocks
    /// differ by that much, a checkpoint dated later than that claims a state of the log not yet reached
    /// (`ledger checkpoint --time` refuses it, `verify --checkpoint` fails it, a witness does not cosign it).
    public static let clockSkewSecondsMax: Int64 = 300

    /// True when `time` is later than `now` plus the allowed clock difference (`clockSkewSecondsMax`).
    public static func isInFuture(_ time: Timestamp, now: Timestamp) -> Bool {
        time.secondsSinceEpoch > now.secondsSinceEpoch + clockSkewSecondsMax
    }

    public init(origin: String, size: UInt64, root: Digest32, head: Digest32, time: Timestamp) {
        self.origin = origin
        self.size = size
        self.root = root
        self.head = head
        self.time = time
    }

    /// True for origins a checkpoint can carry: non-empty, no control character (Unicode Cc: U+0000–U+001F,
    /// U+007F–U+009F), not beginning or ending with a space (U+0020).
    public static func isValidOrigin(_ origin: String) -> Bool {
        !origin.isEmpty && !origin.unicodeScalars.contains { EventInput.isControl($0) }
            && origin.unicodeScalars.first != " " && origin.unicodeScalars.last != " "
    }

    /// The exact signed bytes.
    public var body: [UInt8] {
        precondition(Self.isValidOrigin(origin), "checkpoint origin must be a single line")
        let text = "\(origin)\n\(size)\n\(Base64.encode(root.bytes))\n\(Self.versionLine)\nhead \(head.hex)\ntime \(time)\n"
        return Array(text.utf8)
    }

    /// The signed note: body, blank line, one signature line per key.
    public func signed(by keys: [SignerKey]) -> [UInt8] { SignedNote.sign(text: body, keys: keys) }

    /// Parses a checkpoint note and checks its signature by `key` first: nothing in an unsigned or badly
    /// signed note is believed.
    /// - Throws: `AuditError` (`.badNote`, `.notSignedByKey`, `.badSignature`, `.badCheckpoint`).
    public static func open(_ bytes: [UInt8], key: VerifierKey, file: String) throws(AuditError) -> Checkpoint {
        let note = try SignedNote(bytes: bytes, file: file)
        try note.verify(key: key, file: file)
        return try parse(body: note.text, file: file)
    }

    /// Parses a checkpoint note without checking signatures (for `ledger prove`, which has no public key;
    /// whoever checks the bundle checks the signature).
    public static func openUnverified(_ bytes: [UInt8], file: String) throws(AuditError) -> Checkpoint {
        try parse(body: try SignedNote(bytes: bytes, file: file).text, file: file)
    }

    /// Parses the body text.
    public static func parse(body: [UInt8], file: String) throws(AuditError) -> Checkpoint {
        let text = String(decoding: body, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.last == "" else { throw .badCheckpoint(file: file, line: lines.count, problem: .noFinalNewline) }
        lines.removeLast()
        guard lines.count == 6 else {
            throw .badCheckpoint(file: file, line: min(lines.count + 1, 7),
                                 problem: .lineCount(found: lines.count, versionLine: versionLine))
        }
        let origin = lines[0]
        guard isValidOrigin(origin) else { throw .badCheckpoint(file: file, line: 1, problem: .badOrigin) }
        guard let size = parseDecimal(lines[1]) else {
            throw .badCheckpoint(file: file, line: 2, problem: .sizeNotDecimal(text: lines[1]))
        }
        // A checkpoint of no records would be consistent with every log and prove nothing (section 14.2 admits no
        // consistency proof from size 0); `ledger checkpoint` refuses an empty ledger, and readers refuse size 0.
        guard size >= 1 else {
            throw .badCheckpoint(file: file, line: 2, problem: .sizeZero)
        }
        // Records are numbered with Int64 (section 2); a larger size is no ledger's and would trap where the
        // size is used as a record number (prove's scan, verify --json).
        guard size <= UInt64(Int64.max) else {
            throw .badCheckpoint(file: file, line: 2, problem: .sizeTooLarge(size: size))
        }
        guard let rootBytes = Base64.decode(lines[2]), let root = Digest32(bytes: rootBytes) else {
            throw .badCheckpoint(file: file, line: 3, problem: .rootNotBase64(text: lines[2]))
        }
        guard lines[3] == versionLine else {
            throw .badCheckpoint(file: file, line: 4, problem: .version(expected: versionLine, found: lines[3]))
        }
        guard lines[4].hasPrefix("head "), let head = Digest32(hex: lines[4].dropFirst(5)) else {
            throw .badCheckpoint(file: file, line: 5, problem: .headLine)
        }
        guard lines[5].hasPrefix("time "), let time = Timestamp(rfc3339: lines[5].dropFirst(5)) else {
            throw .badCheckpoint(file: file, line: 6, problem: .timeLine)
        }
        let checkpoint = Checkpoint(origin: origin, size: size, root: root, head: head, time: time)
        // One spelling only: the parsed values must print back to the same bytes.
        guard checkpoint.body == body else { throw .badCheckpoint(file: file, line: 1, problem: .notCanonical) }
        return checkpoint
    }

    static func parseDecimal(_ text: String) -> UInt64? {
        let u = Array(text.utf8)
        guard !u.isEmpty, u.count <= 19, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard u.count == 1 || u[0] != 0x30 else { return nil }
        return UInt64(text)
    }
}
