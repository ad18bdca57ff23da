/// The fields an `asset.updated` may change; nil leaves a field as it was. `attributes` are merged key by key.
public struct AssetChanges: Equatable, Sendable {
    public var kind: AssetKind?
    public var name: String?
    public var location: String?
    public var area: DecimalQuantity?
    public var attributes: [String: String]?

    public static let fieldNames = ["area_m2", "attributes", "kind", "location", "name"]

    public init(kind: AssetKind? = nil, name: String? = nil, location: String? = nil, area: DecimalQuantity? = nil, attributes: [String: String]? = nil) {
        self.kind = kind
        self.name = name
        self.location = location
        self.area = area
        self.attributes = attributes
    }
}
