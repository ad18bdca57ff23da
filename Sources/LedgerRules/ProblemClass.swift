/// One of the five problem classes the city policy names for common parts and funds.
public enum ProblemClass: String, CaseIterable, Sendable, Comparable {
    /// 非法侵占
    case occupation = "OCC"
    /// 长期闲置
    case idle = "IDLE"
    /// 低效利用
    case lowEfficiency = "LOW"
    /// 经营合同不规范
    case contract = "CON"
    /// 共有资金使用不合规
    case fund = "FUND"

    /// The short code used on the command line and in rule codes.
    public var code: String { rawValue }
    public var labelZh: String {
        switch self {
        case .occupation: return "非法侵占"
        case .idle: return "长期闲置"
        case .lowEfficiency: return "低效利用"
        case .contract: return "经营合同不规范"
        case .fund: return "共有资金使用不合规"
        }
    }
    public var labelEn: String {
        switch self {
        case .occupation: return "Illegal occupation"
        case .idle: return "Long-term idle"
        case .lowEfficiency: return "Low-efficiency use"
        case .contract: return "Irregular operating contract"
        case .fund: return "Non-compliant use of common funds"
        }
    }

    /// Finds a class by its code (`OCC`, case-insensitive), its Chinese label or its enum name.
    public init?(code: String) {
        let upper = code.uppercased()
        for c in ProblemClass.allCases where c.rawValue == upper || c.labelZh == code || "\(c)".uppercased() == upper {
            self = c
            return
        }
        return nil
    }

    private var order: Int { ProblemClass.allCases.firstIndex(of: self)! }
    public static func < (lhs: ProblemClass, rhs: ProblemClass) -> Bool { lhs.order < rhs.order }
}
