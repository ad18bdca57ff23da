import LedgerChain
import LedgerEvents

/// What `Projection` takes from an effective log: the facts in fold order, the corrections applied and the
/// anomalies, and the seq of the last record read.
struct EffectiveFacts {
    var lastSeq: Int64 = 0
    var facts: [EffectiveFact] = []
    var corrections: [AppliedCorrection] = []
    var anomalies: [Anomaly] = []
    /// `EffectiveLog.earlierDecisionCitations`.
    var earlierDecisionCitations: [Int64: [EarlierCitation]] = [:]
}
