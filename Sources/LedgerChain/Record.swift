import LedgerEvents
import LedgerPlatform

/// An event as the log holds it: sequenced, linked to its predecessor and hashed. One line of `events.jsonl`.
public struct Record: Equatable, Sendable {
    /// Position in the log: 1, 2, 3, … without gaps.
    public let seq: Int64
    /// Hash of the previous record; `Record.genesisPrev` for seq 1.
    public let prev: Digest32
    /// SHA-256 of this record's hashed bytes (see ledger-spec.md, "Hashed bytes").
    public let hash: Digest32
    /// First and last seq of the append batch this record was written in.
    public let batchFirst: Int64
    public let batchLast: Int64
    public let id: String
    public let occurredOn: CalendarDate
    /// When the writer recorded it (UTC, whole seconds).
    public let recordedAt: Timestamp
    public let actor: String
    /// The payload, typed (raw canonical bytes for a type this version does not know or data that does not fit).
    public let payload: EventPayload

    public init(seq: Int64, prev: Digest32, hash: Digest32, batchFirst: Int64, batchLast: Int64, id: String,
                occurredOn: CalendarDate, recordedAt: Timestamp, actor: String, payload: EventPayload) {
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.batchFirst = batchFirst
        self.batchLast = batchLast
        self.id = id
        self.occurredOn = occurredOn
        self.recordedAt = recordedAt
        self.actor = actor
        self.payload = payload
    }

    /// A record from a parsed JSON payload (tests and fixtures).
    public init(seq: Int64, prev: Digest32, hash: Digest32, batchFirst: Int64, batchLast: Int64, id: String,
                type: String, occurredOn: CalendarDate, recordedAt: Timestamp, actor: String, data: [String: JSONValue]) {
        self.init(seq: seq, prev: prev, hash: hash, batchFirst: batchFirst, batchLast: batchLast, id: id,
                  occurredOn: occurredOn, recordedAt: recordedAt, actor: actor,
                  payload: Event(id: id, type: type, occurredOn: occurredOn, actor: actor, data: data).payload)
    }

    /// The `prev` of the first record: 64 zero hex digits.
    public static let genesisPrev = Digest32.zero

    /// Event type, e.g. `fund.income`.
    public var type: String { payload.type }

    /// The payload as a JSON object (for output; parses the canonical bytes).
    public var data: [String: JSONValue] { event.data }

    /// The canonical bytes of the `data` object, exactly as the line holds them.
    public var dataBytes: [UInt8] { payload.dataBytes }

    /// The event this record holds (with its id and actor filled in).
    public var event: Event { Event(id: id, occurredOn: occurredOn, actor: actor, payload: payload) }
}
