import LedgerChain
import LedgerEvents
import LedgerProjections

/// `ledger verify --index`: every file of `index/` checked against the whole log and rebuilt (ledger-spec.md
/// section 15.1), each reported on its own `index:` line and under its name in the JSON `index` object. Index damage
/// is never log damage: it does not change the exit status.
extension VerifyCommand {
    /// One derived file as `verify --index` reports it.
    struct IndexFileReport {
        enum Status {
            case absent
            case intact(seq: Int64)
            case damaged(String)
            case notChecked(String)
        }

        /// Its name in `index/`.
        let file: String
        let status: Status
        let rebuiltAt: Int64?
        /// Why no answer relied on a damaged file: who checks it before use.
        let consequence: String
    }

    /// With `--index` and an intact log, the check of every derived file (the writer's id index first: it takes the
    /// ledger's lock, and is left untouched when a writer holds it); nil without `--index`, and an empty list when
    /// the log failed verification (derived state is never used then).
    static func indexReports(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory,
                             _ summary: ScanSummary) throws(CLIError) -> [IndexFileReport]? {
        guard arguments.flag(Self.index) else { return nil }
        guard summary.failure == nil else { return [] }
        let answers = "commands check the state before use and rebuild it, so no answer came from it"
        var reports: [IndexFileReport] = []
        // The totals as stored before the pass (which rebuilds funds.state they are then compared through).
        let totalsStored = FundTotals.stored(directory)
        // One read of the log checks and rebuilds every file (ledger-spec.md 15.6), the id tables under the lock.
        let all = try CLIError.fromChain { () throws(ChainError) in try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000) }
        if let ids = all.ids {
            let status: IndexFileReport.Status
            switch ids.check {
            case .absent: status = .absent
            case .intact(let seq): status = .intact(seq: seq)
            case .damaged(let problem): status = .damaged(problem.description)
            }
            reports.append(IndexFileReport(file: "ids", status: status, rebuiltAt: ids.rebuiltAt,
                                           consequence: "the writer checks the id index before use and rebuilds it, so no append relied on it"))
        } else {
            reports.append(IndexFileReport(file: "ids", status: .notChecked("a writer holds the ledger's lock"), rebuiltAt: nil, consequence: ""))
        }
        let funds = all.funds
        reports.append(IndexFileReport(file: FundState.fileName, status: status(funds.check), rebuiltAt: funds.rebuiltAt, consequence: answers))
        let checks = all.checks
        let checkStatus: IndexFileReport.Status
        switch checks.check {
        case .absent: checkStatus = .absent
        case .intact(let seq): checkStatus = .intact(seq: seq)
        case .damaged(let problem): checkStatus = .damaged(problem.description)
        }
        reports.append(IndexFileReport(file: CheckState.fileName, status: checkStatus, rebuiltAt: checks.rebuiltAt,
                                       consequence: "appends check the state before use and rebuild it, so no append was checked against it"))
        let scopes = all.scopes
        reports.append(IndexFileReport(file: ScopeIndex.fileName, status: status(scopes.check), rebuiltAt: scopes.rebuiltAt, consequence: answers))
        let totals = try CLIError.fromChain { () throws(ChainError) in
            try FundTotals.checkAndRebuild(directory, stored: totalsStored, fundsAt: funds.rebuiltAt)
        }
        reports.append(IndexFileReport(file: FundTotals.fileName, status: status(totals.check), rebuiltAt: totals.rebuiltAt, consequence: answers))
        // index/rectify.state (section 15.8): compared with the whole city's list of its date and policy.
        if let rectify = try RectifyCommand.verifyState(directory, context) { reports.append(rectify) }
        return reports
    }

    static func status(_ check: DerivedStateCheck) -> IndexFileReport.Status {
        switch check {
        case .absent: return .absent
        case .intact(let seq): return .intact(seq: seq)
        case .damaged(let problem): return .damaged(problem.description)
        }
    }

    static func indexText(_ reports: [IndexFileReport]?) -> String {
        guard let reports else { return "" }
        guard !reports.isEmpty else { return "index: not checked (the log failed verification; derived state is never used then)\n" }
        return reports.map { report in
            let rebuilt = report.rebuiltAt.map { "rebuilt from the log at record \($0)" } ?? "nothing to build (empty log, or index/ cannot be written)"
            switch report.status {
            case .absent: return "index: \(report.file) absent; \(rebuilt)\n"
            case .intact(let seq): return "index: \(report.file) intact (made at record \(seq)); \(rebuilt)\n"
            case .damaged(let problem):
                return "index: DAMAGED — \(report.file) is \(problem); \(rebuilt). The log is not affected; \(report.consequence).\n"
            case .notChecked(let why): return "index: \(report.file) not checked (\(why))\n"
            }
        }.joined()
    }

    /// `{"FILE": {"status", "detail", "rebuilt_at"}, …}`; `{"status": "not_checked"}` when the log failed.
    static func indexJSON(_ reports: [IndexFileReport]) -> JSONValue {
        guard !reports.isEmpty else { return .object(["status": .string("not_checked")]) }
        var files: [String: JSONValue] = [:]
        for report in reports {
            var object: [String: JSONValue] = ["rebuilt_at": report.rebuiltAt.map { .integer($0) } ?? .null, "detail": .null]
            switch report.status {
            case .absent: object["status"] = .string("absent")
            case .intact(let seq): object["status"] = .string("intact"); object["detail"] = .string("made at record \(seq)")
            case .damaged(let problem): object["status"] = .string("damaged"); object["detail"] = .string(problem)
            case .notChecked(let why): object["status"] = .string("not_checked"); object["detail"] = .string(why)
            }
            files[report.file] = .object(object)
        }
        return .object(files)
    }
}
