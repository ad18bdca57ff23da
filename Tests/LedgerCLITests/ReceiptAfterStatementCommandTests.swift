import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 35c, through the command: a receipt imported after the bank statement that recorded its money is refused
/// naming the statement's line, the same from the stored state and from the whole log, ledger unchanged;
/// `--allow-same-day-amount` records it as a second payment, and is refused for the kinds it does not apply to
/// (transfers are matched too: ReceiptAfterStatementTests).
@Suite struct ReceiptAfterStatementCommandTests {
    static let statements = SampleRecords.packageRoot + "/testdata/statements/"

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    @Test func aReceiptAfterTheStatementIsRefusedUnlessASecondPayment() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.run(["import", "statement", Self.statements + "haiyun-ccb-2025-07-utf8.csv", "--fund", "F-HY-PI",
                         "--rules", Self.statements + "haiyun-rules.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "收入.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2025-07-02,F-HY-PI,500,青岛丰巢科技有限公司,FC-0702,租赁\n")
        try write(cli, "支出.csv", "日期,账户编号,金额,收款方,凭证号,用途\n2025-07-15,F-HY-PI,350.00,海韵小区业委会,BG-0715,办公用品\n")
        let before = try cli.logBytes()
        var outputs: [String] = []
        for scopes in [nil, "off"] {
            cli.environment["LEDGER_SCOPES"] = scopes
            #expect(cli.run(["import", "income", "收入.csv", "--lang", "zh"]) == 2, "\(cli.stdout)\(cli.stderr)")
            outputs.append(cli.stdout)
            #expect(cli.stdout.contains("收入.csv 第 2 行，C 列“金额”：“500”与账本中已记录的一行银行对账单同一账户、同一天、同一金额（记录 #"), "\(cli.stdout)")
            #expect(cli.stdout.contains("流水号 CCB0702000017，2025-07-02 F-HY-PI 收入 500.00元），而该行尚无收据与之对应"), "\(cli.stdout)")
            #expect(cli.run(["import", "spending", "支出.csv"]) == 2)
            #expect(cli.stdout.contains("transaction id CCB0715000031, money out of ¥350.00 from F-HY-PI on 2025-07-15"), "\(cli.stdout)")
            #expect(try cli.logBytes() == before)
        }
        // The stored state and the whole log answer alike.
        #expect(outputs[0] == outputs[1])
        cli.environment["LEDGER_SCOPES"] = nil
        // A second payment, said so: recorded.
        #expect(cli.run(["import", "income", "收入.csv", "--allow-same-day-amount"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 read, 1 new"), "\(cli.stdout)")
        // The option is for receipts only.
        for kind in ["statement", "assets", "contracts"] {
            // --fund only where the kind takes it: another kind refuses it first (review 45a D3).
            #expect(cli.run(["import", kind, "收入.csv", "--allow-same-day-amount"] + (kind == "statement" ? ["--fund", "F-HY-PI"] : [])) == 2)
            #expect(cli.stderr.contains("--allow-same-day-amount is for income, spending and transfers imports"), "\(kind): \(cli.stderr)")
        }
    }
}
