/// `fund.opened`: a fund (account) of a community.
public struct FundOpened: Equatable, Sendable {
    public var fundID: String
    public var communityID: String
    public var kind: FundKind
    /// Bank account or ledger reference.
    public var account: String

    public init(fundID: String, communityID: String, kind: FundKind, account: String) {
        self.fundID = fundID
        self.communityID = communityID
        self.kind = kind
        self.account = account
    }
}
