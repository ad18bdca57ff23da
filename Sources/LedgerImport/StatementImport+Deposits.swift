import LedgerEvents
import LedgerProjections

/// What a statement's import says of money it records as new beside money the fund holds already (review 45a D5):
/// a line depositing several recorded receipts at once (cash paid in as one sum), and the books' balance against the
/// statement's closing balance.
extension StatementImport {
    /// A recorded payment of the fund a line of its day and amount may stand for: its payer (nil: a transfer's) and
    /// its record, for a message.
    struct HeldMoney {
        var payer: PersonalText?
        var record: Evidence
        var day: CalendarDate
        var signed: Int64
    }

    /// The most recorded payments a sum is looked for among, per day and direction: 2^12 subsets at most.
    static let depositSearchLimit = 12

    /// The recorded payments of `held` (of one day and direction, none matched by a line) whose amounts sum to
    /// `signed`, two or more of them, the first such set in record order; nil when none does.
    static func depositedTogether(_ signed: Int64, among held: [HeldMoney]) -> [HeldMoney]? {
        let candidates = Array(held.filter { ($0.signed > 0) == (signed > 0) && $0.signed.magnitude < signed.magnitude }.prefix(depositSearchLimit))
        guard candidates.count >= 2 else { return nil }
        var best: [HeldMoney]? = nil
        for mask in 1..<(1 << candidates.count) where mask.nonzeroBitCount >= 2 {
            var sum: Int64 = 0
            for bit in candidates.indices where mask & (1 << bit) != 0 { sum += candidates[bit].signed }
            guard sum == signed else { continue }
            let set = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
            // The fewest payments: the likeliest reading of one deposit.
            if best == nil || set.count < best!.count { best = set }
        }
        return best
    }

    /// The fund's balance in the books at the end of `day`: the facts of `log` for `fundID`, and `new`, the events the
    /// import appends (never a line recorded before, by its transaction id or by a receipt: those are in `log`).
    static func booksBalance(of fundID: String, on day: CalendarDate, log: EffectiveLog, new events: [Event]) -> Int64 {
        var total: Int64 = 0
        func add(_ payload: DomainEvent, _ date: CalendarDate) {
            guard date <= day else { return }
            switch payload {
            case .fundIncome(let p) where p.fundID == fundID: total += p.amount.fen
            case .fundSpending(let p) where p.fundID == fundID: total -= p.amount.fen
            case .fundTransfer(let p):
                if p.toFundID == fundID { total += p.amount.fen }
                if p.fromFundID == fundID { total -= p.amount.fen }
            default: break
            }
        }
        for fact in log.factsInLogOrder { add(fact.payload, fact.occurredOn) }
        for event in events { if let payload = event.payload.domain { add(payload, event.occurredOn) } }
        return total
    }
}

extension ImportWords {
    /// A line of new money whose amount is the sum of recorded payments of its day no line matched.
    static func depositOfRecorded(file: String, row: Int, amount: Amount, date: CalendarDate, records: [String]) -> Wording {
        let list = records.joined(separator: ", "), listZh = records.joined(separator: "、")
        let money = money(amount)
        return Wording(en: "\(file): row \(row): recorded as new money, but its \(money.en) is the sum of payments of \(date) the fund holds already that no line of the statement matched (\(list)): most likely they were paid in at once (cash deposited as one sum). If so, void this line's record with a correction (no replacement), or that money counts twice.",
                       zh: "\(file) 第 \(row) 行：已作为新的款项记录，但其金额 \(money.zh) 正是该资金账户已记录、对账单中没有对应行的 \(date) 几笔款项之和（\(listZh)）：多半是这几笔一起存入（现金合并存入）。如果是这样，请用一条不带 replacement 的更正作废这一行的记录，否则这些钱会重复记账。")
    }

    /// The books' balance after the import differs from the statement's closing balance asserted.
    static func booksAgainstStatement(file: String, row: Int, fund: String, date: CalendarDate, books: Amount, statement: Amount) -> Wording {
        let difference = Amount(fen: books.fen - statement.fen)
        return Wording(en: "\(file): row \(row): after this import the books of \(fund) hold \(money(books).en) at the end of \(date), the statement's closing balance is \(money(statement).en): a difference of \(money(difference).en) (rectification reports it as FUND-07 until it is explained or put right).",
                       zh: "\(file) 第 \(row) 行：本次导入后，\(fund) 账面在 \(date) 日终的余额为 \(money(books).zh)，对账单的期末余额为 \(money(statement).zh)：相差 \(money(difference).zh)（在查明或改正之前，整改清单以 FUND-07 列出）。")
    }
}
