import LedgerEvents

/// The status of a contract on a date.
public enum ContractStatus: String, Sendable, Equatable, CaseIterable {
    /// Signed, term not begun.
    case notStarted = "not_started"
    case active
    /// Term over (the day after `end_on` and later).
    case expired
    /// Ended early by `contract.terminated` on or before the date.
    case terminated
}
