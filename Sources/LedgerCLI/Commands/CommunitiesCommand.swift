import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

enum CommunitiesCommand {
    static let command = Command(
        name: "communities",
        summary: Message(en: "the communities with their street, counts of common parts, funds, contracts and decisions, and balances by fund kind",
                         zh: "小区一览：街道、共有部分、资金、合同和决定的数目，以及分类别的资金余额"),
        options: QueryOptions.options,
        about: Message(en: """
        Lists every registered community (小区) with its street office and residents' committee, and on the as-of
        date: its common parts in service (retired ones left out), how many of them are idle and occupied, its
        funds, the contracts in force (active), the owners' decisions recorded, and its funds' balances in yuan,
        one column per kind of fund (maintenance fund, public income, governance fund, other: different money
        under different rules), then their sum (balance_total), for reference only (`ledger balances --community
        ID` shows each fund).
        """, zh: """
        列出每个已登记的小区及其街道办事处和居委会，以及截至日期的情况：在用的共有部分数（不含已注销的）、
        其中闲置和被占用的数目、资金数、履行中的合同数、已记录的业主共同决定数，以及资金余额（元）：
        专项维修资金、公共收益、业主大会经费、其他资金各列一栏（各类资金分别核算、用途各有规定），
        最后一栏“合计”仅为各类相加之数，供参考（“ledger balances --community ID”列出每项资金）。
        """),
        notes: WholeCityList.scopeAndCityNotes(CommunitySummary.self),
        exitStatus: QueryOptions.exitStatus,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        // The whole city's list from `index/communities.state` (ledger-spec.md 15.11), when it can answer.
        if let city = try WholeCityList.answer(CommunitySummary.self, arguments, context) {
            context.io.writeOutBytes(ProjectionReports.communities(city.lines, asOf: city.asOf, atSeq: city.recordCount, format: city.format,
                                                                   language: context.language))
            return 0
        }
        let query = try QueryOptions.load(arguments, context)
        context.io.writeOutBytes(ProjectionReports.communities(query.projection, filter: query.filter, format: query.format,
                                                               language: context.language))
        return 0
    }
}
