import LedgerEvents

/// An owners' decision (业主共同决定).
public struct Decision: Equatable, Sendable {
    public let id: String
    public var terms: DecisionRecorded
    /// The vote date.
    public var decidedOn: CalendarDate
    public var evidence: Evidence
    /// Indexes into `Projection.movements` of spendings and transfers citing this decision.
    public var movementIndexes: [Int] = []
    public var contractIDs: [String] = []
    public var useIDs: [String] = []
}
