import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 35 (money by hand), on the demo ledger: money columns headed in 万元 or 千元 in a variant spelling
/// (`租金（万元/年）`, `金额（RMB'000）`, `单位：萬元`) were read as 元, 1.2 recorded as ¥1.20; a rent headed 元/月 in a
/// row of 计租周期 年 was recorded without a word; Excel's `1.2E+05` and `1234.5000` got messages that did not help.
@Suite struct UnitRuleCommandTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    static func contract(rent heading: String, period: String = "年", title: String = "") -> String {
        title + "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,\(heading),计租周期,决定编号,收款账户,签订日期\n" + "K-HY-T92,C-HY,A-HY-P02,某公司,停车,2025-06-01,2026-05-31,1.2,\(period),,F-HY-PI,2025-05-20\n"
    }

    /// The review's headings, each once: refused, the ledger unchanged (before, each was "1 new", ¥1.20).
    @Test func variantHeadingsInAnotherUnitAreRefused() throws {
        let cli = demo()
        let before = try cli.logBytes()
        for heading in ["租金（万元/年）", "租金（万元／年）", "租金(千元/季)", "租金（RMB万元）", "租金（￥万元）", "租金（人民币：万元）", "租金（万圆）",
                        "租金（萬元）", "租金（RMB千元）", "租金（RMB'000）", "rent (CNY 10k)", "rent ('000)"] {
            try write(cli, "k.csv", Self.contract(rent: heading))
            #expect(cli.run(["import", "contracts", "k.csv", "--lang", "en"]) == 2, "\(heading): \(cli.stdout)")
            #expect(cli.stderr.contains("column H \"\(heading)\" is headed in"), "\(heading): \(cli.stderr)")
            #expect(cli.stderr.contains("but amounts are read in yuan (元)"), "\(heading): \(cli.stderr)")
            #expect(cli.run(["import", "contracts", "k.csv", "--lang", "zh"]) == 2, "\(heading)")
            #expect(cli.stderr.contains("H 列“\(heading)”的标题以"), "\(heading): \(cli.stderr)")
        }
        for title in ["单位：萬元\n", "单位：万圆\n", "合同台账,单位：,万元\n", "\"Amounts in 10,000 yuan\"\n", "\"Unit: RMB 10,000\"\n",
                      "合同台账 (in thousands of yuan)\n"] {
            try write(cli, "t.csv", Self.contract(rent: "租金", title: title))
            #expect(cli.run(["import", "contracts", "t.csv", "--lang", "en"]) == 2, "\(title): \(cli.stdout)")
            #expect(cli.stderr.contains("says amounts are in"), "\(title): \(cli.stderr)")
        }
        #expect(try cli.logBytes() == before, "the log is as it was")
    }

    /// 元 however written stays accepted, and a title naming an organisation or a year is a title.
    @Test func yuanHeadingsImport() throws {
        let cli = demo()
        try write(cli, "ok.csv", Self.contract(rent: "租金（人民币元/年）", title: "编制单位：,海韵物业,（2025年）\n"))
        #expect(cli.run(["import", "contracts", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try cli.logBytes(), as: UTF8.self).contains(#""rent_fen":120"#))
    }

    /// `租金（元/月）` in a row of 计租周期 年: refused, naming both and the factor; a row of 月 imports.
    @Test func aRentHeadedPerMonthInAYearlyRowIsRefused() throws {
        let cli = demo()
        let before = try cli.logBytes()
        try write(cli, "m.csv", Self.contract(rent: "租金（元/月）", period: "年"))
        #expect(cli.run(["import", "contracts", "m.csv", "--dry-run", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"m.csv: row 2, column I "计租周期": "年" disagrees with column H "租金（元/月）": its heading says the rent is per month, this row's period is a year, so the rent would be recorded for the wrong period (12 times off)"#),
                "\(cli.stdout)")
        #expect(cli.run(["import", "contracts", "m.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("m.csv 第 2 行，I 列“计租周期”：“年”与 H 列“租金（元/月）”不一致：该列标题写明租金按月计，本行计租周期却是“年”，租金会按错误的周期记录（相差 12 倍）"),
                "\(cli.stdout)")
        #expect((cli.stdout + cli.stderr).contains("请改正本行的计租周期"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
        try write(cli, "q.csv", Self.contract(rent: "租金（元/季度）", period: "月"))
        #expect(cli.run(["import", "contracts", "q.csv", "--dry-run", "--lang", "en"]) == 2)
        #expect(cli.stdout.contains("per quarter, this row's period is a month") && cli.stdout.contains("(3 times off)"), "\(cli.stdout)")
        try write(cli, "ok.csv", Self.contract(rent: "租金（元/月）", period: "月"))
        #expect(cli.run(["import", "contracts", "ok.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try cli.logBytes(), as: UTF8.self).contains(#""rent_period":"month""#))
    }

    /// Review 35e S1: a rent headed as a price per m², household or space (`租金（元/㎡/月）`) was recorded as the whole
    /// rent (1/50 of a 50 m² basement's); refused in both languages, naming the column, the ledger unchanged.
    @Test func aRentHeadedAsAUnitPriceIsRefused() throws {
        let cli = demo()
        let before = try cli.logBytes()
        try write(cli, "p.csv", Self.contract(rent: "租金（元/㎡/月）", period: "月"))
        #expect(cli.run(["import", "contracts", "p.csv", "--lang", "en"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(#"column H "租金（元/㎡/月）" is headed as a unit price ("元/㎡/月": per square metre, per household or per space)"#),
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "contracts", "p.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("H 列“租金（元/㎡/月）”的标题是单价"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before, "the log is as it was")
    }

    /// Amounts as Excel writes them: zeros past the fen import, scientific notation says what it is.
    @Test func excelAmounts() throws {
        let cli = demo()
        try write(cli, "i.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1234.5000,甲,TZ1,停车费\n2025-05-02,F-HY-PI,1.2E+05,甲,TZ2,停车费\n")
        #expect(cli.run(["import", "income", "i.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("i.csv 第 3 行，C 列“金额”：“1.2E+05”不是以元为单位的金额：是科学计数法"), "\(cli.stdout)")
        #expect(cli.stdout.contains("请在保存出该文件的工作簿中把该列设置为“数值”格式、保留两位小数（设置单元格格式 → 数值），再重新另存为 CSV；如果只剩这个 CSV，请按原件（凭证、银行文件）重新填入数字"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("第 2 行"), "\(cli.stdout)")
        try write(cli, "j.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-05-01,F-HY-PI,1234.5000,甲,TZ1,停车费\n")
        #expect(cli.run(["import", "income", "j.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try cli.logBytes(), as: UTF8.self).contains(#""amount_fen":123450"#))
    }
}
