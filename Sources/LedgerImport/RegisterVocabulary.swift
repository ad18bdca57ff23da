import LedgerEvents

/// The documented table of header aliases and kind words. Headings are matched after `normalizedHeading`:
/// surrounding spaces removed, ASCII lower-cased, spaces, line breaks (Alt+Enter) and `_`/`-` dropped, full-width
/// brackets made ASCII, and a trailing unit in brackets such as `(㎡)` or `（平方米）` removed.
public enum RegisterVocabulary {
    /// Heading aliases for each field, as documented in README.md ("Importing a register").
    public static let headingAliases: [(RegisterField, [String])] = [
        (.id, ["编号", "资产编号", "资产代码", "设施编号", "登记编号", "id", "assetid", "asset", "code", "assetcode"]),
        (.community, ["小区", "小区编号", "所属小区", "小区代码", "物业管理区域", "community", "communityid"]),
        (.kind, ["类型", "类别", "资产类型", "资产类别", "种类", "kind", "type", "category"]),
        (.name, ["名称", "资产名称", "设施名称", "name", "assetname"]),
        (.location, ["位置", "坐落", "所在位置", "具体位置", "地点", "location", "address"]),
        (.area, ["面积", "建筑面积", "占地面积", "area", "aream2", "areasqm"]),
        (.registeredOn, ["登记日期", "登记时间", "registeredon", "registrationdate", "registered", "dateregistered"]),
        (.note, ["备注", "说明", "note", "notes", "remark", "remarks"]),
        (.warrantyEnd, WarrantyEnd.headings + ["warrantyend"]),
        (.ignore, ["序号", "导入错误", "importerror"]),
    ]

    /// Kind codes and the words registers use for them.
    public static let kindWords: [(String, [String])] = [
        ("parking", ["车位", "停车位", "地面车位", "地下车位", "机动车位", "parking"]),
        ("club_room", ["会所", "活动室", "会所用房", "活动用房", "业主活动室", "club_room", "clubroom"]),
        ("roof", ["屋顶", "屋面", "楼顶", "天台", "roof"]),
        ("basement", ["地下室", "basement"]),
        ("advertising", ["广告位", "广告", "advertising"]),
        ("green_area", ["绿地", "绿化", "绿化带", "green_area", "greenarea"]),
        ("corridor", ["走廊", "楼道", "过道", "corridor"]),
        ("other", ["其他", "其它", "other"]),
    ]

    /// The kind codes, in the documented order.
    public static let kindCodes: [String] = kindWords.map { $0.0 }

    static let headingTable: [String: RegisterField] = {
        var table: [String: RegisterField] = [:]
        for (field, aliases) in headingAliases {
            for alias in aliases { table[normalizedHeading(alias)] = field }
        }
        return table
    }()

    static let kindTable: [String: String] = {
        var table: [String: String] = [:]
        for (code, words) in kindWords {
            for word in words { table[normalizedKind(word)] = code }
        }
        return table
    }()

    /// The text a kind cell must match: trimmed, ASCII lower-cased, `-` and space made `_`.
    static func normalizedKind(_ text: String) -> String {
        var out = ""
        for scalar in Cell.trimmed(text).unicodeScalars {
            switch scalar {
            case "A"..."Z": out.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            case "-", " ": out.unicodeScalars.append("_")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The form in which headings are compared (see the type's documentation).
    public static func normalizedHeading(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in Cell.trimmed(text).unicodeScalars {
            switch scalar {
            case "A"..."Z": scalars.append(Unicode.Scalar(scalar.value + 32)!)
            // A line break typed with Alt+Enter inside the heading's cell (`金额\n（元）`) is layout, as a space is.
            case " ", "_", "-", "\u{3000}", "\u{00A0}", "\n", "\r", "\t": continue
            case "（": scalars.append("(")
            case "）": scalars.append(")")
            case "【", "[": scalars.append("(")
            case "】", "]": scalars.append(")")
            default: scalars.append(scalar)
            }
        }
        // A trailing unit in brackets: 面积(㎡), area (m2), 面积（平方米）.
        if scalars.last == ")", let open = scalars.lastIndex(of: "("), open > 0 {
            scalars.removeSubrange(open...)
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }

    /// The units a column of money or area is read in: amounts in 元, areas in m².
    public enum ColumnUnit: Sendable {
        case yuan, squareMetres
    }

    /// The other unit a heading's trailing brackets name, which `normalizedHeading` drops: `金额（万元）` → `万元`,
    /// `金额[分]` → `分`, `金额（单位：千元）` → `单位：千元`, `租金（万元/年）` → `万元/年`, `金额（RMB'000）`, `面积（亩）`;
    /// nil when the brackets name the column's own unit (`金额（元）`, `金额（RMB）`, `面积（㎡）`, `租金（元/月）`),
    /// something that is not a unit (`金额（含税）`, `参与表决面积（专有部分）`, `金额（元，精确到分）`), or there are
    /// none. The importers read such a column in 元 or m² whatever its heading says, so a column headed in another
    /// unit would be recorded 100 or 10,000 times off (or, in 亩, as square metres); they refuse it instead of
    /// guessing a conversion. Each part of the brackets (split at `，,、;；`, not inside `10,000`) is judged by the
    /// rule of `UnitWords`: a magnitude (万, 萬, 千, k, '000 …) or another unit (分, 美元, 亩 …) among unit words.
    public static func foreignUnit(in heading: String, for unit: ColumnUnit) -> String? {
        // A heading that is a bracket alone is not read (its name is empty).
        guard let (name, inside) = UnitWords.lastBracket(heading), !name.isEmpty else { return nil }
        for part in UnitWords.parts(inside) {
            let verdict = UnitWords.read(part, for: unit).verdict
            if verdict == .foreign || (verdict == .notAUnit && UnitWords.isUnknownAbbreviation(part)) { return inside }
        }
        return nil
    }

    /// A short list of the words allowed in a kind cell, for error messages.
    public static var kindsAllowedText: String {
        "车位 (parking), 会所/活动室 (club_room), 屋顶 (roof), 地下室 (basement), 广告位 (advertising), "
            + "绿地 (green_area), 走廊/楼道 (corridor), 其他 (other)"
    }
}
