import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The referential checks over the facts in effect. Entities exist from the place of the fact that creates them in
/// the fold order (business date, then position: ledger-spec.md section 11); a reference must come after that place
/// — dated after it, or on its date at a later position — and be dated before the entity's retirement.
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
        /// The entity a fact names before it exists in the fold order, created later (on a later date, or on the
        /// fact's date at a later position), if that is the problem (`verify --schema` lists these: `FoldOrderCheck`).
        let foldedBefore: FoldedBefore?

        var reason: String { wording.en }

        /// What stays the same of this problem when a batch changes only where the facts it names stand (a correction
        /// of the record that registers what it names): the record and field it is about, what it finds missing, the
        /// entity a fact names before it exists (not where its creation stands), and its reason with every record's
        /// place (`record seq 5`, `event X of this batch`) left out. `DomainValidator` tells the problems a batch
        /// causes from those the log already held by it (review 42d #6: by the wording, an old problem whose
        /// evidence a correction moved blocked the correction).
        var stableKey: StableKey {
            StableKey(evidence: evidence, field: field, missing: missing, folded: foldedBefore.map { "\($0.kind)\u{0}\($0.id)\u{0}\($0.ending ?? "")" },
                      reason: ReferenceWords.withoutPlaces(wording.en))
        }

        struct StableKey: Hashable {
            let evidence: Evidence
            let field: String?
            let missing: ValidationIssue.Missing?
            let folded: String?
            let reason: String
        }

        init(evidence: Evidence, field: String?, reason: Wording, missing: ValidationIssue.Missing? = nil,
             foldedBefore: FoldedBefore? = nil) {
            self.evidence = evidence
            self.field = field
            self.wording = reason
            self.missing = missing
            self.foldedBefore = foldedBefore
        }

        /// A problem whose reason is English only, or a reason of the effective log (`ReferenceWords.anomaly`).
        init(evidence: Evidence, field: String?, reason: String) {
            self.init(evidence: evidence, field: field, reason: ReferenceWords.anomaly(reason))
        }
    }

    /// A fact that names an entity before it exists in the fold order (ledger-spec.md 10.4 rules 2 and 5): the
    /// entity, where its creation stands, and where the fact stands.
    struct FoldedBefore: Hashable {
        let kind: Kind
        let id: String
        /// The record whose content creates the entity (for a replacement, the correction) and its date.
        let creationSeq: Int64
        let creationDate: CalendarDate
        /// The fact's place: its position (the seq of the record a replacement takes the place of) and date.
        let position: Int64
        let date: CalendarDate
        /// For an end (`contract.terminated`, `use.ended`, …): what ends, as `ReferenceWords.ending` words it.
        let ending: String?
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
    /// `foldOrderCreations`: of two creations of one entity, the first in the fold order counts (`Registers`).
    /// `eventLookup`: a record by event id, for the ids a list's keys name besides their items (`Registers.eventLookup`:
    /// `ledger append` only).
    static func check(_ log: CombinedFacts, lastExistingSeq: Int64, loose: [(LooseEvent, Evidence?)] = [],
                      foldOrderCreations: Bool = false,
                      eventLookup: ((String) throws -> (seq: Int64, type: String)?)? = nil) -> [Problem] {
        let batch = log.batch
        let label = { (seq: Int64) -> FactPlace in
            seq <= lastExistingSeq ? .record(seq: seq) : .batchEvent(id: batch[Int(seq - lastExistingSeq - 1)].id ?? "(no id)")
        }
        var registers = Registers(base: nil)
        registers.foldOrderCreations = foldOrderCreations
        registers.newAfter = lastExistingSeq
        registers.logBefore = log.existing
        registers.eventLookup = eventLookup
        var problems: [Problem] = []
        log.forEach { registers.register($0, label: label, problems: &problems) }
        registers.checkLaterCaseTwins(label: label, problems: &problems)
        log.forEach { registers.checkReferences($0, label: label, problems: &problems) }
        var next = log.lastSeq
        for (event, evidence) in loose {
            let own = evidence ?? { next += 1; return Evidence(seq: next, eventID: "") }()
            registers.checkLoose(event, evidence: own, lastSeq: lastExistingSeq, label: label, problems: &problems)
        }
        // Corrections the effective log could not apply.
        for anomaly in log.anomalies { problems.append(Problem(evidence: anomaly.evidence, field: nil, reason: anomaly.reason)) }
        return sorted(problems)
    }

    static func sorted(_ problems: [Problem]) -> [Problem] {
        problems.sorted { ($0.evidence.seq, $0.field ?? "", $0.reason) < ($1.evidence.seq, $1.field ?? "", $1.reason) }
    }

    /// The types whose facts pass 1 reads (they register, end, issue, step or erase): a correction of one of these
    /// changes what later facts are checked against. Every other type is only checked (a "leaf"). An update is one
    /// too since `checks.state` version 5: it moves its part under its community's unsure twin key (`PartTwinKey`),
    /// which a correction of it could not take back.
    static let registeringTypes: Set<String> = [
        "community.registered", "asset.registered", "register.imported", "fund.opened", "decision.recorded",
        "contract.signed", "use.started", "occupation.reported", "rectification.issued", "rectification.reported",
        "rectification.verified", "personal_data.erased", "asset.retired", "contract.terminated", "use.ended",
        "occupation.cleared", "asset.updated",
    ]

    /// `registeringTypes.contains(payload.type)`, without hashing the type's name for a typed payload.
    static func isRegistering(_ payload: EventPayload) -> Bool {
        guard case .domain(let domain) = payload else { return registeringTypes.contains(payload.type) }
        return isRegistering(domain.type)
    }

    /// `registeringTypes.contains(type.rawValue)`, without hashing the type's name.
    static func isRegistering(_ type: EventType) -> Bool {
        switch type {
        case .communityRegistered, .assetRegistered, .registerImported, .fundOpened, .decisionRecorded, .contractSigned,
             .useStarted, .occupationReported, .rectificationIssued, .rectificationReported, .rectificationVerified,
             .personalDataErased, .assetRetired, .contractTerminated, .useEnded, .occupationCleared, .assetUpdated:
            return true
        default:
            return false
        }
    }
}
