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
        try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
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
        #expect(out.contains("row 3, column E \\\"余额\\\": \\\"18500.00\\\" does not follow from the previous line's balance 18323.45"), "\(out)")
        #expect(out.contains("row 4, column D \\\"贷方金额\\\": \\\"5.555\\\" is not an amount in yuan"))
        #expect(out.contains("row 4, column B \\\"流水号\\\": is empty"))
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "statement", "bad.csv"]) == 2)
        #expect(cli.stderr.contains("--fund F"))
    }

    @Test func privateCounterparties() throws {
        let cli = demo()
        let file = Self.root + "haiyun-ccb-2025-07-utf8.csv", rules = Self.root + "haiyun-rules.json"
        #expect(cli.run(["import", "statement", file, "--fund", "F-HY-PI", "--rules", rules, "--private", "counterparty"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--type", "fund.spending"]) == 0)
        #expect(cli.stdout.contains(#""counterparty":{"commitment":""#))
        #expect(cli.run(["import", "statement", file, "--fund", "F-HY-PI", "--rules", rules, "--private", "counterparty"]) == 0)
        #expect(cli.stdout.contains("Nothing to import"))
        #expect(cli.run(["verify"]) == 0)
    }
}
