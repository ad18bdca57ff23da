import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// A finding keeps its key while it is the same problem (ledger-spec.md 13.1), also when a fact recorded late or a
/// corrected date moves the first day of the problem (review 33 #6): IDLE-01 (one per part), FUND-06 (one per fund)
/// and FUND-04 on a decision's cap (one per decision) have no date in their key, and a list issued before with the
/// dated form still finds them. What really is a new problem keeps getting a new key.
@Suite struct FindingKeyStabilityTests {
    static func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    static func issued(_ keys: [String], on day: String = "2024-07-02", deadline: String = "2024-09-30", seq: Int64 = 2001) -> LoopEvent {
        LoopEvent(date: date(day), evidence: Evidence(seq: seq, eventID: "loop-\(seq)"), payload: .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: date(day).adding(days: -1), atSeq: 9, reportSHA256: String(repeating: "0", count: 64),
            reportFormat: "html", reportLanguage: "zh", preparedOn: date(day),
            items: keys.map { IssuedItem(key: $0, responsible: "业主委员会", deadline: date(deadline)) })))
    }

    static func closed(_ keys: [String], on day: String, seq: Int64 = 2002) -> LoopEvent {
        LoopEvent(date: date(day), evidence: Evidence(seq: seq, eventID: "loop-\(seq)"), payload: .verified(RectificationVerified(
            listID: "L1", keys: keys, result: .closed, reason: nil, verifiedBy: "街道")))
    }

    static func ledger(_ lines: [String], asOf: String, _ events: [LoopEvent]) throws -> RectificationLedger {
        let records = try SampleRecords.records(lines: Mini.base + lines)
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: date(asOf)), policy: Policy())
        return RectificationLedger(rectification: rectification, loop: RectificationLoop(events: events))
    }

    /// The entries of `rule`: key and status.
    static func entries(_ l: RectificationLedger, _ rule: RuleCode) -> [String] {
        l.allEntries.filter { $0.rule == rule }.map { "\($0.key) \($0.status.rawValue)" }
    }

    /// A five-day use of A-1 (idle since its registration on 2023-12-01) in March 2024, recorded after the list.
    static let shortUse = [
        Mini.event("U1", "use.started", "2024-03-01", #"{"use_id":"U1","asset_id":"A-1","user":"某人","purpose":"停车","authority":{}}"#),
        Mini.event("U1e", "use.ended", "2024-03-05", #"{"use_id":"U1"}"#),
    ]

    /// The review's reproduction: IDLE-01 issued on 2024-07-02, then a five-day use inside the idle run recorded
    /// back-dated. The part is still idle: one key, still issued (it showed 待复核 and the run again under a new
    /// key, IDLE-01/A-1/2024-03-06, before).
    @Test(arguments: ["IDLE-01/A-1", "IDLE-01/A-1/2023-12-01"])
    func aShortUseRecordedLateInsideTheIdleRunKeepsTheIssuedKey(_ issuedKey: String) throws {
        let before = try Self.ledger([], asOf: "2024-07-01", [])
        #expect(Self.entries(before, .idle) == ["IDLE-01/A-1 new"])
        let after = try Self.ledger(Self.shortUse, asOf: "2024-09-30", [Self.issued([issuedKey])])
        #expect(Self.entries(after, .idle) == ["IDLE-01/A-1 issued"])
        #expect(after.vanished.isEmpty)
        // The finding states the run as it now stands: idle from the day after the use.
        let finding = after.rectification.findings.first { $0.rule == .idle }
        #expect(finding?.since == Self.date("2024-03-06"))
    }

    /// A real use after the list ends the problem (待复核); closed, and idle again for the threshold, it is 反弹 under
    /// the part's key (the rules find it open again).
    @Test func aUseAfterTheListEndsItAndIdleAgainAfterTheClosureRecurs() throws {
        let used = [Mini.event("U2", "use.started", "2024-08-01", #"{"use_id":"U2","asset_id":"A-1","user":"某人","purpose":"停车","authority":{}}"#),
                    Mini.event("U2e", "use.ended", "2024-09-30", #"{"use_id":"U2"}"#)]
        let gone = try Self.ledger(used, asOf: "2024-10-15", [Self.issued(["IDLE-01/A-1"])])
        #expect(Self.entries(gone, .idle) == ["IDLE-01/A-1 to_verify"])
        let again = try Self.ledger(used, asOf: "2025-04-30",
                                    [Self.issued(["IDLE-01/A-1"]), Self.closed(["IDLE-01/A-1"], on: "2024-10-20")])
        #expect(Self.entries(again, .idle) == ["IDLE-01/A-1 recurring"])
    }

    /// Two spendings of ¥600.00 under a decision capped at ¥1,000.00: the cap is exceeded on the second one's day.
    static let capped = Mini.decision("D-CAP", "2024-11-01", "maintenance_fund_use", "2000.00", 200, "1500.00", 150,
                                      authorises: #"{"amount_cap_fen":100000}"#)
    static let overCap = [capped, Mini.spending("S1", "2025-01-10", fen: 60_000, decision: "D-CAP"),
                          Mini.spending("S2", "2025-02-10", fen: 60_000, decision: "D-CAP")]

    /// FUND-04 on the cap: the second spending's date corrected to 2025-02-05 moves the day the cap was first
    /// exceeded; one finding per decision, one key, still issued.
    @Test(arguments: ["FUND-04/D-CAP", "FUND-04/D-CAP/2025-02-10"])
    func aCorrectedSpendingDateKeepsTheCapKey(_ issuedKey: String) throws {
        let correction = Mini.event("C2", "correction", "2025-03-01", #"{"corrects":"S2","reason":"日期录错","replacement":{"type":"fund.spending","occurred_on":"2025-02-05","data":{"fund_id":"F-MF","amount_fen":60000,"counterparty":"某公司","voucher":"S2","purpose":"维修","purpose_category":"repair","decision_id":"D-CAP"}}}"#)
        let events = [Self.issued([issuedKey], on: "2025-02-20", deadline: "2025-03-20")]
        let first = try Self.ledger(Self.overCap, asOf: "2025-02-28", events)
        #expect(Self.entries(first, .spendingBeyondAuthority) == ["FUND-04/D-CAP issued"])
        let corrected = try Self.ledger(Self.overCap + [correction], asOf: "2025-03-10", events)
        #expect(Self.entries(corrected, .spendingBeyondAuthority) == ["FUND-04/D-CAP issued"])
        #expect(corrected.rectification.findings.first { $0.rule == .spendingBeyondAuthority }?.since == Self.date("2025-02-05"))
        #expect(corrected.vanished.isEmpty)
    }

    /// FUND-06: a spending recorded late that overdrew the governance fund earlier moves the first overdrawn day of
    /// the one finding of the fund.
    @Test func anEarlierOverdraftRecordedLateKeepsTheFundKey() throws {
        let first = [Mini.spending("G1", "2025-03-01", fund: "F-GV", fen: 500)]
        let late = Mini.spending("G0", "2025-01-15", fund: "F-GV", fen: 300)
        let events = [Self.issued(["FUND-06/F-GV"], on: "2025-03-05", deadline: "2025-04-04")]
        #expect(Self.entries(try Self.ledger(first, asOf: "2025-03-10", events), .fundOverdrawn) == ["FUND-06/F-GV issued"])
        let l = try Self.ledger(first + [late], asOf: "2025-03-10", events)
        #expect(Self.entries(l, .fundOverdrawn) == ["FUND-06/F-GV issued"])
        #expect(l.rectification.findings.first { $0.rule == .fundOverdrawn }?.since == Self.date("2025-01-15"))
    }

    /// What stays a new problem under a new key: OCC-04 changed again after the use was restored (13.1), and FUND-04
    /// about one spending, whose key names it and its day.
    @Test func aChangeAfterARestorationIsStillANewKey() throws {
        let premises = Mini.event("A2", "asset.registered", "2023-12-01",
            #"{"asset_id":"A-2","community_id":"C-T","kind":"other","name":"物业服务用房","location":"1号楼","area_m2":"80.00","registered_on":"2023-12-01","source":{"kind":"manual"},"attributes":{"现用途":"物业办公"}}"#)
        func updated(_ id: String, _ day: String, _ use: String) -> String {
            Mini.event(id, "asset.updated", day, #"{"asset_id":"A-2","changes":{"attributes":{"现用途":"\#(use)"}},"source":{"kind":"manual"}}"#)
        }
        let lines = [premises, updated("C1", "2025-01-10", "棋牌室"), updated("C2", "2025-03-01", "物业办公"), updated("C3", "2025-05-01", "仓库")]
        let l = try Self.ledger(lines, asOf: "2025-06-01", [Self.issued(["OCC-04/A-2/2025-01-10"], on: "2025-02-01", deadline: "2025-03-03")])
        #expect(Self.entries(l, .changeOfUseWithoutDecision) == ["OCC-04/A-2/2025-05-01 new", "OCC-04/A-2/2025-01-10 to_verify"])
    }

    struct KeyForm: Sendable, CustomTestStringConvertible {
        let issued: String
        let current: String
        var testDescription: String { "\(issued) → \(current)" }
    }

    /// Keys as an earlier release issued them, read in this release's form; every other key as it is.
    static let forms: [KeyForm] = [
        KeyForm(issued: "IDLE-01/A-1/2025-01-01", current: "IDLE-01/A-1"),
        KeyForm(issued: "IDLE-01/A-1/2025-01-01#2", current: "IDLE-01/A-1#2"),
        KeyForm(issued: "IDLE-01/A-1", current: "IDLE-01/A-1"),
        KeyForm(issued: "IDLE-01/2025-01-01", current: "IDLE-01/2025-01-01"),
        KeyForm(issued: "FUND-06/F-GV/2024-12-15", current: "FUND-06/F-GV"),
        KeyForm(issued: "FUND-04/D-LZ-2025-01/2025-05-20", current: "FUND-04/D-LZ-2025-01"),
        KeyForm(issued: "FUND-04/F-MF/S9/2025-06-01", current: "FUND-04/F-MF/S9/2025-06-01"),
        KeyForm(issued: "OCC-04/A-2/2025-01-10", current: "OCC-04/A-2/2025-01-10"),
        KeyForm(issued: "FUND-01/F-MF/S1/2025-01-05", current: "FUND-01/F-MF/S1/2025-01-05"),
        KeyForm(issued: "CON-07/K-1", current: "CON-07/K-1"),
        // An id may hold `#` (3#楼): only `#` and digits at the very end are a list's `#2` (review 34b #2).
        KeyForm(issued: "IDLE-01/3#楼-P1/2024-01-08", current: "IDLE-01/3#楼-P1"),
        KeyForm(issued: "IDLE-01/3#楼-P1/2024-01-08#2", current: "IDLE-01/3#楼-P1#2"),
        KeyForm(issued: "IDLE-01/3#楼-P1", current: "IDLE-01/3#楼-P1"),
        KeyForm(issued: "FUND-06/F-3#/2024-12-15", current: "FUND-06/F-3#"),
        KeyForm(issued: "FUND-04/D#1/2025-05-20", current: "FUND-04/D#1"),
    ]

    @Test(arguments: forms)
    func anEarlierKeyIsReadInTheCurrentForm(_ form: KeyForm) {
        #expect(FindingKey.current(form.issued) == form.current)
    }

    @Test func undatedKeysHaveNoSinceAndKeepTheirSubject() {
        #expect(FindingKey.make(rule: .spendingBeyondAuthority, itemID: "D-1", subjectIDs: [], since: Self.date("2025-02-10")) == "FUND-04/D-1")
        #expect(FindingKey.make(rule: .spendingBeyondAuthority, itemID: "F-MF", subjectIDs: ["S9"], since: Self.date("2025-06-01"))
                == "FUND-04/F-MF/S9/2025-06-01")
        #expect(FindingKey.make(rule: .fundOverdrawn, itemID: "F-GV", subjectIDs: [], since: Self.date("2025-01-15")) == "FUND-06/F-GV")
        #expect(FindingKey.since(of: "FUND-04/D-1") == nil)
        #expect(FindingKey.subject(of: "FUND-04/D-1") == "D-1")
        #expect(FindingKey.since(of: "FUND-04/F-MF/S9/2025-06-01") == Self.date("2025-06-01"))
        #expect(FindingKey.subject(of: "FUND-04/F-MF/S9/2025-06-01") == "F-MF/S9")
        #expect(FindingKey.since(of: "IDLE-01/A-1") == nil)
        #expect(FindingKey.subject(of: "IDLE-01/A-1") == "A-1")
    }
}
