import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// How an import ends once its file is read and checked: whether a rejects file is written, whether the batch is
/// appended, and the status its report then gives. The ledger's part — the append under the writer's lock, the
/// rejects file staged on disk — comes in as closures, so the use case runs, and is tested, without the command
/// line or LedgerChain (as `AssetImport.runChecked` takes the ledger's check).
///
/// The order is the contract: the rejects file is staged before the append and put in place only after it, and
/// only when the good rows really go in (or there is nothing to append); a failed append discards it, so whatever
/// was at its path — the clerk's last rejects file, say — stays as it was; a rejects file that cannot be put in
/// place after the append is a failure that says the good rows are in.
public struct ImportSession<Failure: Error> {
    /// A rejects file written but not yet in place.
    public struct StagedRejects {
        /// Puts the file in place.
        public var commit: () throws(Failure) -> Void
        /// Drops it: whatever is at its path stays.
        public var discard: () -> Void
        /// Why `commit` failed, when the file system refused it (worded here, with the good rows' seqs).
        public var fileFailure: () -> FileError?

        public init(commit: @escaping () throws(Failure) -> Void, discard: @escaping () -> Void,
                    fileFailure: @escaping () -> FileError?) {
            self.commit = commit
            self.discard = discard
            self.fileFailure = fileFailure
        }
    }

    /// What kind of file this is (`assets`, `income`, `statement`), for the advice of a message.
    public var kind: String
    /// The file as the clerk named it.
    public var file: String
    /// A dry run appends nothing and writes no rejects file.
    public var dryRun: Bool
    /// Where rejected rows go (`-` for standard output); nil unless `--allow-partial`.
    public var rejectsPath: String?
    /// Stages `bytes` as the rejects file at the path.
    public var stageRejects: (_ bytes: [UInt8], _ path: String) throws(Failure) -> StagedRejects
    /// Appends the batch as one; the seqs of its first and last record, or nil when nothing was appended.
    public var append: (EventBatch) throws(Failure) -> (first: Int64, last: Int64)?
    /// A failure with this message (a refusal of the input: the ledger refused the batch, the rejects file is
    /// missing after the append).
    public var refusal: (Wording) -> Failure
    /// A failure's message, when it becomes part of another (a rejects file that could not be put in place).
    public var words: (Failure) -> Wording
    /// At most this many of the ledger's problems with a batch are listed (the rest are counted).
    public var issuesShownMax = 100
    /// An operating-system error's message (`SystemWords.fileError` in LedgerChain).
    public var fileWords: (FileError) -> Wording

    public init(kind: String, file: String, dryRun: Bool, rejectsPath: String?,
                stageRejects: @escaping (_ bytes: [UInt8], _ path: String) throws(Failure) -> StagedRejects,
                append: @escaping (EventBatch) throws(Failure) -> (first: Int64, last: Int64)?,
                refusal: @escaping (Wording) -> Failure, words: @escaping (Failure) -> Wording,
                fileWords: @escaping (FileError) -> Wording) {
        self.kind = kind
        self.file = file
        self.dryRun = dryRun
        self.rejectsPath = rejectsPath
        self.stageRejects = stageRejects
        self.append = append
        self.refusal = refusal
        self.words = words
        self.fileWords = fileWords
    }

    /// Ends a register import (`ledger import assets`). Problems of the batch that no row can be blamed for
    /// (`fileIssues`, from the ledger's check) refuse it whole; else the rejected rows go to the rejects file when
    /// the file was not refused as a whole (also when nothing is new), and a ready batch is appended.
    /// - Returns: the report, naming the rejects file when one is written, and the status of the append.
    public func finish(_ result: AssetImportResult, fileIssues: [ValidationIssue] = []) throws(Failure)
        -> (report: ImportReport, status: ImportReport.Status) {
        if !fileIssues.isEmpty {
            throw refusal(ImportWords.ledgerRefused(fileIssues, events: result.plan.events, file: file, shownMax: issuesShownMax))
        }
        var report = result.plan.report
        var rejects: StagedRejects? = nil
        if !dryRun, !result.rejectedRows.isEmpty, report.outcome != .rejected, let rejectsPath {
            rejects = try stageRejects(AssetImport.rejectsFile(result), rejectsPath)
            report.rejectsFile = rejectsPath
        }
        let status = try deliver(result.plan.events.batch, ready: report.outcome == .ready, rejects: rejects)
        return (report, status)
    }

    /// Ends an import of facts or of a bank statement: the rejected rows go to the rejects file only when the good
    /// rows are appended; a ready batch is appended.
    public func finish(_ result: FactImportResult) throws(Failure) -> (report: FactImportReport, status: ImportReport.Status) {
        var report = result.report
        var rejects: StagedRejects? = nil
        if !dryRun, !result.rejects.rows.isEmpty, report.outcome == .ready, let rejectsPath {
            rejects = try stageRejects(result.rejects.fileBytes(), rejectsPath)
            report.rejectsFile = rejectsPath
        }
        let status = try deliver(EventBatch(result.events), ready: report.outcome == .ready, rejects: rejects)
        return (report, status)
    }

    /// The one tail of every import: appends a ready batch (not on a dry run), then puts the staged rejects file
    /// in place.
    func deliver(_ batch: EventBatch, ready: Bool, rejects: StagedRejects?) throws(Failure) -> ImportReport.Status {
        var status = ImportReport.Status.notAppended
        if ready {
            if dryRun {
                status = .dryRun
            } else {
                let appended: (first: Int64, last: Int64)?
                do { appended = try append(batch) } catch {
                    rejects?.discard()
                    throw error
                }
                if let appended { status = .appended(first: appended.first, last: appended.last) }
            }
        }
        guard let rejects else { return status }
        do { try rejects.commit() } catch {
            guard case .appended(let first, let last) = status else { throw error }
            throw refusal(ImportWords.rejectsNotWritten(rejectsPath ?? "-", failure: rejects.fileFailure().map { ($0, fileWords($0)) },
                                                        otherwise: words(error),
                                                        kind: kind, file: file, first: first, last: last))
        }
        return status
    }
}

extension ImportSession {
    /// The ledger's part of a fact or statement import before its end, as closures: the command gives the stored
    /// state's and the log's readers (LedgerChain, LedgerProjections), a test gives values.
    public struct LedgerPart {
        /// Whether a first reading of the file without the ledger (`FactImportLedger.unread`) learns what its rows
        /// name before `ledger` is asked (the stored state then reads only their records).
        public var readFirst: Bool
        /// What the rows are compared with, given the first reading: nil without one, or when it failed (the
        /// second reading meets the same problem and reports it).
        public var ledger: (_ named: FactImportResult?) throws(Failure) -> FactImportLedger
        /// Whether a record already holds a category word outside the vocabulary (`FactImportLedger.holdsCategory`),
        /// asked by both readings.
        public var holdsCategory: ((_ member: String, _ text: String) -> Bool)?
        /// The commitment a personal text gets; nil when the rows hold no personal data. Asked by the second
        /// reading only (the first one learns names, it plans nothing).
        public var commit: ((String) -> PersonalCommitment?)?
        /// Puts the personal data a ready batch names in place before the batch is appended (not on a dry run).
        public var storePersons: ((_ events: [Event]) throws(Failure) -> Void)?
        /// A failure of the ledger met while the rows were read against it (a check of the batch, gathering the
        /// category words records hold): it wins over whatever the reading ended with.
        public var failure: () -> Failure?

        public init(readFirst: Bool, ledger: @escaping (_ named: FactImportResult?) throws(Failure) -> FactImportLedger,
                    holdsCategory: ((_ member: String, _ text: String) -> Bool)? = nil,
                    commit: ((String) -> PersonalCommitment?)? = nil,
                    storePersons: ((_ events: [Event]) throws(Failure) -> Void)? = nil,
                    failure: @escaping () -> Failure? = { nil }) {
            self.readFirst = readFirst
            self.ledger = ledger
            self.holdsCategory = holdsCategory
            self.commit = commit
            self.storePersons = storePersons
            self.failure = failure
        }
    }

    /// A whole import of facts or of a bank statement once the log is open: `read` (`FactImport.run`,
    /// `StatementImport.run` over the file) runs against what `part` gives — first without the ledger when
    /// `part.readFirst`, to learn what the rows name — then the personal data of a ready batch is stored and the
    /// import ends (`finish`: rejects file, append). A refusal of the file is `refusal(error.message)`; a failure
    /// of the ledger met on the way (`part.failure`) wins over both the refusal and the result.
    /// - Returns: the report, naming the rejects file when one is written, and the status of the append.
    public func importFacts(
        _ part: LedgerPart,
        read: (_ ledger: FactImportLedger, _ commit: ((String) -> PersonalCommitment?)?) throws(ImportError) -> FactImportResult
    ) throws(Failure) -> (report: FactImportReport, status: ImportReport.Status) {
        let result: FactImportResult
        do {
            result = try readAgainstLedger(part, read)
        } catch {
            throw part.failure() ?? error
        }
        if let failure = part.failure() { throw failure }
        if let storePersons = part.storePersons, result.report.outcome == .ready, !dryRun { try storePersons(result.events) }
        return try finish(result)
    }

    func readAgainstLedger(
        _ part: LedgerPart, _ read: (FactImportLedger, ((String) -> PersonalCommitment?)?) throws(ImportError) -> FactImportResult
    ) throws(Failure) -> FactImportResult {
        func withCategories(_ ledger: FactImportLedger) -> FactImportLedger {
            var ledger = ledger
            ledger.holdsCategory = part.holdsCategory
            return ledger
        }
        let named = part.readFirst ? try? read(withCategories(.unread), nil) : nil
        let ledger = withCategories(try part.ledger(named))
        do { return try read(ledger, part.commit) } catch { throw refusal(error.message) }
    }
}

extension ImportSession {
    /// What a register is compared with (`AssetImport.runChecked`): the assets, communities and earlier imports the
    /// ledger holds, the ledger's check of a batch, and the plan a reading of the stored state already made (nil:
    /// the file is planned again).
    public typealias Register = (existing: RecordedRegister, check: (EventBatch) -> [ValidationIssue], first: AssetImportResult?)

    /// The ledger's part of a register import before its end, as closures.
    public struct RegisterPart {
        /// What the register is compared with: from the stored state, or the whole log.
        public var ledger: () throws(Failure) -> Register
        /// A failure of the ledger met while the batch was checked: it wins over whatever the reading ended with.
        public var failure: () -> Failure?
        /// The file is read (or refused), before anything is reported: the command clears its progress line.
        public var readDone: () -> Void

        public init(ledger: @escaping () throws(Failure) -> Register, failure: @escaping () -> Failure? = { nil },
                    readDone: @escaping () -> Void = {}) {
            self.ledger = ledger
            self.failure = failure
            self.readDone = readDone
        }
    }

    /// A whole register import (`ledger import assets`) once the log is open: `read` (`AssetImport.runChecked` over
    /// the file) runs against what `part.ledger` gives, then the import ends (`finish`: the batch's problems no row
    /// can be blamed for, rejects file, append). A refusal of the file is `refusal(error.message)`; a failure of the
    /// ledger met on the way (`part.failure`) wins over both the refusal and the result.
    public func importRegister(
        _ part: RegisterPart, read: (Register) throws(ImportError) -> (result: AssetImportResult, fileIssues: [ValidationIssue])
    ) throws(Failure) -> (report: ImportReport, status: ImportReport.Status) {
        let register = try part.ledger()
        let checked: (result: AssetImportResult, fileIssues: [ValidationIssue])
        do {
            checked = try read(register)
        } catch {
            part.readDone()
            throw part.failure() ?? refusal(error.message)
        }
        if let failure = part.failure() { throw failure }
        part.readDone()
        return try finish(checked.result, fileIssues: checked.fileIssues)
    }
}
