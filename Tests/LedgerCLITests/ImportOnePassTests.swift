import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Issue 15 (what the audit left): every problem of every row of a fact import in one run — a refused cell no
/// longer hides the row's references — with the dry run reporting what the real run refuses; a stray cell of a
/// rejected row keeps the error column under its heading; a bank statement with a BOM or a `+` amount.
@Suite struct ImportOnePassTests {
    static let header = "日期,账户编号,金额,收款方,凭证号,用途,支出类别,决定编号,资产编号,紧急情形,紧急依据\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let kind: String
        let csv: String
        /// Each problem line of the English report (after `FILE: `): `row N, column X …` prefixes, in order.
        let en: [String]
        /// A fragment of each line under --lang zh, in the same order.
        let zh: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "an empty 紧急依据 and two unregistered references", kind: "spending",
             csv: header + "2025-06-18,F-HY-MF,62000,某公司,FP-X1,屋顶维修,维修,D-NONE,A-NONE,leak,\n",
             en: [#"row 2, column K "紧急依据": "" missing; give a non-empty string"#,
                  #"row 2, column I "资产编号": asset "A-NONE" is not registered; record asset.registered for it first. If the cell is wrong, correct it."#,
                  #"row 2, column H "决定编号": decision "D-NONE" is not registered; record decision.recorded for it first. The decision may be dated after this row (the owners then ratify the act); if the cell is wrong, correct it."#],
             zh: [#"第 2 行，K 列“紧急依据”"#, #"第 2 行，I 列“资产编号”：共有部分“A-NONE”尚未登记"#, #"第 2 行，H 列“决定编号”：业主决定“D-NONE”尚未登记"#]),
        Case(name: "a bad date and an unregistered fund", kind: "spending",
             csv: header + "2025-06-31,F-NONE,100,某公司,FP-X2,办公用品,业委会经费,,,,\n",
             en: [#"row 2, column A "日期": "2025-06-31""#,
                  #"row 2, column B "账户编号": fund "F-NONE" is not registered"#],
             zh: [#"第 2 行，A 列“日期”"#, #"第 2 行，B 列“账户编号”：资金账户“F-NONE”尚未登记"#]),
        Case(name: "two rows, each with two problems", kind: "spending",
             csv: header + "2025-06-18,F-NONE,abc,某公司,FP-X3,维修,维修,,,,\n"
                + "2025-06-19,F-HY-MF,100,某公司,FP-X4,屋顶维修,维修,D-NONE,A-HY-ROOF,leak,\n",
             en: [#"row 2, column C "金额": "abc""#, #"row 2, column B "账户编号": fund "F-NONE" is not registered"#,
                  #"row 3, column K "紧急依据""#, #"row 3, column H "决定编号": decision "D-NONE" is not registered"#],
             zh: [#"第 2 行，C 列"#, #"第 2 行，B 列"#, #"第 3 行，K 列"#, #"第 3 行，H 列"#]),
    ]

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ bytes: [UInt8]) throws {
        try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/" + name)
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    /// The report's problem lines, without the file name.
    func problems(_ text: String, file: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let body = line.drop { $0 == " " }
            if body.hasPrefix(file + ": ") { return String(body.dropFirst(file.count + 2)) }
            if body.hasPrefix(file + " ") { return String(body.dropFirst(file.count + 1)) }
            return nil
        }
    }

    @Test(arguments: cases) func everyProblemOfEveryRowInOneRunAndTheDryRunAgrees(_ c: Case) throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "rows.csv", Array(c.csv.utf8))
        #expect(cli.run(["import", c.kind, "rows.csv", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let dry = problems(cli.stdout, file: "rows.csv")
        #expect(cli.run(["import", c.kind, "rows.csv"]) == 2)
        let real = problems(cli.stdout, file: "rows.csv")
        #expect(dry == real, "\(dry)\n\(real)")
        #expect(real.count == c.en.count, "\(cli.stdout)")
        for (got, want) in zip(real, c.en) { #expect(got.hasPrefix(want), "\(got)\nwanted \(want)") }
        #expect(cli.run(["import", c.kind, "rows.csv", "--lang", "zh"]) == 2)
        let zh = problems(cli.stdout, file: "rows.csv")
        #expect(zh.count == c.zh.count, "\(cli.stdout)")
        for (got, want) in zip(zh, c.zh) { #expect(got.contains(want), "\(got)\nwanted \(want)") }
        #expect(try logBytes(cli) == before)
    }

    /// The ledger's reason says what to record first; the advice after it no longer says it again.
    @Test func theAdviceIsNotDoubled() throws {
        let cli = demo()
        try write(cli, "late.csv", Array((Self.header + "2020-01-05,F-HY-MF,100,某公司,FP-X5,维修,维修,,,,\n").utf8))
        #expect(cli.run(["import", "spending", "late.csv"]) == 2)
        let en = problems(cli.stdout, file: "late.csv")
        #expect(en.count == 1 && en[0].contains("exists only from") && en[0].hasSuffix("; record it before it is referenced. Check the date: it cannot be before 2024-01-05. If the row names the wrong one, correct column B \"账户编号\"."), "\(cli.stdout)")
        // The date is the cell named (issue 15: it was column B, the fund, though the date is what a clerk fixes).
        #expect(en[0].contains("row 2, column A \"日期\": fund \"F-HY-MF\" exists only from 2024-01-05"), "\(cli.stdout)")
        #expect(cli.run(["import", "spending", "late.csv", "--lang", "zh"]) == 2)
        let zh = problems(cli.stdout, file: "late.csv")
        #expect(zh.count == 1 && zh[0].hasSuffix("请先登记它，再引用。请核对日期：不能早于 2024-01-05。如果这一行写错了对象，请改正 B 列“账户编号”。"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("请先记录它所指的对象"))
    }

    /// The advice after "not registered" says a row of the same file may record what is missing only where the
    /// file's rows create such things (an income file never opens a fund), and then as the fold order has it: a
    /// row dated before, or on the same date above (ledger-spec.md 10.4 rules 2 and 5; it said "dated no later",
    /// and said it of every file). A decision an act cites may be dated after it (a ratification).
    @Test func aRowOfTheFileIsOfferedOnlyWhereTheFileCanRecordIt() throws {
        let cli = demo()
        try write(cli, "inc.csv", Array("日期,账户编号,金额,付款方,凭证号,收入类别\n2025-07-03,F-NONE,300,某公司,V-N1,广告\n".utf8))
        #expect(cli.run(["import", "income", "inc.csv"]) == 2)
        let en = problems(cli.stdout, file: "inc.csv")
        #expect(en == [#"row 2, column B "账户编号": fund "F-NONE" is not registered; record fund.opened for it first. If the cell is wrong, correct it."#],
                "\(cli.stdout)")
        #expect(cli.run(["import", "income", "inc.csv", "--lang", "zh"]) == 2)
        #expect(problems(cli.stdout, file: "inc.csv") == ["第 2 行，B 列“账户编号”：资金账户“F-NONE”尚未登记；须先记录其资金开立（fund.opened）事件。如果该单元格有误，请改正。"],
                "\(cli.stdout)")
        try write(cli, "out.csv", Array((Self.header + "2025-06-18,F-HY-MF,100,某公司,FP-N2,维修,维修,D-NONE,,,\n").utf8))
        #expect(cli.run(["import", "spending", "out.csv", "--lang", "zh"]) == 2)
        #expect(problems(cli.stdout, file: "out.csv") == ["第 2 行，H 列“决定编号”：业主决定“D-NONE”尚未登记；须先记录其业主共同决定（decision.recorded）事件。该决定的日期可以晚于这一行（即业主事后追认）；如果该单元格有误，请改正。"],
                "\(cli.stdout)")
        #expect(!cli.stdout.contains("日期不晚于") && !cli.stdout.contains("本文件中"))
    }

    /// A cell past the last heading stays in its column in the rejects file, and the error column is under its
    /// own heading (it was written one column further, under none); left there, it is refused again.
    @Test func aStrayCellKeepsTheErrorColumnUnderItsHeading() throws {
        let cli = demo()
        try write(cli, "inc.csv", Array("""
            \u{FEFF}日期,账户编号,金额,付款方,凭证号,收入类别
            2025-07-01,F-HY-PI,100,某公司,V-S1,广告
            2025-07-02,F-HY-PI,200,某公司,V-S2,广告,stray
            2025-07-03,F-NONE,300,某公司,V-S3,广告

            """.utf8))
        #expect(cli.run(["import", "income", "inc.csv", "--allow-partial"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let text = String(decoding: try PosixFile(path: cli.temp.path + "/inc.rejects.csv", mode: .read).readAll(), as: UTF8.self)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 3, "\(text)")
        guard rows.count == 3 else { return }
        #expect(rows[0].count == 8 && rows[0][6] == "" && rows[0][7] == "导入错误", "\(text)")
        #expect(rows[1][6] == "stray" && rows[1][7].hasPrefix("第 3 行：G 列"), "\(text)")
        #expect(rows[2][6] == "" && rows[2][7].hasPrefix("第 4 行：B 列"), "\(text)")
        // Imported again with the errors cleared but the stray cell left: it is under the blank heading now, and
        // still refused (never dropped unseen); the error column is found and empty.
        let cleared = String(decoding: try PosixFile(path: cli.temp.path + "/inc.rejects.csv", mode: .read).readAll(), as: UTF8.self)
            .split(separator: "\n").enumerated().map { index, line in
                index == 0 ? String(line) : line.split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",") + ","
            }.joined(separator: "\n") + "\n"
        try write(cli, "fixed.csv", Array(cleared.replacingOccurrences(of: "F-NONE", with: "F-HY-PI").utf8))
        #expect(cli.run(["import", "income", "fixed.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("G (no heading) → unnamed"), "\(cli.stdout)")
        #expect(cli.stdout.contains("fixed.csv: row 2, column G: \"stray\" is in a column without a heading. Give the column a heading in row 1 or delete the cell."),
                "\(cli.stdout)")
        // With the stray cell deleted too, both rows go in.
        try write(cli, "fixed.csv", Array(cleared.replacingOccurrences(of: "F-NONE", with: "F-HY-PI").replacingOccurrences(of: ",stray,", with: ",,").utf8))
        #expect(cli.run(["import", "income", "fixed.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 new"), "\(cli.stdout)")
    }

    /// A statement saved by Excel as "CSV UTF-8" starts with a BOM: it is read as UTF-8 and its first heading is
    /// found; a credit printed as `+500.00` is the sign it is.
    @Test func aStatementWithABOMAndPlusSignedCredits() throws {
        let cli = demo()
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/testdata/statements/haiyun-rules.json"
        try write(cli, "bom.csv", [0xEF, 0xBB, 0xBF] + Array("""
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,"+500.00","18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 10:00:00,CCB0803000004,＋12.00,"18,490.57",青岛丰巢科技有限公司,快递柜场地费补

            """.utf8))
        #expect(cli.run(["import", "statement", "bom.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("UTF-8 with BOM"), "\(cli.stdout)")
        #expect(cli.stdout.contains("A 交易时间 → "), "\(cli.stdout)")
        #expect(cli.stdout.contains("2 read, 2 new"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "bom.csv", "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--type", "fund.income"]) == 0)
        #expect(cli.stdout.contains(#""amount_fen":50000"#) && cli.stdout.contains(#""amount_fen":1200"#), "\(cli.stdout)")
        // Two signs are refused with the reason, in any amount cell.
        try write(cli, "two.csv", Array("""
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-04 10:00:00,CCB0804000005,+-5.00,"18,485.57",某公司,退款

            """.utf8))
        #expect(cli.run(["import", "statement", "two.csv", "--fund", "F-HY-PI", "--rules", rules]) == 2)
        #expect(cli.stdout.contains(#""+-5.00""#) && cli.stdout.contains("is not a number"), "\(cli.stdout)")
    }

    /// `--json` after a failure that follows the append (the rejects file's name taken meanwhile: the test hook
    /// LEDGER_TEST_REJECTS_TAKEN) says the records were appended, with their seqs; the other file is left as it was.
    @Test func jsonSaysAppendedWhenTheRejectsFileCouldNotBePutInPlace() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "inc.csv", Array("日期,账户编号,金额,付款方,凭证号,收入类别\n2025-07-01,F-HY-PI,100,某公司,V-T1,广告\n2025-07-03,F-NONE,300,某公司,V-T2,广告\n".utf8))
        cli.environment["LEDGER_TEST_REJECTS_TAKEN"] = "1"
        #expect(cli.run(["import", "income", "inc.csv", "--allow-partial", "--json"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any]
        #expect(object?["appended"] as? Bool == true, "\(cli.stdout)")
        let first = object?["first_seq"] as? Int, last = object?["last_seq"] as? Int
        #expect(first != nil && last == first.map { $0 + 1 }, "\(cli.stdout)")
        #expect(object?["outcome"] as? String == "failed")
        #expect(cli.stderr.contains("appeared meanwhile"), "\(cli.stderr)")
        #expect(try logBytes(cli).count > before.count)
        #expect(String(decoding: try PosixFile(path: cli.temp.path + "/inc.rejects.csv", mode: .read).readAll(), as: UTF8.self) == "taken\n")
        // Without the hook the same kind of import puts its rejects file in place.
        cli.environment["LEDGER_TEST_REJECTS_TAKEN"] = nil
        try write(cli, "inc2.csv", Array("日期,账户编号,金额,付款方,凭证号,收入类别\n2025-07-01,F-HY-PI,200,某公司,V-T3,广告\n2025-07-03,F-NONE,300,某公司,V-T4,广告\n".utf8))
        #expect(cli.run(["import", "income", "inc2.csv", "--allow-partial", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(PosixFile.kind(at: cli.temp.path + "/inc2.rejects.csv") == .regular)
    }
}
