import LedgerEvents
import LedgerProjections
import LedgerRules
import Testing

/// Review 49 #1. While the decision an act's record now cites is not yet taken on the check date, the version before
/// the correction is judged, citing that version's record (review 48 #3) — but the finding states the act as the
/// record in effect has it (its amount, its rent). When a correction after that version changed anything besides
/// the citation, the record in effect is cited too, so that each fact the finding states is proved by a record it
/// cites: a spending of 500.00 corrected to cite D-MR, then to 600.00, read "spent ¥600.00 … Records: no. 17" (the
/// record of 500.00).
@Suite struct ReviewFortyNineRuleTests {
    typealias R48 = ReviewFortyEightRuleTests

    /// The data of K-1 (rent `money` a month), S1 (spent `money`) or T1 (moved `money`) citing `decision`.
    static func data(_ act: String, _ decision: String?, _ money: Int) -> String {
        let cited = decision.map { #","decision_id":"\#($0)""# } ?? ""
        switch act {
        case "K-1":
            return #"{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":\#(money),"rent_period":"month","payee_fund_id":"F-PI"\#(cited)}"#
        case "S1":
            return #"{"fund_id":"F-MF","amount_fen":\#(money),"counterparty":"某公司","voucher":"S1","purpose":"维修","purpose_category":"repair"\#(cited)}"#
        default:
            return #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":\#(money),"voucher":"T1"\#(cited)}"#
        }
    }

    static func made(_ act: String, _ decision: String?, _ money: Int) -> String {
        Mini.event(act, R48.type(act), "2024-12-01", data(act, decision, money))
    }

    static func corrected(_ act: String, _ decision: String?, _ money: Int, id: String, on day: String) -> String {
        Mini.event(id, "correction", day, #"{"corrects":"\#(act)","reason":"更正","replacement":{"type":"\#(R48.type(act))","occurred_on":"2024-12-01","data":\#(data(act, decision, money))}}"#)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let act: String
        /// The versions after the first: (id, decision cited, money).
        let versions: [(id: String, decision: String?, money: Int)]
        let asOf: String
        let key: String
        let facts: [String]
        /// The records the finding cites, by event id.
        let cited: Set<String>
        var testDescription: String { "\(name), as of \(asOf)" }
    }

    static let later = ["K-1": "D-R", "S1": "D-MR", "T1": "D-PR"]
    static let keys = ["K-1": R48.con01, "S1": R48.fund01, "T1": R48.fund10]
    static let first = ["K-1": 100000, "S1": 50000, "T1": 500000]

    static let cases: [Case] = {
        var cases: [Case] = []
        for act in ["K-1", "S1", "T1"] {
            let d = later[act]!, key = keys[act]!, m = first[act]!
            for asOf in ["2024-12-31", "2025-05-31"] {
                // The review's case: the citation changed by one correction, the amount by the next.
                cases.append(Case(name: "\(act): cites \(d), then another amount", act: act,
                                  versions: [("X1", d, m), ("X2", d, m + 10000)], asOf: asOf, key: key,
                                  facts: ["no_decision"], cited: [act, "X2"]))
                // Both by one correction.
                cases.append(Case(name: "\(act): cites \(d) and another amount at once", act: act,
                                  versions: [("X1", d, m + 10000)], asOf: asOf, key: key, facts: ["no_decision"], cited: [act, "X1"]))
                // The amount first, then the citation alone: the version judged (X1) states what the finding says.
                cases.append(Case(name: "\(act): another amount, then cites \(d)", act: act,
                                  versions: [("X1", nil, m + 10000), ("X2", d, m + 10000)], asOf: asOf, key: key,
                                  facts: ["no_decision"], cited: ["X1"]))
                // The citation alone (review 48 #3): the record first made only, as the list before the correction.
                cases.append(Case(name: "\(act): cites \(d) only", act: act, versions: [("X1", d, m)], asOf: asOf, key: key,
                                  facts: ["no_decision"], cited: [act]))
                // An amount changed and changed back: conservative, the record in effect is cited too.
                cases.append(Case(name: "\(act): another amount and back, citing \(d)", act: act,
                                  versions: [("X1", d, m + 10000), ("X2", d, m)], asOf: asOf, key: key,
                                  facts: ["no_decision"], cited: [act, "X2"]))
            }
            // Once the later vote is taken the record in effect is judged and cited, beside the version it replaced.
            cases.append(Case(name: "\(act): cites \(d), then another amount", act: act,
                              versions: [("X1", d, m), ("X2", d, m + 10000)], asOf: "2025-06-30", key: key,
                              facts: ["decision_after_act"], cited: [act, "X2", d]))
        }
        return cases
    }()

    @Test(arguments: cases) func eachFactIsProvedByACitedRecord(_ c: Case) throws {
        var lines = R48.votes + [Self.made(c.act, nil, Self.first[c.act]!)]
        for (k, v) in c.versions.enumerated() {
            lines.append(Self.corrected(c.act, v.decision, v.money, id: v.id, on: "2025-01-1\(k)"))
        }
        var found: [Finding] = []
        for rule in [RuleCode.contractWithoutDecision, .contractDecisionFailed, .spendingWithoutDecision, .spendingDecisionFailed,
                     .transferWithoutDecision] {
            found += try Mini.findings(lines, asOf: c.asOf, rule: rule)
                .filter { $0.itemID == "K-1" || $0.subjectIDs.first == "S1" || $0.subjectIDs.first == "T1" }
        }
        #expect(found.map(\.key) == [c.key], "\(found.map(\.key))")
        let f = try #require(found.first)
        let facts = f.itemKind == .contract ? f.facts : Array(f.facts.dropFirst())
        #expect(facts.map(\.key.rawValue) == c.facts)
        #expect(Set(f.evidence.map(\.eventID)) == c.cited, "\(f.evidence.map(\.eventID))")
        // No record is cited twice.
        #expect(f.evidence.count == Set(f.evidence.map(\.eventID)).count, "cited twice: \(f.evidence.map(\.eventID))")
    }
}
