import LedgerReports

/// One command-line option, declared once: the parser, the `Usage:` line and the option list of `--help` are all
/// made from this declaration, so help cannot drift from what is parsed.
public struct OptionSpec: Sendable {
    /// The name after `--`.
    public let name: String
    /// The placeholder of its value in help (`DIR`, `N`); nil for a flag.
    public let valueName: String?
    /// Whether it may be given several times (each value kept, in order).
    public let repeatable: Bool
    /// Whether the command cannot run without it (shown without brackets in `Usage:`).
    public let required: Bool
    /// What it does, in both languages.
    public let help: Message
    /// The values it accepts; empty when any text is accepted. Checked while parsing.
    public let allowed: [String]
    /// The value used when it is not given, for `choice`; shown in help unless `help` already says it.
    public let defaultValue: String?
    /// Chinese words said beside some allowed values when a value is refused in Chinese (`comma` → `逗号`).
    public let allowedZh: [String: String]

    public var isFlag: Bool { valueName == nil }

    public init(name: String, valueName: String?, repeatable: Bool = false, required: Bool = false, help: Message,
                allowed: [String] = [], defaultValue: String? = nil, allowedZh: [String: String] = [:]) {
        self.name = name
        self.valueName = valueName
        self.repeatable = repeatable
        self.required = required
        self.help = help
        self.allowed = allowed
        self.defaultValue = defaultValue
        self.allowedZh = allowedZh
    }

    /// An undocumented option with a value, for internal tools (`ledger-bench`), whose help is written by hand.
    public static func value(_ name: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: "VALUE", repeatable: repeatable, help: "")
    }

    /// An undocumented flag, for internal tools.
    public static func flag(_ name: String) -> OptionSpec { OptionSpec(name: name, valueName: nil, help: "") }

    /// An option with a value.
    public static func value(_ name: String, _ valueName: String, repeatable: Bool = false, required: Bool = false,
                             en: String, zh: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, repeatable: repeatable, required: required, help: Message(en: en, zh: zh))
    }

    /// A flag: present or not.
    public static func flag(_ name: String, en: String, zh: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: Message(en: en, zh: zh))
    }

    /// An option whose value is one of the cases of `type`, with `defaultValue` when it is not given.
    public static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ valueName: String, _ type: T.Type,
                                                                   default defaultValue: T, en: String, zh: String) -> OptionSpec
    where T.RawValue == String {
        OptionSpec(name: name, valueName: valueName, help: Message(en: en, zh: zh), allowed: T.allCases.map(\.rawValue),
                   defaultValue: defaultValue.rawValue)
    }

    /// An option whose value is one of the cases of `type`, with no default: when it is not given the command
    /// decides (`Arguments.choiceIfGiven` is nil). `zh` words a case in Chinese beside it in a refusal.
    public static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ valueName: String, _ type: T.Type,
                                                                   en: String, zh: String,
                                                                   zhWord: (T) -> String? = { _ in nil }) -> OptionSpec
    where T.RawValue == String {
        var words: [String: String] = [:]
        for value in T.allCases { words[value.rawValue] = zhWord(value) }
        return OptionSpec(name: name, valueName: valueName, help: Message(en: en, zh: zh), allowed: T.allCases.map(\.rawValue),
                          allowedZh: words)
    }

    /// The same option with another help text (a shared option whose meaning a command narrows).
    public func with(en: String, zh: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, repeatable: repeatable, required: required, help: Message(en: en, zh: zh),
                   allowed: allowed, defaultValue: defaultValue, allowedZh: allowedZh)
    }

    /// The same option, required.
    public var requiredOption: OptionSpec {
        OptionSpec(name: name, valueName: valueName, repeatable: repeatable, required: true, help: help, allowed: allowed,
                   defaultValue: defaultValue, allowedZh: allowedZh)
    }

    /// `--name VALUE`, or `--name` for a flag.
    public var synopsis: String { "--" + name + (valueName.map { " " + $0 } ?? "") }
}
