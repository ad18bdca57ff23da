import LedgerEvents
import LedgerPlatform

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
