/// The sentences a finding's facts can say. Each key has a Chinese and an English template in LedgerReports
/// (`FactText`), which names the values listed here; a test renders every key so none is left without words.
public enum FactKey: String, CaseIterable, Sendable {
    /// occupant, description, reported_on, days
    case occupationOpen = "occupation_open"
    /// user, purpose, started_on
    case useWithoutAnyAuthority = "use_without_authority"
    /// user, purpose, started_on (followed by the reasons the named authority fails)
    case useStarted = "use_started"
    /// contract_id
    case useContractUnknown = "use_contract_unknown"
    /// contract_id, asset_id
    case contractNotForAsset = "contract_not_for_asset"
    /// contract_id, start_on, end_on, on
    case contractNotInForce = "contract_not_in_force"
    /// contract_id, terminated_on
    case contractTerminatedOn = "contract_terminated_on"
    /// decision_id: a decision the ledger does not hold (on any date)
    case decisionUnknown = "decision_unknown"
    /// decision_id, decided_on: a decision the ledger holds, taken only after the check date
    case decisionNotYetTaken = "decision_not_yet_taken"
    /// decision_id, decision_community
    case decisionOtherCommunity = "decision_other_community"
    /// decision_id, asset_id
    case decisionNotForAsset = "decision_not_for_asset"
    /// decision_id, valid_until, on (the act's day, or the check date; reports say the day it lapsed)
    case decisionExpired = "decision_expired"
    /// decision_id, valid_until, on: the contract's signing day, after the decision lapsed (CON-02)
    case decisionExpiredAtSigning = "decision_expired_at_signing"
    /// decision_id, contract_id: the decision names another contract (`authorises.contract_id`), so it approves that
    /// one only (CON-01)
    case decisionForOtherContract = "decision_for_other_contract"
    /// decision_id, contract_id: a use cites a decision that names a contract the ledger holds
    /// (`Projection.contractNamed(by:)`), which approved that contract, not the use (OCC-02)
    case decisionForContractOnly = "decision_for_contract_only"
    /// decision_id, matter
    case decisionWrongMatter = "decision_wrong_matter"
    /// decision_id, decided_on, participating_area, total_area, participating_owners, total_owners, share, short_of (area, owners or area_and_owners)
    case quorumMissed = "quorum_missed"
    /// decision_id, approving_area, participating_area, approving_owners, participating_owners, share, short_of
    case specialMajorityMissed = "special_majority_missed"
    /// decision_id, approving_area, participating_area, approving_owners, participating_owners, share, short_of
    case simpleMajorityMissed = "simple_majority_missed"
    /// decision_id, decided_on, act_on, act (what the act was: contract_signed, spent, moved or use_started)
    case decisionAfterAct = "decision_after_act"
    /// purpose (followed by the 3/4 vote facts)
    case businessUse = "business_use"
    /// inspector, inspected_on, note
    case inspectionOccupied = "inspection_occupied"
    /// inspector, inspected_on, note
    case inspectionInUse = "inspection_in_use"
    /// due_on, published_on, days, months
    case disclosedLate = "disclosed_late"
    /// from, to, days, income, spending
    case disclosureGap = "disclosure_gap"
    /// field, from, to, changed_on
    case useChanged = "use_changed"
    /// decision_id, decided_on: OCC-04's change ratified by a later decision that would have covered it (the update
    /// cites no decision, so not `decision_after_act`'s "the decision it cites")
    case useChangeRatified = "use_change_ratified"
    /// field, to, planned_field, from, registered_on: OCC-04's part registered with a current use (`field` as the
    /// register names it, `to`) other than its planned or generic use (`planned_field`, `from`), no decision covering it
    case useDiffersAtRegistration = "use_differs_at_registration"
    /// days, since, threshold; first_since (the day the part was first found idle in an earlier run, when one
    /// reached the threshold: the loop's 反弹 against a moved fact)
    case idleDays = "idle_days"
    /// used_days, window_days, utilisation, threshold
    case utilisation = "utilisation"
    /// window_days, income, received, area, income_per_m2, median_per_m2, peers, threshold; contract_last_day
    /// (the last day of the contract the part is let under on the check date, when one is: the deadline `--issue`
    /// gives the finding, `RectificationDefaults.deadline`). `received` counts income naming the contract by the day
    /// it was paid, within the window: a `fund.income` records no period it pays for (`IncomeBenchmark.Entry.received`)
    case incomePerArea = "income_per_area"
    /// asset_id, window_days, received, received_per_m2, median_per_m2, threshold
    case incomeShortfallExplained = "income_shortfall_explained"
    /// (no values): the act cites no owners' decision
    case noDecision = "no_decision"
    /// decision_id, decided_on: a contract cites no decision, but this decision of its community names it
    /// (`authorises.contract_id`): the owners voted on it, the contract's record lacks its `decision_id`
    case decisionNotCited = "decision_not_cited"
    /// (no values): the contract names no payee fund
    case payeeFundMissing = "payee_fund_missing"
    /// fund_id
    case payeeFundUnknown = "payee_fund_unknown"
    /// fund_id, kind
    case payeeFundWrongKind = "payee_fund_wrong_kind"
    /// start_on, end_on, months, cap_months
    case contractTerm = "contract_term"
    /// start_on, end_on (the termination day), cap_months: how long a contract terminated within the cap ran
    case contractTermActual = "contract_term_actual"
    /// start_on, end_on (the contract's last day), how (expired or terminated), cap_months: how long a contract that
    /// ran past the cap and has ended ran
    case contractTermActualPastCap = "contract_term_actual_past_cap"
    /// end_on (the contract's last day), how (expired or terminated): CON-03's contract is out of force
    case contractEnded = "contract_ended"
    /// use_id, user, end_on, how (expired or terminated), days, amount
    case usedAfterEnd = "used_after_end"
    /// asset_ids (`.texts`, the parts both contracts let), contract_id, counterparty, start_on, end_on (the other
    /// contract's written term), from, to, days (the days both are in force, as the ledger holds the two contracts and
    /// their terminations on the check date): CON-08's overlap of a contract with one signed before it
    case contractsOverlap = "contracts_overlap"
    /// due, received, arrears, periods, months (of the whole periods), oldest_due_on; days (of the periods paid
    /// for in part, when there are any: a use after the contract's end that stopped within a period); stretch_since
    /// (the day arrears paid down but never cleared began, when before the oldest unpaid instalment fell into arrears);
    /// first_since (the first day any arrears were owed, when before the present stretch: cleared once, owed again)
    case rentArrears = "rent_arrears"
    /// due, received, arrears, oldest_due_on; stretch_since and first_since as for rent_arrears: rent of a contract
    /// paid once
    case rentArrearsOnce = "rent_arrears_once"
    /// amount, end_on, how: the part of the rent due that is for use after the contract ended
    case rentAfterEnd = "rent_after_end"
    /// amount, purpose, counterparty, voucher, spent_on
    case spending = "spending"
    /// amount, from_fund, to_fund, voucher, moved_on
    case transfer = "transfer"
    /// amount, from_fund, to_fund, to_community, kind (of the receiving fund), voucher, moved_on: a transfer into a
    /// fund of another community
    case transferOtherCommunity = "transfer_other_community"
    /// to_fund, kind: money of the maintenance fund moved into a fund of another kind or community
    case maintenanceDiverted = "maintenance_diverted"
    /// spent_on, due_on
    case emergencyNotDisclosed = "emergency_not_disclosed"
    /// spent_on, due_on, published_on, days
    case emergencyDisclosedLate = "emergency_disclosed_late"
    /// decision_id, cap, spent, excess
    case overCap = "over_cap"
    /// decision_id, asset_ids (`.texts`): a spending on parts the decision it cites does not name (FUND-04), all of
    /// them in one fact
    case spendingOutsideDecision = "spending_outside_decision"
    /// category
    case prohibitedCategory = "prohibited_category"
    /// category: a maintenance-fund spending on something that is not the repair, renewal or renovation of common
    /// parts (the committee's running costs, cleaning), which no vote and no emergency makes the fund's (FUND-05)
    case outsideFundScope = "outside_fund_scope"
    /// asset_id, warranty_end
    case withinWarranty = "within_warranty"
    /// amount, records, record_nos, vouchers, recovered_on: refunds (income of category `refund`) into the fund
    /// recovered the whole of a FUND-05 spending; `records` the refunds' event ids, `record_nos` their numbers (seq)
    /// in the log, by which the sentence cites them, and `vouchers` their vouchers (`.texts`)
    case moneyRecovered = "money_recovered"
    /// recovered, outstanding, records, record_nos, vouchers: refunds recovered part of a FUND-05 spending
    case moneyPartlyRecovered = "money_partly_recovered"
    /// amount, records, record_nos, vouchers, recovered_on: transfers back from the fund a FUND-10 diversion of the
    /// maintenance fund went to moved the whole of it back (追回); the values as `money_recovered`'s
    case moneyMovedBack = "money_moved_back"
    /// recovered, outstanding, records, record_nos, vouchers: transfers back moved part of a diversion back
    case moneyPartlyMovedBack = "money_partly_moved_back"
    /// lowest, on, since
    case overdrawn = "overdrawn"
    /// lowest, on, since, ended_on
    case overdraftEnded = "overdraft_ended"
    /// asserted, ledger, difference, on, statement
    case balanceDiffers = "balance_differs"
    /// last_on, statement, due_on, days: the maintenance fund's last bank statement is more than 12 months old (FUND-11)
    case reconciliationOverdue = "reconciliation_overdue"
    /// since, due_on, days: the maintenance fund has held money for more than 12 months without a bank statement
    case neverReconciled = "never_reconciled"
    /// last_on, due_on, days, months
    case disclosureOverdue = "disclosure_overdue"
    /// opened_on, due_on, days, months
    case neverDisclosed = "never_disclosed"
    /// amount, fund_id, kind, contract_id, received_on
    case incomeInWrongFund = "income_in_wrong_fund"
    /// amount, fund_id, fund_community, contract_id, received_on
    case incomeInOtherCommunity = "income_in_other_community"
}
