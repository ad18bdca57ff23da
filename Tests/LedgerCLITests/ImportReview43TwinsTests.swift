import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 43a (a property-company clerk), through `ledger import`: a contract pasted again under another id (M1),
/// the advice for a row recorded with other values when the file was imported with `--private` or is a bank
/// statement (M2), a bank's reversal (M3), names compared as a reader reads them (m4), and the minors m5, m9, m10,
/// m11. Each refusal names file, row, field and value, in English and Chinese, and leaves the ledger unchanged.
@Suite struct ImportReview43TwinsTests {
    static let setup = [
        #"{"type":"community.registered","occurred_on":"2020-01-02","data":{"community_id":"C-T","name":"测试小区","street":"八大关街道","residents_committee":"测试居委会","total_area_m2":"52000.00","total_owners":480}}"#,
        #"{"type":"fund.opened","occurred_on":"2020-01-05","data":{"fund_id":"F-T","community_id":"C-T","kind":"public_income","account":"青岛银行 8020-0001-0999"}}"#,
        #"{"type":"asset.registered","occurred_on":"2024-01-06","data":{"asset_id":"A-T1","community_id":"C-T","kind":"roof","name":"屋顶","location":"1号楼","area_m2":"100.00","registered_on":"2024-01-06","source":{"kind":"manual"}}}"#,
        #"{"type":"asset.registered","occurred_on":"2024-01-06","data":{"asset_id":"A-T2","community_id":"C-T","kind":"advertising","name":"广告位","location":"1号楼","area_m2":"1.00","registered_on":"2024-01-06","source":{"kind":"manual"}}}"#,
        #"{"type":"contract.signed","occurred_on":"2025-06-15","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-T2"],"counterparty":"甲公司","purpose":"广告","start_on":"2025-07-01","end_on":"2026-06-30","rent_fen":330000,"rent_period":"quarter","payee_fund_id":"F-T"}}"#,
    ].joined(separator: "\n") + "\n"

    static let contractHeader = "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,决定编号,收款账户,签订日期\n"
    static func contract(_ id: String, tenant: String = "中国铁塔", parts: String = "A-T1", end: String = "2026/2/28", rent: String = "\"20,000\"") -> String {
        "\(id),C-T,\(parts),\(tenant),通信基站,2025/3/1,\(end),\(rent),年,,F-T,2025/2/20\n"
    }
    static let incomeHeader = "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n"
    static let statementHeader = "交易日期,交易流水号,摘要,对方户名,借方金额,贷方金额,余额\n"

    func ledger() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "clerk"
        #expect(cli.run(["init"]) == 0, "\(cli.stderr)")
        try write(cli, "setup.jsonl", Self.setup)
        #expect(cli.run(["append", "--file", "setup.jsonl"]) == 0, "\(cli.stderr)")
        return cli
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    /// A refused command, from the stored state and the whole log alike, the ledger unchanged (`refusedBothWays`):
    /// its output.
    func refused(_ cli: CLIHarness, _ arguments: [String]) throws -> String {
        try ImportTwinsCommandTests().refusedBothWays(cli, arguments)
    }

    // MARK: M1. A contract pasted again under another id

    /// `K-T-R00F` imported, then the same contract as `K-T-ROOF` (another file) and twice in one file: refused
    /// naming the record or the row, in both languages; `--allow-twins` records it; the recorded file imports
    /// again unchanged; a renewal (another term) and another tenant's or part's contract are no twins.
    @Test func aContractPastedAgainUnderAnotherIDIsRefused() throws {
        let cli = try ledger()
        try write(cli, "c1.csv", Self.contractHeader + Self.contract("K-T-R00F"))
        try write(cli, "c2.csv", Self.contractHeader + Self.contract("K-T-ROOF"))
        #expect(cli.run(["import", "contracts", "c1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refused(cli, ["import", "contracts", "c2.csv"])
        #expect(out.contains("c2.csv: row 2, column A \"合同编号\": \"K-T-ROOF\" is the id of a contract the ledger already holds under another contract id (record #"),
                "\(out)")
        #expect(out.contains("contract \"K-T-R00F\": contract of C-T for A-T1 with \"中国铁塔\", 2025-03-01 to 2026-02-28, rent ¥20,000.00 per year)"), "\(out)")
        #expect(out.contains("its rent would fall due twice") && out.contains("If it is the same contract, delete this row (the ledger holds it as K-T-R00F"), "\(out)")
        #expect(cli.run(["import", "contracts", "c2.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("所记的合同，账本中已以另一合同编号记录（记录 #") && cli.stdout.contains("合同编号“K-T-R00F”：C-T 的 A-T1，承租方“中国铁塔”，2025-03-01 至 2026-02-28，租金 20,000.00元/年）"),
                "\(cli.stdout)")
        // Inside one file: the second row names the first.
        try write(cli, "c3.csv", Self.contractHeader + Self.contract("K-X-1", tenant: "乙公司") + Self.contract("K-X-2", tenant: "乙公司"))
        let inFile = try refused(cli, ["import", "contracts", "c3.csv"])
        #expect(inFile.contains("c3.csv: row 3, column A \"合同编号\": \"K-X-2\" is the id of a contract that row 2 of this file already gives under another contract id (\"K-X-1\""),
                "\(inFile)")
        #expect(inFile.contains("If the two rows are one contract, keep one of them."), "\(inFile)")
        // Not twins: a renewal (another term), another part, another tenant.
        try write(cli, "c4.csv", Self.contractHeader + Self.contract("K-T-R2", end: "2027/2/28") + Self.contract("K-T-R3", parts: "A-T2")
                  + Self.contract("K-T-R4", tenant: "中国移动"))
        cli.run(["import", "contracts", "c4.csv", "--dry-run"])
        #expect(!cli.stdout.contains("already under another contract id"), "\(cli.stdout)")
        // Said another contract: recorded, and the file then imports again unchanged.
        #expect(cli.run(["import", "contracts", "c2.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "contracts", "c2.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 already recorded"), "\(cli.stdout)")
    }

    /// m4: a tenant retyped with full-width brackets and digits is the same tenant, as CON-08 reads it.
    @Test func aContractTwinWithAFullWidthTenantIsRefused() throws {
        let cli = try ledger()
        try write(cli, "c1.csv", Self.contractHeader + Self.contract("K-Q-1", tenant: "青岛某某(集团)有限公司"))
        try write(cli, "c2.csv", Self.contractHeader + Self.contract("K-Q-2", tenant: "青岛某某（集团）有限公司"))
        #expect(cli.run(["import", "contracts", "c1.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refused(cli, ["import", "contracts", "c2.csv"])
        #expect(out.contains("is the id of a contract the ledger already holds under another contract id"), "\(out)")
        // The record's tenant as the record writes it (review 43d #3: the row's was quoted as the record's).
        #expect(out.contains("contract \"K-Q-1\": contract of C-T for A-T1 with \"青岛某某(集团)有限公司\""), "\(out)")
    }

    // MARK: m4. Payers compared as a reader reads them

    /// A payment typed again with full-width brackets, digits or letters, or another space, under a corrected voucher
    /// is the recorded payment; another name is another payer.
    @Test(arguments: [("青岛某某(集团)有限公司", "青岛某某（集团）有限公司", true), ("３号楼屋顶ABC", "3号楼屋顶abc", true),
                      ("某 公司", "某公司", true), ("青岛某某有限公司", "青岛某甲有限公司", false)])
    func aPayerWrittenInAnotherWidthIsTheSamePayer(recorded: String, again: String, twins: Bool) throws {
        let cli = try ledger()
        try write(cli, "a.csv", Self.incomeHeader + "2025/3/1,F-T,1800,\(recorded),SJ-0O1,停车费,\n")
        try write(cli, "b.csv", Self.incomeHeader + "2025/3/1,F-T,1800,\(again),SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "a.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        if twins {
            let out = try refused(cli, ["import", "income", "b.csv"])
            #expect(out.contains("b.csv: row 2, column E \"凭证号\": \"SJ-001\" is the voucher of a payment the ledger already holds under another voucher (record #"), "\(out)")
        } else {
            #expect(cli.run(["import", "income", "b.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        }
    }

    // MARK: M2. Advice for a row recorded with other values

    /// A file imported with `--private counterparty`, imported again without it: told to import as before, never
    /// to record a correction (which would write the name in clear for ever); as before, it is unchanged.
    @Test func aPrivateFileImportedAgainWithoutPrivateIsToldToImportAsBefore() throws {
        let cli = try ledger()
        try write(cli, "r.csv", Self.incomeHeader + "2025/3/1,F-T,1800,张三,SJ-001,停车费,\n")
        #expect(cli.run(["import", "income", "r.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refused(cli, ["import", "income", "r.csv"])
        #expect(out.contains("r.csv: row 2, column E \"凭证号\": \"SJ-001\" is already recorded for this fund"), "\(out)")
        #expect(out.contains("The ledger holds counterparty of this record as a private person's (the file was imported with --private counterparty): import the file again with --private counterparty, as before"),
                "\(out)")
        #expect(out.contains("Do not record a correction with the name written out") && !out.contains("Correct the recorded payment with a correction"), "\(out)")
        #expect(cli.run(["import", "income", "r.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("请像当初一样加 --private counterparty 重新导入该文件") && cli.stdout.contains("账本会永久保留明文姓名"), "\(cli.stdout)")
        // Following the advice: the row is the recorded one.
        #expect(cli.run(["import", "income", "r.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 already recorded"), "\(cli.stdout)")
    }

    /// A statement line recorded already, imported again under other rules: never told to change the bank's
    /// transaction id (doing so records the money twice).
    @Test func aStatementLineRecordedWithOtherValuesIsNeverToldToChangeItsID() throws {
        let cli = try ledger()
        try write(cli, "s.csv", Self.statementHeader + "2025-07-03,QD1,车位费,甲公司,,300.00,300.00\n")
        try write(cli, "a.json", #"{"rules":[{"if":{"memo":"车位"},"category":"parking"}]}"#)
        try write(cli, "b.json", #"{"rules":[{"if":{"memo":"车位"},"category":"other"}]}"#)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "a.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try refused(cli, ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "b.json"])
        #expect(out.contains("s.csv: row 2, column B \"交易流水号\": \"QD1\" is already recorded for this fund"), "\(out)")
        #expect(out.contains("The transaction id is the bank's: do not change it") && !out.contains("fix the voucher number"), "\(out)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "b.json", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("交易流水号是银行给的，不要改动") && !cli.stdout.contains("或改正凭证号"), "\(cli.stdout)")
    }

    // MARK: M3. A bank's reversal (冲正)

    /// A negative credit: refused, the advice says to put it in the debit column and void both records; a debit
    /// line whose memo says 冲正 is recorded with a note saying the same.
    @Test func aReversalIsToldToBeVoidedWithTheLineItReverses() throws {
        let cli = try ledger()
        try write(cli, "r.json", #"{"rules":[{"if":{"memo":"冲正"},"purpose_category":"other"},{"if":{"counterparty":"甲公司"},"category":"advertising","contract_id":"K-1"}]}"#)
        try write(cli, "n.csv", Self.statementHeader + "2025-07-03,QD1,广告费,甲公司,,\"3,300.00\",\"3,300.00\"\n2025-07-04,QD2,冲正 QD1,甲公司,,\"-3,300.00\",0.00\n")
        let out = try refused(cli, ["import", "statement", "n.csv", "--fund", "F-T", "--rules", "r.json"])
        #expect(out.contains("n.csv: row 3, column F \"贷方金额\": \"-3,300.00\""), "\(out)")
        #expect(out.contains("write 3,300.00 in the debit (money out) column and import; then void both the reversed receipt's record and this line's record with two correction events"),
                "\(out)")
        #expect(cli.run(["import", "statement", "n.csv", "--fund", "F-T", "--rules", "r.json", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("再用两条不带 replacement 的更正（correction，原因写“冲正”）作废被冲正的那笔收入和这一行的记录"), "\(cli.stdout)")
        // As the advice says: recorded, with a note naming the row and the memo.
        try write(cli, "d.csv", Self.statementHeader + "2025-07-03,QD1,广告费,甲公司,,\"3,300.00\",\"3,300.00\"\n2025-07-04,QD2,冲正 QD1,甲公司,\"3,300.00\",,0.00\n")
        #expect(cli.run(["import", "statement", "d.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("note: d.csv: row 3: the memo \"冲正 QD1\" reads as a reversal (冲正) of an earlier receipt; it is recorded as money out"),
                "\(cli.stdout)")
        #expect(!cli.stdout.contains("row 2: the memo"), "\(cli.stdout)")
    }

    // MARK: Minors

    /// m5: a totals row dated in its first cell is a totals row; m11: a line with both debit and credit shows both.
    @Test func aDatedTotalsRowAndALineWithBothSides() throws {
        let cli = try ledger()
        try write(cli, "t.csv", Self.statementHeader + "2025-07-03,QD1,车位费,甲公司,,300.00,300.00\n2025-07-31,本月合计,,,,300.00,\n")
        let totals = try refused(cli, ["import", "statement", "t.csv", "--fund", "F-T"])
        #expect(totals.contains("t.csv: row 3, column B \"交易流水号\": \"本月合计\"") && totals.contains("totals"), "\(totals)")
        try write(cli, "b.csv", Self.statementHeader + "2025-07-03,QD1,车位费,甲公司,12.00,300.00,300.00\n")
        let both = try refused(cli, ["import", "statement", "b.csv", "--fund", "F-T"])
        #expect(both.contains("b.csv: row 2, column E \"借方金额\": \"12.00\" is set as well as the credit column (\"300.00\")"), "\(both)")
    }

    /// m9: 维修基金 is the maintenance fund; m10: the rows --allow-partial would import do not count recorded ones.
    @Test func maintenanceFundWordAndGoodRowsCount() throws {
        let cli = try ledger()
        try write(cli, "f.csv", "账户编号,小区,类型,开户行及账号,开立日期\nF-TM,C-T,维修基金,青岛银行 8020-0001-0998,2020/1/6\n")
        #expect(cli.run(["import", "funds", "f.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(String(decoding: try cli.logBytes(), as: UTF8.self).contains(#""fund_id":"F-TM","kind":"maintenance""#))
        try write(cli, "i.csv", Self.incomeHeader + "2025/3/1,F-T,100,甲,V-1,停车费,\n")
        #expect(cli.run(["import", "income", "i.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "j.csv", Self.incomeHeader + "2025/3/1,F-T,100,甲,V-1,停车费,\n2025/3/2,F-T,100,乙,V-2,停车费,\n2025/3/3,F-T,abc,丙,V-3,停车费,\n")
        let out = try refused(cli, ["import", "income", "j.csv"])
        #expect(out.contains("pass --allow-partial to import the 1 good row and write"), "\(out)")
    }
}
