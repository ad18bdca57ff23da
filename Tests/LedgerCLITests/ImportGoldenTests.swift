import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The reports of fact and statement imports, as the clerk reads them (text) and scripts read them (JSON).
@Suite struct ImportGoldenTests {
    /// The golden files this suite owns.
    static let goldenFiles = ["import-income-mistakes.txt", "import-income-mistakes.json", "import-statement.txt"]
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static let statements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/testdata/statements/"

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    @Test func incomeWithMistakes() throws {
        let cli = demo()
        try PosixFile.writeAtomically(Array("""
            海韵小区2025年5月收入明细,,,,,,
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-05-05,F-HY-PI,"1,800.00",青岛海港停车管理有限公司,SJ-X-1,停车费,K-HY-P01
            2025/5/6,F-HY-PI,3000.505,某公司,SJ-X-2,广告,
            2025年5月7日,F-NONE,３００,某公司,SJ-X-3,广告,
            2025-05-08,F-HY-PI,300,某公司,SJ-X-1,广告,

            """.utf8), to: cli.temp.path + "/收入.csv")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run"]) == 2)
        Golden.expect(cli.stdout, path: Self.golden + "/import-income-mistakes.txt")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run", "--json"]) == 2)
        Golden.expect(cli.stdout, path: Self.golden + "/import-income-mistakes.json")
    }

    @Test func statement() throws {
        let cli = demo()
        #expect(cli.run(["import", "statement", Self.statements + "lvzhou-rcb-2025-07-gb18030.csv", "--fund", "F-LZ-PI",
                         "--rules", Self.statements + "lvzhou-rules.json", "--recorded-at", "2026-01-05T00:00:00Z"]) == 0)
        Golden.expect(cli.stdout, path: Self.golden + "/import-statement.txt")
    }
}
