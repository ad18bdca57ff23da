import LedgerEvents

/// A fund as of the projection's date.
public struct FundView: Equatable, Sendable {
    public let fund: Fund
    /// Totals from the beginning to the as-of date.
    public let summary: FundSummary
    public var balance: Amount { summary.closing }
    /// Every balance assertion up to the as-of date, compared with the books.
    public let checks: [BalanceCheck]
}
