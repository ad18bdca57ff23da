import LedgerPlatform

/// The one serialisation of a `JSONValue` the ledger writes: no whitespace, object members sorted by the
/// bytes of their UTF-8 keys, strings escaped minimally (only `"`, `\` and U+0000–U+001F; the short forms
/// \b \t \n \f \r, otherwise \u00xx in lower-case hex), integers in plain decimal. Same value, same bytes.
/// Output for people adds a few escapes (`Escaping.display`); records never do.
public enum CanonicalJSON {
    /// How strings are escaped.
    public enum Escaping: Sendable {
        /// The canonical form (ledger-spec.md section 2): only `"`, `\` and U+0000–U+001F. Records, hashes and
        /// every file made for programs (bundles, publication.json, witness state) use it, and only it.
        case canonical
        /// For JSON people may read on a terminal (reports, the `--json` of commands): also DEL, the C1 controls,
        /// the bidi embeddings, overrides and isolates (`DisplayText.isUnsafe`) and U+2028/U+2029 as `\uXXXX`, so
        /// they can neither drive nor reorder what is shown. A JSON parser reads the same value either way.
        case display
    }

    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] { encode(value, escaping: .canonical) }

    /// The canonical bytes of `value`, or its display form (see `Escaping`).
    public static func encode(_ value: JSONValue, escaping: Escaping) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        write(value, to: &out, escaping: escaping)
        return out
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) -> String { string(value, escaping: .canonical) }

    /// The canonical text of `value`, or its display form (see `Escaping`).
    public static func string(_ value: JSONValue, escaping: Escaping) -> String {
        String(decoding: encode(value, escaping: escaping), as: UTF8.self)
    }

    /// Appends the canonical bytes of `value` (or its display form, see `Escaping`) to `out`.
    public static func write(_ value: JSONValue, to out: inout [UInt8], escaping: Escaping = .canonical) {
        switch value {
        case .null: out.append(contentsOf: nullBytes)
        case .bool(let b): out.append(contentsOf: b ? trueBytes : falseBytes)
        case .integer(let i): writeInteger(i, to: &out)
        case .string(let s): writeString(s, to: &out, escaping: escaping)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out, escaping: escaping)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in sortedKeys(members) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, to: &out, escaping: escaping)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, to: &out, escaping: escaping)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Keys in canonical order: by their UTF-8 bytes.
    public static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Appends a decimal integer.
    public static func writeInteger(_ value: Int64, to out: inout [UInt8]) {
        // No String made: this runs several times per record written.
        Bytes.appendDecimal(value, to: &out)
    }

    /// Appends a JSON string literal with minimal escaping (or the display form's, see `Escaping`).
    public static func writeString(_ value: String, to out: inout [UInt8], escaping: Escaping = .canonical) {
        // Most strings (every id, type and actor of a record) need no escape: one scan, one copy, quotes included.
        if escaping == .canonical, Bytes.appendPlainJSONString(value, to: &out) { return }
        // Reports' strings too (the display form): most hold nothing either form escapes (`appendPlainDisplayJSONString`);
        // the scans below, scalar by scalar, were half of a whole-city `balances --format json`'s output.
        if escaping == .display, Bytes.appendPlainDisplayJSONString(value, to: &out) { return }
        out.append(UInt8(ascii: "\""))
        if escaping == .display, value.unicodeScalars.contains(where: isEscapedForDisplay) {
            var bytes: [UInt8] = []
            for scalar in value.unicodeScalars {
                if isEscapedForDisplay(scalar) {
                    out.append(contentsOf: Array("\\u".utf8))
                    for shift in stride(from: 12, through: 0, by: -4) { out.append(Hex.digit(UInt8(truncatingIfNeeded: scalar.value >> UInt32(shift)) & 0x0f)) }
                } else {
                    bytes.removeAll(keepingCapacity: true)
                    UTF8.encode(scalar) { bytes.append($0) }
                    writeEscaped(bytes, to: &out)
                }
            }
        } else if value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            writeEscaped(value.utf8, to: &out)
        } else {
            out.append(contentsOf: value.utf8)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `writeString(_:to:)` (canonical escaping) of a string given as its UTF-8 bytes (valid UTF-8): the same bytes.
    public static func writeString(utf8: ArraySlice<UInt8>, to out: inout [UInt8]) {
        if Bytes.appendPlainJSONString(utf8: utf8, to: &out) { return }
        out.append(UInt8(ascii: "\""))
        writeEscaped(utf8, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `writeString(_:to:)` (canonical escaping) into a line being made: the same bytes (a string that needs an
    /// escape is written by the array form, then copied).
    public static func writeString(_ value: String, to out: inout LineBuffer) {
        if Bytes.appendPlainJSONString(value, to: &out) { return }
        var escaped: [UInt8] = []
        writeString(value, to: &escaped)
        out.append(escaped)
    }

    /// `writeString(utf8:to:)` into a line being made: the same bytes.
    public static func writeString(utf8: ArraySlice<UInt8>, to out: inout LineBuffer) {
        if Bytes.appendPlainJSONString(utf8: utf8, to: &out) { return }
        var escaped: [UInt8] = []
        writeString(utf8: utf8, to: &escaped)
        out.append(escaped)
    }

    /// True for the scalars the display form escapes besides C0: DEL, C1, bidi controls, U+2028 and U+2029.
    static func isEscapedForDisplay(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 && (DisplayText.isUnsafe(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029)
    }

    /// Appends UTF-8 bytes with the canonical escapes, without quotes.
    private static func writeEscaped<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(Hex.digit(byte >> 4))
                out.append(Hex.digit(byte & 0x0f))
            default: out.append(byte)
            }
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
}
