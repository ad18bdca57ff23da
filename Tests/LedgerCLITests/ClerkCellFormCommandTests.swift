import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 38 end to end: a decision whose owners and area disagree is refused by `ledger append` as by `ledger
/// import decisions`, with one message (review 37c F7); and the cell forms clerks type (`12.5平`, `100元整`, `330人`,
/// `20260105143000`, `="00124"` unquoted) through the real import command.
@Suite struct ClerkCellFormCommandTests {
    private let base = ImportCommandTests()

    static func decision(id: String, participating: (area: String, owners: Int), approving: (area: String, owners: Int)) -> String {
        #"{"id":"\#(id)","type":"decision.recorded","occurred_on":"2024-06-20","data":{"decision_id":"\#(id)","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"\#(participating.area)","participating_owners":\#(participating.owners),"approving_area_m2":"\#(approving.area)","approving_owners":\#(approving.owners),"authorises":{}}}"#
    }

    static let reasonEN = "owners vote with their units' area, so the owners and the area that voted are both 0 or both above 0. Copy both figures from the vote's tally (计票结果)"
    static let reasonZH = "不一致：业主以其专有部分面积和人数共同表决，表决的人数与面积应均为0或均不为0。请按计票结果同时填写人数和其专有部分面积"

    /// `ledger append` refuses owners without area and area without owners, naming both fields and values, in both
    /// languages; a correction's replacement too; figures that agree (both 0, both above 0) are appended.
    @Test func appendRefusesOwnersAndAreaThatDisagree() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        let lines = Self.decision(id: "D-1", participating: ("0", 330), approving: ("0", 260)) + "\n"
            + Self.decision(id: "D-2", participating: ("36000", 330), approving: ("28000", 0)) + "\n"
        #expect(cli.run(["append", "--lang", "en"], stdin: lines) != 0, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"stdin:1: field "data.participating_area_m2": is 0, which does not agree with field "data.participating_owners" (330): "# + Self.reasonEN), "\(en)")
        #expect(en.contains(#"stdin:1: field "data.approving_area_m2": is 0, which does not agree with field "data.approving_owners" (260)"#), "\(en)")
        #expect(en.contains(#"stdin:2: field "data.approving_owners": is 0, which does not agree with field "data.approving_area_m2" (28000.00)"#), "\(en)")
        #expect(try base.logBytes(cli) == before)
        #expect(cli.run(["append", "--lang", "zh"], stdin: lines) != 0)
        let zh = cli.stdout + cli.stderr
        #expect(zh.contains(#"字段“data.participating_area_m2”（参与面积（平方米））：为0，与 字段“data.participating_owners”（参与人数）（330）"# + Self.reasonZH), "\(zh)")
        #expect(try base.logBytes(cli) == before)
        // Figures that agree are appended; a correction replacing one with figures that disagree is refused.
        let good = Self.decision(id: "D-3", participating: ("36000", 330), approving: ("0", 0))
        #expect(cli.run(["append"], stdin: good + "\n") == 0, "\(cli.stdout)\(cli.stderr)")
        let replacement = Self.decision(id: "D-3", participating: ("36000", 330), approving: ("28000", 0))
            .replacingOccurrences(of: #""id":"D-3","#, with: "")
        let correction = #"{"id":"K-1","type":"correction","occurred_on":"2024-06-21","data":{"corrects":"D-3","reason":"漏填同意人数","replacement":"# + replacement + "}}"
        let afterGood = try base.logBytes(cli)
        #expect(cli.run(["append", "--lang", "en"], stdin: correction + "\n") != 0, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains(#"field "data.replacement.data.approving_owners": is 0, which does not agree with field "data.replacement.data.approving_area_m2" (28000.00)"#),
                "\(cli.stdout)\(cli.stderr)")
        #expect(try base.logBytes(cli) == afterGood)
    }

    /// The import refuses the same figures with the same words, said at the cell.
    @Test func importRefusesThemWithTheSameWords() throws {
        let cli = base.ledger()
        let header = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数\n"
        try base.write(cli, "d.csv", header + "D-1,C-1,2024-06-20,改变用途或经营,0,330,0,260\nD-2,C-1,2024-06-20,改变用途或经营,36000,330,28000,0\n")
        #expect(cli.run(["import", "decisions", "d.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"d.csv: row 2, column E "参与表决面积": "0" is 0, which does not agree with column F "参与表决人数" (330): "# + Self.reasonEN), "\(en)")
        #expect(en.contains(#"d.csv: row 3, column H "同意人数": "0" is 0, which does not agree with column G "同意面积" (28000)"#), "\(en)")
        #expect(cli.run(["import", "decisions", "d.csv", "--lang", "zh"]) == 2)
        let zh = cli.stdout + cli.stderr
        #expect(zh.contains("第 2 行，E 列“参与表决面积”：“0”为0，与 F 列“参与表决人数”（330）" + Self.reasonZH), "\(zh)")
    }

    /// Owners counted with 人, 户 or 名 are read; another unit refuses the cell naming it.
    @Test func ownersCountsWithUnitsThroughTheImport() throws {
        let cli = base.ledger()
        let header = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数\n"
        try base.write(cli, "u.csv", header + "D-1,C-1,2024-06-20,改变用途或经营,36000平,330票,28000平方米,260人次\n")
        #expect(cli.run(["import", "decisions", "u.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let en = cli.stdout + cli.stderr
        #expect(en.contains(#"u.csv: row 2, column F "参与表决人数": "330票" counts in "票", but this column counts owners (人, 户 or 名); other units are not read as owners. Write the number of owners as a whole number, e.g. "#), "\(en)")
        #expect(en.contains(#"column H "同意人数": "260人次" counts in "人次""#), "\(en)")
        #expect(cli.run(["import", "decisions", "u.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("F 列“参与表决人数”：“330票”以“票”计，但本列计的是业主人数（人、户或名）；其他单位不作为业主人数读取。请写业主人数（整数）"),
                "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "ok.csv", header + "D-1,C-1,2024-06-20,改变用途或经营,36000平,330人,28000平米,260户\nD-2,C-1,2024-06-21,其他重大事项,36000,330名,28000,260\n")
        #expect(cli.run(["import", "decisions", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try base.logBytes(cli), as: UTF8.self)
        #expect(log.contains(#""approving_area_m2":"28000.00","approving_owners":260"#)
                && log.contains(#""participating_area_m2":"36000.00","participating_owners":330"#), "\(log)")
    }

    /// `12.5平` in a register's area column is 12.50 m².
    @Test func pingInARegister() throws {
        let cli = base.ledger()
        try base.write(cli, "r.csv", CellFormCommandTests.registerHeader + "A-1,C-1,车位,车位1,东门,12.5平,2024/3/1\n")
        #expect(cli.run(["import", "assets", "r.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try base.logBytes(cli), as: UTF8.self).contains(#""area_m2":"12.50""#))
    }

    /// `100元整` is ¥100.00; `壹佰元整` is refused saying it is in Chinese numerals.
    @Test func yuanExactlyAndChineseNumeralsInAnIncomeFile() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let header = "日期,账户编号,金额,付款方,凭证号,类别\n"
        let row = { (amount: String, voucher: String) in "2025-07-01,F-HY-PI,\(amount),青岛海港停车管理有限公司,\(voucher),停车费\n" }
        try base.write(cli, "c.csv", header + row("壹佰元整", "V-2"))
        #expect(cli.run(["import", "income", "c.csv", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"c.csv: row 2, column C "金额": "壹佰元整" is written in Chinese numerals (大写), which are not read as an amount; only Arabic digits are. Write the amount in Arabic digits"#),
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "c.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("C 列“金额”：“壹佰元整”是中文大写数字，不按金额读取；金额只按阿拉伯数字读取。请按票据上的小写金额用阿拉伯数字填写"),
                "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "i.csv", header + row("100元整", "V-1") + row("\"1,234.50元整\"", "V-3"))
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        #expect(log.contains(#""amount_fen":10000"#) && log.contains(#""amount_fen":123450"#), "\(log)")
    }

    /// `="0000123457"` unquoted is the voucher `0000123457`, as the quoted form is: the same row, already recorded.
    @Test func anUnquotedTextFormulaIsItsDigits() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let header = "日期,账户编号,金额,付款方,凭证号,类别\n"
        try base.write(cli, "u.csv", header + "2026-01-05,F-HY-PI,1200.00,张三,=\"0000123457\",停车费\n")
        try base.write(cli, "q.csv", header + "2026-01-05,F-HY-PI,1200.00,张三,\"=\"\"0000123457\"\"\",停车费\n")
        #expect(cli.run(["import", "income", "u.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try cli.logBytes(), as: UTF8.self).contains(#""voucher":"0000123457""#))
        #expect(cli.run(["import", "income", "q.csv", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(#""rows_new":0"#), "\(cli.stdout)")
    }

    /// A statement's `yyyyMMddHHmmss` is the day of `yyyy-MM-dd`; an impossible time refuses the line.
    @Test func statementFourteenDigitTimes() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let header = "交易日期,交易金额,对方户名,摘要,流水号\n"
        try base.write(cli, "iso.csv", header + "2025-10-01,-500.00,某五金店,灯泡,TX1\n")
        try base.write(cli, "digits.csv", header + "20251001143000,-500.00,某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "iso.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let iso = cli.stdout
        #expect(cli.run(["import", "statement", "digits.csv", "--fund", "F-HY-PI", "--dry-run", "--json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        func masked(_ text: String) -> String {
            text.replacingOccurrences(of: #"(iso|digits)\.csv"#, with: "F", options: .regularExpression)
                .replacingOccurrences(of: #"[0-9a-f]{16,64}"#, with: "H", options: .regularExpression)
                .replacingOccurrences(of: #""file_bytes":[0-9]+"#, with: "B", options: .regularExpression)
        }
        #expect(iso.contains(#""rows_new":1"#) && masked(iso) == masked(cli.stdout), "\(iso)\n---\n\(cli.stdout)")
        try base.write(cli, "bad.csv", header + "20251001250000,-500.00,某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "bad.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"bad.csv: row 2, column A "交易日期": "20251001250000" is not a real date and time (fourteen digits are read as year 2025, month 10, day 01, time 25:00:00)"#),
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "bad.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("“20251001250000”不是实际存在的日期和时刻（14 位数字按年、月、日、时、分、秒读作 2025 年 10 月 01 日 25:00:00）"),
                "\(cli.stdout)\(cli.stderr)")
    }
}
