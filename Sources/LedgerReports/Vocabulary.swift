/// Translations of the ledger's enumerated words (fund and asset kinds, decision matters, contract terms).
public enum Vocabulary {
    /// `word` in `language`; unknown words are returned as they are.
    public static func word(_ word: String, _ language: ReportLanguage) -> String {
        guard let pair = table[word] else { return word }
        return language == .zh ? pair.0 : pair.1
    }

    static let table: [String: (String, String)] = [
        "public_income": ("公共收益", "public income"),
        "maintenance": ("专项维修资金", "maintenance fund"),
        "governance": ("业主大会经费", "governance fund"),
        "other": ("其他", "other"),
        "parking": ("车位", "parking"),
        "club_room": ("会所用房", "club room"),
        "roof": ("屋顶", "roof"),
        "basement": ("地下室", "basement"),
        "advertising": ("广告位", "advertising"),
        "green_area": ("绿地", "green area"),
        "corridor": ("通道", "corridor"),
        "rules_of_procedure": ("制定和修改议事规则", "rules of procedure"),
        "covenant": ("制定和修改管理规约", "owners' covenant"),
        "committee": ("选举业主委员会", "owners' committee"),
        "manager": ("选聘和解聘物业服务企业", "hiring or firing the manager"),
        "maintenance_fund_use": ("使用维修资金", "using the maintenance fund"),
        "maintenance_fund_raising": ("筹集维修资金", "raising the maintenance fund"),
        "rebuilding": ("改建、重建", "rebuilding"),
        "change_use_or_operate": ("改变共有部分用途或从事经营活动", "changing use or operating common parts"),
        "other_major": ("其他重大事项", "other major matter"),
        "kind": ("类型", "kind"),
        "planned_use": ("规划用途", "planned use"),
        "use": ("用途", "use"),
        "current_use": ("现用途", "current use"),
        "expired": ("到期", "expired"),
        "terminated": ("终止", "was terminated"),
        "caused_damage": ("人为损坏（应由侵害人承担）", "damage someone caused"),
        "developer_liability": ("建设单位保修责任范围", "developer's liability within warranty"),
        "service_contract_duty": ("物业服务合同约定由物业服务人承担", "work the service contract assigns to the manager"),
        "utility_facilities": ("供水、供电、供气等专业经营设施", "utility companies' pipes and equipment"),
    ]
}
