@testable import LedgerImport
import Testing

/// `StatementMemo` (review 43a m6): a bank's several memo columns (ICBC: 摘要, 用途, 附言) read together — every text
/// once for the rules, and what the money was for (a bank's word for the kind of transfer left out while another
/// column says more) as a spending's purpose; one memo column reads as before.
@Suite struct StatementMemoTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let texts: [String]
        let all: String
        let meaning: String
        var testDescription: String { texts.joined(separator: "|") }
    }

    static let cases: [Case] = [
        // One column: its text, a bank's word included (as before session 44).
        Case(texts: ["转账"], all: "转账", meaning: "转账"),
        Case(texts: ["电梯维修款"], all: "电梯维修款", meaning: "电梯维修款"),
        Case(texts: [], all: "", meaning: ""),
        // ICBC: 摘要 the bank's word, 用途 the payer's.
        Case(texts: ["转账", "电梯维修款"], all: "转账；电梯维修款", meaning: "电梯维修款"),
        Case(texts: ["网银转账", "电梯维修款", "3月"], all: "网银转账；电梯维修款；3月", meaning: "电梯维修款；3月"),
        // Only bank words: kept, each once.
        Case(texts: ["转账", "汇款"], all: "转账；汇款", meaning: "转账；汇款"),
        Case(texts: ["转账", "转账"], all: "转账", meaning: "转账"),
        // The same text twice, or one inside another: once.
        Case(texts: ["工资", "3月保洁工资", "3月保洁工资"], all: "工资；3月保洁工资", meaning: "3月保洁工资"),
        Case(texts: ["电梯维修款", "电梯维修款（3月）"], all: "电梯维修款；电梯维修款（3月）", meaning: "电梯维修款（3月）"),
        // Written in another width: the same text (as names are compared), the first form kept.
        Case(texts: ["ＡＢ维修", "AB维修"], all: "ＡＢ维修", meaning: "ＡＢ维修"),
        // A word that is no bank word stays, in the file's order.
        Case(texts: ["代缴电费", "二期路灯"], all: "代缴电费；二期路灯", meaning: "代缴电费；二期路灯"),
    ]

    @Test(arguments: cases)
    func readsEveryMemoColumn(_ c: Case) {
        let memo = StatementMemo(texts: c.texts, first: c.texts.first ?? "")
        #expect(memo.all == c.all)
        #expect(memo.meaning == c.meaning)
    }

    /// A recorded line agrees with the reading that gives its values: a spending by purpose and purpose category, an
    /// income by the rule's category (rent when no rule gives one).
    @Test func aRecordedReadingAgreesWithTheReadingThatGaveIt() {
        let spending = RecordedReading(category: nil, purpose: "转账")
        #expect(spending.agrees([:], purpose: "转账"))
        #expect(!spending.agrees([:], purpose: "电梯维修款"))
        #expect(!spending.agrees(["purpose": "维修"], purpose: "转账"))
        #expect(RecordedReading(category: "repair", purpose: "维修").agrees(["purpose": "维修", "purpose_category": "repair"], purpose: "转账"))
        let income = RecordedReading(category: "parking", purpose: nil)
        #expect(income.agrees(["category": "parking"], purpose: ""))
        #expect(!income.agrees([:], purpose: ""))
        #expect(RecordedReading(category: "leasing", purpose: nil).agrees([:], purpose: ""))
    }
}
