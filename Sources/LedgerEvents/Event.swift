/// A fact to be recorded: what happened (`type` and `data`), when it happened (`occurredOn`) and who records it.
/// An event becomes a `Record` (in LedgerChain) when the log gives it a sequence number and hashes.
public struct Event: Equatable, Sendable {
    /// Unique id of the event in its ledger; nil asks the writer to generate one.
    public var id: String?
    /// Event type, e.g. `fund.income`; lower case letters, digits, `_` and `.`.
    public var type: String
    /// The business date the fact happened.
    public var occurredOn: CalendarDate
    /// Who records it (a clerk's name or account); nil asks the writer to use its default actor.
    public var actor: String?
    /// The payload: always a JSON object.
    public var data: [String: JSONValue]

    public init(id: String?, type: String, occurredOn: CalendarDate, actor: String?, data: [String: JSONValue]) {
        self.id = id
        self.type = type
        self.occurredOn = occurredOn
        self.actor = actor
        self.data = data
    }

    /// The bytes that decide whether two events with one id are "the same event": the canonical JSON of
    /// `{"data":…,"occurred_on":…,"type":…}`. Actor and recording time are not part of the content, so a
    /// re-run of the same batch by another clerk is still recognised as a duplicate.
    public var contentBytes: [UInt8] {
        CanonicalJSON.encode(.object(["type": .string(type), "occurred_on": .string(occurredOn.description),
                                      "data": .object(data)]))
    }
}

/// Why an event line was rejected: the line, the field and what is allowed.
public struct EventInputError: Error, Equatable, CustomStringConvertible {
    /// Where the event came from, e.g. `events.jsonl` or `stdin`.
    public let source: String
    /// 1-based line number in that source.
    public let lineNumber: Int
    /// The offending field (`occurred_on`, `data.amount_fen`), or nil for the line as a whole.
    public let field: String?
    /// What is wrong and what is allowed.
    public let reason: String

    public init(source: String, lineNumber: Int, field: String?, reason: String) {
        self.source = source
        self.lineNumber = lineNumber
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "\(source):\(lineNumber): " + (field.map { "field \"\($0)\": " } ?? "") + reason
    }
}

/// Reads the event input format of `ledger append`: one JSON object a line,
/// `{"id"?, "type", "occurred_on", "actor"?, "data"}`; blank lines are skipped.
public enum EventInput {
    /// Allowed top-level members of an input line.
    public static let members: Set<String> = ["id", "type", "occurred_on", "actor", "data"]

    /// Parses one line.
    public static func parse(line: [UInt8], source: String, lineNumber: Int) throws(EventInputError) -> Event {
        func fail(_ field: String?, _ reason: String) -> EventInputError {
            EventInputError(source: source, lineNumber: lineNumber, field: field, reason: reason)
        }
        guard line.count <= Limits.eventBytesMax else {
            throw fail(nil, "line is \(line.count) bytes, longer than \(Limits.eventBytesMax) (limit eventBytesMax)")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw fail(nil, "not valid JSON: \(error)") }
        guard case .object(let members) = value else { throw fail(nil, "an event must be a JSON object, found \(value.kindName)") }
        for key in members.keys.sorted() where !EventInput.members.contains(key) {
            throw fail(key, "unknown member; an event line has only id, type, occurred_on, actor and data")
        }
        var id: String? = nil
        if let raw = members["id"] {
            guard let text = raw.stringValue else { throw fail("id", "must be a string, found \(raw.kindName)") }
            if let problem = EventInput.idProblem(text) { throw fail("id", problem) }
            id = text
        }
        guard let typeValue = members["type"] else { throw fail("type", "missing; every event needs a type such as \"fund.income\"") }
        guard let type = typeValue.stringValue else { throw fail("type", "must be a string, found \(typeValue.kindName)") }
        if let problem = EventInput.typeProblem(type) { throw fail("type", problem) }
        guard let dateValue = members["occurred_on"] else { throw fail("occurred_on", "missing; give the business date as YYYY-MM-DD") }
        guard let dateText = dateValue.stringValue, let date = CalendarDate(iso: dateText) else {
            throw fail("occurred_on", "\(CanonicalJSON.string(dateValue)) is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30")
        }
        var actor: String? = nil
        if let raw = members["actor"] {
            guard let text = raw.stringValue else { throw fail("actor", "must be a string, found \(raw.kindName)") }
            if let problem = EventInput.actorProblem(text) { throw fail("actor", problem) }
            actor = text
        }
        guard let dataValue = members["data"] else { throw fail("data", "missing; the payload is a JSON object, {} when empty") }
        guard case .object(let data) = dataValue else { throw fail("data", "must be a JSON object, found \(dataValue.kindName)") }
        return Event(id: id, type: type, occurredOn: date, actor: actor, data: data)
    }

    /// Why `id` is not a valid event or entity id, or nil when it is: 1…128 bytes, no white space (Unicode
    /// White_Space), quotes, backslashes or control characters (Unicode Cc: U+0000–U+001F, U+007F–U+009F), so an id
    /// is written in a record exactly as it is, without escapes, and no invisible character makes two ids look alike.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "must not be empty" }
        if id.utf8.count > Limits.idBytesMax { return "is longer than \(Limits.idBytesMax) bytes (limit idBytesMax)" }
        // Printable ASCII is the usual case and needs no Unicode property look-up.
        if id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) { return nil }
        for scalar in id.unicodeScalars where isControl(scalar) || scalar.properties.isWhitespace
            || scalar == "\"" || scalar == "\\" {
            return "\"\(id)\" contains a space, quote, backslash or control character; ids are single words like A-0001"
        }
        return nil
    }

    /// Why `actor` is not a valid actor, or nil: it must hold at least one character that is not white space
    /// (Unicode White_Space), so that every record names who recorded it.
    public static func actorProblem(_ actor: String) -> String? {
        actor.unicodeScalars.contains { !$0.properties.isWhitespace }
            ? nil : "actor \"\(actor)\" is empty or only white space; name who records the event"
    }

    /// A control character in the sense of the spec: Unicode general category Cc (C0, DEL and C1).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// Why `type` is not a well-formed type name, or nil: lower-case letters, digits, `_` and `.`, starting with a letter.
    public static func typeProblem(_ type: String) -> String? {
        let bytes = Array(type.utf8)
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), bytes.count <= 64 else {
            return "\"\(type)\" is not a type name; use lower-case words joined by . or _, e.g. fund.income"
        }
        for b in bytes {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            if !ok { return "\"\(type)\" is not a type name; use lower-case words joined by . or _, e.g. fund.income" }
        }
        return nil
    }
}
