@testable import LedgerImport
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 52 (issue 11): `private/names.index` (`PrivateNameKeys`, searched through `IndexedPrivateNames`) answers
/// every question the doors ask exactly as `PrivateNames` built from every value does — the name told byte for byte —
/// over seeded kept values (Han names with traditional forms, notes in brackets, Latin names with spaces and dots,
/// every kind of middle dot, role words and companies, precomposed and decomposed spellings of one name) and seeded
/// texts; also when part of the values are the run's committed ones (a second, in-memory file). A file that is
/// damaged, of another version, of other rules or foreign is never taken (`decode`).
@Suite struct PrivateNameKeysTests {
    typealias R = PrivateNamesReferenceTests

    /// More canonically-equal spellings than the reference test's values hold: a name in NFC and in NFD, a
    /// compatibility ideograph, Hangul written as jamo and as syllables.
    static let equalSpellings = ["Jos\u{E9} Li", "Jose\u{301} Li", "Ren\u{E9}e", "Rene\u{301}e", "\u{FA0E}张", "가나다", "\u{1100}\u{1161}나다",
                                 "Zoë Smith", "Zoe\u{308} Smith", "王︀芳"]

    static func values(_ random: inout SplitMix64) -> [String] {
        var values: [String] = []
        for _ in 0..<random.within(0...40) {
            values.append(random.chance(15) ? random.pick(equalSpellings) : R.value(&random))
        }
        return values
    }

    static func bytes(_ text: String?) -> [UInt8]? { text.map { Array($0.utf8) } }

    @Test(arguments: [UInt64(5201), 5202, 5203, 5204, 5205, 5206])
    func answersAsTheTableDoes(_ seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var told = 0
        for round in 0..<30 {
            let values = Self.values(&random)
            let table = PrivateNames(values: values)
            let indexed = IndexedPrivateNames([PrivateNameKeys(values: values)])
            // Kept in private/ (the file) and committed in this run (the in-memory one), split anywhere.
            let split = random.within(0...values.count)
            let committed = Array(values[split...])
            let both = IndexedPrivateNames([PrivateNameKeys(values: values[..<split])] + (committed.isEmpty ? [] : [PrivateNameKeys(values: committed)]))
            #expect(indexed.isEmpty == table.isEmpty, "seed \(seed) round \(round)")
            var probes = values + Self.equalSpellings
            for _ in 0..<60 { probes.append(R.text(&random, kept: values + Self.equalSpellings)) }
            for probe in probes {
                let label = "seed \(seed) round \(round): \(probe) in \(values) split \(split)"
                let expected = table.name(inText: probe)
                if expected != nil { told += 1 }
                #expect(indexed.holds(probe) == table.holds(probe), "\(label)")
                #expect(both.holds(probe) == table.holds(probe), "\(label)")
                #expect(Self.bytes(indexed.name(inText: probe)) == Self.bytes(expected), "\(label)")
                #expect(Self.bytes(both.name(inText: probe)) == Self.bytes(expected), "\(label)")
            }
        }
        // A property test whose probes never met a kept name would pass whatever the search did.
        #expect(told > 500)
    }

    /// Long kept values and long texts (review of privkeys52 #1): a text's check looks, at each start, at the names
    /// sharing its two characters there, not at every length up to the longest name — which made a 2,000-character
    /// text against a 1,000-character kept value take most of a minute. The answers stay the table's.
    @Test(.timeLimit(.minutes(1))) func longNamesAndTextsAnswerAsTheTableDoes() {
        let long = "王" + String(repeating: "某", count: 998) + "芳"
        let company = "青岛市市南区某某物业服务有限公司第一分公司（香港中路10号甲）"
        let values = [long, company, "张伟伟", "李娜娜"]
        let table = PrivateNames(values: values)
        let indexed = IndexedPrivateNames([PrivateNameKeys(values: values)])
        let texts = [String(repeating: "收", count: 2_000),
                     String(repeating: "某", count: 3_000),
                     String(repeating: "退还押金", count: 500) + "李娜娜",
                     "付" + long + "款",
                     String(repeating: "物业服务", count: 400) + "青岛市市南区某某物业服务有限公司第一分公司",
                     String(repeating: "x", count: 20_000)]
        for text in texts {
            #expect(Self.bytes(indexed.name(inText: text)) == Self.bytes(table.name(inText: text)), "\(text.prefix(20))… (\(text.count))")
        }
        #expect(indexed.name(inText: "付" + long + "款") != nil)
    }

    /// Of two kept spellings equal as characters, the one with the smaller UTF-8 bytes is told, whichever source
    /// (the file or the run's values) holds it.
    @Test func theSmallerBytesAreTold() {
        let precomposed = "Jos\u{E9} Li", decomposed = "Jose\u{301} Li"
        let smaller = Array("jos\u{E9}li".utf8).lexicographicallyPrecedes(Array("jose\u{301}li".utf8)) ? "jos\u{E9}li" : "jose\u{301}li"
        for (file, run) in [(precomposed, decomposed), (decomposed, precomposed)] {
            let names = IndexedPrivateNames([PrivateNameKeys(values: [file]), PrivateNameKeys(values: [run])])
            let table = PrivateNames(values: [file, run])
            #expect(Self.bytes(names.name(inText: "退还 Jose\u{301} Li 押金")) == Array(smaller.utf8))
            #expect(Self.bytes(table.name(inText: "退还 Jose\u{301} Li 押金")) == Array(smaller.utf8))
            #expect(names.holds("JOS\u{C9} LI") && table.holds("JOS\u{C9} LI"))
        }
    }

    static let sample = PrivateNameKeys.encode(values: ["张伟", "李娜（2号楼102室）", "John Smith", "业主委员会", "阿卜杜拉·买买提"],
                                               entriesChecksum: SHA256.digest("entries"))

    func problem(_ bytes: [UInt8]) -> PrivateNameKeys.Problem? {
        if case .failure(let problem) = PrivateNameKeys.decode(bytes) { return problem }
        return nil
    }

    /// The file with its checksum made again over `body` (what a file made by another program would carry).
    static func resealed(_ body: [UInt8]) -> [UInt8] { body + SHA256.digest(body).bytes }

    @Test func aFileThisProgramWroteIsTaken() {
        guard case .success(let file) = PrivateNameKeys.decode(Self.sample) else { Issue.record("not taken"); return }
        #expect(file.entriesChecksum == SHA256.digest("entries"))
        let names = IndexedPrivateNames([file])
        #expect(names.holds("張偉") && names.holds("李娜(2号楼102室)") && names.holds("JOHN  SMITH") && !names.holds("业主委员会"))
        #expect(names.name(inText: "退还李娜押金") == "李娜")
        #expect(names.name(inText: "业主委员会决定") == nil)
    }

    @Test func everyTruncationAndEveryBitFlipIsRefused() {
        for length in 0..<Self.sample.count {
            #expect(problem(Array(Self.sample.prefix(length))) != nil, "cut at \(length)")
        }
        var random = SplitMix64(seed: 5207)
        for _ in 0..<400 {
            var bytes = Self.sample
            let at = random.below(bytes.count)
            bytes[at] ^= UInt8(1 << random.below(8))
            #expect(problem(bytes) != nil, "bit flipped at \(at)")
        }
    }

    @Test func otherVersionsRulesAndFilesAreTold() {
        let newline = Self.sample.firstIndex(of: 0x0A)!
        var other = Array("ledger-private-names/v2".utf8) + Self.sample[newline...]
        other = Self.resealed(Array(other.dropLast(32)))
        #expect(problem(other) == .otherVersion("2"))
        var rules = Array(Self.sample.dropLast(32))
        rules[newline + 1] ^= 1
        #expect(problem(Self.resealed(rules)) == .otherRules)
        #expect(problem(Array("ledger-private-index/v1\n".utf8) + Array(repeating: 0, count: 200)) == .foreign)
        #expect(problem(Array("{\"json\": true}\n".utf8)) == .foreign)
        // Two keys swapped, checksum made again: out of order, never searched.
        let file = PrivateNameKeys.encode(values: ["张伟", "李娜"], entriesChecksum: SHA256.digest("e"))
        var body = Array(file.dropLast(32))
        let blobEnd = body.count
        // The keys are the first bytes of the blob: 6 bytes each (two Han characters); names follow.
        let names = PrivateNameKeys.encode(values: [], entriesChecksum: SHA256.digest("e")).count
        _ = names
        let keyA = Array("张伟"._nfcCodeUnits), keyB = Array("李娜"._nfcCodeUnits)
        if let at = body.firstRange(of: keyA.lexicographicallyPrecedes(keyB) ? keyA + keyB : keyB + keyA)?.lowerBound {
            let swapped = keyA.lexicographicallyPrecedes(keyB) ? keyB + keyA : keyA + keyB
            body.replaceSubrange(at..<(at + 12), with: swapped)
            #expect(problem(Self.resealed(body)) == .damaged(Wording(en: "keys out of order", zh: "条目顺序不对")))
        } else {
            Issue.record("keys not found in \(blobEnd) bytes")
        }
    }

    /// The fingerprint is of the rules: a key that folds one character less (張 kept traditional), drops no dot, or
    /// reads letters in upper case gives another, so a file made by such a program is rebuilt, not trusted.
    @Test func theFingerprintIsOfTheRules() {
        #expect(PrivateNameKeys.fingerprint == PrivateNameKeys.fingerprint(key: PayerName.key))
        let others: [(String, (String) -> String)] = [
            ("張 unfolded", { PayerName.key($0.replacing("張", with: "\u{1}")).replacing("\u{1}", with: "張") }),
            ("dots kept", { UseText.key($0) }),
            ("upper case", { PayerName.key($0).uppercased() }),
        ]
        for (what, key) in others { #expect(PrivateNameKeys.fingerprint(key: key) != PrivateNameKeys.fingerprint, "\(what)") }
    }
}
