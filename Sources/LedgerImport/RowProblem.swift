import LedgerEvents

/// One bad cell or row of a register: where it is (file, spreadsheet row, column), what it holds, why it was
/// refused and what is allowed. All of a file's problems are collected and reported together: a value, never thrown
/// (what stops a whole import is an `ImportError`).
public struct RowProblem: Equatable, Sendable, CustomStringConvertible {
    /// The file name as the clerk gave it.
    public let file: String
    /// The row number as a spreadsheet shows it (the header is row 1).
    public let row: Int
    /// 0-based column index, nil for a problem with the row as a whole.
    public let column: Int?
    /// The column's heading, as written in the file.
    public let heading: String?
    /// The offending cell value, nil when the cell is empty or could not be decoded.
    public let value: String?
    /// What is wrong, as a phrase that follows the value (`is not an area`), in English and Chinese.
    public let why: Wording
    /// What would be accepted, or what to do, in English and Chinese.
    public let advice: Wording

    /// What is wrong, in English.
    public var reason: String { why.en }
    /// What would be accepted, in English.
    public var allowed: String { advice.en }

    public init(file: String, row: Int, column: Int?, heading: String?, value: String?, reason: Wording, allowed: Wording) {
        self.file = file
        self.row = row
        self.column = column
        // A column without a heading is named by its letter alone (`G 列`, not `G 列“”`: review 38b).
        self.heading = heading.flatMap { Cell.trimmed($0).isEmpty ? nil : $0 }
        self.value = value
        self.why = reason
        self.advice = allowed
    }

    /// A problem written in English only.
    public init(file: String, row: Int, column: Int?, heading: String?, value: String?, reason: String, allowed: String) {
        self.init(file: file, row: row, column: column, heading: heading, value: value,
                  reason: Wording(same: reason), allowed: Wording(same: allowed))
    }

    /// Equal when place, value and the English reason and advice are: the Chinese is a translation.
    public static func == (lhs: RowProblem, rhs: RowProblem) -> Bool {
        lhs.file == rhs.file && lhs.row == rhs.row && lhs.column == rhs.column && lhs.heading == rhs.heading
            && lhs.value == rhs.value && lhs.reason == rhs.reason && lhs.allowed == rhs.allowed
    }

    /// `column C "类型"`, or nil.
    public var place: String? {
        guard let column else { return nil }
        return "column \(ColumnName.letters(column))" + (heading.map { " \"\(RowProblem.shown($0))\"" } ?? "")
    }

    /// The message without the file and row, as written into the error column of a rejects file.
    public var cellMessage: String {
        var text = place.map { $0 + ": " } ?? ""
        if let value { text += "\"\(RowProblem.shown(value))\" " }
        return text + reason + ". " + allowed
    }

    public var description: String { "\(file): row \(row), " + cellMessage }

    /// `cellMessage` in both languages: `C 列“金额”：“3000.505”…。…` in Chinese.
    public var cellWording: Wording {
        var zh = column.map { ImportWords.column($0, heading: heading).zh + "：" } ?? ""
        if let value { zh += "“\(RowProblem.shown(value))”" }
        zh += why.zh + "。" + advice.zh
        return Wording(en: cellMessage, zh: zh)
    }

    /// The whole message in both languages: `收入.csv: row 4, column C "金额": "3000.505" …` /
    /// `收入.csv 第 4 行，C 列 "金额"："3000.505" …。…`.
    public var message: Wording {
        Wording(en: description, zh: "\(file) 第 \(row) 行" + (column == nil ? "：" : "，") + cellWording.zh)
    }

    /// A value as it can be shown on one line and seen: line breaks and tabs escaped, every other invisible
    /// character (a zero-width space, a no-break space, a byte-order mark, a control) named by its code point
    /// (`<U+200B>`, `DisplayText.visible`), long values shortened. Every importer's message quotes a value from the
    /// file (a cell, a heading, a mapping's word) through this one function.
    static func shown(_ value: String) -> String {
        var out = ""
        var count = 0
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            count += 1
            if count > 80 { out += "…"; break }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // The ideographic space between words is ordinary Chinese text (`合　计`); at either end it is shown.
            case "\u{3000}" where index > 0 && index < scalars.count - 1: out.unicodeScalars.append(scalar)
            default:
                if DisplayText.isInvisible(scalar) { out += DisplayText.codePoint(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
