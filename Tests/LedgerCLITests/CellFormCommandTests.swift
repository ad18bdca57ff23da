import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Reviews 36a and 36d end to end: a register row of area 0 for a part that has an area, a decisions row whose
/// owners and area disagree, a `单位` column after a count column, a statement's trailing minus and yuan words in a
/// fact file's amount cells.
@Suite struct CellFormCommandTests {
    private let base = ImportCommandTests()
    static let registerHeader = "编号,小区,类型,名称,位置,面积,登记日期\n"

    @Test func aZeroAreaIsRefusedForAPartThatHasOne() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        try base.write(cli, "z.csv", Self.registerHeader + "A-1,C-1,车位,车位1,东门,0,2024/3/1\nA-2,C-1,屋顶,3号楼屋顶,3号楼,0.00㎡,2024/3/5\n"
                       + "A-3,C-1,广告位,电梯广告,1号楼电梯,0,2024/3/5\nA-4,C-1,其他,门禁系统,南门,0,2024/3/5\n")
        #expect(cli.run(["import", "assets", "z.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"z.csv: row 2, column F "面积": "0" is 0, but a part of kind parking (车位) has an area; 0 is almost always an area left out or mistyped. Write the part's area in square metres as measured"#), "\(en)")
        #expect(en.contains(#"row 3, column F "面积": "0.00㎡" is 0, but a part of kind roof (屋顶) has an area"#), "\(en)")
        #expect(!en.contains("row 4,") && !en.contains("row 5,"), "\(en)")
        #expect(try base.logBytes(cli) == before)
        #expect(cli.run(["import", "assets", "z.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("第 2 行，F 列“面积”：“0”即面积为0，但车位有面积；面积为0多为漏填或录入错误。请按实测填写该部分的面积"),
                "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "ok.csv", Self.registerHeader + "A-1,C-1,车位,车位1,东门,12.5平方,2024/3/1\nA-2,C-1,屋顶,3号楼屋顶,3号楼,860 sqm,2024/3/5\n"
                       + "A-3,C-1,广告位,电梯广告,1号楼电梯,0,2024/3/5\nA-4,C-1,其他,门禁系统,南门,0,2024/3/5\n")
        #expect(cli.run(["import", "assets", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try base.logBytes(cli), as: UTF8.self)
        #expect(log.contains(#""area_m2":"12.50""#) && log.contains(#""area_m2":"860.00""#) && log.contains(#""area_m2":"0.00""#), "\(log)")
    }

    /// A part the ledger holds with area 0 already (registered before the rule) imports again unchanged.
    @Test func aZeroAreaTheLedgerHoldsImportsAgain() throws {
        let cli = base.ledger()
        let event = #"{"type":"asset.registered","occurred_on":"2024-03-01","data":{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位1","location":"东门","area_m2":"0.00","registered_on":"2024-03-01","source":{"kind":"manual"}}}"#
        #expect(cli.run(["append"], stdin: event + "\n") == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try base.logBytes(cli)
        try base.write(cli, "r.csv", Self.registerHeader + "A-1,C-1,车位,车位1,东门,0,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r.csv", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try base.logBytes(cli) == before, "an unchanged part appends nothing")
        try base.write(cli, "n.csv", Self.registerHeader + "A-1,C-1,车位,车位1,东门,0,2024/3/1\nA-2,C-1,车位,车位2,东门,0,2024/3/1\n")
        #expect(cli.run(["import", "assets", "n.csv", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"row 3, column F "面积": "0" is 0"#) && !(cli.stdout + cli.stderr).contains("row 2,"), "\(cli.stdout)\(cli.stderr)")
    }

    @Test func aForeignAreaUnitInACellIsRefusedNamingIt() throws {
        let cli = base.ledger()
        try base.write(cli, "m.csv", Self.registerHeader + "A-1,C-1,绿地,中心绿地,小区中心,3亩,2024/3/1\n")
        #expect(cli.run(["import", "assets", "m.csv", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"m.csv: row 2, column F "面积": "3亩" states the area in "亩", another unit than the square metres (m²) this column is read in"#),
                "\(cli.stdout)\(cli.stderr)")
    }

    static let decisionsHeader = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意人数,单位,同意面积\n"

    /// A `单位` after a count column is the next area's (a count takes no unit); owners and area agree or the row is
    /// refused naming both cells.
    @Test func decisionsUnitAfterACountAndOwnersAgainstArea() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        try base.write(cli, "d.csv", Self.decisionsHeader + "D-1,C-1,2024-06-20,改变用途或经营,36000,330,260,亩,28000\n")
        #expect(cli.run(["import", "decisions", "d.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains(#"d.csv: row 2, column H "单位": "亩" is another unit than square metres (m²), in which column I "同意面积" is read"#),
                "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "z.csv", Self.decisionsHeader + "D-1,C-1,2024-06-20,改变用途或经营,36000,330,0,㎡,28000\n"
                       + "D-2,C-1,2024-06-20,改变用途或经营,36000,330,260,,0\nD-3,C-1,2024-06-20,改变用途或经营,0,330,0,,0\n"
                       + "D-4,C-1,2024-06-20,改变用途或经营,36000,0,0,,0\n")
        #expect(cli.run(["import", "decisions", "z.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"z.csv: row 2, column G "同意人数": "0" is 0, which does not agree with column I "同意面积" (28000): owners vote with their units' area, so the owners and the area that voted are both 0 or both above 0. Copy both figures from the vote's tally"#), "\(en)")
        #expect(en.contains(#"row 3, column I "同意面积": "0" is 0, which does not agree with column G "同意人数" (260)"#), "\(en)")
        #expect(en.contains(#"row 4, column E "参与表决面积": "0" is 0, which does not agree with column F "参与表决人数" (330)"#), "\(en)")
        #expect(en.contains(#"row 5, column F "参与表决人数": "0" is 0, which does not agree with column E "参与表决面积" (36000)"#), "\(en)")
        #expect(try base.logBytes(cli) == before)
        #expect(cli.run(["import", "decisions", "z.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("G 列“同意人数”：“0”为0，与 I 列“同意面积”（28000）不一致：业主以其专有部分面积和人数共同表决，表决的人数与面积应均为0或均不为0。请按计票结果"),
                "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "ok.csv", Self.decisionsHeader + "D-1,C-1,2024-06-20,改变用途或经营,36000,330,260,㎡,28000\n"
                       + "D-2,C-1,2024-06-21,改变用途或经营,36000,330,0,,0\n")
        #expect(cli.run(["import", "decisions", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Yuan words in an income file's amount: read as yuan; another currency refused; a negative zero is a zero.
    @Test func yuanWordsAndNegativeZeroInAFactFile() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let header = "日期,账户编号,金额,付款方,凭证号,类别\n"
        let row = { (amount: String, voucher: String) in "2025-07-01,F-HY-PI,\(amount),青岛海港停车管理有限公司,\(voucher),停车费\n" }
        try base.write(cli, "i.csv", header + row("RMB1234.50", "V-1") + row("人民币1234.50元", "V-2") + row("1234.5圆", "V-3"))
        // Three equal payments under three vouchers: said to be three (review 38's twins).
        #expect(cli.run(["import", "income", "i.csv", "--dry-run", "--lang", "en", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "u.csv", header + row("USD 1234.50", "V-4") + row("1.2万元", "V-5"))
        #expect(cli.run(["import", "income", "u.csv", "--dry-run", "--lang", "en"]) == 2)
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"u.csv: row 2, column C "金额": "USD 1234.50" states the amount in "USD", another unit than the yuan (元)"#), "\(en)")
        #expect(en.contains(#"u.csv: row 3, column C "金额": "1.2万元" states the amount in "万元""#), "\(en)")
        // `-0.00` gets what `0` gets, not the refund advice.
        try base.write(cli, "z0.csv", header + row("0", "V-6"))
        try base.write(cli, "z1.csv", header + row("-0.00", "V-6"))
        #expect(cli.run(["import", "income", "z0.csv", "--dry-run", "--lang", "en"]) == 2)
        let zero = (cli.stdout + cli.stderr).replacingOccurrences(of: "z0.csv", with: "F").replacingOccurrences(of: #""0""#, with: "V")
        #expect(cli.run(["import", "income", "z1.csv", "--dry-run", "--lang", "en"]) == 2)
        let negativeZero = (cli.stdout + cli.stderr).replacingOccurrences(of: "z1.csv", with: "F").replacingOccurrences(of: #""-0.00""#, with: "V")
        #expect(!negativeZero.contains("refund"), "\(negativeZero)")
        #expect(zero.split(separator: "\n").filter { $0.contains("row 2") } == negativeZero.split(separator: "\n").filter { $0.contains("row 2") },
                "\(zero)\n---\n\(negativeZero)")
    }

    /// `500.00-` in a statement is money out, read as `-500.00` is.
    @Test func aStatementTrailingMinusIsMoneyOut() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let header = "交易日期,交易金额,对方户名,摘要,流水号\n"
        try base.write(cli, "lead.csv", header + "2025-10-01,-500.00,某五金店,灯泡,TX1\n")
        try base.write(cli, "trail.csv", header + "2025-10-01,500.00-,某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "lead.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let lead = cli.stdout
        #expect(cli.run(["import", "statement", "trail.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let trail = cli.stdout
        #expect(lead.contains(#""rows_new":1"#), "\(lead)")
        // The same report but for the file's name and digest.
        func masked(_ text: String) -> String {
            text.replacingOccurrences(of: #"(lead|trail)\.csv"#, with: "F", options: .regularExpression)
                .replacingOccurrences(of: #"[0-9a-f]{16,64}"#, with: "H", options: .regularExpression)
        }
        #expect(masked(lead) == masked(trail), "\(lead)\n---\n\(trail)")
        // Review 37c F2: beside a column that looks like a direction (标志), trailing minuses sign the amounts as
        // leading ones do: the file imports, the column unread.
        let flagged = "交易日期,交易金额,对方户名,摘要,流水号,标志\n"
        try base.write(cli, "lead-flag.csv", flagged + "2025-10-01,-300.00,某五金店,灯泡,TX2,借\n2025-10-02,-500.00,某五金店,灯泡,TX3,借\n")
        try base.write(cli, "trail-flag.csv", flagged + "2025-10-01,300.00-,某五金店,灯泡,TX2,借\n2025-10-02,500.00-,某五金店,灯泡,TX3,借\n")
        #expect(cli.run(["import", "statement", "lead-flag.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let leadFlag = cli.stdout
        #expect(cli.run(["import", "statement", "trail-flag.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(masked(leadFlag.replacingOccurrences(of: "lead-flag", with: "lead")) == masked(cli.stdout.replacingOccurrences(of: "trail-flag", with: "trail")))
        // Two opposite signs are no amount (review 37c F1): refused, not read as money out.
        try base.write(cli, "both.csv", header + "2025-10-01,+500-,某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "both.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
    }

    /// Review 39: a statement's credit, debit and balance cells were read by the bare decimal parser: `人民币100元`
    /// and `100元整`, which every other money cell of an import takes, were "not a number", and `USD 100` or
    /// `壹佰元整` got that too instead of the words the other doors give. One money-cell parser (`Cell.yuan`) now:
    /// the same forms read, the same forms refused with the same words as an income file's amount.
    @Test(arguments: ["人民币100元", "100元整", "￥100.00元", "RMB 100", "100元"])
    func aStatementReadsTheMoneyFormsOfTheOtherDoors(_ cell: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try base.write(cli, "s.csv", "交易日期,收入金额,支出金额,余额,对方户名,摘要,流水号\n2025-10-01,,\(cell),\(cell),某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#""rows_new":1"#), "\(cli.stdout)")
        // Read as 100.00 yuan (review 40h #8: the count alone would pass a cell read as 1.00): the spending and the
        // stated balance recorded are 10,000 fen.
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--actor", "clerk"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log", "--raw"]) == 0, "\(cli.stderr)")
        let lines = cli.stdout.split(separator: "\n").filter { $0.contains("\"TX1\"") || $0.contains("fund.balance_asserted") }
        #expect(lines.contains { $0.contains("fund.spending") && $0.contains("{\"amount_fen\":10000,") }, "\(lines)")
        #expect(lines.contains { $0.contains("fund.balance_asserted") && $0.contains("{\"balance_fen\":10000,\"fund_id\":\"F-HY-PI\"") }, "\(lines)")
    }

    /// Review 40h #3: a negative amount in a statement's credit or debit column (a reversal) is money the other way:
    /// the advice says which column it belongs in, never "write a positive number" (which would book it wrongly).
    @Test func aNegativeCreditOrDebitIsToldToGoInTheOtherColumn() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try base.write(cli, "s.csv", "交易日期,收入金额,支出金额,余额,对方户名,摘要,流水号\n2025-10-01,,-500.00,1000.00,某五金店,冲正,TX1\n"
                       + "2025-10-02,(300.00),,700.00,某五金店,冲正,TX2\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        // The pair is voided after the import (review 43a M3): moving the amount alone left the reversed line counting.
        #expect(out.contains("A negative amount in the debit (money out) column is money coming back (a reversal, 冲正/退回, of an earlier payment): write 500.00 in the credit (money in) column and import; then void both"), "\(out)")
        #expect(out.contains("A negative amount in the credit (money in) column is the bank taking money back (a reversal, 冲正/冲销, of an earlier receipt): write 300.00 in the debit (money out) column and import; then void both"), "\(out)")
        #expect(!out.contains("as a positive number"), "\(out)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("支出（借方）列为负数的，是款项退回（冲正、退回此前的一笔支出）：请把 500.00 填入收入（贷方）列后导入；再用两条不带 replacement 的更正"), "\(cli.stdout)\(cli.stderr)")
    }

    @Test(arguments: ["壹佰元整", "USD 100", "1.2万元", "100元整元", "12元/月"])
    func aStatementRefusesTheBadMoneyFormsWithTheOtherDoorsWords(_ cell: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        /// What follows the cell in the problem's line of `column`.
        func said(_ column: String) -> String? {
            guard let line = (cli.stdout + cli.stderr).split(separator: "\n").first(where: { $0.contains("column \(column)") }),
                  let found = line.range(of: "\"\(cell)\" ") else { return nil }
            return String(line[found.upperBound...])
        }
        try base.write(cli, "inc.csv", "日期,账户编号,金额,付款方,凭证号,收入类别\n2025-07-01,F-HY-PI,\(cell),某公司,V-R1,广告\n")
        #expect(cli.run(["import", "income", "inc.csv", "--dry-run", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let income = try #require(said(#"C "金额""#), "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "s.csv", "交易日期,收入金额,支出金额,余额,对方户名,摘要,流水号\n2025-10-01,,\(cell),1000.00,某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(said(#"C "支出金额""#) == income, "\(cli.stdout)\(cli.stderr)")
    }
}
