import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 32 #1: `ledger import` did not apply the writer's door rule for names (EventInput+Names.swift, ledger-spec.md
/// section 8 "Names at the door"): an income file imported with `--private counterparty --allow-new-category`
/// committed the counterparties `某<U+00A0>公司`, `某<U+1680>公司` and `<U+2800>` alone, recorded the new category
/// word `<U+2800>`, and a register's asset names `车位<U+2800>一` and `<U+2800>` were imported, while `ledger append`
/// refuses each. The importers now refuse in those columns what the door refuses (`Cell.nameRefusal`), with their
/// usual message (file, row, column, the value made visible, what is allowed, in both languages), every problem of
/// the file in one run, nothing written. A register's asset name the ledger holds byte for byte, and a category word
/// the log holds, import again.
@Suite struct ImportNameDoorTests {
    func ledger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: CoreCommandTests.events) == 0, "\(cli.stderr)")
        return cli
    }

    /// The log and the names of `private/`: what an import that writes nothing leaves as it was.
    func state(_ cli: CLIHarness) throws -> [[UInt8]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: cli.ledgerPath + "/private")) ?? []).sorted()
        return try [PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()] + names.map { Array($0.utf8) }
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    /// A name the door refuses, and the words its import message must hold (after the value made visible).
    struct Refused: Sendable, CustomStringConvertible {
        let text: String
        let shown: String
        let en: String
        let zh: String
        var description: String { DisplayText.visible(text) }
    }

    static let refused: [Refused] = [
        Refused(text: "某\u{2800}公司", shown: "某<U+2800>公司", en: "contains the invisible character <U+2800> inside the name", zh: "名称中间有不可见字符 <U+2800>"),
        Refused(text: "\u{2800}", shown: "<U+2800>", en: "has no visible character, only spaces or invisible characters", zh: "没有可见的字符"),
        Refused(text: "某\u{00A0}公司", shown: "某<U+00A0>公司", en: "contains the no-break space <U+00A0> inside the name", zh: "名称中间有不换行空格 <U+00A0>"),
        Refused(text: "某\u{1680}公司", shown: "某<U+1680>公司", en: "contains the character <U+1680> inside the name", zh: "名称中间有字符 <U+1680>"),
        Refused(text: "\u{FE0F}某公司", shown: "<U+FE0F>某公司", en: "contains the variation selector <U+FE0F> where it modifies no character",
                zh: "含有异体字选择符 <U+FE0F>，它没有修饰任何字符"),
        Refused(text: "\u{0301}某公司", shown: "\u{0301}某公司", en: "contains the combining mark <U+0301> where it modifies no character",
                zh: "含有组合附加符号 <U+0301>"),
        Refused(text: "某公司\u{2800}", shown: "某公司<U+2800>", en: "ends with the invisible character <U+2800>", zh: "末尾有不可见字符 <U+2800>"),
    ]

    /// An asset register: a new asset's name, each in its own row of one file, every row reported in one run.
    @Test func aRegistersNewNameTheDoorRefusesIsRefused() throws {
        let cli = ledger()
        let rows = Self.refused.enumerated().map { "A-\($0.offset),C1,车位,\($0.element.text),东门,12,2024/3/1" }
        try write(cli, "r.csv", "编号,小区,类型,名称,位置,面积,登记日期\n" + rows.joined(separator: "\n") + "\nA-OK,C1,车位,车位 5,东门,12,2024/3/1\n")
        let before = try state(cli)
        #expect(cli.run(["import", "assets", "r.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        for (index, bad) in Self.refused.enumerated() {
            #expect(out.contains(#"r.csv: row \#(index + 2), column D "名称": "\#(bad.shown)" \#(bad.en)"#), "\(bad): \(out)")
        }
        #expect(!out.contains("row \(Self.refused.count + 2)"), "\(out)")
        #expect(out.contains("then save the CSV again"), "\(out)")
        #expect(try state(cli) == before)
        #expect(cli.run(["import", "assets", "r.csv", "--lang", "zh"]) == 2)
        let zh = cli.stdout + cli.stderr
        for (index, bad) in Self.refused.enumerated() {
            #expect(zh.contains("第 \(index + 2) 行") && zh.contains(bad.zh), "\(bad): \(zh)")
        }
        #expect(zh.contains("然后重新保存 CSV"), "\(zh)")
        #expect(try state(cli) == before)
    }

    /// A name the ledger holds for that asset, byte for byte (registered before the rule), imports again; renamed
    /// to another refused name it is refused.
    @Test func aRegistersNameTheLedgerHoldsImportsAgain() throws {
        let cli = ledger()
        try cli.writeBeforeTheRule([#"{"id":"h1","type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-OLD","community_id":"C1","kind":"parking","name":"车位\#u{2800}3","location":"东门","area_m2":"12","registered_on":"2024-03-01","source":{"kind":"manual"}}}"#])
        try write(cli, "r.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-OLD,C1,车位,车位\u{2800}3,东门,12,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "r2.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-OLD,C1,车位,车位\u{2800}4,东门,12,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r2.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("contains the invisible character <U+2800> inside the name"), "\(cli.stdout)")
    }

    /// Review 32b #5: a name the ledger holds that the cell rules take for a formula (`-B1-023`, a basement space;
    /// `@车位`; `ledger append` took both) imports again unchanged; a new asset so named is refused as before.
    @Test func aHeldNameThatLooksLikeAFormulaImportsAgain() throws {
        let cli = ledger()
        for (id, name) in [("A-F1", "-B1-023"), ("A-F2", "@车位")] {
            #expect(cli.run(["append", "--actor", "clerk"], stdin: #"{"type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"\#(id)","community_id":"C1","kind":"parking","name":"\#(name)","location":"东门","area_m2":"12","registered_on":"2024-03-01","source":{"kind":"manual"}}}"# + "\n") == 0, "\(cli.stderr)")
        }
        let header = "编号,小区,类型,名称,位置,面积,登记日期\n"
        try write(cli, "r.csv", header + "A-F1,C1,车位,-B1-023,东门,12,2024/3/1\nA-F2,C1,车位,@车位,东门,12,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r.csv", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 unchanged, 0 rejected"), "\(cli.stdout)")
        try write(cli, "r2.csv", header + "A-F3,C1,车位,-B1-024,东门,12,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r2.csv", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("formula"), "\(cli.stdout)")
    }

    /// A fact file's person column (the income's counterparty, in clear and with `--private`; a use's user) and a new
    /// category word (`--allow-new-category`): the reviewer's file, every row reported in one run, nothing committed.
    @Test(arguments: [[String](), ["--private", "counterparty"]])
    func aFactFilesPersonOrNewCategoryTheDoorRefusesIsRefused(_ options: [String]) throws {
        let cli = ledger()
        let rows = Self.refused.enumerated().map { "2024-03-01,F1,1,\($0.element.text),IV-\($0.offset),广告" }
            + Self.refused.enumerated().map { "2024-03-01,F1,1,某公司,IC-\($0.offset),\($0.element.text)" }
        try write(cli, "income.csv", "日期,账户编号,金额,付款方,凭证号,类别\n" + rows.joined(separator: "\n") + "\n2024-03-01,F1,1,某公司,OK-1,停车收费\n")
        let before = try state(cli)
        #expect(cli.run(["import", "income", "income.csv", "--allow-new-category"] + options) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        let count = Self.refused.count
        for (index, bad) in Self.refused.enumerated() {
            #expect(out.contains(#"income.csv: row \#(index + 2), column D "付款方": "\#(bad.shown)" \#(bad.en)"#), "\(options) \(bad): \(out)")
            #expect(out.contains(#"income.csv: row \#(index + count + 2), column F "类别": "\#(bad.shown)" \#(bad.en)"#), "\(options) \(bad): \(out)")
        }
        #expect(!out.contains("row \(2 * count + 2)"), "\(out)")
        #expect(try state(cli) == before, "\(options)")
        #expect(cli.run(["import", "income", "income.csv", "--allow-new-category", "--lang", "zh"] + options) == 2)
        let zh = cli.stdout + cli.stderr
        for bad in Self.refused { #expect(zh.contains(bad.zh), "\(bad): \(zh)") }
        #expect(try state(cli) == before, "\(options)")
        // The good rows alone import, a new category word with them.
        try write(cli, "good.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2024-03-01,F1,1,某公司,OK-1,停车收费\n2024-03-01,F1,1,O’Brien 某\u{3000}公司,OK-2,广告\n")
        #expect(cli.run(["import", "income", "good.csv", "--allow-new-category"] + options) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// An inspection's inspector: a person column too.
    @Test func otherPersonColumnsAreHeldToTheRule() throws {
        let cli = ledger()
        #expect(cli.run(["append", "--actor", "clerk"], stdin: NameDoorTests.asset("A-1", name: "1号楼走廊") + "\n") == 0, "\(cli.stderr)")
        try write(cli, "inspections.csv", "巡查日期,资产编号,状况,巡查人\n2024-04-01,A-1,闲置,王\u{2800}强\n2024-04-02,A-1,闲置,王强\n")
        let before = try state(cli)
        #expect(cli.run(["import", "inspections", "inspections.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains(#""王<U+2800>强" contains the invisible character <U+2800> inside the name"#), "\(cli.stdout)\(cli.stderr)")
        #expect(try state(cli) == before)
    }

    /// A category word the log holds already (recorded before the rule) is let through, as `ledger append` lets it.
    @Test func aCategoryWordTheLogHoldsImportsAgain() throws {
        let cli = ledger()
        try cli.writeBeforeTheRule([#"{"id":"h1","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"某公司","voucher":"OLD-1","category":"停车\#u{2800}费"}}"#])
        try write(cli, "income.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2024-03-02,F1,1,某公司,NEW-1,停车\u{2800}费\n")
        #expect(cli.run(["import", "income", "income.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Review 32b #1: a row identical to a fact the ledger holds — its person's text imported before the rule, a
    /// no-break space and all — is "already recorded" when the same (cumulative) file is imported again, not refused;
    /// a new row with such a text is refused; a changed row's message shows the hidden character.
    @Test func aPersonTheLedgerHoldsImportsAgainAsRecorded() throws {
        let cli = ledger()
        try cli.writeBeforeTheRule([#"{"id":"h1","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"某\#u{00A0}公司","voucher":"OLD-1","category":"parking"}}"#])
        let header = "日期,账户编号,金额,付款方,凭证号,类别\n"
        try write(cli, "again.csv", header + "2024-03-01,F1,1,某\u{00A0}公司,OLD-1,停车费\n2024-03-02,F1,2,某公司,NEW-1,停车费\n")
        #expect(cli.run(["import", "income", "again.csv", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new, 1 already recorded, 0 rejected"), "\(cli.stdout)")
        let before = try state(cli)
        try write(cli, "new.csv", header + "2024-03-02,F1,2,某\u{00A0}公司,NEW-2,停车费\n")
        #expect(cli.run(["import", "income", "new.csv"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("某<U+00A0>公司"), "\(cli.stdout)\(cli.stderr)")
        try write(cli, "fixed.csv", header + "2024-03-01,F1,1,某 公司,OLD-1,停车费\n")
        #expect(cli.run(["import", "income", "fixed.csv"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"counterparty "某<U+00A0>公司" → "某 公司""#), "\(cli.stdout)\(cli.stderr)")
        #expect(try state(cli) == before)
    }

    /// A bank statement's counterparty is recorded as the bank wrote it, no-break space and all (the statement is
    /// the evidence); committed as a person's (`--private counterparty`) it is held to the rule, and a rule that sets
    /// the line's counterparty is the way out. A rules file's counterparty and new category word are held to it too.
    /// (A person's name: a company's, 青岛丰巢\u{00A0}科技有限公司, stays in clear under `--private counterparty` since
    /// session 48, `PartyName`, and is recorded as the bank wrote it.)
    @Test func aStatementsCounterpartyAndRulesAreHeldToIt() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try write(cli, "st.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",王\u{00A0}五,快递柜场地费8月

            """)
        try write(cli, "r.json", #"{"rules": [{"if": {"memo": "快递柜"}, "category": "other"}]}"#)
        let before = try state(cli)
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "r.json", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!(cli.stdout + cli.stderr).contains("no-break space"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "r.json", "--private", "counterparty"]) == 2,
                "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"st.csv: row 2, column E "对方户名": "王<U+00A0>五" contains the no-break space <U+00A0> inside the name"#)
                && out.contains("add a rule that sets the line's counterparty"), "\(out)")
        #expect(try state(cli) == before)
        for rules in [#"{"rules": [{"if": {"memo": "快递柜"}, "category": "other", "counterparty": "\#u{2800}"}]}"#,
                      #"{"rules": [{"if": {"memo": "快递柜"}, "category": "快递\#u{200B}柜"}]}"#] {
            try write(cli, "bad.json", rules)
            #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "bad.json", "--allow-new-category"]) == 2)
            #expect((cli.stdout + cli.stderr).contains("rules[0]."), "\(cli.stdout)\(cli.stderr)")
            #expect(try state(cli) == before)
        }
        try write(cli, "r2.json", #"{"rules": [{"if": {"memo": "快递柜"}, "category": "other", "counterparty": "青岛丰巢科技有限公司"}]}"#)
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", "r2.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Review 32 #3: a Mongolian name and an emoji ZWJ sequence import as `ledger append` records them, in a
    /// register's name and a person column; U+202F elsewhere is refused as a no-break space.
    @Test func mongolianNamesAndEmojiSequencesImport() throws {
        let cli = ledger()
        let names = NameDoorTests.scriptNames
        let assets = names.enumerated().map { "M-\($0.offset),C1,车位,\($0.element),东门,12,2024/3/1" }
        try write(cli, "r.csv", "编号,小区,类型,名称,位置,面积,登记日期\n" + assets.joined(separator: "\n") + "\n")
        #expect(cli.run(["import", "assets", "r.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let income = names.enumerated().map { "2024-03-01,F1,1,\($0.element),M-\($0.offset),广告" }
        try write(cli, "income.csv", "日期,账户编号,金额,付款方,凭证号,类别\n" + income.joined(separator: "\n") + "\n")
        // Names apart only by a variation selector are one payer to the twin rule (`PayerName.key`, session 43).
        #expect(cli.run(["import", "income", "income.csv", "--private", "counterparty", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "bad.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2024-03-01,F1,1,某\u{202F}公司,B-1,广告\n2024-03-01,F1,1,某\u{200D}公司,B-2,广告\n")
        #expect(cli.run(["import", "income", "bad.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"row 2, column D "付款方": "某<U+202F>公司" contains the no-break space <U+202F> inside the name"#), "\(out)")
        #expect(out.contains(#"row 3, column D "付款方": "某<U+200D>公司" contains the invisible character <U+200D>"#), "\(out)")
    }
}
