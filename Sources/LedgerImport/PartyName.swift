/// Whether a counterparty or person-field value is an organisation or a role by its own words, not a person: the
/// value `--private FIELD` of an import leaves in clear, and the kept values no door refuses (review 47c #3). A
/// statement imported with `--private counterparty`, as its advice said, committed 青岛丰巢科技有限公司 and 业主委员会
/// as private persons, which then refused the company and role in clear everywhere, `rectify --issue`'s own
/// `responsible` words included; only persons' names are personal data (个人信息保护法 Art. 4).
///
/// Read by its words, deliberately narrow the other way: a value is an organisation when its payer-name key
/// (`PayerName.key`) **ends** with one of `organisationSuffixes` (有限公司, 银行, 委员会, 物业, …: how an office's, a
/// company's or a bank's name ends; never a word that may end a person's given name, such as 大学, 电力 or 社区), or
/// its last Latin word is one of `latinSuffixes` (`ltd`, `bank`, …, whole: `Tyra Banks` is a person), and a role
/// when it is one of `roleWords` exactly (业主委员会, 物业服务企业, 全体业主, …). A word inside the value does not
/// make it an organisation: `八大关街道 王强`, `物业-王强`, `业委会委员张华` are persons (review 48: a substring test
/// wrote them in clear under `--private`). Anything else is a person as far as the ledger can tell, and `--private`
/// commits it: a person taken for an organisation would be written in clear for ever, an organisation taken for a
/// person only kept erasable.
public enum PartyName {
    /// How only an organisation's name ends (in the form `PayerName.key` gives: simplified, ASCII lower case).
    static let organisationSuffixes: [String] = [
        "公司", "集团", "委员会", "业委会", "居委会", "村委会", "物业", "银行", "信用社", "合作社", "农商行",
        "事务所", "研究所", "研究院", "设计院", "医院", "卫生院", "诊所", "学校", "学院", "幼儿园", "超市", "商店",
        "商行", "商场", "门市部", "经营部", "营业部", "项目部", "工作室", "协会", "商会", "基金会", "办事处", "管理处",
        "服务处", "服务中心", "管理中心", "服务站", "政府", "法院", "检察院", "派出所", "公安局", "税务局", "财政局",
        "管理局", "分行", "支行", "加油站", "停车场", "工程队", "街道办",
    ]

    /// The last Latin word of an organisation's name, matched whole.
    static let latinSuffixes: Set<String> = ["co", "ltd", "limited", "inc", "llc", "plc", "gmbh", "company", "corporation", "corp",
                                             "committee", "bank"]

    /// Roles the ledger's own words and a clerk's files name a party by (the rectification loop's `responsible`,
    /// a spending's counterparty), matched whole.
    static let roleWords: Set<String> = [
        "业主大会", "业主委员会", "业委会", "物业服务企业", "物业服务人", "物业公司", "物业", "全体业主", "业主",
        "居民委员会", "居委会", "街道办事处", "建设单位", "开发商", "施工单位", "保洁", "保安", "门卫", "管理员",
        "维修人员", "承租方", "使用人", "住户", "房管部门", "住建部门", "社区", "物业服务中心", "物业管理处",
    ]

    /// Whether `value` is an organisation or a role by its words (see the type's summary): never a person.
    public static func isOrganisationOrRole(_ value: String) -> Bool {
        let key = PayerName.key(value)
        if roleWords.contains(key) { return true }
        if organisationSuffixes.contains(where: { key.hasSuffix($0) }) { return true }
        // Latin words from the value itself (the key drops the spaces between them): its last word, after any
        // closing dots or brackets (`Acme Co.`, `ACME LTD`), whole.
        var text = Substring(value.lowercased())
        while let last = text.last, !last.isLetter { text.removeLast() }
        guard let last = text.last, last.isASCII else { return false }
        let word = text.reversed().prefix { $0.isASCII && $0.isLetter }
        return latinSuffixes.contains(String(word.reversed()))
    }

    /// Whether `value` is one of the roles the ledger's own words name a party by (`roleWords`, whole): never held
    /// as a kept person's name (`PrivateNames`), so that `rectify --issue`'s `responsible` appends. A value an earlier
    /// `--private` committed otherwise stays kept, organisation-like or not (review 48).
    public static func isRole(_ value: String) -> Bool {
        roleWords.contains(PayerName.key(value))
    }
}
