/// The kinds of registered id a payload names (a `community_id`, an element of `asset_ids`, a `list_id`, …): an id
/// of each kind is registered by one event type (`registeringType`) and referenced by others. The one list of them
/// (issue 17): the ids a payload's bytes name (`PayloadRefs`), the reference checks and their stored registry slots
/// (`ReferenceChecker`), the checks of a line that does not decode and their words (`LooseReferences`,
/// `ReferenceWords`) all say these; `index/scopes`' node tags (`ScopeIndex.Kind`, a stored format: every kind here
/// but `import`, and event ids) are matched against them case for case.
public enum IdKind: String, CaseIterable, Sendable {
    case community, asset, fund, decision, contract, use, occupation, `import`
    /// Its English name, the raw value, is the one the reference checks' words use.
    case list = "rectification list"

    /// The event type that registers an id of this kind.
    public var registeringType: EventType {
        switch self {
        case .community: return .communityRegistered
        case .asset: return .assetRegistered
        case .fund: return .fundOpened
        case .decision: return .decisionRecorded
        case .contract: return .contractSigned
        case .use: return .useStarted
        case .occupation: return .occupationReported
        case .import: return .registerImported
        case .list: return .rectificationIssued
        }
    }
}
