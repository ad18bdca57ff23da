/// Every rectification rule, by its stable code. The code never changes once released; a rule whose meaning
/// changes gets a new code. `docs/rules.md` lists the same rules for people.
public enum RuleCode: String, CaseIterable, Sendable, Comparable {
    case occupationNotCleared = "OCC-01"
    case useWithoutAuthority = "OCC-02"
    case inspectionFoundOccupied = "OCC-03"
    case changeOfUseWithoutDecision = "OCC-04"
    case idle = "IDLE-01"
    case lowUtilisation = "LOW-01"
    case lowIncome = "LOW-02"
    case contractWithoutDecision = "CON-01"
    case contractDecisionFailed = "CON-02"
    case contractTermsMissing = "CON-03"
    case contractTermOverPolicy = "CON-04"
    case contractTermOverLaw = "CON-05"
    case contractExpiredStillUsed = "CON-06"
    case rentArrears = "CON-07"
    case spendingWithoutDecision = "FUND-01"
    case emergencyIncomplete = "FUND-02"
    case spendingDecisionFailed = "FUND-03"
    case spendingBeyondAuthority = "FUND-04"
    case maintenanceProhibitedPurpose = "FUND-05"
    case fundOverdrawn = "FUND-06"
    case balanceMismatch = "FUND-07"
    case disclosureOverdue = "FUND-08"
    case incomeNotInOwnFund = "FUND-09"
    case transferWithoutDecision = "FUND-10"

    /// The stable code, e.g. `CON-07`.
    public var code: String { rawValue }

    public var problemClass: ProblemClass {
        switch self {
        case .occupationNotCleared, .useWithoutAuthority, .inspectionFoundOccupied, .changeOfUseWithoutDecision: return .occupation
        case .idle: return .idle
        case .lowUtilisation, .lowIncome: return .lowEfficiency
        case .contractWithoutDecision, .contractDecisionFailed, .contractTermsMissing, .contractTermOverPolicy,
             .contractTermOverLaw, .contractExpiredStillUsed, .rentArrears: return .contract
        case .spendingWithoutDecision, .emergencyIncomplete, .spendingDecisionFailed, .spendingBeyondAuthority,
             .maintenanceProhibitedPurpose, .fundOverdrawn, .balanceMismatch, .disclosureOverdue, .incomeNotInOwnFund,
             .transferWithoutDecision: return .fund
        }
    }

    public var severity: Severity {
        switch self {
        case .idle, .contractTermsMissing, .contractTermOverPolicy, .emergencyIncomplete, .disclosureOverdue,
             .incomeNotInOwnFund: return .medium
        case .lowUtilisation, .lowIncome: return .low
        default: return .high
        }
    }

    public var labelZh: String {
        switch self {
        case .occupationNotCleared: return "占用共有部分未清除"
        case .useWithoutAuthority: return "无有效合同或决定使用共有部分"
        case .inspectionFoundOccupied: return "最近一次巡查发现被占用"
        case .changeOfUseWithoutDecision: return "未经业主共同决定改变用途"
        case .idle: return "共有部分长期闲置"
        case .lowUtilisation: return "利用率低于政策标准"
        case .lowIncome: return "单位面积收益低于本街道同类中位数"
        case .contractWithoutDecision: return "经营合同无业主共同决定"
        case .contractDecisionFailed: return "经营合同所依据的决定未达法定比例"
        case .contractTermsMissing: return "经营合同必备条款缺失"
        case .contractTermOverPolicy: return "经营合同期限超过政策上限"
        case .contractTermOverLaw: return "租赁期限超过二十年"
        case .contractExpiredStillUsed: return "合同已到期或终止仍在使用"
        case .rentArrears: return "租金未足额缴入共有资金"
        case .spendingWithoutDecision: return "共有资金支出无业主共同决定"
        case .emergencyIncomplete: return "紧急使用维修资金手续不全"
        case .spendingDecisionFailed: return "资金支出所依据的决定未达法定比例"
        case .spendingBeyondAuthority: return "资金支出超出决定授权"
        case .maintenanceProhibitedPurpose: return "维修资金用于禁止列支的项目"
        case .fundOverdrawn: return "资金账户透支"
        case .balanceMismatch: return "对账余额与账簿不符"
        case .disclosureOverdue: return "未按期公示收支"
        case .incomeNotInOwnFund: return "公共收益未单独列账"
        case .transferWithoutDecision: return "资金划转无业主共同决定"
        }
    }

    public var labelEn: String {
        switch self {
        case .occupationNotCleared: return "Reported occupation not cleared"
        case .useWithoutAuthority: return "Use without a valid contract or decision"
        case .inspectionFoundOccupied: return "Latest inspection found it occupied"
        case .changeOfUseWithoutDecision: return "Change of use without an owners' decision"
        case .idle: return "Common part idle for a long time"
        case .lowUtilisation: return "Utilisation below the policy level"
        case .lowIncome: return "Income per m² below the street median for its kind"
        case .contractWithoutDecision: return "Operating contract without an owners' decision"
        case .contractDecisionFailed: return "Contract's decision missed the legal quorum or majority"
        case .contractTermsMissing: return "Essential contract terms missing"
        case .contractTermOverPolicy: return "Contract term beyond the policy cap"
        case .contractTermOverLaw: return "Lease term beyond 20 years"
        case .contractExpiredStillUsed: return "Contract expired or terminated but still in use"
        case .rentArrears: return "Rent not received into the common fund"
        case .spendingWithoutDecision: return "Spending of common funds without an owners' decision"
        case .emergencyIncomplete: return "Emergency maintenance-fund use incomplete"
        case .spendingDecisionFailed: return "Spending's decision missed the legal quorum or majority"
        case .spendingBeyondAuthority: return "Spending beyond what the decision authorised"
        case .maintenanceProhibitedPurpose: return "Maintenance fund spent on a prohibited purpose"
        case .fundOverdrawn: return "Fund overdrawn"
        case .balanceMismatch: return "Asserted balance differs from the ledger"
        case .disclosureOverdue: return "Disclosure (公示) overdue"
        case .incomeNotInOwnFund: return "Public income not kept in its own fund"
        case .transferWithoutDecision: return "Fund transfer without an owners' decision"
        }
    }

    /// The legal basis in Chinese (source keys as in DOMAIN.md §0).
    public var basisZh: String {
        switch self {
        case .occupationNotCleared: return "《民法典》第286条；最高法建筑物区分所有权解释第14条、第15条第(4)项；《物业管理条例》第50条"
        case .useWithoutAuthority: return "《民法典》第278条第一款第(8)项；最高法建筑物区分所有权解释第14条；《物业管理条例》第54条"
        case .inspectionFoundOccupied: return "《民法典》第286条；最高法建筑物区分所有权解释第15条第(4)项；《山东省物业管理条例》第36条"
        case .changeOfUseWithoutDecision: return "《民法典》第278条第一款第(8)项；《物业管理条例》第37条、第49条；《青岛市物业管理条例》第61条"
        case .idle, .lowUtilisation: return "《民法典》第271条、第273条；《青岛市物业管理条例》第30条第(7)(10)项（政策标准，非法定）"
        case .lowIncome: return "《民法典》第271条、第273条、第282条；《青岛市物业管理条例》第30条第(7)(10)项（政策标准，非法定）"
        case .contractWithoutDecision: return "《民法典》第278条第一款第(8)项；《物业管理条例》第54条；《青岛市物业管理条例》第30条第(7)项"
        case .contractDecisionFailed, .spendingDecisionFailed: return "《民法典》第278条第二款、第1259条；《青岛市物业管理条例》第31条"
        case .contractTermsMissing: return "《民法典》第704条、第707条"
        case .contractTermOverPolicy: return "政策标准（经营合同期限上限）；《民法典》第278条"
        case .contractTermOverLaw: return "《民法典》第705条"
        case .contractExpiredStillUsed: return "《民法典》第733条、第734条；最高法建筑物区分所有权解释第14条"
        case .rentArrears: return "《民法典》第282条、第721条、第722条；《青岛市物业管理条例》第78条"
        case .spendingWithoutDecision: return "《民法典》第278条第一款第(5)项、第281条；《物业管理条例》第54条；《青岛市物业管理条例》第78条"
        case .emergencyIncomplete: return "《民法典》第281条第二款；《住宅专项维修资金管理办法》第24条"
        case .spendingBeyondAuthority: return "《民法典》第278条；《青岛市物业管理条例》第39条第(1)项"
        case .maintenanceProhibitedPurpose: return "《住宅专项维修资金管理办法》第18条、第25条；《民法典》第281条"
        case .fundOverdrawn: return "《民法典》第281条；《青岛市物业管理条例》第78条；《住宅专项维修资金管理办法》第30条"
        case .balanceMismatch: return "《住宅专项维修资金管理办法》第30条、第31条；《青岛市物业管理条例》第78条"
        case .disclosureOverdue: return "《民法典》第281条、第943条；《青岛市物业管理条例》第78条、第79条、第92条；《住宅专项维修资金管理办法》第30条"
        case .incomeNotInOwnFund: return "《青岛市物业管理条例》第78条；《民法典》第282条；《住宅专项维修资金管理办法》第27条"
        case .transferWithoutDecision: return "《物业管理条例》第54条；《青岛市物业管理条例》第78条"
        }
    }

    /// The legal basis in English.
    public var basisEn: String {
        switch self {
        case .occupationNotCleared: return "Civil Code Art. 286; SPC Interpretation Arts. 14, 15(4); Property Management Regulations Art. 50"
        case .useWithoutAuthority: return "Civil Code Art. 278(1)(8); SPC Interpretation Art. 14; Property Management Regulations Art. 54"
        case .inspectionFoundOccupied: return "Civil Code Art. 286; SPC Interpretation Art. 15(4); Shandong Regulations Art. 36"
        case .changeOfUseWithoutDecision: return "Civil Code Art. 278(1)(8); Property Management Regulations Arts. 37, 49; Qingdao Regulations Art. 61"
        case .idle, .lowUtilisation: return "Civil Code Arts. 271, 273; Qingdao Regulations Art. 30(7)(10) (policy threshold, not law)"
        case .lowIncome: return "Civil Code Arts. 271, 273, 282; Qingdao Regulations Art. 30(7)(10) (policy threshold, not law)"
        case .contractWithoutDecision: return "Civil Code Art. 278(1)(8); Property Management Regulations Art. 54; Qingdao Regulations Art. 30(7)"
        case .contractDecisionFailed, .spendingDecisionFailed: return "Civil Code Arts. 278(2), 1259; Qingdao Regulations Art. 31"
        case .contractTermsMissing: return "Civil Code Arts. 704, 707"
        case .contractTermOverPolicy: return "Policy (operating-contract term cap); Civil Code Art. 278"
        case .contractTermOverLaw: return "Civil Code Art. 705"
        case .contractExpiredStillUsed: return "Civil Code Arts. 733, 734; SPC Interpretation Art. 14"
        case .rentArrears: return "Civil Code Arts. 282, 721, 722; Qingdao Regulations Art. 78"
        case .spendingWithoutDecision: return "Civil Code Arts. 278(1)(5), 281; Property Management Regulations Art. 54; Qingdao Regulations Art. 78"
        case .emergencyIncomplete: return "Civil Code Art. 281(2); Maintenance Fund Measures Art. 24"
        case .spendingBeyondAuthority: return "Civil Code Art. 278; Qingdao Regulations Art. 39(1)"
        case .maintenanceProhibitedPurpose: return "Maintenance Fund Measures Arts. 18, 25; Civil Code Art. 281"
        case .fundOverdrawn: return "Civil Code Art. 281; Qingdao Regulations Art. 78; Maintenance Fund Measures Art. 30"
        case .balanceMismatch: return "Maintenance Fund Measures Arts. 30, 31; Qingdao Regulations Art. 78"
        case .disclosureOverdue: return "Civil Code Arts. 281, 943; Qingdao Regulations Arts. 78, 79, 92; Maintenance Fund Measures Art. 30"
        case .incomeNotInOwnFund: return "Qingdao Regulations Art. 78; Civil Code Art. 282; Maintenance Fund Measures Art. 27"
        case .transferWithoutDecision: return "Property Management Regulations Art. 54; Qingdao Regulations Art. 78"
        }
    }

    /// What the street office or community should do, in Chinese.
    public var actionZh: String {
        switch self {
        case .occupationNotCleared, .inspectionFoundOccupied: return "责令占用人限期清退、恢复原状；逾期不改的移交执法部门"
        case .useWithoutAuthority: return "停止使用，或依法形成业主共同决定并签订书面合同"
        case .changeOfUseWithoutDecision: return "恢复原用途，或提交业主大会按双四分之三表决"
        case .idle: return "列入业主大会议题，研究盘活利用方案"
        case .lowUtilisation: return "列入业主大会议题，研究提高利用率的方案"
        case .lowIncome: return "列入业主大会议题，复核租金标准或重新招租"
        case .contractWithoutDecision, .contractDecisionFailed: return "提交业主大会依法表决追认；未获通过的终止合同"
        case .contractTermsMissing: return "补签书面合同，写明标的、用途、期限、租金及支付方式、收款账户和相对人"
        case .contractTermOverPolicy: return "到期重新表决，不再续期超过政策上限"
        case .contractTermOverLaw: return "超过二十年部分无效，按二十年重新约定"
        case .contractExpiredStillUsed: return "收回使用权或依法续签，补收占用期间费用"
        case .rentArrears: return "向承租人追缴欠租，确保缴入小区共有资金账户"
        case .spendingWithoutDecision, .spendingDecisionFailed: return "提交业主大会依法表决追认；未获通过的追回款项"
        case .emergencyIncomplete: return "补充紧急情况类型和证据，及时公示使用情况"
        case .spendingBeyondAuthority: return "超出授权部分提交业主大会追认或追回"
        case .maintenanceProhibitedPurpose: return "追回款项，由责任方（建设单位、专业单位、侵害人或物业服务人）承担"
        case .fundOverdrawn: return "查明透支原因，补足资金，追究责任"
        case .balanceMismatch: return "与开户银行对账，查明差异并更正账簿"
        case .disclosureOverdue: return "立即公示收支情况，公示期不少于三日"
        case .incomeNotInOwnFund: return "将公共收益转入本小区公共收益账户，单独列账"
        case .transferWithoutDecision: return "提交业主大会依法表决追认；未获通过的转回"
        }
    }

    /// What the street office or community should do, in English.
    public var actionEn: String {
        switch self {
        case .occupationNotCleared, .inspectionFoundOccupied: return "Order the occupant to vacate and restore it; refer to enforcement if not done in time"
        case .useWithoutAuthority: return "Stop the use, or obtain an owners' decision and a written contract"
        case .changeOfUseWithoutDecision: return "Restore the original use, or put it to an owners' vote (3/4 of area and owners)"
        case .idle: return "Put a plan for its use on the owners' assembly agenda"
        case .lowUtilisation: return "Put a plan to raise its use on the owners' assembly agenda"
        case .lowIncome: return "Put a review of the rent or a new tender on the owners' assembly agenda"
        case .contractWithoutDecision, .contractDecisionFailed: return "Put the contract to a lawful owners' vote; end it if the vote fails"
        case .contractTermsMissing: return "Sign a written contract stating asset, use, term, rent and payment, payee account and counterparty"
        case .contractTermOverPolicy: return "Vote again at expiry; do not renew beyond the policy cap"
        case .contractTermOverLaw: return "The term beyond 20 years is void; agree a term of at most 20 years"
        case .contractExpiredStillUsed: return "Take the part back or renew lawfully; collect fees for the use after expiry"
        case .rentArrears: return "Collect the arrears and have them paid into the community's fund"
        case .spendingWithoutDecision, .spendingDecisionFailed: return "Put the spending to a lawful owners' vote; recover the money if it fails"
        case .emergencyIncomplete: return "Record the emergency type and evidence, and disclose the use"
        case .spendingBeyondAuthority: return "Have the excess approved by the owners or recover it"
        case .maintenanceProhibitedPurpose: return "Recover the money from the party liable (developer, utility, the person at fault or the manager)"
        case .fundOverdrawn: return "Find the cause, restore the balance and establish responsibility"
        case .balanceMismatch: return "Reconcile with the bank, explain the difference and correct the books"
        case .disclosureOverdue: return "Publish income and spending now, posted for at least 3 days"
        case .incomeNotInOwnFund: return "Move the public income into the community's own public-income fund"
        case .transferWithoutDecision: return "Put the transfer to a lawful owners' vote; reverse it if it fails"
        }
    }

    private var rank: Int { RuleCode.allCases.firstIndex(of: self)! }
    public static func < (lhs: RuleCode, rhs: RuleCode) -> Bool { lhs.rank < rhs.rank }
}
