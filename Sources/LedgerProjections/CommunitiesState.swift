import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `index/communities.state` (ledger-spec.md section 15.11): every community's line of `ledger communities` as of
/// one date, folded at the stamped record, so that the whole city's list costs the number of communities, not the
/// number of records. Derived and optional, like every file of `index/`: used only after the checks of section
/// 15.1, for the one question it answers exactly (the whole city, no `--at-seq`, the date it was made for: asset
/// statuses, contracts in force and balances all depend on the date, not only on which facts are included). The
/// records after its stamp are taken in by refolding only the community groups they join (`index/scopes`, 15.5),
/// as `index/rectify.state` is; what cannot be refolded that way makes the whole log folded again, as before, and
/// the file written anew.
public struct CommunitiesState: Equatable, Sendable {
    public static let fileName = "communities.state"
    public static let kind = "LEDGER-COMMUNITIES"
    public static let version: UInt32 = 1
    /// At most this many records after the stamp are refolded by group; beyond, the whole log is folded again.
    public static let refoldRecordsMax = 50_000

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// A record the projection could not apply, as the warning lists it.
    public struct Anomaly: Equatable, Sendable {
        public let seq: Int64
        public let eventID: String
        public let reason: String
    }

    public let ledgerName: String
    public let genesis: StateStamp
    public let stamp: StateStamp
    /// The as-of date the lines are for.
    public let asOf: CalendarDate
    /// Every community's line, sorted by id (as the report lists them).
    public let rows: [CommunitySummary]
    /// The projection's anomalies (the whole log's, up to the stamp), in its order.
    public let anomalies: [Anomaly]

    public init(ledgerName: String, genesis: StateStamp, stamp: StateStamp, asOf: CalendarDate, rows: [CommunitySummary],
                anomalies: [Anomaly]) {
        self.ledgerName = ledgerName; self.genesis = genesis; self.stamp = stamp
        self.asOf = asOf; self.rows = rows; self.anomalies = anomalies
    }

    /// The projection's anomalies by seq, stably (the order the warning lists them in, and the one a refold keeps:
    /// a record's anomalies come from one fold, in its order), so that a refolded file is the folded one byte for byte.
    static func anomalies(_ projection: Projection) -> [Anomaly] {
        bySeq(projection.anomalies.map { Anomaly(seq: $0.evidence.seq, eventID: $0.evidence.eventID, reason: $0.reason) })
    }

    static func bySeq(_ list: [Anomaly]) -> [Anomaly] {
        list.enumerated().sorted { ($0.element.seq, $0.offset) < ($1.element.seq, $1.offset) }.map(\.element)
    }

    // MARK: the file

    /// Body: i64 the as-of day; u64 row count and per row bytes id, name, street, residents' committee, total area
    /// (as printed), i64 total owners, i64 registration day, i64 evidence seq, bytes evidence event id, u64 assets,
    /// idle, occupied, funds, contracts in force, decisions, i64 balance in fen; u64 anomaly count and per anomaly
    /// i64 seq, bytes event id, bytes reason.
    public func encoded() -> [UInt8] {
        var body = ByteWriter(capacity: 64 + rows.count * 160)
        func text(_ s: String) { body.counted(Array(s.utf8)) }
        body.i64(Int64(asOf.dayNumber))
        body.u64(UInt64(rows.count))
        for r in rows {
            text(r.id); text(r.name); text(r.street); text(r.residentsCommittee); text(r.totalArea)
            body.i64(r.totalOwners); body.i64(Int64(r.registeredOn.dayNumber)); body.i64(r.evidence.seq); text(r.evidence.eventID)
            for n in [r.assets, r.idle, r.occupied, r.funds, r.contractsActive, r.decisions] { body.u64(UInt64(n)) }
            body.i64(r.balance.fen)
        }
        body.u64(UInt64(anomalies.count))
        for a in anomalies { body.i64(a.seq); text(a.eventID); text(a.reason) }
        return DerivedStateFile(kind: Self.kind, version: Self.version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                body: body.bytes).encoded()
    }

    /// The state a checked file holds; its body's layout must be exactly the one `encoded` writes.
    static func decode(_ file: DerivedStateFile) throws(DerivedStateProblem) -> CommunitiesState {
        var r = ByteReader(file.body)
        func fail(_ what: String) -> DerivedStateProblem { .damaged("cannot read \(what)") }
        func text() -> String? { r.counted(max: 1 << 20).flatMap { String(validating: $0, as: UTF8.self) } }
        func day() -> CalendarDate? { r.i64().flatMap { (-10_000_000...10_000_000).contains($0) ? CalendarDate(dayNumber: Int($0)) : nil } }
        func count() -> Int? { r.u64().flatMap { $0 <= UInt64(file.body.count) ? Int($0) : nil } }
        guard let asOf = day() else { throw fail("the as-of date") }
        guard let rowCount = count() else { throw fail("the row count") }
        var rows: [CommunitySummary] = []
        rows.reserveCapacity(rowCount)
        for _ in 0..<rowCount {
            guard let id = text(), let name = text(), let street = text(), let committee = text(), let area = text(),
                  let owners = r.i64(), let registered = day(), let seq = r.i64(), seq >= 1, let eventID = text() else { throw fail("a row") }
            var row = CommunitySummary(id: id, name: name, street: street, residentsCommittee: committee, totalArea: area,
                                       totalOwners: owners, registeredOn: registered, evidence: Evidence(seq: seq, eventID: eventID))
            guard let assets = count(), let idle = count(), let occupied = count(), let funds = count(), let active = count(),
                  let decisions = count(), let fen = r.i64() else { throw fail("a row's counts") }
            row.assets = assets; row.idle = idle; row.occupied = occupied; row.funds = funds
            row.contractsActive = active; row.decisions = decisions; row.balance = Amount(fen: fen)
            if let before = rows.last, !(before.id < row.id) { throw fail("the rows: not in id order") }
            rows.append(row)
        }
        guard let anomalyCount = count() else { throw fail("the anomaly count") }
        var anomalies: [Anomaly] = []
        for _ in 0..<anomalyCount {
            guard let seq = r.i64(), seq >= 1, let eventID = text(), let reason = text() else { throw fail("an anomaly") }
            anomalies.append(Anomaly(seq: seq, eventID: eventID, reason: reason))
        }
        guard r.isAtEnd else { throw fail("its body: bytes after the anomalies") }
        return CommunitiesState(ledgerName: file.header.ledgerName, genesis: file.header.genesis, stamp: file.header.stamp,
                                asOf: asOf, rows: rows, anomalies: anomalies)
    }

    /// Writes the state atomically (best effort, like every file of `index/`).
    @discardableResult
    public func write(_ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(encoded(), to: Self.path(directory)) } catch { return false }
        return true
    }

    /// The stored state after checks 1–3 of section 15.1 and its body's layout, with the point to resume reading
    /// the log after; nil when there is no file.
    public static func stored(_ directory: LedgerDirectory) throws(DerivedStateProblem) -> (state: CommunitiesState, resume: ResumePoint)? {
        guard let (file, resume) = try DerivedStateFile.load(path(directory), kind: kind, version: version, directory: directory) else {
            return nil
        }
        return (try decode(file), resume)
    }

    // MARK: answering

    /// What `answer` gives: the lines and the warning's records, and how they were found.
    public struct Answer {
        public enum Source: Equatable, Sendable {
            /// The stored file, stamped at the head.
            case stored
            /// The stored file, with the groups the records after its stamp join refolded.
            case refolded
            /// The whole log folded.
            case folded
        }
        public let rows: [CommunitySummary]
        public let anomalies: [Anomaly]
        /// Records in the committed log (the report's "records 1–N").
        public let recordCount: Int64
        public let source: Source
        /// The notice of section 15.1 when the stored file could not be used.
        public let notice: String?
        /// The whole log's fold, when it was made (the caller keeps it alive to exit: freeing it is pure cost).
        public let fold: (effective: EffectiveLog, projection: Projection)?
    }

    /// The whole city's lines as of `asOf`, at the head of the log: from the stored file when it was made for
    /// `asOf` (checks 1–5 of 15.1), with the groups the records after its stamp join refolded when there are some
    /// (`refold`: false never refolds, for tests); else from a fold of the whole log, which writes the file at the
    /// head — unless a usable file was made for a later date (a look back leaves it for today's lists).
    /// - Throws: the log's damage, as every reader reports it.
    /// - Parameter today: a file made for a later date is kept only when that date is not after today: a look
    ///   ahead (`--as-of` next year-end) must not leave every list of today folding the whole log.
    public static func answer(_ directory: LedgerDirectory, asOf: CalendarDate, today: CalendarDate? = nil,
                              refold: Bool = true) throws(ChainError) -> Answer {
        var notice: String? = nil
        var keep = false
        let stored: (state: CommunitiesState, resume: ResumePoint)?
        do { stored = try Self.stored(directory) } catch {
            stored = nil
            notice = SystemWords.rebuilt(fileName, in: directory, error)
        }
        if let (state, resume) = stored {
            if state.asOf == asOf {
                var count: Int64? = nil
                do {
                    count = try LogScanner.committedBatches(directory, from: resume, prepare: { _ in () as Void? }, batch: { _ in }).recordCount
                } catch .resumeBeforeAcknowledged {
                    // Only a full read can check the records up to the stamp: fold the whole log (no notice).
                }
                if let count, count == state.stamp.seq {
                    return Answer(rows: state.rows, anomalies: state.anomalies, recordCount: count, source: .stored, notice: nil, fold: nil)
                }
                if count != nil, refold, let made = try state.refolded(directory, resume: resume) {
                    made.write(directory)
                    return Answer(rows: made.rows, anomalies: made.anomalies, recordCount: made.stamp.seq, source: .refolded,
                                  notice: nil, fold: nil)
                }
            } else if asOf < state.asOf, state.asOf <= (today ?? state.asOf) {
                keep = true
            }
        }
        let folded = try fold(directory, asOf: asOf)
        // The lines are made once (every asset, fund, contract and decision of the city is viewed for them), for the
        // file and for the answer.
        let rows = folded.projection.communitySummaries(), anomalies = Self.anomalies(folded.projection)
        if !keep, let genesis = folded.genesis, let head = folded.head, head.seq == folded.recordCount {
            CommunitiesState(ledgerName: directory.name, genesis: genesis, stamp: head, asOf: asOf, rows: rows, anomalies: anomalies)
                .write(directory)
        }
        return Answer(rows: rows, anomalies: anomalies, recordCount: folded.recordCount, source: .folded, notice: notice,
                      fold: (folded.effective, folded.projection))
    }

    /// The whole log read and verified (section 6), folded as of `asOf` as `ledger communities` folds it, with the
    /// stamps of record 1 and of the head.
    static func fold(_ directory: LedgerDirectory, asOf: CalendarDate) throws(ChainError)
        -> (effective: EffectiveLog, projection: Projection, recordCount: Int64, genesis: StateStamp?, head: StateStamp?) {
        var effective = EffectiveLog()
        var genesis: StateStamp? = nil
        var head: StateStamp? = nil
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> (Record, StateStamp?)? in
            let stamp = line.location.seq == 1 || line.location.seq == line.batchLast ? StateStamp(line) : nil
            return (try line.record(), stamp)
        }, batch: { batch in
            for (record, stamp) in batch {
                effective.apply(record)
                if let stamp {
                    if stamp.seq == 1 { genesis = stamp }
                    head = stamp
                }
            }
        })
        // `head` is the last stamp seen: the head's when record 1 is not also its batch's last (then it is the same).
        let projection = Projection(log: effective, asOf: asOf)
        return (effective, projection, summary.recordCount, genesis, head)
    }

    /// The state brought to the head by refolding the community groups the records after its stamp join
    /// (`ScopeIndex.refoldCommunities`): those groups' records and the global block's folded as a sparse log as of
    /// the state's date; the lines of every community of those groups, and the anomalies of their records, replace
    /// the stored ones. Nil when the records cannot be refolded alone.
    func refolded(_ directory: LedgerDirectory, resume: ResumePoint) throws(ChainError) -> CommunitiesState? {
        guard let plan = try ScopeIndex.refoldCommunities(directory, after: resume, maxRecords: Self.refoldRecordsMax) else { return nil }
        let projection = Projection(log: EffectiveLog(sparse: plan.records, upTo: plan.totalRecordCount), asOf: asOf)
        let touched = Set(plan.touched)
        var touchedSeqs = Set<Int64>()
        for (seq, block) in plan.blockOfSeq where touched.contains(block) { touchedSeqs.insert(seq) }
        // The communities made again: those the index lists in the touched blocks, and those whose registration in
        // effect is one of the records refolded (one registered after the index's stamp, in a group that had named
        // it before, is in a touched group without the index listing it: its line may be gone now).
        var communities = Set<String>()
        for block in plan.touched { communities.formUnion(plan.communitiesOfBlock[block] ?? []) }
        for row in self.rows where touchedSeqs.contains(row.evidence.seq) { communities.insert(row.id) }
        let made = projection.communitySummaries()
        for row in made where touchedSeqs.contains(row.evidence.seq) { communities.insert(row.id) }
        // Every community the refold shows must be one of the groups refolded (the global block holds none).
        guard made.allSatisfy({ communities.contains($0.id) }) else { return nil }
        var rows = self.rows.filter { !communities.contains($0.id) } + made
        rows.sort { $0.id < $1.id }
        for i in rows.indices.dropFirst() where !(rows[i - 1].id < rows[i].id) { return nil }
        var anomalies = self.anomalies.filter { !touchedSeqs.contains($0.seq) }
        for a in projection.anomalies where touchedSeqs.contains(a.evidence.seq) {
            anomalies.append(Anomaly(seq: a.evidence.seq, eventID: a.evidence.eventID, reason: a.reason))
        }
        anomalies = Self.bySeq(anomalies)
        return CommunitiesState(ledgerName: ledgerName, genesis: genesis, stamp: plan.head, asOf: asOf, rows: rows, anomalies: anomalies)
    }
}
