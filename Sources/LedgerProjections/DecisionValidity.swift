import LedgerEvents

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
