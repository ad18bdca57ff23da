import LedgerEvents

/// A use of a common part.
public struct Use: Equatable, Sendable {
    public let id: String
    public var assetID: String
    public var user: PersonalText
    public var purpose: String
    public var authority: UseAuthority
    public var startedOn: CalendarDate
    public var evidence: Evidence
    public var ended: Ending?
}
