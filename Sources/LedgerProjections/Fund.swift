import LedgerEvents

/// A fund (account) with its movements.
public struct Fund: Equatable, Sendable {
    public let id: String
    public var communityID: String
    public var kind: FundKind
    public var account: String
    public var openedOn: CalendarDate
    public var evidence: Evidence
    /// Indexes into `Projection.movements`, in fold order.
    public var movementIndexes: [Int] = []
    public var assertions: [BalanceAssertion] = []
}
