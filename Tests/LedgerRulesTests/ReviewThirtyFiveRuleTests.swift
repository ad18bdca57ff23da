import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// One contract case of the session-35 review: a ledger (Mini's base plus `lines`), a check date, a rule, and the
/// findings that rule must give — each its key, its status (nil while open) and its advice.
struct ContractCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable, Equatable, CustomStringConvertible {
        let key: String
        let resolution: Resolution.Kind?
        let resolvedOn: String?
        let action: Action
        var description: String { "\(key) \(resolution?.rawValue ?? "open")\(resolvedOn.map { " " + $0 } ?? "") \(action.rawValue)" }
    }
    let name: String
    let lines: [String]
    let asOf: String
    let rule: RuleCode
    let expected: [Expected]
    var testDescription: String { "\(rule.code) \(name)" }
}

/// The readings the review of session 35 found wrong:
/// - CON-04/CON-05 read only the written term: a contract terminated within the cap stayed open (反弹 after its
///   closure); it is now marked ended on the termination day, and one that ran past the cap stays, with advice for
///   an ended contract (no vote "at expiry");
/// - CON-01/CON-02 advised ending a contract that had already ended;
/// - CON-07 counted rent for part of a period (use after the end that stopped within a period) as the whole period's
///   months;
/// - an act citing a decision the ledger records with a date after the check date was said to cite a decision not in
///   the ledger.
@Suite struct ReviewThirtyFiveRuleTests {
    static func terminated(_ contract: String, _ date: String) -> String {
        Mini.event("T-\(contract)", "contract.terminated", date, #"{"contract_id":"\#(contract)","reason":"协商解除"}"#)
    }
    static func use(_ id: String, _ date: String, contract: String? = nil, decision: String? = nil) -> String {
        let authority = contract.map { #"{"contract_id":"\#($0)"}"# } ?? decision.map { #"{"decision_id":"\#($0)"}"# } ?? "{}"
        return Mini.event(id, "use.started", date,
                          #"{"use_id":"\#(id)","asset_id":"A-1","user":"某某超市","purpose":"出租经营","authority":\#(authority)}"#)
    }
    static func income(_ id: String, _ date: String, fen: Int, contract: String) -> String {
        Mini.event(id, "fund.income", date,
                   #"{"fund_id":"F-PI","amount_fen":\#(fen),"counterparty":"某公司","voucher":"\#(id)","source":{"contract_id":"\#(contract)"},"category":"租金"}"#)
    }

    /// Five years from 2025-01-01 under a valid decision (the review's K5).
    static let fiveYears = Mini.contract("K-T", start: "2025-01-01", end: "2029-12-31")
    static let key04 = "CON-04/K-T/2024-12-01"
    static let key05 = "CON-05/K-T/2024-12-01"

    static let cases: [ContractCase] = {
        var c: [ContractCase] = []
        func add(_ name: String, _ rule: RuleCode, _ asOf: String, _ expected: [ContractCase.Expected], _ lines: [String]) {
            c.append(ContractCase(name: name, lines: lines, asOf: asOf, rule: rule, expected: expected))
        }
        func open(_ key: String, _ action: Action) -> ContractCase.Expected { .init(key: key, resolution: nil, resolvedOn: nil, action: action) }
        func ended(_ key: String, _ on: String, _ action: Action) -> ContractCase.Expected {
            .init(key: key, resolution: .ended, resolvedOn: on, action: action)
        }
        // (1) CON-04 against the term the contract actually ran.
        add("terminated within the cap: ended on the termination day", .contractTermOverPolicy, "2026-12-01",
            [ended(key04, "2026-10-01", .contractEndedWithinCap)], [Mini.okDecision, fiveYears, terminated("K-T", "2026-10-01")])
        add("before its termination the written term is still over the cap", .contractTermOverPolicy, "2026-09-30",
            [open(key04, .voteAgainAtExpiry)], [Mini.okDecision, fiveYears, terminated("K-T", "2026-10-01")])
        add("terminated on the last day of the cap: ran within it", .contractTermOverPolicy, "2028-06-01",
            [ended(key04, "2027-12-31", .contractEndedWithinCap)], [Mini.okDecision, fiveYears, terminated("K-T", "2027-12-31")])
        // (session 36) One that ran past the cap and has ended is ended too, on its first day out of force: the
        // wrong is in the past, and an open key could never be closed (反弹 on the next list).
        add("terminated a day after the cap: ran past it, ended on the termination day", .contractTermOverPolicy, "2028-06-01",
            [ended(key04, "2028-01-01", .contractEndedPastCap)], [Mini.okDecision, fiveYears, terminated("K-T", "2028-01-01")])
        add("terminated past the cap, on the check date: ended that day", .contractTermOverPolicy, "2028-06-01",
            [ended(key04, "2028-06-01", .contractEndedPastCap)], [Mini.okDecision, fiveYears, terminated("K-T", "2028-06-01")])
        add("still running past the cap", .contractTermOverPolicy, "2028-06-01", [open(key04, .voteAgainAtExpiry)],
            [Mini.okDecision, fiveYears])
        add("expired after running past the cap: ended the day after end_on", .contractTermOverPolicy, "2030-03-01",
            [ended(key04, "2030-01-01", .contractEndedPastCap)], [Mini.okDecision, fiveYears])
        add("on its last day past the cap: still in force, open", .contractTermOverPolicy, "2029-12-31",
            [open(key04, .voteAgainAtExpiry)], [Mini.okDecision, fiveYears])
        add("expired the day before the check date: ended on the check date", .contractTermOverPolicy, "2030-01-01",
            [ended(key04, "2030-01-01", .contractEndedPastCap)], [Mini.okDecision, fiveYears])
        add("terminated after its end_on: expired, ended the day after end_on", .contractTermOverPolicy, "2030-03-01",
            [ended(key04, "2030-01-01", .contractEndedPastCap)], [Mini.okDecision, fiveYears, terminated("K-T", "2030-02-01")])
        add("terminated before it began", .contractTermOverPolicy, "2025-06-01",
            [ended(key04, "2024-12-15", .contractEndedWithinCap)], [Mini.okDecision, fiveYears, terminated("K-T", "2024-12-15")])
        // CON-05 the same way; a contract that ended within 20 years but past the policy cap is CON-04's again.
        let thirty = Mini.contract("K-T", start: "2025-01-01", end: "2054-12-31")
        add("over 20 years, still running", .contractTermOverLaw, "2026-12-01", [open(key05, .shortenTerm)], [Mini.okDecision, thirty])
        add("over 20 years, terminated within 3 years", .contractTermOverLaw, "2026-12-01",
            [ended(key05, "2026-10-01", .contractEndedWithinCap)], [Mini.okDecision, thirty, terminated("K-T", "2026-10-01")])
        add("over 20 years, terminated within 3 years: no CON-04", .contractTermOverPolicy, "2026-12-01", [],
            [Mini.okDecision, thirty, terminated("K-T", "2026-10-01")])
        add("over 20 years, terminated after 5 years: CON-05 ended", .contractTermOverLaw, "2030-06-01",
            [ended(key05, "2030-01-01", .contractEndedWithinCap)], [Mini.okDecision, thirty, terminated("K-T", "2030-01-01")])
        add("over 20 years, terminated after 5 years: CON-04 ended past the cap", .contractTermOverPolicy, "2030-06-01",
            [ended(key04, "2030-01-01", .contractEndedPastCap)], [Mini.okDecision, thirty, terminated("K-T", "2030-01-01")])
        add("over 20 years, terminated after 25 years: CON-05 ended past 20 years", .contractTermOverLaw, "2050-06-01",
            [ended(key05, "2050-01-01", .contractEndedPastCap)], [Mini.okDecision, thirty, terminated("K-T", "2050-01-01")])
        add("over 20 years, expired: CON-05 ended the day after end_on", .contractTermOverLaw, "2055-03-01",
            [ended(key05, "2055-01-01", .contractEndedPastCap)], [Mini.okDecision, thirty])
        add("over 20 years, expired: no CON-04", .contractTermOverPolicy, "2055-03-01", [], [Mini.okDecision, thirty])
        add("over 20 years, still running: CON-05 only", .contractTermOverPolicy, "2030-06-01", [], [Mini.okDecision, thirty])

        // (2) CON-01/CON-02 on a contract that has ended.
        let noVote = Mini.contract("K-N", start: "2025-01-01", end: "2025-12-31", decision: nil)
        add("no decision, in force", .contractWithoutDecision, "2025-06-01", [open("CON-01/K-N/2024-12-01", .voteOnContract)], [noVote])
        add("no decision, expired", .contractWithoutDecision, "2026-03-01", [open("CON-01/K-N/2024-12-01", .ratifyEndedContract)],
            [noVote])
        add("no decision, on its last day", .contractWithoutDecision, "2025-12-31", [open("CON-01/K-N/2024-12-01", .voteOnContract)],
            [noVote])
        add("no decision, terminated", .contractWithoutDecision, "2025-07-01", [open("CON-01/K-N/2024-12-01", .ratifyEndedContract)],
            [noVote, terminated("K-N", "2025-06-01")])
        add("unknown decision, expired", .contractWithoutDecision, "2026-03-01", [open("CON-01/K-U/2024-12-01", .ratifyEndedContract)],
            [Mini.contract("K-U", start: "2025-01-01", end: "2025-12-31", decision: "D-NONE")])
        let lateVote = Mini.decision("D-LATE", "2025-03-01", "change_use_or_operate", "2400.00", 240, "2400.00", 240)
        add("ratified afterwards, ended since: still ratified", .contractWithoutDecision, "2026-03-01",
            [.init(key: "CON-01/K-R/2024-12-01", resolution: .ratified, resolvedOn: "2025-03-01", action: .contractRatified)],
            [lateVote, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31", decision: "D-LATE")])
        let failed = Mini.decision("D-F", "2024-11-01", "change_use_or_operate", "2000.00", 200, "1400.00", 140)
        add("failed vote, in force", .contractDecisionFailed, "2025-06-01", [open("CON-02/K-F/2024-12-01", .voteOnContract)],
            [failed, Mini.contract("K-F", start: "2025-01-01", end: "2025-12-31", decision: "D-F")])
        add("failed vote, expired", .contractDecisionFailed, "2026-03-01", [open("CON-02/K-F/2024-12-01", .ratifyEndedContract)],
            [failed, Mini.contract("K-F", start: "2025-01-01", end: "2025-12-31", decision: "D-F")])
        return c
    }()

    @Test(arguments: cases)
    func contractFindings(_ c: ContractCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule)
        let got = found.map {
            ContractCase.Expected(key: $0.key, resolution: $0.resolution?.kind, resolvedOn: $0.resolution.map { $0.on.description },
                                  action: $0.action)
        }
        #expect(got == c.expected, "\(c.rule.code) \(c.name)")
    }

    /// CON-04 on a contract terminated within the cap states how long it ran, and rests on the termination.
    @Test func aTerminatedContractSaysHowLongItRan() throws {
        let found = try Mini.findings([Mini.okDecision, Self.fiveYears, Self.terminated("K-T", "2026-10-01")], asOf: "2026-12-01",
                                      rule: .contractTermOverPolicy)
        let finding = try #require(found.first)
        #expect(finding.facts.map(\.key) == [.contractTerm, .contractTermActual])
        #expect(finding.facts.last?["end_on"] == .date(CalendarDate(iso: "2026-10-01")!))
        #expect(finding.facts.last?["cap_months"] == .integer(36))
        #expect(finding.evidence.map(\.eventID).contains("T-K-T"))
        #expect(!finding.isOpen)
    }

    /// The review's loop: CON-04 issued, then the contract terminated within the cap. The issued key awaits the
    /// office's re-check (待复核), and once closed stays closed (it came back as 反弹 before).
    @Test func anIssuedTermFindingClosesOnTermination() throws {
        let lines = [Mini.okDecision, Self.fiveYears, Self.terminated("K-T", "2026-10-01")]
        let issued = RectificationLoopTests.event("2025-02-01", .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: RectificationLoopTests.date("2025-01-31"), atSeq: 9,
            reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
            preparedOn: RectificationLoopTests.date("2025-02-01"),
            items: [IssuedItem(key: Self.key04, responsible: "业主委员会", deadline: RectificationLoopTests.date("2025-04-02"))])), seq: 1001)
        let waiting = try RectificationLoopTests.ledger(lines, asOf: "2026-12-01", [issued])
        #expect(RectificationLoopTests.status(waiting, Self.key04) == .toVerify)
        let closed = try RectificationLoopTests.ledger(lines, asOf: "2026-12-01", [
            issued, RectificationLoopTests.reported("2026-10-05", [Self.key04], seq: 1002),
            RectificationLoopTests.verified("2026-10-10", [Self.key04], .closed, seq: 1003)])
        #expect(RectificationLoopTests.status(closed, Self.key04) == .closed)
        // Still running past the cap, the same key is open: issued and past its deadline, it is overdue.
        let running = try RectificationLoopTests.ledger([Mini.okDecision, Self.fiveYears], asOf: "2026-12-01", [issued])
        #expect(RectificationLoopTests.status(running, Self.key04) == .overdue)
    }

    /// (session 36) A contract that ran past the cap and has ended states how long it ran and how it ended: the
    /// termination day (resting on the termination), or `end_on` for an expiry (resting on the contract alone).
    @Test(arguments: [
        (lines: [Mini.okDecision, fiveYears, terminated("K-T", "2028-01-01")], asOf: "2028-06-01", endOn: "2028-01-01",
         how: "terminated", endedOn: "2028-01-01", record: "T-K-T"),
        (lines: [Mini.okDecision, fiveYears], asOf: "2030-03-01", endOn: "2029-12-31", how: "expired", endedOn: "2030-01-01",
         record: "K-T"),
    ])
    func aContractEndedPastTheCapSaysHowLongItRan(_ c: (lines: [String], asOf: String, endOn: String, how: String, endedOn: String,
                                                       record: String)) throws {
        let finding = try #require(try Mini.findings(c.lines, asOf: c.asOf, rule: .contractTermOverPolicy).first)
        #expect(finding.facts.map(\.key) == [.contractTerm, .contractTermActualPastCap])
        let fact = try #require(finding.facts.last)
        #expect(fact["start_on"] == .date(CalendarDate(iso: "2025-01-01")!))
        #expect(fact["end_on"] == .date(CalendarDate(iso: c.endOn)!))
        #expect(fact["how"] == .text(c.how))
        #expect(fact["cap_months"] == .integer(36))
        #expect(finding.resolution?.on == CalendarDate(iso: c.endedOn)!)
        #expect(finding.resolution?.evidence.eventID == c.record)
        #expect(finding.evidence.map(\.eventID).contains("T-K-T") == (c.how == "terminated"))
    }

    /// (session 36) The review's loop for a contract that ran past the cap: issued while it ran, the key awaits the
    /// re-check once the contract is out of force (terminated or expired), and once closed stays closed (it came
    /// back as 反弹 before: the loop could never close it).
    @Test(arguments: [
        (lines: [Mini.okDecision, fiveYears, terminated("K-T", "2028-03-01")], asOf: "2028-06-01", closedOn: "2028-03-10"),
        (lines: [Mini.okDecision, fiveYears], asOf: "2030-03-01", closedOn: "2030-01-10"),
    ])
    func anIssuedTermFindingPastTheCapClosesOnceEnded(_ c: (lines: [String], asOf: String, closedOn: String)) throws {
        let issued = RectificationLoopTests.event("2028-01-15", .issued(RectificationIssued(
            listID: "L1", communityID: "C-T", asOf: RectificationLoopTests.date("2028-01-10"), atSeq: 9,
            reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
            preparedOn: RectificationLoopTests.date("2028-01-15"),
            items: [IssuedItem(key: Self.key04, responsible: "业主委员会", deadline: RectificationLoopTests.date("2028-03-15"))])), seq: 1001)
        let waiting = try RectificationLoopTests.ledger(c.lines, asOf: c.asOf, [issued])
        #expect(RectificationLoopTests.status(waiting, Self.key04) == .toVerify)
        #expect(waiting.entry(forKey: Self.key04)?.overdue == false)
        let closed = try RectificationLoopTests.ledger(c.lines, asOf: c.asOf, [
            issued, RectificationLoopTests.reported(c.closedOn, [Self.key04], seq: 1002),
            RectificationLoopTests.verified(c.closedOn, [Self.key04], .closed, seq: 1003)])
        #expect(RectificationLoopTests.status(closed, Self.key04) == .closed)
        // Still running past the cap on the same day: open, so past its deadline it is overdue.
        let running = try RectificationLoopTests.ledger([Mini.okDecision, Self.fiveYears], asOf: "2028-06-01", [issued])
        #expect(RectificationLoopTests.status(running, Self.key04) == .overdue)
    }

    // MARK: (3) CON-07's span

    /// Yearly rent 12,000.00 from 2025-04-01 to 2026-03-31, the first year paid; the use goes on after the end.
    static func afterEnd(paid: Bool = true, useEnds: String?) -> [String] {
        var lines = [Mini.okDecision, Mini.contract("K-Y", start: "2025-04-01", end: "2026-03-31", rentFen: 1_200_000, period: "year"),
                     use("U1", "2025-04-01", contract: "K-Y")]
        if paid { lines.append(income("P1", "2025-04-01", fen: 1_200_000, contract: "K-Y")) }
        if let useEnds { lines.append(Mini.event("E-U1", "use.ended", useEnds, #"{"use_id":"U1"}"#)) }
        return lines
    }

    struct SpanCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        let arrears: Int64
        let periods: Int64
        let months: Int64
        let days: Int64?
        var testDescription: String { name }
    }

    static let spanCases: [SpanCase] = [
        // 2026-04-01…2026-07-31 is 122 of the period's 365 days: 1,200,000 × 122 / 365 = 401,095 fen.
        SpanCase(name: "the review's part period: 122 days, not 12 months", lines: afterEnd(useEnds: "2026-07-31"), asOf: "2026-12-01",
                 arrears: 401_095, periods: 1, months: 0, days: 122),
        SpanCase(name: "an unpaid whole year and a part period", lines: afterEnd(paid: false, useEnds: "2026-07-31"), asOf: "2026-12-01",
                 arrears: 1_601_095, periods: 2, months: 12, days: 122),
        SpanCase(name: "use going on: the current period is due whole", lines: afterEnd(useEnds: nil), asOf: "2026-12-01",
                 arrears: 1_200_000, periods: 1, months: 12, days: nil),
        SpanCase(name: "an unpaid year within the term", lines: afterEnd(paid: false, useEnds: "2026-03-31"), asOf: "2026-03-31",
                 arrears: 1_200_000, periods: 1, months: 12, days: nil),
    ]

    @Test(arguments: spanCases)
    func rentArrearsSpan(_ c: SpanCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: .rentArrears)
        let fact = try #require(found.first?.facts.first)
        #expect(fact.key == .rentArrears)
        #expect(fact["arrears"] == .amount(Amount(fen: c.arrears)))
        #expect(fact["periods"] == .integer(c.periods))
        #expect(fact["months"] == .integer(c.months))
        #expect(fact.values.first { $0.name == "days" }?.value == c.days.map { .integer($0) })
    }

    // MARK: (4) a decision dated after the check date

    static let laterDecision = Mini.decision("D-LY-06", "2025-05-10", "change_use_or_operate", "2400.00", 240, "2400.00", 240)

    struct MissingCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let rule: RuleCode
        let asOf: String
        /// The fact the finding must state, with `decided_on` when it is `decision_not_yet_taken`.
        let fact: FactKey
        let decidedOn: String?
        var testDescription: String { "\(rule.code) \(name)" }
    }

    static let missingCases: [MissingCase] = {
        let contract = Mini.contract("K-L", start: "2025-03-01", end: "2025-12-31", decision: "D-LY-06", signed: "2025-02-20")
        let spending = Mini.spending("S-L", "2025-03-01", fund: "F-PI", fen: 100, decision: "D-LY-06")
        let used = use("U-L", "2025-03-01", decision: "D-LY-06")
        return [
            MissingCase(name: "a contract before its ratification", lines: [laterDecision, contract], rule: .contractWithoutDecision,
                        asOf: "2025-04-30", fact: .decisionNotYetTaken, decidedOn: "2025-05-10"),
            MissingCase(name: "a contract on the day of its ratification", lines: [laterDecision, contract], rule: .contractWithoutDecision,
                        asOf: "2025-05-10", fact: .decisionAfterAct, decidedOn: nil),
            MissingCase(name: "a contract citing a decision the ledger does not hold",
                        lines: [Mini.contract("K-L", start: "2025-03-01", end: "2025-12-31", decision: "D-NONE")],
                        rule: .contractWithoutDecision, asOf: "2025-04-30", fact: .decisionUnknown, decidedOn: nil),
            MissingCase(name: "a spending before its ratification", lines: [laterDecision, spending], rule: .spendingWithoutDecision,
                        asOf: "2025-04-30", fact: .decisionNotYetTaken, decidedOn: "2025-05-10"),
            MissingCase(name: "a use before its ratification", lines: [laterDecision, used], rule: .useWithoutAuthority,
                        asOf: "2025-04-30", fact: .decisionNotYetTaken, decidedOn: "2025-05-10"),
            MissingCase(name: "a decision voided since is unknown",
                        lines: [laterDecision, contract,
                                Mini.event("X1", "correction", "2025-06-01", #"{"corrects":"D-LY-06","reason":"录入错误"}"#)],
                        rule: .contractWithoutDecision, asOf: "2025-04-30", fact: .decisionUnknown, decidedOn: nil),
            MissingCase(name: "a decision corrected to a later date",
                        lines: [Mini.decision("D-LY-06", "2025-01-10", "change_use_or_operate", "2400.00", 240, "2400.00", 240), contract,
                                Mini.event("X2", "correction", "2025-06-01",
                                           #"{"corrects":"D-LY-06","reason":"表决日期更正","replacement":\#(laterDecision.replacing(#""id":"D-LY-06","#, with: ""))}"#)],
                        rule: .contractWithoutDecision, asOf: "2025-04-30", fact: .decisionNotYetTaken, decidedOn: "2025-05-10"),
        ]
    }()

    @Test(arguments: missingCases)
    func aDecisionNotYetTaken(_ c: MissingCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: c.rule)
        let fact = try #require(found.first?.facts.first { $0.key != .useStarted && $0.key != .businessUse && $0.key != .spending })
        #expect(fact.key == c.fact)
        if let decidedOn = c.decidedOn { #expect(fact["decided_on"] == .date(CalendarDate(iso: decidedOn)!)) }
        // Both ways of projecting a log give the same decisions after the check date.
        let records = try SampleRecords.records(lines: Mini.base + c.lines)
        let asOf = CalendarDate(iso: c.asOf)!
        let planned = Projection(records: records, asOf: asOf)
        let logged = Projection(log: EffectiveLog(records: records), asOf: asOf)
        #expect(planned.decisionsAfterAsOf == logged.decisionsAfterAsOf)
        #expect(planned.decisionsAfterAsOf["D-LY-06"] == c.decidedOn.flatMap { CalendarDate(iso: $0) })
    }
}
