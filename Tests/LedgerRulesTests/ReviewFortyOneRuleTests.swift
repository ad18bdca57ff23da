import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review 41b (a street office running the loop for a quarter), on the `Mini` ledger:
/// 1. FUND-10 on maintenance-fund money moved to another account never ended: money moved back in full now
///    recovers it (追回, [PMR] 60; [MF] 37), in part it says what is still out;
/// 2. CON-03 ignored that its contract had ended (expired or terminated): it is now ended on the contract's first
///    day out of force, as CON-04/CON-05;
/// 3. a failed re-check (复核未通过) read 待复核 whenever the data had been fixed, even when the re-check came after
///    the fix: it now stands when dated on or after the fix.
@Suite struct ReviewFortyOneRuleTests {
    // MARK: 1. FUND-10: the diverted money moved back

    static func transfer(_ id: String, _ date: String, from: String, to: String, fen: Int) -> String {
        Mini.event(id, "fund.transfer", date, #"{"from_fund_id":"\#(from)","to_fund_id":"\#(to)","amount_fen":\#(fen),"voucher":"V-\#(id)"}"#)
    }
    /// 1,000 yuan of the maintenance fund moved into the public-income account on 2025-01-05.
    static let diverted = transfer("T1", "2025-01-05", from: "F-MF", to: "F-PI", fen: 100_000)
    /// The same into the governance fund, from which nothing flows into the maintenance fund as a matter of course:
    /// any transfer back is a return, in part too (from public income only the diversion's amount is, review 41d #6).
    static let divertedToGV = transfer("T1", "2025-01-05", from: "F-MF", to: "F-GV", fen: 100_000)
    static let otherCommunity = ReviewThirtySixRuleTests.other

    struct ReturnCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let asOf: String
        /// The diversion the case looks at.
        let transfer: String
        /// The day it was recovered in full (nil: still open).
        let recoveredOn: String?
        /// What came back, in fen (0: nothing, and no fact about it).
        let back: Int64
        /// What is still out, in fen, when part came back.
        let outstanding: Int64?
        /// The transfers back among its records, in order.
        let records: [String]
        var testDescription: String { name }
    }

    static let returnCases: [ReturnCase] = [
        ReturnCase(name: "nothing moved back", lines: [diverted], asOf: "2025-06-30", transfer: "T1", recoveredOn: nil, back: 0,
                   outstanding: nil, records: []),
        ReturnCase(name: "the same amount moved back", lines: [diverted, transfer("R1", "2025-03-01", from: "F-PI", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: "2025-03-01", back: 100_000, outstanding: nil, records: ["R1"]),
        ReturnCase(name: "moved back on the day it went out",
                   lines: [diverted, transfer("R1", "2025-01-05", from: "F-PI", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: "2025-01-05", back: 100_000, outstanding: nil, records: ["R1"]),
        ReturnCase(name: "part moved back: what is still out",
                   lines: [divertedToGV, transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 40_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: nil, back: 40_000, outstanding: 60_000, records: ["R1"]),
        ReturnCase(name: "moved back in two parts: recovered by the second",
                   lines: [divertedToGV, transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 40_000),
                           transfer("R2", "2025-04-10", from: "F-GV", to: "F-MF", fen: 60_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: "2025-04-10", back: 100_000, outstanding: nil, records: ["R1", "R2"]),
        ReturnCase(name: "more moved back than went out: recovered, the rest is the fund's",
                   lines: [divertedToGV, transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 150_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: "2025-03-01", back: 100_000, outstanding: nil, records: ["R1"]),
        ReturnCase(name: "a transfer in before the diversion brings nothing back",
                   lines: [transfer("R0", "2025-01-02", from: "F-PI", to: "F-MF", fen: 100_000), diverted],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: nil, back: 0, outstanding: nil, records: []),
        ReturnCase(name: "a transfer in from another fund brings nothing back",
                   lines: [diverted, transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: nil, back: 0, outstanding: nil, records: []),
        ReturnCase(name: "moved back after the check date: not yet",
                   lines: [diverted, transfer("R1", "2025-07-01", from: "F-PI", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: nil, back: 0, outstanding: nil, records: []),
        ReturnCase(name: "two diversions, one return: the earlier one recovered first",
                   lines: [diverted, transfer("T2", "2025-02-01", from: "F-MF", to: "F-PI", fen: 50_000),
                           transfer("R1", "2025-03-01", from: "F-PI", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: "2025-03-01", back: 100_000, outstanding: nil, records: ["R1"]),
        ReturnCase(name: "two diversions, one return: the later one left out",
                   lines: [diverted, transfer("T2", "2025-02-01", from: "F-MF", to: "F-PI", fen: 50_000),
                           transfer("R1", "2025-03-01", from: "F-PI", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T2", recoveredOn: nil, back: 0, outstanding: nil, records: []),
        ReturnCase(name: "two diversions, returns of both: the later one from what is left",
                   lines: [divertedToGV, transfer("T2", "2025-02-01", from: "F-MF", to: "F-GV", fen: 50_000),
                           transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 120_000),
                           transfer("R2", "2025-03-05", from: "F-GV", to: "F-MF", fen: 30_000)],
                   asOf: "2025-06-30", transfer: "T2", recoveredOn: "2025-03-05", back: 50_000, outstanding: nil, records: ["R1", "R2"]),
        ReturnCase(name: "into another community's fund and moved back from it",
                   lines: otherCommunity + [transfer("T1", "2025-01-05", from: "F-MF", to: "F-O-PI", fen: 100_000),
                                            transfer("R1", "2025-03-01", from: "F-O-PI", to: "F-MF", fen: 100_000)],
                   asOf: "2025-06-30", transfer: "T1", recoveredOn: "2025-03-01", back: 100_000, outstanding: nil, records: ["R1"]),
    ]

    @Test(arguments: returnCases)
    func divertedMoneyMovedBackIsRecovered(_ c: ReturnCase) throws {
        let found = try Mini.findings(c.lines, asOf: c.asOf, rule: .transferWithoutDecision)
        let f = try #require(found.first { $0.itemID == "F-MF" && $0.key.contains("/\(c.transfer)/") }, "\(found.map(\.key))")
        #expect(f.facts.first?.key == (c.name.contains("another community") ? .transferOtherCommunity : .transfer))
        #expect(f.facts.dropFirst().first?.key == .maintenanceDiverted)
        let full = f.facts.first { $0.key == .moneyMovedBack }, part = f.facts.first { $0.key == .moneyPartlyMovedBack }
        #expect(f.facts.count == (c.back == 0 ? 2 : 3), "\(f.facts)")
        if let on = c.recoveredOn {
            #expect(f.resolution?.kind == .recovered && f.resolution?.on == CalendarDate(iso: on)!)
            #expect(f.resolution?.evidence.eventID == c.records.last)
            #expect(f.action == .diversionReturned)
            let fact = try #require(full, "\(f.facts)")
            #expect(fact["amount"] == .amount(Amount(fen: c.back)) && fact["recovered_on"] == .date(CalendarDate(iso: on)!))
            #expect(fact["records"] == .texts(c.records) && fact["vouchers"] == .texts(c.records.map { "V-" + $0 }))
            #expect(part == nil)
        } else {
            #expect(f.isOpen && f.action == .returnToMaintenanceFund && full == nil)
            if let outstanding = c.outstanding {
                let fact = try #require(part, "\(f.facts)")
                #expect(fact["recovered"] == .amount(Amount(fen: c.back)) && fact["outstanding"] == .amount(Amount(fen: outstanding)))
                #expect(fact["records"] == .texts(c.records))
            } else {
                #expect(part == nil)
            }
        }
        // The transfers back are among the finding's records, after the diversion.
        #expect(f.evidence.map(\.eventID) == [c.transfer] + c.records)
        // Its key is the diversion's, whatever came back: an issued key keeps finding it.
        #expect(f.key == "FUND-10/F-MF/\(c.transfer)/" + (c.transfer == "T1" ? "2025-01-05" : "2025-02-01"))
    }

    /// Review 41d: the transfer that moves diverted money back is the return the law asks for, not a transfer of
    /// its own to put to a vote (into the maintenance fund from the governance fund) or to recover (from another
    /// community's fund); a transfer into the maintenance fund that returns nothing keeps its finding.
    @Test func aReturnRaisesNoFindingOfItsOwn() throws {
        let cases: [(name: String, lines: [String], payer: String, flagged: Bool)] = [
            ("from the governance fund", [Self.transfer("T1", "2025-01-05", from: "F-MF", to: "F-GV", fen: 100_000),
                                          Self.transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 100_000)], "F-GV", false),
            ("from another community's fund", Self.otherCommunity + [Self.transfer("T1", "2025-01-05", from: "F-MF", to: "F-O-PI", fen: 100_000),
                                                                Self.transfer("R1", "2025-03-01", from: "F-O-PI", to: "F-MF", fen: 100_000)], "F-O-PI", false),
            ("from the governance fund, nothing diverted", [Self.transfer("R1", "2025-03-01", from: "F-GV", to: "F-MF", fen: 100_000)], "F-GV", true),
        ]
        for c in cases {
            let found = try Mini.findings(c.lines, asOf: "2025-06-30", rule: .transferWithoutDecision)
            #expect(found.contains { $0.itemID == c.payer && $0.key.contains("/R1/") } == c.flagged, "\(c.name): \(found.map(\.key))")
        }
    }

    // MARK: 2. CON-03 on a contract out of force

    static let terminated = Mini.event("KT", "contract.terminated", "2025-06-30", #"{"contract_id":"K-T","reason":"协商解除"}"#)

    struct PayeeCase: Sendable, CustomTestStringConvertible {
        let name: String
        /// The contract's payee fund (nil: none named).
        let payee: String?
        let terminated: Bool
        let asOf: String
        let fact: FactKey
        /// The contract's first day out of force, when it is out of force by the check date.
        let endedOn: String?
        /// Its last day, as the fact says it.
        let lastDay: String?
        var testDescription: String { name }
    }

    static let payeeCases: [PayeeCase] = [
        PayeeCase(name: "no payee, in force", payee: nil, terminated: false, asOf: "2025-06-30", fact: .payeeFundMissing,
                  endedOn: nil, lastDay: nil),
        PayeeCase(name: "no payee, on its last day", payee: nil, terminated: false, asOf: "2025-12-31", fact: .payeeFundMissing,
                  endedOn: nil, lastDay: nil),
        PayeeCase(name: "no payee, expired", payee: nil, terminated: false, asOf: "2026-01-01", fact: .payeeFundMissing,
                  endedOn: "2026-01-01", lastDay: "2025-12-31"),
        PayeeCase(name: "no payee, terminated", payee: nil, terminated: true, asOf: "2025-09-30", fact: .payeeFundMissing,
                  endedOn: "2025-06-30", lastDay: "2025-06-30"),
        PayeeCase(name: "no payee, terminated after the check date", payee: nil, terminated: true, asOf: "2025-06-29",
                  fact: .payeeFundMissing, endedOn: nil, lastDay: nil),
        PayeeCase(name: "payee the governance fund, terminated", payee: "F-GV", terminated: true, asOf: "2025-09-30",
                  fact: .payeeFundWrongKind, endedOn: "2025-06-30", lastDay: "2025-06-30"),
        PayeeCase(name: "payee unknown, expired", payee: "F-NONE", terminated: false, asOf: "2026-03-31", fact: .payeeFundUnknown,
                  endedOn: "2026-01-01", lastDay: "2025-12-31"),
    ]

    @Test(arguments: payeeCases)
    func aPayeeClauseOfAnEndedContractEnds(_ c: PayeeCase) throws {
        var lines = [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2025-12-31", payee: c.payee)]
        if c.terminated { lines.append(Self.terminated) }
        let found = try Mini.findings(lines, asOf: c.asOf, rule: .contractTermsMissing)
        #expect(found.count == 1, "\(found.map(\.key))")
        let f = try #require(found.first)
        // The key is the same in force and out of it: an issued key keeps finding it.
        #expect(f.key == "CON-03/K-T/2024-12-01")
        #expect(f.facts.first?.key == c.fact)
        guard let endedOn = c.endedOn, let lastDay = c.lastDay else {
            #expect(f.isOpen && f.action == .agreePayeeFund && f.facts.count == 1)
            return
        }
        #expect(f.resolution?.kind == .ended && f.resolution?.on == CalendarDate(iso: endedOn)!)
        #expect(f.action == .payeeUnsettledEndedContract)
        let ended = try #require(f.facts.dropFirst().first)
        #expect(ended.key == .contractEnded)
        #expect(ended["end_on"] == .date(CalendarDate(iso: lastDay)!))
        #expect(ended["how"] == .text(c.terminated ? "terminated" : "expired"))
        // A termination is the record of the end, among the finding's.
        #expect(f.evidence.contains { $0.eventID == "KT" } == c.terminated)
        #expect(f.resolution?.evidence.eventID == (c.terminated ? "KT" : "K-T"))
    }

    // MARK: 1–2 in the loop: an issued key awaits re-checking, and a closure stays closed

    struct LoopCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let key: String
        let asOf: String
        /// Closed on this day (nil: only issued).
        let closedOn: String?
        let status: LoopStatus
        var testDescription: String { name }
    }

    static let loopCases: [LoopCase] = {
        let back = transfer("R1", "2025-03-01", from: "F-PI", to: "F-MF", fen: 100_000)
        let fundKey = "FUND-10/F-MF/T1/2025-01-05"
        let noPayee = [Mini.okDecision, Mini.contract("K-T", start: "2025-01-01", end: "2025-12-31", payee: nil)]
        return [
            LoopCase(name: "FUND-10 issued, nothing moved back: overdue", lines: [diverted], key: fundKey, asOf: "2025-07-31",
                     closedOn: nil, status: .overdue),
            LoopCase(name: "FUND-10 issued, moved back: to re-check", lines: [diverted, back], key: fundKey, asOf: "2025-07-31",
                     closedOn: nil, status: .toVerify),
            LoopCase(name: "FUND-10 moved back, closed: closed", lines: [diverted, back], key: fundKey, asOf: "2025-07-31",
                     closedOn: "2025-03-10", status: .closed),
            LoopCase(name: "FUND-10 closed before it was moved back: closed", lines: [diverted, back], key: fundKey, asOf: "2025-07-31",
                     closedOn: "2025-02-10", status: .closed),
            LoopCase(name: "CON-03 issued, contract terminated: to re-check", lines: noPayee + [terminated], key: "CON-03/K-T/2024-12-01",
                     asOf: "2025-09-30", closedOn: nil, status: .toVerify),
            LoopCase(name: "CON-03 closed while in force, terminated since: closed", lines: noPayee + [terminated],
                     key: "CON-03/K-T/2024-12-01", asOf: "2025-09-30", closedOn: "2025-03-10", status: .closed),
            LoopCase(name: "CON-03 closed while in force, still in force: still there", lines: noPayee,
                     key: "CON-03/K-T/2024-12-01", asOf: "2025-09-30", closedOn: "2025-03-10", status: .closedWhilePresent),
        ]
    }()

    @Test(arguments: loopCases)
    func aReturnOrAnEndReadsInTheLoop(_ c: LoopCase) throws {
        var events = [ReviewThirtyNineLoopTests.issued([c.key], on: "2025-02-01")]
        if let closedOn = c.closedOn { events.append(RectificationLoopTests.verified(closedOn, [c.key], .closed, seq: 1003)) }
        let l = try RectificationLoopTests.ledger(c.lines, asOf: c.asOf, events)
        let entry = try #require(l.allEntries.first { $0.key == c.key }, "\(l.allEntries.map(\.key))")
        #expect(entry.status == c.status)
        #expect(entry.overdue == (c.status == .overdue))
    }

    // MARK: 3. A failed re-check dated after the fix stands

    struct RejectionCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let key: String
        let rejectedOn: String
        /// A report after the rejection (nil: none).
        let reportedOn: String?
        let asOf: String
        let status: LoopStatus
        /// Past the deadline (2025-06-30) and still owed: `--overdue` lists it.
        let overdue: Bool
        var testDescription: String { name }
    }

    static let rejectionCases: [RejectionCase] = {
        // F-PI overdrawn on 2025-01-05, made good on 2025-02-01 (FUND-06 ended that day).
        let overdrawn = ReviewThirtyNineLoopTests.move("M1", "2025-01-05", -500)
        let madeGood = ReviewThirtyNineLoopTests.move("M2", "2025-02-01", 500)
        let fund = [ReviewThirtyNineLoopTests.spendDecision, overdrawn, madeGood]
        let key = "FUND-06/F-PI"
        return [
            RejectionCase(name: "rejected after the fix: stands", lines: fund, key: key, rejectedOn: "2025-02-20", reportedOn: nil,
                          asOf: "2025-03-31", status: .rejected, overdue: false),
            RejectionCase(name: "rejected after the fix, past the deadline: overdue", lines: fund, key: key, rejectedOn: "2025-02-20",
                          reportedOn: nil, asOf: "2025-07-31", status: .rejected, overdue: true),
            RejectionCase(name: "rejected on the day of the fix: stands", lines: fund, key: key, rejectedOn: "2025-02-01",
                          reportedOn: nil, asOf: "2025-07-31", status: .rejected, overdue: true),
            RejectionCase(name: "rejected before the fix: to re-check", lines: fund, key: key, rejectedOn: "2025-01-20",
                          reportedOn: nil, asOf: "2025-07-31", status: .toVerify, overdue: false),
            RejectionCase(name: "rejected after the fix, reported again: reported", lines: fund, key: key, rejectedOn: "2025-02-20",
                          reportedOn: "2025-03-01", asOf: "2025-07-31", status: .reported, overdue: false),
            RejectionCase(name: "rejected, still overdrawn: stands", lines: [ReviewThirtyNineLoopTests.spendDecision, overdrawn], key: key,
                          rejectedOn: "2025-01-20", reportedOn: nil, asOf: "2025-07-31", status: .rejected, overdue: true),
            // A key no rule finds any more (its spending corrected away, say) has no day of its fix.
            RejectionCase(name: "rejected, no longer found: to re-check", lines: fund, key: "FUND-01/F-MF/S9/2025-01-05",
                          rejectedOn: "2025-02-20", reportedOn: nil, asOf: "2025-07-31", status: .toVerify, overdue: false),
        ]
    }()

    @Test(arguments: rejectionCases)
    func aFailedReCheckAfterTheFixStands(_ c: RejectionCase) throws {
        var events = [ReviewThirtyNineLoopTests.issued([c.key], on: "2025-01-10"),
                      RectificationLoopTests.verified(c.rejectedOn, [c.key], .rejected, seq: 1003)]
        if let reportedOn = c.reportedOn { events.append(RectificationLoopTests.reported(reportedOn, [c.key], seq: 1004)) }
        let l = try RectificationLoopTests.ledger(c.lines, asOf: c.asOf, events)
        let entry = try #require(l.allEntries.first { $0.key == c.key }, "\(l.allEntries.map(\.key))")
        #expect(entry.status == c.status)
        #expect(entry.overdue == c.overdue)
        let listed = try RectificationLoopTests.ledger(c.lines, asOf: c.asOf, events, overdue: true)
        #expect(listed.entries.contains { $0.key == c.key } == c.overdue)
    }
}
