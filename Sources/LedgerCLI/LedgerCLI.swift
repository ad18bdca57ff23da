import LedgerEvents

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
        var message = "error: could not write to \(failure.stream): \(failure.reason)"
        let done = io.outputStatus.done
        message += done.isEmpty ? ".\n" : "; before that, the command finished: " + done.joined(separator: "; ") + ".\n"
        if !io.outputStatus.hasFailed(.error) {
            io.writeErr(message)
        } else if !io.outputStatus.hasFailed(.output) {
            // The command's own message (why it failed, say) would be lost with standard error: it follows.
            let undelivered = String(decoding: io.outputStatus.undelivered, as: UTF8.self)
            io.writeOut(message + (undelivered.isEmpty ? "" : "what it could not write there:\n" + undelivered
                                                             + (undelivered.hasSuffix("\n") ? "" : "\n")))
        }
        return status == 0 ? outputFailureStatus : status
    }

    static func runCommand(arguments: [String], io: CommandIO) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            io.writeOut(overview())
            return arguments.isEmpty ? 2 : 0
        }
        if name == "--version" {
            io.writeOut("ledger (common-property ledger) format version 1\n")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            io.writeErr("error: unknown command \"\(DisplayText.neutralised(name, lineBreaks: .toSpace))\". Commands: \(commands.map(\.name).joined(separator: ", ")). See `ledger --help`.\n")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            io.writeOut(command.help.hasSuffix("\n") ? command.help : command.help + "\n")
            return 0
        }
        do {
            let parsed = try Arguments(rest, options: command.options + [.value("ledger")], command: command.name)
            return try command.run(parsed, CommandContext(io: io, command: command.name))
        } catch {
            // Messages echo values from files and command lines: shown neutralised, never as raw controls.
            io.writeErr("error: " + DisplayText.neutralised(error.description, lineBreaks: .keep) + "\n")
            return error.exitCode
        }
    }

    static func overview() -> String {
        var text = """
        ledger — an append-only, hash-chained audit ledger of residential communities' common parts and funds.

        Usage: ledger <command> [options]    (every command takes --ledger DIR and --help)

        Commands:

        """
        let width = commands.map(\.name.count).max() ?? 0
        for command in commands {
            text += "  " + command.name + String(repeating: " ", count: width - command.name.count + 2) + command.summary + "\n"
        }
        text += """

        The ledger directory is --ledger DIR, else $LEDGER_DIR, else ./\(CommandContext.defaultLedgerPath).
        Exit status: 0 ok, 1 integrity failure (or findings with --fail-on), 2 usage or input error,
        3 the work was done but standard output or error could not be written.

        """
        return text
    }
}
