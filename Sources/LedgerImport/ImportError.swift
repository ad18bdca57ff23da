import LedgerEvents

/// A problem that stops a whole import before any row can be judged: the file cannot be read, is not CSV,
/// its header lacks a required column, or its structure breaks down. Row problems are `RowProblem`s instead,
/// collected so that every bad row is reported at once.
///
/// Every message names the file and says what to do next.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (file, operating-system reason).
    case file(String, String)
    /// The file is a workbook or UTF-16 text rather than CSV (file, what to do).
    case notCSV(String, String)
    /// The file has no header row.
    case empty(String)
    /// Problems with the header row, all of them (file, the header's row number when one was found, one sentence
    /// per problem).
    case header(String, Int?, [Wording])
    /// A quoted cell is never closed (file, row, 0-based column, line where the quote opened).
    case unterminatedQuote(String, Int, Int, Int)
    /// A cell is longer than the limit (file, row, 0-based column, line where it started, inside quotes, limit).
    case cellTooLong(String, Int, Int, Int, Bool, Int)
    /// A row has more cells than the limit (file, row, limit).
    case tooManyColumns(String, Int, Int)
    /// The file has more rows than the limit (file, limit).
    case tooManyRows(String, Int)
    /// The file is not valid UTF-8 after the first part was (file, row, 0-based column, heading, bytes in hex).
    case mixedEncoding(String, Int, Int, String, String)
    /// The file reads both as UTF-8 and as GB18030 with different text (file, sample cells as UTF-8, the same
    /// cells as GB18030).
    case ambiguousEncoding(String, [String], [String])
    /// The mapping file is unusable (mapping file, reason).
    case mapping(String, Wording)

    public var description: String {
        switch self {
        case .file(let file, let reason):
            return "\(file): cannot read the file: \(reason)."
        case .notCSV(let file, let advice):
            return "\(file): not a CSV file: \(advice)."
        case .empty(let file):
            return "\(file): the file is empty; an import needs a header row and at least one row."
        case .header(let file, let row, let problems):
            let place = row.map { "header (row \($0))" } ?? "header"
            return problems.map { "\(file): \(place): \($0.en)" }.joined(separator: "\n")
        case .unterminatedQuote(let file, let row, let column, let line):
            return "\(file): row \(row), column \(ColumnName.letters(column)): a quoted cell opened on line \(line) is "
                + "never closed, so the rest of the file would be read as one cell. Add the closing \" (write a quote "
                + "inside a quoted cell as \"\"), then import again."
        case .cellTooLong(let file, let row, let column, let line, let quoted, let limit):
            let hint = quoted
                ? " It opened with a quote on line \(line); probably that quote is never closed. Add the closing \" (write a quote inside a quoted cell as \"\")."
                : " Shorten the cell."
            return "\(file): row \(row), column \(ColumnName.letters(column)): the cell is longer than \(limit) bytes "
                + "(limit csvFieldBytesMax).\(hint)"
        case .tooManyColumns(let file, let row, let limit):
            return "\(file): row \(row) has more than \(limit) cells (limit csvColumnsMax). Check the separator "
                + "(--delimiter comma|tab)."
        case .tooManyRows(let file, let limit):
            return "\(file): the file has more than \(limit) rows (limit csvRowsMax). Split it into several files."
        case .mixedEncoding(let file, let row, let column, let heading, let hex):
            return "\(file): row \(row), column \(ColumnName.letters(column)) \"\(heading)\": the bytes \(hex) are not "
                + "UTF-8, but earlier rows were UTF-8, so the file mixes two encodings. Fix that cell and save the file "
                + "again as \"CSV UTF-8\"; or pass --encoding utf8 to list every such cell, or --encoding gb18030 if "
                + "the file really is GB18030."
        case .ambiguousEncoding(let file, let utf8, let gb):
            let samples = zip(utf8, gb).map { "\"\($0.0)\" (UTF-8) or \"\($0.1)\" (GB18030)" }.joined(separator: "; ")
            return "\(file): the file can be read as UTF-8 and as GB18030/GBK, and the text differs: \(samples). "
                + "Pass --encoding gb18030 (Excel's default \"CSV\" on Chinese Windows) or --encoding utf8 to say which; "
                + "--dry-run then shows the values as read."
        case .mapping(let file, let reason):
            return "\(file): \(reason.en)"
        }
    }
}

extension ImportError {
    /// The message in both languages (the English is `description`).
    public var message: Wording { Wording(en: description, zh: chinese) }

    /// The message in Chinese.
    var chinese: String {
        switch self {
        case .file(let file, let reason):
            return "\(file)：无法读取该文件：\(reason)。"
        case .notCSV(let file, let advice):
            return "\(file)：不是 CSV 文件：\(advice)。"
        case .empty(let file):
            return "\(file)：文件是空的；导入需要一行标题和至少一行数据。"
        case .header(let file, let row, let problems):
            let place = row.map { "标题行（第 \($0) 行）" } ?? "标题行"
            return problems.map { "\(file)：\(place)：\($0.zh)" }.joined(separator: "\n")
        case .unterminatedQuote(let file, let row, let column, let line):
            return "\(file) 第 \(row) 行，\(ColumnName.letters(column)) 列：第 \(line) 行开始的带引号单元格一直没有结束，文件其余部分会被读成一个单元格。"
                + "请补上结束的 \"（带引号的单元格内，引号写成 \"\"），然后重新导入。"
        case .cellTooLong(let file, let row, let column, let line, let quoted, let limit):
            let hint = quoted
                ? "它从第 \(line) 行的一个引号开始，很可能这个引号没有结束。请补上结束的 \"（带引号的单元格内，引号写成 \"\"）。"
                : "请缩短该单元格。"
            return "\(file) 第 \(row) 行，\(ColumnName.letters(column)) 列：单元格超过 \(limit) 字节（上限 csvFieldBytesMax）。\(hint)"
        case .tooManyColumns(let file, let row, let limit):
            return "\(file) 第 \(row) 行超过 \(limit) 个单元格（上限 csvColumnsMax）。请检查分隔符（--delimiter comma|tab）。"
        case .tooManyRows(let file, let limit):
            return "\(file)：文件超过 \(limit) 行（上限 csvRowsMax）。请分成几个文件。"
        case .mixedEncoding(let file, let row, let column, let heading, let hex):
            return "\(file) 第 \(row) 行，\(ColumnName.letters(column)) 列 \"\(heading)\"：字节 \(hex) 不是 UTF-8，但前面各行是 UTF-8，"
                + "文件混用了两种编码。请改正该单元格，再把文件另存为“CSV UTF-8”；或加 --encoding utf8 列出所有这样的单元格；"
                + "如果文件确实是 GB18030，请加 --encoding gb18030。"
        case .ambiguousEncoding(let file, let utf8, let gb):
            let samples = zip(utf8, gb).map { "\"\($0.0)\"（UTF-8）或 \"\($0.1)\"（GB18030）" }.joined(separator: "；")
            return "\(file)：文件既能按 UTF-8 读，也能按 GB18030/GBK 读，读出的文字不同：\(samples)。"
                + "请加 --encoding gb18030（中文 Windows 下 Excel 默认的“CSV”）或 --encoding utf8 说明是哪一种；"
                + "--dry-run 会显示读出的值。"
        case .mapping(let file, let reason):
            return "\(file)：\(reason.zh)"
        }
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
public enum ColumnName {
    /// The letters of the 0-based column `index`.
    public static func letters(_ index: Int) -> String {
        precondition(index >= 0, "column index is 0-based and non-negative")
        var n = index + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            n = (n - 1) / 26
        }
        var text = ""
        for s in scalars.reversed() { text.unicodeScalars.append(s) }
        return text
    }
}
