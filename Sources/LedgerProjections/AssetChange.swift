import LedgerEvents

/// One change to an asset's register data.
public struct AssetChange: Equatable, Sendable {
    public let date: CalendarDate
    public let changes: AssetChanges
    public let source: AssetSource
    public let evidence: Evidence
}
