import LedgerPlatform
import LedgerTestSupport
import Testing

/// The string helpers an import reads its cells and ids with (`Bytes+UTF8Text.swift`) answer exactly what the
/// standard library's slower ways answer, on seeded random texts of ASCII, Chinese (CJK, with the ideographic space
/// and the BOM a spreadsheet leaves), NFD accents, emoji, and invalid bytes.
@Suite struct BytesUTF8TextTests {
    /// Pieces a random text is made of: each valid UTF-8 (NFC and NFD spellings of é among them).
    static let pieces: [String] = ["A", "z", "R-", "0012", " ", "\t", "=\"", "\"", "住宅", "前平台", "\u{3000}", "\u{FEFF}", "\u{00A0}",
                                   "e\u{0301}", "\u{00E9}", "Ω", "🚗", "ǰ", "סլ", "㎡", "Z", "m", "-", "_", "@", "[", "`", "{"]
    /// Bytes that are not UTF-8 on their own or out of place: a lone continuation, a truncated lead, an overlong
    /// form, a surrogate, a code point above U+10FFFF, bytes never used.
    static let badPieces: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0xAF], [0xC2], [0xE4, 0xBD], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
                                       [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0xF0, 0x9F, 0x9A]]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<random.int(0...12)).map { _ in pieces[random.int(0..<pieces.count)] }.joined()
    }

    static func bytes(_ random: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<random.int(0...14) {
            if random.int(0..<6) == 0 { out += badPieces[random.int(0..<badPieces.count)] } else { out += Array(pieces[random.int(0..<pieces.count)].utf8) }
        }
        return out
    }

    @Test func validUTF8StringIsTheValidatedText() {
        var random = SplitMix64(seed: 0x40_17F8)
        var valid = 0, invalid = 0
        for round in 0..<4_000 {
            let all = Self.bytes(&random)
            // A slice not starting at 0, as a record's cells are.
            let skip = all.isEmpty ? 0 : random.int(0...min(3, all.count))
            let slice = all[skip...]
            let made = Bytes.validUTF8String(slice)
            let expected = String(validating: Array(slice), as: UTF8.self)
            #expect((made == nil) == (Bytes.firstInvalidUTF8(slice) != nil), "round \(round)")
            #expect(made.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "round \(round)")
            if let made {
                valid += 1
                // The same string in every way a caller uses it: equal, hashed alike, the same characters.
                #expect(made == expected && made.hashValue == expected!.hashValue && Array(made) == Array(expected!), "round \(round)")
            } else {
                invalid += 1
            }
        }
        // The rounds really cover both answers.
        #expect(valid > 500 && invalid > 500)
        #expect(Bytes.validUTF8String([][...]) == "")
        #expect(Bytes.validUTF8String(Array("住宅 e\u{0301}".utf8)[...]).map { Array($0.utf8) } == Array("住宅 e\u{0301}".utf8))
        #expect(Bytes.validUTF8String([0x41, 0xC0, 0xAF][...]) == nil)
    }

    @Test func appendUTF8AppendsTheBytes() {
        var random = SplitMix64(seed: 0x40_A99E)
        for round in 0..<2_000 {
            let prefix = (0..<random.int(0...5)).map { _ in UInt8(random.int(0..<256)) }
            let text = Self.text(&random)
            var out = prefix
            Bytes.appendUTF8(text, to: &out)
            #expect(out == prefix + Array(text.utf8), "round \(round)")
        }
        // A string that is a slice's copy or made from another's bytes, not a literal.
        let made = String("xx住宅前平台".dropFirst(2))
        var out: [UInt8] = []
        Bytes.appendUTF8(made, to: &out)
        #expect(out == Array("住宅前平台".utf8))
    }

    @Test func utf8EndsAreTheFirstAndLastBytes() {
        var random = SplitMix64(seed: 0x40_E4D5)
        for round in 0..<2_000 {
            let text = Self.text(&random)
            let ends = Bytes.utf8Ends(text)
            if text.utf8.isEmpty {
                #expect(ends == nil, "round \(round)")
            } else {
                #expect(ends?.first == text.utf8.first && ends?.last == text.utf8.last && ends?.count == text.utf8.count, "round \(round)")
            }
        }
    }

    @Test func asciiCaseMapsOnlyASCIILetters() {
        var random = SplitMix64(seed: 0x40_CA5E)
        for round in 0..<3_000 {
            let text = Self.text(&random)
            for upper in [true, false] {
                let mapped = Bytes.asciiCase(text, upper: upper)
                let expected = text.utf8.map { byte -> UInt8 in
                    if upper { return byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
                    return byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                }
                #expect(Array(mapped.utf8) == expected, "round \(round), upper \(upper)")
            }
        }
        // The letters' neighbours (@ [ ` {) and non-ASCII letters stay; every letter moves.
        #expect(Bytes.asciiCase("@AZ[`az{ Éé住", upper: true) == "@AZ[`AZ{ Éé住")
        #expect(Bytes.asciiCase("@AZ[`az{ Éé住", upper: false) == "@az[`az{ Éé住")
        #expect(Bytes.asciiCase("", upper: true) == "")
    }
}
