import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 45a (a property-company clerk), through `ledger import`: a private tenant's bank payments linked to its
/// contract (D1), a corrected row of a private person's payment told in words (D2), options a kind does not read
/// refused and a register's personal-data columns refused (D3), an implausible Excel serial refused (D4), a bank line
/// of the same day and amount taken for the recorded receipt whatever payer it names (D6, as before: review 45d), a
/// deposit of several receipts said (D5).
@Suite struct ImportReview45ClerkTests {
    typealias Base = ImportReview43TwinsTests
    let base = Base()
    static let rules = #"{"rules":[{"if":{"memo":"停车"},"category":"parking"},{"if":{"memo":"存入"},"category":"other"}]}"#

    func logText(_ cli: CLIHarness) throws -> String { String(decoding: try cli.logBytes(), as: UTF8.self) }

    /// Whether `text` shows a commitment (the report's file SHA-256 is no commitment).
    func showsHash(_ text: String) -> Bool { text.contains("commitment") }

    // MARK: D1

    /// A contract whose tenant was recorded `--private counterparty`: the tenant's bank payment is linked to it, as a
    /// tenant's in clear is, and the name is nowhere in the log in clear.
    @Test(arguments: [true, false])
    func aPrivateTenantsPaymentIsLinkedToItsContract(privateTenant: Bool) throws {
        let cli = try base.ledger()
        try base.write(cli, "k.csv", Base.contractHeader + Base.contract("K-P", tenant: "张伟"))
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD001,租金,张伟,,\"20,000.00\",\"20,000.00\"\n")
        #expect(cli.run(["import", "contracts", "k.csv"] + (privateTenant ? ["--private", "counterparty"] : [])) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = try logText(cli)
        #expect(log.contains(#""source":{"contract_id":"K-P"}"#), "\(log)")
        if privateTenant { #expect(!log.contains("张伟"), "\(log)") }
    }

    // MARK: D2

    /// A corrected row of a payment recorded with `--private counterparty`, imported without it: the same person,
    /// said in words (no commitment shown), the amount put right told as a change of the recorded payment with the
    /// advice to import as before or correct it writing {"person": …} — never "another payment" under a new voucher.
    @Test func aCorrectedRowOfAPrivatePersonsPaymentIsToldInWords() throws {
        let cli = try base.ledger()
        try base.write(cli, "r.csv", Base.incomeHeader + "2025/3/1,F-T,1800,张三,SJ-001,停车费,\n")
        try base.write(cli, "r2.csv", Base.incomeHeader + "2025/3/1,F-T,180,张三,SJ-001,停车费,\n")
        try base.write(cli, "r3.csv", Base.incomeHeader + "2025/3/1,F-T,180,李四,SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "r.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try base.refused(cli, ["import", "income", "r2.csv"])
        #expect(!showsHash(out), "\(out)")
        #expect(!out.contains("another payment"), "\(out)")
        #expect(out.contains(#"counterparty a private person (kept in private/) → "张三" (the same person)"#), "\(out)")
        #expect(out.contains(#"a private person written {"person": "…"} stays private"#), "\(out)")
        #expect(cli.run(["import", "income", "r2.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("自然人（个人信息保存在 private/ 中） → “张三”（同一人）") || cli.stdout.contains("自然人（个人信息保存在 private/ 中） → \"张三\"（同一人）"),
                "\(cli.stdout)")
        #expect(!showsHash(cli.stdout))
        // Another person and another amount: another payment, still no commitment shown.
        let other = try base.refused(cli, ["import", "income", "r3.csv"])
        #expect(other.contains("another payment") && !showsHash(other) && !other.contains("(the same person)"), "\(other)")
    }

    // MARK: D3

    static let registerHeader = "编号,小区,类型,名称,位置,面积,登记日期\n"

    /// Options a kind does not read are refused naming the option and what the kind takes, nothing written.
    @Test(arguments: [
        (["import", "assets", "a.csv", "--private", "user"], "`ledger import assets` does not take --private", "“ledger import assets”不接受 --private"),
        (["import", "assets", "a.csv", "--private", "nonsense"], "`ledger import assets` does not take --private", "“ledger import assets”不接受 --private"),
        (["import", "assets", "a.csv", "--fund", "F-T"], "`ledger import assets` does not take --fund", "“ledger import assets”不接受 --fund"),
        (["import", "assets", "a.csv", "--rules", "r.json"], "`ledger import assets` does not take --rules", "“ledger import assets”不接受 --rules"),
        (["import", "income", "i.csv", "--fund", "F-T"], "`ledger import income` does not take --fund", "“ledger import income”不接受 --fund"),
        (["import", "income", "i.csv", "--rules", "r.json"], "`ledger import income` does not take --rules", "“ledger import income”不接受 --rules"),
        (["import", "statement", "s.csv", "--fund", "F-T", "--community", "C-T"], "`ledger import statement` does not take --community",
         "“ledger import statement”不接受 --community"),
    ])
    func anOptionTheKindDoesNotReadIsRefused(arguments: [String], en: String, zh: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", Self.registerHeader + "A-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,2024-01-06\n")
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/3/1,F-T,1800,甲公司,SJ-001,停车费,\n")
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD001,停车费,甲公司,,100.00,100.00\n")
        try base.write(cli, "r.json", Self.rules)
        let before = try cli.logBytes()
        #expect(cli.run(arguments) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(en) && out.contains("Nothing was imported. It takes --"), "\(out)")
        if arguments.contains("--private") { #expect(out.contains("map") && out.contains("to ignore"), "\(out)") }
        #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(zh), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// A register column headed as personal data is refused unless a mapping file names it (ignore: imported
    /// without it).
    @Test(arguments: ["联系电话", "身份证号码", "手机"])
    func aRegisterColumnOfPersonalDataIsRefusedUnlessMapped(heading: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,登记日期,\(heading)\nA-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,2024-01-06,13800000000\n")
        try base.write(cli, "m.json", #"{"columns": {"\#(heading)": "ignore"}}"#)
        let before = try cli.logBytes()
        #expect(cli.run(["import", "assets", "a.csv"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("column H \"\(heading)\" reads as a person's data") && out.contains(#"{"columns": {"\#(heading)": "ignore"}}"#), "\(out)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "assets", "a.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("H 列“\(heading)”看来是个人信息"), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "assets", "a.csv", "--mapping", "m.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!(try logText(cli)).contains("13800000000"))
    }

    // MARK: D4

    /// Under --excel-dates a year typed in 保修期至 (`2028`, serial 2028 = 1905-07-20) is refused naming the cell,
    /// its value and the reading; a serial after 1950 is read.
    @Test func anImplausibleExcelSerialIsRefused() throws {
        let cli = try base.ledger()
        try base.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,登记日期,保修期至\nA-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,45000,2028\n")
        #expect(cli.run(["import", "assets", "a.csv", "--excel-dates"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"a.csv: row 2, column H "保修期至": "2028" was read as an Excel serial number (--excel-dates), the date 1905-07-20, before 1950-01-01"#), "\(out)")
        #expect(cli.run(["import", "assets", "a.csv", "--excel-dates", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("按 Excel 日期序号读取（--excel-dates），即 1905-07-20，早于 1950-01-01"), "\(cli.stdout)\(cli.stderr)")
        try base.write(cli, "b.csv", "编号,小区,类型,名称,位置,面积,登记日期,保修期至\nA-T9,C-T,地下室,1号楼地下室,1号楼负一层,200,45000,47848\n")
        #expect(cli.run(["import", "assets", "b.csv", "--excel-dates"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try logText(cli).contains(#""warranty_end":"2030-12-31""#))
    }

    /// A decision's 有效期至 the ledger refuses (before its vote date) names the cell's number and the date it was read as.
    @Test func aDecisionsValidUntilSerialIsNamed() throws {
        let cli = try base.ledger()
        let header = "决定编号,小区,表决日期,事项,参与表决面积,参与表决人数,同意面积,同意人数,授权资产,授权用途,有效期至\n"
        try base.write(cli, "d.csv", header + "D-1,C-T,2025-06-01,改变用途或经营,40000,400,36000,380,A-T1,广告,45000\n")
        #expect(cli.run(["import", "decisions", "d.csv", "--excel-dates"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains(#"column K "有效期至""#) && out.contains(#"The cell "45000" was read as an Excel serial number (--excel-dates), the date 2023-03-15."#), "\(out)")
        #expect(cli.run(["import", "decisions", "d.csv", "--excel-dates", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("该单元格“45000”按 Excel 日期序号读取（--excel-dates），即 2023-03-15。"), "\(cli.stdout)\(cli.stderr)")
    }

    // MARK: D6

    /// A bank line of the same day and amount as a recorded receipt no line of its payer took is that receipt
    /// whatever payer either writes: a receipt's short name (丰巢) beside the bank's full one, or a line naming no
    /// payer, must never make the money count twice (review 45d #1, #2: the payer rule of review 45a D6 did). A line
    /// of another payer taken so is said, with what to do (session 46).
    @Test(arguments: ["乙公司", "青岛停車公司", ""])
    func aBankLineOfTheSameDayAndAmountIsTheReceipt(bankPayer: String) throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/4/5,F-T,500,青岛停车公司,SJ-9,停车费,\n")
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD001,停车费,\(bankPayer),,500.00,500.00\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("0 new, 1 already recorded"), "\(cli.stdout)")
        #expect(!(try logText(cli).contains(#""voucher":"QD001""#)))
        #expect(cli.stdout.contains("counted as the payment of 2025-04-05 for ¥500.00 the fund holds already (record #") == (bankPayer == "乙公司"), "\(cli.stdout)")
        if bankPayer == "乙公司" {
            #expect(cli.stdout.contains(#"the other side "青岛停车公司"), which no line naming that side matched, though this line names "乙公司", another by the ledger's payer-name rule; not recorded again. If they are one payer"#), "\(cli.stdout)")
            #expect(cli.stdout.contains(#"record it with `ledger append` (fund.income, voucher "QD001": the statement imported again knows it by its transaction id)"#), "\(cli.stdout)")
        }
    }

    /// Two receipts of one day and amount, the line naming no payer first: both lines are the receipts (review 45d #1).
    @Test func aLineNamingNoPayerDoesNotTakeANamedLinesReceipt() throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/4/5,F-T,500,张三,SJ-1,停车费,\n2025/4/5,F-T,500,李四,SJ-2,停车费,\n")
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-05,QD001,停车费,,,500.00,500.00\n2025-04-05,QD002,停车费,张三,,500.00,1000.00\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "income", "i.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("0 new, 2 already recorded"), "\(cli.stdout)")
    }

    // MARK: D5

    /// A line depositing two recorded receipts at once is recorded as new money, and said.
    @Test func aDepositOfSeveralReceiptsIsSaid() throws {
        let cli = try base.ledger()
        try base.write(cli, "i.csv", Base.incomeHeader + "2025/4/6,F-T,100,甲公司,SJ-1,停车费,\n2025/4/6,F-T,200,乙公司,SJ-2,停车费,\n")
        try base.write(cli, "s.csv", Base.statementHeader + "2025-04-06,QD002,现金存入,物业公司,,300.00,300.00\n")
        try base.write(cli, "r.json", Self.rules)
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout
        #expect(out.contains("s.csv: row 2: recorded as new money, but its ¥300.00 is the sum of payments of 2025-04-06 the fund holds already that no line of the statement matched (#"), "\(out)")
    }
}
