import LedgerEvents

extension Projection {
    /// The validity of a decision against its community's registered totals.
    public func validity(of decision: Decision) -> DecisionValidity? { validity(of: decision, as: decision.terms.matter) }

    /// A decision as of the as-of date.
    public func view(ofDecision id: String) -> DecisionView? {
        guard let decision = decisions[id] else { return nil }
        let moves = decision.movementIndexes.map { movements[$0] }
        var spent = Amount.zero
        for move in moves { spent += move.amount }
        let validity = validity(of: decision)
        // A failed vote is never in force, whatever its `valid_until`: a reader of the JSON takes `in_force` for
        // "may still be acted on".
        return DecisionView(decision: decision, validity: validity,
                            inForce: (validity?.passed ?? false) && decision.terms.isValid(on: asOf),
                            spent: spent, cap: decision.terms.authorises.amountCap, movements: moves)
    }

    /// Views of all decisions, sorted by community id, then decision id.
    public func decisionViews(filter: EntityFilter = EntityFilter()) -> [DecisionView] {
        decisions.values.filter { filter.includes(communityID: $0.terms.communityID, in: self) }
            .sorted { ($0.terms.communityID, $0.id) < ($1.terms.communityID, $1.id) }
            .compactMap { view(ofDecision: $0.id) }
    }
}
