/// Why a JSON text was rejected, with the byte offset (0-based) where the parser stopped.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    public let byteOffset: Int
    public let reason: String

    public init(byteOffset: Int, reason: String) {
        self.byteOffset = byteOffset
        self.reason = reason
    }

    public var description: String { "\(reason) (at byte \(byteOffset + 1))" }
}

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

    /// Parses one complete JSON text.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw JSONParseError(byteOffset: bad, reason: "invalid UTF-8")
        }
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw JSONParseError(byteOffset: parser.position, reason: "unexpected text after the JSON value")
        }
        return value
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        // ASCII fast path: most ledger text is ASCII keys with some Chinese values.
        var allASCII = true
        for b in bytes where b >= 0x80 { allASCII = false; break }
        if allASCII { return nil }
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func fail(_ reason: String) -> JSONParseError { JSONParseError(byteOffset: position, reason: reason) }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end of input; a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default: throw fail("unexpected character; a JSON value was expected")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("unexpected end of input") }
        var index = 0
        let ok = literal.withUTF8Buffer { buffer in
            while index < count {
                if bytes[position + index] != buffer[index] { return false }
                index += 1
            }
            return true
        }
        guard ok else { throw fail("unknown literal; expected true, false or null") }
        position += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= Limits.jsonDepthMax else {
            throw fail("nesting deeper than \(Limits.jsonDepthMax) levels (limit jsonDepthMax)")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
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
                throw fail("an object key (a string in double quotes) was expected")
            }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("':' was expected") }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            guard members.updateValue(value, forKey: key) == nil else {
                throw JSONParseError(byteOffset: keyStart, reason: "duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of input inside an object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; break }
            throw fail("',' or '}' was expected")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
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
            guard position < bytes.count else { throw fail("unexpected end of input inside an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; break }
            throw fail("',' or ']' was expected")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") else {
            throw fail("a digit was expected")
        }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count,
           bytes[position + 1] >= UInt8(ascii: "0"), bytes[position + 1] <= UInt8(ascii: "9") {
            throw fail("numbers must not have leading zeros")
        }
        var magnitude: Int64 = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            if magnitude > (Limits.jsonIntegerMax - digit) / 10 {
                throw JSONParseError(byteOffset: start, reason: "number out of range; integers must lie within ±\(Limits.jsonIntegerMax)")
            }
            magnitude = magnitude * 10 + digit
            position += 1
        }
        if position < bytes.count {
            let next = bytes[position]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
                throw JSONParseError(byteOffset: start, reason: "fractional or exponent numbers are not accepted; write money as integer fen and decimals as strings, e.g. \"35.50\"")
            }
        }
        if negative && magnitude == 0 { throw JSONParseError(byteOffset: start, reason: "-0 is not a valid integer here") }
        return negative ? -magnitude : magnitude
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position
        position += 1
        var out = [UInt8]()
        while true {
            guard position < bytes.count else {
                throw JSONParseError(byteOffset: start, reason: "unterminated string")
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { position += 1; break }
            if byte < 0x20 { throw fail("control character in a string; escape it") }
            if byte == UInt8(ascii: "\\") {
                position += 1
                guard position < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate escape")
                        }
                        position += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("unpaired surrogate escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        throw fail("unpaired surrogate escape")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(escape)))")
                }
            } else {
                out.append(byte)
                position += 1
            }
            guard out.count <= Limits.stringBytesMax else {
                throw JSONParseError(byteOffset: start, reason: "string longer than \(Limits.stringBytesMax) bytes (limit stringBytesMax)")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let nibble: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("bad hex digit in \\u escape")
            }
            value = value << 4 | nibble
            position += 1
        }
        return value
    }
}
