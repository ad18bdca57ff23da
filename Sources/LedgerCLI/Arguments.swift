import LedgerEvents

/// The parsed command line of one command: `--name value`, `--name=value`, boolean `--flag`, positionals, `--` ends
/// options. What is accepted comes from the command's `OptionSpec`s; values are read back through them.
public struct Arguments {
    /// The declaration of one option.
    public typealias Option = OptionSpec

    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    private let declared: [String: OptionSpec]
    public private(set) var positionals: [String] = []

    /// Parses `arguments` for `command`; unknown options, missing values (also a value option followed by another
    /// option: `--NAME=--…` gives a value that begins with `--`), repeated single options and values outside an
    /// option's allowed list are usage errors.
    public init(_ arguments: [String], options: [OptionSpec], command: String) throws(CLIError) {
        var byName: [String: OptionSpec] = [:]
        for option in options where byName[option.name] == nil { byName[option.name] = option }
        declared = byName
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            var name = String(argument.dropFirst(2))
            var inlineValue: String? = nil
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = byName[name] else {
                throw .usage(Message(en: "`ledger \(command)` has no option --\(name); see `ledger \(command) --help`.",
                                     zh: "“ledger \(command)”没有 --\(name) 这个选项；见“ledger \(command) --help”。")
                    + .didYouMean("--" + name, among: byName.keys.sorted().map { "--" + $0 }))
            }
            if let valueName = option.valueName {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw .usage(Message(en: "--\(name) needs a value; see `ledger \(command) --help`.",
                                             zh: "--\(name) 后面要跟一个值（\(valueName)）；见“ledger \(command) --help”。"))
                    }
                    // `--reason --dry-run`, the reason forgotten: the next option is not taken as the value (that
                    // erased for real with the reason "--dry-run"). A value that begins with `--` is given as
                    // `--reason=--…`.
                    guard !arguments[index].hasPrefix("--") else {
                        let next = DisplayText.visible(arguments[index])
                        throw .usage(Message(
                            en: "--\(name) needs a value (\(valueName)), but the next word is the option \"\(next)\"; nothing was done. A value that begins with -- is written --\(name)=--…; see `ledger \(command) --help`.",
                            zh: "--\(name) 后面要跟一个值（\(valueName)），但紧跟着的“\(next)”是一个选项；本次什么也没有做。以 -- 开头的值请写成 --\(name)=--…；见“ledger \(command) --help”。"))
                    }
                    value = arguments[index]
                    index += 1
                }
                if !option.repeatable, values[name] != nil {
                    throw .usage(Message(en: "--\(name) is given twice; give it once.", zh: "--\(name) 给了两次；只能给一次。"))
                }
                if !option.allowed.isEmpty, !option.allowed.contains(value) {
                    throw .usage(.notAllowed(option: name, value, allowed: option.allowed, zh: option.allowedZh))
                }
                values[name, default: []].append(value)
            } else {
                guard inlineValue == nil else { throw .usage(Message(en: "--\(name) takes no value.", zh: "--\(name) 不带值。")) }
                flags.insert(name)
            }
        }
    }

    /// The option named `name`, which the command must have declared (reading an undeclared option is a
    /// programming error: its help would not list it).
    private func spec(_ name: String) -> OptionSpec? {
        assert(declared[name] != nil, "option --\(name) is read but not declared")
        return declared[name]
    }

    /// The value of a single-valued option.
    public func value(_ name: String) -> String? { _ = spec(name); return values[name]?.last }
    /// The value of a single-valued option.
    public func value(_ option: OptionSpec) -> String? { value(option.name) }
    /// All values of a repeatable option, in the order given.
    public func values(_ name: String) -> [String] { _ = spec(name); return values[name] ?? [] }
    /// All values of a repeatable option, in the order given.
    public func values(_ option: OptionSpec) -> [String] { values(option.name) }
    /// Every comma-separated part of every value of `--NAME`, in order. An empty value or part ("", "OCC,", ",") is
    /// refused, not read as "nothing": a filter, gate or privacy list fed from an unset variable (`--fail-on
    /// "$CLASSES"`, `--private "$FIELDS"`) must not be switched off silently. `allowed` is named in the refusal.
    /// The full-width comma and the enumeration comma separate too (，、): a list's heading prints its filter as
    /// “反弹、逾期”, which must read back as typed (review 44a #8).
    public func commaSeparated(_ name: String, allowed: [String]) throws(CLIError) -> [String] {
        var out: [String] = []
        for value in values(name) {
            let parts = value.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "，" || $0 == "、" }.map(String.init)
            guard parts.allSatisfy({ !$0.allSatisfy(\.isWhitespace) }) else {
                let list = allowed.joined(separator: ", "), shown = DisplayText.visible(value)
                throw .usage(Message(en: "--\(name) \"\(shown)\" has an empty value; write one or more of \(list), separated by commas.",
                                     zh: "--\(name) “\(shown)”中有空值；请写一个或多个（以逗号分隔）：\(allowed.joined(separator: "、"))。"))
            }
            out += parts
        }
        return out
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { _ = spec(name); return flags.contains(name) }
    /// Whether a flag was given.
    public func flag(_ option: OptionSpec) -> Bool { flag(option.name) }

    /// The value of a required option, or a usage error that says what it is for.
    public func required(_ option: OptionSpec) throws(CLIError) -> String {
        let option = declared[option.name] ?? option
        guard let text = value(option) else {
            throw .usage(Message(en: "\(option.synopsis) is required: \(option.help.en).",
                                 zh: "必须给出 \(option.synopsis)：\(option.help.zh ?? option.help.en)。"))
        }
        return text
    }

    /// The value of the declared required option `name` (`required(_:)` with its declaration).
    public func required(_ name: String) throws(CLIError) -> String {
        guard let option = spec(name) else { preconditionFailure("option --\(name) is read but not declared") }
        return try required(option)
    }

    /// An integer option in canonical decimal (`wholeNumber`), with a usage error naming the option when it is not one.
    public func integer(_ name: String, minimum: Int64 = Int64.min) throws(CLIError) -> Int64? {
        guard let text = value(name) else { return nil }
        return try Arguments.wholeNumber(text, minimum: minimum, argument: "--" + name)
    }

    /// An integer option, with a usage error naming the option when it is not one.
    public func integer(_ option: OptionSpec, minimum: Int64 = Int64.min) throws(CLIError) -> Int64? {
        try integer(option.name, minimum: minimum)
    }

    /// The value of a `choice` option as its type: the parser already refused anything outside its cases.
    public func choice<T: RawRepresentable>(_ option: OptionSpec, as type: T.Type = T.self) -> T where T.RawValue == String {
        let text = value(option) ?? option.defaultValue
        guard let text, let value = T(rawValue: text) else {
            preconditionFailure("--\(option.name) is declared with values that are not all cases of \(T.self)")
        }
        return value
    }

    /// The value of a `choice` option declared without a default, as its type; nil when it is not given.
    public func choiceIfGiven<T: RawRepresentable>(_ option: OptionSpec, as type: T.Type = T.self) -> T? where T.RawValue == String {
        guard let text = value(option) else { return nil }
        guard let value = T(rawValue: text) else {
            preconditionFailure("--\(option.name) is declared with values that are not all cases of \(T.self)")
        }
        return value
    }

    /// A value restricted to a list, with a usage error listing the allowed values.
    public func choice(_ name: String, allowed: [String], default defaultValue: String) throws(CLIError) -> String {
        guard let text = value(name) else { return defaultValue }
        guard allowed.contains(text) else { throw .usage(.notAllowed(option: name, text, allowed: allowed)) }
        return text
    }

    /// Exactly `count` positionals, or a usage error naming them: for commands whose first positional picks a
    /// subcommand (`witness init`, `import assets`); other commands declare theirs (`Command.Positionals`).
    public func requirePositionals(_ names: [String], command: String) throws(CLIError) -> [String] {
        guard positionals.count == names.count else {
            let expected = names.map { "<\($0)>" }.joined(separator: " ")
            let got = positionals.isEmpty ? "none" : positionals.joined(separator: " ")
            // Some given but too few: name what is missing (`<FILE>`), not only what came.
            let missing = positionals.count < names.count ? names[positionals.count...].map { "<\($0)>" }.joined(separator: " ") : nil
            if !positionals.isEmpty, let missing {
                throw .usage(Message(en: "`ledger \(command)` takes \(expected); \(missing) is missing; see `ledger \(command) --help`.",
                                     zh: "“ledger \(command)”需要 \(expected)，缺少 \(missing)；见“ledger \(command) --help”。"))
            }
            throw .usage(Message(en: "`ledger \(command)` takes \(expected), got \(got); see `ledger \(command) --help`.",
                                 zh: "“ledger \(command)”需要 \(expected)，" + (positionals.isEmpty ? "但没有给出" : "实际给了 \(got)")
                                     + "；见“ledger \(command) --help”。"))
        }
        return positionals
    }

    /// A whole number in canonical decimal, the one form the log and its checkpoints write numbers in (ledger-spec.md
    /// sections 2 and 14.4): `0`, or ASCII digits not starting with 0, after an optional minus sign (never `-0`).
    /// A plus sign, a space or a leading zero is refused rather than read past (`Int64("+5")` would take `+5`):
    /// `ledger prove 03` names the record an auditor wrote as 3 only by accident, and the same SEQ must be written
    /// the same way in every command and script.
    public static func wholeNumber(_ text: String) -> Int64? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard let first = digits.utf8.first, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard first != UInt8(ascii: "0") || digits == "0" && digits.count == text.count else { return nil }
        return Int64(text)
    }

    /// `text` as a whole number of at least `minimum` (`wholeNumber`), or a usage error naming `argument` (`--at-seq`,
    /// `SEQ`), the value (control characters shown as code points) and the form allowed, with the number meant when
    /// it was written with a plus sign, spaces or leading zeros (`write 3`). Every numeric argument is read here.
    public static func wholeNumber(_ text: String, minimum: Int64, argument: String) throws(CLIError) -> Int64 {
        let atLeast = minimum > Int64.min
        if let number = wholeNumber(text) {
            if number >= minimum { return number }
            // Written rightly, only too small: the form is not the problem.
            throw .usage(Message(en: "\(argument) \"\(text)\" is not a whole number ≥ \(minimum).", zh: "\(argument) “\(text)”不是不小于 \(minimum) 的整数。"))
        }
        // Plain digits beyond 2^63 − 1 (review 37c F5): the size, not the form, is the problem.
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if let first = digits.utf8.first, first != UInt8(ascii: "0"), digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            throw .usage(Message(en: "\(argument) \"\(text)\" is too large: at most \(Int64.max).",
                                 zh: "\(argument) “\(text)”太大：最大为 \(Int64.max)。"))
        }
        let shown = DisplayText.visible(text)
        // What was plainly meant: the number without the white space, plus sign and leading zeros around it.
        var meant = text.drop(while: \.isWhitespace)
        while meant.last?.isWhitespace == true { meant = meant.dropLast() }
        if meant.hasPrefix("+") { meant = meant.dropFirst() }
        let significant = meant.drop { $0 == "0" }
        meant = significant.isEmpty && !meant.isEmpty ? "0" : significant
        var write = (en: "", zh: "")
        if let number = wholeNumber(String(meant)), number >= minimum { write = (en: "; write \(number)", zh: "；请写作 \(number)") }
        throw .usage(Message(en: "\(argument) \"\(shown)\" is not a whole number\(atLeast ? " ≥ \(minimum)" : "") in plain decimal digits (no sign, space or leading zero)\(write.en).",
                             zh: "\(argument) “\(shown)”不是\(atLeast ? "不小于 \(minimum) 的" : "")整数（只写十进制数字，不带正负号、空格或前导零）\(write.zh)。"))
    }
}
