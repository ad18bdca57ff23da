/// The language of a report's labels and sentences. Chinese is the default: the users are street offices.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case zh
    case en

    /// Picks the Chinese or the English text.
    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
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
    /// A signed checkpoint of the log, as text, when one exists.
    public let checkpoint: String?

    public init(recordCount: Int64, headHash: String, checkpoint: String? = nil) {
        self.recordCount = recordCount
        self.headHash = headHash
        self.checkpoint = checkpoint
    }
}
