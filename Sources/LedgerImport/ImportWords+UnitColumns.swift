import LedgerEvents

/// The messages of a unit given in a column of its own (`UnitColumns`), in English and Chinese.
extension ImportWords {
    /// The figure columns a unit column gives the unit of, as a message names them (`column B "面积"`, `B 列“面积”`).
    private static func figureList(_ figures: [Wording]) -> Wording {
        guard figures.count > 1 else { return figures.first ?? Wording(same: "") }
        let en = "columns " + figures.map { String($0.en.dropFirst("column ".count)) }.joined(separator: ", ")
        return Wording(en: en, zh: figures.map(\.zh).joined(separator: "、"))
    }

    private static func unitName(_ unit: RegisterVocabulary.ColumnUnit) -> Wording {
        switch unit {
        case .yuan: Wording(en: "yuan (元)", zh: "元")
        case .squareMetres: Wording(en: "square metres (m²)", zh: "平方米")
        }
    }

    /// A unit cell naming another unit (`亩`, `万元`, `美元`) or holding no unit at all; `figure` is the row's value
    /// of the one figure column, when there is one.
    static func unitCellRefused(foreign: Bool, figures: [Wording], figure: String?, unit: RegisterVocabulary.ColumnUnit) -> Wording {
        let list = figureList(figures), name = unitName(unit)
        let verb = figures.count > 1 ? "are" : "is"
        let recorded = figure.map { value -> Wording in
            let shown = RowProblem.shown(value)
            return unit == .yuan
                ? Wording(en: ": its \(shown) would be recorded as \(shown) yuan", zh: "，本行的 \(shown) 会被记作 \(shown) 元")
                : Wording(en: ": its \(shown) would be recorded as \(shown) m²", zh: "，本行的 \(shown) 会被记作 \(shown) 平方米")
        } ?? Wording(same: "")
        if foreign {
            return Wording(en: "is another unit than \(name.en), in which \(list.en) \(verb) read", zh: "不是\(name.zh)：\(list.zh)按\(name.zh)读取")
                + recorded
        }
        return Wording(en: "is not a unit; \(list.en) \(verb) read in \(name.en)", zh: "不是计量单位；\(list.zh)按\(name.zh)读取")
    }

    /// What a unit cell may hold, and what to do with a figure in another unit.
    static func unitCellAllowed(figures: [Wording], unit: RegisterVocabulary.ColumnUnit, notAUnit: Bool = false) -> Wording {
        let list = figureList(figures)
        // A column headed 单位 may name an organisation (管理单位): renaming its heading keeps its text (review 36d).
        let organisation = notAUnit
            ? Wording(en: " If this column names an organisation, not a unit, head it 管理单位 or 使用单位 instead: it is then kept as written.",
                      zh: "如果本列写的是单位名称（机构）而不是计量单位，请把标题改为“管理单位”或“使用单位”，其内容会照录。")
            : Wording(same: "")
        switch unit {
        case .yuan:
            return Wording(en: "Write the amount in yuan in \(list.en) and 元 (or 人民币, RMB, CNY) here, or leave this cell empty; units are not converted (an amount in 万元 or in another currency is not read)." + organisation.en,
                           zh: "请在\(list.zh)中以元填写金额，本列写 元（或 人民币、RMB、CNY）或留空；导入时不换算单位（以万元或外币计的金额不能读取）。" + organisation.zh)
        case .squareMetres:
            return Wording(en: "Write the area in square metres in \(list.en) and 平方米 (or ㎡, m²) here, or leave this cell empty; units are not converted (亩 is not an exact number of square metres)." + organisation.en,
                           zh: "请在\(list.zh)中以平方米填写面积，本列写 平方米（或 ㎡、m²）或留空；导入时不换算单位（亩不能精确换算为平方米）。" + organisation.zh)
        }
    }

    /// A `单位` column between two figure columns: which one's unit it gives is not guessed.
    static func unitColumnBetween(_ index: Int, _ heading: String, before: Int, _ headingBefore: String, after: Int,
                                  _ headingAfter: String) -> Wording {
        let unit = column(index, heading: heading), a = column(before, heading: headingBefore), b = column(after, heading: headingAfter)
        // The heading without its unit in brackets, which a unit column's heading names (`面积（㎡）` → `面积单位`).
        let name = RowProblem.shown(UnitWords.lastBracket(headingBefore).map { $0.name.isEmpty ? headingBefore : $0.name } ?? headingBefore)
        return Wording(en: "\(unit.en) stands between two figure columns, \(a.en.dropFirst("column ".count)) and \(b.en.dropFirst("column ".count)), and could give the unit of either. Head it with the heading of the column it gives the unit of followed by 单位 (for example \(name)单位).",
                       zh: "\(unit.zh)位于 \(a.zh)和 \(b.zh)两个数值列之间，无法判断是哪一列的单位。请把标题改为所指列的标题加“单位”（例如 \(name)单位）。")
    }
}
