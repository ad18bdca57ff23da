import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Session 42's rectification defects, on the `Mini` ledger:
/// 1. (review 41b #3) a correction re-keyed every finding about the record it corrects (the key carried the
///    correction's event id), so the 事后追认 path — a correction adding the ratifying `decision_id` — left the issued
///    key 待复核 and the same problem 新发现: findings about a movement or an inspection are now keyed by the original
///    record's id (`FundMovement.recordID`);
/// 2. (review 41d #5) a fix dated before a failed re-check but recorded after it left 复核未通过: the office could not
///    have seen it, so it reads 待复核;
/// 3. (review 41d #6) the community's routine roll-in of public income into the maintenance fund was counted as the
///    return of a FUND-10 diversion into the public-income fund: only a transfer moving back the diversion's amount is;
/// 5. (rules41) public income sent to another community's fund never ended after it was sent back.
@Suite struct ReviewFortyTwoRuleTests {
    static func transfer(_ id: String, _ date: String, from: String, to: String, fen: Int, decision: String? = nil) -> String {
        let cited = decision.map { #","decision_id":"\#($0)""# } ?? ""
        return Mini.event(id, "fund.transfer", date,
                          #"{"from_fund_id":"\#(from)","to_fund_id":"\#(to)","amount_fen":\#(fen),"voucher":"V-\#(id)"\#(cited)}"#)
    }

    static func correction(_ id: String, _ date: String, corrects: String, type: String, on: String, data: String) -> String {
        Mini.event(id, "correction", date,
                   #"{"corrects":"\#(corrects)","reason":"补录","replacement":{"type":"\#(type)","occurred_on":"\#(on)","data":\#(data)}}"#)
    }

    static func spendingData(fund: String = "F-MF", fen: Int, category: String = "repair", decision: String? = nil,
                             voucher: String = "S1") -> String {
        var data = #"{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某公司","voucher":"\#(voucher)","purpose":"维修","purpose_category":"\#(category)""#
        if let decision { data += #","decision_id":"\#(decision)""# }
        return data + "}"
    }

    /// A vote on using the maintenance fund that passes, taken after the spending it ratifies.
    static let ratifying = Mini.decision("D-LATE", "2025-02-20", "maintenance_fund_use", "2400.00", 240, "2400.00", 240)

    // MARK: 1. A correction keeps the keys of the findings about the record it corrects

    struct KeyCase: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: RuleCode
        let lines: [String]
        let correction: String
        let key: String
        /// How the finding stands after the correction (nil: still open).
        let resolution: Resolution.Kind?
        var testDescription: String { name }
    }

    static let keyCases: [KeyCase] = [
        // The README's 事后追认 path: the owners ratify the spending after the fact; the correction cites their vote.
        KeyCase(name: "FUND-01 spending ratified by a correction adding decision_id", rule: .spendingWithoutDecision,
                lines: [ratifying, Mini.spending("S1", "2025-01-05", fen: 50_000)],
                correction: correction("X1", "2025-03-01", corrects: "S1", type: "fund.spending", on: "2025-01-05",
                                       data: spendingData(fen: 50_000, decision: "D-LATE")),
                key: "FUND-01/F-MF/S1/2025-01-05", resolution: .ratified),
        KeyCase(name: "FUND-05 spending whose amount is corrected", rule: .maintenanceProhibitedPurpose,
                lines: [ratifying, Mini.spending("S1", "2025-01-05", fen: 50_000, decision: "D-LATE", category: "caused_damage")],
                correction: correction("X1", "2025-03-01", corrects: "S1", type: "fund.spending", on: "2025-01-05",
                                       data: spendingData(fen: 40_000, category: "caused_damage", decision: "D-LATE")),
                key: "FUND-05/F-MF/S1/2025-01-05", resolution: nil),
        KeyCase(name: "FUND-10 diversion whose voucher is corrected", rule: .transferWithoutDecision,
                lines: [transfer("T1", "2025-01-05", from: "F-MF", to: "F-GV", fen: 100_000)],
                correction: correction("X1", "2025-03-01", corrects: "T1", type: "fund.transfer", on: "2025-01-05",
                                       data: #"{"from_fund_id":"F-MF","to_fund_id":"F-GV","amount_fen":100000,"voucher":"V-T1-改"}"#),
                key: "FUND-10/F-MF/T1/2025-01-05", resolution: nil),
        KeyCase(name: "FUND-09 rent into the governance fund, its amount corrected", rule: .incomeNotInOwnFund,
                lines: [Mini.okDecision, Mini.contract("K-R", start: "2025-01-01", end: "2025-12-31"),
                        Mini.event("I1", "fund.income", "2025-01-05", #"{"fund_id":"F-GV","amount_fen":100000,"counterparty":"某公司","voucher":"R1","category":"parking","source":{"contract_id":"K-R"}}"#)],
                correction: correction("X1", "2025-03-01", corrects: "I1", type: "fund.income", on: "2025-01-05",
                                       data: #"{"fund_id":"F-GV","amount_fen":90000,"counterparty":"某公司","voucher":"R1","category":"parking","source":{"contract_id":"K-R"}}"#),
                key: "FUND-09/K-R/I1/2025-01-05", resolution: nil),
        KeyCase(name: "OCC-02 found by an inspection whose note is corrected", rule: .useWithoutAuthority,
                lines: [Mini.event("N1", "inspection.recorded", "2025-01-05", #"{"asset_id":"A-1","observed":"in_use","inspector":"王"}"#)],
                correction: correction("X1", "2025-03-01", corrects: "N1", type: "inspection.recorded", on: "2025-01-05",
                                       data: #"{"asset_id":"A-1","observed":"in_use","inspector":"王","note":"停有一辆车"}"#),
                key: "OCC-02/A-1/N1/2025-01-05", resolution: nil),
    ]

    @Test(arguments: keyCases)
    func aCorrectionKeepsTheKey(_ c: KeyCase) throws {
        let before = try Mini.findings(c.lines, asOf: "2025-06-30", rule: c.rule)
        #expect(before.map(\.key).contains(c.key), "\(before.map(\.key))")
        let after = try Mini.findings(c.lines + [c.correction], asOf: "2025-06-30", rule: c.rule)
        let f = try #require(after.first { $0.key == c.key }, "\(after.map(\.key))")
        // No finding under the correction's id: the same problem, the same key.
        #expect(!after.contains { $0.key.contains("/X1/") }, "\(after.map(\.key))")
        #expect(f.resolution?.kind == c.resolution)
        // The correction is the record of the fact in effect, among the finding's records.
        #expect(f.evidence.contains { $0.eventID == "X1" }, "\(f.evidence)")
    }

    /// The loop of the 事后追认 path: the issued key finds the ratified spending (待复核, then 已销号 when the office
    /// closes it); nothing 新发现.
    @Test func aRatifyingCorrectionClosesTheIssuedKey() throws {
        let key = "FUND-01/F-MF/S1/2025-01-05"
        let lines = [Self.ratifying, Mini.spending("S1", "2025-01-05", fen: 50_000),
                     Self.correction("X1", "2025-03-01", corrects: "S1", type: "fund.spending", on: "2025-01-05",
                                data: Self.spendingData(fen: 50_000, decision: "D-LATE"))]
        let issued = ReviewThirtyNineLoopTests.issued([key], on: "2025-02-01")
        let l = try RectificationLoopTests.ledger(lines, asOf: "2025-03-31", [issued])
        #expect(l.allEntries.filter { $0.rule == .spendingWithoutDecision }.map { "\($0.key) \($0.status)" } == ["\(key) toVerify"])
        let closed = try RectificationLoopTests.ledger(lines, asOf: "2025-03-31",
                                                       [issued, RectificationLoopTests.verified("2025-03-10", [key], .closed, seq: 1003)])
        #expect(closed.allEntries.filter { $0.rule == .spendingWithoutDecision }.map { "\($0.key) \($0.status)" } == ["\(key) closed"])
    }

    // MARK: 2. A fix recorded after a failed re-check, whatever its date

    struct LateFixCase: Sendable, CustomTestStringConvertible {
        let name: String
        let rejectedOn: String
        /// The re-check's record: M2 (the fix, 2025-02-01) is record 9 of the log.
        let rejectedSeq: Int64
        let status: LoopStatus
        var testDescription: String { name }
    }

    static let lateFixCases: [LateFixCase] = [
        LateFixCase(name: "fix dated and recorded before the re-check: stands", rejectedOn: "2025-02-20", rejectedSeq: 1003, status: .rejected),
        LateFixCase(name: "fix on the re-check's day, recorded before it: stands", rejectedOn: "2025-02-01", rejectedSeq: 1003, status: .rejected),
        LateFixCase(name: "fix dated before the re-check, recorded after it: to re-check", rejectedOn: "2025-02-20", rejectedSeq: 8,
                    status: .toVerify),
        LateFixCase(name: "fix on the re-check's day, recorded after it: to re-check", rejectedOn: "2025-02-01", rejectedSeq: 8,
                    status: .toVerify),
        LateFixCase(name: "fix dated after the re-check: to re-check", rejectedOn: "2025-01-20", rejectedSeq: 1003, status: .toVerify),
    ]

    @Test(arguments: lateFixCases)
    func aFixRecordedAfterAFailedReCheckIsToReCheck(_ c: LateFixCase) throws {
        // F-PI overdrawn on 2025-01-05 (record 8), made good on 2025-02-01 (record 9).
        let lines = [ReviewThirtyNineLoopTests.spendDecision, ReviewThirtyNineLoopTests.move("M1", "2025-01-05", -500),
                     ReviewThirtyNineLoopTests.move("M2", "2025-02-01", 500)]
        let key = "FUND-06/F-PI"
        let events = [ReviewThirtyNineLoopTests.issued([key], on: "2025-01-10"),
                      RectificationLoopTests.verified(c.rejectedOn, [key], .rejected, seq: c.rejectedSeq)]
        let l = try RectificationLoopTests.ledger(lines, asOf: "2025-03-31", events)
        let f = try #require(l.rectification.findings.first { $0.key == key })
        #expect(f.resolution?.evidence.seq == 9)
        #expect(l.allEntries.first { $0.key == key }?.status == c.status)
    }

    /// The 事后追认 path again: the decision was in the ledger before the failed re-check, but the correction that
    /// cites it was recorded after: to re-check.
    @Test func aRatifyingCorrectionAfterAFailedReCheckIsToReCheck() throws {
        let key = "FUND-01/F-MF/S1/2025-01-05"
        // Records 7 (the vote), 8 (the spending), 9 (the correction).
        let lines = [Self.ratifying, Mini.spending("S1", "2025-01-05", fen: 50_000),
                     Self.correction("X1", "2025-03-01", corrects: "S1", type: "fund.spending", on: "2025-01-05",
                                data: Self.spendingData(fen: 50_000, decision: "D-LATE"))]
        for (seq, status) in [(Int64(8), LoopStatus.toVerify), (1003, .rejected)] {
            let events = [ReviewThirtyNineLoopTests.issued([key], on: "2025-02-01"),
                          RectificationLoopTests.verified("2025-03-05", [key], .rejected, seq: seq)]
            let l = try RectificationLoopTests.ledger(lines, asOf: "2025-03-31", events)
            #expect(l.allEntries.first { $0.key == key }?.status == status, "re-check record \(seq)")
        }
    }

    // MARK: 3. A roll-in of public income is no return of a diversion

    /// A transfer T1 and what came back of it (also used for section 5).
    struct RollInCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        /// The day T1 was recovered in full (nil: still open).
        let recoveredOn: String?
        /// The transfers back among its records.
        let records: [String]
        /// What is still out, in fen, when part came back.
        let outstanding: Int64?
        var testDescription: String { name }
    }

    /// 1,000 yuan of the maintenance fund moved into the public-income account on 2025-01-05.
    static let divertedToPI = ReviewFortyOneRuleTests.diverted

    static let rollInCases: [RollInCase] = [
        RollInCase(name: "a quarter's roll-in of another amount: not a return",
                   lines: [divertedToPI, transfer("Q1", "2025-03-31", from: "F-PI", to: "F-MF", fen: 30_000)],
                   recoveredOn: nil, records: [], outstanding: nil),
        RollInCase(name: "roll-ins adding up to the amount: not a return",
                   lines: [divertedToPI, transfer("Q1", "2025-03-31", from: "F-PI", to: "F-MF", fen: 30_000),
                           transfer("Q2", "2025-06-30", from: "F-PI", to: "F-MF", fen: 70_000)],
                   recoveredOn: nil, records: [], outstanding: nil),
        RollInCase(name: "a roll-in, then the diversion's amount moved back: that transfer returns it",
                   lines: [divertedToPI, transfer("Q1", "2025-03-31", from: "F-PI", to: "F-MF", fen: 30_000),
                           transfer("R1", "2025-04-10", from: "F-PI", to: "F-MF", fen: 100_000)],
                   recoveredOn: "2025-04-10", records: ["R1"], outstanding: nil),
        RollInCase(name: "the diversion's amount moved in before it: not a return",
                   lines: [transfer("R0", "2025-01-05", from: "F-PI", to: "F-MF", fen: 100_000), divertedToPI],
                   recoveredOn: nil, records: [], outstanding: nil),
        // From the governance fund nothing flows into the maintenance fund as a matter of course: any transfer back
        // is a return, in part too.
        RollInCase(name: "into the governance fund, part moved back",
                   lines: [transfer("T1", "2025-01-05", from: "F-MF", to: "F-GV", fen: 100_000),
                           transfer("R1", "2025-03-31", from: "F-GV", to: "F-MF", fen: 30_000)],
                   recoveredOn: nil, records: ["R1"], outstanding: 70_000),
        RollInCase(name: "into the governance fund, moved back in two parts",
                   lines: [transfer("T1", "2025-01-05", from: "F-MF", to: "F-GV", fen: 100_000),
                           transfer("R1", "2025-03-31", from: "F-GV", to: "F-MF", fen: 30_000),
                           transfer("R2", "2025-04-30", from: "F-GV", to: "F-MF", fen: 70_000)],
                   recoveredOn: "2025-04-30", records: ["R1", "R2"], outstanding: nil),
    ]

    @Test(arguments: rollInCases)
    func onlyTheDiversionsAmountMovedBackFromPublicIncomeReturnsIt(_ c: RollInCase) throws {
        let found = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .transferWithoutDecision)
        let f = try #require(found.first { $0.key.hasPrefix("FUND-10/F-MF/T1/") }, "\(found.map(\.key))")
        let full = f.facts.first { $0.key == .moneyMovedBack }, part = f.facts.first { $0.key == .moneyPartlyMovedBack }
        if let on = c.recoveredOn {
            #expect(f.resolution?.kind == .recovered && f.resolution?.on == CalendarDate(iso: on)!)
            #expect(full?["records"] == .texts(c.records) && f.action == .diversionReturned)
        } else {
            #expect(f.isOpen && f.action == .returnToMaintenanceFund && full == nil)
            #expect(part?["records"] == (c.outstanding == nil ? nil : .texts(c.records)))
            #expect(part?["outstanding"] == c.outstanding.map { .amount(Amount(fen: $0)) })
        }
        #expect(f.evidence.map(\.eventID) == ["T1"] + c.records)
        // A roll-in of public income into the community's own maintenance fund draws no finding of its own.
        #expect(!found.contains { $0.itemID == "F-PI" }, "\(found.map(\.key))")
    }

    // MARK: 5. Public income sent to another community's fund and sent back

    static let sent = transfer("T1", "2025-01-05", from: "F-PI", to: "F-O-PI", fen: 50_000)

    static let otherCommunityCases: [RollInCase] = [
        RollInCase(name: "nothing sent back", lines: [sent], recoveredOn: nil, records: [], outstanding: nil),
        RollInCase(name: "sent back in full", lines: [sent, transfer("R1", "2025-03-01", from: "F-O-PI", to: "F-PI", fen: 50_000)],
                           recoveredOn: "2025-03-01", records: ["R1"], outstanding: nil),
        RollInCase(name: "sent back in part", lines: [sent, transfer("R1", "2025-03-01", from: "F-O-PI", to: "F-PI", fen: 20_000)],
                           recoveredOn: nil, records: ["R1"], outstanding: 30_000),
        RollInCase(name: "sent back on the same day, recorded after", lines: [sent, transfer("R1", "2025-01-05", from: "F-O-PI", to: "F-PI", fen: 50_000)],
                           recoveredOn: "2025-01-05", records: ["R1"], outstanding: nil),
        RollInCase(name: "sent back into another fund of the community: nothing back",
                           lines: [sent, transfer("R1", "2025-03-01", from: "F-O-PI", to: "F-GV", fen: 50_000)],
                           recoveredOn: nil, records: [], outstanding: nil),
    ]

    @Test(arguments: otherCommunityCases)
    func publicIncomeSentToAnotherCommunityAndSentBackIsRecovered(_ c: RollInCase) throws {
        let found = try Mini.findings(ReviewThirtySixRuleTests.other + c.lines, asOf: "2025-06-30", rule: .transferWithoutDecision)
        let f = try #require(found.first { $0.key == "FUND-10/F-PI/T1/2025-01-05" }, "\(found.map(\.key))")
        #expect(f.facts.first?.key == .transferOtherCommunity)
        let full = f.facts.first { $0.key == .moneyMovedBack }, part = f.facts.first { $0.key == .moneyPartlyMovedBack }
        if let on = c.recoveredOn {
            #expect(f.resolution?.kind == .recovered && f.resolution?.on == CalendarDate(iso: on)!)
            #expect(f.action == .otherCommunityReturned && full?["records"] == .texts(c.records) && part == nil)
        } else {
            #expect(f.isOpen && f.action == .recoverFromOtherCommunity && full == nil)
            #expect(part?["outstanding"] == c.outstanding.map { .amount(Amount(fen: $0)) })
        }
        #expect(f.evidence.map(\.eventID) == ["T1"] + c.records)
        // The transfer that sends the money back is the return, not a transfer of the other community's to recover.
        let sentBack = c.lines.count > 1
        #expect(found.contains { $0.itemID == "F-O-PI" } == (sentBack && c.records.isEmpty), "\(found.map(\.key))")
    }

    /// Sent with a lawful decision of the community's owners, it draws no finding, and money sent back is no return
    /// of anything: the other community's transfer is its own, found as any.
    @Test func aLawfulTransferHasNoReturn() throws {
        let decided = Mini.decision("D-GIFT", "2024-12-01", "other_major", "2400.00", 240, "2400.00", 240)
        let lines = ReviewThirtySixRuleTests.other + [decided, Self.transfer("T1", "2025-01-05", from: "F-PI", to: "F-O-PI", fen: 50_000, decision: "D-GIFT"),
                                                      Self.transfer("R1", "2025-03-01", from: "F-O-PI", to: "F-PI", fen: 50_000)]
        let found = try Mini.findings(lines, asOf: "2025-06-30", rule: .transferWithoutDecision)
        #expect(found.map(\.key) == ["FUND-10/F-O-PI/R1/2025-03-01"], "\(found.map(\.key))")
    }
}
