import LedgerChain
import LedgerEvents

/// A fact in effect that names an entity before that entity exists in the fold order (ledger-spec.md section 11,
/// item 3: business date, then position): the entity is created later — on a later date, or on the fact's date by a
/// record of a higher seq (10.4 rules 2 and 5). `ledger append` refuses such a fact; a log written before that rule
/// (or by another tool) may hold one, and the projections fold it before the entity exists, so it is left out or
/// left unlinked. `ledger verify --schema` lists each, with the repair.
public struct FoldOrderProblem: Equatable, Sendable, CustomStringConvertible {
    /// The record whose content is in effect (for a correction's replacement, the correction), its id and type.
    public let seq: Int64
    public let eventID: String
    public let type: String
    /// The field naming the entity (`data.asset_id`; `data.replacement.data.asset_id` in a replacement).
    public let field: String
    /// The entity's kind (`asset`, `fund`, …, as `IdKind` names it) and id.
    public let entityKind: String
    public let entityID: String
    /// The record that creates the entity (in effect: a creation voided and recorded again is the new record; of two
    /// creations, the first in the fold order, as the projections keep it).
    public let creationSeq: Int64
    /// What is wrong and what to do, in English and Chinese.
    public let wording: Wording

    public var description: String { "seq \(seq) (id \(eventID), \(type)): field \"\(field)\": \(wording.en)" }

    /// `description` in Chinese: `第 6 条记录（id b-use，开始使用 use.started）：字段“data.asset_id”（资产编号）：…` (the
    /// type by its Chinese name, the log's name beside it, so that the clerk can find it in the log).
    public var chineseDescription: String {
        let shownType = EventType(rawValue: type).map { "\($0.chineseName) \(type)" } ?? type
        return "第 \(seq) 条记录（id \(eventID)，\(shownType)）：\(EventWords.field(field).zh)：\(wording.zh)"
    }
}

/// The check behind `FoldOrderProblem`: the append check's own (`ReferenceChecker`, one definition of the fold order
/// and of what each type names) run over the facts in effect of the whole log, keeping only its findings of an
/// entity created after the fact that names it. Other reference problems of an old log (an id never registered, a
/// retired asset used) are not listed here: they are not about the order of the fold.
public enum FoldOrderCheck {
    /// Every such fact of `log`, in seq order (then field).
    public static func problems(of log: EffectiveLog) -> [FoldOrderProblem] {
        // Of two creations of one entity (a log written by another tool), the fold's: the first in (date, position).
        let found = ReferenceChecker.check(CombinedFacts(existing: log, batch: EventBatch([])), lastExistingSeq: log.lastSeq,
                                           foldOrderCreations: true)
        return found.compactMap { problem in
            guard let before = problem.foldedBefore, let field = problem.field else { return nil }
            let fact = log.fact(at: before.position)
            let type = fact?.replaces != nil ? EventType.correction.rawValue : fact?.payload.type.rawValue ?? ""
            return Self.problem(problem, before, field: field, type: type, factType: fact?.payload.type.rawValue ?? type)
        }
    }
}

/// `FoldOrderCheck` over a log read twice, without holding its facts: the first read folds the checks' registers
/// record by record (`CheckFold`, as `index/checks.state` is built) and keeps the corrections; the second makes each
/// fact in effect as `EffectiveLog` would (the corrections applied to the first record of the id they name) and checks
/// its references against those registers. Memory is that of the registers (the entities, not the facts). When a
/// correction changes what registers (a creation voided or replaced), the registers no longer follow the facts in
/// effect: `problems` returns nil and the caller folds an `EffectiveLog` (`FoldOrderCheck.problems(of:)`).
public struct FoldOrderScan {
    private var fold = CheckFold()
    /// The corrections read, by the event id they name, in seq order.
    private var corrections: [String: [(seq: Int64, id: String, actor: String, replacement: Replacement?)]] = [:]

    public init() {
        // Of two creations of one entity, the fold's (`FoldOrderCheck.problems(of:)`).
        fold.registers.foldOrderCreations = true
    }

    /// The first read: the next record, in seq order.
    public mutating func apply(_ record: Record) {
        fold.apply(record)
        if case .domain(.correction(let correction)) = record.payload {
            corrections[correction.corrects, default: []].append((record.seq, record.id, record.actor, correction.replacement))
        }
    }

    /// The second read: `read` calls its argument with every record of the same log, in seq order. Nil when the
    /// registers do not follow the facts in effect (see the type).
    public func problems<E: Error>(_ read: (_ visit: (Record) -> Void) throws(E) -> Void) throws(E) -> [FoldOrderProblem]? {
        guard fold.gaveUp == nil else { return nil }
        var registers = fold.registers
        registers.collecting = false
        var found: [FoldOrderProblem] = []
        var problems: [ReferenceChecker.Problem] = []
        var seen: Set<String> = []
        let label = { (seq: Int64) in FactPlace.record(seq: seq) }
        try read { record in
            var fact: EffectiveFact? = nil
            var type = record.payload.type
            if case .domain(let domain) = record.payload, record.payload.type != EventType.correction.rawValue {
                fact = EffectiveFact(position: record.seq, evidence: Evidence(seq: record.seq, eventID: record.id), replaces: nil,
                                     occurredOn: record.occurredOn, actor: record.actor, payload: domain)
            }
            // The corrections after the first record of an id apply to it, in seq order (a correction of a correction
            // applies to nothing; one before the record named nothing yet).
            if let named = corrections[record.id], seen.insert(record.id).inserted, record.payload.type != EventType.correction.rawValue {
                for correction in named where correction.seq > record.seq {
                    fact = correction.replacement.map {
                        EffectiveFact(position: record.seq, evidence: Evidence(seq: correction.seq, eventID: correction.id),
                                      replaces: Evidence(seq: record.seq, eventID: record.id), occurredOn: $0.occurredOn,
                                      actor: correction.actor, payload: $0.payload)
                    }
                    type = EventType.correction.rawValue
                }
            }
            guard let fact else { return }
            problems.removeAll(keepingCapacity: true)
            registers.checkReferences(fact, label: label, problems: &problems)
            for problem in problems {
                guard let before = problem.foldedBefore, let field = problem.field else { continue }
                found.append(FoldOrderCheck.problem(problem, before, field: field, type: type, factType: fact.payload.type.rawValue))
            }
        }
        return found.sorted { ($0.seq, $0.field, $0.wording.en) < ($1.seq, $1.field, $1.wording.en) }
    }
}

extension FoldOrderCheck {
    static func problem(_ problem: ReferenceChecker.Problem, _ before: ReferenceChecker.FoldedBefore, field: String, type: String,
                        factType: String) -> FoldOrderProblem {
        FoldOrderProblem(seq: problem.evidence.seq, eventID: problem.evidence.eventID, type: type, field: field,
                         entityKind: before.kind.rawValue, entityID: before.id, creationSeq: before.creationSeq,
                         wording: ReferenceWords.foldedBeforeCreation(before, factType: factType))
    }
}
