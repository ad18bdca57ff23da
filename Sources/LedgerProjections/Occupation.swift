import LedgerEvents

/// An occupation (侵占).
public struct Occupation: Equatable, Sendable {
    public let id: String
    public var assetID: String
    public var occupant: PersonalText
    public var description: String
    public var reportedOn: CalendarDate
    public var evidence: Evidence
    public var cleared: Ending?
}
