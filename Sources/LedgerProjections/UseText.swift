import LedgerEvents

/// How OCC-04 compares two values of a use column: as a reader of the register would. A register typed in Excel or
/// WPS writes one use as `车库`, `车库 `, `车库　`, `地下 车库`, `Ｂ1车库` or `车库（地下）` against `车库(地下)`; none of
/// those differences is a change of use, and reporting one would accuse the owners of an unlawful change (review
/// 34b #1). Values are shown as written; only the comparison folds them. The same reading compares names: CON-08's
/// counterparties (`sameCounterparty`) and the import's twin rule (`ImportTwins.Key`), so `某某(集团)` and `某某（集团）`
/// are one tenant or payer to both (review 43a m4).
public enum UseText {
    /// `text` without white space (ASCII, the ideographic space U+3000, no-break spaces) or invisible scalars
    /// (U+200B …), full-width ASCII forms (U+FF01–U+FF5E: `Ｂ`, `（`, `１`, `，`) as their ASCII letters, `、` as `,`,
    /// and ASCII letters in lower case.
    public static func key(_ text: String) -> String {
        // Most values (a use, a payer's name: every recorded payment's is asked) have nothing to fold: as they are.
        if !text.unicodeScalars.contains(where: folds) { return text }
        var out = String.UnicodeScalarView()
        for scalar in (EventInput.fullWidthASCII(text) ?? text).unicodeScalars {
            // Invisible scalars (a zero-width space, a BOM) are no difference a reader could see.
            if scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint { continue }
            var value = scalar.value
            if value == 0x3001 { value = 0x2C }  // 、 and , (，) part a list alike: 车库、仓库 = 车库,仓库
            if (0x41...0x5A).contains(value) { value += 0x20 }
            out.append(Unicode.Scalar(value)!)
        }
        return String(out)
    }

    /// Whether `key` changes `scalar`: white space, an invisible scalar, a full-width ASCII form, `、`, an upper-case
    /// ASCII letter.
    static func folds(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) || scalar.properties.isWhitespace }
        return (0xFF01...0xFF5E).contains(value) || value == 0x3001 || scalar.properties.isWhitespace
            || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Whether two values of a column are the same use (`key`); a column without a value is the same only as another
    /// without one.
    public static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return key(a) == key(b)
        default: return false
        }
    }

    /// Whether `text` holds no use at all (empty, or only white space).
    public static func isBlank(_ text: String) -> Bool { key(text).isEmpty }
}
