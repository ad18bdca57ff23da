import LedgerChain
import LedgerEvents

/// The facts of a log in effect on a date, as positions in its records (`EffectiveLog.factPlan(of:atSeq:asOf:)`):
/// what is in effect at each position, the fold order, the corrections applied and the anomalies. The facts
/// themselves are made one at a time from the records (`forEachFact`), so that a fold can take each while its
/// record's payload is still in the cache: at a million records, making every fact first and folding the list
/// after read each payload from memory twice and moved each 120-byte fact in and out of the list once more.
struct FactPlan {
    /// Seq of the last record taken.
    var lastSeq: Int64 = 0
    var corrections: [AppliedCorrection] = []
    var anomalies: [Anomaly] = []
    /// For each position (record index): the index of the record whose content is in effect there (itself, or the
    /// correction whose replacement stands there), or -1 (a correction, a voided record, a raw payload).
    var source: [Int] = []
    /// The positions in fold order when the facts do not come in date order; nil: in log order (every position
    /// with a fact, up to `lastDay`).
    var order: [Int]? = nil
    /// `EffectiveLog.dayKey` of the as-of date (`Int.max`: none); facts after it are left out.
    let lastDay: Int
    /// How many facts.
    var count = 0
    /// The records' payload kinds (before corrections, and the replacements'), for reserving room: at least as
    /// many as the facts hold of each kind, so never too little.
    var kinds = FactKinds()

    init(lastDay: Int) {
        self.lastDay = lastDay
    }

    /// Calls `body` with each fact's position and source (the record index whose content is in effect), in fold
    /// order.
    @inline(__always)
    func forEachFact(_ records: [Record], _ body: (_ index: Int, _ source: Int) -> Void) {
        if let order {
            for index in order { body(index, source[index]) }
            return
        }
        for index in source.indices where source[index] >= 0 {
            let from = source[index]
            guard EffectiveLog.dayKey(EffectiveLog.occurredOn(at: index, source: from, records)) <= lastDay else { continue }
            body(index, from)
        }
    }
}

/// Counts of payloads by the entities and lists they make (`ProjectionFold.reserve(_:)`).
struct FactKinds {
    var communities = 0, assets = 0, funds = 0, contracts = 0, decisions = 0, uses = 0, occupations = 0
    var inspections = 0, movements = 0

    /// Counts `event` (its case only).
    @inline(__always)
    mutating func add(_ event: DomainEvent) {
        switch event {
        case .communityRegistered: communities += 1
        case .assetRegistered: assets += 1
        case .fundOpened: funds += 1
        case .contractSigned: contracts += 1
        case .decisionRecorded: decisions += 1
        case .useStarted: uses += 1
        case .occupationReported: occupations += 1
        case .inspectionRecorded: inspections += 1
        case .fundIncome, .fundSpending: movements += 1
        case .fundTransfer: movements += 2
        default: break
        }
    }
}
