import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 43d #7: a key issued again by a later list replaced its history in the 整改台账 — the first list, its
/// deadline, the report and the closure disappeared. The book keeps every round (`TrackedKey.earlierRounds`): the
/// earlier ones as they stood, then the round in force, which the status follows.
@Suite struct ReissuedKeyBookTests {
    /// Community C-T and its parking space A-1.
    static let base = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b5","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#,
    ]
    /// The space occupied since 2025-01-10 and never cleared.
    static let occupation = #"{"id":"O1","type":"occupation.reported","occurred_on":"2025-01-10","data":{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}}"#
    static let key = "OCC-01/A-1/O1/2025-01-10"

    static func day(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    static func event(_ date: String, _ seq: Int64, _ payload: LoopEvent.Payload) -> LoopEvent {
        LoopEvent(date: day(date), evidence: Evidence(seq: seq, eventID: "loop-\(seq)"), payload: payload)
    }

    static func issued(_ list: String, on date: String, asOf: String, deadline: String, who: String, seq: Int64) -> LoopEvent {
        event(date, seq, .issued(RectificationIssued(
            listID: list, communityID: "C-T", asOf: day(asOf), atSeq: 9, reportSHA256: String(repeating: "0", count: 64),
            reportFormat: "html", reportLanguage: "zh", preparedOn: day(date),
            items: [IssuedItem(key: key, responsible: .plain(who), deadline: day(deadline))])))
    }

    /// L1 on 2025-02-01 (deadline 03-03, extended to 03-15), reported on 02-10, closed on 02-20 while the corridor was
    /// still occupied (销号时问题仍在), so L2 issued it again on 2025-04-01.
    static let rounds: [LoopEvent] = [
        issued("L1", on: "2025-02-01", asOf: "2025-01-31", deadline: "2025-03-03", who: "物业服务企业", seq: 1001),
        event("2025-02-05", 1002, .extended(RectificationExtended(listID: "L1", keys: [key], deadline: day("2025-03-15"), reason: "待清运"))),
        event("2025-02-10", 1003, .reported(RectificationReported(listID: "L1", keys: [key], reportedBy: "物业服务企业", measures: "已清理",
                                                                  evidence: [RectificationEvidence(kind: .photo, ref: "a.jpg", sha256: nil)]))),
        event("2025-02-20", 1004, .verified(RectificationVerified(listID: "L1", keys: [key], result: .closed, reason: nil, verifiedBy: "街道"))),
        issued("L2", on: "2025-04-01", asOf: "2025-03-31", deadline: "2025-05-01", who: "业主委员会", seq: 1005),
    ]

    static func book(_ language: ReportLanguage, _ loop: [LoopEvent], asOf: String = "2025-04-15") throws -> RectificationLedgerReport {
        let records = try SampleRecords.records(lines: base + [occupation])
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: day(asOf)), policy: Policy())
        let ledger = RectificationLedger(rectification: rectification, loop: RectificationLoop(events: loop))
        let report = RectificationReport(stamp: LedgerStamp(recordCount: 9, headHash: String(repeating: "a", count: 64), checkpoint: nil),
                                         rectification: rectification, language: language, ledger: ledger)
        return RectificationLedgerReport(report)
    }

    struct FoldCase: Sendable, CustomTestStringConvertible {
        let name: String
        /// Indexes into `rounds`, in the order given (the fold sorts them by date).
        let events: [Int]
        let lists: [String]
        let current: String
        let status: LoopStatus
        var testDescription: String { name }
    }

    static let foldCases: [FoldCase] = [
        FoldCase(name: "issued once: no earlier round", events: [0, 1, 2, 3], lists: [], current: "L1", status: .closedWhilePresent),
        FoldCase(name: "issued again: the first round kept", events: [0, 1, 2, 3, 4], lists: ["L1"], current: "L2", status: .issued),
        FoldCase(name: "given out of order, folded by date", events: [4, 3, 2, 1, 0], lists: ["L1"], current: "L2", status: .issued),
        FoldCase(name: "issued again with nothing done in the first round", events: [0, 4], lists: ["L1"], current: "L2", status: .issued),
    ]

    @Test(arguments: foldCases)
    func everyRoundIsKept(_ c: FoldCase) throws {
        let book = try Self.book(.zh, c.events.map { Self.rounds[$0] })
        let entry = try #require(book.ledger.entry(forKey: Self.key))
        let tracked = try #require(entry.tracked)
        #expect(tracked.earlierRounds.map(\.listID) == c.lists)
        #expect(tracked.listID == c.current)
        #expect(entry.status == c.status)
        // The status follows the round in force: its own steps only.
        if c.current == "L2" {
            #expect(tracked.reports.isEmpty && tracked.verifications.isEmpty && tracked.extensions.isEmpty)
            #expect(tracked.deadline == Self.day("2025-05-01"))
        }
        // Every record of every round stays among the key's records.
        let seqs = Set(c.events.map { Self.rounds[$0].evidence.seq })
        #expect(Set(tracked.records.map(\.seq)) == seqs)
    }

    @Test func theFirstRoundAsItStood() throws {
        let book = try Self.book(.zh, Self.rounds)
        let first = try #require(book.ledger.entry(forKey: Self.key)?.tracked?.earlierRounds.first)
        #expect(first.deadline == Self.day("2025-03-15"))   // as extended
        #expect(first.reports.map(\.measures) == ["已清理"])
        #expect(first.closedOn == Self.day("2025-02-20"))
        #expect(first.earlierRounds.isEmpty)
    }

    struct BookWording: Sendable, CustomTestStringConvertible {
        let language: ReportLanguage
        let rounds: String
        let issued: String
        let header: String
        var testDescription: String { language.rawValue }
    }

    static let wordings: [BookWording] = [
        BookWording(language: .zh,
                rounds: "第1轮：清单L1，2025年2月1日交办，责任主体物业服务企业，整改时限2025年3月15日；整改上报：2025年2月10日 物业服务企业：已清理（证据：照片 a.jpg）；复核：2025年2月20日 销号（街道）；延期：2025年2月5日 延至2025年3月15日：待清运",
                issued: "2025年4月1日（清单L2，第2轮）", header: "此前各轮"),
        BookWording(language: .en,
                rounds: "Round 1: list L1, issued 2025-02-01, responsible 物业服务企业, deadline 2025-03-15; reported: 2025-02-10 物业服务企业: 已清理 (evidence: photo a.jpg); re-checked: 2025-02-20 closed (街道); extended: 2025-02-05 to 2025-03-15: 待清运",
                issued: "2025-04-01 (list L2, round 2)", header: "Earlier rounds"),
    ]

    /// Every format of the book shows the earlier round, in the book's language, and the round in force by number.
    @Test(arguments: wordings)
    func theBookShowsEveryRound(_ w: BookWording) throws {
        let book = try Self.book(w.language, Self.rounds)
        let entry = try #require(book.ledger.entry(forKey: Self.key))
        #expect(book.earlierRoundsText(entry) == w.rounds, "\(book.earlierRoundsText(entry))")
        #expect(book.issued(entry) == w.issued, "\(book.issued(entry))")
        let text = book.table()
        #expect(text.contains("    " + w.header + (w.language == .zh ? "：" : ": ") + w.rounds), "\(text)")
        let csv = String(decoding: book.csv(), as: UTF8.self)
        #expect(csv.contains(w.header) && csv.contains(w.rounds), "\(csv)")
        #expect(book.markdown().contains(w.rounds))
        let html = book.html()
        #expect(html.contains("<div>" + HTMLText.escape(w.rounds) + "</div>"), "\(html)")
        // JSON: the earlier round with the same members as the round in force.
        let json = try JSONParser.parse(book.json())
        let entries = try #require(json["entries"]?.arrayValue)
        let object = try #require(entries.first { $0["key"]?.stringValue == Self.key })
        let earlier = try #require(object["earlier_rounds"]?.arrayValue)
        #expect(earlier.count == 1)
        #expect(earlier.first?["issued"]?["list_id"]?.stringValue == "L1")
        #expect(earlier.first?["issued"]?["deadline"]?.stringValue == "2025-03-15")
        #expect(earlier.first?["verifications"]?.arrayValue?.first?["result"]?.stringValue == "closed")
        #expect(object["issued"]?["list_id"]?.stringValue == "L2")
    }

    /// A key issued once reads as before: no earlier rounds, no round number, no `earlier_rounds` in JSON.
    @Test func aKeyIssuedOnceReadsAsBefore() throws {
        let book = try Self.book(.zh, Array(Self.rounds.prefix(4)))
        let entry = try #require(book.ledger.entry(forKey: Self.key))
        #expect(book.earlierRoundsText(entry).isEmpty)
        #expect(book.issued(entry) == "2025年2月1日（清单L1）")
        #expect(!book.table().contains("此前各轮"))
        #expect(!book.json().contains("earlier_rounds"))
    }
}
