import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `index/fund-totals` (ledger-spec.md section 15.7): every fund's totals folded at the stamped record, so that
/// `ledger balances` of the whole city costs the number of funds, not the number of fund facts. Derived and
/// optional, like every file of `index/`: used only after the checks of section 15.1, and only for the questions
/// it answers exactly (the whole city, `--by fund` or `category`, no `--at-seq`, an as-of date on or after the
/// latest business date of any fund fact in effect). Fund records after its stamp are folded into it (`load`), so
/// that an append never makes the next whole-city `balances` fold the city again; the few it cannot take in exactly
/// (a correction, a fund fact dated before what it depends on) make the question go to `funds.state` and the log
/// as before, which writes the totals anew.
public struct FundTotals: Equatable, Sendable {
    public static let fileName = "fund-totals"
    public static let kind = "LEDGER-FUND-TOTALS"
    /// Version 2 added what an update needs (communities, each fund's last movement day, the rejected facts' days
    /// and funds); version 1 files are rebuilt.
    public static let version: UInt32 = 2

    /// A fund fact the fold rejected (an anomaly), as an update needs it: where a new one goes (the fold orders
    /// them by business date, then seq) and which funds it named (opening one of them would change it).
    public struct Rejection: Equatable, Sendable {
        public let day: CalendarDate
        /// The community (a duplicate community), fund (a duplicate fund, a movement, a statement) or source fund.
        public let subject: String
        /// The receiving fund of a transfer, a fund's community, else empty.
        public let other: String
    }

    public let ledgerName: String
    public let genesis: StateStamp
    public private(set) var stamp: StateStamp
    /// The latest business date of any fund fact in effect (nil: none): an as-of date on or after it sees them all.
    public private(set) var lastDay: CalendarDate?
    /// Every fund as `Projection.fundViews()` gives it as of `lastDay` (sorted by community, then fund).
    public private(set) var views: [FundView]
    /// The business date of each fund's latest movement in effect (parallel to `views`; nil: none).
    public private(set) var lastMovementDays: [CalendarDate?]
    /// Every community in effect and the day it was registered.
    public private(set) var communities: [String: CalendarDate]
    /// The fund fold's anomalies as of `lastDay` (the same at every later date): first those of the records
    /// themselves (`logAnomalyCount`, in seq order), then the rejected facts in fold order (`rejections`).
    public private(set) var anomalies: [Anomaly]
    public private(set) var logAnomalyCount: Int
    /// The rejected facts, parallel to `anomalies[logAnomalyCount...]`.
    public private(set) var rejections: [Rejection]

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// The totals of `fold` (folded from record 1 to `stamp`, the head), summed from its rows in one pass in fold
    /// order: no projection is made (its movements, a copy of every fund fact's strings, were a sixth of a whole-city
    /// rebuild). The same totals as those of the fold's projection as of the last day (`init(projectionOf:…)`, which
    /// the tests compare): the same facts take effect or are rejected (`FundFold.fold`), the same sums in the same
    /// order, categories and funds sorted as the projection's views sort them.
    public init(fold: FundFold, ledgerName: String, genesis: StateStamp, stamp: StateStamp) {
        let fold = fold.settled
        guard !fold.categoryFormsVary else {
            self.init(projectionOf: fold, ledgerName: ledgerName, genesis: genesis, stamp: stamp)
            return
        }
        let lastDay = fold.lastRowDay
        let ordered = lastDay.map { fold.orderedRows(asOf: $0) } ?? []
        let verdicts = fold.fold(ordered)
        let idCount = fold.ids.count
        // Per opened fund (its index in `opened`): its totals and running balance, plain integers in one array, so
        // that a row's update touches one small element and no reference (with a dictionary and arrays per fund,
        // each row checked the uniqueness of another fund's buffers: a cache miss a row, most of this at 10 million
        // records); its categories' totals (`CategorySums`); its statements, touched only by statement rows.
        struct Sums {
            var income = Amount.zero, spending = Amount.zero, transfersIn = Amount.zero, transfersOut = Amount.zero
            /// Running balance (the movements so far in fold order), as the projection's reconciliation sums them.
            var balance = Amount.zero
            var lastMovement: Int32? = nil
        }
        var fundOf = [Int32](repeating: -1, count: idCount)
        var opened: [(fund: Fund, number: Int32)] = []
        var sums: [Sums] = []
        var incomeBy = CategorySums(categories: fold.categories.count)
        var spendingBy = CategorySums(categories: fold.categories.count)
        var assertions: [[BalanceAssertion]] = []
        var computed: [[Amount]] = []
        var communities: [String: CalendarDate] = [:]
        var anomalies = fold.logAnomalies
        var rejections: [Rejection] = []
        // Statements of the day being summed, whose computed balance is the fund's at the day's end.
        var open: [(fund: Int, index: Int)] = []
        var openDay = Int32.min
        func closeDay() {
            for (fund, index) in open { computed[fund][index] = sums[fund].balance }
            open.removeAll(keepingCapacity: true)
        }
        for (row, rejection) in zip(ordered, verdicts) {
            if row.day != openDay { closeDay(); openDay = row.day }
            // The payload is read only for the few rows that need more than integers (no copy of a movement's).
            var detail: FundFold.Detail { fold.detail(row.detail) }
            if let rejection {
                anomalies.append(Anomaly(evidence: detail.evidence, kind: FundFold.reason(rejection, detail.payload)))
                let named = FundFold.rejectedIDs(detail.payload)
                rejections.append(Rejection(day: CalendarDate(dayNumber: Int(row.day)), subject: named.subject, other: named.other))
                continue
            }
            let s = Int(row.subject)
            let amount = Amount(fen: row.amountFen)
            switch row.kind {
            case .community:
                // The id as this record has it (the interned form may be another, canonically equivalent one).
                guard case .communityRegistered(let p) = detail.payload else { preconditionFailure("a community's row is its registration") }
                communities[p.communityID] = CalendarDate(dayNumber: Int(row.day))
            case .fundOpened:
                guard case .fundOpened(let p) = detail.payload else { preconditionFailure("a fund's row is its opening") }
                fundOf[s] = Int32(opened.count)
                opened.append((Fund(id: p.fundID, communityID: p.communityID, kind: p.kind, account: p.account,
                                    openedOn: CalendarDate(dayNumber: Int(row.day)), evidence: detail.evidence), row.subject))
                sums.append(Sums())
                incomeBy.addFund()
                spendingBy.addFund()
                assertions.append([])
                computed.append([])
            case .income:
                let f = Int(fundOf[s])
                sums[f].income += amount
                incomeBy.add(amount, fund: f, category: row.category)
                sums[f].balance += amount
                sums[f].lastMovement = row.day
            case .spending:
                let f = Int(fundOf[s])
                sums[f].spending += amount
                spendingBy.add(amount, fund: f, category: row.category)
                sums[f].balance += -amount
                sums[f].lastMovement = row.day
            case .transfer:
                let from = Int(fundOf[s]), to = Int(fundOf[Int(row.other)])
                sums[from].transfersOut += amount
                sums[from].balance += -amount
                sums[from].lastMovement = row.day
                sums[to].transfersIn += amount
                sums[to].balance += amount
                sums[to].lastMovement = row.day
            case .balanceAsserted:
                guard case .fundBalanceAsserted(let p) = detail.payload else { preconditionFailure("a statement's row is its assertion") }
                let f = Int(fundOf[s])
                assertions[f].append(BalanceAssertion(fundID: p.fundID, date: CalendarDate(dayNumber: Int(row.day)), balance: p.balance,
                                                      statementRef: p.statementRef, evidence: detail.evidence))
                computed[f].append(.zero)
                open.append((f, assertions[f].count - 1))
            }
        }
        closeDay()
        // The categories in the order of their names (distinct numbers are distinct strings: `categoryFormsVary`
        // is false here), so that each fund's list comes out sorted by name, as the projection sorts it.
        let byName = (0..<Int32(fold.categories.count)).sorted { fold.categories[$0] < fold.categories[$1] }
        var rank = [Int](repeating: 0, count: byName.count)
        for (position, category) in byName.enumerated() { rank[Int(category)] = position }
        func sorted(_ sums: CategorySums, _ f: Int) -> [CategoryTotal] {
            sums.totals(fund: f, byName: byName, rank: rank).map { CategoryTotal(category: fold.categories[$0.category], amount: $0.amount) }
        }
        let order = opened.indices.sorted { (opened[$0].fund.communityID, opened[$0].fund.id) < (opened[$1].fund.communityID, opened[$1].fund.id) }
        var views: [FundView] = []
        views.reserveCapacity(order.count)
        for f in order {
            var fund = opened[f].fund
            let sum = sums[f]
            fund.assertions = assertions[f]
            let summary = FundSummary(fundID: fund.id, period: nil, opening: .zero, income: sum.income, spending: sum.spending,
                                      transfersIn: sum.transfersIn, transfersOut: sum.transfersOut,
                                      incomeByCategory: sorted(incomeBy, f), spendingByCategory: sorted(spendingBy, f))
            views.append(FundView(fund: fund, summary: summary,
                                  checks: zip(assertions[f], computed[f]).map { BalanceCheck(assertion: $0, computed: $1) }))
        }
        self.init(ledgerName: ledgerName, genesis: genesis, stamp: stamp, lastDay: lastDay, views: views,
                  lastMovementDays: order.map { f in sums[f].lastMovement.map { CalendarDate(dayNumber: Int($0)) } },
                  communities: communities, anomalies: anomalies, logAnomalyCount: anomalies.count - rejections.count,
                  rejections: rejections)
    }

    /// The totals of `fold` made from its full projection, as they were before `init(fold:…)` summed the rows: the
    /// reference its tests hold it to.
    init(projectionOf fold: FundFold, ledgerName: String, genesis: StateStamp, stamp: StateStamp) {
        let lastDay = fold.lastRowDay
        // Any date serves when there is no fund fact: nothing depends on it then.
        let asOf = lastDay ?? CalendarDate(dayNumber: 0)
        let projection = fold.projection(asOf: asOf)
        // The file keeps no movements: a fund's indexes into them are left out, as when it is read back.
        let views = projection.fundViews().map { view in
            var fund = view.fund
            fund.movementIndexes = []
            return FundView(fund: fund, summary: view.summary, checks: view.checks)
        }
        let ordered = fold.orderedRows(asOf: asOf)
        var rejections: [Rejection] = []
        for (row, rejection) in zip(ordered, fold.fold(ordered)) where rejection != nil {
            let named = FundFold.rejectedIDs(fold.detail(row.detail).payload)
            rejections.append(Rejection(day: CalendarDate(dayNumber: Int(row.day)), subject: named.subject, other: named.other))
        }
        self.init(ledgerName: ledgerName, genesis: genesis, stamp: stamp, lastDay: lastDay, views: views,
                  lastMovementDays: views.map { view in
                      // Movements are in fold order: a fund's last is its latest.
                      projection.funds[view.fund.id]?.movementIndexes.last.map { projection.movements[$0].date }
                  },
                  communities: projection.communities.mapValues(\.registeredOn), anomalies: projection.anomalies,
                  logAnomalyCount: projection.anomalies.count - rejections.count, rejections: rejections)
    }

    init(ledgerName: String, genesis: StateStamp, stamp: StateStamp, lastDay: CalendarDate?, views: [FundView],
         lastMovementDays: [CalendarDate?], communities: [String: CalendarDate], anomalies: [Anomaly], logAnomalyCount: Int,
         rejections: [Rejection]) {
        precondition(lastMovementDays.count == views.count && logAnomalyCount + rejections.count == anomalies.count,
                     "one last movement day per fund, one rejection per anomaly after the log's")
        self.ledgerName = ledgerName; self.genesis = genesis; self.stamp = stamp
        self.lastDay = lastDay; self.views = views; self.lastMovementDays = lastMovementDays; self.communities = communities
        self.anomalies = anomalies; self.logAnomalyCount = logAnomalyCount; self.rejections = rejections
    }

    /// Whether the totals answer as of `asOf` exactly.
    public func answers(asOf: CalendarDate) -> Bool { lastDay.map { asOf >= $0 } ?? true }

    /// The projection `ledger balances` reports from as of `asOf` (with `answers(asOf:)`), records 1…`atSeq`: its
    /// heading and anomalies (the funds are in `views`, which the report takes as they are).
    public func projection(asOf: CalendarDate, atSeq: Int64) -> Projection {
        var projection = Projection(asOf: asOf, atSeq: atSeq)
        projection.anomalies = anomalies
        return projection
    }

    // MARK: encoding

    public func encoded() -> [UInt8] {
        var body = ByteWriter(capacity: views.count * 256)
        func text(_ s: String) { body.counted(s.utf8) }
        func day(_ d: CalendarDate?) { if let d { body.u64(1); body.i64(Int64(d.dayNumber)) } else { body.u64(0) } }
        func evidence(_ e: Evidence) { body.i64(e.seq); text(e.eventID) }
        day(lastDay)
        body.u64(UInt64(communities.count))
        for (id, registered) in communities.sorted(by: { $0.key < $1.key }) { text(id); body.i64(Int64(registered.dayNumber)) }
        body.u64(UInt64(views.count))
        for (v, lastMovement) in zip(views, lastMovementDays) {
            text(v.fund.id); text(v.fund.communityID); text(v.fund.kind.rawValue); text(v.fund.account)
            body.i64(Int64(v.fund.openedOn.dayNumber)); evidence(v.fund.evidence); day(lastMovement)
            for a in [v.summary.income, v.summary.spending, v.summary.transfersIn, v.summary.transfersOut] { body.i64(a.fen) }
            for list in [v.summary.incomeByCategory, v.summary.spendingByCategory] {
                body.u64(UInt64(list.count))
                for c in list { text(c.category); body.i64(c.amount.fen) }
            }
            body.u64(UInt64(v.checks.count))
            for c in v.checks {
                body.i64(Int64(c.assertion.date.dayNumber)); body.i64(c.assertion.balance.fen); text(c.assertion.statementRef)
                evidence(c.assertion.evidence); body.i64(c.computed.fen)
            }
        }
        body.u64(UInt64(logAnomalyCount))
        for a in anomalies[..<logAnomalyCount] { evidence(a.evidence); text(a.reason) }
        body.u64(UInt64(rejections.count))
        for (a, r) in zip(anomalies[logAnomalyCount...], rejections) {
            evidence(a.evidence); text(a.reason); body.i64(Int64(r.day.dayNumber)); text(r.subject); text(r.other)
        }
        return DerivedStateFile(kind: Self.kind, version: Self.version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                body: body.bytes).encoded()
    }

    static func decode(_ file: DerivedStateFile) throws(ChainError) -> FundTotals {
        try decode(file.body[...], header: file.header)
    }

    /// Reads the body where it lies (a slice of the file's bytes): 30,000 funds make hundreds of thousands of fields,
    /// so each string is made from the bytes in place (no intermediate array).
    static func decode(_ body: ArraySlice<UInt8>, header: DerivedStateHeader) throws(ChainError) -> FundTotals {
        var offset = body.startIndex
        let end = body.endIndex
        func fail(_ what: ChainError.DerivedStateProblem.Detail.Part) -> ChainError { .damaged(.unreadable(what)) }
        func u64() -> UInt64? {
            guard end - offset >= 8 else { return nil }
            let value = Bytes.u64(body, at: offset)
            offset += 8
            return value
        }
        func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }
        func text() -> String? {
            guard let count = u64(), count <= UInt64(min(end - offset, 1 << 20)) else { return nil }
            let bytes = body[offset..<(offset + Int(count))]
            offset += Int(count)
            // Ids, kinds and amounts' categories are mostly ASCII, which needs no further validation.
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        }
        func day() -> CalendarDate? { i64().flatMap { (-10_000_000...10_000_000).contains($0) ? CalendarDate(dayNumber: Int($0)) : nil } }
        func optionalDay() -> CalendarDate?? {
            switch u64() {
            case 0?: return .some(nil)
            case 1?: return day().map { .some($0) }
            default: return nil
            }
        }
        func count() -> Int? { u64().flatMap { $0 <= UInt64(body.count) ? Int($0) : nil } }
        func evidence() -> Evidence? {
            guard let seq = i64(), seq >= 1, seq <= header.stamp.seq, let id = text() else { return nil }
            return Evidence(seq: seq, eventID: id)
        }
        func categories() -> [CategoryTotal]? {
            guard let n = count() else { return nil }
            var out: [CategoryTotal] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let c = text(), let fen = i64() else { return nil }
                out.append(CategoryTotal(category: c, amount: Amount(fen: fen)))
            }
            return out
        }
        guard let lastDay = optionalDay() else { throw fail(.lastDay) }
        guard let communityCount = count() else { throw fail(.count(.community)) }
        var communities: [String: CalendarDate] = [:]
        communities.reserveCapacity(communityCount)
        for i in 0..<communityCount {
            guard let id = text(), let registered = day() else { throw fail(.nth(.community, i + 1)) }
            communities[id] = registered
        }
        guard let fundCount = count() else { throw fail(.count(.fund)) }
        var views: [FundView] = []
        var lastMovementDays: [CalendarDate?] = []
        views.reserveCapacity(fundCount)
        lastMovementDays.reserveCapacity(fundCount)
        // Kinds are few: one string compare per fund, not a hash.
        var kinds: [(text: String, kind: FundKind)] = []
        func kind(_ text: String) -> FundKind? {
            if let known = kinds.first(where: { $0.text == text }) { return known.kind }
            guard let kind = FundKind(rawValue: text) else { return nil }
            kinds.append((text, kind))
            return kind
        }
        for i in 0..<fundCount {
            guard let id = text(), let community = text(), let kindText = text(), let kind = kind(kindText),
                  let account = text(), let opened = day(), let openedBy = evidence(), let lastMovement = optionalDay(),
                  let income = i64(), let spending = i64(), let tin = i64(), let tout = i64(),
                  let incomeBy = categories(), let spendingBy = categories(), let checkCount = count() else { throw fail(.nth(.fund, i + 1)) }
            var checks: [BalanceCheck] = []
            var assertions: [BalanceAssertion] = []
            checks.reserveCapacity(checkCount)
            assertions.reserveCapacity(checkCount)
            for _ in 0..<checkCount {
                guard let date = day(), let balance = i64(), let ref = text(), let by = evidence(), let computed = i64() else {
                    throw fail(.fundChecks(i + 1))
                }
                let assertion = BalanceAssertion(fundID: id, date: date, balance: Amount(fen: balance), statementRef: ref, evidence: by)
                assertions.append(assertion)
                checks.append(BalanceCheck(assertion: assertion, computed: Amount(fen: computed)))
            }
            var fund = Fund(id: id, communityID: community, kind: kind, account: account, openedOn: opened, evidence: openedBy)
            fund.assertions = assertions
            let summary = FundSummary(fundID: id, period: nil, opening: .zero, income: Amount(fen: income), spending: Amount(fen: spending),
                                      transfersIn: Amount(fen: tin), transfersOut: Amount(fen: tout), incomeByCategory: incomeBy,
                                      spendingByCategory: spendingBy)
            views.append(FundView(fund: fund, summary: summary, checks: checks))
            lastMovementDays.append(lastMovement)
        }
        var anomalies: [Anomaly] = []
        guard let logCount = count() else { throw fail(.count(.anomaly)) }
        for i in 0..<logCount {
            guard let e = evidence(), let reason = text() else { throw fail(.nth(.anomaly, i + 1)) }
            anomalies.append(Anomaly(evidence: e, reason: reason))
        }
        guard let rejectionCount = count() else { throw fail(.count(.rejectedFact)) }
        var rejections: [Rejection] = []
        for i in 0..<rejectionCount {
            guard let e = evidence(), let reason = text(), let day = day(), let subject = text(), let other = text() else {
                throw fail(.nth(.rejectedFact, i + 1))
            }
            anomalies.append(Anomaly(evidence: e, reason: reason))
            rejections.append(Rejection(day: day, subject: subject, other: other))
        }
        guard offset == end else { throw fail(.end) }
        return FundTotals(ledgerName: header.ledgerName, genesis: header.genesis, stamp: header.stamp, lastDay: lastDay,
                          views: views, lastMovementDays: lastMovementDays, communities: communities, anomalies: anomalies,
                          logAnomalyCount: logCount, rejections: rejections)
    }

    // MARK: the file

    /// The stored totals after checks 1–3 of section 15.1 (the file, its ledger, its stamp still in the log) and
    /// their body's layout; nil when there is no file. Nothing after the stamp is read.
    /// - Throws: why the stored totals cannot be used.
    public static func stored(_ directory: LedgerDirectory) throws(ChainError) -> (totals: FundTotals, point: ResumePoint)? {
        // The body parsed where it lies in the bytes read (tens of MB at 10 million records: no copy of it).
        guard let (file, point) = try DerivedStateFile.loadInPlace(path(directory), kind: kind, version: version, directory: directory) else {
            return nil
        }
        return (try decode(file.bodyBytes, header: file.header), point)
    }

    /// What `load` found.
    public struct Loaded: Sendable {
        /// The totals at the head of the log.
        public let totals: FundTotals
        /// Records in the committed log.
        public let recordCount: Int64
        /// Whether fund records after the stored stamp were folded in (the caller writes the totals then).
        public let updated: Bool
        /// Records read after the stored stamp.
        public let recordsRead: Int64
    }

    /// Why `load` gave no totals.
    public enum LoadProblem: Error, Sendable {
        /// The log's damage, as every reader reports it.
        case chain(ChainError)
        /// The stored totals cannot be used (a notice, then the fold answers; `.mismatch`: no notice).
        case unusable(ChainError.DerivedStateProblem)
    }

    /// The stored totals brought to the head of the log: checks 1–4 of section 15.1, then the records after the
    /// stamp read and verified (check 5), and those the fund fold reads (or of a type this version does not know)
    /// folded into the totals (`Update`).
    /// - Returns: nil when there is no file or the acknowledged head lies inside it (the caller folds as before);
    ///   else the totals at the head.
    /// - Throws: the log's damage (`.chain`), or why the totals cannot be used (`.unusable`; `.mismatch` for a
    ///   record after the stamp the totals cannot take in exactly: not damage, only a question for the fold).
    public static func load(_ directory: LedgerDirectory) throws(LoadProblem) -> Loaded? {
        let stored: (totals: FundTotals, point: ResumePoint)?
        do { stored = try Self.stored(directory) } catch { throw .unusable(error.derivedStateProblem) }
        guard let (totals, point) = stored else { return nil }
        var update = Update(totals)
        let summary: ScanSummary
        do {
            summary = try update.read(directory, from: point)
        } catch .resumeBeforeAcknowledged {
            return nil
        } catch {
            throw .chain(error)
        }
        if let why = update.unsupported { throw .unusable(.mismatch(why)) }
        return Loaded(totals: update.finish(), recordCount: summary.recordCount, updated: update.changed,
                      recordsRead: summary.recordCount - point.seq)
    }

    /// `ledger verify --index` for the totals (ledger-spec.md 15.7): `stored` — what `stored(_:)` gave before the
    /// shared pass (`StoredRead`: the totals, no file, or its problem), nothing of it trusted — compared with the totals a fold of the log gives at its stamp, then the totals written at the
    /// head. The fold replays `funds.state`, which the pass has just rebuilt from the verified log at the head
    /// (`fundsAt`, its record; nil when it could not be written: then the log itself is read and folded, twice).
    /// - Returns: the check (`DerivedStateCheck`, as for the other whole files) and the record the totals were
    ///   written at (nil: not written).
    public static func checkAndRebuild(_ directory: LedgerDirectory, stored: StoredRead<(totals: FundTotals, point: ResumePoint)>,
                                       fundsAt: Int64?) throws(ChainError) -> (check: DerivedStateCheck, rebuiltAt: Int64?) {
        let storedSeq = stored.value?.totals.stamp.seq
        var atStamp: FundFold? = nil
        let fresh: FundTotals?
        // (Totals stamped after it, written by a query while the log moved on, are compared by reading the log.)
        // The stored funds.state streamed (never held whole: 0.75 GB at 10 million records), the fold at the totals'
        // stamp kept on the way; a body that turns out damaged is dropped and the log read instead.
        var replayed: (fold: FundFold, atStamp: FundFold?, stamp: StateStamp, genesis: StateStamp)? = nil
        if let fundsAt, (storedSeq ?? 0) <= fundsAt, let state = try? FundState.Stored.open(directory),
           state.header.stamp.seq == fundsAt {
            var fold = FundFold()
            var kept: FundFold? = nil
            do throws(ChainError) {
                try state.forEachInput { seq, day, id, typeName, data in
                    if let data {
                        fold.apply(seq: seq, id: id, occurredOn: CalendarDate(dayNumber: day), typeName: typeName, data: data)
                    } else {
                        fold.skip(seq: seq, id: id)
                    }
                    if seq == storedSeq { kept = fold }
                }
                replayed = (fold, kept, state.header.stamp, state.header.genesis)
            } catch {}
        }
        if let replayed {
            atStamp = replayed.atStamp
            fresh = FundTotals(fold: replayed.fold, ledgerName: directory.name, genesis: replayed.genesis, stamp: replayed.stamp)
        } else {
            let read = try FundFold.read(directory, upToSeq: nil, state: false)
            if let storedSeq, storedSeq <= read.totalRecordCount { atStamp = try FundFold.read(directory, upToSeq: storedSeq, state: false).fold }
            fresh = read.genesis.flatMap { genesis in read.head.map { FundTotals(fold: read.fold, ledgerName: directory.name, genesis: genesis, stamp: $0) } }
        }
        let check = stored.check { found in
            let totals = found.totals
            if let atStamp, FundTotals(fold: atStamp, ledgerName: directory.name, genesis: totals.genesis, stamp: totals.stamp) == totals {
                return .intact(seq: totals.stamp.seq)
            }
            return .damaged(.mismatch(.differsFromLog(.total)))
        }
        guard let fresh else {
            // An empty log: nothing to stand for.
            try? PosixFile.remove(path(directory))
            return (check, nil)
        }
        return (check, fresh.write(directory) ? fresh.stamp.seq : nil)
    }

    /// Writes the totals atomically (best effort, like every file of `index/`).
    @discardableResult
    public func write(_ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(encoded(), to: Self.path(directory), existing: .replaceEntry) } catch { return false }
        return true
    }
}

extension FundTotals {
    /// Stored totals brought forward record by record (ledger-spec.md 15.7, "Update"): each fund record after the
    /// stamp changes them exactly as folding the whole log again would — the same figures, statement checks,
    /// anomalies in the same order, the same file. What it cannot do exactly from the totals alone sets
    /// `unsupported` (the caller asks the fold): a correction (it may void any earlier fact), a community or fund
    /// registered again dated before the one in effect, a fund opened that a rejected fact named, a statement
    /// dated before the fund's latest movement (its computed balance needs the movements).
    struct Update {
        private(set) var totals: FundTotals
        /// Why the totals cannot take a record in; nil while they can.
        private(set) var unsupported: ChainError.DerivedStateProblem.Detail? = nil
        /// Whether any record changed them.
        private(set) var changed = false
        /// Fund id → index in `views`, made at the first fund fact.
        private var index: [String: Int]? = nil
        private var addedFunds = false

        init(_ totals: FundTotals) { self.totals = totals }

        /// One record the fund fold reads, or of a type this version does not know (a `.raw` payload), as
        /// `FundFold.apply` takes it.
        mutating func apply(seq: Int64, id: String, occurredOn: CalendarDate, payload: EventPayload) {
            guard unsupported == nil else { return }
            changed = true
            let evidence = Evidence(seq: seq, eventID: id)
            let event: DomainEvent
            switch payload {
            case .raw(let raw):
                totals.anomalies.insert(Anomaly(evidence: evidence, kind: FundFold.rawReason(type: raw.type, occurredOn: occurredOn, data: raw.data)),
                                        at: totals.logAnomalyCount)
                totals.logAnomalyCount += 1
                return
            case .domain(let domain): event = domain
            }
            let day = occurredOn
            func known(_ fund: String) -> Int? {
                guard let i = fundIndex(fund), totals.views[i].fund.openedOn <= day else { return nil }
                return i
            }
            switch event {
            case .correction:
                unsupported = .cannotCatchUp(.correction)
                return
            case .communityRegistered(let p):
                extendLastDay(day)
                if let registered = totals.communities[p.communityID] {
                    guard registered <= day else { unsupported = .cannotCatchUp(.communityRegisteredAgainEarlier); return }
                    reject(.duplicateCommunity, event, evidence, day: day, subject: p.communityID, other: "")
                } else {
                    totals.communities[p.communityID] = day
                }
            case .fundOpened(let p):
                extendLastDay(day)
                if let i = fundIndex(p.fundID) {
                    guard totals.views[i].fund.openedOn <= day else { unsupported = .cannotCatchUp(.fundOpenedAgainEarlier); return }
                    reject(.duplicateFund, event, evidence, day: day, subject: p.fundID, other: p.communityID)
                } else {
                    guard !totals.rejections.contains(where: { $0.subject == p.fundID || $0.other == p.fundID }) else {
                        unsupported = .cannotCatchUp(.fundNamedByRejectedFact)
                        return
                    }
                    let fund = Fund(id: p.fundID, communityID: p.communityID, kind: p.kind, account: p.account, openedOn: day, evidence: evidence)
                    index![p.fundID] = totals.views.count
                    totals.views.append(FundView(fund: fund, summary: FundSummary(fundID: p.fundID, period: nil, opening: .zero, income: .zero,
                                                                                  spending: .zero, transfersIn: .zero, transfersOut: .zero,
                                                                                  incomeByCategory: [], spendingByCategory: []),
                                                 checks: []))
                    totals.lastMovementDays.append(nil)
                    addedFunds = true
                }
            case .fundIncome(let p):
                extendLastDay(day)
                guard let i = known(p.fundID) else { reject(.unknownFund, event, evidence, day: day, subject: p.fundID, other: ""); return }
                move(i, .income, p.amount, category: p.category, day: day)
            case .fundSpending(let p):
                extendLastDay(day)
                guard let i = known(p.fundID) else { reject(.unknownFund, event, evidence, day: day, subject: p.fundID, other: ""); return }
                move(i, .spending, p.amount, category: p.purposeCategory ?? "other", day: day)
            case .fundTransfer(let p):
                extendLastDay(day)
                guard let from = known(p.fromFundID), let to = known(p.toFundID) else {
                    reject(.unknownFund, event, evidence, day: day, subject: p.fromFundID, other: p.toFundID)
                    return
                }
                move(from, .transferOut, p.amount, category: nil, day: day)
                move(to, .transferIn, p.amount, category: nil, day: day)
            case .fundBalanceAsserted(let p):
                extendLastDay(day)
                guard let i = known(p.fundID) else { reject(.unknownFund, event, evidence, day: day, subject: p.fundID, other: ""); return }
                if let last = totals.lastMovementDays[i], last > day {
                    unsupported = .cannotCatchUp(.statementBeforeLatestMovement)
                    return
                }
                // Every movement of the fund is on or before the statement's date: the computed balance is the balance.
                let view = totals.views[i]
                let assertion = BalanceAssertion(fundID: p.fundID, date: day, balance: p.balance, statementRef: p.statementRef, evidence: evidence)
                // The fold appends statements in its order (date, then seq): after every one dated on or before it.
                let at = view.checks.firstIndex { $0.assertion.date > day } ?? view.checks.count
                var checks = view.checks
                checks.insert(BalanceCheck(assertion: assertion, computed: view.balance), at: at)
                var fund = view.fund
                fund.assertions.insert(assertion, at: at)
                totals.views[i] = FundView(fund: fund, summary: view.summary, checks: checks)
            default:
                // Not a fund fact (the fold makes no row of it).
                break
            }
        }

        private mutating func fundIndex(_ id: String) -> Int? {
            if index == nil {
                var made: [String: Int] = [:]
                made.reserveCapacity(totals.views.count)
                for (i, view) in totals.views.enumerated() { made[view.fund.id] = i }
                index = made
            }
            return index![id]
        }

        private mutating func extendLastDay(_ day: CalendarDate) { totals.lastDay = max(totals.lastDay ?? day, day) }

        /// A rejected fact: its anomaly goes after every rejected fact dated on or before it (it has the highest seq).
        private mutating func reject(_ rejection: FundFold.Rejection, _ event: DomainEvent, _ evidence: Evidence, day: CalendarDate,
                                     subject: String, other: String) {
            let at = totals.rejections.lastIndex { $0.day <= day }.map { $0 + 1 } ?? 0
            totals.rejections.insert(Rejection(day: day, subject: subject, other: other), at: at)
            totals.anomalies.insert(Anomaly(evidence: evidence, kind: FundFold.reason(rejection, event)), at: totals.logAnomalyCount + at)
        }

        /// A movement of fund `i`: its totals, its category's, and every statement dated on or after it.
        private mutating func move(_ i: Int, _ kind: MovementKind, _ amount: Amount, category: String?, day: CalendarDate) {
            let view = totals.views[i]
            let s = view.summary
            var income = s.income, spending = s.spending, transfersIn = s.transfersIn, transfersOut = s.transfersOut
            var incomeBy = s.incomeByCategory, spendingBy = s.spendingByCategory
            func add(_ list: inout [CategoryTotal], _ category: String) {
                if let at = list.firstIndex(where: { $0.category == category }) {
                    list[at] = CategoryTotal(category: category, amount: list[at].amount + amount)
                } else {
                    list.insert(CategoryTotal(category: category, amount: amount), at: list.firstIndex { $0.category > category } ?? list.count)
                }
            }
            let signed: Amount
            switch kind {
            case .income: income += amount; add(&incomeBy, category!); signed = amount
            case .spending: spending += amount; add(&spendingBy, category!); signed = -amount
            case .transferIn: transfersIn += amount; signed = amount
            case .transferOut: transfersOut += amount; signed = -amount
            }
            let checks = view.checks.map { c in
                c.assertion.date >= day ? BalanceCheck(assertion: c.assertion, computed: c.computed + signed) : c
            }
            totals.views[i] = FundView(fund: view.fund,
                                       summary: FundSummary(fundID: s.fundID, period: nil, opening: .zero, income: income, spending: spending,
                                                            transfersIn: transfersIn, transfersOut: transfersOut,
                                                            incomeByCategory: incomeBy, spendingByCategory: spendingBy),
                                       checks: checks)
            totals.lastMovementDays[i] = max(totals.lastMovementDays[i] ?? day, day)
        }

        /// Reads and verifies the log after `point` (check 5 of 15.1) and folds its fund records in; the stamp moves
        /// to the head.
        mutating func read(_ directory: LedgerDirectory, from point: ResumePoint) throws(ChainError) -> ScanSummary {
            struct Item {
                let stamp: StateStamp?
                let seq: Int64
                let id: String
                let occurredOn: CalendarDate
                let payload: EventPayload?
            }
            var head: StateStamp? = nil
            let summary = try LogScanner.committedBatches(directory, from: point, prepare: { line -> Item? in
                let stamp = line.location.seq == line.batchLast ? StateStamp(line) : nil
                var payload: EventPayload? = nil
                if let type = FundFold.knownType(line.typeBytes) {
                    if FundFold.reads(type) {
                        do { payload = .domain(try PayloadCodec.decode(type: type, occurredOn: line.occurredOn, data: line.dataBytes)) } catch {
                            payload = .raw(type: type.rawValue, data: Array(line.dataBytes))
                        }
                    }
                } else {
                    // Unknown to this version: reported (an anomaly), as the fold does.
                    payload = .raw(type: String(decoding: line.typeBytes, as: UTF8.self), data: Array(line.dataBytes))
                }
                guard stamp != nil || payload != nil else { return nil }
                return Item(stamp: stamp, seq: line.location.seq, id: payload == nil ? "" : String(decoding: line.idBytes, as: UTF8.self),
                            occurredOn: line.occurredOn, payload: payload)
            }, batch: { items in
                for item in items {
                    if let payload = item.payload { apply(seq: item.seq, id: item.id, occurredOn: item.occurredOn, payload: payload) }
                    if let stamp = item.stamp { head = stamp }
                }
            })
            if let head, head.seq == summary.recordCount { totals.stamp = head }
            return summary
        }

        /// The totals, funds in the report's order.
        func finish() -> FundTotals {
            guard addedFunds else { return totals }
            var out = totals
            let order = out.views.indices.sorted { (out.views[$0].fund.communityID, out.views[$0].fund.id) < (out.views[$1].fund.communityID, out.views[$1].fund.id) }
            out.views = order.map { totals.views[$0] }
            out.lastMovementDays = order.map { totals.lastMovementDays[$0] }
            return out
        }
    }
}

extension FundTotals {
    /// Each opened fund's totals per category (income or spending), as `init(fold:…)` sums them: with few categories
    /// (as a city has: at most `flatCategoriesMax`), a block of one flat array for each fund that has a movement, with
    /// a flag for each category it has seen (a category summed to zero is still listed, as the projection lists it);
    /// with more categories, or once the blocks would pass `flatEntriesMax` (a log of very many funds: the blocks are
    /// taken at a fund's first movement, so a fund without one costs nothing), a dictionary per fund, as before.
    struct CategorySums {
        static let flatCategoriesMax = 64
        /// The flat blocks' bound in entries (16 Mi: 144 MiB with the flags), so that funds × categories cannot grow
        /// the memory beyond what the movements themselves take.
        static let flatEntriesMax = 1 << 24
        private let width: Int
        private let entriesMax: Int
        private var flat: [Amount] = []
        private var seen: [Bool] = []
        /// Per fund: its block's first entry in `flat`, `-1` before its first movement, `-2` when it sums in
        /// `dictionaries`.
        private var blockOf: [Int] = []
        private var dictionaries: [Int: [Int32: Amount]] = [:]

        init(categories: Int, flatEntriesMax: Int = Self.flatEntriesMax) {
            width = categories <= Self.flatCategoriesMax ? categories : 0
            entriesMax = flatEntriesMax
        }

        mutating func addFund() { blockOf.append(-1) }

        mutating func add(_ amount: Amount, fund: Int, category: Int32) {
            var base = blockOf[fund]
            if base == -1 {
                if width > 0 && flat.count + width <= entriesMax {
                    base = flat.count
                    flat.append(contentsOf: repeatElement(.zero, count: width))
                    seen.append(contentsOf: repeatElement(false, count: width))
                } else {
                    base = -2
                }
                blockOf[fund] = base
            }
            if base >= 0 {
                let i = base + Int(category)
                flat[i] += amount
                seen[i] = true
            } else {
                dictionaries[fund, default: [:]][category, default: .zero] += amount
            }
        }

        /// The fund's categories with their totals, in the order of `byName` (every category number, sorted; `rank`
        /// its inverse: each number's place in it).
        func totals(fund: Int, byName: [Int32], rank: [Int]) -> [(category: Int32, amount: Amount)] {
            let base = blockOf[fund]
            if base == -1 { return [] }
            if base >= 0 {
                return byName.compactMap { seen[base + Int($0)] ? ($0, flat[base + Int($0)]) : nil }
            }
            return (dictionaries[fund] ?? [:]).map { (category: $0.key, amount: $0.value) }.sorted { rank[Int($0.category)] < rank[Int($1.category)] }
        }
    }
}
