import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 48 #3 and #2. An act citing no decision (FUND-01, FUND-10, CON-01) or a failed vote (FUND-03, CON-02) and
/// corrected to cite a decision taken later (a ratification) is judged, while that decision is not yet taken on the
/// check date, as the version before the correction, citing that version's record: a past list does not change
/// because of a later record (it said `decision_not_yet_taken`, citing the correction). A failed vote cited only by
/// a middle correction is cited with that correction's record, not with the record first made (which cited none).
@Suite struct ReviewFortyEightRuleTests {
    /// Votes: D-F (operating, 2024-11-01) and D-MF (maintenance, 2024-11-01) fail; D-R (operating), D-MR
    /// (maintenance) and D-PR (other major) pass on 2025-06-01; D-L (operating, 2025-06-01) fails. I1: money in F-PI.
    static let votes = RatifiedFailedVoteTests.votes + [
        Mini.decision("D-MF", "2024-11-01", "maintenance_fund_use", "1000.00", 100, "1000.00", 100),
        Mini.decision("D-MR", "2025-06-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240),
        Mini.decision("D-PR", "2025-06-01", "other_major", "2400.00", 240, "2400.00", 240),
        Mini.event("I1", "fund.income", "2024-02-01", #"{"fund_id":"F-PI","amount_fen":10000000,"counterparty":"某公司","voucher":"I1","category":"parking"}"#),
    ]

    /// The data of K-1 (signed 2024-12-01), S1 (spent 2024-12-01) and T1 (moved 2024-12-01) citing `decision`.
    static func data(_ act: String, _ decision: String?) -> String {
        let cited = decision.map { #","decision_id":"\#($0)""# } ?? ""
        switch act {
        case "K-1":
            return #"{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":0,"rent_period":"month","payee_fund_id":"F-PI"\#(cited)}"#
        case "S1":
            return #"{"fund_id":"F-MF","amount_fen":50000,"counterparty":"某公司","voucher":"S1","purpose":"维修","purpose_category":"repair"\#(cited)}"#
        default:
            return #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":500000,"voucher":"T1"\#(cited)}"#
        }
    }

    static func type(_ act: String) -> String { act == "K-1" ? "contract.signed" : act == "S1" ? "fund.spending" : "fund.transfer" }

    /// The act as first recorded.
    static func made(_ act: String, _ decision: String?) -> String {
        Mini.event(act, type(act), "2024-12-01", data(act, decision))
    }

    /// A correction `id` of the act making it cite `decision`.
    static func corrected(_ act: String, _ decision: String?, id: String, on day: String = "2025-06-05") -> String {
        Mini.event(id, "correction", day, #"{"corrects":"\#(act)","reason":"更正所依据的决定","replacement":{"type":"\#(type(act))","occurred_on":"2024-12-01","data":\#(data(act, decision))}}"#)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// The findings on the act about its decision: key → (facts, the act's own fact left out for funds; the
        /// resolution's day, nil when open; the records cited, by event id).
        let found: [String: (facts: [String], ratifiedOn: String?, cited: Set<String>)]
        var testDescription: String { "\(name), as of \(asOf)" }
    }

    static let con01 = "CON-01/K-1/2024-12-01", con02 = "CON-02/K-1/2024-12-01"
    static let fund01 = "FUND-01/F-MF/S1/2024-12-01", fund03 = "FUND-03/F-MF/S1/2024-12-01", fund10 = "FUND-10/F-PI/T1/2024-12-01"

    static let cases: [Case] = {
        var cases: [Case] = []
        // 1. No decision at first, then a correction cites the later vote: before it is taken, the list made before
        // the correction (no decision, citing the record first made); from it on, ratified, citing both records.
        for (act, later, key) in [("K-1", "D-R", con01), ("S1", "D-MR", fund01), ("T1", "D-PR", fund10)] {
            let lines = votes + [made(act, nil), corrected(act, later, id: "X1")]
            for asOf in ["2024-12-31", "2025-05-31"] {
                cases.append(Case(name: "\(act): no decision, a correction cites the later vote", lines: lines, asOf: asOf,
                                  found: [key: (["no_decision"], nil, [act])]))
                cases.append(Case(name: "\(act): no decision, not corrected", lines: votes + [made(act, nil)], asOf: asOf,
                                  found: [key: (["no_decision"], nil, [act])]))
            }
            cases.append(Case(name: "\(act): no decision, a correction cites the later vote", lines: lines, asOf: "2025-06-30",
                              found: [key: (["decision_after_act"], "2025-06-01", [act, "X1", later])]))
        }
        // 2. No decision at first, a failed vote cited by a middle correction, the later vote by a third record:
        // the failed vote's finding cites the middle correction, the record that cited it (it cited the first record,
        // which cited none); before the later vote, beside the record first made, whose citation it changed (as the
        // list made before the third record did); from it on, beside the third record.
        for (act, failed, later, key) in [("K-1", "D-F", "D-R", con02), ("S1", "D-MF", "D-MR", fund03)] {
            let lines = votes + [made(act, nil), corrected(act, failed, id: "X1", on: "2025-01-10"), corrected(act, later, id: "X2")]
            let vote = act == "K-1" ? "special_majority_missed" : "quorum_missed"
            cases.append(Case(name: "\(act): none, then a failed vote, then the later vote", lines: lines, asOf: "2025-05-31",
                              found: [key: ([vote], nil, [act, "X1", failed])]))
            cases.append(Case(name: "\(act): none, then a failed vote, the later vote not cited yet", lines: Array(lines.dropLast()),
                              asOf: "2025-05-31", found: [key: ([vote], nil, [act, "X1", failed])]))
            cases.append(Case(name: "\(act): none, then a failed vote, then the later vote", lines: lines, asOf: "2025-06-30",
                              found: [key: ([vote, "decision_after_act"], "2025-06-01", ["X1", "X2", failed, later])]))
        }
        // 3. Two corrections citing later votes in turn (D-L, then D-R): before either is taken, no decision.
        cases.append(Case(name: "K-1: none, then D-L, then D-R", lines: votes + [made("K-1", nil), corrected("K-1", "D-L", id: "X1"),
                                                                              corrected("K-1", "D-R", id: "X2", on: "2025-06-06")],
                          asOf: "2025-05-31", found: [con01: (["no_decision"], nil, ["K-1"])]))
        // 4. Signed under a vote that authorised it, then corrected to cite a later one: nothing before it is taken.
        cases.append(Case(name: "K-1: a passing vote, then the later vote", lines: votes + [made("K-1", "D-E"), corrected("K-1", "D-R", id: "X1")],
                          asOf: "2025-05-31", found: [:]))
        return cases
    }()

    @Test(arguments: cases) func aPastListSaysWhatWasKnownThen(_ c: Case) throws {
        var found: [Finding] = []
        for rule in [RuleCode.contractWithoutDecision, .contractDecisionFailed, .spendingWithoutDecision, .spendingDecisionFailed,
                     .transferWithoutDecision] {
            found += try Mini.findings(c.lines, asOf: c.asOf, rule: rule)
                .filter { $0.itemID == "K-1" || $0.subjectIDs.first == "S1" || $0.subjectIDs.first == "T1" }
        }
        #expect(Set(found.map(\.key)) == Set(c.found.keys), "\(found.map(\.key))")
        for f in found {
            let expected = try #require(c.found[f.key])
            let facts = f.itemKind == .contract ? f.facts : Array(f.facts.dropFirst())
            #expect(facts.map(\.key.rawValue) == expected.facts, "\(f.key)")
            #expect(f.resolution.map { $0.on.description } == expected.ratifiedOn, "\(f.key)")
            #expect(Set(f.evidence.map(\.eventID)) == expected.cited, "\(f.key): \(f.evidence.map(\.eventID))")
        }
    }

    /// The correction on which a ratification through a failed vote rests is cited (review 48 #2), so that one
    /// appended after a failed re-check reads 待复核 (review 41d #5), as FUND-01's does: CON-02 cited only the record
    /// first made and the votes, recorded before the re-check, and read 复核未通过.
    @Test func aRatifyingCorrectionAfterAFailedReCheckIsToReCheck() throws {
        let key = RatifiedFailedVoteTests.con02
        // Records 7–10 (the votes; D-R, record 8, ratifies), 11 (K-1 on D-F), 12 (the correction citing D-R).
        let lines = RatifiedFailedVoteTests.votes + [RatifiedFailedVoteTests.signed("D-F"), RatifiedFailedVoteTests.corrected("D-R")]
        for (seq, status) in [(Int64(11), LoopStatus.toVerify), (1003, .rejected)] {
            let events = [ReviewThirtyNineLoopTests.issued([key], on: "2025-01-10"),
                          RectificationLoopTests.verified("2025-06-10", [key], .rejected, seq: seq)]
            let l = try RectificationLoopTests.ledger(lines, asOf: "2025-06-30", events)
            #expect(l.allEntries.first { $0.key == key }?.status == status, "re-check record \(seq)")
        }
    }

    /// The `contracts` vote column as of a past date beside CON-01: none, and no decision named, for a contract that
    /// cited none before the correction citing the later vote.
    @Test func theVoteColumnOfAPastListSaysNone() throws {
        let lines = Self.votes + [Self.made("K-1", nil), Self.corrected("K-1", "D-L", id: "X1"), Self.corrected("K-1", "D-R", id: "X2", on: "2025-06-06")]
        let projection = Projection(records: try SampleRecords.records(lines: Mini.base + lines), asOf: CalendarDate(iso: "2025-05-31")!)
        let contract = try #require(projection.contracts["K-1"])
        #expect(projection.vote(of: contract) == .none)
        #expect(projection.contractLines().first { $0.id == "K-1" }?.decisionID == nil)
        #expect(projection.contractKnownThen(contract)?.evidence.eventID == "K-1")
    }

    /// Seeded: an act's record corrected k times, each correction citing a decision (or none) drawn from the votes.
    /// On a check date before the later votes, the findings about the act's decision are the same whether the
    /// last correction — one citing a later vote, other than the version before it — is in the log or not: a past
    /// list does not change because of a later record.
    @Test func aLaterCorrectionCitingALaterVoteLeavesAPastListAsItWas() throws {
        let earlier: [String: [String?]] = ["K-1": [nil, "D-F", "D-E", "D-R", "D-L"], "S1": [nil, "D-MF", "D-MR"],
                                            "T1": [nil, "D-PR"]]
        let laterVotes: [String: [String]] = ["K-1": ["D-R", "D-L"], "S1": ["D-MR"], "T1": ["D-PR"]]
        let rules: [RuleCode] = [.contractWithoutDecision, .contractDecisionFailed, .spendingWithoutDecision, .spendingDecisionFailed,
                                 .transferWithoutDecision, .spendingBeyondAuthority]
        for seed in UInt64(1)...60 {
            var random = SplitMix64(seed: seed)
            let act = ["K-1", "S1", "T1"][Int(random.next() % 3)]
            let choices = earlier[act]!
            var cited: [String?] = [choices[Int(random.next() % UInt64(choices.count))]]
            var lines = Self.votes + [Self.made(act, cited[0])]
            for k in 0..<Int(random.next() % 3) {
                let next = choices[Int(random.next() % UInt64(choices.count))]
                cited.append(next)
                lines.append(Self.corrected(act, next, id: "X\(k + 1)", on: "2025-01-1\(k)"))
            }
            let others = laterVotes[act]!.filter { $0 != cited.last! }
            guard !others.isEmpty else { continue }
            let last = others[Int(random.next() % UInt64(others.count))]
            let asOf = random.next() % 2 == 0 ? "2024-12-31" : "2025-05-31"
            func onAct(_ lines: [String]) throws -> [Finding] {
                try rules.flatMap { try Mini.findings(lines, asOf: asOf, rule: $0) }
                    .filter { $0.itemID == "K-1" || $0.subjectIDs.first == "S1" || $0.subjectIDs.first == "T1" }
                    .sorted { $0.key < $1.key }
            }
            let before = try onAct(lines)
            let after = try onAct(lines + [Self.corrected(act, last, id: "XL", on: "2025-06-10")])
            #expect(after.map { (f: Finding) in f.key } == before.map { (f: Finding) in f.key }, "seed \(seed): \(act) \(cited) then \(last)")
            #expect(after.map { (f: Finding) in f.facts } == before.map { (f: Finding) in f.facts }, "seed \(seed): \(act) \(cited) then \(last)")
            #expect(after.map { (f: Finding) in f.evidence } == before.map { (f: Finding) in f.evidence }, "seed \(seed): \(act) \(cited) then \(last)")
        }
    }
}
