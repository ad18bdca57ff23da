import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Three ways an import lost or misread rows and still exited 0 (review of session 30): a money or area column
/// headed in another unit (`金额（万元）`, `面积（亩）`) read as 元 or m²; rows filled as data above a header found
/// by its headings skipped as a title; a file of a header alone reported as "every good row is already recorded".
/// Each is now refused, names the header's row, and leaves the log as it was.
@Suite struct HeadingUnitAndRowsAboveTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    /// Runs `ledger import ARGS` on `file` (written as `name`) in English and in Chinese; both refuse, the log is
    /// unchanged, and each message holds its words.
    func expectRefused(_ cli: CLIHarness, _ name: String, _ text: String, _ arguments: [String], en: [String], zh: [String]) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
        let before = try logBytes(cli)
        #expect(cli.run(["import"] + arguments + [name, "--lang", "en"]) == 2, "\(name): \(cli.stdout)")
        for words in en { #expect(cli.stderr.contains(words), "\(name): \(words) in \(cli.stderr)") }
        #expect(cli.run(["import"] + arguments + [name, "--lang", "zh"]) == 2, "\(name): \(cli.stdout)")
        for words in zh { #expect(cli.stderr.contains(words), "\(name): \(words) in \(cli.stderr)") }
        #expect(try logBytes(cli) == before, "\(name): the log is as it was")
    }

    @Test func aColumnHeadedInAnotherUnitIsRefused() throws {
        let cli = demo()
        try expectRefused(cli, "wan.csv", "日期,账户编号,金额（万元）,付款方,凭证号,类别\n2025-05-05,F-HY-PI,1.5,青岛海港停车管理有限公司,SJ-X1,停车费\n",
                          ["income"], en: ["column C \"金额（万元）\" is headed in \"万元\"", "header (row 1)"],
                          zh: ["C 列“金额（万元）”的标题以“万元”为单位，但金额按元读取"])
        try expectRefused(cli, "cents.csv", "日期,账户编号,amount (fen),收款方,凭证号,用途\n2025-06-18,F-HY-PI,350000,某,FP-T-9,x\n",
                          ["spending"], en: ["column C \"amount (fen)\" is headed in \"fen\""], zh: ["以“fen”为单位"])
        try expectRefused(cli, "mu.csv", "编号,小区,类型,名称,位置,面积（亩）,登记日期\nA-HY-MU1,C-HY,绿地,东侧绿地,东门,2.5,2024-03-01\n",
                          ["assets"], en: ["column F \"面积（亩）\" is headed in \"亩\", but areas are read in square metres"],
                          zh: ["F 列“面积（亩）”的标题以“亩”为单位，但面积按平方米读取"])
        // The column's own unit, and a note naming none, are read as before.
        try PosixFile.writeAtomically(Array("日期,账户编号,金额（单位：元）,付款方,凭证号,类别\n2025-05-05,F-HY-PI,1.5,青岛海港停车管理有限公司,SJ-X2,停车费\n".utf8),
                                      to: cli.temp.path + "/yuan.csv")
        #expect(cli.run(["import", "income", "yuan.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log", "--json"]) == 0)
        #expect(cli.stdout.contains(#""amount_fen":150"#))
    }

    @Test func rowsFilledAsDataAboveTheHeaderAreRefused() throws {
        let cli = demo()
        try expectRefused(cli, "sorted.csv", """
            2025-05-01,F-HY-PI,100,某甲,S1,停车费
            2025-05-02,F-HY-PI,200,某乙,S2,停车费
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-03,F-HY-PI,300,某丙,S3,停车费

            """, ["income"], en: ["header (row 3): rows 1, 2 above it are filled like data rows", "--header-row 3"],
            zh: ["表头（第 3 行）：其上方的第 1、2 行像数据行而不像标题", "--header-row 3"])
        try expectRefused(cli, "asorted.csv", """
            海韵小区共有部分登记表,,,,,,
            A-HY-W1,C-HY,车位,w1,北,1,2024-03-01
            编号,小区,类型,名称,位置,面积,登记日期
            A-HY-W2,C-HY,车位,w2,北,1,2024-03-01

            """, ["assets"], en: ["header (row 3): row 2 above it is filled like a data row"], zh: ["表头（第 3 行）：其上方的第 2 行像数据行"])
        // A title and a note above the header are skipped as before; --header-row skips what it is told to.
        try PosixFile.writeAtomically(Array("""
            海韵小区2025年5月收入明细,,,,,
            ,,,,,单位：元
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-04,F-HY-PI,100,某丁,S4,停车费

            """.utf8), to: cli.temp.path + "/title.csv")
        #expect(cli.run(["import", "income", "title.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("header:  row 3"))
        #expect(cli.run(["import", "income", "sorted.csv", "--header-row", "3"]) == 0, "\(cli.stdout)\(cli.stderr)")
        // A form's 填报 row, an export's 账号：… row and a row of labels and values are a preamble, not data (review of
        // session 30: each was refused when the check counted filled cells alone).
        for (k, preamble) in ["填报单位：海韵小区业委会,,填报人：张三,,填报日期：2025年6月1日,", "账号：3702-0002-0001,户名：海韵小区公共收益专户,币种：人民币,,,",
                              "账号,3702-0002-0001,户名,海韵小区公共收益专户,,", "起始日期,2025-05-01,终止日期,2025-05-31,,"].enumerated() {
            try PosixFile.writeAtomically(Array("海韵小区2025年5月收入明细,,,,,\n\(preamble)\n日期,账户编号,金额,付款方,凭证号,类别\n2025-05-0\(k + 5),F-HY-PI,100,某戊,SP\(k),停车费\n".utf8),
                                          to: cli.temp.path + "/pre\(k).csv")
            #expect(cli.run(["import", "income", "pre\(k).csv"]) == 0, "\(preamble)\n\(cli.stdout)\(cli.stderr)")
        }
    }

    @Test func aHeaderWithNoRowsBelowIsRefused() throws {
        let cli = demo()
        try expectRefused(cli, "only.csv", "日期,账户编号,金额,付款方,凭证号,类别\n,,,,,\n\n", ["income"],
                          en: ["header (row 1): there is no row of data below the header"], zh: ["表头下面没有数据行"])
        try expectRefused(cli, "aonly.csv", "编号,小区,类型,名称,位置,面积,登记日期\n", ["assets"],
                          en: ["header (row 1): there is no row of data below the header"], zh: ["表头下面没有数据行"])
    }
}

extension HeadingUnitAndRowsAboveTests {
    /// A bank's export with a dozen rows of account, period and currency above its table: the header is found
    /// below them (it was looked for in the first ten rows only, and the file refused as having no date column).
    @Test func aHeaderBelowADozenRowsOfABanksPreambleIsFound() throws {
        let cli = demo()
        var text = "中国工商银行 账户明细\n"
        for k in 1...11 { text += "项目\(k),说明\(k)\n" }
        text += "交易日期,交易金额,余额,对方户名,摘要,流水号\n2025-10-15,300.00,18223.45,青岛海港停车管理有限公司,停车费,TX-PRE-1\n"
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/pre.csv")
        #expect(cli.run(["import", "statement", "pre.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("row 13"), "\(cli.stdout)")
    }
}
