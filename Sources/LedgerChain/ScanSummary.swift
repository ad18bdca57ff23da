import LedgerPlatform

/// What a scan of the whole log found.
public struct ScanSummary: Equatable, Sendable {
    /// Records in the committed log (complete batches only).
    public let recordCount: Int64
    /// Hash of the last committed record; `Record.genesisPrev` for an empty log.
    public let headHash: Digest32
    /// Bytes of the committed log; everything after is torn tail.
    public let committedBytes: Int64
    public let tornTail: TornTail?
    /// The first integrity failure; nil when intact.
    public let failure: IntegrityFailure?
}
