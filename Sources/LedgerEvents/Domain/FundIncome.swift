/// `fund.income`: money comes into a fund.
public struct FundIncome: Equatable, Sendable {
    public var fundID: String
    public var amount: Amount
    public var counterparty: PersonalText
    /// Receipt or invoice number.
    public var voucher: String
    /// The contract whose rent this is, if any.
    public var sourceContractID: String?
    /// Free category, e.g. parking, advertising, interest.
    public var category: String
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(fundID: String, amount: Amount, counterparty: PersonalText, voucher: String, sourceContractID: String? = nil, category: String, written: WrittenForm = WrittenForm()) {
        self.fundID = fundID
        self.amount = amount
        self.counterparty = counterparty
        self.voucher = voucher
        self.sourceContractID = sourceContractID
        self.category = category
        self.written = written
    }
}
