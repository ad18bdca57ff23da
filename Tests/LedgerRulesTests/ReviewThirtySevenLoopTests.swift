import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 37b: a street office following its findings over months. A low-use key whose part is now idle is not
/// 待复核; a part occupied again is 反弹 however the occupation is recorded; a finding whose advice waits for the
/// contract's end is not given a deadline before it.
@Suite struct ReviewThirtySevenLoopTests {
    static func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    static func issued(_ date: String, asOf: String, _ keys: [String], deadline: String) -> LoopEvent {
        LoopEvent(date: Self.date(date), evidence: Evidence(seq: 1001, eventID: "loop-1001"), payload: .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: Self.date(asOf), atSeq: 9, reportSHA256: String(repeating: "0", count: 64),
            reportFormat: "html", reportLanguage: "zh", preparedOn: Self.date(date),
            items: keys.map { IssuedItem(key: $0, responsible: "业主委员会", deadline: Self.date(deadline)) })))
    }

    static func step(_ date: String, _ keys: [String], _ kind: String, seq: Int64) -> LoopEvent {
        let payload: LoopEvent.Payload
        switch kind {
        case "reported":
            payload = .reported(RectificationReported(listID: "L1", keys: keys, reportedBy: "业主委员会", measures: "已提请业主大会研究",
                                                      evidence: [RectificationEvidence(kind: .photo, ref: "a.jpg", sha256: String(repeating: "a", count: 64))]))
        default:
            let result: RectificationVerified.Result = kind == "closed" ? .closed : .rejected
            payload = .verified(RectificationVerified(listID: "L1", keys: keys, result: result,
                                                      reason: result == .rejected ? "仍未使用" : nil, verifiedBy: "街道"))
        }
        return LoopEvent(date: Self.date(date), evidence: Evidence(seq: seq, eventID: "loop-\(seq)"), payload: payload)
    }

    static func ledger(_ lines: [String], asOf: String, _ events: [LoopEvent], classes: [ProblemClass] = []) throws -> RectificationLedger {
        let records = try SampleRecords.records(lines: Mini.base + lines)
        let scope = RectificationScope(asOf: Self.date(asOf), classes: classes)
        return RectificationLedger(rectification: Rectifier.check(records: records, scope: scope, policy: Policy()),
                                   loop: RectificationLoop(events: events))
    }

    static func use(_ id: String, _ start: String, _ end: String?) -> [String] {
        [Mini.event(id, "use.started", start, #"{"use_id":"\#(id)","asset_id":"A-1","user":"某人","purpose":"停车","authority":{"decision_id":"D-OK"}}"#)]
            + (end.map { [Mini.event(id + "e", "use.ended", $0, #"{"use_id":"\#(id)"}"#)] } ?? [])
    }

    // MARK: 1. LOW-01 → IDLE-01

    /// Car space A-1 used 60 + 92 days of 2024: LOW-01 as of 2024-12-31, issued on 2025-01-05 (deadline 2025-04-05).
    /// With no use after 2024-12-31 it is idle from 2025-01-01: 181 days on 2025-06-30, IDLE-01's.
    static let lowThenIdle = [Mini.okDecision] + use("U1", "2024-01-01", "2024-02-29") + use("U2", "2024-10-01", "2024-12-31")
    static let lowKey = "LOW-01/A-1", idleKey = "IDLE-01/A-1"

    struct SupersedeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let extra: [String]
        let asOf: String
        let steps: [(String, String)]  // (date, reported | rejected | closed)
        let status: LoopStatus
        let supersededBy: String?
        var testDescription: String { name }
    }

    static let supersedeCases: [SupersedeCase] = [
        // Still little used, not yet idle (90 days): the key is found, within its deadline.
        SupersedeCase(name: "still low", extra: [], asOf: "2025-03-31", steps: [], status: .issued, supersededBy: nil),
        // Idle now: worse, not remedied; past the deadline but not overdue (followed under IDLE-01).
        SupersedeCase(name: "now idle", extra: [], asOf: "2025-06-30", steps: [], status: .superseded, supersededBy: idleKey),
        // Idle 179 days, one short of IDLE-01's threshold: still LOW-01's (92 of 365 days in use), past its deadline.
        SupersedeCase(name: "idle 179 days, still low", extra: [], asOf: "2025-06-28", steps: [], status: .overdue, supersededBy: nil),
        // Used again from February: neither low nor idle, so the key is gone from the data: 待复核 as before.
        SupersedeCase(name: "used again", extra: use("U3", "2025-02-01", nil), asOf: "2025-06-30", steps: [], status: .toVerify,
                      supersededBy: nil),
        // A report awaits the office's re-check: that comes first.
        SupersedeCase(name: "reported", extra: [], asOf: "2025-06-30", steps: [("2025-03-01", "reported")], status: .reported,
                      supersededBy: nil),
        // The re-check rejected it: now idle, superseded.
        SupersedeCase(name: "rejected", extra: [], asOf: "2025-06-30", steps: [("2025-03-01", "reported"), ("2025-03-10", "rejected")],
                      status: .superseded, supersededBy: idleKey),
        // Closed before the part went idle: stays closed (IDLE-01 is its own finding).
        SupersedeCase(name: "closed", extra: [], asOf: "2025-06-30", steps: [("2025-03-10", "closed")], status: .closed, supersededBy: nil),
    ]

    @Test(arguments: supersedeCases)
    func aLowUseKeyWhosePartIsNowIdleIsSuperseded(_ c: SupersedeCase) throws {
        var events = [Self.issued("2025-01-05", asOf: "2024-12-31", [Self.lowKey], deadline: "2025-04-05")]
        for (offset, (day, kind)) in c.steps.enumerated() { events.append(Self.step(day, [Self.lowKey], kind, seq: 1002 + Int64(offset))) }
        let l = try Self.ledger(Self.lowThenIdle + c.extra, asOf: c.asOf, events)
        let entry = try #require(l.entry(forKey: Self.lowKey))
        #expect(entry.status == c.status)
        #expect(entry.supersededBy == c.supersededBy)
        #expect(!entry.overdue || c.status == .overdue)
        if c.status == .superseded {
            // Listed once, after the findings; IDLE-01 is a finding of its own, to be issued (新发现).
            #expect(entry.findingIndex == nil)
            #expect(l.entry(forKey: Self.idleKey)?.status == .new)
            // Not counted as closed nor as to re-check; the completion rate does not move.
            #expect(l.total.count(.superseded) == 1 && l.total.count(.toVerify) == 0 && l.total.closed == 0 && l.total.issued == 1)
        }
    }

    /// The status has a code and Chinese name `--status` takes.
    @Test func theStatusIsNamed() {
        #expect(LoopStatus(code: "superseded") == .superseded)
        #expect(LoopStatus(code: "已转为长期闲置") == .superseded)
        #expect(LoopStatus.superseded.labelZh == "已转为长期闲置")
    }

    /// Only LOW-01 and LOW-02 keys are superseded, and only by the IDLE-01 key of their own part, found open.
    @Test(arguments: [
        ("LOW-01/A-1", "IDLE-01/A-1", "IDLE-01/A-1"),
        ("LOW-02/A-1", "IDLE-01/A-1", "IDLE-01/A-1"),
        ("LOW-02/A-1", "IDLE-01/A-2", nil),
        ("LOW-01/A-1", nil, nil),
        ("OCC-01/A-1/O1/2025-01-10", "IDLE-01/A-1", nil),
        ("CON-07/A-1", "IDLE-01/A-1", nil),
        ("IDLE-01/A-1", "IDLE-01/A-1", nil),
    ] as [(String, String?, String?)])
    func onlyALowKeyIsSupersededByItsPartsIdleKey(_ key: String, _ found: String?, _ expected: String?) {
        #expect(RectificationLedger.supersedingKey(of: key) { $0 == found } == expected)
    }

    // MARK: 2. OCC-01 and OCC-03: one problem for 反弹

    static let reported = Mini.event("O1", "occupation.reported", "2025-01-10",
                                     #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}"#)
    static let cleared = Mini.event("O1c", "occupation.cleared", "2025-03-05", #"{"occupation_id":"O1"}"#)
    static func inspection(_ id: String, _ date: String, _ observed: String) -> String {
        Mini.event(id, "inspection.recorded", date, #"{"asset_id":"A-1","observed":"\#(observed)","inspector":"街道 王强"}"#)
    }
    static let reportedAgain = Mini.event("O3", "occupation.reported", "2025-04-01",
                                          #"{"occupation_id":"O3","asset_id":"A-1","occupant":"某人","description":"又堆物"}"#)

    struct RecurCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let closedKey: String
        let closedOn: String
        let newKey: String
        let status: LoopStatus
        var testDescription: String { name }
    }

    static let recurCases: [RecurCase] = [
        // Closed under OCC-01, the re-occupation seen at an inspection (OCC-03): 反弹, as if it had been reported.
        RecurCase(name: "OCC-01 closed, OCC-03 found", lines: [reported, cleared, inspection("I2", "2025-04-01", "occupied")],
                  closedKey: "OCC-01/A-1/O1/2025-01-10", closedOn: "2025-03-10", newKey: "OCC-03/A-1/2025-04-01", status: .recurring),
        // The same re-occupation reported (OCC-01): 反弹, as before.
        RecurCase(name: "OCC-01 closed, OCC-01 found", lines: [reported, cleared, reportedAgain],
                  closedKey: "OCC-01/A-1/O1/2025-01-10", closedOn: "2025-03-10", newKey: "OCC-01/A-1/O3/2025-04-01", status: .recurring),
        // Closed under OCC-03 (an inspection found it, a later one saw it cleared), then an occupation reported.
        RecurCase(name: "OCC-03 closed, OCC-01 found",
                  lines: [inspection("I1", "2025-01-10", "occupied"), inspection("I1b", "2025-03-01", "idle"), reportedAgain],
                  closedKey: "OCC-03/A-1/2025-01-10", closedOn: "2025-03-10", newKey: "OCC-01/A-1/O3/2025-04-01", status: .recurring),
        // Closed after the new occupation began: not a recurrence of the closed problem, a new one.
        RecurCase(name: "closed after the new one began", lines: [reported, cleared, inspection("I2", "2025-04-01", "occupied")],
                  closedKey: "OCC-01/A-1/O1/2025-01-10", closedOn: "2025-04-05", newKey: "OCC-03/A-1/2025-04-01", status: .new),
        // Another rule on the same part (a use without authority, seen in use at an inspection) is not the same problem.
        RecurCase(name: "OCC-01 closed, OCC-02 found", lines: [reported, cleared, inspection("I2", "2025-04-01", "in_use")],
                  closedKey: "OCC-01/A-1/O1/2025-01-10", closedOn: "2025-03-10", newKey: "OCC-02/A-1/", status: .new),
    ]

    @Test(arguments: recurCases)
    func aPartOccupiedAgainRecursWhicheverWayItIsRecorded(_ c: RecurCase) throws {
        let events = [Self.issued("2025-02-01", asOf: "2025-01-31", [c.closedKey], deadline: "2025-03-03"),
                      Self.step(c.closedOn, [c.closedKey], "closed", seq: 1002)]
        let l = try Self.ledger(c.lines, asOf: "2025-04-10", events)
        #expect(l.entry(forKey: c.closedKey)?.status == .closed)
        let found = l.allEntries.filter { $0.key.hasPrefix(c.newKey) && $0.findingIndex != nil }
        #expect(found.count == 1, "\(l.allEntries.map(\.key))")
        #expect(found.first?.status == c.status)
    }

    // MARK: 3. Deadlines at the contract's end

    /// Three car spaces of one street let for 2024: A-1 at 1.00 a month, the others at 10.00 (LOW-02 for A-1 as
    /// of 2024-12-31, its contract running to `end`).
    static func letParts(end: String) -> [String] {
        let part = { (id: String) in
            #"{"id":"r\#(id)","type":"asset.registered","occurred_on":"2023-12-01","data":{"asset_id":"\#(id)","community_id":"C-T","kind":"parking","name":"车位","location":"L","area_m2":"10.00","registered_on":"2023-12-01","source":{"kind":"manual"}}}"#
        }
        let contract = { (id: String, asset: String, rent: Int, end: String) in
            #"{"id":"\#(id)","type":"contract.signed","occurred_on":"2023-12-01","data":{"contract_id":"\#(id)","community_id":"C-T","asset_ids":["\#(asset)"],"counterparty":"某公司","purpose":"停车","start_on":"2024-01-01","end_on":"\#(end)","rent_fen":\#(rent),"rent_period":"month","decision_id":"D-OK","payee_fund_id":"F-PI"}}"#
        }
        return [Mini.decision("D-OK", "2023-12-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240),
                part("A-2"), part("A-3"),
                contract("K1", "A-1", 100, end), contract("K2", "A-2", 1000, "2025-12-31"), contract("K3", "A-3", 1000, "2025-12-31")]
    }

    struct DeadlineCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        let policy: String
        let rule: RuleCode
        let issuedOn: String
        let deadline: String
        var testDescription: String { name }
    }

    static let deadlineCases: [DeadlineCase] = [
        // CON-04 (48 months, cap 36): to be put to the owners at expiry, so due on the contract's last day.
        DeadlineCase(name: "CON-04 at expiry", lines: [Mini.okDecision, Mini.contract("K9", start: "2025-01-01", end: "2028-12-31")],
                     asOf: "2025-06-30", policy: "{}", rule: .contractTermOverPolicy, issuedOn: "2025-07-05", deadline: "2028-12-31"),
        // A contract ending before the default (60 days): the default, not a day already near.
        DeadlineCase(name: "CON-04 default later", lines: [Mini.okDecision, Mini.contract("K9", start: "2025-01-01", end: "2025-07-31")],
                     asOf: "2025-06-30", policy: #"{"contract_term_max_months":1}"#, rule: .contractTermOverPolicy, issuedOn: "2025-07-05",
                     deadline: "2025-09-03"),
        // LOW-02: let anew at expiry, the end of the contract A-1 is let under on the check date.
        DeadlineCase(name: "LOW-02 at expiry", lines: letParts(end: "2026-12-31"), asOf: "2024-12-31", policy: "{}", rule: .lowIncome,
                     issuedOn: "2025-01-05", deadline: "2026-12-31"),
        DeadlineCase(name: "LOW-02 default later", lines: letParts(end: "2025-01-31"), asOf: "2024-12-31", policy: "{}", rule: .lowIncome,
                     issuedOn: "2025-01-05", deadline: "2025-04-05"),
        // Every other finding: the policy's days (CON-05's advice is to shorten the term now).
        DeadlineCase(name: "CON-05 by policy", lines: [Mini.okDecision, Mini.contract("K9", start: "2025-01-01", end: "2046-12-31")],
                     asOf: "2025-06-30", policy: "{}", rule: .contractTermOverLaw, issuedOn: "2025-07-05", deadline: "2025-08-04"),
        DeadlineCase(name: "IDLE-01 by policy", lines: [], asOf: "2025-06-30", policy: #"{"rectification_deadline_days":{"medium":10}}"#,
                     rule: .idle, issuedOn: "2025-07-05", deadline: "2025-07-15"),
    ]

    @Test(arguments: deadlineCases)
    func findingsThatWaitForTheContractsEndAreDueThen(_ c: DeadlineCase) throws {
        let policy = try Policy.parse(Array(c.policy.utf8), sourceName: "p.json")
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule, policy: policy).filter { $0.itemID != "A-2" && $0.itemID != "A-3" }
        let f = try #require(found.first, "\(c.rule.code) not found")
        #expect(found.count == 1)
        #expect(RectificationDefaults.deadline(f, policy: policy, issuedOn: Self.date(c.issuedOn)) == Self.date(c.deadline))
    }

    /// LOW-02 states the contract's last day (JSON `contract_last_day`), so that a list read from the stored findings
    /// gives the same deadline; none when no contract is in force on the check date.
    @Test func lowIncomeStatesTheContractsLastDay() throws {
        let f = try #require(try Mini.findings(Self.letParts(end: "2026-12-31"), asOf: "2024-12-31", rule: .lowIncome).first)
        let fact = try #require(f.facts.first { $0.key == .incomePerArea })
        #expect(fact["contract_last_day"] == .date(Self.date("2026-12-31")))
    }
}
