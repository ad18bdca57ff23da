import LedgerEvents

/// A category and its total.
public struct CategoryTotal: Equatable, Sendable {
    public let category: String
    public let amount: Amount
}
