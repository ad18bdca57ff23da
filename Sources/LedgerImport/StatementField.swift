import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The columns of a bank statement (对账单) that `ledger import statement` reads; every other column is ignored
/// (banks export many).
public enum StatementField: String, CaseIterable, Sendable {
    case date, amount, credit, debit, balance, counterparty, memo
    case transactionID = "transaction_id"

    /// Headings banks use for the field (matched like register headings).
    public var headings: [String] {
        switch self {
        case .date: return ["交易日期", "记账日期", "日期", "交易时间", "入账日期", "date"]
        case .amount: return ["交易金额", "金额", "发生额", "amount"]
        case .credit: return ["收入金额", "贷方金额", "贷方发生额", "收入", "存入", "贷方", "credit"]
        case .debit: return ["支出金额", "借方金额", "借方发生额", "支出", "支取", "借方", "debit"]
        case .balance: return ["余额", "账户余额", "交易后余额", "balance"]
        case .counterparty: return ["对方户名", "对方名称", "对方账户名", "对方单位", "对方", "counterparty"]
        case .memo: return ["摘要", "用途", "附言", "备注", "交易摘要", "memo"]
        case .transactionID: return ["流水号", "交易流水号", "交易编号", "银行流水号", "凭证号", "transaction_id"]
        }
    }
}
