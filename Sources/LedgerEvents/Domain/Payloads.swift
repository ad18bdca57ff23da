// Typed payloads of the domain events, one struct per event type. Field names follow the JSON names in
// ledger-spec.md ("Domain events"); units are in the type (Amount = fen, DecimalQuantity = m² to 0.01).

/// `community.registered`: a residential compound (小区 / 物业管理区域), the top-level key of the ledger.
public struct CommunityRegistered: Equatable, Sendable {
    public var communityID: String
    public var name: String
    /// Street office (街道办事处).
    public var street: String
    /// Residents' committee (社区居委会).
    public var residentsCommittee: String
    /// Total exclusive floor area in m²: the denominator of a vote's area quorum.
    public var totalArea: DecimalQuantity
    /// Number of owners (1 unit = 1 owner, [SPC] 9): the denominator of a vote's headcount quorum.
    public var totalOwners: Int64
}

/// Where an asset record came from.
public enum AssetSource: Equatable, Sendable {
    /// Row `row` (1-based data row) of the register imported as `importID`.
    case importRow(importID: String, row: Int64)
    /// Typed in by a clerk.
    case manual
}

/// `asset.registered`: a common part (共有部分) enters the register (登记造册).
public struct AssetRegistered: Equatable, Sendable {
    public var assetID: String
    public var communityID: String
    public var kind: AssetKind
    public var name: String
    public var location: String
    public var area: DecimalQuantity
    /// The date of the register entry.
    public var registeredOn: CalendarDate
    public var source: AssetSource
    /// Extra register columns, name → text.
    public var attributes: [String: String]
}

/// The fields an `asset.updated` may change; nil leaves a field as it was. `attributes` are merged key by key.
public struct AssetChanges: Equatable, Sendable {
    public var kind: AssetKind?
    public var name: String?
    public var location: String?
    public var area: DecimalQuantity?
    public var attributes: [String: String]?

    public static let fieldNames = ["area_m2", "attributes", "kind", "location", "name"]
}

/// `asset.updated`: corrected or changed register data of a common part.
public struct AssetUpdated: Equatable, Sendable {
    public var assetID: String
    public var changes: AssetChanges
    public var source: AssetSource
}

/// `asset.retired`: the common part no longer exists as such (demolished, merged, found not to be common).
public struct AssetRetired: Equatable, Sendable {
    public var assetID: String
    public var reason: String
}

/// `register.imported`: the first event of every import batch; the batch's asset events name its `importID`.
public struct RegisterImported: Equatable, Sendable {
    public var importID: String
    public var fileName: String
    /// SHA-256 of the imported file, 64 lower-case hex digits.
    public var fileSHA256: String
    public var rowsRead: Int64
    public var rowsNew: Int64
    public var rowsUpdated: Int64
    public var rowsUnchanged: Int64
    public var communityID: String?
}

/// `fund.opened`: a fund (account) of a community.
public struct FundOpened: Equatable, Sendable {
    public var fundID: String
    public var communityID: String
    public var kind: FundKind
    /// Bank account or ledger reference.
    public var account: String
}

/// What an owners' decision authorises. Every part is optional.
public struct Authorisation: Equatable, Sendable {
    public var assetIDs: [String]
    /// A contract the decision approves; usually signed after the vote, so it is not checked on append.
    public var contractID: String?
    public var purpose: String?
    /// The most that may be spent or committed under the decision.
    public var amountCap: Amount?

    public init(assetIDs: [String], contractID: String?, purpose: String?, amountCap: Amount?) {
        self.assetIDs = assetIDs
        self.contractID = contractID
        self.purpose = purpose
        self.amountCap = amountCap
    }
}

/// `decision.recorded`: an owners' joint decision (业主共同决定), dated by the envelope's `occurred_on` (vote date).
public struct DecisionRecorded: Equatable, Sendable {
    public var decisionID: String
    public var communityID: String
    public var matter: DecisionMatter
    public var participatingArea: DecimalQuantity
    public var participatingOwners: Int64
    public var approvingArea: DecimalQuantity
    public var approvingOwners: Int64
    public var authorises: Authorisation
    /// Last day the decision may be acted on; nil for no limit.
    public var validUntil: CalendarDate?

    public init(decisionID: String, communityID: String, matter: DecisionMatter, participatingArea: DecimalQuantity,
                participatingOwners: Int64, approvingArea: DecimalQuantity, approvingOwners: Int64,
                authorises: Authorisation, validUntil: CalendarDate?) {
        self.decisionID = decisionID
        self.communityID = communityID
        self.matter = matter
        self.participatingArea = participatingArea
        self.participatingOwners = participatingOwners
        self.approvingArea = approvingArea
        self.approvingOwners = approvingOwners
        self.authorises = authorises
        self.validUntil = validUntil
    }
}

/// `contract.signed`: an operating contract (经营合同) on common parts, dated by its signing date.
public struct ContractSigned: Equatable, Sendable {
    public var contractID: String
    public var communityID: String
    public var assetIDs: [String]
    public var counterparty: String
    public var purpose: String
    /// First and last day of the term, both included.
    public var startOn: CalendarDate
    public var endOn: CalendarDate
    /// Rent per period in fen; 0 for a rent-free contract.
    public var rent: Amount
    public var rentPeriod: RentPeriod
    /// The deciding vote; nil when there was none (a finding for the rules, not a rejection).
    public var decisionID: String?
    /// The fund that should receive the rent.
    public var payeeFundID: String?
}

/// `contract.terminated`: the contract ends early on the envelope's date.
public struct ContractTerminated: Equatable, Sendable {
    public var contractID: String
    public var reason: String
}

/// Under what authority a common part is used.
public enum UseAuthority: Equatable, Sendable {
    case contract(String)
    case decision(String)
    case none
}

/// `use.started`: someone starts using a common part.
public struct UseStarted: Equatable, Sendable {
    public var useID: String
    public var assetID: String
    public var user: String
    public var purpose: String
    public var authority: UseAuthority
}

/// `use.ended`: the use stops on the envelope's date.
public struct UseEnded: Equatable, Sendable {
    public var useID: String
}

/// `inspection.recorded`: an inspection (巡查) of a common part.
public struct InspectionRecorded: Equatable, Sendable {
    public var assetID: String
    public var observed: Observation
    public var inspector: String
    public var note: String?
}

/// `occupation.reported`: an occupation (侵占) of a common part is found.
public struct OccupationReported: Equatable, Sendable {
    public var occupationID: String
    public var assetID: String
    public var occupant: String
    public var description: String
}

/// `occupation.cleared`: the occupation has ended.
public struct OccupationCleared: Equatable, Sendable {
    public var occupationID: String
    public var note: String?
}

/// `fund.income`: money comes into a fund.
public struct FundIncome: Equatable, Sendable {
    public var fundID: String
    public var amount: Amount
    public var counterparty: String
    /// Receipt or invoice number.
    public var voucher: String
    /// The contract whose rent this is, if any.
    public var sourceContractID: String?
    /// Free category, e.g. parking, advertising, interest.
    public var category: String
}

/// The claim that a spending was an emergency use without prior vote ([CC] 281(2)).
public struct Emergency: Equatable, Sendable {
    public var type: String
    public var evidence: String
}

/// `fund.spending`: money goes out of a fund.
public struct FundSpending: Equatable, Sendable {
    public var fundID: String
    public var amount: Amount
    public var counterparty: String
    public var voucher: String
    public var purpose: String
    public var purposeCategory: String?
    /// The authorising decision; nil when there was none (a finding for the rules, not a rejection).
    public var decisionID: String?
    public var emergency: Emergency?
    /// Common parts the money was spent on.
    public var assetIDs: [String]
}

/// `fund.transfer`: money moves between two funds.
public struct FundTransfer: Equatable, Sendable {
    public var fromFundID: String
    public var toFundID: String
    public var amount: Amount
    public var voucher: String
    public var decisionID: String?
}

/// `fund.balance_asserted`: a bank statement shows this balance at the end of the envelope's date (对账).
public struct FundBalanceAsserted: Equatable, Sendable {
    public var fundID: String
    /// 0 or more fen.
    public var balance: Amount
    public var statementRef: String
}

/// `disclosure.published`: income and spending of funds were posted publicly (公示).
public struct DisclosurePublished: Equatable, Sendable {
    public var communityID: String
    public var fundIDs: [String]
    public var periodFrom: CalendarDate
    public var periodTo: CalendarDate
    public var location: String
}

/// The fact that takes the place of a corrected event.
public struct Replacement: Equatable, Sendable {
    public var type: EventType
    public var occurredOn: CalendarDate
    /// The replacement's payload exactly as written.
    public var data: [String: JSONValue]
    /// The same payload, typed.
    public var payload: DomainEvent
}

/// `correction`: voids an earlier event from this point of the log on; `replacement`, when given, applies in its
/// place at the replacement's own `occurred_on`. The corrected event stays in the log.
public struct Correction: Equatable, Sendable {
    /// Event id of the corrected event.
    public var corrects: String
    public var reason: String
    public var replacement: Replacement?
}
