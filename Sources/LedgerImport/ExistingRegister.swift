import LedgerEvents

/// The current registered values of one asset, as the ledger holds them before an import; the importer
/// compares each row against this to decide between new, updated and unchanged.
public struct ExistingAsset: Equatable, Sendable {
    public var communityID: String
    public var kind: String
    public var name: String
    public var location: String
    /// Area text as stored (`35.50`); compared by value, so `35.5` and `35.50` are equal.
    public var areaM2: String
    /// Registration date as stored (`YYYY-MM-DD`).
    public var registeredOn: String
    /// Extra columns kept by earlier imports.
    public var attributes: [String: String]
    /// True once `asset.retired` was recorded: the id cannot be registered again.
    public var retired: Bool

    public init(communityID: String, kind: String, name: String, location: String, areaM2: String,
                registeredOn: String, attributes: [String: String] = [:], retired: Bool = false) {
        self.communityID = communityID
        self.kind = kind
        self.name = name
        self.location = location
        self.areaM2 = areaM2
        self.registeredOn = registeredOn
        self.attributes = attributes
        self.retired = retired
    }
}

/// What the importer needs to know about the ledger: the assets by id, and which files were imported before
/// (by SHA-256, with their import ids in log order). The CLI fills it from a projection or, failing that, by
/// feeding every verified record to `apply(type:data:)`.
public struct ExistingRegister: Sendable {
    public var assets: [String: ExistingAsset]
    /// File SHA-256 (lower-case hex) → import ids of the earlier imports of that file, oldest first.
    public var importsByFileSHA256: [String: [String]]

    public init(assets: [String: ExistingAsset] = [:], importsByFileSHA256: [String: [String]] = [:]) {
        self.assets = assets
        self.importsByFileSHA256 = importsByFileSHA256
    }

    /// Folds one event into the snapshot: `asset.registered`, `asset.updated` (attributes merge key by key),
    /// `asset.retired` and `register.imported`; every other type is ignored. Events are assumed valid (they
    /// come from a verified log); a malformed one is skipped rather than guessed at.
    ///
    /// Corrections are the caller's business: apply a corrected event's replacement in its place, and skip
    /// voided events.
    public mutating func apply(type: String, data: [String: JSONValue]) {
        switch type {
        case "asset.registered":
            guard let id = data["asset_id"]?.stringValue else { return }
            var attributes: [String: String] = [:]
            for (key, value) in data["attributes"]?.objectValue ?? [:] { attributes[key] = value.stringValue ?? "" }
            assets[id] = ExistingAsset(
                communityID: data["community_id"]?.stringValue ?? "", kind: data["kind"]?.stringValue ?? "",
                name: data["name"]?.stringValue ?? "", location: data["location"]?.stringValue ?? "",
                areaM2: data["area_m2"]?.stringValue ?? "", registeredOn: data["registered_on"]?.stringValue ?? "",
                attributes: attributes)
        case "asset.updated":
            guard let id = data["asset_id"]?.stringValue, var asset = assets[id],
                  let changes = data["changes"]?.objectValue else { return }
            for (field, value) in changes {
                switch field {
                case "community_id": asset.communityID = value.stringValue ?? asset.communityID
                case "kind": asset.kind = value.stringValue ?? asset.kind
                case "name": asset.name = value.stringValue ?? asset.name
                case "location": asset.location = value.stringValue ?? asset.location
                case "area_m2": asset.areaM2 = value.stringValue ?? asset.areaM2
                case "registered_on": asset.registeredOn = value.stringValue ?? asset.registeredOn
                case "attributes":
                    for (key, attribute) in value.objectValue ?? [:] { asset.attributes[key] = attribute.stringValue ?? "" }
                default: break
                }
            }
            assets[id] = asset
        case "asset.retired":
            guard let id = data["asset_id"]?.stringValue else { return }
            assets[id]?.retired = true
        case "register.imported":
            guard let importID = data["import_id"]?.stringValue, let sha = data["file_sha256"]?.stringValue else { return }
            importsByFileSHA256[sha, default: []].append(importID)
        default:
            break
        }
    }
}
