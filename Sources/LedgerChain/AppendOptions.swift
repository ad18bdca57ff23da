import LedgerEvents

/// Options of one append.
public struct AppendOptions {
    /// Fail, changing nothing, unless the ledger's last seq is this (optimistic concurrency).
    public var expectSeq: Int64?
    /// The recording time stamped on every record of the batch (the CLI reads the clock; tests fix it).
    public var recordedAt: Timestamp
    /// Actor for events that name none.
    public var defaultActor: String?
    /// Makes an id for an event that has none.
    public var makeId: () -> String
    /// Called after the batch is durable in the log and before it is recorded as acknowledged (fault tests stop a
    /// writer here); nil in normal use. It must not call the writer: the batch's ids may be going into the writer's
    /// id index on another core meanwhile, and a lookup then would not see the ids appended since the last table.
    public var beforeAcknowledging: (() -> Void)? = nil

    public init(expectSeq: Int64? = nil, recordedAt: Timestamp, defaultActor: String?, makeId: @escaping () -> String) {
        self.expectSeq = expectSeq
        self.recordedAt = recordedAt
        self.defaultActor = defaultActor
        self.makeId = makeId
    }
}
