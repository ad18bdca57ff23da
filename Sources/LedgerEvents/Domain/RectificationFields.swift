// Typed payloads of the rectification loop (整改台账: 交办 → 整改 → 复核 → 销号), ledger-spec.md section 10.
// Findings are named by their keys (section 13.1): text the rectification list prints, never re-derived here.

/// The forms of the loop's fields (ledger-spec.md section 10, "Types").
public enum RectificationFields {
    /// Longest finding key, in bytes: a rule code, two ids and a date with their separators fit.
    public static let keyBytesMax = 400
    /// The formats and languages a list can be issued in.
    public static let reportFormats = ["csv", "html", "json", "md", "table"]
    public static let reportLanguages = ["en", "zh"]

    /// Why `key` is not a finding key, or nil: 1…`keyBytesMax` bytes, no white space, quotes, backslashes or
    /// control characters (the characters of an id, longer).
    public static func keyProblem(_ key: String) -> String? { keyProblemWording(key)?.en }

    /// `keyProblem` in both languages.
    public static func keyProblemWording(_ key: String) -> Wording? {
        if key.isEmpty { return EventWords.mustNotBeEmpty }
        if key.utf8.count > keyBytesMax { return EventWords.keyTooLong(keyBytesMax) }
        for scalar in key.unicodeScalars where scalar.value < 0x21 || (0x7F...0x9F).contains(scalar.value)
            || scalar.properties.isWhitespace || scalar == "\"" || scalar == "\\" {
            return EventWords.keyBadCharacter(key)
        }
        return nil
    }

    /// Whether `text` is 64 lower-case hex digits.
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
