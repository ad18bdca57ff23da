/// A community as the report lists it, with its count of findings per class.
public struct CommunitySummary: Equatable, Sendable {
    public let communityID: String
    public let name: String
    public let street: String
    /// Findings per class, in `ProblemClass.allCases` order.
    public let countsByClass: [Int]
    public var total: Int { countsByClass.reduce(0, +) }

    /// A community with its counts (a list rendered a community at a time counts them before it renders).
    public init(communityID: String, name: String, street: String, countsByClass: [Int]) {
        self.communityID = communityID
        self.name = name
        self.street = street
        self.countsByClass = countsByClass
    }

    public func count(_ problemClass: ProblemClass) -> Int {
        countsByClass[ProblemClass.allCases.firstIndex(of: problemClass)!]
    }
}
