import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// How the reports word what review 44a found: CON-01 on a contract a decision names but which cites none (#6),
/// and the heading's count of findings needing no action above a finding whose fix the office's re-check failed
/// (#10: "1项，其中1项无需再整改" over 复核未通过（…已逾期）).
@Suite struct ReviewFortyFourWordingTests {
    @Test(arguments: [
        (ReportLanguage.zh, "合同未载明所依据的业主共同决定，但业主于2026年2月10日作出的决定D-JC-01载明同意该合同"),
        (.en, "the contract cites no owners' decision, but decision D-JC-01, taken on 2026-02-10, names it as the contract it approves"),
    ])
    func aDecisionNamingTheContract(_ language: ReportLanguage, _ expected: String) {
        let fact = FindingFact(.decisionNotCited, ["decision_id": .text("D-JC-01"), "decided_on": .date(CalendarDate(iso: "2026-02-10")!)])
        #expect(FactText.render(fact, language) == expected)
        var bytes = ReportBytes()
        FactText.append([fact], language, names: PersonalNames(), to: &bytes)
        #expect(String(decoding: bytes.bytes, as: UTF8.self) == expected, "byte path")
    }

    /// The advice is the correction, not the vote the owners already held.
    @Test func theAdviceIsTheCorrection() {
        #expect(Action.citeDecision.zh.contains("更正") && Action.citeDecision.zh.contains("decision_id"))
        #expect(!Action.citeDecision.zh.hasPrefix("提请业主大会"))
        #expect(Action.citeDecision.en.contains("correction") && Action.citeDecision.en.contains("decision_id"))
    }

    /// CON-01 on K-1 (no decision), issued; a decision dated 2025-03-01 ratifies it through a correction, and the
    /// office's re-check on 2025-03-10 fails it: 复核未通过 past the deadline, which the heading does not count as
    /// needing no action, in the whole list and in the `--overdue` list alike.
    @Test(arguments: [false, true])
    func aFailedReCheckStillCallsForAction(_ overdueOnly: Bool) throws {
        let key = "CON-01/K-1/2024-12-01"
        let lines = WordingTests.base + [
            #"{"id":"D-R","type":"decision.recorded","occurred_on":"2025-03-01","data":{"decision_id":"D-R","community_id":"C-T","matter":"change_use_or_operate","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{"asset_ids":["A-1"]}}}"#,
            #"{"id":"X1","type":"correction","occurred_on":"2025-03-02","data":{"corrects":"b6","reason":"补记决定","replacement":{"type":"contract.signed","occurred_on":"2024-12-01","data":{"contract_id":"K-1","community_id":"C-T","asset_ids":["A-1"],"counterparty":"某公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":120000,"rent_period":"month","decision_id":"D-R","payee_fund_id":"F-PI"}}}}"#,
        ]
        let issued = LoopEvent(date: CalendarDate(iso: "2025-01-05")!, evidence: Evidence(seq: 900, eventID: "loop-900"),
                               payload: .issued(RectificationIssued(
                                listID: "L1", communityID: "C-T", asOf: CalendarDate(iso: "2025-01-04")!, atSeq: 8,
                                reportSHA256: String(repeating: "0", count: 64), reportFormat: "html", reportLanguage: "zh",
                                preparedOn: CalendarDate(iso: "2025-01-05")!,
                                items: [IssuedItem(key: key, responsible: "业主委员会", deadline: CalendarDate(iso: "2025-02-04")!)])))
        let rejected = LoopEvent(date: CalendarDate(iso: "2025-03-10")!, evidence: Evidence(seq: 901, eventID: "loop-901"),
                                 payload: .verified(RectificationVerified(listID: "L1", keys: [key], result: .rejected,
                                                                          reason: "追认决定未公示", verifiedBy: "街道")))
        let records = try SampleRecords.records(lines: lines)
        let all = Rectifier.check(records: records, scope: RectificationScope(asOf: CalendarDate(iso: "2025-04-10")!), policy: Policy())
        let ledger = RectificationLedger(rectification: all, loop: RectificationLoop(events: [issued, rejected]), overdueOnly: overdueOnly)
        let kept = Set(ledger.entries.map(\.key))
        let rectification = overdueOnly ? all.keeping { kept.contains($0.key) } : all
        let finding = try #require(rectification.findings.first { $0.key == key })
        #expect(!finding.isOpen, "ratified afterwards")
        let entry = try #require(ledger.entry(forKey: key))
        #expect(entry.status == .rejected && entry.overdue)
        let report = RectificationReport(stamp: LedgerStamp(recordCount: 8, headHash: String(repeating: "a", count: 64), checkpoint: nil),
                                         rectification: rectification, language: .zh, ledger: ledger)
        let notOpen = rectification.findings.filter { !$0.isOpen }.count
        #expect(report.resolvedCount == notOpen - 1)
        if overdueOnly {
            #expect(rectification.findings.map(\.key) == [key])
            let heading = try #require(report.stampLines.first { $0.0 == "发现问题" })
            #expect(heading.1 == "1项", "not 1项，其中1项无需再整改")
        }
    }
}
