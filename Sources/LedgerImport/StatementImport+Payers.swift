import LedgerEvents

/// The second pass of a statement's matching by day and amount (review 45a D6): a line that no recorded payment of
/// its own payer stood for, taken for one no line of its payer took, and what is said when its payer is another.
extension StatementImport {
    /// A line planned as new money while recorded payments of its day and amount were left: `index` in the plan,
    /// `key` its day and signed amount, `payers` the bank's name and a rule's (empty: not written).
    struct MoneyClaim {
        var index: Int
        var key: String
        var payers: [String]
        var transactionID: String
    }
}

extension ImportWords {
    /// A line taken for a recorded payment of its day and amount whose payer is another by the payer-name rule:
    /// nothing to do when the two names are one payer; else the line is money of its own, to record by hand.
    static func otherPayerTaken(file: String, row: Int, payer: String, held: StatementImport.HeldMoney, transactionID: String) -> Wording {
        let shown = RowProblem.shown(payer), id = RowProblem.shown(transactionID)
        let money = money(Amount(fen: Int64(held.signed.magnitude)))
        let type = held.signed > 0 ? "fund.income" : "fund.spending"
        let other: Wording = held.payer?.plainText.map { Wording(en: "\"\(RowProblem.shown($0))\"", zh: "“\(RowProblem.shown($0))”") }
            ?? privatePersonValue
        return Wording(
            en: "\(file): row \(row): counted as the payment of \(held.day) for \(money.en) the fund holds already (record \(held.record), "
                + "the other side \(other.en)), which no line naming that side matched, though this line names \"\(shown)\", another by the "
                + "ledger's payer-name rule; not recorded again. If they are one payer (a short name, another way of writing it), nothing is "
                + "to be done. If not, this line is money of its own: record it with `ledger append` (\(type), voucher \"\(id)\": the "
                + "statement imported again knows it by its transaction id), and find out where the money of record \(held.record) went.",
            zh: "\(file) 第 \(row) 行：已作为该资金账户已记录的 \(held.day) 一笔 \(money.zh)（记录 \(held.record)，对方\(other.zh)）计为已记录，"
                + "不再重复记录；没有写明该对方的行与那一笔对应，而这一行的对方为“\(shown)”，按账本的付款方名称规则是另一方。如果两者是同一方"
                + "（简称或另一种写法），无需处理。如果不是，这一行是另一笔款项：请用 ledger append 记录它（\(type)，凭证号“\(id)”；再次导入"
                + "对账单时按流水号识别它），并查明记录 \(held.record) 的款项去向。")
    }
}
