import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Spending the maintenance fund needs a decision on using it (Art. 278 item 5) or on the rebuilding it pays for
/// (item 7); a passed vote on another matter authorises nothing here.
@Suite struct DecisionMatterTests {
    @Test(arguments: [
        ("maintenance_fund_use", false), ("rebuilding", false), ("committee", true), ("manager", true),
        ("change_use_or_operate", true), ("other_major", true),
    ])
    func maintenanceSpendingNeedsADecisionOnItsOwnMatter(matter: String, flagged: Bool) throws {
        // 3/4 of a full turnout approves, so every matter's threshold is met; only the matter differs.
        let decision = Mini.decision("D-M", "2024-11-01", matter, "1000.00", 100, "1000.00", 100)
        let found = try Mini.findings([decision, Mini.spending("S1", "2025-01-10", fen: 5000, decision: "D-M")],
                                      asOf: "2025-02-01", rule: .spendingWithoutDecision)
        #expect(found.count == (flagged ? 1 : 0), "\(matter)")
        if flagged {
            #expect(found.first?.facts.contains { $0.key.rawValue == "decision_wrong_matter" } == true)
            #expect(found.first?.evidence.map(\.eventID).contains("D-M") == true)
        }
    }
}

/// a decision of another community's owners authorises nothing in this community. The append-time
/// validator does not check the community of a spending's, transfer's or use's decision, so the rules must.
@Suite struct OtherCommunityDecisionTests {
    static let other = [
        #"{"id":"o1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-O","name":"另一小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"D-O","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-O","community_id":"C-O","matter":"maintenance_fund_use","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{}}}"#,
        #"{"id":"D-O8","type":"decision.recorded","occurred_on":"2024-11-01","data":{"decision_id":"D-O8","community_id":"C-O","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{}}}"#,
    ]

    @Test func spendingCitingAnotherCommunitysDecisionLacksADecision() throws {
        let found = try Mini.findings(Self.other + [Mini.spending("S1", "2025-01-10", fen: 5000, decision: "D-O")],
                                      asOf: "2025-02-01", rule: .spendingWithoutDecision)
        #expect(found.count == 1)
        #expect(found.first?.evidence.map(\.eventID).contains("D-O") == true)
    }

    @Test func spendingCitingOwnCommunitysDecisionPasses() throws {
        let own = Mini.decision("D-T", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240)
        let found = try Mini.findings([own, Mini.spending("S1", "2025-01-10", fen: 5000, decision: "D-T")],
                                      asOf: "2025-02-01", rule: .spendingWithoutDecision)
        #expect(found.isEmpty)
    }

    @Test func transferCitingAnotherCommunitysDecisionLacksADecision() throws {
        let transfer = Mini.event("T1", "fund.transfer", "2025-01-10", #"{"from_fund_id":"F-MF","to_fund_id":"F-GV","amount_fen":5000,"voucher":"T1","decision_id":"D-O"}"#)
        let found = try Mini.findings(Self.other + [transfer], asOf: "2025-02-01", rule: .transferWithoutDecision)
        #expect(found.count == 1)
    }

    @Test func useUnderAnotherCommunitysDecisionIsWithoutAuthority() throws {
        let use = Mini.event("U1", "use.started", "2025-01-01", #"{"use_id":"U1","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-O8"}}"#)
        let found = try Mini.findings(Self.other + [use], asOf: "2025-02-01", rule: .useWithoutAuthority)
        #expect(found.count == 1)
        #expect(found.first?.evidence.map(\.eventID).contains("D-O8") == true)
    }
}
