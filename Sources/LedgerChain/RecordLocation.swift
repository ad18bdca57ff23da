import LedgerEvents
import LedgerPlatform

/// Where a record line lies in events.jsonl.
public struct RecordLocation: Equatable, Sendable {
    public let seq: Int64
    public let lineNumber: Int
    public let byteOffset: Int64
    /// Line length in bytes without the newline.
    public let byteCount: Int
}
