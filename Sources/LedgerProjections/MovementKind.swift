import LedgerEvents

/// What a fund movement is.
public enum MovementKind: String, Sendable, Equatable {
    case income, spending
    case transferIn = "transfer_in"
    case transferOut = "transfer_out"
}
