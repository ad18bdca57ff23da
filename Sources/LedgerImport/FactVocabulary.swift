import LedgerEvents

/// The headings, words and examples of every fact kind (documented in README, "Clerk's workflow").
public enum FactVocabulary {
    /// Every label the reports print for a kind is a word of it (业主大会经费, 其他资金; public income, governance
    /// fund), so that a clerk copying a report's column into a funds file is understood (review 41a).
    static let fundKinds: [(code: String, words: [String])] = [
        ("public_income", ["公共收益", "公共收益账户", "public_income", "public income"]),
        // 维修基金 is the everyday name of 住宅专项维修资金 (DOMAIN.md §1; Qingdao: 房屋专项维修资金): review 43a m9.
        ("maintenance", ["维修资金", "专项维修资金", "住宅专项维修资金", "房屋专项维修资金", "维修基金", "专项维修基金", "maintenance",
                         "maintenance fund"]),
        ("governance", ["业委会经费", "工作经费", "业主大会经费", "governance", "governance fund"]),
        ("other", ["其他", "其它", "其他资金", "other", "other funds"]),
    ]
    /// The periods a contract's rent is recorded per (`rent_period`: month, quarter, year, once), with the words
    /// offices write in a 计租周期 column (review 41a minor 6: 月付, 年付, 季度付, 一次性付清 …).
    static let rentPeriods: [(code: String, words: [String])] = [
        ("month", ["月", "每月", "按月", "月付", "按月付", "按月支付", "每月付", "月度", "每个月", "月租", "month", "monthly"]),
        ("quarter", ["季", "季度", "每季", "每季度", "按季", "按季度", "季付", "季度付", "按季付", "按季支付", "每季付", "季租",
                     "quarter", "quarterly"]),
        ("year", ["年", "每年", "按年", "一年", "年付", "按年付", "按年支付", "每年付", "年度", "每年度", "按年度", "年租",
                  "year", "yearly", "annual", "annually"]),
        ("once", ["一次性", "一次", "一次性付清", "一次付清", "一次性支付", "一次性付款", "once"]),
    ]
    /// A half-year period (半年付), which the record has no code for (`rent_period` is month, quarter, year or once):
    /// refused with how to write such a contract (`ImportWords.halfYearPeriod`), never read as a year or a quarter.
    static let halfYearWords: Set<String> = ["半年", "每半年", "半年付", "按半年", "按半年付", "半年一付", "半年度", "每半年付",
                                             "半年租", "halfyear", "halfyearly", "semiannual", "semiannually", "biannual"]
    /// The matters of [CC] 278, the short word first (the one messages list, as the template writes them). No bare
    /// item number: the Civil Code and the local regulations number the matters differently (review 45b #2).
    static let matters: [(code: String, words: [String])] = [
        ("rules_of_procedure", ["议事规则", "制定和修改业主大会议事规则", "rules_of_procedure"]),
        ("covenant", ["管理规约", "制定和修改管理规约", "covenant"]),
        ("committee", ["选举业主委员会", "选举业主委员会或者更换业主委员会成员", "业主委员会", "committee"]),
        ("manager", ["选聘物业", "选聘和解聘物业服务企业或者其他管理人", "物业服务企业", "manager"]),
        ("maintenance_fund_use", ["使用维修资金", "使用建筑物及其附属设施的维修资金", "维修资金使用", "maintenance_fund_use"]),
        ("maintenance_fund_raising", ["筹集维修资金", "筹集建筑物及其附属设施的维修资金", "maintenance_fund_raising"]),
        ("rebuilding", ["改建重建", "改建、重建建筑物及其附属设施", "改建、重建", "rebuilding"]),
        ("change_use_or_operate", ["改变用途或经营", "改变共有部分的用途或者利用共有部分从事经营活动", "经营共有部分",
                                   "change_use_or_operate"]),
        ("other_major", ["其他重大事项", "有关共有和共同管理权利的其他重大事项", "other_major"]),
    ]
    static let observations: [(code: String, words: [String])] = [
        ("idle", ["闲置", "空置", "idle"]),
        ("in_use", ["使用中", "在用", "正常使用", "in_use"]),
        ("occupied", ["被占用", "占用", "侵占", "occupied"]),
        ("damaged", ["损坏", "破损", "damaged"]),
    ]
    /// Income categories (`category`): the shared `CategoryVocabulary` (docs/categories.md), so that 广告 and 广告费
    /// total together and the reports and rules read the same codes.
    public static let incomeCategories = categoryTable(.income)
    /// Spending purposes (`purpose_category`), from the same vocabulary: the rules read `repair`, `governance` and
    /// FUND-05's forbidden codes.
    public static let spendingCategories = categoryTable(.spending)

    /// A vocabulary field's table: each category's code with its Chinese name first (the word messages show),
    /// then its code, English name and other words.
    static func categoryTable(_ direction: Category.Direction) -> [(code: String, words: [String])] {
        CategoryVocabulary.categories(direction).map { category in
            var words: [String] = []
            for word in [category.zh, category.code, category.en] + category.aliases where !words.contains(word) { words.append(word) }
            return (category.code, words)
        }
    }

    static let community = FactField(key: "community_id", headings: ["小区", "小区编号", "所属小区", "community", "community_id"],
                                     value: .id, required: true, examples: ["C-HY", "C-HY"], label: "小区编号")

    static func fields(_ kind: FactKind) -> [FactField] {
        func f(_ key: String, _ headings: [String], _ value: FactValue, _ required: Bool, _ label: String,
               _ examples: [String]) -> FactField {
            FactField(key: key, headings: headings, value: value, required: required, examples: examples, label: label)
        }
        switch kind {
        case .funds:
            return [
                f("fund_id", ["账户编号", "基金编号", "资金编号", "fund", "fund_id"], .id, true, "账户编号", ["F-HY-GOV", "F-QF-GOV"]),
                FactField(key: "community_id", headings: community.headings, value: .id, required: true,
                          examples: ["C-HY", "C-QF"], label: community.label),
                f("kind", ["账户类型", "类型", "资金类型", "kind", "type"], .choice(fundKinds), true, "账户类型",
                  ["业委会经费", "业委会经费"]),
                f("account", ["银行账户", "账户", "开户行及账号", "account"], .text, true, "银行账户",
                  ["青岛银行 8020-0001-1003 海韵小区业委会工作经费", "建设银行 3702-0002-2003 青枫苑业委会工作经费"]),
                f("occurred_on", ["开立日期", "日期", "date", "opened_on"], .date, true, "开立日期", ["2025-01-06", "2025-01-08"]),
            ]
        case .contracts:
            return [
                f("contract_id", ["合同编号", "编号", "contract", "contract_id"], .id, true, "合同编号", ["K-HY-AD2", "K-HY-P02"]),
                community,
                f("asset_ids", ["资产编号", "共有部分", "资产", "assets", "asset_ids"], .ids, true, "资产编号（多个用顿号分隔）",
                  ["A-HY-AD1", "A-HY-P01、A-HY-P02"]),
                f("counterparty", ["承租方", "相对方", "对方", "合同相对方", "counterparty"], .person, true, "承租方",
                  ["青岛新潮传媒有限公司", "青岛海港停车管理有限公司"]),
                f("purpose", ["用途", "合同用途", "purpose"], .text, true, "用途", ["电梯广告", "地面车位经营"]),
                f("start_on", ["起始日期", "开始日期", "起租日期", "start", "start_on"], .date, true, "起始日期",
                  ["2025-04-01", "2025-05-01"]),
                f("end_on", ["终止日期", "结束日期", "到期日期", "end", "end_on"], .date, true, "终止日期",
                  ["2027-03-31", "2026-04-30"]),
                f("rent_fen", ["租金", "租金(元)", "每期租金", "rent", "rent_yuan"], .yuan, true, "每期租金（元）",
                  ["12,000.00", "600"]),
                f("rent_period", ["计租周期", "租金周期", "付款周期", "period", "rent_period"], .choice(rentPeriods), true,
                  "计租周期", ["年", "月"]),
                f("decision_id", ["决定编号", "决议编号", "表决编号", "decision", "decision_id"], .id, false, "业主大会决定编号",
                  ["D-HY-2024-01", ""]),
                f("payee_fund_id", ["收款账户", "收款账户编号", "payee_fund", "payee_fund_id"], .id, false, "收款账户编号",
                  ["F-HY-PI", "F-HY-PI"]),
                f("occurred_on", ["签订日期", "签约日期", "日期", "signed_on", "date"], .date, true, "签订日期",
                  ["2025-03-25", "2025-04-20"]),
            ]
        case .income:
            return [
                f("occurred_on", ["日期", "收款日期", "到账日期", "date"], .date, true, "收款日期", ["2025-05-05", "2025-05-08"]),
                f("fund_id", ["账户编号", "收款账户", "账户", "fund", "fund_id"], .id, true, "收款账户编号", ["F-HY-PI", "F-HY-PI"]),
                f("amount_fen", ["金额", "金额(元)", "收入金额", "收款金额", "amount", "amount_yuan"], .yuan, true, "金额（元）",
                  ["1,800.00", "12000"]),
                f("counterparty", ["付款方", "交款人", "对方", "对方户名", "counterparty", "payer"], .person, true, "付款方",
                  ["青岛海港停车管理有限公司", "青岛新潮传媒有限公司"]),
                f("voucher", ["凭证号", "收据号", "票据号", "voucher"], .text, true, "凭证号", ["SJ-2025-0505", "SJ-2025-0508"]),
                f("category", ["类别", "收入类别", "收入类型", "category"], .vocabulary(incomeCategories), true, "收入类别",
                  ["停车费", "广告"]),
                f("source.contract_id", ["合同编号", "合同", "contract", "contract_id"], .id, false, "合同编号",
                  ["K-HY-P01", "K-HY-AD1"]),
            ]
        case .spending:
            return [
                f("occurred_on", ["日期", "支付日期", "付款日期", "date"], .date, true, "支付日期", ["2025-06-18", "2025-06-30"]),
                f("fund_id", ["账户编号", "付款账户", "账户", "fund", "fund_id"], .id, true, "付款账户编号", ["F-HY-MF", "F-HY-PI"]),
                f("amount_fen", ["金额", "金额(元)", "支出金额", "付款金额", "amount", "amount_yuan"], .yuan, true, "金额（元）",
                  ["62,000.00", "3500"]),
                f("counterparty", ["收款方", "收款人", "对方", "对方户名", "counterparty", "payee"], .person, true, "收款方",
                  ["青岛安居防水工程有限公司", "海韵小区业委会"]),
                f("voucher", ["凭证号", "发票号", "票据号", "voucher"], .text, true, "凭证号", ["FP-2025-0618", "FP-2025-0630"]),
                f("purpose", ["用途", "事由", "摘要", "purpose"], .text, true, "用途", ["3号楼屋顶防水维修", "业委会办公用品"]),
                f("purpose_category", ["支出类别", "类别", "用途类别", "category", "purpose_category"],
                  .vocabulary(spendingCategories), false, "支出类别", ["维修", "业委会经费"]),
                f("decision_id", ["决定编号", "决议编号", "decision", "decision_id"], .id, false, "业主大会决定编号",
                  ["D-HY-2024-02", ""]),
                f("asset_ids", ["资产编号", "共有部分", "assets", "asset_ids"], .ids, false, "资产编号（多个用顿号分隔）",
                  ["A-HY-ROOF", ""]),
                f("emergency.type", ["紧急情形", "应急类型", "emergency", "emergency_type"], .text, false, "紧急情形", ["", ""]),
                f("emergency.evidence", ["紧急依据", "应急依据", "emergency_evidence"], .text, false, "紧急情形依据", ["", ""]),
            ]
        case .transfers:
            return [
                f("occurred_on", ["日期", "划转日期", "date"], .date, true, "划转日期", ["2025-07-01", "2025-12-31"]),
                f("from_fund_id", ["转出账户", "转出账户编号", "from_fund", "from_fund_id"], .id, true, "转出账户编号",
                  ["F-HY-PI", "F-HY-PI"]),
                f("to_fund_id", ["转入账户", "转入账户编号", "to_fund", "to_fund_id"], .id, true, "转入账户编号",
                  ["F-HY-MF", "F-HY-MF"]),
                f("amount_fen", ["金额", "金额(元)", "划转金额", "amount", "amount_yuan"], .yuan, true, "金额（元）",
                  ["50,000.00", "20000"]),
                f("voucher", ["凭证号", "票据号", "voucher"], .text, true, "凭证号", ["ZZ-2025-0701", "ZZ-2025-1231"]),
                f("decision_id", ["决定编号", "决议编号", "decision", "decision_id"], .id, false, "业主大会决定编号",
                  ["", ""]),
            ]
        case .decisions:
            return [
                f("decision_id", ["决定编号", "决议编号", "编号", "decision", "decision_id"], .id, true, "决定编号",
                  ["D-HY-2025-03", "D-HY-2025-04"]),
                community,
                f("occurred_on", ["表决日期", "决定日期", "日期", "date", "voted_on"], .date, true, "表决日期",
                  ["2025-06-20", "2025-09-10"]),
                f("matter", ["事项", "表决事项", "matter"], .choice(matters), true, "事项（民法典第二百七十八条）",
                  ["改变用途或经营", "使用维修资金"]),
                f("participating_area_m2", ["参与表决面积", "参与面积", "participating_area", "participating_area_m2"], .area, true,
                  "参与表决专有部分面积（㎡）", ["36,000.00", "35,000"]),
                f("participating_owners", ["参与表决人数", "参与户数", "参与人数", "participating_owners"], .count, true,
                  "参与表决人数", ["330", "321"]),
                f("approving_area_m2", ["同意面积", "赞成面积", "approving_area", "approving_area_m2"], .area, true,
                  "同意的专有部分面积（㎡）", ["28,000.00", "27,500.5"]),
                f("approving_owners", ["同意人数", "赞成人数", "同意户数", "approving_owners"], .count, true, "同意人数",
                  ["260", "250"]),
                f("authorises.asset_ids", ["授权资产", "授权资产编号", "涉及资产", "资产编号", "asset_ids"], .ids, false, "涉及资产编号",
                  ["A-HY-AD1、A-HY-P01", "A-HY-ROOF"]),
                f("authorises.contract_id", ["授权合同", "授权合同编号", "合同编号", "contract_id"], .id, false, "授权合同编号", ["", ""]),
                f("authorises.purpose", ["授权用途", "用途", "purpose"], .text, false, "授权用途",
                  ["电梯广告及车位经营", "3号楼屋顶防水维修"]),
                f("authorises.amount_cap_fen", ["金额上限", "金额上限(元)", "授权金额", "amount_cap"], .yuan, false,
                  "授权金额上限（元）", ["", "80,000.00"]),
                f("valid_until", ["有效期至", "有效期", "valid_until"], .date, false, "有效期至", ["2027-06-30", ""]),
            ]
        case .uses:
            return [
                f("use_id", ["使用编号", "编号", "use", "use_id"], .id, true, "使用编号", ["U-HY-P02", "U-HY-CLUB2"]),
                f("asset_id", ["资产编号", "共有部分", "asset", "asset_id"], .id, true, "资产编号", ["A-HY-P02", "A-HY-CLUB"]),
                f("user", ["使用人", "使用方", "user"], .person, true, "使用人", ["青岛海港停车管理有限公司", "海韵业主合唱团"]),
                f("purpose", ["用途", "使用用途", "purpose"], .text, true, "用途", ["车位经营", "文体活动"]),
                f("authority.contract_id", ["合同编号", "依据合同", "contract_id"], .id, false, "依据合同编号", ["K-HY-P01", ""]),
                f("authority.decision_id", ["决定编号", "依据决定", "decision_id"], .id, false, "依据决定编号", ["", ""]),
                f("occurred_on", ["开始日期", "起始日期", "日期", "date", "started_on"], .date, true, "开始日期",
                  ["2025-05-01", "2025-06-01"]),
            ]
        case .inspections:
            return [
                f("occurred_on", ["巡查日期", "日期", "date", "inspected_on"], .date, true, "巡查日期", ["2025-09-01", "2025-09-01"]),
                f("asset_id", ["资产编号", "共有部分", "asset", "asset_id"], .id, true, "资产编号", ["A-HY-GRN", "A-HY-ROOF"]),
                f("observed", ["状况", "巡查结果", "现状", "observed"], .choice(observations), true, "状况（闲置/使用中/被占用/损坏）",
                  ["被占用", "闲置"]),
                f("inspector", ["巡查人", "检查人", "inspector"], .person, true, "巡查人", ["八大关街道 王强", "八大关街道 王强"]),
                f("note", ["备注", "说明", "note"], .text, false, "备注", ["1号楼住户在绿地种菜约20平方米", ""]),
            ]
        }
    }

    /// Words of a choice or vocabulary, compared after trimming and ASCII lower-casing (spaces and `-` as `_`).
    static func normalizedWord(_ text: String) -> String { RegisterVocabulary.normalizedKind(text) }

    /// The template of `kind`: UTF-8 with a byte-order mark (so Excel opens it as UTF-8), CRLF line ends, the
    /// first heading of every field and two example rows.
    public static func template(_ kind: FactKind) -> [UInt8] {
        let fields = kind.fields
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        CSVWriter.appendRecord(fields.map { Array($0.headings[0].utf8) }, delimiter: UInt8(ascii: ","), lineEnd: [13, 10], to: &out)
        for row in 0..<2 {
            CSVWriter.appendRecord(fields.map { Array($0.examples[row].utf8) }, delimiter: UInt8(ascii: ","), lineEnd: [13, 10],
                                   to: &out)
        }
        return out
    }
}
