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
    /// `EffectiveLog.earlierDecisionCitations`.
    var earlierDecisionCitations: [Int64: [EarlierCitation]] = [:]
    /// For each position (record index): the index of the record whose content is in effect there (itself, or the
    /// correction whose replacement stands there), or -1 (a correction, a voided record, a raw payload).
    var source: [Int] = []
    /// The positions of the facts in fold order; nil when that is every position, in log order (each holds a fact
    /// on or before the as-of date: the common case, a log without corrections or back-dated facts, read to its end).
    var order: [Int]? = nil
    /// How many facts.
    var count = 0
    /// The positions holding a fact dated after the as-of date, in log order (`Projection.decisionsAfterAsOf` looks
    /// among them for decisions).
    var later: [Int] = []
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
