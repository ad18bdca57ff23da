import LedgerChain
import LedgerEvents
@testable import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 35b #1: rent owed for use after a contract ends (CON-06) is due as CON-07 counts it, and the `contracts`
/// list, `ledger show` and the stored line count it the same way (one computation, `Projection.rentAccruals`); what
/// was received beyond the rent due is paid ahead (预收) while rent is still to fall due, overpaid (多收) once the
/// contract has ended and nothing under it goes on.
@Suite struct RentAfterEndViewTests {
    /// K-9 rents A-1 from 2025-04-01 to 2026-03-31 at ¥12,000.00 a year, paid on 2025-04-01; the use U-9 under it
    /// goes on after the end (the review's ledger).
    static let lines = [
        #"{"id":"k9","type":"contract.signed","occurred_on":"2025-03-25","data":{"contract_id":"K-9","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某传媒有限公司","purpose":"广告","start_on":"2025-04-01","end_on":"2026-03-31","rent_fen":1200000,"rent_period":"year","payee_fund_id":"F-PI"}}"#,
        #"{"id":"u9","type":"use.started","occurred_on":"2025-04-01","data":{"use_id":"U-9","asset_id":"A-1","user":"某传媒有限公司","purpose":"广告","authority":{"contract_id":"K-9"}}}"#,
        income("p1", "2025-04-01", fen: 1_200_000),
    ]

    static func income(_ id: String, _ date: String, fen: Int) -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"\#(date)","data":{"fund_id":"F-PI","amount_fen":\#(fen),"counterparty":"某传媒有限公司","voucher":"\#(id)","category":"advertising","source":{"contract_id":"K-9"}}}"#
    }

    static let useEnded = #"{"id":"e9","type":"use.ended","occurred_on":"2026-07-31","data":{"use_id":"U-9"}}"#

    static func view(_ extra: [String], asOf: String) throws -> (Projection, ContractView, [Finding]) {
        let (p, findings) = try WordingTests.projection(lines + extra, asOf: asOf)
        return (p, try #require(p.view(ofContract: "K-9")), findings.filter { $0.itemID == "K-9" })
    }

    @Test func theViewsCountTheRentForUseAfterTheEndAsCON07Does() throws {
        let (p, view, findings) = try Self.view([], asOf: "2026-06-15")
        #expect(view.status == .expired && view.useGoesOnAfterEnd)
        #expect(view.rentExpected.fen == 2_400_000 && view.rentAfterEnd.fen == 1_200_000 && view.rentReceived.fen == 1_200_000)
        #expect(view.arrears.fen == 1_200_000 && view.paidAhead == .zero && view.overpaid == .zero)
        #expect(view.afterEnd == [RentDue(dueOn: CalendarDate(iso: "2026-04-01")!, amount: Amount(fen: 1_200_000))])
        let con07 = try #require(findings.first { $0.rule == .rentArrears })
        #expect(con07.facts[0]["due"] == .amount(view.rentExpected))
        #expect(con07.facts[0]["arrears"] == .amount(view.arrears))
        #expect(con07.facts.contains { $0.key == .rentAfterEnd && $0["amount"] == .amount(view.rentAfterEnd) })
        // The list, its stored line and `show` say the same.
        let line = try #require(p.contractLines().first { $0.id == "K-9" })
        var w = ByteWriter()
        line.encode(into: &w)
        var r = LineReader(w.bytes)
        #expect(ContractLine.decode(&r) == line)
        #expect(line.rentAfterEnd == view.rentAfterEnd && line.arrears == view.arrears && line.useGoesOnAfterEnd)
        let zh = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .table, language: .zh), as: UTF8.self)
        #expect(zh.contains("到期后继续使用的使用费") && zh.contains("rent_after_end"), "\(zh)")
        let row = try #require(zh.split(separator: "\n").first { $0.contains("K-9") })
        #expect(row.contains("24,000.00") && row.contains("12,000.00"), "\(row)")
        let json = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .json), as: UTF8.self)
        #expect(json.contains(#""rent_after_end":"12000.00""#) && json.contains(#""schedule_after_end":[{"amount":"12000.00","due_on":"2026-04-01"}]"#), "\(json)")
        let csv = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .csv), as: UTF8.self)
        #expect(csv.contains(",24000.00,12000.00,12000.00,12000.00,0.00,0.00\r\n"), "\(csv)")
        let show = try #require(ProjectionReports.summary(of: "K-9", in: p, language: .zh))
        #expect(show.contains("应收租金 24,000.00元（其中到期后继续使用的使用费 12,000.00元），实收 12,000.00元，欠缴 12,000.00元"), "\(show)")
        #expect(ProjectionReports.summary(of: "K-9", in: p)?.contains("of which ¥12,000.00 for use after the contract expired") == true)
    }

    /// The use ended on 2026-07-31 (122 days after the end: ¥4,010.95 at ¥12,000.00 a year) and the fee was paid:
    /// nothing is owed and nothing was paid ahead (the notice said 预收 4,010.95 for the fee it left out).
    @Test func theFeePaidLeavesNeitherArrearsNorASurplus() throws {
        let (_, view, findings) = try Self.view([Self.useEnded, Self.income("p2", "2026-08-05", fen: 401_095)], asOf: "2026-09-01")
        #expect(view.rentAfterEnd.fen == 401_095 && view.rentExpected.fen == 1_601_095, "\(view.afterEnd)")
        #expect(view.arrears == .zero && view.paidAhead == .zero && view.overpaid == .zero && !view.useGoesOnAfterEnd)
        #expect(!findings.contains { $0.rule == .rentArrears })
    }

    /// Beyond the rent due: overpaid (多收) once the contract has ended and its use has stopped; paid ahead (预收)
    /// while the use goes on after the end (its next period will fall due).
    @Test func aSurplusIsOverpaidOnlyWhenNothingGoesOn() throws {
        let (p, stopped, _) = try Self.view([Self.useEnded, Self.income("p2", "2026-08-05", fen: 411_095)], asOf: "2026-09-01")
        #expect(stopped.overpaid.fen == 10_000 && stopped.paidAhead == .zero && stopped.arrears == .zero)
        #expect(ProjectionReports.summary(of: "K-9", in: p, language: .zh)?.hasSuffix("多收 100.00元") == true)
        let (q, goesOn, _) = try Self.view([Self.income("p2", "2026-04-05", fen: 1_210_000)], asOf: "2026-06-15")
        #expect(goesOn.paidAhead.fen == 10_000 && goesOn.overpaid == .zero)
        #expect(ProjectionReports.summary(of: "K-9", in: q, language: .zh)?.hasSuffix("预收 100.00元") == true)
        let csv = String(decoding: ProjectionReports.contracts(p, filter: EntityFilter(), format: .csv), as: UTF8.self)
        #expect(csv.contains(",16010.95,4010.95,16110.95,0.00,0.00,100.00\r\n"), "\(csv)")
    }
}
