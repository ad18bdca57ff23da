import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

/// The whole city's `communities`, `assets`, `contracts` and `decisions` from their files in `index/`
/// (`CityListState`, ledger-spec.md 15.11, 15.12): without `--community`, `--street` or `--at-seq`, the lines are
/// read from the file made for the as-of date (the groups the records after its stamp join refolded through
/// `index/scopes`), or the whole log is folded and the file written. The same bytes as the fold's report on both
/// streams. `LEDGER_SCOPES=off` or `LEDGER_<LIST>_STATE=off` (`LEDGER_ASSETS_STATE`, …) folds the whole log and leaves
/// the file alone (tests compare); `LEDGER_<LIST>_REFOLD=off` never refolds.
enum WholeCityList {
    /// What a list's report is made from.
    struct Answer<Line: CityListLine> {
        let lines: [Line]
        let asOf: CalendarDate
        let recordCount: Int64
        let format: ReportFormat
        /// What committed personal fields show (`Line.showsPersons`), else empty.
        let names: PersonalNames
    }

    /// The environment's switch for `Line`'s file: `LEDGER_<LIST>_<what>` (`LEDGER_COMMUNITIES_STATE`, …).
    static func switchName<Line: CityListLine>(_: Line.Type, _ what: String) -> String {
        "LEDGER_" + (Line.fileName.split(separator: ".").first.map(String.init) ?? Line.fileName).uppercased() + "_" + what
    }

    /// The list's lines, with the notice, the warnings on standard error as the fold gives them (the anomalies, then
    /// what `private/` lacks); nil for any other question (the command folds as before).
    static func answer<Line: CityListLine>(_: Line.Type, _ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Answer<Line>? {
        let environment = context.io.environment
        guard arguments.value(SharedOptions.community) == nil, arguments.value(SharedOptions.street) == nil,
              arguments.value(SharedOptions.atSeq) == nil, environment["LEDGER_SCOPES"] != "off",
              environment[switchName(Line.self, "STATE")] != "off" else { return nil }
        let format = arguments.choice(SharedOptions.format, as: ReportFormat.self)
        let asOf = try context.date(arguments, SharedOptions.asOf) ?? context.today
        let directory = try context.openLedger(arguments)
        let refold = environment[switchName(Line.self, "REFOLD")] != "off"
        let answer = try CLIError.fromChain { () throws(ChainError) in
            try CityListState<Line>.answer(directory, asOf: asOf, today: context.today, refold: refold)
        }
        if let notice = answer.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        if let fold = answer.fold {
            QueryOptions.keepUntilExit(fold.effective, records: answer.recordCount)
            QueryOptions.keepUntilExit(fold.projection, records: answer.recordCount)
        }
        QueryOptions.warnAboutAnomalies(lines: answer.anomalies.map { (seq: $0.seq, eventID: $0.eventID, reason: $0.reason) }, context)
        let names = Line.showsPersons ? PersonalDataSupport.names(directory, erased: answer.erased, shown: answer.shown, context) : PersonalNames()
        return Answer(lines: answer.lines, asOf: asOf, recordCount: answer.recordCount, format: format, names: names)
    }

    /// What `--help` says about the whole city's list of `Line` (ledger-spec.md 15.11, 15.12).
    static func notes<Line: CityListLine>(_: Line.Type) -> Message {
        let file = "index/" + Line.fileName, off = switchName(Line.self, "STATE") + "=off"
        return Message(en: """
        Without --community, --street or --at-seq, the whole city's list as of the date asked is kept in \(file)
        (derived, optional): the next whole-city list of that date reads it, and after an append refolds only the
        community groups the new records join (through index/scopes, which the first list builds when it is missing).
        Another date, a damaged or missing file, or records it cannot refold: the whole log is folded as before (a
        damaged file with a one-line note). \(off) folds the whole log.
        """, zh: """
        不带 --community、--street 或 --at-seq 时，所查日期的全市列表保存在 \(file)（派生、可选）：同一日期的下一次
        全市列表直接读取它；追加记录后只重算新记录所属的小区组（借助 index/scopes，缺失时由第一次列表一并建立）。换一个
        日期、文件损坏或缺失，或无法只重算新记录时，照旧汇总整个日志（文件损坏时给出一行提示）。\(off) 汇总整个日志。
        """)
    }

    /// `QueryOptions.scopeNotes` and `notes(Line.self)`, for a list's `--help`.
    static func scopeAndCityNotes<Line: CityListLine>(_: Line.Type) -> Message {
        let city = notes(Line.self)
        return Message(en: QueryOptions.scopeNotes.en + "\n\n" + city.en, zh: QueryOptions.scopeNotes.zh.map { $0 + "\n\n" + city.zh! })
    }
}
