import LedgerPlatform

/// Checks that bytes are one well-formed JSON value under the same rules as `JSONParser` (strict UTF-8,
/// integers only, depth and string limits), without building values and without whitespace between tokens.
/// Used on hot paths such as `verify`.
///
/// In canonical mode it also checks that the value is exactly what `CanonicalJSON` writes: object keys in
/// strictly increasing byte order (so no duplicates) and strings escaped minimally. Otherwise duplicate keys are
/// not detected here; the full parser does that.
public struct JSONValidator {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private var depth = 0
    private let canonical: Bool

    /// Validates one value starting at `start`; returns the index just past it.
    public static func validateValue(in bytes: ArraySlice<UInt8>, from start: Int) throws(EventError) -> Int {
        try validate(bytes, from: start, canonical: false)
    }

    /// Validates one value in the canonical form of `CanonicalJSON` starting at `start`; returns the index just
    /// past it.
    public static func validateCanonicalValue(in bytes: ArraySlice<UInt8>, from start: Int) throws(EventError) -> Int {
        try validate(bytes, from: start, canonical: true)
    }

    private static func validate(_ bytes: ArraySlice<UInt8>, from start: Int, canonical: Bool) throws(EventError) -> Int {
        var validator = JSONValidator(bytes: bytes, position: start, canonical: canonical)
        try validator.value()
        return validator.position
    }

    private init(bytes: ArraySlice<UInt8>, position: Int, canonical: Bool) {
        self.bytes = bytes
        self.position = position
        self.canonical = canonical
    }

    private func fail(_ problem: EventError.JSONProblem) -> EventError {
        .json(byteOffset: position - bytes.startIndex, problem: problem)
    }

    private mutating func value() throws(EventError) {
        guard position < bytes.endIndex else { throw fail(.endExpectingValue) }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            depth += 1
            guard depth <= Limits.jsonDepthMax else { throw fail(.depth) }
            position += 1
            if position < bytes.endIndex, bytes[position] == UInt8(ascii: "}") { position += 1; depth -= 1; return }
            var previousKey: Range<Int>? = nil
            while true {
                guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "\"") else { throw fail(.keyExpected) }
                let keyStart = position
                try string()
                if canonical {
                    let key = keyStart + 1..<position - 1
                    if let previous = previousKey, !Self.keyPrecedes(bytes[previous], bytes[key]) {
                        position = keyStart
                        throw fail(.keysNotCanonical)
                    }
                    previousKey = key
                }
                guard position < bytes.endIndex, bytes[position] == UInt8(ascii: ":") else { throw fail(.colonExpected) }
                position += 1
                try value()
                guard position < bytes.endIndex else { throw fail(.endInObject) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; break }
                throw fail(.commaOrBrace)
            }
            depth -= 1
        case UInt8(ascii: "["):
            depth += 1
            guard depth <= Limits.jsonDepthMax else { throw fail(.depth) }
            position += 1
            if position < bytes.endIndex, bytes[position] == UInt8(ascii: "]") { position += 1; depth -= 1; return }
            while true {
                try value()
                guard position < bytes.endIndex else { throw fail(.endInArray) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; break }
                throw fail(.commaOrBracket)
            }
            depth -= 1
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): position = try JSONGrammar.literal(in: bytes, at: position)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): position = try JSONGrammar.integer(in: bytes, at: position).end
        default: throw fail(.unexpectedCharacter)
        }
    }

    /// The string limit counts the bytes between the quotes as written, escapes included (`position - start - 1`
    /// below, `start` being the opening quote): what a record line stores is what is limited
    /// (`.stringTooLongAsWritten`).
    private mutating func string() throws(EventError) {
        let start = position
        position += 1
        while true {
            // Runs of ordinary characters (valid UTF-8 included) are skipped in one pass; the loop below sees only
            // quotes, escapes, control characters and invalid UTF-8.
            position = Bytes.endOfPlainText(in: bytes, from: position)
            guard position - start - 1 <= Limits.stringBytesMax else { throw fail(.stringTooLongAsWritten) }
            guard position < bytes.endIndex else { throw fail(.unterminatedString) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { position += 1; break }
            if byte < 0x20 { throw fail(.controlCharacter) }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.endIndex else { throw fail(.unterminatedEscape) }
                switch bytes[position + 1] {
                case UInt8(ascii: "/") where canonical:
                    throw fail(.slashEscapeNotCanonical)
                case let letter where JSONGrammar.shortEscape(letter) != nil:
                    position += 2
                case UInt8(ascii: "u") where canonical:
                    // Only control characters without a short form are written as \u00xx, in lower-case hex.
                    guard position + 6 <= bytes.endIndex, Bytes.matches(bytes, at: position + 2, Self.zeroZero),
                          let high = Hex.nibble(bytes[position + 4]), let low = Hex.nibble(bytes[position + 5]),
                          high < 2, ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(high << 4 | low) else {
                        throw fail(.unicodeEscapeNotCanonical)
                    }
                    position += 6
                case UInt8(ascii: "u"):
                    position = try JSONGrammar.unicodeEscape(in: bytes, at: position).end
                default: throw fail(.unknownEscape(letter: Character(Unicode.Scalar(bytes[position + 1]))))
                }
            } else {
                // `endOfPlainText` stops at a byte ≥ 0x80 only where its sequence is not valid UTF-8.
                throw fail(.invalidUTF8)
            }
            guard position - start - 1 <= Limits.stringBytesMax else { throw fail(.stringTooLongAsWritten) }
        }
    }

    /// Whether key `a` sorts strictly before key `b` by the bytes of their decoded text. Raw bytes compare the
    /// same way unless an escape is involved (a rare key with a quote, backslash or control character).
    private static func keyPrecedes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        let backslash = UInt8(ascii: "\\")
        guard a.contains(backslash) || b.contains(backslash) else { return a.lexicographicallyPrecedes(b) }
        return unescapeCanonical(a).lexicographicallyPrecedes(unescapeCanonical(b))
    }

    /// The text of a string body written with canonical escapes (already validated).
    private static func unescapeCanonical(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < body.endIndex else { out.append(byte); index += 1; continue }
            switch body[index + 1] {
            case UInt8(ascii: "u"):
                let high = Hex.nibble(body[index + 4]) ?? 0, low = Hex.nibble(body[index + 5]) ?? 0
                out.append(UInt8(high << 4 | low))
                index += 6
                continue
            case let letter: out.append(JSONGrammar.shortEscape(letter) ?? letter)
            }
            index += 2
        }
        return out
    }

    private static let zeroZero: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "0")]
}
