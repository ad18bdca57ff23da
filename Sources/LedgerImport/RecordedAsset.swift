import LedgerProjections
import LedgerEvents

/// The current registered values of one asset, as the ledger holds them before an import (its facts in effect,
/// corrections applied); the importer compares each row against this to decide between new, updated and unchanged.
public struct RecordedAsset: Equatable, Sendable {
    public var communityID: String
    public var kind: AssetKind
    public var name: String
    public var location: String
    /// Compared by value: `35.5` and `35.50` are equal.
    public var area: DecimalQuantity
    /// Extra columns kept by earlier imports.
    public var attributes: [String: String]
    /// True once `asset.retired` was recorded: the id cannot be registered again.
    public var retired: Bool
    /// The registration date the ledger holds (nil when not known): an import never changes it, and says so when
    /// a row gives another (`RegisterImporter.plan`).
    public var registeredOn: CalendarDate?

    public init(communityID: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity,
                attributes: [String: String] = [:], retired: Bool = false, registeredOn: CalendarDate? = nil) {
        self.communityID = communityID
        self.kind = kind
        self.name = name
        self.location = location
        self.area = area
        self.attributes = attributes
        self.retired = retired
        self.registeredOn = registeredOn
    }
}
