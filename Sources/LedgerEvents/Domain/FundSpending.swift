/// `fund.spending`: money goes out of a fund.
public struct FundSpending: Equatable, Sendable {
    public var fundID: String
    public var amount: Amount
    public var counterparty: PersonalText
    public var voucher: String
    public var purpose: String
    public var purposeCategory: String?
    /// The authorising decision; nil when there was none (a finding for the rules, not a rejection).
    public var decisionID: String?
    public var emergency: Emergency?
    /// Common parts the money was spent on.
    public var assetIDs: [String]
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(fundID: String, amount: Amount, counterparty: PersonalText, voucher: String, purpose: String, purposeCategory: String? = nil, decisionID: String? = nil, emergency: Emergency? = nil, assetIDs: [String], written: WrittenForm = WrittenForm()) {
        self.fundID = fundID
        self.amount = amount
        self.counterparty = counterparty
        self.voucher = voucher
        self.purpose = purpose
        self.purposeCategory = purposeCategory
        self.decisionID = decisionID
        self.emergency = emergency
        self.assetIDs = assetIDs
        self.written = written
    }
}
