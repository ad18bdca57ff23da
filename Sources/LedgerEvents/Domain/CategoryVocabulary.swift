import LedgerEvents

/// The categories of `fund.income` (`category`) and `fund.spending` (`purpose_category`), so that 广告, 广告费 and
/// advertising are one total, not three. The one list for every module: `ledger import` turns a known word into
/// its code, reports group by the code a text stands for, and the rules (FUND-05) compare codes, so a report and
/// `ledger rectify` never disagree about what a record is. A text the vocabulary does not know is its own
/// category, kept and shown as written.
public enum CategoryVocabulary {
    public static let all: [Category] = [
        Category(code: "leasing", zh: "租金", en: "rent", direction: .income,
                 aliases: ["租金", "租金收入", "租赁", "出租", "场地租金", "房屋租金", "房租", "rent", "lease", "rental"]),
        Category(code: "parking", zh: "停车费", en: "parking fees", direction: .income,
                 aliases: ["停车", "停车费", "停车收入", "车位", "车位费", "车位租金", "parking fee", "parking fees"]),
        Category(code: "advertising", zh: "广告费", en: "advertising", direction: .income,
                 aliases: ["广告", "广告费", "广告收入", "广告位", "ad", "ads", "advertisement"]),
        Category(code: "base_station", zh: "基站", en: "telecom base station", direction: .income,
                 aliases: ["基站", "基站租金", "通信基站", "铁塔", "base station", "telecom"]),
        Category(code: "interest", zh: "利息", en: "interest", direction: .income,
                 aliases: ["利息", "存款利息", "利息收入", "bank interest"]),
        Category(code: "deposit", zh: "缴存", en: "deposits", direction: .income,
                 aliases: ["缴存", "交存", "维修资金缴存", "首期缴存", "首期维修资金", "续筹"]),
        Category(code: "owner_contribution", zh: "业主缴纳", en: "owners' contributions", direction: .income,
                 aliases: ["业主缴纳", "业主分摊", "业主交纳", "业主缴费", "contribution"]),
        // Money a payee or a party liable pays back into the fund (a maintenance-fund spending FUND-05 flags, 追回):
        // income of its own kind, which FUND-05 reads as recovering the spending (docs/rules.md).
        Category(code: "refund", zh: "退回款项", en: "money returned to the fund", direction: .income,
                 aliases: ["退款", "退回", "退还", "返还", "追回", "追回款项", "refunds"]),
        Category(code: "repair", zh: "维修", en: "repairs", direction: .spending,
                 aliases: ["维修", "维修费", "维修改造", "修缮", "维护", "大修", "repairs", "maintenance work"]),
        Category(code: "governance", zh: "业主大会工作经费", en: "owners' assembly and committee costs", direction: .spending,
                 aliases: ["业委会经费", "业主大会经费", "工作经费", "办公经费", "办公费", "办公", "会议"]),
        Category(code: "developer_liability", zh: "建设单位保修责任范围", en: "developer's warranty liability", direction: .spending,
                 aliases: ["保修", "保修期内维修", "开发商保修"]),
        Category(code: "utility_facilities", zh: "专业经营设施", en: "utility companies' facilities", direction: .spending,
                 aliases: ["供水供电供气设施", "专业经营设施", "水电气设施", "供水供电"]),
        Category(code: "caused_damage", zh: "人为损坏", en: "damage someone caused", direction: .spending,
                 aliases: ["人为损坏", "损坏赔偿"]),
        Category(code: "service_contract_duty", zh: "物业服务合同约定事项", en: "the manager's contractual duty", direction: .spending,
                 aliases: ["物业服务合同约定", "物业费范围", "日常维护"]),
        Category(code: "cleaning", zh: "保洁", en: "cleaning", direction: .spending,
                 aliases: ["保洁", "清洁", "保洁费"]),
        Category(code: "greening", zh: "绿化", en: "greening", direction: .spending,
                 aliases: ["绿化", "绿化养护", "绿化费"]),
        Category(code: "other", zh: "其他", en: "other", direction: .income,
                 aliases: ["其他", "其它", "杂项", "misc"]),
    ]

    /// The code of money returned to a fund (退回款项): FUND-05 counts income of it into the maintenance fund as
    /// recovering a spending the fund must not bear.
    public static let refundCode = "refund"

    private static let byWord: [String: String] = {
        var map: [String: String] = [:]
        for category in all {
            for word in [category.code, category.zh, category.en] + category.aliases { map[key(word)] = category.code }
        }
        return map
    }()

    /// How words are compared: lower case, without spaces, `_` or `-` (so `base station`, `base_station` and
    /// `Base-Station` are one word).
    public static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "_" && $0 != "-" }.map(Character.init))
    }

    /// The code `text` stands for (a code, a name or an alias, ignoring case and spaces), or nil.
    public static func code(for text: String) -> String? { byWord[key(text)] }

    /// The code `text` stands for if that category classifies `direction` (`other` classifies both), or nil.
    public static func code(for text: String, direction: Category.Direction) -> String? {
        guard let known = code(for: text), let category = category(known) else { return nil }
        return category.direction == direction || known == "other" ? known : nil
    }

    /// The code of a recorded category text: the vocabulary's code for a word it knows, else the text itself.
    public static func normalized(_ text: String) -> String { code(for: text) ?? text }

    /// The categories of `direction` (with `other`), in list order.
    public static func categories(_ direction: Category.Direction) -> [Category] {
        all.filter { $0.direction == direction || $0.code == "other" }
    }

    /// The category of `code`, if it is one of the vocabulary's codes.
    public static func category(_ code: String) -> Category? { all.first { $0.code == code } }

    /// `totals` with every text the vocabulary knows folded into its code (amounts added), ordered by code.
    public static func merged(_ totals: [(category: String, amount: Amount)]) -> [(category: String, amount: Amount)] {
        var sums: [String: Amount] = [:]
        for total in totals { sums[normalized(total.category), default: Amount(fen: 0)] += total.amount }
        return sums.keys.sorted().map { ($0, sums[$0]!) }
    }
}
