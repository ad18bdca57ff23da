import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 38 S1, S2, through `ledger import`: a payment or a part imported again under a voucher or id the clerk
/// corrected or Excel changed is refused naming the record (or the earlier row), every problem of the file in one run,
/// the ledger unchanged, from the stored state and from the whole log alike; `--allow-twins` records it as another
/// one; the cases that differ in what makes them two (another amount, category, name or location) stay accepted.
@Suite struct ImportTwinsCommandTests {
    static let income = "日期,账户编号,金额,付款方,凭证号,类别\n"
    static let register = "编号,小区,类型,名称,位置,面积,登记日期\n"

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "街道办-王芳"
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    /// Runs `arguments` from the stored state and from the whole log (`LEDGER_SCOPES=off`): the same exit status
    /// and output both ways, the ledger unchanged when refused. Returns the output.
    @discardableResult
    func refusedBothWays(_ cli: CLIHarness, _ arguments: [String]) throws -> String {
        let before = try cli.logBytes()
        var outputs: [String] = []
        for scopes in [nil, "off"] {
            cli.environment["LEDGER_SCOPES"] = scopes
            #expect(cli.run(arguments) == 2, "\(arguments) \(scopes ?? "state"): \(cli.stdout)\(cli.stderr)")
            outputs.append(cli.stdout)
            #expect(try cli.logBytes() == before)
        }
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(outputs[0] == outputs[1])
        return outputs[0]
    }

    /// S1: a voucher Excel made a date of, and the other forms Excel gives it.
    @Test(arguments: ["2026/1/12", "2026-01-12", "1月12日", "12-Jan", "Jan-12"])
    func aVoucherExcelMadeADateOfIsRefused(_ voucher: String) throws {
        let cli = demo()
        try write(cli, "xa.csv", Self.income + "2025-12-10,F-HY-PI,100,王明,1-12,其他\n")
        try write(cli, "xb.csv", Self.income + "2025/12/10,F-HY-PI,100,王明,\(voucher),其他\n")
        #expect(cli.run(["import", "income", "xa.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refusedBothWays(cli, ["import", "income", "xb.csv"])
        #expect(out.contains("xb.csv: row 2, column E \"凭证号\": \"\(voucher)\" reads as a date, as Excel saves a voucher or id such as 1-12"), "\(out)")
        #expect(out.contains("in Excel format the column as Text before typing or pasting, then re-type it"), "\(out)")
        // The same row is the recorded payment under another voucher as well: both said in the one run.
        #expect(out.contains("is the voucher of a payment the ledger already holds under another voucher (record #") && out.contains("voucher \"1-12\""), "\(out)")
        // In Chinese.
        #expect(cli.run(["import", "income", "xb.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("是一个日期的样子：Excel 会把 1-12、3/5 这样的凭证号或编号当作日期保存")
                && cli.stdout.contains("请照纸质凭证或文件填写：在 Excel 中先把该列设置为文本格式，再重新录入或粘贴"), "\(cli.stdout)")
        // --allow-twins does not let a damaged voucher in: it is no other payment's number.
        #expect(cli.run(["import", "income", "xb.csv", "--allow-twins"]) == 2)
    }

    /// S2: the voucher corrected (letter O → digit 0) and the file imported again.
    @Test func aPaymentImportedAgainUnderACorrectedVoucherIsRefused() throws {
        let cli = demo()
        try write(cli, "v1.csv", Self.income + "2025-12-10,F-HY-PI,\"1,800.00\",青岛海港停车管理有限公司,SJ-2026-0O1,停车费\n")
        try write(cli, "v2.csv", Self.income + "2025-12-10,F-HY-PI,\"1,800.00\",青岛海港停车管理有限公司,SJ-2026-001,停车费\n")
        #expect(cli.run(["import", "income", "v1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refusedBothWays(cli, ["import", "income", "v2.csv"])
        #expect(out.contains("v2.csv: row 2, column E \"凭证号\": \"SJ-2026-001\" is the voucher of a payment the ledger already holds under another voucher (record #"), "\(out)")
        #expect(out.contains(", voucher \"SJ-2026-0O1\": income of ¥1,800.00 to F-HY-PI on 2025-12-10 from \"青岛海港停车管理有限公司\", category parking)"), "\(out)")
        #expect(out.contains("import the file again with --allow-twins"), "\(out)")
        #expect(cli.run(["import", "income", "v2.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("所记的款项，账本中已以另一凭证号记录（记录 #") && cli.stdout.contains("凭证号“SJ-2026-0O1”：2025-12-10 F-HY-PI 收入 1,800.00元，付款方“青岛海港停车管理有限公司”，类别 停车费）")
                && cli.stdout.contains("请加 --allow-twins 重新导入该文件"), "\(cli.stdout)")
        // Another payment, said so: recorded; imported again, the file is unchanged (no flag needed).
        #expect(cli.run(["import", "income", "v2.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 read, 1 new"), "\(cli.stdout)")
        #expect(cli.run(["import", "income", "v2.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 already recorded"), "\(cli.stdout)")
    }

    /// Twins inside one file, every problem of the batch in one run; and the legitimate neighbours.
    @Test func twinRowsOfOneFileAreRefusedAndTheirNeighboursAccepted() throws {
        let cli = demo()
        try write(cli, "twins.csv", Self.income
                  + "2025-11-01,F-HY-PI,300,李四,P-1,停车费\n"
                  + "2025-11-01,F-HY-PI,300,李四,P-2,停车费\n"
                  + "2025-11-01,F-HY-PI,300,李四,2026/3/5,停车费\n")
        let out = try refusedBothWays(cli, ["import", "income", "twins.csv"])
        #expect(out.contains("twins.csv: row 3, column E \"凭证号\": \"P-2\" is the voucher of a payment that row 2 of this file already gives under another voucher (\"P-1\""), "\(out)")
        #expect(out.contains("twins.csv: row 4, column E \"凭证号\": \"2026/3/5\" reads as a date") && out.contains("row 4, column E \"凭证号\": \"2026/3/5\" is the voucher of a payment that row 2 of this file"), "\(out)")
        #expect(!out.contains("row 2, column E"), "\(out)")
        // Each differs from the others in what makes two payments: accepted without any option.
        for (name, rows) in [
            ("amount.csv", "2025-11-02,F-HY-PI,300,李四,Q-1,停车费\n2025-11-02,F-HY-PI,301,李四,Q-2,停车费\n"),
            ("category.csv", "2025-11-03,F-HY-PI,300,李四,R-1,停车费\n2025-11-03,F-HY-PI,300,李四,R-2,租赁\n"),
            ("payer.csv", "2025-11-04,F-HY-PI,300,李四,S-1,停车费\n2025-11-04,F-HY-PI,300,王五,S-2,停车费\n"),
            ("day.csv", "2025-11-05,F-HY-PI,300,李四,T-1,停车费\n2025-11-06,F-HY-PI,300,李四,T-2,停车费\n"),
            ("fund.csv", "2025-11-07,F-HY-PI,300,李四,U-1,停车费\n2025-11-07,F-HY-MF,300,李四,U-1,停车费\n"),
            ("ids.csv", "2025-11-08,F-HY-PI,300,李四,B1-023,停车费\n2025-11-08,F-HY-PI,301,李四,1-12,停车费\n"),
        ] {
            try write(cli, name, Self.income + rows)
            #expect(cli.run(["import", "income", name]) == 0, "\(name): \(cli.stdout)\(cli.stderr)")
            #expect(cli.stdout.contains("2 read, 2 new"), "\(name): \(cli.stdout)")
        }
        // Two payments, said so: recorded, and the file imports again unchanged.
        try write(cli, "two.csv", Self.income + "2025-11-09,F-HY-PI,300,李四,V-1,停车费\n2025-11-09,F-HY-PI,300,李四,V-2,停车费\n")
        #expect(cli.run(["import", "income", "two.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "two.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 already recorded"), "\(cli.stdout)")
        // A transfer repeated under another voucher.
        try write(cli, "t1.csv", "日期,转出账户,转入账户,金额,凭证号\n2025-11-10,F-HY-PI,F-HY-MF,100.00,ZZ-1\n")
        try write(cli, "t2.csv", "日期,转出账户,转入账户,金额,凭证号\n2025-11-10,F-HY-PI,F-HY-MF,100.00,ZZ-2\n")
        #expect(cli.run(["import", "transfers", "t1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let transfer = try refusedBothWays(cli, ["import", "transfers", "t2.csv"])
        #expect(transfer.contains("transfer of ¥100.00 from F-HY-PI to F-HY-MF on 2025-11-10"), "\(transfer)")
        // The option is for the kinds compared so.
        for kind in ["decisions", "statement"] {
            #expect(cli.run(["import", kind, "t1.csv"] + (kind == "statement" ? ["--fund", "F-HY-PI"] : []) + ["--allow-twins"]) == 2)
            #expect(cli.stderr.contains("--allow-twins is for income, spending, transfers, assets and contracts imports"), "\(kind): \(cli.stderr)")
        }
    }

    /// A spending twin inside one file, and a contract id Excel made a date of (an id a fact file's row creates).
    @Test func aSpendingTwinAndAContractIDExcelMadeADateOf() throws {
        let cli = demo()
        let row = { (voucher: String) in "2025-06-30,F-HY-PI,3500,海韵小区业委会,\(voucher),业委会办公用品,业委会经费,,,,\n" }
        try write(cli, "s.csv", "日期,账户编号,金额,收款方,凭证号,用途,支出类别,决定编号,资产编号,紧急情形,紧急依据\n" + row("FP-X1") + row("FP-X2"))
        let out = try refusedBothWays(cli, ["import", "spending", "s.csv"])
        #expect(out.contains("s.csv: row 3, column E \"凭证号\": \"FP-X2\" is the voucher of a payment that row 2 of this file already gives under another voucher (\"FP-X1\": "
                             + "spending of ¥3,500.00 from F-HY-PI on 2025-06-30 to \"海韵小区业委会\""), "\(out)")
        #expect(cli.run(["import", "spending", "s.csv", "--allow-twins", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "k.csv", "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期\n"
                  + "3-Mar,C-HY,A-HY-AD1,青岛新潮传媒有限公司,电梯广告,2025-04-01,2027-03-31,\"12,000.00\",年,D-HY-2024-01,F-HY-PI,2025-03-25\n")
        let contract = try refusedBothWays(cli, ["import", "contracts", "k.csv"])
        #expect(contract.contains("k.csv: row 2, column A \"合同编号\": \"3-Mar\" reads as a date, as Excel saves a voucher or id such as 1-12"), "\(contract)")
    }

    /// S2 for the register: a part imported again under a corrected id, twins inside one file, and parking bays
    /// that share a kind, an area and a location but not a name.
    @Test func aPartImportedAgainUnderACorrectedIDIsRefused() throws {
        let cli = demo()
        try write(cli, "r1.csv", Self.register + "A-YX-TO1,C-YX,车位,地面车位T01,北门,12.5,2026-01-05\n")
        try write(cli, "r2.csv", Self.register + "A-YX-T01,C-YX,车位,地面车位T01,北门,12.50,2026-01-05\n")
        try write(cli, "r3.csv", Self.register + "A-YX-T02,C-YX,车位,地面车位T02,北门,12.5,2026-01-05\n"
                  + "A-YX-T03,C-YX,车位,地面车位T02,北门,12.5,2026-01-05\n")
        try write(cli, "bays.csv", Self.register + "A-YX-B01,C-YX,车位,地面车位B01,北门,12.5,2026-01-05\n"
                  + "A-YX-B02,C-YX,车位,地面车位B02,北门,12.5,2026-01-05\n" + "A-YX-B03,C-YX,车位,地面车位B01,南门,12.5,2026-01-05\n")
        #expect(cli.run(["import", "assets", "r1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refusedBothWays(cli, ["import", "assets", "r2.csv"])
        #expect(out.contains("r2.csv: row 2, column A \"编号\": \"A-YX-T01\" registers a part the ledger already holds under another id (asset A-YX-TO1: "
                             + "community C-YX, kind parking, name \"地面车位T01\", location \"北门\", area 12.50 m²)"), "\(out)")
        #expect(out.contains("write its id as the ledger's \"A-YX-TO1\" or delete this row") && out.contains("--allow-twins"), "\(out)")
        #expect(cli.run(["import", "assets", "r2.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("所登记的共有部分，账本中已以另一编号登记（共有部分 A-YX-TO1：小区 C-YX，类型 车位，名称“地面车位T01”，位置“北门”，面积 12.50 平方米）"), "\(cli.stdout)")
        let rows = try refusedBothWays(cli, ["import", "assets", "r3.csv"])
        #expect(rows.contains("r3.csv: row 3, column A \"编号\": \"A-YX-T03\" registers a part that row 2 of this file already registers under another id (A-YX-T02"), "\(rows)")
        #expect(cli.run(["import", "assets", "bays.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 new"), "\(cli.stdout)")
        // Another part, said so.
        #expect(cli.run(["import", "assets", "r3.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "assets", "r3.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Review 39 (importdoor39): a register without a 小区 column, its community given by `--community`, is compared
    /// with that community's parts too — from the stored state it read none (the rows name no community of their
    /// own), and a part registered again under another id went in.
    @Test func aPartRepeatedByAFileWithoutACommunityColumnIsRefused() throws {
        let cli = demo()
        try write(cli, "r1.csv", Self.register + "A-YX-TO1,C-YX,车位,地面车位T01,北门,12.5,2026-01-05\n")
        try write(cli, "r4.csv", "编号,类型,名称,位置,面积,登记日期\n" + "A-YX-T01,车位,地面车位T01,北门,12.50,2026-01-05\n")
        #expect(cli.run(["import", "assets", "r1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refusedBothWays(cli, ["import", "assets", "r4.csv", "--community", "C-YX"])
        #expect(out.contains("r4.csv: row 2, column A \"编号\": \"A-YX-T01\" registers a part the ledger already holds under another id (asset A-YX-TO1: "),
                "\(out)")
        #expect(cli.run(["import", "assets", "r4.csv", "--community", "C-YX", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }
}
