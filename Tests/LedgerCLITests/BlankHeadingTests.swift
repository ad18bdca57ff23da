import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A cell under a blank heading (inside the header, or past its last column) is never dropped silently: every
/// import kind names its row and column and refuses the batch, as the asset register import always did. (Fact
/// imports skipped such cells, and statement imports skipped them past the header too.)
@Suite struct BlankHeadingTests {
    static let statements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/testdata/statements/"

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    /// Income with a column between 金额 and 付款方 whose heading was lost: the amount's remark in it is refused
    /// with its row and column, in either language; an empty cell there is no problem.
    @Test func factImportRefusesACellUnderABlankHeading() throws {
        let cli = demo()
        try write(cli, "income.csv", """
            日期,账户编号,金额,,付款方,凭证号,类别
            2025-05-05,F-HY-PI,"1,800.00",,青岛海港停车管理有限公司,SJ-2025-0505,停车费
            2025-05-08,F-HY-PI,12000,含税,青岛新潮传媒有限公司,SJ-2025-0508,广告

            """)
        let before = try logBytes(cli)
        #expect(cli.run(["import", "income", "income.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("income.csv: row 3, column D: \"含税\" is in a column without a heading. Give the column a heading in row 1 or delete the cell."), "\(out)")
        #expect(!out.contains("row 2"), "the empty cell under the blank heading is fine: \(out)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "income", "income.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("第 3 行") && (cli.stdout + cli.stderr).contains("所在的列没有标题"), "\(cli.stdout)\(cli.stderr)")
        // With --allow-partial the row is rejected, the other imported.
        #expect(cli.run(["import", "income", "income.csv", "--allow-partial"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 read, 1 new, 0 already recorded, 1 rejected"), "\(cli.stdout)")
    }

    /// The header below a title row: the message names the header's row.
    @Test func theAdviceNamesTheHeaderRow() throws {
        let cli = demo()
        try write(cli, "income.csv", """
            海韵小区 公共收益 2025年5月
            日期,账户编号,金额,,付款方,凭证号,类别
            2025-05-08,F-HY-PI,12000,含税,青岛新潮传媒有限公司,SJ-2025-0508,广告

            """)
        #expect(cli.run(["import", "income", "income.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("row 3, column D: \"含税\" is in a column without a heading. Give the column a heading in row 2 or delete the cell."),
                "\(cli.stdout)\(cli.stderr)")
    }

    /// A statement: under a blank heading and past the last heading alike (a heading the import does not read is
    /// the bank's column, ignored by name; a cell without one is not).
    @Test func statementImportRefusesCellsWithoutAHeading() throws {
        let cli = demo()
        try write(cli, "st.csv", """
            交易时间,流水号,交易金额,,账户余额,对方户名,摘要
            2025-08-02 10:00:00,CCB0802000003,500.00,收入,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月
            2025-08-03 10:00:00,CCB0803000004,1.00,,"18,479.57",青岛丰巢科技有限公司,快递柜场地费,多出

            """)
        let before = try logBytes(cli)
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("st.csv: row 2, column D: \"收入\" is in a column without a heading. Give the column a heading in row 1 or delete the cell."), "\(out)")
        #expect(out.contains("st.csv: row 3, column H: \"多出\" is in a column without a heading (the header has 7 columns). Give the column a heading or delete the cell."), "\(out)")
        #expect(try logBytes(cli) == before)
    }
}
