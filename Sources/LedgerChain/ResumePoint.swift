import LedgerEvents
import LedgerPlatform

/// A committed record that a scan may resume after: derived state (`index/`) stamped with it folds only the
/// records after it. Made only by `LogScanner.resumePoint`, which checks the record in the log as it is now.
public struct ResumePoint: Equatable, Sendable {
    /// The record's seq (a batch's last record).
    public let seq: Int64
    /// The record's hash, recomputed from its line.
    public let hash: Digest32
    /// Where its line starts and how long it is (without the newline).
    public let lineOffset: Int64
    public let lineBytes: Int
    /// Just after its newline: where the next record starts.
    public var byteOffset: Int64 { lineOffset + Int64(lineBytes) + 1 }
    var location: RecordLocation { RecordLocation(seq: seq, lineNumber: Int(seq), byteOffset: lineOffset, byteCount: lineBytes) }
}
