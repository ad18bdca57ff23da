import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 37d m3: after a correction put a receipt's voucher on a bank-statement line (as the refusal's advice says),
/// the line was described with that voucher as its transaction id (流水号) and as a line "no receipt stands for yet".
/// It is now described as corrected by that record, with its voucher now, and no other receipt standing for it; an
/// uncorrected line keeps its wording.
@Suite struct CorrectedStatementLineTests {
    @Test func aCorrectedLineIsDescribedAsCorrectedNotByAnotherTransactionID() throws {
        let helper = AppendAfterStatementTests()
        let cli = try helper.ledger()
        let lineIn = try helper.lineID(cli, voucher: "CCB0702000017")
        let correction = #"{"id":"V-1","type":"correction","occurred_on":"2025-07-20","data":{"corrects":"\#(lineIn)","reason":"补记收据凭证号","replacement":{"type":"fund.income","occurred_on":"2025-07-02","data":{"fund_id":"F-HY-PI","amount_fen":50000,"counterparty":"青岛丰巢科技有限公司","voucher":"FC-0702","category":"leasing"}}}}"#
        #expect(try helper.append(cli, [correction]) == 0, "\(cli.stdout)\(cli.stderr)")
        let correctionSeq = String(decoding: try cli.logBytes(), as: UTF8.self).split(separator: "\n").count
        // Another receipt of the same fund, day and amount (another voucher): still refused as the line's money.
        let before = try cli.logBytes()
        #expect(try helper.append(cli, [AppendAfterStatementTests.income("R-2", voucher: "FC-0702-B")]) == 2)
        #expect(cli.stderr.contains("the statement imported as "), "\(cli.stderr)")
        #expect(cli.stderr.contains("corrected by record #\(correctionSeq) V-1, its voucher now FC-0702, money in of ¥500.00 to F-HY-PI on 2025-07-02), which no other receipt stands for: most likely the same money"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("transaction id FC-0702") && !cli.stderr.contains("no receipt stands for yet"), "\(cli.stderr)")
        #expect(try helper.append(cli, [AppendAfterStatementTests.income("R-2", voucher: "FC-0702-B")], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("已由记录 #\(correctionSeq) V-1 更正，现凭证号 FC-0702，2025-07-02 F-HY-PI 收入 500.00元），该行之外尚无其他收据与之对应："), "\(cli.stderr)")
        #expect(!cli.stderr.contains("流水号 FC-0702"), "\(cli.stderr)")
        // The spending line, never corrected, keeps its transaction id and its wording.
        #expect(try helper.append(cli, [AppendAfterStatementTests.spending("S-2")]) == 2)
        #expect(cli.stderr.contains("transaction id CCB0715000031, money out of ¥350.00 from F-HY-PI on 2025-07-15), which no receipt stands for yet"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // The same statement imported again: the corrected line stands for its bank line by day and amount (its
        // voucher is no longer the bank's id), so nothing is new — not the money a second time.
        #expect(cli.run(["import", "statement", AppendAfterStatementTests.statements + "haiyun-ccb-2025-07-utf8.csv", "--fund", "F-HY-PI",
                         "--rules", AppendAfterStatementTests.statements + "haiyun-rules.json", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains(", 0 new,"), "\(cli.stdout)")
    }
}
