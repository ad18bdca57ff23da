/// The language of a report's labels and sentences. Chinese is the default: the users are street offices.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case zh
    case en

    /// Picks the Chinese or the English text.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

/// The output formats of the rectification list.
public enum RectificationFormat: String, CaseIterable, Sendable {
    case table
    case csv
    case json
    case html
    case md
}

/// Where a report came from, so that the printed list is itself evidence: the log it was computed from.
public struct LedgerStamp: Equatable, Sendable {
    /// Records in the verified log.
    public let recordCount: Int64
    /// Hash of the last record, 64 lower-case hex digits (64 zeros for an empty log).
    public let headHash: String
    /// A signed checkpoint of the log that the log was verified against, when one was given.
    public let checkpoint: CheckpointSummary?

    public init(recordCount: Int64, headHash: String, checkpoint: CheckpointSummary? = nil) {
        self.recordCount = recordCount
        self.headHash = headHash
        self.checkpoint = checkpoint
    }
}

/// What a report says about a signed checkpoint it was verified against.
public struct CheckpointSummary: Equatable, Sendable {
    /// The log's name in the checkpoint.
    public let origin: String
    /// Records the checkpoint covers.
    public let size: Int64
    /// Merkle root, hex.
    public let rootHex: String
    /// When it was signed, as the checkpoint states it.
    public let time: String
    /// The name of the key that signed it.
    public let keyName: String

    public init(origin: String, size: Int64, rootHex: String, time: String, keyName: String) {
        self.origin = origin
        self.size = size
        self.rootHex = rootHex
        self.time = time
        self.keyName = keyName
    }
}
