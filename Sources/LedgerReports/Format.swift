import LedgerEvents
import LedgerRules

/// The one place where money, areas and dates are turned into text for people.
public enum Format {
    /// Yuan with two decimals and thousands separators, e.g. `¥12,345.60`, `-¥3.00`.
    public static func yuan(_ amount: Amount, symbol: Bool = true) -> String {
        let magnitude = amount.fen.magnitude
        let cents = magnitude % 100
        return (amount.fen < 0 ? "-" : "") + (symbol ? "¥" : "") + grouped(String(magnitude / 100)) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Whole digits with thousands separators: 12345 → 12,345.
    static func grouped(_ digits: String) -> String {
        var whole = digits
        var out = ""
        while whole.count > 3 {
            out = "," + String(whole.suffix(3)) + out
            whole = String(whole.dropLast(3))
        }
        return whole + out
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

    /// An area in running text, grouped as money is (12,345.67): a finding's areas read as its amounts do.
    public static func areaText(_ area: DecimalQuantity) -> String {
        let text = area.description
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = text.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != "." }
        return sign + grouped(String(whole)) + unsigned.dropFirst(whole.count)
    }

    /// A date as YYYY-MM-DD: the form of codes, keys, CSV and JSON values and English text.
    public static func date(_ date: CalendarDate?) -> String { date?.description ?? "" }

    /// A date in running text as its language writes it: 2026年1月5日 in Chinese (as an official writes it, and as
    /// the titles do), 2026-01-05 in English.
    public static func date(_ date: CalendarDate, _ language: ReportLanguage) -> String {
        language == .zh ? dateZh(date) : date.description
    }

    /// A ratio as a percentage with two decimals, rounded down (display only; rules compare exact values).
    public static func percent(_ ratio: Ratio) -> String {
        let basisPoints = ratio.numerator * 10_000 / ratio.denominator
        let cents = basisPoints % 100
        return "\(basisPoints / 100).\(cents < 10 ? "0" : "")\(cents)%"
    }

    /// A policy threshold as a percentage: a whole percent without decimals (70%, as the policy sets it), any other
    /// ratio as `percent` prints it. Measured figures (a utilisation of 24.65%) keep `percent`'s two decimals.
    public static func thresholdPercent(_ ratio: Ratio) -> String {
        (ratio.numerator * 100) % ratio.denominator == 0 ? "\(ratio.numerator * 100 / ratio.denominator)%" : percent(ratio)
    }

    /// A rational amount of fen rounded half up to whole fen (display only).
    public static func roundedFen(_ ratio: Ratio) -> Amount {
        Amount(fen: Int64(clamping: (ratio.numerator * 2 + ratio.denominator) / (ratio.denominator * 2)))
    }

    /// An income per m² (LOW-02's fact values, fen as a ratio) in whole fen, rounded so that the printed figures
    /// keep the rule's strict comparison (a part's income < percentage × the street median): the median
    /// (`median_per_m2`) rounded up, every other figure (the part's income, `income_per_m2` and `received_per_m2`)
    /// rounded down. Each is within a fen of its exact value, and a part listed never prints exactly at the level
    /// (¥83.99 against 70% of ¥120.00, where rounding to the nearest fen printed ¥84.00).
    public static func perAreaFen(_ name: String, _ ratio: Ratio) -> Amount {
        let down = ratio.numerator / ratio.denominator
        if name == "median_per_m2" && down * ratio.denominator != ratio.numerator { return Amount(fen: Int64(clamping: down + 1)) }
        return Amount(fen: Int64(clamping: down))
    }

    /// The term from `start` to `end` (both days included) as an official words it: the whole months whose term from
    /// `start` ends on or before `end`, counted as [CC] 202 counts a term (`CalendarDate.lastDayOfTerm`), in years and
    /// months, then the days after them: 5年零1天, 3年6个月, 1年2个月零3天; 5 years and 1 day, 3 years and 6 months.
    public static func term(from start: CalendarDate, to end: CalendarDate, _ language: ReportLanguage) -> String {
        guard start <= end else { return language == .zh ? "0天" : "0 days" }
        var months = max(0, (end.year - start.year) * 12 + (end.month - start.month) - 1)
        while months > 0 && start.lastDayOfTerm(months: months) > end { months -= 1 }
        while start.lastDayOfTerm(months: months + 1) <= end { months += 1 }
        let days = months == 0 ? start.days(until: end) + 1 : start.lastDayOfTerm(months: months).days(until: end)
        return span(years: months / 12, months: months % 12, days: days, language)
    }

    /// A number of months in years and months: 36 → 3年 / 3 years, 18 → 1年6个月 / 1 year and 6 months.
    public static func months(_ months: Int64, _ language: ReportLanguage) -> String {
        guard months > 0 else { return language == .zh ? "\(months)个月" : Wording.englishCount(months, "month") }
        return span(years: Int(months / 12), months: Int(months % 12), days: 0, language)
    }

    /// Years, months and days, the zero ones left out (all zero: 0天 / 0 days); in Chinese 零 before the days
    /// after a larger unit (5年零1天, 2个月零3天), in English joined with commas and "and".
    static func span(years: Int, months: Int, days: Int, _ language: ReportLanguage) -> String {
        if language == .zh {
            var out = ""
            if years > 0 { out += "\(years)年" }
            if months > 0 { out += "\(months)个月" }
            if days > 0 || out.isEmpty { out += (out.isEmpty ? "" : "零") + "\(days)天" }
            return out
        }
        var parts: [String] = []
        if years > 0 { parts.append(Wording.englishCount(years, "year")) }
        if months > 0 { parts.append(Wording.englishCount(months, "month")) }
        if days > 0 || parts.isEmpty { parts.append(Wording.englishCount(days, "day")) }
        guard parts.count > 1 else { return parts[0] }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}
