import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

enum CommunitiesCommand {
    static let command = Command(
        name: "communities",
        summary: Message(en: "the communities with their street, counts of common parts, funds, contracts and decisions, and balances",
                         zh: "小区一览：街道、共有部分、资金、合同和决定的数目，以及资金余额"),
        options: QueryOptions.options,
        about: Message(en: """
        Lists every registered community (小区) with its street office and residents' committee, and on the as-of
        date: its common parts in service (retired ones left out), how many of them are idle and occupied, its
        funds, the contracts in force (active), the owners' decisions recorded, and the total of its funds'
        balances in yuan (`ledger balances --community ID` shows each fund).
        """, zh: """
        列出每个已登记的小区及其街道办事处和居委会，以及截至日期的情况：在用的共有部分数（不含已注销的）、
        其中闲置和被占用的数目、资金数、履行中的合同数、已记录的业主共同决定数，以及各项资金余额的合计（元；
        “ledger balances --community ID”列出每项资金）。
        """),
        notes: Message(en: QueryOptions.scopeNotes.en + "\n\n" + wholeCityNotes.en, zh: QueryOptions.scopeNotes.zh.map { $0 + "\n\n" + wholeCityNotes.zh! }),
        exitStatus: QueryOptions.exitStatus,
        run: run)

    /// What `--help` says about the whole city's list (`index/communities.state`, ledger-spec.md section 15.11).
    static let wholeCityNotes = Message(en: """
    Without --community, --street or --at-seq, every community's line as of the date asked is kept in
    index/communities.state (derived, optional): the next whole-city list of that date reads it, and after an append
    refolds only the community groups the new records join (through index/scopes). Another date, a damaged or
    missing file, or records it cannot refold: the whole log is folded as before (a damaged file with a one-line
    note). LEDGER_COMMUNITIES_STATE=off folds the whole log.
    """, zh: """
    不带 --community、--street 或 --at-seq 时，所查日期各小区的一行保存在 index/communities.state（派生、可选）：
    同一日期的下一次全市列表直接读取它；追加记录后只重算新记录所属的小区组（借助 index/scopes）。换一个日期、文件
    损坏或缺失，或无法只重算新记录时，照旧汇总整个日志（文件损坏时给出一行提示）。LEDGER_COMMUNITIES_STATE=off
    汇总整个日志。
    """)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        if let output = try wholeCity(arguments, context) {
            context.io.writeOutBytes(output)
            return 0
        }
        let query = try QueryOptions.load(arguments, context)
        context.io.writeOutBytes(ProjectionReports.communities(query.projection, filter: query.filter, format: query.format,
                                                               language: context.language))
        return 0
    }

    /// The whole city's list from `index/communities.state` (ledger-spec.md section 15.11): without `--community`,
    /// `--street` or `--at-seq`, the lines are read from the file made for the as-of date (the groups the records
    /// after its stamp join refolded through `index/scopes`), or the whole log is folded and the file written. The
    /// same bytes as the fold's report, the same warning. Nil for any other question (the fold answers as before).
    /// `LEDGER_SCOPES=off` or `LEDGER_COMMUNITIES_STATE=off` folds the whole log and leaves the file alone (tests
    /// compare); `LEDGER_COMMUNITIES_REFOLD=off` never refolds.
    static func wholeCity(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> [UInt8]? {
        guard arguments.value(SharedOptions.community) == nil, arguments.value(SharedOptions.street) == nil,
              arguments.value(SharedOptions.atSeq) == nil, context.io.environment["LEDGER_SCOPES"] != "off",
              context.io.environment["LEDGER_COMMUNITIES_STATE"] != "off" else { return nil }
        let format = arguments.choice(SharedOptions.format, as: ReportFormat.self)
        let asOf = try context.date(arguments, SharedOptions.asOf) ?? context.io.now().date
        let directory = try context.openLedger(arguments)
        let refold = context.io.environment["LEDGER_COMMUNITIES_REFOLD"] != "off"
        let answer = try CLIError.fromChain { () throws(ChainError) in try CommunitiesState.answer(directory, asOf: asOf, today: context.io.now().date, refold: refold) }
        if let notice = answer.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        if let fold = answer.fold {
            QueryOptions.keepUntilExit(fold.effective, records: answer.recordCount)
            QueryOptions.keepUntilExit(fold.projection, records: answer.recordCount)
        }
        QueryOptions.warnAboutAnomalies(lines: answer.anomalies.map { (seq: $0.seq, eventID: $0.eventID, reason: $0.reason) }, context)
        return ProjectionReports.communities(answer.rows, asOf: asOf, atSeq: answer.recordCount, format: format, language: context.language)
    }
}
