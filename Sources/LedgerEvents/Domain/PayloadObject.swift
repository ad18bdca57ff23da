import LedgerPlatform

/// One JSON object of a payload, read in two steps: `init` finds where each member's value is (one pass over the
/// bytes, members matched against the key enum `K`), then the schema reads the members it wants in the order
/// its checks run — the order that decides which problem is reported when a payload has several. Every
/// message a clerk sees about a payload's fields is written here.
///
/// The input is canonical JSON (valid UTF-8, no white space, sorted keys without duplicates, minimal escapes);
/// bytes that are not JSON at all are refused without a trap ("is not valid JSON"), never misread.
struct PayloadObject<K: PayloadKey> {
    let bytes: ArraySlice<UInt8>
    /// The event type whose schema reads this object, for messages.
    let type: String
    /// The field path of the object that holds this one (`data`), and this object's member name there (empty for
    /// the payload itself): the path is put together only for a message.
    private let parentPath: String
    private let member: String
    /// Where each member's value starts and ends (indexes of `bytes`); start −1 when the member is absent.
    private var starts = SIMD16<Int>(repeating: -1)
    private var ends = SIMD16<Int>(repeating: -1)
    /// Bit k set: member k is a string with an escape in it.
    private var escaped: UInt16 = 0
    /// Where the first member that is not one of `K` starts (its key's opening quote), if any.
    private var firstUnknown: Int?
    /// Where the object starts (its `{`).
    private let start: Int
    /// Where every problem is collected (`PayloadCodec.problems`), or nil: the first problem is thrown.
    let sink: PayloadProblems?
    /// How many members the object has, known or not.
    private(set) var memberCount = 0
    /// The index just past the object's closing brace.
    private(set) var end: Int

    /// Locates the members of the object that starts at `start` (its `{`); `path` is the field path of the object
    /// (`data`), or with `member` the path of the object that holds it and its name there.
    init(_ bytes: ArraySlice<UInt8>, at start: Int, type: String, path: String, member: String = "",
         sink: PayloadProblems? = nil) throws(EventError) {
        self.bytes = bytes
        self.type = type
        self.parentPath = path
        self.member = member
        self.start = start
        self.sink = sink
        end = start
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "{"), start + 1 < bytes.endIndex else {
            throw EventError.payload(type: type, field: self.path, reason: EventWords.notValidJSON)
        }
        var p = start + 1
        if bytes[p] == UInt8(ascii: "}") {
            end = p + 1
            return
        }
        let names = K.names
        var cursor = 0
        while true {
            let keyStart = p
            // The next member is usually the next name (keys come in canonical order): matched where it lies,
            // without scanning the key first.
            var matched = -1
            var keyEnd = 0
            var keyEscaped = false
            if let (index, end) = names.match(bytes, at: p, from: cursor) {
                matched = index
                keyEnd = end
            } else {
                guard let (end, escaped) = JSONBytes.scanString(bytes, at: p), end < bytes.endIndex,
                      bytes[end] == UInt8(ascii: ":") else { break }
                keyEnd = end
                keyEscaped = escaped
            }
            let valueStart = keyEnd + 1
            guard valueStart < bytes.endIndex else { break }
            let valueEnd: Int
            var valueEscaped = false
            if bytes[valueStart] == UInt8(ascii: "\"") {
                guard let (stringEnd, hasEscape) = JSONBytes.scanString(bytes, at: valueStart) else { break }
                valueEnd = stringEnd
                valueEscaped = hasEscape
            } else {
                guard let other = JSONBytes.endOfValue(bytes, at: valueStart) else { break }
                valueEnd = other
            }
            // An escaped key is never one of the names (they are plain ASCII words).
            if matched < 0, !keyEscaped, let found = names.index(of: bytes, from: keyStart + 1, to: keyEnd - 1, first: cursor) {
                matched = found
            }
            if matched >= 0, starts[matched] < 0 {
                let found = matched
                starts[found] = valueStart
                ends[found] = valueEnd
                if valueEscaped { escaped |= 1 << UInt16(found) }
                cursor = found + 1 == names.offsets.count - 1 ? 0 : found + 1
            } else if firstUnknown == nil {
                firstUnknown = keyStart
            }
            memberCount += 1
            p = valueEnd
            guard p < bytes.endIndex else { break }
            if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
            guard bytes[p] == UInt8(ascii: "}") else { break }
            end = p + 1
            return
        }
        throw EventError.payload(type: type, field: self.path, reason: EventWords.notValidJSON)
    }

    /// The field path of this object (`data`, `data.source`, `data.replacement.data`).
    var path: String { member.isEmpty ? parentPath : "\(parentPath).\(member)" }

    /// An empty object standing in for one that is missing or wrong while every problem is collected: its own
    /// members are not reported (the problem is the object's), and the rules over them are skipped.
    init(standInFor type: String, path: String, member: String) {
        bytes = [UInt8]()[...]
        self.type = type
        parentPath = path
        self.member = member
        start = 0
        end = 0
        sink = PayloadProblems(muted: true)
    }

    // MARK: - Every problem at once

    /// `read()`, or when every problem is collected, `standIn` after noting the problem `read` met.
    @inline(__always)
    private func orStandIn<T>(_ standIn: @autoclosure () -> T, _ read: () throws(EventError) -> T) throws(EventError) -> T {
        do throws(EventError) { return try read() } catch {
            guard let sink else { throw error }
            sink.add(error)
            return standIn()
        }
    }

    /// Throws `problem`, or notes it when every problem is collected (the reader goes on).
    func note(_ problem: EventError) throws(EventError) {
        guard let sink else { throw problem }
        sink.add(problem)
    }

    /// Whether `key` had a problem of its own (always false when the first problem is thrown: there is none yet).
    func failed(_ key: K) -> Bool { sink?.failed("\(path).\(K.names.text[key.rawValue])") ?? false }

    /// Whether the event's date is known: a line whose `occurred_on` is bad still has its payload checked, without
    /// the rules that compare a payload date with it.
    var occurredOnKnown: Bool { sink?.occurredOnKnown ?? true }

    /// Runs `body` (a nested payload's reader) with the event's date unknown when `known` is false and every
    /// problem is collected: a replacement whose own date is bad still has its payload checked.
    func withEventDate<T>(known: Bool, _ body: () throws(EventError) -> T) throws(EventError) -> T {
        guard let sink, !known, sink.occurredOnKnown else { return try body() }
        sink.occurredOnKnown = false
        defer { sink.occurredOnKnown = true }
        return try body()
    }

    /// A rule between fields already read (`end_on` not before `start_on`): refused on `key` with `reason` unless it
    /// holds. When every problem is collected, a rule over a field with a problem of its own (`key`, `a`, `b`), or
    /// over the event's date when that is unknown (`dated`), is left out: the value it would look at is a stand-in.
    func rule(_ holds: @autoclosure () -> Bool, _ key: K, _ reason: @autoclosure () -> Wording,
              given a: K? = nil, _ b: K? = nil, dated: Bool = false) throws(EventError) {
        if let sink {
            if dated && !sink.occurredOnKnown { return }
            if failed(key) || a.map(failed) == true || b.map(failed) == true { return }
            if !holds() { sink.add(fail(key, reason())) }
        } else if !holds() {
            throw fail(key, reason())
        }
    }

    /// A rule of the writer's door between fields already read (ledger-spec.md section 8: a vote's owners and area,
    /// a part's registration date): as `rule`, but noted only at the door, where every problem is collected; a record
    /// is read without it, so that a log written before the rule still verifies and folds.
    func doorRule(_ holds: @autoclosure () -> Bool, _ key: K, _ reason: @autoclosure () -> Wording, given a: K? = nil,
                  dated: Bool = false) {
        guard let sink, sink.atDoor, !failed(key), a.map(failed) != true else { return }
        if dated && !sink.occurredOnKnown { return }
        if holds() { return }
        sink.doorProblemCount += 1
        sink.add(fail(key, reason()))
    }

    // MARK: - Messages

    func fail(_ key: K, _ reason: Wording) -> EventError {
        EventError.payload(type: type, field: "\(path).\(K.names.text[key.rawValue])", reason: reason)
    }

    /// A problem with the object as a whole.
    func failHere(_ reason: Wording) -> EventError { EventError.payload(type: type, field: path, reason: reason) }

    /// A problem with an element of a member (`asset_ids[1]`, `attributes.编号`).
    func fail(_ key: K, suffix: String, _ reason: Wording) -> EventError {
        EventError.payload(type: type, field: "\(path).\(K.names.text[key.rawValue])\(suffix)", reason: reason)
    }

    /// Refuses members outside `allowed` (all of `K` when nil): a misspelt field must not vanish silently. The
    /// first in canonical order is named.
    func onlyAllowed(_ allowed: [K]? = nil) throws(EventError) {
        var first = firstUnknown
        if let allowed {
            for key in K.allCases where !allowed.contains(key) && starts[key.rawValue] >= 0 {
                let keyStart = starts[key.rawValue] - 3 - K.names.bytes[key.rawValue].count
                if first.map({ keyStart < $0 }) ?? true { first = keyStart }
            }
        }
        guard let first else { return }
        let names = (allowed ?? Array(K.allCases)).map { K.names.text[$0.rawValue] }.sorted()
        func problem(at keyStart: Int) -> EventError {
            let name = JSONBytes.string(bytes, at: keyStart)
            // A payload (`data`, a replacement's `data`) is the type's; a nested object is named.
            let payload = path == "data" || path.hasSuffix(".data")
            return EventError.payload(type: type, field: name.isEmpty ? path : "\(path).\(name)",
                                reason: payload ? EventWords.unknownField(type: type, allowed: names)
                                                : EventWords.unknownField(type: type, object: path, allowed: names))
        }
        guard let sink else { throw problem(at: first) }
        // Every member that is not allowed, in the order written (the first is the one thrown otherwise).
        var p = start + 1
        while p < end - 1 {
            guard let keyEnd = JSONBytes.endOfString(bytes, at: p), let valueEnd = JSONBytes.endOfValue(bytes, at: keyEnd + 1) else { break }
            let valueStart = keyEnd + 1
            let known = K.allCases.first { starts[$0.rawValue] == valueStart }
            if known == nil || (allowed.map { !$0.contains(known!) } ?? false) { sink.add(problem(at: p)) }
            p = valueEnd + 1
        }
    }

    // MARK: - Presence

    /// The value's bytes, nil when the member is absent.
    @inline(__always) func value(_ key: K) -> Range<Int>? {
        let start = starts[key.rawValue]
        return start < 0 ? nil : start..<ends[key.rawValue]
    }

    /// Present with a value other than `null`.
    func has(_ key: K) -> Bool {
        guard let range = value(key) else { return false }
        return bytes[range.lowerBound] != UInt8(ascii: "n")
    }

    /// Present as an explicit `null` (counts as absent; kept in `WrittenForm`).
    func isNull(_ key: K) -> Bool {
        guard let range = value(key) else { return false }
        return bytes[range.lowerBound] == UInt8(ascii: "n")
    }

    /// The value of a member that must be present and not null; `what` (what to give) is worded only when it is
    /// not (an id's example is worked out from the member's name: doing it for every id read cost a tenth of the
    /// rebuild of `index/`).
    func required(_ key: K, _ what: @autoclosure () -> Wording) throws(EventError) -> Range<Int> {
        guard let range = value(key), bytes[range.lowerBound] != UInt8(ascii: "n") else { throw fail(key, EventWords.missing(give: what())) }
        return range
    }

    // MARK: - Field forms (ledger-spec.md, "Domain events")

    /// A non-empty string with a character that is not white space.
    func string(_ key: K) throws(EventError) -> String {
        try orStandIn("") { () throws(EventError) -> String in
            let range = try required(key, EventWords.Expected.nonEmptyString)
            guard bytes[range.lowerBound] == UInt8(ascii: "\"") else {
                if Self.commitment(bytes[range]) != nil || JSONBytes.isPersonInput(bytes[range]) {
                    throw fail(key, EventWords.personNotAllowed(fields: DomainEvent.personalFieldNames))
                }
                throw fail(key, EventWords.mustBe(EventWords.Expected.string, found: kind(range)))
            }
            guard escaped & (1 << UInt16(key.rawValue)) == 0 else {
                let text = JSONBytes.string(bytes, at: range.lowerBound)
                guard Self.hasVisibleCharacter(text) else { throw fail(key, EventWords.mustNotBeEmpty) }
                return text
            }
            let body = (range.lowerBound + 1)..<(range.upperBound - 1)
            let text = String(decoding: bytes[body], as: UTF8.self)
            // Usually the first byte decides: a character other than white space (no white-space character of
            // Unicode starts with a byte outside 09–0D, 20, C2, E1–E3).
            if let first = bytes[body].first {
                let visibleASCII = first < 0x80 && first != 0x20 && !(first >= 0x09 && first <= 0x0D)
                let visibleOther = first >= 0x80 && first != 0xC2 && !(first >= 0xE1 && first <= 0xE3)
                if visibleASCII || visibleOther { return text }
            }
            guard Self.hasVisibleCharacter(text) else { throw fail(key, EventWords.mustNotBeEmpty) }
            return text
        }
    }

    func optionalString(_ key: K) throws(EventError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// A name or grouping key (a community's name, street and residents' committee, an asset's name): `string`,
    /// and at the writer's door also `EventInput.nameFault` (EventInput+Names.swift), a rule of the door only: a
    /// record is read without it.
    func name(_ key: K) throws(EventError) -> String {
        let text = try string(key)
        doorName(key, text)
        return text
    }

    func optionalName(_ key: K) throws(EventError) -> String? {
        has(key) ? try name(key) : nil
    }

    /// Notes the door's name rule on `text`, the value of `key`, when it was read without a problem of its own.
    /// `person`: the plain text of a field that may name a person, committed only under `--private`.
    private func doorName(_ key: K, _ text: String, person: Bool = false) {
        guard let sink, sink.atDoor, !failed(key), let fault = EventInput.nameFault(text) else { return }
        sink.doorProblemCount += 1
        sink.add(fail(key, EventWords.nameProblem(text, fault, person: person, inClear: person)))
    }

    /// A field that may name a private person: a non-empty string, or `{"commitment":"<64 hex>"}` (ledger-spec.md
    /// section 10.3).
    func person(_ key: K) throws(EventError) -> PersonalText {
        try orStandIn(.plain("")) { () throws(EventError) -> PersonalText in
            let range = try required(key, EventWords.Expected.person)
            guard bytes[range.lowerBound] == UInt8(ascii: "{") else {
                // At the door, the plain text is held to the name rule: `--private` commits it, and a person is
                // found by the exact text (`erase-personal --subject`).
                let text = try string(key)
                doorName(key, text, person: true)
                return .plain(text)
            }
            if let commitment = Self.commitment(bytes[range]) { return .committed(commitment) }
            if JSONBytes.isPersonInput(bytes[range]) {
                throw fail(key, EventWords.personInRecord)
            }
            throw fail(key, EventWords.personShape)
        }
    }

    /// The commitment written as `{"commitment":"<64 lower-case hex>"}`, exactly; nil for anything else.
    static func commitment(_ value: ArraySlice<UInt8>) -> PersonalCommitment? {
        let prefix = Array("{\"commitment\":\"".utf8)
        guard value.count == prefix.count + 64 + 2, value.starts(with: prefix), value.last == UInt8(ascii: "}"),
              value[value.endIndex - 2] == UInt8(ascii: "\"") else { return nil }
        let start = value.startIndex + prefix.count
        return Digest32(hexUTF8: value[start..<(start + 64)]).map(PersonalCommitment.init)
    }

    /// A non-empty array of distinct commitments, each 64 lower-case hex digits.
    func commitments(_ key: K) throws(EventError) -> [PersonalCommitment] {
        try distinctStrings(key, what: EventWords.Expected.commitments, kind: EventWords.Expected.commitmentArray,
                            empty: EventWords.AtLeastOne.commitment, element: EventWords.Expected.commitmentString) { item in
            let text = JSONBytes.string(bytes, at: item.lowerBound)
            return (text, PersonalCommitment(hex: text) == nil ? EventWords.notACommitment(text) : nil)
        }.map { PersonalCommitment(hex: $0)! }
    }

    /// An entity id: 1…128 bytes, no spaces, quotes, backslashes or control characters (and at the writer's door,
    /// in Unicode NFC when the event introduces it).
    /// - Parameter introduces: the id is the one the event registers (`community_id` of `community.registered`,
    ///   `fund_id` of `fund.opened`, …), so the door's NFC rule applies. A reference is exempt: it must equal, byte
    ///   for byte, an id the log holds (the reference checks), which is how an entity registered before the rule
    ///   under a decomposed id stays reachable; a decomposed reference to an NFC id is refused as unregistered.
    func id(_ key: K, introduces: Bool = false) throws(EventError) -> String {
        try orStandIn("") { () throws(EventError) -> String in
            let range = try required(key, EventWords.Expected.id(field: K.names.text[key.rawValue]))
            guard bytes[range.lowerBound] == UInt8(ascii: "\"") else { throw fail(key, EventWords.mustBe(EventWords.Expected.stringID, found: kind(range))) }
            let (text, problem) = idText(range, door: introduces)
            if let problem { throw fail(key, problem) }
            return text
        }
    }

    func optionalID(_ key: K) throws(EventError) -> String? {
        has(key) ? try id(key) : nil
    }

    /// A non-empty array of distinct ids.
    func ids(_ key: K) throws(EventError) -> [String] {
        try distinctStrings(key, what: EventWords.Expected.ids, kind: EventWords.Expected.idArray, empty: EventWords.AtLeastOne.id,
                            element: EventWords.Expected.stringID) { idText($0) }
    }

    /// The elements of the array value at `range` (well formed: the array was skipped whole when the object was read).
    func elements(_ range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var p = range.lowerBound + 1
        guard bytes[p] != UInt8(ascii: "]") else { return out }
        while true {
            let end = JSONBytes.endOfValue(bytes, at: p)!
            out.append(p..<end)
            if bytes[end] == UInt8(ascii: "]") { return out }
            p = end + 1
        }
    }

    /// A non-empty array of distinct strings; `read` gives each string's text and what is wrong with it, if anything.
    private func distinctStrings(_ key: K, what: Wording, kind expected: Wording, empty: Wording, element: Wording,
                                 _ read: (Range<Int>) -> (String, Wording?)) throws(EventError) -> [String] {
        let range: Range<Int>, items: [Range<Int>]
        do throws(EventError) {
            range = try required(key, what)
            guard bytes[range.lowerBound] == UInt8(ascii: "[") else { throw fail(key, EventWords.mustBe(expected, found: kind(range))) }
            items = elements(range)
            guard !items.isEmpty else { throw fail(key, empty) }
        } catch {
            try note(error)
            return []
        }
        var out: [String] = []
        // Every element is checked; a bad one is left out of the list when every problem is collected.
        for (index, item) in items.enumerated() {
            guard bytes[item.lowerBound] == UInt8(ascii: "\"") else {
                try note(fail(key, suffix: "[\(index)]", EventWords.mustBe(element, found: kind(item))))
                continue
            }
            let (text, problem) = read(item)
            if let problem { try note(fail(key, suffix: "[\(index)]", problem)); continue }
            guard !out.contains(text) else { try note(fail(key, suffix: "[\(index)]", EventWords.listedTwice(text))); continue }
            out.append(text)
        }
        return out
    }

    /// A finding key as a rectification list prints it (`RectificationFields.keyProblem`).
    func findingKey(_ key: K) throws(EventError) -> String {
        try orStandIn("") { () throws(EventError) -> String in
            let range = try required(key, EventWords.Expected.findingKey)
            guard bytes[range.lowerBound] == UInt8(ascii: "\"") else { throw fail(key, EventWords.mustBe(EventWords.Expected.string, found: kind(range))) }
            let text = JSONBytes.string(bytes, at: range.lowerBound)
            if let problem = RectificationFields.keyProblemWording(text) { throw fail(key, problem) }
            return text
        }
    }

    /// A non-empty array of distinct finding keys.
    func findingKeys(_ key: K) throws(EventError) -> [String] {
        try distinctStrings(key, what: EventWords.Expected.findingKeys, kind: EventWords.Expected.findingKeyArray,
                            empty: EventWords.AtLeastOne.finding, element: EventWords.Expected.string) { item in
            let text = JSONBytes.string(bytes, at: item.lowerBound)
            return (text, RectificationFields.keyProblemWording(text))
        }
    }

    /// A non-empty array of objects, each read with its own members (`items[0]`, `items[1]`…) by `read`, in order.
    /// - Parameters:
    ///   - what: what the member holds, for "missing; give …".
    ///   - shape: the element's members, for "must be an object …".
    ///   - empty: the reason for an empty array.
    func objects<Inner: PayloadKey>(_ key: K, _: Inner.Type, what: Wording, shape: String, empty: Wording,
                                    _ read: (PayloadObject<Inner>) throws(EventError) -> Void) throws(EventError) {
        let range: Range<Int>, items: [Range<Int>]
        do throws(EventError) {
            range = try required(key, what)
            guard bytes[range.lowerBound] == UInt8(ascii: "[") else { throw fail(key, EventWords.mustBe(EventWords.Expected.array, found: kind(range))) }
            items = elements(range)
            guard !items.isEmpty else { throw fail(key, empty) }
        } catch {
            return try note(error)
        }
        let name = K.names.text[key.rawValue]
        for (index, item) in items.enumerated() {
            guard bytes[item.lowerBound] == UInt8(ascii: "{") else {
                try note(fail(key, suffix: "[\(index)]", EventWords.mustBe(EventWords.Expected.object(shape: shape), found: kind(item))))
                continue
            }
            do throws(EventError) {
                try read(PayloadObject<Inner>(bytes, at: item.lowerBound, type: type, path: path, member: "\(name)[\(index)]", sink: sink))
            } catch {
                try note(error)
            }
        }
    }

    func optionalIDs(_ key: K) throws(EventError) -> [String]? {
        has(key) ? try ids(key) : nil
    }

    /// A calendar date written `YYYY-MM-DD`.
    func date(_ key: K) throws(EventError) -> CalendarDate {
        try orStandIn(CalendarDate(dayNumber: 0)) { () throws(EventError) -> CalendarDate in
            let range = try required(key, EventWords.Expected.date)
            guard bytes[range.lowerBound] == UInt8(ascii: "\""),
                  let date = CalendarDate(isoBytes: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]) else {
                throw fail(key, EventWords.notADate(canonicalText(range)))
            }
            return date
        }
    }

    func optionalDate(_ key: K) throws(EventError) -> CalendarDate? {
        has(key) ? try date(key) : nil
    }

    /// An amount in fen: a JSON integer from `minimumFen` to `Limits.amountFenMax`.
    func amount(_ key: K, minimumFen: Int64 = 1) throws(EventError) -> Amount {
        try orStandIn(Amount(fen: 0)) { () throws(EventError) -> Amount in
            let range = try required(key, EventWords.Expected.amount)
            guard let fen = integer(range) else {
                if bytes[range.lowerBound] == UInt8(ascii: "\"") {
                    throw fail(key, EventWords.amountIsAString(JSONBytes.string(bytes, at: range.lowerBound)))
                }
                throw fail(key, EventWords.mustBe(EventWords.Expected.integerAmount, found: kind(range)))
            }
            guard fen >= minimumFen, fen <= Limits.amountFenMax else {
                throw fail(key, EventWords.amountNotAllowed(fen, minimum: minimumFen, maximum: Limits.amountFenMax, type: type,
                                                            member: K.names.text[key.rawValue]))
            }
            return Amount(fen: fen)
        }
    }

    func optionalAmount(_ key: K) throws(EventError) -> Amount? {
        has(key) ? try amount(key) : nil
    }

    /// An area in m²: a decimal string with at most two decimals, e.g. "35.50"; the text is kept as written.
    func area(_ key: K, positive: Bool = false) throws(EventError) -> DecimalQuantity {
        try orStandIn(DecimalQuantity(units: 0)) { () throws(EventError) -> DecimalQuantity in
            let range = try required(key, EventWords.Expected.area)
            guard bytes[range.lowerBound] == UInt8(ascii: "\"") else {
                throw fail(key, EventWords.areaNotAString(found: kind(range)))
            }
            let text = JSONBytes.string(bytes, at: range.lowerBound)
            guard let area = DecimalQuantity(written: text, scale: 2) else {
                // Written right but too large: said so, not "not an area".
                if let limit = DecimalQuantity.tooLargeLimit(text, scale: 2) { throw fail(key, EventWords.areaTooLarge(text, limit: limit)) }
                throw fail(key, EventWords.notAnArea(text))
            }
            if positive, area.units == 0 { throw fail(key, EventWords.mustBePositive) }
            return area
        }
    }

    /// A whole count (owners, rows): a JSON integer ≥ `minimum`.
    func count(_ key: K, minimum: Int64 = 0) throws(EventError) -> Int64 {
        try orStandIn(0) { () throws(EventError) -> Int64 in
            let range = try required(key, EventWords.Expected.wholeNumber)
            guard let number = integer(range) else { throw fail(key, EventWords.mustBe(EventWords.Expected.wholeNumber, found: kind(range))) }
            guard number >= minimum else { throw fail(key, EventWords.tooSmall(number, minimum: minimum)) }
            return number
        }
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: K, _: E.Type) throws(EventError) -> E where E.RawValue == String {
        try orStandIn(E.allCases.first!) { () throws(EventError) -> E in
            func allowed() -> String { E.allCases.map(\.rawValue).joined(separator: ", ") }
            guard let range = value(key), bytes[range.lowerBound] != UInt8(ascii: "n") else {
                throw fail(key, EventWords.missingChoice(allowed()))
            }
            guard bytes[range.lowerBound] == UInt8(ascii: "\""),
                  let choice = E(rawValue: String(decoding: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)], as: UTF8.self)) else {
                throw fail(key, EventWords.notAllowed(canonicalText(range), allowed: allowed()))
            }
            return choice
        }
    }

    /// A nested object, with its own members.
    func object<Inner: PayloadKey>(_ key: K, _: Inner.Type) throws(EventError) -> PayloadObject<Inner> {
        try orStandIn(PayloadObject<Inner>(standInFor: type, path: path, member: K.names.text[key.rawValue])) { () throws(EventError) -> PayloadObject<Inner> in
            let range = try required(key, EventWords.Expected.object)
            guard bytes[range.lowerBound] == UInt8(ascii: "{") else { throw fail(key, EventWords.mustBe(EventWords.Expected.object, found: kind(range))) }
            return try PayloadObject<Inner>(bytes, at: range.lowerBound, type: type, path: path, member: K.names.text[key.rawValue], sink: sink)
        }
    }

    func optionalObject<Inner: PayloadKey>(_ key: K, _ inner: Inner.Type) throws(EventError) -> PayloadObject<Inner>? {
        has(key) ? try object(key, inner) : nil
    }

    /// An object whose members are all strings with non-empty names, e.g. extra register columns.
    func stringMap(_ key: K) throws(EventError) -> [String: String] {
        try orStandIn([:]) { () throws(EventError) -> [String: String] in
            let range = try required(key, EventWords.Expected.object)
            guard bytes[range.lowerBound] == UInt8(ascii: "{") else { throw fail(key, EventWords.mustBe(EventWords.Expected.object, found: kind(range))) }
            var out: [String: String] = [:]
            var p = range.lowerBound + 1
            guard bytes[p] != UInt8(ascii: "}") else { return out }
            // The object was skipped whole when its parent was read, so its members are well formed.
            while true {
                let keyEnd = JSONBytes.endOfString(bytes, at: p)!
                let name = JSONBytes.string(bytes, at: p)
                let valueStart = keyEnd + 1
                let valueEnd = JSONBytes.endOfValue(bytes, at: valueStart)!
                if name.isEmpty {
                    try note(fail(key, EventWords.attributeNeedsName))
                } else if bytes[valueStart] != UInt8(ascii: "\"") {
                    try note(fail(key, suffix: ".\(name)", EventWords.mustBe(EventWords.Expected.string, found: kind(valueStart..<valueEnd))))
                } else {
                    out[name] = JSONBytes.string(bytes, at: valueStart)
                }
                if bytes[valueEnd] == UInt8(ascii: "}") { return out }
                p = valueEnd + 1
            }
        }
    }

    // MARK: - Values

    /// The kind of a value, for messages ("an integer", "an object").
    func kindName(_ range: Range<Int>) -> String {
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "true/false"
        case UInt8(ascii: "n"): return "null"
        default: return "an integer"
        }
    }

    /// What kind of JSON value lies at `range`, in both languages.
    func kind(_ range: Range<Int>) -> Wording { EventWords.kind(kindName(range)) }

    /// A value as its canonical JSON text, for messages that quote it.
    func canonicalText(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// A JSON integer, nil for any other kind.
    func integer(_ range: Range<Int>) -> Int64? {
        var p = range.lowerBound
        let negative = bytes[p] == UInt8(ascii: "-")
        if negative { p += 1 }
        guard p < range.upperBound else { return nil }
        var value: Int64 = 0
        while p < range.upperBound {
            let digit = bytes[p] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            p += 1
        }
        return negative ? -value : value
    }

    /// The text of an id's string value, and why it is not an id (`EventInput.idProblem`; for an id the event
    /// introduces, at the door, also `EventInput.doorIDFault`), if it is not.
    private func idText(_ range: Range<Int>, door: Bool = false) -> (String, Wording?) {
        // The usual id is printable ASCII without escapes: no Unicode look-up needed.
        let body = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !body.isEmpty, body.count <= Limits.idBytesMax,
           body.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) {
            return (String(decoding: body, as: UTF8.self), nil)
        }
        let text = JSONBytes.string(bytes, at: range.lowerBound)
        if let problem = EventInput.idProblemWording(text) { return (text, problem) }
        // At the writer's door an id must be in NFC too (a rule of the door, not of the record: `verify` reads
        // older records holding such ids). The caller notes the problem in the sink.
        if door, let sink, sink.atDoor, let fault = EventInput.doorIDFault(text) {
            sink.doorProblemCount += 1
            return (text, EventWords.idProblem(text, fault))
        }
        return (text, nil)
    }

    /// Whether `text` has a character that is not white space (`Character.isWhitespace`, which looks at a
    /// character's first scalar): almost always decided by the first scalar.
    static func hasVisibleCharacter(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        let value = first.value
        if value < 0x80 ? !(value == 0x20 || (value >= 0x09 && value <= 0x0D)) : !first.properties.isWhitespace { return true }
        return text.contains(where: { !$0.isWhitespace })
    }
}
