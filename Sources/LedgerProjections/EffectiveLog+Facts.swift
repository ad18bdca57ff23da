import LedgerChain
import LedgerEvents
import LedgerPlatform

extension EffectiveLog {
    /// The facts of `records` (a whole log from seq 1, in seq order) in effect on `asOf`, in fold order, with the
    /// corrections and anomalies: exactly what `EffectiveLog(records:atSeq:)` and then `takeOrderedFacts(asOf:)`
    /// give, without building the log (which kept a slot, an optional fact of 120 bytes, for every record and noted
    /// every record's event id in a hash table): the plan (`factPlan(of:atSeq:asOf:)`), then each fact made once, in
    /// fold order, straight from the records.
    /// `EffectiveFactsTests` compares the two on random logs with corrections, replacements and raw payloads.
    /// - Complexity: O(n) when the facts come in date order (a log without back-dated facts), O(n log n) otherwise.
    static func facts(of records: [Record], atSeq: Int64?, asOf: CalendarDate?) -> EffectiveFacts {
        let plan = factPlan(of: records, atSeq: atSeq, asOf: asOf)
        var out = EffectiveFacts(lastSeq: plan.lastSeq, facts: [], corrections: plan.corrections, anomalies: plan.anomalies,
                                 earlierDecisionCitations: plan.earlierDecisionCitations)
        out.facts.reserveCapacity(plan.count)
        plan.forEachFact { index, source in out.facts.append(fact(at: index, source: source, records)) }
        return out
    }

    /// Which record is in effect at each position of `records` (a whole log from seq 1, in seq order) up to `atSeq`,
    /// and in what order the facts in effect on `asOf` are folded, with the corrections and anomalies: the whole of
    /// `facts(of:atSeq:asOf:)` but the facts themselves, which the caller makes one at a time
    /// (`FactPlan.forEachFact`, `fact(at:source:_:)`) — `Projection(records:asOf:atSeq:)` folds each as it is made.
    /// Each record is first only looked at (is it a correction, or a payload not understood?), and only the ids that
    /// corrections name are hashed into a table, which every record's id before the last correction is then looked
    /// up in — only the ids whose ASCII tail is one of theirs (`TailFilter`; the rest pass by without a hash).
    /// - Complexity: O(n) when the facts come in date order (a log without back-dated facts), O(n log n) otherwise.
    static func factPlan(of records: [Record], atSeq: Int64?, asOf: CalendarDate?) -> FactPlan {
        var out = EffectiveFacts()
        var plan = FactPlan()
        let lastDay = asOf.map(dayKey) ?? Int.max
        // What is in effect at each position: the record itself (`source[i] == i`), the replacement put there by
        // the correction at index `source[i]`, or nothing (-1: a correction, a voided record, a raw payload).
        var source: [Int] = []
        source.reserveCapacity(records.count)
        // The business date (`dayKey`) of what is in effect at each position, so that the passes below read this
        // small array, not the records again (at a million records, each pass over them read them from memory).
        var days: [Int] = []
        days.reserveCapacity(records.count)
        // Records that are not plain facts (corrections and raw payloads), in seq order; rare.
        var special: [Int] = []
        for index in records.indices {
            let seq = records[index].seq
            if let atSeq, seq > atSeq { break }
            precondition(seq == Int64(index) + 1, "records are applied in seq order without gaps")
            // Cases matched, not bound: binding the payload (`case .domain(let event)`) retained and released it.
            switch records[index].payload {
            case .domain(.correction), .raw:
                source.append(-1)
                days.append(0)
                special.append(index)
                continue
            default: break
            }
            let day = dayKey(records[index].occurredOn)
            source.append(index)
            days.append(day)
            // Only what can be folded is counted: a record after `asOf` is left out (unless a replacement moves it
            // back, which `applySpecial` counts).
            guard day <= lastDay else { continue }
            // The cases of `FactKinds.add`, matched here where they lie: keep the two switches alike
            // (`EffectiveFactsTests.planCountsEveryKindAsFactKindsDoes` compares them record by record).
            switch records[index].payload {
            case .domain(.communityRegistered): plan.kinds.communities += 1
            case .domain(.assetRegistered): plan.kinds.assets += 1
            case .domain(.fundOpened): plan.kinds.funds += 1
            case .domain(.contractSigned): plan.kinds.contracts += 1
            case .domain(.decisionRecorded): plan.kinds.decisions += 1
            case .domain(.useStarted): plan.kinds.uses += 1
            case .domain(.occupationReported): plan.kinds.occupations += 1
            case .domain(.inspectionRecorded): plan.kinds.inspections += 1
            case .domain(.fundIncome), .domain(.fundSpending): plan.kinds.movements += 1
            case .domain(.fundTransfer): plan.kinds.movements += 2
            default: break
            }
        }
        out.lastSeq = Int64(source.count)
        if !special.isEmpty {
            applySpecial(special, of: records, source: &source, days: &days, lastDay: lastDay, kinds: &plan.kinds, into: &out)
        }

        // Fold order: business date, then position. A log whose facts come in date order (no back-dated fact, no
        // replacement moved back) needs no sort.
        var sorted = true
        var previousDay = Int.min
        var count = 0
        var later: [Int] = []
        for index in source.indices where source[index] >= 0 {
            let day = days[index]
            guard day <= lastDay else { later.append(index); continue }
            if day < previousDay { sorted = false }
            previousDay = day
            count += 1
        }
        if !sorted {
            var keys: [(day: Int, index: Int)] = []
            keys.reserveCapacity(count)
            for index in source.indices where source[index] >= 0 && days[index] <= lastDay {
                keys.append((days[index], index))
            }
            keys.sort { $0.day != $1.day ? $0.day < $1.day : $0.index < $1.index }
            plan.order = keys.map(\.index)
        } else if count < source.count {
            // In log order, but some positions hold no fact (or one after `asOf`): the list of those that do.
            var order: [Int] = []
            order.reserveCapacity(count)
            for index in source.indices where source[index] >= 0 && days[index] <= lastDay { order.append(index) }
            plan.order = order
        }
        plan.lastSeq = out.lastSeq
        plan.corrections = out.corrections
        plan.earlierDecisionCitations = out.earlierDecisionCitations
        plan.anomalies = out.anomalies
        plan.source = source
        plan.count = count
        plan.later = later
        return plan
    }

    /// A number that orders dates as `CalendarDate`'s `<` does (year, then month, then day: a month is 1…12, a day
    /// 1…31), a few instructions where `dayNumber` took some sixty; only compared, never counted with.
    @inline(__always)
    static func dayKey(_ date: CalendarDate) -> Int { date.year << 9 | date.month << 5 | date.day }

    /// The fact in effect at `index`: the record itself, or the replacement of the correction at `source`.
    @inline(__always)
    static func fact(at index: Int, source: Int, _ records: [Record]) -> EffectiveFact {
        let seq = Int64(index) + 1
        if source == index, case .domain(let payload) = records[index].payload {
            return EffectiveFact(position: seq, evidence: Evidence(seq: seq, eventID: records[index].id), replaces: nil,
                                 occurredOn: records[index].occurredOn, actor: records[index].actor, payload: payload)
        }
        guard case .domain(.correction(let correction)) = records[source].payload, let replacement = correction.replacement else {
            preconditionFailure("a replacement is in effect only where a correction put it")
        }
        return EffectiveFact(position: seq, evidence: Evidence(seq: Int64(source) + 1, eventID: records[source].id),
                             replaces: Evidence(seq: seq, eventID: correction.corrects), occurredOn: replacement.occurredOn,
                             actor: records[source].actor, payload: replacement.payload)
    }

    /// The payload in effect at `index` when the record at `source` stands there (itself, or a correction's
    /// replacement); nil for a raw payload.
    private static func payloadInEffect(at index: Int, source: Int, _ records: [Record]) -> DomainEvent? {
        guard case .domain(let payload) = records[source].payload else { return nil }
        guard source != index else { return payload }
        guard case .correction(let correction) = payload else { return nil }
        return correction.replacement?.payload
    }

    /// The business date of the version in effect at `index` (the record itself, or the replacement of the
    /// correction at `source`), as `payloadInEffect` reads its payload.
    private static func occurredOnInEffect(at index: Int, source: Int, _ records: [Record]) -> CalendarDate {
        guard source != index, case .domain(.correction(let correction)) = records[source].payload,
              let replacement = correction.replacement else { return records[source].occurredOn }
        return replacement.occurredOn
    }

    /// Applies the corrections and raw payloads among the records (`special`, in seq order), as `apply` does: a
    /// correction voids the first record with the event id it names, if that record comes before it and is not
    /// itself a correction, and puts its replacement there; a later correction of the same record wins.
    /// `days[target]` becomes the business date of the replacement put there, and its kind is counted if it is on or
    /// before `lastDay`.
    private static func applySpecial(_ special: [Int], of records: [Record], source: inout [Int], days: inout [Int],
                                     lastDay: Int, kinds: inout FactKinds, into out: inout EffectiveFacts) {
        // The ids corrections name, interned; then the first record of each, looked up by every record's id up to
        // the last correction (a record after it cannot be the target of any).
        var targets = IdInterner()
        var targetOf: [Int: Int] = [:]
        for index in special {
            guard case .domain(.correction(let correction)) = records[index].payload else { continue }
            targetOf[index] = targets.intern(correction.corrects).index
        }
        var first = [Int](repeating: -1, count: targets.count)
        if let last = targetOf.keys.max() {
            var missing = targets.count
            // Most records are no target: their ids' ASCII tails tell them apart at a fraction of a lookup's cost.
            let filter = TailFilter(targets.ids)
            for index in 0...last where missing > 0 {
                if let filter, let key = Bytes.asciiSuffixKey(records[index].id), !filter.mayHold(key) { continue }
                if let target = targets.find(records[index].id), first[target] < 0 {
                    first[target] = index
                    missing -= 1
                }
            }
        }
        for index in special {
            let seq = Int64(index) + 1
            let evidence = Evidence(seq: seq, eventID: records[index].id)
            let correction: Correction
            switch records[index].payload {
            case .raw(let raw):
                out.anomalies.append(Anomaly(evidence: evidence, kind: rawReason(raw, occurredOn: records[index].occurredOn)))
                continue
            case .domain(.correction(let c)):
                correction = c
            case .domain:
                preconditionFailure("only corrections and raw payloads are special")
            }
            let target = first[targetOf[index]!]
            guard target >= 0, target < index else {
                out.anomalies.append(Anomaly(evidence: evidence, kind: .correctsUnknownEvent(correction.corrects)))
                continue
            }
            guard records[target].payload.type != EventType.correction.rawValue else {
                out.anomalies.append(Anomaly(evidence: evidence, kind: .correctsCorrection(correction.corrects)))
                continue
            }
            // The decision the version in effect before this correction cited, as `apply` notes it
            // (`earlierDecisionCitations`).
            if source[target] >= 0, let before = payloadInEffect(at: target, source: source[target], records),
               let cited = before.citedDecision {
                let record = Evidence(seq: Int64(source[target]) + 1, eventID: records[source[target]].id)
                let changed = correction.replacement.map {
                    $0.occurredOn != occurredOnInEffect(at: target, source: source[target], records) || !$0.payload.sameBesidesCitation(before)
                } ?? true
                out.earlierDecisionCitations[Int64(target) + 1, default: []].append(EarlierCitation(decisionID: cited, record: record,
                                                                                                     changedAfter: changed))
            }
            source[target] = correction.replacement == nil ? -1 : index
            if let replacement = correction.replacement {
                days[target] = dayKey(replacement.occurredOn)
                if days[target] <= lastDay { kinds.add(replacement.payload) }
            }
            out.corrections.append(AppliedCorrection(evidence: evidence, occurredOn: records[index].occurredOn,
                                                     corrected: Evidence(seq: Int64(target) + 1, eventID: correction.corrects),
                                                     reason: correction.reason, hasReplacement: correction.replacement != nil))
        }
    }
}

/// The ids corrections name, by the keys of their ASCII tails (`Bytes.asciiSuffixKey`), as bits: an id whose key's bit
/// is clear equals none of them (two equal ids with keys have the same key), so only the few others are looked up.
/// Nil when an id named has no key (a non-ASCII byte among its last eight): every record's id is then looked up.
private struct TailFilter {
    private var bits: [UInt64]
    private let shift: UInt64

    init?(_ ids: [String]) {
        var count = 64
        var shift: UInt64 = 58
        // Some 64 bits an id: a record's id passes for another's about once in 64.
        while count < 64 * ids.count { count *= 2; shift -= 1 }
        bits = [UInt64](repeating: 0, count: count / 64)
        self.shift = shift
        for id in ids {
            guard let key = Bytes.asciiSuffixKey(id) else { return nil }
            let bit = slot(key)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// False when no id named has this key.
    @inline(__always)
    func mayHold(_ key: UInt64) -> Bool {
        let bit = slot(key)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

extension DomainEvent {
    /// For an act whose cited decision the rules follow through corrections — a contract, a spending, a transfer
    /// (`EffectiveLog.earlierDecisionCitations`) — the `decision_id` it cites, wrapped (`.some(nil)`: it cites none);
    /// nil for any other payload.
    var citedDecision: String?? {
        switch self {
        case .contractSigned(let p): return .some(p.decisionID)
        case .fundSpending(let p): return .some(p.decisionID)
        case .fundTransfer(let p): return .some(p.decisionID)
        default: return nil
        }
    }

    /// Whether two versions of an act's record differ at most in the `decision_id` they cite (a correction that only
    /// cites another decision): `EarlierCitation.changedAfter`.
    func sameBesidesCitation(_ other: DomainEvent) -> Bool {
        switch (self, other) {
        case (.contractSigned(var a), .contractSigned(let b)): a.decisionID = b.decisionID; return a == b
        case (.fundSpending(var a), .fundSpending(let b)): a.decisionID = b.decisionID; return a == b
        case (.fundTransfer(var a), .fundTransfer(let b)): a.decisionID = b.decisionID; return a == b
        default: return self == other
        }
    }
}
