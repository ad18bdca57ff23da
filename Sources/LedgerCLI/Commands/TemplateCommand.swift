import LedgerImport

/// `ledger template KIND`: the CSV a clerk fills in for `ledger import KIND` — Chinese headings and two example
/// rows, UTF-8 with a byte-order mark so that Excel and WPS open it as UTF-8. The same bytes as
/// testdata/templates/KIND.csv.
enum TemplateCommand {
    static let command = Command(
        name: "template",
        summary: "print the CSV template of an import kind (Chinese headings, two example rows)",
        help: """
        Usage: ledger template KIND

        KIND is one of: \(ImportCommand.kindsText).
        Prints a CSV file (UTF-8 with BOM, CRLF line ends) with the headings `ledger import KIND` reads and two
        example rows from the demo ledger. Save it, open it in Excel or WPS, replace the example rows and import it:
          ledger template income > 收入.csv
        Amounts are in yuan (元). English headings and the other accepted headings are listed in README.md
        ("Clerk's workflow").

        Exit status: 0 printed, 2 unknown kind.
        """,
        options: [],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["KIND"], command: "template")
        guard let bytes = ImportTemplates.template(positionals[0]) else {
            throw .usage("`ledger template` knows \(ImportCommand.kindsText); \"\(positionals[0])\" is none of them.")
        }
        context.io.writeOutBytes(bytes)
        return 0
    }
}
