import LedgerEvents

/// Totals of one fund over a period (both ends included).
public struct FundSummary: Equatable, Sendable {
    public let fundID: String
    public let period: DayRange?
    /// Balance before the period's first day (0 for a summary from the beginning).
    public let opening: Amount
    public let income: Amount
    public let spending: Amount
    public let transfersIn: Amount
    public let transfersOut: Amount
    /// Income by category, sorted by category.
    public let incomeByCategory: [CategoryTotal]
    /// Spending by purpose category, sorted by category.
    public let spendingByCategory: [CategoryTotal]
    /// Balance after the period's last day.
    public var closing: Amount { opening + income - spending + transfersIn - transfersOut }
}
