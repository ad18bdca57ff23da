import LedgerEvents

/// Units declared in the title rows above a header (`金额单位：万元`, `（单位：万元）`, `面积单位：亩`, `unit: 10k yuan`,
/// `Amounts in 10,000 yuan`, `金额单位：`|`万元` over two cells).
///
/// A clerk's table often says its unit once, in a line above the header, instead of in each heading. The importers
/// read every amount in 元 and every area in m², so a file declaring 万元 there would be recorded 10,000 times too
/// small without a word; such a file is refused, as a heading in another unit is (`RegisterVocabulary.foreignUnit`;
/// one rule for both, `UnitWords`). 单位 also means "organisation" (编制单位：海韵物业, 填报单位：…), so only unit
/// words after the label count: `单位：XX物业公司` is a title, not a unit. A title often gives the
/// unit in brackets without the label (`2025年收入明细表（万元）`): a bracket whose content is unit words is a
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
        /// The next cell of the row, when `cell` is a label alone (`金额单位：`) and the unit is in this cell (`万元`).
        var unitColumn: Int? = nil
        var unitCell: String? = nil
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
                    // `金额单位：` in one cell, `万元` in the next (a title typed over two cells): the next non-empty
                    // cell, whole, is the unit; one that declares a unit itself is reported as its own cell.
                    guard endsWithLabel(cell, for: unit),
                          let next = row.cells.indices.first(where: { $0 > column && !Cell.trimmed(row.cells[$0]).isEmpty }),
                          declaredForeignUnit(in: row.cells[next], for: unit) == nil else { continue }
                    let nextText = Cell.trimmed(row.cells[next])
                    let folded = Array((EventInput.fullWidthASCII(nextText) ?? nextText).lowercased())
                    if let word = unitAfterLabel(folded, for: unit) {
                        out.append(Declaration(row: row.number, column: column, cell: Cell.trimmed(cell), unit: word, columnUnit: unit,
                                               unitColumn: next, unitCell: nextText))
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
            ImportWords.titleInForeignUnit(row: $0.row, column: $0.column, cell: $0.cell, unit: $0.unit, columnUnit: $0.columnUnit,
                                           unitColumn: $0.unitColumn, unitCell: $0.unitCell)
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
    /// The unit a bracket's content declares: its first part up to `，`/`、`/`;` (`（万元，保留两位小数）`), read
    /// by the rule of `UnitWords` (`（人民币：万元）`, `（RMB千元）`, `（in thousands of yuan）`), without its labels.
    /// One character alone (`（分）`, `（千）`, `（k）`: 分表, a sub-table, as often as fen) is not read so, but for 亩,
    /// which means nothing else in a title.
    static func bracketUnit(_ content: String, for unit: RegisterVocabulary.ColumnUnit) -> String? {
        let part = UnitWords.parts(content).first ?? content
        let reading = UnitWords.read(part, for: unit)
        guard reading.verdict == .foreign, reading.unit.count > 1 || reading.unit == "亩" else { return nil }
        return reading.unit
    }

    /// The other unit than `unit`'s own that `text` (what follows a label) says: the longest run of its first
    /// words (split at spaces) that is read as a unit (`万元`, `rmb10,000` of `RMB 10,000`, `10,000yuan` of
    /// `10,000 yuan as at 31 December`), when it is another unit; nil when none is (`XX物业公司`, `元`).
    static func unitAfterLabel(_ text: some Collection<Character>, for unit: RegisterVocabulary.ColumnUnit) -> String? {
        let words = text.split(whereSeparator: { spaces.contains($0) })
        var found: UnitWords.Reading? = nil
        var joined = ""
        for word in words {
            joined += String(word)
            let reading = UnitWords.read(joined, for: unit)
            if reading.verdict != .notAUnit { found = reading }
        }
        guard let found, found.verdict == .foreign else { return nil }
        return found.unit
    }

    static let spaces: Set<Character> = [" ", "\u{3000}", "\u{00A0}", "\t"]
    /// Words before an English `in` that make it a unit's label: `Amounts in 10,000 yuan`, `Figures in RMB'000`.
    static let inLabels: Set<String> = ["amount", "amounts", "figures", "expressed", "stated", "values", "numbers", "money", "all", "are", "is"]

    /// What follows each label of `text` (folded: full-width as ASCII, lower-cased), up to the next separator, for
    /// `unit`: after `单位` (not an organisation's: 编制单位; not 面积单位 for money, nor 金额单位 for areas), after
    /// `unit` (a whole word), and after `in` where it follows `amounts`, `figures`, … or opens the cell or a
    /// bracket. The rest of a label that ends the cell is empty: its unit may be the next cell's (`单位：`|`万元`).
    static func labelRests(_ text: [Character], for unit: RegisterVocabulary.ColumnUnit) -> [ArraySlice<Character>] {
        var out: [ArraySlice<Character>] = []
        var index = 0
        while index < text.count {
            var labelEnd: Int? = nil
            var english = false
            func wholeWord(_ word: String) -> Bool {
                let length = word.count
                return index + length <= text.count && String(text[index..<(index + length)]) == word
                    && (index == 0 || !text[index - 1].isLetter) && (index + length == text.count || !text[index + length].isLetter)
            }
            if text[index] == "单", index + 1 < text.count, text[index + 1] == "位" {
                labelEnd = index + 2
            } else if wholeWord("unit") {
                labelEnd = index + 4
                english = true
            } else if wholeWord("in") {
                var start = index
                while start > 0, spaces.contains(text[start - 1]) { start -= 1 }
                var wordStart = start
                while wordStart > 0, text[wordStart - 1].isLetter { wordStart -= 1 }
                let before = String(text[wordStart..<start])
                if start == 0 || "(（[【".contains(text[start - 1]) || inLabels.contains(before) {
                    labelEnd = index + 2
                    english = true
                }
            }
            guard let end = labelEnd else { index += 1; continue }
            defer { index = end }
            if !english {
                // What stands before the label, back to a separator: 金额 (money), 面积 (area), 编制 (an organisation).
                var start = index
                while start > 0, !"，,、;；:：(（[【".contains(text[start - 1]), !spaces.contains(text[start - 1]) { start -= 1 }
                let before = String(text[start..<index])
                if organisationLabels.contains(where: { before.hasSuffix($0) }) { continue }
                if moneyLabels.contains(where: { before.hasSuffix($0) }), unit != .yuan { continue }
                if areaLabels.contains(where: { before.hasSuffix($0) }), unit != .squareMetres { continue }
            }
            // The rest after `:`/`：`/`为`/`是`, up to a separator (a comma between digits is none: `10,000`):
            // `（单位：万元）`, `单位：万元，制表：张三`.
            var rest = text[end...].drop { spaces.contains($0) || ":：=为是".contains($0) }
            if let stop = rest.indices.first(where: { position in
                let character = rest[position]
                if character == ",", position > rest.startIndex, position + 1 < rest.endIndex,
                   rest[position - 1].isNumber, rest[position + 1].isNumber { return false }
                return "，,、;；)）]】".contains(character)
            }) {
                rest = rest[..<stop]
            }
            out.append(rest)
        }
        return out
    }

    /// The unit word other than `unit`'s own that `cell` declares after a `单位`, `unit` or `in` label, or as the
    /// whole content of a bracket (`（万元）`), or nil.
    static func declaredForeignUnit(in cell: String, for unit: RegisterVocabulary.ColumnUnit) -> String? {
        // Full-width forms as ASCII (`（ＵＳＤ）` as `(USD)`), so that the unit words match them; the brackets and
        // separators below are read in both forms.
        let trimmed = Cell.trimmed(cell)
        let text = Array((EventInput.fullWidthASCII(trimmed) ?? trimmed).lowercased())
        guard !text.isEmpty else { return nil }
        // `（万元）`: only the whole content, so `（5万元以下）`, `（2025年）` and `（草稿）` say nothing of the unit.
        for (open, position) in zip(text, text.indices) {
            guard let closes = brackets[open],
                  let close = text[(position + 1)...].firstIndex(where: { closes.contains($0) }) else { continue }
            if let word = bracketUnit(String(text[(position + 1)..<close]), for: unit) { return word }
        }
        for rest in labelRests(text, for: unit) {
            if let word = unitAfterLabel(rest, for: unit) { return word }
        }
        return nil
    }

    /// Whether `cell` ends with a label whose unit is not in it (`单位：`, `金额单位`, `Unit:`): the unit is then the
    /// next cell's, as a table split over two cells writes it.
    static func endsWithLabel(_ cell: String, for unit: RegisterVocabulary.ColumnUnit) -> Bool {
        let trimmed = Cell.trimmed(cell)
        let text = Array((EventInput.fullWidthASCII(trimmed) ?? trimmed).lowercased())
        guard let last = labelRests(text, for: unit).last else { return false }
        return last.allSatisfy { spaces.contains($0) } && last.endIndex == text.count
    }
}
