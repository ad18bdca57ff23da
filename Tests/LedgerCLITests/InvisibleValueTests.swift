import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review defect: a cell holding only invisible characters (U+200B ZERO WIDTH SPACE, U+FEFF, U+00A0 inside a
/// value) got a message showing nothing where the value should be (`""` / `“”`). Every importer quotes a value
/// through one function (`RowProblem.shown`), which now names each invisible character by its code point.
@Suite struct InvisibleValueTests {
    let base = FactImportCommandTests()
    func demo() -> CLIHarness { base.demo() }
    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws { try base.write(cli, name, text) }

    @Test func theVisibleFormNamesEachInvisibleCharacter() {
        #expect(DisplayText.visible("\u{200B}") == "<U+200B>")
        #expect(DisplayText.visible("12\u{00A0}000") == "12<U+00A0>000")
        #expect(DisplayText.visible("\u{FEFF}A-1\u{2060}") == "<U+FEFF>A-1<U+2060>")
        #expect(DisplayText.visible("\u{3000}") == "<U+3000>")
        #expect(DisplayText.visible("\u{1}") == "<U+0001>")
        // Visible text, CJK and an ordinary space included, is left as it is.
        #expect(DisplayText.visible("地面车位 P01 ¥3,000.00") == "地面车位 P01 ¥3,000.00")
        #expect(!DisplayText.isInvisible("A") && !DisplayText.isInvisible("金") && !DisplayText.isInvisible(" "))
    }

    /// A fact import (income): the amount cell holds only U+200B.
    @Test func aFactImportShowsAnInvisibleCell() throws {
        let cli = demo()
        try write(cli, "income.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-05-05,F-HY-PI,\u{200B},青岛海港停车管理有限公司,SJ-ZW-1,停车费\n")
        #expect(cli.run(["import", "income", "income.csv"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("\"<U+200B>\""), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "income.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("“<U+200B>”"), "\(cli.stdout)\(cli.stderr)")
        #expect(!(cli.stdout + cli.stderr).contains("“\u{200B}”") && !(cli.stdout + cli.stderr).contains("“”"), "\(cli.stdout)\(cli.stderr)")
    }

    /// A register import: the area cell holds a zero-width space and a no-break space, a heading a BOM-like
    /// U+FEFF in its middle (so it is not recognised: the message must show why).
    @Test func aRegisterImportShowsInvisibleCellsAndHeadings() throws {
        let cli = demo()
        try write(cli, "reg.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-HY-ZW1,C-HY,车位,地面车位ZW1,2号楼东侧,\u{200B}\u{00A0}\u{200B},2024-03-01\n")
        #expect(cli.run(["import", "assets", "reg.csv"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("<U+200B>"), "\(cli.stdout)\(cli.stderr)")
        try write(cli, "reg2.csv", "编号,小区,类型,名称,位置,面\u{FEFF}积,登记日期\nA-HY-ZW1,C-HY,车位,地面车位ZW1,2号楼东侧,12.5,2024-03-01\n")
        #expect(cli.run(["import", "assets", "reg2.csv", "--strict"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("面<U+FEFF>积"), "\(cli.stdout)\(cli.stderr)")
    }

    /// A bank statement: the amount cell holds only U+200B.
    @Test func aStatementImportShowsAnInvisibleCell() throws {
        let cli = demo()
        try write(cli, "aug.csv", "交易时间,流水号,交易金额,账户余额,对方户名,摘要\n2025-08-02 10:00:00,CCB0802000003,\u{200B},\"18,478.57\",青岛丰巢科技有限公司,快递柜场地费8月\n")
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("<U+200B>"), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("“<U+200B>”"), "\(cli.stdout)\(cli.stderr)")
    }
}
