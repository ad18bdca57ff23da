import LedgerPlatform

/// A strict JSON parser for outside input (event lines, checkpoints, policy files).
///
/// Stricter than RFC 8259 where the ledger needs it: input must be valid UTF-8; numbers must be integers
/// within ±(2^53 − 1) (no fractions or exponents: write money in fen and decimals as strings); duplicate
/// object keys, unpaired surrogate escapes, nesting deeper than `Limits.jsonDepthMax` and strings longer than
/// `Limits.stringBytesMax` are errors. It never recurses deeper than that bound and never traps on input.
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Parses one complete JSON text. `negativeZero` reads `-0` as the integer 0 instead of refusing it: only for
    /// `ledger.json`, which spec section 1 reads with RFC 8259's integers (an outside verifier accepts `-0` there).
    public static func parse(_ bytes: [UInt8], negativeZero: Bool = false) throws(EventError) -> JSONValue {
        if let bad = Bytes.firstInvalidUTF8(bytes[...]) {
            throw EventError.json(byteOffset: bad, problem: .invalidUTF8)
        }
        var parser = JSONParser(bytes: bytes, negativeZero: negativeZero)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw EventError.json(byteOffset: parser.position, problem: .trailingText)
        }
        return value
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(EventError) -> JSONValue { try parse(Array(text.utf8)) }

    private let negativeZero: Bool

    private init(bytes: [UInt8], negativeZero: Bool = false) { self.bytes = bytes; self.negativeZero = negativeZero }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func fail(_ problem: EventError.JSONProblem) -> EventError { .json(byteOffset: position, problem: problem) }

    private mutating func parseValue() throws(EventError) -> JSONValue {
        guard position < bytes.count else { throw fail(.endExpectingValue) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let first = bytes[position]
            position = try JSONGrammar.literal(in: bytes[...], at: position)
            return first == UInt8(ascii: "n") ? .null : .bool(first == UInt8(ascii: "t"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (value, end) = try JSONGrammar.integer(in: bytes[...], at: position, negativeZero: negativeZero)
            position = end
            return .integer(value)
        default: throw fail(.unexpectedCharacter)
        }
    }

    private mutating func enter() throws(EventError) {
        depth += 1
        guard depth <= Limits.jsonDepthMax else {
            throw fail(.depth)
        }
    }

    private mutating func parseObject() throws(EventError) -> JSONValue {
        try enter()
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail(.keyExpected)
            }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail(.colonExpected) }
            position += 1
            skipWhitespace()
            let value: JSONValue
            let valueStart = position
            do { value = try parseValue() } catch {
                // A decimal number is refused; naming the member it was for lets the message say how that member
                // is written (`amount` takes yuan as text, `amount_fen` whole fen). Only on the error path.
                if case .json(let offset, .fraction(member: nil, let written)) = error, offset == valueStart {
                    throw EventError.json(byteOffset: offset, problem: .fraction(member: key, written: written))
                }
                throw error
            }
            guard members.updateValue(value, forKey: key) == nil else {
                // The dictionary keeps the first spelling: a different one is the same text in other code points.
                if let earlier = members.keys.first(where: { $0 == key }), !earlier.utf8.elementsEqual(key.utf8) {
                    throw EventError.json(byteOffset: keyStart, problem: .equivalentKey(key: key, earlier: earlier))
                }
                throw EventError.json(byteOffset: keyStart, problem: .duplicateKey(key: key))
            }
            skipWhitespace()
            guard position < bytes.count else { throw fail(.endInObject) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; break }
            throw fail(.commaOrBrace)
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(EventError) -> JSONValue {
        try enter()
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw fail(.endInArray) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; break }
            throw fail(.commaOrBracket)
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseString() throws(EventError) -> String {
        let start = position
        position += 1
        var out = [UInt8]()
        while true {
            guard position < bytes.count else {
                throw EventError.json(byteOffset: start, problem: .unterminatedString)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { position += 1; break }
            if byte < 0x20 { throw fail(.controlCharacter) }
            if byte == UInt8(ascii: "\\") {
                position += 1
                guard position < bytes.count else { throw fail(.unterminatedEscape) }
                let escape = bytes[position]
                if let short = JSONGrammar.shortEscape(escape) {
                    out.append(short)
                    position += 1
                } else if escape == UInt8(ascii: "u") {
                    let (scalar, end) = try JSONGrammar.unicodeEscape(in: bytes[...], at: position - 1)
                    UTF8.encode(scalar) { out.append($0) }
                    position = end
                } else {
                    throw fail(.unknownEscape(letter: Character(Unicode.Scalar(escape))))
                }
            } else {
                out.append(byte)
                position += 1
            }
            guard out.count <= Limits.stringBytesMax else {
                throw EventError.json(byteOffset: start, problem: .stringTooLong)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
