import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 35e M1: a register laid out with a unit column beside the figures (`面积,面积单位` with rows `3,亩`) was
/// read as 3 m², the unit kept as a free attribute. The unit column is read now (`UnitColumns`): another unit or text
/// that is no unit refuses the row, naming both columns; nothing is converted. Also the count columns of a
/// decisions file, whose zeros past the point are Excel's (`330.00`), and a decimal count is refused.
@Suite struct UnitColumnCommandTests {
    private let base = ImportCommandTests()

    static let header = "编号,小区,类型,名称,位置,面积,面积单位,登记日期\n"
    static let good = "A-1,C-1,车位,车位1,东门,12.5,㎡,2024/3/1\nA-2,C-1,屋顶,3号楼屋顶,3号楼,860,平方米,2024/3/5\n"

    /// One bad row among good ones: nothing appended, every bad row named with both columns, in both languages;
    /// fixed, the file imports and the unit is kept as the attribute it always was.
    @Test func aRowInAnotherUnitRefusesTheFileNamingTheRow() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        try base.write(cli, "r.csv", Self.header + Self.good + "A-3,C-1,绿地,中心绿地,小区中心,3,亩,2024/3/6\nA-4,C-1,车位,车位4,东门,12.5,,2024/3/1\nA-5,C-1,车位,车位5,东门,12,个,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"r.csv: row 4, column G "面积单位": "亩" is another unit than square metres (m²), in which column F "面积" is read: its 3 would be recorded as 3 m². Write the area in square metres in column F "面积" and 平方米 (or ㎡, m²) here, or leave this cell empty; units are not converted (亩 is not an exact number of square metres)."#), "\(en)")
        #expect(en.contains(#"r.csv: row 6, column G "面积单位": "个" is not a unit; column F "面积" is read in square metres (m²)."#), "\(en)")
        #expect(!en.contains("row 2,") && !en.contains("row 3,") && !en.contains("row 5,"), "\(en)")
        #expect(try base.logBytes(cli) == before, "the log is as it was")
        #expect(cli.run(["import", "assets", "r.csv", "--lang", "zh"]) == 2)
        let zh = cli.stdout + cli.stderr
        #expect(zh.contains("r.csv 第 4 行，G 列“面积单位”：“亩”不是平方米：F 列“面积”按平方米读取，本行的 3 会被记作 3 平方米。请在F 列“面积”中以平方米填写面积，本列写 平方米（或 ㎡、m²）或留空；导入时不换算单位（亩不能精确换算为平方米）。"), "\(zh)")
        #expect(try base.logBytes(cli) == before)
        // Fixed: the rows import, the unit kept under its heading as before.
        try base.write(cli, "ok.csv", Self.header + Self.good + "A-3,C-1,绿地,中心绿地,小区中心,2000,m2,2024/3/6\n")
        #expect(cli.run(["import", "assets", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try base.logBytes(cli), as: UTF8.self)
        #expect(log.contains(#""面积单位":"m2""#) && log.contains(#""2000.00""#), "\(log)")
    }

    /// `--strict` reads a unit column (it is no unknown column); a 单位 between two figures is refused at the header.
    @Test func strictAndAmbiguousUnitColumns() throws {
        let cli = base.ledger()
        try base.write(cli, "s.csv", "编号,小区,类型,名称,位置,面积,单位,登记日期\nA-1,C-1,车位,车位1,东门,3,公顷,2024/3/1\n")
        #expect(cli.run(["import", "assets", "s.csv", "--strict", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"row 2, column G "单位": "公顷" is another unit than square metres (m²)"#), "\(cli.stdout)\(cli.stderr)")
        #expect(!(cli.stdout + cli.stderr).contains("unknown column"), "\(cli.stdout)\(cli.stderr)")
        let decisions = "决定编号,小区,表决日期,事项,参与表决面积,单位,同意面积,参与表决人数,同意人数\nD-1,C-1,2024-06-20,改变用途或经营,36000,㎡,28000,330,260\n"
        try base.write(cli, "d.csv", decisions)
        #expect(cli.run(["import", "decisions", "d.csv", "--lang", "en"]) == 2)
        #expect(cli.stderr.contains(#"column F "单位" stands between two figure columns, E "参与表决面积" and G "同意面积", and could give the unit of either. Head it with the heading of the column it gives the unit of followed by 单位 (for example 参与表决面积单位)."#), "\(cli.stderr)")
    }

    /// A fact file's unit column (refused before as a column the kind does not have) is read: 元 imports, 美元 and
    /// 万元 are refused at their rows; a bank statement's 币种 refuses a line in another currency.
    @Test func moneyUnitColumns() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        let income = "日期,账户编号,金额,币种,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1200,人民币,甲,UC1,停车费\n2025-05-02,F-HY-PI,12,万元,甲,UC2,停车费\n2025-05-03,F-HY-PI,300,USD,甲,UC3,停车费\n"
        try PosixFile.writeAtomically(Array(income.utf8), to: cli.temp.path + "/i.csv")
        #expect(cli.run(["import", "income", "i.csv", "--lang", "en"]) == 2)
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"i.csv: row 3, column D "币种": "万元" is another unit than yuan (元), in which column C "金额" is read: its 12 would be recorded as 12 yuan"#), "\(out)")
        #expect(out.contains(#"i.csv: row 4, column D "币种": "USD" is another unit than yuan (元)"#), "\(out)")
        #expect(!out.contains("row 2,"), "\(out)")
        #expect(try cli.logBytes() == before)
        try PosixFile.writeAtomically(Array("日期,账户编号,金额,币种,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1200,人民币元,甲,UC1,停车费\n".utf8),
                                      to: cli.temp.path + "/ok.csv")
        #expect(cli.run(["import", "income", "ok.csv", "--dry-run", "--lang", "zh"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("D 币种 → 单位（逐行核对，不导入）"), "\(cli.stdout)")
        // A statement's 币种: another currency refuses the line; a bank's code for 人民币 passes.
        let statement = "交易日期,交易金额,对方户名,摘要,流水号,币种\n2025-10-01,-1.00,某五金店,灯泡,UCTX1,美元\n2025-10-02,-2.00,某五金店,灯泡,UCTX2,01\n"
        try PosixFile.writeAtomically(Array(statement.utf8), to: cli.temp.path + "/s.csv")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "en"]) == 2)
        let lines = cli.stdout + cli.stderr
        #expect(lines.contains(#"s.csv: row 2, column F "币种": "美元" is another unit than yuan (元), in which column B "交易金额" is read: its -1.00 would be recorded as -1.00 yuan"#), "\(lines)")
        #expect(!lines.contains("row 3,"), "\(lines)")
    }

    /// Count columns (participating and approving owners): `330.00` is 330 (zeros past the point, as Excel writes a
    /// number formatted with decimals); `330.5` is refused, naming the cell.
    /// Review 36d: a rent unit column stating a period (`租金单位` 元/月) in a row of another 计租周期 was read as 元 and
    /// the rent recorded for the row's period (12 times off); it is refused as the heading form `租金（元/月）` is.
    @Test func aRentUnitCellPerAnotherPeriodIsRefused() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let header = "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,租金单位,计租周期,决定编号,收款账户,签订日期\n"
        try PosixFile.writeAtomically(Array((header
            + "K-HY-X1,C-HY,A-HY-AD1,青岛新潮传媒有限公司,电梯广告,2025-04-01,2026-03-31,\"1,000.00\",元/月,年,D-HY-2024-01,F-HY-PI,2025-03-25\n"
            + "K-HY-X2,C-HY,A-HY-AD1,青岛新潮传媒有限公司,电梯广告,2025-04-01,2026-03-31,\"12,000.00\",元/年,年,D-HY-2024-01,F-HY-PI,2025-03-25\n"
            + "K-HY-X3,C-HY,A-HY-AD1,青岛新潮传媒有限公司,电梯广告,2025-04-01,2026-03-31,\"1,000.00\",元,月,D-HY-2024-01,F-HY-PI,2025-03-25\n").utf8),
            to: cli.temp.path + "/c.csv")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "contracts", "c.csv", "--dry-run"]) == 2, "\(cli.stdout)")
        #expect(cli.stdout.contains(#"row 2, column J "计租周期": "年" disagrees with column I "租金单位", "元/月": it says the rent is per month, this row's period is"#), "\(cli.stdout)")
        #expect(cli.stdout.contains("(12 times off)") && !cli.stdout.contains("row 3,") && !cli.stdout.contains("row 4,"), "\(cli.stdout)")
        #expect(cli.run(["import", "contracts", "c.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("与 I 列“租金单位”的“元/月”不一致：它写明租金按月计"), "\(cli.stdout)")
        #expect(cli.stdout.contains("并在 I 列“租金单位”写“元”"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    @Test func countColumns() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        let header = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数\n"
        try base.write(cli, "d.csv", header + "D-1,C-1,2024-06-20,改变用途或经营,36000,330.5,28000,260.00\n")
        #expect(cli.run(["import", "decisions", "d.csv", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"d.csv: row 2, column F "参与表决人数": "330.5" is not a whole number: has decimals, but only whole numbers are allowed. Write a whole number, e.g. 330"#),
                "\(cli.stdout)\(cli.stderr)")
        #expect(!(cli.stdout + cli.stderr).contains("260.00"), "\(cli.stdout)\(cli.stderr)")
        #expect(try base.logBytes(cli) == before)
        try base.write(cli, "ok.csv", header + "D-1,C-1,2024-06-20,改变用途或经营,36000,330.00,28000,260.00\n")
        #expect(cli.run(["import", "decisions", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try base.logBytes(cli), as: UTF8.self)
        #expect(log.contains(#""participating_owners":330"#) && log.contains(#""approving_owners":260"#), "\(log)")
    }
}
