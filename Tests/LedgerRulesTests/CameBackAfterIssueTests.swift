import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 42e: an issued key without a date (CON-07) whose problem went after the list was made and came back later
/// read 逾期 against the old deadline. The office sees a new occurrence, begun after the list's check date: 反弹, to
/// be issued again with a deadline of its own (`RectificationLedger.cameBack`); arrears never cleared stay the issued
/// problem, overdue once its deadline has passed.
@Suite struct CameBackAfterIssueTests {
    static let key = "CON-07/K-R"
    /// Rent of 100 yuan a month from 2025-01-01 (each instalment in arrears the day after its 30 days' grace).
    static let lines = RentArrearsStretchTests.contract

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let payments: [String]
        let asOf: String
        let status: LoopStatus
        /// The day the problem began again, for a key that came back.
        let recurredOn: String?
        var testDescription: String { name }
    }

    // Issued on 2025-02-10 (January in arrears since 02-01), deadline 2025-06-30.
    static let cases: [Case] = [
        Case(name: "never paid: overdue after the deadline", payments: [], asOf: "2025-09-30", status: .overdue, recurredOn: nil),
        Case(name: "never paid: issued before the deadline", payments: [], asOf: "2025-04-15", status: .issued, recurredOn: nil),
        Case(name: "paid down, never cleared: the issued arrears, overdue",
             payments: [RentArrearsStretchTests.pay("P1", "2025-02-20", 5_000)], asOf: "2025-09-30", status: .overdue, recurredOn: nil),
        // 02-20: January and February paid while only January was in arrears: cleared; March's arrears from 04-01.
        Case(name: "cleared, in arrears again after the list: 反弹, not overdue",
             payments: [RentArrearsStretchTests.pay("P1", "2025-02-20", 20_000)], asOf: "2025-09-30", status: .recurring,
             recurredOn: "2025-04-01"),
        Case(name: "cleared, in arrears again before the deadline: 反弹",
             payments: [RentArrearsStretchTests.pay("P1", "2025-02-20", 20_000)], asOf: "2025-04-15", status: .recurring,
             recurredOn: "2025-04-01"),
        // Paid up to June in time: the next arrears (July's, from 08-01) begin after the deadline (the review's case).
        Case(name: "paid in time, the next period in arrears after the deadline: 反弹",
             payments: [RentArrearsStretchTests.pay("P1", "2025-02-20", 60_000)], asOf: "2025-09-30", status: .recurring,
             recurredOn: "2025-08-01"),
        Case(name: "paid ahead, nothing owed: to re-check",
             payments: [RentArrearsStretchTests.pay("P1", "2025-02-20", 120_000)], asOf: "2025-09-30", status: .toVerify, recurredOn: nil),
    ]

    @Test(arguments: cases)
    func aProblemGoneAndBackIsANewOccurrence(_ c: Case) throws {
        let l = try RectificationLoopTests.ledger(Self.lines + c.payments, asOf: c.asOf,
                                                  [ReviewThirtyNineLoopTests.issued([Self.key], on: "2025-02-10")])
        let entry = try #require(l.allEntries.first { $0.key == Self.key })
        #expect(entry.status == c.status)
        #expect(entry.recurredOn == c.recurredOn.map { CalendarDate(iso: $0)! })
        #expect(!entry.overdue || c.status == .overdue)
    }

    /// A report after the new arrears began still waits for the office's re-check: the community answered.
    @Test func aReportStillWaitsForItsRecheck() throws {
        let report = RectificationLoopTests.event("2025-05-01", .reported(RectificationReported(
            listID: "L1", keys: [Self.key], reportedBy: "物业", measures: "已催缴", evidence: [])), seq: 1002)
        let l = try RectificationLoopTests.ledger(Self.lines + [RentArrearsStretchTests.pay("P1", "2025-02-20", 20_000)], asOf: "2025-09-30",
                                                  [ReviewThirtyNineLoopTests.issued([Self.key], on: "2025-02-10"), report])
        #expect(RectificationLoopTests.status(l, Self.key) == .reported)
    }
}
