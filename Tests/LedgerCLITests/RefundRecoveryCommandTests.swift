import LedgerEvents
import LedgerPlatform
import Testing

/// The clerk's way to record money recovered (README "Money recovered"): a receipt in the income template with 类别
/// 退回款项, imported like any other, ends the FUND-05 finding of the spending it pays back; the list says so in every
/// format, and a list served from `index/rectify.state` says what the whole log says.
@Suite struct RefundRecoveryCommandTests {
    static let spending = #"{"type":"fund.spending","occurred_on":"2026-01-10","data":{"fund_id":"F-QF-MF","amount_fen":800000,"counterparty":"某物业服务有限公司","voucher":"FP-2026-011","purpose":"楼道灯日常维护","purpose_category":"日常维护"}}"#
    static let income = "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n2026-03-01,F-QF-MF,8000.00,某物业服务有限公司,SJ-2026-031,退回款项,\n"

    @Test func aRefundImportedFromTheIncomeTemplateRecoversTheSpending() throws {
        let cli = CLIHarness()
        // Today is after the facts (the spending and the refund are dated 2026).
        cli.clock = Timestamp(rfc3339: "2026-04-01T02:03:04Z")!
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try PosixFile.writeAtomically(Array((Self.spending + "\n").utf8), to: cli.temp.path + "/s.jsonl")
        #expect(cli.run(["append", "--file", "s.jsonl"]) == 0, "\(cli.stderr)")
        let key = "FUND-05/F-QF-MF/"
        // Before the refund: open, the default advice.
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--lang", "zh"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains(key) && cli.stdout.contains("追回款项，由责任方"), "\(cli.stdout)")
        try PosixFile.writeAtomically(Array(Self.income.utf8), to: cli.temp.path + "/收入.csv")
        #expect(cli.run(["import", "income", "收入.csv", "--actor", "青枫苑业委会-陈静"]) == 0, "\(cli.stderr)")
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        #expect(log.contains(#""category":"refund""#), "the import records the code")
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--lang", "zh"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("状态：已追回（2026年3月1日）"), "\(cli.stdout)")
        // The refund cited by its number in the log (第N条收入记录), as the records column names it, never its id
        // glued to the words (收入记录in-…).
        #expect(cli.stdout.contains("2026年3月1日已全额追回8,000.00元，退回本账户（第"), "\(cli.stdout)")
        #expect(cli.stdout.contains("条收入记录，凭证号SJ-2026-031）"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("收入记录in-"), "\(cli.stdout)")
        #expect(cli.run(["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--format", "json"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains(#""code": "recovered""#) && cli.stdout.contains(#""money_recovered""#), "\(cli.stdout)")
        // The day before the refund it is still open.
        #expect(cli.run(["rectify", "--as-of", "2026-02-28", "--community", "C-QF", "--format", "json"]) == 0, "\(cli.stderr)")
        #expect(!cli.stdout.contains(#""code": "recovered""#), "\(cli.stdout)")
        // The whole city makes index/rectify.state; the community's list from it is the whole log's.
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-03-31"], "the city")
        for format in ["table", "json"] {
            ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--format", format],
                                              "the community from the state")
        }
    }
}
