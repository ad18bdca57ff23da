/// What a finding is about.
public enum ItemKind: String, CaseIterable, Sendable, Comparable {
    case asset
    case contract
    case fund
    case decision

    public var labelZh: String {
        switch self {
        case .asset: return "共有部分"
        case .contract: return "经营合同"
        case .fund: return "资金账户"
        case .decision: return "业主共同决定"
        }
    }
    public var labelEn: String { rawValue }

    private var rank: Int { ItemKind.allCases.firstIndex(of: self)! }
    public static func < (lhs: ItemKind, rhs: ItemKind) -> Bool { lhs.rank < rhs.rank }
}
