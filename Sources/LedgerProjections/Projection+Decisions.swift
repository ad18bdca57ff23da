import LedgerEvents

/// The pass threshold a matter needs under Civil Code Art. 278.
public enum PassThreshold: String, Sendable, Equatable {
    /// Items (6), (7), (8): approving ≥ 3/4 of the participants, by area and by headcount.
    case threeQuarters = "three_quarters"
    /// All other items: approving > 1/2 of the participants ("过半数" is strict, Art. 1259), by area and by headcount.
    case majority
}

/// Whether an owners' vote met its quorum and threshold (DOMAIN.md R4), computed with exact integer arithmetic on
/// area units (0.01 m²) and headcounts. "以上" includes the boundary (≥); "过半数" excludes it (>).
public struct DecisionValidity: Equatable, Sendable {
    /// participating area ≥ 2/3 of the community's total area.
    public let quorumArea: Bool
    /// participating owners ≥ 2/3 of the community's owners.
    public let quorumOwners: Bool
    public let threshold: PassThreshold
    /// approving area meets the threshold of the participating area.
    public let passArea: Bool
    /// approving owners meet the threshold of the participating owners.
    public let passOwners: Bool

    public var quorumMet: Bool { quorumArea && quorumOwners }
    public var thresholdMet: Bool { passArea && passOwners }
    /// Quorum and threshold both met.
    public var passed: Bool { quorumMet && thresholdMet }

    /// Evaluates a vote against the community's totals.
    public init(vote: DecisionRecorded, totalArea: DecimalQuantity, totalOwners: Int64) {
        precondition(vote.participatingArea.scale == totalArea.scale && vote.approvingArea.scale == totalArea.scale,
                     "areas share one scale")
        // a ≥ 2/3·t  ⇔  3a ≥ 2t. Area units are at most 10^14, so the products stay far inside Int64.
        quorumArea = vote.participatingArea.units * 3 >= totalArea.units * 2
        quorumOwners = vote.participatingOwners * 3 >= totalOwners * 2
        threshold = vote.matter.needsThreeQuarters ? .threeQuarters : .majority
        switch threshold {
        case .threeQuarters:
            // y ≥ 3/4·p  ⇔  4y ≥ 3p
            passArea = vote.approvingArea.units * 4 >= vote.participatingArea.units * 3
            passOwners = vote.approvingOwners * 4 >= vote.participatingOwners * 3
        case .majority:
            // y > 1/2·p  ⇔  2y > p
            passArea = vote.approvingArea.units * 2 > vote.participatingArea.units
            passOwners = vote.approvingOwners * 2 > vote.participatingOwners
        }
    }
}

/// A decision as of the projection's date: validity and money spent under it.
public struct DecisionView: Equatable, Sendable {
    public let decision: Decision
    /// nil when the decision's community is unknown (only in logs that bypassed validation).
    public let validity: DecisionValidity?
    /// Whether the decision may still be acted on at the as-of date (`valid_until` not passed).
    public let inForce: Bool
    /// Spendings and transfers out citing the decision, up to the as-of date.
    public let spent: Amount
    public let cap: Amount?
    /// cap − spent, negative when the cap is exceeded; nil without a cap.
    public var remaining: Amount? { cap.map { $0 - spent } }
    public let movements: [FundMovement]
}

extension Projection {
    /// The validity of a decision against its community's registered totals.
    public func validity(of decision: Decision) -> DecisionValidity? {
        guard let community = communities[decision.terms.communityID] else { return nil }
        return DecisionValidity(vote: decision.terms, totalArea: community.totalArea, totalOwners: community.totalOwners)
    }

    /// A decision as of the as-of date.
    public func view(ofDecision id: String) -> DecisionView? {
        guard let decision = decisions[id] else { return nil }
        let moves = decision.movementIndexes.map { movements[$0] }
        var spent = Amount.zero
        for move in moves { spent += move.amount }
        return DecisionView(decision: decision, validity: validity(of: decision),
                            inForce: decision.terms.validUntil.map { asOf <= $0 } ?? true,
                            spent: spent, cap: decision.terms.authorises.amountCap, movements: moves)
    }

    /// Views of all decisions, sorted by community id, then decision id.
    public func decisionViews(filter: EntityFilter = EntityFilter()) -> [DecisionView] {
        decisions.values.filter { filter.includes(communityID: $0.terms.communityID, in: self) }
            .sorted { ($0.terms.communityID, $0.id) < ($1.terms.communityID, $1.id) }
            .compactMap { view(ofDecision: $0.id) }
    }
}
