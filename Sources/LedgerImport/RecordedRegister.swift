import LedgerProjections
import LedgerEvents

/// What the importer needs to know about the ledger: the assets by id, and which files were imported before
/// (by SHA-256, with their import ids in log order). The command line fills it from the projection of the
/// verified log, typed values as they are.
public struct RecordedRegister: Sendable {
    public var assets: [String: RecordedAsset]
    /// File SHA-256 (lower-case hex) → import ids of the earlier imports of that file, oldest first.
    public var importsByFileSHA256: [String: [String]]
    /// Registered community id → its registered name: a 小区 cell may hold either.
    public var communityNames: [String: String]

    public init(assets: [String: RecordedAsset] = [:], importsByFileSHA256: [String: [String]] = [:],
                communityNames: [String: String] = [:]) {
        self.assets = assets
        self.importsByFileSHA256 = importsByFileSHA256
        self.communityNames = communityNames
    }

    /// Whether an asset is registered under `id`, byte for byte (the dictionary's look-up is by canonical
    /// equivalence, which would take a decomposed id for the composed one).
    public func holdsAsset(exactly id: String) -> Bool {
        guard let index = assets.index(forKey: id) else { return false }
        return assets[index].key.utf8.elementsEqual(id.utf8)
    }

    /// The id a community cell names: an id as it is, or the id of the one community registered under that name.
    public static func communityID(_ cell: String, names: [String: String]) -> String {
        guard !names.isEmpty, names[cell] == nil else { return cell }
        let matches = names.filter { $0.value == cell }
        return matches.count == 1 ? matches.first!.key : cell
    }
}

extension RecordedRegister {
    /// The event types whose facts make a `RecordedRegister` (`Projection.registerEventTypes`): a scope read of only
    /// them, with their corrections, gives the same register (`ScopeIndex.read(_:communityIDs:assetIDs:onlyTypes:)`).
    public static let eventTypes = Projection.registerEventTypes

    /// The assets, communities and earlier imports as the verified log holds them, corrections applied: the
    /// projection's typed state, as it is.
    public init(log: EffectiveLog) {
        let projection = Projection(log: log, asOf: CalendarDate(year: 9999, month: 12, day: 31)!)
        self.init()
        assets.reserveCapacity(projection.assets.count)
        for (id, asset) in projection.assets {
            assets[id] = RecordedAsset(communityID: asset.communityID, kind: asset.kind, name: asset.name,
                                       location: asset.location, area: asset.area, attributes: asset.attributes,
                                       retired: asset.retired != nil, registeredOn: asset.registeredOn)
        }
        for (id, community) in projection.communities { communityNames[id] = community.name }
        let imports = projection.imports.values.sorted {
            ($0.importedOn, $0.terms.importID) < ($1.importedOn, $1.terms.importID)
        }
        for item in imports { importsByFileSHA256[item.terms.fileSHA256, default: []].append(item.terms.importID) }
    }
}
