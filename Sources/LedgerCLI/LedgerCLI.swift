import LedgerEvents
import LedgerPlatform
import LedgerReports

/// The `ledger` command line: a flag loop per command, then the library. Errors go to stderr with a non-zero
/// exit: 1 for an integrity failure (or findings with --fail-on), 2 for usage and input errors, 3 when the work
/// was done but its output could not be written.
public enum LedgerCLI {
    /// Every command, in the order `ledger --help` lists them.
    public static var commands: [Command] { CommandRegistry.all }

    /// Exit status when the command did its work but could not write to standard output or error.
    public static let outputFailureStatus: Int32 = 3

    /// Runs one command line (without the program name) and returns the exit status.
    ///
    /// A failure to write to standard output or error (a closed stream, a full disk, a reader that went away) never
    /// stops the command half-way: the command finishes, then one line on whichever stream still works says what
    /// failed and what the command had already done (records committed, files written), and the status is
    /// `outputFailureStatus` (3) unless the command itself failed (1 or 2). When standard error failed, what the
    /// command could not write there (its error message, say) follows that line on standard output.
    public static func run(arguments: [String], io: CommandIO) -> Int32 {
        let status = runCommand(arguments: arguments, io: io)
        guard let failure = io.outputStatus.firstFailure else { return status }
        // A command run inside another (`ledger demo`) reports once; the outer run only passes the status on.
        guard !io.outputStatus.reported else { return status == 0 ? outputFailureStatus : status }
        io.outputStatus.reported = true
        let zh = LanguageChoice.resolve(arguments, environment: io.environment, fallback: .en) == .zh
        let done = io.outputStatus.done.map { $0.text(chinese: zh) }
        var message: String
        if zh {
            message = "错误：无法写入\(Self.chineseName(failure.stream))：\(failure.reason.zh)"
            message += done.isEmpty ? "。\n" : "；在此之前，命令已完成：" + done.joined(separator: "；") + "。\n"
        } else {
            message = "error: could not write to \(failure.stream): \(failure.reason.en)"
            message += done.isEmpty ? ".\n" : "; before that, the command finished: " + done.joined(separator: "; ") + ".\n"
        }
        if !io.outputStatus.hasFailed(.error) {
            io.writeErr(message)
        } else if !io.outputStatus.hasFailed(.output) {
            // The command's own message (why it failed, say) would be lost with standard error: it follows.
            let undelivered = String(decoding: io.outputStatus.undelivered, as: UTF8.self)
            let heading = zh ? "未能写到标准错误的内容如下：\n" : "what it could not write there:\n"
            io.writeOut(message + (undelivered.isEmpty ? "" : heading + undelivered
                                                             + (undelivered.hasSuffix("\n") ? "" : "\n")))
        }
        return status == 0 ? outputFailureStatus : status
    }

    static func chineseName(_ stream: StandardStream) -> String {
        switch stream {
        case .input: return "标准输入"
        case .output: return "标准输出"
        case .error: return "标准错误"
        }
    }

    static func runCommand(arguments: [String], io: CommandIO) -> Int32 {
        // `ledger --lang zh balances` is `ledger balances --lang zh`: a leading --lang goes after the command (it
        // used to print the overview and exit 0, so a script saw success without its report).
        if let first = arguments.first, first == "--lang" || first.hasPrefix("--lang=") {
            let langCount = first == "--lang" ? min(2, arguments.count) : 1
            let rest = Array(arguments.dropFirst(langCount))
            if let command = rest.first, !command.hasPrefix("-") {
                return runCommand(arguments: [command] + Array(arguments.prefix(langCount)) + rest.dropFirst(), io: io)
            }
        }
        let language = LanguageChoice.resolve(arguments, environment: io.environment, fallback: .en)
        // Help is printed before any parsing: an unknown --lang is refused here as the parser refuses it for a command.
        let isHelp = arguments.first.map { ["help", "--help", "-h"].contains($0) || $0.hasPrefix("--lang") } ?? false
            || arguments.contains("--help") || arguments.contains("-h")
        // `ledger help append --lang` is missing the value as `ledger append --lang` is: a usage error, not help.
        if isHelp, LanguageChoice.lacksValue(arguments) {
            io.writeErr(language == .zh ? "错误：--lang 后面要跟一个值（zh 或 en）。\n" : "error: --lang needs a value (zh or en).\n")
            return 2
        }
        if isHelp, let text = LanguageChoice.explicit(in: arguments), !text.hasPrefix("-"), ReportLanguage(rawValue: text) == nil {
            let codes = ReportLanguage.allCases.map(\.rawValue)
            let shown = DisplayText.neutralised(text, lineBreaks: .toSpace)
            io.writeErr(language == .zh ? "错误：--lang 不能取“\(shown)”；可选值：\(codes.joined(separator: "、"))。\n"
                                        : "error: --lang \"\(shown)\" is not allowed; use one of: \(codes.joined(separator: ", ")).\n")
            return 2
        }
        // An unknown $LEDGER_LANG is refused as an unknown --lang is (a command says it in its own way, below).
        let environmentProblem = LanguageChoice.environmentProblem(arguments, environment: io.environment)
        let isCommand = arguments.first.map { name in commands.contains { $0.name == name } } ?? false
        if let environmentProblem, !isCommand || isHelp, arguments.first != "--version" {
            io.writeErr((language == .zh ? "错误：" : "error: ") + environmentProblem.text(language) + "\n")
            return 2
        }
        guard let name = arguments.first, name != "--help", name != "-h", !name.hasPrefix("--lang") else {
            io.writeOut(overview(language))
            return arguments.isEmpty ? 2 : 0
        }
        if name == "--version" {
            io.writeOut("ledger (common-property ledger) format version 1\n")
            return 0
        }
        if name == "help" {
            // `ledger help COMMAND` is `ledger COMMAND --help`; `ledger help` the overview.
            var words: [String] = []
            var skipValue = false
            for word in arguments.dropFirst() {
                // The value of `--lang L` is not a topic.
                if skipValue { skipValue = false; continue }
                if word == "--lang" { skipValue = true; continue }
                if !word.hasPrefix("--"), !["zh", "en"].contains(word) { words.append(word) }
            }
            guard let topic = words.first else { io.writeOut(overview(language)); return 0 }
            guard let command = commands.first(where: { $0.name == topic }) else { return unknownCommand(topic, io, language) }
            io.writeOut(command.help(language))
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else { return unknownCommand(name, io, language) }
        let rest = Array(arguments.dropFirst())
        // Messages and help default to English; a report may default otherwise (the rectification list to Chinese).
        let messageLanguage = LanguageChoice.resolve(rest, environment: io.environment, fallback: .en)
        let reportLanguage = LanguageChoice.resolve(rest, environment: io.environment, fallback: command.defaultLanguage)
        if rest.contains("--help") || rest.contains("-h") {
            io.writeOut(command.help(messageLanguage))
            return 0
        }
        do throws(CLIError) {
            if let environmentProblem { throw CLIError.usage(environmentProblem) }
            let parsed = try Arguments(rest, options: command.options, command: command.name)
            try command.checkLedger(parsed)
            try command.checkPositionals(parsed)
            try command.checkRequired(parsed)
            return try command.run(parsed, CommandContext(io: io, command: command.name, language: reportLanguage,
                                                            messageLanguage: messageLanguage))
        } catch {
            // A script reading --json gets an object for every failure too, not an empty stdout: a usage error,
            // an unreadable ledger or file, a refused batch.
            // Not where `--json` streams lines of their own (`ledger log --json`: record lines, among which an
            // object would read as a record).
            if rest.contains("--json"), !jsonLineCommands.contains(command.name),
               command.options.contains(where: { $0.name == SharedOptions.json.name }) {
                var object: [String: JSONValue] = [
                    "outcome": .string("failed"), "error": .string(error.description), "exit_status": .integer(Int64(error.exitCode)),
                ]
                if appendingCommands.contains(command.name) {
                    // A failure after the append (an import's rejects file not put in place) leaves the records.
                    let committed = io.outputStatus.committed
                    object["appended"] = .bool(committed != nil)
                    if let committed { object["first_seq"] = .integer(committed.first); object["last_seq"] = .integer(committed.last) }
                }
                io.writeOut(CanonicalJSON.string(.object(object), escaping: .display) + "\n")
            }
            // Messages echo values from files and command lines: shown neutralised, never as raw controls.
            let prefix = messageLanguage == .zh ? "错误：" : "error: "
            io.writeErr(prefix + DisplayText.neutralised(error.message(messageLanguage), lineBreaks: .keep) + "\n")
            return error.exitCode
        }
    }

    /// The commands whose `--json` prints lines of their own rather than one result object.
    static let jsonLineCommands: Set<String> = ["log"]

    /// The commands whose `--json` result says whether records were appended (`"appended"`).
    static let appendingCommands: Set<String> = ["append", "import"]

    static func unknownCommand(_ name: String, _ io: CommandIO, _ language: ReportLanguage) -> Int32 {
        let shown = DisplayText.neutralised(name, lineBreaks: .toSpace)
        let list = commands.map(\.name).joined(separator: ", ")
        io.writeErr(language == .zh
            ? "错误：没有“\(shown)”这个命令。命令有：\(list)。见“ledger --help”。\n"
            : "error: unknown command \"\(shown)\". Commands: \(list). See `ledger --help`.\n")
        return 2
    }

    static func overview(_ language: ReportLanguage = .en) -> String {
        let zh = language == .zh
        var text = zh ? """
        ledger —— 小区共有部分和共有资金的只增不改、哈希链接的审计账本。

        用法：ledger <命令> [选项]    （每个命令都接受 --ledger DIR、--lang zh|en 和 --help）
              ledger help <命令>     （显示该命令的帮助）

        命令：

        """ : """
        ledger — an append-only, hash-chained audit ledger of residential communities' common parts and funds.

        Usage: ledger <command> [options]    (every command takes --ledger DIR, --lang zh|en and --help)
               ledger help <command>         (that command's help)

        Commands:

        """
        let width = commands.map(\.name.count).max() ?? 0
        for command in commands {
            let pad = String(repeating: " ", count: width - command.name.count + 2)
            let summary: String = command.summary.text(language)
            text += "  " + command.name + pad + summary + "\n"
        }
        text += zh ? """

        账本目录：--ledger DIR，否则 $LEDGER_DIR，否则 ./\(CommandContext.defaultLedgerPath)。
        语言：--lang zh|en，否则 $LEDGER_LANG，否则看 $LC_ALL、$LC_MESSAGES、$LANG 中第一个有值的区域设置：zh_* 时用中文。
        退出状态：0 成功；1 完整性校验失败（或 --fail-on 命中问题）；2 用法或输入错误；
        3 工作已完成，但标准输出或标准错误无法写入。

        """ : """

        The ledger directory is --ledger DIR, else $LEDGER_DIR, else ./\(CommandContext.defaultLedgerPath).
        The language is --lang zh|en, else $LEDGER_LANG, else Chinese when the locale ($LC_ALL, else $LC_MESSAGES, else $LANG) is zh_*.
        Exit status: 0 ok, 1 integrity failure (or findings with --fail-on), 2 usage or input error,
        3 the work was done but standard output or error could not be written.

        """
        return text
    }
}
