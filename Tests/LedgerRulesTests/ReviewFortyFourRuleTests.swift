import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// The readings review 44a found wrong in the rules:
/// - (#5) letting an idle part made LOW-01 find it at once: the window's low use was the idle stretch the letting
///   ended, and the finding went 逾期 while the part was in full use (a club let from 2026-02-20, in use from 03-01);
/// - (#6) a contract citing no decision, while a decision of its community names it (`authorises.contract_id`), was
///   said to rest on no owners' decision and advised a vote the owners had already held.
@Suite struct ReviewFortyFourRuleTests {
    /// A use of A-1 under the valid decision, from `start`, ended on `end` when given.
    static func use(_ id: String, _ start: String, _ end: String? = nil) -> [String] {
        [Mini.event(id, "use.started", start, #"{"use_id":"\#(id)","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#)]
            + (end.map { [Mini.event(id + "e", "use.ended", $0, #"{"use_id":"\#(id)"}"#)] } ?? [])
    }
    /// A-1 (registered 2023-12-01, idle since) let under a contract signed 2025-02-20 for a term from 2025-03-01.
    static let letLater = [Mini.okDecision, Mini.contract("K-L", start: "2025-03-01", end: "2027-02-28", signed: "2025-02-20")]

    static let utilisationCases: [RuleCase] = {
        var c: [RuleCase] = []
        func add(_ name: String, _ rule: RuleCode, _ asOf: String, _ flagged: Bool, _ lines: [String]) {
            c.append(RuleCase(name: name, lines: lines, asOf: asOf, rule: rule, flagged: flagged))
        }
        // The review's case: idle until let; neither idle nor little used once booked, in use, or both.
        add("idle the day before the letting", .idle, "2025-02-19", true, letLater)
        add("booked: no longer idle", .idle, "2025-02-25", false, letLater)
        add("booked after a year idle: not little used", .lowUtilisation, "2025-02-25", false, letLater)
        add("in use since the letting, 158 of 365 days: not little used", .lowUtilisation, "2025-08-05", false, letLater)
        add("a use (no contract) after a year idle: not little used", .lowUtilisation, "2025-08-05", false,
            [Mini.okDecision] + use("U1", "2025-03-01"))
        // Once that use ends, the window is measured again.
        add("the use ended before the check date: little used", .lowUtilisation, "2025-08-05", true,
            [Mini.okDecision] + use("U1", "2025-03-01", "2025-08-01"))
        add("the contract terminated before the check date: little used", .lowUtilisation, "2025-08-05", true,
            letLater + [Mini.event("T-K-L", "contract.terminated", "2025-08-01", #"{"contract_id":"K-L","reason":"协商解除"}"#)])
        // Used earlier in the window: a short gap before the present use is low use, not idleness ended
        // (30 + 137 of 365 days; the gap 2024-10-01…2025-02-28 is 151 days).
        add("used in the window 151 idle days before the present use: little used", .lowUtilisation, "2025-07-15", true,
            [Mini.okDecision] + use("U0", "2024-09-01", "2024-09-30") + use("U1", "2025-03-01"))
        // A gap of at least idle_days (180) before the present use was IDLE-01's stretch: its end is the remedy.
        add("last used 180 idle days before the present use: not little used", .lowUtilisation, "2025-07-15", false,
            [Mini.okDecision] + use("U0", "2024-08-23", "2024-09-01") + use("U1", "2025-03-01"))
        add("last used 179 idle days before the present use: little used", .lowUtilisation, "2025-07-15", true,
            [Mini.okDecision] + use("U0", "2024-08-24", "2024-09-02") + use("U1", "2025-03-01"))
        return c
    }()

    @Test(arguments: utilisationCases)
    func utilisation(_ c: RuleCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule)
        #expect(!found.isEmpty == c.flagged, "\(c.rule.code) \(c.name): \(found.map(\.key))")
    }

    /// The review's loop: LOW-01 issued while the part was used now and then, then let for good after a long
    /// idle stretch: the issued key awaits the office's re-check (待复核), not 逾期.
    @Test func anIssuedUtilisationKeyAwaitsReCheckOnceLet() throws {
        let lines = [Mini.okDecision] + Self.use("U0", "2024-06-01", "2024-08-15") + [
            Mini.contract("K-L", start: "2025-03-01", end: "2027-02-28", signed: "2025-02-20")]
        let key = "LOW-01/A-1"
        // As of 2024-12-01 the part was used 76 of 366 days and idle for 108: little used, not yet idle.
        #expect(try Mini.findings(lines, asOf: "2024-12-01", rule: .lowUtilisation).map(\.key) == [key])
        // Idle 180 days on 2025-02-11, then let: the idle stretch before the letting is 188 days.
        #expect(try Mini.findings(lines, asOf: "2025-02-19", rule: .idle).count == 1)
        #expect(try Mini.findings(lines, asOf: "2025-08-05", rule: .lowUtilisation).isEmpty)
        let issued = RectificationLoopTests.event("2024-12-02", .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: RectificationLoopTests.date("2024-12-01"), atSeq: 9,
            reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
            preparedOn: RectificationLoopTests.date("2024-12-02"),
            items: [IssuedItem(key: key, responsible: "业主委员会", deadline: RectificationLoopTests.date("2025-03-01"))])), seq: 1001)
        let ledger = try RectificationLoopTests.ledger(lines, asOf: "2025-08-05", [issued])
        #expect(RectificationLoopTests.status(ledger, key) == .toVerify)
    }

    // MARK: CON-01 with a decision that names the contract

    struct NamedCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// The fact CON-01 states, its decision (when `decision_not_cited`) and the advice.
        let fact: FactKey?
        let decision: String?
        let action: Action?
        var testDescription: String { name }
    }

    static func naming(_ id: String, _ date: String, contract: String = "K-N", community: String = "C-T", pArea: String = "2400.00",
                       matter: String = "change_use_or_operate") -> String {
        Mini.decision(id, date, matter, pArea, 240, pArea, 240, authorises: #"{"asset_ids":["A-1"],"contract_id":"\#(contract)"}"#)
            .replacingOccurrences(of: #""community_id":"C-T""#, with: #""community_id":"\#(community)""#)
    }
    static let noVote = Mini.contract("K-N", start: "2025-01-01", end: "2025-12-31", decision: nil)

    static let namedCases: [NamedCase] = [
        NamedCase(name: "no decision names it: no decision, vote", lines: [noVote], asOf: "2025-06-01",
                  fact: .noDecision, decision: nil, action: .voteOnContract),
        NamedCase(name: "a decision taken before the signing names it", lines: [naming("D-N", "2024-11-01"), noVote], asOf: "2025-06-01",
                  fact: .decisionNotCited, decision: "D-N", action: .citeDecision),
        NamedCase(name: "a decision taken after the signing names it (a ratification)", lines: [noVote, naming("D-N", "2025-02-01")],
                  asOf: "2025-06-01", fact: .decisionNotCited, decision: "D-N", action: .citeDecision),
        // Review 44d #2: a vote that failed approved nothing; citing it would not authorise the contract.
        NamedCase(name: "a failed vote names it: no decision, vote",
                  lines: [naming("D-N", "2024-11-01", pArea: "1000.00"), noVote], asOf: "2025-06-01",
                  fact: .noDecision, decision: nil, action: .voteOnContract),
        NamedCase(name: "a vote on another matter names it: no decision, vote",
                  lines: [naming("D-N", "2024-11-01", matter: "committee"), noVote], asOf: "2025-06-01",
                  fact: .noDecision, decision: nil, action: .voteOnContract),
        NamedCase(name: "the contract has ended: the correction still", lines: [naming("D-N", "2024-11-01"), noVote], asOf: "2026-03-01",
                  fact: .decisionNotCited, decision: "D-N", action: .citeDecision),
        NamedCase(name: "two decisions name it: the earliest", lines: [naming("D-B", "2025-02-01"), naming("D-A", "2024-11-01"), noVote],
                  asOf: "2025-06-01", fact: .decisionNotCited, decision: "D-A", action: .citeDecision),
        NamedCase(name: "the decision is taken after the check date: none yet", lines: [noVote, naming("D-N", "2025-07-01")],
                  asOf: "2025-06-01", fact: .noDecision, decision: nil, action: .voteOnContract),
        NamedCase(name: "a decision naming another contract", lines: [naming("D-N", "2024-11-01", contract: "K-X"), noVote],
                  asOf: "2025-06-01", fact: .noDecision, decision: nil, action: .voteOnContract),
        // Once the correction adds decision_id, the decision is judged as a cited one: before the signing, CON-01 is gone.
        NamedCase(name: "corrected to cite it: no finding", lines: [naming("D-N", "2024-11-01"), noVote, Mini.event(
            "X1", "correction", "2025-03-01",
            #"{"corrects":"K-N","reason":"补记所依据的决定","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-N","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":0,"rent_period":"month","decision_id":"D-N","payee_fund_id":"F-PI"}}}"#)],
                  asOf: "2025-06-01", fact: nil, decision: nil, action: nil),
    ]

    @Test(arguments: namedCases)
    func contractNamedByADecision(_ c: NamedCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: .contractWithoutDecision)
        guard let fact = c.fact else { return #expect(found.isEmpty, "\(found.map(\.key))") }
        let finding = try #require(found.first)
        #expect(found.count == 1 && finding.key == "CON-01/K-N/2024-12-01")
        #expect(finding.isOpen, "the record still lacks the decision")
        #expect(finding.facts.map(\.key) == [fact])
        #expect(finding.action == c.action)
        if let decision = c.decision {
            #expect(finding.facts.first?["decision_id"] == .text(decision))
            #expect(finding.evidence.map(\.eventID).contains(decision), "the finding rests on the decision too")
        }
    }
}
