import LedgerProjections
import LedgerReports

enum AssetsCommand {
    static let command = Command(
        name: "assets",
        summary: "the register of common parts with status, contracts, last use and inspection, at any date",
        help: """
        Usage: ledger assets [--ledger DIR] [options]

        Lists every common part (共有部分) with its status on the as-of date — idle, in_use_under_contract,
        in_use_under_decision, in_use_without_authority, occupied or retired — the contracts in force on it, the
        last day it was in use, the last inspection and what it observed, and the days in use over the 365 days
        ending on the as-of date.
        \(QueryOptions.help)

        Exit status: 0 ok, 1 the log failed verification, 2 usage error.
        """,
        options: QueryOptions.options,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "assets")
        let query = try QueryOptions.load(arguments, context, persons: true)
        context.io.writeOutBytes(ProjectionReports.assets(query.projection, filter: query.filter, format: query.format, names: query.names))
        return 0
    }
}
