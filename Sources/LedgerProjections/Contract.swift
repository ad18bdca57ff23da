import LedgerEvents

/// An operating contract (经营合同).
public struct Contract: Equatable, Sendable {
    public let id: String
    public var terms: ContractSigned
    public var signedOn: CalendarDate
    public var evidence: Evidence
    public var terminated: Ending?
    /// Indexes into `Projection.movements` of income naming this contract as its source.
    public var paymentIndexes: [Int] = []
}
