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
    public var namedAssetIDs = NamedAssetIDs()
    /// Bad rows to check against the ledger all the same (`RegisterImporter.Probe`).
    public var probes: [RegisterImporter.Probe] = []
    /// The new parts of the rows by their content (`RegisterTwins`).
    var newParts = RegisterTwins()

    /// Whether a new part of the file has the content of a part of `register` under another id (`RegisterTwins`):
    /// a plan made against an empty register is then not the plan against `register`.
    public func repeatsAnyPart(of register: RecordedRegister) -> Bool { newParts.repeatsAny(of: register.assets) }

    /// The new parts' twin keys (`PartTwinKey`): `index/checks.state` keeps every recorded part a new part can
    /// repeat under its key, or under its community's `unsure` key (ledger-spec.md 15.4).
    public var newPartTwinKeys: [PartTwinKey] { newParts.keys }

    /// Frees the table of the new parts' content (kept only to answer `repeatsAnyPart`).
    public mutating func releaseNewParts() { newParts = RegisterTwins() }
}
