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
    /// The `decision_id` each earlier version of the contract's record cited (nil: none), oldest first: the record
    /// as first made, then each replacement a later correction took the place of; empty for a record never
    /// corrected. A correction that cites a decision taken after the signing (a ratification, ledger-spec.md 10.4
    /// rule 2) leaves here the decision the contract was signed under, so that its finding keeps its code and key
    /// (CON-02 on a failed vote stays CON-02, ratified; review 46a #4).
    public var earlierDecisionIDs: [String?] { earlierCitations.map(\.decisionID) }
    /// Each earlier version's citation beside the record that made it (`earlierDecisionIDs` are their ids).
    public var earlierCitations: [EarlierCitation] = []
}
