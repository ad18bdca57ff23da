import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The facts in effect after a batch: the log's, with the batch's corrections applied as `EffectiveLog` applies
/// them (a correction voids the fact it names, or puts its replacement in its place), then the batch's own, made
/// from its events when asked for.
struct CombinedFacts {
    let existing: EffectiveLog
    let batch: EventBatch
    /// Positions whose fact a correction of the batch voided (nil) or replaced.
    private var corrected: [Int64: EffectiveFact?] = [:]
    /// The batch's facts, made once, when the batch is small enough to hold them (see `keepBatchFacts`).
    private var batchFacts: [EffectiveFact?]? = nil
    /// What the effective log could not use: the log's, and the batch's.
    var anomalies: [Anomaly]

    init(existing: EffectiveLog, batch: EventBatch) {
        self.existing = existing
        self.batch = batch
        anomalies = existing.anomalies
    }

    var lastSeq: Int64 { existing.lastSeq + Int64(batch.count) }

    mutating func correct(target: Int64, corrects: String, with replacement: Replacement?, by evidence: Evidence, actor: String) {
        // `updateValue`, not subscript assignment: a voided position is stored as nil, not removed.
        corrected.updateValue(replacement.map {
            EffectiveFact(position: target, evidence: evidence, replaces: Evidence(seq: target, eventID: corrects),
                 occurredOn: $0.occurredOn, actor: actor, payload: $0.payload)
        }, forKey: target)
    }

    /// Makes the batch's facts once, for the checks that read them twice, unless the batch is too large to hold
    /// them (`DomainValidator.heldFactsMax`): then each is made whenever it is read.
    mutating func keepBatchFacts() {
        guard batch.count <= DomainValidator.heldFactsMax else { return }
        let base = existing.lastSeq
        batchFacts = batch.indices.map { batchFact(at: base + 1 + Int64($0)) }
    }

    /// The fact in effect at `position` (a record's seq, or a batch event's seq to be), if any.
    func fact(at position: Int64) -> EffectiveFact? {
        if !corrected.isEmpty, let fact = corrected[position] { return fact }
        if position <= existing.lastSeq { return existing.fact(at: position) }
        if let batchFacts { return batchFacts[Int(position - existing.lastSeq - 1)] }
        return batchFact(at: position)
    }

    /// The fact a batch event states by itself (a correction states none).
    private func batchFact(at position: Int64) -> EffectiveFact? {
        let event = batch[Int(position - existing.lastSeq - 1)]
        guard case .domain(let payload) = event.payload else { return nil }
        if case .correction = payload { return nil }
        return EffectiveFact(position: position, evidence: Evidence(seq: position, eventID: event.id ?? "(no id)"), replaces: nil,
                    occurredOn: event.occurredOn, actor: event.actor ?? "", payload: payload)
    }

    /// Every fact in effect, in position (log) order.
    func forEach(_ body: (EffectiveFact) -> Void) {
        var position: Int64 = 1
        let last = lastSeq
        while position <= last {
            if let fact = fact(at: position) { body(fact) }
            position += 1
        }
    }
}
