import LedgerEvents

/// Units declared in the title rows above a header (`金额单位：万元`, `（单位：万元）`, `面积单位：亩`, `unit: 10k yuan`).
///
/// A clerk's table often says its unit once, in a line above the header, instead of in each heading. The importers
/// read every amount in 元 and every area in m², so a file declaring 万元 there would be recorded 10,000 times too
/// small without a word; such a file is refused, as a heading in another unit is (`RegisterVocabulary.foreignUnit`,
/// whose unit words these are: one list for both). 单位 also means "organisation" (编制单位：海韵物业, 填报单位：…), so
/// only a unit word, whole, after the label counts: `单位：XX物业公司` is a title, not a unit. A title often gives the
/// unit in brackets without the label (`2025年收入明细表（万元）`): a bracket whose whole content is a unit word is a
/// declaration too; `（2025年）` or `（海韵物业）` is not.
enum TitleUnits {
    /// A cell of a title row that declares another unit than the file is read in.
    struct Declaration: Equatable {
        var row: Int
        var column: Int
        var cell: String
        /// The unit as written (`万元`, `亩`).
        var unit: String
        var columnUnit: RegisterVocabulary.ColumnUnit
    }

    /// The declarations of another unit than `units` in `rows` (the rows above the header, each with its row number
    /// and decoded cells), in row and column order, one per cell at most.
    static func foreign(in rows: [(number: Int, cells: [String])], units: [RegisterVocabulary.ColumnUnit]) -> [Declaration] {
        var out: [Declaration] = []
        for row in rows {
            for (column, cell) in row.cells.enumerated() {
                for unit in units {
                    if let word = declaredForeignUnit(in: cell, for: unit) {
                        out.append(Declaration(row: row.number, column: column, cell: Cell.trimmed(cell), unit: word, columnUnit: unit))
                        break
                    }
                }
            }
        }
        return out
    }

    /// The refusals of `foreign(in:units:)`, for `ImportError.header`.
    static func problems(in rows: [(number: Int, cells: [String])], units: [RegisterVocabulary.ColumnUnit]) -> [Wording] {
        foreign(in: rows, units: units).map {
            ImportWords.titleInForeignUnit(row: $0.row, column: $0.column, cell: $0.cell, unit: $0.unit, columnUnit: $0.columnUnit)
        }
    }

    /// Labels before 单位 that make it an organisation, not a unit (编制单位：, 填报单位：…).
    static let organisationLabels = ["编制", "填报", "制表", "填表", "报送", "上报", "申报", "经办", "承办", "主管", "所属", "隶属",
                                     "使用", "管理", "责任", "建设", "施工", "委托", "承租", "出租", "收款", "付款", "审核", "审计"]
    /// Labels before 单位 that say which columns it is the unit of.
    static let moneyLabels = ["金额", "货币", "币种", "金额计量", "价格", "租金"]
    static let areaLabels = ["面积", "面积计量"]

    /// Brackets around a unit given without a label: `（万元）`, `(万元)`, `[万元]`, `【万元】`, `〔万元〕`, `［万元］`, and in corner brackets
    /// (U+300C, U+300D: escaped here, as the Chinese text of the sources uses none).
    static let brackets: [Character: Set<Character>] = ["(": [")", "）"], "（": [")", "）"], "[": ["]", "］"], "［": ["]", "］"],
                                                        "【": ["】"], "〔": ["〕"], "\u{300C}": ["\u{300D}"]]
    /// Labels a bracket may put before its unit: `（金额：万元）`, `（人民币：万元）`, `（币种：美元）`.
    static let bracketLabels = ["金额", "人民币", "币种", "货币", "面积", "计量", "amount", "amounts", "currency", "area"]

    /// The unit a bracket's content declares: the content itself, or its first part up to `，`/`、`/`;`
    /// (`（万元，保留两位小数）`), after a label and `：` (`（金额：万元）`). One character alone (`（分）`, `（千）`,
    /// `（k）`: 分表, a sub-table, as often as fen) is not read so, but for 亩, which means nothing else in a title.
    static func bracketUnit(_ content: String, words: Set<String>) -> String? {
        var part = content.split(whereSeparator: { "，,、;；".contains($0) }).first.map(String.init) ?? content
        if let colon = part.firstIndex(where: { ":：".contains($0) }), bracketLabels.contains(String(part[..<colon])) {
            part = String(part[part.index(after: colon)...])
        }
        guard words.contains(part), part.count > 1 || part == "亩" else { return nil }
        return part
    }

    /// The unit word other than `unit`'s own that `cell` declares after a `单位` or `unit` label, or as the whole
    /// content of a bracket (`（万元）`), or nil.
    static func declaredForeignUnit(in cell: String, for unit: RegisterVocabulary.ColumnUnit) -> String? {
        // Full-width forms as ASCII (`（ＵＳＤ）` as `(USD)`), so that the unit words match them; the brackets and
        // separators below are read in both forms.
        let trimmed = Cell.trimmed(cell)
        let text = Array((EventInput.fullWidthASCII(trimmed) ?? trimmed).lowercased())
        guard !text.isEmpty else { return nil }
        let words = unit == .yuan ? RegisterVocabulary.foreignMoneyUnits : RegisterVocabulary.foreignAreaUnits
        let spaces: Set<Character> = [" ", "\u{3000}", "\u{00A0}", "\t"]
        // `（万元）`: only the whole content, so `（5万元以下）`, `（2025年）` and `（草稿）` say nothing of the unit.
        for (open, position) in zip(text, text.indices) {
            guard let closes = brackets[open],
                  let close = text[(position + 1)...].firstIndex(where: { closes.contains($0) }) else { continue }
            let content = String(text[(position + 1)..<close].filter { !spaces.contains($0) })
            if let word = bracketUnit(content, words: words) { return word }
        }
        var index = 0
        while index < text.count {
            var labelEnd: Int? = nil
            if text[index] == "单", index + 1 < text.count, text[index + 1] == "位" {
                labelEnd = index + 2
            } else if index + 4 <= text.count, String(text[index..<(index + 4)]) == "unit",
                      index == 0 || !text[index - 1].isLetter, index + 4 == text.count || !text[index + 4].isLetter {
                labelEnd = index + 4
            }
            guard let end = labelEnd else { index += 1; continue }
            defer { index = end }
            // What stands before the label, back to a separator: 金额 (money), 面积 (area), 编制 (an organisation).
            var start = index
            while start > 0, !"，,、;；:：(（[【".contains(text[start - 1]), !spaces.contains(text[start - 1]) { start -= 1 }
            let before = String(text[start..<index])
            if organisationLabels.contains(where: { before.hasSuffix($0) }) { continue }
            if moneyLabels.contains(where: { before.hasSuffix($0) }), unit != .yuan { continue }
            if areaLabels.contains(where: { before.hasSuffix($0) }), unit != .squareMetres { continue }
            // The rest after `:`/`：`/`为`/`是`, up to a separator: `（单位：万元）`, `单位：万元，制表：张三`.
            var rest = text[end...].drop { spaces.contains($0) || ":：=为是".contains($0) }
            if let stop = rest.firstIndex(where: { "，,、;；)）]】".contains($0) }) { rest = rest[..<stop] }
            let whole = String(rest.filter { !spaces.contains($0) && !"_-".contains($0) })
            let first = String(rest.prefix { !spaces.contains($0) })
            for candidate in [whole, first] where words.contains(candidate) {
                return candidate
            }
        }
        return nil
    }
}
