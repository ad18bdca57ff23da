import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 36a of `ledger import statement`, each on a copy of `ledger demo`: a statement of another fund's account
/// recorded in --fund's; a line after a refused one left out of the running-balance check (a payment out recorded as
/// income under --allow-partial); a file with no way to tell money out (every line read as income); a transaction id
/// whose leading zeros Excel dropped recorded as a second line.
@Suite struct StatementReview36Tests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/testdata/statements/"

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        cli.clock = Timestamp(rfc3339: "2026-12-01T00:00:00Z")!
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func records(_ cli: CLIHarness, _ type: String) -> String {
        _ = cli.run(["log", "--json", "--type", type])
        return cli.stdout
    }

    // MARK: 1. A statement of another fund's account

    /// 绿洲花园's statement (its title row states F-LZ-PI's registered account 6230-0001-0901) imported with
    /// --fund F-QF-PI: refused, naming both accounts and F-LZ-PI as the likely --fund, in both languages, from the
    /// stored state and from the whole log; nothing written.
    @Test(arguments: ["on", "off"]) func statementOfAnotherFundsAccountIsRefused(scopes: String) throws {
        let cli = demo()
        cli.environment["LEDGER_SCOPES"] = scopes
        let file = Self.root + "lvzhou-rcb-2025-07-gb18030.csv", rules = cli.temp.path + "/rules.json"
        // The reviewer's rules: every line classified, so that nothing but the account stops the import.
        try write(cli, "rules.json", """
            {"rules": [{"if": {"counterparty": "安泊停车"}, "category": "parking"}, {"if": {"memo": "车位"}, "category": "parking"},
             {"if": {"memo": "保洁"}, "purpose_category": "cleaning"}, {"if": {"memo": "结息"}, "category": "interest", "counterparty": "青岛农商银行"}]}
            """)
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", file, "--fund", "F-QF-PI", "--rules", rules]) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("row 2 above it, column A \"账号：6230-0001-0901\", states the account 6230-0001-0901"), "\(cli.stderr)")
        #expect(cli.stderr.contains("--fund F-QF-PI is registered with the account \"农商银行 6210-3302-0002 青枫苑公共收益账户\""), "\(cli.stderr)")
        #expect(cli.stderr.contains("The account 6230-0001-0901 is registered by F-LZ-PI: import the file with --fund F-LZ-PI."), "\(cli.stderr)")
        #expect(cli.run(["import", "statement", file, "--fund", "F-QF-PI", "--rules", rules, "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("其上方第 2 行 A 列“账号：6230-0001-0901”写明账号 6230-0001-0901，但 --fund F-QF-PI 登记的账户是“农商银行 6210-3302-0002 青枫苑公共收益账户”"), "\(cli.stderr)")
        #expect(cli.stderr.contains("账号 6230-0001-0901 是 F-LZ-PI 登记的账户：请改用 --fund F-LZ-PI 导入该文件。"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // The right fund takes it, as before.
        #expect(cli.run(["import", "statement", file, "--fund", "F-LZ-PI", "--rules", rules]) == 0, "\(cli.stderr)")
    }

    /// An account no fund registers is said so; a file stating none imports as before, and so does one into a fund
    /// whose registered account holds no account number (F-QF-MF: 专项维修资金 青枫苑分账 QD-WX-1002) unless another
    /// fund holds the number it states; the number is compared
    /// by its digits alone; a number after 对方账号 or masked by the bank is not read.
    @Test func accountComparedByDigitsOnlyWhenBothStateOne() throws {
        let cli = demo()
        let rows = """
            交易日期,流水号,交易金额,余额,对方户名,摘要
            2026-01-05,T001,200.00,"66,200.00",张三,停车费

            """
        let rules = #"{"rules": [{"if": {"direction": "in"}, "category": "parking"}]}"#
        try write(cli, "rules.json", rules)
        try write(cli, "unknown.csv", "账号：6230 9999 0001\n" + rows)
        #expect(cli.run(["import", "statement", "unknown.csv", "--fund", "F-QF-PI", "--rules", "rules.json", "--dry-run"]) == 2)
        #expect(cli.stderr.contains("No fund of the ledger is registered with the account 6230 9999 0001"), "\(cli.stderr)")
        // Same digits, other spacing: 青枫苑's own account.
        try write(cli, "own.csv", "卡号: 6210 3302 0002 户名：青枫苑\n" + rows)
        #expect(cli.run(["import", "statement", "own.csv", "--fund", "F-QF-PI", "--rules", "rules.json", "--dry-run"]) == 0, "\(cli.stderr)")
        try write(cli, "masked.csv", "账号：6230****0901,对方账号：6230-0001-0901\n" + rows)
        #expect(cli.run(["import", "statement", "masked.csv", "--fund", "F-QF-PI", "--rules", "rules.json", "--dry-run"]) == 0, "\(cli.stderr)")
        // A fund whose account holds no number (F-QF-MF) and a statement of another fund's account: that fund's
        // statement (review 41a M1; before, imported into F-QF-MF as well).
        try write(cli, "lvzhou.csv", "账号：6230-0001-0901\n" + rows)
        #expect(cli.run(["import", "statement", "lvzhou.csv", "--fund", "F-QF-MF", "--rules", "rules.json", "--dry-run"]) == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("If this is F-LZ-PI's statement, import it with --fund F-LZ-PI;"), "\(cli.stderr)")
    }

    // MARK: 2. The running balance after a refused line

    /// Reviewer's bc2.csv: row 2 refused (no 流水号); row 3's 350.00 is money out (the balance fell by 350) but
    /// unsigned. Row 2's balance still checks row 3, which is refused, not recorded as income.
    @Test func lineAfterARefusedLineIsStillCheckedAgainstItsBalance() throws {
        let cli = demo()
        try write(cli, "rules.json", #"{"rules": [{"if": {"direction": "in"}, "category": "parking"}, {"if": {"direction": "out"}, "purpose_category": "cleaning"}]}"#)
        try write(cli, "bc2.csv", """
            交易日期,流水号,交易金额,余额,对方户名,摘要
            2026-01-05,,"1,200.00","15,223.45",张三,停车费
            2026-01-06,T002,350.00,"14,873.45",李四,保洁费

            """)
        let income = records(cli, "fund.income")
        #expect(cli.run(["import", "statement", "bc2.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--allow-partial"]) != 0)
        #expect(cli.stdout.contains("row 3, column D \"余额\": \"14,873.45\""), "\(cli.stdout)")
        #expect(records(cli, "fund.income") == income)
        // A merged header (发生额 over 借方|贷方): refused, naming both rows (a statement's sub-heading read without its
        // merged heading could mean another column: review 46e #4).
        try write(cli, "mh.csv", """
            交易日期,流水号,发生额,,余额,对方户名,摘要
            ,,借方,贷方,,,
            2026-01-05,T001,,"1,200.00","15,223.45",张三,停车费
            2026-01-06,T002,350.00,,"14,873.45",李四,保洁费

            """)
        #expect(cli.run(["import", "statement", "mh.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--allow-partial"]) != 0)
        #expect((cli.stdout + cli.stderr).contains("names columns under headings merged across columns"), "\(cli.stdout)\(cli.stderr)")
        #expect(records(cli, "fund.income") == income)
    }

    // MARK: 3. No way to tell money out

    /// Reviewer's nb.csv: unsigned amounts, no direction, credit and debit or balance column. With a catch-all rule
    /// both payments to 保洁 were recorded as income; without one only "no rule classifies this income" was said.
    /// Refused either way, saying what to add, in both languages.
    @Test(arguments: [true, false]) func unsignedAmountsWithNothingToTellDirectionAreRefused(catchAll: Bool) throws {
        let cli = demo()
        try write(cli, "rules.json", catchAll ? #"{"rules": [{"if": {"direction": "in"}, "category": "parking"}, {"if": {"direction": "out"}, "purpose_category": "cleaning"}]}"#
                                              : #"{"rules": [{"if": {"counterparty": "张三"}, "category": "parking"}]}"#)
        try write(cli, "nb.csv", """
            交易日期,流水号,交易金额,对方户名,摘要
            2026-01-05,T001,"1,200.00",张三,停车费
            2026-01-06,T002,350.00,青岛洁美保洁有限公司,支付保洁费
            2026-01-07,T003,"2,000.00",青岛洁美保洁有限公司,支付保洁费

            """)
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "nb.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--allow-partial"]) == 2)
        #expect(cli.stderr.contains("column C \"交易金额\" writes every amount without a sign, and the file has no direction column"), "\(cli.stderr)")
        #expect(cli.stderr.contains("Add the bank's direction column (借贷标志 or 收支"), "\(cli.stderr)")
        #expect(cli.run(["import", "statement", "nb.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("C 列“交易金额”的金额都不带正负号，而文件中没有收支方向列（借贷标志、收支）、没有借方和贷方两列，也没有余额列"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // One amount written with a sign says the file signs its amounts: read as before.
        try write(cli, "signed.csv", """
            交易日期,流水号,交易金额,对方户名,摘要
            2026-01-05,T001,"1,200.00",张三,停车费
            2026-01-06,T002,-350.00,青岛洁美保洁有限公司,支付保洁费

            """)
        #expect(cli.run(["import", "statement", "signed.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--dry-run"]) == 0, "\(cli.stderr)")
        #expect(!cli.stderr.contains("without a sign"))
    }

    // MARK: 4. A transaction id whose leading zeros Excel dropped

    /// Reviewer's s1.csv then s2.csv: the same line with 流水号 0000123456, then 123456 (Excel dropped the zeros).
    /// Refused, naming the recorded line and both ids, in both languages; income unchanged.
    @Test func transactionIDWithoutItsLeadingZerosIsTheRecordedLine() throws {
        let cli = demo()
        try write(cli, "rules.json", #"{"rules": [{"if": {"direction": "in"}, "category": "parking"}]}"#)
        let header = "交易日期,流水号,交易金额,余额,对方户名,摘要\n"
        try write(cli, "s1.csv", header + "2026-01-05,0000123456,1200.00,19023.45,张三,停车费\n")
        try write(cli, "s2.csv", header + "2026-01-05,123456,1200.00,19023.45,张三,停车费\n")
        #expect(cli.run(["import", "statement", "s1.csv", "--fund", "F-HY-PI", "--rules", "rules.json"]) == 0, "\(cli.stderr)")
        let income = records(cli, "fund.income")
        #expect(cli.run(["import", "statement", "s2.csv", "--fund", "F-HY-PI", "--rules", "rules.json"]) == 2)
        #expect(cli.stdout.contains("\"123456\" is the transaction id 0000123456 of a line already recorded (record #"), "\(cli.stdout)")
        #expect(cli.stdout.contains("money in of ¥1,200.00 to F-HY-PI on 2026-01-05) once its leading zeros are removed"), "\(cli.stdout)")
        #expect(cli.stdout.contains("format the column as Text before opening the file"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "s2.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("去掉前导零后与已记录的一行的流水号 0000123456 相同（记录 #"), "\(cli.stdout)")
        #expect(records(cli, "fund.income") == income)
        // Another amount under the same digits: the recorded voucher without its zeros and other values, refused as a
        // changed voucher is (FactImporter's rule for every fact file, ExcelDamagedIDsTests).
        try write(cli, "s3.csv", header + "2026-01-05,123456,1300.00,19123.45,张三,停车费\n")
        #expect(cli.run(["import", "statement", "s3.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--dry-run"]) == 2, "\(cli.stdout)")
        #expect(cli.stdout.contains("is voucher 0000123456 of this fund (record #") && cli.stdout.contains("without its leading zeros"), "\(cli.stdout)")
        // Another id is another line.
        try write(cli, "s4.csv", header + "2026-01-05,123457,1300.00,19123.45,张三,停车费\n")
        #expect(cli.run(["import", "statement", "s4.csv", "--fund", "F-HY-PI", "--rules", "rules.json", "--dry-run"]) == 0, "\(cli.stdout)")
    }
}
