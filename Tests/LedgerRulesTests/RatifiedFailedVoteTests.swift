import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 46a #4 and #3. A contract signed on a failed vote (CON-02) and ratified by a later vote that a correction
/// then cites keeps its finding's code and key through its life — before the later vote it is the finding a list
/// showed before the correction, from the vote on it is ratified, as FUND-01 — and a decision naming one contract
/// (`authorises.contract_id`) authorises that contract only.
@Suite struct RatifiedFailedVoteTests {
    /// D-F on 2024-11-01: quorum met, 170 of 240 approving (short of 3/4). D-R on 2025-06-01: all approve. D-E on
    /// 2024-11-15: all approve (before the signing). D-L on 2025-06-01: fails like D-F.
    static let votes = [
        Mini.decision("D-F", "2024-11-01", "change_use_or_operate", "2400.00", 240, "1700.00", 170),
        Mini.decision("D-R", "2025-06-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240, authorises: #"{"asset_ids":["A-1"]}"#),
        Mini.decision("D-E", "2024-11-15", "change_use_or_operate", "2400.00", 240, "2400.00", 240),
        Mini.decision("D-L", "2025-06-01", "change_use_or_operate", "2400.00", 240, "1700.00", 170),
    ]

    /// K-1 signed 2024-12-01 citing `decision` (none when nil).
    static func signed(_ decision: String?) -> String {
        Mini.contract("K-1", start: "2025-01-01", end: "2027-12-31", decision: decision)
    }

    /// The correction of K-1 citing `decision` instead, dated `day`.
    static func corrected(_ decision: String, on day: String = "2025-06-05", id: String = "X1") -> String {
        let data = #"{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":0,"rent_period":"month","decision_id":"\#(decision)","payee_fund_id":"F-PI"}"#
        return Mini.event(id, "correction", day, #"{"corrects":"K-1","reason":"改为引用追认决定","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":\#(data)}}"#)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// The keys of CON-01 and CON-02 findings on K-1, each with its facts and its resolution's day (nil: open).
        let found: [String: (facts: [String], ratifiedOn: String?)]
        var testDescription: String { "\(name), as of \(asOf)" }
    }

    static let con02 = "CON-02/K-1/2024-12-01", con01 = "CON-01/K-1/2024-12-01"

    static let cases: [Case] = {
        let failedThenRatified = votes + [signed("D-F"), corrected("D-R")]
        var cases: [Case] = []
        // Before the re-vote, the finding is the one the list showed before the correction; from it on, ratified.
        for (asOf, after) in [("2024-12-31", false), ("2025-05-31", false), ("2025-06-01", true), ("2025-06-04", true), ("2025-12-31", true)] {
            cases.append(Case(name: "failed vote, a correction cites the later vote that ratifies it", lines: failedThenRatified, asOf: asOf,
                              found: [con02: after ? (["special_majority_missed", "decision_after_act"], "2025-06-01")
                                                   : (["special_majority_missed"], nil)]))
            // The same ledger before the correction was appended: the same key, open until the correction cites the vote.
            cases.append(Case(name: "failed vote, the later vote not cited yet", lines: votes + [signed("D-F")], asOf: asOf,
                              found: [con02: (["special_majority_missed"], nil)]))
        }
        // No decision at first: CON-01, ratified from the later vote (as before). Before it is taken, the list says
        // what it said before the correction: no decision (review 48 #3: it said decision_not_yet_taken).
        cases.append(Case(name: "no decision, a correction cites the later vote", lines: votes + [signed(nil), corrected("D-R")], asOf: "2025-05-31",
                          found: [con01: (["no_decision"], nil)]))
        cases.append(Case(name: "no decision, a correction cites the later vote", lines: votes + [signed(nil), corrected("D-R")], asOf: "2025-06-30",
                          found: [con01: (["decision_after_act"], "2025-06-01")]))
        // The later vote fails too: CON-02 stays open and says why the attempt did not ratify it.
        cases.append(Case(name: "failed vote, a correction cites a later vote that fails too", lines: votes + [signed("D-F"), corrected("D-L")],
                          asOf: "2025-06-30",
                          found: [con02: (["special_majority_missed", "decision_after_act", "special_majority_missed"], nil)]))
        // A correction to a vote taken before the signing fixes the record: judged as cited.
        cases.append(Case(name: "failed vote corrected to the passing vote it was signed under", lines: votes + [signed("D-F"), corrected("D-E")],
                          asOf: "2025-06-30", found: [:]))
        // Two corrections: the one citing the later vote, then one changing something else. The signing's vote stays.
        cases.append(Case(name: "failed vote, ratified, then corrected again", lines: votes + [signed("D-F"), corrected("D-R"),
                                                                                              corrected("D-R", on: "2025-06-10", id: "X2")],
                          asOf: "2025-06-30", found: [con02: (["special_majority_missed", "decision_after_act"], "2025-06-01")]))
        return cases
    }()

    @Test(arguments: cases) func theSigningsFindingKeepsItsKey(_ c: Case) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: .contractWithoutDecision)
            + Mini.findings(c.lines, asOf: c.asOf, rule: .contractDecisionFailed)
        let onK1 = found.filter { $0.itemID == "K-1" }
        #expect(Set(onK1.map(\.key)) == Set(c.found.keys), "\(onK1.map(\.key))")
        for f in onK1 {
            let expected = try #require(c.found[f.key])
            #expect(f.facts.map(\.key.rawValue) == expected.facts, "\(f.key)")
            #expect(f.resolution.map { $0.on.description } == expected.ratifiedOn, "\(f.key)")
            if f.resolution != nil {
                #expect(f.resolution?.kind == .ratified && f.action == .contractRatified)
            }
        }
    }

    /// Every version a corrected contract's record cited, oldest first, the same from the records and from the log.
    @Test func aCorrectedContractKeepsWhatItCitedBefore() throws {
        let records = try SampleRecords.records(lines: Mini.base + Self.votes + [Self.signed("D-F"), Self.corrected("D-E"),
                                                                                  Self.corrected("D-R", on: "2025-06-10", id: "X2")])
        let asOf = CalendarDate(iso: "2025-06-30")!
        let fromRecords = Projection(records: records, asOf: asOf)
        let fromLog = Projection(log: EffectiveLog(records: records), asOf: asOf)
        #expect(fromRecords.contracts["K-1"]?.earlierDecisionIDs == ["D-F", "D-E"])
        #expect(fromRecords == fromLog)
        // A void and a later replacement: the voided version is not one that stood before the replacement.
        let voided = try SampleRecords.records(lines: Mini.base + Self.votes + [
            Self.signed(nil), Mini.event("X1", "correction", "2025-06-02", #"{"corrects":"K-1","reason":"误录"}"#),
            Self.corrected("D-R", on: "2025-06-05", id: "X2")])
        let again = Projection(records: voided, asOf: asOf)
        #expect(again.contracts["K-1"]?.earlierDecisionIDs == [nil])
        #expect(again == Projection(log: EffectiveLog(records: voided), asOf: asOf))
        // Never corrected: nothing before.
        #expect(Projection(records: try SampleRecords.records(lines: Mini.base + Self.votes + [Self.signed("D-F")]), asOf: asOf)
            .contracts["K-1"]?.earlierDecisionIDs == [])
    }

    struct NamedCase: Sendable, CustomTestStringConvertible {
        let name: String
        let authorises: String
        /// CON-01's facts on K-1 (empty: none).
        let con01: [String]
        /// Whether the ledger also holds K-9 (another contract on A-1 citing the decision).
        var k9 = true
        var testDescription: String { name }
    }

    static let namedCases: [NamedCase] = [
        NamedCase(name: "names this contract", authorises: #"{"asset_ids":["A-1"],"contract_id":"K-1"}"#, con01: []),
        NamedCase(name: "names no contract", authorises: #"{"asset_ids":["A-1"]}"#, con01: []),
        NamedCase(name: "names another contract on the same part", authorises: #"{"asset_ids":["A-1"],"contract_id":"K-9"}"#,
                  con01: ["decision_for_other_contract"]),
        NamedCase(name: "names another contract and lists no part", authorises: #"{"contract_id":"K-9"}"#,
                  con01: ["decision_for_other_contract"]),
        // Review 47d: a contract the ledger does not hold (renumbered by a correction, or the draft's number) is not
        // told from this one: covered, as a decision naming none.
        NamedCase(name: "names a contract the ledger does not hold", authorises: #"{"asset_ids":["A-1"],"contract_id":"K-9"}"#,
                  con01: [], k9: false),
    ]

    /// Review 46a #3: a decision naming one contract authorises that contract only; one naming none, any contract on
    /// its parts. The `contracts` vote column says `passed_other_contract` where CON-01 finds it (review 47d #5).
    @Test(arguments: namedCases) func aDecisionNamingAContractAuthorisesThatOne(_ c: NamedCase) throws {
        let k9 = Mini.event("K-9", "contract.signed", "2024-12-01", #"{"contract_id":"K-9","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2027-12-31","rent_fen":0,"rent_period":"month","decision_id":"D-N","payee_fund_id":"F-PI"}"#)
        let lines = [Mini.decision("D-N", "2024-11-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240, authorises: c.authorises),
                     Self.signed("D-N")] + (c.k9 ? [k9] : [])
        let con01 = try Mini.findings(lines, asOf: "2025-06-30", rule: .contractWithoutDecision).filter { $0.itemID == "K-1" }
        let con02 = try Mini.findings(lines, asOf: "2025-06-30", rule: .contractDecisionFailed).filter { $0.itemID == "K-1" }
        #expect(con01.flatMap { $0.facts.map(\.key.rawValue) } == c.con01)
        #expect(con02.isEmpty)
        if let fact = con01.first?.facts.first {
            #expect(fact["decision_id"] == .text("D-N") && fact["contract_id"] == .text("K-9"))
            #expect(con01.first?.resolution == nil)
        }
        let projection = Projection(records: try SampleRecords.records(lines: Mini.base + lines), asOf: CalendarDate(iso: "2025-06-30")!)
        #expect(projection.vote(of: try #require(projection.contracts["K-1"])) == (c.con01.isEmpty ? .passed : .passedOtherContract))
    }
}
