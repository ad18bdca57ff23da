import LedgerEvents
import LedgerProjections
import LedgerPublication
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 35b #1: the disclosure's contract rows count the rent for use after a contract's end as CON-07 counts it
/// due (the findings on the same page said 欠缴12,000.00元 while the table said 0.00), and list a contract whose use
/// went on after its end into the period though its term ended before it.
@Suite struct PublicationRentAfterEndTests {
    static let lines = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"b3","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"advertising","name":"广告位","location":"L","area_m2":"1.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
        #"{"id":"k9","type":"contract.signed","occurred_on":"2024-03-25","data":{"contract_id":"K-9","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某传媒有限公司","purpose":"广告","start_on":"2024-04-01","end_on":"2025-03-31","rent_fen":1200000,"rent_period":"year","payee_fund_id":"F-PI"}}"#,
        #"{"id":"u9","type":"use.started","occurred_on":"2024-04-01","data":{"use_id":"U-9","asset_id":"A-1","user":"某传媒有限公司","purpose":"广告","authority":{"contract_id":"K-9"}}}"#,
        #"{"id":"p1","type":"fund.income","occurred_on":"2024-04-01","data":{"fund_id":"F-PI","amount_fen":1200000,"counterparty":"某传媒有限公司","voucher":"p1","category":"advertising","source":{"contract_id":"K-9"}}}"#,
    ]

    @Test func theRowCountsTheUseAfterTheEnd() throws {
        let asOf = CalendarDate(iso: "2025-12-31")!
        let records = try SampleRecords.records(lines: Self.lines)
        let projection = Projection(records: records, asOf: asOf)
        // The term ended before the period; the use went on into it.
        let content = try #require(PublicationContent(projection: projection, records: records, communityID: "C-T",
                                                      period: DayRange(first: CalendarDate(iso: "2025-07-01")!, last: asOf)))
        let row = try #require(content.contracts.first)
        #expect(row.id == "K-9" && row.expected.fen == 2_400_000 && row.afterEnd.fen == 1_200_000)
        #expect(row.arrears.fen == 1_200_000 && row.paidAhead == .zero && row.overpaid == .zero)
        let con07 = try #require(content.findings.first { $0.finding.rule == .rentArrears }?.finding)
        #expect(con07.facts[0]["due"] == .amount(row.expected) && con07.facts[0]["arrears"] == .amount(row.arrears))
    }

    /// Review 37b #1: a contract that ended before the period still owing rent is listed (the notice's arrears total
    /// said 0.00 beside CON-07's 5,000.00); one that ended before the period, paid in full before it, is not; one
    /// whose arrears were paid during the period is listed, so that the receipt belongs to a contract row.
    @Test(arguments: [
        (payments: ["2025-01-05"], listed: true, arrears: Int64(500_000), inPeriod: Int64(0)),
        (payments: ["2025-01-05", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"], listed: false,
         arrears: Int64(0), inPeriod: Int64(0)),
        (payments: ["2025-01-05", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-08-01"], listed: true,
         arrears: Int64(0), inPeriod: Int64(100_000)),
    ])
    func aContractEndedBeforeThePeriodIsListedWhileItOwesRentOrIsPaidInIt(payments: [String], listed: Bool, arrears: Int64,
                                                                         inPeriod: Int64) throws {
        var lines = Array(Self.lines.prefix(3))
        lines.append(#"{"id":"k1","type":"contract.signed","occurred_on":"2025-01-03","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某教育公司","purpose":"广告","start_on":"2025-01-05","end_on":"2025-06-30","rent_fen":100000,"rent_period":"month","payee_fund_id":"F-PI"}}"#)
        for (index, day) in payments.enumerated() {
            lines.append(#"{"id":"r\#(index)","type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"F-PI","amount_fen":100000,"counterparty":"某教育公司","voucher":"r\#(index)","category":"advertising","source":{"contract_id":"K-1"}}}"#)
        }
        let asOf = CalendarDate(iso: "2025-09-30")!
        let records = try SampleRecords.records(lines: lines)
        let projection = Projection(records: records, asOf: asOf)
        let content = try #require(PublicationContent(projection: projection, records: records, communityID: "C-T",
                                                      period: DayRange(first: CalendarDate(iso: "2025-07-01")!, last: asOf)))
        #expect(content.contracts.map(\.id) == (listed ? ["K-1"] : []))
        if let row = content.contracts.first {
            #expect(row.arrears.fen == arrears && row.receivedInPeriod.fen == inPeriod)
        }
    }
}
