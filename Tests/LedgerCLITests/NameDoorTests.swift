import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 31c #4: a community's street, name or residents' committee (and an asset's name, a new category word)
/// with a space or an invisible character at an end, a hiding character inside, or nothing visible at all, was
/// accepted by `ledger append`: `八大关街道 ` was a second street, and `communities --street 八大关街道` and the
/// street office's `rectify --street` left its communities out without a word. The door refuses it now
/// (EventInput+Names.swift, ledger-spec.md section 4 "Names at the door"); a record already in the log is read,
/// verified and reported as before.
@Suite struct NameDoorTests {
    static func quoted(_ text: String) -> String { CanonicalJSON.string(.string(text)) }

    static func community(_ id: String, name: String = "新苑", street: String = "八大关街道", committee: String = "新苑社区居委会",
                          eventID: String? = nil) -> String {
        let idMember = eventID.map { #""id":"\#($0)","# } ?? ""
        return #"{\#(idMember)"type":"community.registered","occurred_on":"2024-01-05","data":{"community_id":"\#(id)","name":\#(quoted(name)),"street":\#(quoted(street)),"residents_committee":\#(quoted(committee)),"total_area_m2":"20000.00","total_owners":200}}"#
    }

    static func asset(_ id: String, name: String) -> String {
        #"{"type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"\#(id)","community_id":"C1","kind":"corridor","name":\#(quoted(name)),"location":"1号楼","area_m2":"20","registered_on":"2024-03-02","source":{"kind":"manual"}}}"#
    }

    static func renamed(_ id: String, name: String) -> String {
        #"{"type":"asset.updated","occurred_on":"2024-04-02","data":{"asset_id":"\#(id)","changes":{"name":\#(quoted(name))},"source":{"kind":"manual"}}}"#
    }

    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.asset("A-1", name: "1号楼走廊") + "\n") == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    /// A text refused, and the English and Chinese words its message must hold.
    struct Refused: Sendable, CustomStringConvertible {
        let text: String
        let en: String
        let zh: String
        var description: String { DisplayText.visible(text) }
    }

    static let refused: [Refused] = [
        Refused(text: "八大关街道 ", en: #""八大关街道<U+0020>" ends with a space <U+0020>; reports filter and group by this text exactly, so it would not match "八大关街道": delete it"#,
                zh: "“八大关街道<U+0020>”末尾有空格 <U+0020>；报表按这段文字逐字筛选和分组，它与“八大关街道”对不上：请删去"),
        Refused(text: " 八大关街道", en: #""<U+0020>八大关街道" begins with a space <U+0020>"#, zh: "“<U+0020>八大关街道”开头有空格 <U+0020>"),
        Refused(text: "\u{3000}八大关街道", en: #""<U+3000>八大关街道" begins with an ideographic (full-width) space <U+3000>"#, zh: "开头有全角空格 <U+3000>"),
        Refused(text: "八大关街道\u{200B}", en: #""八大关街道<U+200B>" ends with the invisible character <U+200B>"#, zh: "末尾有不可见字符 <U+200B>"),
        Refused(text: "八大关街道\u{00A0}", en: "ends with a no-break space <U+00A0>", zh: "末尾有不换行空格 <U+00A0>"),
        Refused(text: "八大关街道\t", en: "ends with a control character <U+0009>", zh: "末尾有控制字符 <U+0009>"),
        Refused(text: "八大关街道\r\n", en: "ends with a line break <U+000A>", zh: "末尾有换行符 <U+000A>"),
        Refused(text: "八大关\u{00A0}街道", en: #""八大关<U+00A0>街道" holds a no-break space <U+00A0>; reports filter and group by this text exactly, so it would not match the same text without it: replace it with an ordinary space (or delete it)"#,
                zh: "“八大关<U+00A0>街道”中有不换行空格 <U+00A0>；报表按这段文字逐字筛选和分组，它与不含该字符的同一文字对不上：请换成普通空格（或删去）"),
        Refused(text: "八大关\u{2800}街道", en: "holds the invisible character <U+2800>", zh: "中有不可见字符 <U+2800>"),
        Refused(text: "八大关\u{202E}街道", en: "holds the invisible character <U+202E>", zh: "中有不可见字符 <U+202E>"),
        Refused(text: "八大关\n街道", en: "holds a line break <U+000A>; reports filter and group by this text exactly, so it would not match the same text without it: write the text on one line",
                zh: "中有换行符 <U+000A>；报表按这段文字逐字筛选和分组，它与不含该字符的同一文字对不上：请写在一行内"),
        Refused(text: "\u{200B}", en: #""<U+200B>" has no visible character, only spaces or invisible characters; write the text itself"#,
                zh: "“<U+200B>”没有可见的字符，只有空白或不可见字符；请写出实际内容"),
        Refused(text: "\u{2800}", en: #""<U+2800>" has no visible character"#, zh: "“<U+2800>”没有可见的字符"),
        Refused(text: "\u{FEFF}\u{3000}", en: #""<U+FEFF><U+3000>" has no visible character"#, zh: "没有可见的字符"),
    ]

    static let allowedWords = Wording(
        en: "allowed: visible characters, with an ordinary space (U+0020) or an ideographic space (U+3000) only between them",
        zh: "允许：可见字符，字符之间可以有普通空格（U+0020）或全角空格（U+3000）")

    /// Each refused text in each field a street office filters or groups by, each its own run: refused with the field,
    /// the value made visible and what is allowed, in both languages, the log unchanged.
    @Test(arguments: refused)
    func aNameOrStreetThatHidesACharacterIsRefused(_ bad: Refused) throws {
        let cli = ledger()
        let before = try logBytes(cli)
        let lines: [(field: String, line: String)] = [
            ("data.street", Self.community("C-NEW", street: bad.text)),
            ("data.name", Self.community("C-NEW", name: bad.text)),
            ("data.residents_committee", Self.community("C-NEW", committee: bad.text)),
            ("data.name", Self.asset("A-NEW", name: bad.text)),
            ("data.changes.name", Self.renamed("A-1", name: bad.text)),
        ]
        for (field, line) in lines {
            #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") == 2, "\(field) \(bad)")
            #expect(cli.stderr.contains("stdin:1: field \"\(field)\""), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.stderr.contains(bad.en), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.stderr.contains(Self.allowedWords.en), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: line + "\n") == 2, "\(field) \(bad)")
            #expect(cli.stderr.contains("字段“\(field)”") && cli.stderr.contains(bad.zh), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.stderr.contains(Self.allowedWords.zh), "\(field) \(bad): \(cli.stderr)")
            #expect(try logBytes(cli) == before, "\(field) \(bad)")
        }
    }

    /// Spaces between words (ordinary and ideographic), a variation selector after an ideograph, and ASCII names
    /// go through as before.
    @Test(arguments: ["八大关 街道", "八大关\u{3000}街道", "葛\u{E0100}城街道", "Badaguan Street", "A"])
    func aNameWithSpacesBetweenWordsIsAccepted(_ street: String) throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.community("C-NEW", street: street) + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["communities", "--street", street]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("C-NEW"), "\(cli.stdout)")
    }

    /// The reviewer's batch: every problem of every line in one run, the batch refused whole.
    @Test func theBatchIsRefusedWholeWithEveryProblem() throws {
        let cli = ledger()
        let before = try logBytes(cli)
        let batch = [Self.community("C-NEW", street: "八大关街道 "), Self.community("C-NEW2", name: "新苑二期", street: "八大关街道\u{200B}"),
                     Self.community("C-OK", name: "好苑"), Self.community("C-INV", name: "\u{200B}", street: "\u{2800}", committee: "\u{FEFF}")]
        #expect(cli.run(["append", "--actor", "clerk"], stdin: batch.joined(separator: "\n") + "\n") == 2)
        for expected in ["stdin:1: field \"data.street\"", "stdin:2: field \"data.street\"", "stdin:4: field \"data.name\"",
                         "stdin:4: field \"data.street\"", "stdin:4: field \"data.residents_committee\""] {
            #expect(cli.stderr.contains(expected), "\(expected): \(cli.stderr)")
        }
        #expect(!cli.stderr.contains("stdin:3:"), "\(cli.stderr)")
        #expect(try logBytes(cli) == before)
    }

    /// A new category word (`--allow-new-category`) is a grouping key too: held to the same rule.
    @Test func aNewCategoryWordThatHidesACharacterIsRefused() throws {
        let cli = ledger()
        let before = try logBytes(cli)
        func income(_ category: String) -> String {
            #"{"type":"fund.income","occurred_on":"2024-05-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"某公司","voucher":"V-1","category":\#(Self.quoted(category))}}"#
        }
        #expect(cli.run(["append", "--actor", "clerk", "--allow-new-category"], stdin: income("停车收费 ") + "\n") == 2)
        #expect(cli.stderr.contains(#"field "data.category""#) && cli.stderr.contains("ends with a space <U+0020>"), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "clerk", "--allow-new-category"], stdin: income("停车\u{200B}收费") + "\n") == 2)
        #expect(cli.stderr.contains("holds the invisible character <U+200B>"), "\(cli.stderr)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["append", "--actor", "clerk", "--allow-new-category"], stdin: income("停车收费") + "\n") == 0, "\(cli.stderr)")
    }

    /// A log written before the rule, holding a street with a trailing space, still verifies and reports that street
    /// as it is; the same input run again is a duplicate; an asset registered there gets new records.
    @Test func aStreetRecordedBeforeTheRuleStillVerifiesAndReports() throws {
        let cli = ledger()
        let old = Self.community("C-OLD", street: "八大关街道 ", eventID: "old-1")
        try cli.writeBeforeTheRule([old])
        #expect(cli.run(["verify"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["verify", "--schema"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["communities", "--street", "八大关街道 "]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("C-OLD"), "\(cli.stdout)")
        let before = try logBytes(cli)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: old + "\n") == 0, "\(cli.stderr)")
        #expect(try logBytes(cli) == before, "the same line again is its own duplicate")
        let assetThere = Self.asset("A-OLD", name: "会所").replacingOccurrences(of: "\"community_id\":\"C1\"", with: "\"community_id\":\"C-OLD\"")
        #expect(cli.run(["append", "--actor", "clerk"], stdin: assetThere + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["verify"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// The rule itself, on the library's side: the fault each text has.
    @Test func theFaultOfEachText() {
        #expect(EventInput.nameFault("八大关街道") == nil)
        #expect(EventInput.nameFault("八大关 街道") == nil)
        #expect(EventInput.nameFault("葛\u{E0100}") == nil)
        #expect(EventInput.nameFault("") == .blank)
        #expect(EventInput.nameFault("\u{3164}") == .blank)
        #expect(EventInput.nameFault("a ") == .edge(" ", atStart: false))
        #expect(EventInput.nameFault("\u{200B}a") == .edge("\u{200B}", atStart: true))
        #expect(EventInput.nameFault("a\u{2060}b") == .inside("\u{2060}"))
        #expect(EventInput.nameFault("a\u{2003}b") == .inside("\u{2003}"))
        #expect(EventInput.nameFault("a\u{3000}b") == nil)
    }

    // MARK: - Review 32 #2: variation selectors and combining marks that modify no character

    /// A variation selector or a combining mark that modifies no character it may, and the words of its refusal:
    /// `<U+FE0F>八大关街道` looked exactly like `八大关街道` and was another street, `<U+FE0F>张三` another person.
    static let unattached: [Refused] = [
        Refused(text: "\u{FE0F}八大关街道", en: #""<U+FE0F>八大关街道" holds the variation selector <U+FE0F> where it modifies no character; reports filter and group by this text exactly, so it would not match the same text without it: delete it"#,
                zh: "“<U+FE0F>八大关街道”中有异体字选择符 <U+FE0F>，它没有修饰任何字符；报表按这段文字逐字筛选和分组，它与不含该字符的同一文字对不上：请删去"),
        Refused(text: "八大关街道\u{FE0F}", en: "holds the variation selector <U+FE0F> where it modifies no character",
                zh: "中有异体字选择符 <U+FE0F>，它没有修饰任何字符"),
        Refused(text: "\u{E0100}八大关街道", en: "holds the variation selector <U+E0100> where it modifies no character", zh: "异体字选择符 <U+E0100>"),
        Refused(text: "Badaguan\u{E0100} Street", en: "holds the variation selector <U+E0100> where it modifies no character", zh: "异体字选择符 <U+E0100>"),
        Refused(text: "葛\u{E0100}\u{E0101}城街道", en: "holds the variation selector <U+E0101> where it modifies no character", zh: "异体字选择符 <U+E0101>"),
        Refused(text: "八大关 \u{FE00}街道", en: "holds the variation selector <U+FE00> where it modifies no character", zh: "异体字选择符 <U+FE00>"),
        Refused(text: "☎\u{FE0F}\u{FE0F}热线", en: "holds the variation selector <U+FE0F> where it modifies no character", zh: "异体字选择符 <U+FE0F>"),
        Refused(text: "\u{0301}八大关街道", en: "holds the combining mark <U+0301> where it modifies no character",
                zh: "中有组合附加符号 <U+0301>，它没有修饰任何字符"),
        Refused(text: "\u{20E3}1号楼", en: "holds the combining mark <U+20E3> where it modifies no character", zh: "组合附加符号 <U+20E3>"),
    ]

    /// Where a variation selector or a combining mark may stand, said after the refusal.
    static let markAllowed = Wording(
        en: "a combining mark or a variation selector never first; U+E0100–U+E01EF only right after a CJK ideograph, U+FE0E and U+FE0F only right after an emoji",
        zh: "组合附加符号和异体字选择符不能在开头；U+E0100–U+E01EF 只能紧跟在汉字之后，U+FE0E 和 U+FE0F 只能紧跟在表情符号之后")

    /// Each in a street (and a community's name), an asset's name and a person's text: refused with the field, the
    /// character's code point, why and where such a character may stand, in both languages; the log unchanged.
    @Test(arguments: unattached)
    func aSelectorOrMarkThatModifiesNoCharacterIsRefused(_ bad: Refused) throws {
        let cli = ledger()
        let before = try logBytes(cli)
        #expect(EventInput.nameFault(bad.text)?.isUnattached == true, "\(bad)")
        let lines: [(field: String, line: String)] = [
            ("data.street", Self.community("C-NEW", street: bad.text)),
            ("data.name", Self.community("C-NEW", name: bad.text)),
            ("data.name", Self.asset("A-NEW", name: bad.text)),
            ("data.counterparty.person", PersonTextDoorTests.income(#"{"person":\#(Self.quoted(bad.text))}"#, voucher: "V-1")),
        ]
        for (field, line) in lines {
            // A person's text says why in its own words (PersonTextDoorTests): the words up to the why.
            let person = field.hasSuffix(".person")
            let en = person ? String(bad.en.prefix { $0 != ";" }) : bad.en, zh = person ? String(bad.zh.prefix { $0 != "；" }) : bad.zh
            #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") == 2, "\(field) \(bad)")
            #expect(cli.stderr.contains("stdin:1: field \"\(field)\""), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.stderr.contains(en) && cli.stderr.contains(Self.markAllowed.en), "\(field) \(bad): \(cli.stderr)")
            #expect(cli.run(["append", "--actor", "clerk", "--lang", "zh"], stdin: line + "\n") == 2, "\(field) \(bad)")
            #expect(cli.stderr.contains(zh) && cli.stderr.contains(Self.markAllowed.zh), "\(field) \(bad): \(cli.stderr)")
            #expect(try logBytes(cli) == before, "\(field) \(bad)")
        }
    }

    /// Names as offices and people write them, marks and selectors where they belong included: an ideographic
    /// variation sequence, emoji presentation, a keycap, a decomposed accent, Uyghur, Tibetan (vowel signs are marks),
    /// full-width letters, a supplementary-plane ideograph.
    static let acceptedNames = [
        "海韵花园（二期）", "A座·1号楼", "Ｂ区车位", "3#楼", "𠀀花园", "O'Brien", "O’Brien", "葛\u{E0100}城街道", "☎\u{FE0F}",
        "海韵☎\u{FE0F}热线", "1\u{FE0F}\u{20E3}号楼", "一\u{FE00}号", "Cafe\u{0301}", "ئۇيغۇر مەھەللىسى", "བོད་ལྗོངས", "海韵😀花园", "👍🏽",
        "☎\u{FE0E}", "八大关\u{3000}街道",
    ]

    @Test func namesWithMarksAndSelectorsWhereTheyBelongAreAccepted() throws {
        for name in Self.acceptedNames { #expect(EventInput.nameFault(name) == nil, "\(DisplayText.visible(name))") }
        let cli = ledger()
        let streets = Self.acceptedNames.enumerated().map { Self.community("C-OK\($0.offset)", name: $0.element, street: $0.element) }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: streets.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        let persons = Self.acceptedNames.enumerated().map {
            PersonTextDoorTests.income(#"{"person":\#(Self.quoted($0.element))}"#, voucher: "V-\($0.offset)")
        }
        // Names apart only by a variation selector are one payer to the twin rule (`PayerName.key`, session 43): the
        // door is what is asked here, so the payments go in as twins allowed.
        #expect(cli.run(["append", "--actor", "clerk", "--allow-twins"], stdin: persons.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["communities", "--street", "葛\u{E0100}城街道"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("C-OK7"), "\(cli.stdout)")
    }

    // MARK: - Review 32 #3: traditional Mongolian and emoji ZWJ sequences

    /// Traditional Mongolian (official in Inner Mongolia) puts U+202F before a case suffix and free variation
    /// selectors (U+180B–U+180D, U+180F) and the vowel separator U+180E inside words; an emoji ZWJ sequence joins two
    /// pictographs with U+200D. Each is allowed exactly there.
    static let scriptNames = [
        "ᠬᠥᠬᠡᠬᠣᠲᠠ\u{202F}ᠶᠢᠨ ᠬᠣᠷᠣᠭᠠᠯᠠᠩ", "ᠭᠠ\u{180B}ᠵᠠᠷ", "ᠬᠠᠭᠠ\u{180E}ᠠ", "ᠭᠠ\u{180C}", "ᠭᠠ\u{180D}ᠵᠠ", "ᠭᠠ\u{180F}ᠵᠠ",
        "ᠭᠠ\u{180B}\u{202F}ᠶᠢᠨ", "👨\u{200D}👩\u{200D}👧", "🏳\u{FE0F}\u{200D}🌈", "👩🏽\u{200D}💻 海韵", "❤\u{FE0F}\u{200D}🔥",
    ]

    /// The same characters anywhere else: the fault each has.
    static let scriptCharactersOutOfPlace: [(text: String, fault: EventInput.NameFault)] = [
        ("\u{180B}ᠭᠠ", .edge("\u{180B}", atStart: true)),
        ("ᠭᠠ \u{180B}ᠵᠠ", .inside("\u{180B}")),
        ("八\u{180B}大关街道", .inside("\u{180B}")),
        ("ᠬᠠᠭᠠ\u{180E}", .edge("\u{180E}", atStart: false)),
        ("八\u{180E}大关街道", .inside("\u{180E}")),
        ("八大关\u{202F}街道", .inside("\u{202F}")),
        ("ᠬᠠ\u{202F}八大关", .inside("\u{202F}")),
        ("ᠬᠠ\u{202F}", .edge("\u{202F}", atStart: false)),
        ("张\u{200D}三", .inside("\u{200D}")),
        ("海韵😀\u{200D}", .edge("\u{200D}", atStart: false)),
        ("a\u{200D}😀", .inside("\u{200D}")),
        ("😀\u{200D}\u{200D}😀", .inside("\u{200D}")),
    ]

    @Test func mongolianAndEmojiSequencesAreAcceptedWhereTheirScriptPutsThem() throws {
        for name in Self.scriptNames { #expect(EventInput.nameFault(name) == nil, "\(DisplayText.visible(name))") }
        for (text, fault) in Self.scriptCharactersOutOfPlace {
            #expect(EventInput.nameFault(text) == fault, "\(DisplayText.visible(text))")
        }
        let cli = ledger()
        let communities = Self.scriptNames.enumerated().map { Self.community("C-M\($0.offset)", name: $0.element, committee: $0.element) }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: communities.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        let persons = Self.scriptNames.enumerated().map {
            PersonTextDoorTests.income(#"{"person":\#(Self.quoted($0.element))}"#, voucher: "V-M\($0.offset)")
        }
        // Names apart only by a variation selector are one payer to the twin rule (`PayerName.key`, session 43): the
        // door is what is asked here, so the payments go in as twins allowed.
        #expect(cli.run(["append", "--actor", "clerk", "--allow-twins"], stdin: persons.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        let before = try logBytes(cli)
        let bad = Self.scriptCharactersOutOfPlace.enumerated().map { Self.community("C-X\($0.offset)", name: $0.element.text) }
        #expect(cli.run(["append", "--actor", "clerk"], stdin: bad.joined(separator: "\n") + "\n") == 2)
        for index in Self.scriptCharactersOutOfPlace.indices {
            #expect(cli.stderr.contains("stdin:\(index + 1): field \"data.name\""), "\(index): \(cli.stderr)")
        }
        #expect(try logBytes(cli) == before)
    }
}
