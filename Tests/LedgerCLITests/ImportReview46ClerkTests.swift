import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 46, the open items of review 45a (a property-company clerk), through `ledger import`: a statement's lines
/// matched to receipts by payer first, then by day and amount (D6); the books against the statement's closing
/// balance, lines recorded by their transaction id left out (D5); Excel's accounting zero (`¥ -`); a header of two
/// rows (WPS's 登记造册 template).
@Suite struct ImportReview46ClerkTests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()
    static let rules = ImportReview45ClerkTests.rules

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    // MARK: D6

    /// A bank line of another payer on a receipt's day and amount does not take the receipt a line of its payer
    /// stands for, whichever comes first in the file: the other payer's line is the new money.
    @Test(arguments: [true, false])
    func anotherPayersLineLeavesTheReceiptToItsPayersLine(anotherFirst: Bool) throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/4/5,F-T,500,青岛停车公司,SJ-9,停车费,\n")
        let other = "2025-04-05,QD001,停车费,乙公司,,500.00,", own = "2025-04-05,QD002,停车费,青岛停车公司,,500.00,"
        try base.write(cli, "s.csv", Base.statementHeader + (anotherFirst ? "\(other)500.00\n\(own)1000.00\n" : "\(own)500.00\n\(other)1000.00\n"))
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new, 1 already recorded"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("counted as the payment"), "\(cli.stdout)")
        let log = try logText(cli)
        #expect(log.contains(#""counterparty":"乙公司""#) && log.contains(#""voucher":"QD001""#), "\(log)")
        #expect(!log.contains(#""voucher":"QD002""#), "\(log)")
    }

    /// A receipt's short name (丰巢) beside the bank's full one: the line is the receipt (never new money), and
    /// nothing is said (one payer: the name is held in the other; review 46e #1 asked for no note there).
    @Test func aShortNameOnTheReceiptIsTakenSilently() throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/7/2,F-T,500,丰巢,SK-01,停车费,\n")
        try base.write(cli, "s.csv", Base.statementHeader + "2025-07-02,CCB0702000017,停车费,青岛丰巢科技有限公司,,500.00,500.00\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--lang", "zh"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!cli.stdout.contains("已作为该资金账户已记录的"), "\(cli.stdout)")
        // Nothing but the closing balance was recorded: the money is not counted twice.
        let log = try logText(cli)
        #expect(!log.contains(#""voucher":"CCB0702000017""#), "\(log)")
        #expect(try cli.logBytes().count > before.count)
    }

    /// Two receipts of a day and amount, neither of a line's payer by the payer-name rule: the line takes the one
    /// whose name its own holds (丰巢 in 青岛丰巢科技有限公司), whichever was recorded first; the other line the other.
    /// Whatever the order of the receipts and of the lines (review 46e #1: in file order 甲公司 took 丰巢's receipt and
    /// 青岛丰巢科技有限公司 乙公司's, both noted, and a clerk following both notes counted ¥1,000 twice).
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func aNameHeldInTheLinesIsTakenFirst(_ receiptsSwapped: Bool, _ linesSwapped: Bool) throws {
        let cli = try base.ledger()
        var receipts = ["2025/7/2,F-T,500,乙公司,SJ-2,停车费,\n", "2025/7/2,F-T,500,丰巢,SK-01,停车费,\n"]
        var lines = ["2025-07-02,CCB1,停车费,青岛丰巢科技有限公司,,500.00,500.00\n", "2025-07-02,CCB2,停车费,甲公司,,500.00,1000.00\n"]
        if receiptsSwapped { receipts.reverse() }
        if linesSwapped { lines.reverse() }
        try base.write(cli, "i.csv", Base.incomeHeader + receipts.joined())
        try base.write(cli, "s.csv", Base.statementHeader + lines.joined())
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "income", "i.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("0 new, 2 already recorded"), "\(cli.stdout)")
        // 丰巢 is held in 青岛丰巢科技有限公司: one payer, nothing said; 甲公司 took 乙公司's, said.
        #expect(!cli.stdout.contains(#"the other side "丰巢""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#"the other side "乙公司"), which no line naming that side matched, though this line names "甲公司""#), "\(cli.stdout)")
    }

    /// The ledger's own line, corrected to a receipt's voucher and short name, is that line when an overlapping
    /// statement comes again (review 45d e): not recorded a second time.
    @Test func theLedgersOwnCorrectedLineIsNotRecordedAgain() throws {
        let cli = try base.ledger()
        let line = "2025-07-02,CCB0702000017,停车费,青岛丰巢科技有限公司,,500.00,500.00\n"
        try base.write(cli, "s1.csv", Base.statementHeader + line)
        try base.write(cli, "s2.csv", Base.statementHeader + line + "2025-07-15,CCB0715000001,停车费,,,5.00,505.00\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "statement", "s1.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = try logText(cli)
        guard let recordLine = log.split(separator: "\n").first(where: { $0.contains(#""voucher":"CCB0702000017""#) }),
              let idRange = recordLine.range(of: #""id":"imp-[0-9a-f-]*r2""#, options: .regularExpression) else {
            Issue.record("no imported line: \(log)")
            return
        }
        let id = recordLine[idRange].dropFirst(6).dropLast()
        try base.write(cli, "c.jsonl", #"{"type":"correction","occurred_on":"2025-07-03","data":{"corrects":"\#(id)","reason":"收据SK-01","replacement":{"type":"fund.income","occurred_on":"2025-07-02","data":{"fund_id":"F-T","amount_fen":50000,"counterparty":"丰巢","voucher":"SK-01","category":"parking"}}}}"# + "\n")
        #expect(cli.run(["append", "--file", "c.jsonl"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s2.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new, 1 already recorded"), "\(cli.stdout)")
        let after = try logText(cli)
        #expect(after.components(separatedBy: #""voucher":"CCB0702000017""#).count == 2, "\(after)")
        #expect(after.contains(#""voucher":"CCB0715000001""#))
    }

    // MARK: D5

    /// The books against the statement's closing balance: a statement imported again (every line recorded by its
    /// transaction id) or an overlapping one adds nothing false; a receipt the bank never had is said at once.
    @Test func theBooksAgainstTheStatementLeaveOutLinesRecordedByTheirTransactionID() throws {
        let cli = try base.ledger()
        let lines = "2025-04-05,QD001,停车费,甲公司,,500.00,500.00\n2025-04-06,QD002,停车费,乙公司,,300.00,800.00\n"
        try base.write(cli, "s1.csv", Base.statementHeader + lines)
        try base.write(cli, "s2.csv", Base.statementHeader + lines + "2025-04-07,QD003,停车费,甲公司,,200.00,\"1,000.00\"\n")
        try base.write(cli, "h.csv", Base.incomeHeader + "2025/4/6,F-T,100,丙公司,SJ-5,停车费,\n")
        try base.write(cli, "r.json", Self.rules)
        let statement = { (file: String) in ["import", "statement", file, "--fund", "F-T", "--rules", "r.json"] }
        #expect(cli.run(statement("s1.csv")) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 new") && !cli.stdout.contains("after this import the books"), "\(cli.stdout)")
        #expect(cli.run(statement("s1.csv")) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("0 new, 2 already recorded") && !cli.stdout.contains("after this import the books"), "\(cli.stdout)")
        #expect(cli.run(statement("s2.csv") + ["--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new, 2 already recorded") && !cli.stdout.contains("after this import the books"), "\(cli.stdout)")
        #expect(cli.run(["import", "income", "h.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(statement("s2.csv")) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new, 2 already recorded"), "\(cli.stdout)")
        #expect(cli.stdout.contains("s2.csv: row 4: after this import the books of F-T hold ¥1,100.00 at the end of 2025-04-07, the statement's closing balance is ¥1,000.00: a difference of ¥100.00"), "\(cli.stdout)")
        #expect(cli.run(statement("s2.csv") + ["--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("本次导入后，F-T 账面在 2025-04-07 日终的余额为 1,100.00元，对账单的期末余额为 1,000.00元：相差 100.00元"), "\(cli.stdout)")
    }

    // MARK: Excel's accounting zero

    /// `￥-` and `¥ -` in a payment's amount: said to read as 0, then why 0 is refused (both languages).
    @Test func anAccountingZeroPaymentIsSaidToReadAsZero() throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/3/1,F-T,￥-,甲公司,SJ-001,停车费,\n2025/3/2,F-T,¥ - ,甲公司,SJ-002,停车费,\n")
        let out = try base.refused(cli, ["import", "income", "i.csv"])
        #expect(out.contains(#"i.csv: row 2, column C "金额": "￥-" reads as 0 (Excel's accounting format shows 0 as a dash): 0 is not an amount: nothing is recorded for ¥0.00"#), "\(out)")
        #expect(out.contains(#"i.csv: row 3, column C "金额": "¥ -" reads as 0"#), "\(out)")
        #expect(!out.contains("not a number"), "\(out)")
        #expect(cli.run(["import", "income", "i.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("C 列“金额”：“￥-”读作 0（Excel 会计专用格式把 0 显示为短横线）：0 不是有效金额"), "\(cli.stdout)")
    }

    /// Where 0 is allowed it is read: a statement's empty side and a notice line of 0.
    @Test(arguments: ["￥-", "¥ -", "¥－"])
    func anAccountingZeroIsReadWhereZeroIsAllowed(zero: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD001,停车费,甲公司,\(zero),500.00,500.00\n2025-04-06,QD002,通知,,\(zero),\(zero),500.00\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new, 0 already recorded, 1 skipped"), "\(cli.stdout)")
        #expect(try logText(cli).contains(#""amount_fen":50000"#))
    }

    // MARK: A header of two rows

    static let twoRowRegister = "编号,小区,类型,名称,位置,面积,登记信息,\n,,,,,,登记日期,保修期至\n"

    /// A register saved from WPS's 登记造册 template (a merged heading over two columns named in the row below): the
    /// second row is headings, not a part; in UTF-8 and in GBK.
    @Test(arguments: [false, true])
    func aTwoRowHeaderIsRead(gbk: Bool) throws {
        let cli = try base.ledger()
        let text = Self.twoRowRegister + "A-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,2024-01-06,2030-12-31\n"
        try PosixFile.writeAtomically(gbk ? TextEncoder.gb18030(text)! : Array(text.utf8), to: cli.temp.path + "/a.csv")
        #expect(cli.run(["import", "assets", "a.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("G 登记日期 → registered_on") && cli.stdout.contains("H 保修期至 → warranty_end"), "\(cli.stdout)")
        let log = try logText(cli)
        #expect(log.contains(#""warranty_end":"2030-12-31""#) && log.contains(#""asset_id":"A-T9""#), "\(log)")
    }

    /// A rejected row's file keeps the two rows' headings as one, so that it imports again once put right.
    @Test func theRejectsOfATwoRowHeaderHaveItsHeadings() throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", Self.twoRowRegister + "A-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,2024-01-06,2030-12-31\n"
                       + "A-T8,C-T,地下室,2号楼地下室,2号楼负一层,很大,2024-01-06,2030-12-31\n")
        #expect(cli.run(["import", "assets", "a.csv", "--allow-partial", "--rejects", "r.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let rejects = String(decoding: try PosixFile(path: cli.temp.path + "/r.csv", mode: .read).readAll(), as: UTF8.self)
        #expect(rejects.split(separator: "\n").first.map { $0.contains("面积,登记日期,保修期至") } == true, "\(rejects)")
    }

    /// A fact file (income, contracts) with a two-row header is refused, naming both rows: a sub-heading read without
    /// its merged heading can mean another column (review 46e #4: 日期 under 业主大会表决 read as a contract's date).
    @Test func aTwoRowHeaderOfAFactFileIsRefused() throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", "日期,账户编号,金额,付款方,凭证号,款项信息,\n,,,,,类别,合同编号\n2025/3/1,F-T,1800,甲公司,SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "i.csv"]) != 0, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("row 2 below it names columns under headings merged across columns"), "\(cli.stdout)\(cli.stderr)")
        #expect(try !logText(cli).contains(#""voucher":"SJ-001""#))
    }
}
