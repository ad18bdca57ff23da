import LedgerEvents

/// Money into or out of one fund. A transfer gives two movements, one in each fund, with the same evidence.
public struct FundMovement: Equatable, Sendable {
    public let fundID: String
    public let kind: MovementKind
    public let date: CalendarDate
    /// Always positive; `signedAmount` carries the direction.
    public let amount: Amount
    /// The payer or payee; for a transfer, the other fund's id.
    public let counterparty: PersonalText
    public let voucher: String
    /// Income category, spending purpose category ("other" when none was given), or "transfer".
    public let category: String
    public let purpose: String?
    public let contractID: String?
    public let decisionID: String?
    public let emergency: Emergency?
    public let assetIDs: [String]
    /// The other fund of a transfer.
    public let otherFundID: String?
    public let evidence: Evidence
    /// The id of the record first made for it (`EffectiveFact.recordID`): the original event's when a correction
    /// replaced it. The rules key their findings by it, so a correction (one adding the decision that ratifies the
    /// spending, say) keeps the keys of the findings about it.
    public let recordID: String

    /// - Parameter recordID: the original event's id; nil for `evidence.eventID` (a record never corrected).
    public init(fundID: String, kind: MovementKind, date: CalendarDate, amount: Amount, counterparty: PersonalText, voucher: String,
                category: String, purpose: String?, contractID: String?, decisionID: String?, emergency: Emergency?, assetIDs: [String],
                otherFundID: String?, evidence: Evidence, recordID: String? = nil) {
        self.fundID = fundID
        self.kind = kind
        self.date = date
        self.amount = amount
        self.counterparty = counterparty
        self.voucher = voucher
        self.category = category
        self.purpose = purpose
        self.contractID = contractID
        self.decisionID = decisionID
        self.emergency = emergency
        self.assetIDs = assetIDs
        self.otherFundID = otherFundID
        self.evidence = evidence
        self.recordID = recordID ?? evidence.eventID
    }

    /// +amount for income and transfers in, −amount for spending and transfers out.
    public var signedAmount: Amount { kind == .income || kind == .transferIn ? amount : -amount }
}
