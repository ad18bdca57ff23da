import LedgerChain
import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Session 36 (views35): the 整改台账 named the item of a key the rules no longer find only when another finding in
/// the list named the same item; otherwise it showed the raw ids (`A-1/O1`). The item is now kept with the issued
/// list's event as the ledger held it on the check date (`LoopEvent.labels`, `TrackedKey.item`), and the entry is
/// named by it whatever the other findings are.
@Suite struct VanishedItemNameTests {
    /// Community C-T, part A-1 (车位1) and a governance fund F-GV, all new enough that no rule finds anything about
    /// them on 2025-03-31 (no idle run, no disclosure due).
    static let base = [
        #"{"id":"b1","type":"community.registered","occurred_on":"2025-01-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"b2","type":"fund.opened","occurred_on":"2025-01-01","data":{"fund_id":"F-GV","community_id":"C-T","kind":"governance","account":"GV"}}"#,
        #"{"id":"b3","type":"asset.registered","occurred_on":"2025-01-01","data":{"asset_id":"A-1","community_id":"C-T","kind":"parking","name":"车位1","location":"L","area_m2":"10.00","registered_on":"2025-01-01","source":{"kind":"manual"}}}"#,
    ]
    static let occKey = "OCC-01/A-1/O1/2025-01-10"
    static let occupation = event("O1", "occupation.reported", "2025-01-10",
                                       #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}"#)
    static let cleared = event("O1c", "occupation.cleared", "2025-03-05", #"{"occupation_id":"O1"}"#)
    static func event(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
        #"{"id":"\#(id)","type":"\#(type)","occurred_on":"\#(date)","data":\#(data)}"#
    }
    /// A list issuing `keys` to C-T on 2025-02-01.
    static func issued(_ keys: [String]) -> String {
        let items = keys.map { #"{"key":"\#($0)","responsible":"业主委员会","deadline":"2025-03-03"}"# }.joined(separator: ",")
        return event("L1", "rectification.issued", "2025-02-01", #"{"list_id":"L1","community_id":"C-T","as_of":"2025-01-31","at_seq":3,"report_sha256":"\#(String(repeating: "0", count: 64))","report_format":"html","report_lang":"zh","prepared_on":"2025-02-01","items":[\#(items)]}"#)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let key: String
        let label: ItemLabel?
        let zh: String
        let en: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a part whose occupation was cleared, no other finding on it",
             lines: [occupation, issued([occKey]), cleared], key: occKey,
             label: ItemLabel(kind: .asset, id: "A-1", name: "车位1"),
             zh: "共有部分 A-1 车位1，记录 O1", en: "asset A-1 车位1, record O1"),
        Case(name: "a key whose item the ledger does not hold: its ids, as before",
             lines: [issued(["OCC-01/A-9/O9/2025-01-10"])], key: "OCC-01/A-9/O9/2025-01-10", label: nil,
             zh: "A-9/O9", en: "A-9/O9"),
        Case(name: "a fund's key: its account and kind",
             lines: [issued(["FUND-06/F-GV"])], key: "FUND-06/F-GV",
             label: ItemLabel(kind: .fund, id: "F-GV", name: "GV", detail: "governance"),
             zh: "资金账户 F-GV GV（业主大会经费）", en: "fund F-GV GV (governance fund)"),
    ]

    @Test(arguments: cases)
    func aVanishedKeyIsNamedByItsItem(_ c: Case) throws {
        let asOf = CalendarDate(iso: "2025-03-31")!
        let records = try SampleRecords.records(lines: Self.base + c.lines)
        let projection = Projection(records: records, asOf: asOf)
        let rectification = Rectifier.check(projection, scope: RectificationScope(asOf: asOf), policy: Policy())
        // No finding in the list is about the key's item.
        let item = String(FindingKey.subject(of: c.key).prefix { $0 != "/" })
        #expect(!rectification.findings.contains { $0.itemID == item }, "\(rectification.findings.map(\.key))")
        let loop = RectificationLoop(projection: projection)
        #expect(loop.tracked[c.key]?.item == c.label)
        let ledger = RectificationLedger(rectification: rectification, loop: loop)
        let entry = try #require(ledger.allEntries.first { $0.key == c.key })
        #expect(entry.findingIndex == nil && entry.itemFindingIndex == nil && entry.status == .toVerify)
        for (language, expected) in [(ReportLanguage.zh, c.zh), (.en, c.en)] {
            let report = RectificationReport(stamp: LedgerStamp(recordCount: 9, headHash: String(repeating: "a", count: 64), checkpoint: nil),
                                             rectification: rectification, language: language, ledger: ledger)
            #expect(RectificationLedgerReport(report).item(entry) == expected)
        }
    }

    /// The labels are kept in `index/rectify.state` with the loop's events: written and read back, the same.
    @Test func labelsSurviveTheStateCodec() throws {
        let asOf = CalendarDate(iso: "2025-03-31")!
        let records = try SampleRecords.records(lines: Self.base + [Self.occupation, Self.issued([Self.occKey, "FUND-06/F-GV"]), Self.cleared])
        let events = RectificationLoop.events(in: Projection(records: records, asOf: asOf))
        let issued = try #require(events.first)
        #expect(issued.labels.count == 2)
        var w = ByteWriter()
        RectifyStateCodec.loopEvent(issued, &w)
        var r = ByteReader(w.bytes)
        #expect(RectifyStateCodec.loopEvent(&r) == issued)
        #expect(r.isAtEnd)
    }
}
