import LedgerEvents

/// A balance a bank statement shows at the end of a date (对账).
public struct BalanceAssertion: Equatable, Sendable {
    public let fundID: String
    public let date: CalendarDate
    public let balance: Amount
    public let statementRef: String
    public let evidence: Evidence
}
