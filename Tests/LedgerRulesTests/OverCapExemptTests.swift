import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 42b #3: FUND-04 summed every movement citing a capped decision, even money that needs no decision whatever
/// decision it cites (docs/rules.md FUND-01, FUND-10: "nor FUND-03/04 for it") — public income rolled into the same
/// community's maintenance fund, and a spending of a fund other than the maintenance fund at or under the policy's
/// cap. Those are now left out of the decision's total; everything else counts as before.
@Suite struct OverCapExemptTests {
    static func capped(_ matter: String) -> String {
        Mini.decision("D-CAP", "2024-11-01", matter, "2400.00", 240, "2400.00", 240, authorises: #"{"amount_cap_fen":2000000}"#)
    }

    static func transfer(_ id: String, from: String, to: String, fen: Int) -> String {
        Mini.event(id, "fund.transfer", "2025-01-10",
                   #"{"from_fund_id":"\#(from)","to_fund_id":"\#(to)","amount_fen":\#(fen),"voucher":"V-\#(id)","decision_id":"D-CAP"}"#)
    }

    static let income = Mini.event("PI0", "fund.income", "2024-12-01",
                                   #"{"fund_id":"F-PI","amount_fen":10000000,"counterparty":"某公司","voucher":"I0","category":"advertising"}"#)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let noDecisionCapFen: Int64
        let flagged: Bool
        var testDescription: String { "\(flagged ? "flags" : "passes") \(name)" }
    }

    static let cases: [Case] = [
        Case(name: "two roll-ins of public income into the maintenance fund (¥25,000 against ¥20,000)",
             lines: [income, capped("change_use_or_operate"), transfer("T1", from: "F-PI", to: "F-MF", fen: 1_500_000),
                     transfer("T2", from: "F-PI", to: "F-MF", fen: 1_000_000)], noDecisionCapFen: 0, flagged: false),
        Case(name: "public income moved to the governance fund beyond the cap",
             lines: [income, capped("change_use_or_operate"), transfer("T1", from: "F-PI", to: "F-GV", fen: 1_500_000),
                     transfer("T2", from: "F-PI", to: "F-GV", fen: 1_000_000)], noDecisionCapFen: 0, flagged: true),
        Case(name: "public-income spendings each within the policy's no-decision cap",
             lines: [income, capped("change_use_or_operate"),
                     Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 1_500_000, decision: "D-CAP"),
                     Mini.spending("S2", "2025-01-11", fund: "F-PI", fen: 1_000_000, decision: "D-CAP")],
             noDecisionCapFen: 1_500_000, flagged: false),
        Case(name: "public-income spendings, one above the policy's no-decision cap, together beyond the decision's",
             lines: [income, capped("change_use_or_operate"),
                     Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 1_500_000, decision: "D-CAP"),
                     Mini.spending("S2", "2025-01-11", fund: "F-PI", fen: 1_000_000, decision: "D-CAP")],
             noDecisionCapFen: 1_000_000, flagged: false),
        Case(name: "public-income spendings above the policy's no-decision cap, together beyond the decision's",
             lines: [income, capped("change_use_or_operate"),
                     Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 1_500_000, decision: "D-CAP"),
                     Mini.spending("S2", "2025-01-11", fund: "F-PI", fen: 1_000_000, decision: "D-CAP")],
             noDecisionCapFen: 900_000, flagged: true),
        Case(name: "maintenance-fund spendings are never exempt, whatever the policy's cap",
             lines: [capped("maintenance_fund_use"), Mini.spending("S1", "2025-01-10", fen: 1_500_000, decision: "D-CAP"),
                     Mini.spending("S2", "2025-01-11", fen: 1_000_000, decision: "D-CAP")],
             noDecisionCapFen: 5_000_000, flagged: true),
    ]

    @Test(arguments: cases) func overCap(_ c: Case) throws {
        var policy = Policy()
        policy.spendingWithoutDecisionCapFen = c.noDecisionCapFen
        let found = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .spendingBeyondAuthority, policy: policy)
            .filter { $0.key.hasPrefix("FUND-04/D-CAP") }
        #expect(found.isEmpty != c.flagged, "\(found.map(\.key))")
    }
}
