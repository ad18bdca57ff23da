@testable import LedgerProjections
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The fold's id table (`IdInterner`, and `EventIDTable` on it) against `[String: Int]`, whose `String` equality
/// (Unicode canonical equivalence) the projections have always used: on seeded random ids — short ASCII ids as a
/// log holds, Chinese ones, and spellings that differ in their bytes but are canonically equivalent (precomposed
/// and decomposed accents, U+212A KELVIN SIGN beside `K`, U+212B ANGSTROM SIGN beside `Å`) — every lookup and
/// every insertion gives what the dictionary gives, through several growths of the table.
@Suite struct IdInternerTests {
    /// Pieces whose concatenations collide under canonical equivalence but not byte for byte.
    static let pieces = ["K", "\u{212A}", "\u{00C5}", "A\u{030A}", "\u{212B}", "e\u{0301}", "\u{00E9}", "-", "0", "1",
                         "A", "C00", "青枫苑", "楼", "Ω", "\u{2126}", "x"]

    static func randomID(_ random: inout SplitMix64) -> String {
        if random.int(0..<3) == 0 { return "ev-\(random.int(0..<400))" }
        return (0..<random.int(1...4)).map { _ in pieces[random.int(0..<pieces.count)] }.joined()
    }

    @Test(arguments: TestScale.seeds(20)) func internerAgreesWithTheDictionary(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37 &+ 11)
        var interner = IdInterner()
        var reference: [String: Int] = [:]
        if random.int(0..<2) == 0 { interner.reserve(random.int(0..<50)) }
        for step in 0..<random.int(100...1_500) {
            let id = Self.randomID(&random)
            #expect(interner.find(id) == reference[id], "seed \(seed), step \(step): find \(id.unicodeScalars.map { $0.value })")
            if reference[id] == nil {
                if random.int(0..<2) == 0 {
                    #expect(interner.add(id) == reference.count)
                } else {
                    let (index, added) = interner.intern(id)
                    #expect(added && index == reference.count)
                }
                reference[id] = reference.count
            } else {
                let (index, added) = interner.intern(id)
                #expect(!added && index == reference[id], "seed \(seed), step \(step)")
            }
        }
        #expect(interner.count == reference.count)
        for (id, index) in reference { #expect(interner.ids[index] == id) }
    }

    /// Equal ids hash alike whatever their bytes: the property the table rests on.
    @Test func canonicallyEquivalentIdsHashAlike() {
        let pairs = [("K-1", "\u{212A}-1"), ("\u{00C5}", "A\u{030A}"), ("\u{212B}B", "\u{00C5}B"), ("caf\u{00E9}", "cafe\u{0301}"),
                     ("\u{2126}", "Ω")]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(IdInterner.hash(a) == IdInterner.hash(b), "\(a) and \(b)")
            var interner = IdInterner()
            interner.add(a)
            #expect(interner.find(b) == 0)
        }
        #expect(IdInterner.hash("C00024-A021") != IdInterner.hash("C00024-A022"))
    }

    /// ASCII pieces, and the non-ASCII spellings canonically equal to ASCII ones.
    static let asciiPieces = ["K", "-", "0", "1", "A", "C00", "x", ";", "`", "ev-", "0123456789", "abcdefgh"]
    static let asciiTwins = ["\u{212A}", "\u{037E}", "\u{1FEF}"]

    /// While every id added is ASCII the table hashes bytes (`Bytes.asciiHash`), and a non-ASCII lookup goes through
    /// the ASCII id it is equivalent to; the first non-ASCII id added turns the table to `String`'s hash. Against
    /// `[String: Int]`: ASCII ids of every length around the hash's word sizes, looked up in every spelling (U+212A
    /// for `K`, U+037E GREEK QUESTION MARK for `;`, U+1FEF GREEK VARIA for `` ` ``, and ids equal to none), and, in
    /// half the runs, non-ASCII ids added from some step on.
    @Test(arguments: TestScale.seeds(20)) func asciiTableAgreesWithTheDictionary(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0xA24B_AED4 &+ 9)
        var interner = IdInterner()
        var reference: [String: Int] = [:]
        let wideFrom = random.int(0..<2) == 0 ? random.int(0..<800) : Int.max
        func asciiID() -> String {
            (0..<random.int(0...5)).map { _ in Self.asciiPieces[random.int(0..<Self.asciiPieces.count)] }.joined()
        }
        /// `id` with each `K`, `;` and `` ` `` in its other spelling at random, or a non-ASCII character added.
        func respelled(_ id: String) -> String {
            if random.int(0..<6) == 0 { return id + "区" }
            var out = String.UnicodeScalarView()
            for scalar in id.unicodeScalars {
                if let twin = ["K": "\u{212A}", ";": "\u{037E}", "`": "\u{1FEF}"][Character(scalar)], random.int(0..<2) == 0 {
                    out.append(contentsOf: twin.unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
            return String(out)
        }
        for step in 0..<random.int(200...1_000) {
            let base = asciiID()
            let id = step >= wideFrom && random.int(0..<2) == 0 ? respelled(base) : base
            let query = respelled(id)
            #expect(interner.find(query) == reference[query], "seed \(seed), step \(step): find \(query.unicodeScalars.map { $0.value })")
            if reference[id] == nil {
                if random.int(0..<2) == 0 {
                    #expect(interner.add(id) == reference.count)
                } else {
                    let (index, added) = interner.intern(id)
                    #expect(added && index == reference.count)
                }
                reference[id] = reference.count
            } else {
                let (index, added) = interner.intern(id)
                #expect(!added && index == reference[id], "seed \(seed), step \(step)")
            }
            #expect(interner.asciiOnly == reference.keys.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        }
        for (id, index) in reference {
            #expect(interner.ids[index] == id)
            #expect(interner.find(id) == index)
        }
    }

    /// A non-ASCII string equals an ASCII one exactly when `asciiEquivalent` says so: every scalar up to U+2FFF
    /// (U+212A KELVIN SIGN, U+037E GREEK QUESTION MARK and U+1FEF GREEK VARIA among them) against each of the 128
    /// ASCII scalars by `String ==`, and strings of several scalars.
    @Test func asciiEquivalentAgreesWithStringEquality() {
        let ascii = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
        var found: [UInt32] = []
        for value in UInt32(0x80)..<0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            let equal = ascii.first { $0 == text }
            #expect(IdInterner.asciiEquivalent(text) == equal, "U+\(String(value, radix: 16))")
            if equal != nil { found.append(value) }
        }
        #expect(found.contains(0x212A) && found.contains(0x037E) && found.contains(0x1FEF), "\(found)")
        #expect(IdInterner.asciiEquivalent("C-\u{212A}1;") == "C-K1;")
        #expect(IdInterner.asciiEquivalent("\u{212A}\u{037E}\u{1FEF}") == "K;`")
        #expect(IdInterner.asciiEquivalent("K\u{0301}") == nil)
        #expect(IdInterner.asciiEquivalent("\u{212B}") == nil)
        #expect(IdInterner.asciiEquivalent("区") == nil)
        #expect(IdInterner.asciiEquivalent("") == "")
    }

    /// `Bytes.asciiHash`: nil exactly when a byte is not ASCII, equal for equal bytes, and apart for ids that differ
    /// in one byte at any place, of every length from 0 to 40 (the hash reads words, halves and overlapping tails).
    @Test func asciiHashReadsEveryByte() {
        let seed: UInt64 = 0x1234_5678
        var hashes: Set<UInt64> = []
        var count = 0
        for length in 0...40 {
            let id = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x41 + $0 % 26))) })
            #expect(Bytes.asciiHash(id, seed: seed) == Bytes.asciiHash(String(id.unicodeScalars), seed: seed))
            hashes.insert(Bytes.asciiHash(id, seed: seed)!)
            count += 1
            for place in 0..<length {
                var bytes = Array(id.utf8)
                bytes[place] = UInt8(ascii: "0")
                hashes.insert(Bytes.asciiHash(String(decoding: bytes, as: UTF8.self), seed: seed)!)
                count += 1
                bytes[place] = 0xC3
                bytes.insert(0xA9, at: place + 1)
                #expect(Bytes.asciiHash(String(decoding: bytes, as: UTF8.self), seed: seed) == nil, "length \(length), é at \(place)")
            }
        }
        #expect(hashes.count == count)
        #expect(Bytes.asciiHash("C00024-A021", seed: 1) != Bytes.asciiHash("C00024-A021", seed: 2))
        #expect(Bytes.asciiHash("\u{212A}", seed: seed) == nil)
    }

    /// `Bytes.asciiSuffixKey` (the correction targets' filter in `EffectiveLog.facts(of:atSeq:asOf:)`): on random
    /// strings of ASCII letters and digits, canonically equivalent spellings of them (U+212A KELVIN SIGN for `K`,
    /// U+212B ANGSTROM SIGN and `A` + U+030A for `Å`, `e` + U+0301 for `é`) and Chinese, every two equal strings that
    /// both have a key have the same key; a key is there exactly when the last eight bytes (or all of a shorter
    /// string) are ASCII; and different ASCII tails, short or long, have different keys.
    @Test(arguments: TestScale.seeds(20)) func asciiSuffixKeyAgreesWithStringEquality(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37 &+ 11)
        let pieces = ["a", "K", "\u{212A}", "\u{C5}", "\u{212B}", "A\u{30A}", "\u{E9}", "e\u{301}", "-", "1", "7", "中"]
        var strings: [String] = []
        for _ in 0..<300 {
            strings.append((0..<random.int(0...12)).map { _ in pieces[random.int(0..<pieces.count)] }.joined())
        }
        for string in strings {
            let bytes = Array(string.utf8)
            let tail = bytes.suffix(8)
            #expect((Bytes.asciiSuffixKey(string) != nil) == tail.allSatisfy { $0 < 0x80 }, "\(bytes)")
            for other in strings where string == other {
                if let key = Bytes.asciiSuffixKey(string), let otherKey = Bytes.asciiSuffixKey(other) {
                    #expect(key == otherKey, "\(bytes) and \(Array(other.utf8))")
                }
            }
        }
        // ASCII strings of every length to 12: the key tells apart exactly the tails that differ.
        var keys: [UInt64: String] = [:]
        for length in 0...12 {
            for _ in 0..<20 {
                let string = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8(0x20 + random.int(0..<95)))) })
                let key = Bytes.asciiSuffixKey(string)!
                let tail = String(string.suffix(length < 8 ? length : 8)) + (length < 8 ? " (short)" : "")
                if let seen = keys[key] { #expect(seen == tail, "\(seen) and \(tail)") }
                keys[key] = tail
            }
        }
        #expect(Bytes.asciiSuffixKey("") != Bytes.asciiSuffixKey("\u{0}"))
        #expect(Bytes.asciiSuffixKey("abcdefgh") != Bytes.asciiSuffixKey("abcdefg"))
    }

    /// The event-id table keeps the first record of an id, as the dictionary it replaced did.
    /// Review21's colliding ids: with a multiply alone after each word, flipping bit 62 of one word and the bits the
    /// shift moved it to in the next gave the same 64-bit hash for about half of all seeds, so pieces chained gave
    /// families of ids on one probe chain whatever the seed. With a full mix after each word, 128 such ids (seven
    /// 16-byte pieces, each written one way or the other) hash apart under every seed tried.
    @Test func idsBuiltToCollideHashApart() {
        let pieces = ["AAAAAAAAAAAAAAAA", "AAAAAAA\u{01}AAAACAA\u{01}"]
        for seed in [1, 2, 3, 0x9E37_79B9_7F4A_7C15, UInt64.max] as [UInt64] {
            var hashes = Set<UInt64>()
            for choice in 0..<128 {
                let id = (0..<7).map { pieces[(choice >> $0) & 1] }.joined()
                hashes.insert(Bytes.asciiHash(id, seed: seed)!)
            }
            #expect(hashes.count == 128, "seed \(seed): \(hashes.count) distinct hashes of 128 ids")
        }
    }

    @Test func eventIDTableKeepsTheFirstRecord() {
        var table = EventIDTable()
        table.noteFirst("ev-1", seq: 1, type: "asset.registered")
        table.noteFirst("ev-2", seq: 2, type: "fund.opened")
        table.noteFirst("ev-1", seq: 3, type: "correction")
        table.noteFirst("\u{212A}", seq: 4, type: "fund.income")
        table.noteFirst("K", seq: 5, type: "fund.spending")
        #expect(table["ev-1"]?.seq == 1 && table["ev-1"]?.type == "asset.registered")
        #expect(table["ev-2"]?.seq == 2)
        #expect(table["K"]?.seq == 4 && table["K"]?.type == "fund.income")
        #expect(table["ev-3"] == nil)
        #expect(table.count == 3)
    }
}
