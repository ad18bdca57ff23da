import LedgerChain
import LedgerEvents

/// One `ledger` subcommand. Every command accepts `--ledger DIR` and `--help` in addition to its own options.
public struct Command: Sendable {
    public let name: String
    /// One line for `ledger --help`.
    public let summary: String
    /// The full text of `ledger NAME --help`: usage, options, exit codes.
    public let help: String
    public let options: [Arguments.Option]
    public let run: @Sendable (Arguments, CommandContext) throws(CLIError) -> Int32

    public init(name: String, summary: String, help: String, options: [Arguments.Option],
                run: @escaping @Sendable (Arguments, CommandContext) throws(CLIError) -> Int32) {
        self.name = name
        self.summary = summary
        self.help = help
        self.options = options
        self.run = run
    }
}

/// What a running command can reach: the outside world and the ledger directory it was pointed at.
public struct CommandContext {
    public let io: CommandIO
    public let command: String

    /// The default ledger directory when neither --ledger nor LEDGER_DIR is given.
    public static let defaultLedgerPath = "ledger-data"

    /// `--ledger DIR`, else `$LEDGER_DIR`, else `./ledger-data`, resolved against the current directory.
    public func ledgerPath(_ arguments: Arguments) -> String {
        io.resolve(arguments.value("ledger") ?? io.environment["LEDGER_DIR"] ?? CommandContext.defaultLedgerPath)
    }

    /// Opens the ledger named on the command line.
    public func openLedger(_ arguments: Arguments) throws(CLIError) -> LedgerDirectory {
        do { return try LedgerDirectory.open(ledgerPath(arguments)) } catch { throw .chain(error) }
    }

    /// Reads and verifies the log up to `--at-seq` when given (all when not).
    public func readVerified(_ directory: LedgerDirectory, upToSeq: Int64? = nil) throws(CLIError) -> VerifiedLog {
        do { return try VerifiedLog.read(directory, upToSeq: upToSeq) } catch { throw .chain(error) }
    }

    /// Parses a `YYYY-MM-DD` option.
    public func date(_ arguments: Arguments, _ name: String) throws(CLIError) -> CalendarDate? {
        guard let text = arguments.value(name) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw .usage("--\(name) \"\(text)\" is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30.")
        }
        return date
    }
}
