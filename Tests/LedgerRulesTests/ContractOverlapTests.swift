import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// CON-08 (session 38): one common part let under two operating contracts both in force on some day was found by no
/// rule. Mini's car space A-1 (and A-2 where a case needs a second part); every contract authorised by D-OK.
@Suite struct ContractOverlapTests {
    static let secondPart = #"{"id":"b7","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-2","community_id":"C-T","kind":"parking","name":"车位2","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#

    static func contract(_ id: String, _ start: String, _ end: String, signed: String, counterparty: String = "甲公司",
                         assets: [String] = ["A-1"]) -> String {
        let ids = assets.map { "\"\($0)\"" }.joined(separator: ",")
        return Mini.event(id, "contract.signed", signed, #"{"contract_id":"\#(id)","community_id":"C-T","asset_ids":[\#(ids)],"counterparty":"\#(counterparty)","purpose":"停车","start_on":"\#(start)","end_on":"\#(end)","rent_fen":0,"rent_period":"month","decision_id":"D-OK","payee_fund_id":"F-PI"}"#)
    }

    static func terminated(_ id: String, _ contract: String, _ date: String) -> String {
        Mini.event(id, "contract.terminated", date, #"{"contract_id":"\#(contract)","reason":"协商解除"}"#)
    }

    /// K-A: 甲公司, 2025-01-01 to 2027-12-31, signed 2024-12-01.
    static let first = contract("K-A", "2025-01-01", "2027-12-31", signed: "2024-12-01")

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// Expected findings by key, in key order; empty when nothing is found.
        let keys: [String]
        /// For the first finding: the shared parts, the overlap's first and last day and its days.
        var parts: [String] = ["A-1"]
        var from: String = ""
        var to: String = ""
        var days: Int64 = 0
        /// The day the overlap ended (nil: open), with the event id that shows it.
        var endedOn: String? = nil
        var endedBy: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a second tenant for part of the first one's term", lines: [first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司")],
             asOf: "2026-06-30", keys: ["CON-08/K-B/K-A/2026-01-05"], from: "2026-03-01", to: "2027-12-31", days: 671),
        Case(name: "terms that meet without sharing a day", lines: [first, contract("K-B", "2028-01-01", "2028-12-31", signed: "2026-01-05", counterparty: "乙公司")],
             asOf: "2026-06-30", keys: []),
        Case(name: "one shared day: the first one's end day", lines: [first, contract("K-B", "2027-12-31", "2028-12-31", signed: "2026-01-05", counterparty: "乙公司")],
             asOf: "2026-06-30", keys: ["CON-08/K-B/K-A/2026-01-05"], from: "2027-12-31", to: "2027-12-31", days: 1),
        Case(name: "days still to come are found from the later signing",
             lines: [contract("K-A", "2026-01-01", "2026-12-31", signed: "2025-10-01"), contract("K-B", "2026-06-01", "2027-05-31", signed: "2025-11-01", counterparty: "乙公司")],
             asOf: "2025-11-15", keys: ["CON-08/K-B/K-A/2025-11-01"], from: "2026-06-01", to: "2026-12-31", days: 214),
        // A termination day is the first day out of force (ledger-spec.md 11, "Assets"): the part was given back and let again.
        Case(name: "first terminated on the day the second begins",
             lines: [first, terminated("T-A", "K-A", "2026-03-01"), contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司")],
             asOf: "2026-06-30", keys: []),
        Case(name: "first terminated during the overlap: ended on its termination day",
             lines: [first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"), terminated("T-A", "K-A", "2026-06-01")],
             asOf: "2026-06-30", keys: ["CON-08/K-B/K-A/2026-01-05"], from: "2026-03-01", to: "2026-05-31", days: 92,
             endedOn: "2026-06-01", endedBy: "T-A"),
        Case(name: "a termination after the check date is not known on it",
             lines: [first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"), terminated("T-A", "K-A", "2026-06-01")],
             asOf: "2026-05-15", keys: ["CON-08/K-B/K-A/2026-01-05"], from: "2026-03-01", to: "2027-12-31", days: 671),
        Case(name: "the later one terminated before its term began", lines: [first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"), terminated("T-B", "K-B", "2026-02-01")],
             asOf: "2026-06-30", keys: []),
        Case(name: "the first expired during the overlap: ended the day after its end",
             lines: [contract("K-A", "2025-01-01", "2025-12-31", signed: "2024-12-01"), contract("K-B", "2025-07-01", "2026-06-30", signed: "2025-06-01", counterparty: "乙公司")],
             asOf: "2026-03-01", keys: ["CON-08/K-B/K-A/2025-06-01"], from: "2025-07-01", to: "2025-12-31", days: 184,
             endedOn: "2026-01-01", endedBy: "K-A"),
        // A renewal with the same tenant signed before the old contract ran out is no second letting.
        Case(name: "same counterparty: a renewal", lines: [first, contract("K-B", "2027-07-01", "2030-06-30", signed: "2027-05-01")],
             asOf: "2027-08-01", keys: []),
        Case(name: "same counterparty written with a space and full-width letters", lines: [
            contract("K-A", "2025-01-01", "2027-12-31", signed: "2024-12-01", counterparty: "ABC停车公司"),
            contract("K-B", "2027-07-01", "2030-06-30", signed: "2027-05-01", counterparty: "ＡＢＣ 停车公司")], asOf: "2027-08-01", keys: []),
        Case(name: "another part", lines: [secondPart, first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司", assets: ["A-2"])],
             asOf: "2026-06-30", keys: []),
        Case(name: "two parts let by both: one finding naming both", lines: [
            secondPart, contract("K-A", "2025-01-01", "2027-12-31", signed: "2024-12-01", assets: ["A-1", "A-2"]),
            contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司", assets: ["A-2", "A-1"])],
             asOf: "2026-06-30", keys: ["CON-08/K-B/K-A/2026-01-05"], parts: ["A-2", "A-1"], from: "2026-03-01", to: "2027-12-31", days: 671),
        Case(name: "three tenants at once: three pairs", lines: [
            first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"),
            contract("K-C", "2026-04-01", "2026-09-30", signed: "2026-02-01", counterparty: "丙公司")],
             asOf: "2026-06-30", keys: ["CON-08/K-B/K-A/2026-01-05", "CON-08/K-C/K-A/2026-02-01", "CON-08/K-C/K-B/2026-02-01"],
             from: "2026-03-01", to: "2027-12-31", days: 671),
        // Signed the same day: the later is the one with the greater id, whatever the log order.
        Case(name: "signed the same day", lines: [contract("K-Z", "2026-01-01", "2026-12-31", signed: "2025-12-01", counterparty: "乙公司"),
                                                  contract("K-A", "2026-01-01", "2026-12-31", signed: "2025-12-01")],
             asOf: "2026-06-30", keys: ["CON-08/K-Z/K-A/2025-12-01"], from: "2026-01-01", to: "2026-12-31", days: 365),
        // Corrections apply: the second contract voided, or its term corrected to begin after the first one's.
        Case(name: "the second contract voided by a correction", lines: [
            first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"),
            Mini.event("X1", "correction", "2026-02-01", #"{"corrects":"K-B","reason":"重复录入"}"#)], asOf: "2026-06-30", keys: []),
        Case(name: "the second contract's term corrected", lines: [
            first, contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"),
            Mini.event("X1", "correction", "2026-02-01", #"{"corrects":"K-B","reason":"起始日期录错","replacement":{"type":"contract.signed","occurred_on":"2026-01-05","data":{"contract_id":"K-B","community_id":"C-T","asset_ids":["A-1"],"counterparty":"乙公司","purpose":"停车","start_on":"2028-01-01","end_on":"2028-12-31","rent_fen":0,"rent_period":"month","decision_id":"D-OK","payee_fund_id":"F-PI"}}}"#)],
             asOf: "2026-06-30", keys: []),
    ]

    @Test(arguments: cases)
    func aPartLetUnderOverlappingContracts(_ c: Case) throws {
        let found = try Mini.findings([Mini.okDecision] + c.lines, asOf: c.asOf, rule: .contractsOverlap)
        #expect(found.map(\.key).sorted() == c.keys)
        guard let finding = found.first(where: { $0.key == c.keys.first }) else { return }
        let fact = try #require(finding.facts.first)
        #expect(finding.facts.map(\.key) == [.contractsOverlap])
        #expect(fact["asset_ids"] == .texts(c.parts))
        #expect(fact["from"] == .date(CalendarDate(iso: c.from)!))
        #expect(fact["to"] == .date(CalendarDate(iso: c.to)!))
        #expect(fact["days"] == .integer(c.days))
        #expect(finding.severity == .high)
        #expect(finding.rule.problemClass == .contract)
        if let endedOn = c.endedOn {
            let resolution = try #require(finding.resolution)
            #expect(resolution.kind == .ended)
            #expect(resolution.on == CalendarDate(iso: endedOn)!)
            #expect(resolution.evidence.eventID == c.endedBy)
            #expect(finding.action == .doubleLettingEnded)
        } else {
            #expect(finding.resolution == nil)
            #expect(finding.action == .resolveDoubleLetting)
        }
    }

    /// The fact names the earlier contract, its tenant and written term; the finding is about the later one and cites
    /// both contracts (and a termination that shortened the overlap) as its records.
    @Test func theFindingNamesBothContracts() throws {
        let found = try Mini.findings([Mini.okDecision, Self.first, Self.contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司"),
                                       Self.terminated("T-A", "K-A", "2026-06-01")], asOf: "2026-06-30", rule: .contractsOverlap)
        let finding = try #require(found.first)
        #expect(finding.itemID == "K-B")
        #expect(finding.itemName.hasPrefix("乙公司"))
        let fact = try #require(finding.facts.first)
        #expect(fact["contract_id"] == .text("K-A"))
        #expect(fact["counterparty"] == .person(.plain("甲公司")))
        #expect(fact["start_on"] == .date(CalendarDate(iso: "2025-01-01")!))
        #expect(fact["end_on"] == .date(CalendarDate(iso: "2027-12-31")!))
        #expect(finding.evidence.map(\.eventID) == ["K-A", "K-B", "T-A"])  // in log order
        #expect(finding.basis.citations.map(\.article) == [278, 708, 30])
        #expect(RectificationDefaults.responsible(finding) == .plain("业主委员会"))
    }

    /// The loop treats CON-08 as any dated rule: issued and still open, then 待复核 once a termination ended the
    /// overlap, then closed.
    @Test func theLoopFollowsAnOverlap() throws {
        let key = "CON-08/K-B/K-A/2026-01-05"
        let base = [Mini.okDecision, Self.first, Self.contract("K-B", "2026-03-01", "2028-02-29", signed: "2026-01-05", counterparty: "乙公司")]
        let issued = ReviewThirtySevenLoopTests.issued("2026-04-01", asOf: "2026-03-31", [key], deadline: "2026-05-01")
        let open = try ReviewThirtySevenLoopTests.ledger(base, asOf: "2026-04-15", [issued])
        #expect(open.entry(forKey: key)?.status == .issued)
        let late = try ReviewThirtySevenLoopTests.ledger(base, asOf: "2026-05-15", [issued])
        #expect(late.entry(forKey: key)?.status == .overdue)
        let ended = base + [Self.terminated("T-A", "K-A", "2026-05-10")]
        let toVerify = try ReviewThirtySevenLoopTests.ledger(ended, asOf: "2026-05-15", [issued])
        #expect(toVerify.entry(forKey: key)?.status == .toVerify)
        let closed = try ReviewThirtySevenLoopTests.ledger(ended, asOf: "2026-06-15",
                                                           [issued, ReviewThirtySevenLoopTests.step("2026-05-20", [key], "closed", seq: 1002)])
        #expect(closed.entry(forKey: key)?.status == .closed)
        // A third tenant's contract signed after the closure, overlapping K-B: a new problem about that contract
        // (新发现), and the closed key stays closed.
        let again = ended + [Self.contract("K-C", "2026-07-01", "2026-12-31", signed: "2026-06-01", counterparty: "丙公司")]
        let later = try ReviewThirtySevenLoopTests.ledger(again, asOf: "2026-06-15",
                                                          [issued, ReviewThirtySevenLoopTests.step("2026-05-20", [key], "closed", seq: 1002)])
        #expect(later.entry(forKey: "CON-08/K-C/K-B/2026-06-01")?.status == .new)
        #expect(later.entry(forKey: key)?.status == .closed)
    }
}
