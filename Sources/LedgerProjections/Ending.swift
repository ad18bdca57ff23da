import LedgerEvents

/// The end of something (an asset, a use, a contract, an occupation): when, why, and the record that says so.
public struct Ending: Equatable, Sendable {
    public let date: CalendarDate
    public let note: String?
    public let evidence: Evidence
}
