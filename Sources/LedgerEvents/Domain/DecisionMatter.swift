/// The matter of an owners' joint decision: the nine items of Civil Code Art. 278 (民法典第二百七十八条).
public enum DecisionMatter: String, CaseIterable, Sendable {
    /// (1) 制定和修改业主大会议事规则
    case rules_of_procedure
    /// (2) 制定和修改管理规约
    case covenant
    /// (3) 选举业主委员会或者更换业主委员会成员
    case committee
    /// (4) 选聘和解聘物业服务企业或者其他管理人
    case manager
    /// (5) 使用建筑物及其附属设施的维修资金
    case maintenance_fund_use
    /// (6) 筹集建筑物及其附属设施的维修资金
    case maintenance_fund_raising
    /// (7) 改建、重建建筑物及其附属设施
    case rebuilding
    /// (8) 改变共有部分的用途或者利用共有部分从事经营活动
    case change_use_or_operate
    /// (9) 有关共有和共同管理权利的其他重大事项
    case other_major

    /// The item number in Art. 278.
    public var article278Item: Int {
        switch self {
        case .rules_of_procedure: return 1
        case .covenant: return 2
        case .committee: return 3
        case .manager: return 4
        case .maintenance_fund_use: return 5
        case .maintenance_fund_raising: return 6
        case .rebuilding: return 7
        case .change_use_or_operate: return 8
        case .other_major: return 9
        }
    }

    /// Items (6), (7) and (8) pass with ≥ 3/4 of the participants; all others with > 1/2 (Art. 278, 1259).
    public var needsThreeQuarters: Bool { article278Item == 6 || article278Item == 7 || article278Item == 8 }
}
