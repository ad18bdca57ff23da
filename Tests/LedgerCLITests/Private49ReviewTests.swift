import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 48 of session 48's privacy work, closed in session 49, through the command line: an id the log holds that
/// happens to hold a kept name stays citable (its uses, corrections, an import's rows), a new one is still refused;
/// a re-import with `--private` after an erasure is told to leave the row out; a rule's purpose holding a kept name
/// names the rule; `erase-personal` lists a person field in clear written otherwise (張偉 for 张伟); `import assets`
/// refuses a kept name in a part's name or location as `append` does; one actor refusal naming where the actor came
/// from; a dry run refuses what the real run would. Every refusal: exit 2, the ledger unchanged.
@Suite struct Private49ReviewTests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    static let registration = #"{"id":"reg-gf","type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A-高峰路-01","community_id":"C-T","kind":"parking","name":"车库","location":"2号楼","area_m2":"30.00","registered_on":"2024-02-01","source":{"kind":"manual"}}}"#

    static let contract = #"{"id":"con-gf","type":"contract.signed","occurred_on":"2024-12-20","data":{"contract_id":"K-高峰-1","community_id":"C-T","asset_ids":["A-高峰路-01"],"counterparty":"乙公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"year","payee_fund_id":"F-T"}}"#

    /// The ledger of `ImportReview43TwinsTests` with part `A-高峰路-01` registered, then a person 高峰 kept private (an
    /// occupation's `{"person": …}`): the part's id was written before the name was kept.
    func ledger() throws -> CLIHarness {
        let cli = try base.ledger()
        // Two batches: a batch committing 高峰 refuses its own texts holding the name (review 48 #2).
        try base.write(cli, "gf.jsonl", Self.registration + "\n" + Self.contract + "\n")
        #expect(cli.run(["append", "--file", "gf.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "gf.jsonl", #"{"id":"occ-gf","type":"occupation.reported","occurred_on":"2025-03-10","data":{"occupation_id":"O-GF","asset_id":"A-T1","occupant":{"person":"高峰"},"description":"走廊堆放杂物"}}"# + "\n")
        #expect(cli.run(["append", "--file", "gf.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains(#""occupant":"高峰""#))
        return cli
    }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 {
        try base.write(cli, "in.jsonl", lines.joined(separator: "\n") + "\n")
        return cli.run(["append", "--file", "in.jsonl"] + extra)
    }

    // MARK: #1 An id the log holds

    /// A use of the part, and a correction of its registration keeping its id, are appended; a new part whose id
    /// holds the kept name, and a correction giving the part such a new id, are refused at that id.
    @Test func anIdTheLogHoldsIsCitedANewOneIsRefused() throws {
        let cli = try ledger()
        let use = #"{"id":"use-gf","type":"use.started","occurred_on":"2025-05-01","data":{"use_id":"U-GF","asset_id":"A-高峰路-01","purpose":"停车","user":"业主"}}"#
        #expect(try append(cli, [use]) == 0, "\(cli.stdout)\(cli.stderr)")
        let keep = #"{"id":"cor-gf","type":"correction","occurred_on":"2025-05-02","data":{"corrects":"reg-gf","reason":"面积有误","replacement":{"type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A-高峰路-01","community_id":"C-T","kind":"parking","name":"车库","location":"2号楼","area_m2":"32.00","registered_on":"2024-02-01","source":{"kind":"manual"}}}}}"#
        #expect(try append(cli, [keep]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        let new = #"{"id":"reg-gf2","type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A-高峰路-02","community_id":"C-T","kind":"parking","name":"车库二","location":"3号楼","area_m2":"30.00","registered_on":"2024-02-01","source":{"kind":"manual"}}}"#
        let renamed = #"{"id":"cor-gf2","type":"correction","occurred_on":"2025-05-03","data":{"corrects":"reg-gf","reason":"编号有误","replacement":{"type":"asset.registered","occurred_on":"2024-02-01","data":{"asset_id":"A-高峰路-03","community_id":"C-T","kind":"parking","name":"车库","location":"2号楼","area_m2":"32.00","registered_on":"2024-02-01","source":{"kind":"manual"}}}}}"#
        #expect(try append(cli, [new, renamed]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"in.jsonl:1: field "data.asset_id": "A-高峰路-02" holds "高峰", a name the ledger keeps only as a private person's"#), "\(out)")
        #expect(out.contains(#"in.jsonl:2: field "data.replacement.data.asset_id": "A-高峰路-03" holds "高峰""#), "\(out)")
        // The field is named once (review 48 #6).
        #expect(!out.contains("(data.asset_id)"), "\(out)")
        #expect(try cli.logBytes() == before)
    }

    /// An import's rows citing the part (`import uses`) are taken; a row registering a new use under an id holding
    /// the kept name is refused at that column.
    @Test func anImportCitesAnIdTheLogHolds() throws {
        let cli = try ledger()
        let header = "使用编号,资产编号,使用人,用途,开始日期\n"
        try base.write(cli, "u.csv", header + "U-1,A-高峰路-01,业主,停车,2025-04-01\n")
        #expect(cli.run(["import", "uses", "u.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "u2.csv", header + "U-高峰-2,A-高峰路-01,业主,停车,2025-04-02\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "uses", "u2.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#"u2.csv: row 2, column A "使用编号": "U-高峰-2" (use_id) holds "高峰""#), "\(cli.stdout)")
        #expect(!cli.stdout.contains(#"column B"#), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    /// Every import kind citing them: a receipt naming contract `K-高峰-1`, a contract letting part `A-高峰路-01`,
    /// an inspection of the part — taken; a new contract whose own id holds the name is refused at its id.
    @Test func everyImportKindCitesAnIdTheLogHolds() throws {
        let cli = try ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/3/1,F-T,1200,乙公司,SJ-K1,租金,K-高峰-1\n")
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-Q", tenant: "丙公司", parts: "A-高峰路-01", end: "2026/2/28"))
        #expect(cli.run(["import", "contracts", "k.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "n.csv", "巡查日期,资产编号,状况,巡查人\n2025-04-07,A-高峰路-01,使用中,物业服务企业\n")
        #expect(cli.run(["import", "inspections", "n.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        try base.write(cli, "k2.csv", Base.contractHeader + Base.contract("K-高峰-2", tenant: "丁公司", parts: "A-T1", end: "2026/1/31"))
        #expect(cli.run(["import", "contracts", "k2.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#""K-高峰-2" (contract_id) holds "高峰""#), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    // MARK: #2 After an erasure, with --private

    /// A receipt imported with `--private counterparty`, its payer erased, the file imported again with
    /// `--private`: told to leave the row out (never to correct or re-import), saying why it is not recognised.
    @Test func aReimportWithPrivateAfterAnErasureIsToldToLeaveTheRowOut() throws {
        let cli = try base.ledger()
        try base.write(cli, "r.csv", Base.incomeHeader + "2025/3/1,F-T,1800,张三,SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "r.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "本人申请"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "income", "r.csv", "--private", "counterparty"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout
        #expect(out.contains("With --private the row's counterparty gets a new commitment"), "\(out)")
        #expect(out.contains("leave this row out of the file"), "\(out)")
        #expect(!out.contains("record a correction naming") && !out.contains("import the file again with --private counterparty, as before"), "\(out)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "income", "r.csv", "--private", "counterparty", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("加 --private 时，这一行的 counterparty 会得到新的承诺值") && cli.stdout.contains("请把这一行从文件中去掉"), "\(cli.stdout)")
    }

    // MARK: #3 A rule's purpose

    /// A spending line whose purpose a rule sets holding a kept name: refused naming the rule and its purpose, at
    /// the column the rule matched, with the advice to change the rule (not the bank's memo).
    @Test func aRulesPurposeHoldingAKeptNameNamesTheRule() throws {
        let cli = try ledger()
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"车位"},"purpose":"退还高峰车位押金","purpose_category":"other"}]}"#)
        try base.write(cli, "s.csv", Base.statementHeader + "2025-07-03,QD1,车位押金,某公司,300.00,,300.00\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout
        #expect(out.contains(#"(the purpose set by rules[0] of r.json, which matched this line) holds "高峰""#), "\(out)")
        // The field is named once (review privacy49 #8).
        #expect(!out.contains("which matched this line) (purpose)"), "\(out)")
        #expect(out.contains(#"Change the "purpose" of rules[0] in r.json"#), "\(out)")
        #expect(!out.contains("give the line a rule in the rules file"), "\(out)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("由r.json的 rules[0] 设定的") && cli.stdout.contains("请修改r.json中 rules[0] 的“purpose”"), "\(cli.stdout)")
    }

    // MARK: #4 The erasure's warning, by the payer-name key

    /// A payment written in clear as 張偉 before 张伟 was kept: `erase-personal --subject 张伟` lists it.
    @Test func theErasureListsAPersonFieldInClearWrittenOtherwise() throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", Base.incomeHeader + "2025/3/1,F-T,1800,張偉,SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "a.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "b.csv", Base.incomeHeader + "2025/3/2,F-T,1900,张伟,SJ-002,停车费,\n")
        #expect(cli.run(["import", "income", "b.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["erase-personal", "--subject", "张伟", "--reason", "本人申请", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        // The text as recorded, quoted (review privacy49 #7: was "the same text").
        #expect(cli.stdout.contains(#"warning: "張偉" is recorded in clear in"#), "\(cli.stdout)")
    }

    // MARK: #5 import assets and append: one rule

    /// A register's new part whose name, location or id holds a kept name is refused at that column, as `append`
    /// refuses it; the part the ledger holds, imported again with its recorded values, is taken.
    @Test(arguments: ["name", "location", "id"])
    func aRegistersTextsAreSearchedAsAppendsAre(_ column: String) throws {
        let cli = try ledger()
        let header = "编号,小区,类型,名称,位置,面积,登记日期\n"
        let id = column == "id" ? "A-高峰-9" : "A-N9"
        let name = column == "name" ? "高峰车库" : "新车库"
        let location = column == "location" ? "高峰家门口" : "5号楼"
        try base.write(cli, "a.csv", header + "\(id),C-T,车位,\(name),\(location),20.00,2025-01-01\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "assets", "a.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#"holds "高峰", a name the ledger keeps only as a private person's"#), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
        let recorded = header + "A-高峰路-01,C-T,车位,车库,2号楼,30.00,2024-02-01\n"
        try base.write(cli, "b.csv", recorded)
        #expect(cli.run(["import", "assets", "b.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: #6 One actor refusal, naming its source

    /// An actor from `$USER`, `$LEDGER_ACTOR` or `--actor` that is a kept name: the refusal names that source; an
    /// event's own actor is refused at its line, the field named once.
    @Test(arguments: ["--actor", "$LEDGER_ACTOR", "$USER", "event"])
    func theActorRefusalNamesWhereItCameFrom(_ source: String) throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        var line = #"{"type":"fund.income","occurred_on":"2025-04-01","data":{"fund_id":"F-T","amount_fen":500,"counterparty":"某公司","voucher":"SJ-A","category":"other"}}"#
        var extra: [String] = []
        switch source {
        case "--actor": extra = ["--actor", "高峰"]
        case "$LEDGER_ACTOR": cli.environment["LEDGER_ACTOR"] = "高峰"
        case "$USER": cli.environment["LEDGER_ACTOR"] = nil; cli.environment["USER"] = "高峰"
        default: line = line.replacingOccurrences(of: #""type""#, with: #""actor":"高峰","type""#)
        }
        #expect(try append(cli, [line], extra) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        if source == "event" {
            #expect(out.contains(#"in.jsonl:1: field "actor": "高峰" is a name the ledger keeps only as a private person's"#), "\(out)")
        } else {
            #expect(out.contains(#"\#(source) "高峰" is a name the ledger keeps only as a private person's"#), "\(out)")
        }
        #expect(out.contains(source.hasPrefix("$") ? "It was taken from \(source), as no --actor was given" : "give the staff account or role"), "\(out)")
        #expect(try cli.logBytes() == before)
    }

    // MARK: #7 A dry run refuses what the real run would

    /// The actor or the file's name holding a name the file's own rows commit: the dry run refuses as the real run.
    @Test(arguments: ["actor", "file"])
    func aDryRunRefusesTheActorAndFileNameTheRowsCommit(_ place: String) throws {
        let cli = try base.ledger()
        let file = place == "file" ? "王五退款.csv" : "s.csv"
        try base.write(cli, file, Private48ReviewTests.spendingHeader + "2025-04-07,F-T,66.00,王五,FP-1,维修,维修\n")
        var arguments = ["import", "spending", file, "--private", "counterparty"]
        if place == "actor" { arguments += ["--actor", "王五"] }
        let before = try cli.logBytes()
        #expect(cli.run(arguments + ["--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let dry = cli.stdout + cli.stderr
        #expect(cli.run(arguments) == 2, "\(cli.stdout)\(cli.stderr)")
        let real = cli.stdout + cli.stderr
        #expect(dry.contains(place == "actor" ? #"--actor "王五" is a name"# : #"the file's name "王五退款.csv" holds "王五""#), "\(dry)")
        #expect(real.contains(place == "actor" ? #"--actor "王五" is a name"# : #"the file's name "王五退款.csv" holds "王五""#), "\(real)")
        #expect(try cli.logBytes() == before)
        #expect(PosixFile.kind(at: cli.ledgerPath + "/private", followLinks: false) == nil
                || (try? FileManager.default.contentsOfDirectory(atPath: cli.ledgerPath + "/private"))?.isEmpty == true)
    }
}
