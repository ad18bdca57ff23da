import LedgerEvents
import LedgerProjections

extension RuleContext {
    /// 经营合同不规范: CON-01 … CON-07, over contracts signed on or before the check date (CON-08, which compares
    /// contracts with each other, is `contractOverlapFindings`).
    func contractFindings() -> [Finding] {
        var out: [Finding] = []
        // What a contract citing no decision was voted on under (`decision_not_cited`).
        let namingDecisions = projection.decisionsNamingContracts()
        for contract in sortedContracts {
            let terms = contract.terms
            let (name, person) = contractItem(terms)
            // `record`: the contract's record to cite, when not the one in effect (`contract.evidence`).
            func add(_ rule: RuleCode, since: CalendarDate, _ facts: [FindingFact], _ evidence: [Evidence],
                     action: Action? = nil, resolution: Resolution? = nil, subjectIDs: [String] = [], record: Evidence? = nil) {
                out.append(finding(rule, community: terms.communityID, .contract, contract.id, name, person: person, since: since,
                                   facts: facts, evidence: [record ?? contract.evidence] + evidence, action: action, resolution: resolution,
                                   subjectIDs: subjectIDs))
            }
            // CON-01 / CON-02: an operating contract needs a decision of its community's owners on operating common
            // parts (Art. 278(8), or recorded as another major matter), measured against 3/4 whatever its recorded
            // matter; a vote on another matter (electing the committee, say) is no decision for it (CON-01). A
            // decision taken after the signing can at most ratify it (CON-01, marked ratified when the vote holds; CON-02
            // when the record cited a failed vote before a correction made it cite the later one).
            let beforeDecision = out.count
            // A contract no longer in force (expired or terminated) can no longer be ended for want of a vote: the
            // advice is to account for its income and put it to the owners for ratification.
            let outOfForce = contract.firstDayOutOfForce <= asOf
            let voteAction: Action? = outOfForce ? .ratifyEndedContract : nil
            // While the decision the record now cites is not yet taken on the check date, the version a list of that
            // date showed before the correction is judged, citing that version's record (`contractKnownThen`): a past
            // list does not change because of a later record (review 48 #3: 无 turned into 决定尚未作出).
            let judged = projection.contractKnownThen(contract) ?? contract
            // A correction that changed what the record cites: the finding rests on it (the record in effect) and on
            // the version it replaced (review 48 #2: that version's record, not the record first made, which may
            // have cited none). Both are cited: a list made before the correction cited the one, and the loop sees
            // the other appended after a re-check (`RectificationLedger.recordedAfter`).
            // The record in effect, beside the earlier version judged in its place, when a correction after that
            // version changed a term besides the citation (rent, dates, parts): the finding states the contract as it
            // now stands, and each fact it states is proved by a record it cites (review 49 #1).
            let inEffect = judged.evidence != contract.evidence && contract.earlierCitations.changedSince(judged.evidence)
                ? [contract.evidence] : []
            let citedBefore = inEffect + (judged.earlierCitations.latest(citingOtherThan: judged.terms.decisionID).map { [$0.record] } ?? [])
            func addVote(_ rule: RuleCode, _ facts: [FindingFact], _ evidence: [Evidence], action: Action? = nil,
                         resolution: Resolution? = nil) {
                add(rule, since: contract.signedOn, facts, evidence + citedBefore, action: action, resolution: resolution,
                    record: judged.evidence)
            }
            if let signing = failedVoteSignedUnder(judged) {
                // Signed on a failed vote, its record since corrected to cite a decision taken after the signing (a
                // ratification, ledger-spec.md 10.4 rule 2): the finding of the signing keeps its code and key
                // (CON-02 on that vote), and the later decision, once taken, is how it ends (ratified) or why it does
                // not (its own facts), as FUND-01 keeps its key when a correction cites the ratifying decision. Before
                // that decision is taken the finding is the one a list made before the correction showed: a past
                // list does not change when later facts arrive (review 46a #4).
                var facts = signing.facts
                var evidence = [signing.decision.evidence]
                var action = voteAction, resolution: Resolution? = nil
                if let later = signing.later {
                    let laterFacts = voteFacts(later, as: .change_use_or_operate) + uncoveredFacts(later, judged)
                    resolution = ratification(later, voteFacts: laterFacts)
                    if resolution != nil { action = .contractRatified }
                    facts += [afterActFact(later, act: contract.signedOn, what: "contract_signed")] + laterFacts
                    evidence.append(later.evidence)
                }
                // The record that cited the failed vote (`citedBefore`, review 47d #3 and 48 #2) beside the correction.
                addVote(.contractDecisionFailed, facts, evidence, action: action, resolution: resolution)
            } else if let decisionID = judged.terms.decisionID {
                if let decision = projection.decisions[decisionID], decision.terms.communityID != judged.terms.communityID {
                    addVote(.contractWithoutDecision, [otherCommunityFact(decision)], [decision.evidence], action: voteAction)
                } else if let decision = projection.decisions[decisionID], !Projection.operatingMatters.contains(decision.terms.matter) {
                    addVote(.contractWithoutDecision, [FindingFact(.decisionWrongMatter, [
                        "decision_id": .text(decisionID), "matter": .text(decision.terms.matter.rawValue)])], [decision.evidence],
                            action: voteAction)
                } else if let decision = projection.decisions[decisionID] {
                    let facts = voteFacts(decision, as: .change_use_or_operate)
                    // A decision that does not list a part of the contract, or had lapsed when it was signed, is no
                    // decision on operating that part on that day: CON-01's, whatever its vote (the vote itself is
                    // CON-02's), as `ledger contracts` says 表决通过，但未涵盖… (review 43b: CON-02 said the vote failed).
                    let uncovered = uncoveredFacts(decision, judged)
                    if decision.decidedOn > contract.signedOn {
                        let ratified = ratification(decision, voteFacts: facts + uncovered)
                        addVote(.contractWithoutDecision, [afterActFact(decision, act: contract.signedOn, what: "contract_signed")] + uncovered,
                                [decision.evidence], action: ratified == nil ? voteAction : .contractRatified, resolution: ratified)
                    } else if !uncovered.isEmpty {
                        addVote(.contractWithoutDecision, uncovered, [decision.evidence], action: voteAction)
                    }
                    if !facts.isEmpty { addVote(.contractDecisionFailed, facts, [decision.evidence], action: voteAction) }
                } else {
                    addVote(.contractWithoutDecision, [missingDecisionFact(decisionID)], [], action: voteAction)
                }
            } else if let named = namingDecisions[contract.id] {
                // The owners voted on this contract (the decision names it) but the contract does not cite the vote:
                // a record to correct, not a vote to hold again (review 44a #6).
                addVote(.contractWithoutDecision,
                        [FindingFact(.decisionNotCited, ["decision_id": .text(named.id), "decided_on": .date(named.decidedOn)])],
                        [named.evidence], action: .citeDecision)
            } else {
                addVote(.contractWithoutDecision, [FindingFact(.noDecision, [:])], [], action: voteAction)
            }
            // Paired with the `contracts` vote column: both rest on `Projection.vote(of:)`'s tests, so the column says
            // `passed` exactly when CON-01 and CON-02 find nothing, and `ratified_after_signing` when CON-01 finds only
            // a ratified contract.
            assert({
                let found = out[beforeDecision...]
                switch projection.vote(of: contract) {
                case .passed: return found.isEmpty
                case .ratifiedAfterSigning: return found.count == 1 && found.first!.resolution != nil
                case .unknown: return true  // a decision of an unregistered community: only a log that bypassed validation
                default: return !found.isEmpty && found.contains { $0.resolution == nil }
                }
            }(), "CON-01/CON-02 and the contracts vote column disagree on contract \(contract.id)")
            // CON-03: the payee account must be a public-income or maintenance fund of the same community. A contract
            // out of force can no longer be amended: as CON-04/CON-05, the finding is marked ended on its first day out
            // of force (an issued key then awaits re-checking and can be closed), and the advice is to account for
            // the rent it brought in, which CON-07 and FUND-09 check (review 41b).
            func payee(_ fact: FindingFact, _ evidence: [Evidence]) {
                guard outOfForce else { return add(.contractTermsMissing, since: contract.signedOn, [fact], evidence) }
                let record = contract.endedEarly ? contract.terminated!.evidence : contract.evidence
                add(.contractTermsMissing, since: contract.signedOn,
                    [fact, FindingFact(.contractEnded, ["end_on": .date(contract.lastDay), "how": .text(endWord(contract))])],
                    evidence + (contract.endedEarly ? [record] : []), action: .payeeUnsettledEndedContract,
                    resolution: Resolution(.ended, on: contract.firstDayOutOfForce, evidence: record))
            }
            if let fundID = terms.payeeFundID {
                if let fund = projection.funds[fundID] {
                    if fund.communityID != terms.communityID || !(fund.kind == .public_income || fund.kind == .maintenance) {
                        payee(FindingFact(.payeeFundWrongKind, ["fund_id": .text(fundID), "kind": .text(fund.kind.rawValue)]), [fund.evidence])
                    }
                } else {
                    payee(FindingFact(.payeeFundUnknown, ["fund_id": .text(fundID)]), [])
                }
            } else {
                payee(FindingFact(.payeeFundMissing, [:]), [])
            }
            // CON-05 (law, 20 years) takes precedence over CON-04 (policy cap), both on the written term. Once the
            // contract is out of force (terminated, or expired at `end_on`) the wrong is in the past: the finding is
            // marked ended on its first day out of force, stating how long it ran (an issued key then awaits
            // re-checking, 待复核, and stays closed once closed). Within the cap it ran within it; past the cap the
            // advice is an ended contract's (find out why; no vote "at expiry"). A use that goes on after the end is
            // CON-06's.
            let months = Self.termMonths(from: terms.startOn, to: terms.endOn)
            func overTerm(_ rule: RuleCode, cap: Int) {
                var facts = [FindingFact(.contractTerm, [
                    "start_on": .date(terms.startOn), "end_on": .date(terms.endOn), "months": .integer(Int64(months)),
                    "cap_months": .integer(Int64(cap))])]
                guard outOfForce else {
                    add(rule, since: contract.signedOn, facts, [])
                    return
                }
                // The termination is the record of the end; an expiry is the contract's own `end_on`.
                let record = contract.endedEarly ? contract.terminated!.evidence : contract.evidence
                let evidence = contract.endedEarly ? [record] : []
                let ended = Resolution(.ended, on: contract.firstDayOutOfForce, evidence: record)
                if Self.exceeds(start: terms.startOn, end: contract.lastDay, months: cap) {
                    facts.append(FindingFact(.contractTermActualPastCap, [
                        "start_on": .date(terms.startOn), "end_on": .date(contract.lastDay), "how": .text(endWord(contract)),
                        "cap_months": .integer(Int64(cap))]))
                    add(rule, since: contract.signedOn, facts, evidence, action: .contractEndedPastCap, resolution: ended)
                } else {
                    facts.append(FindingFact(.contractTermActual, ["start_on": .date(terms.startOn), "end_on": .date(contract.lastDay),
                                                                   "cap_months": .integer(Int64(cap))]))
                    add(rule, since: contract.signedOn, facts, evidence, action: .contractEndedWithinCap, resolution: ended)
                }
            }
            if Self.exceeds(terms, months: LawConstants.leaseTermMaxMonths) {
                overTerm(.contractTermOverLaw, cap: LawConstants.leaseTermMaxMonths)
                // Terminated within 20 years but after the policy cap: the law's finding has ended, the policy's,
                // which it stood for, has not.
                if contract.endedEarly, !Self.exceeds(start: terms.startOn, end: contract.lastDay, months: LawConstants.leaseTermMaxMonths),
                   Self.exceeds(start: terms.startOn, end: contract.lastDay, months: policy.contractTermMaxMonths) {
                    overTerm(.contractTermOverPolicy, cap: policy.contractTermMaxMonths)
                }
            } else if Self.exceeds(terms, months: policy.contractTermMaxMonths) {
                overTerm(.contractTermOverPolicy, cap: policy.contractTermMaxMonths)
            }
            // CON-06: the contract has ended but a use under it goes on; it owes rent at the contract's rate
            // (Art. 734), which CON-07 counts as due. The part's low income, when rent owed explains it, is said
            // here rather than as LOW-02.
            let explained = incomeShortfallFacts(contract)
            let arrears = rentArrears(contract, explained: explained)
            if contract.firstDayOutOfForce <= asOf {
                for assetID in terms.assetIDs {
                    for use in projection.uses(ofAsset: assetID) where Projection.isOpen(use, on: asOf) {
                        guard wentOnAfterEnd(use, contract) else { continue }
                        var evidence = [use.evidence]
                        if let ended = contract.terminated { evidence.append(ended.evidence) }
                        var owed = Amount.zero
                        for accrual in rentAccruals(contract, only: use) where accrual.afterEnd { owed += accrual.amount }
                        let days = daysUsedAfterEnd(contract, only: use).ranges.reduce(0) { $0 + $1.days }
                        add(.contractExpiredStillUsed, since: contract.firstDayOutOfForce, [FindingFact(.usedAfterEnd, [
                            "use_id": .text(use.id), "user": .person(use.user), "end_on": .date(contract.lastDay),
                            "how": .text(endWord(contract)), "days": .integer(Int64(days)), "amount": .amount(owed)])]
                            + (arrears == nil ? explained : []), evidence, subjectIDs: [use.id])
                    }
                }
            }
            if let arrears { out.append(arrears) }
        }
        return out
    }

    /// How a contract ended on its last day: `terminated` (on or before its end day) or `expired` (its term ran out).
    func endWord(_ contract: Contract) -> String { contract.endedEarly ? "terminated" : "expired" }

    /// CON-07: rent due (instalments due at least `rentOverdueAfterDays` before the check date, including rent at the
    /// contract's rate for use after its end) against rent received into funds of the contract's community,
    /// payments applied to the oldest instalment first.
    /// The term's instalments are counted as a span (`RentSchedule`), not made one by one: a contract from 1900 has
    /// some 1,500 monthly instalments due by now (review 39b); only rent for use after the end is made, period by
    /// period. The figures are those of the instalments made one by one (`ReviewThirtyNineRentTests`).
    private func rentArrears(_ contract: Contract, explained: [FindingFact]) -> Finding? {
        let terms = contract.terms
        let dueBy = asOf.adding(days: -policy.rentOverdueAfterDays)
        guard terms.rent.fen > 0 else { return nil }
        // The term's instalments due by then, and after them the rent for use after the end (its accruals only: the
        // range after the last day holds none of the term's but the period the term ended in, left out here).
        let term: RentSchedule
        var after: [RentAccrual] = []
        if let months = terms.rentPeriod.months {
            term = RentSchedule(startOn: terms.startOn, monthsPerPeriod: months, amount: terms.rent,
                                count: min(RentSchedule.count(from: terms.startOn, every: months, termEndingOn: contract.lastDay),
                                           RentSchedule.count(from: terms.startOn, every: months, dueBy: dueBy)))
            if contract.lastDay < dueBy {
                after = rentAccruals(contract, overlapping: DayRange(first: contract.lastDay.adding(days: 1), last: asOf))
                    .filter { $0.afterEnd && $0.dueOn <= dueBy }
            }
        } else {
            // Paid once: one instalment and a few accruals after the end, made as they are.
            let all = rentAccruals(contract).filter { $0.dueOn <= dueBy }
            term = RentSchedule(startOn: terms.startOn, monthsPerPeriod: 0, amount: terms.rent, count: all.filter { !$0.afterEnd }.count)
            after = all.filter(\.afterEnd)
        }
        guard !term.isEmpty || !after.isEmpty else { return nil }
        var received = Amount.zero
        var payments: [Evidence] = []
        var paid: [(day: CalendarDate, amount: Amount)] = []
        for index in contract.paymentIndexes {
            let payment = projection.movements[index]
            guard payment.date <= asOf, projection.funds[payment.fundID]?.communityID == terms.communityID else { continue }
            received += payment.amount
            payments.append(payment.evidence)
            paid.append((day: payment.date, amount: payment.amount))
        }
        var afterEnd = Amount.zero
        for instalment in after { afterEnd += instalment.amount }
        let expected = term.total + afterEnd
        guard received < expected else { return nil }
        // Payments applied to the oldest instalment first: the term's equal instalments first, as many whole ones as
        // the money covers, then the rent after the end; once one is not covered in full, no later one is (one of
        // 0 fen, a day's rent rounded down, counts as covered, as it did when each was made).
        let termPaid = max(0, min(term.count, Int(received.fen / terms.rent.fen)))
        var covered = termPaid == term.count ? received - term.total : Amount.zero
        var unpaidAfter: [RentAccrual] = []
        for instalment in after {
            if covered >= instalment.amount { covered -= instalment.amount } else { unpaidAfter.append(instalment); covered = .zero }
        }
        let unpaidTerm = term.count - termPaid
        let monthsPerPeriod = Int64(Self.periodMonths(terms.rentPeriod) ?? 0)
        let oldest = unpaidTerm > 0 ? term[termPaid].dueOn : unpaidAfter.first!.dueOn
        let unpaidCount = unpaidTerm + unpaidAfter.count
        // The span the unpaid rent is for: whole periods in months, and the days of a period the use stopped in
        // (rent in proportion to them, after the contract ended): 122 days, never a whole period's 12 months.
        let partDays = unpaidAfter.filter(\.isPart).reduce(0) { $0 + Int64($1.range.days) }
        let wholeMonths = Int64(unpaidTerm + unpaidAfter.filter { !$0.isPart }.count) * monthsPerPeriod
        var facts: [FindingFact]
        if monthsPerPeriod == 0 {
            facts = [FindingFact(.rentArrearsOnce, ["due": .amount(expected), "received": .amount(received),
                                                    "arrears": .amount(expected - received), "oldest_due_on": .date(oldest)])]
        } else if partDays == 0 {
            facts = [FindingFact(.rentArrears, [
                "due": .amount(expected), "received": .amount(received), "arrears": .amount(expected - received),
                "periods": .integer(Int64(unpaidCount)), "months": .integer(wholeMonths), "oldest_due_on": .date(oldest)])]
        } else {
            facts = [FindingFact(.rentArrears, [
                "due": .amount(expected), "received": .amount(received), "arrears": .amount(expected - received),
                "periods": .integer(Int64(unpaidCount)), "months": .integer(wholeMonths), "days": .integer(partDays),
                "oldest_due_on": .date(oldest)])]
        }
        // Arrears paid down but never cleared began before their oldest unpaid instalment fell due (review 40h): the
        // stretch's first day, given only then, so that a closure in it reads 销号时问题仍在, not 反弹.
        let stretch = Self.arrearsStretchStart(term: term, after: after.map { (day: $0.dueOn, amount: $0.amount) },
                                               payments: paid, overdueAfterDays: policy.rentOverdueAfterDays)
        if stretch < oldest.adding(days: policy.rentOverdueAfterDays) {
            facts[0] = FindingFact(key: facts[0].key, values: facts[0].values + [.init(name: "stretch_since", value: .date(stretch))])
        }
        // Arrears cleared once and owed again: the first day any were owed, so that the loop can tell a list whose
        // arrears went (反弹 when they come back) from one whose arrears a correction moved past its check date (a
        // contract's start corrected: the issued key, loop45).
        if let first = Self.firstArrearsDay(term: term, after: after.map { (day: $0.dueOn, amount: $0.amount) }, payments: paid,
                                            overdueAfterDays: policy.rentOverdueAfterDays),
           first < min(stretch, oldest.adding(days: policy.rentOverdueAfterDays)) {
            facts[0] = FindingFact(key: facts[0].key, values: facts[0].values + [.init(name: "first_since", value: .date(first))])
        }
        if afterEnd.fen > 0 {
            facts.append(FindingFact(.rentAfterEnd, ["amount": .amount(afterEnd), "end_on": .date(contract.lastDay),
                                                     "how": .text(endWord(contract))]))
        }
        let (name, person) = contractItem(terms)
        // Dated the day the arrears began (起始日期), as every other finding is dated the day its problem began: the day
        // after the oldest unpaid instalment's grace, or the stretch's first day (review 46a #7: the oldest due day
        // stood beside 反弹 as if the arrears had begun before the closure). The due day itself is `oldest_due_on`.
        return finding(.rentArrears, community: terms.communityID, .contract, contract.id, name, person: person,
                       since: min(stretch, oldest.adding(days: policy.rentOverdueAfterDays)), facts: facts + explained,
                       evidence: [contract.evidence] + payments)
    }

    /// The first check date on which any rent counted due by then (`term`'s instalments, then `after`, each counted
    /// `overdueAfterDays` after its due day) exceeded the rent received by then (`payments`): arrears can begin only
    /// on such a day, and payments go to the oldest instalments first. Nil when none ever did.
    static func firstArrearsDay(term: RentSchedule, after: [(day: CalendarDate, amount: Amount)],
                                payments: [(day: CalendarDate, amount: Amount)], overdueAfterDays: Int) -> CalendarDate? {
        let days = payments.sorted { $0.day < $1.day }
        var paid = Amount.zero, owed = Amount.zero, next = 0
        func owing(_ dueOn: CalendarDate, _ amount: Amount) -> CalendarDate? {
            let day = dueOn.adding(days: overdueAfterDays)
            owed += amount
            while next < days.count, days[next].day <= day { paid += days[next].amount; next += 1 }
            return owed > paid ? day : nil
        }
        for index in 0..<term.count { if let day = owing(term[index].dueOn, term[index].amount) { return day } }
        for rent in after { if let day = owing(rent.day, rent.amount) { return day } }
        return nil
    }

    /// CON-07's current stretch: the first day of the unbroken run of check dates, up to the last, on each of which
    /// the rent counted due by then (`term`'s instalments, then `after`, each counted `overdueAfterDays` after its due day) exceeds
    /// the rent received by then (`payments`, by their dates). Found by walking the payment days in date order for
    /// the last one after which nothing was owed, then the first instalment that money did not cover: payments go
    /// to the oldest instalments first, so arrears paid down but never cleared keep the day they began (review 40h),
    /// where the oldest unpaid instalment's day moves on. The arrears are assumed present on the last check date.
    static func arrearsStretchStart(term: RentSchedule, after: [(day: CalendarDate, amount: Amount)],
                                    payments: [(day: CalendarDate, amount: Amount)], overdueAfterDays: Int) -> CalendarDate {
        // Rent counted due on check date `day`: the term's instalments due `overdueAfterDays` before it, then the rest.
        func due(on day: CalendarDate) -> Amount {
            let last = day.adding(days: -overdueAfterDays)
            var total = Amount(fen: term.amount.fen * Int64(min(term.count, RentSchedule.count(from: term.startOn, every: term.monthsPerPeriod, dueBy: last))))
            for rent in after where rent.day <= last { total += rent.amount }
            return total
        }
        var received = Amount.zero, clearedWith = Amount.zero
        let days = payments.sorted { $0.day < $1.day }
        for (index, payment) in days.enumerated() {
            received += payment.amount
            // All of a day's payments count on that day.
            if index + 1 < days.count && days[index + 1].day == payment.day { continue }
            if due(on: payment.day) <= received { clearedWith = received }
        }
        // The first instalment, oldest first, that the money received by the last day nothing was owed leaves unpaid.
        let termCovered = term.amount.fen > 0 ? Int(min(Int64(term.count), clearedWith.fen / term.amount.fen)) : term.count
        if termCovered < term.count { return term[termCovered].dueOn.adding(days: overdueAfterDays) }
        var left = clearedWith - term.total
        for rent in after {
            if left < rent.amount { return rent.day.adding(days: overdueAfterDays) }
            left -= rent.amount
        }
        return (after.last?.day ?? term.last?.dueOn ?? term.startOn).adding(days: overdueAfterDays)
    }

    /// For each part of the contract whose income received in the window is below the LOW-02 level only because
    /// rent owed under the contract is unpaid (its contracted income is not low): the fact saying so, for the
    /// contract's CON-07 or CON-06 finding.
    private func incomeShortfallFacts(_ contract: Contract) -> [FindingFact] {
        guard let benchmark else { return [] }
        if let deferred {
            deferred.shortfall[contract.id] = contract.terms.assetIDs.compactMap { assetID in
                guard let entry = benchmark.entries[assetID], entry.contracts.contains(where: { $0.id == contract.id }) else { return nil }
                return DeferredMedians.ShortfallInput(assetID: assetID, key: entry.key, received: entry.received,
                                                      receivedPerArea: entry.receivedPerArea, entitledPerArea: entry.entitledPerArea,
                                                      windowDays: window.days)
            }
            return []
        }
        var facts: [FindingFact] = []
        for assetID in contract.terms.assetIDs {
            guard let entry = benchmark.entries[assetID], let group = benchmark.group(of: entry),
                  group.peers >= policy.incomeBenchmarkMinPeers else { continue }
            let level = group.median.scaled(percent: policy.incomeBenchmarkPercent)
            guard entry.receivedPerArea < level, !(entry.entitledPerArea < level),
                  entry.contracts.contains(where: { $0.id == contract.id }) else { continue }
            facts.append(FindingFact(.incomeShortfallExplained, [
                "asset_id": .text(assetID), "window_days": .integer(Int64(window.days)), "received": .amount(entry.received),
                "received_per_m2": .fenPerSquareMetre(entry.receivedPerArea), "median_per_m2": .fenPerSquareMetre(group.median),
                "threshold": .percent(Ratio(Int128(policy.incomeBenchmarkPercent), 100))]))
        }
        return facts
    }

    /// Whether a term (both ends included) is longer than `months`, counted as Civil Code Art. 202 counts it
    /// (`CalendarDate.lastDayOfTerm`: 2024-01-01 + 36 months → last day 2026-12-31).
    static func exceeds(_ terms: ContractSigned, months: Int) -> Bool {
        exceeds(start: terms.startOn, end: terms.endOn, months: months)
    }

    /// Whether the days from `start` to `end` (both included) are more than a term of `months`, as `exceeds(_:months:)`.
    static func exceeds(start: CalendarDate, end: CalendarDate, months: Int) -> Bool {
        end > start.lastDayOfTerm(months: months)
    }

    /// The term in months, counting a started month as whole (for display).
    static func termMonths(from start: CalendarDate, to end: CalendarDate) -> Int {
        var months = max(0, (end.year - start.year) * 12 + (end.month - start.month) - 1)
        while start.lastDayOfTerm(months: months) < end { months += 1 }
        return months
    }
}

extension RuleContext {
    /// Why a decision that passed is still no decision on operating a contract's parts on its signing day: it names
    /// another contract (`authorises.contract_id`: the owners approved that one, not any contract on its parts;
    /// `decision_for_other_contract`, review 46a #3), a part it does not list (`decision_not_for_asset`, one fact a
    /// part), or its `valid_until` passed before the signing (`decision_expired_at_signing`). CON-01's, whatever the
    /// vote. A decision naming no contract covers any contract on the parts it lists; one naming a contract the
    /// ledger does not hold covers them too (a contract renumbered by a correction, K-1 recorded as HT-2024-001, or
    /// signed under another number than the draft the owners saw: review 47d found the first flagged CON-01).
    func uncoveredFacts(_ decision: Decision, _ contract: Contract) -> [FindingFact] {
        var facts: [FindingFact] = []
        if let named = projection.contractNamed(by: decision), named != contract.id {
            facts.append(FindingFact(.decisionForOtherContract, ["decision_id": .text(decision.id), "contract_id": .text(named)]))
        }
        for assetID in contract.terms.assetIDs where !decision.terms.authorises.covers(assetID) {
            facts.append(FindingFact(.decisionNotForAsset, ["decision_id": .text(decision.id), "asset_id": .text(assetID)]))
        }
        if let until = decision.terms.validUntil, !decision.terms.isValid(on: contract.signedOn) {
            facts.append(FindingFact(.decisionExpiredAtSigning, ["decision_id": .text(decision.id), "valid_until": .date(until),
                                                                 "on": .date(contract.signedOn)]))
        }
        return facts
    }

    /// The failed vote a corrected contract was signed under (`Contract.earlierDecisionIDs`: the latest decision an
    /// earlier version of its record cited other than the one it cites now), when the record now cites a decision
    /// taken after the signing — of its community, on operating common parts, or not yet taken on the check date —
    /// and the earlier one, of its community, on operating common parts, taken on or before the signing, covering
    /// the contract then, failed R4 as item (8): that vote with its facts, and the later decision when taken on or
    /// before the check date (while it is not, the rules judge the earlier version in its place, `contractKnownThen`). Nil for any other contract (its decision is judged as cited).
    func failedVoteSignedUnder(_ contract: Contract) -> (decision: Decision, facts: [FindingFact], later: Decision?)? {
        guard let current = contract.terms.decisionID, let earlier = contract.earlierDecisionIDs.last(where: { $0 != current }),
              let earlierID = earlier, let decision = projection.decisions[earlierID] else { return nil }
        let later = projection.decisions[current]
        if let later {
            guard later.decidedOn > contract.signedOn, later.terms.communityID == contract.terms.communityID,
                  Projection.operatingMatters.contains(later.terms.matter) else { return nil }
        } else if projection.decisionsAfterAsOf[current] == nil {
            return nil
        }
        guard decision.terms.communityID == contract.terms.communityID, Projection.operatingMatters.contains(decision.terms.matter),
              decision.decidedOn <= contract.signedOn, uncoveredFacts(decision, contract).isEmpty else { return nil }
        let facts = voteFacts(decision, as: .change_use_or_operate)
        return facts.isEmpty ? nil : (decision, facts, later)
    }
}
