import LedgerPlatform

/// The two halves of a payload schema's byte form. `PayloadWriter` writes canonical JSON members in key order;
/// `PayloadObject` reads one object of canonical JSON (a record's `data`, which a strict scanner already checked,
/// or an input line's `data` as `CanonicalJSON` wrote it) without building JSON values or dictionaries, and says
/// what is wrong with a member in the words a clerk reads (`EventError.payload`).

/// Appends canonical JSON members to a byte buffer (a `LineBuffer`: the record writer makes each line in one,
/// key by key and string by string, each append inlined).
struct PayloadWriter {
    var out: LineBuffer
    private var needsComma = false
    #if LEDGER_INTERNAL_CHECKS
    private var lastKeys: [Int] = []
    #endif

    init(into out: consuming LineBuffer) { self.out = out }

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
        literal(text)
        out.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        literal(value)
        needsComma = true
    }

    /// `value` as a JSON string literal: most need no escape, one scan and one copy (`CanonicalJSON.writeString`).
    @inline(__always)
    private mutating func literal(_ value: String) {
        CanonicalJSON.writeString(value, to: &out)
    }

    /// `string(_:)` of a string given as its UTF-8 bytes (valid UTF-8): the same bytes.
    mutating func string(utf8: ArraySlice<UInt8>) {
        CanonicalJSON.writeString(utf8: utf8, to: &out)
        needsComma = true
    }

    /// A personal field: its text, or `{"commitment":"<64 hex>"}`.
    mutating func person(_ value: PersonalText) {
        switch value {
        case .plain(let text): string(text)
        case .committed(let commitment):
            out.append(Self.commitmentPrefix)
            out.append(utf8: commitment.digest.hex)
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: "}"))
            needsComma = true
        }
    }

    private static let commitmentPrefix: StaticString = "{\"commitment\":\""

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
        out.append("null" as StaticString)
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
            literal(value)
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
