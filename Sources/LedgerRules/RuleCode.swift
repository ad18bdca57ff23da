import LedgerEvents

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
    case contractsOverlap = "CON-08"
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
    case reconciliationOverdue = "FUND-11"

    /// The stable code, e.g. `CON-07`.
    public var code: String { rawValue }

    public var problemClass: ProblemClass {
        switch self {
        case .occupationNotCleared, .useWithoutAuthority, .inspectionFoundOccupied, .changeOfUseWithoutDecision: return .occupation
        case .idle: return .idle
        case .lowUtilisation, .lowIncome: return .lowEfficiency
        case .contractWithoutDecision, .contractDecisionFailed, .contractTermsMissing, .contractTermOverPolicy,
             .contractTermOverLaw, .contractExpiredStillUsed, .rentArrears, .contractsOverlap: return .contract
        case .spendingWithoutDecision, .emergencyIncomplete, .spendingDecisionFailed, .spendingBeyondAuthority,
             .maintenanceProhibitedPurpose, .fundOverdrawn, .balanceMismatch, .disclosureOverdue, .incomeNotInOwnFund,
             .transferWithoutDecision, .reconciliationOverdue: return .fund
        }
    }

    public var severity: Severity {
        switch self {
        case .idle, .contractTermsMissing, .contractTermOverPolicy, .emergencyIncomplete, .disclosureOverdue,
             .incomeNotInOwnFund, .reconciliationOverdue: return .medium
        case .lowUtilisation, .lowIncome: return .low
        default: return .high
        }
    }

    public var labelZh: String {
        switch self {
        case .occupationNotCleared: return "共有部分被占用尚未清除"
        case .useWithoutAuthority: return "无有效合同或业主共同决定使用共有部分"
        case .inspectionFoundOccupied: return "巡查发现共有部分被占用"
        case .changeOfUseWithoutDecision: return "未经业主共同决定改变共有部分用途"
        case .idle: return "共有部分长期闲置"
        case .lowUtilisation: return "共有部分利用率偏低"
        case .lowIncome: return "单位面积收益明显低于本街道同类水平"
        case .contractWithoutDecision: return "经营合同签订前未经业主共同决定"
        case .contractDecisionFailed: return "经营合同所依据的表决未达法定比例"
        case .contractTermsMissing: return "经营合同未约定租金缴入小区共有资金账户"
        case .contractTermOverPolicy: return "经营合同期限超过政策上限"
        case .contractTermOverLaw: return "租赁期限超过二十年"
        case .contractExpiredStillUsed: return "合同到期或终止后仍继续使用"
        case .rentArrears: return "租金未按期足额缴入共有资金"
        case .contractsOverlap: return "同一共有部分重复出租"
        case .spendingWithoutDecision: return "共有资金支出前未经业主共同决定"
        case .emergencyIncomplete: return "紧急使用维修资金后未按期公示"
        case .spendingDecisionFailed: return "资金支出所依据的表决未达法定比例"
        case .spendingBeyondAuthority: return "资金支出超出业主共同决定的授权"
        case .maintenanceProhibitedPurpose: return "维修资金列支了不得列支的费用"
        case .fundOverdrawn: return "资金账户透支"
        case .balanceMismatch: return "银行对账余额与账面余额不符"
        case .disclosureOverdue: return "收支未按期或未完整公示"
        case .incomeNotInOwnFund: return "公共收益未单独列账"
        case .transferWithoutDecision: return "资金划转前未经业主共同决定"
        case .reconciliationOverdue: return "维修资金超过一年未与银行对账"
        }
    }

    public var labelEn: String {
        switch self {
        case .occupationNotCleared: return "Occupation of a common part not cleared"
        case .useWithoutAuthority: return "Common part used without a valid contract or owners' decision"
        case .inspectionFoundOccupied: return "Inspection found a common part occupied"
        case .changeOfUseWithoutDecision: return "Use of a common part changed without an owners' decision"
        case .idle: return "Common part idle for a long time"
        case .lowUtilisation: return "Common part little used"
        case .lowIncome: return "Income per m² well below its kind in the street"
        case .contractWithoutDecision: return "Operating contract signed without a prior owners' decision"
        case .contractDecisionFailed: return "Contract's vote missed the legal quorum or majority"
        case .contractTermsMissing: return "Contract does not pay rent into the community's fund"
        case .contractTermOverPolicy: return "Contract term beyond the policy cap"
        case .contractTermOverLaw: return "Lease term beyond 20 years"
        case .contractExpiredStillUsed: return "Use goes on after the contract expired or ended"
        case .rentArrears: return "Rent not paid in full and on time into the common fund"
        case .contractsOverlap: return "One common part let under overlapping contracts"
        case .spendingWithoutDecision: return "Common funds spent without a prior owners' decision"
        case .emergencyIncomplete: return "Emergency use of the maintenance fund not disclosed in time"
        case .spendingDecisionFailed: return "Spending's vote missed the legal quorum or majority"
        case .spendingBeyondAuthority: return "Spending beyond what the owners' decision authorised"
        case .maintenanceProhibitedPurpose: return "Maintenance fund charged with a cost it must not bear"
        case .fundOverdrawn: return "Fund overdrawn"
        case .balanceMismatch: return "Bank balance differs from the books"
        case .disclosureOverdue: return "Income and spending not disclosed on time or in full"
        case .incomeNotInOwnFund: return "Public income not kept in its own books"
        case .transferWithoutDecision: return "Funds moved without a prior owners' decision"
        case .reconciliationOverdue: return "Maintenance fund not reconciled with the bank for over a year"
        }
    }

    /// The legal basis of a finding of this rule about `subject`: the provisions that govern that kind of
    /// subject (a maintenance fund, public income, governance funds …), never those of another kind.
    public func basis(_ subject: BasisSubject = .general) -> LegalBasis {
        typealias C = Citation
        let cc = LawSource.civilCode, pmr = LawSource.propertyManagementRegulations, mf = LawSource.maintenanceFundMeasures
        let spc = LawSource.supremeCourtInterpretation, gr = LawSource.guidanceRules, qd = LawSource.qingdaoRegulations
        // Recurring provisions.
        let operate = C(cc, 278, paragraph: 1, items: [8]), qdOperate = C(qd, 30, paragraph: 1, items: [7])
        let vote = [C(cc, 278, paragraph: 2), C(cc, 1259), C(qd, 31)]
        let qdBooks = C(qd, 33, items: [8]), qdPosting = C(qd, 92), qdMisuse = C(qd, 39, items: [1])
        /// Who may decide how money of each kind is spent.
        func spendingAuthority(_ kind: FundKind?) -> [Citation] {
            switch kind {
            case .maintenance?: return [C(cc, 278, paragraph: 1, items: [5]), C(cc, 281, paragraph: 1), C(qd, 30, paragraph: 1, items: [4])]
            case .public_income?: return [C(cc, 282), C(pmr, 54), C(qd, 78, paragraph: 3), C(qd, 30, paragraph: 1, items: [10])]
            case .governance?: return [C(qd, 30, paragraph: 1, items: [8]), C(gr, 42)]
            case .other?: return [C(cc, 278, paragraph: 1, items: [9]), C(qd, 30, paragraph: 1, items: [10])]
            case nil: return [C(cc, 278, paragraph: 1)]
            }
        }
        let kind: FundKind?
        if case .fund(let k) = subject { kind = k } else { kind = nil }
        switch self {
        case .occupationNotCleared:
            return LegalBasis([C(cc, 286, paragraph: 2), C(spc, 14), C(spc, 15, items: [4]), C(pmr, 50), C(qd, 84)])
        case .inspectionFoundOccupied:
            return LegalBasis([C(cc, 286, paragraph: 2), C(spc, 15, items: [4]), C(pmr, 50), C(qd, 84)])
        case .useWithoutAuthority:
            return LegalBasis([operate, C(spc, 14), C(pmr, 54), qdOperate])
        case .changeOfUseWithoutDecision:
            // The rules on property-service premises apply only to them.
            if subject == .propertyServicePremises {
                return LegalBasis([operate, C(pmr, 37), C(pmr, 49), qdOperate, C(qd, 61, items: [2])])
            }
            return LegalBasis([operate, C(pmr, 49), qdOperate])
        case .idle, .lowUtilisation:
            return LegalBasis([C(cc, 271), C(cc, 273), C(qd, 30, paragraph: 1, items: [7, 10])], policyNote: .threshold)
        case .lowIncome:
            return LegalBasis([C(cc, 271), C(cc, 273), C(cc, 282), C(qd, 30, paragraph: 1, items: [7, 10])], policyNote: .threshold)
        case .contractWithoutDecision:
            return LegalBasis([operate, C(pmr, 54), qdOperate])
        case .contractDecisionFailed, .spendingDecisionFailed:
            return LegalBasis(vote)
        case .contractTermsMissing:
            return LegalBasis([C(cc, 704), C(cc, 282), C(qd, 78, paragraph: 2)])
        case .contractTermOverPolicy:
            return LegalBasis([operate], policyNote: .cap)
        case .contractTermOverLaw:
            return LegalBasis([C(cc, 705)])
        case .contractExpiredStillUsed:
            return LegalBasis([C(cc, 733), C(cc, 734, paragraph: 1), C(spc, 14)])
        case .rentArrears:
            return LegalBasis([C(cc, 282), C(cc, 721), C(cc, 722), C(qd, 78, paragraph: 1)])
        case .contractsOverlap:
            // Letting a part is the owners' decision on operating it (278(1)(8)); the lessor must hand the part to
            // the tenant and keep it fit for the agreed use throughout the term (708), which it cannot do for two
            // tenants at once.
            return LegalBasis([operate, C(cc, 708), qdOperate])
        case .spendingWithoutDecision:
            return LegalBasis(spendingAuthority(kind))
        case .emergencyIncomplete:
            return LegalBasis([C(cc, 281, paragraph: 2), C(mf, 24), C(qd, 79, paragraph: 2), qdPosting])
        case .spendingBeyondAuthority:
            return LegalBasis((kind == nil ? [C(cc, 278)] : spendingAuthority(kind)) + [qdMisuse])
        case .maintenanceProhibitedPurpose:
            return LegalBasis([C(mf, 18), C(mf, 25), C(cc, 281, paragraph: 1)])
        case .fundOverdrawn:
            switch kind {
            case .maintenance?: return LegalBasis([C(cc, 281, paragraph: 1), C(mf, 30), qdBooks])
            case .public_income?: return LegalBasis([C(cc, 282), C(qd, 78, paragraph: 2), qdBooks])
            case .governance?: return LegalBasis([C(gr, 42), qdBooks])
            case .other?, nil: return LegalBasis([qdBooks])
            }
        case .balanceMismatch:
            switch kind {
            case .maintenance?: return LegalBasis([C(mf, 30), C(mf, 31), qdBooks])
            case .public_income?: return LegalBasis([C(qd, 78, paragraph: 2), qdBooks])
            case .governance?: return LegalBasis([C(gr, 42), qdBooks])
            case .other?, nil: return LegalBasis([qdBooks])
            }
        case .disclosureOverdue:
            // The law asks the maintenance fund's disclosure at least yearly ([MF] 30) and other money's only
            // 定期 (DOMAIN.md §3): the policy's months (6, 3 by default) are policy, and the basis says so.
            switch kind {
            case .maintenance?:
                return LegalBasis([C(cc, 281, paragraph: 1), C(cc, 943), C(mf, 30), C(qd, 79, paragraph: 2), qdPosting], policyNote: .yearlyInterval)
            case .public_income?:
                return LegalBasis([C(cc, 943), C(qd, 60, items: [5]), C(qd, 78, paragraph: 2), qdPosting], policyNote: .interval)
            case .governance?: return LegalBasis([C(gr, 42), qdPosting], policyNote: .interval)
            case .other?, nil: return LegalBasis([C(qd, 30, paragraph: 1, items: [10]), qdPosting], policyNote: .interval)
            }
        case .reconciliationOverdue:
            // Law, for the maintenance fund only: reconcile with the bank at least yearly ([MF] 30), which sends
            // statements at least yearly ([MF] 31).
            return LegalBasis([C(mf, 30), C(mf, 31)])
        case .incomeNotInOwnFund:
            return LegalBasis([C(cc, 282), C(qd, 78, paragraph: 2), C(mf, 27)])
        case .transferWithoutDecision:
            switch kind {
            case .maintenance?: return LegalBasis([C(cc, 281, paragraph: 1), C(pmr, 53, paragraph: 2), C(mf, 18)])
            default: return LegalBasis(spendingAuthority(kind))
            }
        }
    }

    /// What the street office should have done about a finding of this rule, when nothing about the finding
    /// (a lapse already remedied, a ratification) calls for other advice.
    public var defaultAction: Action {
        switch self {
        case .occupationNotCleared, .inspectionFoundOccupied: return .clearOccupation
        case .useWithoutAuthority: return .stopOrAuthoriseUse
        case .changeOfUseWithoutDecision: return .restoreUse
        case .idle: return .planIdleUse
        case .lowUtilisation: return .raiseUtilisation
        case .lowIncome: return .reviewRent
        case .contractWithoutDecision, .contractDecisionFailed: return .voteOnContract
        case .contractTermsMissing: return .agreePayeeFund
        case .contractTermOverPolicy: return .voteAgainAtExpiry
        case .contractTermOverLaw: return .shortenTerm
        case .contractExpiredStillUsed: return .recoverOrRenew
        case .rentArrears: return .collectRent
        case .contractsOverlap: return .resolveDoubleLetting
        case .spendingWithoutDecision, .spendingDecisionFailed: return .voteOnSpending
        case .emergencyIncomplete: return .discloseEmergencyUse
        case .spendingBeyondAuthority: return .voteOnExcess
        case .maintenanceProhibitedPurpose: return .recoverFromLiable
        case .fundOverdrawn: return .restoreBalance
        case .balanceMismatch: return .reconcile
        case .disclosureOverdue: return .discloseNow
        case .incomeNotInOwnFund: return .moveToOwnFund
        case .transferWithoutDecision: return .voteOnTransfer
        case .reconciliationOverdue: return .reconcileWithBank
        }
    }

    private var rank: Int { RuleCode.allCases.firstIndex(of: self)! }
    public static func < (lhs: RuleCode, rhs: RuleCode) -> Bool { lhs.rank < rhs.rank }
}
