import LedgerEvents

/// What a spreadsheet of one kind of fact can hold: `ledger import KIND FILE` for every kind but `assets`
/// (the register, `RegisterImporter`). Each row becomes one event of `eventType`.
public enum FactKind: String, CaseIterable, Sendable {
    case funds, contracts, income, spending, transfers, decisions, uses, inspections

    /// The event each row becomes.
    public var eventType: EventType {
        switch self {
        case .funds: return .fundOpened
        case .contracts: return .contractSigned
        case .income: return .fundIncome
        case .spending: return .fundSpending
        case .transfers: return .fundTransfer
        case .decisions: return .decisionRecorded
        case .uses: return .useStarted
        case .inspections: return .inspectionRecorded
        }
    }

    /// The Chinese name of the kind, for reports and templates.
    public var chineseName: String {
        switch self {
        case .funds: return "资金账户开立"
        case .contracts: return "经营合同"
        case .income: return "收入"
        case .spending: return "支出"
        case .transfers: return "账户间划转"
        case .decisions: return "业主大会决定"
        case .uses: return "使用登记"
        case .inspections: return "巡查记录"
        }
    }

    /// The columns of the kind, in template order.
    public var fields: [FactField] { FactVocabulary.fields(self) }

    /// The field that names the entity a row creates (a second row or record with it is a duplicate), if any.
    public var entityKey: String? {
        switch self {
        case .funds: return "fund_id"
        case .contracts: return "contract_id"
        case .decisions: return "decision_id"
        case .uses: return "use_id"
        case .income, .spending, .transfers, .inspections: return nil
        }
    }

    /// For money, the fields that name one payment: a voucher is written once per fund, so a row with a known
    /// voucher and other values is a changed payment, not a new one.
    public var voucherKey: [String]? {
        switch self {
        case .income, .spending: return ["fund_id", "voucher"]
        case .transfers: return ["from_fund_id", "voucher"]
        default: return nil
        }
    }
}
