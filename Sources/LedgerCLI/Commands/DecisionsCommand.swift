import LedgerProjections
import LedgerReports

enum DecisionsCommand {
    static let command = Command(
        name: "decisions",
        summary: "owners' decisions with quorum, threshold and money spent under them",
        help: """
        Usage: ledger decisions [--ledger DIR] [options]

        Lists every owners' decision (业主共同决定) with its participation and approval shares and its result under
        Civil Code Art. 278: quorum ≥ 2/3 of the total area and of the owners; items 6, 7 and 8 pass with ≥ 3/4 of
        the participating area and owners, all others with > 1/2. The result is computed exactly; the shares
        shown are rounded down to 0.01%. Also the amount cap, the amount spent under the decision and what
        remains.
        \(QueryOptions.help)

        Exit status: 0 ok, 1 the log failed verification, 2 usage error.
        """,
        options: QueryOptions.options,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "decisions")
        let query = try QueryOptions.load(arguments, context)
        context.io.writeOutBytes(ProjectionReports.decisions(query.projection, filter: query.filter, format: query.format))
        return 0
    }
}
