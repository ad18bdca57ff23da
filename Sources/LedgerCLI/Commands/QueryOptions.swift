import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports
import LedgerRules

/// The options every query command shares (`balances`, `assets`, `contracts`, `decisions`, `show`) and the
/// projection they select.
enum QueryOptions {
    static let options: [OptionSpec] = [SharedOptions.community, SharedOptions.street, SharedOptions.asOf, SharedOptions.atSeq,
                                        SharedOptions.format]

    /// What `--help` says about scoped reads (`index/scopes`, ledger-spec.md section 15.5).
    static let scopeNotes = Message(en: """
    With --community or --street only that scope's records are read: index/scopes (derived, optional: deleting it never
    changes an answer) says which records concern which communities. It is checked against the log before use; the
    records after it are read and verified from the log; it is rebuilt from the whole log, with a one-line note, when
    it is missing, damaged or out of step; when over a twentieth of the log (1,000 to 50,000 records) came after it,
    they are merged into it. --as-of any date and --at-seq N keep working: an --at-seq older than the index reads the
    scope's records up to N, no rebuild. Warnings about records that cannot be applied list only the scope's. `ledger
    verify --index` checks and rebuilds the index; LEDGER_SCOPES=off reads the whole log.
    """, zh: """
    用 --community 或 --street 时只读取该范围的记录：index/scopes（派生、可选，删除它不会改变任何结果）记录哪些记录
    涉及哪些小区。使用前先与日志核对；其后的记录从日志读取并校验；缺失、损坏或与日志不一致时，从整个日志重建并
    给出一行提示；其后新增的记录超过日志的二十分之一（1,000 至 50,000 条）时，把这些记录并入该索引。--as-of 任意
    日期和 --at-seq N 照常可用：早于该索引的 --at-seq 只读取该范围第 N 条及以前的记录，无需重建。无法计入的记录的警告
    只列出该范围内的。
    “ledger verify --index”检查并重建该索引；LEDGER_SCOPES=off 读取整个日志。
    """)

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
        /// Every fund of the city as `FundTotals` made them from the fold just done (`wholeCityViews`): the report is
        /// made from these (as when the totals are read from `index/fund-totals`), not from `projection`'s funds,
        /// which are then left empty.
        var views: [FundView]? = nil
        /// The corrections of `records` when they were read with gaps (`show` from `index/scopes`): their sparse
        /// effective log's. Nil for the whole log.
        var corrections: [AppliedCorrection]? = nil
        /// `index/fund-totals` still to be written (made with `views`): the command runs it while it renders the
        /// answer from `views` (`writingTotals`), before it returns. Nil when there is nothing left to write.
        var totalsToWrite: (() -> Void)? = nil

        /// `render()` while the totals left to write are written (and fsynced) on another thread: both are done
        /// when this returns. The file is the same, and written before the command ends, as when it was written
        /// first (ledger-spec.md 15.7).
        func writingTotals(_ render: () -> [UInt8]) -> [UInt8] {
            guard let totalsToWrite else { return render() }
            return Parallel.together(render, totalsToWrite).0
        }
    }

    /// Reads and verifies the log, projects it as the options ask, and checks the filter names something.
    /// - Parameter persons: read `private/` for the reports that show personal fields (assets, contracts, show).
    /// - Parameter fundsOnly: fold only the funds (`FundFold`: only fund-related payloads are decoded), for
    ///   `balances`, which shows nothing else.
    /// - Parameter wholeCityViews: with `fundsOnly`, when the whole city is folded at the head and its totals
    ///   (`FundTotals`) answer as of the date, hand their views over in `Query.views` (for `--by fund` and
    ///   `category`, which the totals answer): the funds' views are then computed once, as the totals are made.
    /// - Parameter mentioning: `show ID`: the records that can be in `ID`'s history are read from `index/mentions`
    ///   and `index/scopes` when they can say which (ledger-spec.md 15.10), else the whole log.
    static func load(_ arguments: Arguments, _ context: CommandContext, keepRecords: Bool = false,
                     persons: Bool = false, fundsOnly: Bool = false, wholeCityViews: Bool = false,
                     mentioning: String? = nil) throws(CLIError) -> Query {
        let format = arguments.choice(SharedOptions.format, as: ReportFormat.self)
        let asOf = try context.date(arguments, SharedOptions.asOf) ?? context.today
        let atSeq = try arguments.integer(SharedOptions.atSeq, minimum: 1)
        let directory = try context.openLedger(arguments)
        if let id = mentioning, let read = try mentionLoad(id, arguments, context, directory, asOf: asOf, atSeq: atSeq, format: format, persons: persons) {
            return read
        }
        if !keepRecords, let scoped = try scopedLoad(arguments, context, directory, asOf: asOf, atSeq: atSeq, format: format, persons: persons) {
            return scoped
        }
        if fundsOnly {
            precondition(!keepRecords && !persons, "a funds-only query keeps no records and shows no personal fields")
            // The derived state of index/ (ledger-spec.md section 15): never changes an answer, only what is read.
            // When its pass rebuilds funds.state, it folds the funds too (the whole log, so not for --at-seq), and
            // that fold answers: replaying the file it just wrote would decode every fund record a second time.
            // Only the funds' state is built (ledger-spec.md 15.6): the id tables, the checks' state and the scopes
            // are left for the first command that reads them (most of the pass's time at 10 million records).
            let wholeCity = atSeq == nil && arguments.value(SharedOptions.community) == nil && arguments.value(SharedOptions.street) == nil
                && context.io.environment["LEDGER_SCOPES"] != "off"
            // The first whole-city balances by fund or category with no totals kept (after `rm -rf index/`) keeps
            // only the totals made from the pass's fold (ledger-spec.md 15.7): funds.state is left to the first
            // question the totals do not answer, which then finds the totals there and builds it. A damaged (not
            // missing) funds.state is rebuilt here, as its notice says.
            let totalsOnly = wholeCity && wholeCityViews && !PosixFile.exists(FundTotals.path(directory))
                && !PosixFile.exists(FundState.path(directory))
            let read: FundFold.StateRead
            if let rebuilt = context.rebuildIndex(directory, files: [.funds], foldingFunds: atSeq == nil, writingFundsState: !totalsOnly) {
                read = rebuilt
            } else {
                read = try CLIError.fromChain { () throws(ChainError) in try FundFold.read(directory, upToSeq: atSeq, state: true) }
            }
            if let notice = read.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
            try checkAtSeq(atSeq, totalRecordCount: read.totalRecordCount, directory)
            keepUntilExit(read.fold, records: read.fold.lastSeq)
            // The whole city folded at the head: keep its totals (index/fund-totals, ledger-spec.md section 15.7), so
            // the next whole-city balances costs the number of funds.
            if wholeCity, let genesis = read.genesis, let head = read.head {
                let totals = FundTotals(fold: read.fold, ledgerName: directory.name, genesis: genesis, stamp: head)
                // The answer the totals give when read back (`BalancesCommand.wholeCity`), from the views just made;
                // the totals are written while it is rendered (`Query.writingTotals`).
                if wholeCityViews, totals.answers(asOf: asOf) {
                    var answer: Query
                    do {
                        answer = try query(totals.projection(asOf: asOf, atSeq: read.totalRecordCount), arguments, context,
                                           format: format, records: []) { PersonalNames() }
                    } catch {
                        totals.write(directory)
                        throw error
                    }
                    answer.views = totals.views
                    answer.totalsToWrite = { totals.write(directory) }
                    return answer
                }
                totals.write(directory)
            }
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
        try checkAtSeq(atSeq, totalRecordCount: summary.totalRecordCount, directory)
        keepUntilExit(effective, records: summary.totalRecordCount)
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
                           atSeq: Int64?, streetPeers: Bool = false) throws(CLIError) -> (read: ScopeIndex.ScopedRead, effective: EffectiveLog, erased: Set<PersonalCommitment>)? {
        let communityID = arguments.value(SharedOptions.community), street = arguments.value(SharedOptions.street)
        // LEDGER_SCOPES=off reads the whole log as before (for comparisons: the answer is the same).
        guard communityID != nil || street != nil, context.io.environment["LEDGER_SCOPES"] != "off" else { return nil }
        // Only the file this read uses (ledger-spec.md 15.6): the id tables, the funds' and the checks' states are
        // left for the commands that read them (after `rm -rf index/` they were about half of the pass's CPU).
        context.rebuildIndex(directory, files: [.scopes])
        guard let read = try CLIError.fromChain({ () throws(ChainError) in
            try ScopeIndex.read(directory, communityID: communityID, street: street, upToSeq: atSeq, streetPeers: streetPeers)
        }) else { return nil }
        if let notice = read.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        try checkAtSeq(atSeq, totalRecordCount: read.totalRecordCount, directory)
        let (effective, erased) = fold(read, atSeq: atSeq)
        return (read, effective, erased)
    }

    /// The records of a scoped read folded as a sparse log up to `atSeq` (the head when nil), and the commitments
    /// erased by them or by the erasures after the scope's records.
    private static func fold(_ read: ScopeIndex.ScopedRead, atSeq: Int64?) -> (EffectiveLog, Set<PersonalCommitment>) {
        var effective = EffectiveLog(sparse: true)
        var erased = Set<PersonalCommitment>()
        for record in read.laterErasures { erased.formUnion(PersonalDataSupport.erasures(in: record)) }
        for record in read.records {
            erased.formUnion(PersonalDataSupport.erasures(in: record))
            effective.apply(record)
        }
        effective.advance(to: atSeq ?? read.totalRecordCount)
        return (effective, erased)
    }

    /// `show ID` from the derived state (ledger-spec.md 15.10): when `index/mentions` says no record holds `ID` as a
    /// free string, the records that can be in its history are the groups `index/scopes` gives `ID` as an id of every
    /// kind (with every correction of such a record and the global block, erasures included); they are read by
    /// position, each checked against its stored hash, the log after each file's stamp read and verified, and folded
    /// as a scope is. The entity's state is its group's, as a scoped query's. Nil (the whole log answers, the same)
    /// when either file cannot answer, `ID` may be a free string, `LEDGER_SCOPES=off`, or `--community`/`--street`
    /// names nothing the groups hold (the message lists every community, from the whole log).
    private static func mentionLoad(_ id: String, _ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory,
                                    asOf: CalendarDate, atSeq: Int64?, format: ReportFormat, persons: Bool) throws(CLIError) -> Query? {
        guard context.io.environment["LEDGER_SCOPES"] != "off" else { return nil }
        // The files key ids by their bytes, `show` matches them as Swift strings (canonical equivalence): an id typed
        // outside NFC (`e` + U+0301, a compatibility ideograph) matches an NFC id the files key otherwise, so the
        // whole log answers it (review C14). Every id the door has let in since the NFC rule is NFC.
        guard EventInput.nfcForm(id) == nil else { return nil }
        // `index/mentions` with the one file the scoped read uses, `index/scopes`: after `rm -rf index/`, one read of
        // the log builds both (15.6), instead of one read for the mentions and another for the scopes; the other
        // files are left for the commands that read them.
        context.rebuildIndex(directory, files: [.scopes, .mentions])
        let answer = try CLIError.fromChain { () throws(ChainError) in try MentionIndex.answer(directory, id: id) }
        guard case .onlyInGroups(let mentionsNotice) = answer else { return nil }
        if let mentionsNotice { context.io.writeErr(DisplayText.neutralised(mentionsNotice, lineBreaks: .toSpace) + "\n") }
        guard let read = try CLIError.fromChain({ () throws(ChainError) in
            try ScopeIndex.read(directory, mentioning: id, upToSeq: atSeq)
        }) else { return nil }
        if let notice = read.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        try checkAtSeq(atSeq, totalRecordCount: read.totalRecordCount, directory)
        let (effective, erased) = fold(read, atSeq: atSeq)
        let projection = Projection(log: effective, asOf: asOf)
        guard scopeExists(projection, communityID: arguments.value(SharedOptions.community), street: arguments.value(SharedOptions.street)) else {
            return nil
        }
        var query = try query(projection, arguments, context, format: format, records: read.records) {
            persons ? PersonalDataSupport.names(directory, erased: erased, shown: PersonalDataSupport.commitments(in: projection.facts), context)
                    : PersonalNames()
        }
        query.corrections = effective.corrections
        return query
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

    /// A structure kept alive on purpose.
    private final class Kept<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` (a fold or projection of `records` records) alive to the end of the process when it is large.
    /// A query's structures live until the command returns, which is just before the process exits: freeing them
    /// then is pure cost (millions of strings and buffers — half of what followed the fold at 10 million records),
    /// and the system takes the memory back at exit anyway. Nothing is written or flushed differently: output goes
    /// out as before, and the value is only never released. Small ones (tests, `demo`, which run commands one after
    /// another in one process) are freed as usual.
    static func keepUntilExit<Value>(_ value: Value, records: Int64) {
        guard records >= keptRecordsMin else { return }
        Memory.keepUntilExit(Kept(value))
    }

    /// The size from which `keepUntilExit` keeps a structure.
    static let keptRecordsMin: Int64 = 200_000

    /// Refuses an `--at-seq` beyond the ledger's last record, or inside a batch (rectify says it the same way): a
    /// batch is written all or nothing (ledger-spec.md section 4), so the ledger never stood at a record before its
    /// batch's last, and a report cut there would show a state that never existed. The message names the seqs that
    /// can be used instead. The batch is found by a few positional reads (`LogScanner.batch(holding:in:)`), not a read
    /// of the log; the head always ends a batch.
    static func checkAtSeq(_ atSeq: Int64?, totalRecordCount: Int64, _ directory: LedgerDirectory) throws(CLIError) {
        guard let atSeq else { return }
        if atSeq > totalRecordCount {
            throw .usage(Message(en: "--at-seq \(atSeq) is beyond the ledger's last record (seq \(totalRecordCount)).",
                                 zh: "--at-seq \(atSeq) 超出了账本的最后一条记录（第 \(totalRecordCount) 条）。"))
        }
        guard atSeq < totalRecordCount,
              let batch = try CLIError.fromChain({ () throws(ChainError) in try LogScanner.batch(holding: atSeq, in: directory) }),
              batch.last != atSeq else { return }
        let inside = insideBatch(atSeq, batch: batch), instead = batchInstead(batch)
        throw .usage(Message(en: "--at-seq " + inside.en + ". " + instead.en, zh: "--at-seq " + inside.zh + "；" + instead.zh))
    }

    /// `N falls inside the batch of records a–b, which was written as a whole: the ledger never stood at record N`
    /// (`appending`: the batch being appended).
    static func insideBatch(_ atSeq: Int64, batch: (first: Int64, last: Int64), appending: Bool = false) -> Wording {
        appending
            ? Wording(en: "\(atSeq) falls inside this batch (records \(batch.first)–\(batch.last) once appended), which is written as a whole: "
                        + "the ledger will never stand at record \(atSeq)",
                      zh: "\(atSeq) 落在本批次（追加后为第 \(batch.first)–\(batch.last) 条记录）中，该批次整体写入，账本不会处于第 \(atSeq) 条记录的状态")
            : Wording(en: "\(atSeq) falls inside the batch of records \(batch.first)–\(batch.last), which was written as a whole: "
                        + "the ledger never stood at record \(atSeq)",
                      zh: "\(atSeq) 落在第 \(batch.first)–\(batch.last) 条记录的同一批次中，该批次整体写入，账本从未处于第 \(atSeq) 条记录的状态")
    }

    /// The seqs to use instead of one inside `batch`: before it or after it (`appending`: only before it, the batch
    /// being appended, whose last record is not yet written).
    static func batchInstead(_ batch: (first: Int64, last: Int64), appending: Bool = false) -> Wording {
        // Before a batch that starts the log there is only the empty ledger: no seq to offer.
        if appending {
            return batch.first > 1
                ? Wording(en: "Use \(batch.first - 1) (before the batch), or issue the list in a later append.",
                          zh: "请改用 \(batch.first - 1)（该批次之前），或在之后的追加中再记录该清单。")
                : Wording(en: "Issue the list in a later append (no record comes before this batch).",
                          zh: "请在之后的追加中再记录该清单（该批次之前没有记录）。")
        }
        return batch.first > 1
            ? Wording(en: "Use \(batch.first - 1) (before the batch) or \(batch.last) (after it).",
                      zh: "请改用 \(batch.first - 1)（该批次之前）或 \(batch.last)（该批次之后）。")
            : Wording(en: "Use \(batch.last) (after the batch; no record comes before it).",
                      zh: "请改用 \(batch.last)（该批次之后；该批次之前没有记录）。")
    }

    /// Checks the filter names something, warns about anomalies, and makes the query.
    private static func query(_ projection: Projection, _ arguments: Arguments, _ context: CommandContext, format: ReportFormat,
                              records: [Record], names: () -> PersonalNames) throws(CLIError) -> Query {
        let asOf = projection.asOf
        let filter = EntityFilter(communityID: arguments.value(SharedOptions.community), street: arguments.value(SharedOptions.street))
        if let id = filter.communityID, projection.communities[id] == nil {
            let ids = projection.communities.keys.sorted()
            let known = ids.joined(separator: ", "), knownZh = ids.joined(separator: "、")
            throw .usage(Message(en: "--community \(id): no such community as of \(asOf)\(known.isEmpty ? "" : "; known: \(known)").",
                                 zh: "--community \(id)：截至 \(asOf) 没有这个小区\(known.isEmpty ? "" : "；已有：\(knownZh)")。"))
        }
        if let street = filter.street, !projection.communities.values.contains(where: { $0.street == street }) {
            let streets = Set(projection.communities.values.map(\.street)).sorted()
            let known = streets.joined(separator: ", "), knownZh = streets.joined(separator: "、")
            throw .usage(Message(en: "--street \(street): no community of that street as of \(asOf)\(known.isEmpty ? "" : "; known: \(known)").",
                                 zh: "--street \(street)：截至 \(asOf) 这个街道没有小区\(known.isEmpty ? "" : "；已有：\(knownZh)")。"))
        }
        warnAboutAnomalies(projection, context)
        keepUntilExit(projection, records: projection.atSeq)
        return Query(projection: projection, filter: filter, format: format, records: records, names: names())
    }

    /// Records the projection could not apply (only in a log written past `ledger append`'s checks) leave holes in
    /// balances and statuses; say so loudly rather than print totals that silently omit them.
    static func warnAboutAnomalies(_ projection: Projection, _ context: CommandContext) {
        warnAboutAnomalies(projection.anomalies, context)
    }

    /// The warning about `anomalies` (records that could not be applied), on stderr.
    static func warnAboutAnomalies(_ anomalies: [Anomaly], _ context: CommandContext) {
        warnAboutAnomalies(lines: anomalies.map { (seq: $0.evidence.seq, eventID: $0.evidence.eventID, reason: $0.reason) }, context)
    }

    /// The same warning for records named by seq, event id and reason (as `index/rectify.state` keeps them).
    static func warnAboutAnomalies(lines all: [(seq: Int64, eventID: String, reason: String)], _ context: CommandContext) {
        guard !all.isEmpty else { return }
        // The parts whose warranty FUND-05 could not read (`WarrantyNote`, rectify's only) are a note of their own.
        var records: [(seq: Int64, eventID: String, reason: String)] = []
        var notes: [(assetID: String, attribute: String, text: String)] = []
        for line in all {
            if let note = WarrantyNote.decode(line.reason) { notes.append(note) } else { records.append(line) }
        }
        if !notes.isEmpty { noteUnreadWarranties(notes, context) }
        guard !records.isEmpty else { return }
        // By seq (stable): the order the records are in, whichever way (whole log, scope, stored list) they were read.
        let anomalies = records.enumerated().sorted { ($0.element.seq, $0.offset) < ($1.element.seq, $1.offset) }.map(\.element)
        let zh = context.messageLanguage == .zh
        var text = zh ? "警告：有 \(anomalies.count) 条记录无法计入，下面的数字不含它们：\n"
            : "warning: \(Wording.englishCount(anomalies.count, "record")) could not be applied, so the figures below leave \(anomalies.count == 1 ? "it" : "them") out:\n"
        // The stored reason is the English text; read back into its kind, it is worded in the reader's language.
        for anomaly in anomalies.prefix(20) {
            text += "  #\(anomaly.seq) \(anomaly.eventID)" + (zh ? "：" : ": ") + AnomalyReason(stored: anomaly.reason).wording.text(chinese: zh) + "\n"
        }
        if anomalies.count > 20 { text += zh ? "  ……另有 \(anomalies.count - 20) 条\n" : "  … and \(anomalies.count - 20) more\n" }
        text += zh ? "  请为它们记录更正（“ledger show ID”），或从校验通过的备份恢复日志。\n"
            : "  Record corrections for them (`ledger show ID`), or restore the log from a verified backup.\n"
        context.io.writeErr(DisplayText.neutralised(text, lineBreaks: .keep))
    }

    /// The note that FUND-05 did not check these parts' warranty (README "Known limits"), once per part, by id.
    static func noteUnreadWarranties(_ notes: [(assetID: String, attribute: String, text: String)], _ context: CommandContext) {
        var byID: [String: (attribute: String, text: String)] = [:]
        for n in notes where byID[n.assetID] == nil { byID[n.assetID] = (n.attribute, n.text) }
        let ids = byID.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let zh = context.messageLanguage == .zh
        var text = zh ? "注意：以下 \(ids.count) 处共有部分的保修期无法识别，未核查维修资金对其的支出是否在保修期内（FUND-05）：\n"
            : "note: the warranty end of \(Wording.englishCount(ids.count, "part")) could not be read, so FUND-05 did not check whether maintenance-fund spending on \(ids.count == 1 ? "it" : "them") fell within the warranty:\n"
        for id in ids.prefix(20) {
            let n = byID[id]!
            text += zh ? "  \(id)（\(n.attribute)：“\(n.text)”）\n" : "  \(id) (\(n.attribute): \"\(n.text)\")\n"
        }
        if ids.count > 20 { text += zh ? "  ……另有 \(ids.count - 20) 处\n" : "  … and \(ids.count - 20) more\n" }
        text += zh ? "  请把保修期写成日期（如 2026-12-31：asset.updated，或重新导入登记表的保修期至列）；“ledger show ID”可查看该共有部分。\n"
            : "  Record the date as 2026-12-31 (asset.updated, or import the register again with its 保修期至 column); `ledger show ID` shows the part.\n"
        context.io.writeErr(DisplayText.neutralised(text, lineBreaks: .keep))
    }
}
