import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 40h: CON-07 arrears that never stopped but were paid down after a closure read 反弹 — payments go to the
/// oldest instalments first, so the oldest unpaid instalment's day moved past the closure. The rule now walks the
/// payment days and the days instalments fall into arrears in date order for the last day nothing was owed, and
/// dates the arrears from the day after it (`stretch_since`, given only when earlier than the oldest unpaid
/// instalment's day).
@Suite struct RentArrearsStretchTests {
    /// Rent of 100 yuan a month from 2025-01-01 (each instalment in arrears the day after its 30 days' grace: 02-01,
    /// 03-04, 04-01, 05-02 …).
    static let contract = [Mini.okDecision, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31", rentFen: 10_000)]

    /// Rent received for K-R into the community's public-income fund.
    static func pay(_ id: String, _ date: String, _ fen: Int) -> String {
        Mini.event(id, "fund.income", date,
                   #"{"fund_id":"F-PI","amount_fen":\#(fen),"counterparty":"某公司","voucher":"\#(id)","category":"leasing","source":{"contract_id":"K-R"}}"#)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let payments: [String]
        let closedOn: String
        /// The oldest unpaid instalment's due day (the finding's `since`).
        let oldest: String
        /// The day the arrears began, when earlier than the oldest unpaid instalment fell into arrears.
        let stretch: String?
        let status: LoopStatus
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "never paid, closed while in arrears", payments: [], closedOn: "2025-02-20", oldest: "2025-01-01",
             stretch: nil, status: .closedWhilePresent),
        // 04-15: 200 received while 300 was in arrears (January to March): never cleared, March now the oldest unpaid.
        Case(name: "paid down after the closure, never cleared: still present", payments: [pay("P1", "2025-04-15", 20_000)],
             closedOn: "2025-02-20", oldest: "2025-03-01", stretch: "2025-02-01", status: .closedWhilePresent),
        // 250 received by 04-15, when 300 was in arrears: never cleared.
        Case(name: "paid down twice, never cleared", payments: [pay("P1", "2025-03-10", 5_000), pay("P2", "2025-04-15", 20_000)],
             closedOn: "2025-02-20", oldest: "2025-03-01", stretch: "2025-02-01", status: .closedWhilePresent),
        // 300 received on 04-15, when January to March (300) was in arrears: cleared that day; April's from 05-02.
        Case(name: "paid down, then cleared, then in arrears again: 反弹",
             payments: [pay("P1", "2025-03-10", 5_000), pay("P2", "2025-04-15", 25_000)],
             closedOn: "2025-02-20", oldest: "2025-04-01", stretch: nil, status: .recurring),
        // 03-15: January and February paid while only they were in arrears: nothing owed that day; March's from 04-01.
        Case(name: "cleared after the closure, in arrears again: 反弹", payments: [pay("P1", "2025-03-15", 20_000)],
             closedOn: "2025-02-20", oldest: "2025-03-01", stretch: nil, status: .recurring),
        Case(name: "cleared by two payments of one day, in arrears again: 反弹",
             payments: [pay("P1", "2025-03-15", 10_000), pay("P2", "2025-03-15", 10_000)],
             closedOn: "2025-02-20", oldest: "2025-03-01", stretch: nil, status: .recurring),
        // 02-15: January paid; February's falls into arrears only on 03-04, after the closure.
        Case(name: "cleared before the closure, in arrears after it: 反弹", payments: [pay("P1", "2025-02-15", 10_000)],
             closedOn: "2025-02-20", oldest: "2025-02-01", stretch: nil, status: .recurring),
        Case(name: "paid in part before the closure: still present", payments: [pay("P1", "2025-02-15", 5_000)],
             closedOn: "2025-02-20", oldest: "2025-01-01", stretch: nil, status: .closedWhilePresent),
        // Paid ahead of January's arrears: nothing owed until 03-04, when February's falls into arrears.
        Case(name: "paid before the first arrears, paid down later", payments: [pay("P1", "2025-01-20", 10_000), pay("P2", "2025-05-10", 20_000)],
             closedOn: "2025-02-20", oldest: "2025-04-01", stretch: "2025-03-04", status: .recurring),
        Case(name: "paid before the first arrears, paid down later, closed in the arrears",
             payments: [pay("P1", "2025-01-20", 10_000), pay("P2", "2025-05-10", 20_000)],
             closedOn: "2025-03-04", oldest: "2025-04-01", stretch: "2025-03-04", status: .closedWhilePresent),
        // Closed before any instalment fell into arrears, paid down later: the arrears began after the closure.
        Case(name: "closed before the arrears began, paid down later: 反弹", payments: [pay("P1", "2025-04-15", 20_000)],
             closedOn: "2025-01-20", oldest: "2025-03-01", stretch: "2025-02-01", status: .recurring),
    ]

    @Test(arguments: cases)
    func theArrearsAreDatedFromTheDayTheyBegan(_ c: Case) throws {
        let lines = Self.contract + c.payments
        let found = try Mini.findings(lines, asOf: "2025-06-30", rule: .rentArrears)
        let f = try #require(found.first, "\(found)")
        #expect(found.count == 1)
        // Dated the day the arrears began (review 46a #7): the stretch's first day, or the day after the oldest unpaid
        // instalment's 30 days' grace; the due day is `oldest_due_on`.
        #expect(f.since == CalendarDate(iso: c.stretch ?? c.oldest)!.adding(days: c.stretch == nil ? 31 : 0))
        let fact = try #require(f.facts.first)
        #expect(fact.key == .rentArrears)
        #expect(fact.values.first { $0.name == "oldest_due_on" }?.value == .date(CalendarDate(iso: c.oldest)!))
        #expect(fact.values.first { $0.name == "stretch_since" }?.value == c.stretch.map { .date(CalendarDate(iso: $0)!) })
        #expect(RectificationLedger.presentSince(f, policy: Policy()) == CalendarDate(iso: c.stretch ?? c.oldest)!.adding(days: c.stretch == nil ? 31 : 0))

        let key = "CON-07/K-R"
        let closed = RectificationLoopTests.verified(c.closedOn, [key], .closed, seq: 1003)
        let l = try RectificationLoopTests.ledger(lines, asOf: "2025-06-30", [ReviewThirtyNineLoopTests.issued([key], on: "2025-01-10"), closed])
        let entry = try #require(l.allEntries.first { $0.key == key })
        #expect(entry.status == c.status)
    }
}
