import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 43d #6: a spending's date corrected to after the issuing list's check date read the issued FUND-04 key on a
/// decision's cap as 反弹 (gone and come back), though the overspending never went. "Went" is read from the ledger as
/// it now stands: the problem was there on or before the list's check date, and its present stretch began after it
/// (`RectificationLedger.cameBack`). A correction that only moves the fact leaves no earlier stretch: the issued
/// key, tracked by its deadline. The IDLE-01 case session 43 fixed (FindingKeyStabilityTests) reads as it did.
@Suite struct MovedNotGoneTests {
    typealias K = FindingKeyStabilityTests

    static func correctSpending(_ id: String, on day: String, to date: String, fund: String, fen: Int, decision: String? = nil) -> String {
        let cited = decision.map { #","decision_id":"\#($0)""# } ?? ""
        return Mini.event("C-\(id)", "correction", day, #"{"corrects":"\#(id)","reason":"日期录错","replacement":{"type":"fund.spending","occurred_on":"\#(date)","data":{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某公司","voucher":"\#(id)","purpose":"维修","purpose_category":"repair"\#(cited)}}}"#)
    }

    /// FUND-06 of the governance fund (nothing in it): G1 overdraws it on 2025-03-01.
    static let overdrawn = [Mini.spending("G1", "2025-03-01", fund: "F-GV", fen: 500)]
    static let madeGood = Mini.event("I-GV", "fund.income", "2025-03-10", #"{"fund_id":"F-GV","amount_fen":1000,"counterparty":"业主","voucher":"I-GV","category":"contribution"}"#)
    static let overdrawnAgain = Mini.spending("G2", "2025-03-15", fund: "F-GV", fen: 800)
    static let usedAfterTheList = [
        Mini.event("U2", "use.started", "2024-08-01", #"{"use_id":"U2","asset_id":"A-1","user":"某人","purpose":"停车","authority":{}}"#),
        Mini.event("U2e", "use.ended", "2024-09-30", #"{"use_id":"U2"}"#),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: RuleCode
        let lines: [String]
        let issued: LoopEvent
        let asOf: String
        let expected: String
        let recurredOn: String?
        var testDescription: String { name }
    }

    static let capIssued = K.issued(["FUND-04/D-CAP"], on: "2025-02-20", deadline: "2025-03-20")
    static let fundIssued = K.issued(["FUND-06/F-GV"], on: "2025-03-05", deadline: "2025-04-04")

    static let cases: [Case] = [
        Case(name: "FUND-04: the cap's spending dated after the list's check date by a correction: still issued", rule: .spendingBeyondAuthority,
             lines: K.overCap + [correctSpending("S2", on: "2025-03-01", to: "2025-02-25", fund: "F-MF", fen: 60_000, decision: "D-CAP")],
             issued: capIssued, asOf: "2025-03-10", expected: "FUND-04/D-CAP issued", recurredOn: nil),
        Case(name: "FUND-04: so moved, overdue after the deadline, not 反弹", rule: .spendingBeyondAuthority,
             lines: K.overCap + [correctSpending("S2", on: "2025-03-01", to: "2025-02-25", fund: "F-MF", fen: 60_000, decision: "D-CAP")],
             issued: capIssued, asOf: "2025-04-30", expected: "FUND-04/D-CAP overdue", recurredOn: nil),
        Case(name: "FUND-04: moved earlier (session 34's case): still issued", rule: .spendingBeyondAuthority,
             lines: K.overCap + [correctSpending("S2", on: "2025-03-01", to: "2025-02-05", fund: "F-MF", fen: 60_000, decision: "D-CAP")],
             issued: capIssued, asOf: "2025-03-10", expected: "FUND-04/D-CAP issued", recurredOn: nil),
        Case(name: "FUND-06: the overdrawing spending dated after the list by a correction: still issued", rule: .fundOverdrawn,
             lines: overdrawn + [correctSpending("G1", on: "2025-03-09", to: "2025-03-08", fund: "F-GV", fen: 500)],
             issued: fundIssued, asOf: "2025-03-20", expected: "FUND-06/F-GV issued", recurredOn: nil),
        Case(name: "FUND-06: made good after the list and overdrawn again: 反弹", rule: .fundOverdrawn,
             lines: overdrawn + [madeGood, overdrawnAgain],
             issued: fundIssued, asOf: "2025-03-20", expected: "FUND-06/F-GV recurring", recurredOn: "2025-03-15"),
        Case(name: "FUND-06: never made good: issued", rule: .fundOverdrawn,
             lines: overdrawn, issued: fundIssued, asOf: "2025-03-20", expected: "FUND-06/F-GV issued", recurredOn: nil),
        Case(name: "IDLE-01: a short use recorded late inside the issued run (session 43): still issued", rule: .idle,
             lines: K.shortUse, issued: K.issued(["IDLE-01/A-1"]), asOf: "2024-09-30", expected: "IDLE-01/A-1 issued", recurredOn: nil),
        Case(name: "IDLE-01: used after the list and idle again, never closed: 反弹", rule: .idle,
             lines: usedAfterTheList, issued: K.issued(["IDLE-01/A-1"]), asOf: "2025-04-30", expected: "IDLE-01/A-1 recurring",
             recurredOn: "2024-10-01"),
    ]

    @Test(arguments: cases)
    func aMovedProblemIsTheIssuedOne(_ c: Case) throws {
        let l = try K.ledger(c.lines, asOf: c.asOf, [c.issued])
        #expect(K.entries(l, c.rule) == [c.expected])
        let entry = try #require(l.allEntries.first { $0.rule == c.rule })
        #expect(entry.recurredOn == c.recurredOn.map { CalendarDate(iso: $0)! })
        #expect(l.vanished.isEmpty)
    }
}
