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
