import LedgerEvents
import LedgerReports

/// Which language a command speaks: `--lang`, else `$LEDGER_LANG`, else Chinese when the locale
/// (`$LC_ALL`, then `$LC_MESSAGES`, then `$LANG`) is zh_*, else the command's default.
enum LanguageChoice {
    /// The value of `--lang` in a raw command line (before parsing, so parse errors speak it too), if any.
    static func explicit(in arguments: [String]) -> String? {
        var found: String? = nil
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count { found = arguments[index + 1]; index += 1 }
            else if argument.hasPrefix("--lang=") { found = String(argument.dropFirst("--lang=".count)) }
            index += 1
        }
        return found
    }

    /// Whether a `--lang` in a raw command line has no value: it is the last word, or the next is another option.
    static func lacksValue(_ arguments: [String]) -> Bool {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return false }
            if argument == "--lang", index + 1 == arguments.count || arguments[index + 1].hasPrefix("-") { return true }
        }
        return false
    }

    /// `$LEDGER_LANG` set to something that is neither zh… nor en… (`fr`, `cn`, `chinese`), when no `--lang` chooses
    /// the language itself: refused as `--lang fr` is (exit 2, changing nothing), naming the value and what is
    /// allowed, rather than ignored — a clerk who set `LEDGER_LANG=cn` would otherwise read English without being
    /// told why. An empty value counts as unset, as with the locale variables.
    static func environmentProblem(_ arguments: [String], environment: [String: String]) -> Message? {
        guard explicit(in: arguments) == nil, let text = environment["LEDGER_LANG"], !text.isEmpty,
              ReportLanguage(code: text) == nil else { return nil }
        let shown = DisplayText.neutralised(text, lineBreaks: .toSpace)
        return Message(en: "$LEDGER_LANG \"\(shown)\" is not allowed; use zh or en (or a locale name that begins with one, such as zh_CN.UTF-8), give --lang, or unset it.",
                       zh: "$LEDGER_LANG 不能取“\(shown)”；可选值：zh、en（或以其一开头的区域设置名，如 zh_CN.UTF-8）；也可加 --lang，或不设置它。")
    }

    /// The language for `arguments` in `environment`. An unknown `--lang` value falls back here (the parser then
    /// refuses it); so does an unknown `$LEDGER_LANG` (`environmentProblem` then refuses it), to the locale.
    static func resolve(_ arguments: [String], environment: [String: String], fallback: ReportLanguage) -> ReportLanguage {
        if let text = explicit(in: arguments), let language = ReportLanguage(rawValue: text) { return language }
        if let text = environment["LEDGER_LANG"], let language = ReportLanguage(code: text) { return language }
        // POSIX order: LC_ALL overrides LC_MESSAGES overrides LANG; the first one set decides.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let locale = environment[name], !locale.isEmpty else { continue }
            return locale.lowercased().hasPrefix("zh") ? .zh : fallback
        }
        return fallback
    }
}
