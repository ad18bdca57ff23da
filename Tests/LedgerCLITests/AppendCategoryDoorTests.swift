import LedgerCLI
import LedgerEvents
import LedgerPlatform
import Testing

/// `ledger append` keeps the category door `ledger import` keeps (docs/categories.md, issue 15): a `category` or
/// `purpose_category` outside the vocabulary — a correction's replacement's too — is refused with every other
/// problem of the batch, the word it most likely means and how to record a new category, unless
/// `--allow-new-category`, or a record in the log already uses the word in that field. Words of the vocabulary are
/// kept as written (广告 stays 广告: the reports read it as `advertising`).
@Suite struct AppendCategoryDoorTests {
    static func income(_ id: String, _ category: String, amount: String = "100") -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":\#(amount),"counterparty":"某公司","voucher":"V-\#(id)","category":"\#(category)"}}"#
    }
    static func spending(_ id: String, _ purpose: String) -> String {
        #"{"id":"\#(id)","type":"fund.spending","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":100,"counterparty":"某公司","voucher":"V-\#(id)","purpose":"办公用品","purpose_category":"\#(purpose)"}}"#
    }
    static func correction(_ id: String, of corrected: String, _ category: String) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-07-02","data":{"corrects":"\#(corrected)","reason":"金额有误","replacement":{"type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":200,"counterparty":"某公司","voucher":"V-\#(corrected)","category":"\#(category)"}}}}"#
    }

    static let incomeWords = "租金 (leasing), 停车费 (parking), 广告费 (advertising), 基站 (base_station), 利息 (interest), 缴存 (deposit), 业主缴纳 (owner_contribution), 退回款项 (refund), 其他 (other)"

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Appended first with --allow-new-category (records the log already holds).
        var setup: [String] = []
        let input: [String]
        var options: [String] = []
        let status: Int32
        /// Texts the refusal holds (in each language), or the record text the log holds after an append.
        var en: [String] = []
        var zh: [String] = []
        var stored: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "misspelt", input: [income("c1", "advertsing")], status: 2,
             en: [#"in.jsonl:1: field "data.category": "advertsing" is not a word of the category vocabulary (docs/categories.md). Did you mean 广告费 (advertising)? Write one of \#(incomeWords); to record a new category on purpose, pass --allow-new-category."#],
             zh: ["in.jsonl 第 1 行：字段“data.category”", "：“advertsing”不在收支类别表中（docs/categories.md）。是不是“广告费”（advertising）？请写以下之一：\(incomeWords)；如确是新的类别，请加 --allow-new-category。"]),
        Case(name: "misspelt purpose", input: [spending("c1", "维修费用")], status: 2,
             en: [#"in.jsonl:1: field "data.purpose_category": "维修费用" is not a word of the category vocabulary (docs/categories.md). Did you mean 维修 (repair)? Write one of 维修 (repair)"#],
             zh: ["：“维修费用”不在收支类别表中（docs/categories.md）。是不是“维修”（repair）？请写以下之一：维修 (repair)"]),
        Case(name: "other direction", input: [spending("c1", "广告")], status: 2,
             en: [#"field "data.purpose_category": "广告" is an income category (广告费, advertising), not a spending purpose. Write one of"#],
             zh: ["：“广告”是收入类别（广告费，advertising），不是支出类别。请写以下之一"]),
        Case(name: "new word, no guess", input: [income("c1", "充电桩")], status: 2,
             en: [#"field "data.category": "充电桩" is not a word of the category vocabulary (docs/categories.md). Write one of"#],
             zh: ["：“充电桩”不在收支类别表中（docs/categories.md）。请写以下之一"]),
        // Every problem of the batch in one run: a bad amount and a misspelt category on one line, another line's.
        Case(name: "all at once", input: [income("c1", "parkng", amount: "\"abc\""), income("c2", "广吿")], status: 2,
             en: [#"in.jsonl:1: event c1 (fund.income): field "data.amount_fen""#, #"in.jsonl:1: field "data.category": "parkng" is not a word"#,
                  "Did you mean 停车费 (parking)?", #"in.jsonl:2: field "data.category": "广吿" is not a word"#, "Did you mean 广告费 (advertising)?"],
             zh: ["in.jsonl 第 1 行：字段“data.category”", "“parkng”不在收支类别表中", "in.jsonl 第 2 行：字段“data.category”"]),
        // Words of the vocabulary, in any case and spacing, kept as written.
        Case(name: "alias", input: [income("c1", "广告"), income("c2", "Base Station"), spending("c3", "其它")], status: 0,
             stored: [#""category":"广告""#, #""category":"Base Station""#, #""purpose_category":"其它""#]),
        Case(name: "new word with the flag", input: [income("c1", "充电桩")], options: ["--allow-new-category"], status: 0,
             stored: [#""category":"充电桩""#]),
        Case(name: "other direction with the flag", input: [spending("c1", "广告")], options: ["--allow-new-category"], status: 0,
             stored: [#""purpose_category":"广告""#]),
        // A word a record already uses in that field: the ledger's own (written before the door, or on purpose).
        Case(name: "a word earlier records use", setup: [income("old", "充电桩")], input: [income("c1", "充电桩", amount: "101")], status: 0,
             stored: [#""id":"c1""#]),
        // ... in that field only: an income's word is not thereby a spending purpose.
        Case(name: "an earlier word of the other field", setup: [income("old", "充电桩")], input: [spending("c1", "充电桩")], status: 2,
             en: [#"field "data.purpose_category": "充电桩" is not a word"#], zh: ["“充电桩”不在收支类别表中"]),
        Case(name: "a correction keeping the word", setup: [income("old", "充电桩")], input: [correction("fix", of: "old", "充电桩")],
             status: 0, stored: [#""id":"fix""#]),
        Case(name: "a correction's misspelt replacement", setup: [income("old", "充电桩")], input: [correction("fix", of: "old", "充电装")],
             status: 2, en: [#"in.jsonl:1: field "data.replacement.data.category": "充电装" is not a word of the category vocabulary"#],
             zh: ["字段“data.replacement.data.category”", "：“充电装”不在收支类别表中"]),
        Case(name: "a correction's alias", setup: [income("old", "充电桩")], input: [correction("fix", of: "old", "停车费")],
             status: 0, stored: [#""category":"停车费""#]),
    ]

    @Test(arguments: cases) func theDoor(_ c: Case) throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        if !c.setup.isEmpty {
            try PosixFile.writeAtomically(Array((c.setup.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/setup.jsonl")
            #expect(cli.run(["append", "--file", "setup.jsonl", "--allow-new-category"]) == 0, "\(cli.stderr)")
        }
        try PosixFile.writeAtomically(Array((c.input.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        let before = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        guard c.status != 0 else {
            #expect(cli.run(["append", "--file", "in.jsonl"] + c.options) == 0, "\(cli.stderr)")
            let log = String(decoding: try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll(), as: UTF8.self)
            for text in c.stored { #expect(log.contains(text), "\(text)") }
            return
        }
        for lang in ["en", "zh"] {
            #expect(cli.run(["append", "--file", "in.jsonl", "--lang", lang] + c.options) == c.status, "\(cli.stderr)")
            for text in lang == "en" ? c.en : c.zh { #expect(cli.stderr.contains(text), "\(lang): \(text)\n\(cli.stderr)") }
            #expect(try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() == before)
        }
        // The JSON form fails with the same message.
        #expect(cli.run(["append", "--file", "in.jsonl", "--json"] + c.options) == c.status)
        #expect(cli.stdout.contains(#""outcome":"failed""#), "\(cli.stdout)")
    }

    /// The same problems whether the append folds the log (a batch with personal data) or reads index/checks.state.
    @Test func withPersonalDataToo() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let line = #"{"id":"p1","type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":100,"counterparty":{"person":"张三"},"voucher":"V-p1","category":"advertsing"}}"#
        try PosixFile.writeAtomically(Array((line + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        let before = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        #expect(cli.run(["append", "--file", "in.jsonl"]) == 2)
        #expect(cli.stderr.contains(#"in.jsonl:1: field "data.category": "advertsing" is not a word"#), "\(cli.stderr)")
        #expect(try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() == before)
        #expect(cli.run(["append", "--file", "in.jsonl", "--allow-new-category"]) == 0, "\(cli.stderr)")
    }
}

/// An unknown `$LEDGER_LANG` is refused as an unknown `--lang` is (exit 2, naming the value and what is allowed),
/// in the language of the locale; `--lang` overrides it, and an empty value counts as unset.
@Suite struct LedgerLangEnvironmentTests {
    @Test func anUnknownValueIsRefused() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let before = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        cli.environment["LEDGER_LANG"] = "cn"
        #expect(cli.run(["balances"]) == 2)
        #expect(cli.stderr == "error: $LEDGER_LANG \"cn\" is not allowed; use zh or en (or a locale name that begins with one, such as zh_CN.UTF-8), give --lang, or unset it.\n", "\(cli.stderr)")
        #expect(cli.stdout.isEmpty)
        cli.environment["LC_ALL"] = "zh_CN.UTF-8"
        #expect(cli.run(["balances"]) == 2)
        #expect(cli.stderr == "错误：$LEDGER_LANG 不能取“cn”；可选值：zh、en（或以其一开头的区域设置名，如 zh_CN.UTF-8）；也可加 --lang，或不设置它。\n", "\(cli.stderr)")
        // Help, the overview and an append are refused too; an append changes nothing and --json still gets its object.
        for arguments in [["--help"], ["help", "append"], ["append", "--help"], []] {
            #expect(cli.run(arguments, addLedger: false) == 2, "\(arguments)")
            #expect(cli.stderr.contains("$LEDGER_LANG 不能取“cn”"), "\(arguments): \(cli.stderr)")
        }
        let line = #"{"type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":100,"counterparty":"某公司","voucher":"V-L","category":"广告"}}"#
        #expect(cli.run(["append", "--json"], stdin: line + "\n") == 2)
        #expect(cli.stdout.contains(#""exit_status":2"#) && cli.stdout.contains(#""appended":false"#), "\(cli.stdout)")
        #expect(try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() == before)
        // --lang chooses the language itself; an empty value is unset; a locale name is a language.
        #expect(cli.run(["balances", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["--version"], addLedger: false) == 0)
        for value in ["", "zh_CN.UTF-8", "en_US", "ZH"] {
            cli.environment["LEDGER_LANG"] = value
            #expect(cli.run(["balances"]) == 0, "\(value): \(cli.stderr)")
        }
    }
}
