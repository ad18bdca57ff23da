/// A text of law (or of national guidance) the rules cite. The keys are those of DOMAIN.md §0.
public enum LawSource: String, CaseIterable, Sendable, Comparable {
    // In the order a basis cites them: the law, its judicial interpretation, the State Council's regulations,
    // the ministries' measures and guidance, then the province's and the city's regulations.
    /// [CC] 《中华人民共和国民法典》
    case civilCode = "CC"
    /// [SPC] the Supreme People's Court's interpretation on ownership of building units (法释〔2009〕7号, amended 2020)
    case supremeCourtInterpretation = "SPC"
    /// [PMR] 《物业管理条例》 (State Council, rev. 2018)
    case propertyManagementRegulations = "PMR"
    /// [MF] 《住宅专项维修资金管理办法》 (MOHURD and MOF Order 165)
    case maintenanceFundMeasures = "MF"
    /// [GR] 《业主大会和业主委员会指导规则》 (建房〔2009〕274号)
    case guidanceRules = "GR"
    /// [SD] 《山东省物业管理条例》 (2021)
    case shandongRegulations = "SD"
    /// [QD] 《青岛市物业管理条例》 (2021)
    case qingdaoRegulations = "QD"

    /// The title as a Chinese document cites it, in book-title marks.
    public var titleZh: String {
        switch self {
        case .civilCode: return "《民法典》"
        case .propertyManagementRegulations: return "《物业管理条例》"
        case .maintenanceFundMeasures: return "《住宅专项维修资金管理办法》"
        case .supremeCourtInterpretation: return "《最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》"
        case .guidanceRules: return "《业主大会和业主委员会指导规则》"
        case .qingdaoRegulations: return "《青岛市物业管理条例》"
        case .shandongRegulations: return "《山东省物业管理条例》"
        }
    }

    /// The title in English.
    public var titleEn: String {
        switch self {
        case .civilCode: return "Civil Code"
        case .propertyManagementRegulations: return "Property Management Regulations"
        case .maintenanceFundMeasures: return "Residential Maintenance Fund Measures"
        case .supremeCourtInterpretation: return "SPC Interpretation on Building Units"
        case .guidanceRules: return "Guidance Rules for Owners' Assemblies and Committees"
        case .qingdaoRegulations: return "Qingdao Property Management Regulations"
        case .shandongRegulations: return "Shandong Property Management Regulations"
        }
    }

    private var rank: Int { LawSource.allCases.firstIndex(of: self)! }
    public static func < (lhs: LawSource, rhs: LawSource) -> Bool { lhs.rank < rhs.rank }
}
