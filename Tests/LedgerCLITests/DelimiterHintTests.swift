import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A file read with the wrong delimiter (`--delimiter comma` on a file separated by semicolons) has its headings
/// joined into one, so every required column is missing: the refusal says so first and names the delimiter to pass,
/// for every import kind (review 47b: it said only "no column for id", without the headings read). The ledger is
/// left as it was.
@Suite struct DelimiterHintTests {
    struct Case: Sendable, CustomStringConvertible {
        let kind: String
        let text: String
        let given: String
        let expectedEn: String
        let expectedZh: String
        var description: String { "\(kind) --delimiter \(given)" }
    }

    static let cases: [Case] = [
        Case(kind: "assets", text: "编号;小区;类型;名称;位置;面积;登记日期\nA-9;C-HY;车位;车位9;地下一层;12.5;2024-01-01\n", given: "comma",
             expectedEn: "column A \"编号;小区;类型;名称;位置;面积;登记日期\" holds several headings separated by \";\": the file was read as comma-separated, but it is separated by semicolons. Pass --delimiter semicolon.",
             expectedZh: "文件是按逗号分隔读取的，但它实际以分号分隔。请加 --delimiter semicolon。"),
        Case(kind: "income", text: "日期\t账户编号\t金额\t付款方\t凭证号\t类别\n2025-05-05\tF-HY-PI\t1800\t青岛海港停车管理有限公司\tSJ-1\t停车费\n", given: "semicolon",
             expectedEn: "holds several headings separated by a tab: the file was read as semicolon-separated, but it is separated by tabs. Pass --delimiter tab.",
             expectedZh: "中有多个以制表符分隔的列标题：文件是按分号分隔读取的"),
        Case(kind: "statement", text: "交易时间;流水号;交易金额;账户余额;对方户名;摘要\n2025-07-31 09:12:01;CCB1;5.12;100.00;;利息\n", given: "comma",
             expectedEn: "but it is separated by semicolons. Pass --delimiter semicolon.",
             expectedZh: "请加 --delimiter semicolon。"),
    ]

    @Test(arguments: cases) func theRefusalNamesTheDelimiterFirst(_ c: Case) throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try PosixFile.writeAtomically(Array(c.text.utf8), to: cli.temp.path + "/in.csv")
        let before = try cli.logBytes()
        var arguments = ["import", c.kind, "in.csv", "--delimiter", c.given]
        if c.kind == "statement" { arguments += ["--fund", "F-HY-PI"] }
        #expect(cli.run(arguments) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(c.expectedEn), "\(out)")
        // Said before the missing columns it explains.
        let hint = out.range(of: "holds several headings"), missing = out.range(of: "no column for")
        #expect(hint != nil && (missing == nil || hint!.lowerBound < missing!.lowerBound), "\(out)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(c.expectedZh), "\(cli.stdout)\(cli.stderr)")
        // With the right delimiter the header is read (the hint is gone, whatever the rows say).
        let right = c.text.contains("\t") ? "tab" : "semicolon"
        var fixed = arguments
        fixed[4] = right
        _ = cli.run(fixed)
        #expect(!(cli.stdout + cli.stderr).contains("holds several headings"), "\(cli.stdout)\(cli.stderr)")
    }

    /// A missing column in a file read with its own delimiter: no delimiter hint (a heading with no other
    /// delimiter's character in it).
    @Test func aMissingColumnAloneGivesNoHint() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try PosixFile.writeAtomically(Array("编号,小区,类型,名称,位置,登记日期\nA-9,C-HY,车位,车位9,地下一层,2024-01-01\n".utf8), to: cli.temp.path + "/in.csv")
        #expect(cli.run(["import", "assets", "in.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("no column for area"), "\(out)")
        #expect(!out.contains("holds several headings"), "\(out)")
    }
}
