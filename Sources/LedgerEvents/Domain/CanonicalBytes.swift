import LedgerPlatform

/// The two halves of a payload schema's byte form. `PayloadWriter` writes canonical JSON members in key order;
/// `PayloadObject` reads one object of canonical JSON (a record's `data`, which a strict scanner already checked,
/// or an input line's `data` as `CanonicalJSON` wrote it) without building JSON values or dictionaries, and says
/// what is wrong with a member in the words a clerk reads (`EventError.payload`).

/// The members of one payload object: an enum whose cases are the member names in canonical order (by their
/// UTF-8 bytes), raw values 0, 1, 2…, with `static let names = PayloadKeyNames(Self.self, "first", "second", …)`.
protocol PayloadKey: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == Int {
    static var names: PayloadKeyNames { get }
}

/// The names of a `PayloadKey`'s cases. They are spelt out (reading case names by reflection costs a conformance
/// scan of the whole binary per type at start-up); checked against the cases in builds with internal checks. A
/// class, so that reading a name does not copy (and retain) the tables.
final class PayloadKeyNames: Sendable {
    let text: [String]
    let bytes: [[UInt8]]
    /// All names back to back, and where each starts (`offsets[k]..<offsets[k + 1]`): compared without
    /// touching a nested array per member.
    let flat: [UInt8]
    let offsets: [Int]
    /// Each name as the writer puts it before a value, `"name":`, with and without a comma before it.
    let keyed: ByteTable
    let keyedAfterComma: ByteTable

    init<K: PayloadKey>(_: K.Type, _ names: String...) {
        text = names
        bytes = names.map { Array($0.utf8) }
        flat = Array(bytes.joined())
        offsets = bytes.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        keyed = ByteTable(bytes.map { [UInt8(ascii: "\"")] + $0 + [UInt8(ascii: "\""), UInt8(ascii: ":")] })
        keyedAfterComma = ByteTable(bytes.map { [UInt8(ascii: ","), UInt8(ascii: "\"")] + $0 + [UInt8(ascii: "\""), UInt8(ascii: ":")] })
        precondition(names.count == K.allCases.count && names.count <= 16, "\(K.self): one name per case, at most 16")
        #if LEDGER_INTERNAL_CHECKS
        for (index, key) in K.allCases.enumerated() {
            precondition(key.rawValue == index && String(describing: key) == names[index], "\(K.self): names in case order")
        }
        for index in bytes.indices.dropFirst() {
            precondition(bytes[index - 1].lexicographicallyPrecedes(bytes[index]), "\(K.self): members in canonical order")
        }
        #endif
    }

    /// The name written as the key at `at` (its opening quote) among `first` and the names after it, and the index
    /// just past the key's closing quote; nil when none of them is there.
    @inline(__always)
    func match(_ bytes: ArraySlice<UInt8>, at start: Int, from first: Int) -> (index: Int, end: Int)? {
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "\"") else { return nil }
        let count = offsets.count - 1
        var index = first
        while index < count {
            let nameStart = offsets[index], length = offsets[index + 1] - nameStart
            let quote = start + 1 + length
            if quote + 1 < bytes.endIndex, bytes[quote] == UInt8(ascii: "\""), bytes[quote + 1] == UInt8(ascii: ":") {
                var i = 0
                while i < length, flat[nameStart + i] == bytes[start + 1 + i] { i += 1 }
                if i == length { return (index, quote + 1) }
            }
            index += 1
        }
        return nil
    }

    /// The index of the name equal to `bytes[from..<to]`, trying `first` and the names after it first (members
    /// come in canonical order, so the next member is usually the next name); nil when none is.
    @inline(__always)
    func index(of bytes: ArraySlice<UInt8>, from: Int, to: Int, first: Int) -> Int? {
        let count = offsets.count - 1
        let length = to - from
        var index = first
        for _ in 0..<count {
            let start = offsets[index]
            if offsets[index + 1] - start == length {
                var i = 0
                while i < length, flat[start + i] == bytes[from + i] { i += 1 }
                if i == length { return index }
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }
}

/// Appends canonical JSON members to a byte buffer.
struct PayloadWriter {
    var out: [UInt8]
    private var needsComma = false
    #if LEDGER_INTERNAL_CHECKS
    private var lastKeys: [Int] = []
    #endif

    init(into out: [UInt8]) { self.out = out }

    mutating func beginObject() {
        out.append(UInt8(ascii: "{"))
        needsComma = false
        #if LEDGER_INTERNAL_CHECKS
        lastKeys.append(-1)
        #endif
    }

    mutating func endObject() {
        out.append(UInt8(ascii: "}"))
        needsComma = true
        #if LEDGER_INTERNAL_CHECKS
        lastKeys.removeLast()
        #endif
    }

    /// A member's key; a schema writes its members in the order of its key enum, which is the canonical order.
    mutating func key<K: PayloadKey>(_ key: K) {
        // One copy from memory no core counts references to (`ByteTable`).
        if needsComma { K.names.keyedAfterComma.append(key.rawValue, to: &out) } else { K.names.keyed.append(key.rawValue, to: &out) }
        needsComma = false
        #if LEDGER_INTERNAL_CHECKS
        precondition(lastKeys[lastKeys.count - 1] < key.rawValue, "members in canonical order")
        lastKeys[lastKeys.count - 1] = key.rawValue
        #endif
    }

    /// A member whose key is runtime text (attribute names): the caller gives them in canonical order.
    mutating func key(text: String) {
        if needsComma { out.append(UInt8(ascii: ",")) }
        CanonicalJSON.writeString(text, to: &out)
        out.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        // Most strings need no escape: one scan and one copy (`Bytes.appendPlainJSONString`).
        if !Bytes.appendPlainJSONString(value, to: &out) { CanonicalJSON.writeString(value, to: &out) }
        needsComma = true
    }

    /// A personal field: its text, or `{"commitment":"<64 hex>"}`.
    mutating func person(_ value: PersonalText) {
        switch value {
        case .plain(let text): string(text)
        case .committed(let commitment):
            out.append(contentsOf: Self.commitmentPrefix)
            commitment.digest.appendHex(to: &out)
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: "}"))
            needsComma = true
        }
    }

    private static let commitmentPrefix = Array("{\"commitment\":\"".utf8)

    mutating func integer(_ value: Int64) {
        appendDigits(value)
        needsComma = true
    }

    /// A decimal quantity as its record text (`35.50`, or the spelling it was read with).
    mutating func decimal(_ value: DecimalQuantity) {
        if let written = value.writtenText {
            string(written)
            return
        }
        out.append(UInt8(ascii: "\""))
        var multiplier: Int64 = 1
        for _ in 0..<value.scale { multiplier *= 10 }
        if value.units < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.units.magnitude
        appendDigits(Int64(magnitude / UInt64(multiplier)))
        if value.scale > 0 {
            out.append(UInt8(ascii: "."))
            var fraction = magnitude % UInt64(multiplier)
            var divisor = UInt64(multiplier) / 10
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
                fraction %= divisor
                divisor /= 10
            }
        }
        out.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Decimal digits of `value`, as `CanonicalJSON.writeInteger` writes them, without making a string.
    @inline(__always)
    private mutating func appendDigits(_ value: Int64) {
        Bytes.appendDecimal(value, to: &out)
    }

    mutating func null() {
        out.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
        needsComma = true
    }

    mutating func date(_ value: CalendarDate) {
        out.append(UInt8(ascii: "\""))
        value.appendISO(to: &out)
        out.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func strings(_ values: [String]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An array of objects, each written by `write` (which writes its members).
    mutating func objects<T>(_ items: [T], _ write: (inout PayloadWriter, T) -> Void) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            beginObject()
            write(&self, item)
            endObject()
        }
        out.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An object of string members, keys in canonical order.
    mutating func stringMap(_ map: [String: String]) {
        out.append(UInt8(ascii: "{"))
        needsComma = false
        for name in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            key(text: name)
            string(map[name]!)
        }
        out.append(UInt8(ascii: "}"))
        needsComma = true
    }

    // Optional members: absent, an explicit null (`nullBit` in `written`), or the value.
    mutating func optional<K: PayloadKey>(_ name: K, _ value: String?, _ written: WrittenForm, _ nullBit: UInt32) {
        if let value { key(name); string(value) } else if written.has(nullBit) { key(name); null() }
    }

    mutating func optional<K: PayloadKey>(_ name: K, _ value: CalendarDate?, _ written: WrittenForm, _ nullBit: UInt32) {
        if let value { key(name); date(value) } else if written.has(nullBit) { key(name); null() }
    }

    mutating func optional<K: PayloadKey>(_ name: K, _ value: Amount?, _ written: WrittenForm, _ nullBit: UInt32) {
        if let value { key(name); integer(value.fen) } else if written.has(nullBit) { key(name); null() }
    }

    /// An optional array of ids, empty when absent or null.
    mutating func optional<K: PayloadKey>(_ name: K, ids: [String], _ written: WrittenForm, _ nullBit: UInt32) {
        if !ids.isEmpty { key(name); strings(ids) } else if written.has(nullBit) { key(name); null() }
    }

    /// An optional member written as `null` when `written` says so and there is no value.
    mutating func null<K: PayloadKey>(_ name: K, if written: WrittenForm, _ nullBit: UInt32) {
        if written.has(nullBit) { key(name); null() }
    }
}

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
            return EventError.payload(type: type, field: name.isEmpty ? path : "\(path).\(name)",
                                reason: EventWords.unknownField(type: type, allowed: names))
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

    /// A field that may name a private person: a non-empty string, or `{"commitment":"<64 hex>"}` (ledger-spec.md
    /// section 10.3).
    func person(_ key: K) throws(EventError) -> PersonalText {
        try orStandIn(.plain("")) { () throws(EventError) -> PersonalText in
            let range = try required(key, EventWords.Expected.person)
            guard bytes[range.lowerBound] == UInt8(ascii: "{") else { return .plain(try string(key)) }
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
                throw fail(key, EventWords.amountNotAllowed(fen, minimum: minimumFen, maximum: Limits.amountFenMax))
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

/// Steps over canonical JSON values in a byte buffer.
enum JSONBytes {
    /// The index just past the string literal that starts at `start` (its opening quote), and whether it holds
    /// an escape; nil if there is none.
    @inline(__always)
    static func scanString(_ bytes: ArraySlice<UInt8>, at start: Int) -> (end: Int, escaped: Bool)? {
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "\"") else { return nil }
        return Bytes.endOfJSONString(in: bytes, from: start + 1)
    }

    /// The index just past the string literal that starts at `start`; nil if there is none.
    static func endOfString(_ bytes: ArraySlice<UInt8>, at start: Int) -> Int? { scanString(bytes, at: start)?.end }

    /// The index just past the value that starts at `start`; nil when the bytes end first or are not JSON.
    static func endOfValue(_ bytes: ArraySlice<UInt8>, at start: Int) -> Int? {
        var p = start
        var depth = 0
        while true {
            guard p < bytes.endIndex else { return nil }
            switch bytes[p] {
            case UInt8(ascii: "\""):
                guard let (end, _) = scanString(bytes, at: p) else { return nil }
                p = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                p += 1
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return nil }
                depth -= 1
                p += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { return nil }
                p += 1
                continue
            default:
                let first = p
                while p < bytes.endIndex, bytes[p] != UInt8(ascii: ","), bytes[p] != UInt8(ascii: "}"),
                      bytes[p] != UInt8(ascii: "]"), bytes[p] != UInt8(ascii: ":") { p += 1 }
                guard p > first else { return nil }
            }
            if depth == 0 { return p }
        }
    }

    /// Whether `value` is the input form `{"person":"…"}` (one member, a string), which only `ledger append` reads.
    static func isPersonInput(_ value: ArraySlice<UInt8>) -> Bool {
        let prefix = Array("{\"person\":\"".utf8)
        guard value.starts(with: prefix), value.last == UInt8(ascii: "}") else { return false }
        return endOfString(value, at: value.startIndex + prefix.count - 1) == value.endIndex - 1
    }

    /// The text of the string literal at `start`, unescaped. The literal must be well formed (`scanString`).
    static func string(_ bytes: ArraySlice<UInt8>, at start: Int) -> String {
        guard let (end, escaped) = scanString(bytes, at: start) else { return "" }
        let body = start + 1
        guard escaped else { return String(decoding: bytes[body..<(end - 1)], as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(end - body)
        var i = body
        while i < end - 1 {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            default:
                // \uXXXX (canonical JSON writes only \u00xx, for control characters): the parser reads it.
                return (try? JSONParser.parse(Array(bytes[start..<end])))?.stringValue
                    ?? String(decoding: bytes[body..<(end - 1)], as: UTF8.self)
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension CalendarDate {
    /// Appends `YYYY-MM-DD`.
    public func appendISO(to out: inout [UInt8]) {
        func two(_ value: Int) {
            out.append(UInt8(ascii: "0") + UInt8(value / 10))
            out.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
        two(year / 100)
        two(year % 100)
        out.append(UInt8(ascii: "-"))
        two(month)
        out.append(UInt8(ascii: "-"))
        two(day)
    }
}
