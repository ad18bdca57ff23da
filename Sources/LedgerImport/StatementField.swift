import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The columns of a bank statement (对账单) that `ledger import statement` reads; every other column is ignored
/// (banks export many) unless it looks like a direction beside unsigned amounts (`StatementDirection`).
public enum StatementField: String, CaseIterable, Sendable {
    case date, amount, credit, debit, balance, counterparty, memo
    case transactionID = "transaction_id"
    /// Each line's direction (借贷标志: 借/贷, 收支: 收/支, D/C), beside an amount column written unsigned.
    case direction

    /// Headings banks use for the field (matched like register headings).
    public var headings: [String] {
        switch self {
        case .date: return ["交易日期", "记账日期", "日期", "交易时间", "入账日期", "date"]
        case .amount: return ["交易金额", "金额", "发生额", "amount"]
        // Money in and out, in the order of the pairs banks use: 收入/支出, 贷方/借方, 收款/付款 (a payment
        // platform's or a smaller bank's export), 转入/转出.
        case .credit: return ["收入金额", "贷方金额", "贷方发生额", "收款金额", "转入金额", "收入", "存入", "贷方", "credit"]
        case .debit: return ["支出金额", "借方金额", "借方发生额", "付款金额", "转出金额", "支出", "支取", "借方", "debit"]
        case .balance: return ["余额", "账户余额", "交易后余额", "balance"]
        case .counterparty: return ["对方户名", "对方名称", "对方账户名", "对方账户名称", "对方单位", "对方单位名称", "对方户名称",
                                    "收付款人名称", "交易对方", "对方", "counterparty"]
        case .memo: return ["摘要", "用途", "附言", "备注", "交易摘要", "memo"]
        case .transactionID: return ["流水号", "交易流水号", "交易编号", "银行流水号", "凭证号", "transaction_id"]
        case .direction:
            return ["借贷标志", "借贷标识", "借贷标记", "借贷方向", "借贷", "借/贷", "贷/借", "借贷类型", "收支标志", "收支标识",
                    "收支方向", "收支类型", "收支", "收/支", "支/收", "收付标志", "收付方向", "收付", "交易方向", "资金方向",
                    "方向", "出入账标志", "进出", "debitcredit", "debit/credit", "credit/debit", "dcflag", "d/c", "c/d",
                    "dr/cr", "cr/dr", "direction"]
        }
    }

    /// Whether a heading the importer does not read names the other side (`对方客户名称`) rather than its account
    /// number or bank (`对方账号`, `对方开户行`, `对方账户`): such a column is refused while no
    /// column gives the counterparty, so that a bank's new heading is never dropped unseen (review 41a M3).
    static func looksLikeCounterparty(_ heading: String) -> Bool {
        let key = RegisterVocabulary.normalizedHeading(heading)
        // Only a heading that names the other side (对方): 付款人名称 and 收款人名称 side by side are each the other side
        // on half the lines, and 账户名称 may be the statement's own account (review 41d); 对方账户 without 名 is its number.
        return ["对方", "counterparty"].contains { key.contains($0) }
            && !["账号", "帐号", "卡号", "开户", "银行", "行号", "行名", "网点", "机构"].contains { key.contains($0) }
            && !(key.contains("账户") && !key.contains("名"))
    }

    /// The field a heading qualified by a direction names: ICBC's `交易金额(收入)` and `交易金额(支出)` (and
    /// 金额(转入), 发生额(转出), amount (credit)…) are a credit and a debit column. Without the qualifier both headings
    /// read as `交易金额` (a trailing bracket is a unit to `RegisterVocabulary.normalizedHeading`).
    static func qualified(_ heading: String) -> StatementField? {
        let key = fullKey(heading)
        guard key.hasSuffix(")"), let open = key.lastIndex(of: "("), open > key.startIndex else { return nil }
        let base = RegisterVocabulary.normalizedHeading(key)
        let moneyHeadings = [StatementField.amount, .credit, .debit].flatMap(\.headings).map(RegisterVocabulary.normalizedHeading)
        guard moneyHeadings.contains(base) else { return nil }
        let inner = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
        switch StatementDirection.read(inner) {
        case true?: return .credit
        case false?: return .debit
        case nil: return nil
        }
    }

    /// A heading as `RegisterVocabulary.normalizedHeading` reads it, but keeping a trailing bracket: the key of a
    /// statement mapping, so that `交易金额(收入)` and `交易金额(支出)` stay two headings.
    static func fullKey(_ heading: String) -> String {
        // A letter after the text keeps normalizedHeading from taking the last bracket for a unit; then dropped.
        String(RegisterVocabulary.normalizedHeading(Cell.trimmed(heading) + "x").dropLast())
    }
}

/// The direction a statement writes in a column of its own, from the account holder's side as a bank statement
/// writes it: 贷 (credit, 贷方金额) is money in, 借 (debit, 借方金额) is money out — as the credit and debit columns
/// are read.
enum StatementDirection {
    static let incoming = ["贷", "贷方", "收", "收入", "转入", "存入", "存", "入", "入账", "来账", "进", "进账", "收款",
                           "c", "cr", "credit", "in"]
    static let outgoing = ["借", "借方", "支", "支出", "转出", "支取", "取", "出", "出账", "往账", "付", "付出", "付款",
                           "d", "dr", "debit", "out"]

    /// true: money in; false: money out; nil: not a direction word.
    static func read(_ text: String) -> Bool? {
        var key = ""
        for scalar in Cell.trimmed(text).unicodeScalars {
            switch scalar {
            case "A"..."Z": key.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            case " ", "\u{3000}", "\u{00A0}", ".": continue
            default: key.unicodeScalars.append(scalar)
            }
        }
        if incoming.contains(key) { return true }
        if outgoing.contains(key) { return false }
        return nil
    }

    /// The words shown as allowed, in and out.
    static let shownIn = "贷, 贷方, 收, 收入, 转入, 存入, C, CR, credit"
    static let shownOut = "借, 借方, 支, 支出, 转出, 支取, D, DR, debit"

    /// Headings that only may hold a direction (交易类型 often holds 转账, 消费): bound as the direction when every
    /// value is a direction word.
    static let maybeHeadings = ["交易类型", "类型", "业务类型", "交易种类", "type", "transactiontype"]
        .map(RegisterVocabulary.normalizedHeading)
    /// Parts of a heading that say it is about the direction (a column the importer does not read).
    static let headingParts = ["借贷", "收支", "收付", "方向", "借/贷", "贷/借", "收/支", "支/收", "进出", "出入",
                               "debit", "credit", "d/c", "dr/cr", "direction"]
}
