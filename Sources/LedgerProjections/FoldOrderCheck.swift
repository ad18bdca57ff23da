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
    /// The record that creates the entity (in effect: a creation voided and recorded again is the new record).
    public let creationSeq: Int64
    /// What is wrong and what to do, in English and Chinese.
    public let wording: Wording

    public var description: String { "seq \(seq) (id \(eventID), \(type)): field \"\(field)\": \(wording.en)" }

    /// `description` in Chinese.
    public var chineseDescription: String { "第 \(seq) 条记录（编号 \(eventID)，\(type)）字段“\(field)”：\(wording.zh)" }
}

/// The check behind `FoldOrderProblem`: the append check's own (`ReferenceChecker`, one definition of the fold order
/// and of what each type names) run over the facts in effect of the whole log, keeping only its findings of an
/// entity created after the fact that names it. Other reference problems of an old log (an id never registered, a
/// retired asset used) are not listed here: they are not about the order of the fold.
public enum FoldOrderCheck {
    /// Every such fact of `log`, in seq order (then field).
    public static func problems(of log: EffectiveLog) -> [FoldOrderProblem] {
        let found = ReferenceChecker.check(CombinedFacts(existing: log, batch: EventBatch([])), lastExistingSeq: log.lastSeq)
        return found.compactMap { problem in
            guard let before = problem.foldedBefore, let field = problem.field else { return nil }
            let type = log.record(withID: problem.evidence.eventID)?.type ?? ""
            let factType = log.fact(at: before.position)?.payload.type.rawValue ?? type
            return FoldOrderProblem(seq: problem.evidence.seq, eventID: problem.evidence.eventID, type: type, field: field,
                                    entityKind: before.kind.rawValue, entityID: before.id, creationSeq: before.creationSeq,
                                    wording: ReferenceWords.foldedBeforeCreation(before, factType: factType))
        }
    }
}
