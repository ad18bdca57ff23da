/// `asset.registered`: a common part (共有部分) enters the register (登记造册).
public struct AssetRegistered: Equatable, Sendable {
    public var assetID: String
    public var communityID: String
    public var kind: AssetKind
    public var name: String
    public var location: String
    public var area: DecimalQuantity
    /// The date of the register entry.
    public var registeredOn: CalendarDate
    public var source: AssetSource
    /// Extra register columns, name → text.
    public var attributes: [String: String]
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(assetID: String, communityID: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity, registeredOn: CalendarDate, source: AssetSource, attributes: [String: String], written: WrittenForm = WrittenForm()) {
        self.assetID = assetID
        self.communityID = communityID
        self.kind = kind
        self.name = name
        self.location = location
        self.area = area
        self.registeredOn = registeredOn
        self.source = source
        self.attributes = attributes
        self.written = written
    }
}
