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

    private static let accountingSpaces: Set<Unicode.Scalar> = [" ", "\t", "\u{A0}", "\u{3000}"]
    private static let accountingDashes: Set<Unicode.Scalar> = ["-", "\u{FF0D}", "\u{2010}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]
}

extension ImportWords {
    /// Put before the reason a zero amount is refused when the cell was Excel's accounting zero (`"¥ -" reads as 0 …`).
    static let accountingZero = Wording(en: "reads as 0 (Excel's accounting format shows 0 as a dash): ",
                                        zh: "读作 0（Excel 会计专用格式把 0 显示为短横线）：")
}
