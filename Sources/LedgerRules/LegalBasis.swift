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

/// One provision: an article, optionally one paragraph (款) of it, optionally items (项) of that paragraph.
public struct Citation: Hashable, Sendable, CustomStringConvertible {
    public let source: LawSource
    public let article: Int
    /// The paragraph (款), when the provision is one paragraph of a longer article.
    public let paragraph: Int?
    /// The items (项) cited, in order.
    public let items: [Int]

    public init(_ source: LawSource, _ article: Int, paragraph: Int? = nil, items: [Int] = []) {
        precondition(article > 0 && (paragraph ?? 1) > 0 && items.allSatisfy { $0 > 0 }, "provisions are numbered from 1")
        self.source = source
        self.article = article
        self.paragraph = paragraph
        self.items = items
    }

    /// `CC 278(1) item 5`: the source key and the provision, for tests and messages.
    public var description: String { source.rawValue + " " + provisionEn }

    /// The provision in Chinese numerals as statutes are cited: 第二百七十八条第一款第五项.
    public var provisionZh: String {
        var out = "第" + ChineseNumeral.text(article) + "条"
        if let paragraph { out += "第" + ChineseNumeral.text(paragraph) + "款" }
        if !items.isEmpty { out += items.map { "第" + ChineseNumeral.text($0) + "项" }.joined(separator: "、") }
        return out
    }

    /// The provision in English: `Art. 278(1) item 5`, `Art. 30(1) items 7, 10`, `Art. 281(2)`.
    public var provisionEn: String {
        var out = "Art. \(article)"
        if let paragraph { out += "(\(paragraph))" }
        if items.count == 1 { out += " item \(items[0])" }
        if items.count > 1 { out += " items " + items.map(String.init).joined(separator: ", ") }
        return out
    }
}

/// The legal basis of one finding: the provisions that fit its subject, and whether the threshold is policy.
public struct LegalBasis: Hashable, Sendable {
    /// What part of the basis is policy rather than law.
    public enum PolicyNote: String, Hashable, Sendable {
        /// The threshold (days, percentage) is a local policy setting; the provisions only give the owners the duty.
        case threshold
        /// The cap itself is policy (the law's cap is another rule).
        case cap
    }

    public let citations: [Citation]
    public let policyNote: PolicyNote?

    public init(_ citations: [Citation], policyNote: PolicyNote? = nil) {
        self.citations = citations
        self.policyNote = policyNote
    }

    /// Whether the basis cites `article` (any paragraph or item) of `source`.
    public func cites(_ source: LawSource, _ article: Int) -> Bool {
        citations.contains { $0.source == source && $0.article == article }
    }

    /// Whether the basis cites anything of `source`.
    public func cites(_ source: LawSource) -> Bool { citations.contains { $0.source == source } }

    /// Citations grouped by source: 《民法典》第二百八十二条；《青岛市物业管理条例》第七十八条第二款.
    public var zh: String {
        var parts = groups.map { group in group.source.titleZh + group.citations.map(\.provisionZh).joined(separator: "、") }
        switch policyNote {
        case .threshold?: parts.append("认定标准为本地政策设定，非法律规定")
        case .cap?: parts.insert("期限上限为本地政策设定", at: 0)
        case nil: break
        }
        return parts.joined(separator: "；")
    }

    /// Citations grouped by source, in English.
    public var en: String {
        var parts = groups.map { group in group.source.titleEn + " " + group.citations.map(\.provisionEn).joined(separator: ", ") }
        switch policyNote {
        case .threshold?: parts.append("the threshold is local policy, not law")
        case .cap?: parts.insert("the term cap is local policy", at: 0)
        case nil: break
        }
        return parts.joined(separator: "; ")
    }

    /// Citations by source in `LawSource` order, each source's provisions in article order.
    private var groups: [(source: LawSource, citations: [Citation])] {
        LawSource.allCases.compactMap { source in
            let list = citations.filter { $0.source == source }.sorted { a, b in
                (a.article, a.paragraph ?? 0, a.items.first ?? 0) < (b.article, b.paragraph ?? 0, b.items.first ?? 0)
            }
            return list.isEmpty ? nil : (source, list)
        }
    }
}

/// Chinese numerals for article, paragraph and item numbers (1…9999), as statutes print them.
public enum ChineseNumeral {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// `278` → 二百七十八, `10` → 十, `15` → 十五, `110` → 一百一十, `705` → 七百零五, `1259` → 一千二百五十九.
    public static func text(_ n: Int) -> String {
        precondition(n > 0 && n < 10_000, "article numbers lie between 1 and 9999")
        let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        var out = ""
        var pendingZero = false
        for (value, unit) in places {
            let d = (n / value) % 10
            if d == 0 {
                if !out.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { out += "零"; pendingZero = false }
            // 10–19 read 十, 十五; after a higher place the one is spoken: 一百一十.
            if !(value == 10 && d == 1 && out.isEmpty) { out += digits[d] }
            out += unit
        }
        return out
    }
}
