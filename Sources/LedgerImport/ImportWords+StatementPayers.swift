import LedgerEvents

/// A bank line of one payer beside a recorded payment of another, same day and amount (review 45a D6), and a line
/// depositing several recorded receipts at once (D5).
extension ImportWords {
    /// `others`: the recorded payments' payers (nil: a private person, never named).
    static func otherPayerSameMoney(file: String, row: Int, payer: String, others: [String?], date: CalendarDate, amount: Amount) -> Wording {
        let payerShown = RowProblem.shown(payer)
        let names = others.map { $0.map { "\"\(RowProblem.shown($0))\"" } ?? "a private person" }.joined(separator: ", ")
        let namesZh = others.map { $0.map { "“\(RowProblem.shown($0))”" } ?? "一位自然人" }.joined(separator: "、")
        let money = money(amount)
        return Wording(en: "\(file): row \(row): recorded as new money: the fund holds a payment of \(date) for \(money.en) from \(names), but this line's payer \"\(payerShown)\" is another by the ledger's payer-name rule. If it is that payment with the payer written otherwise, void this line's record with a correction (no replacement), or its money counts twice.",
                       zh: "\(file) 第 \(row) 行：已作为新的款项记录：该资金账户已记有 \(date) 来自\(namesZh)的一笔 \(money.zh)，但这一行的付款方“\(payerShown)”按账本的付款方名称规则是另一方。如果它就是那一笔（付款方写法不同），请用一条不带 replacement 的更正作废这一行的记录，否则这笔钱会重复记账。")
    }
}
