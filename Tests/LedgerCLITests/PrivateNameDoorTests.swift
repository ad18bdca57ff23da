import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 46e's privacy gap: a name the ledger keeps only in private/ (a tenant or payer recorded with `--private` or
/// `{"person": …}`) is refused in clear on every door that writes events — each import kind with a person column,
/// a bank statement's line (the second line of a payer whose first matched its receipt too), `ledger append` in every
/// person field and in a correction's replacement — naming the place, the value and the option that keeps it private,
/// in English and Chinese, the batch whole (every problem in one run, the ledger unchanged). Given private, each is
/// taken; a name the ledger does not keep private is taken in clear.
@Suite struct PrivateNameDoorTests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()

    /// The ledger of `ImportReview43TwinsTests` with contract K-P's tenant 张伟 and a payer 李娜 kept private (a
    /// contract and a receipt imported with `--private counterparty`), and an income `inc-x` of a company.
    func ledger() throws -> CLIHarness {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        #expect(cli.run(["import", "contracts", "k.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "li.csv", Base.incomeHeader + "2025-04-05,F-T,100.00,李娜,SJ-L1,其他,\n")
        #expect(cli.run(["import", "income", "li.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "x.jsonl", #"{"id":"inc-x","type":"fund.income","occurred_on":"2025-04-01","data":{"fund_id":"F-T","amount_fen":500,"counterparty":"某公司","voucher":"SJ-X","category":"other"}}"# + "\n")
        #expect(cli.run(["append", "--file", "x.jsonl"]) == 0, "\(cli.stderr)")
        return cli
    }

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    // MARK: ledger import

    /// One import door: its file for a name, the person column as a message names it, the `--private` field.
    struct ImportDoor: CustomTestStringConvertible, Sendable {
        let kind: String
        let header: String
        let row: @Sendable (String) -> String
        let place: String
        let field: String
        var extra: [String] = []
        var testDescription: String { kind }
    }

    static let importDoors: [ImportDoor] = [
        ImportDoor(kind: "income", header: Base.incomeHeader, row: { "2025-04-07,F-T,66.00,\($0),SJ-9,其他,\n" },
                   place: #"column D "付款方""#, field: "counterparty"),
        ImportDoor(kind: "spending", header: "日期,账户编号,金额,收款方,凭证号,用途,支出类别\n",
                   row: { "2025-04-07,F-T,66.00,\($0),FP-9,屋顶防水维修,维修\n" }, place: #"column D "收款方""#, field: "counterparty"),
        ImportDoor(kind: "contracts", header: Base.contractHeader, row: { Base.contract("K-Q", tenant: $0, parts: "A-T2", end: "2026/3/31") },
                   place: #"column D "承租方""#, field: "counterparty"),
        ImportDoor(kind: "uses", header: "使用编号,资产编号,使用人,用途,合同编号,开始日期\n", row: { "U-9,A-T1,\($0),通信基站,K-P,2025-04-01\n" },
                   place: #"column C "使用人""#, field: "user"),
        ImportDoor(kind: "inspections", header: "巡查日期,资产编号,状况,巡查人\n", row: { "2025-04-07,A-T1,使用中,\($0)\n" },
                   place: #"column D "巡查人""#, field: "inspector"),
        ImportDoor(kind: "statement", header: Base.statementHeader, row: { "2025-04-07,QD9,停车费,\($0),,66.00,66.00\n" },
                   place: #"column D "对方户名""#, field: "counterparty", extra: ["--fund", "F-T", "--rules", "r.json"]),
    ]

    /// A private payer's name (and the tenant's, written otherwise: 張偉 with a space is 张伟 by the payer-name rule)
    /// in clear is refused at the row's person column, from the stored state and the whole log alike, in both
    /// languages, the ledger unchanged; with `--private FIELD` the row is taken and the log holds no name; a name
    /// the ledger does not keep private is taken in clear.
    @Test(arguments: importDoors)
    func anImportRowNamingAPrivatePersonInClearIsRefused(_ door: ImportDoor) throws {
        let cli = try ledger()
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"停车"},"category":"parking"}]}"#)
        for name in ["李娜", "張 偉"] {
            try base.write(cli, "f.csv", door.header + door.row(name))
            let arguments = ["import", door.kind, "f.csv"] + door.extra
            let out = try base.refused(cli, arguments)
            let shown = name == "李娜" || door.kind != "statement" ? #"is a name the ledger keeps only as a private person's, in private/"#
                : "is the name of contract K-P's tenant"
            #expect(out.contains(#"row 2, \#(door.place): "\#(name)" \#(shown)"#), "\(name): \(out)")
            #expect(out.contains("--private \(door.field)"), "\(out)")
            #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
            #expect(cli.stdout.contains(name == "李娜" || door.kind != "statement" ? "是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名" : "的个人承租方"), "\(cli.stdout)")
            #expect(try !logText(cli).contains(name))
        }
        // Given private, taken; the name is nowhere in the log.
        try base.write(cli, "f.csv", door.header + door.row("李娜"))
        #expect(cli.run(["import", door.kind, "f.csv", "--private", door.field] + door.extra) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains("李娜"))
        // Another name, not kept private, is taken in clear.
        let other = try ledger()
        try base.write(other, "r.json", #"{"rules":[{"if":{"memo":"停车"},"category":"parking"}]}"#)
        try base.write(other, "f.csv", door.header + door.row("王五"))
        #expect(other.run(["import", door.kind, "f.csv"] + door.extra) == 0, "\(other.stdout)\(other.stderr)")
        #expect(try logText(other).contains("王五"))
    }

    /// Every row of a file naming a private person in clear is told in one run, the file refused whole (its good
    /// row not written either).
    @Test func everyRowOfTheFileIsToldAndNoneWritten() throws {
        let cli = try ledger()
        try base.write(cli, "f.csv", Base.incomeHeader + "2025-04-07,F-T,66.00,李娜,SJ-9,其他,\n" + "2025-04-08,F-T,77.00,甲公司,SJ-10,其他,\n"
                        + "2025-04-09,F-T,88.00,张伟,SJ-11,其他,\n")
        let out = try base.refused(cli, ["import", "income", "f.csv"])
        #expect(out.contains(#"row 2, column D "付款方": "李娜" is a name"#) && out.contains(#"row 4, column D "付款方": "张伟" is a name"#), "\(out)")
        #expect(try !logText(cli).contains("SJ-10"))
    }

    /// A bank statement's second line of a payer kept private (review 46e): the first line matches the payer's
    /// receipt and is not recorded again; the second is new money naming the payer in clear, refused; with
    /// `--private counterparty` the statement imports, the name nowhere in the log.
    @Test func aStatementsSecondLineOfAPrivatePayerIsRefused() throws {
        let cli = try ledger()
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"停车"},"category":"parking"}]}"#)
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD1,停车费,李娜,,100.00,100.00\n" + "2025-04-12,QD2,停车费,李娜,,50.00,150.00\n")
        let out = try base.refused(cli, ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"])
        #expect(out.contains(#"row 3, column D "对方户名": "李娜" is a name the ledger keeps only as a private person's"#), "\(out)")
        #expect(!out.contains("row 2, column D"), "the matched line is no problem: \(out)")
        #expect(out.contains("Import the statement with --private counterparty"), "\(out)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--private", "counterparty"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains("李娜") && logText(cli).contains("QD2"))
    }

    // MARK: ledger append

    /// One event naming a person: its line for a name (JSON: `"…"` or `{"person": "…"}`) and its field.
    struct AppendDoor: CustomTestStringConvertible, Sendable {
        let name: String
        let line: @Sendable (String) -> String
        let field: String
        let member: String
        var testDescription: String { name }
    }

    static let appendDoors: [AppendDoor] = [
        AppendDoor(name: "income", line: { #"{"type":"fund.income","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":1234,"counterparty":\#($0),"voucher":"SJ-A1","category":"other"}}"# },
                   field: "data.counterparty", member: "counterparty"),
        AppendDoor(name: "spending", line: { #"{"type":"fund.spending","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":1234,"counterparty":\#($0),"voucher":"FP-A1","purpose":"屋顶防水维修","purpose_category":"repair"}}"# },
                   field: "data.counterparty", member: "counterparty"),
        AppendDoor(name: "occupation", line: { #"{"type":"occupation.reported","occurred_on":"2025-04-08","data":{"occupation_id":"O-9","asset_id":"A-T1","occupant":\#($0),"description":"堆放杂物"}}"# },
                   field: "data.occupant", member: "occupant"),
        AppendDoor(name: "use", line: { #"{"type":"use.started","occurred_on":"2025-04-08","data":{"use_id":"U-A9","asset_id":"A-T1","user":\#($0),"purpose":"通信基站","authority":{"contract_id":"K-P"}}}"# },
                   field: "data.user", member: "user"),
        AppendDoor(name: "inspection", line: { #"{"type":"inspection.recorded","occurred_on":"2025-04-08","data":{"asset_id":"A-T1","observed":"in_use","inspector":\#($0),"note":"基站"}}"# },
                   field: "data.inspector", member: "inspector"),
        AppendDoor(name: "correction", line: { #"{"type":"correction","occurred_on":"2025-04-08","data":{"corrects":"inc-x","reason":"付款方写错","replacement":{"type":"fund.income","occurred_on":"2025-04-01","data":{"fund_id":"F-T","amount_fen":500,"counterparty":\#($0),"voucher":"SJ-X","category":"other"}}}}"# },
                   field: "data.replacement.data.counterparty", member: "counterparty"),
    ]

    /// An event writing a private person's name in clear is refused at its field, naming the value and the ways to
    /// keep it private, in both languages, the ledger unchanged; `{"person": …}` and `--private FIELD` are taken;
    /// another name is taken in clear.
    @Test(arguments: appendDoors)
    func anAppendedEventNamingAPrivatePersonInClearIsRefused(_ door: AppendDoor) throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        for name in ["李娜", "张　伟"] {
            try base.write(cli, "e.jsonl", door.line("\"\(name)\"") + "\n")
            #expect(cli.run(["append", "--file", "e.jsonl"]) == 2, "\(name): \(cli.stdout)\(cli.stderr)")
            let out = cli.stdout + cli.stderr
            // Shown as every message shows a value: the ideographic space made visible.
            let shown = name.split(separator: "\u{3000}", omittingEmptySubsequences: false).joined(separator: "<U+3000>")
            #expect(out.contains(#"e.jsonl:1: field "\#(door.field)": "\#(shown)" is a name the ledger keeps only as a private person's"#), "\(out)")
            #expect(out.contains("append the batch with --private \(door.member)"), "\(out)")
            #expect(cli.run(["append", "--file", "e.jsonl", "--lang", "zh"]) == 2)
            #expect((cli.stdout + cli.stderr).contains("是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名"), "\(cli.stdout)\(cli.stderr)")
            #expect(try cli.logBytes() == before)
        }
        try base.write(cli, "e.jsonl", door.line(#"{"person":"李娜"}"#) + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let other = try ledger()
        try base.write(other, "e.jsonl", door.line("\"李娜\"") + "\n")
        #expect(other.run(["append", "--file", "e.jsonl", "--private", door.member]) == 0, "\(other.stdout)\(other.stderr)")
        for ledger in [cli, other] { #expect(try !logText(ledger).contains("李娜")) }
        let clear = try ledger()
        try base.write(clear, "e.jsonl", door.line("\"王五\"") + "\n")
        #expect(clear.run(["append", "--file", "e.jsonl"]) == 0, "\(clear.stdout)\(clear.stderr)")
        #expect(try logText(clear).contains("王五"))
    }

    /// Every line of a batch naming a private person in clear is told in one run, with the name this batch itself
    /// keeps private (`{"person": …}` on one line, in clear on another); nothing is written.
    @Test func everyLineOfTheBatchIsTold() throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        let stored = try PosixDirectory(path: cli.ledgerPath + "/private").names().sorted()
        let lines = [Self.appendDoors[0].line("\"李娜\""), Self.appendDoors[2].line(#"{"person":"赵六"}"#),
                     Self.appendDoors[4].line("\"赵六\""), Self.appendDoors[1].line("\"甲公司\"")]
        try base.write(cli, "e.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 2)
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"e.jsonl:1: field "data.counterparty": "李娜" is a name"#) && out.contains(#"e.jsonl:3: field "data.inspector": "赵六" is a name"#), "\(out)")
        #expect(!out.contains("e.jsonl:2:") && !out.contains("e.jsonl:4:"), "\(out)")
        #expect(try cli.logBytes() == before)
        #expect(try PosixDirectory(path: cli.ledgerPath + "/private").names().sorted() == stored, "赵六 is not left in private/")
    }

    /// Review 47c: a register's extra column (联系人, kept as an attribute) holding a name kept private — 张 伟 for the
    /// tenant 张伟 — is refused naming the cell, from the stored state and the whole log alike, the ledger unchanged;
    /// another name there is taken.
    @Test(arguments: [false, true]) func aRegistersExtraColumnRefusesAPrivateName(wholeLog: Bool) throws {
        let cli = try ledger()
        if wholeLog { cli.environment["LEDGER_SCOPES"] = "off" }
        let header = "编号,小区,类型,名称,位置,面积,登记日期,联系人\n"
        try base.write(cli, "a.csv", header + "A-N1,C-T,车位,车位N1,东,12,2025-03-01,张 伟\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "assets", "a.csv"]) != 0)
        #expect(cli.stdout.contains("is a name the ledger keeps only as a private person's"), "\(cli.stdout)")
        #expect(cli.stdout.contains("A register records common parts, not persons"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "assets", "a.csv", "--lang", "zh"]) != 0)
        #expect(cli.stdout.contains("登记册记录共有部分，不记录个人"), "\(cli.stdout)")
        try base.write(cli, "b.csv", header + "A-N1,C-T,车位,车位N1,东,12,2025-03-01,王五\n")
        #expect(cli.run(["import", "assets", "b.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try logText(cli).contains("王五"))
    }
}
