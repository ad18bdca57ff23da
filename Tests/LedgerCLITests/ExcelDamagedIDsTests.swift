import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 36a: ids Excel damaged when a clerk re-saved a file the ledger had imported. A voucher or an asset id of
/// digits loses its leading zeros (`00123` → `123`), an id such as `1-12` becomes a date, a long account number
/// becomes `6.21700E+18`; each was imported as new (the money or the area counted twice, an account lost). Each is
/// refused naming the recorded one, the ledger unchanged, with or without `index/`.
@Suite struct ExcelDamagedIDsTests {
    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    @Test func aVoucherWithoutItsLeadingZerosIsTheRecordedPayment() throws {
        let cli = demo()
        try write(cli, "a.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026-01-05,F-HY-PI,1200.00,张三,00123,停车费\n")
        try write(cli, "b.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026/1/5,F-HY-PI,1200,张三,123,停车费\n2026/1/7,F-HY-PI,500,王五,125,停车费\n")
        try write(cli, "t1.csv", "日期,转出账户,转入账户,金额,凭证号\n2026-01-05,F-HY-PI,F-HY-MF,100.00,0042\n")
        try write(cli, "t2.csv", "日期,转出账户,转入账户,金额,凭证号\n2026-01-05,F-HY-PI,F-HY-MF,100.00,42\n")
        #expect(cli.run(["import", "income", "a.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "transfers", "t1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        var outputs: [String] = []
        for pass in ["state", "no index"] {
            if pass == "no index" { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(cli.run(["import", "income", "b.csv"]) == 2, "\(pass): \(cli.stdout)")
            outputs.append(cli.stdout)
            #expect(cli.stdout.contains(#"b.csv: row 2, column E "凭证号": "123" is voucher 00123 of this fund (record #"#)
                    && cli.stdout.contains("without its leading zeros, as Excel saves a number: most likely the same payment"), "\(cli.stdout)")
            #expect(cli.stdout.contains("Write the voucher as recorded (00123)"))
            #expect(cli.run(["import", "transfers", "t2.csv"]) == 2, "\(pass): \(cli.stdout)")
            #expect(cli.stdout.contains(#""42" is voucher 0042 of this fund"#), "\(cli.stdout)")
            #expect(try cli.logBytes() == before)
        }
        #expect(outputs[0] == outputs[1])
        #expect(cli.run(["import", "income", "b.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("“123”是这个资金账户下已记录的凭证号 00123（记录 #") && cli.stdout.contains("去掉了开头的 0"), "\(cli.stdout)")
        // Another voucher of digits, or the same digits in another fund, is another payment.
        try write(cli, "c.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026-01-05,F-HY-PI,1200.00,张三,1230,停车费\n2026-01-05,F-QF-PI,1200.00,张三,123,停车费\n")
        // (Its payer, day, amount and category are the recorded payment's: another payment said so, review 38.)
        #expect(cli.run(["import", "income", "c.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    @Test func anAssetIdWithoutItsLeadingZerosOrTurnedIntoADateIsRefused() throws {
        let cli = demo()
        try write(cli, "r1.csv", "编号,类型,名称,位置,面积,登记日期\n001,车位,地下车位001,B1,12.5,2026-01-05\n")
        try write(cli, "r2.csv", "编号,类型,名称,位置,面积,登记日期\n1,车位,地下车位001,B1,12.5,2026/1/5\n0007,车位,车位7,B1,12.5,2026-01-05\n7,车位,车位7,B1,12.5,2026-01-05\n"
                  + "2026/1/12,车位,车位1-12,B1,12.5,2026-01-05\n1月12日,车位,车位1-12,B1,12.5,2026-01-05\n12-Jan,车位,车位1-12,B1,12.5,2026-01-05\n")
        #expect(cli.run(["import", "assets", "r1.csv", "--community", "C-HY"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        var outputs: [String] = []
        for pass in ["state", "no index"] {
            if pass == "no index" { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(cli.run(["import", "assets", "r2.csv", "--community", "C-HY"]) == 2, "\(pass): \(cli.stdout)")
            outputs.append(cli.stdout)
            #expect(try cli.logBytes() == before)
        }
        #expect(outputs[0] == outputs[1])
        let out = outputs[0]
        #expect(out.contains(#"row 2, column A "编号": "1" differs from the registered asset "001" of community "C-HY" only by leading zeros (Excel drops them when it saves a number)"#), "\(out)")
        #expect(out.contains(#"row 4, column A "编号": "7" differs from the id "0007" of row 3 only by leading zeros"#), "\(out)")
        for row in 5...7 { #expect(out.contains("row \(row), column A \"编号\"") && out.contains("reads as a date, as Excel saves an id such as 1-12"), "\(row): \(out)") }
        #expect(out.contains("5 bad rows"), "\(out)")
        #expect(cli.run(["import", "assets", "r2.csv", "--community", "C-HY", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("与小区“C-HY”已登记的共有部分“001”只差开头的 0（Excel 把编号当作数字保存时会去掉）"), "\(cli.stdout)")
    }

    @Test func anAccountInScientificNotationIsRefused() throws {
        let cli = demo()
        try write(cli, "f.csv", "账户编号,小区,账户类型,银行账户,开立日期\nF-HY-X1,C-HY,公共收益,6.21700E+18,2026-01-05\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "funds", "f.csv"]) == 2, "\(cli.stdout)")
        #expect(cli.stdout.contains(#"column D "银行账户": "6.21700E+18" is a long number Excel or WPS shortened to scientific notation"#), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }

    /// `="0000123457"` (in CSV `"=""0000123457"""`), the text a bank's export writes so that Excel keeps the digits,
    /// is read as the digits (it was refused as a formula), so the voucher is the one the original file gives.
    @Test func anExportsQuotedTextIsItsDigits() throws {
        let cli = demo()
        try write(cli, "q.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026-01-05,F-HY-PI,1200.00,张三,\"=\"\"0000123457\"\"\",停车费\n")
        try write(cli, "p.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026-01-05,F-HY-PI,1200.00,张三,0000123457,停车费\n")
        #expect(cli.run(["import", "income", "q.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "p.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 read, 0 new, 1 already recorded") || cli.stdout.contains("0 new"), "\(cli.stdout)")
        // A formula is still a formula.
        try write(cli, "f.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026-01-06,F-HY-PI,1200.00,张三,\"=\"\"A\"\"&B2\",停车费\n")
        #expect(cli.run(["import", "income", "f.csv"]) == 2, "\(cli.stdout)")
    }
}
