import LedgerEvents
import LedgerImport
import LedgerReports

/// A text the CLI shows a person, in English and, where written, in Chinese. Written as a string literal it is
/// English only (the Chinese form falls back to it); `Message(en:zh:)` gives both.
public struct Message: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let en: String
    /// The Chinese text; nil where only the English one is written yet.
    public let zh: String?

    public init(en: String, zh: String?) {
        self.en = en
        self.zh = zh
    }

    /// A library's message in both languages (`EventWords`, `ImportWords`).
    public init(_ wording: Wording) { self.init(en: wording.en, zh: wording.zh) }

    /// An English-only text (a message from a library that speaks English only).
    public init(_ en: String) { self.init(en: en, zh: nil) }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }

    /// The English text.
    public var description: String { en }

    /// The text in `language` (English when no Chinese is written).
    public func text(_ language: ReportLanguage) -> String { language == .zh ? (zh ?? en) : en }
}

extension Message {
    /// The two texts joined, language by language.
    static func + (lhs: Message, rhs: Message) -> Message {
        let zh: String? = lhs.zh == nil && rhs.zh == nil ? nil : (lhs.zh ?? lhs.en) + (rhs.zh ?? rhs.en)
        return Message(en: lhs.en + rhs.en, zh: zh)
    }

    /// ` Did you mean fund.income?` / `是否要写 fund.income？`: what follows the refusal of a value outside a closed
    /// list (an event type, an import kind, an option's values) when one name of `names` plainly is meant
    /// (`NearestName`); empty otherwise. Every such refusal ends with it, so a slip is answered the same way
    /// everywhere.
    static func didYouMean(_ value: String, among names: [String]) -> Message {
        guard let meant = NearestName.match(value, among: names), meant != value else { return Message(en: "", zh: "") }
        return meaning(meant)
    }

    /// `didYouMean` for an import kind: a Chinese word for one of `kinds` (`ledger template 收入`: income,
    /// `ImportKindWords`) first, then a slip of a kind's name.
    static func didYouMeanKind(_ value: String, among kinds: [String]) -> Message {
        if let meant = ImportKindWords.kind(forWord: value), kinds.contains(meant) { return meaning(meant) }
        return didYouMean(value, among: kinds)
    }

    private static func meaning(_ meant: String) -> Message {
        Message(en: " Did you mean \(meant)?", zh: "是否要写 \(meant)？")
    }

    /// `--name "value" is not allowed; use one of: a, b.` and the hint: an option's value outside its list. `zh`
    /// words some values in Chinese, beside them in the Chinese list (`comma（逗号）`).
    static func notAllowed(option name: String, _ value: String, allowed: [String], zh: [String: String] = [:]) -> Message {
        let list = allowed.joined(separator: ", ")
        let listZh = allowed.map { value in zh[value].map { value + "（" + $0 + "）" } ?? value }.joined(separator: "、")
        let shown = DisplayText.visible(value)
        return Message(en: "--\(name) \"\(shown)\" is not allowed; use one of: \(list).",
                       zh: "--\(name) 不能取“\(shown)”；可选值：\(listZh)。") + didYouMean(value, among: allowed)
    }
}

extension ReportLanguage {
    /// `zh`, `en`, or a locale name such as `zh_CN.UTF-8` or `en_US`.
    init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("zh") { self = .zh } else if lower.hasPrefix("en") { self = .en } else { return nil }
    }
}
