import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

/// One `ledger` subcommand, declared once: its help, `Usage:` line and parser all come from this declaration.
/// Every command accepts the options of `SharedOptions.everywhere` (`--ledger DIR`, `--lang L`) and `--help`.
public struct Command: Sendable {
    /// The words after the options in `Usage:`.
    public enum Positionals: Sendable {
        /// Exactly these, checked before the command runs (none for `[]`).
        case exactly([String])
        /// Described as written (e.g. `init | cosign CP | status`), checked by the command itself.
        case described(String)
    }

    public let name: String
    /// One line for `ledger --help`.
    public let summary: Message
    public let positionals: Positionals
    /// The command's own options (the shared ones it reads included); `--ledger` and `--lang` are added.
    public let ownOptions: [OptionSpec]
    /// What the command does: the paragraphs between `Usage:` and the option list.
    public let about: Message
    /// Paragraphs after the option list, if any.
    public let notes: Message?
    /// The `Exit status:` paragraph.
    public let exitStatus: Message
    /// The report's language when neither `--lang`, `$LEDGER_LANG` nor a zh_* locale chooses one (messages and
    /// help default to English).
    public let defaultLanguage: ReportLanguage
    public let run: @Sendable (Arguments, CommandContext) throws(CLIError) -> Int32
    public init(name: String, summary: Message, positionals: Positionals = .exactly([]), options: [OptionSpec],
                about: Message, notes: Message? = nil, exitStatus: Message, defaultLanguage: ReportLanguage = .en,
                run: @escaping @Sendable (Arguments, CommandContext) throws(CLIError) -> Int32) {
        self.name = name
        self.summary = summary
        self.positionals = positionals
        self.ownOptions = options
        self.about = about
        self.notes = notes
        self.exitStatus = exitStatus
        self.defaultLanguage = defaultLanguage
        self.run = run
    }

    /// Every option the parser accepts, in help order: the command's own, then the shared ones not among them.
    public var options: [OptionSpec] {
        var seen = Set(ownOptions.map(\.name))
        var all = ownOptions
        for option in SharedOptions.everywhere where !seen.contains(option.name) {
            seen.insert(option.name)
            all.append(option)
        }
        return all
    }

    /// The full text of `ledger NAME --help` in English.
    public var help: String { help(.en) }

    /// The full text of `ledger NAME --help`: usage, what it does, options, notes, exit status.
    public func help(_ language: ReportLanguage) -> String { HelpText.render(self, language) }

    /// Checks that every option declared required was given (in declaration order, so the message names the first
    /// one missing).
    func checkRequired(_ arguments: Arguments) throws(CLIError) {
        for option in options where option.required { _ = try arguments.required(option) }
    }

    /// Refuses `--ledger ""` (often an unset variable: `--ledger "$TARGET"`), which would mean the current directory.
    func checkLedger(_ arguments: Arguments) throws(CLIError) {
        guard arguments.value(SharedOptions.ledger)?.isEmpty == true else { return }
        throw .usage(Message(
            en: "--ledger is empty; give the ledger directory (an empty value, often an unset shell variable, would mean the current directory). Without --ledger the ledger is $LEDGER_DIR, else ./\(CommandContext.defaultLedgerPath).",
            zh: "--ledger 的值为空；请给出账本目录（空值常来自未设置的 shell 变量，会被当成当前目录）。不给 --ledger 时，账本是 $LEDGER_DIR，否则是 ./\(CommandContext.defaultLedgerPath)。"))
    }

    /// Checks the number of positionals against the declaration.
    func checkPositionals(_ arguments: Arguments) throws(CLIError) {
        guard case .exactly(let names) = positionals, arguments.positionals.count != names.count else { return }
        let got = arguments.positionals
        let expectedEn = names.isEmpty ? "no arguments" : names.map { "<\($0)>" }.joined(separator: " ")
        let expectedZh = names.isEmpty ? "不带参数" : "需要 " + names.map { "<\($0)>" }.joined(separator: " ")
        let gotText = got.isEmpty ? "none" : got.joined(separator: " ")
        throw .usage(Message(
            en: "`ledger \(name)` takes \(expectedEn), got \(gotText); see `ledger \(name) --help`.",
            zh: "“ledger \(name)”\(expectedZh)，" + (got.isEmpty ? "但没有给出" : "实际给了 \(got.joined(separator: " "))")
                + "；见“ledger \(name) --help”。"))
    }
}
