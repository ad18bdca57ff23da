import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

enum BalancesCommand {
    static let by = OptionSpec.choice(
        "by", "B", ProjectionReports.BalanceBreakdown.self, default: .fund,
        en: "fund (default): one row per fund; category: income and spending per category; month, quarter, year: opening, movements and closing balance per period",
        zh: "fund 按资金（默认）：每个资金一行；category 按类别：各类别的收入和支出；month 月、quarter 季、year 年：每期的期初、发生额和期末余额")

    static let command = Command(
        name: "balances",
        summary: Message(en: "fund balances with income, spending and bank-statement checks, at any date",
                         zh: "各项资金的余额、收入、支出和银行对账单核对，可查任意日期"),
        options: [by] + QueryOptions.options,
        about: Message(en: """
        Shows every fund's income, spending, transfers and balance (in yuan, computed from fen exactly), and
        the latest balance assertion (bank statement) with its difference from the books. The balance as of a
        date D includes every movement that occurred on D.

        Balances keep derived state in index/ (deleting it never changes an answer). Every fund of the city (no
        --community, --street or --at-seq; by fund or category; as of a date on or after the latest fund fact)
        comes from index/fund-totals, with the fund records after it added in, unless one of them is a correction;
        when index/ is missing, the first such question writes only that file. Other questions use
        index/funds.state, written by the first of them: the log is verified from the record the state was made at
        to the head, and only those records are read. With --at-seq before that record the whole log is read.
        `ledger verify` never uses the state; `ledger verify --index` rebuilds it and reports whether it was damaged.
        """, zh: """
        列出每项资金的收入、支出、划转和余额（单位：元，由分精确计算），以及最近一次余额核对（银行对账单）
        与账面的差额。截至日期 D 的余额包含 D 当天发生的全部收支。

        本命令在 index/ 保存派生状态（删除它不会改变任何结果）。全市所有资金（不带 --community、--street、
        --at-seq；按资金或类别；截至日期不早于最后一笔资金记录）取自 index/fund-totals，并计入其后的资金记录，
        其中有更正时除外；index/ 不存在时，第一次这样的查询只写入该文件。其他查询使用 index/funds.state，由其中
        第一次查询写入：只校验并读取该状态所在记录之后的记录。--at-seq 早于该记录时读取整个日志。
        “ledger verify”从不使用该状态；“ledger verify --index”重建它并报告它是否损坏。
        """),
        notes: QueryOptions.scopeNotes,
        exitStatus: QueryOptions.exitStatus,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let by = arguments.choice(Self.by, as: ProjectionReports.BalanceBreakdown.self)
        if by == .fund || by == .category, let output = try wholeCity(arguments, context, by: by) {
            context.io.writeOutBytes(output)
            return 0
        }
        let query = try QueryOptions.load(arguments, context, fundsOnly: true, wholeCityViews: by == .fund || by == .category)
        if let views = query.views {
            context.io.writeOutBytes(query.writingTotals {
                ProjectionReports.balances(query.projection, views: views, by: by, format: query.format, language: context.language)
            })
        } else {
            context.io.writeOutBytes(ProjectionReports.balances(query.projection, filter: query.filter, by: by, format: query.format,
                                                                language: context.language))
        }
        return 0
    }

    /// Every fund of the city from `index/fund-totals` (ledger-spec.md section 15.7), when the totals answer the
    /// question exactly: the whole city, no --at-seq, an as-of date on or after the latest fund fact; fund records
    /// after their stamp are folded into them (and the totals written at the head). Nil otherwise (the fold answers,
    /// and writes the totals at the head).
    static func wholeCity(_ arguments: Arguments, _ context: CommandContext, by: ProjectionReports.BalanceBreakdown) throws(CLIError) -> [UInt8]? {
        guard arguments.value(SharedOptions.community) == nil, arguments.value(SharedOptions.street) == nil,
              arguments.value(SharedOptions.atSeq) == nil, context.io.environment["LEDGER_SCOPES"] != "off" else { return nil }
        let format = arguments.choice(SharedOptions.format, as: ReportFormat.self)
        let asOf = try context.date(arguments, SharedOptions.asOf) ?? context.today
        let directory = try context.openLedger(arguments)
        let loaded: FundTotals.Loaded?
        do { loaded = try FundTotals.load(directory) } catch {
            switch error {
            case .chain(let failure): throw .chain(failure)
            case .unusable(let problem):
                // A record the totals cannot take in exactly only sends the question to the fold, which writes them anew;
                // a stamped record the log no longer holds is told (review 37a F3: the log may have lost records).
                if case .mismatch = problem, problem.recordNoLongerInLog == nil { return nil }
                context.io.writeErr(DisplayText.neutralised(SystemWords.rebuilt(FundTotals.fileName, in: directory, problem), lineBreaks: .toSpace) + "\n")
                return nil
            }
        }
        switch loaded {
        case nil:
            return nil
        case let loaded?:
            // Fund records after the stamp were folded in: keep the result (a long tail of other records too, so
            // that the next query does not read it again).
            if loaded.updated || loaded.recordsRead >= 10_000 { loaded.totals.write(directory) }
            // Not freed before exit (30,000 funds' views and checks: a tenth of the command at 10M records).
            QueryOptions.keepUntilExit(loaded.totals, records: loaded.recordCount)
            guard loaded.totals.answers(asOf: asOf) else { return nil }
            QueryOptions.warnAboutAnomalies(loaded.totals.anomalies, context)
            return ProjectionReports.balances(loaded.totals.projection(asOf: asOf, atSeq: loaded.recordCount), views: loaded.totals.views,
                                              by: by, format: format, language: context.language)
        }
    }
}
