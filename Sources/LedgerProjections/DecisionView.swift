import LedgerEvents

/// A decision as of the projection's date: validity and money spent under it.
public struct DecisionView: Equatable, Sendable {
    public let decision: Decision
    /// nil when the decision's community is unknown (only in logs that bypassed validation).
    public let validity: DecisionValidity?
    /// Whether the decision may still be acted on at the as-of date: its vote passed under its recorded matter and
    /// `valid_until` has not passed (false for a failed vote, and when its community is unknown).
    public let inForce: Bool
    /// The spendings and transfers out counted against its cap (`Projection.paymentsUnderCap`), up to the as-of date.
    public let spent: Amount
    public let cap: Amount?
    /// cap − spent, negative when the cap is exceeded; nil without a cap.
    public var remaining: Amount? { cap.map { $0 - spent } }
    /// Every spending and transfer out citing the decision, whether or not it counts against the cap.
    public let movements: [FundMovement]
}
