import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `index/fund-totals` (ledger-spec.md section 15.7): every fund's totals folded at the stamped record, so that
/// `ledger balances` of the whole city costs the number of funds, not the number of fund facts. Derived and
/// optional, like every file of `index/`: used only after the checks of section 15.1, and only for the questions
/// it answers exactly (the whole city, `--by fund` or `category`, no `--at-seq`, an as-of date on or after the
/// latest business date of any fund fact in effect, and no fund-related record after its stamp); any other question
/// reads `funds.state` and the log as before, and writes the totals anew when it folded the whole city at the head.
public struct FundTotals: Equatable, Sendable {
    public static let fileName = "fund-totals"
    public static let kind = "LEDGER-FUND-TOTALS"
    public static let version: UInt32 = 1

    public let ledgerName: String
    public let genesis: StateStamp
    public let stamp: StateStamp
    /// The latest business date of any fund fact in effect (nil: none): an as-of date on or after it sees them all.
    public let lastDay: CalendarDate?
    /// Every fund as `Projection.fundViews()` gives it as of `lastDay` (sorted by community, then fund).
    public let views: [FundView]
    /// The fund fold's anomalies as of `lastDay` (the same at every later date).
    public let anomalies: [Anomaly]

    public static func path(_ directory: LedgerDirectory) -> String { directory.indexPath + "/" + fileName }

    /// The totals of `fold` (folded from record 1 to `stamp`, the head).
    public init(fold: FundFold, ledgerName: String, genesis: StateStamp, stamp: StateStamp) {
        let lastDay = fold.lastRowDay
        // Any date serves when there is no fund fact: nothing depends on it then.
        let projection = fold.projection(asOf: lastDay ?? CalendarDate(dayNumber: 0))
        self.init(ledgerName: ledgerName, genesis: genesis, stamp: stamp, lastDay: lastDay, views: projection.fundViews(),
                  anomalies: projection.anomalies)
    }

    init(ledgerName: String, genesis: StateStamp, stamp: StateStamp, lastDay: CalendarDate?, views: [FundView], anomalies: [Anomaly]) {
        self.ledgerName = ledgerName; self.genesis = genesis; self.stamp = stamp
        self.lastDay = lastDay; self.views = views; self.anomalies = anomalies
    }

    /// Whether the totals answer as of `asOf` exactly.
    public func answers(asOf: CalendarDate) -> Bool { lastDay.map { asOf >= $0 } ?? true }

    /// The projection `ledger balances` reports from as of `asOf` (with `answers(asOf:)`), records 1…`atSeq`: its
    /// anomalies and funds; the views come from `views`.
    public func projection(asOf: CalendarDate, atSeq: Int64) -> Projection {
        var projection = Projection(asOf: asOf, atSeq: atSeq)
        projection.anomalies = anomalies
        for view in views { projection.funds[view.fund.id] = view.fund }
        return projection
    }

    // MARK: encoding

    public func encoded() -> [UInt8] {
        var body = ByteWriter()
        func text(_ s: String) { body.counted(Array(s.utf8)) }
        func evidence(_ e: Evidence) { body.i64(e.seq); text(e.eventID) }
        if let lastDay { body.u64(1); body.i64(Int64(lastDay.dayNumber)) } else { body.u64(0) }
        body.u64(UInt64(views.count))
        for v in views {
            text(v.fund.id); text(v.fund.communityID); text(v.fund.kind.rawValue); text(v.fund.account)
            body.i64(Int64(v.fund.openedOn.dayNumber)); evidence(v.fund.evidence)
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
        body.u64(UInt64(anomalies.count))
        for a in anomalies { evidence(a.evidence); text(a.reason) }
        return DerivedStateFile(kind: Self.kind, version: Self.version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                body: body.bytes).encoded()
    }

    static func decode(_ file: DerivedStateFile) -> Result<FundTotals, DerivedStateProblem> {
        var r = ByteReader(file.body)
        func fail(_ what: String) -> Result<FundTotals, DerivedStateProblem> { .failure(.damaged("cannot read \(what)")) }
        func text() -> String? { r.counted(max: 1 << 20).flatMap { String(validating: $0, as: UTF8.self) } }
        func day() -> CalendarDate? { r.i64().flatMap { (-10_000_000...10_000_000).contains($0) ? CalendarDate(dayNumber: Int($0)) : nil } }
        func count() -> Int? { r.u64().flatMap { $0 <= UInt64(file.body.count) ? Int($0) : nil } }
        func evidence() -> Evidence? {
            guard let seq = r.i64(), seq >= 1, seq <= file.header.stamp.seq, let id = text() else { return nil }
            return Evidence(seq: seq, eventID: id)
        }
        func categories() -> [CategoryTotal]? {
            guard let n = count() else { return nil }
            var out: [CategoryTotal] = []
            for _ in 0..<n {
                guard let c = text(), let fen = r.i64() else { return nil }
                out.append(CategoryTotal(category: c, amount: Amount(fen: fen)))
            }
            return out
        }
        guard let hasDay = r.u64(), hasDay <= 1 else { return fail("the last day") }
        var lastDay: CalendarDate? = nil
        if hasDay == 1 {
            guard let d = day() else { return fail("the last day") }
            lastDay = d
        }
        guard let fundCount = count() else { return fail("the fund count") }
        var views: [FundView] = []
        for i in 0..<fundCount {
            guard let id = text(), let community = text(), let kindText = text(), let kind = FundKind(rawValue: kindText),
                  let account = text(), let opened = day(), let openedBy = evidence(),
                  let income = r.i64(), let spending = r.i64(), let tin = r.i64(), let tout = r.i64(),
                  let incomeBy = categories(), let spendingBy = categories(), let checkCount = count() else { return fail("fund \(i + 1)") }
            var checks: [BalanceCheck] = []
            var assertions: [BalanceAssertion] = []
            for _ in 0..<checkCount {
                guard let date = day(), let balance = r.i64(), let ref = text(), let by = evidence(), let computed = r.i64() else {
                    return fail("fund \(i + 1)'s statement checks")
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
        }
        guard let anomalyCount = count() else { return fail("the anomaly count") }
        var anomalies: [Anomaly] = []
        for i in 0..<anomalyCount {
            guard let e = evidence(), let reason = text() else { return fail("anomaly \(i + 1)") }
            anomalies.append(Anomaly(evidence: e, reason: reason))
        }
        guard r.isAtEnd else { return fail("the end (bytes left over)") }
        return .success(FundTotals(ledgerName: file.header.ledgerName, genesis: file.header.genesis, stamp: file.header.stamp,
                                   lastDay: lastDay, views: views, anomalies: anomalies))
    }

    // MARK: the file

    /// The stored totals, when they stand for the log as it is now: checks 1–4 of section 15.1, then the records after
    /// the stamp read and verified (check 5); they still stand when none of those is a record the fund fold reads
    /// (or of a type this version does not know).
    /// - Returns: nil when there is no file or the acknowledged head lies inside it (the caller folds as before);
    ///   else the totals, with the number of records in the log, or why they cannot be used (`.mismatch` for
    ///   fund-related records after the stamp: not damage, only out of date).
    public static func load(_ directory: LedgerDirectory) throws(ChainError) -> Result<(totals: FundTotals, recordCount: Int64), DerivedStateProblem>? {
        switch DerivedStateFile.load(path(directory), kind: kind, version: version, directory: directory) {
        case nil: return nil
        case .failure(let problem)?: return .failure(problem)
        case .success(let (file, point))?:
            let totals: FundTotals
            switch decode(file) {
            case .success(let t): totals = t
            case .failure(let problem): return .failure(problem)
            }
            var fundRelated = false
            let recordCount: Int64
            do {
                recordCount = try LogScanner.committedBatches(directory, from: point, prepare: { line -> Bool in
                    FundFold.knownType(line.typeBytes).map(FundFold.reads) ?? true
                }, batch: { items in if items.contains(true) { fundRelated = true } }).recordCount
            } catch .resumeBeforeAcknowledged {
                return nil
            }
            if fundRelated { return .failure(.mismatch("fund records follow it")) }
            return .success((totals, recordCount))
        }
    }

    /// Writes the totals atomically (best effort, like every file of `index/`).
    @discardableResult
    public func write(_ directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(encoded(), to: Self.path(directory)) } catch { return false }
        return true
    }
}
