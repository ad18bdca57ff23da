import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The domain check of a batch before it is appended (ledger-spec.md, "Validation on append"): every event's
/// payload must fit its type's schema, and the facts in effect after the batch must be consistent — every
/// referenced entity registered (before the referencing fact in the fold order: on an earlier date, or earlier on
/// the same date) and not retired, entity ids unique,
/// lifecycles in order. Facts that are truthful but non-compliant (spending without a vote, a contract without a
/// vote, use without authority, a fund going negative) are accepted: they are the rules' findings.
public enum DomainValidator {
    /// The most facts of a batch held at once by the checks (some 400 bytes a fact with its payload); a larger
    /// batch's are made whenever they are read.
    public static let heldFactsMax = 250_000

    /// Checks `batch` against the records already in the log.
    /// - Parameters:
    ///   - existing: the verified records, 1…n.
    ///   - batch: the new events, in order, each with its id.
    /// - Returns: every issue found, batch events first in batch order; empty when the batch may be appended.
    /// - Complexity: O(n log n) in the records of the log plus the batch.
    public static func validate(existing: [Record], batch: [Event]) -> [ValidationIssue] {
        validate(existing: EffectiveLog(records: existing), batch: EventBatch(batch))
    }

    /// Checks `batch` against the log already folded into `existing` (built record by record while the log is
    /// read, so the records themselves need not be kept).
    public static func validate(existing: EffectiveLog, batch: [Event]) -> [ValidationIssue] {
        validate(existing: existing, batch: EventBatch(batch))
    }

    /// Checks `batch` against the log folded into `existing`. The batch's facts are read from the batch when
    /// they are checked, never copied into a second effective log, so a batch that makes its events on demand (a
    /// large import) is never held whole.
    /// - Parameter loose: input lines or rows that state no fact (`LooseEvent`), whose references are checked
    ///   against the log and the batch; their issues carry `looseIndex`, after the batch's.
    public static func validate(existing: EffectiveLog, batch: EventBatch, loose: [LooseEvent] = []) -> [ValidationIssue] {
        let lastSeq = existing.lastSeq
        var issues: [ValidationIssue] = []
        var combined = CombinedFacts(existing: existing, batch: batch)
        #if LEDGER_INTERNAL_CHECKS
        if batch.allTypedFacts {
            for event in batch {
                guard case .domain(let payload) = event.payload, payload.type != .correction else {
                    preconditionFailure("a batch of typed facts holds \(event.type)")
                }
            }
        }
        #endif
        var anomalies: [Anomaly] = []
        _ = walk(batch, lastSeq: lastSeq, issues: &issues, anomalies: &anomalies, existing: { existing.record(withID: $0) },
                 originalOf: { existing.original(correctedAt: $0) }) { target, correction, seq, id, event in
            combined.correct(target: target.seq, corrects: correction.corrects, with: correction.replacement,
                             by: Evidence(seq: seq, eventID: id), actor: event.actor ?? "")
            return nil
        }
        combined.anomalies += anomalies
        // An event that does not fit its schema states no fact: its own problem is reported, and the rest of the
        // batch is still checked (every problem in one run; a reference to what it would register is then reported
        // as not registered, which a caller that knows the input can word as depending on that event).
        combined.keepBatchFacts()

        var fromBatch: [ValidationIssue] = []
        var onExisting: [ReferenceChecker.Problem] = []
        let looseAll = looseEvents(batch, issues: issues, lastSeq: lastSeq) + loose.map { ($0, nil) }
        // A list's keys are checked against the records the list was made from (10.4 rule 13), all in the log.
        let lookup = { (id: String) in existing.record(withID: id) }
        for problem in ReferenceChecker.check(combined, lastExistingSeq: lastSeq, loose: looseAll, eventLookup: lookup) {
            if problem.evidence.seq > lastSeq + Int64(batch.count) {
                fromBatch.append(looseIssue(problem, index: Int(problem.evidence.seq - lastSeq) - batch.count - 1, loose: loose))
            } else if problem.evidence.seq > lastSeq {
                let index = Int(problem.evidence.seq - lastSeq - 1)
                fromBatch.append(ValidationIssue(batchIndex: index, seq: nil, eventID: problem.evidence.eventID,
                                                 type: batch[index].type, field: problem.field, reason: problem.wording,
                                                 missing: problem.missing))
            } else {
                onExisting.append(problem)
            }
        }
        if !onExisting.isEmpty {
            // Only problems the batch causes count: a log written before these checks may already hold some.
            // Compared by what stays the same of a problem when the batch only moves a record it names (`stableKey`).
            let before = Set(ReferenceChecker.check(CombinedFacts(existing: existing, batch: EventBatch([])), lastExistingSeq: lastSeq,
                                                    eventLookup: lookup).map(\.stableKey))
            for problem in onExisting where !before.contains(problem.stableKey) {
                let type = existing.record(withID: problem.evidence.eventID)?.type ?? ""
                fromBatch.append(ValidationIssue(batchIndex: nil, seq: problem.evidence.seq, eventID: problem.evidence.eventID,
                                                 type: type, field: problem.field, reason: problem.wording, missing: problem.missing))
            }
        }
        return merged(structural: issues, references: fromBatch)
    }

    /// The loose events of the batch's own events that state no fact (their payload does not fit its schema),
    /// each with its evidence: their ids are checked all the same, except those of the fields with a problem of
    /// their own (every problem of a line in one run).
    static func looseEvents(_ batch: EventBatch, issues: [ValidationIssue], lastSeq: Int64) -> [(LooseEvent, Evidence?)] {
        guard !issues.isEmpty, !batch.allTypedFacts else { return [] }
        var fields: [Int: Set<String>] = [:]
        for issue in issues { if let index = issue.batchIndex { fields[index, default: []].insert(issue.field ?? "") } }
        return fields.keys.sorted().compactMap { index in
            let event = batch[index]
            guard case .raw(let raw) = event.payload, raw.type != EventType.correction.rawValue else { return nil }
            let loose = LooseEvent(type: raw.type, occurredOn: event.occurredOn, data: try? JSONParser.parse(raw.data),
                                   skipping: fields[index]!)
            guard !loose.isEmpty else { return nil }
            let seq = lastSeq + 1 + Int64(index)
            return (loose, Evidence(seq: seq, eventID: event.id ?? "(no id)"))
        }
    }

    /// The issue of a caller's loose event (`index` in `loose`).
    static func looseIssue(_ problem: ReferenceChecker.Problem, index: Int, loose: [LooseEvent]) -> ValidationIssue {
        ValidationIssue(batchIndex: nil, seq: nil, eventID: "", type: loose[index].type, field: problem.field, reason: problem.wording,
                        missing: problem.missing, looseIndex: index)
    }

    /// Each batch event's schema problem before its reference problems, in batch order; problems of records
    /// already in the log (no batch index) last.
    static func merged(structural: [ValidationIssue], references: [ValidationIssue]) -> [ValidationIssue] {
        guard !structural.isEmpty else { return references }
        return (structural + references).enumerated().sorted {
            ($0.element.batchIndex ?? Int.max, $0.offset) < ($1.element.batchIndex ?? Int.max, $1.offset)
        }.map(\.element)
    }
}

extension DomainValidator {
    /// What `validate(fold:batch:)` found.
    public enum StateCheck: Equatable, Sendable {
        /// The batch's issues, exactly as `validate(existing:batch:)` gives them for the same log.
        case checked([ValidationIssue])
        /// The stored state cannot tell this batch's issues exactly (why): check it against the whole log.
        case needsWholeLog(String)
    }

    /// Checks `batch` against a stored state and the records after its stamp (`fold`), without the facts of the
    /// log: the batch's facts are registered on top of the fold and their references checked. A batch cannot
    /// change the problems of the facts before it, except through the shapes this sees and refuses to decide
    /// (ledger-spec.md 15.4): a correction; a creation of an entity that a record already references, or that a
    /// finding key already names; a retirement dated on or before a recorded use of the asset; a list that issues
    /// a key dated before a recorded step of it; a closure dated before a recorded extension.
    /// - Parameter lookup: the seq and type of the first record with an event id (the writer's id index), for
    ///   corrections; it may throw (then the whole log is read). Without one, a batch with a correction is not decided.
    /// - Parameter loose: as for `validate(existing:batch:loose:)`.
    /// - Parameter heldFactsMax: a batch of typed facts of more events has its facts made whenever they are read,
    ///   not held (tests make it 0).
    public static func validate(fold: CheckFold, batch: EventBatch,
                                lookup: ((String) throws -> (seq: Int64, type: String)?)? = nil,
                                loose: [LooseEvent] = [], heldFactsMax: Int = DomainValidator.heldFactsMax,
                                absentAssets: CheckState.AbsentAssets? = nil) -> StateCheck {
        precondition(fold.gaveUp == nil, "a fold that gave up cannot check a batch")
        let lastSeq = fold.lastSeq
        var issues: [ValidationIssue] = []
        var anomalies: [Anomaly] = []
        // The batch's facts by index, and the replacements its corrections put at positions of the log (only of
        // records pass 1 does not read: anything else is left to the whole log).
        func batchFact(_ index: Int) -> EffectiveFact? {
            let event = batch[index]
            let seq = lastSeq + 1 + Int64(index)
            guard case .domain(let payload) = event.payload, !isCorrection(payload) else { return nil }
            return EffectiveFact(position: seq, evidence: Evidence(seq: seq, eventID: event.id ?? "(no id)"), replaces: nil,
                        occurredOn: event.occurredOn, actor: event.actor ?? "", payload: payload)
        }
        // A large batch of typed facts (an import of a million rows) corrects nothing, so each of its facts is the
        // event's own: made when read (twice), not held — held, a million facts took some 400 MB beside the batch's
        // own packed rows (`CombinedFacts.keepBatchFacts` holds no more either).
        let holdFacts = !batch.allTypedFacts || batch.count <= heldFactsMax
        var facts: [EffectiveFact?] = holdFacts ? batch.indices.map(batchFact) : []
        var replaced: [Int64: EffectiveFact?] = [:]
        // The same walk as `validate(existing:batch:)`, with the log's ids from `lookup`.
        do {
            let refused = try walk(batch, lastSeq: lastSeq, issues: &issues, anomalies: &anomalies, existing: { try lookup!($0) },
                                   beforeCorrection: { lookup == nil ? "the batch holds a correction" : nil }) { target, correction, seq, id, event in
                if target.seq <= lastSeq, ReferenceChecker.registeringTypes.contains(target.type)
                    || correction.replacement.map({ ReferenceChecker.registeringTypes.contains($0.type.rawValue) }) == true {
                    return "the batch corrects \(correction.corrects), which registers what later records are checked against"
                }
                let fact = correction.replacement.map {
                    EffectiveFact(position: target.seq, evidence: Evidence(seq: seq, eventID: id),
                         replaces: Evidence(seq: target.seq, eventID: correction.corrects),
                         occurredOn: $0.occurredOn, actor: event.actor ?? "", payload: $0.payload)
                }
                if target.seq > lastSeq { facts[Int(target.seq - lastSeq - 1)] = fact } else { replaced.updateValue(fact, forKey: target.seq) }
                return nil
            }
            if let refused { return .needsWholeLog(refused) }
        } catch {
            return .needsWholeLog("the id index could not be read: \(error)")
        }
        let label = { (seq: Int64) -> FactPlace in
            seq <= lastSeq ? .record(seq: seq) : .batchEvent(id: batch[Int(seq - lastSeq - 1)].id ?? "(no id)")
        }
        // A list's keys name records by event id (10.4 rule 13): without the id index, the whole log tells.
        if lookup == nil, !batch.allTypedFacts,
           batch.indices.contains(where: { batch[$0].type == EventType.rectificationIssued.rawValue }) {
            return .needsWholeLog("the batch issues a list, whose keys name records by event id")
        }
        var registers = fold.registers
        registers.collecting = false
        registers.eventLookup = lookup
        registers.watching = true
        registers.newAfter = lastSeq
        registers.absentAssets = absentAssets
        // A large batch (an import) numbers an entity an event, most often: room made once. A small one is not
        // worth a copy of the fold's tables it might never write.
        if batch.count >= 1_024 { registers.reserve(batch: batch.count) }
        var problems: [ReferenceChecker.Problem] = []
        // Every fact of the batch in order, held or made.
        func forEachFact(_ body: (EffectiveFact) -> Void) {
            if holdFacts {
                for case let fact? in facts { body(fact) }
            } else {
                for index in batch.indices { if let fact = batchFact(index) { body(fact) } }
            }
        }
        forEachFact { registers.register($0, label: label, problems: &problems) }
        // A no-op here (a correction of a record of the log is checked against the whole log), said for the same rule.
        registers.checkLaterCaseTwins(label: label, problems: &problems)
        if let unsafe = registers.unsafe { return .needsWholeLog(unsafe) }
        for position in replaced.keys.sorted() {
            if let fact = replaced[position]! { registers.checkReferences(fact, label: label, problems: &problems) }
        }
        forEachFact { registers.checkReferences($0, label: label, problems: &problems) }
        let looseAll = looseEvents(batch, issues: issues, lastSeq: lastSeq) + loose.map { ($0, nil) }
        for (index, (event, evidence)) in looseAll.enumerated() {
            let own = evidence ?? Evidence(seq: lastSeq + Int64(batch.count) + 1 + Int64(index - (looseAll.count - loose.count)), eventID: "")
            registers.checkLoose(event, evidence: own, lastSeq: lastSeq, label: label, problems: &problems)
        }
        if let damage = registers.base?.damage { return .needsWholeLog("the stored state is damaged: \(damage)") }
        for anomaly in anomalies { problems.append(ReferenceChecker.Problem(evidence: anomaly.evidence, field: nil, reason: anomaly.reason)) }
        return .checked(merged(structural: issues, references: ReferenceChecker.sorted(problems).map { problem in
            if problem.evidence.seq > lastSeq + Int64(batch.count) {
                return looseIssue(problem, index: Int(problem.evidence.seq - lastSeq) - batch.count - 1, loose: loose)
            }
            let index = Int(problem.evidence.seq - lastSeq - 1)
            return ValidationIssue(batchIndex: index, seq: nil, eventID: problem.evidence.eventID, type: batch[index].type,
                                   field: problem.field, reason: problem.wording, missing: problem.missing)
        }))
    }

    /// The walk of a batch both checks share: each event's payload decoded (every schema problem of one that does
    /// not fit is an issue; data that fits only when read again is an anomaly), and each correction's target found
    /// — in the log through `existing`, or earlier in the batch — and refused when it is a correction, an erasure or
    /// of another type than its replacement; `correct` takes the others. A reason returned by `beforeCorrection` or
    /// `correct` stops the walk and is returned (the batch is then checked against the whole log), as is one when
    /// a correction names a correction of the log and there is no `originalOf` (the event id a correction of the
    /// record at a seq corrects, which its refusal names).
    /// - Throws: what `existing` throws.
    static func walk(_ batch: EventBatch, lastSeq: Int64, issues: inout [ValidationIssue], anomalies: inout [Anomaly],
                     existing: (String) throws -> (seq: Int64, type: String)?,
                     originalOf: ((_ seq: Int64) -> String?)? = nil,
                     beforeCorrection: () -> String? = { nil },
                     correct: (_ target: (seq: Int64, type: String), _ correction: Correction, _ seq: Int64, _ id: String, _ event: Event) -> String?) rethrows -> String? {
        // Ids of the batch's events, for corrections that name one: made at the first correction, from the events
        // before it, and kept from then on (a batch without corrections, the usual case, needs none).
        var batchIDs: [String: (seq: Int64, type: String)]? = nil
        // A batch of typed facts (an import) decodes by construction and corrects nothing: nothing to look at.
        for index in batch.indices where !batch.allTypedFacts {
            let event = batch[index]
            let seq = lastSeq + 1 + Int64(index)
            let id = event.id ?? "(no id)"
            func issue(_ field: String?, _ reason: Wording, missing: ValidationIssue.Missing? = nil) {
                issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: id, type: event.type, field: field, reason: reason,
                                              missing: missing))
            }
            let payload: DomainEvent?
            do {
                payload = try DomainEvent.decode(event)
            } catch {
                payload = nil
                // Every problem of the payload, not only the first (a clerk fixes the line in one pass).
                for problem in DomainEvent.problems(event).nonEmpty(or: error) {
                    issue(problem.field == "type" ? "type" : problem.field, problem.wording)
                }
            }
            if let payload {
                if case .correction(let correction) = payload {
                    if let refused = beforeCorrection() { return refused }
                    if batchIDs == nil {
                        var earlier: [String: (seq: Int64, type: String)] = [:]
                        for before in 0..<index {
                            let earlierEvent = batch[before]
                            let earlierID = earlierEvent.id ?? "(no id)"
                            if try existing(earlierID) == nil, earlier[earlierID] == nil {
                                earlier[earlierID] = (lastSeq + 1 + Int64(before), earlierEvent.type)
                            }
                        }
                        batchIDs = earlier
                    }
                    if let target = try existing(correction.corrects) ?? batchIDs?[correction.corrects] {
                        if target.type == EventType.correction.rawValue {
                            // The advice names the event the clerk must correct instead: what the named correction corrects.
                            let original: String?
                            if target.seq > lastSeq {
                                if case .correction(let earlier)? = try? DomainEvent.decode(batch[Int(target.seq - lastSeq - 1)]) {
                                    original = earlier.corrects
                                } else {
                                    original = nil
                                }
                            } else if let originalOf {
                                original = originalOf(target.seq)
                            } else {
                                return "the batch corrects \(correction.corrects), a correction whose original event only the log tells"
                            }
                            issue("data.corrects", ReferenceWords.correctsACorrection(correction.corrects, original: original))
                        } else if target.type == EventType.personalDataErased.rawValue {
                            issue("data.corrects", ReferenceWords.correctsAnErasure(correction.corrects))
                        } else if let replacement = correction.replacement, replacement.type.rawValue != target.type {
                            issue("data.replacement.type", ReferenceWords.replacementChangesType(replacement.type.rawValue, corrects: correction.corrects, is: target.type))
                        } else if let refused = correct(target, correction, seq, id, event) {
                            return refused
                        }
                    } else {
                        issue("data.corrects", ReferenceWords.noSuchEvent(correction.corrects), missing: .event(id: correction.corrects))
                    }
                } else if case .raw = event.payload {
                    // Data that fits only when read again (an event built by hand): the effective log cannot use it.
                    anomalies.append(Anomaly(evidence: Evidence(seq: seq, eventID: id), kind: .payloadNotUnderstood(detail: nil)))
                }
            }
            if batchIDs != nil, try existing(id) == nil, batchIDs![id] == nil { batchIDs![id] = (seq, event.type) }
        }
        return nil
    }

    private static func isCorrection(_ payload: DomainEvent) -> Bool {
        if case .correction = payload { return true }
        return false
    }
}

extension EffectiveLog {
    /// The seq and type of the first record with event id `id`, if any.
    func record(withID id: String) -> (seq: Int64, type: String)? { recordsByEventID[id] }

    /// The event id the correction at `seq` corrects, if it was applied (`corrections` is in seq order).
    func original(correctedAt seq: Int64) -> String? {
        var low = 0, high = corrections.count
        while low < high {
            let mid = (low + high) / 2
            if corrections[mid].evidence.seq < seq { low = mid + 1 } else { high = mid }
        }
        return low < corrections.count && corrections[low].evidence.seq == seq ? corrections[low].corrected.eventID : nil
    }
}

extension IdKind {
    /// Position in `allCases`: the registry's slot, and the kind's byte in a stored key (index/checks.state).
    var index: Int {
        switch self {
        case .community: return 0
        case .asset: return 1
        case .fund: return 2
        case .decision: return 3
        case .contract: return 4
        case .use: return 5
        case .occupation: return 6
        case .import: return 7
        case .list: return 8
        }
    }

    init?(index: Int) {
        guard index >= 0, index < IdKind.allCases.count else { return nil }
        self = IdKind.allCases[index]
    }

    /// The type name of the event that registers an id of this kind.
    var creatingType: String { registeringType.rawValue }
}
