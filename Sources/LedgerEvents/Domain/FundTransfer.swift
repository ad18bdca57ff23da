/// `fund.transfer`: money moves between two funds.
public struct FundTransfer: Equatable, Sendable {
    public var fromFundID: String
    public var toFundID: String
    public var amount: Amount
    public var voucher: String
    public var decisionID: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(fromFundID: String, toFundID: String, amount: Amount, voucher: String, decisionID: String? = nil, written: WrittenForm = WrittenForm()) {
        self.fromFundID = fromFundID
        self.toFundID = toFundID
        self.amount = amount
        self.voucher = voucher
        self.decisionID = decisionID
        self.written = written
    }
}
