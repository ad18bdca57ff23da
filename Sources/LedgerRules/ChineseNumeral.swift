/// Chinese numerals for article, paragraph and item numbers (1…9999), as statutes print them.
public enum ChineseNumeral {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// `278` → 二百七十八, `10` → 十, `15` → 十五, `110` → 一百一十, `705` → 七百零五, `1259` → 一千二百五十九.
    public static func text(_ n: Int) -> String {
        precondition(n > 0 && n < 10_000, "article numbers lie between 1 and 9999")
        let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        var out = ""
        var pendingZero = false
        for (value, unit) in places {
            let d = (n / value) % 10
            if d == 0 {
                if !out.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { out += "零"; pendingZero = false }
            // 10–19 read 十, 十五; after a higher place the one is spoken: 一百一十.
            if !(value == 10 && d == 1 && out.isEmpty) { out += digits[d] }
            out += unit
        }
        return out
    }
}
