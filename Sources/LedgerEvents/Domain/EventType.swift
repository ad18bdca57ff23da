/// The event types the ledger understands. The raw value is the `type` written in the log; these names are the
/// agreed vocabulary (ledger-spec.md, "Domain events") and are never renamed.
public enum EventType: String, CaseIterable, Sendable, Comparable {
    case communityRegistered = "community.registered"
    case assetRegistered = "asset.registered"
    case assetUpdated = "asset.updated"
    case assetRetired = "asset.retired"
    case registerImported = "register.imported"
    case fundOpened = "fund.opened"
    case decisionRecorded = "decision.recorded"
    case contractSigned = "contract.signed"
    case contractTerminated = "contract.terminated"
    case useStarted = "use.started"
    case useEnded = "use.ended"
    case inspectionRecorded = "inspection.recorded"
    case occupationReported = "occupation.reported"
    case occupationCleared = "occupation.cleared"
    case fundIncome = "fund.income"
    case fundSpending = "fund.spending"
    case fundTransfer = "fund.transfer"
    case fundBalanceAsserted = "fund.balance_asserted"
    case disclosurePublished = "disclosure.published"
    case rectificationIssued = "rectification.issued"
    case rectificationReported = "rectification.reported"
    case rectificationVerified = "rectification.verified"
    case rectificationExtended = "rectification.extended"
    case personalDataErased = "personal_data.erased"
    case correction = "correction"

    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// All type names, sorted, joined for error messages.
    public static var allNames: String { allCases.map(\.rawValue).sorted().joined(separator: ", ") }

    /// What a Chinese message calls an event of this type (`共有部分登记`), with the type name beside it
    /// (`共有部分登记（asset.registered）`) where the clerk may need to find it in the log.
    public var chineseName: String {
        switch self {
        case .communityRegistered: return "小区登记"
        case .assetRegistered: return "共有部分登记"
        case .assetUpdated: return "共有部分变更"
        case .assetRetired: return "共有部分注销"
        case .registerImported: return "表格导入"
        case .fundOpened: return "资金开立"
        case .decisionRecorded: return "业主共同决定"
        case .contractSigned: return "合同签订"
        case .contractTerminated: return "合同终止"
        case .useStarted: return "开始使用"
        case .useEnded: return "结束使用"
        case .inspectionRecorded: return "巡查"
        case .occupationReported: return "占用报告"
        case .occupationCleared: return "占用清除"
        case .fundIncome: return "收入"
        case .fundSpending: return "支出"
        case .fundTransfer: return "划转"
        case .fundBalanceAsserted: return "对账单余额"
        case .disclosurePublished: return "公示"
        case .rectificationIssued: return "整改交办"
        case .rectificationReported: return "整改报告"
        case .rectificationVerified: return "整改复核"
        case .rectificationExtended: return "整改延期"
        case .personalDataErased: return "个人信息删除"
        case .correction: return "更正"
        }
    }
}
