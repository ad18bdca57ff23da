import LedgerEvents
import LedgerPlatform

/// What `ledger verify --index` found in the id index.
public enum IdIndexCheck: Equatable, Sendable {
    /// No table.
    case absent
    /// The tables cover records up to `seq` (the head or earlier: stale, which is allowed) and hold exactly the
    /// entries the log gives.
    case intact(seq: Int64)
    /// Unusable or wrong: rebuilt.
    case damaged(ChainError.DerivedStateProblem)
}
