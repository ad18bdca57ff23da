import LedgerChain
import LedgerEvents
import LedgerPlatform

enum InitCommand {
    static let command = Command(
        name: "init",
        summary: "create an empty ledger directory",
        help: """
        Usage: ledger init [--ledger DIR] [--name NAME]

        Creates an empty ledger in DIR (which must not exist, or be an empty directory): ledger.json (identity),
        events.jsonl (the log), acknowledged (the acknowledged head, nothing yet), lock and index/. Never
        overwrites anything.

          --name NAME   the ledger's name, used in signed checkpoints (default: the directory's name)

        Exit status: 0 created, 2 the directory exists or cannot be created.
        """,
        options: [.value("name")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
            _ = try arguments.requirePositionals([], command: "init")
            let path = context.ledgerPath(arguments)
            var trimmed = path
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
            let name = arguments.value("name") ?? String(trimmed.split(separator: "/").last ?? "ledger")
            do {
                try LedgerDirectory.create(at: trimmed, name: name, createdAt: context.io.now())
            } catch {
                throw .chain(error)
            }
            context.io.writeOut("created ledger \"\(name)\" at \(trimmed)\n")
            return 0
    }
}
