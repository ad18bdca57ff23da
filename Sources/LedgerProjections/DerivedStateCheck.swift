import LedgerChain

/// What `ledger verify --index` found in one whole-file derived state of `index/` (funds.state, checks.state,
/// scopes, fund-totals): one type for all of them (issue 17), as `IdIndexCheck` is for the id tables.
public enum DerivedStateCheck: Equatable, Sendable {
    /// No file.
    case absent
    /// Stamped at `seq` (the head, or an earlier record: stale, which is allowed) and equal to what the log gives
    /// at that record (each file's section of ledger-spec.md 15 says how it is compared).
    case intact(seq: Int64)
    /// Unusable or wrong: the state was rebuilt.
    case damaged(ChainError.DerivedStateProblem)
}
