import LedgerEvents

/// A common part (共有部分) with its history.
public struct Asset: Equatable, Sendable {
    public let id: String
    public var communityID: String
    public var kind: AssetKind
    public var name: String
    public var location: String
    public var area: DecimalQuantity
    public var registeredOn: CalendarDate
    /// Business date of the `asset.registered` fact: the asset exists in the ledger from this date.
    public var recordedOn: CalendarDate
    public var source: AssetSource
    public var attributes: [String: String]
    public var evidence: Evidence
    public var updates: [AssetChange] = []
    public var retired: Ending?
    /// Ids into `Projection.uses`, `.contracts`, `.occupations`; indexes into `.inspections`; all in fold order.
    public var useIDs: [String] = []
    public var contractIDs: [String] = []
    public var occupationIDs: [String] = []
    public var inspectionIndexes: [Int] = []
    /// Indexes into `Projection.movements` of spendings that name this asset.
    public var spendingIndexes: [Int] = []
}
