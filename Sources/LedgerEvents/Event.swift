/// What an event says: a typed domain payload, or (for a type this version does not know, or data that does not
/// fit its type's schema) the canonical bytes of its `data` object, kept exactly so that the record can still be
/// read, shown and verified, and its problem reported.
public indirect enum EventPayload: Equatable, Sendable {
    case domain(DomainEvent)
    case raw(RawPayload)

    /// A payload kept as bytes.
    public static func raw(type: String, data: [UInt8]) -> EventPayload { .raw(RawPayload(type: type, data: data)) }

    /// The event type as written in the log.
    public var type: String {
        switch self {
        case .domain(let payload): return payload.type.rawValue
        case .raw(let raw): return raw.type
        }
    }

    /// The canonical bytes of the `data` object.
    public var dataBytes: [UInt8] {
        switch self {
        case .domain(let payload): return PayloadCodec.encode(payload)
        case .raw(let raw): return raw.data
        }
    }

    /// Appends the canonical bytes of the `data` object.
    public func writeData(to out: inout [UInt8]) {
        switch self {
        case .domain(let payload): PayloadCodec.encode(payload, to: &out)
        case .raw(let raw): out.append(contentsOf: raw.data)
        }
    }

    /// Types canonical `data` bytes: a domain payload when they fit the type's schema, raw otherwise.
    public static func decoding(type: String, occurredOn: CalendarDate, canonicalData: ArraySlice<UInt8>) -> EventPayload {
        if let known = EventType(rawValue: type),
           let payload = try? PayloadCodec.decode(type: known, occurredOn: occurredOn, data: canonicalData) {
            return .domain(payload)
        }
        return .raw(type: type, data: Array(canonicalData))
    }

    /// The typed payload, if any.
    public var domain: DomainEvent? {
        if case .domain(let payload) = self { return payload }
        return nil
    }
}

/// The type and canonical `data` bytes of a payload that is not typed (rare: boxed, so that `EventPayload` stays
/// one word).
public final class RawPayload: Equatable, Sendable {
    public let type: String
    public let data: [UInt8]

    public init(type: String, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    public static func == (lhs: RawPayload, rhs: RawPayload) -> Bool { lhs.type == rhs.type && lhs.data == rhs.data }
}

/// A fact to be recorded: what happened (its payload), when it happened (`occurredOn`) and who records it.
/// An event becomes a `Record` (in LedgerChain) when the log gives it a sequence number and hashes.
public struct Event: Equatable, Sendable {
    /// Unique id of the event in its ledger; nil asks the writer to generate one.
    public var id: String?
    /// The business date the fact happened.
    public var occurredOn: CalendarDate
    /// Who records it (a clerk's name or account); nil asks the writer to use its default actor.
    public var actor: String?
    /// What happened, typed.
    public var payload: EventPayload

    /// An event with a typed payload: how everything that creates events builds them.
    public init(id: String?, occurredOn: CalendarDate, actor: String?, payload: DomainEvent) {
        self.id = id
        self.occurredOn = occurredOn
        self.actor = actor
        self.payload = .domain(payload)
    }

    public init(id: String?, occurredOn: CalendarDate, actor: String?, payload: EventPayload) {
        self.id = id
        self.occurredOn = occurredOn
        self.actor = actor
        self.payload = payload
    }

    /// Event type, e.g. `fund.income`; lower case letters, digits, `_` and `.`.
    public var type: String { payload.type }

    /// The payload as a JSON object, for output (parses the canonical bytes).
    public var data: [String: JSONValue] {
        guard case .object(let members)? = try? JSONParser.parse(payload.dataBytes) else {
            preconditionFailure("canonical data bytes are a JSON object")
        }
        return members
    }

    /// The bytes that decide whether two events with one id are "the same event": the canonical JSON of
    /// `{"data":…,"occurred_on":…,"type":…}`. Actor and recording time are not part of the content, so a
    /// re-run of the same batch by another clerk is still recognised as a duplicate.
    public var contentBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        out.append(contentsOf: Array("{\"data\":".utf8))
        payload.writeData(to: &out)
        out.append(contentsOf: Array(",\"occurred_on\":\"".utf8))
        occurredOn.appendISO(to: &out)
        out.append(contentsOf: Array("\",\"type\":".utf8))
        CanonicalJSON.writeString(type, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
