import LedgerPlatform

/// Data rows of a register as read and decoded, handed from the reading thread to the importer's in one piece and
/// back for reuse (`AssetImport.run`, `ReusePool`): each row keeps its arrays (cells, trimmed cells, problems, the
/// record's bytes) from one use to the next and is refilled in place, so that a row read makes no storage of its
/// own beyond its cells' texts.
struct ReadRows: Reusable {
    /// A row as read: what the importer takes, and the record's bytes for the rejects file should it refuse the row.
    struct Row {
        var row = RegisterRow(rowNumber: 0, cells: [])
        /// The record's cells' bytes one after the other, and where each cell ends.
        var bytes: [UInt8] = []
        var fieldEnds: [Int] = []

        /// The cells as the file has them (a rejected row's, for the rejects file).
        func rawCells() -> [[UInt8]] {
            var start = 0
            return fieldEnds.map { end in
                defer { start = end }
                return Array(bytes[start..<end])
            }
        }
    }

    /// The rows in use: the first `count` of `rows` (the others keep their storage for the next group).
    private(set) var count = 0
    private(set) var rows: [Row] = []

    init() {}

    mutating func clearForReuse() { count = 0 }

    /// Reads `record` into the next row: its cells decoded (their problems the row's, after a stray quote's), and
    /// whether its bytes may hold a control character (`RegisterRow.controlsPossible`); with `columns` (the
    /// importer's `cellColumns`), its cells trimmed and the cell rules' answers too (`RegisterRow.Answers`), which the
    /// importer then does not work out itself.
    /// - Throws: what `CellDecoder.decode` throws (a file that mixes encodings).
    mutating func add(_ record: CSVRecord, decoder: inout CellDecoder, headings: [String], file: String, scanRecords: Bool,
                      columns: (roles: [ColumnRole], name: Int?)?) throws(ImportError) {
        if count == rows.count { rows.append(Row()) }
        try rows[count].read(record, decoder: &decoder, headings: headings, file: file, scanRecords: scanRecords, columns: columns)
        count += 1
    }
}

extension ReadRows.Row {
    /// Fills this row from `record` in place (see `ReadRows.add`).
    fileprivate mutating func read(_ record: CSVRecord, decoder: inout CellDecoder, headings: [String], file: String,
                                   scanRecords: Bool, columns: (roles: [ColumnRole], name: Int?)?) throws(ImportError) {
        row.rowNumber = record.rowNumber
        row.cells.removeAll(keepingCapacity: true)
        row.problems.removeAll(keepingCapacity: true)
        var decodeProblems: [RowProblem] = []
        for index in 0..<record.fieldCount {
            let heading = index < headings.count ? headings[index] : ""
            row.cells.append(try decoder.decode(record.field(index), row: record.rowNumber, column: index, heading: heading,
                                                file: file, problems: &decodeProblems))
        }
        for problem in record.problems {
            let heading = problem.fieldIndex < headings.count ? headings[problem.fieldIndex] : nil
            // The cell as decoded (a GB18030 cell read as UTF-8 would show only replacement characters).
            let value = problem.fieldIndex < row.cells.count ? row.cells[problem.fieldIndex] : nil
            switch problem.kind {
            case .strayQuote:
                row.problems.append(RowProblem(
                    file: file, row: record.rowNumber, column: problem.fieldIndex, heading: heading, value: value,
                    reason: ImportWords.strayQuote, allowed: ImportWords.strayQuoteAllowed))
            case .textAfterClosingQuote:
                row.problems.append(RowProblem(
                    file: file, row: record.rowNumber, column: problem.fieldIndex, heading: heading, value: value,
                    reason: ImportWords.textAfterQuote, allowed: ImportWords.quoteWholeCell))
            }
        }
        // A problem found while splitting overrides the decoded value (the cell is refused anyway).
        row.problems += decodeProblems
        // Cells read as UTF-8 (or ASCII) are the record's bytes: one pass over the record tells whether any cell may
        // hold a control character or a line break, instead of a pass over each cell (`Cell.controlRefusal`).
        row.controlsPossible = !(scanRecords && decoder.encoding != .gb18030 && !record.bytes.contains(where: Cell.mayBeginControl))
        // Trimmed and the cell rules asked on this thread: the importer's, the longer stage, does less.
        if let columns {
            if row.trimmedCells == nil { row.trimmedCells = [] }
            row.trimmedCells!.removeAll(keepingCapacity: true)
            for cell in row.cells { row.trimmedCells!.append(cell.map(Cell.trimmed)) }
            if row.answers == nil { row.answers = RegisterRow.Answers() }
            RegisterImporter.cellAnswers(row.trimmedCells!, columns: columns, controlsPossible: row.controlsPossible, into: &row.answers!)
        } else {
            row.trimmedCells = nil
            row.answers = nil
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: record.bytes)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldEnds.append(contentsOf: record.fieldEnds)
    }
}
