import LedgerEvents
import LedgerProjections
@testable import LedgerReports
@testable import LedgerRules
import Testing

/// How the reports word what the review of session 35 found worded wrong: CON-07's part-period rent ("共1期（12个月）"
/// for 122 days), a decision taken after the check date ("未记入账本" though the ledger holds it), and CON-04 on a
/// contract terminated within the cap.
@Suite struct ReviewThirtyFiveWordingTests {
    static func date(_ s: String) -> FactValue { .date(CalendarDate(iso: s)!) }

    struct Sentence: Sendable, CustomTestStringConvertible {
        let name: String
        let fact: FindingFact
        let zh: String
        let en: String
        var testDescription: String { name }
    }

    static func arrears(fen: Int64, periods: Int64, months: Int64, days: Int64?) -> FindingFact {
        let oldest = date("2026-04-01"), due = FactValue.amount(Amount(fen: fen)), zero = FactValue.amount(.zero)
        guard let days else {
            return FindingFact(.rentArrears, ["due": due, "received": zero, "arrears": due, "periods": .integer(periods),
                                              "months": .integer(months), "oldest_due_on": oldest])
        }
        return FindingFact(.rentArrears, ["due": due, "received": zero, "arrears": due, "periods": .integer(periods),
                                          "months": .integer(months), "days": .integer(days), "oldest_due_on": oldest])
    }

    static let sentences: [Sentence] = [
        Sentence(name: "a part period in days", fact: arrears(fen: 401_095, periods: 1, months: 0, days: 122),
                 zh: "应收租金4,010.95元，实收0.00元，欠缴4,010.95元，共1期（122天），最早一期应于2026-04-01缴纳",
                 en: "rent due ¥4,010.95, received ¥0.00, arrears ¥4,010.95, 1 period (122 days), oldest due 2026-04-01"),
        Sentence(name: "whole periods and a part period", fact: arrears(fen: 1_601_095, periods: 2, months: 12, days: 122),
                 zh: "应收租金16,010.95元，实收0.00元，欠缴16,010.95元，共2期（12个月零122天），最早一期应于2026-04-01缴纳",
                 en: "rent due ¥16,010.95, received ¥0.00, arrears ¥16,010.95, 2 periods (12 months and 122 days), oldest due 2026-04-01"),
        Sentence(name: "whole periods as before", fact: arrears(fen: 4_500_000, periods: 3, months: 9, days: nil),
                 zh: "应收租金45,000.00元，实收0.00元，欠缴45,000.00元，共3期（9个月），最早一期应于2026-04-01缴纳",
                 en: "rent due ¥45,000.00, received ¥0.00, arrears ¥45,000.00, 3 periods (9 months), oldest due 2026-04-01"),
        Sentence(name: "a decision not yet taken", fact: FindingFact(.decisionNotYetTaken, ["decision_id": .text("D-LY-06"),
                                                                                            "decided_on": date("2026-05-10")]),
                 zh: "所依据的业主共同决定D-LY-06截至检查日尚未作出（2026-05-10作出）",
                 en: "the owners' decision it cites, D-LY-06, had not yet been taken on the check date (it was taken on 2026-05-10)"),
        Sentence(name: "a decision the ledger does not hold", fact: FindingFact(.decisionUnknown, ["decision_id": .text("D-NONE")]),
                 zh: "所依据的业主共同决定D-NONE截至检查日未记入账本",
                 en: "the owners' decision it cites, D-NONE, is not in the ledger as of the check date"),
        Sentence(name: "a contract terminated within the cap",
                 fact: FindingFact(.contractTermActual, ["start_on": date("2025-01-01"), "end_on": date("2026-10-01"), "cap_months": .integer(36)]),
                 zh: "合同已于2026-10-01终止，实际履行1年9个月零1天（上限3年）",
                 en: "the contract was terminated on 2026-10-01, after 1 year, 9 months and 1 day (cap 3 years)"),
    ]

    @Test(arguments: sentences)
    func sentence(_ c: Sentence) {
        for (language, expected) in [(ReportLanguage.zh, c.zh), (.en, c.en)] {
            let text = FactText.render(c.fact, language)
            #expect(text == expected)
            var bytes = ReportBytes()
            FactText.append([c.fact], language, names: PersonalNames(), to: &bytes)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == text, "byte path")
        }
    }

    /// The advice for an ended contract is worded in both languages and never says to end it or to vote at expiry.
    @Test(arguments: [Action.ratifyEndedContract, .contractEndedWithinCap, .contractEndedPastCap])
    func adviceOnAnEndedContract(_ action: Action) {
        #expect(!action.zh.contains("解除合同") && !action.zh.contains("到期后重新提请"))
        #expect(!action.en.isEmpty && !action.en.contains("end it"))
    }
}
