/// Reads the event input format of `ledger append`: one JSON object a line,
/// `{"id"?, "type", "occurred_on", "actor"?, "data"}`; blank lines are skipped.
public enum EventInput {
    /// Allowed top-level members of an input line.
    public static let members: Set<String> = ["id", "type", "occurred_on", "actor", "data"]

    /// Parses one line; throws `.eventLine` with the line's first problem.
    /// - Parameters:
    ///   - personal: turns the value of each `{"person":"…"}` in `data` into its commitment (ledger-spec.md
    ///     section 10.3; `ledger append` keeps the salt and value in `private/`); nil leaves the form in place, and
    ///     the schema then refuses it.
    ///   - atDoor: a person's input to the writer: the door's rules apply too (the id and every id of the payload in
    ///     Unicode NFC, EventInput+NFC.swift; an actor without control characters, `actorDoorProblemWording`). False
    ///     for a line the program wrote itself.
    public static func parse(line: [UInt8], source: String, lineNumber: Int,
                             personal: ((String) -> PersonalCommitment?)? = nil, atDoor: Bool = false) throws(EventError) -> Event {
        do { return try parseAll(line: line, source: source, lineNumber: lineNumber, personal: personal, atDoor: atDoor) } catch {
            guard case .eventLine(let problems) = error, problems.count > 1 else { throw error }
            throw .eventLine([problems[0]])
        }
    }

    /// Every problem of a line at once (a clerk fixes the line in one pass), thrown as one `.eventLine` in the
    /// order they are met (`parse` throws the first). Problems that make the rest unreadable (the line too long, not JSON, not an
    /// object) stop there; the members are each checked (unknown members, id, type, date, actor, data), and the
    /// payload is read only when they are all right.
    public static func parseAll(line: [UInt8], source: String, lineNumber: Int,
                                personal: ((String) -> PersonalCommitment?)? = nil, atDoor: Bool = false) throws(EventError) -> Event {
        var errors: [EventError.LineProblem] = []
        func fail(_ field: String?, _ reason: Wording) -> EventError {
            errors.append(EventError.LineProblem(source: source, lineNumber: lineNumber, field: field, reason: reason))
            return .eventLine(errors)
        }
        func note(_ field: String?, _ reason: Wording) {
            errors.append(EventError.LineProblem(source: source, lineNumber: lineNumber, field: field, reason: reason))
        }
        guard line.count <= Limits.eventBytesMax else {
            throw fail(nil, EventWords.lineTooLong(line.count) + (EventWords.notJSONHint(line: line, error: nil) ?? Wording(same: "")))
        }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw fail(nil, EventWords.notJSON(error) + (EventWords.notJSONHint(line: line, error: error) ?? Wording(same: "")))
        }
        guard case .object(let members) = value else { throw fail(nil, EventWords.eventNotAnObject(found: EventWords.kind(value.kindName))) }
        for key in members.keys.sorted() where !EventInput.members.contains(key) {
            note(key, EventWords.unknownMember)
        }
        var id: String? = nil
        if let raw = members["id"] {
            if let text = raw.stringValue {
                let problem = atDoor ? EventInput.doorIDProblemWording(text) : EventInput.idProblemWording(text)
                if let problem { note("id", problem) } else { id = text }
            } else {
                note("id", EventWords.mustBe(EventWords.Expected.string, found: EventWords.kind(raw.kindName)))
            }
        }
        var type: String? = nil
        // The type whose schema the data is checked against: the line's, or the one a mistyped type plainly means
        // (`Fund.Income`, `fund.incme`), so that the clerk sees the data's problems in the same run.
        var schemaType: String? = nil
        if let typeValue = members["type"] {
            if let text = typeValue.stringValue {
                if let problem = EventInput.typeProblemWording(text) {
                    let meant = likelyType(text)
                    note("type", meant.map { problem + EventWords.checkedAs($0.rawValue) } ?? problem)
                    schemaType = meant?.rawValue
                } else {
                    // A well-formed type this version does not know is kept (the record could still be read); its
                    // problem, and the data's as the type it plainly means, come from the schema check.
                    type = text
                    schemaType = text
                }
            } else {
                note("type", EventWords.mustBe(EventWords.Expected.string, found: EventWords.kind(typeValue.kindName)))
            }
        } else {
            note("type", EventWords.missingType)
        }
        var date: CalendarDate? = nil
        if let dateValue = members["occurred_on"] {
            if let dateText = dateValue.stringValue, let parsed = CalendarDate(iso: dateText) {
                date = parsed
            } else {
                note("occurred_on", EventWords.notADate(CanonicalJSON.string(dateValue)))
            }
        } else {
            note("occurred_on", EventWords.missingDate)
        }
        var actor: String? = nil
        if let raw = members["actor"] {
            if let text = raw.stringValue {
                if let problem = atDoor ? EventInput.actorDoorProblemWording(text) : EventInput.actorProblemWording(text) {
                    note("actor", problem)
                } else { actor = text }
            } else {
                note("actor", EventWords.mustBe(EventWords.Expected.string, found: EventWords.kind(raw.kindName)))
            }
        }
        guard let dataValue = members["data"] else { throw fail("data", EventWords.missingData) }
        guard case .object = dataValue else { throw fail("data", EventWords.mustBe(EventWords.Expected.jsonObject, found: EventWords.kind(dataValue.kindName))) }
        var data = dataValue
        // People type yuan: `"amount": "3,000.00"` beside the stored `amount_fen` (likewise rent, amount_cap,
        // balance) is turned into fen here, at the door; the record holds only the fen member. A value that is not
        // yuan is a problem of its own, and the rest of the data is still checked.
        var doorProblems: [YuanMemberProblem] = []
        data = yuanMembers(data, path: "data", type: schemaType, problems: &doorProblems)
        if let personal {
            data = committingPersons(data, path: "data", personal, atDoor: atDoor, problems: &doorProblems)
        }
        for problem in doorProblems { note(problem.field, problem.reason) }
        // Any key order and white space in, written canonically, then read by the type's one decoder: the same
        // typed value the record's bytes decode to (kept as bytes when it does not fit, for the message).
        let canonical = CanonicalJSON.encode(data)
        guard let type, let date, errors.isEmpty else {
            // A line refused for another member (its id, date, actor, a mistyped type, an unknown member) has its
            // payload checked too, when the type is known: every problem of the schema is listed with the others.
            if let schemaType {
                for problem in DomainEvent.problems(type: schemaType, occurredOn: date, canonicalData: canonical[...], atDoor: atDoor) {
                    note(problem.field == "type" ? "type" : problem.field, problem.wording)
                }
            }
            throw .eventLine(errors)
        }
        // At the door, a payload naming an id that is not in NFC is refused with every other problem it has.
        if atDoor {
            var problems = DomainEvent.doorProblems(type: type, occurredOn: date, canonicalData: canonical[...])
            // A correction's replacement may keep the id the record it corrects registered, NFC or not, invisible
            // character or not: that is a reference to the entity, not a new id. Whether it is the same id needs
            // the log, so `ledger append` decides it (`replacementIDOutsideDoorRules`); the door lets it pass.
            if let kept = replacementIDOutsideDoorRules(type: type, data: data) {
                problems.removeAll { $0.field == kept.field }
            }
            for problem in problems { note(problem.field, problem.wording) }
            if !problems.isEmpty { throw .eventLine(errors) }
        }
        let payload = EventPayload.decoding(type: type, occurredOn: date, canonicalData: canonical[...])
        return Event(id: id, occurredOn: date, actor: actor, payload: payload)
    }

    /// The event type a mistyped `type` plainly means, if one: the same words in another case or with spaces or
    /// hyphens (`Fund.Income`, ` fund-income`), the one type within two letters of it (`fund.incme`), or the one
    /// type whose last word (`income`, `transfers`: an import's kind) or Chinese name (`收入`) it is — so that the
    /// line's data is checked as that type in the same run, not hidden behind the type's problem (review 38e m4).
    static func likelyType(_ text: String) -> EventType? {
        let trimmed = text.lowercased().drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        let folded = String(trimmed.map { $0 == "-" || $0 == " " ? "_" : $0 })
        if let exact = EventType(rawValue: folded) { return exact }
        let close = EventType.allCases.filter { NearestName.editDistance(Array(folded.utf8), Array($0.rawValue.utf8), atMost: 2) <= 2 }
        if !close.isEmpty { return close.count == 1 ? close[0] : nil }
        let named = EventType.allCases.filter { type in
            let last = type.rawValue.split(separator: ".").last.map(String.init) ?? type.rawValue
            return folded == last || folded == last + "s" || String(trimmed) == type.chineseName
        }
        return named.count == 1 ? named[0] : nil
    }

    /// The members that may be given in yuan: each name stands for its `<name>_fen` member.
    public static let yuanMemberNames: [String] = ["amount", "amount_cap", "balance", "rent"]

    /// A problem met at the door (a yuan member, a `{"person": …}`), with its field.
    struct YuanMemberProblem {
        let field: String
        let reason: Wording
    }

    /// `value` with each yuan member (`amount`, `amount_cap`, `balance`, `rent`, at any depth but inside an asset's
    /// `attributes`) replaced by its `_fen` member in fen. A yuan member is decimal text as people write it (`"3000"`, `"3,000.00"`, `"¥3000.5"`,
    /// `"3000元"`) or a whole JSON number of yuan; both members at once, or a value that is not yuan, is refused (a
    /// negative one, however written, with where the money of an event of `type` belongs).
    static func yuanMembers(_ value: JSONValue, path: String, type: String? = nil, problems: inout [YuanMemberProblem]) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for key in members.keys.sorted() {
                let member = members[key]!
                guard yuanMemberNames.contains(key) else {
                    // An asset's attributes are the clerk's own words (text → text): a key there is not a yuan member.
                    out[key] = key == "attributes" ? member : yuanMembers(member, path: path + "." + key, type: type, problems: &problems)
                    continue
                }
                let fenKey = key + "_fen"
                // A stand-in of 1 fen for a refused value, so that the schema does not call the amount missing too
                // (the line is refused whatever the schema says).
                let standIn = JSONValue.integer(1)
                if members[fenKey] != nil {
                    problems.append(YuanMemberProblem(field: path + "." + key, reason: EventWords.yuanBesideFen(key, fenKey)))
                    continue
                }
                let text: String
                switch member {
                case .string(let written): text = written
                case .integer(let yuan): text = String(yuan)
                case .null: out[fenKey] = .null; continue
                default:
                    problems.append(YuanMemberProblem(field: path + "." + key, reason: EventWords.yuanWrongKind(found: EventWords.kind(member.kindName))))
                    out[fenKey] = standIn
                    continue
                }
                do throws(EventError) {
                    out[fenKey] = .integer(try Amount.parse(yuanText: text).fen)
                } catch {
                    let value = CanonicalJSON.string(member)
                    // A negative amount in any form (`"-¥100"`, `"¥-100"`, `-100`, `"(100)"`) gets the same advice.
                    let reason = NegativeYuan(text).map { EventWords.negativeYuan(value, $0, type: type) } ?? EventWords.notYuan(value, error)
                    problems.append(YuanMemberProblem(field: path + "." + key, reason: reason))
                    out[fenKey] = standIn
                }
            }
            return .object(out)
        case .array(let items):
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() { out.append(yuanMembers(item, path: path + "[\(index)]", type: type, problems: &problems)) }
            return .array(out)
        default:
            return value
        }
    }

    /// `value` with every object `{"person": "<text>"}` (exactly that one member) replaced by
    /// `{"commitment": "<64 hex>"}` from `commit`; each problem (an empty text, a failed commitment) is added to
    /// `problems` and the object replaced by a stand-in text, so the rest is still checked. Whether the field may
    /// hold personal data is the schema's decision, made afterwards. `atDoor`: the text is held to the door's name
    /// rule too (`nameFault`: no control character, line break or invisible character, no space at an end):
    /// `张三` and `张三\r\n` would be two commitments, and `erase-personal --subject 张三` would miss the second.
    static func committingPersons(_ value: JSONValue, path: String, _ commit: (String) -> PersonalCommitment?, atDoor: Bool = false,
                                  problems: inout [YuanMemberProblem]) -> JSONValue {
        switch value {
        case .object(let members):
            if members.count == 1, let person = members["person"], case .string(let text) = person {
                guard PayloadObject<PersonalDataErased.Key>.hasVisibleCharacter(text) else {
                    problems.append(YuanMemberProblem(field: path + ".person", reason: EventWords.personEmpty))
                    return .string("?")
                }
                if atDoor, let fault = nameFault(text) {
                    problems.append(YuanMemberProblem(field: path + ".person", reason: EventWords.nameProblem(text, fault, person: true)))
                    return .string("?")
                }
                guard let commitment = commit(text) else {
                    problems.append(YuanMemberProblem(field: path + ".person", reason: EventWords.personNoSalt))
                    return .string("?")
                }
                return .object(["commitment": .string(commitment.hex)])
            }
            var out: [String: JSONValue] = [:]
            // Sorted, so that the order of the problems never depends on a dictionary's order.
            for key in members.keys.sorted() {
                out[key] = committingPersons(members[key]!, path: path + "." + key, commit, atDoor: atDoor, problems: &problems)
            }
            return .object(out)
        case .array(let items):
            return .array(items.enumerated().map { committingPersons($0.element, path: path + "[\($0.offset)]", commit, atDoor: atDoor, problems: &problems) })
        default:
            return value
        }
    }

    /// Why `id` is not a valid event or entity id, or nil when it is: 1…128 bytes, no white space (Unicode
    /// White_Space), quotes, backslashes or control characters (Unicode Cc: U+0000–U+001F, U+007F–U+009F), so an id
    /// is written in a record exactly as it is, without escapes, and no invisible character makes two ids look alike.
    public static func idProblem(_ id: String) -> String? { idProblemWording(id)?.en }

    /// `idProblem` in both languages.
    public static func idProblemWording(_ id: String) -> Wording? { idFault(id).map { EventWords.idProblem(id, $0) } }

    /// Why an id is refused (see `idProblem`), for messages that show the id themselves.
    public enum IDFault: Equatable, Sendable {
        case empty
        case tooLong
        case badCharacter
        /// Not in Unicode NFC: a rule of the writer's door only (`doorIDFault`, EventInput+NFC.swift), never
        /// returned by `idFault`, which the reader of a record applies too.
        case notNFC(written: String, nfc: String)
        /// Holds a character a reader cannot see (`DisplayText.isInvisible` that is not white space or a control:
        /// U+200B, U+2060, U+FEFF, bidi controls, U+00AD, U+3164, variation selectors): a rule of the writer's
        /// door only, like `notNFC`. `A-1` and `A-1` + U+200B look the same on every screen and list, but are two ids.
        case invisible(UnicodeScalar)
        /// Holds full-width ASCII forms (U+FF01–U+FF5E: `Ａ－１`), which look like `ascii` but are other bytes: a
        /// rule of the writer's door only, like `notNFC` (`EventInput.fullWidthASCII`).
        case fullWidth(written: String, ascii: String)
        /// Holds U+FFFC, U+FFFD or a private-use character (`EventInput.isStandIn`): something stands where a
        /// character was lost, or a character with no meaning of its own. A rule of the writer's door only.
        case standIn(UnicodeScalar)
        /// Begins with a combining mark (`EventInput.isCombiningMark`: U+0301…), an accent with no letter under it
        /// (an id of marks only, among others). A rule of the writer's door only.
        case startsWithMark(UnicodeScalar)

        /// What is wrong, without the id: "must not be empty", "contains a space, …".
        public var reason: String { wording.en }

        /// What is wrong, without the id, in both languages.
        public var wording: Wording { EventWords.idFault(self) }
    }

    /// Why `id` is not a valid id (the rules of `idProblem`), or nil when it is. A rule of the record: `verify`
    /// applies it to every record (`RecordLineScanner`); the door adds Unicode NFC (`doorIDFault`).
    public static func idFault(_ id: String) -> IDFault? {
        if id.isEmpty { return .empty }
        if id.utf8.count > Limits.idBytesMax { return .tooLong }
        // Printable ASCII is the usual case and needs no Unicode property look-up.
        if id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) { return nil }
        for scalar in id.unicodeScalars where isControl(scalar) || scalar.properties.isWhitespace
            || scalar == "\"" || scalar == "\\" {
            return .badCharacter
        }
        return nil
    }

    /// Why `actor` is not a valid actor, or nil: it must hold at least one character that is not white space
    /// (Unicode White_Space), so that every record names who recorded it.
    public static func actorProblem(_ actor: String) -> String? { actorProblemWording(actor)?.en }

    /// `actorProblem` in both languages.
    public static func actorProblemWording(_ actor: String) -> Wording? {
        actor.unicodeScalars.contains { !$0.properties.isWhitespace } ? nil : EventWords.emptyActor(actor)
    }

    /// `actorProblemWording`, and also a control character (`isControl`): the rule of the writer's door for an actor
    /// typed by a clerk (an input line's `actor`, `--actor`, `$LEDGER_ACTOR`, `$USER`). The record format allows
    /// control characters in `actor` (ledger-spec.md section 2; `verify` keeps accepting them), but a tab or a line
    /// break in who recorded an event is a paste from a spreadsheet cell, never a name: refused before it is recorded.
    /// A bidi control, a replacement, object or private-use character (`isHiddenInActor`) is refused too: it
    /// makes the name read as another on screen, or stands for a character that was lost.
    public static func actorDoorProblemWording(_ actor: String) -> Wording? {
        if let problem = actorProblemWording(actor) { return problem }
        if actor.unicodeScalars.contains(where: isControl) { return EventWords.actorControl(actor) }
        if actor.utf8.contains(where: { $0 >= 0x80 }), let scalar = actor.unicodeScalars.first(where: isHiddenInActor) {
            return EventWords.actorHidden(actor, scalar)
        }
        return nil
    }

    /// A control character in the sense of the spec: Unicode general category Cc (C0, DEL and C1).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// Why `type` is not a well-formed type name, or nil: lower-case letters, digits, `_` and `.`, starting with a letter.
    public static func typeProblem(_ type: String) -> String? { typeProblemWording(type)?.en }

    /// `typeProblem` in both languages.
    public static func typeProblemWording(_ type: String) -> Wording? {
        let bytes = Array(type.utf8)
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), bytes.count <= 64 else {
            return EventWords.notATypeName(type)
        }
        for b in bytes {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            if !ok { return EventWords.notATypeName(type) }
        }
        return nil
    }
}
