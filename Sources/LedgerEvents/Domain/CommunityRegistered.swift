/// `community.registered`: a residential compound (小区 / 物业管理区域), the top-level key of the ledger.
public struct CommunityRegistered: Equatable, Sendable {
    public var communityID: String
    public var name: String
    /// Street office (街道办事处).
    public var street: String
    /// Residents' committee (社区居委会).
    public var residentsCommittee: String
    /// Total exclusive floor area in m²: the denominator of a vote's area quorum.
    public var totalArea: DecimalQuantity
    /// Number of owners (1 unit = 1 owner, [SPC] 9): the denominator of a vote's headcount quorum.
    public var totalOwners: Int64

    public init(communityID: String, name: String, street: String, residentsCommittee: String, totalArea: DecimalQuantity, totalOwners: Int64) {
        self.communityID = communityID
        self.name = name
        self.street = street
        self.residentsCommittee = residentsCommittee
        self.totalArea = totalArea
        self.totalOwners = totalOwners
    }
}
