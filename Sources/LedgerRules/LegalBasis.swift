/// The legal basis of one finding: the provisions that fit its subject, and whether the threshold is policy.
public struct LegalBasis: Hashable, Sendable {
    /// What part of the basis is policy rather than law.
    public enum PolicyNote: String, Hashable, Sendable {
        /// The threshold (days, percentage) is a local policy setting; the provisions only give the owners the duty.
        case threshold
        /// The cap itself is policy (the law's cap is another rule).
        case cap
        /// The interval (months between disclosures) is policy; the law asks only 定期 (periodically).
        case interval
        /// The interval is policy within the law's at least yearly ([MF] 30: the maintenance fund).
        case yearlyInterval = "yearly_interval"
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
        case .interval?: parts.append("公示间隔为本地政策设定，法律仅要求定期公示")
        case .yearlyInterval?: parts.append("公示间隔为本地政策设定，法律要求至少每年公示一次")
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
        case .interval?: parts.append("the interval is local policy; the law asks only for periodic disclosure")
        case .yearlyInterval?: parts.append("the interval is local policy; the law asks for disclosure at least once a year")
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
