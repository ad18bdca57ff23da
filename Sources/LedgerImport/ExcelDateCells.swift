import LedgerEvents

/// Voucher and id cells of a fact file that Excel turned into dates (review 38 S1): a voucher `1-12` saved by Excel
/// reads `2026/1/12`, and imported again it is a new voucher, the payment counted twice. The register's ids have
/// the rule already (`RegisterImporter.looksLikeExcelDate`, README "Ids Excel damaged"); the same detector is asked
/// here of each row's voucher and of the id of the entity a row creates (a contract's, a decision's, a fund's, a
/// use's). References to other entities are left to the ledger check, which finds such an id unregistered.
extension FactImporter {
    /// The field keys whose cells are checked: the voucher and the kind's entity id.
    static func excelDateKeys(_ kind: FactKind) -> [String] {
        (kind.voucherKey == nil ? [] : ["voucher"]) + (kind.entityKey.map { [$0] } ?? [])
    }

    /// A problem at each such cell that reads as a date Excel made: a row read without other problems holds it only
    /// when it states a new fact (`PlannedRow.unlessRecorded`: a record imported before the rule imports again
    /// unchanged); a bad row is told it with its other problems.
    static func refuseExcelDates(_ planned: inout [PlannedRow], columns: [Int], file: String, headings: [String]) {
        guard !columns.isEmpty else { return }
        for index in planned.indices where !planned[index].blank {
            let row = planned[index].row
            for column in columns where column < row.cells.count {
                guard let text = row.cells[column].map(Cell.trimmed), !text.isEmpty, text.utf8.count <= 10,
                      RegisterImporter.looksLikeExcelDate(text) else { continue }
                let problem = RowProblem(file: file, row: row.number, column: column,
                                         heading: column < headings.count && !headings[column].isEmpty ? headings[column] : nil,
                                         value: text, reason: ImportWords.cellLooksLikeExcelDate, allowed: ImportWords.cellLooksLikeExcelDateAllowed)
                if planned[index].event != nil { planned[index].unlessRecorded.append(problem) } else { planned[index].problems.append(problem) }
            }
        }
    }
}

extension ImportWords {
    /// A new voucher or id that reads as a date Excel made of it.
    static let cellLooksLikeExcelDate = Wording(
        en: "reads as a date, as Excel saves a voucher or id such as 1-12 or 3/5 that it took for a date: the number written on the paper is lost, "
            + "and imported it would be a new voucher or id, the same payment or fact recorded twice",
        zh: "是一个日期的样子：Excel 会把 1-12、3/5 这样的凭证号或编号当作日期保存，纸面上的原号已经丢失；这样导入会成为一个新的凭证号或编号，同一笔款项或同一事实就记了两次")
    static let cellLooksLikeExcelDateAllowed = Wording(
        en: "Write it as the paper voucher or document has it: in Excel format the column as Text before typing or pasting, then re-type it "
            + "(or import the original file).",
        zh: "请照纸质凭证或文件填写：在 Excel 中先把该列设置为文本格式，再重新录入或粘贴（或导入原始文件）。")
}
