import LedgerEvents

/// An asset as of the projection's date, with everything the `assets` report shows.
public struct AssetView: Equatable, Sendable {
    public let asset: Asset
    public let status: AssetStatus
    /// Contracts in force on the date that cover the asset.
    public let currentContractIDs: [String]
    /// Uses not ended on the date.
    public let openUseIDs: [String]
    /// Occupations not cleared on the date.
    public let openOccupationIDs: [String]
    /// Last day the asset was in use (a use or contract covering it), up to the date.
    public let lastUsedOn: CalendarDate?
    public let lastInspection: Inspection?
    /// Days in use over the 365 days ending on the date.
    public let utilisation: Utilisation
}
