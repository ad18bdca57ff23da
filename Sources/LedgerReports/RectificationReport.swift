import LedgerEvents
import LedgerRules

/// The rectification list (整改清单) ready to render: the findings, the ledger they came from and the policy.
///
/// Every format states the ledger (record count, head hash, checkpoint when there is one), the as-of date, the
/// scope and the policy in force, so the list can be traced to the log and the settings that produced it.
/// Output is deterministic: same inputs, same bytes.
public struct RectificationReport: Sendable {
    public let stamp: LedgerStamp
    public let rectification: Rectification
    public let language: ReportLanguage

    public init(stamp: LedgerStamp, rectification: Rectification, language: ReportLanguage = .zh) {
        self.stamp = stamp
        self.rectification = rectification
        self.language = language
    }

    /// The report's bytes in `format`.
    public func render(_ format: RectificationFormat) -> [UInt8] {
        switch format {
        case .table: return Array(table().utf8)
        case .csv: return csv()
        case .json: return Array(json().utf8)
        case .md: return Array(markdown().utf8)
        case .html: return Array(html().utf8)
        }
    }

    // MARK: Shared wording

    func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    var title: String { t("共有部分和共有资金整改清单", "Rectification list: common parts and common funds") }

    func classLabel(_ c: ProblemClass) -> String { t(c.labelZh, c.labelEn) }
    func ruleLabel(_ r: RuleCode) -> String { t(r.labelZh, r.labelEn) }
    func severityLabel(_ s: Severity) -> String { t(s.labelZh, s.labelEn) }
    func itemKindLabel(_ k: ItemKind) -> String { t(k.labelZh, k.labelEn) }
    func basis(_ r: RuleCode) -> String { t(r.basisZh, r.basisEn) }
    func action(_ r: RuleCode) -> String { t(r.actionZh, r.actionEn) }
    func facts(_ f: Finding) -> String { FactText.render(f.facts, language) }
    func item(_ f: Finding) -> String {
        var parts = [itemKindLabel(f.itemKind), f.itemID]
        if let detail = f.itemDetail { parts.append(Vocabulary.word(detail, language)) }
        if !f.itemName.isEmpty { parts.append(f.itemName) }
        return parts.joined(separator: " ")
    }
    func evidence(_ f: Finding) -> String { f.evidence.map { "#\($0.seq) \($0.eventID)" }.joined(separator: ", ") }
    func community(_ c: CommunitySummary) -> String { "\(c.communityID) \(c.name)" }

    /// The provenance lines: (label, value).
    var stampLines: [(String, String)] {
        let scope = rectification.scope
        let all = t("全部", "all")
        return [
            (t("截至日期", "As of"), Format.date(scope.asOf)),
            (t("账本记录数", "Ledger records"), String(stamp.recordCount)),
            (t("账本头哈希", "Ledger head hash"), stamp.headHash),
            (t("签名检查点", "Signed checkpoint"), stamp.checkpoint ?? t("无", "none")),
            (t("街道", "Street"), scope.street ?? all),
            (t("小区", "Community"), scope.communityID ?? all),
            (t("问题类别", "Classes"), scope.classes.isEmpty ? all : scope.classes.map { "\($0.code) \(classLabel($0))" }.joined(separator: ", ")),
            (t("政策", "Policy"), policySource),
            (t("发现问题", "Findings"), String(rectification.findings.count)),
        ]
    }

    var policySource: String {
        let policy = rectification.policy
        guard let name = policy.sourceName else { return t("内置默认值", "built-in defaults") }
        return t("政策文件 ", "policy file ") + name
    }

    /// The policy in force: (key, label, value, source) rows, then the law's fixed numbers.
    var policyRows: [(key: String, label: String, value: String, source: String)] {
        var rows = rectification.policy.entries.map { entry in
            (entry.key, PolicyText.label(entry.key, language), entry.value,
             entry.fromFile ? t("政策文件", "policy file") : t("默认", "default"))
        }
        rows += [
            ("law.quorum", t("表决参与面积和人数（占总数）", "Quorum: participating area and owners of the total"),
             "≥ \(LawConstants.quorum)", t("法律", "law")),
            ("law.special_majority", t("第278条第(6)(7)(8)项同意面积和人数（占参与）", "Items 6–8 of Art. 278: approving of participating"),
             "≥ \(LawConstants.specialMajority)", t("法律", "law")),
            ("law.simple_majority", t("其他事项同意面积和人数（占参与）", "Other items: approving of participating"),
             "> \(LawConstants.simpleMajority)", t("法律", "law")),
            ("law.lease_term_max_months", t("租赁期限上限（月）", "Longest lease term (months)"),
             String(LawConstants.leaseTermMaxMonths), t("法律", "law")),
        ]
        return rows
    }

    /// Column headers of the findings list.
    var findingHeaders: [String] {
        [t("序号", "No."), t("街道", "Street"), t("小区", "Community"), t("严重程度", "Severity"), t("类别", "Class"),
         t("规则", "Rule"), t("项目", "Item"), t("起始日期", "Since"), t("事实", "Facts"), t("法律依据", "Legal basis"),
         t("证据事件", "Evidence events"), t("建议措施", "Suggested action")]
    }

    /// Column headers of the summary.
    var summaryHeaders: [String] {
        [t("街道", "Street"), t("小区", "Community")] + ProblemClass.allCases.map { classLabel($0) } + [t("合计", "Total")]
    }

    var summaryRows: [[String]] {
        var rows = rectification.communities.map { c in
            [c.street, community(c)] + c.countsByClass.map(String.init) + [String(c.total)]
        }
        let totals = rectification.totalsByClass
        rows.append([t("合计", "Total"), ""] + totals.map(String.init) + [String(totals.reduce(0, +))])
        return rows
    }
}

/// Names of policy keys in each language.
public enum PolicyText {
    public static func label(_ key: String, _ language: ReportLanguage) -> String {
        let pair: (String, String)
        switch key {
        case "contract_term_max_months": pair = ("经营合同期限上限（月）", "Operating-contract term cap (months)")
        case "disclosure_months": pair = ("公示周期（月，按资金类型）", "Disclosure interval (months, by fund kind)")
        case "emergency_disclosure_days": pair = ("紧急使用后公示期限（天）", "Days to disclose an emergency use")
        case "idle_asset_kinds": pair = ("闲置和低效规则适用的共有部分类型", "Asset kinds checked for idle and low use")
        case "idle_days": pair = ("长期闲置天数（以上）", "Idle days (at least)")
        case "income_benchmark_min_peers": pair = ("收益比较最少同类数", "Fewest peers for the income benchmark")
        case "income_benchmark_percent": pair = ("单位面积收益低于中位数的百分比", "Income per m² below this % of the median")
        case "rent_grace_days": pair = ("租金宽限天数", "Rent grace days")
        case "spending_without_decision_cap_fen": pair = ("无需决定的单笔支出上限（分）", "Spending allowed without a decision (fen)")
        case "utilisation_min_percent": pair = ("利用率下限（%）", "Utilisation floor (%)")
        case "utilisation_window_months": pair = ("利用率统计期（月）", "Utilisation window (months)")
        default: pair = (key, key)
        }
        return language.pick(pair.0, pair.1)
    }
}
