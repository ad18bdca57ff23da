import LedgerEvents
import LedgerPlatform
import LedgerProjections

// MARK: - Statement directions, money columns that disagree, and field labels (`StatementImport`)

extension ImportWords {
    /// After a bank's counterparty refused by the name rule (`Cell.nameRefusal`): the statement need not be edited.
    static let statementCounterpartyRuleAllowed = Wording(
        en: " Or, leaving the statement as the bank wrote it, add a rule that sets the line's counterparty: {\"if\": {\"counterparty\": \"…\"}, \"counterparty\": \"…\"}.",
        zh: "或者不改动银行导出的对账单，在规则文件中加一条设定该行对方的规则：{\"if\": {\"counterparty\": \"…\"}, \"counterparty\": \"…\"}。")
    /// A direction cell holding a word that is not a direction.
    static let notADirection = Wording(en: "is not a direction (money in or money out)", zh: "不是收支方向（收入或支出）")
    static let directionAllowed = Wording(
        en: "A direction is written as the bank writes it for the account holder: money in is \(StatementDirection.shownIn); money out is \(StatementDirection.shownOut).",
        zh: "收支方向按银行为账户持有人所写：收入写作 \(StatementDirection.shownIn)；支出写作 \(StatementDirection.shownOut)。")
    /// An empty direction cell beside an unsigned amount.
    static func noDirection(_ amount: Amount) -> Wording {
        Wording(en: "is empty, but the amount \(money(amount).en) has no sign, so whether it is money in or money out is not known",
                zh: "是空的，但金额 \(money(amount).zh) 不带正负号，无法知道是收入还是支出")
    }
    /// An amount below zero (money out) on a line whose direction column says money in.
    static func belowZeroAgainstDirection(_ direction: String) -> Wording {
        Wording(en: "is below zero (money out), but the direction column says \"\(RowProblem.shown(direction))\" (money in)",
                zh: "为负数（支出），但收支方向列写的是“\(RowProblem.shown(direction))”（收入）")
    }
    /// A direction that the filled credit or debit column contradicts.
    static func directionAgainstColumns(moneyIn: Bool) -> Wording {
        moneyIn
            ? Wording(en: "says money in, but the line's amount is in the debit column (money out)",
                      zh: "表示收入，但这一行的金额在借方（支出）列")
            : Wording(en: "says money out, but the line's amount is in the credit column (money in)",
                      zh: "表示支出，但这一行的金额在贷方（收入）列")
    }
    /// An amount column that the credit and debit columns contradict; `said`: theirs, money out below zero.
    static func amountAgainstColumns(_ said: Amount) -> Wording {
        Wording(en: "does not agree with the credit and debit columns, which say \(money(said).en) (money in above zero, money out below)",
                zh: "与贷方、借方列不符：贷方、借方列为 \(money(said).zh)（收入为正，支出为负）")
    }
    static let amountAgainstColumnsAllowed = Wording(
        en: "The amount, the credit and debit columns and the direction of a line must tell the same money. Correct the statement, or map the column that is not the bank's amount to \"ignore\" in a mapping file (--mapping).",
        zh: "一行的金额、贷方和借方列以及收支方向必须一致。请更正对账单，或在映射文件（--mapping）中把不是银行金额的那一列对应为“ignore”。")
    /// A column whose heading looks like the other side's name (`StatementField.looksLikeCounterparty`) that no field
    /// reads, while no column gives the counterparty: every line would be recorded as （对账单未注明对方）.
    static func counterpartyLookalike(_ index: Int, _ heading: String) -> Wording {
        let letters = ColumnName.letters(index), shown = RowProblem.shown(heading)
        let known = StatementField.counterparty.headings.dropLast().joined(separator: ", ")
        let knownZh = StatementField.counterparty.headings.dropLast().joined(separator: "、")
        return Wording(
            en: "column \(letters) \"\(shown)\" looks like the other side of each line (the counterparty), but the importer does not read that heading (it reads \(known)), so every line would be recorded as \"（对账单未注明对方）\" and no rent linked to its contract. Map \"\(shown)\" to \"counterparty\" in a mapping file (--mapping: \(mappingExample(heading, to: "counterparty"))); if it is not the other side's name (the account holder's own, a bank), map it to \"ignore\".",
            zh: "\(letters) 列“\(shown)”像是每一行的对方（交易对方），但导入程序不认这个列名（可识别的列名：\(knownZh)），每一行都会被记为“（对账单未注明对方）”，租金也不会对应到合同。请在映射文件（--mapping）中把“\(shown)”对应为“counterparty”（\(mappingExample(heading, to: "counterparty"))）；如果这一列不是对方名称（而是本账户户名、银行等），请对应为“ignore”。")
    }
    /// Said after `directionColumn`: the column may be read as the direction.
    static func mapDirection(_ heading: String) -> Wording {
        Wording(en: "If it holds each line's direction (借/贷, 收/支), map \"\(RowProblem.shown(heading))\" to \"direction\" in a mapping file (--mapping) instead.",
                zh: "如果这一列标明每一行的收支方向（借/贷、收/支），请改在映射文件（--mapping）中把“\(RowProblem.shown(heading))”对应为“direction”。")
    }
    /// A statement field's Chinese name, for `bothMean`.
    static func statementFieldLabel(_ field: StatementField) -> String {
        switch field {
        case .date: return "日期"
        case .amount: return "交易金额"
        case .credit: return "贷方金额（收入）"
        case .debit: return "借方金额（支出）"
        case .balance: return "余额"
        case .counterparty: return "对方户名"
        case .memo: return "摘要"
        case .transactionID: return "交易流水号"
        case .direction: return "收支方向"
        }
    }
}
