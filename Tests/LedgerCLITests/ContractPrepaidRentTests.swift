import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 43a m8: rent paid before its contract was signed (预收) names a contract that does not exist yet on the
/// payment's day, which the ledger refuses (ledger-spec.md 10.4 rule 2). The clerk is never told to change the true
/// date: the advice says to keep it and record the money without the contract (or correct the contract's signing
/// day if that is what is wrong); the row so recorded is accepted.
@Suite struct ContractPrepaidRentTests {
    static let tests = ImportReview43TwinsTests()

    struct Case: CustomTestStringConvertible, Sendable {
        let day: String
        let contract: String
        /// Refused with the prepaid-rent advice; else imported.
        let refused: Bool
        var testDescription: String { "\(day) \(contract)" }
    }

    // K-1 is signed on 2025-06-15 (`ImportReview43TwinsTests.setup`).
    static let cases: [Case] = [
        Case(day: "2025/6/10", contract: "K-1", refused: true),
        Case(day: "2025/6/14", contract: "K-1", refused: true),
        Case(day: "2025/6/15", contract: "K-1", refused: false),
        Case(day: "2025/7/1", contract: "K-1", refused: false),
        // The same money recorded as the advice says: without the contract.
        Case(day: "2025/6/10", contract: "", refused: false),
    ]

    @Test(arguments: cases)
    func rentPaidBeforeSigningIsNeverToldToChangeItsDate(_ c: Case) throws {
        let cli = try Self.tests.ledger()
        try Self.tests.write(cli, "r.csv", ImportReview43TwinsTests.incomeHeader + "\(c.day),F-T,3300,甲公司,SJ-9,租金,\(c.contract)\n")
        guard c.refused else {
            #expect(cli.run(["import", "income", "r.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
            return
        }
        let out = try Self.tests.refused(cli, ["import", "income", "r.csv"])
        #expect(out.contains("r.csv: row 2, column A \"日期\": contract \"K-1\" exists only from 2025-06-15"), "\(out)")
        #expect(out.contains("If the rent was paid before the contract was signed (paid in advance), keep the date: it is when the money came.")
                && out.contains("so clear column G \"合同编号\" and import the row as the tenant's payment"), "\(out)")
        #expect(!out.contains("Check the date"), "\(out)")
        #expect(cli.run(["import", "income", "r.csv", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("如果是合同签订前预先收取的租金（预收），请保留原日期：那是实际收款的日子。")
                && cli.stdout.contains("账本只从合同签订日（2025-06-15）起把款项归入该合同") && !cli.stdout.contains("请核对日期"), "\(cli.stdout)")
    }

    /// A bank statement's line from the tenant before the signing is not taken for rent unasked (a bid deposit comes
    /// before the signing too, review 44d #1): unclassified, it is refused with a note saying what a rule does; with a
    /// rule calling it rent it is recorded on its day as rent without the contract (the bank's date cannot be
    /// changed), said in a note; after the signing it is linked as before.
    @Test func aStatementLineBeforeTheSigningIsRecordedAsRentWithoutTheContract() throws {
        let cli = try Self.tests.ledger()
        try Self.tests.write(cli, "s.csv", ImportReview43TwinsTests.statementHeader
                             + "2025-06-10,QD1,预付租金,甲公司,,\"3,300.00\",\"3,300.00\"\n"
                             + "2025-07-01,QD2,租金,甲公司,,\"3,300.00\",\"6,600.00\"\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--lang", "zh"]) != 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("s.csv 第 2 行：付款方“甲公司”是合同 K-1 的承租方，该合同于 2025-06-15 签订，晚于这笔付款（2025-06-10），因此这一行不关联该合同"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
        try Self.tests.write(cli, "r.json", #"{"rules": [{"if": {"memo": "预付租金"}, "category": "leasing"}]}"#)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json", "--dry-run", "--lang", "zh"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("s.csv 第 2 行：付款方“甲公司”是合同 K-1 的承租方，该合同于 2025-06-15 签订，晚于这笔付款（2025-06-10）："), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("s.csv: row 2: the payer \"甲公司\" is the tenant of K-1, signed on 2025-06-15, after this payment (2025-06-10): "
                                    + "rent paid in advance is recorded on its day as rent without the contract"), "\(cli.stdout)")
        let log = String(decoding: try cli.logBytes(), as: UTF8.self).split(separator: "\n")
        let first = log.filter { $0.contains("\"voucher\":\"QD1\"") }, second = log.filter { $0.contains("\"voucher\":\"QD2\"") }
        #expect(first.count == 1 && first[0].contains("\"category\":\"leasing\"") && !first[0].contains("contract_id"), "\(first)")
        #expect(second.count == 1 && second[0].contains("\"contract_id\":\"K-1\""), "\(second)")
    }
}
