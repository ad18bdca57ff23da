import LedgerEvents
import LedgerTestSupport
import Testing

@Suite struct AmountTests {
    @Test(arguments: [
        ("0", 0), ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("-3.07", -307), ("1,234.56", 123_456),
        ("1,234,567", 123_456_700), ("¥8.00", 800), ("￥1,000.1", 100_010), ("10000000000.00", 1_000_000_000_000),
    ] as [(String, Int64)])
    func parsesYuanTextExactly(text: String, fen: Int64) {
        #expect(Amount(yuanText: text)?.fen == fen)
    }

    @Test(arguments: ["", "abc", "1.234", "1.", ".5", "1,23", "12,34.5", "1,2345", "1e3", "--1", "1 000",
                      "10000000000.01", "99999999999999999999", "1.2.3", ",100"])
    func rejectsAnythingElse(text: String) {
        #expect(Amount(yuanText: text) == nil)
    }

    @Test func formatsTwoDecimals() {
        #expect(Amount(fen: -5).yuanText == "-0.05")
        #expect(Amount(fen: 123_456).yuanText == "1234.56")
        #expect(Amount(fen: 0).yuanText == "0.00")
    }
}

@Suite struct DecimalQuantityTests {
    @Test(arguments: [("35", 3500), ("35.5", 3550), ("35.50", 3550), ("1,234.5", 123_450), ("0.01", 1)] as [(String, Int64)])
    func parses(text: String, units: Int64) {
        #expect(DecimalQuantity(text: text)?.units == units)
    }

    @Test(arguments: ["", "-1", "35.505", "abc", "35.", "1,23.4", "1e2"])
    func rejects(text: String) {
        #expect(DecimalQuantity(text: text) == nil)
    }

    @Test func printsWithScaleDigits() {
        #expect(DecimalQuantity(units: 3550).description == "35.50")
        #expect(DecimalQuantity(units: 7).description == "0.07")
    }
}

@Suite struct DateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "1999-12-31", "2025-06-30"])
    func acceptsRealDates(text: String) {
        #expect(CalendarDate(iso: text)?.description == text)
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01",
                      "2025/01/01", "2025-01-01T00:00:00Z", ""])
    func rejectsImpossibleOrMalformedDates(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func dayArithmeticRoundTrips() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let day = Int(generator.next() % 60_000) - 20_000
            let date = CalendarDate(dayNumber: day)
            #expect(date.dayNumber == day)
            #expect(CalendarDate(iso: date.description) == date)
        }
        #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(CalendarDate(iso: "2024-03-01")!.days(until: CalendarDate(iso: "2024-08-28")!) == 180)
        #expect(CalendarDate(iso: "2024-01-31")!.adding(months: 1).description == "2024-02-29")
    }

    @Test(arguments: [
        ("2024-01-01", 36, "2026-12-31"), ("2024-03-15", 1, "2024-04-14"), ("2024-02-29", 36, "2027-02-28"),
        ("2024-02-29", 48, "2028-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"),
        ("2024-03-31", 1, "2024-04-30"), ("2024-05-31", 1, "2024-06-30"), ("2024-08-31", 6, "2025-02-28"),
    ])
    func termsEndAsCivilCodeArticle202Counts(start: String, months: Int, last: String) {
        #expect(CalendarDate(iso: start)!.lastDayOfTerm(months: months).description == last)
    }

    @Test func timestampsAreUTCWholeSeconds() {
        #expect(Timestamp(rfc3339: "2025-01-01T08:00:00Z")?.secondsSinceEpoch == 1_735_718_400)
        #expect(Timestamp(secondsSinceEpoch: 1_735_718_400).description == "2025-01-01T08:00:00Z")
        #expect(Timestamp(rfc3339: "2025-01-01T08:00:00+08:00") == nil)
        #expect(Timestamp(rfc3339: "2025-01-01T24:00:00Z") == nil)
    }
}

/// The character classes of ledger-spec.md section 2: control characters are Unicode Cc (C0, DEL, C1); white
/// space is Unicode White_Space. Entity ids in payloads follow the same rule as event ids.
@Suite struct IdAndActorRuleTests {
    @Test(arguments: ["A-0001", "海韵-车位-1", "a\u{200B}b", "x", String(repeating: "i", count: 128)])
    func validIds(_ id: String) { #expect(EventInput.idProblem(id) == nil) }

    @Test(arguments: ["", "a b", "a\u{3000}b", "a\u{A0}b", "a\u{85}b", "a\u{80}b", "a\u{9F}b", "a\u{7F}b", "a\u{1F}b",
                      "a\"b", "a\\b", "a\u{2028}b", String(repeating: "i", count: 129)])
    func invalidIds(_ id: String) { #expect(EventInput.idProblem(id) != nil) }

    @Test func actorsNeedOneCharacterThatIsNotWhiteSpace() {
        #expect(EventInput.actorProblem("李") == nil && EventInput.actorProblem(" 李 ") == nil && EventInput.actorProblem("\u{1}") == nil)
        for actor in ["", " ", "\t\n", "\u{3000}", "\u{85}\u{A0}"] { #expect(EventInput.actorProblem(actor) != nil, "\(actor.unicodeScalars.map(\.value))") }
    }
}

/// Month arithmetic past the ends of the accepted year range. Open-ended contracts are commonly written with
/// end_on 9999-12-31, so rent schedules and period loops step past 9999; they must keep moving forward.
@Suite struct MonthArithmeticTests {
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
