import LedgerEvents

extension Projection {
    /// The validity of a decision against its community's registered totals.
    public func validity(of decision: Decision) -> DecisionValidity? { validity(of: decision, as: decision.terms.matter) }

    /// A decision as of the as-of date.
    public func view(ofDecision id: String) -> DecisionView? {
        guard let decision = decisions[id] else { return nil }
        let moves = decision.movementIndexes.map { movements[$0] }
        var spent = Amount.zero
        for move in paymentsUnderCap(of: decision) { spent += move.amount }
        let validity = validity(of: decision)
        // A failed vote is never in force, whatever its `valid_until`: a reader of the JSON takes `in_force` for
        // "may still be acted on".
        return DecisionView(decision: decision, validity: validity,
                            inForce: (validity?.passed ?? false) && decision.terms.isValid(on: asOf),
                            spent: spent, cap: decision.terms.authorises.amountCap, movements: moves)
    }

    /// The Art. 278 matters whose decision can authorise paying money out of a fund of `kind` (into `target`, for a
    /// transfer). The maintenance fund pays only for what Art. 278 items 5 and 7 decide: (5) using it, and (7)
    /// rebuilding, which decides the works it pays for. Other common money is spent as the owners decide on works
    /// (7), on operating common parts (8) or as another major matter (9, which includes adopting the rules on common
    /// funds, [QD] 30(10)); the assembly's own working funds also under its rules of procedure ([GR] 42); money
    /// topping up the maintenance fund also under a decision to raise it (6). A vote electing the committee, say,
    /// authorises none of it (FUND-01, FUND-10).
    public static func matters(payingFrom kind: FundKind, into target: FundKind? = nil) -> Set<DecisionMatter> {
        if kind == .maintenance { return [.maintenance_fund_use, .rebuilding] }
        var matters: Set<DecisionMatter> = [.rebuilding, .change_use_or_operate, .other_major]
        if kind == .governance { matters.insert(.rules_of_procedure) }
        if target == .maintenance { matters.insert(.maintenance_fund_raising) }
        return matters
    }

    /// Whether payment `m` needs no owners' decision whatever decision it cites (docs/rules.md FUND-01, FUND-10): a
    /// spending from a fund other than the maintenance fund at or under `spendingCap` (the policy's
    /// `spending_without_decision_cap_fen`), and public income moved into the same community's maintenance fund,
    /// which rolls in as a matter of course ([MF] 27(3); [QD] 78).
    public func needsNoDecision(_ m: FundMovement, spendingCap: Amount) -> Bool {
        guard let fund = funds[m.fundID] else { return false }
        switch m.kind {
        case .spending:
            return fund.kind != .maintenance && m.amount <= spendingCap
        case .transferOut:
            guard fund.kind == .public_income, let target = m.otherFundID.flatMap({ funds[$0] }) else { return false }
            return target.kind == .maintenance && target.communityID == fund.communityID
        case .income, .transferIn:
            return false
        }
    }

    /// Whether `decision` is one that can authorise payment `m` at all: of the paying fund's community, on a matter
    /// that can pay out of that fund (into the fund a transfer goes to: `matters(payingFrom:into:)`), and not moving
    /// maintenance-fund money into a fund of another kind or community (a diversion no vote can authorise). Whether
    /// its vote passed, or it was taken in time, is another question (FUND-03, FUND-01).
    public func canAuthorise(_ decision: Decision, _ m: FundMovement) -> Bool {
        guard let fund = funds[m.fundID], decision.terms.communityID == fund.communityID else { return false }
        let target = m.otherFundID.flatMap { funds[$0] }
        if fund.kind == .maintenance, let target, target.kind != .maintenance || target.communityID != fund.communityID { return false }
        return Self.matters(payingFrom: fund.kind, into: target?.kind).contains(decision.terms.matter)
    }

    /// The payments counted against a decision's amount cap (the `decisions` report's spent, FUND-04): the spendings
    /// and transfers out citing it, dated on or before the as-of date, that it can authorise (`canAuthorise`: a
    /// public-income spending citing a vote on the maintenance fund is FUND-01's, not spent under that vote) and that
    /// need a decision (`needsNoDecision`: not public income rolled into the maintenance fund, nor, under a policy,
    /// a small spending), in fold order.
    public func paymentsUnderCap(of decision: Decision, spendingWithoutDecisionCap: Amount = .zero) -> [FundMovement] {
        decision.movementIndexes.map { movements[$0] }.filter {
            $0.date <= asOf && canAuthorise(decision, $0) && !needsNoDecision($0, spendingCap: spendingWithoutDecisionCap)
        }
    }

    /// Views of all decisions, sorted by community id, then decision id.
    public func decisionViews(filter: EntityFilter = EntityFilter()) -> [DecisionView] {
        decisions.values.filter { filter.includes(communityID: $0.terms.communityID, in: self) }
            .sorted { ($0.terms.communityID, $0.id) < ($1.terms.communityID, $1.id) }
            .compactMap { view(ofDecision: $0.id) }
    }
}
