import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Findings of session 44's reviews about the 整改台账, fixed by the lead.
@Suite struct ReviewFortyFourBookTests {
    typealias Book = ReissuedKeyBookTests

    /// Review 44d #4: a list naming one key twice (its current form and an earlier release's) dropped the key's earlier
    /// rounds: the second naming replaced the round the first had made, with its history. One round, history kept.
    @Test func aKeyNamedTwiceByOneListKeepsItsEarlierRounds() throws {
        let twice = Book.event("2025-04-01", 1005, .issued(RectificationIssued(
            listID: "L2", communityID: "C-T", asOf: Book.day("2025-03-31"), atSeq: 9, reportSHA256: String(repeating: "0", count: 64),
            reportFormat: "html", reportLanguage: "zh", preparedOn: Book.day("2025-04-01"),
            items: [IssuedItem(key: Book.key, responsible: .plain("业主委员会"), deadline: Book.day("2025-05-01")),
                    IssuedItem(key: Book.key, responsible: .plain("物业服务企业"), deadline: Book.day("2025-05-10"))])))
        let loop = RectificationLoop(events: Array(Book.rounds.dropLast()) + [twice])
        let tracked = try #require(loop.tracked[Book.key])
        #expect(tracked.listID == "L2" && tracked.earlierRounds.map(\.listID) == ["L1"])
        #expect(tracked.deadline == Book.day("2025-05-10"), "the later naming's deadline")
    }

    /// Review 44a #3: the text and CSV books gave a closed round's deadline of a 反弹 or 销号时问题仍在 key as if it still
    /// ran (the HTML said 原整改时限): they say so now, in both languages.
    @Test(arguments: [ReportLanguage.zh, .en])
    func aDeadlineThatRunsNoMoreIsSaidSo(_ language: ReportLanguage) throws {
        // Closed on 02-20 while the space was still occupied, not issued again: 销号时问题仍在 as of 04-15.
        let report = try Book.book(language, Array(Book.rounds.dropLast()))
        let entry = try #require(report.ledger.entries.first { $0.key == Book.key })
        #expect(entry.status == .closedWhilePresent)
        let former = language == .zh ? "2025-03-15（原整改时限）" : "2025-03-15 (former deadline)"
        #expect(report.deadlineCell(entry) { Format.date($0) } == former)
        let csv = String(decoding: report.csv(), as: UTF8.self)
        #expect(csv.contains(former), "\(csv)")
        // The text writes the date as its other dates (review 46a #8: 2026-02-07 among 2026年…).
        let text = language == .zh ? "2025年3月15日（原整改时限）" : "2025-03-15 (former deadline)"
        #expect(report.deadlineCell(entry, report.day) == text)
        // A running deadline stays a date.
        let running = try Book.book(language, Book.rounds)
        let current = try #require(running.ledger.entries.first { $0.key == Book.key })
        #expect(running.deadlineCell(current) { Format.date($0) } == "2025-05-01")
        #expect(running.deadlineCell(current, running.day) == (language == .zh ? "2025年5月1日" : "2025-05-01"))
    }
}
