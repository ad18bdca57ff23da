import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 47d, the rectification rules it left open: a decision naming a contract the ledger holds authorises no use
/// citing it (OCC-02 `decision_for_contract_only`, the `assets` status with it); a spending or transfer made on a
/// failed vote and corrected to cite a later passing vote keeps FUND-03's key, ratified from that vote's date (as
/// CON-02 does), and CON-02's and FUND-03's evidence keep citing the record first made; the `contracts` vote column
/// shows the failed vote before the ratifying one is taken, and `passed_other_contract` where CON-01 finds
/// `decision_for_other_contract`.
@Suite struct ReviewFortySevenDRuleTests {
    // MARK: 1. A use citing a decision that names a contract

    /// A contract on A-1 citing D-N, signed 2024-12-01.
    static let k9 = Mini.contract("K-9", start: "2025-01-01", end: "2027-12-31", decision: "D-N")

    /// Use U1 of A-1 from `start`, citing D-N.
    static func use(_ start: String = "2025-01-01") -> String {
        Mini.event("U1", "use.started", start, #"{"use_id":"U1","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-N"}}"#)
    }

    /// D-N decided on `day`, all approving, with `authorises`.
    static func decision(_ authorises: String, on day: String = "2024-11-01") -> String {
        Mini.decision("D-N", day, "change_use_or_operate", "2400.00", 240, "2400.00", 240, authorises: authorises)
    }

    /// K-9 held by another community (C-O, its part A-9): a number C-T's owners never saw (review 48 #4).
    static let otherK9 = [
        #"{"id":"o1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-O","name":"另一小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"o2","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-9","community_id":"C-O","kind":"parking","name":"车位9","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
        Mini.event("K-9", "contract.signed", "2024-12-01", #"{"contract_id":"K-9","community_id":"C-O","asset_ids":["A-9"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":0,"rent_period":"month"}"#),
    ]

    struct UseCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        /// OCC-02's facts on U1 (empty: none), and whether it is ratified.
        let occ02: [String]
        var ratified = false
        /// The status of A-1 in `ledger assets`.
        let status: AssetStatus
        var testDescription: String { name }
    }

    static let useCases: [UseCase] = [
        UseCase(name: "a decision naming no contract", lines: [decision(#"{"asset_ids":["A-1"]}"#), use()], occ02: [],
                status: .inUseUnderDecision),
        UseCase(name: "a decision naming a contract the ledger holds", lines: [decision(#"{"asset_ids":["A-1"],"contract_id":"K-9"}"#), k9, use()],
                occ02: ["use_started", "decision_for_contract_only"], status: .inUseWithoutAuthority),
        UseCase(name: "a decision naming a contract and no part", lines: [decision(#"{"contract_id":"K-9"}"#), k9, use()],
                occ02: ["use_started", "decision_for_contract_only"], status: .inUseWithoutAuthority),
        // As CON-01 reads it (review 47d): a contract the ledger does not hold is not told from the use.
        UseCase(name: "a decision naming a contract the ledger does not hold", lines: [decision(#"{"asset_ids":["A-1"],"contract_id":"K-9"}"#), use()],
                occ02: [], status: .inUseUnderDecision),
        UseCase(name: "a decision naming a contract another community holds",
                lines: [decision(#"{"asset_ids":["A-1"],"contract_id":"K-9"}"#)] + otherK9 + [use()],
                occ02: [], status: .inUseUnderDecision),
        // Taken after the use began: it would ratify a use it authorised, but it approved K-9, so nothing is ratified.
        UseCase(name: "a later decision naming a contract the ledger holds",
                lines: [decision(#"{"asset_ids":["A-1"],"contract_id":"K-9"}"#, on: "2025-03-01"), k9, use()],
                occ02: ["use_started", "decision_after_act", "decision_for_contract_only"], status: .inUseWithoutAuthority),
        UseCase(name: "a later decision naming no contract", lines: [decision(#"{"asset_ids":["A-1"]}"#, on: "2025-03-01"), use()],
                occ02: ["use_started", "decision_after_act"], ratified: true, status: .inUseUnderDecision),
    ]

    @Test(arguments: useCases) func aDecisionNamingAContractAuthorisesNoUse(_ c: UseCase) throws {
        let found = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .useWithoutAuthority).filter { $0.subjectIDs == ["U1"] }
        #expect(found.flatMap { $0.facts.map(\.key.rawValue) } == c.occ02)
        #expect(found.allSatisfy { ($0.resolution != nil) == c.ratified })
        if let fact = found.first?.facts.first(where: { $0.key == .decisionForContractOnly }) {
            #expect(fact["decision_id"] == .text("D-N") && fact["contract_id"] == .text("K-9"))
        }
        let projection = Projection(records: try SampleRecords.records(lines: Mini.base + c.lines), asOf: CalendarDate(iso: "2025-06-30")!)
        #expect(projection.view(ofAsset: "A-1")?.status == c.status)
    }

    // MARK: 2, 3. FUND-03 through a ratifying correction

    /// D-MF on 2024-11-01 misses its quorum; D-MR on 2025-06-01 passes; D-ML on 2025-06-01 misses it too. The same for
    /// public income moved out (D-PF, D-PR, other major matters).
    static let votes = [
        Mini.decision("D-MF", "2024-11-01", "maintenance_fund_use", "1000.00", 100, "1000.00", 100),
        Mini.decision("D-MR", "2025-06-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240),
        Mini.decision("D-ML", "2025-06-01", "maintenance_fund_use", "1000.00", 100, "1000.00", 100),
        Mini.decision("D-PF", "2024-11-01", "other_major", "1000.00", 100, "1000.00", 100),
        Mini.decision("D-PR", "2025-06-01", "other_major", "2400.00", 240, "2400.00", 240),
        Mini.event("I1", "fund.income", "2024-02-01", #"{"fund_id":"F-PI","amount_fen":10000000,"counterparty":"某公司","voucher":"I1","category":"parking"}"#),
    ]

    static func spent(_ decision: String?) -> String { Mini.spending("S1", "2024-12-01", fen: 50000, decision: decision) }

    static func spentCorrected(_ decision: String, on day: String = "2025-06-05", id: String = "X1") -> String {
        let data = #"{"fund_id":"F-MF","amount_fen":50000,"counterparty":"某公司","voucher":"S1","purpose":"维修","purpose_category":"repair","decision_id":"\#(decision)"}"#
        return Mini.event(id, "correction", day, #"{"corrects":"S1","reason":"改为引用追认决定","replacement":{"type":"fund.spending","occurred_on":"2024-12-01","data":\#(data)}}"#)
    }

    static func moved(_ decision: String) -> String {
        Mini.event("T1", "fund.transfer", "2024-12-01", #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":500000,"voucher":"T1","decision_id":"\#(decision)"}"#)
    }

    static func movedCorrected(_ decision: String) -> String {
        let data = #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":500000,"voucher":"T1","decision_id":"\#(decision)"}"#
        return Mini.event("X2", "correction", "2025-06-05", #"{"corrects":"T1","reason":"改为引用追认决定","replacement":{"type":"fund.transfer","occurred_on":"2024-12-01","data":\#(data)}}"#)
    }

    struct FundCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// The keys of FUND-01, FUND-03 and FUND-10 findings on the act, each with its facts (the act's own first
        /// fact left out) and its resolution's day (nil: open).
        let found: [String: (facts: [String], ratifiedOn: String?)]
        var testDescription: String { "\(name), as of \(asOf)" }
    }

    static let spending03 = "FUND-03/F-MF/S1/2024-12-01", transfer03 = "FUND-03/F-PI/T1/2024-12-01"

    static let fundCases: [FundCase] = {
        var cases: [FundCase] = []
        for (asOf, after) in [("2024-12-31", false), ("2025-05-31", false), ("2025-06-01", true), ("2025-12-31", true)] {
            // Before the later vote the finding is the one a list showed before the correction; from it on, ratified.
            cases.append(FundCase(name: "spending on a failed vote, corrected to cite the later vote", lines: votes + [spent("D-MF"), spentCorrected("D-MR")],
                                  asOf: asOf, found: [spending03: after ? (["quorum_missed", "decision_after_act"], "2025-06-01") : (["quorum_missed"], nil)]))
            cases.append(FundCase(name: "spending on a failed vote, not corrected", lines: votes + [spent("D-MF")], asOf: asOf,
                                  found: [spending03: (["quorum_missed"], nil)]))
            cases.append(FundCase(name: "transfer on a failed vote, corrected to cite the later vote", lines: votes + [moved("D-PF"), movedCorrected("D-PR")],
                                  asOf: asOf, found: [transfer03: after ? (["quorum_missed", "decision_after_act"], "2025-06-01") : (["quorum_missed"], nil)]))
        }
        // The later vote fails too: FUND-03 stays open and says why the attempt did not ratify it.
        cases.append(FundCase(name: "spending on a failed vote, corrected to cite a later vote that fails too",
                              lines: votes + [spent("D-MF"), spentCorrected("D-ML")], asOf: "2025-06-30",
                              found: [spending03: (["quorum_missed", "decision_after_act", "quorum_missed"], nil)]))
        // No decision at first: FUND-01, ratified by the later vote (as before).
        cases.append(FundCase(name: "spending citing no decision, corrected to cite the later vote", lines: votes + [spent(nil), spentCorrected("D-MR")],
                              asOf: "2025-06-30", found: ["FUND-01/F-MF/S1/2024-12-01": (["decision_after_act"], "2025-06-01")]))
        // Corrected twice, the second time changing something else: the vote it was spent on stays.
        cases.append(FundCase(name: "spending on a failed vote, ratified, then corrected again",
                              lines: votes + [spent("D-MF"), spentCorrected("D-MR"), spentCorrected("D-MR", on: "2025-06-10", id: "X3")],
                              asOf: "2025-06-30", found: [spending03: (["quorum_missed", "decision_after_act"], "2025-06-01")]))
        return cases
    }()

    @Test(arguments: fundCases) func aFailedVotesFindingKeepsItsKeyThroughARatifyingCorrection(_ c: FundCase) throws {
        var found: [Finding] = []
        for rule in [RuleCode.spendingWithoutDecision, .spendingDecisionFailed, .transferWithoutDecision] {
            found += try Mini.findings(c.lines, asOf: c.asOf, rule: rule).filter { $0.subjectIDs.first == "S1" || $0.subjectIDs.first == "T1" }
        }
        #expect(Set(found.map(\.key)) == Set(c.found.keys), "\(found.map(\.key))")
        for f in found {
            let expected = try #require(c.found[f.key])
            #expect(f.facts.dropFirst().map(\.key.rawValue) == expected.facts, "\(f.key)")
            #expect(f.resolution.map { $0.on.description } == expected.ratifiedOn, "\(f.key)")
            if f.resolution != nil {
                #expect(f.resolution?.kind == .ratified && [.spendingRatified, .transferRatified].contains(f.action), "\(f.key)")
            }
            // FUND-03 cites the record first made (review 47d #3); the correction in effect, which cites the later
            // vote, only once that vote is taken, when the ratification rests on it (review 48 #2).
            if f.rule == .spendingDecisionFailed {
                let cited = Set(f.evidence.map(\.eventID))
                #expect(cited.contains("S1") || cited.contains("T1"), "\(f.key): \(f.evidence)")
                if f.resolution == nil && !f.facts.contains(where: { $0.key == .decisionAfterAct }) {
                    #expect(cited.isDisjoint(with: ["X1", "X2", "X3"]), "\(f.key): \(f.evidence)")
                } else {
                    #expect(!cited.isDisjoint(with: ["X1", "X2", "X3"]), "\(f.key): \(f.evidence)")
                }
            }
        }
    }

    /// CON-02 through a ratifying correction cites the contract's record as first made, before and after the later
    /// vote (review 47d #3); from the later vote on, the correction that cites it too, on which the ratification
    /// rests (review 48 #2; the loop's `recordedAfter` sees a correction appended after a re-check).
    @Test(arguments: ["2025-05-31", "2025-06-30"]) func con02CitesTheContractAsFirstRecorded(_ asOf: String) throws {
        let lines = RatifiedFailedVoteTests.votes + [RatifiedFailedVoteTests.signed("D-F"), RatifiedFailedVoteTests.corrected("D-R")]
        let found = try Mini.findings(lines, asOf: asOf, rule: .contractDecisionFailed).filter { $0.itemID == "K-1" }
        #expect(found.map(\.key) == [RatifiedFailedVoteTests.con02])
        // Evidence is listed in seq order: the vote D-F, the contract K-1 as first made, then D-R and the correction X1.
        #expect(found.first?.evidence.map(\.eventID) == (asOf < "2025-06-01" ? ["D-F", "K-1"] : ["D-F", "D-R", "K-1", "X1"]))
    }

    /// A projection keeps what a corrected spending or transfer cited before, from the records and from the log.
    @Test func aCorrectedMovementKeepsWhatItCitedBefore() throws {
        let records = try SampleRecords.records(lines: Mini.base + Self.votes + [Self.spent("D-MF"), Self.spentCorrected("D-MR"),
                                                                                  Self.moved("D-PF"), Self.movedCorrected("D-PR")])
        let asOf = CalendarDate(iso: "2025-06-30")!
        let fromRecords = Projection(records: records, asOf: asOf)
        #expect(fromRecords.earlierMovementDecisions["S1"]?.decisionIDs == ["D-MF"])
        #expect(fromRecords.earlierMovementDecisions["S1"]?.original.eventID == "S1")
        #expect(fromRecords.earlierMovementDecisions["T1"]?.decisionIDs == ["D-PF"])
        #expect(fromRecords == Projection(log: EffectiveLog(records: records), asOf: asOf))
        #expect(Projection(records: try SampleRecords.records(lines: Mini.base + Self.votes + [Self.spent("D-MF")]), asOf: asOf)
            .earlierMovementDecisions.isEmpty)
    }

    // MARK: 4, 5. The `contracts` vote column

    struct VoteCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        let vote: ContractVote
        /// The decision the list names beside the vote, when not the one K-1's record cites (`.some(nil)`: none).
        var shown: String?? = nil
        var testDescription: String { "\(name), as of \(asOf)" }
    }

    static let voteCases: [VoteCase] = {
        let r = RatifiedFailedVoteTests.self
        let named = Mini.decision("D-N", "2024-11-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240,
                                  authorises: #"{"asset_ids":["A-1"],"contract_id":"K-9"}"#)
        return [
            // Before the ratifying vote, the failed vote K-1 was signed under, as CON-02 reports it (it said unknown).
            VoteCase(name: "failed vote, corrected to cite the later vote", lines: r.votes + [r.signed("D-F"), r.corrected("D-R")],
                     asOf: "2025-05-31", vote: .notPassed, shown: "D-F"),
            VoteCase(name: "failed vote, corrected to cite the later vote", lines: r.votes + [r.signed("D-F"), r.corrected("D-R")],
                     asOf: "2025-06-30", vote: .ratifiedAfterSigning),
            VoteCase(name: "failed vote, not corrected", lines: r.votes + [r.signed("D-F")], asOf: "2025-05-31", vote: .notPassed),
            // Signed citing none: nothing was cited then, as CON-01 says (review 48 #3: the column said unknown
            // beside D-R).
            VoteCase(name: "no decision, corrected to cite the later vote", lines: r.votes + [r.signed(nil), r.corrected("D-R")],
                     asOf: "2025-05-31", vote: .none, shown: .some(nil)),
            // Signed under a passing vote and corrected to cite a later one: the vote it was signed under, until the
            // later one is taken (review 48 #3: unknown).
            VoteCase(name: "passing vote, corrected to cite a later vote", lines: r.votes + [r.signed("D-E"), r.corrected("D-R")],
                     asOf: "2025-05-31", vote: .passed, shown: "D-E"),
            VoteCase(name: "a decision naming another contract the ledger holds", lines: [named, r.signed("D-N"), k9],
                     asOf: "2025-06-30", vote: .passedOtherContract),
            VoteCase(name: "a decision naming a contract the ledger does not hold", lines: [named, r.signed("D-N")],
                     asOf: "2025-06-30", vote: .passed),
            VoteCase(name: "a decision naming a contract another community holds", lines: [named, r.signed("D-N")] + otherK9,
                     asOf: "2025-06-30", vote: .passed),
        ]
    }()

    @Test(arguments: voteCases) func theVoteColumnSaysWhatTheRulesSee(_ c: VoteCase) throws {
        let projection = Projection(records: try SampleRecords.records(lines: Mini.base + c.lines), asOf: CalendarDate(iso: c.asOf)!)
        let contract = try #require(projection.contracts["K-1"])
        #expect(projection.vote(of: contract) == c.vote)
        // The decision beside the vote is the one whose vote it is (review 48 #1: `D-R 未通过`, though D-R passed).
        #expect(projection.shownDecisionID(of: contract) == (c.shown ?? contract.terms.decisionID))
        #expect(projection.contractLines().first { $0.id == "K-1" }?.decisionID == (c.shown ?? contract.terms.decisionID))
        // And as the rules find it: only `passed` finds nothing on K-1, and the report words it.
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: .contractWithoutDecision).filter { $0.itemID == "K-1" }
            + Mini.findings(c.lines, asOf: c.asOf, rule: .contractDecisionFailed).filter { $0.itemID == "K-1" }
        #expect(found.isEmpty == (c.vote == .passed), "\(found.map(\.key))")
        if c.vote == .passedOtherContract {
            #expect(found.flatMap { $0.facts.map(\.key) } == [.decisionForOtherContract])
        }
    }
}
