import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 42c D1: a receipt voided by one correction and brought back by another with the amount of a statement line
/// recorded meanwhile was accepted (the check looked for the corrected record in effect, and a voided one is not), so
/// the bank's money was counted twice. The bring-back is new money to the open lines, as a new receipt is.
@Suite struct StatementReview42LeadTests {
    static let receipt = #"{"id":"r-sj1","type":"fund.income","occurred_on":"2026-01-03","data":{"fund_id":"F-MY-PI","amount_fen":12000,"counterparty":"青岛明月停车管理有限公司","voucher":"SJ-1","category":"parking","source":{"contract_id":"K-MY-P01"}}}"#

    static func bringBack(_ id: String, fen: Int) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"r-sj1","reason":"恢复","replacement":{"type":"fund.income","occurred_on":"2026-01-03","data":{"fund_id":"F-MY-PI","amount_fen":\#(fen),"counterparty":"青岛明月停车管理有限公司","voucher":"SJ-1","category":"parking","source":{"contract_id":"K-MY-P01"}}}}}"#
    }

    @Test(arguments: ["on", "off"]) func aVoidedReceiptBroughtBackWithALinesAmountIsRefused(scopes: String) throws {
        let base = StatementReview41Tests()
        let cli = try base.ledger()
        cli.environment["LEDGER_SCOPES"] = scopes
        #expect(cli.run(["append"], stdin: Self.receipt + "\n") == 0, "\(cli.stderr)")
        try base.write(cli, "stmt.csv", StatementReview41Tests.lines)
        #expect(base.statement(cli, "stmt.csv", "F-MY-PI") == 0, "\(cli.stderr)\(cli.stdout)")
        let void = #"{"id":"v1","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"r-sj1","reason":"作废"}}"#
        #expect(cli.run(["append"], stdin: void + "\n") == 0, "\(cli.stderr)")
        let before = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        #expect(cli.run(["append"], stdin: Self.bringBack("c1", fen: 120_000) + "\n") != 0, "\(cli.stdout)")
        #expect(cli.stderr.contains("data.replacement.data.amount_fen") && cli.stderr.contains("QD0103001"), "\(cli.stderr)")
        #expect(try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() == before, "nothing appended")
        // Brought back as it was, it stands for no line: accepted.
        #expect(cli.run(["append"], stdin: Self.bringBack("c2", fen: 12_000) + "\n") == 0, "\(cli.stderr)")
    }
}

/// Review 42c D3: after a quarter from 30 November to 28 February (Art. 202: the term ends on the clamped day), the use
/// that went on was charged 90/91 of a quarter for 1 March to 29 May — the period after the term began on 28 February,
/// a day of the term. It now begins on 1 March, and the whole quarter is due; the use's last day (30 May) starts the
/// next period, charged for its one day.
@Suite struct RentAfterClampedTermTests {
    @Test func thePeriodAfterTheTermBeginsTheDayAfterIt() throws {
        let base = StatementReview41Tests()
        let cli = try base.ledger()
        cli.clock = Timestamp(rfc3339: "2026-09-02T02:00:00Z")!
        let lines = """
            {"type":"asset.registered","occurred_on":"2025-01-08","data":{"asset_id":"A-MY-R1","community_id":"C-MY","kind":"roof","name":"屋顶1","location":"1号楼","area_m2":"10","registered_on":"2025-01-08","source":{"kind":"manual"}}}
            {"type":"contract.signed","occurred_on":"2025-11-20","data":{"contract_id":"K-Q1","community_id":"C-MY","asset_ids":["A-MY-R1"],"counterparty":"甲公司","purpose":"基站","start_on":"2025-11-30","end_on":"2026-02-28","rent_fen":300000,"rent_period":"quarter","payee_fund_id":"F-MY-PI"}}
            {"type":"use.started","occurred_on":"2025-11-30","data":{"use_id":"U-1","asset_id":"A-MY-R1","user":"甲公司","purpose":"基站","authority":{"contract_id":"K-Q1"}}}
            {"type":"use.ended","occurred_on":"2026-05-30","data":{"use_id":"U-1"}}

            """
        #expect(cli.run(["append"], stdin: lines) == 0, "\(cli.stderr)")
        #expect(cli.run(["contracts", "--as-of", "2026-09-01", "--format", "json"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains(#""rent_after_end":"3032.60""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""schedule_after_end":[{"amount":"3000.00","due_on":"2026-03-01"},{"amount":"32.60","due_on":"2026-05-30"}]"#),
                "\(cli.stdout)")
    }
}
