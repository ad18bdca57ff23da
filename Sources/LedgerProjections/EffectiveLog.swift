import LedgerChain
import LedgerEvents

/// The log after corrections, built event by event in seq order (ledger-spec.md, "Projections"): a correction
/// voids the event it names from the correction's seq on; its replacement, if any, takes the voided event's place.
/// Feeding records 1…k and then k+1…n gives the same result as feeding 1…n in one go. It takes typed events (the
/// log's records, or a batch about to be appended at the seqs it would get), so no payload is parsed here.
public struct EffectiveLog: Sendable {
    /// Seq of the last record applied, 0 for none.
    public private(set) var lastSeq: Int64 = 0
    /// Facts in effect, by position (the original record's seq): `factsByPosition[seq - 1]`, nil where the record
    /// is a correction, was voided or could not be used.
    public private(set) var factsByPosition: [EffectiveFact?] = []
    /// Every correction applied so far, in seq order.
    public private(set) var corrections: [AppliedCorrection] = []
    /// The facts a correction voided (no replacement) and no later correction put back, by position, with the
    /// correction that voided each: what an import compares its rows with besides the facts in effect, so that a
    /// voided row of a file imported again is not recorded a second time (review 39f). Kept by `apply` only.
    public private(set) var voided: [Int64: (fact: EffectiveFact, by: AppliedCorrection)] = [:]
    public private(set) var anomalies: [Anomaly] = []
    /// For each corrected `contract.signed`, `fund.spending` or `fund.transfer` record (by its seq), the
    /// `decision_id` of the version in effect before each correction of it (nil: it cited none), beside the record
    /// that made that version (the record itself, or an earlier correction), in seq order
    /// (`Contract.earlierDecisionIDs`, `Projection.earlierMovementDecisions`). Rare: corrections of these only.
    public private(set) var earlierDecisionCitations: [Int64: [EarlierCitation]] = [:]
    /// Event id → (seq, type) of every record applied.
    public private(set) var recordsByEventID = EventIDTable()
    /// Slot of each applied seq in `factsByPosition`, for a log fed with gaps (a scope's records, `init(sparse:)`);
    /// nil for a whole log, where the slot is `seq - 1`.
    private var sparseSlots: [Int64: Int]? = nil

    public init() {}

    /// An effective log fed only some records, in seq order with gaps: the records of a scope (`ScopeIndex`).
    /// `factsByPosition` is then indexed by the order records were applied, not by seq; `fact(at:)` still takes a seq.
    public init(sparse: Bool) {
        if sparse { sparseSlots = [:] }
    }

    /// A sparse log of `records` (a scope's, in seq order, with gaps) read up to record `seq`.
    public init(sparse records: [Record], upTo seq: Int64) {
        self.init(sparse: true)
        for record in records { apply(record) }
        advance(to: seq)
    }

    /// Moves `lastSeq` on to `seq` (a sparse log: the seq the records were read up to, which the scope may not hold).
    public mutating func advance(to seq: Int64) {
        precondition(sparseSlots != nil && seq >= lastSeq, "only a sparse log skips records")
        lastSeq = seq
    }

    private func slot(_ seq: Int64) -> Int? {
        if let sparseSlots { return sparseSlots[seq] }
        return seq >= 1 && seq <= Int64(factsByPosition.count) ? Int(seq - 1) : nil
    }

    /// Builds the effective log of `records` (in seq order), stopping after seq `atSeq` when given.
    /// - Complexity: O(n) in the number of records.
    public init(records: some Sequence<Record>, atSeq: Int64? = nil) {
        // Room for every record at once: growing the id table by doubling rehashed every id it held (a fifth of
        // the work of building the log of a large city).
        let expected = atSeq.map { min(records.underestimatedCount, Int(clamping: max(0, $0))) } ?? records.underestimatedCount
        factsByPosition.reserveCapacity(expected)
        recordsByEventID.reserveCapacity(expected)
        for record in records {
            if let atSeq, record.seq > atSeq { break }
            apply(record)
        }
    }

    /// Builds the effective log of `records` (in seq order), stopping after seq `atSeq` when given: the form for
    /// an array, walked by index (a sequence of unknown type is walked through its iterator's witness table, and
    /// its records copied, some 500 instructions a record).
    /// - Complexity: O(n) in the number of records.
    public init(records: [Record], atSeq: Int64? = nil) {
        let expected = atSeq.map { min(records.count, Int(clamping: max(0, $0))) } ?? records.count
        factsByPosition.reserveCapacity(expected)
        recordsByEventID.reserveCapacity(expected)
        for index in records.indices {
            if let atSeq, records[index].seq > atSeq { break }
            // The fields read in place: `apply(records[index])` copied the whole record first (a retain and a
            // release of each of its references, for every record).
            apply(seq: records[index].seq, id: records[index].id, occurredOn: records[index].occurredOn,
                  actor: records[index].actor, payload: records[index].payload)
        }
    }

    /// The fact at a position (a record's seq), if one is in effect there.
    public func fact(at position: Int64) -> EffectiveFact? {
        slot(position).flatMap { factsByPosition[$0] }
    }

    /// Every fact in effect, in position (log) order.
    public var factsInLogOrder: [EffectiveFact] { factsByPosition.compactMap { $0 } }

    /// Applies the next record.
    public mutating func apply(_ record: Record) {
        apply(seq: record.seq, id: record.id, occurredOn: record.occurredOn, actor: record.actor, payload: record.payload)
    }

    /// Applies an event at `seq` (a batch event at the seq it would get when appended).
    public mutating func apply(seq: Int64, event: Event) {
        apply(seq: seq, id: event.id ?? "(no id)", occurredOn: event.occurredOn, actor: event.actor ?? "", payload: event.payload)
    }

    /// Applies the next event. Events must come in seq order without gaps; anything else is a programmer error
    /// (the chain reader guarantees it) and traps.
    public mutating func apply(seq: Int64, id: String, occurredOn: CalendarDate, actor: String, payload: EventPayload) {
        precondition(sparseSlots == nil ? seq == lastSeq + 1 : seq > lastSeq, "records are applied in seq order without gaps")
        lastSeq = seq
        let own = factsByPosition.count
        sparseSlots?[seq] = own
        // Each path below appends this record's slot once (a nil appended first and then overwritten cost a second
        // store and the destruction of the nil, for every record).
        let evidence = Evidence(seq: seq, eventID: id)
        // The first record of an id wins; one hash of the id.
        recordsByEventID.noteFirst(id, seq: seq, type: payload.type)
        let typed: DomainEvent
        switch payload {
        case .domain(let domain):
            typed = domain
        case .raw(let raw):
            factsByPosition.append(nil)
            anomalies.append(Anomaly(evidence: evidence, kind: Self.rawReason(raw, occurredOn: occurredOn)))
            return
        }
        guard case .correction(let correction) = typed else {
            factsByPosition.append(EffectiveFact(position: seq, evidence: evidence, replaces: nil, occurredOn: occurredOn,
                                                 actor: actor, payload: typed))
            return
        }
        factsByPosition.append(nil)
        guard let target = recordsByEventID[correction.corrects], target.seq < seq, let targetSlot = slot(target.seq) else {
            anomalies.append(Anomaly(evidence: evidence, kind: .correctsUnknownEvent(correction.corrects)))
            return
        }
        guard target.type != EventType.correction.rawValue else {
            anomalies.append(Anomaly(evidence: evidence, kind: .correctsCorrection(correction.corrects)))
            return
        }
        let original = Evidence(seq: target.seq, eventID: correction.corrects)
        let applied = AppliedCorrection(evidence: evidence, occurredOn: occurredOn, corrected: original,
                                        reason: correction.reason, hasReplacement: correction.replacement != nil)
        if let before = factsByPosition[targetSlot], let cited = before.payload.citedDecision {
            let changed = correction.replacement.map { $0.occurredOn != before.occurredOn || !$0.payload.sameBesidesCitation(before.payload) } ?? true
            earlierDecisionCitations[target.seq, default: []].append(EarlierCitation(decisionID: cited, record: before.evidence,
                                                                                     changedAfter: changed))
        }
        if let replacement = correction.replacement {
            factsByPosition[targetSlot] = EffectiveFact(position: target.seq, evidence: evidence, replaces: original,
                                                        occurredOn: replacement.occurredOn, actor: actor,
                                                        payload: replacement.payload)
            if !voided.isEmpty { voided[target.seq] = nil }
        } else {
            if let fact = factsByPosition[targetSlot] { voided[target.seq] = (fact, applied) }
            factsByPosition[targetSlot] = nil
        }
        corrections.append(applied)
    }

    /// Why a raw payload is an anomaly. Only logs written by other tools hold these: say why, with the schema's own
    /// message.
    static func rawReason(_ raw: RawPayload, occurredOn: CalendarDate) -> AnomalyReason {
        do {
            _ = try DomainEvent.decode(type: raw.type, occurredOn: occurredOn, canonicalData: raw.data[...])
            return .payloadNotUnderstood(detail: nil)
        } catch {
            return .payloadNotUnderstood(detail: "\(error)")
        }
    }

    /// Facts that occurred on or before `asOf` (all when nil), in fold order.
    /// - Complexity: O(n log n); O(n) when the log holds no back-dated fact.
    public func orderedFacts(asOf: CalendarDate?) -> [EffectiveFact] {
        var later: [Int]? = nil
        return Self.foldOrder(factsByPosition, asOf: asOf, later: &later).map { factsByPosition[$0]! }
    }

    /// `orderedFacts(asOf:)` of a log that is not used again (`Projection` of a log it was handed): the facts are
    /// moved out of the log, not copied (a copy retained and later released every reference a fact holds, and
    /// was a tenth of a projection's rebuild), and the log is left without facts.
    /// `decisionsAfter` gets the decisions in effect dated after `asOf` (`Projection.decisionsAfterAsOf`).
    mutating func takeOrderedFacts(asOf: CalendarDate?, decisionsAfter: inout [String: CalendarDate]) -> [EffectiveFact] {
        var slots: [EffectiveFact?] = []
        swap(&slots, &factsByPosition)
        var later: [Int]? = []
        let order = Self.foldOrder(slots, asOf: asOf, later: &later)
        for index in later ?? [] {
            guard let fact = slots[index], case .decisionRecorded(let decision) = fact.payload else { continue }
            Projection.noteDecisionAfter(decision.decisionID, fact.occurredOn, in: &decisionsAfter)
        }
        var facts: [EffectiveFact] = []
        facts.reserveCapacity(order.count)
        for index in order { facts.append(slots[index].take()!) }
        return facts
    }

    /// The slots of `slots` holding a fact on or before `asOf`, in fold order (business date, then position); the
    /// slots holding a fact after it are added to `later` when it is not nil (in the same pass: a second one read
    /// every fact of a large log again).
    private static func foldOrder(_ slots: [EffectiveFact?], asOf: CalendarDate?, later: inout [Int]?) -> [Int] {
        // Sort small plain keys, not the facts: moving a EffectiveFact retains and releases its payload's storage.
        var keys: [(day: Int, index: Int)] = []
        keys.reserveCapacity(slots.count)
        let lastDay = asOf?.dayNumber ?? Int.max
        var sorted = true
        var previousDay = Int.min
        for index in slots.indices {
            guard let date = slots[index]?.occurredOn else { continue }
            let day = date.dayNumber
            guard day <= lastDay else { later?.append(index); continue }
            if day < previousDay { sorted = false }
            previousDay = day
            keys.append((day, index))
        }
        if !sorted { keys.sort { $0.day != $1.day ? $0.day < $1.day : $0.index < $1.index } }
        return keys.map(\.index)
    }
}
