import LedgerEvents

/// The messages of the cell rules added in session 30 (control characters, line breaks in one-line fields, the size
/// of a record), in English and Chinese, kept apart from `ImportWords.swift` so that other work on it merges cleanly.
extension ImportWords {
    /// A control character (Unicode Cc: U+0000–U+001F, U+007F–U+009F) inside a cell (`Cell.textRefusal`).
    static func controlInCell(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "contains the control character \(point), which is not text: it is invisible or moves the cursor, so the value looks like another one (and totals and searches would count the two apart)",
                       zh: "含有控制字符 \(point)，它不是文字：看不见或会移动光标，使这个值看起来像另一个值（汇总和查找会把两者分开计算）")
    }

    /// What a cell may hold instead of a control character: `multiLine` for free text (a purpose, a note, a location),
    /// which may hold tabs and line breaks.
    static func controlInCellAllowed(multiLine: Bool) -> Wording {
        multiLine
            ? Wording(en: "Delete that character (retype the text), then save the CSV again; the cell may hold printable characters, spaces, tabs and line breaks.",
                      zh: "请删去该字符（重新输入这段文字），然后重新保存 CSV；该单元格可以含有可打印的字符、空格、制表符和换行。")
            : Wording(en: "Delete that character (retype the text), then save the CSV again; the cell may hold printable characters and spaces only, on one line.",
                      zh: "请删去该字符（重新输入这段文字），然后重新保存 CSV；该单元格只能含有可打印的字符和空格，并且只有一行。")
    }

    /// A line break inside a cell whose value is one line by nature (an id, a voucher, a counterparty, an amount, a
    /// category): most often the sign of an unbalanced quote, which made the reader take the rows below into the cell.
    static func lineBreakInOneLineCell(_ scalar: Unicode.Scalar) -> Wording {
        let point = DisplayText.codePoint(scalar)
        return Wording(en: "contains a line break \(point), but this value is one line; a quote may be unbalanced: a cell that begins with \" on this row and whose closing \" is missing (or is on a later row) takes the rows below into this cell, and they are not imported as rows",
                       zh: "含有换行 \(point)，但这个值只能是一行；可能是引号（\"）不成对：在本行以引号开头的单元格缺少结尾的引号（或结尾的引号在后面的行），就把下面的行并进了这个单元格，那些行不会作为行导入")
    }

    static let lineBreakInOneLineCellAllowed = Wording(
        en: "Open the file in a text editor at this row and make the quotes balanced (a quote inside a cell is written \"\"), or join the value's lines into one (in Excel, delete the line break made with Alt+Enter); then save the CSV again and import it.",
        zh: "请用文本编辑器打开文件，找到这一行，使引号成对（单元格内的引号写作 \"\"），或把值的几行合成一行（在 Excel 中删去用 Alt+Enter 打出的换行）；然后重新保存 CSV 并导入。")

    /// A row whose event would be a record longer than the log allows (`Limits.recordBytesMax`), counted as the
    /// writer would write it (`RecordSize`).
    static func recordTooLong(_ bytes: Int) -> Wording {
        Wording(en: "makes a record of at least \(bytes) bytes, more than the \(Limits.recordBytesMax) bytes a record of the ledger may have (limit recordBytesMax)",
                zh: "生成的记录至少有 \(bytes) 字节，超过账本一条记录允许的 \(Limits.recordBytesMax) 字节（上限 recordBytesMax）")
    }

    static let recordTooLongAllowed = Wording(
        en: "Shorten the row's long cells (they are counted together); keep long documents outside the register and refer to them.",
        zh: "请缩短这一行中较长的单元格（它们合计计算）；长文件放在登记表之外，在表中注明出处即可。")
}
