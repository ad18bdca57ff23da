import LedgerEvents

/// Which part of the ledger a rectification list covers.
public struct RectificationScope: Equatable, Sendable {
    /// The check date: facts that occurred on or before it count.
    public var asOf: CalendarDate
    /// Only this street office, when set.
    public var street: String?
    /// Only this community, when set.
    public var communityID: String?
    /// Only these classes; empty means all five.
    public var classes: [ProblemClass]

    public init(asOf: CalendarDate, street: String? = nil, communityID: String? = nil, classes: [ProblemClass] = []) {
        self.asOf = asOf
        self.street = street
        self.communityID = communityID
        self.classes = classes
    }

    /// Whether a class is in scope.
    public func includes(_ problemClass: ProblemClass) -> Bool { classes.isEmpty || classes.contains(problemClass) }
}
