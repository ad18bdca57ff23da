import LedgerChain
import LedgerEvents
import LedgerPlatform

/// A file of `index/` holding one whole-city list as of one date (ledger-spec.md 15.11 `communities.state`, 15.12
/// `assets.state`, `contracts.state`, `decisions.state`): every line of the list, folded at the stamped record, so that
/// the whole city's list costs the number of its lines, not the number of records. Derived and optional, like every
/// file of `index/`: used only after the checks of section 15.1, for the one question it answers exactly (the whole
/// city, no `--at-seq`, the date it was made for: statuses, contracts in force and balances depend on the date, not
/// only on which facts are included). The records after its stamp are taken in by refolding only the community
/// groups they join (`index/scopes`, 15.5), as `index/rectify.state` is; what cannot be refolded that way makes the
/// whole log folded again, as before, and the file written anew.
public struct CityListState<Line: CityListLine>: Equatable, Sendable {
    public static var fileName: String { Line.fileName }
    public static var kind: String { Line.kind }
    public static var version: UInt32 { Line.version }
    /// At most this many records after the stamp are refolded by group; beyond, the whole log is folded again.
    public static var refoldRecordsMax: Int { 50_000 }

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// A record the projection could not apply, as the warning lists it.
    public struct Anomaly: Equatable, Sendable {
        public let seq: Int64
        public let eventID: String
        public let reason: String
    }

    /// A person a fact in effect names (a commitment in a personal field), with the seq of the fact's record.
    public struct Person: Equatable, Sendable {
        public let seq: Int64
        public let commitment: PersonalCommitment

        func precedes(_ other: Person) -> Bool { (seq, commitment) < (other.seq, other.commitment) }
    }

    public let ledgerName: String
    public let genesis: StateStamp
    public let stamp: StateStamp
    /// The as-of date the lines are for.
    public let asOf: CalendarDate
    /// Every line, in report order.
    public let lines: [Line]
    /// The projection's anomalies (the whole log's, up to the stamp), in its order.
    public let anomalies: [Anomaly]
    /// With `Line.showsPersons`: the commitments the log's erasures name, ascending (else empty).
    public let erased: [PersonalCommitment]
    /// With `Line.showsPersons`: the persons the facts in effect name, by seq then commitment (else empty).
    public let persons: [Person]

    public init(ledgerName: String, genesis: StateStamp, stamp: StateStamp, asOf: CalendarDate, lines: [Line],
                anomalies: [Anomaly], erased: [PersonalCommitment] = [], persons: [Person] = []) {
        self.ledgerName = ledgerName; self.genesis = genesis; self.stamp = stamp
        self.asOf = asOf; self.lines = lines; self.anomalies = anomalies; self.erased = erased; self.persons = persons
    }

    /// The projection's anomalies by seq, stably (the order the warning lists them in, and the one a refold keeps:
    /// a record's anomalies come from one fold, in its order), so that a refolded file is the folded one byte for byte.
    static func anomalies(_ projection: Projection) -> [Anomaly] {
        bySeq(projection.anomalies.map { Anomaly(seq: $0.evidence.seq, eventID: $0.evidence.eventID, reason: $0.reason) })
    }

    static func bySeq(_ list: [Anomaly]) -> [Anomaly] {
        list.enumerated().sorted { ($0.element.seq, $0.offset) < ($1.element.seq, $1.offset) }.map(\.element)
    }

    /// The persons `facts` name, each fact's by its original record's seq (in its group, as its correction is).
    static func persons(_ facts: [EffectiveFact], where keep: (Int64) -> Bool = { _ in true }) -> [Person] {
        guard Line.showsPersons else { return [] }
        var out: [Person] = []
        for fact in facts where keep(fact.position) {
            fact.payload.forEachPersonal { _, value in
                if let c = value.commitment { out.append(Person(seq: fact.position, commitment: c)) }
            }
        }
        return out.sorted { $0.precedes($1) }
    }

    // MARK: the file

    /// Body: i64 the as-of day; u64 line count and the lines (`Line.encode`); u64 anomaly count and per anomaly i64
    /// seq, bytes event id, bytes reason; with `Line.showsPersons`, u64 erased count and each 32-byte commitment, u64
    /// person count and per person i64 seq and its 32-byte commitment.
    public func encoded() -> [UInt8] {
        var body = ByteWriter(capacity: 64 + lines.count * 160)
        body.i64(Int64(asOf.dayNumber))
        body.u64(UInt64(lines.count))
        for line in lines { line.encode(into: &body) }
        body.u64(UInt64(anomalies.count))
        for a in anomalies { body.i64(a.seq); body.text(a.eventID); body.text(a.reason) }
        if Line.showsPersons {
            body.u64(UInt64(erased.count))
            for c in erased { body.raw(c.digest.bytes) }
            body.u64(UInt64(persons.count))
            for p in persons { body.i64(p.seq); body.raw(p.commitment.digest.bytes) }
        }
        return DerivedStateFile(kind: Self.kind, version: Self.version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                body: body.bytes).encoded()
    }

    /// The state a checked file holds; its body's layout must be exactly the one `encoded` writes.
    static func decode(_ file: DerivedStateFile) throws(ChainError) -> CityListState {
        var r = LineReader(file.body)
        func fail(_ what: ChainError.DerivedStateProblem.Detail.Part) -> ChainError { .damaged(.unreadable(what)) }
        guard let asOf = r.day() else { throw fail(.asOfDate) }
        guard let lineCount = r.count() else { throw fail(.count(.row)) }
        var lines: [Line] = []
        lines.reserveCapacity(lineCount)
        for _ in 0..<lineCount {
            guard let line = Line.decode(&r) else { throw fail(.some(.row)) }
            if let before = lines.last, !before.precedes(line) { throw .damaged(.outOfOrder(.all(.row))) }
            lines.append(line)
        }
        guard let anomalyCount = r.count() else { throw fail(.count(.anomaly)) }
        var anomalies: [Anomaly] = []
        for _ in 0..<anomalyCount {
            guard let seq = r.seq(), let eventID = r.text(), let reason = r.text() else { throw fail(.some(.anomaly)) }
            anomalies.append(Anomaly(seq: seq, eventID: eventID, reason: reason))
        }
        var erased: [PersonalCommitment] = [], persons: [Person] = []
        if Line.showsPersons {
            guard let erasedCount = r.count() else { throw fail(.count(.erasedCommitment)) }
            for _ in 0..<erasedCount {
                guard let c = r.commitment() else { throw fail(.some(.erasedCommitment)) }
                erased.append(c)
            }
            guard let personCount = r.count() else { throw fail(.count(.person)) }
            for _ in 0..<personCount {
                guard let seq = r.seq(), let c = r.commitment() else { throw fail(.some(.person)) }
                persons.append(Person(seq: seq, commitment: c))
            }
        }
        guard r.isAtEnd else { throw fail(.after(Line.showsPersons ? .person : .anomaly)) }
        return CityListState(ledgerName: file.header.ledgerName, genesis: file.header.genesis, stamp: file.header.stamp,
                             asOf: asOf, lines: lines, anomalies: anomalies, erased: erased, persons: persons)
    }

    /// Writes the state (ledger-spec.md 15.1: a locked temporary renamed over the file; best effort, like every
    /// file of `index/`).
    @discardableResult
    public func write(_ directory: LedgerDirectory) -> Bool {
        IndexTemporary.writeWhole(encoded(), to: Self.path(directory), in: directory)
    }

    /// The stored state after checks 1–3 of section 15.1 and its body's layout, with the point to resume reading
    /// the log after; nil when there is no file.
    public static func stored(_ directory: LedgerDirectory) throws(ChainError) -> (state: CityListState, resume: ResumePoint)? {
        guard let (file, resume) = try DerivedStateFile.load(path(directory), kind: kind, version: version, directory: directory) else {
            return nil
        }
        return (try decode(file), resume)
    }

    // MARK: answering

    /// What `answer` gives: the lines and the warnings' records, and how they were found.
    public struct Answer {
        public enum Source: Equatable, Sendable {
            /// The stored file, stamped at the head.
            case stored
            /// The stored file, with the groups the records after its stamp join refolded.
            case refolded
            /// The whole log folded.
            case folded
        }
        public let lines: [Line]
        public let anomalies: [Anomaly]
        /// With `Line.showsPersons`: the commitments the log erases, and those the facts in effect name.
        public let erased: Set<PersonalCommitment>
        public let shown: Set<PersonalCommitment>
        /// Records in the committed log (the report's "records 1–N").
        public let recordCount: Int64
        public let source: Source
        /// The notice of section 15.1 when the stored file could not be used.
        public let notice: String?
        /// The whole log's fold, when it was made (the caller keeps it alive to exit: freeing it is pure cost).
        public let fold: (effective: EffectiveLog, projection: Projection)?

        init(lines: [Line], anomalies: [Anomaly], erased: [PersonalCommitment], persons: [Person], recordCount: Int64,
             source: Source, notice: String? = nil, fold: (effective: EffectiveLog, projection: Projection)? = nil) {
            self.lines = lines; self.anomalies = anomalies
            self.erased = Set(erased); shown = Set(persons.map(\.commitment))
            self.recordCount = recordCount; self.source = source; self.notice = notice; self.fold = fold
        }

        init(_ state: CityListState, recordCount: Int64, source: Source) {
            self.init(lines: state.lines, anomalies: state.anomalies, erased: state.erased, persons: state.persons,
                      recordCount: recordCount, source: source)
        }
    }

    /// The whole city's lines as of `asOf`, at the head of the log: from the stored file when it was made for
    /// `asOf` (checks 1–5 of 15.1), with the groups the records after its stamp join refolded when there are some
    /// (`refold`: false never refolds, for tests); else from a fold of the whole log, which writes the file at the
    /// head — unless a usable file was made for a later date (a look back leaves it for today's lists). A fold also
    /// builds `index/scopes`, which the next refold reads, when there is none (`scopes`: false leaves it alone).
    /// - Throws: the log's damage, as every reader reports it.
    /// - Parameter today: a file made for a later date is kept only when that date is not after today: a look
    ///   ahead (`--as-of` next year-end) must not leave every list of today folding the whole log.
    public static func answer(_ directory: LedgerDirectory, asOf: CalendarDate, today: CalendarDate? = nil,
                              refold: Bool = true, scopes: Bool = true) throws(ChainError) -> Answer {
        var notice: String? = nil
        var keep = false
        // `index/scopes` found unusable by the refold: rebuilt by the fold below, and said (review 47e #1).
        var scopesDamaged: ScopeIndex.Problem? = nil
        let stored: (state: CityListState, resume: ResumePoint)?
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
                    return Answer(state, recordCount: count, source: .stored)
                }
                if count != nil, refold, let made = try state.refolded(directory, resume: resume, scopesDamaged: &scopesDamaged) {
                    made.write(directory)
                    return Answer(made, recordCount: made.stamp.seq, source: .refolded)
                }
            } else if asOf < state.asOf, state.asOf <= (today ?? state.asOf) {
                keep = true
            }
        }
        if let problem = scopesDamaged, scopes { notice = SystemWords.rebuilt(ScopeIndex.fileName, in: directory, problem) }
        let folded = try fold(directory, asOf: asOf, scopes: scopes, rebuildScopes: scopesDamaged != nil)
        // The lines are made once (every entity of the city is viewed for them), for the file and for the answer.
        let lines = Line.lines(of: folded.projection), anomalies = anomalies(folded.projection)
        let erased = Line.showsPersons ? folded.erased.sorted() : [], persons = persons(folded.projection.facts)
        if !keep, let genesis = folded.genesis, let head = folded.head, head.seq == folded.recordCount {
            CityListState(ledgerName: directory.name, genesis: genesis, stamp: head, asOf: asOf, lines: lines, anomalies: anomalies,
                          erased: erased, persons: persons).write(directory)
        }
        return Answer(lines: lines, anomalies: anomalies, erased: erased, persons: persons, recordCount: folded.recordCount,
                      source: .folded, notice: notice, fold: (folded.effective, folded.projection))
    }

    /// The whole log read and verified (section 6), folded as of `asOf` as the list's command folds it, with the
    /// commitments its erasures name and the stamps of record 1 and of the head. With `scopes`, when `index/scopes`
    /// is missing (not when it is unusable: its reader notices that), it is built from the same read and written
    /// at the head (ledger-spec.md 15.5), so that the next list after an append can refold; with `rebuildScopes`
    /// too when it is there but the refold found it unusable (the caller gives the notice).
    static func fold(_ directory: LedgerDirectory, asOf: CalendarDate, scopes: Bool, rebuildScopes: Bool = false) throws(ChainError)
        -> (effective: EffectiveLog, projection: Projection, erased: Set<PersonalCommitment>, recordCount: Int64,
            genesis: StateStamp?, head: StateStamp?) {
        var effective = EffectiveLog()
        var erased = Set<PersonalCommitment>()
        var genesis: StateStamp? = nil
        var head: StateStamp? = nil
        let building = scopes && (rebuildScopes || !PosixFile.exists(ScopeIndex.path(directory)))
        var builder = ScopeIndex.Builder()
        var links = ScopeIndex.Links()
        let summary = try LogScanner.committedBatches(directory, prepare: { line -> (Record, StateStamp?, ScopeIndex.Entry?)? in
            let stamp = line.location.seq == 1 || line.location.seq == line.batchLast ? StateStamp(line) : nil
            let entry = building ? ScopeIndex.Entry(seq: line.location.seq, offset: line.location.byteOffset,
                                                    count: UInt32(line.location.byteCount), code: 0, hash: line.hash) : nil
            return (try line.record(), stamp, entry)
        }, batch: { batch in
            for (record, stamp, entry) in batch {
                effective.apply(record)
                if case .personalDataErased(let e)? = record.payload.domain { erased.formUnion(e.commitments) }
                if let stamp {
                    if stamp.seq == 1 { genesis = stamp }
                    head = stamp
                }
                if var entry {
                    // As `ScopeIndex.build` adds each record.
                    ScopeIndex.links(id: record.id, payload: record.payload, into: &links)
                    entry.code = ScopeIndex.typeCode(record.type)
                    builder.add(entry, links)
                }
            }
        })
        // `head` is the last stamp seen: the head's when record 1 is not also its batch's last (then it is the same).
        if building, summary.recordCount > 0, let genesis, let head, head.seq == summary.recordCount {
            builder.genesis = genesis
            builder.head = head
            _ = builder.write(ledgerName: directory.name, to: ScopeIndex.path(directory))
        }
        builder = ScopeIndex.Builder()
        let projection = Projection(log: effective, asOf: asOf)
        return (effective, projection, erased, summary.recordCount, genesis, head)
    }

    /// The state brought to the head by refolding the community groups the records after its stamp join
    /// (`ScopeIndex.refoldCommunities`): those groups' records and the global block's folded as a sparse log as of
    /// the state's date; every line, anomaly and person of a record of those groups is replaced by the fold's (a
    /// line by its entity's record, `Line.evidence`). Nil when the records cannot be refolded alone; `scopesDamaged`
    /// then says why when it is because `index/scopes` cannot be used (`ScopeIndex.refoldCommunities`).
    func refolded(_ directory: LedgerDirectory, resume: ResumePoint,
                  scopesDamaged: inout ScopeIndex.Problem?) throws(ChainError) -> CityListState? {
        guard let plan = try ScopeIndex.refoldCommunities(directory, after: resume, maxRecords: Self.refoldRecordsMax,
                                                          damaged: &scopesDamaged) else { return nil }
        let projection = Projection(log: EffectiveLog(sparse: plan.records, upTo: plan.totalRecordCount), asOf: asOf)
        let touched = Set(plan.touched)
        var touchedSeqs = Set<Int64>()
        for (seq, block) in plan.blockOfSeq where touched.contains(block) { touchedSeqs.insert(seq) }
        func isTouched(_ seq: Int64) -> Bool { touchedSeqs.contains(seq) }
        // The lines of the touched groups are the fold's; the fold's other lines (entities of the global block,
        // which every refold reads and no record after the stamp joins) must be the stored ones.
        let made = Line.lines(of: projection)
        var lines = self.lines.filter { !isTouched($0.evidence.seq) }
        var keptBySeq: [Int64: [Line]] = [:]
        for line in made where !isTouched(line.evidence.seq) { keptBySeq[line.evidence.seq, default: []].append(line) }
        if !keptBySeq.isEmpty {
            for line in lines where keptBySeq[line.evidence.seq] != nil { keptBySeq[line.evidence.seq]!.removeAll { $0 == line } }
            guard keptBySeq.values.allSatisfy(\.isEmpty) else { return nil }
        }
        lines += made.filter { isTouched($0.evidence.seq) }
        lines.sort { $0.precedes($1) }
        for i in lines.indices.dropFirst() where !lines[i - 1].precedes(lines[i]) { return nil }
        var anomalies = self.anomalies.filter { !isTouched($0.seq) }
        for a in projection.anomalies where isTouched(a.evidence.seq) {
            anomalies.append(Anomaly(seq: a.evidence.seq, eventID: a.evidence.eventID, reason: a.reason))
        }
        anomalies = Self.bySeq(anomalies)
        var persons = self.persons.filter { !isTouched($0.seq) } + Self.persons(projection.facts, where: isTouched)
        persons.sort { $0.precedes($1) }
        return CityListState(ledgerName: ledgerName, genesis: genesis, stamp: plan.head, asOf: asOf, lines: lines,
                             anomalies: anomalies, erased: erased, persons: persons)
    }
}

/// The lists kept so (ledger-spec.md 15.11, 15.12).
public typealias CommunitiesState = CityListState<CommunitySummary>
public typealias AssetsState = CityListState<AssetLine>
public typealias ContractsState = CityListState<ContractLine>
public typealias DecisionsState = CityListState<DecisionLine>
