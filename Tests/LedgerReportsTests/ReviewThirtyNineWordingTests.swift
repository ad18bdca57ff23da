import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 39b's wording, in both languages: FUND-06's second stretch, a key closed while its problem went on, a
/// rebound naming the key closed, dates in Chinese running text as an official writes them (2026年1月5日; English
/// keeps ISO), areas grouped as amounts are, and the heading's count of findings needing no more action.
@Suite struct ReviewThirtyNineWordingTests {
    // MARK: FUND-06

    struct FactCase: Sendable, CustomTestStringConvertible {
        let name: String
        let fact: FindingFact
        let zh: String
        let en: String
        var testDescription: String { name }
    }

    static func day(_ s: String) -> FactValue { .date(CalendarDate(iso: s)!) }

    static let factCases: [FactCase] = [
        FactCase(name: "one stretch, open",
                 fact: FindingFact(.overdrawn, ["lowest": .amount(Amount(fen: -50_000)), "on": day("2025-01-05"), "since": day("2025-01-05")]),
                 zh: "自2025年1月5日起账户透支，最低时余额为-500.00元（2025年1月5日），至今未补足",
                 en: "overdrawn since 2025-01-05; lowest balance -¥500.00 on 2025-01-05; not yet made good"),
        FactCase(name: "second stretch, open",
                 fact: FindingFact(.overdrawn, ["lowest": .amount(Amount(fen: -50_000)), "on": day("2025-01-05"), "since": day("2025-01-05"),
                                                "stretch_since": day("2025-03-10")]),
                 zh: "自2025年1月5日起账户透支，最低时余额为-500.00元（2025年1月5日）；其间曾补足，自2025年3月10日起再次透支，至今未补足",
                 en: "overdrawn since 2025-01-05; lowest balance -¥500.00 on 2025-01-05; made good in between, overdrawn again since 2025-03-10; not yet made good"),
        FactCase(name: "second stretch, ended",
                 fact: FindingFact(.overdraftEnded, ["lowest": .amount(Amount(fen: -50_000)), "on": day("2025-01-05"), "since": day("2025-01-05"),
                                                     "stretch_since": day("2025-03-10"), "ended_on": day("2025-04-09")]),
                 zh: "自2025年1月5日起账户透支，最低时余额为-500.00元（2025年1月5日）；其间曾补足，自2025年3月10日起再次透支，2025年4月9日补足后透支消除",
                 en: "overdrawn since 2025-01-05; lowest balance -¥500.00 on 2025-01-05; made good in between, overdrawn again since 2025-03-10; made good on 2025-04-09"),
        // CON-02's vote: areas grouped in thousands, as amounts are.
        FactCase(name: "areas grouped",
                 fact: FindingFact(.quorumMissed, ["decision_id": .text("D-1"), "decided_on": day("2024-11-01"),
                                                   "participating_area": .area(DecimalQuantity(units: 1_999_99, scale: 2)),
                                                   "total_area": .area(DecimalQuantity(units: 3_000_000_00, scale: 2)),
                                                   "participating_owners": .integer(200), "total_owners": .integer(300),
                                                   "share": .share(Share(2, 3)), "short_of": .text("area")]),
                 zh: "", en: ""),
    ]

    @Test(arguments: factCases)
    func factsReadAsWritten(_ c: FactCase) {
        let zh = FactText.render(c.fact, .zh), en = FactText.render(c.fact, .en)
        if c.zh.isEmpty {
            // Areas: 3,000,000.00 and 1,999.99, never 3000000.00; the date in Chinese, ISO in English.
            #expect(zh.contains("3,000,000.00平方米") && zh.contains("1,999.99平方米") && !zh.contains("3000000"), "\(zh)")
            #expect(en.contains("3,000,000.00 m²") && en.contains("1,999.99 m²"), "\(en)")
            #expect(!zh.contains("2024-11-01"), "\(zh)")
        } else {
            #expect(zh == c.zh)
            #expect(en == c.en)
        }
    }

    @Test func areaTextGroupsTheWholePartOnly() {
        let cases: [(Int64, Int, String)] = [(0, 2, "0.00"), (99_999, 2, "999.99"), (100_000, 2, "1,000.00"),
                                             (123_456_789, 2, "1,234,567.89"), (-123_456_789, 2, "-1,234,567.89"),
                                             (1_234_567, 0, "1,234,567"), (12_345_678, 3, "12,345.678")]
        for (units, scale, text) in cases {
            #expect(Format.areaText(DecimalQuantity(units: units, scale: scale)) == text)
        }
    }

    @Test func datesInRunningText() {
        let d = CalendarDate(iso: "2026-01-05")!
        #expect(Format.date(d, .zh) == "2026年1月5日")
        #expect(Format.date(d, .en) == "2026-01-05")
        #expect(Format.date(d) == "2026-01-05", "codes, keys, CSV and JSON values keep ISO")
    }

    // MARK: The loop's words

    /// The 整改台账 of `LedgerBookReadabilityTests` with CON-07/K-2 closed on `closedOn`, as of 2025-04-25: its rent
    /// (unpaid since January) is still in arrears.
    static func book(_ language: ReportLanguage, closedOn: String) throws -> RectificationLedgerReport {
        let closed = LoopEvent(date: CalendarDate(iso: closedOn)!, evidence: Evidence(seq: 901, eventID: "loop-901"),
                               payload: .verified(RectificationVerified(listID: "L1", keys: [LedgerBookReadabilityTests.rentKey],
                                                                        result: .closed, reason: nil, verifiedBy: "街道")))
        return try LedgerBookReadabilityTests.book(language, asOf: "2025-04-25",
                                                   loop: [LedgerBookReadabilityTests.issued(deadline: "2025-04-15"), closed])
    }

    @Test(arguments: [(ReportLanguage.zh, "销号时问题仍在（已于2025年4月20日销号，需重新交办）", "原整改时限：2025年4月15日"),
                      (.en, "closed while still present (closed on 2025-04-20; to be issued again)", "Former deadline: 2025-04-15")])
    func aKeyClosedWhileStillPresentSaysSo(_ language: ReportLanguage, _ status: String, _ deadline: String) throws {
        let book = try Self.book(language, closedOn: "2025-04-20")
        let entry = try #require(book.ledger.allEntries.first { $0.key == LedgerBookReadabilityTests.rentKey })
        #expect(entry.status == .closedWhilePresent)
        #expect(book.loopStatus(entry) == status)
        #expect(book.list.loopStatus(try #require(book.finding(entry))) == status)
        #expect(book.html().contains(deadline))
        #expect(!book.loopStatus(entry).contains(language == .zh ? "反弹" : "recurring"), "never a relapse")
        // The summary has a column for it, and the JSON a count.
        #expect(book.table().contains(language == .zh ? "销号时问题仍在" : "closed while still present"))
        #expect(book.json().contains(#""closed_while_present""#))
    }

    @Test(arguments: [(ReportLanguage.zh, "反弹（OCC-01/A-1/O1/2025-01-10已于2025年3月10日销号，需重新交办）"),
                      (.en, "recurring (OCC-01/A-1/O1/2025-01-10 closed on 2025-03-10; to be issued again)")])
    func aReboundUnderAnotherKeyNamesIt(_ language: ReportLanguage, _ status: String) throws {
        let occKey = "OCC-01/A-1/O1/2025-01-10"
        let lines = WordingTests.base + [
            #"{"id":"O1","type":"occupation.reported","occurred_on":"2025-01-10","data":{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}}"#,
            #"{"id":"O1c","type":"occupation.cleared","occurred_on":"2025-03-05","data":{"occupation_id":"O1"}}"#,
            #"{"id":"O3","type":"occupation.reported","occurred_on":"2025-04-01","data":{"occupation_id":"O3","asset_id":"A-1","occupant":"某人","description":"又堆物"}}"#,
        ]
        let issued = LoopEvent(date: CalendarDate(iso: "2025-02-01")!, evidence: Evidence(seq: 900, eventID: "loop-900"),
                               payload: .issued(RectificationIssued(
                                listID: "L1", communityID: "C-T", asOf: CalendarDate(iso: "2025-01-31")!, atSeq: 9,
                                reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
                                preparedOn: CalendarDate(iso: "2025-02-01")!,
                                items: [IssuedItem(key: occKey, responsible: "某人", deadline: CalendarDate(iso: "2025-03-03")!)])))
        let closed = LoopEvent(date: CalendarDate(iso: "2025-03-10")!, evidence: Evidence(seq: 901, eventID: "loop-901"),
                               payload: .verified(RectificationVerified(listID: "L1", keys: [occKey], result: .closed, reason: nil,
                                                                        verifiedBy: "街道")))
        let records = try SampleRecords.records(lines: lines)
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: "2025-04-10")!), policy: Policy())
        let ledger = RectificationLedger(rectification: rectification, loop: RectificationLoop(events: [issued, closed]))
        let report = RectificationReport(stamp: LedgerStamp(recordCount: 9, headHash: String(repeating: "a", count: 64), checkpoint: nil),
                                         rectification: rectification, language: language, ledger: ledger)
        let f = try #require(rectification.findings.first { $0.key == "OCC-01/A-1/O3/2025-04-01" })
        #expect(report.loopStatus(f) == status)
    }

    // MARK: The heading's count

    @Test(arguments: [(ReportLanguage.zh, "项无需再整改（已逾期补正、已事后追认、已消除或已追回）", "已补正、追认或消除"),
                      (.en, "no longer call for action (remedied late, ratified afterwards, ended or recovered)", "remedied, ratified or ended")])
    func theHeadingCountSaysWhatItCounts(_ language: ReportLanguage, _ said: String, _ old: String) throws {
        let book = try LedgerBookReadabilityTests.book(language)
        #expect(book.list.resolvedCount > 0)
        let html = book.list.html()
        #expect(html.contains(said), "the count names all four kinds it counts")
        #expect(!html.contains(old))
    }
}
