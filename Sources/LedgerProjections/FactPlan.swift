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
    /// The positions of the facts in fold order; nil when that is every position, in log order (each holds a fact
    /// on or before the as-of date: the common case, a log without corrections or back-dated facts, read to its end).
    var order: [Int]? = nil
    /// How many facts.
    var count = 0
    /// The payload kinds of the records on or before the as-of date (before corrections) and of the replacements
    /// on or before it, for reserving room: at least as many as the facts hold of each kind, so never too little.
    var kinds = FactKinds()

    /// Calls `body` with each fact's position and source (the record index whose content is in effect), in fold
    /// order.
    @inline(__always)
    func forEachFact(_ body: (_ index: Int, _ source: Int) -> Void) {
        if let order {
            for index in order { body(index, source[index]) }
        } else {
            for index in source.indices { body(index, source[index]) }
        }
    }
}

/// Counts of payloads by the entities and lists they make (`ProjectionFold.reserve(_:)`).
struct FactKinds {
    var communities = 0, assets = 0, funds = 0, contracts = 0, decisions = 0, uses = 0, occupations = 0
    var inspections = 0, movements = 0

    /// Counts `event` (its case only). `EffectiveLog.factPlan` counts the records' payloads by the same cases in its
    /// own switch, matched where they lie (a payload handed here from a record was retained and released): a case
    /// added here must be added there too (`EffectiveFactsTests.planCountsEveryKindAsFactKindsDoes`).
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
