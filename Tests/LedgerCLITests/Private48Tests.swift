import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 48 (review 47c's privacy gaps left open), through the command line: a kept private name inside a free
/// text (a purpose, a statement's memo, an event's description, the file's name) is refused at its field (#1), and
/// `erase-personal` warns of earlier records' texts holding the name it erases; names read with the wider variant
/// table (#2); `--private counterparty` leaves companies and roles in clear (#3); an actor that is a kept name (#4);
/// an import while an erasure waits (#5); the erasure's reason read as names are (#6); no advice after an erasure to
/// record the erased name again (#7); a rule's counterparty refused at the rule's column, naming the rule (#8).
/// Every refusal: exit 2, both languages, the ledger unchanged.
@Suite struct Private48Tests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()
    let doors = PrivateNameDoorTests()
    static let spendingHeader = "日期,账户编号,金额,收款方,凭证号,用途,支出类别\n"

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    /// A refused command (exit 2) that left the log as it was: its standard output and error.
    func refusedUnchanged(_ cli: CLIHarness, _ arguments: [String]) throws -> String {
        let before = try cli.logBytes()
        #expect(cli.run(arguments) == 2, "\(arguments): \(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        return cli.stdout + cli.stderr
    }

    // MARK: #1 free text

    /// A spending row whose purpose holds a kept name — written otherwise, 張　偉 for 张伟 — is refused at the purpose
    /// column, naming the field, the name and what to write instead, both ways and in both languages; the same
    /// purpose with a role instead imports.
    @Test(arguments: ["退还李娜多交停车费", "退还張　偉押金", "付李 娜（2号楼）"])
    func aPurposeHoldingAKeptNameIsRefused(_ purpose: String) throws {
        let cli = try doors.ledger()
        try base.write(cli, "s.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,甲公司,FP-9,\(purpose),维修\n")
        let out = try base.refused(cli, ["import", "spending", "s.csv"])
        let name = purpose.contains("娜") ? "李娜" : "张伟"
        #expect(out.contains(#"row 2, column F "用途": "\#(purpose)" (purpose) holds "\#(name)", a name the ledger keeps only as a private person's"#), "\(out)")
        #expect(out.contains("Write the person's role or a reference instead of the name"), "\(out)")
        #expect(cli.run(["import", "spending", "s.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("（purpose）中含有“\(name)”") && cli.stdout.contains("请用身份或编号代替姓名"), "\(cli.stdout)")
        try base.write(cli, "s.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,甲公司,FP-9,退还2号楼住户多交停车费,维修\n")
        #expect(cli.run(["import", "spending", "s.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// A bank statement's memo (a spending line's purpose) holding a kept name: refused at the memo column, with the
    /// advice to set the line's purpose by a rule; with such a rule the line imports.
    @Test func aStatementsMemoHoldingAKeptNameIsRefused() throws {
        let cli = try doors.ledger()
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"停车"},"category":"parking"}]}"#)
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-07,QD9,退李娜押金,甲公司,30.00,,70.00\n")
        let out = try base.refused(cli, ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"])
        #expect(out.contains(#"row 2, column C "摘要": "退李娜押金" (purpose) holds "李娜""#), "\(out)")
        #expect(out.contains("give the line a rule in the rules file (--rules) that sets its purpose"), "\(out)")
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"押金"},"purpose":"退还押金","purpose_category":"other"}]}"#)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains("李娜"))
    }

    /// `ledger append`: every free text of every line holding a kept name is told at its field in one run (a
    /// description, a purpose, a correction's reason), nothing written; the person field itself as `{"person": …}`
    /// and a text naming a role are taken.
    @Test func anAppendedTextHoldingAKeptNameIsRefused() throws {
        let cli = try doors.ledger()
        let lines = [
            #"{"type":"occupation.reported","occurred_on":"2025-04-08","data":{"occupation_id":"O-9","asset_id":"A-T1","occupant":{"person":"李娜"},"description":"李娜家堆放杂物"}}"#,
            #"{"type":"fund.spending","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":1234,"counterparty":"甲公司","voucher":"FP-A1","purpose":"退还張偉押金","purpose_category":"repair"}}"#,
            #"{"type":"correction","occurred_on":"2025-04-08","data":{"corrects":"inc-x","reason":"李娜说付款方写错","replacement":{"type":"fund.income","occurred_on":"2025-04-01","data":{"fund_id":"F-T","amount_fen":500,"counterparty":"某公司","voucher":"SJ-X","category":"other"}}}}"#,
        ]
        try base.write(cli, "e.jsonl", lines.joined(separator: "\n") + "\n")
        let out = try refusedUnchanged(cli, ["append", "--file", "e.jsonl"])
        #expect(out.contains(#"e.jsonl:1: field "data.description": "李娜家堆放杂物" holds "李娜""#), "\(out)")
        #expect(out.contains(#"e.jsonl:2: field "data.purpose": "退还張偉押金" holds "张伟""#), "\(out)")
        #expect(out.contains(#"e.jsonl:3: field "data.reason": "李娜说付款方写错" holds "李娜""#), "\(out)")
        #expect(!out.contains("data.occupant"), "the person field as {\"person\": …} is no problem: \(out)")
        #expect(cli.run(["append", "--file", "e.jsonl", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("中含有“李娜”，这是账本只作为个人信息保存在 private/ 中"), "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "e.jsonl", lines[0].replacingOccurrences(of: "李娜家", with: "住户") + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// An import whose file's name holds a kept name (recorded in `register.imported`) is refused, saying to rename
    /// it; renamed, it imports.
    @Test func aFileNameHoldingAKeptNameIsRefused() throws {
        let cli = try doors.ledger()
        try base.write(cli, "李娜退款.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,甲公司,FP-9,退款,维修\n")
        let out = try refusedUnchanged(cli, ["import", "spending", "李娜退款.csv"])
        #expect(out.contains(#"the file's name "李娜退款.csv" holds "李娜""#) && out.contains("Rename the file without the name"), "\(out)")
        #expect(try refusedUnchanged(cli, ["import", "spending", "李娜退款.csv", "--dry-run", "--lang", "zh"]).contains("文件名“李娜退款.csv”中含有“李娜”"))
        // A folder's name is not recorded (the record keeps the file's name only): no problem.
        try FileManager.default.createDirectory(atPath: cli.temp.path + "/李娜", withIntermediateDirectories: true)
        try base.write(cli, "李娜/2025-04-退款.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,甲公司,FP-9,退款,维修\n")
        #expect(cli.run(["import", "spending", "李娜/2025-04-退款.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains("李娜"))
    }

    /// `erase-personal` lists the earlier records whose free text holds the name it erases (seq and field), dry run
    /// and real run alike: the log cannot be edited, so that text stays.
    @Test func anErasureWarnsOfTheNameInEarlierTexts() throws {
        let cli = try base.ledger()
        try base.write(cli, "e.jsonl", #"{"type":"fund.spending","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":1234,"counterparty":"甲公司","voucher":"FP-A1","purpose":"退还李 娜押金","purpose_category":"repair"}}"# + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 0, "\(cli.stderr)")
        try base.write(cli, "li.csv", Base.incomeHeader + "2025-04-05,F-T,100.00,李娜,SJ-L1,其他,\n")
        #expect(cli.run(["import", "income", "li.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["erase-personal", "--subject", "李娜", "--reason", "本人申请", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#"warning: "李娜" is written inside the text of purpose of record 6 (fund spending)"#), "\(cli.stdout)")
        #expect(cli.run(["erase-personal", "--subject", "李娜", "--reason", "本人申请", "--lang", "zh"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("警告：“李娜”出现在第 6 条记录（"), "\(cli.stdout)")
    }

    /// A register's note and extra columns: a kept name inside the text is refused at its cell (review 47c #1);
    /// the same register without it imports.
    @Test func aRegistersNoteHoldingAKeptNameIsRefused() throws {
        let cli = try doors.ledger()
        let header = "编号,小区,类型,名称,位置,面积,登记日期,备注,联系人\n"
        try base.write(cli, "a.csv", header + "A-N1,C-T,车位,车位N1,东,12,2025-03-01,張偉家门口,物业\n" + "A-N2,C-T,车位,车位N2,东,12,2025-03-01,空置,李娜（物业）\n")
        let out = try refusedUnchanged(cli, ["import", "assets", "a.csv"])
        #expect(out.contains(#""張偉家门口" (note) holds "张伟""#) && out.contains(#""李娜（物业）" (联系人) holds "李娜""#), "\(out)")
        try base.write(cli, "b.csv", header + "A-N1,C-T,车位,车位N1,东,12,2025-03-01,2号楼住户门口,物业\n")
        #expect(cli.run(["import", "assets", "b.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: #2 variant characters

    /// A name kept private written in traditional characters or with another middle dot, in a person column, is
    /// the kept name (refused in clear).
    @Test(arguments: [("罗晓静", "羅曉靜"), ("叶云强", "葉雲強"), ("阿卜杜拉·买买提", "阿卜杜拉・買買提"), ("阿卜杜拉·买买提", "阿卜杜拉.买买提")])
    func aVariantFormOfAKeptNameIsRefused(kept: String, written: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", Base.incomeHeader + "2025-04-05,F-T,100.00,\(kept),SJ-L1,其他,\n")
        #expect(cli.run(["import", "income", "a.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "b.csv", Base.incomeHeader + "2025-04-06,F-T,50.00,\(written),SJ-L2,其他,\n")
        let out = try base.refused(cli, ["import", "income", "b.csv"])
        #expect(out.contains(#""\#(written)" is a name the ledger keeps only as a private person's"#), "\(out)")
    }

    // MARK: #3 organisations and roles

    /// `--private counterparty` keeps the persons of a statement private and leaves a company and a role in clear;
    /// a role or company kept private before (`{"person": …}`) is refused in clear nowhere after.
    @Test func privateCounterpartyLeavesCompaniesAndRolesInClear() throws {
        let cli = try base.ledger()
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"费"},"category":"other"}]}"#)
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD1,服务费,青岛丰巢科技有限公司,,100.00,100.00\n"
                        + "2025-04-06,QD2,退回费,业主委员会,,10.00,110.00\n" + "2025-04-07,QD3,停车费,王五,,5.00,115.00\n")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--private", "counterparty"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        let log = try logText(cli)
        #expect(log.contains("青岛丰巢科技有限公司") && log.contains("业主委员会") && !log.contains("王五"), "\(log)")
        try base.write(cli, "e.jsonl", #"{"type":"fund.spending","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":12,"counterparty":{"person":"物业服务企业"},"voucher":"FP-A1","purpose":"维修","purpose_category":"repair"}}"# + "\n"
                        + #"{"type":"fund.spending","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":13,"counterparty":"物业服务企业","voucher":"FP-A2","purpose":"业主委员会交办的维修","purpose_category":"repair"}}"# + "\n")
        #expect(cli.run(["append", "--file", "e.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        // `ledger append --private counterparty` likewise: the person committed, the company in clear.
        try base.write(cli, "p.jsonl", #"{"type":"fund.income","occurred_on":"2025-04-09","data":{"fund_id":"F-T","amount_fen":14,"counterparty":"海港停车管理有限公司","voucher":"SJ-P1","category":"other"}}"# + "\n"
                        + #"{"type":"fund.income","occurred_on":"2025-04-09","data":{"fund_id":"F-T","amount_fen":15,"counterparty":"赵六","voucher":"SJ-P2","category":"other"}}"# + "\n")
        #expect(cli.run(["append", "--file", "p.jsonl", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let after = try logText(cli)
        #expect(after.contains(#""counterparty":"海港停车管理有限公司""#) && !after.contains("赵六"), "\(after)")
    }

    /// `rectify --issue` names the owners' committee by its role (业主委员会) as the party responsible for most
    /// findings; a ledger that keeps that role private (committed as a person before session 48) appends the
    /// issued event all the same: the role is no person's name, and no door refuses it.
    @Test func rectifyIssuesItsOwnRoleWordsAfterTheyWereKeptPrivate() throws {
        let cli = PersonalDataCommandTests().prepared()
        let line = #"{"id":"o2","type":"occupation.reported","occurred_on":"2024-05-03","data":{"occupation_id":"O-2","asset_id":"A-2","occupant":{"person":"业主委员会"},"description":"堆放杂物"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["rectify", "--as-of", "2024-06-30", "--community", "C-1", "--issue", "L-1", "--issued-on", "2024-07-01",
                         "--out", "list.txt", "--issue-out", "issue.jsonl"]) == 0, "\(cli.stderr)")
        let issued = try String(contentsOfFile: cli.temp.path + "/issue.jsonl", encoding: .utf8)
        #expect(issued.contains(#""responsible":"业主委员会""#), "\(issued)")
        #expect(cli.run(["append", "--file", "issue.jsonl", "--actor", "office"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: #4 actor

    /// An actor that is a kept name — `--actor`, `$LEDGER_ACTOR`, an event's own `actor` — is refused, naming it and
    /// saying to give a staff account or role.
    @Test func anActorThatIsAKeptNameIsRefused() throws {
        let cli = try doors.ledger()
        try base.write(cli, "s.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,甲公司,FP-9,维修,维修\n")
        var out = try refusedUnchanged(cli, ["import", "spending", "s.csv", "--actor", "李 娜"])
        #expect(out.contains(#"--actor "李 娜" is a name the ledger keeps only as a private person's"#) && out.contains("give the staff account or role who records"), "\(out)")
        cli.environment["LEDGER_ACTOR"] = "張偉"
        out = try refusedUnchanged(cli, ["import", "spending", "s.csv", "--lang", "zh"])
        // Named as where it came from (review 48 #6: it said --actor), with the way to override it.
        #expect(out.contains("$LEDGER_ACTOR “張偉”是账本只作为个人信息保存在 private/ 中") && out.contains("请改用记录人的工作账号或身份")
                && out.contains("这个名称取自 $LEDGER_ACTOR"), "\(out)")
        cli.environment["LEDGER_ACTOR"] = "clerk"
        let line = #"{"type":"fund.spending","occurred_on":"2025-04-08","data":{"fund_id":"F-T","amount_fen":12,"counterparty":"甲公司","voucher":"FP-A1","purpose":"维修","purpose_category":"repair"}}"#
        try base.write(cli, "e.jsonl", line + "\n")
        out = try refusedUnchanged(cli, ["append", "--file", "e.jsonl", "--actor", "李娜"])
        #expect(out.contains(#"--actor "李娜" is a name the ledger keeps only as a private person's"#), "\(out)")
        try base.write(cli, "e.jsonl", line.replacingOccurrences(of: #""type""#, with: #""actor":"李娜","type""#) + "\n")
        out = try refusedUnchanged(cli, ["append", "--file", "e.jsonl"])
        #expect(out.contains(#"e.jsonl:1: field "actor": "李娜" is a name the ledger keeps only as a private person's"#), "\(out)")
        #expect(cli.run(["import", "spending", "s.csv", "--actor", "clerk-li"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: #5 an interrupted erasure

    /// While an erasure waits to be completed (its marker in private/), every import — dry run too — is refused,
    /// saying to finish it with `ledger erase-personal --resume`; nothing is written.
    @Test func anImportWhileAnErasureWaitsIsRefused() throws {
        let cli = try doors.ledger()
        try PosixFile.writeAtomically(Array("x\n".utf8), to: cli.ledgerPath + "/private/erasure.pending")
        try base.write(cli, "s.csv", Self.spendingHeader + "2025-04-07,F-T,66.00,李娜,FP-9,维修,维修\n")
        for arguments in [["import", "spending", "s.csv"], ["import", "spending", "s.csv", "--dry-run"], ["import", "spending", "s.csv", "--private", "counterparty"]] {
            let out = try refusedUnchanged(cli, arguments)
            #expect(out.contains("an erasure of personal data was interrupted") && out.contains("`ledger erase-personal --resume`"), "\(out)")
        }
        #expect(try refusedUnchanged(cli, ["import", "spending", "s.csv", "--lang", "zh"]).contains("请先运行“ledger erase-personal --resume”完成它"))
        try base.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-N1,C-T,车位,车位N1,东,12,2025-03-01\n")
        #expect(try refusedUnchanged(cli, ["import", "assets", "a.csv"]).contains("`ledger erase-personal --resume`"))
    }

    // MARK: #6 the erasure's reason

    /// The reason and the reference are read as names are: 李 娜, 張偉 and the name before a note name the person;
    /// another name (ＬＩ娜 is not 李娜) passes.
    @Test(arguments: [("李娜", "李 娜本人申请", true), ("张伟", "張偉来函", true), ("张伟", "张伟申请", true), ("李娜", "ＬＩ娜", false)])
    func aReasonNamingThePersonOtherwiseIsRefused(subject: String, reason: String, names: Bool) throws {
        let cli = try doors.ledger()
        for option in ["--reason", "--request-ref"] {
            var arguments = ["erase-personal", "--subject", subject, "--reason", "本人申请", "--dry-run"]
            if option == "--reason" { arguments[4] = reason } else { arguments += ["--request-ref", reason] }
            if names {
                let out = try refusedUnchanged(cli, arguments)
                #expect(out.contains("\(option) names the person being erased"), "\(out)")
            } else {
                #expect(cli.run(arguments) == 0, "\(cli.stdout)\(cli.stderr)")
            }
        }
    }

    // MARK: #7 after an erasure

    /// A contract file imported with `--private counterparty`, its tenant erased, imported again without it: the
    /// advice says the person was erased and to leave the row out, never to import with `--private` as before.
    @Test func noAdviceToRecordAnErasedPersonAgain() throws {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        #expect(cli.run(["import", "contracts", "k.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["erase-personal", "--subject", "张伟", "--reason", "本人申请"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "k2.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        let out = try base.refused(cli, ["import", "contracts", "k2.csv"])
        #expect(out.contains("private/ no longer holds that person's name") && out.contains("leave this row out of the file"), "\(out)")
        #expect(!out.contains("import the file again with --private counterparty, as before"), "\(out)")
    }

    // MARK: #8 a rule's counterparty

    /// A rule that sets a kept name as a line's counterparty: refused at the column the rule matched, naming the rule.
    @Test func aRulesCounterpartyIsToldByItsRuleAndColumn() throws {
        let cli = try doors.ledger()
        try base.write(cli, "r.json", #"{"rules":[{"if":{"memo":"停车"},"category":"parking"},{"if":{"counterparty":"LI NA"},"counterparty":"李娜","category":"other"}]}"#)
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-07,QD9,缴费,LI NA,,66.00,66.00\n")
        let out = try base.refused(cli, ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"])
        #expect(out.contains(#"row 2, column D "对方户名": "李娜" (the counterparty set by rules[1] of r.json, which matched this line) is a name the ledger keeps"#), "\(out)")
    }
}
