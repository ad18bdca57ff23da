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

    /// Money for a reader of `language`: `3,500.00元` in Chinese (as official documents write it), `¥3,500.00` in
    /// English.
    public static func money(_ amount: Amount, _ language: ReportLanguage) -> String {
        language == .zh ? yuan(amount, symbol: false) + "元" : yuan(amount)
    }

    /// A legal share in Chinese words: 2/3 → 三分之二, 3/4 → 四分之三, 1/2 → 二分之一.
    public static func shareZh(_ share: Share) -> String {
        ChineseNumeral.text(Int(share.denominator)) + "分之" + ChineseNumeral.text(Int(share.numerator))
    }

    /// A date as Chinese headings write it: 2025年12月31日.
    public static func dateZh(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

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
