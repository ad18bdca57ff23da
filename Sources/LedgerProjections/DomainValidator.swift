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
    public let eventID: String
    public let type: String
    /// Field path such as `data.asset_id`, or nil for the event as a whole.
    public let field: String?
    public let reason: String

    public init(batchIndex: Int?, seq: Int64?, eventID: String, type: String, field: String?, reason: String) {
        self.batchIndex = batchIndex
        self.seq = seq
        self.eventID = eventID
        self.type = type
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let place: String
        if batchIndex != nil {
            place = "event \(eventID) (\(type))"
        } else {
            place = "this batch would make record seq \(seq ?? 0) (id \(eventID), \(type)) invalid"
        }
        return place + ": " + (field.map { "field \"\($0)\": " } ?? "") + reason
    }
}

/// The domain check of a batch before it is appended (ledger-spec.md, "Validation on append"): every event's
/// payload must fit its type's schema, and the facts in effect after the batch must be consistent — every
/// referenced entity registered (on or before the date it is referenced) and not retired, entity ids unique,
/// lifecycles in order. Facts that are truthful but non-compliant (spending without a vote, a contract without a
/// vote, use without authority, a fund going negative) are accepted: they are the rules' findings.
public enum DomainValidator {
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
    public static func validate(existing: EffectiveLog, batch: EventBatch) -> [ValidationIssue] {
        let lastSeq = existing.lastSeq
        var issues: [ValidationIssue] = []
        var combined = CombinedFacts(existing: existing, batch: batch)
        // Ids of the batch's events, for corrections that name one: made at the first correction, from the events
        // before it, and kept from then on (a batch without corrections, the usual case, needs none).
        var batchIDs: [String: (seq: Int64, type: String)]? = nil
        #if LEDGER_INTERNAL_CHECKS
        if batch.allTypedFacts {
            for event in batch {
                guard case .domain(let payload) = event.payload, payload.type != .correction else {
                    preconditionFailure("a batch of typed facts holds \(event.type)")
                }
            }
        }
        #endif
        // A batch of typed facts (an import) decodes by construction and corrects nothing: nothing to look at.
        for index in batch.indices where !batch.allTypedFacts {
            let event = batch[index]
            let seq = lastSeq + 1 + Int64(index)
            let id = event.id ?? "(no id)"
            func issue(_ field: String?, _ reason: String) {
                issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: id, type: event.type, field: field, reason: reason))
            }
            do {
                let payload = try DomainEvent.decode(event)
                if case .correction(let correction) = payload {
                    if batchIDs == nil {
                        var earlier: [String: (seq: Int64, type: String)] = [:]
                        for before in 0..<index {
                            let earlierEvent = batch[before]
                            let earlierID = earlierEvent.id ?? "(no id)"
                            if existing.record(withID: earlierID) == nil, earlier[earlierID] == nil {
                                earlier[earlierID] = (lastSeq + 1 + Int64(before), earlierEvent.type)
                            }
                        }
                        batchIDs = earlier
                    }
                    if let target = existing.record(withID: correction.corrects) ?? batchIDs?[correction.corrects] {
                        if target.type == EventType.correction.rawValue {
                            issue("data.corrects", "\"\(correction.corrects)\" is itself a correction; to change it, correct the original event again")
                        } else if target.type == EventType.personalDataErased.rawValue {
                            issue("data.corrects", "\"\(correction.corrects)\" records an erasure of personal data; it cannot be corrected or voided, since the data it deleted cannot be restored")
                        } else if let replacement = correction.replacement, replacement.type.rawValue != target.type {
                            issue("data.replacement.type", "is \(replacement.type.rawValue) but the corrected event \"\(correction.corrects)\" is \(target.type); a replacement keeps the type (void the event and record a new one to change it)")
                        } else {
                            combined.correct(target: target.seq, corrects: correction.corrects, with: correction.replacement,
                                             by: Evidence(seq: seq, eventID: id), actor: event.actor ?? "")
                        }
                    } else {
                        issue("data.corrects", "no earlier event has id \"\(correction.corrects)\"; name the id of the event to correct")
                    }
                } else if case .raw = event.payload {
                    // Data that fits only when read again (an event built by hand): the effective log cannot use it.
                    combined.anomalies.append(Anomaly(evidence: Evidence(seq: seq, eventID: id), reason: "payload not understood"))
                }
            } catch {
                issue(error.field == "type" ? "type" : error.field, error.reason)
            }
            if batchIDs != nil, existing.record(withID: id) == nil, batchIDs![id] == nil { batchIDs![id] = (seq, event.type) }
        }
        // Structural problems first: a reference check of a malformed event would only repeat them.
        guard issues.isEmpty else { return issues }
        combined.keepBatchFacts()

        var fromBatch: [ValidationIssue] = []
        var onExisting: [ReferenceChecker.Problem] = []
        for problem in ReferenceChecker.check(combined, lastExistingSeq: lastSeq) {
            if problem.evidence.seq > lastSeq {
                let index = Int(problem.evidence.seq - lastSeq - 1)
                fromBatch.append(ValidationIssue(batchIndex: index, seq: nil, eventID: problem.evidence.eventID,
                                                 type: batch[index].type, field: problem.field, reason: problem.reason))
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
                                                 type: type, field: problem.field, reason: problem.reason))
            }
        }
        return fromBatch
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
    private var corrected: [Int64: Fact?] = [:]
    /// The batch's facts, made once, when the batch is small enough to hold them (see `keepBatchFacts`).
    private var batchFacts: [Fact?]? = nil
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
            Fact(position: target, evidence: evidence, replaces: Evidence(seq: target, eventID: corrects),
                 occurredOn: $0.occurredOn, actor: actor, payload: $0.payload)
        }, forKey: target)
    }

    /// Makes the batch's facts once, for the checks that read them twice, unless the batch is too large to hold
    /// them (some 100 bytes a fact): then each is made whenever it is read.
    mutating func keepBatchFacts() {
        guard batch.count <= 250_000 else { return }
        let base = existing.lastSeq
        batchFacts = batch.indices.map { batchFact(at: base + 1 + Int64($0)) }
    }

    /// The fact in effect at `position` (a record's seq, or a batch event's seq to be), if any.
    func fact(at position: Int64) -> Fact? {
        if !corrected.isEmpty, let fact = corrected[position] { return fact }
        if position <= existing.lastSeq { return existing.fact(at: position) }
        if let batchFacts { return batchFacts[Int(position - existing.lastSeq - 1)] }
        return batchFact(at: position)
    }

    /// The fact a batch event states by itself (a correction states none).
    private func batchFact(at position: Int64) -> Fact? {
        let event = batch[Int(position - existing.lastSeq - 1)]
        guard case .domain(let payload) = event.payload else { return nil }
        if case .correction = payload { return nil }
        return Fact(position: position, evidence: Evidence(seq: position, eventID: event.id ?? "(no id)"), replaces: nil,
                    occurredOn: event.occurredOn, actor: event.actor ?? "", payload: payload)
    }

    /// Every fact in effect, in position (log) order.
    func forEach(_ body: (Fact) -> Void) {
        var position: Int64 = 1
        let last = lastSeq
        while position <= last {
            if let fact = fact(at: position) { body(fact) }
            position += 1
        }
    }
}

/// The referential checks over the facts in effect. Entities exist from the business date of the fact that
/// creates them; a reference must be dated on or after that date and before the entity's retirement.
enum ReferenceChecker {
    struct Problem: Hashable {
        let evidence: Evidence
        let field: String?
        let reason: String
    }

    /// A registered entity (or an ending): small, as a large import registers a million assets. Its evidence is
    /// found again from `position` when a message needs it.
    private struct Entry {
        let day: Int32
        let position: Int64
        let communityID: String?

        var date: CalendarDate { CalendarDate(dayNumber: Int(day)) }
    }

    private enum Kind: String, CaseIterable {
        case community, asset, fund, decision, contract, use, occupation, `import`
        case list = "rectification list"

        /// Position in `allCases`: the registry's slot.
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

        var creatingType: String {
            switch self {
            case .community: return "community.registered"
            case .asset: return "asset.registered"
            case .fund: return "fund.opened"
            case .decision: return "decision.recorded"
            case .contract: return "contract.signed"
            case .use: return "use.started"
            case .occupation: return "occupation.reported"
            case .import: return "register.imported"
            case .list: return "rectification.issued"
            }
        }
    }

    static func check(_ log: CombinedFacts, lastExistingSeq: Int64) -> [Problem] {
        func at(_ e: Evidence) -> String { e.seq <= lastExistingSeq ? "record seq \(e.seq)" : "event \(e.eventID) of this batch" }
        func at(_ entry: Entry) -> String { at(log.fact(at: entry.position)!.evidence) }
        var problems: [Problem] = []
        var registry = [[String: Entry]](repeating: [:], count: Kind.allCases.count)
        var endings = [[String: Entry]](repeating: [:], count: Kind.allCases.count)
        // Finding key → the lists that issued it, with their facts: a step belongs to the latest list that issued
        // its key before it (in fold order: date, then position), as `RectificationLoop` reads it.
        var issuers: [String: [(listID: String, fact: Fact)]] = [:]
        // Finding key → its reports (closes nil) and re-checks (closes true when closed, 销号).
        var steps: [String: [(fact: Fact, closes: Bool?)]] = [:]
        // Commitment → the erasure that named it first: a value is erased once.
        var erasures: [PersonalCommitment: Evidence] = [:]

        func prefix(_ fact: Fact) -> String { fact.replaces == nil ? "data" : "data.replacement.data" }

        // Pass 1: creations and endings, in log order, so that the later of two equal ids is the duplicate.
        log.forEach { fact in
            let day = Int32(fact.occurredOn.dayNumber)
            func create(_ kind: Kind, _ id: String, _ field: String, community: String?) {
                let entry = Entry(day: day, position: fact.position, communityID: community)
                if let first = registry[kind.index].updateValue(entry, forKey: id) {
                    registry[kind.index][id] = first
                    problems.append(Problem(evidence: fact.evidence, field: "\(prefix(fact)).\(field)",
                                            reason: "\(kind.rawValue) \"\(id)\" already exists (\(at(first))); choose a new id"))
                }
            }
            func end(_ kind: Kind, _ id: String, _ field: String, _ verb: String) {
                let entry = Entry(day: day, position: fact.position, communityID: nil)
                if let first = endings[kind.index].updateValue(entry, forKey: id) {
                    endings[kind.index][id] = first
                    problems.append(Problem(evidence: fact.evidence, field: "\(prefix(fact)).\(field)",
                                            reason: "\(kind.rawValue) \"\(id)\" was already \(verb) on \(first.date) (\(at(first)))"))
                }
            }
            switch fact.payload {
            case .communityRegistered(let p): create(.community, p.communityID, "community_id", community: p.communityID)
            case .assetRegistered(let p): create(.asset, p.assetID, "asset_id", community: p.communityID)
            case .registerImported(let p): create(.import, p.importID, "import_id", community: p.communityID)
            case .fundOpened(let p): create(.fund, p.fundID, "fund_id", community: p.communityID)
            case .decisionRecorded(let p): create(.decision, p.decisionID, "decision_id", community: p.communityID)
            case .contractSigned(let p): create(.contract, p.contractID, "contract_id", community: p.communityID)
            case .useStarted(let p): create(.use, p.useID, "use_id", community: nil)
            case .occupationReported(let p): create(.occupation, p.occupationID, "occupation_id", community: nil)
            case .rectificationIssued(let p):
                create(.list, p.listID, "list_id", community: p.communityID)
                for item in p.items { issuers[item.key, default: []].append((p.listID, fact)) }
            case .rectificationReported(let p):
                for key in p.keys { steps[key, default: []].append((fact, nil)) }
            case .rectificationVerified(let p):
                for key in p.keys { steps[key, default: []].append((fact, p.result == .closed)) }
            case .personalDataErased(let p):
                for (index, commitment) in p.commitments.enumerated() {
                    if let first = erasures.updateValue(fact.evidence, forKey: commitment) {
                        erasures[commitment] = first
                        problems.append(Problem(evidence: fact.evidence, field: "\(prefix(fact)).commitments[\(index)]",
                                                reason: "\(commitment.hex) was already erased (\(at(first))); a value is erased once"))
                    }
                }
            case .assetRetired(let p): end(.asset, p.assetID, "asset_id", "retired")
            case .contractTerminated(let p): end(.contract, p.contractID, "contract_id", "terminated")
            case .useEnded(let p): end(.use, p.useID, "use_id", "ended")
            case .occupationCleared(let p): end(.occupation, p.occupationID, "occupation_id", "cleared")
            default: break
            }
        }

        // Pass 2: every reference of every fact.
        log.forEach { fact in
            let date = fact.occurredOn
            let day = Int32(date.dayNumber)
            func fail(_ field: String, _ reason: String) {
                problems.append(Problem(evidence: fact.evidence, field: "\(prefix(fact)).\(field)", reason: reason))
            }
            /// Checks that `id` names an entity of `kind` that exists on the fact's date; returns it.
            @discardableResult
            func ref(_ kind: Kind, _ id: String, _ field: String, community: String? = nil, notRetired: Bool = false,
                     ending: String? = nil) -> Entry? {
                guard let entry = registry[kind.index][id] else {
                    fail(field, "\(kind.rawValue) \"\(id)\" is not registered; record \(kind.creatingType) for it first")
                    return nil
                }
                guard entry.day <= day else {
                    if let ending {
                        fail(field, "\(ending) on \(date) is before \(kind.rawValue) \"\(id)\" began on \(entry.date) (\(at(entry)))")
                    } else {
                        fail(field, "\(kind.rawValue) \"\(id)\" exists only from \(entry.date) (\(at(entry))), after this event's date \(date); record it before it is referenced")
                    }
                    return nil
                }
                if let community, let owner = entry.communityID, owner != community, kind != .community {
                    fail(field, "\(kind.rawValue) \"\(id)\" belongs to community \(owner), not \(community)")
                }
                if notRetired, kind == .asset, let retired = endings[Kind.asset.index][id], retired.day <= day {
                    fail(field, "asset \"\(id)\" was retired on \(retired.date) (\(at(retired))); it cannot be referenced on or after that date")
                }
                return entry
            }
            func notBefore(_ kind: Kind, _ id: String, _ field: String, _ what: String) {
                ref(kind, id, field, ending: what)
            }
            func source(_ source: AssetSource) {
                if case .importRow(let importID, _) = source { ref(.import, importID, "source.import_id") }
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
                if ref(.community, p.communityID, "community_id") != nil,
                   let community = communityTerms(log: log, registry[Kind.community.index][p.communityID]) {
                    if p.participatingArea > community.totalArea {
                        fail("participating_area_m2", "\(p.participatingArea) m² is more than the community's total area \(community.totalArea) m²")
                    }
                    if p.participatingOwners > community.totalOwners {
                        fail("participating_owners", "\(p.participatingOwners) is more than the community's \(community.totalOwners) owners")
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
                if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: p.communityID) }
                if let fund = p.payeeFundID { ref(.fund, fund, "payee_fund_id", community: p.communityID) }
            case .contractTerminated(let p):
                notBefore(.contract, p.contractID, "contract_id", "termination")
            case .useStarted(let p):
                ref(.asset, p.assetID, "asset_id", notRetired: true)
                switch p.authority {
                case .contract(let id): ref(.contract, id, "authority.contract_id")
                case .decision(let id): ref(.decision, id, "authority.decision_id")
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
                if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: fund?.communityID) }
                for (index, asset) in p.assetIDs.enumerated() {
                    ref(.asset, asset, "asset_ids[\(index)]", community: fund?.communityID, notRetired: true)
                }
            case .fundTransfer(let p):
                let from = ref(.fund, p.fromFundID, "from_fund_id")
                ref(.fund, p.toFundID, "to_fund_id")
                // The owners who decide are those of the community whose money leaves.
                if let decision = p.decisionID { ref(.decision, decision, "decision_id", community: from?.communityID) }
            case .fundBalanceAsserted(let p):
                ref(.fund, p.fundID, "fund_id")
            case .disclosurePublished(let p):
                ref(.community, p.communityID, "community_id")
                for (index, fund) in p.fundIDs.enumerated() { ref(.fund, fund, "fund_ids[\(index)]", community: p.communityID) }
            case .rectificationIssued(let p):
                ref(.community, p.communityID, "community_id")
                if p.atSeq >= fact.position {
                    fail("at_seq", "\(p.atSeq) is not before this record (\(at(fact.evidence))); a list is made from records already written")
                }
                // A key names its item second (RULE/ITEM/…), and a finding belongs to its item's community: a key
                // of another community's item would change that community's statuses through this list.
                for (index, item) in p.items.enumerated() {
                    let parts = item.key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
                    guard parts.count >= 2 else { continue }
                    let itemID = String(parts[1])
                    let owners = [Kind.asset, .contract, .fund, .decision].compactMap { (kind: Kind) -> (Kind, String)? in
                        registry[kind.index][itemID].flatMap { e in e.communityID.map { (kind, $0) } }
                    }
                    if let other = owners.first, !owners.contains(where: { $0.1 == p.communityID }) {
                        fail("items[\(index)].key", "\"\(item.key)\" is about \(other.0.rawValue) \(itemID) of community \(other.1), not \(p.communityID); issue it in a list for \(other.1)")
                    }
                }
            case .rectificationReported(let p):
                let list = loopList(p.listID, p.keys)
                for (index, e) in p.evidence.enumerated() {
                    switch e.kind {
                    case .contract: ref(.contract, e.ref, "evidence[\(index)].ref", community: list?.communityID)
                    case .decision: ref(.decision, e.ref, "evidence[\(index)].ref", community: list?.communityID)
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
            /// Checks that the list exists on the fact's date and issued every key named; returns the list.
            @discardableResult
            func loopList(_ listID: String, _ keys: [String], extending: Bool = false) -> RectificationIssued? {
                guard let entry = ref(.list, listID, "list_id"), let issued = log.fact(at: entry.position),
                      case .rectificationIssued(let list) = issued.payload else { return nil }
                let issuedKeys = Set(list.items.map(\.key))
                for (index, key) in keys.enumerated() {
                    guard issuedKeys.contains(key) else {
                        fail("keys[\(index)]", "\"\(key)\" is not a finding of list \(listID) (\(at(entry))); name the keys as the list issued them")
                        continue
                    }
                    // A key issued again starts a new round: a step naming the earlier list would be read as nothing.
                    let current = (issuers[key] ?? []).filter { Fact.foldOrder($0.fact, fact) }.max { Fact.foldOrder($0.fact, $1.fact) }
                    if let current, current.listID != listID {
                        fail("keys[\(index)]", "\"\(key)\" was issued again by list \(current.listID) on \(current.fact.occurredOn) (\(at(current.fact.evidence))); name list \(current.listID)")
                        continue
                    }
                    // The round's last step before an extension must not be its closure: an extension would be a
                    // deadline on nothing (the status stays 已销号).
                    guard extending, let current else { continue }
                    let last = (steps[key] ?? []).filter { Fact.foldOrder(current.fact, $0.fact) && Fact.foldOrder($0.fact, fact) }
                        .max { Fact.foldOrder($0.fact, $1.fact) }
                    if let last, last.closes == true {
                        fail("keys[\(index)]", "\"\(key)\" was closed (销号) on \(last.fact.occurredOn) (\(at(last.fact.evidence))); a closed finding has no deadline to extend — issue it again in a new list to reopen it")
                    }
                }
                return list
            }
        }
        // Corrections the effective log could not apply.
        for anomaly in log.anomalies { problems.append(Problem(evidence: anomaly.evidence, field: nil, reason: anomaly.reason)) }
        return problems.sorted { ($0.evidence.seq, $0.field ?? "", $0.reason) < ($1.evidence.seq, $1.field ?? "", $1.reason) }
    }

    private static func communityTerms(log: CombinedFacts, _ entry: Entry?) -> CommunityRegistered? {
        guard let entry, let fact = log.fact(at: entry.position), case .communityRegistered(let terms) = fact.payload else { return nil }
        return terms
    }
}
