import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The shared rebuild of `index/` (ledger-spec.md section 15.6): when a command finds derived files missing or
/// unusable, one read and verification of the log feeds every builder that needs it — the writer's id tables, the
/// funds state, the append checks' state and the scopes — instead of one full read per file. Each line is decoded
/// once (and only when a builder needs its payload) and handed to each builder; each file is then written as it is
/// when a command rebuilds it alone, byte for byte. Derived and optional like every file in `index/`: nothing here
/// changes an answer, only how often the log is read.
public enum IndexRebuild {
    /// The derived files one pass can build.
    public struct Files: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// `index/ids` (the writer's id tables; written under the writers' lock).
        public static let ids = Files(rawValue: 1)
        /// `index/funds.state`.
        public static let funds = Files(rawValue: 2)
        /// `index/checks.state`.
        public static let checks = Files(rawValue: 4)
        /// `index/scopes`.
        public static let scopes = Files(rawValue: 8)
        /// `index/mentions` (ledger-spec.md 15.10; only `show` reads it, and asks for it: not in `all`).
        public static let mentions = Files(rawValue: 16)
        public static let all: Files = [.ids, .funds, .checks, .scopes]
    }

    /// What a pass did.
    public struct Outcome: Sendable {
        /// Records read and verified (the committed log).
        public let recordCount: Int64
        /// The files written, each stamped at the head.
        public let written: Files
    }

    /// Which of `files` are missing or fail the checks of their header (checks 1–3 of 15.1: kind, version, header
    /// checksum, length, ledger, record 1 and the stamped record — a few KB and two log lines each, so that a command
    /// whose files are fine pays almost nothing; the parts of a large table are checked when read, by its reader,
    /// which rebuilds it alone if they are damaged), with the one-line notice for each unusable one (an absent file
    /// gets none, as when a reader rebuilds it alone).
    /// - Returns: the files needed, the notices, and the files the notices are about (`noticed`).
    public static func needed(_ directory: LedgerDirectory, among files: Files = .all) -> (files: Files, notices: [String], noticed: Files) {
        var needed: Files = []
        var notices: [String] = []
        var noticed: Files = []
        func note(_ file: Files, _ name: String, _ problem: ChainError.DerivedStateProblem) {
            notices.append(SystemWords.rebuilt(name, in: directory, problem))
            noticed.insert(file)
        }
        if files.contains(.ids) {
            let (usable, notice) = IdIndex.baseUsability(directory)
            if !usable { needed.insert(.ids); if let notice { notices.append(notice); noticed.insert(.ids) } }
        }
        if files.contains(.funds) {
            do throws(ChainError) {
                if try headerCheck(FundState.path(directory), kind: FundState.kind, version: FundState.version, directory) == nil { needed.insert(.funds) }
            } catch { needed.insert(.funds); note(.funds, FundState.fileName, error.derivedStateProblem) }
        }
        if files.contains(.checks) {
            do throws(ChainError) {
                if try headerCheck(CheckState.path(directory), kind: CheckState.kind, version: CheckState.version, directory) == nil { needed.insert(.checks) }
            } catch { needed.insert(.checks); note(.checks, CheckState.fileName, error.derivedStateProblem) }
        }
        if files.contains(.scopes) {
            do throws(ChainError) {
                if try headerCheck(ScopeIndex.path(directory), kind: ScopeIndex.kind, version: ScopeIndex.version, directory) == nil { needed.insert(.scopes) }
            } catch { needed.insert(.scopes); note(.scopes, ScopeIndex.fileName, error.derivedStateProblem) }
        }
        if files.contains(.mentions) {
            do throws(ChainError) {
                if try headerCheck(MentionIndex.path(directory), kind: MentionIndex.kind, version: MentionIndex.version, directory) == nil { needed.insert(.mentions) }
            } catch { needed.insert(.mentions); note(.mentions, MentionIndex.fileName, error.derivedStateProblem) }
        }
        return (needed, notices, noticed)
    }

    /// A command's entry: rebuilds, in one pass, whichever derived files the command's readers would otherwise each
    /// rebuild with their own read of the whole log (`needed`), after giving their notices. Best effort and silent
    /// on failure: a log that fails verification, or a ledger whose `index/` cannot be written, is left to the
    /// command, which reads the log as before and reports exactly what it always reported.
    /// - Parameter files: the files the command's kind of reader may use (scopes are left out with
    ///   `LEDGER_SCOPES=off`, which never reads them).
    public static func ensure(_ directory: LedgerDirectory, files: Files = .all, notice: (String) -> Void) {
        _ = ensure(directory, files: files, foldingFunds: false, notice: notice)
    }

    /// `ensure` for a command that folds the funds next (`ledger balances`): when the pass rebuilds
    /// `index/funds.state`, its second stage also folds the funds from the payloads it decodes anyway, and the fold
    /// of the whole committed log is handed back — the command answers from it instead of replaying the file just
    /// written (0.75 GB at 10 million records, decoded again). Nil when no pass folded the funds (the funds' state was
    /// usable), or it failed (the command reads as before).
    /// - Parameter writingFundsState: false when the fold alone is wanted (the first whole-city `balances` after
    ///   `rm -rf index/`, which keeps only the totals made from it, ledger-spec.md 15.7): the funds are folded, and
    ///   `index/funds.state` is left missing for the first command that reads it (some 5 % of the pass's CPU and
    ///   75 MB written at 1 million records).
    /// - Parameter noticed: told which files the notices given were about: a file this pass cannot rebuild (a
    ///   directory in its place) is found unusable again by its reader, which need not say so a second time.
    public static func ensure(_ directory: LedgerDirectory, files: Files, foldingFunds: Bool, writingFundsState: Bool = true,
                              notice: (String) -> Void, noticed: (Files) -> Void = { _ in }) -> FundFold.StateRead? {
        let (needed, notices, noticedFiles) = needed(directory, among: files)
        guard !needed.isEmpty, isWritable(directory) else { return nil }
        removeAbandonedTemporaries(directory)
        for line in notices { notice(line) }
        noticed(noticedFiles)
        let fold = foldingFunds && needed.contains(.funds)
        let building = fold && !writingFundsState ? needed.subtracting(.funds) : needed
        guard let products = try? pass(directory, files: building, writeIds: true, keepBytes: false, foldFunds: fold),
              let funds = products.funds, let genesis = products.genesis, let head = products.head else { return nil }
        return FundFold.StateRead(fold: funds, totalRecordCount: products.outcome.recordCount, notice: nil,
                                  recordsRead: products.outcome.recordCount, usedState: false, genesis: genesis, head: head)
    }

    /// The log's size in bytes (0 when it cannot be read: nothing is reserved then).
    static func logBytes(_ directory: LedgerDirectory) -> Int64 {
        guard let log = try? PosixFile(path: directory.eventsPath, mode: .read, followLinks: false) else { return 0 }
        defer { log.close() }
        return (try? log.size()) ?? 0
    }

    /// Removes the temporary files a pass, a merge or a rectify killed while writing left in `index/`
    /// (`IndexTemporary.removeAbandonedTemporaries`: the `NAME.tmp-<16 hex>` nobody holds; hundreds of MB each at 10
    /// million records), which nothing else would ever remove. No time is known here, so the empty `NAME.new-` names
    /// are left to the next rectify.
    static func removeAbandonedTemporaries(_ directory: LedgerDirectory) {
        IndexTemporary.removeAbandonedTemporaries(directory, now: nil)
    }

    /// Whether `index/` exists or can be made, and a file can be created in it (a read-only copy of a ledger is read
    /// whole every time; a pass that could write nothing would only double its cost).
    static func isWritable(_ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) {
            do { try PosixFile.makeDirectory(directory.indexPath) } catch { return false }
        }
        guard let probe = StreamedStateFile(path: directory.indexPath + "/.probe", kind: "PROBE", version: 0, ledgerName: "") else {
            return false
        }
        probe.discard()
        return true
    }

    /// One read and verification of the whole log building `files`, each written at the head (the id tables only
    /// when the writers' lock is free at the end). An empty log writes nothing.
    /// - Throws: the log's damage, as every reader does (nothing is written then).
    @discardableResult
    public static func run(_ directory: LedgerDirectory, files: Files) throws(ChainError) -> Outcome {
        try pass(directory, files: files, writeIds: true, keepBytes: false).outcome
    }

    /// What one pass built: the files it wrote (all but the id tables, which the caller writes under the lock), the
    /// id tables' entries, and the bytes of the checks' state and of the scopes (for `verify --index`).
    struct Products {
        var outcome: Outcome
        var ids: IdIndexBuilder?
        var genesis: StateStamp?
        var head: StateStamp?
        var checks: [UInt8]?
        var scopes: [UInt8]?
        /// The funds folded from record 1 to the head (with `foldFunds`).
        var funds: FundFold? = nil
        /// Records the second stage read as leaf facts from their bytes, never decoded (`PayloadRefs`).
        var leaves: Int64 = 0
        /// Records of a registering type whose ids were read from their bytes for the scopes or mentions, never decoded
        /// (`PayloadRefs.links`: only when the checks' state is not built, or built apart from the scopes).
        var linked: Int64 = 0
        /// Records the checks' fold took from their bytes, never decoded (`PayloadRefs.checks`: only when the checks'
        /// state alone is built from the payloads, or with the scopes staged apart, as `ledger append`'s pass does).
        var checked: Int64 = 0
        /// Whether the id tables were written on the other core while the checks' file was encoded (`ledger
        /// append`'s pass, when its fold did not give up): tests check that this way is taken.
        var idsAlongsideChecks = false
    }

    /// - Parameters:
    ///   - writeIds: write the id tables (first, freeing their entries before the other files are encoded; in
    ///     `ledger append`'s pass, the id tables and the checks' file alone, after the pass on the other core while
    ///     the checks' file is encoded); else hand their entries back in `Products.ids`.
    ///   - keepBytes: hand back the bytes of the checks' state and of the scopes (read back from the file written).
    ///   - keepScopes: the scopes' bytes too (nil: as `keepBytes`); `verify --index` compares the file on disk
    ///     instead, a piece at a time (720 MB at 10 million records).
    ///   - foldFunds: the second stage also folds the funds (`FundFold`) from the payloads it decodes, handed back
    ///     in `Products.funds`.
    ///   - groupSize: lines handed to the second stage at a time (tests make it small, to cross many times).
    ///   - fastLeaves: the second stage reads leaf facts' ids, and the funds' money movements, from their bytes
    ///     (`PayloadRefs`) instead of decoding them, and when the checks' state is not built the registering
    ///     records' ids too (`PayloadRefs.links`); tests turn it off to compare what is built both ways.
    ///   - checksByGroup: when the checks alone are folded (`ledger append`'s pass), the second stage takes each
    ///     group's lines where the group holds them (`Decoding.takeChecks`) instead of a copy of each line kept until
    ///     its batch's end; tests turn it off to compare the two ways.
    static func pass(_ directory: LedgerDirectory, files: Files, writeIds: Bool, keepBytes: Bool, keepScopes: Bool? = nil, foldFunds: Bool = false,
                     groupSize: Int = 1024, fastLeaves: Bool = true, checksByGroup: Bool = true) throws(ChainError) -> Products {
        var ids = files.contains(.ids) ? IdIndexBuilder(directory) : nil
        var funds = files.contains(.funds) ? FundState.Builder(directory) : nil
        var checks = files.contains(.checks) ? CheckFold() : nil
        var scopes = files.contains(.scopes) ? ScopeIndex.Builder() : nil
        var mentions = files.contains(.mentions) ? MentionIndex.Builder() : nil
        let expected = IdIndex.expectedRecords(directory)
        if scopes != nil { scopes!.reserve(expected) }
        if checks != nil { checks!.reserve(records: expected) }
        var fundFold: FundFold? = nil
        // The funds' event ids are collected here, as each line is read (its bytes are at hand: the funds' state
        // stages them), and given to the fold at the end: the lines the fold skips need not cross to its thread.
        var fundIDs: EventIDList? = nil
        if foldFunds {
            fundFold = FundFold(idsGivenLater: true)
            fundFold!.reserve(records: expected)
            // The money movements' rows and bytes, by the synthetic city's share (about 37 % of the records, their
            // ids and data some 13 % of the log) with room to spare; a log with more grows them as before. The bytes
            // are also bounded by the records the head names (128 a record), so that a log of few, large records
            // does not reserve a fifth of its size (it counts against the commit limit where overcommit is off).
            let byLog = Int(min(logBytes(directory) / 5, Int64(Int.max)))
            let byRecords = expected.multipliedReportingOverflow(by: 128)
            fundFold!.reserveMovements(rows: expected / 2, bytes: byRecords.overflow ? byLog : min(byLog, byRecords.partialValue))
            fundIDs = EventIDList()
            fundIDs!.reserve(expected)
        }
        let fundsOnly = checks == nil && scopes == nil && mentions == nil
        let decodes = checks != nil || scopes != nil || mentions != nil || fundFold != nil
        // `ledger append`'s pass (the checks folded from the payloads, and for a payment's statement-line checks the
        // scopes too; no mentions or funds): each group taken whole by the checks (`Decoding.takeChecks`).
        let checksTakeGroups = checksByGroup && fastLeaves && checks != nil && mentions == nil && fundFold == nil
        // A scoped query's pass (the scopes alone folded from the payloads), or `append`'s with the scopes: the records
        // read from their bytes are read here, on the first stage, and cross as their scope entries and keys
        // (`ScopeLeaf`) — alone in a scoped query's pass, beside each line for the checks in `append`'s (session 43:
        // the second stage then neither keeps a copy of each line nor reads a leaf twice; the first `append` after
        // `rm -rf index/` at 10M took 42.6 s where the same pass without the scopes took 25.8 s).
        let readsLeaves = fastLeaves && scopes != nil && mentions == nil && fundFold == nil && (checks == nil || checksTakeGroups)
        var genesis: StateStamp? = nil
        var head: StateStamp? = nil
        // Builders take only committed batches (a torn tail never reaches them). Two stages run at once: this
        // thread reads and verifies the log and feeds the id tables and the funds state (the line's bytes as they
        // are, dropping what no batch committed); a second thread decodes each line's payload once and folds it
        // into the checks' registers and the scopes, each batch once its last record has come (`Decoding`).
        var decoding = Decoding(checks: checks, scopes: scopes, funds: fundFold, mentions: mentions,
                                fastLeaves: fastLeaves && (!readsLeaves || checksTakeGroups), scopesApart: readsLeaves && checksTakeGroups)
        checks = nil
        scopes = nil
        mentions = nil
        fundFold = nil
        var products = Products(outcome: Outcome(recordCount: 0, written: []), ids: nil, genesis: nil, head: nil)
        var written: Files = []
        // `append`'s pass (the id tables and the checks' file, nothing else): the id tables are written after the pass,
        // on the other core while the checks' file is encoded. At the scan's end they would run alone: the scan ends
        // only as the second stage does (it holds the scan back), and the encoding waits for both.
        let idsWithChecks = writeIds && !keepBytes && files.contains(.checks) && files.subtracting([.ids, .checks]).isEmpty
        // The lines cross to the second stage in groups made here, one `send` a group: the pipeline is generic and
        // not specialized across modules, and a value sent to it one at a time cost a lookup of its runtime
        // metadata per line (some 3 % of this thread at 1 million records, perf).
        var group = Group(reserving: groupSize, reader: readsLeaves ? ScopeLeafReader() : nil, everyLine: checksTakeGroups)
        let scanned: Result<ScanSummary, ChainError> = Parallel.pipeline(groupSize: 1, groupsAhead: 4, produce: { (send: (Group) -> Void, close) in
            func flush() {
                guard group.count > 0 else { return }
                // The reader goes on with the next group (its scratch arrays and counts).
                var next = Group(reserving: groupSize, reader: group.reader, everyLine: checksTakeGroups)
                group.reader = nil
                swap(&group, &next)
                send(next)
            }
            let scanned: Result<ScanSummary, ChainError>
            do throws(ChainError) {
                scanned = .success(try LogScanner.committedBatches(directory, prepare: { (line: VerifiedLine) -> Bool? in
                    if line.location.seq == 1 { genesis = StateStamp(line) }
                    if line.location.seq == line.batchLast { head = StateStamp(line) }
                    ids?.add(line)
                    let type = funds != nil || fundIDs != nil ? FundFold.knownType(line.typeBytes) : nil
                    funds?.stage(line, type: type)
                    fundIDs?.append(line.idBytes, isCorrection: type == .correction)
                    // Only the funds: a line of a known type the fold skips is not sent, unless it ends its batch
                    // (the fold takes a batch once its last line has come).
                    if decodes, !fundsOnly || line.location.seq == line.batchLast || type.map(FundFold.reads) ?? true {
                        group.add(line, type: type)
                        if group.count >= groupSize { flush() }
                    }
                    if line.location.seq == line.batchLast { funds?.commit() }
                    return nil
                }, batch: { _ in }))
            } catch {
                scanned = .failure(error)
            }
            flush()
            close()
            // While the second stage folds the last lines: the id tables (first, freeing their entries before the
            // other files are encoded) and the funds state, which need no decoded payload.
            guard case .success(let summary) = scanned, summary.recordCount > 0, let genesis, let head,
                  head.seq == summary.recordCount else {
                funds?.discard()
                return scanned
            }
            if idsWithChecks {
                // Kept for the end of the pass.
            } else if writeIds {
                if var builder = ids, builder.write(directory, genesis: genesis, head: head) != nil { written.insert(.ids) }
                ids = nil
            } else {
                products.ids = ids
                ids = nil
            }
            if let builder = funds, builder.finish(genesis: genesis, head: head) { written.insert(.funds) }
            funds = nil
            return scanned
        }, consume: { (group: Group) in
            if checksTakeGroups {
                decoding.takeChecks(group.sents)
                if readsLeaves { decoding.takeScopes(group) }
                return
            }
            // The first stage's leaves and the lines, in seq order (each line knows how many leaves came before it).
            var leaf = 0, keyStart = 0
            func leaves(upTo end: Int) {
                while leaf < end {
                    let next = group.leaves[leaf]
                    decoding.takeScopeLeaf(next, keys: group.keys[keyStart..<next.keysEnd])
                    keyStart = next.keysEnd
                    leaf += 1
                }
            }
            let sents = group.sents
            for i in sents.indices {
                // The data of the line two on, which this stage reads first (a movement's members) and no thread of
                // this core touched yet: asked into the cache now, it is there when its turn comes.
                if i + 2 < sents.count {
                    Bytes.prefetch(sents[i + 2].line.line, at: sents[i + 2].line.dataBytes.startIndex)
                }
                leaves(upTo: sents[i].leavesBefore)
                decoding.take(sents[i].line, type: sents[i].type)
            }
            leaves(upTo: group.leaves.count)
        })
        checks = decoding.checks
        scopes = decoding.scopes
        mentions = decoding.mentions
        decoding.checks = nil
        decoding.scopes = nil
        decoding.mentions = nil
        let summary: ScanSummary
        switch scanned {
        case .success(let s):
            if let failure = decoding.failure {
                // Unreachable in practice (the scan checked the line's layout), but as before nothing of such a
                // pass is left: the funds state written meanwhile is removed (the id tables need no decode, and
                // are written as at the scan's end).
                if written.contains(.funds) { try? PosixFile.remove(FundState.path(directory)) }
                if idsWithChecks, var builder = ids, let genesis, let head, head.seq == s.recordCount {
                    _ = builder.write(directory, genesis: genesis, head: head)
                }
                throw .integrity(failure)
            }
            summary = s
        case .failure(let error):
            // A line that passed every chain check but could not be decoded lies before any chain failure found
            // after it: it is the first failure, as when `prepare` decodes (`committedBatches`).
            if case .integrity = error, let failure = decoding.failure { throw .integrity(failure) }
            throw error
        }
        guard summary.recordCount > 0, let genesis, let head, head.seq == summary.recordCount else {
            return Products(outcome: Outcome(recordCount: summary.recordCount, written: []), ids: nil, genesis: nil, head: nil)
        }
        products.genesis = genesis
        products.head = head
        if decoding.funds != nil, let list = fundIDs {
            fundIDs = nil
            decoding.funds!.adoptEventIDs(list)
        }
        decoding.funds?.finish()
        products.funds = decoding.funds
        // With the checks, the leaves the first stage read for the scopes are the ones the checks read (counted once).
        products.leaves = decoding.leafCount + (checksTakeGroups ? 0 : group.reader?.leafCount ?? 0)
        products.linked = decoding.linkedCount + (group.reader?.linkedCount ?? 0)
        group = Group(reserving: 0, reader: nil, everyLine: false)
        products.checked = decoding.checkedCount
        decoding.funds = nil
        // What the second stage freed lies in its own arena of the allocator, which this thread's encoding below
        // (and the command's query after) would not reuse: returned to the system, the peak stays a single read's.
        Memory.releaseFree()
        // The mentions' keys first (the smallest, freed before the other files are encoded).
        if var builder = mentions {
            mentions = nil
            if builder.write(directory, genesis: genesis, stamp: head) { written.insert(.mentions) }
        }
        // The scopes before the checks: their builder is freed before the checks' registers are encoded (the peak
        // of memory is then one of them with its encoding, not both).
        if var builder = scopes {
            scopes = nil
            builder.genesis = genesis
            builder.head = head
            if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
            if builder.write(ledgerName: directory.name, to: ScopeIndex.path(directory)) {
                written.insert(.scopes)
                if keepScopes ?? keepBytes { products.scopes = try? PosixFile.readRegularFile(ScopeIndex.path(directory), bytesMax: 1 << 40, followLinks: false).bytes }
            } else if keepScopes ?? keepBytes {
                products.scopes = builder.encoded(ledgerName: directory.name)
            }
        }
        if var fold = checks {
            checks = nil
            Memory.releaseFree()
            if fold.gaveUp == nil, !keepBytes {
                if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
                if idsWithChecks, var builder = ids {
                    ids = nil
                    // The fold moved into the encoding's closure (`writeEncoded` frees the registers once their
                    // entries are made): no other reference keeps them.
                    var pending: CheckFold? = consume fold
                    let (checksWritten, idsWritten) = Parallel.together({
                        CheckState.writeEncoded(pending.take()!, ledgerName: directory.name, genesis: genesis, stamp: head,
                                                to: CheckState.path(directory))
                    }, {
                        builder.write(directory, genesis: genesis, head: head) != nil
                    })
                    if idsWritten { written.insert(.ids) }
                    if checksWritten { written.insert(.checks) }
                    products.idsAlongsideChecks = true
                } else if CheckState.writeEncoded(fold, ledgerName: directory.name, genesis: genesis, stamp: head, to: CheckState.path(directory)) {
                    written.insert(.checks)
                }
            } else {
                // The id tables first, as at the scan's end.
                if idsWithChecks, var builder = ids {
                    ids = nil
                    if builder.write(directory, genesis: genesis, head: head) != nil { written.insert(.ids) }
                }
                if fold.gaveUp == nil {
                    products.checks = CheckState.encode(fold, ledgerName: directory.name, genesis: genesis, stamp: head)
                } else {
                    // Corrections of registering records: the first pass again over the facts in effect of the whole
                    // log (rare; the effective log is not kept during the shared pass, it holds every fact).
                    fold = CheckFold()
                    products.checks = try CheckState.build(directory, upToSeq: head.seq).flatMap { $0.seq == head.seq ? $0.bytes : nil }
                }
                if let bytes = products.checks, CheckState.write(bytes, directory) { written.insert(.checks) }
                if !keepBytes { products.checks = nil }
            }
        }
        if idsWithChecks, var builder = ids {
            ids = nil
            if builder.write(directory, genesis: genesis, head: head) != nil { written.insert(.ids) }
        }
        products.outcome = Outcome(recordCount: summary.recordCount, written: written)
        return products
    }

    /// A line crossing to the second stage, with its type as the first stage found it (`FundFold.knownType`, when the
    /// funds are built or folded; else nil), and how many of its group's leaves come before it (`Group`).
    struct Sent {
        let line: VerifiedLine
        let type: EventType?
        var leavesBefore: Int = 0
        /// The first stage read it for the scopes too (`Group.everyLine`): its leaf is the group's `leavesBefore`th.
        var hasLeaf = false
    }

    /// What crosses to the second stage at a time: lines, and in a scoped query's pass the records the first stage
    /// read for the scopes from their bytes (`ScopeLeafReader`), in seq order with the lines. A line crosses as a
    /// copy of its `VerifiedLine` (some 250 bytes, two references to its chunk retained here and released on the
    /// other core); a leaf as its entry and keys, plain values: in the scoped pass at a million records the copies,
    /// retains and releases of the lines were over a fifth of the second stage (perf).
    struct Group {
        var sents: [Sent] = []
        var leaves: [ScopeLeaf] = []
        /// The leaves' keys but their event ids', leaf i's from leaf i − 1's `keysEnd` (0 for the first) to its own.
        var keys: [UInt64] = []
        /// The first stage's reader (a scoped query's pass), held by the group being filled and handed on to the
        /// next: one mutating call of the group a line (`add`), where the reader and the group's arrays each held
        /// apart by the first stage's closure cost a dynamic exclusivity check an access (some 2 % of the CPU, perf).
        var reader: ScopeLeafReader?
        /// Every line crosses as a line, for the checks (`ledger append`'s pass with the scopes), its leaf beside it
        /// when the reader reads it.
        let everyLine: Bool
        var count: Int { everyLine ? sents.count : sents.count + leaves.count }

        init(reserving size: Int, reader: ScopeLeafReader?, everyLine: Bool) {
            self.reader = reader
            self.everyLine = everyLine
            if reader != nil {
                leaves.reserveCapacity(size)
                keys.reserveCapacity(size * 2)
            }
            if reader == nil || everyLine { sents.reserveCapacity(size) }
        }

        /// `line` as a leaf when the reader reads it, else as a line (as both with `everyLine`).
        mutating func add(_ line: VerifiedLine, type: EventType?) {
            if reader != nil, let leaf = reader!.read(line, keys: &keys) {
                leaves.append(leaf)
                if everyLine { sents.append(Sent(line: line, type: type, leavesBefore: leaves.count - 1, hasLeaf: true)) }
            } else {
                sents.append(Sent(line: line, type: type, leavesBefore: leaves.count))
            }
        }
    }

    /// A record of a scoped query's pass read by the first stage from its bytes: its scope entry (never an erasure:
    /// an erasure is decoded), its event id's key, where its other keys end in its group's `keys`, and whether it
    /// ends its batch.
    struct ScopeLeaf {
        let entry: ScopeIndex.Entry
        let eventKey: UInt64
        let keysEnd: Int
        let endsBatch: Bool
    }

    /// The first stage's reader of a scoped query's pass: what the second stage's `leafRefs` reads when only the
    /// scopes are folded (a leaf fact `PayloadRefs.fixedRead` vouches for, or a registering record
    /// `PayloadRefs.fixedLinks` does), made into the record's scope entry and keys as `ScopeIndex.links` makes them
    /// there. Nil for any other line, which crosses as a line and is decoded (never read twice: the second stage
    /// then reads no leaves).
    struct ScopeLeafReader {
        private var refs: [PayloadRefs.Ref] = []
        private var links = ScopeIndex.Links()
        private(set) var leafCount: Int64 = 0
        private(set) var linkedCount: Int64 = 0

        mutating func read(_ line: VerifiedLine, keys: inout [UInt64]) -> ScopeLeaf? {
            guard let type = FundFold.knownType(line.typeBytes), line.actorIsPlain else { return nil }
            refs.removeAll(keepingCapacity: true)
            if PayloadRefs.reads(type) {
                guard PayloadRefs.fixedRead(type, data: line.dataBytes, into: &refs) else { return nil }
                leafCount += 1
            } else {
                guard PayloadRefs.readsLinks(type),
                      PayloadRefs.fixedLinks(type, occurredOn: line.occurredOn, data: line.dataBytes, into: &refs) else { return nil }
                linkedCount += 1
            }
            ScopeIndex.links(idBytes: line.idBytes, refs: refs[...], bytes: line.line, into: &links)
            keys.append(contentsOf: links.keys.dropFirst())
            return ScopeLeaf(entry: ScopeIndex.Entry(seq: line.location.seq, offset: line.location.byteOffset,
                                                     count: UInt32(line.location.byteCount), code: ScopeIndex.typeCode(type),
                                                     hash: line.hash),
                             eventKey: links.keys[0], keysEnd: keys.count, endsBatch: line.location.seq == line.batchLast)
        }
    }

    /// The second stage of a pass: decodes each verified line's record once and, when its batch is complete,
    /// folds the batch into the checks' registers and the scopes (a torn tail never reaches them). The first line
    /// that cannot be decoded is kept as the failure `committedBatches` reports for it; nothing is folded after.
    struct Decoding {
        var checks: CheckFold?
        var scopes: ScopeIndex.Builder?
        /// The funds, folded as `FundFold.read` folds them (records of a known type the fold does not read are
        /// skipped, their ids kept; the others applied with the payload decoded here, which is the one `read` decodes).
        var funds: FundFold?
        /// The free strings' keys of `index/mentions`.
        var mentions: MentionIndex.Builder?
        var failure: IntegrityFailure? = nil
        /// The batch's lines so far: decoded in full, or (a leaf fact `PayloadRefs.read` vouched for, or a
        /// registering record `PayloadRefs.links` vouched for when the checks are not built) kept as the line with
        /// the ids its payload names (`refs[range]`), never decoded.
        private enum Pending {
            /// `data`: the line's `data` bytes (for the mentions' keys).
            case record(location: RecordLocation, record: Record, fundSkips: Bool, data: ArraySlice<UInt8>)
            case leaf(line: VerifiedLine, type: EventType, refs: Range<Int>)
            /// A record only the checks' fold reads (no scopes, mentions or funds built), whose payload
            /// `PayloadRefs.checks` vouched for: what it registers or ends, and the ids it references (`refs[range]`).
            case checked(line: VerifiedLine, type: EventType, change: PayloadRefs.CheckChange?, refs: Range<Int>)
        }
        private var pending: [Pending] = []
        /// The batch's lines so far when only the funds are folded.
        private var fundItems: [FundFold.Item] = []
        private var refs: [PayloadRefs.Ref] = []
        /// `FundFold.item`'s scratch array.
        private var fundScratch: [PayloadRefs.Ref] = []
        private var links = ScopeIndex.Links()
        /// Read leaf facts, and the funds' money movements, from their bytes (`PayloadRefs`); off, every payload is
        /// decoded (tests compare the two).
        let fastLeaves: Bool
        /// The scopes are staged by `takeScopes` from what the first stage read, apart from the checks' fold (`ledger
        /// append`'s pass with the scopes): the checks may then take their records from their bytes (`checkedRefs`).
        let scopesApart: Bool
        /// Records read as leaves.
        private(set) var leafCount: Int64 = 0
        /// Records of a registering type whose ids were read from their bytes (`PayloadRefs.links`), never decoded.
        private(set) var linkedCount: Int64 = 0
        /// Records the checks' fold took from their bytes (`PayloadRefs.checks`), never decoded.
        private(set) var checkedCount: Int64 = 0
        /// `PayloadRefs.checks`' scratch array.
        private var checkScratch: [PayloadRefs.Ref] = []
        /// The hashes of the ids a batch's records read from their bytes name (`touchChecks`), and the sum of what
        /// was touched (kept, so that the reads are not optimised away; it means nothing).
        private var touchKeys: [UInt64] = []
        private var touched = 0

        init(checks: CheckFold?, scopes: ScopeIndex.Builder?, funds: FundFold? = nil, mentions: MentionIndex.Builder? = nil,
             fastLeaves: Bool = true, scopesApart: Bool = false) {
            self.checks = checks
            self.scopes = scopes
            self.funds = funds
            self.mentions = mentions
            self.fastLeaves = fastLeaves
            self.scopesApart = scopesApart
        }

        /// The type and the ids of `line`'s payload when it is a leaf fact `PayloadRefs.read` vouches for; nil
        /// otherwise.
        private mutating func leafRefs(_ line: VerifiedLine) -> (type: EventType, refs: Range<Int>)? {
            guard fastLeaves, let type = FundFold.knownType(line.typeBytes), line.actorIsPlain else { return nil }
            let first = refs.count
            if PayloadRefs.reads(type) {
                // In the canonical member order when the bytes are in it (`fixedRead`; else `read`, the same answer).
                guard PayloadRefs.fixedRead(type, data: line.dataBytes, into: &refs) else { return nil }
                leafCount += 1
                return (type, first..<refs.count)
            }
            // A registering type, read from its bytes too when nothing folded here needs its typed payload: the
            // checks' registers do (they keep its fields), and the funds' fold does for the types it reads (a fund's
            // or community's registration). The scopes and the mentions need only its ids: the five commonest
            // registering types read in the canonical member order when the bytes are in it (`fixedLinks`; else
            // `links`, the same answer).
            guard checks == nil, PayloadRefs.readsLinks(type), funds == nil || !FundFold.reads(type),
                  PayloadRefs.fixedLinks(type, occurredOn: line.occurredOn, data: line.dataBytes, into: &refs) else { return nil }
            linkedCount += 1
            return (type, first..<refs.count)
        }

        /// When only the checks' fold reads the records (the pass of `ledger append`: no scopes, mentions or funds):
        /// the type, change and ids of `line`'s payload when `PayloadRefs.checks` vouches for it; nil otherwise.
        private mutating func checkedRefs(_ line: VerifiedLine) -> (type: EventType, change: PayloadRefs.CheckChange?, refs: Range<Int>)? {
            guard fastLeaves, checks != nil, scopes == nil || scopesApart, mentions == nil, funds == nil,
                  let type = FundFold.knownType(line.typeBytes), PayloadRefs.readsChecks(type), line.actorIsPlain,
                  // A part's registration, update and retirement are decoded: the fold keeps its twin key
                  // (`Registers.twinMarks`) and where its record lies (`Registers.partLines`).
                  type != .assetRegistered, type != .assetUpdated, type != .assetRetired else { return nil }
            let first = refs.count
            var change: PayloadRefs.CheckChange? = nil
            guard PayloadRefs.checks(type, occurredOn: line.occurredOn, data: line.dataBytes, into: &refs, change: &change,
                                     scratch: &checkScratch) else { return nil }
            checkedCount += 1
            return (type, change, first..<refs.count)
        }

        mutating func take(_ line: VerifiedLine, type: EventType?) {
            guard failure == nil else { return }
            if checks == nil && scopes == nil && mentions == nil {
                // Only the funds (a whole-city `balances`): each line as the funds' reader takes it — the records of
                // the other known types skipped unread (most never sent), only the money movements read and the
                // registrations decoded.
                guard funds != nil else { return }
                fundItems.append(FundFold.item(line, type: type, scratch: &fundScratch, fast: fastLeaves))
                guard line.location.seq == line.batchLast else { return }
                for item in fundItems { funds!.take(item) }
                fundItems.removeAll(keepingCapacity: true)
                return
            }
            if checks == nil && funds == nil && mentions == nil {
                takeForScopes(line)
                return
            }
            do {
                if let (type, range) = leafRefs(line) {
                    pending.append(.leaf(line: line, type: type, refs: range))
                } else if let (type, change, range) = checkedRefs(line) {
                    pending.append(.checked(line: line, type: type, change: change, refs: range))
                } else {
                    let fundSkips = funds != nil && (FundFold.knownType(line.typeBytes).map { !FundFold.reads($0) } ?? false)
                    pending.append(.record(location: line.location, record: try line.record(), fundSkips: fundSkips, data: line.dataBytes))
                }
            } catch {
                failure = IntegrityFailure(seq: line.location.seq, lineNumber: line.location.lineNumber,
                                           byteOffset: line.location.byteOffset, kind: .unparsable(SystemWords.unreadable(error)))
                pending.removeAll()
                refs.removeAll()
                return
            }
            guard line.location.seq == line.batchLast else { return }
            if checks != nil { touchChecks() }
            for item in pending {
                guard case .record(let location, let record, let fundSkips, let data) = item else {
                    if case .checked(let line, let type, let change, let range) = item {
                        // Only the checks are built here (`checkedRefs`).
                        checks!.applyChecked(seq: line.location.seq, idBytes: line.idBytes, registering: ReferenceChecker.isRegistering(type),
                                             occurredOn: line.occurredOn, change: change, refs: refs[range], bytes: line.line)
                        continue
                    }
                    guard case .leaf(let leaf, let type, let range) = item else { continue }
                    let seq = leaf.location.seq
                    checks?.applyLeaf(seq: seq, occurredOn: leaf.occurredOn, refs: refs[range], bytes: leaf.line)
                    if funds != nil {
                        if !FundFold.reads(type) {
                            funds!.skip(seq: seq, idBytes: leaf.idBytes)
                        } else if !funds!.apply(seq: seq, idBytes: leaf.idBytes, type: type, occurredOn: leaf.occurredOn, data: leaf.dataBytes) {
                            // A balance statement (or a movement not read from its bytes): the funds' fold keeps its
                            // typed payload for its output, so it alone is decoded (`read` vouched that it decodes).
                            let payload = EventPayload.decoding(type: type.rawValue, occurredOn: leaf.occurredOn, canonicalData: leaf.dataBytes)
                            funds!.apply(seq: seq, id: String(decoding: leaf.idBytes, as: UTF8.self), occurredOn: leaf.occurredOn, payload: payload)
                        }
                    }
                    if scopes != nil || mentions != nil {
                        ScopeIndex.links(idBytes: leaf.idBytes, refs: refs[range], bytes: leaf.line, into: &links)
                    }
                    if scopes != nil {
                        stageScope(ScopeIndex.Entry(seq: seq, offset: leaf.location.byteOffset, count: UInt32(leaf.location.byteCount),
                                                    code: ScopeIndex.typeCode(type), hash: leaf.hash))
                    }
                    // `read` vouched that the record decodes: a record that does not (never) adds no keys here.
                    mentions?.add(data: leaf.dataBytes, links: links.keys) { try? leaf.record() }
                    continue
                }
                checks?.apply(record, at: location)
                if funds != nil {
                    if fundSkips {
                        funds!.skip(seq: record.seq, id: record.id)
                    } else {
                        funds!.apply(seq: record.seq, id: record.id, occurredOn: record.occurredOn, payload: record.payload)
                    }
                }
                if scopes != nil || mentions != nil {
                    ScopeIndex.links(id: record.id, payload: record.payload, into: &links)
                }
                mentions?.add(data: data, links: links.keys) { record }
                if scopes != nil { stageScope(decodedEntry(record, at: location)) }
            }
            if scopes != nil { addStagedScopes() }
            pending.removeAll(keepingCapacity: true)
            refs.removeAll(keepingCapacity: true)
        }

        /// Only the scopes (a scoped query's pass): each line's links made and staged as it comes — in seq order, the
        /// order the batch's end stages them in when other builders fold too — and the batch added once its last
        /// line has come (a torn tail never reaches the builder). No line is kept until the batch's end: the copy of
        /// each `VerifiedLine` into `pending` (some 250 bytes and two retains of its chunk, released by the next
        /// batch) and the `Pending` enum's outlined copies were some 8 % of this stage at a million records (perf).
        private mutating func takeForScopes(_ line: VerifiedLine) {
            do {
                if let (type, range) = leafRefs(line) {
                    ScopeIndex.links(idBytes: line.idBytes, refs: refs[range], bytes: line.line, into: &links)
                    stageScope(ScopeIndex.Entry(seq: line.location.seq, offset: line.location.byteOffset,
                                                count: UInt32(line.location.byteCount), code: ScopeIndex.typeCode(type), hash: line.hash))
                } else {
                    try stageDecoded(line)
                }
            } catch {
                failure = IntegrityFailure(seq: line.location.seq, lineNumber: line.location.lineNumber,
                                           byteOffset: line.location.byteOffset, kind: .unparsable(SystemWords.unreadable(error)))
                refs.removeAll()
                discardStagedScopes()
                return
            }
            refs.removeAll(keepingCapacity: true)
            if line.location.seq == line.batchLast { addStagedScopes() }
        }

        /// Before a batch's records read from their bytes are folded into the checks: what numbering their ids will
        /// read, touched at once (`CheckFold.touch`), so that the cache misses of the batch overlap instead of coming
        /// one at a time (perf at 1M records: `Registers.number` was a third of this stage, most of it waiting for
        /// memory). Nothing folded depends on it.
        private mutating func touchChecks() {
            touchKeys.removeAll(keepingCapacity: true)
            for item in pending {
                switch item {
                case .leaf(let line, _, let range):
                    for ref in refs[range] { touchKeys.append(EntityNumbers.hash(ref.kind, line.line[ref.range])) }
                case .checked(let line, _, let change, let range):
                    if let change { touchKeys.append(EntityNumbers.hash(change.kind, line.line[change.id])) }
                    for ref in refs[range] { touchKeys.append(EntityNumbers.hash(ref.kind, line.line[ref.range])) }
                case .record:
                    break
                }
            }
            touched &+= checks!.touch(touchKeys[...])
        }

        /// A record of the batch being folded by `takeChecks`: a line of a held group (`group`, numbered from the
        /// pass's first, and its index there) read from its bytes — a leaf fact (`leaf`), or a record
        /// `PayloadRefs.checks` vouched for, with what it registers or ends — or (`group` < 0) the decoded record
        /// `checkedRecords[index]`. Plain values: nothing is retained or released as the list grows and empties.
        private struct Checked {
            let group: Int
            let index: Int
            let leaf: Bool
            let registering: Bool
            let change: PayloadRefs.CheckChange?
            let refs: Range<Int>
        }
        private var checkedItems: [Checked] = []
        private var checkedRecords: [Record] = []
        /// Where each of `checkedRecords` lies (the checks keep a part's records' places).
        private var checkedLocations: [RecordLocation] = []
        /// The groups that lines of `checkedItems` lie in, the first numbered `heldBase` (a batch spans one group or
        /// a few): each kept by a reference to its array, no line copied.
        private var held: [[Sent]] = []
        private var heldBase = 0
        private var groupNumber = 0

        /// `take` of each line of a group when the checks alone are folded (`ledger append`'s pass): the same records
        /// read the same way and folded in the same order — a batch once its last line has come, after touching what
        /// its records read from their bytes will number — but each line is read where the group holds it. `take`
        /// kept a copy of each line (a `VerifiedLine`, some 250 bytes and two references to its chunk, retained and
        /// released on this core as the reading thread retains the next ones) in `pending` until its batch's end: perf
        /// at a million records put those copies at a sixth of this stage.
        mutating func takeChecks(_ sents: [Sent]) {
            guard failure == nil else { return }
            let group = groupNumber
            groupNumber += 1
            held.append(sents)
            for i in sents.indices {
                // As in `pass`'s consumer: the data of the line two on asked into the cache.
                if i + 2 < sents.count {
                    Bytes.prefetch(sents[i + 2].line.line, at: sents[i + 2].line.dataBytes.startIndex)
                }
                do {
                    if let (_, range) = leafRefs(sents[i].line) {
                        checkedItems.append(Checked(group: group, index: i, leaf: true, registering: false, change: nil, refs: range))
                    } else if let (type, change, range) = checkedRefs(sents[i].line) {
                        checkedItems.append(Checked(group: group, index: i, leaf: false, registering: ReferenceChecker.isRegistering(type),
                                                    change: change, refs: range))
                    } else {
                        checkedItems.append(Checked(group: -1, index: checkedRecords.count, leaf: false, registering: false, change: nil,
                                                    refs: 0..<0))
                        checkedRecords.append(try sents[i].line.record())
                        checkedLocations.append(sents[i].line.location)
                    }
                } catch {
                    let location = sents[i].line.location
                    failure = IntegrityFailure(seq: location.seq, lineNumber: location.lineNumber,
                                               byteOffset: location.byteOffset, kind: .unparsable(SystemWords.unreadable(error)))
                    checkedItems.removeAll()
                    checkedRecords.removeAll()
                    checkedLocations.removeAll()
                    refs.removeAll()
                    held.removeAll()
                    return
                }
                if sents[i].line.location.seq == sents[i].line.batchLast { foldCheckedBatch() }
            }
            // Only the groups the batch not yet folded has lines in are kept.
            let first = checkedItems.first { $0.group >= 0 }?.group ?? group + 1
            if first > heldBase {
                held.removeFirst(Swift.min(first - heldBase, held.count))
                heldBase = first
            }
        }

        /// Folds the batch `takeChecks` gathered (its last line has come), as `take` folds a batch into the checks.
        private mutating func foldCheckedBatch() {
            touchKeys.removeAll(keepingCapacity: true)
            for item in checkedItems where item.group >= 0 {
                let g = item.group - heldBase
                if let change = item.change {
                    touchKeys.append(EntityNumbers.hash(change.kind, held[g][item.index].line.line[change.id]))
                }
                for ref in refs[item.refs] {
                    touchKeys.append(EntityNumbers.hash(ref.kind, held[g][item.index].line.line[ref.range]))
                }
            }
            touched &+= checks!.touch(touchKeys[...])
            // The hashes just made, in the order the fold numbers the ids (an entity registered or ended, then the
            // refs), handed on: each id is hashed once.
            var k = 0
            for item in checkedItems {
                guard item.group >= 0 else {
                    checks!.apply(checkedRecords[item.index], at: checkedLocations[item.index])
                    continue
                }
                let g = item.group - heldBase
                let end = k + item.refs.count + (item.change == nil ? 0 : 1)
                if item.leaf {
                    checks!.applyLeaf(seq: held[g][item.index].line.location.seq, occurredOn: held[g][item.index].line.occurredOn,
                                      refs: refs[item.refs], bytes: held[g][item.index].line.line, hashes: touchKeys[k..<end])
                } else {
                    checks!.applyChecked(seq: held[g][item.index].line.location.seq, idBytes: held[g][item.index].line.idBytes,
                                         registering: item.registering, occurredOn: held[g][item.index].line.occurredOn,
                                         change: item.change, refs: refs[item.refs], bytes: held[g][item.index].line.line,
                                         hashes: touchKeys[k..<end])
                }
                k = end
            }
            checkedItems.removeAll(keepingCapacity: true)
            checkedRecords.removeAll(keepingCapacity: true)
            checkedLocations.removeAll(keepingCapacity: true)
            refs.removeAll(keepingCapacity: true)
        }

        /// The batch's records for the scopes, in seq order: each entry, its event id's key (`scopeEventKeys`), the
        /// keys of the other ids it links (`scopeKeys`, up to `scopeKeyEnds[i]`) and the communities it registers
        /// (by the entry's index). Added together once the batch is folded (`addStagedScopes`), in the same order:
        /// the same builder, so the same file.
        private var scopeEntries: [ScopeIndex.Entry] = []
        private var scopeEventKeys: [UInt64] = []
        private var scopeKeys: [UInt64] = []
        private var scopeKeyEnds: [Int] = []
        private var scopeRegistrations: [(entry: Int, id: String, street: String)] = []

        /// A decoded record's entry at `location`, with the links just made from its payload (`links`).
        private func decodedEntry(_ record: Record, at location: RecordLocation) -> ScopeIndex.Entry {
            ScopeIndex.Entry(seq: record.seq, offset: location.byteOffset, count: UInt32(location.byteCount),
                             code: ScopeIndex.typeCode(record.type), hash: record.hash)
        }

        /// Stages a line not read from its bytes for the scopes (a community's registration, a correction, an erasure,
        /// a payload not in its plain form): decoded, its links made from its payload, its entry staged.
        /// - Throws: why the line does not decode.
        private mutating func stageDecoded(_ line: VerifiedLine) throws(ChainError) {
            let record = try line.record()
            ScopeIndex.links(id: record.id, payload: record.payload, into: &links)
            stageScope(decodedEntry(record, at: line.location))
        }

        /// Stages the record of `entry` with the links just made (`links`).
        private mutating func stageScope(_ entry: ScopeIndex.Entry) {
            for r in links.registrations { scopeRegistrations.append((scopeEntries.count, r.id, r.street)) }
            scopeEntries.append(entry)
            scopeEventKeys.append(links.keys[0])
            scopeKeys.append(contentsOf: links.keys.dropFirst())
            scopeKeyEnds.append(scopeKeys.count)
        }

        /// Adds the batch's staged records to the scopes, after touching all their keys (but the event ids', which
        /// the builder keeps apart) at once
        /// (`ScopeIndex.Builder.touch`: the cache misses of a batch overlap instead of coming one at a time).
        private mutating func addStagedScopes() {
            scopes!.touch(scopeKeys[...])
            var start = 0, registration = 0
            for (index, entry) in scopeEntries.enumerated() {
                let end = scopeKeyEnds[index]
                var registrations: [(id: String, street: String)] = []
                while registration < scopeRegistrations.count, scopeRegistrations[registration].entry == index {
                    registrations.append((scopeRegistrations[registration].id, scopeRegistrations[registration].street))
                    registration += 1
                }
                scopes!.add(entry, eventKey: scopeEventKeys[index], keys: scopeKeys[start..<end], registrations: registrations)
                start = end
            }
            discardStagedScopes()
        }

        /// The scopes of a group of `ledger append`'s pass with the scopes (`Group.everyLine`; the checks took its lines
        /// already): in seq order, each line's leaf when the first stage read one, else the line decoded and staged as
        /// `takeForScopes` stages it (a community's registration, a correction, an erasure: rare). Nothing of the
        /// checks' batch in progress (`refs`) is touched.
        mutating func takeScopes(_ group: Group) {
            var keyStart = 0
            for sent in group.sents {
                // The checks took the whole group first: a failure they found is the first only if no earlier line
                // fails here.
                if let failure, failure.seq <= sent.line.location.seq { return }
                if sent.hasLeaf {
                    let leaf = group.leaves[sent.leavesBefore]
                    if failure == nil { takeScopeLeaf(leaf, keys: group.keys[keyStart..<leaf.keysEnd]) }
                    keyStart = leaf.keysEnd
                    continue
                }
                let line = sent.line
                do {
                    try stageDecoded(line)
                } catch {
                    failure = IntegrityFailure(seq: line.location.seq, lineNumber: line.location.lineNumber,
                                               byteOffset: line.location.byteOffset, kind: .unparsable(SystemWords.unreadable(error)))
                    discardStagedScopes()
                    return
                }
                if failure == nil, line.location.seq == line.batchLast { addStagedScopes() }
            }
        }

        /// A record the first stage read for the scopes (`ScopeLeafReader`), staged as `takeForScopes` stages a leaf:
        /// its entry, its event id's key and `keys`, the batch added once its last record has come.
        mutating func takeScopeLeaf(_ leaf: ScopeLeaf, keys: ArraySlice<UInt64>) {
            guard failure == nil else { return }
            scopeEntries.append(leaf.entry)
            scopeEventKeys.append(leaf.eventKey)
            scopeKeys.append(contentsOf: keys)
            scopeKeyEnds.append(scopeKeys.count)
            if leaf.endsBatch { addStagedScopes() }
        }

        /// Empties the staged records (added, or a batch that will never be: a line of it could not be decoded).
        private mutating func discardStagedScopes() {
            scopeEntries.removeAll(keepingCapacity: true)
            scopeEventKeys.removeAll(keepingCapacity: true)
            scopeKeys.removeAll(keepingCapacity: true)
            scopeKeyEnds.removeAll(keepingCapacity: true)
            scopeRegistrations.removeAll(keepingCapacity: true)
        }
    }

    // MARK: verify --index

    /// What `ledger verify --index` found in each file, and the record each was rebuilt at (nil: not written).
    public struct Checks {
        /// Nil when a writer held the lock (the id tables are then not checked).
        public let ids: (check: IdIndexCheck, rebuiltAt: Int64?)?
        public let funds: (check: DerivedStateCheck, rebuiltAt: Int64?)
        public let checks: (check: DerivedStateCheck, rebuiltAt: Int64?)
        public let scopes: (check: DerivedStateCheck, rebuiltAt: Int64?)
        /// Why the writers' lock could not be taken when its file cannot be opened (a read-only copy of a ledger,
        /// where `lock` cannot be created or opened for writing); nil otherwise. The id tables are then unchecked.
        public var lockUnavailable: FileError? = nil
    }

    /// `ledger verify --index` in one pass: each stored file is looked at first (nothing of it is trusted), then one
    /// read and verification of the log from record 1 builds every file, which is compared with the stored one
    /// (as each file's `checkAndRebuild` does) and written at the head. The id tables are checked and written under
    /// the writers' lock, held for the pass (at most `lockWaitMilliseconds` waited; when a writer holds it they are
    /// reported unchecked and the other files are still checked). A stale checks' state (stamped before the head)
    /// is compared with one built at its stamp, which costs a second read.
    /// - Throws: the log's damage, as every reader does.
    public static func verifyAll(_ directory: LedgerDirectory, lockWaitMilliseconds: Int) throws(ChainError) -> Checks {
        // Streamed and kept open (never the whole file: 0.75 GB at 10 million records); compared below with the file
        // the pass writes, as a stream too.
        let fundsStored = StoredRead { () throws(ChainError) in try FundState.Stored.forVerify(directory) }
        let checksStored = CheckState.storedCheck(directory)
        let scopesStored = ScopeIndex.storedCheck(directory)
        var products: Products? = nil
        var ids: (check: IdIndexCheck, rebuiltAt: Int64?)? = nil
        var lockUnavailable: FileError? = nil
        var scopesFresh: PosixFile? = nil
        // The funds state the pass wrote, opened while the lock is held (session 52): after it, a writer may replace
        // or remove the file (a rebuild after damage removes it), and the stored state is compared with this one.
        var fundsFresh: FundState.Stored? = nil
        // The funds state is streamed to its temporary from the pass's start: after `rm -rf index/` the folder must
        // be there first (the other files are written at the end, and make it themselves).
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        // What a killed pass or merge left behind (each temporary is locked while it is written).
        removeAbandonedTemporaries(directory)
        do throws(ChainError) {
            ids = try IdIndex.checkAndRebuild(directory, lockWaitMilliseconds: lockWaitMilliseconds) { () throws(ChainError) in
                // Not by group (review 43c #1): the auditor's check decodes every registering record in full, so
                // that a defect of the writers' fast readers (`PayloadRefs.checks`, `links`) is not also verify's.
                var built = try pass(directory, files: .all, writeIds: false, keepBytes: true, keepScopes: false, checksByGroup: false)
                // Opened under the lock (review of verifyidx51 #1): a writer may replace it once the lock is released.
                if built.outcome.written.contains(.scopes) { scopesFresh = ScopeIndex.openFresh(directory) }
                if built.outcome.written.contains(.funds) { fundsFresh = try? FundState.Stored.open(directory) }
                let builder = built.ids ?? IdIndexBuilder.empty
                built.ids = nil
                products = built
                return (builder, built.genesis, built.head)
            }
        } catch {
            switch error {
            case .lockTimeout: break
            // The lock's file cannot be opened (a read-only copy of a ledger): reading needs no lock, so the log and
            // the other files are checked all the same; only the id tables, which a writer's lock guards, are not.
            case .file(let e) where e.path == directory.lockPath: lockUnavailable = e
            case .lockDenied(_, let e): lockUnavailable = e
            default: throw error
            }
            products = try pass(directory, files: [.funds, .checks, .scopes], writeIds: false, keepBytes: true, keepScopes: false)
            // No lock held: a writer may have replaced it already; a difference is then judged by a second read.
            if products?.outcome.written.contains(.scopes) == true { scopesFresh = ScopeIndex.openFresh(directory) }
            if products?.outcome.written.contains(.funds) == true { fundsFresh = try? FundState.Stored.open(directory) }
        }
        guard let products else { preconditionFailure("the pass ran") }
        VerifyTestHooks.runAfterLockReleased(directory)
        let written = products.outcome.written
        let head = products.head?.seq
        // funds.state: the stored inputs must be the log's up to its stamp.
        var funds = DerivedStateCheck.absent
        var fundsRebuiltAt = written.contains(.funds) ? head : nil
        switch fundsStored {
        case .absent: break
        case .unusable(let problem): funds = .damaged(problem)
        case .found(let state):
            if written.contains(.funds), let fresh = fundsFresh,
               state.header.genesis == fresh.header.genesis, state.header.stamp.seq <= fresh.header.stamp.seq {
                switch state.bodyIsPrefix(of: fresh) {
                case .prefix: funds = .intact(seq: state.header.stamp.seq)
                case .differs: funds = .damaged(.mismatch(.differsFromLog(.record)))
                // A read error is said as one (it was worded as records that differ).
                case .unreadable(let problem): funds = .damaged(problem)
                }
            } else if !written.contains(.funds), products.outcome.recordCount > 0 {
                // Not written (index/ cannot be written, or its write failed): compared by the file's own check, which
                // reads again. Only this file: the others may have been replaced by the pass, and are judged below
                // from what was stored before it.
                (funds, fundsRebuiltAt) = try FundState.checkAndRebuild(directory)
            } else {
                funds = .damaged(.mismatch(.differsFromLog(.record)))
            }
        }
        if products.outcome.recordCount == 0 {
            for path in [FundState.path(directory), CheckState.path(directory), ScopeIndex.path(directory)] { try? PosixFile.remove(path) }
        }
        let checks = try CheckState.finishCheck(checksStored, directory, fresh: products.checks, head: head)
        // Byte for byte the index the log gives at its stamp: the file just written when that is the head, else
        // records 1…stamp read again (session 51: a file stamped before the head was not compared).
        let scopes = try ScopeIndex.finishCheck(scopesStored, directory, fresh: scopesFresh, freshStamp: products.head)
        return Checks(ids: ids, funds: (funds, fundsRebuiltAt),
                      checks: (checks, written.contains(.checks) ? head : nil),
                      scopes: (scopes, written.contains(.scopes) ? head : nil), lockUnavailable: lockUnavailable)
    }

    /// The header-level checks of a whole-file state (kind, version, header checksum, length, ledger, record 1, the
    /// stamped record) without reading its body: nil when there is no file.
    /// - Throws: why the file cannot be used.
    static func headerCheck(_ path: String, kind: String, version: UInt32,
                            _ directory: LedgerDirectory) throws(ChainError) -> ResumePoint? {
        let file: PosixFile
        // Only a regular file is opened: a FIFO or device is refused by its kind, unopened (`PosixFile.openRegular`).
        do { file = try PosixFile.openRegular(path, followLinks: false).file } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        defer { file.close() }
        var start: [UInt8] = []
        guard let size = try? file.size(), (try? file.read(at: 0, count: Int(min(size, 8192)), into: &start)) != nil else {
            throw .damaged(.unreadable(.header))
        }
        let (header, length) = try DerivedStateHeader.decode(start[...], kind: kind, version: version)
        guard UInt64(size) == UInt64(length) + header.bodyBytes + 32 else {
            throw .damaged(.lengthNotHeaders)
        }
        return try header.check(directory)
    }
}
