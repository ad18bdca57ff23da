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
