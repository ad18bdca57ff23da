import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The outcome of a fact import: the batch to append (empty when there is nothing to append or bad rows stop
/// it), the report, and what a rejects file needs.
public struct FactImportResult: Sendable {
    public var events: [Event]
    public var report: FactImportReport
    public var rejects: RejectsSource
    /// The events of every row read without problems, before the ledger is consulted (rows already recorded
    /// included): what the rows name, for a caller that reads only their records (`FactImportLedger`).
    public var plannedEvents: [Event] = []
    /// The community column's cells as the rows write them (trimmed, not empty): each must be a registered
    /// community's id for the stored state to answer (a name needs every community's name).
    public var communityCells: Set<String> = []
}
