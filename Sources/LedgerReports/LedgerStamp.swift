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
