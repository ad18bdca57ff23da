import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports

/// The options every query command shares (`balances`, `assets`, `contracts`, `decisions`, `show`) and the
/// projection they select.
enum QueryOptions {
    static let options: [Arguments.Option] = [.value("community"), .value("street"), .value("as-of"), .value("at-seq"), .value("format")]

    static let help = """
      --community ID   only this community (小区)
      --street NAME    only the communities of this street office (街道)
      --as-of DATE     the state after every fact that occurred on or before DATE (default: today, UTC)
      --at-seq N       only records 1…N: the ledger as it stood when record N was written
      --format F       table (default), csv (UTF-8 with BOM, for Excel/WPS) or json
    """

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
        let format = ReportFormat(rawValue: try arguments.choice("format", allowed: ReportFormat.allCases.map(\.rawValue), default: "table"))!
        let asOf = try context.date(arguments, "as-of") ?? context.io.now().date
        let atSeq = try arguments.integer("at-seq", minimum: 1)
        let directory = try context.openLedger(arguments)
        if fundsOnly {
            precondition(!keepRecords && !persons, "a funds-only query keeps no records and shows no personal fields")
            // The derived state of index/ (ledger-spec.md section 15): never changes an answer, only what is read.
            let read: FundFold.StateRead
            do { read = try FundFold.read(directory, upToSeq: atSeq, state: true) } catch { throw .chain(error) }
            if let notice = read.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
            if let atSeq, atSeq > read.totalRecordCount {
                throw .usage("--at-seq \(atSeq) is beyond the ledger's last record (seq \(read.totalRecordCount)).")
            }
            return try query(read.fold.projection(asOf: asOf), arguments, context, format: format, records: []) { PersonalNames() }
        }
        // Records are kept only when asked for (`show`); otherwise they are folded as they are read.
        var records: [Record] = []
        var effective = EffectiveLog()
        // Erasures apply to what a report shows whenever they were recorded, --at-seq or not.
        var erased = Set<PersonalCommitment>()
        let summary: VerifiedLog.StreamSummary
        do {
            summary = try VerifiedLog.stream(directory, upToSeq: atSeq, laterOfType: .personalDataErased,
                                             visitLater: { erased.formUnion(PersonalDataSupport.erasures(in: $0)) }) { record in
                if keepRecords { records.append(record) }
                erased.formUnion(PersonalDataSupport.erasures(in: record))
                effective.apply(record)
            }
        } catch {
            throw .chain(error)
        }
        if let atSeq, atSeq > summary.totalRecordCount {
            throw .usage("--at-seq \(atSeq) is beyond the ledger's last record (seq \(summary.totalRecordCount)).")
        }
        let projection = Projection(log: effective, asOf: asOf)
        return try query(projection, arguments, context, format: format, records: records) {
            persons ? PersonalDataSupport.names(directory, erased: erased, shown: PersonalDataSupport.commitments(in: projection.facts), context)
                    : PersonalNames()
        }
    }

    /// Checks the filter names something, warns about anomalies, and makes the query.
    private static func query(_ projection: Projection, _ arguments: Arguments, _ context: CommandContext, format: ReportFormat,
                              records: [Record], names: () -> PersonalNames) throws(CLIError) -> Query {
        let asOf = projection.asOf
        let filter = EntityFilter(communityID: arguments.value("community"), street: arguments.value("street"))
        if let id = filter.communityID, projection.communities[id] == nil {
            let known = projection.communities.keys.sorted().joined(separator: ", ")
            throw .usage("--community \(id): no such community as of \(asOf)\(known.isEmpty ? "" : "; known: \(known)").")
        }
        if let street = filter.street, !projection.communities.values.contains(where: { $0.street == street }) {
            let known = Set(projection.communities.values.map(\.street)).sorted().joined(separator: ", ")
            throw .usage("--street \(street): no community of that street as of \(asOf)\(known.isEmpty ? "" : "; known: \(known)").")
        }
        warnAboutAnomalies(projection, context)
        return Query(projection: projection, filter: filter, format: format, records: records, names: names())
    }

    /// Records the projection could not apply (only in a log written past `ledger append`'s checks) leave holes in
    /// balances and statuses; say so loudly rather than print totals that silently omit them.
    static func warnAboutAnomalies(_ projection: Projection, _ context: CommandContext) {
        guard !projection.anomalies.isEmpty else { return }
        var text = "warning: \(projection.anomalies.count) record(s) could not be applied, so the figures below leave them out:\n"
        for anomaly in projection.anomalies.prefix(20) { text += "  #\(anomaly.evidence.seq) \(anomaly.evidence.eventID): \(anomaly.reason)\n" }
        if projection.anomalies.count > 20 { text += "  … and \(projection.anomalies.count - 20) more\n" }
        text += "  Record corrections for them (`ledger show ID`), or restore the log from a verified backup.\n"
        context.io.writeErr(DisplayText.neutralised(text, lineBreaks: .keep))
    }
}
