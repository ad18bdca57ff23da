/// Counts of one community (or street, or all) by loop status, and its completion rate.
public struct LoopSummary: Equatable, Sendable {
    public let street: String
    public let communityID: String
    public let communityName: String
    /// Entries per status, in `LoopStatus.allCases` order.
    public let countsByStatus: [Int]
    /// Keys ever issued (已交办 in the wide sense: every key a list handed over).
    public let issued: Int
    /// Keys closed (已销号) and not found again.
    public let closed: Int
    /// Keys issued, not closed, past their deadline.
    public let overdue: Int

    public func count(_ status: LoopStatus) -> Int { countsByStatus[LoopStatus.allCases.firstIndex(of: status)!] }
    public var total: Int { countsByStatus.reduce(0, +) }
    /// 已销号 / 已交办; nil when nothing was issued.
    public var completion: Ratio? { issued == 0 ? nil : Ratio(Int128(closed), Int128(issued)) }
}
