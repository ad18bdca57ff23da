import LedgerEvents

extension ImportWords {
    /// A cell that begins with Excel's or WPS's text marker (`'00123`: `Cell.textMarker`), saved into the file. A
    /// mark other than ASCII `'` is named by its code point too: `’` and `'` look alike in most fonts.
    static func textMarker(_ mark: Unicode.Scalar) -> Wording {
        let point = mark == "'" ? "" : " \(DisplayText.codePoint(mark))"
        return Wording(
            en: "begins with \"\(Character(mark))\"\(point): Excel's text marker (typed before a number to keep its leading zeros) was saved into the file as part of the value",
            zh: "以“\(Character(mark))”\(point)开头：这是 Excel 的文本标记（在数字前输入它以保留开头的 0），被当作值的一部分存进了文件")
    }

    /// What to do about it: remove the marker (`without` is the cell without it); `id` says the cell is an id's.
    static func textMarkerAllowed(without: String, id: Bool) -> Wording {
        let reads = without.isEmpty
            ? Wording(en: "the cell is then empty", zh: "单元格即为空")
            : id ? Wording(en: "the id then reads as \"\(RowProblem.shown(without))\"", zh: "编号即为“\(RowProblem.shown(without))”")
                 : Wording(en: "the cell then reads as \"\(RowProblem.shown(without))\"", zh: "单元格即为“\(RowProblem.shown(without))”")
        return Wording(
            en: "Remove the leading mark from the cell (\(reads.en)) and save the CSV again; to keep leading zeros, set the column's format to Text instead. The ledger does not remove it for you: it never changes a value silently.",
            zh: "请删去单元格开头的这个符号（\(reads.zh)），然后重新保存 CSV；要保留开头的 0，请改为把这一列设为“文本”格式。账本不会替您删去它：账本从不悄悄改动一个值。")
    }
}
