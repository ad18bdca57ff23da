import LedgerEvents

/// The templates `ledger template KIND` prints (and testdata/templates holds).
public enum ImportTemplates {
    /// The kinds with a template, in the documented order.
    public static let kinds: [String] = ["assets"] + FactKind.allCases.map(\.rawValue)

    /// The template of `kind`, or nil for an unknown kind.
    public static func template(_ kind: String) -> [UInt8]? {
        if let fact = FactKind(rawValue: kind) { return FactVocabulary.template(fact) }
        guard kind == "assets" else { return nil }
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        let rows = [["编号", "小区", "类型", "名称", "位置", "面积", "登记日期", "备注"],
                    ["A-HY-P03", "C-HY", "车位", "地面车位03", "2号楼东侧", "12.5", "2024-03-01", ""],
                    ["A-HY-AD2", "C-HY", "广告位", "5号楼电梯广告位", "5号楼1单元电梯轿厢", "0.8", "2024-03-01", "两部电梯各一块"]]
        for row in rows { CSVWriter.appendRecord(row, delimiter: UInt8(ascii: ","), lineEnd: [13, 10], to: &out) }
        return out
    }
}
