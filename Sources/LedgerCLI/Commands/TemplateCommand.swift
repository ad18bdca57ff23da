import LedgerEvents
import LedgerImport

/// `ledger template KIND`: the CSV a clerk fills in for `ledger import KIND` — Chinese headings and two example
/// rows, UTF-8 with a byte-order mark so that Excel and WPS open it as UTF-8. The same bytes as
/// testdata/templates/KIND.csv.
enum TemplateCommand {
    /// The kinds with a template: every import kind but `statement`, whose columns are the bank's own (a mapping
    /// file names them).
    static let kinds = ["assets"] + FactKind.allCases.map(\.rawValue)
    static let kindsText = kinds.joined(separator: ", "), kindsTextZh = kinds.joined(separator: "、")

    static let command = Command(
        name: "template",
        summary: Message(en: "print the CSV template of an import kind (Chinese headings, two example rows)",
                         zh: "输出某种导入的 CSV 模板（中文列标题，两行示例）"),
        positionals: .described("KIND"),
        options: [],
        about: Message(en: """
        KIND is one of: \(kindsText). A bank statement has no template: import the bank's own file with a mapping
        (`ledger import statement`, README "Clerk's workflow").
        Prints a CSV file (UTF-8 with BOM, CRLF line ends) with the headings `ledger import KIND` reads and two
        example rows from the demo ledger. Save it, open it in Excel or WPS, replace the example rows and import it:
          ledger template income > 收入.csv
        Amounts are in yuan (元). English headings and the other accepted headings are listed in README.md
        ("Clerk's workflow").
        """, zh: """
        KIND 是以下之一：\(kindsTextZh)。银行对账单没有模板：直接导入银行导出的文件，用映射文件说明各列
        （“ledger import statement”，见 README.md“Clerk's workflow”）。
        输出一个 CSV 文件（带 BOM 的 UTF-8，CRLF 换行），含“ledger import KIND”读取的列标题和两行取自演示账本的
        示例。保存后用 Excel 或 WPS 打开，替换示例行后导入：
          ledger template income > 收入.csv
        金额以元计。英文列标题和其他可用的列标题见 README.md（“Clerk's workflow”）。
        """),
        exitStatus: Message(en: "0 printed, 2 unknown kind.", zh: "0 已输出；2 不认识的类型。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["KIND"], command: "template")
        guard let bytes = ImportTemplates.template(positionals[0]) else {
            if positionals[0] == "statement" {
                throw .usage(Message(
                    en: "a bank statement has no template: its columns are the bank's own. Import the bank's file as it is with `ledger import statement FILE --fund F` (and a mapping file if its headings are not recognised; README \"Clerk's workflow\").",
                    zh: "银行对账单没有模板：其各列由银行决定。请直接导入银行导出的文件：“ledger import statement 文件 --fund 资金账户编号”（如列标题无法识别，另给映射文件；见 README.md“Clerk's workflow”）。"))
            }
            let shown = DisplayText.visible(positionals[0])
            throw .usage(Message(en: "`ledger template` knows \(kindsText); \"\(shown)\" is none of them.",
                                 zh: "“ledger template”可用的种类为 \(kindsTextZh)；“\(shown)”不在其中。")
                + .didYouMeanKind(positionals[0], among: kinds))
        }
        context.io.writeOutBytes(bytes)
        return 0
    }
}
