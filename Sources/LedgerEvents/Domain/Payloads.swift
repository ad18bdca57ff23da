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

    public init(communityID: String, name: String, street: String, residentsCommittee: String, totalArea: DecimalQuantity, totalOwners: Int64) {
        self.communityID = communityID
        self.name = name
        self.street = street
        self.residentsCommittee = residentsCommittee
        self.totalArea = totalArea
        self.totalOwners = totalOwners
    }
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
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(assetID: String, communityID: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity, registeredOn: CalendarDate, source: AssetSource, attributes: [String: String], written: WrittenForm = WrittenForm()) {
        self.assetID = assetID
        self.communityID = communityID
        self.kind = kind
        self.name = name
        self.location = location
        self.area = area
        self.registeredOn = registeredOn
        self.source = source
        self.attributes = attributes
        self.written = written
    }
}

/// The fields an `asset.updated` may change; nil leaves a field as it was. `attributes` are merged key by key.
public struct AssetChanges: Equatable, Sendable {
    public var kind: AssetKind?
    public var name: String?
    public var location: String?
    public var area: DecimalQuantity?
    public var attributes: [String: String]?

    public static let fieldNames = ["area_m2", "attributes", "kind", "location", "name"]

    public init(kind: AssetKind? = nil, name: String? = nil, location: String? = nil, area: DecimalQuantity? = nil, attributes: [String: String]? = nil) {
        self.kind = kind
        self.name = name
        self.location = location
        self.area = area
        self.attributes = attributes
    }
}

/// `asset.updated`: corrected or changed register data of a common part.
public struct AssetUpdated: Equatable, Sendable {
    public var assetID: String
    public var changes: AssetChanges
    public var source: AssetSource
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(assetID: String, changes: AssetChanges, source: AssetSource, written: WrittenForm = WrittenForm()) {
        self.assetID = assetID
        self.changes = changes
        self.source = source
        self.written = written
    }
}

/// `asset.retired`: the common part no longer exists as such (demolished, merged, found not to be common).
public struct AssetRetired: Equatable, Sendable {
    public var assetID: String
    public var reason: String

    public init(assetID: String, reason: String) {
        self.assetID = assetID
        self.reason = reason
    }
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
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(importID: String, fileName: String, fileSHA256: String, rowsRead: Int64, rowsNew: Int64, rowsUpdated: Int64, rowsUnchanged: Int64, communityID: String? = nil, written: WrittenForm = WrittenForm()) {
        self.importID = importID
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.rowsRead = rowsRead
        self.rowsNew = rowsNew
        self.rowsUpdated = rowsUpdated
        self.rowsUnchanged = rowsUnchanged
        self.communityID = communityID
        self.written = written
    }
}

/// `fund.opened`: a fund (account) of a community.
public struct FundOpened: Equatable, Sendable {
    public var fundID: String
    public var communityID: String
    public var kind: FundKind
    /// Bank account or ledger reference.
    public var account: String

    public init(fundID: String, communityID: String, kind: FundKind, account: String) {
        self.fundID = fundID
        self.communityID = communityID
        self.kind = kind
        self.account = account
    }
}

/// What an owners' decision authorises. Every part is optional.
public struct Authorisation: Equatable, Sendable {
    public var assetIDs: [String]
    /// A contract the decision approves; usually signed after the vote, so it is not checked on append.
    public var contractID: String?
    public var purpose: String?
    /// The most that may be spent or committed under the decision.
    public var amountCap: Amount?


    public init(assetIDs: [String], contractID: String? = nil, purpose: String? = nil, amountCap: Amount? = nil) {
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

    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(decisionID: String, communityID: String, matter: DecisionMatter, participatingArea: DecimalQuantity, participatingOwners: Int64, approvingArea: DecimalQuantity, approvingOwners: Int64, authorises: Authorisation, validUntil: CalendarDate? = nil, written: WrittenForm = WrittenForm()) {
        self.decisionID = decisionID
        self.communityID = communityID
        self.matter = matter
        self.participatingArea = participatingArea
        self.participatingOwners = participatingOwners
        self.approvingArea = approvingArea
        self.approvingOwners = approvingOwners
        self.authorises = authorises
        self.validUntil = validUntil
        self.written = written
    }
}

/// `contract.signed`: an operating contract (经营合同) on common parts, dated by its signing date.
public struct ContractSigned: Equatable, Sendable {
    public var contractID: String
    public var communityID: String
    public var assetIDs: [String]
    public var counterparty: PersonalText
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
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(contractID: String, communityID: String, assetIDs: [String], counterparty: PersonalText, purpose: String, startOn: CalendarDate, endOn: CalendarDate, rent: Amount, rentPeriod: RentPeriod, decisionID: String? = nil, payeeFundID: String? = nil, written: WrittenForm = WrittenForm()) {
        self.contractID = contractID
        self.communityID = communityID
        self.assetIDs = assetIDs
        self.counterparty = counterparty
        self.purpose = purpose
        self.startOn = startOn
        self.endOn = endOn
        self.rent = rent
        self.rentPeriod = rentPeriod
        self.decisionID = decisionID
        self.payeeFundID = payeeFundID
        self.written = written
    }
}

/// `contract.terminated`: the contract ends early on the envelope's date.
public struct ContractTerminated: Equatable, Sendable {
    public var contractID: String
    public var reason: String

    public init(contractID: String, reason: String) {
        self.contractID = contractID
        self.reason = reason
    }
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
    public var user: PersonalText
    public var purpose: String
    public var authority: UseAuthority
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(useID: String, assetID: String, user: PersonalText, purpose: String, authority: UseAuthority, written: WrittenForm = WrittenForm()) {
        self.useID = useID
        self.assetID = assetID
        self.user = user
        self.purpose = purpose
        self.authority = authority
        self.written = written
    }
}

/// `use.ended`: the use stops on the envelope's date.
public struct UseEnded: Equatable, Sendable {
    public var useID: String

    public init(useID: String) {
        self.useID = useID
    }
}

/// `inspection.recorded`: an inspection (巡查) of a common part.
public struct InspectionRecorded: Equatable, Sendable {
    public var assetID: String
    public var observed: Observation
    public var inspector: PersonalText
    public var note: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(assetID: String, observed: Observation, inspector: PersonalText, note: String? = nil, written: WrittenForm = WrittenForm()) {
        self.assetID = assetID
        self.observed = observed
        self.inspector = inspector
        self.note = note
        self.written = written
    }
}

/// `occupation.reported`: an occupation (侵占) of a common part is found.
public struct OccupationReported: Equatable, Sendable {
    public var occupationID: String
    public var assetID: String
    public var occupant: PersonalText
    public var description: String

    public init(occupationID: String, assetID: String, occupant: PersonalText, description: String) {
        self.occupationID = occupationID
        self.assetID = assetID
        self.occupant = occupant
        self.description = description
    }
}

/// `occupation.cleared`: the occupation has ended.
public struct OccupationCleared: Equatable, Sendable {
    public var occupationID: String
    public var note: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(occupationID: String, note: String? = nil, written: WrittenForm = WrittenForm()) {
        self.occupationID = occupationID
        self.note = note
        self.written = written
    }
}

/// `fund.income`: money comes into a fund.
public struct FundIncome: Equatable, Sendable {
    public var fundID: String
    public var amount: Amount
    public var counterparty: PersonalText
    /// Receipt or invoice number.
    public var voucher: String
    /// The contract whose rent this is, if any.
    public var sourceContractID: String?
    /// Free category, e.g. parking, advertising, interest.
    public var category: String
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(fundID: String, amount: Amount, counterparty: PersonalText, voucher: String, sourceContractID: String? = nil, category: String, written: WrittenForm = WrittenForm()) {
        self.fundID = fundID
        self.amount = amount
        self.counterparty = counterparty
        self.voucher = voucher
        self.sourceContractID = sourceContractID
        self.category = category
        self.written = written
    }
}

/// The claim that a spending was an emergency use without prior vote ([CC] 281(2)).
public struct Emergency: Equatable, Sendable {
    public var type: String
    public var evidence: String

    public init(type: String, evidence: String) {
        self.type = type
        self.evidence = evidence
    }
}

/// `fund.spending`: money goes out of a fund.
public struct FundSpending: Equatable, Sendable {
    public var fundID: String
    public var amount: Amount
    public var counterparty: PersonalText
    public var voucher: String
    public var purpose: String
    public var purposeCategory: String?
    /// The authorising decision; nil when there was none (a finding for the rules, not a rejection).
    public var decisionID: String?
    public var emergency: Emergency?
    /// Common parts the money was spent on.
    public var assetIDs: [String]
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(fundID: String, amount: Amount, counterparty: PersonalText, voucher: String, purpose: String, purposeCategory: String? = nil, decisionID: String? = nil, emergency: Emergency? = nil, assetIDs: [String], written: WrittenForm = WrittenForm()) {
        self.fundID = fundID
        self.amount = amount
        self.counterparty = counterparty
        self.voucher = voucher
        self.purpose = purpose
        self.purposeCategory = purposeCategory
        self.decisionID = decisionID
        self.emergency = emergency
        self.assetIDs = assetIDs
        self.written = written
    }
}

/// `fund.transfer`: money moves between two funds.
public struct FundTransfer: Equatable, Sendable {
    public var fromFundID: String
    public var toFundID: String
    public var amount: Amount
    public var voucher: String
    public var decisionID: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(fromFundID: String, toFundID: String, amount: Amount, voucher: String, decisionID: String? = nil, written: WrittenForm = WrittenForm()) {
        self.fromFundID = fromFundID
        self.toFundID = toFundID
        self.amount = amount
        self.voucher = voucher
        self.decisionID = decisionID
        self.written = written
    }
}

/// `fund.balance_asserted`: a bank statement shows this balance at the end of the envelope's date (对账).
public struct FundBalanceAsserted: Equatable, Sendable {
    public var fundID: String
    /// 0 or more fen.
    public var balance: Amount
    public var statementRef: String

    public init(fundID: String, balance: Amount, statementRef: String) {
        self.fundID = fundID
        self.balance = balance
        self.statementRef = statementRef
    }
}

/// `disclosure.published`: income and spending of funds were posted publicly (公示).
public struct DisclosurePublished: Equatable, Sendable {
    public var communityID: String
    public var fundIDs: [String]
    public var periodFrom: CalendarDate
    public var periodTo: CalendarDate
    public var location: String

    public init(communityID: String, fundIDs: [String], periodFrom: CalendarDate, periodTo: CalendarDate, location: String) {
        self.communityID = communityID
        self.fundIDs = fundIDs
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.location = location
    }
}

/// The fact that takes the place of a corrected event.
public struct Replacement: Equatable, Sendable {
    public var type: EventType
    public var occurredOn: CalendarDate
    /// The replacement's payload, typed.
    public var payload: DomainEvent

    public init(type: EventType, occurredOn: CalendarDate, payload: DomainEvent) {
        self.type = type
        self.occurredOn = occurredOn
        self.payload = payload
    }
}

/// `correction`: voids an earlier event from this point of the log on; `replacement`, when given, applies in its
/// place at the replacement's own `occurred_on`. The corrected event stays in the log.
public struct Correction: Equatable, Sendable {
    /// Event id of the corrected event.
    public var corrects: String
    public var reason: String
    public var replacement: Replacement?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(corrects: String, reason: String, replacement: Replacement? = nil, written: WrittenForm = WrittenForm()) {
        self.corrects = corrects
        self.reason = reason
        self.replacement = replacement
        self.written = written
    }
}

/// Which optional members of a payload were written as an explicit `null` (ledger-spec.md: "counts as absent"), and
/// which optional objects were written although empty. The typed value keeps this so that encoding a decoded record
/// gives back its bytes exactly; code that builds events leaves it empty (members absent). Each payload type names
/// its own bits (`PayloadCodec`).
public struct WrittenForm: Hashable, Sendable {
    public var bits: UInt32

    public init(bits: UInt32 = 0) { self.bits = bits }

    public func has(_ bit: UInt32) -> Bool { bits & bit != 0 }
    public mutating func insert(_ bit: UInt32) { bits |= bit }
}
