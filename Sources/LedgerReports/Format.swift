import LedgerEvents
import LedgerRules

/// The one place where money, areas and dates are turned into text for people.
public enum Format {
    /// Yuan with two decimals and thousands separators, e.g. `¥12,345.60`, `-¥3.00`.
    public static func yuan(_ amount: Amount, symbol: Bool = true) -> String {
        let magnitude = amount.fen.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + String(whole.suffix(3)) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = magnitude % 100
        return (amount.fen < 0 ? "-" : "") + (symbol ? "¥" : "") + whole + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Yuan with two decimals, no separators or symbol: for CSV and JSON, where a spreadsheet must read a number.
    public static func yuanPlain(_ amount: Amount) -> String { amount.yuanText }

    /// An area in m² with two decimals.
    public static func area(_ area: DecimalQuantity) -> String { area.description }

    /// A date as YYYY-MM-DD (the only date form the ledger prints).
    public static func date(_ date: CalendarDate?) -> String { date?.description ?? "" }

    /// A ratio as a percentage with two decimals, rounded down (display only; rules compare exact values).
    public static func percent(_ ratio: Ratio) -> String {
        let basisPoints = ratio.numerator * 10_000 / ratio.denominator
        let cents = basisPoints % 100
        return "\(basisPoints / 100).\(cents < 10 ? "0" : "")\(cents)%"
    }

    /// A rational amount of fen rounded half up to whole fen (display only).
    public static func roundedFen(_ ratio: Ratio) -> Amount {
        Amount(fen: Int64(clamping: (ratio.numerator * 2 + ratio.denominator) / (ratio.denominator * 2)))
    }
}
