import LedgerProjections
import LedgerReports

enum ContractsCommand {
    static let command = Command(
        name: "contracts",
        summary: "operating contracts with status, deciding vote and rent expected versus received",
        help: """
        Usage: ledger contracts [--ledger DIR] [options]

        Lists every operating contract (经营合同) with its status on the as-of date (not_started, active, expired,
        terminated), whether its deciding vote passed (passed, not_passed, none), and the rent expected (each
        instalment due in advance on the first day of its period) against the rent received into any fund.
        \(QueryOptions.help)

        Exit status: 0 ok, 1 the log failed verification, 2 usage error.
        """,
        options: QueryOptions.options,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "contracts")
        let query = try QueryOptions.load(arguments, context, persons: true)
        context.io.writeOutBytes(ProjectionReports.contracts(query.projection, filter: query.filter, format: query.format, names: query.names))
        return 0
    }
}
