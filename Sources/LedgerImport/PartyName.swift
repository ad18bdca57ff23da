/// Whether a counterparty or person-field value is an organisation or a role by its own words, not a person: the
/// value `--private FIELD` of an import leaves in clear, and the kept values no door refuses (review 47c #3). A
/// statement imported with `--private counterparty`, as its advice said, committed 青岛丰巢科技有限公司 and 业主委员会
/// as private persons, which then refused the company and role in clear everywhere, `rectify --issue`'s own
/// `responsible` words included; only persons' names are personal data (个人信息保护法 Art. 4).
///
/// Read by its words, deliberately narrow the other way: a value is an organisation when its payer-name key
/// (`PayerName.key`) holds one of `organisationWords` (公司, 银行, 委员会, 物业, …, whole words an office's or a bank's
/// name carries, never a single character such as 店 or 局 that may end a person's name), and a role when it is one
/// of `roleWords` exactly (业主委员会, 物业服务企业, 全体业主, …). Anything else is a person as far as the ledger
/// can tell, and `--private` commits it: a person taken for an organisation would be written in clear for ever, an
/// organisation taken for a person only kept erasable.
public enum PartyName {
    /// Words only an organisation's name holds (in the form `PayerName.key` gives: simplified, ASCII lower case).
    static let organisationWords: [String] = [
        "公司", "集团", "企业", "委员会", "业委会", "居委会", "村委会", "物业", "银行", "信用社", "合作社", "农商行",
        "事务所", "研究所", "研究院", "设计院", "医院", "卫生院", "诊所", "学校", "小学", "中学", "大学", "学院",
        "幼儿园", "超市", "商店", "商行", "商场", "门市部", "经营部", "营业部", "项目部", "工作室", "协会", "商会",
        "基金会", "办事处", "管理处", "服务处", "服务中心", "管理中心", "服务站", "政府", "法院", "检察院", "派出所",
        "公安局", "税务局", "财政局", "管理局", "供电", "供水", "自来水", "燃气", "热力", "电力", "电信", "移动通信",
        "联通", "分行", "支行", "分公司", "加油站", "停车场", "有限", "股份", "工程队", "车队", "街道", "社区",
        "co.", "co·", "ltd", "limited", "inc·", "company", "corporation", "committee", "bank",
    ]

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
        return organisationWords.contains { key.contains($0) }
    }
}
