/// `fund.balance_asserted`: a bank statement shows this balance at the end of the envelope's date (对账).
public struct FundBalanceAsserted: Equatable, Sendable {
    public var fundID: String
    /// 0 or more fen.
    public var balance: Amount
    public var statementRef: String

    public init(fundID: String, balance: Amount, statementRef: String) {
        self.fundID = fundID
        self.balance = balance
        self.statementRef = statementRef
    }
}
