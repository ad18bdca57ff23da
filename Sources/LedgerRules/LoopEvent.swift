import LedgerEvents
import LedgerProjections

/// One event of the rectification loop as the rules read it: its business date, its record and what it says.
public struct LoopEvent: Equatable, Sendable {
    public enum Payload: Equatable, Sendable {
        case issued(RectificationIssued)
        case reported(RectificationReported)
        case verified(RectificationVerified)
        case extended(RectificationExtended)
    }

    public let date: CalendarDate
    public let evidence: Evidence
    public let payload: Payload
    /// Its place among the events of one day: the seq of the original record (a corrected event keeps the place
    /// of the one it replaces, as the projection folds it).
    public let position: Int64
    /// For an issued list: each key's item as the ledger held it on the check date (by key, in this release's form,
    /// `FindingKey.current`), so that the 整改台账 names it after its finding is gone (`TrackedKey.item`). Kept with
    /// the event in `index/rectify.state`; empty for other events, and for an item the ledger does not hold.
    public let labels: [String: ItemLabel]

    /// - Parameter position: the original record's seq; nil for `evidence.seq` (an event never corrected).
    public init(date: CalendarDate, evidence: Evidence, payload: Payload, position: Int64? = nil, labels: [String: ItemLabel] = [:]) {
        self.date = date
        self.evidence = evidence
        self.payload = payload
        self.position = position ?? evidence.seq
        self.labels = labels
    }
}
