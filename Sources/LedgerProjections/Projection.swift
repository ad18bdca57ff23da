import LedgerChain
import LedgerEvents
import LedgerPlatform

// The entities a projection holds. Every entity keeps the evidence (seq + event id) of the facts it rests on,
// so rules and reports can cite them. Histories are in fold order: business date, then log position.

/// The state of the ledger as of a date and a seq: every community, common part, fund, contract, decision, use,
/// inspection, occupation and disclosure, rebuilt from the facts in effect. A pure function of the log.
///
/// "As of date D" means after every fact that occurred on or before D, with every correction up to the cut's seq
/// applied (ledger-spec.md, "Projections"). Statuses (asset status, contract status, rent due) are evaluated on D.
public struct Projection: Equatable, Sendable {
    /// The event types whose facts alone make the communities' ids and names, the common parts' registered fields
    /// (community, kind, name, location, area, attributes, retirement, registration date) and the imports
    /// (`ProjectionFold`'s fold of each; an erasure changes no entity): what a register import compares with, read
    /// from a scope without the other types' records (`ScopeIndex.keepingTypes`).
    public static let registerEventTypes: Set<String> = Set([EventType.communityRegistered, .assetRegistered, .assetUpdated,
                                                             .assetRetired, .registerImported, .personalDataErased].map(\.rawValue))

    /// The date statuses are evaluated on; facts after it are left out.
    public let asOf: CalendarDate
    /// Seq of the last record taken into account.
    public let atSeq: Int64

    // The entities by id, each kind in the order first registered (the fold's own tables: `EntityMap`).
    public internal(set) var communities = EntityMap<Community>()
    public internal(set) var assets = EntityMap<Asset>()
    public internal(set) var funds = EntityMap<Fund>()
    public internal(set) var contracts = EntityMap<Contract>()
    public internal(set) var decisions = EntityMap<Decision>()
    public internal(set) var uses = EntityMap<Use>()
    public internal(set) var occupations = EntityMap<Occupation>()
    public internal(set) var imports = EntityMap<RegisterImport>()
    /// All inspections, in fold order.
    public internal(set) var inspections: [Inspection] = []
    /// All fund movements, in fold order.
    public internal(set) var movements: [FundMovement] = []
    /// For each corrected spending or transfer (by `FundMovement.recordID`, the original event's id), the
    /// `decision_id` each earlier version of its record cited, as `Contract.earlierDecisionIDs`, and the original record:
    /// a correction citing a decision taken after the act (a ratification) leaves here the failed vote it was made
    /// under, so that FUND-03's finding keeps its code and key (review 47d #2). Rare: empty for a log without such
    /// corrections. Not kept by `FundFold` (the rules fold the projection).
    public internal(set) var earlierMovementDecisions: [String: EarlierCitations] = [:]
    public internal(set) var disclosures: [Disclosure] = []
    /// Corrections applied (all of them up to `atSeq`, whatever their date).
    public internal(set) var corrections: [AppliedCorrection] = []
    /// Facts that could not be folded (unknown references, duplicate ids, unreadable payloads) — only in logs
    /// that bypassed `DomainValidator`.
    public internal(set) var anomalies: [Anomaly] = []
    /// Every fact in effect up to `asOf`, in fold order (used by `ledger show`).
    public internal(set) var facts: [EffectiveFact] = []
    /// The decisions in effect that are dated after `asOf` (id → the day of the vote; the earliest when an id is
    /// recorded twice): not folded, since they were not yet taken on `asOf`, but an act may already cite one (a
    /// later ratification, ledger-spec.md 11 rule 2), and the rules then say that it was not yet taken on the check
    /// date rather than that the ledger does not hold it.
    public internal(set) var decisionsAfterAsOf: [String: CalendarDate] = [:]

    /// Projects `records` (in seq order) as of `asOf`, taking records up to `atSeq` (all when nil).
    /// - Complexity: O(n log n) in the number of records.
    public init(records: some Sequence<Record>, asOf: CalendarDate, atSeq: Int64? = nil) {
        self.init(log: EffectiveLog(records: records, atSeq: atSeq), asOf: asOf)
    }

    /// Projects the array `records` (a whole log, in seq order) as of `asOf`: the facts in effect are taken from
    /// the records in fold order without building an `EffectiveLog` (`EffectiveLog.factPlan(of:atSeq:asOf:)`), the
    /// same facts, corrections and anomalies as `EffectiveLog.facts(of:atSeq:asOf:)`. Each fact is folded as it is
    /// made and then kept in `facts`: made first and folded after, from the list, every fact's payload was read from
    /// memory twice at a million records (and each fact moved out of the list and back for its fold).
    public init(records: [Record], asOf: CalendarDate, atSeq: Int64? = nil) {
        let plan = EffectiveLog.factPlan(of: records, atSeq: atSeq, asOf: asOf)
        self.asOf = asOf
        self.atSeq = plan.lastSeq
        corrections = plan.corrections
        var fold = ProjectionFold(anomalies: plan.anomalies)
        fold.earlierDecisionCitations = plan.earlierDecisionCitations
        fold.reserve(plan.kinds)
        var facts: [EffectiveFact] = []
        facts.reserveCapacity(plan.count)
        plan.forEachFact { index, source in
            let fact = EffectiveLog.fact(at: index, source: source, records)
            fold.fold(fact)
            facts.append(fact)
        }
        self.facts = facts
        for index in plan.later {
            let source = plan.source[index]
            let isDecision: Bool
            switch source == index ? records[index].payload : records[source].payload {
            case .domain(.decisionRecorded): isDecision = true
            case .domain(.correction(let correction)):
                if case .decisionRecorded? = correction.replacement?.payload { isDecision = true } else { isDecision = false }
            default: isDecision = false
            }
            guard isDecision else { continue }
            let fact = EffectiveLog.fact(at: index, source: source, records)
            guard case .decisionRecorded(let decision) = fact.payload else { continue }
            Self.noteDecisionAfter(decision.decisionID, fact.occurredOn, in: &decisionsAfterAsOf)
        }
        fold.finish(into: &self)
        checkInvariants()
    }

    /// An empty projection (filled by `FundFold`).
    init(asOf: CalendarDate, atSeq: Int64) {
        self.asOf = asOf
        self.atSeq = atSeq
    }

    /// Projects an effective log as of `asOf`. A log handed over (not used after) gives its facts up to the
    /// projection without a copy; one the caller keeps is copied, as a borrowed one was.
    public init(log: consuming EffectiveLog, asOf: CalendarDate) {
        let lastSeq = log.lastSeq, corrections = log.corrections, anomalies = log.anomalies
        let earlier = log.earlierDecisionCitations
        var owned = consume log
        var later: [String: CalendarDate] = [:]
        self.init(effective: EffectiveFacts(lastSeq: lastSeq, facts: owned.takeOrderedFacts(asOf: asOf, decisionsAfter: &later),
                                            corrections: corrections, anomalies: anomalies, earlierDecisionCitations: earlier), asOf: asOf)
        decisionsAfterAsOf = later
    }

    /// Notes decision `id` dated `day` among `decisionsAfterAsOf` (the earliest day when an id comes twice).
    static func noteDecisionAfter(_ id: String, _ day: CalendarDate, in table: inout [String: CalendarDate]) {
        if let known = table[id], known <= day { return }
        table[id] = day
    }

    /// Folds the facts in effect (in fold order) as of `asOf`.
    init(effective: consuming EffectiveFacts, asOf: CalendarDate) {
        self.asOf = asOf
        self.atSeq = effective.lastSeq
        corrections = effective.corrections
        var fold = ProjectionFold(anomalies: effective.anomalies)
        fold.earlierDecisionCitations = effective.earlierDecisionCitations
        // The facts taken from `effective` (left empty), so that the array is not shared.
        var facts = effective.facts
        effective.facts = []
        fold.reserve(for: facts)
        // Each fact moved out of the array for its fold and back after it: read in place or by subscript, it was copied
        // for the call and released after (a retain and a release of each reference, ~240 instructions a fact).
        facts.forEachMovedOut { fold.fold($0) }
        self.facts = facts
        fold.finish(into: &self)
        checkInvariants()
    }
}

/// What one earlier version of a corrected act's record cited, and the record that made that version.
public struct EarlierCitation: Equatable, Sendable {
    /// The `decision_id` the version cited (nil: none).
    public let decisionID: String?
    /// The record whose content stood as that version: the record first made, or the correction whose replacement
    /// it was. A finding made from that version cites it, as a list made before the next correction did (review 48
    /// #2: a failed vote cited only by a middle correction was cited with the first record, which cited none).
    public let record: Evidence
    /// Whether the correction that replaced this version changed anything besides the `decision_id` (the business
    /// date or any other term). A finding judging this version while the record in effect states other facts (an
    /// amount, a rent) cites the record in effect too, so that each fact it states is proved by a cited record
    /// (review 49 #1: a spending of 500.00 corrected to cite a later vote, then to 600.00, was shown as 600.00
    /// citing only the record of 500.00).
    public let changedAfter: Bool

    public init(decisionID: String?, record: Evidence, changedAfter: Bool = false) {
        self.decisionID = decisionID
        self.record = record
        self.changedAfter = changedAfter
    }
}

extension Array where Element == EarlierCitation {
    /// The latest earlier version whose citation differs from `current` (the one the record cites now): the
    /// citation a correction changed last. Nil when no version cited otherwise.
    public func latest(citingOtherThan current: String?) -> EarlierCitation? {
        last { $0.decisionID != current }
    }

    /// Whether the record in effect states anything besides the citation that the version made by `judged` (an
    /// earlier version's record, judged in its place) did not: a correction after that version changed another term.
    /// False when `judged` is no earlier version's record (it is the record in effect).
    public func changedSince(_ judged: Evidence) -> Bool {
        guard let index = lastIndex(where: { $0.record == judged }) else { return false }
        return self[index...].contains { $0.changedAfter }
    }
}

/// What the earlier versions of a corrected act's record cited (`Projection.earlierMovementDecisions`).
public struct EarlierCitations: Equatable, Sendable {
    /// Each earlier version's citation and record, oldest first.
    public let citations: [EarlierCitation]
    /// The record first made for the act (`EffectiveFact.replaces`).
    public let original: Evidence

    public init(citations: [EarlierCitation], original: Evidence) {
        self.citations = citations
        self.original = original
    }

    /// The `decision_id` each earlier version cited (nil: none), oldest first.
    public var decisionIDs: [String?] { citations.map(\.decisionID) }
}
