import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The result of reading a register file: the plan, and the rejected rows for a rejects file.
public struct AssetImportResult: Sendable {
    public var plan: ImportPlan
    public var rejectedRows: [RejectedRow]
    /// The raw header cells, for the rejects file.
    public var rawHeader: [[UInt8]]
    public var preamble: CSVPreamble
    public var encoding: RegisterEncoding
    /// The community cells and asset ids the rows name (`RegisterImporter.namedCommunityCells`, `namedAssetIDs`).
    public var namedCommunityCells: Set<String> = []
    public var namedAssetIDs: Set<String> = []
    /// Bad rows to check against the ledger all the same (`RegisterImporter.Probe`).
    public var probes: [RegisterImporter.Probe] = []
}
