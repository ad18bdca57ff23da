import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Loop44's "left": a correction moving a contract's start (CON-07) or a use's dates (IDLE-01) past the issuing list's
/// check date read the issued key as 反弹, though the problem never went: as the records now read, no stretch of it
/// was there on or before the check date (ledger-spec.md 13.1). The rules state the first day an earlier stretch was
/// found (`first_since`); without one the key is the issued problem, moved (issued, or 逾期 by its deadline). A
/// problem there on the check date that went and came back is 反弹 as before (CameBackAfterIssueTests).
@Suite struct MovedPastCheckDateTests {
    typealias K = FindingKeyStabilityTests

    /// K-R as `RentArrearsStretchTests.contract` signs it (100 yuan a month from 2025-01-01), its start corrected.
    static func startCorrected(to start: String) -> String {
        Mini.event("C-KR", "correction", "2025-02-20", #"{"corrects":"K-R","reason":"起租日录错","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-R","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"\#(start)","end_on":"2025-12-31","rent_fen":10000,"rent_period":"month","decision_id":"D-OK","payee_fund_id":"F-PI"}}}"#)
    }

    /// A-1 (registered 2023-12-01) used from 2024-01-10 to 2024-03-31: idle since 2024-04-01.
    static let used = [
        Mini.event("U3", "use.started", "2024-01-10", #"{"use_id":"U3","asset_id":"A-1","user":"某人","purpose":"停车","authority":{}}"#),
        Mini.event("U3e", "use.ended", "2024-03-31", #"{"use_id":"U3"}"#),
    ]
    /// The use's end corrected to 2025-01-15, after the list's check date 2024-12-01.
    static let endCorrected = Mini.event("C-U3e", "correction", "2025-01-20",
                                         #"{"corrects":"U3e","reason":"结束日期录错","replacement":{"type":"use.ended","occurred_on":"2025-01-15","data":{"use_id":"U3"}}}"#)
    static let usedAgain = [
        Mini.event("U6", "use.started", "2025-01-01", #"{"use_id":"U6","asset_id":"A-1","user":"某人","purpose":"停车","authority":{}}"#),
        Mini.event("U6e", "use.ended", "2025-01-31", #"{"use_id":"U6"}"#),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: RuleCode
        let lines: [String]
        let issued: LoopEvent
        let asOf: String
        let status: LoopStatus
        let recurredOn: String?
        /// The finding's `first_since`, if any.
        let firstSince: String?
        var testDescription: String { name }
    }

    static let rentIssued = ReviewThirtyNineLoopTests.issued(["CON-07/K-R"], on: "2025-02-10")
    static let idleIssued = K.issued(["IDLE-01/A-1"], on: "2024-12-02", deadline: "2025-01-31")

    static let cases: [Case] = [
        // Half of January paid: in arrears since 02-01 when the list was made. The start corrected to March: the
        // arrears begin on 04-01, after the check date, with nothing owed before — moved, not gone.
        Case(name: "CON-07: the contract's start corrected past the check date: the issued key, overdue", rule: .rentArrears,
             lines: RentArrearsStretchTests.contract + [RentArrearsStretchTests.pay("P1", "2025-01-20", 5_000), startCorrected(to: "2025-03-01")],
             issued: rentIssued, asOf: "2025-09-30", status: .overdue, recurredOn: nil, firstSince: nil),
        Case(name: "CON-07: so moved, before the deadline: issued", rule: .rentArrears,
             lines: RentArrearsStretchTests.contract + [RentArrearsStretchTests.pay("P1", "2025-01-20", 5_000), startCorrected(to: "2025-03-01")],
             issued: rentIssued, asOf: "2025-05-15", status: .issued, recurredOn: nil, firstSince: nil),
        Case(name: "CON-07: cleared after the list and owed again: 反弹", rule: .rentArrears,
             lines: RentArrearsStretchTests.contract + [RentArrearsStretchTests.pay("P1", "2025-02-20", 20_000)],
             issued: rentIssued, asOf: "2025-09-30", status: .recurring, recurredOn: "2025-04-01", firstSince: "2025-02-01"),
        Case(name: "IDLE-01: the use's end corrected past the check date: the issued key, overdue", rule: .idle,
             lines: used + [endCorrected], issued: idleIssued, asOf: "2025-09-30", status: .overdue, recurredOn: nil, firstSince: nil),
        Case(name: "IDLE-01: so moved, before a later deadline: issued", rule: .idle,
             lines: used + [endCorrected], issued: K.issued(["IDLE-01/A-1"], on: "2024-12-02", deadline: "2025-12-31"), asOf: "2025-09-30",
             status: .issued, recurredOn: nil, firstSince: nil),
        Case(name: "IDLE-01: idle on the check date, used after it and idle again: 反弹", rule: .idle,
             lines: used + usedAgain, issued: idleIssued, asOf: "2025-09-30", status: .recurring, recurredOn: "2025-02-01",
             firstSince: "2024-09-27"),
    ]

    @Test(arguments: cases)
    func aProblemMovedPastTheCheckDateIsTheIssuedOne(_ c: Case) throws {
        let l = try K.ledger(c.lines, asOf: c.asOf, [c.issued])
        let entry = try #require(l.allEntries.first { $0.rule == c.rule })
        #expect(entry.status == c.status)
        #expect(entry.recurredOn == c.recurredOn.map { CalendarDate(iso: $0)! })
        #expect(l.vanished.isEmpty)
        let finding = try #require(try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule).first)
        let first = finding.facts.flatMap(\.values).first { $0.name == "first_since" }?.value
        #expect(first == c.firstSince.map { FactValue.date(CalendarDate(iso: $0)!) })
    }
}
