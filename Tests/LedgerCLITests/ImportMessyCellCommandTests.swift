import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review D16 through the command line: every importer (facts, statements) refuses what a spreadsheet left in a
/// cell that is not data, the door refuses full-width ids, and a statement honours --excel-dates.
@Suite struct ImportMessyCellCommandTests {
    // The statement import's tests set up the same demo ledger and files.
    static let root = StatementImportCommandTests.root
    func demo() -> CLIHarness { StatementImportCommandTests().demo() }
    func logBytes(_ cli: CLIHarness) throws -> [UInt8] { try StatementImportCommandTests().logBytes(cli) }
    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws { try StatementImportCommandTests().write(cli, name, text) }

    @Test func incomeRowsWithSpreadsheetLeftoversAreEachRefusedOnce() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "收入.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-05-05,F-HY-PI,100,=B2,SJ-D-01,停车费,
            2025-05-05,F-HY-PI,100,#N/A,SJ-D-02,停车费,
            2025-05-05,F-HY-PI,100,某公司,#N/A,停车费,
            2025-05-05,F-HY-PI,100,某公司,1.23457E+11,停车费,
            2025-05-05,F-HY-PI,100,某公司,ＳＪ－Ｄ－０５,停车费,
            2025-05-05,F-HY-PI,100,某公司\u{200B},SJ-D-06,停车费,
            2025-05-05,F-HY-PI,100,某公司,SJ-D-07,停车费,

            """)
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run"]) == 2)
        let out = cli.stdout
        #expect(out.contains(##"row 2, column D "付款方": "=B2" begins with "=": it is a formula saved as text"##), "\(out)")
        #expect(out.contains(##"row 3, column D "付款方": "#N/A" is an Excel/WPS error value"##), "\(out)")
        #expect(out.contains(##"row 4, column E "凭证号": "#N/A" is an Excel/WPS error value"##), "\(out)")
        #expect(out.contains(##"row 5, column E "凭证号": "1.23457E+11" is a long number Excel or WPS shortened to scientific notation"##), "\(out)")
        #expect(out.contains(##"row 6, column E "凭证号": "ＳＪ－Ｄ－０５" is written with full-width characters, so it looks like "SJ-D-05""##), "\(out)")
        #expect(out.contains(##"row 7, column D "付款方": "某公司<U+200B>" contains the invisible character <U+200B>"##), "\(out)")
        #expect(out.contains("6 bad rows"), "one message a row: \(out)")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 2 行，D 列“付款方”：“=B2”以“=”开头"), "\(cli.stdout)")
        #expect(cli.stdout.contains("第 5 行，E 列“凭证号”：“1.23457E+11”是 Excel 或 WPS 保存文件时缩写成科学计数法的长数字"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
    }

    /// Review I17 #3, #4: UTF-8 cells pasted into a GBK income file are each reported, in one run with the rows'
    /// other problems, at their column's heading; a rare surname whose GBK bytes read as UTF-8 Hangul (臧) is not
    /// one of them.
    @Test func pastedUTF8CellsOfAGBKIncomeFileAreAllReportedWithTheirHeading() throws {
        let cli = demo()
        let before = try logBytes(cli)
        func gbk(_ text: String) -> [UInt8] {
            let table: [Character: [UInt8]] = ["日": [0xc8, 0xd5], "期": [0xc6, 0xda], "账": [0xd5, 0xcb], "户": [0xbb, 0xa7],
                                               "编": [0xb1, 0xe0], "号": [0xba, 0xc5], "金": [0xbd, 0xf0], "额": [0xb6, 0xee],
                                               "付": [0xb8, 0xb6], "款": [0xbf, 0xee], "方": [0xb7, 0xbd], "凭": [0xc6, 0xbe],
                                               "证": [0xd6, 0xa4], "类": [0xc0, 0xe0], "别": [0xb1, 0xf0], "停": [0xcd, 0xa3],
                                               "车": [0xb3, 0xb5], "费": [0xb7, 0xd1], "臧": [0xea, 0xb0], "红": [0xba, 0xec],
                                               "海": [0xba, 0xa3]]
            return text.flatMap { table[$0] ?? Array(String($0).utf8) }
        }
        var bytes = gbk("日期,账户编号,金额,付款方,凭证号,类别\r\n")
        bytes += gbk("2025-05-05,F-HY-PI,100,") + Array("青岛丰巢".utf8) + gbk(",SJ-U-01,停车费\r\n")
        bytes += gbk("2025-05-05,F-HY-PI,abc,臧红海,SJ-U-02,停车费\r\n")
        bytes += gbk("2025-05-05,F-HY-PI,100,") + Array("海港停车".utf8) + gbk(",SJ-U-03,停车费\r\n")
        try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/收入.csv")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run"]) == 2)
        let out = cli.stdout
        #expect(out.contains(##"row 2, column D "付款方": "青岛丰巢" is UTF-8 text"##), "\(out)")
        #expect(out.contains(##"row 4, column D "付款方": "海港停车" is UTF-8 text"##), "\(out)")
        #expect(out.contains(##"row 3, column C "金额": "abc""##), "\(out)")
        #expect(!out.contains("row 3, column D"), "臧红海 is GBK text: \(out)")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 2 行，D 列“付款方”：“青岛丰巢”是 UTF-8 文字"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
    }

    @Test func aTotalsRowUnderIncomeRowsIsOneProblem() throws {
        let cli = demo()
        try write(cli, "收入.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-05-05,F-HY-PI,100,某公司,SJ-T-01,停车费,
            合计,,100,,,,
            制表人：张华,,,,,,

            """)
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run"]) == 2)
        #expect(cli.stdout.contains("2 bad rows (2 problems)"), "\(cli.stdout)")
        #expect(cli.stdout.contains(##"row 3, column A "日期": "合计" begins a totals row"##), "\(cli.stdout)")
        #expect(cli.stdout.contains(##"row 4, column A "日期": "制表人：张华" is the only filled cell of the row"##), "\(cli.stdout)")
    }

    @Test func aContractsErrorValuesAreRefused() throws {
        let cli = demo()
        try write(cli, "合同.csv", """
            合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期
            K-HY-T1,C-HY,A-HY-P01,#N/A,#N/A,2025-05-01,2026-04-30,600,月,,F-HY-PI,2025-04-20
            #REF!,C-HY,A-HY-P01,某公司,车位,2025-05-01,2026-04-30,600,月,,F-HY-PI,2025-04-20

            """)
        #expect(cli.run(["import", "contracts", "合同.csv", "--dry-run"]) == 2)
        #expect(cli.stdout.contains(##"row 2, column D "承租方": "#N/A" is an Excel/WPS error value"##), "\(cli.stdout)")
        #expect(cli.stdout.contains(##"row 2, column E "用途": "#N/A" is an Excel/WPS error value"##), "\(cli.stdout)")
        #expect(cli.stdout.contains(##"row 3, column A "合同编号": "#REF!" is an Excel/WPS error value"##), "\(cli.stdout)")
    }

    @Test func aStatementsSerialAndCounterpartyAreHeldToTheRules() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "st.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-07-31 09:12:01,6.22848E+17,5.12,"17,978.57",,利息
            2025-07-15 15:40:22,CCB0715000031,-350.00,"17,973.45",#N/A,业委会办公用品
            2025-07-02 10:03:45,CCB0702000017,500.00,"18,323.45",=C4,快递柜场地费7月

            """)
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", Self.root + "haiyun-rules.json", "--dry-run"]) == 2)
        let out = cli.stdout
        #expect(out.contains(##"row 2, column B "流水号": "6.22848E+17" is a long number Excel or WPS shortened to scientific notation"##), "\(out)")
        #expect(!out.contains("row 2, column B \"流水号\": is empty"), "said once: \(out)")
        #expect(out.contains(##"row 3, column E "对方户名": "#N/A" is an Excel/WPS error value"##), "\(out)")
        #expect(out.contains(##"row 4, column E "对方户名": "=C4" begins with "=""##), "\(out)")
        #expect(try logBytes(cli) == before)
    }

    @Test func aStatementReadsExcelSerialDatesWhenAskedTo() throws {
        let cli = demo()
        try write(cli, "st.csv", """
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            45870,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月

            """)
        let rules = Self.root + "haiyun-rules.json"
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run"]) == 2)
        #expect(cli.stdout.contains("--excel-dates"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--rules", rules, "--dry-run", "--excel-dates"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new"), "\(cli.stdout)")
    }

    @Test func theDoorRefusesAFullWidthIdAndAnExactRerunOfAnOldOneIsADuplicate() throws {
        let cli = demo()
        let line = #"{"id":"fw1","type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"Ａ－ＨＹ－９","community_id":"C-HY","kind":"corridor","name":"1号楼走廊","location":"1号楼","area_m2":"20","registered_on":"2024-03-02","source":{"kind":"manual"}}}"#
        let before = try logBytes(cli)
        #expect(cli.run(["append"], stdin: line + "\n") == 2)
        #expect(cli.stderr.contains("full-width") && cli.stderr.contains("\"A-HY-9\""), "\(cli.stderr)")
        #expect(try logBytes(cli) == before)
        // Written before the rule (by the library, past the door): the same line again is a duplicate, not refused.
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let writer = try LogWriter.open(directory)
        let event = try EventInput.parse(line: Array(line.utf8), source: "old", lineNumber: 1)
        _ = try writer.append([event], options: AppendOptions(recordedAt: Timestamp(rfc3339: "2024-06-01T00:00:00Z")!, defaultActor: "clerk",
                                                              makeId: { "x" }))
        writer.close()
        let old = try logBytes(cli)
        #expect(cli.run(["append"], stdin: line + "\n") == 0, "\(cli.stderr)")
        #expect(try logBytes(cli) == old, "nothing appended twice")
        #expect(cli.run(["verify"]) == 0)
    }
}
