/// A hand-rolled argument parser: `--name value`, `--name=value`, boolean `--flag`, positionals, `--` ends options.
public struct Arguments {
    /// One option a command accepts.
    public struct Option: Sendable {
        public let name: String
        public let takesValue: Bool
        public let repeatable: Bool

        public static func value(_ name: String, repeatable: Bool = false) -> Option {
            Option(name: name, takesValue: true, repeatable: repeatable)
        }

        public static func flag(_ name: String) -> Option { Option(name: name, takesValue: false, repeatable: false) }
    }

    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    public private(set) var positionals: [String] = []

    /// Parses `arguments` for `command`; unknown options and missing values are usage errors.
    public init(_ arguments: [String], options: [Option], command: String) throws(CLIError) {
        var byName: [String: Option] = [:]
        for option in options { byName[option.name] = option }
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
                throw .usage("`ledger \(command)` has no option --\(name); see `ledger \(command) --help`.")
            }
            if option.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw .usage("--\(name) needs a value; see `ledger \(command) --help`.") }
                    value = arguments[index]
                    index += 1
                }
                if !option.repeatable, values[name] != nil {
                    throw .usage("--\(name) is given twice; give it once.")
                }
                values[name, default: []].append(value)
            } else {
                guard inlineValue == nil else { throw .usage("--\(name) takes no value.") }
                flags.insert(name)
            }
        }
    }

    /// The value of a single-valued option.
    public func value(_ name: String) -> String? { values[name]?.last }
    /// All values of a repeatable option, in the order given.
    public func values(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option, with a usage error naming the option when it is not one.
    public func integer(_ name: String, minimum: Int64 = Int64.min) throws(CLIError) -> Int64? {
        guard let text = value(name) else { return nil }
        guard let number = Arguments.wholeNumber(text), number >= minimum else {
            throw .usage("--\(name) \"\(text)\" is not a whole number\(minimum > Int64.min ? " ≥ \(minimum)" : "").")
        }
        return number
    }

    /// A value restricted to a list, with a usage error listing the allowed values.
    public func choice(_ name: String, allowed: [String], default defaultValue: String) throws(CLIError) -> String {
        guard let text = value(name) else { return defaultValue }
        guard allowed.contains(text) else {
            throw .usage("--\(name) \"\(text)\" is not allowed; use one of: \(allowed.joined(separator: ", ")).")
        }
        return text
    }

    /// Exactly `count` positionals, or a usage error naming them.
    public func requirePositionals(_ names: [String], command: String) throws(CLIError) -> [String] {
        guard positionals.count == names.count else {
            let expected = names.isEmpty ? "no arguments" : names.map { "<\($0)>" }.joined(separator: " ")
            throw .usage("`ledger \(command)` takes \(expected), got \(positionals.count == 0 ? "none" : positionals.joined(separator: " ")); see `ledger \(command) --help`.")
        }
        return positionals
    }

    /// A whole number written plainly: optional minus sign and digits (Int64("+5") would also take a plus sign).
    public static func wholeNumber(_ text: String) -> Int64? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(text)
    }
}
