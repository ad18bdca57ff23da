import LedgerProjections
import LedgerReports

enum ShowCommand {
    static let command = Command(
        name: "show",
        summary: "the full history of one entity (community, asset, fund, contract, decision, …) or event",
        help: """
        Usage: ledger show ID [--ledger DIR] [options]

        Prints the state of the entity ID on the as-of date and every record that is the event ID or mentions ID,
        in seq order, with each record's status: in_effect, voided_by:#N or replaced_by:#N (corrected by record
        N), corrects:#N (a correction). Corrected records stay in the log and are shown.
        \(QueryOptions.help)
        --community and --street refuse an entity of another community.

        Exit status: 0 ok, 1 the log failed verification, 2 usage error or nothing has that id.
        """,
        options: QueryOptions.options,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let id = try arguments.requirePositionals(["ID"], command: "show")[0]
        let query = try QueryOptions.load(arguments, context, keepRecords: true, persons: true)
        let p = query.projection
        if let community = EntityHistory.communityID(of: id, in: p), !query.filter.includes(communityID: community, in: p) {
            throw .usage("\(id) belongs to community \(community), which --community/--street exclude.")
        }
        let entries = EntityHistory.entries(of: id, records: query.records, asOf: p.asOf)
        guard !entries.isEmpty else {
            throw .usage("no entity or event has id \"\(id)\" as of \(p.asOf) (records 1–\(p.atSeq)).")
        }
        context.io.writeOutBytes(ProjectionReports.show(id: id, entries: entries, projection: p, format: query.format, names: query.names))
        return 0
    }
}
