import LedgerProjections
import LedgerReports

enum ContractsCommand {
    static let command = Command(
        name: "contracts",
        summary: Message(en: "operating contracts with status, deciding vote and rent expected versus received",
                         zh: "经营合同：状态、表决是否通过、应收与实收租金"),
        options: QueryOptions.options,
        about: Message(en: """
        Lists every operating contract (经营合同) with its status on the as-of date (not_started, active, expired,
        terminated), whether its deciding vote passed (passed, not_passed, none), and the rent expected (each
        instalment due in advance on the first day of its period) against the rent received into any fund.
        """, zh: """
        列出每份经营合同在截至日期的状态（未开始 not_started、履行中 active、已到期 expired、已终止
        terminated），其依据的表决是否通过（通过 passed、未通过 not_passed、无 none），以及应收租金（每期租金
        在该期第一天预付）与已收入任一资金的实收租金。
        """),
        notes: WholeCityList.scopeAndCityNotes(ContractLine.self),
        exitStatus: QueryOptions.exitStatus,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        // The whole city's list from `index/contracts.state` (ledger-spec.md 15.12), when it can answer.
        if let city = try WholeCityList.answer(ContractLine.self, arguments, context) {
            context.io.writeOutBytes(ProjectionReports.contracts(city.lines, asOf: city.asOf, atSeq: city.recordCount, format: city.format,
                                                             names: city.names, language: context.language))
            return 0
        }
        let query = try QueryOptions.load(arguments, context, persons: true)
        context.io.writeOutBytes(ProjectionReports.contracts(query.projection, filter: query.filter, format: query.format, names: query.names, language: context.language))
        return 0
    }
}
