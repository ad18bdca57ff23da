import LedgerEvents

/// The status of a common part on a date. Precedence when several apply: retired, occupied, in use without
/// authority, in use under contract, in use under decision, idle (ledger-spec.md, "Projections").
public enum AssetStatus: String, Sendable, Equatable, CaseIterable {
    case idle
    case inUseUnderContract = "in_use_under_contract"
    case inUseUnderDecision = "in_use_under_decision"
    case inUseWithoutAuthority = "in_use_without_authority"
    case occupied
    case retired
}
