import LedgerEvents

/// The `ledger` command line: a flag loop per command, then the library. Errors go to stderr with a non-zero
/// exit: 1 for an integrity failure (or findings with --fail-on), 2 for usage and input errors.
public enum LedgerCLI {
    /// Every command, in the order `ledger --help` lists them.
    public static var commands: [Command] { CommandRegistry.all }

    /// Runs one command line (without the program name) and returns the exit status.
    public static func run(arguments: [String], io: CommandIO) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            io.writeOut(overview())
            return arguments.isEmpty ? 2 : 0
        }
        if name == "--version" {
            io.writeOut("ledger (common-property ledger) format version 1\n")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            io.writeErr("error: unknown command \"\(name)\". Commands: \(commands.map(\.name).joined(separator: ", ")). See `ledger --help`.\n")
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
            io.writeErr("error: \(error)\n")
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
        Exit status: 0 ok, 1 integrity failure (or findings with --fail-on), 2 usage or input error.

        """
        return text
    }
}
