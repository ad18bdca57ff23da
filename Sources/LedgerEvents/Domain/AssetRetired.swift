/// `asset.retired`: the common part no longer exists as such (demolished, merged, found not to be common).
public struct AssetRetired: Equatable, Sendable {
    public var assetID: String
    public var reason: String

    public init(assetID: String, reason: String) {
        self.assetID = assetID
        self.reason = reason
    }
}
