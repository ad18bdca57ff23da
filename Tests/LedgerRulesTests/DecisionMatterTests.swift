import LedgerEvents
import LedgerRules
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
