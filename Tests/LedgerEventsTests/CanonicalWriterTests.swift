@testable import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The record writer's fast paths against the plain rules of canonical JSON (ledger-spec.md section 2), over seeded
/// random values: strings with every control character, quotes, backslashes, DEL and non-ASCII text of every
/// UTF-8 width, at every length around the eight-byte words the scan reads (`Bytes.appendPlainJSONString`); and
/// integers of every size and sign (`Bytes.appendDecimal`). Each path must write exactly the reference's bytes, and
/// the strict parser must read the value back.
///
/// LEDGER_FUZZ_ITERATIONS scales the number of values (default 3,000 per seed, times LEDGER_TEST_DEPTH).
@Suite("Canonical writer fast paths")
struct CanonicalWriterTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    /// The canonical string literal, byte by byte: `"`, `\` and U+0000–U+001F escaped (the short forms \b \t \n
    /// \f \r, otherwise \u00xx in lower-case hex), every other byte as it is.
    static func reference(_ value: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for byte in value.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += Array("\\b".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return out
    }

    /// One piece of a random string: mostly plain ASCII, with every byte the scan must catch and characters of
    /// two, three and four UTF-8 bytes (whose bytes ≥ 0x80 must never be taken for one to escape).
    static func piece(_ g: inout SplitMix64) -> String {
        switch g.below(10) {
        case 0: return String(Unicode.Scalar(UInt8(g.below(0x20))))                       // any control character
        case 1: return g.pick(["\"", "\\", "\u{7F}", "/", " "])
        case 2: return g.pick(["é", "\u{A0}", "\u{85}", "ß", "\u{9C}"])                   // two bytes (C2/C3 leads)
        case 3: return g.pick(["海", "韵", "（", "\u{3000}", "\u{2028}", "\u{FFFD}", "\u{E01C}"]) // three bytes
        case 4: return g.pick(["😀", "𝔸", "\u{10FFFF}"])                                   // four bytes
        default: return String(Unicode.Scalar(UInt8(0x20 + g.below(0x5F))))               // printable ASCII
        }
    }

    static func randomString(_ g: inout SplitMix64, plain: Bool) -> String {
        var out = ""
        // Lengths around 0, 8, 16 and 24 bytes reach the byte loop, the word loop and the overlapping last word.
        let pieces = g.below(g.chance(70) ? 12 : 60)
        for _ in 0..<pieces {
            var next = piece(&g)
            if plain { while next.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { next = piece(&g) } }
            out += next
        }
        return out
    }

    @Test("strings: the fast paths write the reference's bytes", arguments: [UInt64(0x57A1_0001), 0x57A1_0002])
    func strings(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        var escaped = 0, plain = 0
        for n in 0..<Self.iterations {
            let value = Self.randomString(&g, plain: n % 3 == 0)
            let expected = Self.reference(value)
            let needsEscape = value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
            if needsEscape { escaped += 1 } else { plain += 1 }

            // The primitive: appends the literal exactly when nothing needs an escape, and nothing otherwise.
            var fast: [UInt8] = [0x7B]
            #expect(Bytes.appendPlainJSONString(value, to: &fast) == !needsEscape, "seed \(seed) #\(n): \(value.debugDescription)")
            #expect(fast == (needsEscape ? [0x7B] : [0x7B] + expected), "seed \(seed) #\(n): \(value.debugDescription)")

            // Both writers the record goes through.
            var canonical: [UInt8] = []
            CanonicalJSON.writeString(value, to: &canonical)
            #expect(canonical == expected, "seed \(seed) #\(n): \(value.debugDescription)")
            var writer = PayloadWriter(into: LineBuffer())
            writer.string(value)
            #expect(writer.out.bytes == expected, "seed \(seed) #\(n): \(value.debugDescription)")

            // The strict parser reads the same value back.
            #expect(try JSONParser.parse(expected) == .string(value), "seed \(seed) #\(n): \(value.debugDescription)")
        }
        #expect(escaped > Self.iterations / 10 && plain > Self.iterations / 10)
    }

    @Test("strings of every length up to 40 bytes, one escaped byte at each position")
    func everyPosition() {
        for length in 0...40 {
            let base = String(repeating: "a", count: length)
            var out: [UInt8] = []
            #expect(Bytes.appendPlainJSONString(base, to: &out) && out == Self.reference(base))
            for position in 0..<length {
                for bad: UInt8 in [0x00, 0x1F, 0x22, 0x5C] {
                    var bytes = Array(base.utf8)
                    bytes[position] = bad
                    let value = String(decoding: bytes, as: UTF8.self)
                    var fast: [UInt8] = []
                    #expect(!Bytes.appendPlainJSONString(value, to: &fast) && fast.isEmpty, "length \(length) position \(position) byte \(bad)")
                    var canonical: [UInt8] = []
                    CanonicalJSON.writeString(value, to: &canonical)
                    #expect(canonical == Self.reference(value))
                }
                // Bytes ≥ 0x80 next to the position (a two-byte character) need no escape.
                var bytes = Array(base.utf8)
                bytes[position] = 0xC3
                bytes.insert(0xA9, at: position + 1)
                let value = String(decoding: bytes, as: UTF8.self)
                var fast: [UInt8] = []
                #expect(Bytes.appendPlainJSONString(value, to: &fast) && fast == Self.reference(value))
            }
        }
    }

    @Test("integers: the digits are String(value)'s", arguments: [UInt64(0x1D16_0001), 0x1D16_0002])
    func integers(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        var values: [Int64] = [0, 1, -1, 9, -9, 10, -10, .max, .min, .min + 1, .max - 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power, power - 1, power + 1, -power, -(power - 1), -(power + 1)]
        }
        for _ in 0..<Self.iterations {
            // Every magnitude: a random word shifted right by a random amount, either sign.
            values.append(Int64(bitPattern: g.next()) >> Int64(g.below(64)))
        }
        for value in values {
            let expected = Array(String(value).utf8)
            var out: [UInt8] = [0x5B]
            Bytes.appendDecimal(value, to: &out)
            #expect(out == [0x5B] + expected, "\(value)")
            var canonical: [UInt8] = []
            CanonicalJSON.writeInteger(value, to: &canonical)
            #expect(canonical == expected, "\(value)")
            var writer = PayloadWriter(into: LineBuffer())
            writer.integer(value)
            #expect(writer.out.bytes == expected, "\(value)")
            #expect(CanonicalJSON.encode(.integer(value)) == expected)
        }
    }

    @Test("member keys: with and without the comma, as the canonical writer spells them")
    func keys() {
        typealias Key = CommunityRegistered.Key
        var writer = PayloadWriter(into: LineBuffer())
        writer.beginObject()
        for key in Key.allCases {
            writer.key(key)
            writer.integer(Int64(key.rawValue))
        }
        writer.endObject()
        var members: [String: JSONValue] = [:]
        for key in Key.allCases { members[Key.names.text[key.rawValue]] = .integer(Int64(key.rawValue)) }
        #expect(writer.out.bytes == CanonicalJSON.encode(.object(members)))
    }
}

/// The display form's fast path (`Bytes.appendPlainDisplayJSONString`, what reports print through
/// `CanonicalJSON.writeString(_:to:escaping: .display)`) against the display form's rules, scalar by scalar: the
/// canonical escapes, and DEL, C1 controls, the bidi embeddings, overrides and isolates and U+2028/U+2029 as \uXXXX.
extension CanonicalWriterTests {
    static func displayReference(_ value: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        let hex = Array("0123456789abcdef".utf8)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
                out += Array("\\u".utf8)
                for shift in [12, 8, 4, 0] { out.append(hex[Int((scalar.value >> UInt32(shift)) & 0xF)]) }
            default:
                out += reference(String(scalar)).dropFirst().dropLast()
            }
        }
        out.append(0x22)
        return out
    }

    /// A piece with the bytes the display check must catch (0x7F, and the leads 0xC2 and 0xE2 of the scalars it
    /// escapes) and their neighbours that it need not (0xC3, 0xE3, U+2014 and U+20AC under the lead 0xE2).
    static func displayPiece(_ g: inout SplitMix64) -> String {
        switch g.below(12) {
        case 0: return g.pick(["\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2028}", "\u{2029}"])
        case 1: return g.pick(["—", "€", "\u{2027}", "\u{202F}", "\u{2065}", "\u{206A}", "\u{A7}", "\u{80}", "\u{9F}", "\u{A0}"])
        default: return piece(&g)
        }
    }

    @Test("display strings: the fast path writes the display reference's bytes", arguments: [UInt64(0xD15B_0001), 0xD15B_0002])
    func displayStrings(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        var fastCount = 0, slowCount = 0
        for n in 0..<Self.iterations {
            var value = ""
            let pieces = g.below(g.chance(70) ? 12 : 60)
            let plain = n % 2 == 0
            for _ in 0..<pieces {
                var next = Self.displayPiece(&g)
                // Half the strings hold nothing either form escapes nor the bytes 0xC2 and 0xE2 (the fast path's).
                if plain { while next.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) { next = Self.displayPiece(&g) } }
                value += next
            }
            let expected = Self.displayReference(value)
            let takesFastPath = !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 })
            if takesFastPath { fastCount += 1 } else { slowCount += 1 }
            var fast: [UInt8] = [0x7B]
            #expect(Bytes.appendPlainDisplayJSONString(value, to: &fast) == takesFastPath, "seed \(seed) #\(n): \(value.debugDescription)")
            #expect(fast == (takesFastPath ? [0x7B] + expected : [0x7B]), "seed \(seed) #\(n): \(value.debugDescription)")
            var display: [UInt8] = []
            CanonicalJSON.writeString(value, to: &display, escaping: .display)
            #expect(display == expected, "seed \(seed) #\(n): \(value.debugDescription)")
            #expect(try JSONParser.parse(expected) == .string(value), "seed \(seed) #\(n): \(value.debugDescription)")
        }
        #expect(fastCount > Self.iterations / 4 && slowCount > Self.iterations / 4)
    }

    @Test("display strings of every length up to 40 bytes, one byte the display form watches at each position")
    func displayEveryPosition() {
        for length in 0...40 {
            let base = String(repeating: "a", count: length)
            var out: [UInt8] = []
            #expect(Bytes.appendPlainDisplayJSONString(base, to: &out) && out == Self.displayReference(base))
            for position in 0..<length {
                // DEL, a C1 control (C2 85), U+202E (E2 80 AE), and harmless U+2014 (E2 80 94) and é (C3 A9).
                for (insert, fast) in [([UInt8](arrayLiteral: 0x7F), false), ([0xC2, 0x85], false), ([0xE2, 0x80, 0xAE], false),
                                       ([0xE2, 0x80, 0x94], false), ([0xC3, 0xA9], true), ([0x22], false), ([0x1F], false)] {
                    var bytes = Array(base.utf8)
                    bytes.replaceSubrange(position..<position + 1, with: insert)
                    let value = String(decoding: bytes, as: UTF8.self)
                    var out: [UInt8] = []
                    #expect(Bytes.appendPlainDisplayJSONString(value, to: &out) == fast, "length \(length) position \(position) \(insert)")
                    var display: [UInt8] = []
                    CanonicalJSON.writeString(value, to: &display, escaping: .display)
                    #expect(display == Self.displayReference(value), "length \(length) position \(position) \(insert)")
                }
            }
        }
    }
}
