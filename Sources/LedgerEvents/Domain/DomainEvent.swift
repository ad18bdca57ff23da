// Typed payloads of the domain events, one struct per event type. Field names follow the JSON names in
// ledger-spec.md ("Domain events"); units are in the type (Amount = fen, DecimalQuantity = m² to 0.01).

/// A domain event's payload, typed: what `type` + `data` of an event mean. Decoding applies every structural rule
/// of ledger-spec.md ("Domain events"): required fields, JSON types, enums, dates, amounts, areas, date order.
/// Rules that need other events (does the asset exist?) live in LedgerProjections' `DomainValidator`.
public indirect enum DomainEvent: Equatable, Sendable {
    case communityRegistered(CommunityRegistered)
    case assetRegistered(AssetRegistered)
    case assetUpdated(AssetUpdated)
    case assetRetired(AssetRetired)
    case registerImported(RegisterImported)
    case fundOpened(FundOpened)
    case decisionRecorded(DecisionRecorded)
    case contractSigned(ContractSigned)
    case contractTerminated(ContractTerminated)
    case useStarted(UseStarted)
    case useEnded(UseEnded)
    case inspectionRecorded(InspectionRecorded)
    case occupationReported(OccupationReported)
    case occupationCleared(OccupationCleared)
    case fundIncome(FundIncome)
    case fundSpending(FundSpending)
    case fundTransfer(FundTransfer)
    case fundBalanceAsserted(FundBalanceAsserted)
    case disclosurePublished(DisclosurePublished)
    case rectificationIssued(RectificationIssued)
    case rectificationReported(RectificationReported)
    case rectificationVerified(RectificationVerified)
    case rectificationExtended(RectificationExtended)
    case personalDataErased(PersonalDataErased)
    case correction(Correction)

    /// The event type of this payload.
    public var type: EventType {
        switch self {
        case .communityRegistered: return .communityRegistered
        case .assetRegistered: return .assetRegistered
        case .assetUpdated: return .assetUpdated
        case .assetRetired: return .assetRetired
        case .registerImported: return .registerImported
        case .fundOpened: return .fundOpened
        case .decisionRecorded: return .decisionRecorded
        case .contractSigned: return .contractSigned
        case .contractTerminated: return .contractTerminated
        case .useStarted: return .useStarted
        case .useEnded: return .useEnded
        case .inspectionRecorded: return .inspectionRecorded
        case .occupationReported: return .occupationReported
        case .occupationCleared: return .occupationCleared
        case .fundIncome: return .fundIncome
        case .fundSpending: return .fundSpending
        case .fundTransfer: return .fundTransfer
        case .fundBalanceAsserted: return .fundBalanceAsserted
        case .disclosurePublished: return .disclosurePublished
        case .rectificationIssued: return .rectificationIssued
        case .rectificationReported: return .rectificationReported
        case .rectificationVerified: return .rectificationVerified
        case .rectificationExtended: return .rectificationExtended
        case .personalDataErased: return .personalDataErased
        case .correction: return .correction
        }
    }

    /// Decodes and structurally validates the payload of an event from parsed JSON (an input line, a test): the
    /// data is written canonically and read by the type's one decoder (`PayloadCodec`).
    /// - Parameters:
    ///   - type: the event's `type`.
    ///   - occurredOn: the event's business date (some rules compare payload dates with it).
    ///   - data: the event's `data` object.
    /// - Throws: `EventError.payload` naming the field and what is allowed; an unknown type is reported on field `type`.
    public static func decode(type: String, occurredOn: CalendarDate, data: [String: JSONValue]) throws(EventError) -> DomainEvent {
        try decode(type: type, occurredOn: occurredOn, canonicalData: CanonicalJSON.encode(.object(data))[...])
    }

    /// Decodes the canonical bytes of a `data` object (a record's, or `CanonicalJSON`'s encoding of an input line's).
    public static func decode(type: String, occurredOn: CalendarDate, canonicalData: ArraySlice<UInt8>) throws(EventError) -> DomainEvent {
        guard let known = EventType(rawValue: type) else {
            throw EventError.payload(type: type, field: "type", reason: EventWords.unknownType(type))
        }
        return try PayloadCodec.decode(type: known, occurredOn: occurredOn, data: canonicalData)
    }

    /// Decodes an `Event`'s payload: the typed payload it carries, or the reason its data does not fit.
    public static func decode(_ event: Event) throws(EventError) -> DomainEvent {
        switch event.payload {
        case .domain(let payload): return payload
        case .raw(let raw): return try decode(type: raw.type, occurredOn: event.occurredOn, canonicalData: raw.data[...])
        }
    }
}
