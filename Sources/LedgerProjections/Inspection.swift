import LedgerEvents

/// An inspection (巡查).
public struct Inspection: Equatable, Sendable {
    public let assetID: String
    public let date: CalendarDate
    public let observed: Observation
    public let inspector: PersonalText
    public let note: String?
    public let evidence: Evidence
}
