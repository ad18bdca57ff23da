import LedgerEvents
import LedgerRules

/// Names of policy keys in each language.
public enum PolicyText {
    /// What a policy key sets, in words.
    public static func label(_ key: String, _ language: ReportLanguage) -> String {
        let pair: (String, String)
        switch key {
        case "contract_term_max_months": pair = ("经营合同期限上限", "Operating-contract term cap")
        case "disclosure_months": pair = ("收支公示周期（按资金类型）", "Disclosure interval, by kind of fund")
        case "emergency_disclosure_days": pair = ("紧急使用维修资金后的公示期限", "Time to disclose an emergency use")
        case "idle_asset_kinds": pair = ("闲置和低效规则适用的共有部分类型", "Kinds of common parts checked for idle and low use")
        case "idle_days": pair = ("认定长期闲置的天数", "Days without use that make a part idle")
        case "income_benchmark_min_peers": pair = ("收益比较所需的最少同类数量", "Fewest parts of a kind for the income comparison")
        case "income_benchmark_percent": pair = ("单位面积收益不足同类中位数的比例", "Income per m² below this share of the median")
        case "rectification_deadline_days": pair = ("整改时限（按严重程度，交办之日起）", "Days to rectify, by severity, from issue")
        case "rent_grace_days": pair = ("租金逾期宽限天数", "Days' grace before rent is in arrears")
        case "spending_without_decision_cap_fen": pair = ("无需业主共同决定的单笔支出上限", "Largest spending without an owners' decision")
        case "utilisation_min_percent": pair = ("利用率下限", "Lowest utilisation")
        case "utilisation_window_months": pair = ("利用率和收益的统计期", "Window for utilisation and income")
        default: pair = (key, key)
        }
        return language.pick(pair.0, pair.1)
    }

    /// The value a policy key holds, in words (no JSON): `36个月`, `公共收益每3个月；…`, `0.00元`.
    public static func value(_ key: String, _ policy: Policy, _ language: ReportLanguage) -> String {
        func pick(_ zh: String, _ en: String) -> String { language.pick(zh, en) }
        switch key {
        case "contract_term_max_months": return pick("\(policy.contractTermMaxMonths)个月", Wording.englishCount(policy.contractTermMaxMonths, "month"))
        case "disclosure_months":
            return ["public_income", "maintenance", "governance", "other"].map { kind in
                let months = policy.disclosureMonths[kind] ?? LawConstants.maintenanceDisclosureMonthsMax
                let name = kind == "other" ? pick("其他共有资金", "other common funds") : Vocabulary.word(kind, language)
                return pick("\(name)每\(months)个月", "\(name) every \(Wording.englishCount(months, "month"))")
            }.joined(separator: pick("；", "; "))
        case "emergency_disclosure_days": return pick("\(policy.emergencyDisclosureDays)天", Wording.englishCount(policy.emergencyDisclosureDays, "day"))
        case "idle_asset_kinds":
            return policy.idleAssetKinds.map { $0 == "other" ? pick("其他共有部分", "other parts") : Vocabulary.word($0, language) }
                .joined(separator: pick("、", ", "))
        case "idle_days": return pick("\(policy.idleDays)天以上", "\(Wording.englishCount(policy.idleDays, "day")) or more")
        case "income_benchmark_min_peers": return pick("\(policy.incomeBenchmarkMinPeers)处", "\(policy.incomeBenchmarkMinPeers)")
        case "income_benchmark_percent": return "\(policy.incomeBenchmarkPercent)%"
        case "rectification_deadline_days":
            return Severity.allCases.map { s in
                let days = policy.rectificationDeadlineDays[s.rawValue] ?? 30
                return pick("\(s.labelZh)\(days)天", "\(s.labelEn) \(Wording.englishCount(days, "day"))")
            }.joined(separator: pick("；", "; "))
        case "rent_grace_days": return pick("\(policy.rentGraceDays)天", Wording.englishCount(policy.rentGraceDays, "day"))
        case "spending_without_decision_cap_fen": return Format.money(Amount(fen: policy.spendingWithoutDecisionCapFen), language)
        case "utilisation_min_percent": return "\(policy.utilisationMinPercent)%"
        case "utilisation_window_months": return pick("\(policy.utilisationWindowMonths)个月", Wording.englishCount(policy.utilisationWindowMonths, "month"))
        default: return policy.entries.first { $0.key == key }?.value ?? ""
        }
    }
}
