import LedgerEvents

/// The fields of an asset register that the importer understands. Any other column is kept as an attribute
/// (or rejected with `--strict`).
public enum RegisterField: String, CaseIterable, Sendable, Comparable {
    case id
    case community
    case kind
    case name
    case location
    case area
    case registeredOn = "registered_on"
    case note
    /// A column that is read and thrown away (row serial numbers, the error column of a rejects file).
    case ignore
    /// The day the warranty ends (保修期至), kept as the attribute `warranty_end` in ISO form, which FUND-05 reads.
    case warrantyEnd = "warranty_end"

    /// The field's name in a Chinese register, for messages (`没有 id（共有部分编号）列`): not the log's names
    /// (`FieldLabels` calls a record's `id` its 事件编号).
    var chineseLabel: String? {
        switch self {
        case .id: return "共有部分编号"
        case .community: return "小区编号"
        case .kind: return "类型"
        case .name: return "名称"
        case .location: return "位置"
        case .area: return "面积"
        case .registeredOn: return "登记日期"
        case .note: return "备注"
        case .warrantyEnd: return "保修期至"
        case .ignore: return nil
        }
    }

    public static func < (lhs: RegisterField, rhs: RegisterField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
