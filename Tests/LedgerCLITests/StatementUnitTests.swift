import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A statement's money column headed in another unit than 元 (交易金额（万元）, 余额(分)) was read as 元, every
/// amount recorded 10,000 or 0.01 times off; the other imports refuse such a heading (`RegisterVocabulary.foreignUnit`,
/// session 30), and so does a statement now, naming the column. Headings qualified by a direction (交易金额(收入))
/// or by 元 are read as before.
@Suite struct StatementUnitTests {
    @Test func aMoneyColumnHeadedInAnotherUnitIsRefused() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let cases: [(headings: String, column: String, unit: String)] = [
            ("交易日期,交易金额（万元）,对方户名,摘要,流水号", "B \"交易金额（万元）\"", "万元"),
            ("交易日期,金额(分),对方户名,摘要,流水号", "B \"金额(分)\"", "分"),
            ("交易日期,贷方金额(千元),借方金额,对方户名,摘要,流水号", "B \"贷方金额(千元)\"", "千元"),
            ("交易日期,交易金额,余额 (USD),对方户名,摘要,流水号", "C \"余额 (USD)\"", "USD"),
        ]
        for (headings, column, unit) in cases {
            try PosixFile.writeAtomically(Array((headings + "\n2025-10-01,-1.00,1.00,某五金店,灯泡,TX1\n").utf8), to: cli.temp.path + "/u.csv")
            #expect(cli.run(["import", "statement", "u.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(headings)\n\(cli.stdout)\(cli.stderr)")
            #expect(cli.stderr.contains("column \(column) is headed in \"\(unit)\", but amounts are read in yuan (元)"), "\(headings)\n\(cli.stderr)")
        }
        for headings in ["交易日期,交易金额（元）,对方户名,摘要,流水号", "交易日期,交易金额(人民币),对方户名,摘要,流水号"] {
            try PosixFile.writeAtomically(Array((headings + "\n2025-10-01,-1.00,某五金店,灯泡,TX1\n").utf8), to: cli.temp.path + "/y.csv")
            #expect(cli.run(["import", "statement", "y.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(headings)\n\(cli.stdout)\(cli.stderr)")
        }
        try PosixFile.writeAtomically(Array("交易日期,交易金额（万元）,对方户名,摘要,流水号\n2025-10-01,-1.00,某五金店,灯泡,TX1\n".utf8),
                                      to: cli.temp.path + "/u.csv")
        #expect(cli.run(["import", "statement", "u.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("B 列“交易金额（万元）”的标题以“万元”为单位，但金额按元读取"), "\(cli.stderr)")
    }
}
