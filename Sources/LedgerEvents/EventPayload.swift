import LedgerPlatform

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

    /// Appends the canonical bytes of the `data` object to a line being made (the same bytes).
    public func writeData(to out: inout LineBuffer) {
        switch self {
        case .domain(let payload): PayloadCodec.encode(payload, to: &out)
        case .raw(let raw): out.append(raw.data)
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
