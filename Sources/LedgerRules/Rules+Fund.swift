import LedgerEvents
import LedgerProjections

/// Spending categories the maintenance fund must never bear ([MF] 25): the developer's liability (within
/// warranty), utilities' pipes and equipment, damage someone caused, and work the service contract assigns to
/// the property company. Written in `fund.spending` as `purpose_category`, as these codes or any word
/// `CategoryVocabulary` has for them.
public let maintenanceProhibitedCategories = ["caused_damage", "developer_liability", "service_contract_duty", "utility_facilities"]

/// Spending categories that are no repair, renewal or renovation of common parts at all, the maintenance fund's only
/// use ([MF] 2, 18; [PMR] 53): the owners' assembly's and committee's running costs and cleaning. Greening is not
/// here: renovating a green area is a repair of a common facility ([MF] 3), and 绿化 does not tell it from upkeep.
public let maintenanceOutsideScopeCategories = ["cleaning", "governance"]

/// Register column (asset attribute) holding the end of the developer's warranty, `YYYY-MM-DD`.
public let warrantyEndAttribute = WarrantyEnd.attribute

extension RuleContext {
    /// 共有资金使用不合规: FUND-01 … FUND-11.
    func fundFindings() -> [Finding] {
        var out: [Finding] = []
        // What came back of each fund's diversions (FUND-10: the maintenance fund's, and money sent to another
        // community's fund), and the transfers that brought it back: a return the law asks for ([PMR] 60; [MF] 37;
        // [CC] 282) is no transfer to put to a vote or to recover (review 41d). Found when first asked, for a fund in
        // scope or one a fund in scope sends money to.
        var returnsByFund: [String: [Int: Recovery]] = [:]
        func returns(of fundID: String) -> [Int: Recovery] {
            if let known = returnsByFund[fundID] { return known }
            guard let fund = projection.funds[fundID] else { return [:] }
            let found = diversionReturns(fund, projection.movements(ofFund: fundID))
            returnsByFund[fundID] = found
            return found
        }
        // Whether transfer `m` out of a fund is the return of a diversion into that fund from the fund it goes to.
        func isReturn(_ m: FundMovement) -> Bool {
            guard let to = m.otherFundID else { return false }
            return returns(of: to).values.contains { r in r.refunds.contains { $0.evidence.seq == m.evidence.seq } }
        }
        for fund in sortedFunds {
            let movements = projection.movements(ofFund: fund.id)
            // FUND-05's grounds for each maintenance-fund spending it flags (by index into `movements`), and what
            // the refunds into the fund recovered of each.
            var grounds: [Int: [ProhibitedGround]] = [:]
            if fund.kind == .maintenance {
                for (index, m) in movements.enumerated() where m.kind == .spending {
                    let found = prohibitedGrounds(m)
                    if !found.isEmpty { grounds[index] = found }
                }
            }
            let recoveries = grounds.isEmpty ? [:] : Self.recoveries(movements, flagged: grounds.keys.sorted()) {
                $0.kind == .income && CategoryVocabulary.normalized($0.category) == CategoryVocabulary.refundCode
            }
            for (index, movement) in movements.enumerated() {
                switch movement.kind {
                case .spending: out += spendingFindings(fund, movement, prohibited: grounds[index] ?? [], recovery: recoveries[index])
                case .transferOut:
                    if isReturn(movement) { continue }
                    out += transferFindings(fund, movement, returned: returns(of: fund.id)[index])
                case .income, .transferIn: break
                }
            }
            if let overdrawn = overdraft(fund, movements) { out.append(overdrawn) }
            for check in projection.reconciliation(ofFund: fund.id) where !check.reconciled {
                out.append(finding(.balanceMismatch, community: fund.communityID, .fund, fund.id, fundName(fund), detail: fund.kind.rawValue,
                                   since: check.assertion.date,
                                   facts: [FindingFact(.balanceDiffers, [
                                       "asserted": .amount(check.assertion.balance), "ledger": .amount(check.computed),
                                       "difference": .amount(check.difference), "on": .date(check.assertion.date),
                                       "statement": .text(check.assertion.statementRef)])],
                                   evidence: [check.assertion.evidence]))
            }
            out += disclosureFindings(fund)
            if let overdue = reconciliationOverdue(fund, movements) { out.append(overdue) }
        }
        // FUND-09 belongs to the contract's community, and the fund receiving the rent may be of a community
        // outside the scope, so it is found from the contracts in scope, not from the funds.
        for contract in sortedContracts {
            for index in contract.paymentIndexes {
                let m = projection.movements[index]
                guard let fund = projection.funds[m.fundID] else { continue }
                out += incomeFindings(fund, m)
            }
        }
        out += overCapFindings()
        return out
    }

    func fundName(_ fund: Fund) -> String { fund.account }

    private func spendingFact(_ m: FundMovement) -> FindingFact {
        FindingFact(.spending, ["amount": .amount(m.amount), "purpose": .text(m.purpose ?? ""), "counterparty": .person(m.counterparty),
                                "voucher": .text(m.voucher), "spent_on": .date(m.date)])
    }

    /// The matters whose decision can authorise paying money out of a fund of `kind` (`Projection.matters`).
    static func matters(payingFrom kind: FundKind, into target: FundKind? = nil) -> Set<DecisionMatter> {
        Projection.matters(payingFrom: kind, into: target)
    }

    /// The fact that a decision was taken after the act that cites it; `what` names the act for the reports
    /// (`contract_signed`, `spent`, `moved` or `use_started`).
    func afterActFact(_ decision: Decision, act: CalendarDate, what: String) -> FindingFact {
        FindingFact(.decisionAfterAct, ["decision_id": .text(decision.id), "decided_on": .date(decision.decidedOn), "act_on": .date(act),
                                        "act": .text(what)])
    }

    /// How a decision dated after the act stands: a ratification when the vote itself passed, else nothing.
    func ratification(_ decision: Decision, voteFacts: [FindingFact]) -> Resolution? {
        voteFacts.isEmpty ? Resolution(.ratified, on: decision.decidedOn, evidence: decision.evidence) : nil
    }

    /// One reason FUND-05 flags a maintenance-fund spending: its category, or a part it names under warranty.
    struct ProhibitedGround {
        let fact: FindingFact
        let evidence: [Evidence]
        let basis: LegalBasis?
        let subject: [String]
        /// What to do while the money is out, and once it is back (nil: the rule's own, for a cost a party liable
        /// bears): a cost outside the fund's scope has no party liable to recover it from, only its proper source
        /// (review 46a #6: 业委会办公经费 was told to be recovered from the developer or the manager).
        var open: Action? = nil
        var closed: Action = .moneyRecovered
    }

    /// FUND-05's reasons for flagging maintenance-fund spending `m` (none: not flagged).
    private func prohibitedGrounds(_ m: FundMovement) -> [ProhibitedGround] {
        var out: [ProhibitedGround] = []
        // The recorded word as the reports group it (保修 is `developer_liability`), so a spending a report
        // shows under a forbidden category is found here too; a word outside the vocabulary is itself.
        let code = CategoryVocabulary.normalized(m.category)
        if maintenanceProhibitedCategories.contains(code) {
            // Utilities maintain their own pipes and equipment; Qingdao says so in terms ([QD] 80(4)).
            let basis = code == "utility_facilities"
                ? LegalBasis(RuleCode.maintenanceProhibitedPurpose.basis(.fund(.maintenance)).citations
                             + [Citation(.qingdaoRegulations, 80, paragraph: 4)])
                : nil
            out.append(ProhibitedGround(fact: FindingFact(.prohibitedCategory, ["category": .text(m.category)]), evidence: [],
                                        basis: basis, subject: []))
        } else if maintenanceOutsideScopeCategories.contains(code) {
            // Not a cost [MF] 25 lists but no repair at all: the fund's scope itself, which neither a vote nor an
            // emergency ([MF] 24 is about repairs endangering the buildings) widens (review 45b #1).
            let cc = LawSource.civilCode, pmr = LawSource.propertyManagementRegulations, mf = LawSource.maintenanceFundMeasures
            out.append(ProhibitedGround(fact: FindingFact(.outsideFundScope, ["category": .text(m.category)]), evidence: [],
                                        basis: LegalBasis([Citation(cc, 281, paragraph: 1), Citation(pmr, 53, paragraph: 2),
                                                           Citation(mf, 2), Citation(mf, 18)]),
                                        subject: [], open: .returnToFund, closed: .moneyReturned))
        }
        // The warranty's end as the register gives it: `warranty_end`, or a register heading kept as a free
        // attribute (保修期至 …), in any of the usual date forms (`WarrantyEnd.read`).
        for assetID in m.assetIDs {
            guard let asset = projection.assets[assetID], case .ends(let end, _) = WarrantyEnd.read(asset.attributes),
                  m.date <= end else { continue }
            out.append(ProhibitedGround(fact: FindingFact(.withinWarranty, ["asset_id": .text(assetID), "warranty_end": .date(end)]),
                                        evidence: [asset.evidence], basis: nil, subject: [assetID]))
        }
        return out
    }

    /// What the money coming back into a maintenance fund recovered of one payment out of it that must come back:
    /// a spending FUND-05 flags (refunds, income of category `refund`, 退回款项) or a transfer FUND-10 finds diverted
    /// (transfers back from the fund it went to).
    struct Recovery {
        /// The money recovered, at most the payment's amount.
        var recovered = Amount.zero
        /// The movements that brought it back, in date order (one may share itself between payments).
        var refunds: [FundMovement] = []
        /// Whether the whole amount is recovered (the last of `refunds` completed it).
        var complete = false
    }

    /// The money coming back into a fund (the movements `isReturn` picks) shared out over the payments out of it that
    /// must come back (`flagged`, indexes into `movements`, which are in fold order: date, then the record's place in
    /// the log): payment by payment in that order, each from the earliest returns dated on or after it that are not
    /// used up. Money cannot come back before it went out, so a return counts only for payments on or before its day
    /// (`afterInLog`: and, on its day, recorded before it, so that of two transfers between two funds on one day the
    /// later is the return of the earlier, never each the other's); serving the earliest payment from the earliest
    /// return leaves the later returns to the later payments, so no payment is left short that another sharing would
    /// have covered. Returns beyond what the flagged payments need are ordinary money of the fund.
    static func recoveries(_ movements: [FundMovement], flagged: [Int], afterInLog: Bool = false,
                           by isReturn: (FundMovement) -> Bool) -> [Int: Recovery] {
        var refunds: [(index: Int, left: Amount)] = []
        for (index, m) in movements.enumerated() where isReturn(m) {
            refunds.append((index, m.amount))
        }
        guard !refunds.isEmpty else { return [:] }
        var out: [Int: Recovery] = [:]
        var next = 0
        for index in flagged.sorted() {
            let spending = movements[index]
            var recovery = Recovery()
            var owed = spending.amount
            // Refunds before this spending's day can serve only earlier spendings: skip them for good (later
            // spendings are later still).
            while next < refunds.count && (refunds[next].left.fen == 0 || movements[refunds[next].index].date < spending.date
                                           || (afterInLog && refunds[next].index < index)) { next += 1 }
            var at = next
            while owed.fen > 0 && at < refunds.count {
                let take = min(owed, refunds[at].left)
                if take.fen > 0 {
                    refunds[at].left -= take
                    owed -= take
                    recovery.recovered += take
                    recovery.refunds.append(movements[refunds[at].index])
                }
                at += 1
            }
            recovery.complete = owed.fen == 0
            if !recovery.refunds.isEmpty { out[index] = recovery }
        }
        return out
    }

    /// What the transfers back into `fund` recovered of each transfer out of it FUND-10 finds diverted, by index into
    /// `movements`: out of the maintenance fund, one into a fund of another kind or community ([CC] 281(1); [PMR]
    /// 53(2)); out of another fund, one into another community's fund that FUND-10 finds (that community's money now,
    /// to be recovered: [CC] 282). The transfers from the fund the money went to, after it, are shared out over the
    /// diversions into that fund (`recoveries`). Money moved back is money recovered ([PMR] 60; [MF] 37: 追回); a
    /// transfer back from another fund recovers nothing of this one.
    ///
    /// Except from the community's own public-income fund into its maintenance fund: public income rolls into the
    /// maintenance fund as a matter of course ([MF] 27(3); [QD] 78), so such a transfer is the return of a diversion
    /// into the public-income fund only when it moves back exactly the amount of a diversion not yet returned (the
    /// earliest such, `matchedReturns`); a quarter's roll-in of another amount is the fund's own income (review 41d #6).
    private func diversionReturns(_ fund: Fund, _ movements: [FundMovement]) -> [Int: Recovery] {
        var diversions: [String: [Int]] = [:]
        for (index, m) in movements.enumerated() where m.kind == .transferOut {
            guard let to = m.otherFundID, let target = projection.funds[to] else { continue }
            if fund.kind == .maintenance {
                guard target.kind != .maintenance || target.communityID != fund.communityID else { continue }
            } else {
                guard target.communityID != fund.communityID, !transferFindings(fund, m, returned: nil).isEmpty else { continue }
            }
            diversions[to, default: []].append(index)
        }
        var out: [Int: Recovery] = [:]
        for (to, flagged) in diversions {
            let isBack: (FundMovement) -> Bool = { $0.kind == .transferIn && $0.otherFundID == to }
            if fund.kind == .maintenance, let target = projection.funds[to], target.kind == .public_income,
               target.communityID == fund.communityID {
                out.merge(Self.matchedReturns(movements, flagged: flagged, by: isBack)) { a, _ in a }
            } else {
                out.merge(Self.recoveries(movements, flagged: flagged, afterInLog: true, by: isBack)) { a, _ in a }
            }
        }
        return out
    }

    /// Each payment of `flagged` (indexes into `movements`, in fold order) returned by the earliest movement after it
    /// in the log that `isReturn` picks, of exactly its amount and not yet matched to an earlier payment: a return is
    /// told from the fund's ordinary income by its amount.
    static func matchedReturns(_ movements: [FundMovement], flagged: [Int], by isReturn: (FundMovement) -> Bool) -> [Int: Recovery] {
        var used = Set<Int>()
        var out: [Int: Recovery] = [:]
        for index in flagged.sorted() {
            let payment = movements[index]
            guard let back = movements.indices.first(where: {
                $0 > index && !used.contains($0) && isReturn(movements[$0]) && movements[$0].amount == payment.amount
            }) else { continue }
            used.insert(back)
            out[index] = Recovery(recovered: payment.amount, refunds: [movements[back]], complete: true)
        }
        return out
    }

    /// The fact that says what came back of payment `m`: all of it, or part and what is left; by refunds of a FUND-05
    /// spending (`money_recovered`, `money_partly_recovered`), or, `movedBack`, by transfers back of a FUND-10
    /// diversion (`money_moved_back`, `money_partly_moved_back`), with the same values.
    private func recoveryFact(_ m: FundMovement, _ r: Recovery, movedBack: Bool = false) -> FindingFact {
        let records: FactValue = .texts(r.refunds.map(\.evidence.eventID))
        // The records' numbers in the log, by which the sentence cites them (第95条 / no. 95, as the records column).
        let numbers: FactValue = .texts(r.refunds.map { String($0.evidence.seq) })
        let vouchers: FactValue = .texts(r.refunds.map(\.voucher))
        if r.complete {
            return FindingFact(movedBack ? .moneyMovedBack : .moneyRecovered, [
                "amount": .amount(r.recovered), "records": records, "record_nos": numbers, "vouchers": vouchers,
                "recovered_on": .date(r.refunds.last!.date)])
        }
        return FindingFact(movedBack ? .moneyPartlyMovedBack : .moneyPartlyRecovered, [
            "recovered": .amount(r.recovered), "outstanding": .amount(m.amount - r.recovered), "records": records,
            "record_nos": numbers, "vouchers": vouchers])
    }

    /// FUND-01/02/03/04/05 for one spending; `prohibited` are FUND-05's grounds (`prohibitedGrounds`), `recovery`
    /// what refunds recovered of it.
    private func spendingFindings(_ fund: Fund, _ m: FundMovement, prohibited: [ProhibitedGround], recovery: Recovery?) -> [Finding] {
        var out: [Finding] = []
        // `record`: the spending's record to cite, when not the one in effect (`m.evidence`).
        func add(_ rule: RuleCode, since: CalendarDate? = nil, _ facts: [FindingFact], _ evidence: [Evidence] = [],
                 basis: LegalBasis? = nil, action: Action? = nil, resolution: Resolution? = nil, subject: [String] = [],
                 record: Evidence? = nil) {
            out.append(finding(rule, community: fund.communityID, .fund, fund.id, fundName(fund), detail: fund.kind.rawValue, since: since ?? m.date,
                               facts: [spendingFact(m)] + facts, evidence: [record ?? m.evidence] + evidence, basis: basis, action: action,
                               resolution: resolution, subjectIDs: [m.recordID] + subject))
        }
        // Spending from a fund other than the maintenance fund at or under the policy's cap needs no decision: one
        // it cites, on whatever matter and with whatever vote, does not make it one that needs a decision.
        let needsDecision = !needsNoDecision(m)
        // While the decision the record now cites is not yet taken on the check date, the version a list of that date
        // showed before the correction is judged, citing that version's record (`movementKnownThen`; review 48 #3:
        // `no_decision` turned into `decision_not_yet_taken`). Once it is taken, the version the correction replaced
        // is cited beside the correction (review 48 #2; the loop's `recordedAfter` sees the correction).
        let (judged, citations) = projection.movementKnownThen(m) ?? (m, projection.earlierMovementDecisions[m.recordID]?.citations ?? [])
        let citedBefore = citedInEffect(judged, m) + Self.citedBeforeCorrection(judged, citations)
        func addVote(_ rule: RuleCode, since: CalendarDate? = nil, _ facts: [FindingFact], _ evidence: [Evidence] = [],
                     action: Action? = nil, resolution: Resolution? = nil) {
            add(rule, since: since, facts, evidence + citedBefore, action: action, resolution: resolution, record: judged.evidence)
        }
        // Beyond what `decision` authorised: spent after it lapsed, or on a part it does not name when it names the
        // parts (DOMAIN.md R18, §4.3: a project's scope is its assets). One finding of the spending.
        func beyondAuthority(_ decision: Decision) {
            var beyond: [FindingFact] = []
            if let until = decision.terms.validUntil, until < m.date {
                beyond.append(FindingFact(.decisionExpired, [
                    "decision_id": .text(decision.id), "valid_until": .date(until), "on": .date(m.date)]))
            }
            let listed = decision.terms.authorises.assetIDs
            // The parts outside the decision, all in one fact: one sentence names them (`未列明A1、A2`).
            let outside = listed.isEmpty ? [] : m.assetIDs.filter { !listed.contains($0) }
            if !outside.isEmpty {
                beyond.append(FindingFact(.spendingOutsideDecision, ["decision_id": .text(decision.id), "asset_ids": .texts(outside)]))
            }
            if !beyond.isEmpty { addVote(.spendingBeyondAuthority, beyond, [decision.evidence]) }
        }
        if needsDecision, let signing = failedVoteMovedUnder(fund, judged, citations, matters: Self.matters(payingFrom: fund.kind)) {
            // Spent on a failed vote, its record since corrected to cite a decision taken after the spending (a
            // ratification, ledger-spec.md 10.4 rule 2): the finding keeps its code, key and record (FUND-03 on
            // that vote, citing the spending as first recorded), and the later decision, once taken, ratifies it or
            // says why it does not, as CON-02 does for a contract (review 47d #2). Before that decision is taken the
            // finding is the one a list made before the correction showed: a past list does not change.
            let (facts, evidence, resolution) = failedVoteRatification(signing, act: m.date, what: "spent")
            addVote(.spendingDecisionFailed, facts, evidence, action: resolution == nil ? nil : .spendingRatified, resolution: resolution)
            beyondAuthority(signing.later ?? signing.decision)
        } else if let decisionID = judged.decisionID, needsDecision {
            if let decision = projection.decisions[decisionID], decision.terms.communityID != fund.communityID {
                // Another community's owners cannot authorise spending of this community's fund.
                addVote(.spendingWithoutDecision, [otherCommunityFact(decision)], [decision.evidence])
            } else if let decision = projection.decisions[decisionID], !Self.matters(payingFrom: fund.kind).contains(decision.terms.matter) {
                // A vote on another matter (electing the committee, say) does not authorise spending, whatever its
                // majority.
                addVote(.spendingWithoutDecision, [FindingFact(.decisionWrongMatter, [
                    "decision_id": .text(decisionID), "matter": .text(decision.terms.matter.rawValue)])], [decision.evidence])
            } else if let decision = projection.decisions[decisionID] {
                let facts = voteFacts(decision)
                if decision.decidedOn > m.date {
                    // Money spent before the owners decided: the decision can at most ratify it.
                    let ratified = ratification(decision, voteFacts: facts)
                    addVote(.spendingWithoutDecision, [afterActFact(decision, act: m.date, what: "spent")], [decision.evidence],
                            action: ratified == nil ? nil : .spendingRatified, resolution: ratified)
                }
                if !facts.isEmpty { addVote(.spendingDecisionFailed, facts, [decision.evidence]) }
                beyondAuthority(decision)
            } else {
                addVote(.spendingWithoutDecision, [missingDecisionFact(decisionID)])
            }
        } else if fund.kind == .maintenance, m.emergency != nil, judged.decisionID == nil || !needsDecision {
            // Emergency use needs no prior vote, but a disclosure must follow ([MF] 24).
            let due = m.date.adding(days: policy.emergencyDisclosureDays)
            let covering = projection.disclosures(ofCommunity: fund.communityID)
                .filter { d in
                    d.terms.fundIDs.contains(fund.id) && d.publishedOn >= m.date && d.publishedOn <= asOf
                        && d.terms.periodFrom <= m.date && m.date <= d.terms.periodTo
                }
                .sorted { $0.publishedOn != $1.publishedOn ? $0.publishedOn < $1.publishedOn : $0.evidence < $1.evidence }
            if due < asOf, covering.first.map({ $0.publishedOn > due }) ?? true {
                if let late = covering.first {
                    add(.emergencyIncomplete, since: due.adding(days: 1),
                        [FindingFact(.emergencyDisclosedLate, ["spent_on": .date(m.date), "due_on": .date(due),
                                                               "published_on": .date(late.publishedOn),
                                                               "days": .integer(Int64(due.days(until: late.publishedOn)))])],
                        action: .emergencyDisclosedLate, resolution: Resolution(.remediedLate, on: late.publishedOn, evidence: late.evidence))
                } else {
                    add(.emergencyIncomplete, since: due.adding(days: 1),
                        [FindingFact(.emergencyNotDisclosed, ["spent_on": .date(m.date), "due_on": .date(due)])])
                }
            }
        } else if judged.decisionID == nil && needsDecision {
            addVote(.spendingWithoutDecision, [FindingFact(.noDecision, [:])])
        }
        // FUND-05, one finding per ground; refunds that recovered the whole amount end each (追回), and the refund
        // that completed it is the record of that.
        let recoveredFacts = recovery.map { [recoveryFact(m, $0)] } ?? []
        let refundEvidence = recovery.map { $0.refunds.map(\.evidence) } ?? []
        let recovered = recovery.flatMap { r in r.complete ? r.refunds.last : nil }
        for ground in prohibited {
            add(.maintenanceProhibitedPurpose, [ground.fact] + recoveredFacts, ground.evidence + refundEvidence, basis: ground.basis,
                action: recovered == nil ? ground.open : ground.closed,
                resolution: recovered.map { Resolution(.recovered, on: $0.date, evidence: $0.evidence) }, subject: ground.subject)
        }
        return out
    }

    /// FUND-10 (and FUND-03/04 through the decision, as for a spending): a transfer needs a decision on a matter that can move the
    /// paying fund's money, taken before the transfer, except public income of a community topping up its own
    /// maintenance fund ([PMR] 54, [MF] 27; [QD] 78(3)), which needs none, whatever decision it cites.
    /// `returned`: what transfers back recovered of it, when it is a diversion of the maintenance fund
    /// (`diversionReturns`).
    private func transferFindings(_ fund: Fund, _ m: FundMovement, returned: Recovery?) -> [Finding] {
        // A roll-in of the community's public income into its maintenance fund needs no decision (`needsNoDecision`).
        if needsNoDecision(m) { return [] }
        let target = m.otherFundID.flatMap { projection.funds[$0] }
        // Into a fund of another community the fact says so: it is no ordinary transfer between accounts.
        let facts: [FindingFact]
        if let target, target.communityID != fund.communityID {
            facts = [FindingFact(.transferOtherCommunity, [
                "amount": .amount(m.amount), "from_fund": .text(fund.id), "to_fund": .text(target.id),
                "to_community": .text(target.communityID), "kind": .text(target.kind.rawValue), "voucher": .text(m.voucher),
                "moved_on": .date(m.date)])]
        } else {
            facts = [FindingFact(.transfer, ["amount": .amount(m.amount), "from_fund": .text(fund.id),
                                             "to_fund": .text(m.otherFundID ?? ""), "voucher": .text(m.voucher), "moved_on": .date(m.date)])]
        }
        // Money now in the maintenance fund pays only for repairs of common parts: the advice is never to move it
        // back out ([CC] 281(1); [PMR] 53(2); [MF] 18), but to put the transfer to the owners.
        let intoMaintenance = fund.kind != .maintenance && target?.kind == .maintenance && target?.communityID == fund.communityID
        // Money paid into another community's account is that community's now: recovered, not put to this
        // community's owners for ratification (review 36d).
        let intoOtherCommunity = target.map { $0.communityID != fund.communityID } ?? false
        // Money of another fund sent to another community's fund and moved back from it (`diversionReturns`): what came
        // back, and in full, recovered as of the transfer that completed it, as a diversion of the maintenance fund is.
        let back = fund.kind != .maintenance && intoOtherCommunity ? returned : nil
        let backFacts = back.map { [recoveryFact(m, $0, movedBack: true)] } ?? []
        let backEvidence = back?.refunds.map(\.evidence) ?? []
        let backCompleted = back.flatMap { $0.complete ? $0.refunds.last : nil }
        func make(_ rule: RuleCode, _ more: [FindingFact], _ evidence: [Evidence], action: Action? = nil,
                  resolution: Resolution? = nil, record: Evidence? = nil) -> Finding {
            finding(rule, community: fund.communityID, .fund, fund.id, fundName(fund), detail: fund.kind.rawValue, since: m.date,
                    facts: facts + more + backFacts, evidence: [record ?? m.evidence] + evidence + backEvidence,
                    action: action ?? (intoMaintenance ? .voteOnTransferIntoMaintenance
                                       : intoOtherCommunity ? (backCompleted == nil ? .recoverFromOtherCommunity : .otherCommunityReturned) : nil),
                    resolution: resolution ?? backCompleted.map { Resolution(.recovered, on: $0.date, evidence: $0.evidence) },
                    subjectIDs: [m.recordID])
        }
        // The maintenance fund pays only for repairs of common parts ([CC] 281(1); [PMR] 53(2) "不得挪作他用"):
        // moving its money into a fund of another kind or community is a diversion no vote can authorise.
        // Moved back in full, it is recovered (追回) as of the transfer that completed it; in part, it says what is
        // still out.
        if fund.kind == .maintenance, let target, target.kind != .maintenance || target.communityID != fund.communityID {
            let diverted = FindingFact(.maintenanceDiverted, ["to_fund": .text(target.id), "kind": .text(target.kind.rawValue)])
            guard let r = returned else { return [make(.transferWithoutDecision, [diverted], [], action: .returnToMaintenanceFund)] }
            let completed = r.complete ? r.refunds.last : nil
            return [make(.transferWithoutDecision, [diverted, recoveryFact(m, r, movedBack: true)], r.refunds.map(\.evidence),
                         action: completed == nil ? .returnToMaintenanceFund : .diversionReturned,
                         resolution: completed.map { Resolution(.recovered, on: $0.date, evidence: $0.evidence) })]
        }
        // The version a list of the check date showed, and the version a correction replaced, as for a spending
        // (`spendingFindings`; review 48 #2, #3).
        let (judged, citations) = projection.movementKnownThen(m) ?? (m, projection.earlierMovementDecisions[m.recordID]?.citations ?? [])
        let citedBefore = citedInEffect(judged, m) + Self.citedBeforeCorrection(judged, citations)
        let record = judged.evidence
        func makeVote(_ rule: RuleCode, _ more: [FindingFact], _ evidence: [Evidence], action: Action? = nil,
                      resolution: Resolution? = nil) -> Finding {
            make(rule, more, evidence + citedBefore, action: action, resolution: resolution, record: record)
        }
        if let signing = failedVoteMovedUnder(fund, judged, citations, matters: Self.matters(payingFrom: fund.kind, into: target?.kind)) {
            // Moved on a failed vote, since corrected to cite a later one: FUND-03 keeps its key and record, ratified
            // by the later vote once taken (as a spending's, `spendingFindings`; review 47d #2).
            let (more, evidence, resolution) = failedVoteRatification(signing, act: m.date, what: "moved")
            var out = [makeVote(.spendingDecisionFailed, more, evidence, action: resolution == nil ? nil : .transferRatified,
                                resolution: resolution)]
            let judged = signing.later ?? signing.decision
            if let until = judged.terms.validUntil, until < m.date {
                out.append(makeVote(.spendingBeyondAuthority, [FindingFact(.decisionExpired, [
                    "decision_id": .text(judged.id), "valid_until": .date(until), "on": .date(m.date)])], [judged.evidence]))
            }
            return out
        }
        guard let decisionID = judged.decisionID else {
            return [makeVote(.transferWithoutDecision, [FindingFact(.noDecision, [:])], [])]
        }
        guard let decision = projection.decisions[decisionID] else {
            return [makeVote(.transferWithoutDecision, [missingDecisionFact(decisionID)], [])]
        }
        if decision.terms.communityID != fund.communityID {
            return [makeVote(.transferWithoutDecision, [otherCommunityFact(decision)], [decision.evidence])]
        }
        if !Self.matters(payingFrom: fund.kind, into: target?.kind).contains(decision.terms.matter) {
            return [makeVote(.transferWithoutDecision, [FindingFact(.decisionWrongMatter, [
                "decision_id": .text(decisionID), "matter": .text(decision.terms.matter.rawValue)])], [decision.evidence])]
        }
        var out: [Finding] = []
        let vote = voteFacts(decision)
        if decision.decidedOn > m.date {
            let ratified = ratification(decision, voteFacts: vote)
            out.append(makeVote(.transferWithoutDecision, [afterActFact(decision, act: m.date, what: "moved")], [decision.evidence],
                                action: ratified == nil ? nil : .transferRatified, resolution: ratified))
        }
        if !vote.isEmpty { out.append(makeVote(.spendingDecisionFailed, vote, [decision.evidence])) }
        if let until = decision.terms.validUntil, until < m.date {
            out.append(makeVote(.spendingBeyondAuthority, [FindingFact(.decisionExpired, [
                "decision_id": .text(decisionID), "valid_until": .date(until), "on": .date(m.date)])], [decision.evidence]))
        }
        return out
    }

    /// FUND-03 for an act made on a failed vote and since corrected to cite a later one (`failedVoteMovedUnder`):
    /// the failed vote's facts and evidence, then — once the later decision is taken — its facts and whether it
    /// ratifies the act (`what`: `spent` or `moved`, as `afterActFact` words it).
    func failedVoteRatification(_ signing: (decision: Decision, facts: [FindingFact], later: Decision?),
                                act: CalendarDate, what: String) -> (facts: [FindingFact], evidence: [Evidence], resolution: Resolution?) {
        var facts = signing.facts
        var evidence = [signing.decision.evidence]
        var resolution: Resolution? = nil
        if let later = signing.later {
            let laterFacts = voteFacts(later)
            resolution = ratification(later, voteFacts: laterFacts)
            facts += [afterActFact(later, act: act, what: what)] + laterFacts
            evidence.append(later.evidence)
        }
        return (facts, evidence, resolution)
    }

    /// The failed vote a corrected spending or transfer was made under (`citations`, its earlier versions,
    /// `Projection.earlierMovementDecisions`: the latest decision one cited other than the one it cites now), as
    /// `failedVoteSignedUnder` finds a contract's: when the record now cites a decision taken after the act — of the
    /// fund's community, on one of `matters`, or not yet taken on the check date — and the earlier one, of that
    /// community, on one of `matters`, taken on or before the act, failed its vote: that vote with its facts and the
    /// later decision when taken on or before the check date (while it is not, the rules judge the earlier version
    /// in its place, `movementKnownThen`). Nil for any other act (its decision is judged as cited).
    func failedVoteMovedUnder(_ fund: Fund, _ m: FundMovement, _ citations: [EarlierCitation], matters: Set<DecisionMatter>)
        -> (decision: Decision, facts: [FindingFact], later: Decision?)? {
        guard let current = m.decisionID, let earlierID = citations.latest(citingOtherThan: current)?.decisionID,
              let decision = projection.decisions[earlierID] else { return nil }
        let later = projection.decisions[current]
        if let later {
            guard later.decidedOn > m.date, later.terms.communityID == fund.communityID, matters.contains(later.terms.matter) else { return nil }
        } else if projection.decisionsAfterAsOf[current] == nil {
            return nil
        }
        guard decision.terms.communityID == fund.communityID, matters.contains(decision.terms.matter),
              decision.decidedOn <= m.date else { return nil }
        let facts = voteFacts(decision)
        return facts.isEmpty ? nil : (decision, facts, later)
    }

    /// The record of the version a correction replaced when it changed what a spending's or transfer's record cites
    /// (the latest of `citations`, its earlier versions, citing otherwise, `EarlierCitation.record`): a finding on the act's decision
    /// cites it beside the correction, as a list made before the correction cited it (review 47d #3, 48 #2). Empty
    /// for a record whose citation no correction changed.
    static func citedBeforeCorrection(_ m: FundMovement, _ citations: [EarlierCitation]) -> [Evidence] {
        citations.latest(citingOtherThan: m.decisionID).map { [$0.record] } ?? []
    }

    /// The record in effect, cited beside the earlier version judged in its place (`movementKnownThen`) when a
    /// correction after that version changed anything besides the citation: the finding states the amount, date and
    /// terms of the record in effect (`spendingFact`), and each fact it states is proved by a record it cites (review
    /// 49 #1). None when the version judged is the record in effect, or differs from it only in what it cites (a
    /// past list then cites what it cited before the correction).
    func citedInEffect(_ judged: FundMovement, _ m: FundMovement) -> [Evidence] {
        guard judged.evidence != m.evidence,
              projection.earlierMovementDecisions[m.recordID]?.citations.changedSince(judged.evidence) == true else { return [] }
        return [m.evidence]
    }

    /// FUND-09: operating income (income naming a contract) must go to a public-income or maintenance fund of
    /// the contract's own community.
    private func incomeFindings(_ fund: Fund, _ m: FundMovement) -> [Finding] {
        guard let contractID = m.contractID, let contract = projection.contracts[contractID] else { return [] }
        let terms = contract.terms
        let (name, person) = contractItem(terms)
        if fund.communityID != terms.communityID {
            return [finding(.incomeNotInOwnFund, community: terms.communityID, .contract, contractID, name, person: person, since: m.date,
                            facts: [FindingFact(.incomeInOtherCommunity, [
                                "amount": .amount(m.amount), "fund_id": .text(fund.id), "fund_community": .text(fund.communityID),
                                "contract_id": .text(contractID), "received_on": .date(m.date)])],
                            evidence: [m.evidence, contract.evidence, fund.evidence], subjectIDs: [m.recordID])]
        }
        if fund.kind != .public_income && fund.kind != .maintenance {
            return [finding(.incomeNotInOwnFund, community: terms.communityID, .contract, contractID, name, person: person, since: m.date,
                            facts: [FindingFact(.incomeInWrongFund, [
                                "amount": .amount(m.amount), "fund_id": .text(fund.id), "kind": .text(fund.kind.rawValue),
                                "contract_id": .text(contractID), "received_on": .date(m.date)])],
                            evidence: [m.evidence, contract.evidence, fund.evidence], subjectIDs: [m.recordID])]
        }
        return []
    }

    /// FUND-06: the balance at the end of some day up to the check date was below zero. One finding per fund,
    /// from the first such day, stating the lowest end-of-day balance and, when the balance is no longer below
    /// zero, the day the last overdrawn stretch ended (the finding is then marked ended). A fund made good and
    /// overdrawn again is the same finding (its key has no date), but the fact dates the current stretch
    /// (`stretch_since`, the first day of the last stretch, given only when there were several): 至今未补足 counted
    /// from the first day would say the fund was never made good in between (review 39b).
    private func overdraft(_ fund: Fund, _ movements: [FundMovement]) -> Finding? {
        var balance = Amount.zero
        var firstNegative: CalendarDate? = nil
        // The first day of the last overdrawn stretch, and whether an earlier stretch was made good before it.
        var stretchStart: CalendarDate? = nil
        var severalStretches = false
        var lowest = Amount.zero
        var lowestOn: CalendarDate? = nil
        var evidence: [Evidence] = []
        // The day the balance came back to zero or above after its last negative day, and the record of it.
        var ended: (date: CalendarDate, evidence: Evidence)? = nil
        var index = 0
        while index < movements.count {
            let day = movements[index].date
            var dayEvidence: [Evidence] = []
            while index < movements.count && movements[index].date == day {
                balance += movements[index].signedAmount
                dayEvidence.append(movements[index].evidence)
                index += 1
            }
            if balance.fen < 0 {
                if firstNegative == nil {
                    firstNegative = day; stretchStart = day; evidence += dayEvidence
                } else if ended != nil {
                    // Overdrawn again after it was made good: a new stretch, whose first records prove it.
                    stretchStart = day; severalStretches = true; evidence += dayEvidence
                }
                if balance < lowest { lowest = balance; lowestOn = day; evidence += dayEvidence }
                ended = nil
            } else if firstNegative != nil && ended == nil {
                ended = (day, dayEvidence.last!)
            }
        }
        guard let since = firstNegative, let on = lowestOn, let stretch = stretchStart else { return nil }
        var values: [FindingFact.Pair] = [.init(name: "lowest", value: .amount(lowest)), .init(name: "on", value: .date(on)),
                                          .init(name: "since", value: .date(since))]
        if severalStretches { values.append(.init(name: "stretch_since", value: .date(stretch))) }
        if let ended { values.append(.init(name: "ended_on", value: .date(ended.date))) }
        return finding(.fundOverdrawn, community: fund.communityID, .fund, fund.id, fundName(fund), detail: fund.kind.rawValue, since: since,
                       facts: [FindingFact(key: ended == nil ? .overdrawn : .overdraftEnded, values: values)], evidence: evidence,
                       action: ended == nil ? nil : .overdraftEnded,
                       resolution: ended.map { Resolution(.ended, on: $0.date, evidence: $0.evidence) })
    }

    /// FUND-11: a maintenance fund holding money must be reconciled with the bank at least once every 12 months
    /// ([MF] 30, 31; law, not policy: DOMAIN.md R23 and §3), counted as FUND-08 counts its months
    /// (`disclosureDue`) from the last bank statement on or before the check date (`fund.balance_asserted`, whether or
    /// not it matched: a difference is FUND-07's), or, without one, from the day money first came into the fund (a
    /// fund that never held money has nothing to reconcile). A statement showing nothing, with no movement after it,
    /// leaves nothing to reconcile either. Only the current overdue interval is reported; a statement recorded
    /// removes it. Other funds: the law asks no bank reconciliation of them (DOMAIN.md §2 D).
    func reconciliationOverdue(_ fund: Fund, _ movements: [FundMovement]) -> Finding? {
        guard fund.kind == .maintenance, let firstMoney = movements.first else { return nil }
        let last = fund.assertions.filter { $0.date <= asOf }
            .max { $0.date != $1.date ? $0.date < $1.date : $0.evidence < $1.evidence }
        var start = last?.date ?? firstMoney.date
        if let last, last.balance.fen == 0 {
            // A statement showing nothing left nothing to reconcile: the months run from the first money after it
            // (review 43d #2: an account opened at zero and paid into a year later was overdue at once).
            guard let next = movements.first(where: { $0.date > last.date }) else { return nil }
            start = next.date
        }
        let due = Self.disclosureDue(after: start, months: LawConstants.maintenanceReconciliationMonthsMax)
        guard asOf > due else { return nil }
        let days = Int64(due.days(until: asOf))
        let fact = last.map {
            FindingFact(.reconciliationOverdue, ["last_on": .date($0.date), "statement": .text($0.statementRef), "due_on": .date(due),
                                                 "days": .integer(days)])
        } ?? FindingFact(.neverReconciled, ["since": .date(firstMoney.date), "due_on": .date(due), "days": .integer(days)])
        return finding(.reconciliationOverdue, community: fund.communityID, .fund, fund.id, fundName(fund), detail: fund.kind.rawValue,
                       since: due.adding(days: 1), facts: [fact], evidence: [last?.evidence ?? firstMoney.evidence])
    }

    /// FUND-08: a fund must be disclosed every `disclosureMonths[kind]` months (at most 12), counted from its
    /// opening and then from each disclosure that lists it. A disclosure on the due date is on time, and the check
    /// date may itself be the due date. Reported: the current overdue interval; each late disclosure published
    /// within the trailing window (older lateness is history the window leaves out), marked remedied; and each
    /// gap between the periods the disclosures cover, from the fund's opening (`disclosureGaps`).
    private func disclosureFindings(_ fund: Fund) -> [Finding] {
        let months = min(policy.disclosureMonths[fund.kind.rawValue] ?? LawConstants.maintenanceDisclosureMonthsMax,
                         LawConstants.maintenanceDisclosureMonthsMax)
        let disclosures = projection.disclosures(ofCommunity: fund.communityID)
            .filter { $0.terms.fundIDs.contains(fund.id) && $0.publishedOn <= asOf }
            .sorted { $0.publishedOn != $1.publishedOn ? $0.publishedOn < $1.publishedOn : $0.evidence < $1.evidence }
        var out: [Finding] = []
        func add(since: CalendarDate, _ fact: FindingFact, _ evidence: [Evidence], action: Action? = nil, resolution: Resolution? = nil,
                 subject: [String] = []) {
            out.append(finding(.disclosureOverdue, community: fund.communityID, .fund, fund.id, fundName(fund), detail: fund.kind.rawValue,
                               since: since, facts: [fact], evidence: evidence, action: action, resolution: resolution, subjectIDs: subject))
        }
        var due = Self.disclosureDue(after: fund.openedOn, months: months)
        for disclosure in disclosures {
            if disclosure.publishedOn > due && disclosure.publishedOn >= window.first {
                add(since: due.adding(days: 1),
                    FindingFact(.disclosedLate, ["due_on": .date(due), "published_on": .date(disclosure.publishedOn),
                                                 "days": .integer(Int64(due.days(until: disclosure.publishedOn))),
                                                 "months": .integer(Int64(months))]),
                    [disclosure.evidence], action: .disclosedLate,
                    resolution: Resolution(.remediedLate, on: disclosure.publishedOn, evidence: disclosure.evidence))
            }
            due = Self.disclosureDue(after: disclosure.publishedOn, months: months)
        }
        // Gaps and movements are both in date order: one pass over the movements totals every gap.
        let movements = projection.movements(ofFund: fund.id)
        var next = 0
        for gap in disclosureGaps(fund, disclosures) {
            // Transfers apart from income and spending, as `balances` and the 公示 give them (review 38c #2).
            var income = Amount.zero, spending = Amount.zero, transfersIn = Amount.zero, transfersOut = Amount.zero
            while next < movements.count && movements[next].date < gap.range.first { next += 1 }
            while next < movements.count && movements[next].date <= gap.range.last {
                let m = movements[next]
                switch m.kind {
                case .income: income += m.amount
                case .spending: spending += m.amount
                case .transferIn: transfersIn += m.amount
                case .transferOut: transfersOut += m.amount
                }
                next += 1
            }
            var values = FindingFact(.disclosureGap, ["from": .date(gap.range.first), "to": .date(gap.range.last),
                                                      "days": .integer(Int64(gap.range.days)), "income": .amount(income),
                                                      "spending": .amount(spending)]).values
            if transfersIn.fen != 0 { values.append(.init(name: "transfers_in", value: .amount(transfersIn))) }
            if transfersOut.fen != 0 { values.append(.init(name: "transfers_out", value: .amount(transfersOut))) }
            add(since: gap.range.first, FindingFact(key: .disclosureGap, values: values),
                gap.evidence, action: .discloseGap, subject: ["gap"])
        }
        guard asOf > due else { return out }
        let days = Int64(due.days(until: asOf))
        let last = disclosures.last
        let fact: FindingFact = last == nil
            ? FindingFact(.neverDisclosed, ["opened_on": .date(fund.openedOn), "due_on": .date(due), "days": .integer(days), "months": .integer(Int64(months))])
            : FindingFact(.disclosureOverdue, ["last_on": .date(last!.publishedOn), "due_on": .date(due), "days": .integer(days), "months": .integer(Int64(months))])
        add(since: due.adding(days: 1), fact, [last?.evidence ?? fund.evidence])
        return out
    }

    /// The last day on which the next disclosure is on time, `months` months after a disclosure (or the fund's
    /// opening) on `day`: the period starts the next day ([CC] 201) and a period of whole months ends on the day before
    /// the corresponding day, or on the last day of the month when it has none (Art. 202, read as CON-04 reads a
    /// contract's term: `lastDayOfTerm`). For any day but a month's last that is the same day `months` months on
    /// (09-15 → 12-15); from a month's last day it is the last day of the month `months` months on (09-30 → 12-31,
    /// 2025-02-28 → 05-31, 11-30 → 02-28 or 02-29), so an office that discloses at every quarter's end is on time.
    static func disclosureDue(after day: CalendarDate, months: Int) -> CalendarDate {
        day.adding(days: 1).lastDayOfTerm(months: months)
    }

    /// The periods from the fund's opening that no disclosure covers although a later period is covered: each
    /// disclosure covers its period from the opening at the earliest to its publication day at the latest (it
    /// cannot disclose the future). The uncovered time after the last covered day is not a gap but the current
    /// period, which the due date governs. Each gap comes with the disclosures on either side of it.
    func disclosureGaps(_ fund: Fund, _ disclosures: [Disclosure]) -> [(range: DayRange, evidence: [Evidence])] {
        var covered: [(range: DayRange, evidence: Evidence)] = []
        for d in disclosures {
            let first = max(d.terms.periodFrom, fund.openedOn), last = min(d.terms.periodTo, d.publishedOn)
            if first <= last { covered.append((DayRange(first: first, last: last), d.evidence)) }
        }
        covered.sort { $0.range.first != $1.range.first ? $0.range.first < $1.range.first : $0.evidence < $1.evidence }
        var gaps: [(range: DayRange, evidence: [Evidence])] = []
        var next = fund.openedOn
        var before: Evidence? = nil
        for c in covered {
            if c.range.first > next {
                gaps.append((DayRange(first: next, last: c.range.first.adding(days: -1)), (before.map { [$0] } ?? []) + [c.evidence]))
            }
            if c.range.last >= next {
                next = c.range.last.adding(days: 1)
                before = c.evidence
            }
        }
        return gaps
    }

    /// Whether `m` needs no owners' decision whatever decision it cites, under the policy's cap
    /// (`Projection.needsNoDecision`), so that the decision it cites neither authorises nor caps it (no FUND-03/04).
    private func needsNoDecision(_ m: FundMovement) -> Bool {
        projection.needsNoDecision(m, spendingCap: spendingWithoutDecisionCap)
    }

    /// The policy's `spending_without_decision_cap_fen`.
    private var spendingWithoutDecisionCap: Amount { Amount(fen: policy.spendingWithoutDecisionCapFen) }

    /// FUND-04: spending and transfers under a decision beyond its amount cap; one finding per decision, from
    /// the day the cap was first exceeded. Only what the decision can authorise counts (`Projection.paymentsUnderCap`,
    /// as `ledger decisions` counts it): money that needs no decision (review 42b #3) or that the decision cannot
    /// authorise (a public-income spending citing a vote on the maintenance fund, which FUND-01 reports; review 43b)
    /// is not spent under it.
    private func overCapFindings() -> [Finding] {
        var out: [Finding] = []
        for decision in sortedDecisions {
            guard let cap = decision.terms.authorises.amountCap else { continue }
            var spent = Amount.zero
            var since: CalendarDate? = nil
            var evidence = [decision.evidence]
            let counted = projection.paymentsUnderCap(of: decision, spendingWithoutDecisionCap: spendingWithoutDecisionCap)
            for m in counted {
                spent += m.amount
                evidence.append(m.evidence)
                // A spending the decision ratified afterwards counts from the vote, which set the cap.
                if since == nil && spent > cap { since = max(m.date, decision.decidedOn) }
            }
            guard let since else { continue }
            // The money of one kind of fund is governed by that kind's provisions; a decision spending several
            // kinds is cited on the general rule.
            let kinds = Set(counted.compactMap { projection.funds[$0.fundID]?.kind })
            out.append(finding(.spendingBeyondAuthority, community: decision.terms.communityID, .decision, decision.id,
                               "", detail: decision.terms.matter.rawValue, since: since,
                               facts: [FindingFact(.overCap, ["decision_id": .text(decision.id), "cap": .amount(cap),
                                                              "spent": .amount(spent), "excess": .amount(spent - cap)])],
                               evidence: evidence, subject: kinds.count == 1 ? .fund(kinds.first!) : .general))
        }
        return out
    }
}

