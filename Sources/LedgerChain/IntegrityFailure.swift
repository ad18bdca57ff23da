import LedgerEvents
import LedgerPlatform

/// The first thing wrong with a log, found by `LogScanner`. Verify reports it; writers and readers refuse the log.
public struct IntegrityFailure: Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Equatable, Sendable {
        /// The line is not a record line (bad JSON, bad layout, invalid UTF-8, too long). The words of this and
        /// the other reasons are made in `SystemWords`.
        case unparsable(Wording)
        /// The stored hash is not the SHA-256 of the line's hashed bytes.
        case hashMismatch(stored: String, computed: String)
        /// `prev` is not the previous record's hash.
        case brokenLink(expected: String, found: String)
        /// `seq` is not one more than the previous record's.
        case sequence(expected: Int64, found: Int64)
        /// The batch fields contradict the records around them.
        case badBatch(Wording)
        /// Records the writer acknowledged (`LEDGER/acknowledged`) are missing from the committed log or differ.
        case acknowledgedLost(Wording)
    }

    /// The seq the bad record should have had (its position in the log).
    public let seq: Int64
    /// 1-based line number in events.jsonl.
    public let lineNumber: Int
    /// Byte offset of the line's first byte.
    public let byteOffset: Int64
    public let kind: Kind

    public init(seq: Int64, lineNumber: Int, byteOffset: Int64, kind: Kind) {
        self.seq = seq
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
        self.kind = kind
    }

    /// A stable machine-readable name of the kind, for `verify --json`.
    public var kindCode: String {
        switch kind {
        case .unparsable: return "unparsable"
        case .hashMismatch: return "hash_mismatch"
        case .brokenLink: return "broken_link"
        case .sequence: return "sequence"
        case .badBatch: return "bad_batch"
        case .acknowledgedLost: return "acknowledged_lost"
        }
    }

    /// What is wrong, in one sentence without the position (the English of `SystemWords.detail(_:)`).
    public var detail: String { SystemWords.detail(self).en }

    public var description: String { SystemWords.wording(self).en }
}
