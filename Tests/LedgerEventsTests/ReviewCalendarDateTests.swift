import LedgerEvents
import Testing

/// Month arithmetic past the ends of the accepted year range. Open-ended contracts are commonly written with
/// end_on 9999-12-31, so rent schedules and period loops step past 9999; they must keep moving forward.
@Suite struct ReviewCalendarDateTests {
    @Test func addingMonthsBeyondYear9999MovesForward() {
        let start = CalendarDate(iso: "9999-12-15")!
        let next = start.adding(months: 1)
        #expect(next > start)
        #expect(next.dayNumber == start.dayNumber + 31)
        #expect(CalendarDate(iso: "9999-06-01")!.adding(months: 12) > CalendarDate(iso: "9999-12-31")!)
    }

    @Test func addingMonthsBefore1900MovesBackward() {
        let start = CalendarDate(iso: "1900-01-15")!
        let earlier = start.adding(months: -1)
        #expect(earlier < start)
        #expect(earlier.dayNumber == start.dayNumber - 31)
    }
}
