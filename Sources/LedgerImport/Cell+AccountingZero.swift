import LedgerEvents

/// Excel's accounting number format (会计专用) shows a zero amount as the currency sign and a dash (`¥ -`, `￥-`),
/// and a CSV saved from it holds that text: the cell is 0, never "not a number" (review 45a).
extension Cell {
    /// Whether `text` is a currency sign (`¥`, `￥`) and one or two dashes, spaces anywhere.
    static func isAccountingZero(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.filter { !accountingSpaces.contains($0) }
        guard let first = scalars.first, first == "\u{A5}" || first == "\u{FFE5}" else { return false }
        let rest = scalars.dropFirst()
        return (1...2).contains(rest.count) && rest.allSatisfy(accountingDashes.contains)
    }

    /// Whether `text` is one or two dashes and nothing else (spaces aside): what a sheet shows for 0 in the
    /// accounting format without its currency sign, or for "none".
    static func isDashOnly(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.filter { !accountingSpaces.contains($0) }
        return (1...2).contains(scalars.count) && scalars.allSatisfy(accountingDashes.contains)
    }

    private static let accountingSpaces: Set<Unicode.Scalar> = [" ", "\t", "\u{A0}", "\u{3000}"]
    private static let accountingDashes: Set<Unicode.Scalar> = ["-", "\u{FF0D}", "\u{2010}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]
}

extension ImportWords {
    /// Put before the reason a zero amount is refused when the cell was Excel's accounting zero (`"¥ -" reads as 0 …`).
    static let accountingZero = Wording(en: "reads as 0 (Excel's accounting format shows 0 as a dash): ",
                                        zh: "读作 0（Excel 会计专用格式把 0 显示为短横线）：")

    /// 0 in a money column that may be left empty (`authorises.amount_cap_fen`, 金额上限): no amount, not ¥0.01.
    /// - Parameter label: the field's name in the file's kind (`授权金额上限（元）`).
    static func zeroInOptionalAmount(_ key: String, label: String) -> Wording {
        Wording(en: "0 is no amount for \(key) (\(label)): the column may be left empty, and an empty cell says there is none",
                zh: "0 不是有效的\(label)：这一列可以不填，空着即表示没有")
    }
    static let zeroInOptionalAmountAllowed = Wording(
        en: "Leave the cell empty where there is no amount; otherwise write the amount in figures (e.g. 80,000.00).",
        zh: "没有金额的，请让该单元格空着；有的，请用数字填写金额（例如 80,000.00）。")

    /// A dash alone in an amount cell (`-`, `--`, `－`): no number, and not read as 0 or as empty (a guess either way).
    static let dashOnlyAmount = Wording(
        en: "is a dash alone, which is read as no amount at all (neither 0 nor an empty cell: a sheet shows both so, in the accounting format or for \"none\")",
        zh: "只是短横线，不能读作金额（既不读作 0，也不读作空：表格的会计专用格式或“无”都会这样显示）")
    static let dashOnlyAmountAllowed = Wording(
        en: "Write the amount in figures (e.g. 1,200.00); where there is none and the column may be empty (金额上限), leave the cell empty. Excel: set the column's format to Number (数值) instead of Accounting (会计专用).",
        zh: "请用数字填写金额（例如 1,200.00）；没有金额且这一列可以不填的（如金额上限），请让该单元格空着。Excel 中可把该列的格式由“会计专用”改为“数值”。")
}
