import LedgerEvents

/// A community (小区) as registered.
public struct Community: Equatable, Sendable {
    public let id: String
    public var name: String
    public var street: String
    public var residentsCommittee: String
    public var totalArea: DecimalQuantity
    public var totalOwners: Int64
    public var registeredOn: CalendarDate
    public var evidence: Evidence
    /// Ids of this community's assets, funds, contracts and decisions, in fold order.
    public var assetIDs: [String] = []
    public var fundIDs: [String] = []
    public var contractIDs: [String] = []
    public var decisionIDs: [String] = []
    /// Indexes into `Projection.disclosures`.
    public var disclosureIndexes: [Int] = []
}
