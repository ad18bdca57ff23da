import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Why an event cannot be appended: which event, which field, what is wrong and what is allowed.
public struct ValidationIssue: Equatable, Sendable, CustomStringConvertible {
    /// 0-based index of the event in the batch; nil when the issue is with a record already in the log that the
    /// batch would break (through a correction, or a fact dated before it).
    public let batchIndex: Int?
    /// Seq of the record already in the log, when `batchIndex` is nil.
    public let seq: Int64?
    /// 0-based index in the caller's loose events (`LooseEvent`: input lines or rows that state no fact), when the
    /// issue is with one of their references; `batchIndex` and `seq` are nil then.
    public let looseIndex: Int?
    public let eventID: String
    public let type: String
    /// Field path such as `data.asset_id`, or nil for the event as a whole.
    public let field: String?
    /// What is wrong and what is allowed, in English and Chinese (`ReferenceWords`, `EventWords`).
    public let wording: Wording
    /// What the issue found missing, when it is a reference to an id nothing registered: a caller that did not
    /// pass every input line (one failed to parse) can tell a reference to that line from a dangling one.
    public let missing: Missing?

    /// What is wrong and what is allowed, in English.
    public var reason: String { wording.en }

    /// The id a reference names that nothing registered.
    public enum Missing: Hashable, Sendable {
        /// An entity: its kind as the messages name it (`fund`, `rectification list`) and its id.
        case entity(kind: String, id: String)
        /// The event a correction names.
        case event(id: String)
    }

    public init(batchIndex: Int?, seq: Int64?, eventID: String, type: String, field: String?, reason: Wording,
                missing: Missing? = nil, looseIndex: Int? = nil) {
        self.batchIndex = batchIndex
        self.seq = seq
        self.looseIndex = looseIndex
        self.eventID = eventID
        self.type = type
        self.field = field
        self.wording = reason
        self.missing = missing
    }

    /// An issue whose reason is written in English only.
    public init(batchIndex: Int?, seq: Int64?, eventID: String, type: String, field: String?, reason: String) {
        self.init(batchIndex: batchIndex, seq: seq, eventID: eventID, type: type, field: field, reason: Wording(same: reason))
    }

    /// The same issue with another reason (a caller that knows more about it).
    public func with(reason: Wording) -> ValidationIssue {
        ValidationIssue(batchIndex: batchIndex, seq: seq, eventID: eventID, type: type, field: field, reason: reason, missing: missing,
                        looseIndex: looseIndex)
    }

    public var description: String {
        let place: String
        if batchIndex != nil {
            place = "event \(eventID) (\(type))"
        } else if looseIndex != nil {
            place = "event (\(type))"
        } else {
            place = "this batch would make record seq \(seq ?? 0) (id \(eventID), \(type)) invalid"
        }
        return place + ": " + (field.map { "field \"\($0)\": " } ?? "") + reason
    }

    /// The issue in both languages: `description`, and in Chinese `事件 X（type）：字段 "…"（label）：reason`.
    public var message: Wording {
        let place = batchIndex != nil
            ? "事件 \(eventID)（\(type)）"
            : looseIndex != nil ? "事件（\(type)）" : "这一批会使第 \(seq ?? 0) 条记录（id \(eventID)，\(type)）不再成立"
        return Wording(en: description, zh: place + "：" + (field.map { EventWords.field($0).zh + "：" } ?? "") + wording.zh)
    }
}

/// The domain check of a batch before it is appended (ledger-spec.md, "Validation on append"): every event's
/// payload must fit its type's schema, and the facts in effect after the batch must be consistent — every
/// referenced entity registered (on or before the date it is referenced) and not retired, entity ids unique,
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
        _ = walk(batch, lastSeq: lastSeq, issues: &issues, anomalies: &anomalies, existing: { existing.record(withID: $0) }) { target, correction, seq, id, event in
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
        for problem in ReferenceChecker.check(combined, lastExistingSeq: lastSeq, loose: looseAll) {
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
            let before = Set(ReferenceChecker.check(CombinedFacts(existing: existing, batch: EventBatch([])), lastExistingSeq: lastSeq))
            for problem in onExisting where !before.contains(problem) {
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
                                loose: [LooseEvent] = [], heldFactsMax: Int = DomainValidator.heldFactsMax) -> StateCheck {
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
        var registers = fold.registers
        registers.collecting = false
        registers.watching = true
        registers.newAfter = lastSeq
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
            registers.checkLoose(event, evidence: own, label: label, problems: &problems)
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
    /// `correct` stops the walk and is returned (the batch is then checked against the whole log).
    /// - Throws: what `existing` throws.
    static func walk(_ batch: EventBatch, lastSeq: Int64, issues: inout [ValidationIssue], anomalies: inout [Anomaly],
                     existing: (String) throws -> (seq: Int64, type: String)?,
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
                            issue("data.corrects", ReferenceWords.correctsACorrection(correction.corrects))
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
                    anomalies.append(Anomaly(evidence: Evidence(seq: seq, eventID: id), reason: "payload not understood"))
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
}

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

/// The referential checks over the facts in effect. Entities exist from the business date of the fact that
/// creates them; a reference must be dated on or after that date and before the entity's retirement.
///
/// The checks run in two passes: `Registers.register` (creations, endings, rectification rounds, erasures, in log
/// order, so that the later of two equal ids is the duplicate) and `Registers.checkReferences` (every reference
/// of every fact, against what pass 1 registered). `Registers` may rest on a stored `CheckTable` (index/checks.state)
/// holding what pass 1 left for the records up to its stamp, so that a batch is checked without the whole log.
enum ReferenceChecker {
    struct Problem: Hashable {
        let evidence: Evidence
        let field: String?
        /// In English and Chinese (`ReferenceWords`).
        let wording: Wording
        /// The id a reference names that nothing registered, if that is the problem.
        let missing: ValidationIssue.Missing?

        var reason: String { wording.en }

        init(evidence: Evidence, field: String?, reason: Wording, missing: ValidationIssue.Missing? = nil) {
            self.evidence = evidence
            self.field = field
            self.wording = reason
            self.missing = missing
        }

        /// A problem whose reason is English only, or a reason of the effective log (`ReferenceWords.anomaly`).
        init(evidence: Evidence, field: String?, reason: String) {
            self.init(evidence: evidence, field: field, reason: ReferenceWords.anomaly(reason))
        }
    }

    /// A registered entity (or an ending): small, as a large import registers a million assets.
    struct Entry: Equatable, Sendable {
        let day: Int32
        let position: Int64
        /// Seq of the record whose content is in effect at `position` (the position itself, or the correction that
        /// replaced it): the one messages cite.
        let evidenceSeq: Int64
        let communityID: String?

        var date: CalendarDate { CalendarDate(dayNumber: Int(day)) }
    }

    /// The kinds of id a reference names: the ledger's one list (`IdKind`).
    typealias Kind = IdKind

    /// A list that issued a finding key: a step belongs to the latest list that issued its key before it.
    struct Issuer: Equatable, Sendable {
        let listID: String
        let day: Int32
        let position: Int64
        let evidenceSeq: Int64
    }

    /// A report (closes nil) or re-check (closes true when closed, 销号) of a finding key.
    struct Step: Equatable, Sendable {
        let day: Int32
        let position: Int64
        let evidenceSeq: Int64
        let closes: Bool?
    }

    /// What a decision's participation is checked against.
    struct Terms: Equatable, Sendable {
        let totalArea: DecimalQuantity
        let totalOwners: Int64
    }

    struct KindID: Hashable, Sendable {
        let kind: Kind
        let id: String
    }

    /// Fold order (business date, then position), as `EffectiveFact.foldOrder`.
    static func precedes(_ aDay: Int32, _ aPosition: Int64, _ bDay: Int32, _ bPosition: Int64) -> Bool {
        aDay != bDay ? aDay < bDay : aPosition < bPosition
    }

    /// Every problem of the facts in `log` (the log's and the batch's), sorted by record.
    /// `loose`: events that state no fact, each checked with its evidence, or (nil) as the next position after
    /// the batch, in order.
    static func check(_ log: CombinedFacts, lastExistingSeq: Int64, loose: [(LooseEvent, Evidence?)] = []) -> [Problem] {
        let batch = log.batch
        let label = { (seq: Int64) -> FactPlace in
            seq <= lastExistingSeq ? .record(seq: seq) : .batchEvent(id: batch[Int(seq - lastExistingSeq - 1)].id ?? "(no id)")
        }
        var registers = Registers(base: nil)
        registers.newAfter = lastExistingSeq
        registers.logBefore = log.existing
        var problems: [Problem] = []
        log.forEach { registers.register($0, label: label, problems: &problems) }
        registers.checkLaterCaseTwins(label: label, problems: &problems)
        log.forEach { registers.checkReferences($0, label: label, problems: &problems) }
        var next = log.lastSeq
        for (event, evidence) in loose {
            let own = evidence ?? { next += 1; return Evidence(seq: next, eventID: "") }()
            registers.checkLoose(event, evidence: own, label: label, problems: &problems)
        }
        // Corrections the effective log could not apply.
        for anomaly in log.anomalies { problems.append(Problem(evidence: anomaly.evidence, field: nil, reason: anomaly.reason)) }
        return sorted(problems)
    }

    static func sorted(_ problems: [Problem]) -> [Problem] {
        problems.sorted { ($0.evidence.seq, $0.field ?? "", $0.reason) < ($1.evidence.seq, $1.field ?? "", $1.reason) }
    }

    /// The types whose facts pass 1 reads (they register, end, issue, step or erase): a correction of one of these
    /// changes what later facts are checked against. Every other type is only checked (a "leaf").
    static let registeringTypes: Set<String> = [
        "community.registered", "asset.registered", "register.imported", "fund.opened", "decision.recorded",
        "contract.signed", "use.started", "occupation.reported", "rectification.issued", "rectification.reported",
        "rectification.verified", "personal_data.erased", "asset.retired", "contract.terminated", "use.ended",
        "occupation.cleared",
    ]

    /// `registeringTypes.contains(payload.type)`, without hashing the type's name for a typed payload.
    static func isRegistering(_ payload: EventPayload) -> Bool {
        guard case .domain(let domain) = payload else { return registeringTypes.contains(payload.type) }
        switch domain.type {
        case .communityRegistered, .assetRegistered, .registerImported, .fundOpened, .decisionRecorded, .contractSigned,
             .useStarted, .occupationReported, .rectificationIssued, .rectificationReported, .rectificationVerified,
             .personalDataErased, .assetRetired, .contractTerminated, .useEnded, .occupationCleared:
            return true
        default:
            return false
        }
    }
}

/// What the facts before the one being checked registered: pass 1's result, held in memory and, when `base` is
/// given, resting on the stored state of the records up to its stamp (earlier positions: it wins for the first of
/// two equal ids). With `collecting` set it also gathers what the stored state keeps beyond pass 1 (`Collected`).
struct Registers {
    typealias Entry = ReferenceChecker.Entry
    typealias Kind = ReferenceChecker.Kind
    typealias Problem = ReferenceChecker.Problem

    let base: CheckTable?
    /// Registrations and endings in memory, by the entity's number (`Collected.numbers`); nil for none. An id is
    /// hashed once per reference (its number), not once per register it is looked up in.
    private(set) var registered: [Entry?] = []
    private(set) var ended: [Entry?] = []
    /// Finding key → the lists that issued it (in log order).
    var issuers: [String: [ReferenceChecker.Issuer]] = [:]
    /// Finding key → its reports and re-checks (in log order).
    var steps: [String: [ReferenceChecker.Step]] = [:]
    /// Commitment → the erasure that named it first: a value is erased once.
    var erasures: [PersonalCommitment: Int64] = [:]
    /// The registered community's terms and the registered list's keys (of the fact that registered them).
    var terms: [String: ReferenceChecker.Terms] = [:]
    var listKeys: [String: [String]] = [:]
    /// The registered import's file SHA-256 as its fact states it (of the fact that registered it): the stored state
    /// keys the imports by it (`I`, ledger-spec.md 15.4), so that an import finds its file's earlier imports without
    /// reading every import's record.
    var importFiles: [String: String] = [:]

    /// What a stored state keeps besides pass 1, so that a batch can be checked without the facts before it:
    /// enough to see when the batch could make an earlier fact invalid (then the whole log is checked). Each is
    /// gathered from every fact as stated (originals and corrections' replacements alike, whatever came after),
    /// so it only grows: a superset of what the facts in effect need.
    struct Collected {
        /// Every entity named (registered, ended or referenced) → its dense number (found by the hash of its kind and
        /// id's UTF-8, so that the rebuild numbers an id straight from a record's bytes), and the entities by number.
        var numbers = EntityNumbers()
        var entities: [ReferenceChecker.KindID] = []
        /// By number: whether the entity is referenced (registered or not; only while collecting).
        var referenced: [Bool] = []
        /// By number (assets): the latest date it is referenced where a retirement would matter, `Int32.min` for none.
        var useDay: [Int32] = []
        /// Finding key → the latest date of a report, re-check or extension naming it.
        var stepDay: [String: Int32] = [:]
        /// Finding key → the latest date of an extension naming it.
        var extendDay: [String: Int32] = [:]
        /// Ids that a finding key names as its item (RULE/ITEM/…).
        var itemIDs: Set<String> = []
        /// Event id → seq of the first record of a registering type (`ReferenceChecker.registeringTypes`).
        var registeringIDs: [String: Int64] = [:]
    }
    var collecting = false
    var collected = Collected()

    /// Set while a batch is registered on top of a stored state: the first reason the batch could make an
    /// earlier fact invalid, which the stored state cannot tell exactly (the caller then checks the whole log).
    var watching = false
    var unsafe: String? = nil

    /// Set while a batch is checked: the facts whose evidence is after this seq are the batch's (new records), held
    /// to the letter-case rule of new ids (`caseTwin`, CaseTwins.swift). Nil while a log is folded.
    var newAfter: Int64? = nil
    /// The in-memory registrations of the kinds the letter-case rule covers, by kind and case-folded id (`caseTwin`).
    var caseFoldedNumbers: [ReferenceChecker.KindID: [Int32]]? = nil
    /// Set while a batch is checked against a whole log: the log before the batch, whose fact at a position tells the
    /// id a replacement placed there may keep without being held to the letter-case rule (`keepsHeldID`).
    var logBefore: EffectiveLog? = nil
    /// The batch's replacements at positions of the log that no registration before them twins: judged, once pass 1
    /// is done, against the registrations after them (`checkLaterCaseTwins`, CaseTwins.swift).
    var laterCaseChecks: [LaterCaseCheck] = []
    /// Entity numbers registered by a batch's replacement that kept the id its record holds: old ids, not judged
    /// themselves, so a replacement before them is judged against them (`checkLaterCaseTwins`).
    var keptHeldNumbers: Set<Int32> = []

    init(base: CheckTable?) { self.base = base }

    // MARK: numbers

    /// The number of `(kind, id)`, given one the first time it is named.
    mutating func number(_ kind: Kind, _ id: String) -> Int32 { number(kind, id.utf8, text: id) }

    /// `number(kind, id)` for an id given as its UTF-8 (a record's bytes): the string is made only for a new one.
    mutating func number<Bytes: Collection<UInt8>>(_ kind: Kind, _ utf8: Bytes, text: String? = nil) -> Int32 {
        let hash = EntityNumbers.hash(kind, utf8)
        // Most names are of entities already numbered: one hash then.
        switch collected.numbers.find(hash: hash, kind: kind, utf8, in: collected.entities) {
        case .found(let known):
            return known
        case .slot(let slot):
            let fresh = Int32(collected.entities.count)
            collected.entities.append(ReferenceChecker.KindID(kind: kind, id: text ?? String(decoding: utf8, as: UTF8.self)))
            collected.numbers.insert(fresh, hash: hash, at: slot)
            collected.referenced.append(false)
            collected.useDay.append(Int32.min)
            return fresh
        }
    }

    /// What the checks' fold notes of a reference in a whole-log rebuild (`checkReferences` while collecting, whose
    /// problems the fold discards): the entity's number, that it is referenced, and for an asset that must not be
    /// retired, the latest date it is used.
    mutating func noteReference(_ kind: Kind, _ utf8: ArraySlice<UInt8>, notRetired: Bool, day: Int32) {
        let n = Int(number(kind, utf8))
        collected.referenced[n] = true
        if notRetired, kind == .asset { collected.useDay[n] = Swift.max(collected.useDay[n], day) }
    }

    /// Room for about `entities` numbers and `registering` registering records, reserved once (a whole-log fold:
    /// growing the tables by doubling would rehash every id some 20 times).
    mutating func reserve(entities: Int, registering: Int) {
        collected.numbers.reserve(entities)
        collected.entities.reserveCapacity(entities)
        collected.referenced.reserveCapacity(entities)
        collected.useDay.reserveCapacity(entities)
        collected.registeringIDs.reserveCapacity(registering)
    }

    /// The number of `(kind, id)` if it has one.
    func existingNumber(_ kind: Kind, _ id: String) -> Int32? {
        if case .found(let n) = collected.numbers.find(hash: EntityNumbers.hash(kind, id.utf8), kind: kind, id.utf8, in: collected.entities) { return n }
        return nil
    }

    /// The registration held in memory for number `n` (not the base's).
    func registeredInMemory(_ n: Int32) -> Entry? { Int(n) < registered.count ? registered[Int(n)] : nil }
    func endedInMemory(_ n: Int32) -> Entry? { Int(n) < ended.count ? ended[Int(n)] : nil }

    private mutating func setRegistered(_ n: Int32, _ entry: Entry) {
        if Int(n) >= registered.count { registered.append(contentsOf: repeatElement(nil, count: collected.entities.count - registered.count)) }
        registered[Int(n)] = entry
    }

    private mutating func setEnded(_ n: Int32, _ entry: Entry) {
        if Int(n) >= ended.count { ended.append(contentsOf: repeatElement(nil, count: collected.entities.count - ended.count)) }
        ended[Int(n)] = entry
    }

    /// Whether the registers in memory (not the base) register `(kind, id)`.
    func registersInMemory(_ kind: Kind, _ id: String) -> Bool {
        existingNumber(kind, id).map { registeredInMemory($0) != nil } ?? false
    }

    // MARK: lookups (memory first: it never holds an id the base has)

    func entry(_ kind: Kind, _ id: String) -> Entry? { entry(existingNumber(kind, id), kind, id) }
    func ending(_ kind: Kind, _ id: String) -> Entry? { ending(existingNumber(kind, id), kind, id) }
    /// The same, with the entity's number already found.
    func entry(_ n: Int32?, _ kind: Kind, _ id: String) -> Entry? { n.flatMap(registeredInMemory) ?? base?.entry(kind, id) }
    func ending(_ n: Int32?, _ kind: Kind, _ id: String) -> Entry? { n.flatMap(endedInMemory) ?? base?.ending(kind, id) }
    func issuers(of key: String) -> [ReferenceChecker.Issuer] {
        guard let base else { return issuers[key] ?? [] }
        return base.rounds(key).issuers + (issuers[key] ?? [])
    }
    func steps(of key: String) -> [ReferenceChecker.Step] {
        guard let base else { return steps[key] ?? [] }
        return base.rounds(key).steps + (steps[key] ?? [])
    }
    func erasure(_ commitment: PersonalCommitment) -> Int64? { erasures[commitment] ?? base?.erasure(commitment) }
    func communityTerms(_ id: String) -> ReferenceChecker.Terms? { terms[id] ?? base?.terms(id) }
    func keys(ofList id: String) -> [String]? { listKeys[id] ?? base?.listKeys(id) }
    func registeringSeq(ofEventID id: String) -> Int64? { collected.registeringIDs[id] ?? base?.registeringSeq(id) }

    // MARK: pass 1

    /// Registers what `fact` creates, ends, issues, steps or erases; a duplicate is a problem of `fact`.
    mutating func register(_ fact: EffectiveFact, label: (Int64) -> FactPlace, problems: inout [Problem]) {
        let day = Int32(fact.occurredOn.dayNumber)
        let prefix = fact.replaces == nil ? "data" : "data.replacement.data"
        func create(_ kind: Kind, _ id: String, _ field: String, community: String?) -> Bool {
            let n = number(kind, id)
            if let first = entry(n, kind, id) {
                problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)",
                                        reason: ReferenceWords.alreadyExists(kind, id, at: label(first.evidenceSeq))))
                return false
            }
            if let newAfter, fact.evidence.seq > newAfter, Self.isCaseRuled(kind) {
                // Registered all the same (below), so that the batch's references to it are not also reported as unregistered.
                if keepsHeldID(fact, kind, id) {
                    keptHeldNumbers.insert(n)
                } else if let twin = caseTwin(kind, id) {
                    problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)",
                                            reason: ReferenceWords.caseTwin(kind, id, of: twin.id, community: twin.entry.communityID,
                                                                            at: label(twin.entry.evidenceSeq),
                                                                            replacing: fact.replaces.map { _ in label(fact.position) })))
                } else if fact.replaces != nil, fact.position <= newAfter {
                    laterCaseChecks.append(LaterCaseCheck(kind: kind, id: id, field: "\(prefix).\(field)", evidence: fact.evidence,
                                                          position: fact.position))
                }
            }
            if watching { watchCreation(kind, id) }
            setRegistered(n, Entry(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, communityID: community))
            noteCaseFolded(kind, id, n)
            return true
        }
        func end(_ kind: Kind, _ id: String, _ field: String, _ verb: String) {
            let n = number(kind, id)
            if let first = ending(n, kind, id) {
                problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)",
                                        reason: ReferenceWords.alreadyEnded(kind, id, verb, on: first.date, at: label(first.evidenceSeq))))
                return
            }
            if watching, kind == .asset, let used = useDay(id), used >= day {
                unsafe = "asset \(id) retired on or before a use already recorded"
            }
            setEnded(n, Entry(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, communityID: nil))
        }
        switch fact.payload {
        case .communityRegistered(let p):
            if create(.community, p.communityID, "community_id", community: p.communityID) {
                terms[p.communityID] = ReferenceChecker.Terms(totalArea: p.totalArea, totalOwners: p.totalOwners)
            }
        case .assetRegistered(let p): _ = create(.asset, p.assetID, "asset_id", community: p.communityID)
        case .registerImported(let p):
            if create(.import, p.importID, "import_id", community: p.communityID) { importFiles[p.importID] = p.fileSHA256 }
        case .fundOpened(let p): _ = create(.fund, p.fundID, "fund_id", community: p.communityID)
        case .decisionRecorded(let p): _ = create(.decision, p.decisionID, "decision_id", community: p.communityID)
        case .contractSigned(let p): _ = create(.contract, p.contractID, "contract_id", community: p.communityID)
        case .useStarted(let p): _ = create(.use, p.useID, "use_id", community: nil)
        case .occupationReported(let p): _ = create(.occupation, p.occupationID, "occupation_id", community: nil)
        case .rectificationIssued(let p):
            if create(.list, p.listID, "list_id", community: p.communityID) { listKeys[p.listID] = p.items.map(\.key) }
            for item in p.items {
                if watching, let stepped = stepDay(item.key), stepped > day {
                    unsafe = "finding \(item.key) issued before a step already recorded"
                }
                issuers[item.key, default: []].append(ReferenceChecker.Issuer(listID: p.listID, day: day, position: fact.position,
                                                                               evidenceSeq: fact.evidence.seq))
            }
        case .rectificationReported(let p):
            for key in p.keys {
                steps[key, default: []].append(ReferenceChecker.Step(day: day, position: fact.position, evidenceSeq: fact.evidence.seq, closes: nil))
            }
        case .rectificationVerified(let p):
            for key in p.keys {
                if watching, p.result == .closed, let extended = extendDay(key), extended > day {
                    unsafe = "finding \(key) closed before an extension already recorded"
                }
                steps[key, default: []].append(ReferenceChecker.Step(day: day, position: fact.position, evidenceSeq: fact.evidence.seq,
                                                                     closes: p.result == .closed))
            }
        case .personalDataErased(let p):
            for (index, commitment) in p.commitments.enumerated() {
                if let first = erasure(commitment) {
                    problems.append(Problem(evidence: fact.evidence, field: "\(prefix).commitments[\(index)]",
                                            reason: ReferenceWords.erasedTwice(commitment.hex, at: label(first))))
                } else {
                    erasures[commitment] = fact.evidence.seq
                }
            }
        case .assetRetired(let p): end(.asset, p.assetID, "asset_id", "retired")
        case .contractTerminated(let p): end(.contract, p.contractID, "contract_id", "terminated")
        case .useEnded(let p): end(.use, p.useID, "use_id", "ended")
        case .occupationCleared(let p): end(.occupation, p.occupationID, "occupation_id", "cleared")
        default: break
        }
    }

    /// A new entity that an earlier fact may name: as a dangling reference, or as the item of a finding key.
    private mutating func watchCreation(_ kind: Kind, _ id: String) {
        let key = ReferenceChecker.KindID(kind: kind, id: id)
        if existingNumber(kind, id).map({ collected.referenced[Int($0)] }) == true || base?.isReferenced(key) == true {
            unsafe = "\(kind.rawValue) \(id) is referenced by a record before it was registered"
        }
        if [.asset, .contract, .fund, .decision].contains(kind), collected.itemIDs.contains(id) || base?.namesItem(id) == true {
            unsafe = "\(kind.rawValue) \(id) is named by a finding key already issued"
        }
    }

    private func useDay(_ id: String) -> Int32? {
        let stored = existingNumber(.asset, id).flatMap { collected.useDay[Int($0)] == Int32.min ? nil : collected.useDay[Int($0)] }
        return max(stored, base?.useDay(id))
    }
    private func stepDay(_ key: String) -> Int32? { max(collected.stepDay[key], base?.rounds(key).stepDay) }
    private func extendDay(_ key: String) -> Int32? { max(collected.extendDay[key], base?.rounds(key).extendDay) }

    private func max(_ a: Int32?, _ b: Int32?) -> Int32? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil), (nil, let x?): return x
        case (let x?, let y?): return Swift.max(x, y)
        }
    }

    // MARK: pass 2

    /// Checks every reference of `fact` against what is registered. With `collecting`, also notes what the fact
    /// references (`Collected`), whatever the outcome.
    mutating func checkReferences(_ fact: EffectiveFact, label: (Int64) -> FactPlace, problems: inout [Problem]) {
        let date = fact.occurredOn
        let day = Int32(date.dayNumber)
        let prefix = fact.replaces == nil ? "data" : "data.replacement.data"
        func at(_ entry: Entry) -> FactPlace { label(entry.evidenceSeq) }
        func fail(_ field: String, _ reason: Wording, missing: ValidationIssue.Missing? = nil) {
            problems.append(Problem(evidence: fact.evidence, field: "\(prefix).\(field)", reason: reason, missing: missing))
        }
        /// Checks that `id` names an entity of `kind` that exists on the fact's date — or at all, for the deciding
        /// vote an act cites (`ratifiable`): one taken after the act is at most a ratification, which the rules
        /// report (CON-01, FUND-01, FUND-10, OCC-02; ledger-spec.md section 10.4, rule 2); returns it.
        @discardableResult
        func ref(_ kind: Kind, _ id: String, _ field: String, community: String? = nil, notRetired: Bool = false,
                 ending: String? = nil, ratifiable: Bool = false) -> Entry? {
            let n: Int32?
            if collecting {
                let number = number(kind, id)
                collected.referenced[Int(number)] = true
                if notRetired, kind == .asset { collected.useDay[Int(number)] = Swift.max(collected.useDay[Int(number)], day) }
                n = number
            } else {
                n = existingNumber(kind, id)
            }
            guard let entry = entry(n, kind, id) else {
                fail(field, ReferenceWords.notRegistered(kind, id), missing: .entity(kind: kind.rawValue, id: id))
                return nil
            }
            guard entry.day <= day || ratifiable else {
                if let ending {
                    fail(field, ReferenceWords.endsBeforeStart(ending, on: date, kind, id, began: entry.date, at: at(entry)))
                } else {
                    fail(field, ReferenceWords.notYetRegistered(kind, id, from: entry.date, at: at(entry), eventDate: date))
                }
                return nil
            }
            if let community, let owner = entry.communityID, owner != community, kind != .community {
                fail(field, ReferenceWords.otherCommunity(kind, id, owner: owner, not: community))
            }
            if notRetired, kind == .asset, let retired = self.ending(n, .asset, id), retired.day <= day {
                fail(field, ReferenceWords.assetRetired(id, on: retired.date, at: at(retired)))
            }
            return entry
        }
        func notBefore(_ kind: Kind, _ id: String, _ field: String, _ what: String) {
            ref(kind, id, field, ending: what)
        }
        func source(_ source: AssetSource) {
            if case .importRow(let importID, _) = source { ref(.import, importID, "source.import_id") }
        }
        /// Checks that the list exists on the fact's date and issued every key named; returns its community.
        @discardableResult
        func loopList(_ listID: String, _ keys: [String], extending: Bool = false) -> String? {
            if collecting {
                for key in keys {
                    collected.stepDay[key] = Swift.max(collected.stepDay[key] ?? day, day)
                    if extending { collected.extendDay[key] = Swift.max(collected.extendDay[key] ?? day, day) }
                }
            }
            guard let entry = ref(.list, listID, "list_id"), let listed = self.keys(ofList: listID) else { return nil }
            let issuedKeys = Set(listed)
            for (index, key) in keys.enumerated() {
                guard issuedKeys.contains(key) else {
                    fail("keys[\(index)]", ReferenceWords.notAFindingOfList(key, list: listID, at: at(entry)))
                    continue
                }
                // A key issued again starts a new round: a step naming the earlier list would be read as nothing.
                let current = issuers(of: key).filter { ReferenceChecker.precedes($0.day, $0.position, day, fact.position) }
                    .max { ReferenceChecker.precedes($0.day, $0.position, $1.day, $1.position) }
                if let current, current.listID != listID {
                    fail("keys[\(index)]", ReferenceWords.issuedAgain(key, list: current.listID, on: CalendarDate(dayNumber: Int(current.day)),
                                                                       at: label(current.evidenceSeq)))
                    continue
                }
                // The round's last step before an extension must not be its closure: an extension would be a
                // deadline on nothing (the status stays 已销号).
                guard extending, let current else { continue }
                let last = steps(of: key).filter {
                    ReferenceChecker.precedes(current.day, current.position, $0.day, $0.position)
                        && ReferenceChecker.precedes($0.day, $0.position, day, fact.position)
                }.max { ReferenceChecker.precedes($0.day, $0.position, $1.day, $1.position) }
                if let last, last.closes == true {
                    fail("keys[\(index)]", ReferenceWords.closedFinding(key, on: CalendarDate(dayNumber: Int(last.day)), at: label(last.evidenceSeq)))
                }
            }
            return entry.communityID
        }

        switch fact.payload {
        case .communityRegistered:
            break
        case .assetRegistered(let p):
            ref(.community, p.communityID, "community_id")
            source(p.source)
        case .assetUpdated(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
            source(p.source)
        case .assetRetired(let p):
            ref(.asset, p.assetID, "asset_id")
        case .registerImported(let p):
            if let community = p.communityID { ref(.community, community, "community_id") }
        case .fundOpened(let p):
            ref(.community, p.communityID, "community_id")
        case .decisionRecorded(let p):
            if ref(.community, p.communityID, "community_id") != nil, let community = communityTerms(p.communityID) {
                if p.participatingArea > community.totalArea {
                    fail("participating_area_m2", ReferenceWords.areaAboveTotal(p.participatingArea, total: community.totalArea))
                }
                if p.participatingOwners > community.totalOwners {
                    fail("participating_owners", ReferenceWords.ownersAboveTotal(p.participatingOwners, total: community.totalOwners))
                }
            }
            for (index, asset) in p.authorises.assetIDs.enumerated() {
                ref(.asset, asset, "authorises.asset_ids[\(index)]", community: p.communityID, notRetired: true)
            }
        case .contractSigned(let p):
            ref(.community, p.communityID, "community_id")
            for (index, asset) in p.assetIDs.enumerated() {
                ref(.asset, asset, "asset_ids[\(index)]", community: p.communityID, notRetired: true)
            }
            if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: p.communityID, ratifiable: true) }
            if let fund = p.payeeFundID { ref(.fund, fund, "payee_fund_id", community: p.communityID) }
        case .contractTerminated(let p):
            notBefore(.contract, p.contractID, "contract_id", "termination")
        case .useStarted(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
            switch p.authority {
            case .contract(let id): ref(.contract, id, "authority.contract_id")
            case .decision(let id): ref(.decision, id, "authority.decision_id", ratifiable: true)
            case .none: break
            }
        case .useEnded(let p):
            notBefore(.use, p.useID, "use_id", "the end")
        case .inspectionRecorded(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
        case .occupationReported(let p):
            ref(.asset, p.assetID, "asset_id", notRetired: true)
        case .occupationCleared(let p):
            notBefore(.occupation, p.occupationID, "occupation_id", "clearing")
        case .fundIncome(let p):
            ref(.fund, p.fundID, "fund_id")
            if let contract = p.sourceContractID { ref(.contract, contract, "source.contract_id") }
        case .fundSpending(let p):
            let fund = ref(.fund, p.fundID, "fund_id")
            if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: fund?.communityID, ratifiable: true) }
            for (index, asset) in p.assetIDs.enumerated() {
                ref(.asset, asset, "asset_ids[\(index)]", community: fund?.communityID, notRetired: true)
            }
        case .fundTransfer(let p):
            let from = ref(.fund, p.fromFundID, "from_fund_id")
            ref(.fund, p.toFundID, "to_fund_id")
            // The owners who decide are those of the community whose money leaves.
            if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: from?.communityID, ratifiable: true) }
        case .fundBalanceAsserted(let p):
            ref(.fund, p.fundID, "fund_id")
        case .disclosurePublished(let p):
            ref(.community, p.communityID, "community_id")
            for (index, fund) in p.fundIDs.enumerated() { ref(.fund, fund, "fund_ids[\(index)]", community: p.communityID) }
        case .rectificationIssued(let p):
            ref(.community, p.communityID, "community_id")
            if p.atSeq >= fact.position {
                fail("at_seq", ReferenceWords.listNotBefore(p.atSeq, at: label(fact.evidence.seq)))
            }
            // A key names its item second (RULE/ITEM/…), and a finding belongs to its item's community: a key
            // of another community's item would change that community's statuses through this list.
            for (index, item) in p.items.enumerated() {
                let parts = item.key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count >= 2 else { continue }
                let itemID = String(parts[1])
                if collecting { collected.itemIDs.insert(itemID) }
                let owners = [Kind.asset, .contract, .fund, .decision].compactMap { (kind: Kind) -> (Kind, String)? in
                    entry(kind, itemID).flatMap { e in e.communityID.map { (kind, $0) } }
                }
                if let other = owners.first, !owners.contains(where: { $0.1 == p.communityID }) {
                    fail("items[\(index)].key", ReferenceWords.findingOfOtherCommunity(item.key, other.0, itemID, owner: other.1, not: p.communityID))
                }
            }
        case .rectificationReported(let p):
            let community = loopList(p.listID, p.keys)
            for (index, e) in p.evidence.enumerated() {
                switch e.kind {
                case .contract: ref(.contract, e.ref, "evidence[\(index)].ref", community: community)
                case .decision: ref(.decision, e.ref, "evidence[\(index)].ref", community: community)
                case .voucher, .photo, .document: break
                }
            }
        case .rectificationVerified(let p):
            loopList(p.listID, p.keys)
        case .rectificationExtended(let p):
            loopList(p.listID, p.keys, extending: true)
        case .personalDataErased, .correction:
            break
        }
    }
}

/// The checks' dense numbers of entities, found by a hash of the kind and the id's UTF-8 (open addressing, linear
/// probing; each slot holds a number, the entity's kind and id checked on a match): an id is numbered from a
/// record's bytes without making a string, and from a string without hashing it as a `String`.
struct EntityNumbers {
    /// Entity numbers, -1 for an empty slot; a power of two in size, at most half full.
    private var slots: [Int32] = []
    /// The hash of each entity, by number (to grow without hashing the ids again, and to skip most mismatches).
    private var hashes: [UInt64] = []

    enum Found { case found(Int32), slot(Int) }

    /// FNV-1a over the kind's index and the id's bytes, then a finaliser that spreads the bits.
    @inline(__always)
    static func hash<Bytes: Collection<UInt8>>(_ kind: ReferenceChecker.Kind, _ utf8: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(kind.index)) &* 0x100_0000_01b3
        for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 33; h = h &* 0xff51_afd7_ed55_8ccd; h ^= h >> 33
        return h
    }

    /// The number of `(kind, utf8)`, or the empty slot where it goes.
    func find<Bytes: Collection<UInt8>>(hash: UInt64, kind: ReferenceChecker.Kind, _ utf8: Bytes,
              in entities: [ReferenceChecker.KindID]) -> Found {
        guard !slots.isEmpty else { return .slot(-1) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let n = slots[i]
            if n < 0 { return .slot(i) }
            if hashes[Int(n)] == hash {
                let entity = entities[Int(n)]
                if entity.kind == kind, entity.id.utf8.elementsEqual(utf8) { return .found(n) }
            }
            i = (i + 1) & mask
        }
    }

    /// Puts number `n` (the last of `entities`) in `slot` (from `find`), growing the table when it is half full.
    mutating func insert(_ n: Int32, hash: UInt64, at slot: Int) {
        precondition(Int(n) == hashes.count, "numbers are given in order")
        hashes.append(hash)
        if slot < 0 || hashes.count * 2 > slots.count {
            grow(to: Swift.max(64, hashes.count * 4))
            return
        }
        slots[slot] = n
    }

    /// Room for about `count` entities without growing.
    mutating func reserve(_ count: Int) {
        hashes.reserveCapacity(count)
        if count * 2 > slots.count { grow(to: count * 2) }
    }

    private mutating func grow(to minimum: Int) {
        var size = 64
        while size < minimum { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (n, hash) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: hash) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(n)
        }
    }
}
