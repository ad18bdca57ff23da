import LedgerEvents
import LedgerRules
import LedgerTestSupport
import Testing

/// A second reading of issue 13's rules by a street office and a lawyer: each case failed before its fix.
@Suite struct ReviewRectloopTests {
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
        let onTime = try Self.check([vote, income, transfer.replacingOccurrences2("2025-01-05", "2024-12-31")], asOf: "2025-02-01")
        #expect(onTime.filter { $0.rule == .spendingBeyondAuthority }.isEmpty)
    }
}

extension String {
    /// The string with every `old` replaced by `new` (no Foundation in these tests).
    func replacingOccurrences2(_ old: String, _ new: String) -> String { replacing(old, with: new) }
}
