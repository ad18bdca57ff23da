import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 46a (a street office running the clean-up): LOW-02's peers and CON-07's date.
@Suite struct ReviewFortySixRuleTests {
    /// Three parking areas of 100 m² in one street: A1 let at ¥1,000 a month, A2 used on the terms of a contract
    /// that ended before the window (CON-06), A3 let at ¥500.
    static let peers = [
        #"{"id":"c","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-T","name":"测试小区","street":"测试街道","residents_committee":"测试居委会","total_area_m2":"10000.00","total_owners":100}}"#,
        #"{"id":"f","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-T","community_id":"C-T","kind":"public_income","account":"测试银行 001"}}"#,
        #"{"id":"a1","type":"asset.registered","occurred_on":"2024-01-01","data":{"asset_id":"A1","community_id":"C-T","kind":"parking","name":"车位一区","location":"东","area_m2":"100.00","registered_on":"2024-01-01","source":{"kind":"manual"}}}"#,
        #"{"id":"a2","type":"asset.registered","occurred_on":"2024-01-01","data":{"asset_id":"A2","community_id":"C-T","kind":"parking","name":"车位二区","location":"南","area_m2":"100.00","registered_on":"2024-01-01","source":{"kind":"manual"}}}"#,
        #"{"id":"a3","type":"asset.registered","occurred_on":"2024-01-01","data":{"asset_id":"A3","community_id":"C-T","kind":"parking","name":"车位三区","location":"西","area_m2":"100.00","registered_on":"2024-01-01","source":{"kind":"manual"}}}"#,
        #"{"id":"d","type":"decision.recorded","occurred_on":"2024-01-01","data":{"decision_id":"D","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"9000.00","participating_owners":90,"approving_area_m2":"8000.00","approving_owners":80,"authorises":{}}}"#,
        #"{"id":"k2","type":"contract.signed","occurred_on":"2024-01-01","data":{"contract_id":"K2","community_id":"C-T","asset_ids":["A2"],"counterparty":"乙停车公司","purpose":"停车经营","start_on":"2024-01-01","end_on":"2024-12-31","rent_fen":100000,"rent_period":"month","decision_id":"D","payee_fund_id":"F-T"}}"#,
        #"{"id":"u2","type":"use.started","occurred_on":"2024-01-01","data":{"use_id":"U2","asset_id":"A2","user":"乙停车公司","purpose":"停车经营","authority":{"contract_id":"K2"}}}"#,
        #"{"id":"k1","type":"contract.signed","occurred_on":"2025-01-01","data":{"contract_id":"K1","community_id":"C-T","asset_ids":["A1"],"counterparty":"甲停车公司","purpose":"停车经营","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":100000,"rent_period":"month","decision_id":"D","payee_fund_id":"F-T"}}"#,
        #"{"id":"k3","type":"contract.signed","occurred_on":"2025-01-01","data":{"contract_id":"K3","community_id":"C-T","asset_ids":["A3"],"counterparty":"丙停车公司","purpose":"停车经营","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":50000,"rent_period":"month","decision_id":"D","payee_fund_id":"F-T"}}"#,
    ]

    /// A part used on an ended contract's terms for the whole window is one of its street's peers (docs/rules.md,
    /// LOW-02: "or used on its terms after it ended"): with it, A3's ¥60 a m² is below 70 % of the median ¥120.
    @Test func aPartUsedOnAnEndedContractsTermsIsAPeer() throws {
        var policy = Policy()
        policy.incomeBenchmarkMinPeers = 2
        let records = try SampleRecords.records(lines: Self.peers)
        let found = Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: "2025-12-31")!), policy: policy)
            .findings.filter { $0.rule == .lowIncome }
        #expect(found.map(\.itemID) == ["A3"])
        // Three peers, median ¥120 a m² (without A2: two, median ¥90).
        let income = try #require(found.first?.facts.first)
        #expect(income["peers"] == .integer(3))
    }

    /// CON-07 is dated the day its arrears began — the day after the oldest unpaid instalment's grace — not the due
    /// day, which `oldest_due_on` states (review 46a #7).
    @Test(arguments: [(30, "2025-02-01"), (0, "2025-01-02"), (10, "2025-01-12")])
    func rentArrearsAreDatedTheDayTheyBegan(_ grace: Int, _ since: String) throws {
        var policy = Policy()
        policy.rentGraceDays = grace
        let found = try Mini.findings([Mini.okDecision, Mini.contract("K", start: "2025-01-01", end: "2025-12-31", rentFen: 100_000)],
                                      asOf: "2025-03-15", rule: .rentArrears, policy: policy)
        #expect(found.count == 1)
        #expect(found.first?.since == CalendarDate(iso: since)!)
        #expect(found.first?.facts.first?["oldest_due_on"] == .date(CalendarDate(iso: "2025-01-01")!))
    }

    /// A day an inspection saw the part occupied is no idle day (review 46a #5: IDLE-01 counted its idle
    /// run across an occupation only an inspection had seen, which OCC-03 had reported).
    @Test(arguments: ["occupied"])
    func anInspectionSeeingThePartUsedEndsItsIdleRun(_ observed: String) throws {
        func inspection(_ id: String, _ date: String, _ observed: String) -> String {
            Mini.event(id, "inspection.recorded", date, #"{"asset_id":"A-1","observed":"\#(observed)","inspector":"巡查员"}"#)
        }
        let found = try Mini.findings([inspection("I1", "2025-03-05", observed), inspection("I2", "2025-11-25", "idle")],
                                      asOf: "2025-12-01", rule: .idle)
        #expect(found.count == 1)
        #expect(found.first?.since == CalendarDate(iso: "2025-03-06")!)
        #expect(found.first?.evidence.contains { $0.eventID == "I1" } == true)
    }
}
