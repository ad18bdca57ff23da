import LedgerProjections
import LedgerReports

enum BalancesCommand {
    static let command = Command(
        name: "balances",
        summary: "fund balances with income, spending and bank-statement checks, at any date",
        help: """
        Usage: ledger balances [--ledger DIR] [--by fund|category|month|quarter|year] [options]

        Shows every fund's income, spending, transfers and balance (in yuan, computed from fen exactly), and
        the latest balance assertion (bank statement) with its difference from the books. The balance as of a
        date D includes every movement that occurred on D.

          --by B           fund (default): one row per fund; category: income and spending per category;
                           month, quarter, year: opening, movements and closing balance per period
        \(QueryOptions.help)

        Balances keep derived state in index/funds.state (deleting it never changes an answer): the log is
        verified from the record the state was made at to the head, and only those records are read. With --at-seq
        before that record the whole log is read. `ledger verify` never uses the state; `ledger verify --index`
        rebuilds it and reports whether it was damaged.

        Exit status: 0 ok, 1 the log failed verification, 2 usage error.
        """,
        options: QueryOptions.options + [.value("by")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "balances")
        let by = ProjectionReports.BalanceBreakdown(
            rawValue: try arguments.choice("by", allowed: ProjectionReports.BalanceBreakdown.allCases.map(\.rawValue), default: "fund"))!
        let query = try QueryOptions.load(arguments, context, fundsOnly: true)
        context.io.writeOutBytes(ProjectionReports.balances(query.projection, filter: query.filter, by: by, format: query.format))
        return 0
    }
}
