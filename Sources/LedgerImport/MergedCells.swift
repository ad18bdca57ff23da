import LedgerEvents

/// Blank link cells under a filled one (review 38b M1). Excel saves a merged cell as its value in the first row and
/// blanks under it: a contract id merged over a tenant's monthly rents, a decision id over a project's payments.
/// A required column refuses each blank row already ("is empty, but every row needs …"), so a merged cell there is
/// caught row by row. An optional link column (an income's contract, a spending's or transfer's decision, a use's
/// authority) takes a blank as "none", and the rules then flag the paid rent or decided spending as lacking its
/// contract or decision (CON-07, FUND-01) — but a blank there is also honest (parking fees have no contract, petty
/// spending no decision), and which it is cannot be told from the file. So such blanks are not refused: the report
/// notes every run of them directly under a filled cell whose rows go on the filled row's matter (the same
/// counterparty, category, purpose or part: a merged cell spans one tenant's rents or one project's payments),
/// naming the rows and the column, so that the clerk checks them before the rules speak; honest blanks import as
/// they are, and a blank under another matter's row (a parking fee under an advertiser's rent) is no note.
extension FactImporter {
    /// The fields that say what a row is about (`mergedCellNotes`): not its date, amount, voucher or account.
    static let matterKeys: Set<String> = ["counterparty", "category", "purpose", "purpose_category", "asset_ids", "asset_id", "user",
                                          "matter", "authorises.purpose"]

    /// How many runs a note lists for one column; the rest are counted.
    static let mergedRunsListedMax = 5

    /// One note per optional link column with blank cells directly under a filled one: each run of consecutive
    /// data rows whose cell is blank, under the row that has a value.
    static func mergedCellNotes(_ planned: [PlannedRow], fields: [FactField], columnOfField: [Int?], headings: [String]) -> [Wording] {
        var notes: [Wording] = []
        // The columns that say what a row is about: a row under the filled one continues its run only when it shares one.
        let matterColumns = fields.indices.filter { Self.matterKeys.contains(fields[$0].key) }.compactMap { columnOfField[$0] }
        func cell(_ item: PlannedRow, _ column: Int) -> String? {
            column < item.row.cells.count ? item.row.cells[column].map(Cell.trimmed) : nil
        }
        // (A file without such a column, a transfers file, has only the rows' order to go by.)
        func sameMatter(_ item: PlannedRow, _ filled: PlannedRow) -> Bool {
            matterColumns.isEmpty || matterColumns.contains { column in cell(item, column).map { !$0.isEmpty && $0 == cell(filled, column) } ?? false }
        }
        for (index, field) in fields.enumerated() where !field.required && field.isLink {
            guard let column = columnOfField[index] else { continue }
            // (the filled row, the first and last blank row under it)
            var runs: [(filled: Int, first: Int, last: Int)] = []
            var filledRow: PlannedRow? = nil, open: (first: Int, last: Int)? = nil
            var previousRow: Int? = nil
            func close() {
                if let run = open, let filled = filledRow { runs.append((filled.row.number, run.first, run.last)) }
                open = nil
            }
            for item in planned where !item.blank && item.idSuffix == nil {
                let number = item.row.number
                // A merged cell spans consecutive rows of one matter: a gap (a blank row) or another matter ends the run.
                if let previous = previousRow, number != previous + 1 { close(); filledRow = nil }
                previousRow = number
                guard let text = cell(item, column) else { close(); filledRow = nil; continue }
                if text.isEmpty {
                    guard let filled = filledRow, sameMatter(item, filled) else { close(); filledRow = nil; continue }
                    open = (open?.first ?? number, number)
                } else {
                    close()
                    filledRow = item
                }
            }
            close()
            guard !runs.isEmpty else { continue }
            notes.append(ImportWords.blankUnderFilled(column: column, heading: column < headings.count ? headings[column] : "",
                                                      runs: runs, listedMax: mergedRunsListedMax))
        }
        return notes
    }
}

extension FactField {
    /// Whether the field names another entity the ledger holds (a contract, a decision, assets): a link column.
    var isLink: Bool {
        switch value {
        case .id, .ids: return true
        default: return false
        }
    }
}

extension ImportWords {
    /// `column G "合同编号" is empty in rows 5–7 under row 4, which has a value, …`: `FactImporter.mergedCellNotes`.
    static func blankUnderFilled(column: Int, heading: String, runs: [(filled: Int, first: Int, last: Int)], listedMax: Int) -> Wording {
        let place = ImportWords.column(column, heading: heading.isEmpty ? nil : heading)
        func rows(_ run: (filled: Int, first: Int, last: Int), zh: Bool) -> String {
            if zh { return run.first == run.last ? "第\(run.first)行" : "第\(run.first)–\(run.last)行" }
            return run.first == run.last ? "row \(run.first)" : "rows \(run.first)–\(run.last)"
        }
        let listed = runs.prefix(listedMax)
        let en = listed.map { "\(rows($0, zh: false)) (under row \($0.filled))" }.joined(separator: ", ")
        let zh = listed.map { "\(rows($0, zh: true))（其上第\($0.filled)行有值）" }.joined(separator: "、")
        let more = runs.count > listedMax
            ? Wording(en: " and \(runs.count - listedMax) more such run\(runs.count - listedMax == 1 ? "" : "s")", zh: "等 \(runs.count) 处")
            : Wording(same: "")
        return Wording(
            en: "\(place.en) is empty in \(en)\(more.en), directly under a row that has a value: if the cells were merged in Excel, "
                + "which keeps a merged cell's value in its first row only, fill in every row and import again; a row that indeed has none is imported without it "
                + "(the rules then judge it as having none).",
            zh: "\(place.zh)在\(zh)\(more.zh)为空，紧接在有值的行下面：若是 Excel 中的合并单元格（Excel 只在合并区域的第一行保存值），"
                + "请在每一行填写后重新导入；确实没有的行照原样导入（规则检查时按没有处理）。")
    }
}
