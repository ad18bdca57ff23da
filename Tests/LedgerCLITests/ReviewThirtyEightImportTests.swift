import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 38b (a clerk's files as office software saves them), end to end on the demo ledger: headings broken with
/// Alt+Enter, office shorthand for 万 in a heading, a `?` where a GBK save lost a character of a name, more kinds of
/// totals rows, and a bank's opening-balance line.
@Suite struct ReviewThirtyEightImportTests {
    private func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stdout)\(cli.stderr)")
        return cli
    }

    private func write(_ cli: CLIHarness, _ name: String, _ bytes: [UInt8]) throws {
        try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/" + name)
    }

    /// `"金额\n（元）"`: a line break typed with Alt+Enter inside a heading is layout, as a space is (M4).
    @Test func headingsBrokenWithAltEnterAreRead() throws {
        let cli = demo()
        try write(cli, "nl.csv", Array("\"日期\",账户编号,\"金额\n（元）\",\"付款方\r\n（单位/个人）\",凭证号,\"收入\n类别\"\n2025-10-01,F-HY-PI,100,王明,NL-1,其他\n".utf8))
        #expect(cli.run(["import", "income", "nl.csv", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 new"), "\(cli.stdout)")
    }

    /// `金额(w)` is 万 in office shorthand: refused, not read as yuan (M2); so is an unknown short abbreviation.
    @Test func officeShorthandForAMagnitudeIsRefused() throws {
        let cli = demo()
        let before = try cli.logBytes()
        for (heading, unit) in [("金额(w)", "w"), ("金额（kw）", "kw"), ("金额(x)", "x")] {
            try write(cli, "w.csv", Array("日期,账户编号,\(heading),付款方,凭证号,类别\n2025-10-01,F-HY-PI,12,王明,W-1,其他\n".utf8))
            #expect(cli.run(["import", "income", "w.csv", "--lang", "en"]) == 2, "\(heading)")
            #expect((cli.stdout + cli.stderr).contains("column C \"\(heading)\" is headed in \"\(unit)\", but amounts are read in yuan (元)"), "\(cli.stdout)\(cli.stderr)")
        }
        try write(cli, "p.csv", Array("编号,小区,类型,名称,位置,面积(坪),登记日期\nA-HY-N1,C-HY,车位,车位N1,东门,12,2025/3/1\n".utf8))
        #expect(cli.run(["import", "assets", "p.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("F 列“面积(坪)”的标题以“坪”为单位，但面积按平方米读取"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// A GBK ("CSV") save writes `?` for a name character it cannot hold: `王?明` and `??` are refused at the door,
    /// every such row named in one run; `What?` is text as typed (M3).
    @Test func aQuestionMarkWhereACharacterWasLostIsRefused() throws {
        let cli = demo()
        let before = try cli.logBytes()
        let text = "日期,账户编号,金额,付款方,凭证号,类别\n2025-10-01,F-HY-PI,100,王?明,Q-1,其他\n2025-10-01,F-HY-PI,100,??,Q-2,其他\n"
            + "2025-10-01,F-HY-PI,100,What? Media Ltd,Q-3,其他\n"
        let gbk = try #require(TextEncoder.gb18030(text))
        try write(cli, "q.csv", gbk)
        #expect(cli.run(["import", "income", "q.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains(#"row 2, column D "付款方": "王?明" holds "?" where a character stands: a program writes "?" for a character its encoding cannot hold"#),
                "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains(#"row 3, column D "付款方": "??" holds "?""#) && !(cli.stdout + cli.stderr).contains("row 4,"), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "q.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("第 2 行，D 列“付款方”：“王?明”中有“?”占着一个字的位置：程序遇到其编码无法表示的字时会写成“?”"), "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("请把名称填写完整，并将文件另存为“CSV UTF-8”。"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // The same door for `ledger append`.
        let event = #"{"id":"q-1","type":"fund.income","occurred_on":"2025-10-01","data":{"fund_id":"F-HY-PI","amount_fen":100,"counterparty":"王?明","voucher":"Q-9","category":"other"}}"#
        #expect(cli.run(["append", "--lang", "en"], stdin: event + "\n") != 0)
        #expect((cli.stdout + cli.stderr).contains(#""王?明" holds "?" where a character stands"#), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// 本页合计, 本月累计, 共计, 承前页, `Total` and `Grand total:` begin totals rows, refused with the totals message.
    @Test func moreTotalsRowsAreRecognised() throws {
        let cli = demo()
        for label in ["本页合计", "本月累计", "共计", "累 计", "承前页", "Total", "Grand total:", "SUBTOTAL"] {
            try write(cli, "t.csv", Array("日期,账户编号,金额,付款方,凭证号,类别\n2025-10-01,F-HY-PI,100,王明,T-1,其他\n\(label),,100,,,\n".utf8))
            #expect(cli.run(["import", "income", "t.csv", "--dry-run", "--lang", "en"]) == 2, "\(label)")
            #expect((cli.stdout + cli.stderr).contains("row 3, column A \"日期\": \"\(label)\" begins a totals row, not a row of data"), "\(label)\n\(cli.stdout)\(cli.stderr)")
        }
        // A first cell that merely begins like an English totals word is data (here refused as a date, not as totals).
        try write(cli, "n.csv", Array("日期,账户编号,金额,付款方,凭证号,类别\nTotally,F-HY-PI,100,王明,T-1,其他\n".utf8))
        #expect(cli.run(["import", "income", "n.csv", "--dry-run", "--lang", "en"]) == 2)
        #expect(!(cli.stdout + cli.stderr).contains("totals row"), "\(cli.stdout)\(cli.stderr)")
    }

    /// A cell under no heading is named by its column letter alone (not `H 列“”`), and an ideographic space between
    /// words is shown as the text it is (`合　计`, not `合<U+3000>计`).
    @Test func anUnheadedColumnAndAnIdeographicSpaceAreShownPlainly() throws {
        let cli = demo()
        try write(cli, "u.csv", Array("编号,小区,类型,名称,位置,面积,登记日期,\nA-HY-N1,C-HY,车位,车位N1,东门,12,2025/3/1,多余\n合\u{3000}计,,,,,12,,\n".utf8))
        #expect(cli.run(["import", "assets", "u.csv", "--dry-run", "--lang", "zh"]) == 2)
        let zh = cli.stdout + cli.stderr
        #expect(zh.contains("u.csv 第 2 行，H 列：“多余”所在的列没有标题。"), "\(zh)")
        #expect(zh.contains("u.csv 第 3 行，A 列“编号”：“合\u{3000}计”是合计行的开头"), "\(zh)")
    }

    /// A line no rule classifies: the advice gives the rule for its own memo and the categories to choose from, not
    /// an example category a clerk would copy (review 38e m3: `parking` copied for interest).
    @Test func anUnclassifiedLineGetsTheRuleForItsOwnMemo() throws {
        let cli = demo()
        try write(cli, "i.csv", Array("交易日期,流水号,摘要,对方户名,贷方金额,借方金额,余额\n2025-10-05,TX38-9,结息,,12.35,,\"17,835.80\"\n".utf8))
        #expect(cli.run(["import", "statement", "i.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "en"]) == 2)
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"Add a rule to the rules file (--rules): {"if": {"memo": "结息"}, "category": "…"}, the category one of "#), "\(en)")
        #expect(en.contains("interest (利息)") || en.contains("interest（利息）"), "\(en)")
        #expect(!en.contains(#""category": "parking""#), "\(en)")
    }

    /// Review 38g: payments that differ in their parts, purpose or contract, and parts told apart by another column,
    /// are not twins; a line with a transaction id is a transaction whatever its memo says; 本日合计 is a totals row.
    @Test func whatTellsTwinsApartAndOtherLinesTheReviewFound() throws {
        let cli = demo()
        try write(cli, "sp.csv", Array(("日期,账户编号,金额,收款方,凭证号,用途,支出类别,决定编号,资产编号,紧急情形,紧急依据\n"
            + "2025-10-10,F-HY-PI,800,青岛绿化养护有限公司,FP-2025-1010A,中心绿地补植,维修,,A-HY-GRN,,\n"
            + "2025-10-10,F-HY-PI,800,青岛绿化养护有限公司,FP-2025-1010B,会所活动室门窗维修,维修,,A-HY-CLUB,,\n").utf8))
        #expect(cli.run(["import", "spending", "sp.csv", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "sp2.csv", Array(("日期,账户编号,金额,收款方,凭证号,用途,支出类别,决定编号,资产编号,紧急情形,紧急依据\n"
            + "2025-10-10,F-HY-PI,800,青岛绿化养护有限公司,FP-2025-1010A,中心绿地补植,维修,,A-HY-GRN,,\n"
            + "2025-10-10,F-HY-PI,800,青岛绿化养护有限公司,FP-2025-1010B,中心绿地补植,维修,,A-HY-GRN,,\n").utf8))
        #expect(cli.run(["import", "spending", "sp2.csv", "--dry-run", "--lang", "en"]) == 2, "the same payment twice is still refused")
        try write(cli, "as.csv", Array(("编号,小区,类型,名称,位置,面积,登记日期,车位号\n"
            + "A-HY-B001,C-HY,车位,地下车位,地下一层,12.5,2025-10-10,B1-001\nA-HY-B002,C-HY,车位,地下车位,地下一层,12.5,2025-10-10,B1-002\n").utf8))
        #expect(cli.run(["import", "assets", "as.csv", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "st.csv", Array(("交易日期,流水号,对方户名,摘要,收入金额,支出金额\n2025-10-06,TX002,中国银行,期末结息,,\n本日合计,,,,,\n").utf8))
        #expect(cli.run(["import", "statement", "st.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "en"]) == 2)
        let en = cli.stdout + cli.stderr
        #expect(en.contains("has no amount") && !en.contains("balance line moves no money"), "\(en)")
        #expect(en.contains("\"本日合计\" begins a totals row"), "\(en)")
    }

    /// A bank's 期初余额 line moves no money: skipped with a note, its balance the start of the running-balance check
    /// (a wrong one breaks at the next line); without a date it is skipped alone.
    @Test func anOpeningBalanceLineIsSkippedAndChecked() throws {
        let cli = demo()
        let header = "交易日期,流水号,摘要,对方户名,贷方金额,借方金额,余额\n"
        try write(cli, "r.json", Array(#"{"rules": [{"if": {"memo": "车位费"}, "category": "parking"}]}"#.utf8))
        try write(cli, "s.csv", Array((header + "2025-10-01,,期初余额,,,,\"17,823.45\"\n2025-10-05,TX38-1,车位费,王明,100.00,,\"17,923.45\"\n"
                                        + ",,期末余额,,,,\"17,923.45\"\n").utf8))
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--rules", "r.json", "--dry-run", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("s.csv: row 2: the bank's opening or closing balance line moves no money; it was skipped"), "\(cli.stdout)")
        #expect(cli.stdout.contains("s.csv: row 4: the bank's opening or closing balance line"), "\(cli.stdout)")
        #expect(cli.stdout.contains("1 new, 0 already recorded, 2 skipped, 0 rejected"), "\(cli.stdout)")
        try write(cli, "b.csv", Array((header + "2025-10-01,,期初余额,,,,\"17,000.00\"\n2025-10-05,TX38-1,车位费,王明,100.00,,\"17,923.45\"\n").utf8))
        #expect(cli.run(["import", "statement", "b.csv", "--fund", "F-HY-PI", "--rules", "r.json", "--dry-run", "--lang", "zh"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains("第 3 行"), "\(cli.stdout)\(cli.stderr)")
    }
}
