import LedgerPlatform

/// The byte form of every domain payload: `encode` writes the canonical JSON of `data`, `decode` reads it back
/// without JSON values and checks it, naming the field and what is allowed when it does not fit. Both follow the
/// type's schema (PayloadSchemas.swift). `decode(encode(x)) == x`, and for every payload a record may hold
/// (ledger-spec.md, "Domain events") `encode(decode(bytes)) == bytes`: optional members written as `null`, empty
/// optional objects and the written text of areas are kept (`WrittenForm`, `DecimalQuantity.writtenText`).
///
/// To add an event type: its struct in a file of its own name here in Domain/, a case in `DomainEvent` and
/// `EventType`, its schema in PayloadSchemas.swift and a line in `read` and `write` here.
public enum PayloadCodec {
    /// The canonical bytes of `payload` (the record's `data` object).
    public static func encode(_ payload: DomainEvent) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(192)
        encode(payload, to: &out)
        return out
    }

    /// Appends the canonical bytes of `payload` to `out`.
    public static func encode(_ payload: DomainEvent, to out: inout [UInt8]) {
        var buffer = LineBuffer(capacity: 256)
        encode(payload, to: &buffer)
        buffer.copy(0..<buffer.count, to: &out)
    }

    /// Appends the canonical bytes of `payload` to `out` (the record writer's line).
    public static func encode(_ payload: DomainEvent, to out: inout LineBuffer) {
        var w = PayloadWriter(into: consume out)
        write(payload, &w)
        out = w.out
    }

    /// Decodes and checks the canonical bytes of a `data` object (a record's, or `CanonicalJSON`'s encoding of an
    /// input line's) as a payload of `type`.
    /// - Parameter occurredOn: the event's date (some rules compare payload dates with it).
    /// - Throws: `EventError.payload` naming the field (`data.replacement.data.asset_ids[1]`) and what is allowed; when a
    ///   payload has several problems, the first in the order of its schema's checks.
    public static func decode(type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>) throws(EventError) -> DomainEvent {
        guard data.first == UInt8(ascii: "{") else {
            throw EventError.payload(type: type.rawValue, field: "data", reason: EventWords.mustBeJSONObject)
        }
        let (payload, end) = try read(type, occurredOn: occurredOn, data, at: data.startIndex, path: "data")
        guard end == data.endIndex else { throw EventError.payload(type: type.rawValue, field: "data", reason: EventWords.mustBeJSONObject) }
        return payload
    }

    /// Every problem of a `data` object read as a payload of `type`, in the order `decode` meets them (the first is
    /// the one it throws): each member the type does not allow, each field missing or wrong, each element of a list,
    /// and the rules between fields whose own values are right. Empty when the payload decodes.
    /// - Parameter occurredOn: the event's date; nil when it is not known (a line whose `occurred_on` is bad), and
    ///   the rules that compare a payload date with it are left out.
    /// - Parameter atDoor: the writer's door rules apply too (every id in Unicode NFC, EventInput+NFC.swift): for a
    ///   person's input, never for a record being read.
    public static func problems(type: EventType, occurredOn: CalendarDate?, data: ArraySlice<UInt8>,
                                atDoor: Bool = false) -> [EventError.PayloadProblem] {
        problemsCounted(type: type, occurredOn: occurredOn, data: data, atDoor: atDoor).list
    }

    /// `problems`, and how many of them are a door rule's.
    static func problemsCounted(type: EventType, occurredOn: CalendarDate?, data: ArraySlice<UInt8>,
                                atDoor: Bool) -> (list: [EventError.PayloadProblem], door: Int) {
        guard data.first == UInt8(ascii: "{") else {
            return ([EventError.PayloadProblem(type: type.rawValue, field: "data", reason: EventWords.mustBeJSONObject)], 0)
        }
        let sink = PayloadProblems(occurredOnKnown: occurredOn != nil, atDoor: atDoor)
        do throws(EventError) {
            let (_, end) = try read(type, occurredOn: occurredOn ?? CalendarDate(dayNumber: 0), data, at: data.startIndex,
                                    path: "data", sink: sink)
            if end != data.endIndex, sink.list.isEmpty {
                sink.add(EventError.payload(type: type.rawValue, field: "data", reason: EventWords.mustBeJSONObject))
            }
        } catch {
            sink.add(error)
        }
        return (sink.list, sink.doorProblemCount)
    }

    // MARK: - Bits of `WrittenForm`, per type

    enum Bits {
        static let attributesNull: UInt32 = 1 << 0       // asset.registered: "attributes": null
        static let attributesEmpty: UInt32 = 1 << 1      // asset.registered: "attributes": {}
        static let kindNull: UInt32 = 1 << 0             // asset.updated changes.*: null
        static let nameNull: UInt32 = 1 << 1
        static let locationNull: UInt32 = 1 << 2
        static let areaNull: UInt32 = 1 << 3
        static let changedAttributesNull: UInt32 = 1 << 4
        static let communityNull: UInt32 = 1 << 0        // register.imported
        static let capNull: UInt32 = 1 << 0              // decision.recorded authorises.*, valid_until
        static let assetIDsNull: UInt32 = 1 << 1
        static let contractNull: UInt32 = 1 << 2
        static let purposeNull: UInt32 = 1 << 3
        static let validUntilNull: UInt32 = 1 << 4
        static let decisionNull: UInt32 = 1 << 0         // contract.signed, fund.transfer, fund.spending
        static let payeeNull: UInt32 = 1 << 1
        static let authorityNull: UInt32 = 1 << 0        // use.started
        static let authorityObject: UInt32 = 1 << 1      // an authority object without a value in it
        static let authorityContractNull: UInt32 = 1 << 2
        static let authorityDecisionNull: UInt32 = 1 << 3
        static let noteNull: UInt32 = 1 << 0             // inspection.recorded, occupation.cleared
        static let sourceNull: UInt32 = 1 << 0           // fund.income
        static let sourceObject: UInt32 = 1 << 1
        static let sourceContractNull: UInt32 = 1 << 2
        static let spendingAssetIDsNull: UInt32 = 1 << 1 // fund.spending (decision_id is bit 0)
        static let emergencyNull: UInt32 = 1 << 2
        static let purposeCategoryNull: UInt32 = 1 << 3
        static let replacementNull: UInt32 = 1 << 0      // correction
        static let sha256Null: UInt32 = 1 << 0           // rectification.reported evidence[].sha256
        static let reasonNull: UInt32 = 1 << 0           // rectification.verified reason
        static let requestRefNull: UInt32 = 1 << 0       // personal_data.erased request_ref
    }

    // MARK: - Dispatch

    /// Reads the object that starts at `start` as a payload of `type`; returns it and the index past the object.
    static func read(_ type: EventType, occurredOn: CalendarDate, _ bytes: ArraySlice<UInt8>, at start: Int,
                     path: String, member: String = "", sink: PayloadProblems? = nil) throws(EventError) -> (payload: DomainEvent, end: Int) {
        func object<S: PayloadSchema>(_: S.Type) throws(EventError) -> (S, Int) {
            let o = try PayloadObject<S.Key>(bytes, at: start, type: type.rawValue, path: path, member: member, sink: sink)
            return (try S.read(o, occurredOn: occurredOn), o.end)
        }
        // One call per type keeps each stack frame small (debug builds give every local its own slot).
        switch type {
        case .communityRegistered: let (p, end) = try object(CommunityRegistered.self); return (.communityRegistered(p), end)
        case .assetRegistered: let (p, end) = try object(AssetRegistered.self); return (.assetRegistered(p), end)
        case .assetUpdated: let (p, end) = try object(AssetUpdated.self); return (.assetUpdated(p), end)
        case .assetRetired: let (p, end) = try object(AssetRetired.self); return (.assetRetired(p), end)
        case .registerImported: let (p, end) = try object(RegisterImported.self); return (.registerImported(p), end)
        case .fundOpened: let (p, end) = try object(FundOpened.self); return (.fundOpened(p), end)
        case .decisionRecorded: let (p, end) = try object(DecisionRecorded.self); return (.decisionRecorded(p), end)
        case .contractSigned: let (p, end) = try object(ContractSigned.self); return (.contractSigned(p), end)
        case .contractTerminated: let (p, end) = try object(ContractTerminated.self); return (.contractTerminated(p), end)
        case .useStarted: let (p, end) = try object(UseStarted.self); return (.useStarted(p), end)
        case .useEnded: let (p, end) = try object(UseEnded.self); return (.useEnded(p), end)
        case .inspectionRecorded: let (p, end) = try object(InspectionRecorded.self); return (.inspectionRecorded(p), end)
        case .occupationReported: let (p, end) = try object(OccupationReported.self); return (.occupationReported(p), end)
        case .occupationCleared: let (p, end) = try object(OccupationCleared.self); return (.occupationCleared(p), end)
        case .fundIncome: let (p, end) = try object(FundIncome.self); return (.fundIncome(p), end)
        case .fundSpending: let (p, end) = try object(FundSpending.self); return (.fundSpending(p), end)
        case .fundTransfer: let (p, end) = try object(FundTransfer.self); return (.fundTransfer(p), end)
        case .fundBalanceAsserted: let (p, end) = try object(FundBalanceAsserted.self); return (.fundBalanceAsserted(p), end)
        case .disclosurePublished: let (p, end) = try object(DisclosurePublished.self); return (.disclosurePublished(p), end)
        case .rectificationIssued: let (p, end) = try object(RectificationIssued.self); return (.rectificationIssued(p), end)
        case .rectificationReported: let (p, end) = try object(RectificationReported.self); return (.rectificationReported(p), end)
        case .rectificationVerified: let (p, end) = try object(RectificationVerified.self); return (.rectificationVerified(p), end)
        case .rectificationExtended: let (p, end) = try object(RectificationExtended.self); return (.rectificationExtended(p), end)
        case .personalDataErased: let (p, end) = try object(PersonalDataErased.self); return (.personalDataErased(p), end)
        case .correction: let (p, end) = try object(Correction.self); return (.correction(p), end)
        }
    }

    static func write(_ payload: DomainEvent, _ w: inout PayloadWriter) {
        w.beginObject()
        switch payload {
        case .communityRegistered(let p): p.write(&w)
        case .assetRegistered(let p): p.write(&w)
        case .assetUpdated(let p): p.write(&w)
        case .assetRetired(let p): p.write(&w)
        case .registerImported(let p): p.write(&w)
        case .fundOpened(let p): p.write(&w)
        case .decisionRecorded(let p): p.write(&w)
        case .contractSigned(let p): p.write(&w)
        case .contractTerminated(let p): p.write(&w)
        case .useStarted(let p): p.write(&w)
        case .useEnded(let p): p.write(&w)
        case .inspectionRecorded(let p): p.write(&w)
        case .occupationReported(let p): p.write(&w)
        case .occupationCleared(let p): p.write(&w)
        case .fundIncome(let p): p.write(&w)
        case .fundSpending(let p): p.write(&w)
        case .fundTransfer(let p): p.write(&w)
        case .fundBalanceAsserted(let p): p.write(&w)
        case .disclosurePublished(let p): p.write(&w)
        case .rectificationIssued(let p): p.write(&w)
        case .rectificationReported(let p): p.write(&w)
        case .rectificationVerified(let p): p.write(&w)
        case .rectificationExtended(let p): p.write(&w)
        case .personalDataErased(let p): p.write(&w)
        case .correction(let p): p.write(&w)
        }
        w.endObject()
    }
}

extension DomainEvent {
    /// Every problem of an event's payload (`PayloadCodec.problems`). Empty when `decode` would succeed, and
    /// otherwise its first element is the error `decode` throws — but for an unknown type that plainly means a known
    /// one (`fund.incme`, `EventInput.likelyType`): its problem says so, and the data's problems as that type follow.
    /// - Parameter occurredOn: the event's date, nil when it is not known.
    /// - Parameter atDoor: the writer's door rules apply too (`PayloadCodec.problems`).
    public static func problems(type: String, occurredOn: CalendarDate?, canonicalData: ArraySlice<UInt8>,
                                atDoor: Bool = false) -> [EventError.PayloadProblem] {
        guard let known = EventType(rawValue: type) else {
            guard let meant = EventInput.likelyType(type) else {
                return [EventError.PayloadProblem(type: type, field: "type", reason: EventWords.unknownType(type))]
            }
            return [EventError.PayloadProblem(type: type, field: "type", reason: EventWords.unknownType(type) + EventWords.checkedAs(meant.rawValue))]
                + PayloadCodec.problems(type: meant, occurredOn: occurredOn, data: canonicalData, atDoor: atDoor)
        }
        return PayloadCodec.problems(type: known, occurredOn: occurredOn, data: canonicalData, atDoor: atDoor)
    }

    /// At the writer's door, for a payload that otherwise may be right: every problem of it (`problems` with the
    /// door rules) when one of them is a door rule's (an id not in Unicode NFC, a name with a space at an end);
    /// empty when none is, and the payload goes on as before. Only a payload that could break a door rule is read:
    /// one with a byte outside ASCII, an escape (a control character) or a space beside a quote (canonical JSON has
    /// no white space outside strings, so that is a text beginning or ending with a space); an ASCII id is in NFC. A
    /// decision and a correction are always read (a vote's owners and area: `DecisionRecorded.ownersAndAreaDisagree`).
    public static func doorProblems(type: String, occurredOn: CalendarDate, canonicalData: ArraySlice<UInt8>) -> [EventError.PayloadProblem] {
        // A decision's vote (and a correction, whose replacement may be one) is read for the rule of its owners and area.
        // A part's registration, only when its `registered_on` is after the event's date (found in its bytes: a
        // register's every row asks).
        guard let known = EventType(rawValue: type),
              known == .decisionRecorded || known == .correction || mayBreakADoorRule(canonicalData)
                || (known == .assetRegistered && registeredAfter(canonicalData, occurredOn)) else { return [] }
        let (list, door) = PayloadCodec.problemsCounted(type: known, occurredOn: occurredOn, data: canonicalData, atDoor: true)
        return door > 0 ? list : []
    }

    /// Whether canonical `data` of an `asset.registered` holds a `registered_on` after `occurredOn` (the door rule
    /// of `AssetRegistered`'s reader); false when the member is missing or not a date (the schema says so).
    static func registeredAfter(_ data: ArraySlice<UInt8>, _ occurredOn: CalendarDate) -> Bool {
        let member = Array(#""registered_on":""#.utf8)
        // The last one: `attributes`, sorted before it, may hold a key of that name (review 38g); `source`, after
        // it, holds none.
        guard data.count >= member.count + 10,
              let start = (data.startIndex...(data.endIndex - member.count - 10)).last(where: { data[$0..<$0 + member.count].elementsEqual(member) })
        else { return false }
        let from = start + member.count
        guard let date = CalendarDate(iso: String(decoding: data[from..<from + 10], as: UTF8.self)) else { return false }
        return date > occurredOn
    }

    /// Whether canonical `data` may break a rule of the door (`doorProblems`): a byte outside ASCII, a backslash, or
    /// a space beside a quote.
    static func mayBreakADoorRule(_ data: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in data {
            if byte >= 0x80 || byte == UInt8(ascii: "\\") { return true }
            if (byte == 0x20 && previous == 0x22) || (byte == 0x22 && previous == 0x20) { return true }
            previous = byte
        }
        return false
    }

    /// `problems` of a parsed `data` object (an input line, a test).
    public static func problems(type: String, occurredOn: CalendarDate?, data: [String: JSONValue]) -> [EventError.PayloadProblem] {
        problems(type: type, occurredOn: occurredOn, canonicalData: CanonicalJSON.encode(.object(data))[...])
    }

    /// Every problem of an `Event`'s payload: none for a typed payload.
    public static func problems(_ event: Event) -> [EventError.PayloadProblem] {
        switch event.payload {
        case .domain: return []
        case .raw(let raw): return problems(type: raw.type, occurredOn: event.occurredOn, canonicalData: raw.data[...])
        }
    }
}
