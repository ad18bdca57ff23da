import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

/// The options every query command shares (`balances`, `assets`, `contracts`, `decisions`, `show`) and the
/// projection they select.
enum QueryOptions {
    static let options: [OptionSpec] = [SharedOptions.community, SharedOptions.street, SharedOptions.asOf, SharedOptions.atSeq,
                                        SharedOptions.format]

    /// Exit status of the query commands.
    static let exitStatus = Message(en: "0 ok, 1 the log failed verification, 2 usage error.",
                                    zh: "0 成功；1 日志校验失败；2 用法错误。")

    /// A projection and how to show it.
    struct Query {
        let projection: Projection
        let filter: EntityFilter
        let format: ReportFormat
        /// The records projected, when asked for (`show`).
        let records: [Record]
        /// What committed personal fields show (values from `private/`, or 已依法删除); empty unless asked for.
        let names: PersonalNames
    }

    /// Reads and verifies the log, projects it as the options ask, and checks the filter names something.
    /// - Parameter persons: read `private/` for the reports that show personal fields (assets, contracts, show).
    /// - Parameter fundsOnly: fold only the funds (`FundFold`: only fund-related payloads are decoded), for
    ///   `balances`, which shows nothing else.
    static func load(_ arguments: Arguments, _ context: CommandContext, keepRecords: Bool = false,
                     persons: Bool = false, fundsOnly: Bool = false) throws(CLIError) -> Query {
        let format = arguments.choice(SharedOptions.format, as: ReportFormat.self)
        let asOf = try context.date(arguments, SharedOptions.asOf) ?? context.io.now().date
        let atSeq = try arguments.integer(SharedOptions.atSeq, minimum: 1)
        let directory = try context.openLedger(arguments)
        if !keepRecords, let scoped = try scopedLoad(arguments, context, directory, asOf: asOf, atSeq: atSeq, format: format, persons: persons) {
            return scoped
        }
        if fundsOnly {
            precondition(!keepRecords && !persons, "a funds-only query keeps no records and shows no personal fields")
            // The derived state of index/ (ledger-spec.md section 15): never changes an answer, only what is read.
            let read = try CLIError.fromChain { () throws(ChainError) in try FundFold.read(directory, upToSeq: atSeq, state: true) }
            if let notice = read.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
            try checkAtSeq(atSeq, totalRecordCount: read.totalRecordCount)
            return try query(read.fold.projection(asOf: asOf), arguments, context, format: format, records: []) { PersonalNames() }
        }
        // Records are kept only when asked for (`show`); otherwise they are folded as they are read.
        var records: [Record] = []
        var effective = EffectiveLog()
        // Erasures apply to what a report shows whenever they were recorded, --at-seq or not.
        var erased = Set<PersonalCommitment>()
        let summary = try CLIError.fromChain { () throws(ChainError) in
            try VerifiedLog.stream(directory, upToSeq: atSeq, laterOfType: .personalDataErased,
                                   visitLater: { erased.formUnion(PersonalDataSupport.erasures(in: $0)) }) { record in
                if keepRecords { records.append(record) }
                erased.formUnion(PersonalDataSupport.erasures(in: record))
                effective.apply(record)
            }
        }
        try checkAtSeq(atSeq, totalRecordCount: summary.totalRecordCount)
        let projection = Projection(log: effective, asOf: asOf)
        return try query(projection, arguments, context, format: format, records: records) {
            persons ? PersonalDataSupport.names(directory, erased: erased, shown: PersonalDataSupport.commitments(in: projection.facts), context)
                    : PersonalNames()
        }
    }

    /// The scope's records as `ScopeIndex` reads them (ledger-spec.md section 15), folded by the same code as the
    /// whole log. Nil when the question is not scoped, or the index cannot answer it, or the scope names no community
    /// as of the date (the whole log is read then, so the message lists every community as before).
    static func scopedRead(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory,
                           atSeq: Int64?) throws(CLIError) -> (read: ScopeIndex.ScopedRead, effective: EffectiveLog, erased: Set<PersonalCommitment>)? {
        let communityID = arguments.value(SharedOptions.community), street = arguments.value(SharedOptions.street)
        // LEDGER_SCOPES=off reads the whole log as before (for comparisons: the answer is the same).
        guard communityID != nil || street != nil, context.io.environment["LEDGER_SCOPES"] != "off" else { return nil }
        guard let read = try CLIError.fromChain({ () throws(ChainError) in
            try ScopeIndex.read(directory, communityID: communityID, street: street, upToSeq: atSeq)
        }) else { return nil }
        if let notice = read.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        try checkAtSeq(atSeq, totalRecordCount: read.totalRecordCount)
        var effective = EffectiveLog(sparse: true)
        var erased = Set<PersonalCommitment>()
        for record in read.laterErasures { erased.formUnion(PersonalDataSupport.erasures(in: record)) }
        for record in read.records {
            erased.formUnion(PersonalDataSupport.erasures(in: record))
            effective.apply(record)
        }
        effective.advance(to: atSeq ?? read.totalRecordCount)
        return (read, effective, erased)
    }

    /// Whether the filter names something in `projection` (else the whole log is read for the message).
    static func scopeExists(_ projection: Projection, communityID: String?, street: String?) -> Bool {
        if let communityID, projection.communities[communityID] == nil { return false }
        if let street, !projection.communities.values.contains(where: { $0.street == street }) { return false }
        return true
    }

    private static func scopedLoad(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory, asOf: CalendarDate,
                                   atSeq: Int64?, format: ReportFormat, persons: Bool) throws(CLIError) -> Query? {
        guard let (_, effective, erased) = try scopedRead(arguments, context, directory, atSeq: atSeq) else { return nil }
        let projection = Projection(log: effective, asOf: asOf)
        guard scopeExists(projection, communityID: arguments.value(SharedOptions.community), street: arguments.value(SharedOptions.street)) else {
            return nil
        }
        return try query(projection, arguments, context, format: format, records: []) {
            persons ? PersonalDataSupport.names(directory, erased: erased, shown: PersonalDataSupport.commitments(in: projection.facts), context)
                    : PersonalNames()
        }
    }

    /// Refuses an `--at-seq` beyond the ledger's last record (rectify says it the same way).
    static func checkAtSeq(_ atSeq: Int64?, totalRecordCount: Int64) throws(CLIError) {
        guard let atSeq, atSeq > totalRecordCount else { return }
        throw .usage(Message(en: "--at-seq \(atSeq) is beyond the ledger's last record (seq \(totalRecordCount)).",
                             zh: "--at-seq \(atSeq) 超出了账本的最后一条记录（第 \(totalRecordCount) 条）。"))
    }

    /// Checks the filter names something, warns about anomalies, and makes the query.
    private static func query(_ projection: Projection, _ arguments: Arguments, _ context: CommandContext, format: ReportFormat,
                              records: [Record], names: () -> PersonalNames) throws(CLIError) -> Query {
        let asOf = projection.asOf
        let filter = EntityFilter(communityID: arguments.value(SharedOptions.community), street: arguments.value(SharedOptions.street))
        if let id = filter.communityID, projection.communities[id] == nil {
            let known = projection.communities.keys.sorted().joined(separator: ", ")
            throw .usage(Message(en: "--community \(id): no such community as of \(asOf)\(known.isEmpty ? "" : "; known: \(known)").",
                                 zh: "--community \(id)：截至 \(asOf) 没有这个小区\(known.isEmpty ? "" : "；已有：\(known)")。"))
        }
        if let street = filter.street, !projection.communities.values.contains(where: { $0.street == street }) {
            let known = Set(projection.communities.values.map(\.street)).sorted().joined(separator: ", ")
            throw .usage(Message(en: "--street \(street): no community of that street as of \(asOf)\(known.isEmpty ? "" : "; known: \(known)").",
                                 zh: "--street \(street)：截至 \(asOf) 这个街道没有小区\(known.isEmpty ? "" : "；已有：\(known)")。"))
        }
        warnAboutAnomalies(projection, context)
        return Query(projection: projection, filter: filter, format: format, records: records, names: names())
    }

    /// Records the projection could not apply (only in a log written past `ledger append`'s checks) leave holes in
    /// balances and statuses; say so loudly rather than print totals that silently omit them.
    static func warnAboutAnomalies(_ projection: Projection, _ context: CommandContext) {
        guard !projection.anomalies.isEmpty else { return }
        let zh = context.messageLanguage == .zh
        var text = zh ? "警告：有 \(projection.anomalies.count) 条记录无法计入，下面的数字不含它们：\n"
            : "warning: \(projection.anomalies.count) record(s) could not be applied, so the figures below leave them out:\n"
        for anomaly in projection.anomalies.prefix(20) { text += "  #\(anomaly.evidence.seq) \(anomaly.evidence.eventID): \(anomaly.reason)\n" }
        if projection.anomalies.count > 20 { text += zh ? "  ……另有 \(projection.anomalies.count - 20) 条\n" : "  … and \(projection.anomalies.count - 20) more\n" }
        text += zh ? "  请为它们记录更正（`ledger show ID`），或从校验通过的备份恢复日志。\n"
            : "  Record corrections for them (`ledger show ID`), or restore the log from a verified backup.\n"
        context.io.writeErr(DisplayText.neutralised(text, lineBreaks: .keep))
    }
}
