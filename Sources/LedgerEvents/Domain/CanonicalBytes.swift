import LedgerPlatform

/// The two halves of a payload schema's byte form. `PayloadWriter` writes canonical JSON members in the order a
/// schema gives them (which must be the canonical order: by the keys' UTF-8 bytes); `PayloadScanner` reads
/// canonical JSON that a strict scanner already checked (a record's `data`) or that `CanonicalJSON` wrote (an
/// input line's `data`), member by member, without building JSON values or dictionaries.
///
/// The scanner only tells whether the bytes fit: every message a clerk sees comes from `PayloadReader`, which
/// `DomainEvent.decode` runs when the scanner says no.

/// Why a scan stopped: the bytes do not fit the schema (the caller asks `PayloadReader` for the message).
struct Mismatch: Error {}

/// Appends canonical JSON members to a byte buffer.
struct PayloadWriter {
    var out: [UInt8]
    private var needsComma = false
    #if LEDGER_INTERNAL_CHECKS
    private var lastKeys: [[UInt8]] = []
    #endif

    init(into out: [UInt8]) { self.out = out }

    mutating func beginObject() {
        out.append(UInt8(ascii: "{"))
        needsComma = false
        #if LEDGER_INTERNAL_CHECKS
        lastKeys.append([])
        #endif
    }

    mutating func endObject() {
        out.append(UInt8(ascii: "}"))
        needsComma = true
        #if LEDGER_INTERNAL_CHECKS
        lastKeys.removeLast()
        #endif
    }

    mutating func key(_ name: StaticString) {
        if needsComma { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        needsComma = false
        #if LEDGER_INTERNAL_CHECKS
        let bytes = name.withUTF8Buffer { Array($0) }
        precondition(lastKeys[lastKeys.count - 1].lexicographicallyPrecedes(bytes), "members in canonical order")
        lastKeys[lastKeys.count - 1] = bytes
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
        CanonicalJSON.writeString(value, to: &out)
        needsComma = true
    }

    mutating func integer(_ value: Int64) {
        CanonicalJSON.writeInteger(value, to: &out)
        needsComma = true
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

    /// An object of string members, keys in canonical order.
    mutating func stringMap(_ map: [String: String]) {
        beginObject()
        for name in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            key(text: name)
            string(map[name]!)
        }
        endObject()
    }

    // Optional members: absent, an explicit null (`nullBit` in `written`), or the value.
    mutating func optional(_ name: StaticString, _ value: String?, _ written: WrittenForm, _ nullBit: UInt32) {
        if let value { key(name); string(value) } else if written.has(nullBit) { key(name); null() }
    }

    mutating func optional(_ name: StaticString, _ value: CalendarDate?, _ written: WrittenForm, _ nullBit: UInt32) {
        if let value { key(name); date(value) } else if written.has(nullBit) { key(name); null() }
    }

    mutating func optional(_ name: StaticString, _ value: Amount?, _ written: WrittenForm, _ nullBit: UInt32) {
        if let value { key(name); integer(value.fen) } else if written.has(nullBit) { key(name); null() }
    }

    /// An optional array of ids, empty when absent or null.
    mutating func optional(_ name: StaticString, ids: [String], _ written: WrittenForm, _ nullBit: UInt32) {
        if !ids.isEmpty { key(name); strings(ids) } else if written.has(nullBit) { key(name); null() }
    }
}

/// Reads canonical JSON members in schema order. Positions are indexes of the underlying buffer.
struct PayloadScanner {
    let bytes: ArraySlice<UInt8>
    private(set) var p: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.p = bytes.startIndex
    }

    var atEnd: Bool { p == bytes.endIndex }

    @inline(__always) private func peek() -> UInt8? { p < bytes.endIndex ? bytes[p] : nil }

    /// After a value: a comma is consumed, so the next member (or the object's end) comes next.
    @inline(__always) private mutating func afterValue() {
        if p < bytes.endIndex, bytes[p] == UInt8(ascii: ",") { p += 1 }
    }

    mutating func beginObject() throws {
        guard peek() == UInt8(ascii: "{") else { throw Mismatch() }
        p += 1
    }

    /// The object ends here: any member left is one the schema does not allow.
    mutating func endObject() throws {
        guard peek() == UInt8(ascii: "}") else { throw Mismatch() }
        p += 1
        afterValue()
    }

    /// Whether the next member is `name` (then its value comes next); members come in canonical order, so a
    /// schema asks for its members in that order and a member it never asks for is left for `endObject`.
    mutating func member(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { key in
            let start = p + 1
            let end = start + key.count
            guard peek() == UInt8(ascii: "\""), end + 2 <= bytes.endIndex, bytes[end] == UInt8(ascii: "\""),
                  bytes[end + 1] == UInt8(ascii: ":") else { return false }
            var index = 0
            while index < key.count {
                guard bytes[start + index] == key[index] else { return false }
                index += 1
            }
            p = end + 2
            return true
        }
    }

    /// Whether the object's members are over (the next byte closes it).
    var atObjectEnd: Bool { peek() == UInt8(ascii: "}") }

    /// Consumes `null` if it comes next.
    mutating func null() -> Bool {
        guard p + 4 <= bytes.endIndex, bytes[p] == UInt8(ascii: "n"), bytes[p + 1] == UInt8(ascii: "u"),
              bytes[p + 2] == UInt8(ascii: "l"), bytes[p + 3] == UInt8(ascii: "l") else { return false }
        p += 4
        afterValue()
        return true
    }

    /// The content bytes of a string without escapes (ids, dates, enum words, hex); any escape is a mismatch,
    /// since none of those may contain a quote, backslash or control character.
    mutating func plainString() throws -> ArraySlice<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw Mismatch() }
        let start = p + 1
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { throw Mismatch() }
            index += 1
        }
        guard index < bytes.endIndex else { throw Mismatch() }
        p = index + 1
        afterValue()
        return bytes[start..<index]
    }

    /// Any string, unescaped.
    mutating func string() throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Mismatch() }
        let start = p + 1
        var index = start
        var escaped = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { escaped = true; index += 2; continue }
            index += 1
        }
        guard index < bytes.endIndex else { throw Mismatch() }
        p = index + 1
        afterValue()
        guard escaped else { return String(decoding: bytes[start..<index], as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(index - start)
        var i = start
        while i < index {
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
            case UInt8(ascii: "u"):
                // Canonical JSON escapes only control characters this way (\u00xx).
                guard i + 6 <= index, let a = Hex.nibble(bytes[i + 4]), let b = Hex.nibble(bytes[i + 5]),
                      bytes[i + 2] == UInt8(ascii: "0"), bytes[i + 3] == UInt8(ascii: "0") else { throw Mismatch() }
                out.append(a << 4 | b)
                i += 6
                continue
            default: throw Mismatch()
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func integer() throws -> Int64 {
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; p += 1 }
        let start = p
        var value: Int64 = 0
        while p < bytes.endIndex, bytes[p] >= UInt8(ascii: "0"), bytes[p] <= UInt8(ascii: "9") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[p] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw Mismatch() }
            value = sum
            p += 1
        }
        guard p > start else { throw Mismatch() }
        afterValue()
        return negative ? -value : value
    }

    mutating func beginArray() throws {
        guard peek() == UInt8(ascii: "[") else { throw Mismatch() }
        p += 1
    }

    /// True (and consumed) when the array ends here.
    mutating func endArray() -> Bool {
        guard peek() == UInt8(ascii: "]") else { return false }
        p += 1
        afterValue()
        return true
    }

    /// Skips one value of any kind (strings, numbers, literals, nested arrays and objects).
    mutating func skipValue() throws {
        var depth = 0
        while true {
            guard let byte = peek() else { throw Mismatch() }
            switch byte {
            case UInt8(ascii: "\""):
                p += 1
                while p < bytes.endIndex, bytes[p] != UInt8(ascii: "\"") { p += bytes[p] == UInt8(ascii: "\\") ? 2 : 1 }
                guard p < bytes.endIndex else { throw Mismatch() }
                p += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                p += 1
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                p += 1
            default:
                while p < bytes.endIndex, bytes[p] != UInt8(ascii: ","), bytes[p] != UInt8(ascii: "}"),
                      bytes[p] != UInt8(ascii: "]") { p += 1 }
            }
            if depth <= 0 { break }
            while p < bytes.endIndex, bytes[p] == UInt8(ascii: ",") || bytes[p] == UInt8(ascii: ":") { p += 1 }
        }
        afterValue()
    }

    /// The next member's key, for objects with free keys (attributes).
    mutating func freeKey() throws -> String {
        let name = try string()
        // `string()` consumed a comma only if one followed; a key is followed by a colon.
        guard peek() == UInt8(ascii: ":") else { throw Mismatch() }
        p += 1
        return name
    }
}

extension PayloadScanner {
    // The field forms of ledger-spec.md ("Domain events"), as `PayloadReader` checks them.

    /// A non-empty string with at least one character that is not white space.
    mutating func text() throws -> String {
        let value = try string()
        guard Self.hasVisibleCharacter(value) else { throw Mismatch() }
        return value
    }

    static func hasVisibleCharacter(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; continue }
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { return true }
        }
        return ascii ? false : text.contains(where: { !$0.isWhitespace })
    }

    /// An entity id (`EventInput.idProblem` allows it).
    mutating func id() throws -> String {
        let raw = try plainString()
        guard !raw.isEmpty, raw.count <= Limits.idBytesMax else { throw Mismatch() }
        var ascii = true
        for byte in raw {
            if byte <= 0x20 || byte == 0x7F { throw Mismatch() }
            if byte >= 0x80 { ascii = false }
        }
        let text = String(decoding: raw, as: UTF8.self)
        if !ascii, EventInput.idProblem(text) != nil { throw Mismatch() }
        return text
    }

    mutating func date() throws -> CalendarDate {
        let raw = try plainString()
        guard let date = CalendarDate(isoBytes: raw) else { throw Mismatch() }
        return date
    }

    mutating func amount(minimumFen: Int64 = 1) throws -> Amount {
        let fen = try integer()
        guard fen >= minimumFen, fen <= Limits.amountFenMax else { throw Mismatch() }
        return Amount(fen: fen)
    }

    mutating func area(positive: Bool = false) throws -> DecimalQuantity {
        let text = try string()
        guard let area = DecimalQuantity(written: text, scale: 2) else { throw Mismatch() }
        if positive, area.units == 0 { throw Mismatch() }
        return area
    }

    mutating func count(minimum: Int64 = 0) throws -> Int64 {
        let number = try integer()
        guard number >= minimum else { throw Mismatch() }
        return number
    }

    mutating func choice<E: RawRepresentable>(_: E.Type) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: String(decoding: try plainString(), as: UTF8.self)) else { throw Mismatch() }
        return value
    }

    /// A non-empty array of distinct ids.
    mutating func ids() throws -> [String] {
        try beginArray()
        var out: [String] = []
        while !endArray() {
            let id = try id()
            guard !out.contains(id) else { throw Mismatch() }
            out.append(id)
        }
        guard !out.isEmpty else { throw Mismatch() }
        return out
    }

    /// An object of string members with non-empty names.
    mutating func stringMap() throws -> [String: String] {
        try beginObject()
        var out: [String: String] = [:]
        while !atObjectEnd {
            let name = try freeKey()
            guard !name.isEmpty else { throw Mismatch() }
            out[name] = try string()
        }
        try endObject()
        return out
    }

    // Optional members: nil when absent or null; a null sets `nullBit` in `written`.

    mutating func optional<T>(_ name: StaticString, _ written: inout WrittenForm, _ nullBit: UInt32,
                              _ read: (inout PayloadScanner) throws -> T) throws -> T? {
        guard member(name) else { return nil }
        if null() { written.insert(nullBit); return nil }
        return try read(&self)
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
