import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 36a's messy-office-file leftovers, through `ledger import` on the demo ledger: `20251005` dates in fact
/// files and registers (eight-digit ids and amounts untouched), Excel serials with a time of day, the statement
/// headings 付款金额/收款金额 and 转出金额/转入金额, UTF-16 text without a byte-order mark, and the counts of a
/// rejects file imported again.
@Suite struct OfficeFileImportTests {
    let base = FactImportCommandTests()

    /// The `log --json` line of the record of `type` holding `text` (a voucher, an asset id).
    func line(_ cli: CLIHarness, _ type: String, holding text: String) -> String {
        #expect(cli.run(["log", "--json", "--type", type]) == 0)
        return cli.stdout.split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? "no \(type) holds \(text)"
    }

    @Test func eightDigitDatesInAFactFileAndARegister() throws {
        let cli = base.demo()
        // The voucher and the amount are eight digits too: they stay a voucher and an amount.
        try base.write(cli, "收入.csv", """
            日期,账户编号,金额,付款方,凭证号,类别
            20251005,F-HY-PI,20251006,某公司,20251007,停车费
            ２０２５１００６ 0:00,F-HY-PI,100,某公司,SJ-8D-2,停车费

            """)
        #expect(cli.run(["import", "income", "收入.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let first = line(cli, "fund.income", holding: #""voucher":"20251007""#)
        #expect(first.contains(#""amount_fen":2025100600"#) && first.contains(#""occurred_on":"2025-10-05""#), "\(first)")
        #expect(line(cli, "fund.income", holding: "SJ-8D-2").contains(#""occurred_on":"2025-10-06""#))

        // A register: an id of eight digits is an id, the date of eight digits a date.
        try base.write(cli, "登记.csv", "编号,小区,类型,名称,位置,面积,登记日期\n20240302,C-HY,车位,地面车位99,2号楼东侧,12.5,20240302\n")
        #expect(cli.run(["import", "assets", "登记.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(line(cli, "asset.registered", holding: #""asset_id":"20240302""#).contains(#""registered_on":"2024-03-02""#))

        // Eight digits that are no date: refused naming file, row, column and value, with what is allowed.
        try base.write(cli, "坏.csv", "日期,账户编号,金额,付款方,凭证号,类别\n20251305,F-HY-PI,100,某公司,SJ-8D-3,停车费\n")
        #expect(cli.run(["import", "income", "坏.csv", "--dry-run"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("坏.csv: row 2, column A \"日期\": \"20251305\" is not a real date (eight digits are read as year 2025, "
            + "month 13, day 05). Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日."), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "坏.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("坏.csv 第 2 行，A 列“日期”：“20251305”不是实际存在的日期（8 位数字按年、月、日读作 2025 年 13 月 05 日）。"
            + "日期请写作 2024-03-01、2024/3/1、20240301 或 2024年3月1日。"), "\(cli.stdout)\(cli.stderr)")
    }

    /// `--excel-dates` and a date-time cell saved as a number (45935.5 is 2025-10-05 12:00): a statement takes the
    /// day, as it does of a written time; a fact file takes midnight only, as it refuses `2025/10/5 12:00`.
    @Test func excelSerialsWithATimeOfDay() throws {
        let cli = base.demo()
        try base.write(cli, "收入.csv", "日期,账户编号,金额,付款方,凭证号,类别\n45935.0,F-HY-PI,100,某公司,SJ-XS-1,停车费\n45935.5,F-HY-PI,100,某公司,SJ-XS-2,停车费\n")
        #expect(cli.run(["import", "income", "收入.csv", "--excel-dates", "--dry-run"]) == 2)
        let out = cli.stdout + cli.stderr
        #expect(out.contains("rows:    2 read, 1 new, 0 already recorded, 1 rejected"), "\(out)")
        #expect(out.contains("收入.csv: row 3, column A \"日期\": \"45935.5\" looks like an Excel date-time serial number (it would be 2025-10-05 12:00); "
            + "a time of day other than midnight is not allowed here. Format the column as a date without a time (yyyy-mm-dd) in Excel or WPS before "
            + "saving, or write the date itself, e.g. 2025-10-05."), "\(out)")
        #expect(cli.run(["import", "income", "收入.csv", "--excel-dates", "--dry-run", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("收入.csv 第 3 行，A 列“日期”：“45935.5”像是 Excel 的日期时间序号（对应 2025-10-05 12:00），这里除零点外不能带时刻。"
            + "请先在 Excel 或 WPS 中把这一列设为不带时刻的日期格式（yyyy-mm-dd）再保存，或直接写日期，如 2025-10-05。"), "\(cli.stdout)\(cli.stderr)")

        try base.write(cli, "对账单.csv", "交易时间,流水号,交易金额,对方户名,摘要\n45935.5,TXS1,-20.00,某五金店,灯泡\n20251006 09:12:01,TXS2,-30.00,某五金店,灯泡\n")
        #expect(cli.run(["import", "statement", "对账单.csv", "--fund", "F-HY-PI", "--excel-dates"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(line(cli, "fund.spending", holding: "TXS1").contains(#""occurred_on":"2025-10-05""#))
        #expect(line(cli, "fund.spending", holding: "TXS2").contains(#""occurred_on":"2025-10-06""#))
        // Without --excel-dates the serial is refused as before.
        try base.write(cli, "对账单2.csv", "交易时间,流水号,交易金额,对方户名,摘要\n45936.25,TXS3,-20.00,某五金店,灯泡\n")
        #expect(cli.run(["import", "statement", "对账单2.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("\"45936.25\" looks like an Excel date serial number (it would be 2025-10-06). Format the column as a date "
            + "in Excel before saving, or pass --excel-dates to read serial numbers."), "\(cli.stdout)\(cli.stderr)")
    }

    /// 付款金额/收款金额 and 转出金额/转入金额 are a statement's debit and credit columns, as 借方金额/贷方金额 are.
    @Test(arguments: [("付款金额", "收款金额"), ("转出金额", "转入金额"), ("借方金额", "贷方金额")])
    func debitAndCreditHeadings(_ debit: String, _ credit: String) throws {
        let cli = base.demo()
        for creditFirst in [false, true] {
            let columns = creditFirst ? "\(credit),\(debit)" : "\(debit),\(credit)"
            let lines = creditFirst ? ["500.00,", ",20.00"] : [",500.00", "20.00,"]
            try base.write(cli, "s.csv", "交易日期,流水号,\(columns),余额,对方户名,摘要\n"
                + "2025-10-02,TXH1,\(lines[0]),\"18,323.45\",青岛海港停车管理有限公司,停车费\n"
                + "2025-10-03,TXH2,\(lines[1]),\"18,303.45\",某五金店,灯泡\n")
            #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(columns)\n\(cli.stdout)\(cli.stderr)")
            #expect(cli.stdout.contains("\(debit) → debit") && cli.stdout.contains("\(credit) → credit"), "\(cli.stdout)")
            #expect(cli.stdout.contains("1 fund.income, 1 fund.spending"), "\(columns)\n\(cli.stdout)")
        }
    }

    @Test func utf16AndUTF32WithoutAByteOrderMarkAreNamed() throws {
        let cli = base.demo()
        let text = "日期,账户编号,金额,付款方,凭证号,类别\n2025-10-05,F-HY-PI,100,某公司,SJ-U-1,停车费\n"
        try base.write(cli, "u16.csv", text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try base.write(cli, "u32.csv", [0, 0, 0xFE, 0xFF] + text.unicodeScalars.flatMap { s -> [UInt8] in
            [0, UInt8(s.value >> 16), UInt8(s.value >> 8 & 0xFF), UInt8(s.value & 0xFF)]
        })
        #expect(cli.run(["import", "income", "u16.csv", "--dry-run"]) == 2)
        #expect(cli.stderr.contains("u16.csv: not a CSV file: it is UTF-16LE text (without a byte-order mark, as some \"Unicode Text\" files from Excel or WPS are)"),
                "\(cli.stderr)")
        #expect(cli.run(["import", "income", "u32.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("u32.csv：不是 CSV 文件：它是 UTF-32BE 编码的文本（带字节顺序标记），导入不读这种编码，只读 UTF-8 或 GB18030。"
            + "请在 Excel 或 WPS 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”"), "\(cli.stderr)")
    }

    /// A rejects file imported again: its counts are its own rows, and the report says the rows recorded from the
    /// original file are already in the ledger (review 36a: "0 already recorded" read as if they were lost).
    @Test func theCountsOfARejectsFileImportedAgain() throws {
        let cli = base.demo()
        try base.write(cli, "收入.csv", """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-10-01,F-HY-PI,100,某公司,RJ-1,停车费
            2025-10-02,F-HY-PI,abc,某公司,RJ-2,停车费
            2025-10-03,F-HY-PI,100,某公司,RJ-3,停车费
            2025-13-04,F-HY-PI,100,某公司,RJ-4,停车费
            2025-10-05,F-HY-PI,100,某公司,RJ-5,停车费

            """)
        #expect(cli.run(["import", "income", "收入.csv", "--allow-partial", "--rejects", "退回.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!cli.stdout.contains("this is a rejects file"), "\(cli.stdout)")
        // One row fixed and its error cleared; the other left as it was.
        try base.write(cli, "退回.csv", """
            日期,账户编号,金额,付款方,凭证号,类别,导入错误
            2025-10-02,F-HY-PI,200,某公司,RJ-2,停车费,
            2025-13-04,F-HY-PI,100,某公司,RJ-4,停车费,第 5 行：A 列“日期”：“2025-13-04”不是实际存在的日期。

            """)
        #expect(cli.run(["import", "income", "退回.csv", "--allow-partial", "--rejects", "退回2.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("""
              rows:    2 read, 1 new, 0 already recorded, 1 rejected
                       (this is a rejects file: the counts are of its own 2 rows; the good rows of the file it was made from were recorded by that file's import, are already in the ledger and are not counted again here)

            """), "\(cli.stdout)")
        #expect(cli.run(["import", "income", "退回.csv", "--dry-run", "--json"]) == 2)
        #expect(cli.stdout.contains(#""rejects_file_rerun":true"#), "\(cli.stdout)")
        #expect(cli.run(["import", "income", "退回.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("""
              行数：读取 2，新增 0，已记录 1，退回 1
              （这是退回文件：以上只计本文件自身的 2 行；生成它的原文件中正确的行已在原文件导入时记入账本，这里不再计数）

            """), "\(cli.stdout)")
        // A register's rejects file too.
        try base.write(cli, "登记退回.csv", "编号,小区,类型,名称,位置,面积,登记日期,导入错误\nA-HY-P98,C-HY,车位,地面车位98,2号楼东侧,12.5,2024-03-01,\n")
        #expect(cli.run(["import", "assets", "登记退回.csv", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("(this is a rejects file: the counts are of its own 1 row;"), "\(cli.stdout)")
    }
}
