import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerTestSupport
import Testing

/// Owner counts are only bounded by JSON's 2^53 − 1; the shares shown in the decisions report must not overflow
/// (share × 10,000 trapped for counts above about 9.2 × 10^14, taking `ledger decisions` down).
@Suite struct ReviewDecisionReportTests {
    @Test func hugeOwnerCountsDoNotTrap() throws {
        let records = try SampleRecords.records(lines: [
            #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000.00","total_owners":9007199254740991}}"#,
            #"{"id":"d1","type":"decision.recorded","occurred_on":"2024-02-01","data":{"decision_id":"D-1","community_id":"C-1","matter":"covenant","participating_area_m2":"9000.00","participating_owners":9007199254740991,"approving_area_m2":"9000.00","approving_owners":9007199254740990,"authorises":{}}}"#,
        ])
        let p = Projection(records: records, asOf: CalendarDate(iso: "2024-12-31")!)
        let text = String(decoding: ProjectionReports.decisions(p, filter: EntityFilter(), format: .csv), as: UTF8.self)
        #expect(text.contains("100.00%"))
        #expect(text.contains("99.99%"))
    }
}
