import LedgerProjections
import LedgerReports

enum AssetsCommand {
    static let command = Command(
        name: "assets",
        summary: Message(en: "the register of common parts with status, contracts, last use and inspection, at any date",
                         zh: "共有部分登记簿：状态、合同、最近使用和巡查，可查任意日期"),
        options: QueryOptions.options,
        about: Message(en: """
        Lists every common part (共有部分) with its status on the as-of date — idle, in_use_under_contract,
        in_use_under_decision (only when the decision authorises the use as OCC-02 judges it: a business use needs
        a decision on operating common parts reaching 3/4), in_use_without_authority, occupied or retired — the
        contracts in force on it, the
        last day it was in use, the last inspection and what it observed, and the days in use over the 365 days
        ending on the as-of date.
        """, zh: """
        列出每一处共有部分在截至日期的状态——闲置 idle、按合同使用 in_use_under_contract、按业主共同决定使用
        in_use_under_decision（仅限该决定足以授权该项使用，与整改规则 OCC-02 的判断一致：经营性使用须有关于经营共有
        部分、经四分之三以上同意的决定）、无依据使用 in_use_without_authority、被占用 occupied 或已注销 retired——以及
        有效的合同、最近一次使用的日期、最近一次巡查及其结果，和截至日期前 365 天内的使用天数。
        """),
        notes: WholeCityList.scopeAndCityNotes(AssetLine.self),
        exitStatus: QueryOptions.exitStatus,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        // The whole city's list from `index/assets.state` (ledger-spec.md 15.12), when it can answer.
        if let city = try WholeCityList.answer(AssetLine.self, arguments, context) {
            context.io.writeOutBytes(ProjectionReports.assets(city.lines, asOf: city.asOf, atSeq: city.recordCount, format: city.format,
                                                             names: city.names, language: context.language))
            return 0
        }
        let query = try QueryOptions.load(arguments, context, persons: true)
        context.io.writeOutBytes(ProjectionReports.assets(query.projection, filter: query.filter, format: query.format, names: query.names, language: context.language))
        return 0
    }
}
