@testable import LedgerImport
import LedgerTestSupport
import Testing

/// Session 51 (issue 11): `PrivateNames` builds its tables with each value's key made once and each name kept once
/// (a set, where a scan of the pair's list was). Held to the session-50 construction, kept here as the obviously
/// correct reference (`Reference`, copied as it was): over seeded kept values — Han names, Latin names with spaces
/// and dots, names with a note in brackets, middle dots, traditional forms, role words of the ledger's own, companies
/// — and seeded texts built from them and from ordinary words, both answer every question the doors ask alike
/// (`holds`, `name(inText:)`), whatever order the values come in.
@Suite struct PrivateNamesReferenceTests {
    /// The construction of sessions 47–50, unchanged: the reference the faster one must equal.
    struct Reference {
        let keys: Set<String>
        let inText: [[Character]: [[Character]]]

        init(values: [String]) {
            var keys = Set<String>()
            var inText: [[Character]: [[Character]]] = [:]
            for value in values where !PartyName.isRole(value) {
                let key = PayerName.key(value)
                keys.insert(key)
                for name in PrivateNames.namesInText(key).map({ $0.filter { !PrivateNames.isDot($0) } }) where name.count >= 2 {
                    let pair = [name[0], name[1]]
                    if inText[pair]?.contains(name) != true { inText[pair, default: []].append(name) }
                }
            }
            for pair in inText.keys {
                inText[pair]!.sort { $0.count != $1.count ? $0.count > $1.count : String($0) < String($1) }
            }
            self.keys = keys
            self.inText = inText
        }

        func holds(_ text: String) -> Bool { !keys.isEmpty && keys.contains(PayerName.key(text)) }

        func name(inText text: String) -> String? {
            guard !inText.isEmpty else { return nil }
            var characters: [Character] = []
            var wordStarts = Set<Int>()
            for word in text.split(whereSeparator: { $0.isWhitespace || PrivateNames.isDot($0) }) {
                wordStarts.insert(characters.count)
                characters.append(contentsOf: PayerName.key(String(word)))
            }
            let count = characters.count
            guard count >= 2 else { return nil }
            for start in 0..<(count - 1) {
                guard let names = inText[[characters[start], characters[start + 1]]] else { continue }
                for name in names where start + name.count <= count {
                    let end = start + name.count
                    guard characters[start..<end].elementsEqual(name) else { continue }
                    if PrivateNames.isWordCharacter(name[0]), start > 0, !wordStarts.contains(start),
                       PrivateNames.isWordCharacter(characters[start - 1]) { continue }
                    if PrivateNames.isWordCharacter(name[name.count - 1]), end < count, !wordStarts.contains(end),
                       PrivateNames.isWordCharacter(characters[end]) { continue }
                    return String(name)
                }
            }
            return nil
        }
    }

    static let surnames = ["张", "李", "王", "張", "劉", "欧阳", "叶", "葉", "高", "阿卜杜拉"]
    static let given = ["伟", "偉", "娜", "芳", "芳芳", "晓明", "曉明", "峰", "买买提", "買買提", "云", "雲"]
    static let latin = ["Li", "LI", "Na", "John", "Smith", "Müller", "MÜLLER", "ｌｉ", "Jr", "Mr", "Jos\u{E9}", "Jose\u{301}"]
    static let notes = ["（2号楼102室）", "(3号楼)", "（1单元）", "（东）"]
    static let dots = ["·", "•", ".", "．", "・", "。"]
    static let roles = ["业主委员会", "全体业主", "物业服务企业", "青岛丰巢科技有限公司", "海韵物业"]
    static let words = ["退还", "多交", "停车费", "押金", "用电高峰", "Carolina", "refund", "paid by", "3号楼", "，", " ",
                        "\u{3000}", "—", "li.na@163.com", "1.5号"]

    /// A kept value as clerks write persons (and now and then a role or a company an earlier `--private` committed).
    static func value(_ random: inout SplitMix64) -> String {
        switch random.below(6) {
        case 0:
            return random.pick(latin) + (random.chance(50) ? " " : random.pick(dots)) + random.pick(latin)
        case 1:
            return random.pick(roles)
        case 2:
            return random.pick(surnames) + random.pick(dots) + random.pick(given)
        default:
            var text = random.pick(surnames) + random.pick(given)
            if random.chance(20) { text += random.pick(given) }
            if random.chance(40) { text += random.pick(notes) }
            return text
        }
    }

    /// A text around zero to two names, each a kept value, part of one or a fresh one.
    static func text(_ random: inout SplitMix64, kept: [String]) -> String {
        var text = ""
        for _ in 0..<random.within(0...5) {
            switch random.below(4) {
            case 0 where !kept.isEmpty:
                let name = random.pick(kept)
                text += random.chance(70) ? name : String(name.prefix(random.within(1...max(1, name.count))))
            case 1:
                text += value(&random)
            default:
                text += random.pick(words)
            }
        }
        return text
    }

    @Test(arguments: [UInt64(5101), 5102, 5103, 5104, 5105, 5106])
    func answersAsTheReferenceDoes(_ seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for round in 0..<30 {
            var values: [String] = []
            for _ in 0..<random.within(0...40) { values.append(Self.value(&random)) }
            let names = PrivateNames(values: values)
            let reference = Reference(values: values)
            // The same values in another order: the answer is the values', not their order's.
            let reversed = PrivateNames(values: values.reversed())
            #expect(names.isEmpty == reference.keys.isEmpty, "seed \(seed) round \(round)")
            var probes = values
            for _ in 0..<60 { probes.append(Self.text(&random, kept: values)) }
            for probe in probes {
                let label = "seed \(seed) round \(round): \(probe) in \(values)"
                #expect(names.holds(probe) == reference.holds(probe), "\(label)")
                #expect(names.name(inText: probe) == reference.name(inText: probe), "\(label)")
                // Byte for byte (a `String`'s == is canonical equivalence: `José` precomposed equals decomposed).
                #expect(reversed.name(inText: probe).map { Array($0.utf8) } == names.name(inText: probe).map { Array($0.utf8) }, "\(label)")
            }
        }
    }

    /// The reference finds what the property test asks about: kept values whole, and names inside texts (a test
    /// whose probes never hit would pass whatever the construction did).
    @Test func theProbesHitKeptNames() {
        var random = SplitMix64(seed: 5101)
        var held = 0, found = 0, notFound = 0
        for _ in 0..<30 {
            var values: [String] = []
            for _ in 0..<random.within(0...40) { values.append(Self.value(&random)) }
            let reference = Reference(values: values)
            for value in values where reference.holds(value) { held += 1 }
            for _ in 0..<60 {
                if reference.name(inText: Self.text(&random, kept: values)) != nil { found += 1 } else { notFound += 1 }
            }
        }
        #expect(held > 100)
        #expect(found > 300)
        #expect(notFound > 100)
    }
}
