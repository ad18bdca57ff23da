/// `asset.updated`: corrected or changed register data of a common part.
public struct AssetUpdated: Equatable, Sendable {
    public var assetID: String
    public var changes: AssetChanges
    public var source: AssetSource
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(assetID: String, changes: AssetChanges, source: AssetSource, written: WrittenForm = WrittenForm()) {
        self.assetID = assetID
        self.changes = changes
        self.source = source
        self.written = written
    }
}
