import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 35b #2: the 整改台账 names the item of a key the rules no longer find as the findings name it (not its raw
/// id), gives a key without a date a start (by the issuing list's check date), and shows a finding ratified
/// afterwards (never issued) as 已事后追认（日期），已自行纠正, not counted as 新发现.
@Suite struct LedgerBookReadabilityTests {
    /// K-2 (某广告公司, 广告) cites D-LATE, decided after its signing (CON-01 ratified); its rent went unpaid until
    /// May, so CON-07/K-2 was issued on the list of 2025-03-31 and is gone by 2025-05-15.
    static let lines = WordingTests.base + [
        #"{"id":"d9","type":"decision.recorded","occurred_on":"2025-02-01","data":{"decision_id":"D-LATE","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2000.00","approving_owners":200,"authorises":{}}}"#,
        #"{"id":"k2","type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-2","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某广告公司","purpose":"广告","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":100000,"rent_period":"month","payee_fund_id":"F-PI","decision_id":"D-LATE"}}"#,
        #"{"id":"r2","type":"fund.income","occurred_on":"2025-05-01","data":{"fund_id":"F-PI","amount_fen":500000,"counterparty":"某广告公司","voucher":"r2","category":"advertising","source":{"contract_id":"K-2"}}}"#,
    ]
    static let rentKey = "CON-07/K-2"
    static let ratifiedKey = "CON-01/K-2/2024-12-01"

    /// The list of 2025-04-01 issuing `rentKey` with `deadline`.
    static func issued(deadline: String = "2025-05-31") -> LoopEvent {
        LoopEvent(date: CalendarDate(iso: "2025-04-01")!, evidence: Evidence(seq: 900, eventID: "loop-900"),
                  payload: .issued(RectificationIssued(
                    listID: "L1", communityID: "C-T", asOf: CalendarDate(iso: "2025-03-31")!, atSeq: 9,
                    reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
                    preparedOn: CalendarDate(iso: "2025-04-01")!,
                    items: [IssuedItem(key: rentKey, responsible: "业主委员会", deadline: CalendarDate(iso: deadline)!)])))
    }

    static func book(_ language: ReportLanguage, asOf: String = "2025-05-15", loop: [LoopEvent] = [LedgerBookReadabilityTests.issued()]) throws -> RectificationLedgerReport {
        let records = try SampleRecords.records(lines: lines)
        let asOf = CalendarDate(iso: asOf)!
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: asOf), policy: Policy())
        let ledger = RectificationLedger(rectification: rectification, loop: RectificationLoop(events: loop))
        let report = RectificationReport(stamp: LedgerStamp(recordCount: 9, headHash: String(repeating: "a", count: 64), checkpoint: nil),
                                         rectification: rectification, language: language, ledger: ledger)
        return RectificationLedgerReport(report)
    }

    @Test func aVanishedKeyIsNamedAndDated() throws {
        let book = try Self.book(.zh)
        let entry = try #require(book.ledger.allEntries.first { $0.key == Self.rentKey })
        #expect(entry.status == .toVerify && entry.findingIndex == nil)
        #expect(book.item(entry) == "经营合同 K-2 某广告公司 · 广告", "\(book.item(entry))")
        #expect(book.since(entry) == "不晚于2025年3月31日（交办清单核查日）")
        #expect(book.sinceDay(entry) == nil)
        let en = try Self.book(.en)
        #expect(en.since(try #require(en.ledger.allEntries.first { $0.key == Self.rentKey })) == "by 2025-03-31 (the issuing list's check date)")
        // JSON keeps `since` a date or null.
        #expect(en.json().contains(#""since": null"#) || en.json().contains(#""since":null"#))
    }

    @Test func aRatifiedFindingNeedsNoActionAndIsNotNew() throws {
        let book = try Self.book(.zh)
        let entry = try #require(book.ledger.allEntries.first { $0.key == Self.ratifiedKey })
        #expect(entry.status == .resolved)
        #expect(book.loopStatus(entry) == "已事后追认（2025年2月1日），已自行纠正", "\(book.loopStatus(entry))")
        let total = book.ledger.total
        #expect(total.count(.resolved) == 1)
        #expect(total.count(.new) == book.ledger.allEntries.filter { $0.tracked == nil && book.finding($0)?.isOpen == true }.count)
        let table = book.table()
        #expect(table.contains("不计入“新发现”"), "\(table)")
        // The list says 已自行纠正 in its 整改状态 column, beside its 状态 (已事后追认); `--issue` takes open findings only,
        // so it is never issued.
        #expect(book.list.loopStatus(try #require(book.finding(entry))) == "已自行纠正")
        #expect(LoopStatus(code: "resolved") == .resolved && LoopStatus(code: "已自行纠正") == .resolved)
    }
}
