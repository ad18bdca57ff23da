import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review I17 #9: a name split by an inner no-break space (pasted from a web page) or by a line break inside its
/// cell (Alt+Enter) is refused at import like an invisible character, naming the row, the column and the
/// character, in either language; the ledger is unchanged. Free text (a purpose, a note) may hold both.
@Suite struct NameSplitImportTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
    }

    @Test func aPayerSplitByANoBreakSpaceOrALineBreakIsRefused() throws {
        let cli = demo()
        let csv = """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-05,F-HY-PI,1800,青岛海港\u{00A0}停车管理有限公司,SJ-2025-0505,停车费
            2025-05-08,F-HY-PI,12000,"青岛新潮传媒
            有限公司",SJ-2025-0508,广告
            2025-05-09,F-HY-PI,100,青岛某公司,SJ-2025-0509,停车费

            """
        try PosixFile.writeAtomically(Array(csv.utf8), to: cli.temp.path + "/income.csv")
        let before = try logBytes(cli)
        #expect(cli.run(["import", "income", "income.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("income.csv: row 2, column D") && out.contains("contains the no-break space <U+00A0> inside the name")
                && out.contains("Replace it with an ordinary space"), "\(out)")
        #expect(out.contains("income.csv: row 3, column D") && out.contains("contains a line break <U+000A> inside the cell")
                && out.contains("Join the lines into one"), "\(out)")
        #expect(!out.contains("row 4"), "\(out)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "income", "income.csv", "--lang", "zh"]) == 2)
        let zh = cli.stdout + cli.stderr
        #expect(zh.contains("第 2 行") && zh.contains("名称中间有不换行空格 <U+00A0>") && zh.contains("请把它换成普通空格"), "\(zh)")
        #expect(zh.contains("第 3 行") && zh.contains("单元格内有换行 <U+000A>") && zh.contains("请把几行合成一行"), "\(zh)")
        #expect(try logBytes(cli) == before)
    }
}
