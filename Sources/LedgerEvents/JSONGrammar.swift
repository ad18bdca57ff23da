import LedgerPlatform

/// The token rules `JSONParser` and `JSONValidator` share, so the two cannot disagree about what a literal, an
/// integer or a `\u` escape is, nor word the same error two ways. Positions are indices of `bytes`; error offsets
/// count from its start.
enum JSONGrammar {
    static func fail(_ bytes: ArraySlice<UInt8>, _ position: Int, _ problem: EventError.JSONProblem) -> EventError {
        .json(byteOffset: position - bytes.startIndex, problem: problem)
    }

    /// The end of the literal `true`, `false` or `null` whose first letter is at `position`.
    static func literal(in bytes: ArraySlice<UInt8>, at position: Int) throws(EventError) -> Int {
        let word: [UInt8]
        switch bytes[position] {
        case UInt8(ascii: "t"): word = trueBytes
        case UInt8(ascii: "f"): word = falseBytes
        default: word = nullBytes
        }
        guard Bytes.matches(bytes, at: position, word) else {
            throw fail(bytes, position, .unknownLiteral)
        }
        return position + word.count
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    /// The integer starting at `position` (a `-` or a digit) and the index just past it. Integers are plain
    /// decimal within ±(2^53 − 1): no leading zeros, no fraction or exponent, and no -0 unless `negativeZero` (read
    /// as 0: valid JSON, which `ledger.json` may hold in a member the program ignores — spec section 1).
    static func integer(in bytes: ArraySlice<UInt8>, at start: Int, negativeZero: Bool = false) throws(EventError) -> (value: Int64, end: Int) {
        var position = start
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var magnitude: Int64 = 0
        while position < bytes.endIndex, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            if position == digitsStart + 1, bytes[digitsStart] == UInt8(ascii: "0") {
                throw fail(bytes, digitsStart, .leadingZeros)
            }
            if magnitude > (Limits.jsonIntegerMax - digit) / 10 {
                throw fail(bytes, start, .integerRange)
            }
            magnitude = magnitude * 10 + digit
            position += 1
        }
        guard position > digitsStart else { throw fail(bytes, position, .digitExpected) }
        if position < bytes.endIndex {
            let next = bytes[position]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
                throw fail(bytes, start, .fraction(member: nil, written: numberText(in: bytes, at: start)))
            }
        }
        if negative && magnitude == 0 && !negativeZero { throw fail(bytes, start, .negativeZero) }
        return (negative ? -magnitude : magnitude, position)
    }

    /// The number token at `start` as written (`3000.5`, `1e3`), at most 40 bytes, for a message.
    private static func numberText(in bytes: ArraySlice<UInt8>, at start: Int) -> String {
        var end = start
        while end < bytes.endIndex, end - start < 40 {
            let byte = bytes[end]
            guard (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") else { break }
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The scalar of the `\uXXXX` escape at `position` (its backslash), a surrogate pair read as one, and the index
    /// just past it; an unpaired surrogate is an error.
    static func unicodeEscape(in bytes: ArraySlice<UInt8>, at position: Int) throws(EventError) -> (scalar: Unicode.Scalar, end: Int) {
        var scalar = try hex4(bytes, position + 2)
        var end = position + 6
        if scalar >= 0xD800 && scalar <= 0xDBFF {
            guard end + 1 < bytes.endIndex, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u") else {
                throw fail(bytes, end, .unpairedSurrogate)
            }
            let low = try hex4(bytes, end + 2)
            guard low >= 0xDC00 && low <= 0xDFFF else { throw fail(bytes, end + 6, .unpairedSurrogate) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            end += 6
        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
            throw fail(bytes, end, .unpairedSurrogate)
        }
        // Surrogates are handled above, so every value left is a scalar.
        return (Unicode.Scalar(scalar)!, end)
    }

    /// The four hex digits (either case) at `position`.
    private static func hex4(_ bytes: ArraySlice<UInt8>, _ position: Int) throws(EventError) -> UInt32 {
        guard position + 4 <= bytes.endIndex else { throw fail(bytes, position, .incompleteEscape) }
        var value: UInt32 = 0
        for index in position..<position + 4 {
            guard let nibble = Hex.nibbleAnyCase(bytes[index]) else {
                throw fail(bytes, index, .badHexDigit)
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// The byte a short escape (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`) stands for, given its letter.
    static func shortEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }
}
