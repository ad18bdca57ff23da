import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// A CSV file read whole and decoded: fact files are small (months of payments), and reading them whole lets
/// the header be found below title rows and the rows be checked again after the ledger check.
struct FileTable {
    struct Row {
        var number: Int
        var cells: [String?]
        var raw: [[UInt8]]
        var problems: [RowProblem]
    }

    var headings: [String]
    var rawHeader: [[UInt8]]
    var headerRow: Int
    var rows: [Row]
    /// The rows above the header (a title, a bank's account lines), decoded: read for a unit they declare
    /// (`TitleUnits`).
    var titleRows: [(number: Int, cells: [String])]
    var preamble: CSVPreamble
    var encoding: RegisterEncoding
    var sha256: String
    var facts: ImportReport.FileFacts

    static func read<Source: ByteChunkSource>(source: Source, fileName file: String, encoding: RegisterEncoding?,
                                               delimiter: CSVDelimiter?, headerRow: Int?,
                                               knownHeadings: Set<String>) throws(ImportError) -> FileTable {
        var reader = CSVReader(source: HashingByteSource(source), displayName: file, delimiter: delimiter)
        var record = CSVRecord()
        var all: [Row] = []
        var decoder: CellDecoder? = nil
        while try reader.next(into: &record) {
            if decoder == nil { decoder = CellDecoder(requested: encoding, preamble: reader.preamble) }
            var cells: [String?] = []
            var raw: [[UInt8]] = []
            var problems: [RowProblem] = []
            for index in 0..<record.fieldCount {
                raw.append(Array(record.field(index)))
                cells.append(try decoder!.decode(record.field(index), row: record.rowNumber, column: index, heading: "", file: file,
                                                 problems: &problems))
            }
            for problem in record.problems {
                problems.append(RowProblem(file: file, row: record.rowNumber, column: problem.fieldIndex, heading: nil, value: nil,
                                           reason: problem.kind == .strayQuote ? ImportWords.strayQuote : ImportWords.textAfterQuote,
                                           allowed: ImportWords.quoteAllowed))
            }
            all.append(Row(number: record.rowNumber, cells: cells, raw: raw, problems: problems))
        }
        guard let decoder, !all.isEmpty else { throw .empty(file: file) }
        // The row the headings are likely on, for the readings an ambiguous encoding shows (the data's, after it).
        let likelyHeader = headerRow ?? all.prefix(Self.headerSearchRows).first { row in
            row.cells.filter { $0.map { knownHeadings.contains(RegisterVocabulary.normalizedHeading($0)) } ?? false }.count >= 2
        }?.number ?? all[0].number
        try decoder.checkAmbiguity(file: file, afterRow: likelyHeader)
        // The header: the row given, or the first of the first `headerSearchRows` rows with two known headings (rows
        // above it are a title, as clerks put "海韵小区2025年收入明细" above the table).
        let headerIndex: Int
        if let headerRow {
            guard let index = all.firstIndex(where: { $0.number == headerRow }) else {
                throw .header(file: file, row: nil, problems: [ImportWords.noHeaderRow(headerRow, last: all.last!.number)])
            }
            headerIndex = index
        } else {
            headerIndex = all.prefix(Self.headerSearchRows).firstIndex { row in
                row.cells.filter { $0.map { knownHeadings.contains(RegisterVocabulary.normalizedHeading($0)) } ?? false }.count >= 2
            } ?? 0
        }
        let header = all[headerIndex]
        if !header.problems.isEmpty {
            throw .header(file: file, row: header.number, problems: header.problems.map(ImportWords.headerCell))
        }
        let named = header.cells.filter { !Cell.trimmed($0 ?? "").isEmpty }.count
        if headerRow == nil {
            // Rows above a header found by its headings are skipped as a title; rows filled as data rows are (a
            // table sorted with its header row, data pasted above it) would be lost without a word.
            let above = all[..<headerIndex].filter { row in looksLikeData(row.cells.map { $0 ?? "" }, headings: named) }
            if !above.isEmpty {
                throw .header(file: file, row: header.number, problems: [ImportWords.dataAboveHeader(above.map(\.number), header: header.number)])
            }
        }
        // A second header row of sub-headings under merged headings (`SubHeadings`) is refused, naming both rows: a
        // sub-heading read without its merged heading can mean another column (日期 under 业主大会表决 read as the
        // contract's date, 户名 under 对方信息 ignored: review 46e #4), and a fact file's wrong date or payer would be
        // recorded for ever. Registers read such a header (`AssetImport`): their sub-headings name whole columns.
        let headings = header.cells.map { Cell.trimmed($0 ?? "") }, rawHeader = header.raw
        let firstRow = headerIndex + 1
        if firstRow < all.count, all[firstRow].problems.isEmpty, case let below = all[firstRow],
           SubHeadings.parts(headings, below.cells.map { $0 ?? "" },
                             known: { knownHeadings.contains(RegisterVocabulary.normalizedHeading($0)) }) != nil {
            throw .header(file: file, row: header.number, problems: [ImportWords.twoRowHeader(header: header.number, below: below.number)])
        }
        if all[firstRow...].allSatisfy({ row in row.problems.isEmpty && row.cells.allSatisfy { Cell.trimmed($0 ?? "").isEmpty } }) {
            throw .header(file: file, row: header.number, problems: [ImportWords.noRowsBelowHeader])
        }
        let facts = ImportReport.FileFacts(bytes: reader.source.byteCount, encoding: decoder.encodingName,
                                           hasUTF8BOM: reader.preamble.hasUTF8BOM, delimiter: reader.preamble.delimiter,
                                           samples: decoder.samples(afterRow: header.number))
        // The cells were decoded before the header was known: their problems get the column's heading now.
        var rows = Array(all[firstRow...])
        for index in rows.indices where !rows[index].problems.isEmpty {
            rows[index].problems = rows[index].problems.map { problem in
                guard problem.heading == nil, let column = problem.column, column < headings.count, !headings[column].isEmpty else {
                    return problem
                }
                return RowProblem(file: problem.file, row: problem.row, column: column, heading: headings[column],
                                  value: problem.value, reason: problem.why, allowed: problem.advice)
            }
        }
        return FileTable(headings: headings, rawHeader: rawHeader, headerRow: header.number,
                         rows: rows, titleRows: all[..<headerIndex].map { ($0.number, $0.cells.map { $0 ?? "" }) },
                         preamble: reader.preamble, encoding: decoder.encoding ?? .utf8,
                         sha256: reader.source.digest().hex, facts: facts)
    }

    /// How far down a header is looked for by its headings: a bank's export puts a dozen rows of account, period and
    /// currency above its table (ten were too few for some), and rows filled as data above it are refused anyway.
    static let headerSearchRows = 30

    /// Whether a row above a header found by its headings is filled as a data row is, not as a title or a bank's
    /// preamble: values in at least three cells and in all the header's named columns but one at most, none of
    /// them a `label：value` pair. A title ("海韵小区2025年收入明细", merged across the table: one cell), a note
    /// ("单位：元"), a form's 填报单位：… 填报人：… row or an export's 账号,3702…,户名,… row fill fewer or hold colons.
    static func looksLikeData(_ cells: [String], headings: Int) -> Bool {
        let filled = cells.map(Cell.trimmed).filter { !$0.isEmpty }
        if filled.contains(where: { $0.contains(":") || $0.contains("：") }) { return false }
        return filled.count >= 3 && filled.count >= headings - 1
    }
}
