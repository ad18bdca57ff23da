import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger import statement`: the two sample statements reconcile the demo ledger's funds to the bank.
@Suite struct StatementImportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/testdata/statements/"

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    @Test func gb18030DebitCreditStatementReconciles() throws {
        let cli = demo()
        let file = Self.root + "lvzhou-rcb-2025-07-gb18030.csv", rules = Self.root + "lvzhou-rules.json"
        #expect(cli.run(["import", "statement", file, "--fund", "F-LZ-PI", "--rules", rules]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("GB18030"))
        #expect(cli.stdout.contains("header:  row 3"))
        // The two rents were recorded from their receipts: recognised, not counted twice.
        #expect(cli.stdout.contains("4 read, 2 new, 2 already recorded, 0 rejected"), "\(cli.stdout)")
        #expect(cli.stdout.contains("1 fund.balance_asserted, 1 fund.income, 1 fund.spending"))
        let after = try logBytes(cli)
        #expect(cli.run(["import", "statement", file, "--fund", "F-LZ-PI", "--rules", rules]) == 0)
        #expect(cli.stdout.contains("Nothing to import"))
        #expect(try logBytes(cli) == after)
        #expect(cli.run(["balances"]) == 0)
        let line = cli.stdout.split(separator: "\n").first { $0.contains("F-LZ-PI") }.map(String.init) ?? ""
        #expect(line.contains("2025-07-21") && line.contains("94,812.35") && line.hasSuffix("0.00"), "\(line)")
        #expect(cli.run(["log", "--json", "--type", "fund.income"]) == 0)
        #expect(cli.stdout.contains(#""category":"interest","counterparty":"青岛农商银行","fund_id":"F-LZ-PI","voucher":"NS20250721000789""#), "\(cli.stdout)")
        #expect(cli.run(["verify"]) == 0)
    }

    @Test func utf8SignedAmountStatementNewestFirst() throws {
        let cli = demo()
        let file = Self.root + "haiyun-ccb-2025-07-utf8.csv", rules = Self.root + "haiyun-rules.json"
        #expect(cli.run(["import", "statement", file, "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 read, 3 new"))
        #expect(cli.run(["balances"]) == 0)
        let line = cli.stdout.split(separator: "\n").first { $0.contains("F-HY-PI") }.map(String.init) ?? ""
        #expect(line.contains("2025-07-31") && line.contains("17,978.57") && line.hasSuffix("0.00"), "\(line)")
        // An overlapping statement (last line again plus a new one) adds only the new line.
        try write(cli, "aug.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-07-31 09:12:01,CCB0731000088,5.12,"17,978.57",,利息
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月

            """)
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)")
        #expect(cli.stdout.contains("2 read, 1 new, 1 already recorded"), "\(cli.stdout)")
        // A line recorded with another amount says so in yuan, as the statement writes it (issue 15).
        try write(cli, "changed.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,600.00,"18,578.57",青岛丰巢科技有限公司,快递柜场地费8月

            """)
        #expect(cli.run(["import", "statement", "changed.csv", "--fund", "F-HY-PI", "--rules", rules]) == 2)
        #expect(cli.stdout.contains("amount (yuan) 500.00 → 600.00"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "changed.csv", "--fund", "F-HY-PI", "--rules", rules, "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("金额（元） 500.00 → 600.00"), "\(cli.stdout)")
    }

    /// Defect (#15 leftover): a line of 0.00 (a bank's notice, say) was refused as "has no amount" and so blocked
    /// the whole statement. It moves no money: it is skipped with a note, and its balance still counts.
    @Test func aZeroLineIsSkippedWithANote() throws {
        let cli = demo()
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "aug.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 00:00:00,CCB0803000001,0.00,"18,478.57",,结息通知
            2025-08-04 09:00:00,CCB0804000002,-100.00,"18,378.57",海韵小区业委会,业委会办公用品

            """)
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 read, 2 new, 0 already recorded, 1 skipped, 0 rejected"), "\(cli.stdout)")
        #expect(cli.stdout.contains("  note: aug.csv: row 3: a line of 0.00 moves no money; it was skipped.\n"), "\(cli.stdout)")
        #expect(cli.stdout.contains("1 fund.balance_asserted, 1 fund.income, 1 fund.spending"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("读取 3，新增 0，已记录 2，跳过 1，退回 0"), "\(cli.stdout)")
        #expect(cli.stdout.contains("  说明：aug.csv 第 3 行：金额为 0.00 的一行没有收支，已跳过。\n"), "\(cli.stdout)")
    }

    /// Defect (review-zh): a bank's notice line of 0.00 often has no transaction id (结息通知, 账户变动提醒); it was
    /// refused for the missing id and so still blocked the statement, though a skipped line is never recorded and
    /// needs no id to be recognised again. Its balance still takes part in the running-balance check.
    @Test func aZeroLineWithoutATransactionIDIsSkippedToo() throws {
        let cli = demo()
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "aug.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 00:00:00,,0.00,"18,478.57",,结息通知
            2025-08-04 09:00:00,CCB0804000002,-100.00,"18,378.57",海韵小区业委会,业委会办公用品

            """)
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 read, 2 new, 0 already recorded, 1 skipped, 0 rejected"), "\(cli.stdout)")
        #expect(cli.stdout.contains("  note: aug.csv: row 3: a line of 0.00 moves no money; it was skipped.\n"), "\(cli.stdout)")
        // A 0.00 line whose balance does not follow is still a problem (a line may be missing before it).
        try write(cli, "bad.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 00:00:00,,0.00,"18,400.00",,结息通知

            """)
        #expect(cli.run(["import", "statement", "bad.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("row 3, column D \"账户余额\": \"18,400.00\" does not follow from the previous line's balance ¥18,478.57 and this line's ¥0.00 (expected ¥18,478.57)."), "\(cli.stdout)")
    }

    /// Defect (review-zh): a statement with a signed amount column and credit and debit columns (a bank that fills
    /// only the latter, writing 0.00 in the former) had each line's 0.00 amount read as "moves no money", so a
    /// payment of ¥500.00 in the credit column was skipped with a note instead of recorded. Before the 0.00 rule it
    /// was refused; now the credit and debit columns are read when the amount column says 0.00.
    @Test func aZeroAmountBesideAFilledCreditColumnIsNotSkipped() throws {
        let cli = demo()
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "aug.csv", """
            交易时间,流水号,交易金额,收入金额,支出金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,0.00,500.00,,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 00:00:00,CCB0803000001,0.00,0.00,0.00,"18,478.57",,结息通知
            2025-08-04 09:00:00,CCB0804000002,0.00,,100.00,"18,378.57",海韵小区业委会,业委会办公用品

            """)
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 read, 2 new, 0 already recorded, 1 skipped, 0 rejected"), "\(cli.stdout)")
        #expect(cli.stdout.contains("1 fund.balance_asserted, 1 fund.income, 1 fund.spending"), "\(cli.stdout)")
        #expect(cli.stdout.contains("note: aug.csv: row 3: a line of 0.00"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("row 2: a line of 0.00"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("row 4: a line of 0.00"), "\(cli.stdout)")
    }

    /// Defect (#15 leftover): a closing balance below zero (an overdrawn account) was dropped without a word, so
    /// the clerk could not know FUND-07 had nothing to compare. A balance assertion records zero or more (a signed
    /// one would change the record format: proposed, not made), so the report says it was not recorded and why.
    @Test func aNegativeClosingBalanceIsReportedNotAsserted() throws {
        let cli = demo()
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "aug.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-04 09:00:00,CCB0804000002,"-20,000.00","-2,021.43",海韵小区业委会,业委会办公用品

            """)
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 fund.spending"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("fund.balance_asserted"), "\(cli.stdout)")
        #expect(cli.stdout.contains("  note: aug.csv: row 2: the closing balance -¥2,021.43 is below zero (an overdrawn account); a balance assertion records zero or more, so it was not recorded"), "\(cli.stdout)")
        #expect(cli.run(["verify"]) == 0)
        try write(cli, "sep.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-09-04 09:00:00,CCB0904000002,"-20,000.00","-2,021.43",海韵小区业委会,业委会办公用品

            """)
        #expect(cli.run(["import", "statement", "sep.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("说明：sep.csv 第 2 行：期末余额 -2,021.43元 为负数（账户透支）"), "\(cli.stdout)")
    }

    /// Defect (review2): a line imported before (matched by its transaction id) was also counted among the
    /// payments "already recorded" by day and amount, so a second, genuinely new line of the same day and amount in
    /// an overlapping statement was matched against it and silently skipped.
    @Test func overlappingStatementKeepsANewLineOfTheSameDayAndAmountAsAnImportedOne() throws {
        let cli = demo()
        let file = Self.root + "haiyun-ccb-2025-07-utf8.csv", rules = Self.root + "haiyun-rules.json"
        #expect(cli.run(["import", "statement", file, "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)\(cli.stderr)")
        // The later export of the same day: the 09:12 interest again, and a second 5.12 credited at 15:00.
        try write(cli, "later.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-07-31 09:12:01,CCB0731000088,5.12,"17,978.57",,利息
            2025-07-31 15:00:00,CCB0731000099,5.12,"17,983.69",,利息

            """)
        #expect(cli.run(["import", "statement", "later.csv", "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)")
        #expect(cli.stdout.contains("2 read, 1 new, 1 already recorded"), "\(cli.stdout)")
        #expect(cli.run(["log", "--json", "--type", "fund.income"]) == 0)
        #expect(cli.stdout.contains("CCB0731000099"), "\(cli.stdout)")
        #expect(cli.run(["balances"]) == 0)
        let line = cli.stdout.split(separator: "\n").first { $0.contains("F-HY-PI") }.map(String.init) ?? ""
        #expect(line.contains("17,983.69") && line.hasSuffix("0.00"), "\(line)")
    }

    /// Defect (review2): the order of a statement was told only from its first and last dates, so a newest-first
    /// statement of a single day was checked oldest-first and its good running balance refused, and the closing
    /// balance asserted would have been the day's first balance, not its last.
    @Test func newestFirstStatementOfOneDayIsReadInTheBanksOrder() throws {
        let cli = demo()
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "day.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-07-02 15:00:00,CCB0702000099,-350.00,"17,973.45",海韵小区业委会,业委会办公用品
            2025-07-02 10:03:45,CCB0702000017,500.00,"18,323.45",青岛丰巢科技有限公司,快递柜场地费7月

            """)
        #expect(cli.run(["import", "statement", "day.csv", "--fund", "F-HY-PI", "--rules", rules]) == 0, "\(cli.stdout)")
        #expect(cli.stdout.contains("2 read, 2 new"), "\(cli.stdout)")
        #expect(cli.run(["log", "--json", "--type", "fund.balance_asserted"]) == 0)
        #expect(cli.stdout.contains(#""balance_fen":1797345"#), "\(cli.stdout)")
        #expect(!cli.stdout.contains(#""balance_fen":1832345"#), "\(cli.stdout)")
    }

    /// Defect (review2): a statement whose amounts are unsigned with the direction in a column of its own
    /// (借贷标志 借/贷, as several banks export) was read as all money in: a payment out became income, unseen
    /// when the statement has no balance column. The direction column was then refused unless mapped; since
    /// session 30 it is read (贷 money in, 借 money out), and a direction it does not understand refuses the line
    /// (more in StatementDirectionTests). Either way a payment out never becomes income.
    @Test func aDirectionColumnBesideAnUnsignedAmountIsRefused() throws {
        let cli = demo()
        let before = try logBytes(cli)
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "dc.csv", """
            交易日期,流水号,借贷标志,发生额,对方户名,摘要
            2025-07-02,CCB0702000017,贷,500.00,青岛丰巢科技有限公司,快递柜场地费7月
            2025-07-03,CCB0703000018,借,200.00,青岛丰巢科技有限公司,退场地费押金

            """)
        #expect(cli.run(["import", "statement", "dc.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("C 借贷标志 → direction"), "\(cli.stdout)")
        #expect(cli.stdout.contains("1 fund.income, 1 fund.spending"), "\(cli.stdout)")
        try write(cli, "dc2.csv", """
            交易日期,流水号,借贷标志,发生额,对方户名,摘要
            2025-07-02,CCB0702000017,贷,500.00,青岛丰巢科技有限公司,快递柜场地费7月
            2025-07-03,CCB0703000018,退,200.00,青岛丰巢科技有限公司,退场地费押金

            """)
        #expect(cli.run(["import", "statement", "dc2.csv", "--fund", "F-HY-PI", "--rules", rules]) == 2, "\(cli.stdout)")
        #expect(cli.stdout.contains("row 3, column C \"借贷标志\": \"退\" is not a direction"), "\(cli.stdout)\(cli.stderr)")
        #expect(try logBytes(cli) == before)
    }

    /// Two equal payments on one day in the statement, one of them recorded in the ledger from its receipt: one
    /// is recognised, the other imported.
    @Test func twoEqualLinesAgainstOneRecordedPaymentImportOne() throws {
        let cli = demo()
        let rules = Self.root + "lvzhou-rules.json"
        try write(cli, "two.csv", """
            交易日期,交易流水号,摘要,对方户名,借方金额,贷方金额,余额
            2025-07-01,NS20250701000124,固定车位租金,6号楼101室业主,,"2,400.00","74,400.00"
            2025-07-01,NS20250701000125,固定车位租金,6号楼101室业主,,"2,400.00","76,800.00"

            """)
        let before = try logBytes(cli)
        #expect(cli.run(["import", "statement", "two.csv", "--fund", "F-LZ-PI", "--rules", rules, "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 read, 1 new, 1 already recorded"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
    }

    /// Defect (found while wording issue 15): an unregistered --fund was blamed on the closing balance's row, under
    /// the amount column, and that row was counted rejected beside being skipped. It is the file's problem, said
    /// once, in zh and en; the rows keep their own problems only.
    @Test func anUnregisteredFundIsTheFilesProblem() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "s.csv", """
            交易日期,交易金额,余额,对方户名,摘要,流水号
            2025-08-01,100,100,某人,停车,T1
            2025-08-03,abc,100,某人,x,T3
            2025-08-04,0.00,100,某人,x,T4

            """)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-NOPE", "--dry-run"]) == 2)
        var out = cli.stdout
        #expect(out.contains("3 read, 0 new, 0 already recorded, 1 skipped, 2 rejected"), "\(out)")
        #expect(out.contains("s.csv: fund \"F-NOPE\" is not registered"), "\(out)")
        #expect(!out.contains("row 4, column B"), "\(out)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-NOPE", "--dry-run", "--lang", "zh"]) == 2)
        out = cli.stdout
        #expect(out.contains("s.csv：资金账户“F-NOPE”尚未登记"), "\(out)")
        #expect(try logBytes(cli) == before)
    }

    /// Review: with every line bad and no balance column nothing else names --fund; it is still told in that run.
    @Test func anUnregisteredFundIsToldWhenEveryLineIsBad() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "s2.csv", """
            交易日期,借方金额,贷方金额,对方户名,摘要,流水号
            2025-08-01,,abc,某人,停车,T1
            2025-08-03,xyz,,某人,x,T3

            """)
        #expect(cli.run(["import", "statement", "s2.csv", "--fund", "F-NOPE", "--dry-run"]) == 2)
        var out = cli.stdout
        #expect(out.contains("s2.csv: fund \"F-NOPE\" is not registered"), "\(out)")
        #expect(out.contains("abc") && out.contains("xyz"), "\(out)")
        #expect(cli.run(["import", "statement", "s2.csv", "--fund", "F-NOPE", "--dry-run", "--lang", "zh"]) == 2)
        out = cli.stdout
        #expect(out.contains("s2.csv：资金账户“F-NOPE”尚未登记"), "\(out)")
        // A registered fund: no problem of the file, only the lines' (the probe stands for no line).
        #expect(cli.run(["import", "statement", "s2.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2)
        #expect(!cli.stdout.contains("F-HY-PI\" is not") && !cli.stdout.contains("probe"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
    }

    @Test func badLinesAreAllReportedWithTheirRows() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "bad.csv", """
            交易日期,流水号,借方金额,贷方金额,余额,对方户名,摘要
            2025-07-02,T1,,500.00,"18,323.45",某公司,场地费
            2025-07-03,T2,,100.00,"18,500.00",某人,不明款项
            2025-07-04,,,5.555,"18,505.55",,利息

            """)
        #expect(cli.run(["import", "statement", "bad.csv", "--fund", "F-HY-PI", "--json"]) == 2)
        let out = cli.stdout
        #expect(out.contains("bad.csv: row 2, column G \\\"摘要\\\": \\\"场地费\\\" is money in that no rule classifies"), "\(out)")
        // The cell as the statement writes it, and money as reports write it (review 35c: `18500.00`, `18323.45`).
        #expect(out.contains("row 3, column E \\\"余额\\\": \\\"18,500.00\\\" does not follow from the previous line's balance ¥18,323.45 and this line's +¥100.00 (expected ¥18,423.45)"), "\(out)")
        #expect(out.contains("row 4, column D \\\"贷方金额\\\": \\\"5.555\\\" is not an amount in yuan"))
        #expect(out.contains("row 4, column B \\\"流水号\\\": is empty"))
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "statement", "bad.csv"]) == 2)
        #expect(cli.stderr.contains("--fund F"))
    }

    /// `--private counterparty` keeps the persons among a statement's counterparties private; this statement's are
    /// a role and a company by their words (海韵小区业委会, 青岛丰巢科技有限公司), which stay in clear (review 47c #3,
    /// session 48: they were committed as private persons before, and then refused in clear everywhere).
    @Test func privateCounterparties() throws {
        let cli = demo()
        let file = Self.root + "haiyun-ccb-2025-07-utf8.csv", rules = Self.root + "haiyun-rules.json"
        #expect(cli.run(["import", "statement", file, "--fund", "F-HY-PI", "--rules", rules, "--private", "counterparty"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log", "--json"]) == 0)
        #expect(!cli.stdout.contains(#""counterparty":{"commitment":""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""counterparty":"海韵小区业委会""#) && cli.stdout.contains(#""counterparty":"青岛丰巢科技有限公司""#), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", file, "--fund", "F-HY-PI", "--rules", rules, "--private", "counterparty"]) == 0)
        #expect(cli.stdout.contains("Nothing to import"))
        #expect(cli.run(["verify"]) == 0)
    }
}

extension StatementImportCommandTests {
    /// Defect (#15 leftover): a skipped 0.00 line was counted among the "good rows" --allow-partial would import.
    /// It is counted as skipped instead, in text and JSON.
    @Test func skippedLinesAreNotGoodRows() throws {
        let cli = demo()
        let rules = Self.root + "haiyun-rules.json"
        try write(cli, "aug.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 00:00:00,CCB0803000001,0.00,"18,478.57",,结息通知
            2025-08-04 09:00:00,CCB0804000002,abc,"18,378.57",海韵小区业委会,业委会办公用品

            """)
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 read, 1 new, 0 already recorded, 1 skipped, 1 rejected"), "\(cli.stdout)")
        #expect(cli.stdout.contains("pass --allow-partial to import the 1 good row and"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules, "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("读取 3，新增 1，已记录 0，跳过 1，退回 1"), "\(cli.stdout)")
        #expect(cli.stdout.contains("先导入其余 1 行正确的行"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules", rules, "--json"]) == 2)
        #expect(cli.stdout.contains(#""rows_skipped":1"#), "\(cli.stdout)")
    }
}

extension StatementImportCommandTests {
    /// Defect (issue 11 brief): an unreadable amount in a debit or credit column was reported twice — as not an
    /// amount in yuan at its column, and again as "has no amount" aimed at another column. Once, at its own column.
    @Test func anUnreadableAmountIsReportedOnceAtItsColumn() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "bad.csv", """
            交易日期,流水号,借方金额,贷方金额,余额,对方户名,摘要
            2025-07-02,T1,1O0.00,,"17,723.45",某公司,维修
            2025-07-03,T2,,abc,"17,823.45",某人,场地费

            """)
        #expect(cli.run(["import", "statement", "bad.csv", "--fund", "F-HY-PI", "--json"]) == 2)
        let out = cli.stdout
        #expect(out.contains("row 2, column C \\\"借方金额\\\": \\\"1O0.00\\\" is not an amount in yuan"), "\(out)")
        #expect(out.contains("row 3, column D \\\"贷方金额\\\": \\\"abc\\\" is not an amount in yuan"), "\(out)")
        #expect(out.components(separatedBy: "bad.csv: row 2").count == 2, "\(out)")
        #expect(out.components(separatedBy: "bad.csv: row 3").count == 2, "\(out)")
        #expect(!out.contains("has no amount") && !out.contains("no amount"), "\(out)")
        #expect(try logBytes(cli) == before)
    }
}

/// Session 14 defect: a problem of the statement's closing balance (the `fund.balance_asserted` the import derives
/// from its last line) dated before its fund was registered was said of the row only; it is said of the row's date
/// cell, with the date allowed, as a row's own date problem is, in both languages.
@Suite struct StatementAssertionDateTests {
    @Test func theClosingBalanceDatedBeforeItsFundNamesTheDateCell() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try PosixFile.writeAtomically(Array("交易日期,交易金额,余额,对方户名,摘要,交易流水号\n2019-07-01,100.00,100.00,丰巢,快递柜,T1\n".utf8),
                                      to: cli.temp.path + "/s.csv")
        let before = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI"]) == 2)
        #expect(cli.stdout.contains(#"s.csv: row 2, column A "交易日期": "2019-07-01" the closing balance asserted from it (fund.balance_asserted): "#), "\(cli.stdout)")
        #expect(cli.stdout.contains("exists only from 2024-01-05"), "\(cli.stdout)")
        #expect(cli.stdout.contains("Check the date: it cannot be before 2024-01-05."), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("s.csv 第 2 行，A 列“交易日期”：“2019-07-01”据此记录的期末余额（fund.balance_asserted）："), "\(cli.stdout)")
        #expect(cli.stdout.contains("请核对日期：不能早于 2024-01-05。"), "\(cli.stdout)")
        #expect(try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() == before)
    }
}
