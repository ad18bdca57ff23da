import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Finding keys and the loop's statuses (issue 14), on the `Mini` ledger with loop events built by hand.
@Suite struct RectificationLoopTests {
    static let occupation = Mini.event("O1", "occupation.reported", "2025-01-10",
                                       #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}"#)
    static let cleared = Mini.event("O1c", "occupation.cleared", "2025-03-05", #"{"occupation_id":"O1"}"#)
    static let spending = Mini.spending("S1", "2025-01-05", fund: "F-MF", fen: 100)
    static let occKey = "OCC-01/A-1/O1/2025-01-10"
    static let fundKey = "FUND-01/F-MF/S1/2025-01-05"

    static func rectification(_ lines: [String], asOf: String) throws -> Rectification {
        let records = try SampleRecords.records(lines: Mini.base + lines)
        return Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: asOf)!), policy: Policy())
    }

    static func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    static func event(_ date: String, _ payload: LoopEvent.Payload, seq: Int64) -> LoopEvent {
        LoopEvent(date: Self.date(date), evidence: Evidence(seq: seq, eventID: "loop-\(seq)"), payload: payload)
    }

    static let issued = event("2025-02-01", .issued(RectificationIssued(
        listID: "L1", communityID: "C-T", asOf: date("2025-01-31"), atSeq: 9, reportSHA256: String(repeating: "0", count: 64),
        reportFormat: "html", reportLanguage: "zh", preparedOn: date("2025-02-01"),
        items: [IssuedItem(key: occKey, responsible: "某人", deadline: date("2025-03-03")),
                IssuedItem(key: fundKey, responsible: "业主委员会", deadline: date("2025-04-02"))])), seq: 1001)

    static func reported(_ date: String, _ keys: [String], seq: Int64) -> LoopEvent {
        event(date, .reported(RectificationReported(listID: "L1", keys: keys, reportedBy: "物业服务企业", measures: "已清理",
                                                    evidence: [RectificationEvidence(kind: .photo, ref: "a.jpg", sha256: String(repeating: "a", count: 64))])), seq: seq)
    }

    static func verified(_ date: String, _ keys: [String], _ result: RectificationVerified.Result, seq: Int64) -> LoopEvent {
        event(date, .verified(RectificationVerified(listID: "L1", keys: keys, result: result,
                                                    reason: result == .rejected ? "现场仍有堆物" : nil, verifiedBy: "街道")), seq: seq)
    }

    static func ledger(_ lines: [String], asOf: String, _ events: [LoopEvent], statuses: [LoopStatus] = [],
                       overdue: Bool = false) throws -> RectificationLedger {
        RectificationLedger(rectification: try rectification(lines, asOf: asOf), loop: RectificationLoop(events: events),
                            statuses: statuses, overdueOnly: overdue)
    }

    static func status(_ l: RectificationLedger, _ key: String) -> LoopStatus? { l.allEntries.first { $0.key == key }?.status }

    @Test func keysNameRuleItemSubjectAndStart() throws {
        let r = try Self.rectification([Self.occupation, Self.spending], asOf: "2025-02-01")
        let keys = Set(r.findings.map(\.key))
        #expect(keys.contains(Self.occKey))
        #expect(keys.contains(Self.fundKey))
        // The same problem keeps its key at a later check date.
        let later = try Self.rectification([Self.occupation, Self.spending], asOf: "2025-06-30")
        #expect(Set(later.findings.map(\.key)).isSuperset(of: [Self.occKey, Self.fundKey]))
    }

    @Test func runningStatesHaveNoDateInTheirKey() {
        #expect(FindingKey.make(rule: .rentArrears, itemID: "K-1", subjectIDs: [], since: Self.date("2025-01-01")) == "CON-07/K-1")
        #expect(FindingKey.make(rule: .idle, itemID: "A-1", subjectIDs: [], since: Self.date("2025-01-01")) == "IDLE-01/A-1")
        #expect(FindingKey.rule(of: "CON-07/K-1") == .rentArrears)
        #expect(FindingKey.subject(of: "FUND-01/F-MF/S1/2025-01-05") == "F-MF/S1")
        #expect(FindingKey.subject(of: "CON-07/K/1") == "K/1")
        #expect(FindingKey.since(of: "FUND-01/F-MF/S1/2025-01-05") == Self.date("2025-01-05"))
        #expect(FindingKey.since(of: "FUND-01/F-MF/S1/2025-01-05#2") == Self.date("2025-01-05"))
        #expect(FindingKey.since(of: "CON-07/K-1") == nil)
    }

    static func inspection(_ id: String, _ date: String, _ observed: String) -> String {
        Mini.event(id, "inspection.recorded", date, #"{"asset_id":"A-1","observed":"\#(observed)","inspector":"街道 王强"}"#)
    }

    /// The office's follow-up inspection that sees the part still in use (OCC-02) or still occupied (OCC-03)
    /// finds the same problem: its key stays the one issued, from the first inspection of the unbroken run, so
    /// the issued key neither drops to 待复核 nor comes back as a 新发现 under a new key.
    @Test(arguments: [("in_use", RuleCode.useWithoutAuthority), ("occupied", RuleCode.inspectionFoundOccupied)])
    func aFollowUpInspectionSeeingTheSameKeepsTheKey(_ observed: String, _ rule: RuleCode) throws {
        let first = Self.inspection("I1", "2025-01-10", observed)
        let before = try Self.rectification([first], asOf: "2025-01-31").findings.filter { $0.rule == rule }
        #expect(before.count == 1)
        let key = try #require(before.first?.key)
        let again = Self.inspection("I2", "2025-02-20", observed)
        let after = try Self.rectification([first, again], asOf: "2025-03-31").findings.filter { $0.rule == rule }
        #expect(after.map(\.key) == [key])
        #expect(after.first?.since == Self.date("2025-01-10"))
        // The latest inspection is still what the facts describe.
        #expect(after.first?.evidence.map(\.eventID).contains("I2") == true)
        // An inspection that saw the part idle in between ends the run: what is seen after it is a new problem.
        let idle = Self.inspection("I1b", "2025-02-01", "idle")
        let broken = try Self.rectification([first, idle, again], asOf: "2025-03-31").findings.filter { $0.rule == rule }
        #expect(broken.count == 1 && broken.first?.key != key && broken.first?.since == Self.date("2025-02-20"))
    }

    @Test func keysAreDistinctWithinAList() throws {
        // Two occupations of one part reported the same day are told apart by their ids.
        let second = Mini.event("O2", "occupation.reported", "2025-01-10",
                                #"{"occupation_id":"O2","asset_id":"A-1","occupant":"某人","description":"堆物"}"#)
        let r = try Self.rectification([Self.occupation, second], asOf: "2025-02-01")
        let keys = r.findings.map(\.key)
        #expect(Set(keys).count == keys.count)
    }

    @Test func newIssuedOverdueByDeadline() throws {
        let lines = [Self.occupation, Self.spending]
        let none = try Self.ledger(lines, asOf: "2025-02-15", [])
        #expect(Self.status(none, Self.occKey) == .new)
        let within = try Self.ledger(lines, asOf: "2025-03-03", [Self.issued])
        #expect(Self.status(within, Self.occKey) == .issued)   // the deadline day itself is within
        let past = try Self.ledger(lines, asOf: "2025-03-04", [Self.issued])
        #expect(Self.status(past, Self.occKey) == .overdue)
        #expect(Self.status(past, Self.fundKey) == .issued)
        #expect(past.entries.first { $0.key == Self.occKey }?.overdue == true)
        let extended = Self.event("2025-03-01", .extended(RectificationExtended(listID: "L1", keys: [Self.occKey],
                                                                                 deadline: Self.date("2025-03-31"), reason: "春节")), seq: 1002)
        let moved = try Self.ledger(lines, asOf: "2025-03-04", [Self.issued, extended])
        #expect(Self.status(moved, Self.occKey) == .issued)
    }

    @Test func reportedRejectedClosed() throws {
        let lines = [Self.occupation, Self.spending]
        let r1 = Self.reported("2025-02-20", [Self.occKey], seq: 1002)
        #expect(Self.status(try Self.ledger(lines, asOf: "2025-03-10", [Self.issued, r1]), Self.occKey) == .reported)
        let no = Self.verified("2025-02-25", [Self.occKey], .rejected, seq: 1003)
        let rejected = try Self.ledger(lines, asOf: "2025-03-10", [Self.issued, r1, no])
        #expect(Self.status(rejected, Self.occKey) == .rejected)
        #expect(rejected.entries.first { $0.key == Self.occKey }?.overdue == true)
        let r2 = Self.reported("2025-03-06", [Self.occKey], seq: 1004)
        let yes = Self.verified("2025-03-08", [Self.occKey], .closed, seq: 1005)
        let closed = try Self.ledger(lines + [Self.cleared], asOf: "2025-03-10", [Self.issued, r1, no, r2, yes])
        #expect(Self.status(closed, Self.occKey) == .closed)
        #expect(closed.allEntries.first { $0.key == Self.occKey }?.findingIndex == nil)
        #expect(closed.total.closed == 1 && closed.total.issued == 2)
        #expect(closed.total.completion == Ratio(1, 2))
    }

    /// Steps are read in the order they happened (date, then record), as the fold reads them: a report the
    /// community made before the office's re-check but typed in after it does not make the re-check unsaid.
    @Test func theLastStepIsTheLatestByDateNotTheLastRecorded() throws {
        let lines = [Self.occupation, Self.spending]
        let no = Self.verified("2025-02-25", [Self.occKey], .rejected, seq: 1002)
        let earlierReport = Self.reported("2025-02-20", [Self.occKey], seq: 1003)
        let l = try Self.ledger(lines, asOf: "2025-03-10", [Self.issued, no, earlierReport])
        #expect(Self.status(l, Self.occKey) == .rejected)
        let closed = Self.verified("2025-02-25", [Self.occKey], .closed, seq: 1002)
        let c = try Self.ledger(lines + [Self.cleared], asOf: "2025-03-10", [Self.issued, closed, earlierReport])
        #expect(Self.status(c, Self.occKey) == .closed)
        #expect(c.allEntries.first { $0.key == Self.occKey }?.tracked?.closedOn == Self.date("2025-02-25"))
        // On one day the record order decides: a report recorded after the re-check is the last step.
        let sameDay = Self.reported("2025-02-25", [Self.occKey], seq: 1003)
        #expect(Self.status(try Self.ledger(lines, asOf: "2025-03-10", [Self.issued, no, sameDay]), Self.occKey) == .reported)
    }

    /// A corrected step keeps its place (the original record's position, as the projection folds it): fixing the
    /// wording of a re-check does not move it after a report recorded later the same day.
    @Test func aCorrectedStepKeepsItsPlaceInTheRound() throws {
        let issued = Mini.event("L1", "rectification.issued", "2025-02-01", #"{"list_id":"L1","community_id":"C-T","as_of":"2025-01-31","at_seq":8,"report_sha256":"\#(String(repeating: "0", count: 64))","report_format":"html","report_lang":"zh","prepared_on":"2025-02-01","items":[{"key":"\#(Self.occKey)","responsible":"某人","deadline":"2025-03-03"}]}"#)
        let rejected = Mini.event("V1", "rectification.verified", "2025-02-20", #"{"list_id":"L1","keys":["\#(Self.occKey)"],"result":"rejected","reason":"现场仍有堆物","verified_by":"街道"}"#)
        let report = Mini.event("R1", "rectification.reported", "2025-02-20", #"{"list_id":"L1","keys":["\#(Self.occKey)"],"reported_by":"物业","measures":"已再次清理","evidence":[{"kind":"voucher","ref":"V"}]}"#)
        let fixed = Mini.event("C1", "correction", "2025-02-21", #"{"corrects":"V1","reason":"措辞","replacement":{"type":"rectification.verified","occurred_on":"2025-02-20","data":{"list_id":"L1","keys":["\#(Self.occKey)"],"result":"rejected","reason":"现场仍堆放杂物","verified_by":"街道"}}}"#)
        let records = try SampleRecords.records(lines: Mini.base + [Self.occupation, issued, rejected, report, fixed])
        let projection = Projection(records: records, asOf: Self.date("2025-03-01"))
        let rectification = Rectifier.check(projection, scope: RectificationScope(asOf: Self.date("2025-03-01")), policy: Policy())
        let l = RectificationLedger(rectification: rectification, loop: RectificationLoop(projection: projection))
        #expect(Self.status(l, Self.occKey) == .reported)
        #expect(l.allEntries.first { $0.key == Self.occKey }?.tracked?.verifications.first?.reason == "现场仍堆放杂物")
    }

    @Test func causeGoneButNeverVerifiedIsToVerify() throws {
        let l = try Self.ledger([Self.occupation, Self.spending, Self.cleared], asOf: "2025-03-10", [Self.issued])
        let entry = l.allEntries.first { $0.key == Self.occKey }
        #expect(entry?.status == .toVerify)
        #expect(entry?.findingIndex == nil)
        #expect(l.vanished.map(\.key) == [Self.occKey])
    }

    @Test func closedButFoundAgainIsRecurring() throws {
        let yes = Self.verified("2025-02-20", [Self.occKey], .closed, seq: 1002)
        // Closed while the ledger still shows the occupation open: the same key, found again — and never gone, so
        // 销号时问题仍在, not 反弹 (review 39b).
        let same = try Self.ledger([Self.occupation, Self.spending], asOf: "2025-03-10", [Self.issued, yes])
        #expect(Self.status(same, Self.occKey) == .closedWhilePresent)
        // Cleared, closed, then occupied again: a new key on the same rule and part.
        let again = Mini.event("O3", "occupation.reported", "2025-04-01",
                               #"{"occupation_id":"O3","asset_id":"A-1","occupant":"某人","description":"又堆物"}"#)
        let l = try Self.ledger([Self.occupation, Self.spending, Self.cleared, again], asOf: "2025-04-10", [Self.issued, yes])
        #expect(Self.status(l, "OCC-01/A-1/O3/2025-04-01") == .recurring)
        #expect(Self.status(l, Self.occKey) == .closed)
    }

    @Test func filtersKeepStatusesAndOverdue() throws {
        let lines = [Self.occupation, Self.spending]
        let l = try Self.ledger(lines, asOf: "2025-03-10", [Self.issued], statuses: [.overdue])
        #expect(l.entries.map(\.key) == [Self.occKey])
        let o = try Self.ledger(lines, asOf: "2025-03-10", [Self.issued], overdue: true)
        #expect(o.entries.map(\.key) == [Self.occKey])
        // The summary counts everything, whatever the filters.
        #expect(o.total.count(.issued) == 1 && o.total.count(.overdue) == 1)
        #expect(LoopStatus(code: "逾期") == .overdue && LoopStatus(code: "to_verify") == .toVerify && LoopStatus(code: "x") == nil)
    }

    @Test func aKeyIssuedAgainStartsANewRound() throws {
        let yes = Self.verified("2025-02-20", [Self.occKey], .rejected, seq: 1002)
        let again = Self.event("2025-03-01", .issued(RectificationIssued(
            listID: "L2", communityID: "C-T", asOf: Self.date("2025-02-28"), atSeq: 12, reportSHA256: String(repeating: "1", count: 64),
            reportFormat: "html", reportLanguage: "zh", preparedOn: Self.date("2025-03-01"),
            items: [IssuedItem(key: Self.occKey, responsible: "某人", deadline: Self.date("2025-03-31"))])), seq: 1003)
        let l = try Self.ledger([Self.occupation, Self.spending], asOf: "2025-03-10", [Self.issued, yes, again])
        #expect(Self.status(l, Self.occKey) == .issued)
        #expect(l.allEntries.first { $0.key == Self.occKey }?.tracked?.listID == "L2")
    }

    @Test func deadlinesBySeverityComeFromThePolicy() throws {
        let p = try Policy.parse(Array(#"{"rectification_deadline_days":{"high":15}}"#.utf8), sourceName: "p.json")
        #expect(p.deadline(for: .high, issuedOn: Self.date("2025-01-31")) == Self.date("2025-02-15"))
        #expect(p.deadline(for: .medium, issuedOn: Self.date("2025-01-31")) == Self.date("2025-04-01"))
        #expect(Policy().deadline(for: .low, issuedOn: Self.date("2024-12-31")) == Self.date("2025-03-31"))
        #expect(throws: PolicyError.self) { try Policy.parse(Array(#"{"rectification_deadline_days":{"urgent":1}}"#.utf8), sourceName: "p.json") }
        #expect(throws: PolicyError.self) { try Policy.parse(Array(#"{"rectification_deadline_days":{"high":0}}"#.utf8), sourceName: "p.json") }
    }
}

/// A second reading of issue 13's rules by a street office and a lawyer: each case failed before its fix.
@Suite struct RectificationLoopReadingTests {
    static func check(_ lines: [String], asOf: String) throws -> [Finding] {
        let records = try SampleRecords.records(lines: Mini.base + lines)
        return Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: asOf)!), policy: Policy()).findings
    }

    /// The maintenance fund pays only for repairs of common parts ([CC] 281(1); [PMR] 53(2) "不得挪作他用"): a
    /// vote to use it does not make moving its money into the public-income account lawful, and the advice is to
    /// move it back, not to ratify.
    @Test func maintenanceMoneyMovedOutUnderAUseDecisionIsADiversion() throws {
        let use = Mini.decision("D-U", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240)
        let found = try Self.check([use, Mini.event("T1", "fund.transfer", "2025-01-05",
                                                    #"{"from_fund_id":"F-MF","to_fund_id":"F-PI","amount_fen":100,"voucher":"T1","decision_id":"D-U"}"#)],
                                   asOf: "2025-02-01")
        let diverted = found.filter { $0.rule == .transferWithoutDecision && $0.itemID == "F-MF" }
        #expect(diverted.count == 1, "\(found.map(\.rule.code))")
        #expect(diverted.first?.facts.map(\.key) == [.transfer, .maintenanceDiverted])
        #expect(diverted.first?.action == .returnToMaintenanceFund)
    }

    @Test func maintenanceMoneyMovedOutWithoutADecisionIsNotOfferedForRatification() throws {
        let found = try Self.check([Mini.event("T1", "fund.transfer", "2025-01-05",
                                               #"{"from_fund_id":"F-MF","to_fund_id":"F-PI","amount_fen":100,"voucher":"T1"}"#)],
                                   asOf: "2025-02-01")
        let diverted = found.filter { $0.rule == .transferWithoutDecision && $0.itemID == "F-MF" }
        #expect(diverted.count == 1)
        #expect(diverted.first?.action == .returnToMaintenanceFund)
        #expect(diverted.first.map { !$0.action.zh.contains("追认") } == true)
    }

    /// Between two maintenance funds of one community nothing leaves the fund's purpose: the vote rules apply.
    @Test func maintenanceToMaintenanceIsMeasuredByItsDecision() throws {
        let mf2 = Mini.event("b9", "fund.opened", "2024-01-01", #"{"fund_id":"F-MF2","community_id":"C-T","kind":"maintenance","account":"MF2"}"#)
        let use = Mini.decision("D-U", "2024-11-01", "maintenance_fund_use", "2400.00", 240, "2400.00", 240)
        let found = try Self.check([mf2, use, Mini.event("T1", "fund.transfer", "2025-01-05",
                                                         #"{"from_fund_id":"F-MF","to_fund_id":"F-MF2","amount_fen":100,"voucher":"T1","decision_id":"D-U"}"#)],
                                   asOf: "2025-02-01")
        #expect(found.filter { $0.rule == .transferWithoutDecision }.isEmpty)
    }

    /// Business words in a purpose that says the opposite (不收费, 免费, 非经营) do not make a use business.
    @Test(arguments: ["公益活动，不收费", "免费停放", "非经营性活动", "老年活动（不经营）"])
    func negatedBusinessWordsAreNotBusiness(_ purpose: String) throws {
        let majority = Mini.decision("D-M", "2024-11-01", "other_major", "2000.00", 200, "1200.00", 120)
        let found = try Self.check([majority, Fid.use("U1", "2025-01-01", user: "业主老年协会", purpose: purpose,
                                                      authority: #"{"decision_id":"D-M"}"#)], asOf: "2025-02-01")
        #expect(found.filter { $0.rule == .useWithoutAuthority }.isEmpty, "\(purpose)")
    }

    /// …while the same words next to real business still count.
    @Test func businessBesideANegatedWordIsStillBusiness() throws {
        let majority = Mini.decision("D-M", "2024-11-01", "other_major", "2000.00", 200, "1200.00", 120)
        let found = try Self.check([majority, Fid.use("U1", "2025-01-01", user: "业主老年协会", purpose: "免费入场，场内销售商品",
                                                      authority: #"{"decision_id":"D-M"}"#)], asOf: "2025-02-01")
        #expect(found.filter { $0.rule == .useWithoutAuthority }.count == 1)
    }

    /// A transfer under a decision whose validity had ended is beyond its authority, as a spending is (FUND-04).
    @Test func transferAfterTheDecisionExpiredIsBeyondItsAuthority() throws {
        let vote = Mini.decision("D-V", "2024-11-01", "other_major", "2400.00", 240, "2400.00", 240).replacingValidUntil("2024-12-31")
        let transfer = Mini.event("T1", "fund.transfer", "2025-01-05",
                                  #"{"from_fund_id":"F-PI","to_fund_id":"F-GV","amount_fen":100,"voucher":"T1","decision_id":"D-V"}"#)
        let income = Fid.income("I1", "2024-12-01", fund: "F-PI", fen: 1000)
        let found = try Self.check([vote, income, transfer], asOf: "2025-02-01")
        let beyond = found.filter { $0.rule == .spendingBeyondAuthority && $0.itemID == "F-PI" }
        #expect(beyond.count == 1, "\(found.map(\.rule.code))")
        #expect(beyond.first?.facts.map(\.key) == [.transfer, .decisionExpired])
        // On the last valid day it stands.
        let onTime = try Self.check([vote, income, transfer.replacing("2025-01-05", with: "2024-12-31")], asOf: "2025-02-01")
        #expect(onTime.filter { $0.rule == .spendingBeyondAuthority }.isEmpty)
    }
}
