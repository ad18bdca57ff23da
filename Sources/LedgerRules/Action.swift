import LedgerEvents
import LedgerProjections

/// What the street office should have done about a finding: one sentence in each language, by stable code.
/// Each rule has a default (`RuleCode.defaultAction`); a finding whose lapse was already remedied or ratified
/// gets advice that fits that instead of an order to act now.
public enum Action: String, CaseIterable, Sendable {
    case clearOccupation = "clear_occupation"
    case stopOrAuthoriseUse = "stop_or_authorise_use"
    case useRatified = "use_ratified"
    case restoreUse = "restore_use"
    case planIdleUse = "plan_idle_use"
    case raiseUtilisation = "raise_utilisation"
    case reviewRent = "review_rent"
    case voteOnContract = "vote_on_contract"
    case contractRatified = "contract_ratified"
    case agreePayeeFund = "agree_payee_fund"
    case voteAgainAtExpiry = "vote_again_at_expiry"
    case shortenTerm = "shorten_term"
    case recoverOrRenew = "recover_or_renew"
    case collectRent = "collect_rent"
    case voteOnSpending = "vote_on_spending"
    case spendingRatified = "spending_ratified"
    case discloseEmergencyUse = "disclose_emergency_use"
    case emergencyDisclosedLate = "emergency_disclosed_late"
    case voteOnExcess = "vote_on_excess"
    case recoverFromLiable = "recover_from_liable"
    case restoreBalance = "restore_balance"
    case overdraftEnded = "overdraft_ended"
    case reconcile = "reconcile"
    case discloseNow = "disclose_now"
    case discloseGap = "disclose_gap"
    case disclosedLate = "disclosed_late"
    case moveToOwnFund = "move_to_own_fund"
    case voteOnTransfer = "vote_on_transfer"
    case transferRatified = "transfer_ratified"
    case returnToMaintenanceFund = "return_to_maintenance_fund"

    /// The advice in Chinese, as a street office would write it in a rectification notice.
    public var zh: String {
        switch self {
        case .clearOccupation: return "责令占用人限期清除、恢复原状；逾期不改正的，移交综合执法部门依法处理"
        case .stopOrAuthoriseUse: return "责令停止使用；确需继续使用的，依法提请业主共同决定并签订书面合同"
        case .useRatified: return "业主已事后追认该使用；督促今后先经业主共同决定、后使用，并签订书面合同"
        case .restoreUse: return "恢复原用途；确需改变的，提请业主共同决定（参与表决的专有部分面积和人数均须达到四分之三以上）"
        case .planIdleUse: return "提请业主大会研究盘活利用方案"
        case .raiseUtilisation: return "提请业主大会研究提高利用率的方案"
        case .reviewRent: return "提请业主大会复核租金标准，合同到期后依法重新招租"
        case .voteOnContract: return "提请业主大会依法表决是否追认该合同；未获通过的，依法解除合同"
        case .contractRatified: return "业主已事后追认该合同；督促今后先经业主共同决定、后签订合同"
        case .agreePayeeFund: return "补充约定租金缴入本小区公共收益账户（或专项维修资金账户）"
        case .voteAgainAtExpiry: return "合同到期后重新提请业主共同决定，续签期限不得超过政策上限"
        case .shortenTerm: return "超过二十年的部分无效，与承租人重新约定不超过二十年的期限"
        case .recoverOrRenew: return "收回共有部分，或经业主共同决定后依法续签；按原合同租金标准追收到期后的使用费"
        case .collectRent: return "向承租人追缴欠缴租金，缴入本小区共有资金账户"
        case .voteOnSpending: return "提请业主大会依法表决是否追认该笔支出；未获通过的，追回款项"
        case .spendingRatified: return "业主已事后追认该笔支出；督促今后先经业主共同决定、后支出"
        case .discloseEmergencyUse: return "立即公示紧急使用维修资金的情况，公示期不少于三日"
        case .emergencyDisclosedLate: return "已逾期补充公示；督促今后紧急使用维修资金后按期公示"
        case .voteOnExcess: return "超出授权的部分提请业主大会追认；未获追认的，追回款项"
        case .recoverFromLiable: return "追回款项，由责任方（建设单位、专业经营单位、侵害人或物业服务人）承担"
        case .restoreBalance: return "查明透支原因，补足资金，追究相关人员责任"
        case .overdraftEnded: return "透支已消除；查明透支原因和垫付资金来源，追究相关人员责任"
        case .reconcile: return "与开户银行核对账目，查明差额原因并更正账簿"
        case .discloseNow: return "立即公示收支情况，公示期不少于三日，此后按期公示"
        case .discloseGap: return "补充公示未公示期间的收支情况，公示期不少于三日"
        case .disclosedLate: return "已逾期补充公示；督促今后按期公示，每次公示期不少于三日"
        case .moveToOwnFund: return "将该笔收入转入本小区公共收益账户，单独列账"
        case .voteOnTransfer: return "提请业主大会依法表决是否追认该笔划转；未获通过的，将资金划回原账户"
        case .transferRatified: return "业主已事后追认该笔划转；督促今后先经业主共同决定、后划转"
        case .returnToMaintenanceFund: return "责令将划出的资金划回专项维修资金账户，查明责任；维修资金不得挪作他用"
        }
    }

    /// The advice in English.
    public var en: String {
        switch self {
        case .clearOccupation: return "Order the occupant to clear the part and restore it by a deadline; refer to the enforcement authority if not done"
        case .stopOrAuthoriseUse: return "Order the use to stop; if it is to go on, put it to a lawful owners' vote and sign a written contract"
        case .useRatified: return "The owners ratified the use afterwards; see that uses are voted on first and put in a written contract"
        case .restoreUse: return "Restore the original use; a change needs an owners' vote of 3/4 of the participating area and owners"
        case .planIdleUse: return "Put a plan for its use on the owners' assembly agenda"
        case .raiseUtilisation: return "Put a plan to raise its use on the owners' assembly agenda"
        case .reviewRent: return "Have the owners' assembly review the rent, and re-let the part lawfully when the contract ends"
        case .voteOnContract: return "Put the contract to a lawful owners' vote for ratification; end it lawfully if the vote fails"
        case .contractRatified: return "The owners ratified the contract afterwards; see that contracts are voted on before they are signed"
        case .agreePayeeFund: return "Amend the contract so that rent is paid into the community's public-income (or maintenance) fund"
        case .voteAgainAtExpiry: return "Put the contract to the owners again at expiry; do not renew beyond the policy cap"
        case .shortenTerm: return "The term beyond 20 years is void; agree a term of at most 20 years with the tenant"
        case .recoverOrRenew: return "Take the part back, or renew lawfully after an owners' vote; collect the fee for the use after expiry at the contract's rent"
        case .collectRent: return "Collect the arrears from the tenant into the community's fund"
        case .voteOnSpending: return "Put the spending to a lawful owners' vote for ratification; recover the money if the vote fails"
        case .spendingRatified: return "The owners ratified the spending afterwards; see that spending is voted on first"
        case .discloseEmergencyUse: return "Disclose the emergency use of the maintenance fund now, posted for at least 3 days"
        case .emergencyDisclosedLate: return "Disclosed late; see that emergency uses of the maintenance fund are disclosed in time"
        case .voteOnExcess: return "Put the excess to the owners' assembly for ratification; recover it if not ratified"
        case .recoverFromLiable: return "Recover the money from the party liable (developer, utility, the person at fault or the manager)"
        case .restoreBalance: return "Find the cause of the overdraft, restore the balance and establish responsibility"
        case .overdraftEnded: return "The overdraft has ended; find its cause and who advanced the money, and establish responsibility"
        case .reconcile: return "Reconcile with the bank, explain the difference and correct the books"
        case .discloseNow: return "Publish income and spending now, posted for at least 3 days, and on time from then on"
        case .discloseGap: return "Publish the income and spending of the undisclosed period, posted for at least 3 days"
        case .disclosedLate: return "Disclosed late; see that disclosures are made on time, each posted for at least 3 days"
        case .moveToOwnFund: return "Move the income into the community's own public-income fund and keep it in its own books"
        case .voteOnTransfer: return "Put the transfer to a lawful owners' vote for ratification; move the money back if the vote fails"
        case .transferRatified: return "The owners ratified the transfer afterwards; see that transfers are voted on first"
        case .returnToMaintenanceFund: return "Order the money moved back into the maintenance fund and establish responsibility; the fund may not be diverted"
        }
    }
}

/// How a lapse stands on the check date when it no longer calls for the rule's default action.
public struct Resolution: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Done late, but done (a disclosure published after its deadline).
        case remediedLate = "remedied_late"
        /// Authorised only afterwards, by a decision dated after the act (追认).
        case ratified
        /// A state that has ended (an overdraft made good).
        case ended
    }

    public let kind: Kind
    /// The day it was remedied, ratified or ended.
    public let on: CalendarDate
    /// The record that shows it.
    public let evidence: Evidence

    public init(_ kind: Kind, on: CalendarDate, evidence: Evidence) {
        self.kind = kind
        self.on = on
        self.evidence = evidence
    }
}
