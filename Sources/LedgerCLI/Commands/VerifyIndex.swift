import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerProjections
import LedgerReports

/// `ledger verify --index`: every file of `index/` checked against the whole log and rebuilt (ledger-spec.md
/// section 15.1), each reported on its own `index:` line and under its name in the JSON `index` object. Index damage
/// is never log damage: it does not change the exit status.
extension VerifyCommand {
    /// One derived file as `verify --index` reports it.
    struct IndexFileReport {
        enum Status {
            case absent
            case intact(seq: Int64)
            case damaged(Wording)
            /// Stamped with a record the log no longer holds (review 37a F3): not damage to the file, but a sign
            /// that the log lost or changed records after the file was written (`DerivedStateProblem.recordNoLongerInLog`).
            /// `member`: the file of the family whose stamp it is (`checks.recent` beside `checks.state`), when not the
            /// file reported.
            case logNoLongerHolds(record: Wording, detail: Wording, member: String?)
            /// Written by an earlier version of the program in an older format (a version-1 id index, `ids` and
            /// `ids-recent`): not damage; rebuilt in this version's format.
            case olderVersion(found: UInt64, current: UInt32)
            case notChecked(Wording)
        }

        /// Its name in `index/`.
        let file: String
        let status: Status
        let rebuiltAt: Int64?
        /// Why no answer relied on a damaged file: who checks it before use.
        let consequence: Wording
        /// What becomes of a file this pass does not rebuild (nil: nothing to build, the log being empty or `index/`
        /// not writable).
        var notRebuilt: Wording? = nil
        /// For a damaged file that only disagrees with the log (`AuditError.IndexDamage.mayBeLogChange`): what is said
        /// instead of "the log is not affected".
        var logMayHaveChanged = false

        /// Checked but neither rebuilt nor given a reason: the pass could not write it.
        var unwritten: Bool {
            guard rebuiltAt == nil, notRebuilt == nil else { return false }
            if case .notChecked = status { return false }
            return true
        }
    }

    /// With `--index` and an intact log, the check of every derived file (the writer's id index first: it takes the
    /// ledger's lock, and is left untouched when a writer holds it); nil without `--index`, and an empty list when
    /// the log failed verification (derived state is never used then).
    static func indexReports(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory,
                             _ summary: ScanSummary) throws(CLIError) -> [IndexFileReport]? {
        guard arguments.flag(Self.index) else { return nil }
        guard summary.failure == nil else { return [] }
        let answers = Wording(en: "commands check the state before use and rebuild it, so no answer came from it",
                              zh: "各命令在使用前先检查该状态，必要时重建，因此没有任何答复来自它")
        var reports: [IndexFileReport] = []
        // The totals as stored before the pass (which rebuilds funds.state they are then compared through).
        let totalsStored = StoredRead { () throws(ChainError) in try FundTotals.stored(directory) }
        // One read of the log checks and rebuilds every file (ledger-spec.md 15.6), the id tables under the lock.
        // index/scopes.recent (15.5): checked on the stored index before the pass rebuilds that, then removed.
        let scopesRecent = ScopeIndex.recentCheck(directory)
        let all = try CLIError.fromChain { () throws(ChainError) in try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000) }
        // A sealed file without its tail (a reader that found it damaged removed the tail) is removed too.
        if scopesRecent != nil || PosixFile.exists(ScopeIndex.sealedPath(directory)) { ScopeIndex.removeRecent(directory) }
        if let ids = all.ids {
            let status: IndexFileReport.Status
            switch ids.check {
            case .absent: status = .absent
            case .intact(let seq): status = .intact(seq: seq)
            case .damaged(let problem): status = Self.status(problem)
            }
            reports.append(IndexFileReport(file: "ids", status: status, rebuiltAt: ids.rebuiltAt,
                                           consequence: Wording(en: "the writer checks the id index before use and rebuilds it, so no append relied on it",
                                                                zh: "写入者在使用编号索引前先检查它，必要时重建，因此没有任何追加依赖它")))
        } else {
            // A read-only copy: the lock's file cannot be opened, which reading does not need; said in words.
            let why = all.lockUnavailable.map { error in
                let reason = SystemWords.fileError(error)
                return Wording(
                    en: "the ledger's lock file cannot be opened (\(reason.en)): the directory is read-only or the lock cannot be created there; "
                        + "the id index is checked and rebuilt only under that lock, so it was left as it is, and the log and the other files were checked without it. "
                        + "To check the id index too, run verify --index on a writable copy of the ledger",
                    zh: "账本锁文件无法打开（\(reason.zh)）：目录只读，或无法在其中创建锁文件；编号索引只在持有该锁时检查和重建，因此保持原样，"
                        + "日志和其他文件已在不持锁的情况下检查。如需同时检查编号索引，请在账本的可写副本上运行 verify --index")
            } ?? Wording(en: "a writer holds the ledger's lock", zh: "有写入者正持有账本锁")
            reports.append(IndexFileReport(file: "ids", status: .notChecked(why), rebuiltAt: nil, consequence: Wording(same: "")))
        }
        let funds = all.funds
        reports.append(IndexFileReport(file: FundState.fileName, status: status(funds.check), rebuiltAt: funds.rebuiltAt,
                                       consequence: consequence(funds.check, otherwise: answers)))
        let checks = all.checks
        let checkStatus: IndexFileReport.Status
        switch checks.check {
        case .absent: checkStatus = .absent
        case .intact(let seq): checkStatus = .intact(seq: seq)
        case .damaged(let problem): checkStatus = Self.status(problem)
        }
        reports.append(IndexFileReport(file: CheckState.fileName, status: checkStatus, rebuiltAt: checks.rebuiltAt,
                                       consequence: consequence(checks.check, otherwise: Wording(
                                           en: "appends check the state before use and rebuild it, so no append was checked against it",
                                           zh: "追加在使用前先检查该状态，必要时重建，因此没有任何追加据它检查"))))
        let scopes = all.scopes
        reports.append(IndexFileReport(file: ScopeIndex.fileName, status: status(scopes.check), rebuiltAt: scopes.rebuiltAt,
                                       consequence: consequence(scopes.check, otherwise: answers)))
        // Like checks.recent's: reported only when damaged (an intact one, or one of another index, is removed quietly).
        if let scopesRecent, case .damaged = scopesRecent {
            reports.append(IndexFileReport(file: ScopeIndex.recentFileName, status: Self.status(scopesRecent), rebuiltAt: nil,
                                           consequence: consequence(scopesRecent, otherwise: answers),
                                           notRebuilt: Wording(en: "removed with the rebuild of scopes; the next append or import writes it again",
                                                               zh: "已随 scopes 的重建删除；下一次追加或导入时重新写出")))
        }
        // index/mentions (15.10): what `show` reads; checked against, and rebuilt from, its own read of the log.
        let mentions = try CLIError.fromChain { () throws(ChainError) in try MentionIndex.checkAndRebuild(directory) }
        reports.append(IndexFileReport(file: MentionIndex.fileName, status: status(mentions.check), rebuiltAt: mentions.rebuiltAt,
                                       consequence: consequence(mentions.check, otherwise: answers)))
        let totals = try CLIError.fromChain { () throws(ChainError) in
            try FundTotals.checkAndRebuild(directory, stored: totalsStored, fundsAt: funds.rebuiltAt)
        }
        reports.append(IndexFileReport(file: FundTotals.fileName, status: status(totals.check), rebuiltAt: totals.rebuiltAt,
                                       consequence: consequence(totals.check, otherwise: answers)))
        // index/rectify.state (section 15.8): compared with the whole city's list of its date and policy.
        if let rectify = try RectifyCommand.verifyState(directory, context) { reports.append(rectify) }
        // index/rectify.list (15.9): a rendered street's or community's list is not rendered again here (that is its
        // scope's fold); it is removed, so that the next list is made from the state checked above. Kept, an edited
        // list with its checksum recomputed came out of the next `rectify --street` unnoticed (review 39d).
        let rendered = RenderedList.path(directory)
        // Its patch (15.9) goes with it, without a line of its own: it is nothing without the file.
        try? PosixFile.remove(RenderedList.patchPath(directory))
        if PosixFile.kind(at: rendered, followLinks: false) != nil {
            let removed = (try? PosixFile.remove(rendered)) != nil
            reports.append(IndexFileReport(
                file: RenderedList.fileName,
                status: .notChecked(removed
                    ? Wording(en: "a rendered list is not compared with the log: removed, so the next street's or community's list is made from the checked state",
                              zh: "已生成的清单不与日志比对：已删除，下一份街道或小区清单将依据已检查的状态重新生成")
                    : Wording(en: "a rendered list is not compared with the log, and it could not be removed: delete it by hand before asking a street's or community's list",
                              zh: "已生成的清单不与日志比对，且无法删除：请先手动删除它，再生成街道或小区清单")),
                rebuiltAt: nil, consequence: Wording(same: "")))
        }
        // The whole-city lists' files (15.11, 15.12), each compared with the list the log gives for its date.
        let folds = CityListFolds()
        for report in [try cityListReport(CommunitySummary.self, directory, folds), try cityListReport(AssetLine.self, directory, folds),
                       try cityListReport(ContractLine.self, directory, folds), try cityListReport(DecisionLine.self, directory, folds)] {
            if let report { reports.append(report) }
        }
        // The Merkle index (14.7): prove's two files, checked node by node and offset by offset against the log.
        reports += merkleReports(directory)
        // A file the pass could not write (it says only whether it wrote): the reason asked of index/ itself, so a
        // full disk is not reported as "nothing to build".
        // A directory in a file's place (review 35a #3) is said as such, with what to do: not a full disk.
        if summary.recordCount > 0, reports.contains(where: { $0.unwritten }) {
            var why: Wording? = nil
            for i in reports.indices where reports[i].unwritten {
                let path = directory.indexPath + "/" + reports[i].file
                if PosixFile.kind(at: path, followLinks: false) == .directory {
                    reports[i].notRebuilt = SystemWords.directoryNotRebuilt(path)
                    continue
                }
                if why == nil { why = indexNotWritten(directory) }
                reports[i].notRebuilt = why
            }
        }
        return reports
    }

    /// `index/merkle.idx` and `index/offsets.idx` (ledger-spec.md 14.7), one index in two files, on a line each
    /// (`MerkleIndex.checkAndRebuild`): checked as prove checks them, then every node and offset against the log's;
    /// damaged, they are rebuilt; intact, extended to the head; absent, not reported (the first proof makes them).
    /// Damage found in one file names that file, and the other is said to be rebuilt with it.
    static func merkleReports(_ directory: LedgerDirectory) -> [IndexFileReport] {
        let files = [MerkleIndex.merkleFileName, MerkleIndex.offsetsFileName]
        let found: (check: MerkleIndex.Check, leafCount: UInt64?)
        do { found = try MerkleIndex.checkAndRebuild(directory) } catch {
            let why = AuditWords.error(error)
            return files.map { IndexFileReport(file: $0, status: .notChecked(why), rebuiltAt: nil, consequence: Wording(same: "")) }
        }
        let consequence = Wording(en: "every proof made from the index is checked against the signed root before it is output, so no proof came from it",
                                  zh: "由索引得出的每个证明在输出前都先与签名的根核对，因此没有任何证明来自它")
        let rebuiltAt = found.leafCount.flatMap { $0 > 0 ? Int64($0) : nil }
        let status: IndexFileReport.Status
        var owner: String? = nil
        var logMayHaveChanged = false
        switch found.check {
        case .absent:
            // Only the proof commands (checkpoint, prove, consistency, publish) make the index: like the other files
            // only some commands make (rectify.state, the lists'), it is reported when it is there (two empty files,
            // left by a proof command that stopped, are rebuilt).
            guard rebuiltAt != nil else { return [] }
            status = .absent
        case .intact(let leaves):
            status = .intact(seq: Int64(leaves))
        case .logNoLongerHolds(let covered):
            status = .logNoLongerHolds(record: SystemWords.stampedRecord((seq: Int64(covered), hash: nil, why: Wording(same: ""))),
                                       detail: Wording(en: "the log ends before it", zh: "日志在它之前就结束了"), member: nil)
        case .damaged(let damage):
            let why = AuditWords.indexDamage(damage)
            status = .damaged(Wording(en: "damaged (\(why.en))", zh: "已损坏（\(why.zh)）"))
            owner = damage.fileName
            logMayHaveChanged = damage.mayBeLogChange
        }
        return files.map { file in
            guard let owner, owner != file else {
                var report = IndexFileReport(file: file, status: status, rebuiltAt: rebuiltAt, consequence: consequence)
                report.logMayHaveChanged = logMayHaveChanged
                return report
            }
            return IndexFileReport(file: file, status: .notChecked(Wording(en: "rebuilt with \(owner), which is damaged", zh: "已随已损坏的 \(owner) 一并重建")),
                                   rebuiltAt: rebuiltAt, consequence: consequence)
        }
    }

    /// Why the pass left a file unwritten, found by writing and syncing a small file in `index/` (then removed; a
    /// killed probe's `.probe.tmp-` name is one the cleaner removes): the file error when that fails, else a write
    /// of the larger file failed (a disk nearly full).
    static func indexNotWritten(_ directory: LedgerDirectory) -> Wording {
        let meanwhile = Wording(en: "; commands answer from the log meanwhile", zh: "；在此期间各命令直接从日志作答")
        let probe = directory.indexPath + "/.probe" + IndexTemporary.temporaryMark + Hex.randomSuffix()
        do throws(FileError) {
            if !PosixFile.isDirectory(directory.indexPath) { try PosixFile.makeDirectory(directory.indexPath) }
            let file = try PosixFile(path: probe, mode: .createNew(permissions: 0o644), followLinks: false)
            defer { file.close(); try? PosixFile.remove(probe) }
            try file.write([UInt8](repeating: 0, count: 1 << 16), at: 0)
            try file.sync()
        } catch {
            // Said of index/ (the probe's random name would make the report differ from run to run).
            let said = SystemWords.fileError(FileError(path: directory.indexPath, operation: error.operation, code: error.code, detail: error.detail))
            return Wording(en: "not rebuilt: index/ cannot be written (\(said.en))", zh: "未重建：index/ 无法写入（\(said.zh)）") + meanwhile
        }
        return Wording(en: "not rebuilt: writing it failed (the disk may be nearly full)", zh: "未重建：写入失败（磁盘可能将满）") + meanwhile
    }

    /// A whole-city list's file as `verify --index` reports it (`CityListState.verify`); nil when there is none.
    static func cityListReport<Line: CityListLine>(_: Line.Type, _ directory: LedgerDirectory,
                                                   _ folds: CityListFolds) throws(CLIError) -> IndexFileReport? {
        guard let found = try CLIError.fromChain({ () throws(ChainError) in try CityListState<Line>.verify(directory, folds: folds) }) else {
            return nil
        }
        // A file rewritten with valid checksums passes the checks a list makes before use: lists may have come from it.
        let consequence = found.passedListChecks
            ? Wording(en: "it passed the checks a list makes before use, so lists of its date since it was written may have come from it; make them again",
                      zh: "该文件能通过列表使用前的检查，因此此后该日期的列表可能来自它；请重新生成这些列表")
            : Wording(en: "the list checks the file before use and makes it again, so no list came from it",
                      zh: "列表在使用前先检查该文件，必要时重新生成，因此没有任何列表来自它")
        // Not rebuilt and still there (index/ cannot be written, review 35a #4): said as every unwritten file is
        // (`indexNotWritten`), not "removed".
        let removed = found.rebuiltAt == nil && !PosixFile.exists(CityListState<Line>.path(directory))
        return IndexFileReport(file: Line.fileName, status: status(found.check), rebuiltAt: found.rebuiltAt,
                               consequence: consequence,
                               notRebuilt: removed ? Wording(en: "removed: the next whole-city list makes it again",
                                                             zh: "已删除：下一次全市列表会重新生成它") : nil)
    }

    static func status(_ check: DerivedStateCheck) -> IndexFileReport.Status {
        switch check {
        case .absent: return .absent
        case .intact(let seq): return .intact(seq: seq)
        case .damaged(let problem): return status(problem)
        }
    }

    /// A file's problem as reported: a format older than this version writes (from version 1: no file was ever
    /// written as version 0) is an older version, every other problem damage (a format newer than this version's is
    /// damage to it: it cannot read it). The version field is read before the header's checksum, whose place the
    /// version decides, so a byte flipped into an earlier version number reads as that version (review C15).
    /// What a damaged file's report says of the answers given meanwhile: `otherwise` (the file fails the checks a
    /// command makes before use, so no answer came from it), unless the file passed them — its checksums and stamp
    /// valid, only its contents not the log's, as after an edit whose checksums were written again (review 35a #1:
    /// a checksum detects damage, not forgery) — when answers given since it was written may have come from it.
    static func consequence(_ check: DerivedStateCheck, otherwise: Wording) -> Wording {
        guard case .damaged(let problem) = check, passedChecksBeforeUse(problem) else { return otherwise }
        return Wording(en: "it passed the checks a command makes before use (its checksums and stamp are valid), so answers given since "
                           + "it was written may have come from it: ask them again, and find out who could write index/",
                       zh: "该文件能通过各命令使用前的检查（校验和与标记均有效），因此自其生成以来的答复可能来自它：请重新查询，并查明谁能写入 index/")
    }

    /// Whether `problem` is found only by comparing the file's contents with the log (what `verify --index` does and
    /// a command before use does not).
    static func passedChecksBeforeUse(_ problem: ChainError.DerivedStateProblem) -> Bool {
        func contents(_ detail: ChainError.DerivedStateProblem.Detail) -> Bool {
            switch detail {
            case .differsFromLog, .entryDoesNotLead, .entryDiffers, .blockOrLineDiffers, .notTheLogsList, .entryNotWhatRecordsGive,
                 .notWhatRecordsGive, .checkEntryNotWhatRecordsGive: return true
            case .inFile(_, let inner): return contents(inner)
            default: return false
            }
        }
        switch problem {
        case .damaged(let detail), .mismatch(let detail), .foreign(let detail): return contents(detail)
        case .wrongVersion, .unwritable: return false
        }
    }

    static func status(_ problem: ChainError.DerivedStateProblem) -> IndexFileReport.Status {
        if case .wrongVersion(let found, let expected) = problem, found >= 1, found < UInt64(expected) {
            return .olderVersion(found: found, current: expected)
        }
        if let stamped = problem.recordNoLongerInLog {
            return .logNoLongerHolds(record: SystemWords.stampedRecord(stamped), detail: stamped.why, member: problem.memberFile)
        }
        return .damaged(SystemWords.wording(problem))
    }

    /// Said of a Merkle index that only disagrees with the log: which of the two changed cannot be told from them.
    static let indexOrLogChanged = Wording(
        en: "Either the index was damaged or the log was changed after the index was made (the index then held the earlier history): the log verifies as it is now, but that alone does not show it unchanged; ",
        zh: "可能是索引损坏，也可能是日志在索引生成之后被改动（此时索引所记的是改动之前的历史）：日志本身按现状校验完好，但这并不能说明它未被改动；")

    static func indexText(_ reports: [IndexFileReport]?, _ language: ReportLanguage) -> String {
        guard let reports else { return "" }
        let zh = language == .zh
        guard !reports.isEmpty else {
            // Not "never used": a query checks only the records after a file's stamp (15.1), so a record changed
            // before it can still be answered from the file (review 39d).
            return zh ? "索引：未检查（日志校验未通过，无法与日志比对；读取 index/ 的查询只检查其戳记之后的记录，仍可能据它作答：日志恢复之前，不要依赖任何答复）\n"
                      : "index: not checked (the log failed verification, so derived state cannot be compared with it; queries that read index/ check only the records after each file's stamp and may still answer from it: rely on no answer until the log is restored)\n"
        }
        return reports.map { report in
            if zh {
                let rebuilt = report.rebuiltAt.map { "已在记录 \($0) 处从日志重建" } ?? report.notRebuilt?.zh ?? "无需重建（日志为空）"
                switch report.status {
                case .absent: return "索引：\(report.file) 不存在；\(rebuilt)\n"
                case .intact(let seq): return "索引：\(report.file) 完好（生成于记录 \(seq)）；\(rebuilt)\n"
                case .damaged(let problem) where report.logMayHaveChanged:
                    return "索引：已损坏——\(report.file) \(problem.zh)；\(rebuilt)。\(Self.indexOrLogChanged.zh)\(report.consequence.zh)。\(SystemWords.checkAgainstCheckpoint.zh)\n"
                case .damaged(let problem):
                    return "索引：已损坏——\(report.file) \(problem.zh)；\(rebuilt)。日志不受影响；\(report.consequence.zh)。\n"
                case .logNoLongerHolds(let record, let detail, let member):
                    return "索引：日志已无其所记的记录——\(member ?? report.file) 写出时日志中有\(record.zh)，现在的日志中已没有（\(detail.zh)）；\(rebuilt)。"
                        + "日志本身校验完好，但\(SystemWords.logCutOrRewritten.zh)。\(SystemWords.checkAgainstCheckpoint.zh)\n"
                case .olderVersion(let found, let current):
                    return "索引：\(report.file) 是旧版本的格式（版本 \(found)，本程序写入版本 \(current)），并非损坏；\(rebuilt)\n"
                case .notChecked(let why): return "索引：\(report.file) 未检查（\(why.zh)）\n"
                }
            }
            let rebuilt = report.rebuiltAt.map { "rebuilt from the log at record \($0)" } ?? report.notRebuilt?.en ?? "nothing to build (empty log)"
            switch report.status {
            case .absent: return "index: \(report.file) absent; \(rebuilt)\n"
            case .intact(let seq): return "index: \(report.file) intact (made at record \(seq)); \(rebuilt)\n"
            case .damaged(let problem) where report.logMayHaveChanged:
                return "index: DAMAGED — \(report.file) is \(problem.en); \(rebuilt). \(Self.indexOrLogChanged.en)\(report.consequence.en). \(SystemWords.checkAgainstCheckpoint.en)\n"
            case .damaged(let problem):
                return "index: DAMAGED — \(report.file) is \(problem.en); \(rebuilt). The log is not affected; \(report.consequence.en).\n"
            case .logNoLongerHolds(let record, let detail, let member):
                return "index: LOG NO LONGER HOLDS ITS RECORD — \(member ?? report.file) was made when the log held \(record.en), which this log does not "
                    + "(\(detail.en)); \(rebuilt). The log verifies as it is now, but \(SystemWords.logCutOrRewritten.en). "
                    + "\(SystemWords.checkAgainstCheckpoint.en)\n"
            case .olderVersion(let found, let current):
                return "index: \(report.file) is of an older version (format version \(found), this program writes \(current)), not damaged; \(rebuilt)\n"
            case .notChecked(let why): return "index: \(report.file) not checked (\(why.en))\n"
            }
        }.joined()
    }

    /// `{"FILE": {"status", "detail", "rebuilt_at"}, …}` (status `absent`, `intact`, `damaged`, `older_version` or
    /// `not_checked`; an absent file's detail says why it was not rebuilt, when it was not); `{"status": "not_checked"}`
    /// when the log failed.
    static func indexJSON(_ reports: [IndexFileReport]) -> JSONValue {
        guard !reports.isEmpty else { return .object(["status": .string("not_checked")]) }
        var files: [String: JSONValue] = [:]
        for report in reports {
            var object: [String: JSONValue] = ["rebuilt_at": report.rebuiltAt.map { .integer($0) } ?? .null, "detail": .null]
            switch report.status {
            case .absent: object["status"] = .string("absent"); object["detail"] = report.notRebuilt.map { .string($0.en) } ?? .null
            case .intact(let seq): object["status"] = .string("intact"); object["detail"] = .string("made at record \(seq)")
            case .damaged(let problem): object["status"] = .string("damaged"); object["detail"] = .string(problem.en)
            case .logNoLongerHolds(let record, let detail, let member):
                object["status"] = .string("log_no_longer_holds_record")
                object["detail"] = .string((member.map { "\($0): " } ?? "") + "made at \(record.en): \(detail.en)")
            case .olderVersion(let found, let current):
                object["status"] = .string("older_version"); object["detail"] = .string("format version \(found), this program writes \(current)")
            case .notChecked(let why): object["status"] = .string("not_checked"); object["detail"] = .string(why.en)
            }
            files[report.file] = .object(object)
        }
        return .object(files)
    }
}
