import LedgerEvents
import LedgerRules

/// Words a finding's facts in Chinese or English: one template per `FactKey`, values formatted here (the only
/// place money, areas, dates and percentages become text).
public enum FactText {
    /// The sentence for `fact` in `language`.
    public static func render(_ fact: FindingFact, _ language: ReportLanguage) -> String {
        let template = language == .zh ? zh(fact.key) : en(fact.key)
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            out += value(name: name, fact[name], language)
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// All facts of a finding, joined.
    public static func render(_ facts: [FindingFact], _ language: ReportLanguage) -> String {
        facts.map { render($0, language) }.joined(separator: language == .zh ? "；" : "; ")
    }

    /// One value as text. Enumerated words (matters, kinds, term names) are translated.
    public static func value(name: String, _ value: FactValue, _ language: ReportLanguage) -> String {
        switch value {
        case .amount(let a): return Format.yuan(a)
        case .date(let d): return Format.date(d)
        case .integer(let i): return String(i)
        case .area(let q): return Format.area(q) + " m²"
        case .percent(let r): return Format.percent(r)
        case .share(let s): return s.description
        case .fenPerSquareMetre(let r): return Format.yuan(Format.roundedFen(r))
        case .text(let t):
            if ["term", "matter", "kind", "missing", "field", "category"].contains(name) { return Vocabulary.word(t, language) }
            return t
        }
    }

    static func zh(_ key: FactKey) -> String {
        switch key {
        case .occupationOpen: return "{occupant}占用（{description}），{reported_on}报告，{days}天未清除"
        case .useWithoutAnyAuthority: return "{user}自{started_on}起用于{purpose}，无合同或业主共同决定"
        case .useStarted: return "{user}自{started_on}起用于{purpose}"
        case .useContractUnknown: return "所称合同{contract_id}不在账本中"
        case .contractNotForAsset: return "合同{contract_id}不包含{asset_id}"
        case .contractNotInForce: return "合同{contract_id}期限为{start_on}至{end_on}，{on}不在期限内"
        case .contractTerminatedOn: return "合同{contract_id}已于{terminated_on}终止"
        case .decisionUnknown: return "所称决定{decision_id}不在账本中"
        case .decisionOtherCommunity: return "所称决定{decision_id}是另一小区（{decision_community}）业主的决定"
        case .decisionNotForAsset: return "决定{decision_id}未授权使用{asset_id}"
        case .decisionExpired: return "决定{decision_id}有效期至{valid_until}，{on}已过期"
        case .decisionWrongMatter: return "决定{decision_id}的表决事项为“{matter}”，不是本事项"
        case .quorumMissed: return "决定{decision_id}（{decided_on}）参与表决面积{participating_area}/总面积{total_area}、人数{participating_owners}/{total_owners}，未达{share}"
        case .specialMajorityMissed: return "决定{decision_id}同意面积{approving_area}/参与面积{participating_area}、人数{approving_owners}/{participating_owners}，未达{share}以上"
        case .simpleMajorityMissed: return "决定{decision_id}同意面积{approving_area}/参与面积{participating_area}、人数{approving_owners}/{participating_owners}，未过半数"
        case .decisionAfterAct: return "决定{decision_id}晚于行为日期{after}"
        case .inspectionOccupied: return "{inspected_on}巡查（{inspector}）发现被占用：{note}"
        case .inspectionInUse: return "{inspected_on}巡查（{inspector}）发现正在使用，账本中当日无使用登记或有效合同：{note}"
        case .disclosedLate: return "应于{due_on}前公示（每{months}个月），{published_on}才公示，迟延{days}天"
        case .useChanged: return "{changed_on}将{field}由“{from}”改为“{to}”"
        case .idleDays: return "自{since}起闲置{days}天（标准{threshold}天）"
        case .utilisation: return "近期{window_days}天中使用{used_days}天，利用率{utilisation}（标准{threshold}）"
        case .incomePerArea: return "收益{income}，面积{area}，每平方米{income_per_m2}；本街道同类{peers}处中位数为每平方米{median_per_m2}（标准为中位数的{threshold}）"
        case .termMissing: return "缺少{term}"
        case .payeeFundUnknown: return "收款账户{fund_id}不在账本中"
        case .payeeFundWrongKind: return "收款账户{fund_id}为{kind}，不是本小区公共收益账户"
        case .contractTerm: return "期限{start_on}至{end_on}，共{months}个月（上限{cap_months}个月）"
        case .usedAfterEnd: return "{user}的使用{use_id}在合同{end_on}结束后仍在继续"
        case .rentArrears: return "应收租金{due}，实收{received}，欠缴{arrears}，共{periods}期（{months}个月），最早一期应于{oldest_due_on}缴纳"
        case .spending: return "{spent_on}支出{amount}，用途：{purpose}，收款方：{counterparty}，凭证{voucher}"
        case .transfer: return "{moved_on}由{from_fund}划转{amount}至{to_fund}，凭证{voucher}"
        case .emergencyMissing: return "紧急使用缺少{missing}"
        case .emergencyNotDisclosed: return "{spent_on}紧急使用后，至{due_on}未公示"
        case .overCap: return "决定{decision_id}授权上限{cap}，累计支出{spent}，超出{excess}"
        case .prohibitedCategory: return "支出类别为“{category}”，属维修资金不得列支的项目"
        case .withinWarranty: return "{asset_id}保修期至{warranty_end}，尚在保修期内"
        case .overdrawn: return "{on}余额为{lowest}"
        case .balanceDiffers: return "{on}对账单（{statement}）余额{asserted}，账簿余额{ledger}，差额{difference}"
        case .disclosureOverdue: return "上次公示{last_on}，应于{due_on}前再次公示（每{months}个月），已逾期{days}天"
        case .neverDisclosed: return "自{opened_on}开户从未公示，应于{due_on}前公示（每{months}个月），已逾期{days}天"
        case .incomeInWrongFund: return "{received_on}合同{contract_id}收入{amount}记入{kind}账户{fund_id}"
        case .incomeInOtherCommunity: return "{received_on}合同{contract_id}收入{amount}记入其他小区（{fund_community}）的账户{fund_id}"
        }
    }

    static func en(_ key: FactKey) -> String {
        switch key {
        case .occupationOpen: return "occupied by {occupant} ({description}), reported {reported_on}, not cleared for {days} days"
        case .useWithoutAnyAuthority: return "used by {user} for {purpose} since {started_on} with no contract or owners' decision"
        case .useStarted: return "used by {user} for {purpose} since {started_on}"
        case .useContractUnknown: return "contract {contract_id} is not in the ledger"
        case .contractNotForAsset: return "contract {contract_id} does not cover {asset_id}"
        case .contractNotInForce: return "contract {contract_id} runs {start_on} to {end_on}, not in force on {on}"
        case .contractTerminatedOn: return "contract {contract_id} was terminated on {terminated_on}"
        case .decisionUnknown: return "decision {decision_id} is not in the ledger"
        case .decisionOtherCommunity: return "decision {decision_id} was taken by the owners of another community ({decision_community})"
        case .decisionNotForAsset: return "decision {decision_id} does not authorise use of {asset_id}"
        case .decisionExpired: return "decision {decision_id} was valid until {valid_until}, expired on {on}"
        case .decisionWrongMatter: return "decision {decision_id} was on \"{matter}\", not on this matter"
        case .quorumMissed: return "decision {decision_id} ({decided_on}): participating area {participating_area} of {total_area}, owners {participating_owners} of {total_owners}, below the {share} quorum"
        case .specialMajorityMissed: return "decision {decision_id}: approving area {approving_area} of {participating_area}, owners {approving_owners} of {participating_owners}, below {share}"
        case .simpleMajorityMissed: return "decision {decision_id}: approving area {approving_area} of {participating_area}, owners {approving_owners} of {participating_owners}, not more than half"
        case .decisionAfterAct: return "decision {decision_id} was taken after the act on {after}"
        case .inspectionOccupied: return "inspection on {inspected_on} by {inspector} found it occupied: {note}"
        case .inspectionInUse: return "inspection on {inspected_on} by {inspector} found it in use with no use or contract on record that day: {note}"
        case .disclosedLate: return "disclosure due by {due_on} (every {months} months) was published on {published_on}, {days} days late"
        case .useChanged: return "on {changed_on} {field} changed from \"{from}\" to \"{to}\""
        case .idleDays: return "idle {days} days since {since} (threshold {threshold} days)"
        case .utilisation: return "used {used_days} of the last {window_days} days, utilisation {utilisation} (threshold {threshold})"
        case .incomePerArea: return "income {income} on {area}, {income_per_m2} per m²; median of {peers} of its kind in the street {median_per_m2} per m² (threshold {threshold} of the median)"
        case .termMissing: return "{term} missing"
        case .payeeFundUnknown: return "payee fund {fund_id} is not in the ledger"
        case .payeeFundWrongKind: return "payee fund {fund_id} is a {kind} fund, not the community's public-income fund"
        case .contractTerm: return "term {start_on} to {end_on}, {months} months (cap {cap_months} months)"
        case .usedAfterEnd: return "use {use_id} by {user} continues after the contract ended on {end_on}"
        case .rentArrears: return "rent due {due}, received {received}, arrears {arrears}, {periods} periods ({months} months), oldest due {oldest_due_on}"
        case .spending: return "spent {amount} on {spent_on} for {purpose}, paid to {counterparty}, voucher {voucher}"
        case .transfer: return "moved {amount} from {from_fund} to {to_fund} on {moved_on}, voucher {voucher}"
        case .emergencyMissing: return "emergency use lacks {missing}"
        case .emergencyNotDisclosed: return "emergency use on {spent_on} not disclosed by {due_on}"
        case .overCap: return "decision {decision_id} authorised up to {cap}; spent {spent}, {excess} over"
        case .prohibitedCategory: return "category \"{category}\" is a charge the maintenance fund must not bear"
        case .withinWarranty: return "{asset_id} is under warranty until {warranty_end}"
        case .overdrawn: return "balance {lowest} on {on}"
        case .balanceDiffers: return "statement {statement} shows {asserted} on {on}, the ledger {ledger}, difference {difference}"
        case .disclosureOverdue: return "last disclosed {last_on}; next due by {due_on} (every {months} months), {days} days overdue"
        case .neverDisclosed: return "never disclosed since opening on {opened_on}; due by {due_on} (every {months} months), {days} days overdue"
        case .incomeInWrongFund: return "income {amount} from contract {contract_id} on {received_on} booked to {kind} fund {fund_id}"
        case .incomeInOtherCommunity: return "income {amount} from contract {contract_id} on {received_on} booked to fund {fund_id} of another community ({fund_community})"
        }
    }
}

/// Translations of the ledger's enumerated words (fund and asset kinds, decision matters, contract terms).
public enum Vocabulary {
    /// `word` in `language`; unknown words are returned as they are.
    public static func word(_ word: String, _ language: ReportLanguage) -> String {
        guard let pair = table[word] else { return word }
        return language == .zh ? pair.0 : pair.1
    }

    static let table: [String: (String, String)] = [
        "public_income": ("公共收益", "public income"),
        "maintenance": ("专项维修资金", "maintenance"),
        "governance": ("业主大会经费", "governance"),
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
        "payee_fund_id": ("收款账户", "payee account"),
        "decision_id": ("业主共同决定", "owners' decision"),
        "type": ("紧急情况类型", "emergency type"),
        "evidence": ("紧急情况证据", "emergency evidence"),
        "kind": ("类型", "kind"),
        "planned_use": ("规划用途", "planned use"),
        "use": ("用途", "use"),
        "current_use": ("现用途", "current use"),
        "caused_damage": ("人为损坏（应由侵害人承担）", "damage someone caused"),
        "developer_liability": ("建设单位保修责任范围", "developer's liability within warranty"),
        "service_contract_duty": ("物业服务合同约定由物业服务人承担", "work the service contract assigns to the manager"),
        "utility_facilities": ("供水、供电、供气等专业经营设施", "utility companies' pipes and equipment"),
    ]
}
