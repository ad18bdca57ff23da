import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 43b (an owners' committee): the maintenance fund's bank reconciliation was never checked (FUND-11); FUND-08
/// presented its policy months as law; a decision's cap counted money it cannot authorise (FUND-04, `decisions`);
/// CON-02 said a vote failed when it passed but did not cover the contract's part or had lapsed at the signing. On the
/// `Mini` ledger of RuleBoundaryTests (F-MF holds ¥1,000,000.00 from 2024-01-01).
@Suite struct ReviewFortyThreeRuleTests {
    static func statement(_ id: String, _ date: String, fund: String = "F-MF", fen: Int) -> String {
        Mini.event(id, "fund.balance_asserted", date, #"{"fund_id":"\#(fund)","balance_fen":\#(fen),"statement_ref":"\#(id)"}"#)
    }

    static let secondFund = Mini.event("F2", "fund.opened", "2024-01-01", #"{"fund_id":"F-MF2","community_id":"C-T","kind":"maintenance","account":"MF2"}"#)

    struct ReconciliationCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        let fund: String
        /// The fact FUND-11 states and its `due_on`, or nil when nothing is found.
        let expected: (fact: String, due: String)?
        var testDescription: String { name }
    }

    static let reconciliationCases: [ReconciliationCase] = [
        ReconciliationCase(name: "never reconciled: due 12 months after the money came in", lines: [], asOf: "2025-01-02", fund: "F-MF",
                           expected: ("never_reconciled", "2025-01-01")),
        ReconciliationCase(name: "never reconciled, on the due day", lines: [], asOf: "2025-01-01", fund: "F-MF", expected: nil),
        ReconciliationCase(name: "a statement that matched", lines: [statement("BS-1", "2024-12-31", fen: 100_000_000)], asOf: "2025-12-31",
                           fund: "F-MF", expected: nil),
        ReconciliationCase(name: "a statement that matched, a year and a day on", lines: [statement("BS-1", "2024-12-31", fen: 100_000_000)],
                           asOf: "2026-01-01", fund: "F-MF", expected: ("reconciliation_overdue", "2025-12-31")),
        ReconciliationCase(name: "a statement that differs is a reconciliation too (FUND-07's difference)",
                           lines: [statement("BS-1", "2024-12-31", fen: 1)], asOf: "2025-06-30", fund: "F-MF", expected: nil),
        ReconciliationCase(name: "the latest of several statements counts",
                           lines: [statement("BS-2", "2024-09-30", fen: 100_000_000), statement("BS-1", "2024-03-31", fen: 100_000_000)],
                           asOf: "2025-09-30", fund: "F-MF", expected: nil),
        ReconciliationCase(name: "a statement dated after the check date does not count",
                           lines: [statement("BS-1", "2025-03-01", fen: 100_000_000)], asOf: "2025-02-01", fund: "F-MF",
                           expected: ("never_reconciled", "2025-01-01")),
        ReconciliationCase(name: "a maintenance fund that never held money", lines: [secondFund], asOf: "2026-06-30", fund: "F-MF2",
                           expected: nil),
        ReconciliationCase(name: "counted from the first money, not the opening",
                           lines: [secondFund, Fid.income("I2", "2025-03-10", fund: "F-MF2", fen: 500)], asOf: "2026-03-11",
                           fund: "F-MF2", expected: ("never_reconciled", "2026-03-10")),
        ReconciliationCase(name: "a statement showing nothing, no money since",
                           lines: [secondFund, Fid.income("I2", "2024-02-01", fund: "F-MF2", fen: 500),
                                   Mini.spending("S2", "2024-02-02", fund: "F-MF2", fen: 500),
                                   statement("BS-9", "2024-02-29", fund: "F-MF2", fen: 0)],
                           asOf: "2026-06-30", fund: "F-MF2", expected: nil),
        ReconciliationCase(name: "a statement showing nothing, money since: counted from the money",
                           lines: [secondFund, statement("BS-9", "2024-02-29", fund: "F-MF2", fen: 0),
                                   Fid.income("I2", "2024-03-01", fund: "F-MF2", fen: 500)],
                           asOf: "2025-03-02", fund: "F-MF2", expected: ("reconciliation_overdue", "2025-03-01")),
        ReconciliationCase(name: "a statement showing nothing, money since, on its due day",
                           lines: [secondFund, statement("BS-9", "2024-02-29", fund: "F-MF2", fen: 0),
                                   Fid.income("I2", "2024-03-01", fund: "F-MF2", fen: 500)],
                           asOf: "2025-03-01", fund: "F-MF2", expected: nil),
        // Review 43d #2: an account opened at zero, the first deposit a year later: not overdue a month after it.
        ReconciliationCase(name: "opened at zero, paid into a year later, a month on",
                           lines: [secondFund, statement("BS-0", "2024-01-01", fund: "F-MF2", fen: 0),
                                   Fid.income("I2", "2025-03-01", fund: "F-MF2", fen: 500)],
                           asOf: "2025-04-01", fund: "F-MF2", expected: nil),
        ReconciliationCase(name: "opened at zero, paid into a year later, a year and a day on",
                           lines: [secondFund, statement("BS-0", "2024-01-01", fund: "F-MF2", fen: 0),
                                   Fid.income("I2", "2025-03-01", fund: "F-MF2", fen: 500)],
                           asOf: "2026-03-02", fund: "F-MF2", expected: ("reconciliation_overdue", "2026-03-01")),
        ReconciliationCase(name: "public income is not checked (the law asks it of the maintenance fund)",
                           lines: [Fid.income("I3", "2024-01-05", fund: "F-PI", fen: 500)], asOf: "2026-06-30", fund: "F-PI", expected: nil),
    ]

    @Test(arguments: reconciliationCases) func reconciliation(_ c: ReconciliationCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: .reconciliationOverdue).filter { $0.itemID == c.fund }
        guard let expected = c.expected else {
            #expect(found.isEmpty, "\(found.map(\.key))")
            return
        }
        try #require(found.count == 1, "\(found.map(\.key))")
        let f = found[0]
        let due = CalendarDate(iso: expected.due)!
        #expect(f.facts.map(\.key.rawValue) == [expected.fact])
        #expect(f.facts[0]["due_on"] == .date(due))
        #expect(f.facts[0]["days"] == .integer(Int64(due.days(until: CalendarDate(iso: c.asOf)!))))
        #expect(f.since == due.adding(days: 1))
        #expect(f.key == "FUND-11/\(c.fund)/\(due.adding(days: 1))")
        // Law, not policy: the maintenance-fund measures only.
        #expect(f.basis.citations.count == 2 && f.basis.cites(.maintenanceFundMeasures, 30) && f.basis.cites(.maintenanceFundMeasures, 31))
        #expect(f.basis.policyNote == nil)
        #expect(f.severity == .medium && f.problemClass == .fund && f.action == .reconcileWithBank)
    }

    /// FUND-08's months are policy; the note says what the law asks of each kind ([MF] 30 yearly; 定期 otherwise).
    @Test(arguments: [("F-MF", "2024-07-02", LegalBasis.PolicyNote.yearlyInterval), ("F-PI", "2024-04-02", .interval),
                      ("F-GV", "2025-01-02", .interval)])
    func disclosureIntervalIsPolicy(_ fund: String, _ asOf: String, _ note: LegalBasis.PolicyNote) throws {
        let found = try Mini.findings([], asOf: asOf, rule: .disclosureOverdue).filter { $0.itemID == fund }
        try #require(found.count == 1)
        #expect(found[0].basis.policyNote == note)
        #expect(found[0].basis.zh.contains("公示间隔为本地政策设定"))
        #expect(found[0].basis.zh.contains("至少每年") == (note == .yearlyInterval))
    }

    struct CapCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        /// Money counted against D-CAP's ¥20,000.00 cap, in fen.
        let spent: Int64
        let flagged: Bool
        var testDescription: String { name }
    }

    static let piIncome = Fid.income("PI0", "2024-12-01", fund: "F-PI", fen: 10_000_000)

    static let capCases: [CapCase] = [
        CapCase(name: "public-income spending citing a maintenance-fund vote is not spent under it",
                lines: [piIncome, OverCapExemptTests.capped("maintenance_fund_use"),
                        Mini.spending("S1", "2025-01-10", fund: "F-MF", fen: 1_500_000, decision: "D-CAP"),
                        Mini.spending("S2", "2025-01-11", fund: "F-PI", fen: 1_000_000, decision: "D-CAP")],
                spent: 1_500_000, flagged: false),
        CapCase(name: "maintenance-fund spendings beyond the cap",
                lines: [OverCapExemptTests.capped("maintenance_fund_use"),
                        Mini.spending("S1", "2025-01-10", fund: "F-MF", fen: 1_500_000, decision: "D-CAP"),
                        Mini.spending("S2", "2025-01-11", fund: "F-MF", fen: 1_000_000, decision: "D-CAP")],
                spent: 2_500_000, flagged: true),
        CapCase(name: "maintenance money diverted to public income citing the vote is no spending under it",
                lines: [OverCapExemptTests.capped("maintenance_fund_use"),
                        Mini.spending("S1", "2025-01-10", fund: "F-MF", fen: 1_500_000, decision: "D-CAP"),
                        OverCapExemptTests.transfer("T1", from: "F-MF", to: "F-PI", fen: 1_000_000)],
                spent: 1_500_000, flagged: false),
        CapCase(name: "a vote on operating common parts spends public income, not the maintenance fund",
                lines: [piIncome, OverCapExemptTests.capped("change_use_or_operate"),
                        Mini.spending("S1", "2025-01-10", fund: "F-PI", fen: 1_500_000, decision: "D-CAP"),
                        Mini.spending("S2", "2025-01-11", fund: "F-MF", fen: 1_000_000, decision: "D-CAP")],
                spent: 1_500_000, flagged: false),
        CapCase(name: "public income moved to the governance fund under an operating vote counts",
                lines: [piIncome, OverCapExemptTests.capped("change_use_or_operate"),
                        OverCapExemptTests.transfer("T1", from: "F-PI", to: "F-GV", fen: 1_500_000),
                        Mini.spending("S1", "2025-01-11", fund: "F-PI", fen: 1_000_000, decision: "D-CAP")],
                spent: 2_500_000, flagged: true),
    ]

    /// FUND-04 and the `decisions` report count the same money against a cap: what the decision can authorise.
    @Test(arguments: capCases) func capCountsOnlyWhatTheDecisionCanAuthorise(_ c: CapCase) throws {
        let found = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .spendingBeyondAuthority).filter { $0.key.hasPrefix("FUND-04/D-CAP") }
        #expect(found.isEmpty != c.flagged, "\(found.map(\.key))")
        if let f = found.first { #expect(f.facts[0]["spent"] == .amount(Amount(fen: c.spent))) }
        let projection = Projection(records: try SampleRecords.records(lines: Mini.base + c.lines), asOf: CalendarDate(iso: "2025-06-30")!)
        #expect(projection.view(ofDecision: "D-CAP")?.spent == Amount(fen: c.spent))
        // The spending the decision cannot authorise is FUND-01's (wrong matter), or FUND-10's (a diversion).
        let other = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .spendingWithoutDecision)
            + Mini.findings(c.lines, asOf: "2025-06-30", rule: .transferWithoutDecision)
        #expect(other.isEmpty == c.flagged, "\(other.map(\.key))")
    }

    struct ContractCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        /// The facts of CON-01 and of CON-02 on K-1 (empty: no finding of that rule).
        let con01: [String]
        let con02: [String]
        var testDescription: String { name }
    }

    static func operating(_ date: String = "2024-11-01", approving: Int = 240, authorises: String = "{}") -> String {
        Mini.decision("D-OP", date, "change_use_or_operate", "2400.00", 240, "\(approving * 10).00", approving, authorises: authorises)
    }

    static let contractCases: [ContractCase] = [
        ContractCase(name: "passed, but lists another part: no decision covers A-1 (CON-01, not a failed vote)",
                     lines: [operating(authorises: #"{"asset_ids":["A-2"]}"#), Mini.contract("K-1", start: "2025-01-01", end: "2025-12-31", decision: "D-OP")],
                     con01: ["decision_not_for_asset"], con02: []),
        ContractCase(name: "passed, but lapsed before the signing",
                     lines: [operating().replacingValidUntil("2024-11-30"), Mini.contract("K-1", start: "2025-01-01", end: "2025-12-31", decision: "D-OP")],
                     con01: ["decision_expired_at_signing"], con02: []),
        ContractCase(name: "below 3/4 and lists another part: the vote is CON-02's, the part CON-01's",
                     lines: [operating(approving: 170, authorises: #"{"asset_ids":["A-2"]}"#),
                             Mini.contract("K-1", start: "2025-01-01", end: "2025-12-31", decision: "D-OP")],
                     con01: ["decision_not_for_asset"], con02: ["special_majority_missed"]),
        ContractCase(name: "taken after the signing and lists another part: one CON-01, not ratified",
                     lines: [operating("2024-12-15", authorises: #"{"asset_ids":["A-2"]}"#),
                             Mini.contract("K-1", start: "2025-01-01", end: "2025-12-31", decision: "D-OP")],
                     con01: ["decision_after_act", "decision_not_for_asset"], con02: []),
        ContractCase(name: "passed and covers the part", lines: [operating(authorises: #"{"asset_ids":["A-1"]}"#),
                                                                 Mini.contract("K-1", start: "2025-01-01", end: "2025-12-31", decision: "D-OP")],
                     con01: [], con02: []),
    ]

    @Test(arguments: contractCases) func contractCoverageIsNoFailedVote(_ c: ContractCase) throws {
        let con01 = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .contractWithoutDecision).filter { $0.itemID == "K-1" }
        let con02 = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .contractDecisionFailed).filter { $0.itemID == "K-1" }
        #expect(con01.flatMap { $0.facts.map(\.key.rawValue) } == c.con01)
        #expect(con02.flatMap { $0.facts.map(\.key.rawValue) } == c.con02)
        // No decision covers the part: the basis on operating common parts, and never ratified.
        for f in con01 {
            #expect(f.basis.cites(.civilCode, 278) && f.basis.cites(.propertyManagementRegulations, 54) && f.basis.cites(.qingdaoRegulations, 30))
            #expect(f.resolution == nil)
        }
    }
}
