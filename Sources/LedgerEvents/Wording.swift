/// A text a person reads, in English and in Chinese. The library layers build their messages as `Wording`s from
/// labelled values, each module in one place (`EventWords`, `ImportWords`); the command line picks the language
/// (`--lang`). The English text is the one tests, logs and `description` use.
public struct Wording: Sendable, Hashable, CustomStringConvertible {
    public let en: String
    public let zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// A text that reads the same in both languages (a value, an id, a list of field names).
    public init(same text: String) { self.init(en: text, zh: text) }

    public var description: String { en }

    /// The Chinese text when `chinese`, else the English one.
    public func text(chinese: Bool) -> String { chinese ? zh : en }

    /// The two texts joined: `a + b` is `a.en + b.en` and `a.zh + b.zh`.
    public static func + (lhs: Wording, rhs: Wording) -> Wording { Wording(en: lhs.en + rhs.en, zh: lhs.zh + rhs.zh) }
}

extension Wording {
    /// An English noun for `count` things: `singular` for exactly one, else `plural` (by default `singular` + "s"):
    /// "1 day", "0 days", "2 periods". The one place English counts are worded, so that no message says "1 days".
    public static func englishNoun(_ count: Int64, _ singular: String, plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }

    /// `count` and its noun: `englishCount(1, "day")` is "1 day", `englishCount(3, "day")` "3 days".
    public static func englishCount(_ count: some BinaryInteger, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + englishNoun(Int64(clamping: count), singular, plural: plural)
    }
}
