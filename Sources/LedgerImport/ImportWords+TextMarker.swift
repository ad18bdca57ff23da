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

    /// One id of a list cell that begins with the text marker (`A-1,'A-2`: a phrase that follows the cell).
    static func textMarkerInList(_ id: String, mark: Unicode.Scalar) -> Wording {
        let point = mark == "'" ? "" : " \(DisplayText.codePoint(mark))"
        let shown = RowProblem.shown(id)
        return Wording(
            en: "holds the id \"\(shown)\", which begins with \"\(Character(mark))\"\(point): Excel's text marker (typed before a number to keep its leading zeros) was saved into the file as part of that id",
            zh: "中的编号“\(shown)”以“\(Character(mark))”\(point)开头：这是 Excel 的文本标记（在数字前输入它以保留开头的 0），被当作该编号的一部分存进了文件")
    }

    /// What to do about a marked id of a list cell: remove the mark before that id (`without`: the id without it).
    static func textMarkerInListAllowed(_ id: String, without: String) -> Wording {
        let shown = RowProblem.shown(id)
        let reads = without.isEmpty
            ? Wording(en: "nothing is then left of it: delete it from the list", zh: "删去后该编号即为空：请把它从列表中删去")
            : Wording(en: "it then reads as \"\(RowProblem.shown(without))\"", zh: "该编号即为“\(RowProblem.shown(without))”")
        return Wording(
            en: "Remove the mark before \"\(shown)\" in the cell (\(reads.en)) and save the CSV again. The ledger does not remove it for you: it never changes a value silently.",
            zh: "请删去单元格中“\(shown)”前的这个符号（\(reads.zh)），然后重新保存 CSV。账本不会替您删去它：账本从不悄悄改动一个值。")
    }

    /// An option's id (`--community`, `--fund`) that begins with the text marker and names nothing the ledger holds:
    /// the cell's words, said of the option, and what to give instead (`instead`: `CommunityOption.markedAdvice`).
    /// - Parameter heldMarked: the ledger holds the id with another mark (`instead` names it): the mark is replaced,
    ///   not removed (review of carriedfix51 #2).
    static func optionTextMarker(option: String, given: String, mark: Unicode.Scalar, instead: Wording, heldMarked: Bool = false) -> Wording {
        let point = mark == "'" ? "" : " \(DisplayText.codePoint(mark))"
        let shown = RowProblem.shown(given)
        // A fund is opened (开立), a community registered (登记).
        let none = option == "fund"
            ? Wording(en: "no fund is opened under \"\(shown)\"", zh: "账本中没有编号为“\(shown)”的资金账户")
            : Wording(en: "no community is registered under \"\(shown)\"", zh: "账本中没有以“\(shown)”登记的小区")
        let lead = heldMarked
            ? Wording(en: "Write the id as the ledger holds it", zh: "应改用账本中的写法")
            : Wording(en: "Remove the mark", zh: "请删去这个符号")
        return Wording(
            en: "--\(option) \"\(shown)\" begins with \"\(Character(mark))\"\(point), Excel's text marker (typed before a number in a cell to keep its leading zeros), "
                + "copied with the id; \(none.en). \(lead.en): \(instead.en). The ledger does not remove it for you: it never changes a value silently",
            zh: "--\(option) “\(shown)”以“\(Character(mark))”\(point)开头：这是 Excel 的文本标记（在单元格中的数字前输入它以保留开头的 0），随编号一起复制了过来；"
                + "\(none.zh)。\(lead.zh)，\(instead.zh)。账本不会替您删去它：账本从不悄悄改动一个值")
    }
}
