import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 43a m6, through `ledger import statement`: an ICBC-like export with three memo columns (摘要, 用途, 附言)
/// is read whole — the rules look in every memo column, a spending's purpose is what the columns say it was for (not
/// the bank's 转账) — and a statement recorded while only the first memo column was read imports again unchanged.
@Suite struct StatementMemoColumnsTests {
    static let tests = ImportReview43TwinsTests()
    static let icbc = "交易日期,交易流水号,摘要,用途,附言,对方户名,借方金额,贷方金额,余额\n"
        + "2025-07-02,QD1,转账,7月车位费,,乙公司,,\"5,000.00\",\"5,000.00\"\n"
        + "2025-07-03,QD2,转账,电梯维修款,3月,某电梯公司,\"1,000.00\",,\"4,000.00\"\n"

    func lines(_ cli: CLIHarness, voucher: String) throws -> [Substring] {
        String(decoding: try cli.logBytes(), as: UTF8.self).split(separator: "\n").filter { $0.contains("\"voucher\":\"\(voucher)\"") }
    }

    @Test func everyMemoColumnIsRead() throws {
        let cli = try Self.tests.ledger()
        try Self.tests.write(cli, "icbc.csv", Self.icbc)
        // A rule's memo word found in 用途 (摘要 says 转账 on every line).
        try Self.tests.write(cli, "r.json", #"{"rules":[{"if":{"memo":"车位费"},"category":"parking"}]}"#)
        #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let income = try lines(cli, voucher: "QD1"), spending = try lines(cli, voucher: "QD2")
        #expect(income.count == 1 && income[0].contains("\"category\":\"parking\""), "\(income)")
        #expect(spending.count == 1 && spending[0].contains("\"purpose\":\"电梯维修款；3月\""), "\(spending)")
        // Imported again: the same lines, nothing recorded.
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// The file recorded as before session 44 (only 摘要 read: 用途 and 附言 mapped to ignore) imports again
    /// unchanged, without the mapping: its lines are matched as they were recorded.
    @Test func aStatementRecordedFromTheFirstMemoColumnImportsAgainUnchanged() throws {
        let cli = try Self.tests.ledger()
        try Self.tests.write(cli, "icbc.csv", Self.icbc)
        try Self.tests.write(cli, "r.json", #"{"rules":[{"if":{"counterparty":"乙公司"},"category":"parking"}]}"#)
        try Self.tests.write(cli, "m.json", #"{"columns":{"用途":"ignore","附言":"ignore"}}"#)
        #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-T", "--rules", "r.json", "--mapping", "m.json"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        let spending = try lines(cli, voucher: "QD2")
        #expect(spending.count == 1 && spending[0].contains("\"purpose\":\"转账\""), "\(spending)")
        let before = try cli.logBytes()
        for scopes in [nil, "off"] {
            cli.environment["LEDGER_SCOPES"] = scopes
            #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
            #expect(try cli.logBytes() == before, "\(cli.stdout)")
        }
        // A new line of the next statement reads every column.
        try Self.tests.write(cli, "icbc2.csv", Self.icbc + "2025-07-04,QD3,转账,绿化养护,,某园林公司,\"500.00\",,\"3,500.00\"\n")
        #expect(cli.run(["import", "statement", "icbc2.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let third = try lines(cli, voucher: "QD3")
        #expect(third.count == 1 && third[0].contains("\"purpose\":\"绿化养护\""), "\(third)")
        #expect(try lines(cli, voucher: "QD2").count == 1)
    }

    /// Review 44d #5: a rule that matches only through a memo column read since session 44 and sets what the record
    /// holds otherwise (here the counterparty; a contract or decision alike) was taken for the line's reading, so the
    /// statement recorded before with the same rules file was refused as changed. The record's reading is kept.
    @Test func aRuleMatchingOnlyANewlyReadColumnKeepsTheRecordedReading() throws {
        let cli = try Self.tests.ledger()
        try Self.tests.write(cli, "icbc.csv", "交易日期,交易流水号,摘要,用途,附言,对方户名,借方金额,贷方金额,余额\n"
                             + "2025-07-02,QD1,租金,广告位,,甲公司,,\"3,300.00\",\"3,300.00\"\n")
        try Self.tests.write(cli, "r.json", #"{"rules":[{"if":{"memo":"广告位"},"counterparty":"甲公司广告部","category":"leasing"}]}"#)
        try Self.tests.write(cli, "m.json", #"{"columns":{"用途":"ignore","附言":"ignore"}}"#)
        #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-T", "--rules", "r.json", "--mapping", "m.json"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        let income = try lines(cli, voucher: "QD1")
        #expect(income.count == 1 && income[0].contains("\"counterparty\":\"甲公司\""), "\(income)")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before, "\(cli.stdout)")
    }
}
