import LedgerEvents

// The entities a projection holds. Every entity keeps the evidence (seq + event id) of the facts it rests on,
// so rules and reports can cite them. Histories are in fold order: business date, then log position.

/// A community (小区) as registered.
public struct Community: Equatable, Sendable {
    public let id: String
    public var name: String
    public var street: String
    public var residentsCommittee: String
    public var totalArea: DecimalQuantity
    public var totalOwners: Int64
    public var registeredOn: CalendarDate
    public var evidence: Evidence
    /// Ids of this community's assets, funds, contracts and decisions, in fold order.
    public var assetIDs: [String] = []
    public var fundIDs: [String] = []
    public var contractIDs: [String] = []
    public var decisionIDs: [String] = []
    /// Indexes into `Projection.disclosures`.
    public var disclosureIndexes: [Int] = []
}

/// One change to an asset's register data.
public struct AssetChange: Equatable, Sendable {
    public let date: CalendarDate
    public let changes: AssetChanges
    public let source: AssetSource
    public let evidence: Evidence
}

/// The end of something (an asset, a use, a contract, an occupation): when, why, and the record that says so.
public struct Ending: Equatable, Sendable {
    public let date: CalendarDate
    public let note: String?
    public let evidence: Evidence
}

/// A common part (共有部分) with its history.
public struct Asset: Equatable, Sendable {
    public let id: String
    public var communityID: String
    public var kind: AssetKind
    public var name: String
    public var location: String
    public var area: DecimalQuantity
    public var registeredOn: CalendarDate
    /// Business date of the `asset.registered` fact: the asset exists in the ledger from this date.
    public var recordedOn: CalendarDate
    public var source: AssetSource
    public var attributes: [String: String]
    public var evidence: Evidence
    public var updates: [AssetChange] = []
    public var retired: Ending?
    /// Ids into `Projection.uses`, `.contracts`, `.occupations`; indexes into `.inspections`; all in fold order.
    public var useIDs: [String] = []
    public var contractIDs: [String] = []
    public var occupationIDs: [String] = []
    public var inspectionIndexes: [Int] = []
    /// Indexes into `Projection.movements` of spendings that name this asset.
    public var spendingIndexes: [Int] = []
}

/// A use of a common part.
public struct Use: Equatable, Sendable {
    public let id: String
    public var assetID: String
    public var user: PersonalText
    public var purpose: String
    public var authority: UseAuthority
    public var startedOn: CalendarDate
    public var evidence: Evidence
    public var ended: Ending?
}

/// An inspection (巡查).
public struct Inspection: Equatable, Sendable {
    public let assetID: String
    public let date: CalendarDate
    public let observed: Observation
    public let inspector: PersonalText
    public let note: String?
    public let evidence: Evidence
}

/// An occupation (侵占).
public struct Occupation: Equatable, Sendable {
    public let id: String
    public var assetID: String
    public var occupant: PersonalText
    public var description: String
    public var reportedOn: CalendarDate
    public var evidence: Evidence
    public var cleared: Ending?
}

/// What a fund movement is.
public enum MovementKind: String, Sendable, Equatable {
    case income, spending
    case transferIn = "transfer_in"
    case transferOut = "transfer_out"
}

/// Money into or out of one fund. A transfer gives two movements, one in each fund, with the same evidence.
public struct FundMovement: Equatable, Sendable {
    public let fundID: String
    public let kind: MovementKind
    public let date: CalendarDate
    /// Always positive; `signedAmount` carries the direction.
    public let amount: Amount
    /// The payer or payee; for a transfer, the other fund's id.
    public let counterparty: PersonalText
    public let voucher: String
    /// Income category, spending purpose category ("other" when none was given), or "transfer".
    public let category: String
    public let purpose: String?
    public let contractID: String?
    public let decisionID: String?
    public let emergency: Emergency?
    public let assetIDs: [String]
    /// The other fund of a transfer.
    public let otherFundID: String?
    public let evidence: Evidence

    /// +amount for income and transfers in, −amount for spending and transfers out.
    public var signedAmount: Amount { kind == .income || kind == .transferIn ? amount : -amount }
}

/// A balance a bank statement shows at the end of a date (对账).
public struct BalanceAssertion: Equatable, Sendable {
    public let fundID: String
    public let date: CalendarDate
    public let balance: Amount
    public let statementRef: String
    public let evidence: Evidence
}

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

/// A disclosure (公示).
public struct Disclosure: Equatable, Sendable {
    public let terms: DisclosurePublished
    public let publishedOn: CalendarDate
    public let evidence: Evidence
}

/// An imported register batch.
public struct RegisterImport: Equatable, Sendable {
    public let terms: RegisterImported
    public let importedOn: CalendarDate
    public let evidence: Evidence
}
