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

    /// +amount for income and transfers in, −amount for spending and transfers out.
    public var signedAmount: Amount { kind == .income || kind == .transferIn ? amount : -amount }
}
