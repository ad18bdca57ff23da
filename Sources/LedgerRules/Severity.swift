/// How urgent a finding is. Sorted high first.
public enum Severity: String, CaseIterable, Sendable, Comparable {
    case high
    case medium
    case low

    public var labelZh: String {
        switch self {
        case .high: return "严重"
        case .medium: return "一般"
        case .low: return "提示"
        }
    }
    public var labelEn: String {
        switch self {
        case .high: return "high"
        case .medium: return "medium"
        case .low: return "low"
        }
    }

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
