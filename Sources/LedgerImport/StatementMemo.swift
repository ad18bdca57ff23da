import LedgerProjections

/// A statement line's memo when the bank exports several memo columns (review 43a m6: ICBC's 摘要, 用途 and 附言,
/// where 摘要 holds the bank's word for the kind of transaction, 转账, and 用途 what the payer wrote: a spending's
/// purpose read from 摘要 alone was 转账). Every memo column is read, in the file's order.
struct StatementMemo: Equatable {
    /// The memo columns' texts of the line, in the file's order, empty cells left out.
    var texts: [String]
    /// The first memo column's text ("" when empty): the reading of session 43 and before, with which a line
    /// recorded then is matched on re-import.
    var first: String

    /// Words a bank writes in a memo column for the kind of transaction, saying nothing of what the money was for.
    static let bankWords: Set<String> = [
        "转账", "转帐", "转账支付", "转账汇款", "汇款", "汇入", "汇出", "网银转账", "网上转账", "网上银行", "网银", "手机银行",
        "跨行转账", "行内转账", "跨行汇款", "同行转账", "他行汇入", "本行转账", "电子汇入", "电子汇出", "支付", "付款", "收款",
        "代付", "代收", "代发", "转存", "转入", "转出", "其他", "无",
    ].reduce(into: Set<String>()) { $0.insert(UseText.key($1)) }

    /// What a rule's `memo` is looked for in (`StatementRules.match`: contained), and what a note quotes: every
    /// memo column's text once, joined by `；`. One column: its text, as before.
    var all: String { Self.joined(texts) }

    /// What the line says the money was for (a spending's purpose): the texts without a bank's word for the kind of
    /// transaction (`bankWords`) while another column says more, and without a text another one contains (用途
    /// 电梯维修款 beside 附言 电梯维修款（3月）), joined by `；` in the file's order. One column: its text, as before.
    var meaning: String {
        var kept = texts.count > 1 ? texts.filter { !Self.bankWords.contains(UseText.key($0)) } : texts
        if kept.isEmpty { kept = texts }
        let keys = kept.map(UseText.key)
        var out: [String] = []
        for (index, text) in kept.enumerated() {
            // Contained in another text (the same text twice: the first kept).
            let contained = keys.indices.contains { other in
                other != index && keys[other].contains(keys[index]) && (keys[other] != keys[index] || other < index)
            }
            if !contained { out.append(text) }
        }
        return Self.joined(out)
    }

    private static func joined(_ texts: [String]) -> String {
        var seen: Set<String> = []
        var out: [String] = []
        for text in texts where seen.insert(UseText.key(text)).inserted { out.append(text) }
        return out.joined(separator: "；")
    }
}

/// What a recorded statement line's memo gave, by way of a rule or as a spending's purpose: an income's category, a
/// spending's purpose and purpose category. A line whose bank id is recorded is read as it was recorded when the
/// first memo column alone gives the record and every memo column does not (`StatementMemo`, a statement imported
/// again after session 44).
struct RecordedReading {
    var category: String?
    /// A spending's purpose; nil for an income.
    var purpose: String?
    /// What else a rule may set that the record holds: an income's contract, a spending's decision, the counterparty
    /// written in clear (nil when committed: a rule's counterparty is then not compared). Compared only where the rule
    /// sets it (review 44d #5: a rule naming another contract by a memo column read since session 44 was taken for
    /// the reading that gave the record, so the statement imported before with the same rules file was refused).
    var contract: String? = nil
    var decision: String? = nil
    var counterparty: String? = nil

    /// Whether a line read with the rule's values `set` and the memo's meaning `text` gives the record's values.
    func agrees(_ set: [String: String], purpose text: String) -> Bool {
        if let party = set["counterparty"], let counterparty, party != counterparty { return false }
        if let purpose {
            return purpose == (set["purpose"] ?? text) && category == set["purpose_category"]
                && (set["decision_id"] == nil || set["decision_id"] == decision)
        }
        // An income without a rule's category is rent when it names a contract (and refused otherwise).
        return (set["category"] ?? "leasing") == category && (set["contract_id"] == nil || set["contract_id"] == contract)
    }
}
