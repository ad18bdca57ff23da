import LedgerProjections
import LedgerReports

enum ContractsCommand {
    static let command = Command(
        name: "contracts",
        summary: Message(en: "operating contracts with status, whether their decision authorised them, and rent expected versus received",
                         zh: "经营合同：状态、所依据的业主共同决定是否足以授权、应收与实收租金"),
        options: QueryOptions.options,
        about: Message(en: """
        Lists every operating contract (经营合同) with its status on the as-of date (not_started, active, expired,
        terminated), whether its decision authorised it when signed, as CON-01 and CON-02 judge it (passed; not_passed;
        none; unknown; or a vote that passed but does not authorise it: passed_below_three_quarters — operating common
        parts is item 8 and needs 3/4 — passed_wrong_matter, passed_other_community, passed_other_contract (the
        decision names another contract the ledger holds), passed_other_assets, passed_expired,
        ratified_after_signing), and the rent expected (each instalment due in advance on the first day of its
        period) against the rent received into the community's own funds. A contract signed on a failed vote whose
        record a correction made cite a later vote shows the failed vote, and its decision, for dates before the
        later one.
        """, zh: """
        列出每份经营合同在截至日期的状态（未开始 not_started、履行中 active、已到期 expired、已终止
        terminated），其依据的业主共同决定在签约时是否足以授权该合同（与整改规则 CON-01、CON-02 的判断一致：通过
        passed、未通过 not_passed、无 none、不明 unknown；表决通过但不足以授权的，写明原因，如“表决通过，但不足以
        授权经营（第八项须四分之三以上）”passed_below_three_quarters；决定载明同意的是本账本中的另一份合同的，写
        “表决通过，但同意的是另一份合同”passed_other_contract），以及应收租金（每期租金在该期第一天预付）与已收入本
        小区资金账户的实收租金。合同在表决未通过时签订、后经更正改为引用其后作出的决定的，在该决定作出之前的日期，
        列出签约时所依据的未通过的决定及其表决结果。
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
