import LedgerEvents

/// The Chinese words of the query reports: a label for each column (shown above the spec's field name, which stays
/// as written) and the natural word for each status or code a cell may hold. English reports print the codes.
public enum ReportWords {
    /// The Chinese label of a column or field name, or nil when there is none.
    public static func label(_ field: String) -> String? { labels[field] }

    /// A status word or code as a reader of `language` reads it: Chinese for `zh` (the code itself when no word is
    /// known), the code for `en`.
    public static func word(_ code: String, _ language: ReportLanguage) -> String {
        guard language == .zh else { return code }
        return words[code] ?? Vocabulary.table[code]?.0 ?? code
    }

    static let labels: [String: String] = [
        "community": "小区", "fund": "资金账户", "kind": "类型", "income": "收入", "spending": "支出",
        "transfers_in": "转入", "transfers_out": "转出", "balance": "余额", "statement_date": "对账单日期",
        "statement_balance": "对账单余额", "difference": "差额", "direction": "收支", "category": "类别",
        "amount": "金额", "period": "期间", "rent_period": "计租周期", "opening": "期初余额", "transfers_net": "划转净额", "closing": "期末余额",
        "asset": "共有部分", "name": "名称", "area_m2": "面积（平方米）", "status": "状态", "contracts": "合同",
        "last_used": "最近使用", "last_inspection": "最近巡查", "observed": "巡查所见", "days_in_use_365": "近365天使用天数",
        "contract": "合同", "counterparty": "承租方", "assets": "共有部分", "start": "起始日", "end": "到期日",
        "rent": "租金", "decision": "决定", "vote": "表决", "expected": "应收", "received": "实收", "arrears": "欠缴", "paid_ahead": "预收",
        "rent_after_end": "到期后继续使用的使用费", "overpaid": "多收",
        "date": "日期", "matter": "事项", "item": "项", "participating_area": "参与面积", "participating_owners": "参与人数",
        "approving_area": "同意面积", "approving_owners": "同意人数", "rule": "同意门槛", "result": "结果",
        "cap": "金额上限", "spent": "已支出", "remaining": "剩余", "seq": "序号", "type": "类型", "event": "事件",
        "actor": "记录人", "data": "内容", "street": "街道", "residents_committee": "居委会", "owners": "业主人数",
        "total_area_m2": "总面积（平方米）", "funds": "资金数", "contracts_active": "履行中合同",
        "decisions": "决定数", "registered_on": "登记日期",
        "idle": "闲置", "occupied": "被占用",
        "maintenance_fund": "专项维修资金", "public_income": "公共收益", "governance_fund": "业主大会经费", "other_funds": "其他资金",
        "balance_total": "合计",
    ]

    static let words: [String: String] = [
        // asset status
        "idle": "闲置", "in_use_under_contract": "按合同使用", "in_use_under_decision": "按决定使用",
        "in_use_without_authority": "无依据使用", "occupied": "被占用", "retired": "已注销",
        // inspection observations
        "in_use": "在用", "damaged": "损坏",
        // contract status and votes
        "not_started": "未开始", "active": "履行中", "expired": "已到期", "terminated": "已终止",
        "none": "无", "unknown": "不明", "passed": "通过", "not_passed": "未通过",
        // a contract's vote that passed but does not authorise the contract (`ContractVote`, CON-01/CON-02)
        "passed_other_community": "表决通过，但系其他小区的决定",
        "passed_wrong_matter": "表决通过，但表决事项不能授权经营",
        "passed_below_three_quarters": "表决通过，但不足以授权经营（第八项须四分之三以上）",
        "passed_other_contract": "表决通过，但同意的是另一份合同",
        "passed_other_assets": "表决通过，但未涵盖合同全部共有部分",
        "passed_expired": "表决通过，但签约时决定已过有效期",
        "ratified_after_signing": "签约后表决追认",
        // decision results
        "unknown_community": "小区不明", "no_quorum": "未通过（参与表决未达三分之二）", "below_threshold": "未通过（同意未达规定比例）",
        // rent periods
        "month": "月", "quarter": "季", "year": "年", "once": "一次性",
        // directions
        "income": "收入", "spending": "支出",
        // record status
        "in_effect": "有效",
        // rectification review results
        "closed": "已销号", "rejected": "未通过",
        // sources of an asset's record, kinds of rectification evidence
        "manual": "手工录入", "import": "导入", "voucher": "凭证", "photo": "照片", "contract": "合同", "decision": "决定",
        "document": "文件",
        // thresholds
        ">=3/4": "≥四分之三", ">1/2": "过半数",
    ]

    /// An income or spending category as a reader of `language` reads it: its vocabulary name in Chinese
    /// (`CategoryVocabulary`), the text as given in English; a text outside the vocabulary as written.
    public static func category(_ code: String, _ language: ReportLanguage) -> String {
        guard language == .zh else { return code }
        guard let known = CategoryVocabulary.code(for: code), let category = CategoryVocabulary.category(known) else {
            return Vocabulary.table[code]?.0 ?? code
        }
        return category.zh
    }

    /// A record's status after corrections in words: `有效`, `已被#N更正`, `已被#N作废`, `更正#N`, `已被#N取代` (a
    /// correction a later correction of the same record took the place of).
    public static func recordStatus(_ label: String, _ language: ReportLanguage) -> String {
        guard language == .zh else { return label }
        if label == "in_effect" { return "有效" }
        for (prefix, before, after) in [("voided_by:", "已被", "作废"), ("replaced_by:", "已被", "更正"), ("corrects:", "更正", ""),
                                        ("superseded_by:", "已被", "取代")]
        where label.hasPrefix(prefix) {
            return before + label.dropFirst(prefix.count) + after
        }
        return label
    }
}
