import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import LedgerTestSupport
import Testing

/// Review 37: a closed key found again (反弹) says it was closed and needs a new notice, not the closed round's
/// deadline ("反弹（整改时限2025-12-07）" read as months overdue); a record's counterparty is named by its side
/// (付款方, 收款方, 承租方) and a fen field shows its fen beside the yuan.
@Suite struct ReviewThirtySevenWordingTests {
    /// CON-07/K-2 (LedgerBookReadabilityTests' ledger) issued on 2025-04-01, closed by a re-check on 2025-04-20, and
    /// found again on 2025-04-25: the rent is still unpaid (it came in on 2025-05-01).
    static func book(_ language: ReportLanguage) throws -> RectificationLedgerReport {
        let closed = LoopEvent(date: CalendarDate(iso: "2025-04-20")!, evidence: Evidence(seq: 901, eventID: "loop-901"),
                               payload: .verified(RectificationVerified(listID: "L1", keys: [LedgerBookReadabilityTests.rentKey],
                                                                        result: .closed, reason: nil, verifiedBy: "街道")))
        return try LedgerBookReadabilityTests.book(language, asOf: "2025-04-25",
                                                   loop: [LedgerBookReadabilityTests.issued(deadline: "2025-04-15"), closed])
    }

    // (Session 40) The rent was in arrears on the day of the closure: 销号时问题仍在, worded as a recurrence is.
    @Test(arguments: [(ReportLanguage.zh, "销号时问题仍在（已于2025年4月20日销号，需重新交办）", "原整改时限：2025年4月15日", "整改时限2025年4月15日"),
                      (.en, "closed while still present (closed on 2025-04-20; to be issued again)", "Former deadline: 2025-04-15", "deadline 2025-04-15")])
    func aRecurringKeyNeedsANewNotice(_ language: ReportLanguage, _ status: String, _ deadline: String, _ stale: String) throws {
        let book = try Self.book(language)
        let entry = try #require(book.ledger.allEntries.first { $0.key == LedgerBookReadabilityTests.rentKey })
        #expect(entry.status == .closedWhilePresent && entry.findingIndex != nil)
        #expect(book.loopStatus(entry) == status)
        #expect(book.list.loopStatus(try #require(book.finding(entry))) == status)
        let html = book.html()
        #expect(html.contains(deadline))
        for text in [book.table(), html, book.list.table(), book.list.html()] {
            #expect(!text.contains(stale), "the closed round's deadline as if it ran")
        }
    }

    /// CON-01/K-2 cites D-LATE, taken after the signing: the rule names the act, and the fact says 合同签订日.
    @Test func aContractRatifiedAfterSigningNamesTheSigning() throws {
        let book = try Self.book(.zh)
        let finding = try #require(book.ledger.rectification.findings.first { $0.key == LedgerBookReadabilityTests.ratifiedKey })
        let fact = try #require(finding.facts.first { $0.key == .decisionAfterAct })
        #expect(FactText.render(fact, .zh) == "所依据的决定D-LATE于2025年2月1日才作出，晚于合同签订日（2024年12月1日），只能视为事后追认")
        #expect(FactText.render(fact, .en) == "decision D-LATE it cites was taken only on 2025-02-01, after the contract was signed on 2024-12-01; it can at most ratify it")
    }

    @Test func aRecordNamesItsCounterpartyBySideAndShowsFen() {
        let data: [String: JSONValue] = ["fund_id": .string("F1"), "amount_fen": .integer(60_000), "counterparty": .string("某公司"),
                                         "voucher": .string("V1")]
        let cases: [(type: String, zh: String, en: String)] = [
            ("fund.income", "收入：资金账户(fund_id) F1，金额(amount_fen) 60000分（600.00元），付款方(counterparty) 某公司，凭证(voucher) V1",
             "income: fund_id F1, amount_fen 60000 (¥600.00), counterparty 某公司, voucher V1"),
            ("fund.spending", "支出：资金账户(fund_id) F1，金额(amount_fen) 60000分（600.00元），收款方(counterparty) 某公司，凭证(voucher) V1",
             "spending: fund_id F1, amount_fen 60000 (¥600.00), counterparty 某公司, voucher V1"),
        ]
        for c in cases {
            #expect(RecordText.describe(type: c.type, data: data, .zh) == c.zh)
            #expect(RecordText.describe(type: c.type, data: data, .en) == c.en)
        }
        let contract: [String: JSONValue] = ["contract_id": .string("K1"), "counterparty": .string("某公司"), "rent_fen": .integer(150_000)]
        #expect(RecordText.describe(type: "contract.signed", data: contract, .zh)
                == "合同签订：合同(contract_id) K1，承租方(counterparty) 某公司，租金(rent_fen) 150000分（1,500.00元）")
        // A correction's replacement names its own record's side.
        let correction: [String: JSONValue] = ["corrects": .string("e1"), "replacement": .object([
            "type": .string("fund.spending"), "occurred_on": .string("2025-01-01"), "data": .object(data)])]
        #expect(RecordText.describe(type: "correction", data: correction, .zh).contains("收款方(counterparty) 某公司"))
    }
}
