import LedgerEvents
import LedgerProjections

/// Register columns (asset attributes) that hold a common part's use, each meaning under its names (a register
/// imported in Chinese or in English): the generic use, the planned use and the current use. Changing one is a
/// change of use; two names of one meaning are one column.
let useColumns: [(column: String, names: [String])] = [
    ("use", ["用途", "use"]), ("planned_use", ["规划用途", "planned_use"]), ("current_use", ["现用途", "current_use"])]

// The business words (`businessPurposeWords`, `negatedBusinessPhrases`, `businessUserWords`) and the matters that
// can authorise a use live in LedgerProjections (Projection+Authority.swift): the `assets` status uses the same test.

/// Names of property-service premises (物业服务用房), whose use has rules of its own ([PMR] 37, [QD] 61(2)).
let propertyServicePremisesNames = ["物业服务用房", "物业管理用房", "物业用房"]

extension RuleContext {
    /// 非法侵占: OCC-01 … OCC-04. A part retired on or before the check date is checked under OCC-01 and OCC-02 as any
    /// other (docs/rules.md "Retired parts"): retiring it clears no occupation and ends no use, and both can still be
    /// recorded as cleared or ended after the retirement. Not under OCC-03 and OCC-04: the part is gone, nothing on it
    /// can be restored, and the log takes no inspection, update or decision naming it after its retirement (ledger-spec
    /// 11, rule 3), so such a finding could never end.
    func occupationFindings() -> [Finding] {
        var out: [Finding] = []
        for asset in sortedAssets {
            let occupations = projection.occupations(ofAsset: asset.id).filter { Projection.isOpen($0, on: asOf) }
            // OCC-01: reported and not cleared.
            for occupation in occupations {
                out.append(finding(.occupationNotCleared, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: occupation.reportedOn,
                                   facts: [FindingFact(.occupationOpen, [
                                       "occupant": .person(occupation.occupant), "description": .text(occupation.description),
                                       "reported_on": .date(occupation.reportedOn),
                                       "days": .integer(Int64(occupation.reportedOn.days(until: asOf)))])],
                                   evidence: [occupation.evidence], subjectIDs: [occupation.id]))
            }
            // OCC-02: an open use without a valid authority. A use that went on after its own contract expired or
            // was terminated is CON-06 instead (whenever it began before the end), so one fact is not reported twice.
            for use in projection.uses(ofAsset: asset.id) where Projection.isOpen(use, on: asOf) {
                if case .contract(let id) = use.authority, let contract = projection.contracts[id],
                   contract.firstDayOutOfForce <= asOf, wentOnAfterEnd(use, contract) {
                    continue
                }
                let found = authorityProblems(of: use, asset: asset)
                if case .decision = use.authority {
                    // Paired with the `assets` status: both rest on `Projection.authorises(_:_:on:)`, so a use stands
                    // under its decision exactly when OCC-02 finds nothing open about it.
                    assert((found == nil || found?.resolution != nil) == (projection.standing(of: use, on: asOf) != .withoutAuthority),
                           "OCC-02 and the assets status disagree on use \(use.id)")
                }
                guard let problem = found else { continue }
                let started = FindingFact(problem.reasons.isEmpty ? .useWithoutAnyAuthority : .useStarted, [
                    "user": .person(use.user), "purpose": .text(use.purpose), "started_on": .date(use.startedOn)])
                out.append(finding(.useWithoutAuthority, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: problem.since, facts: [started] + problem.reasons, evidence: [use.evidence] + problem.evidence,
                                   action: problem.resolution == nil ? nil : .useRatified, resolution: problem.resolution,
                                   subjectIDs: [use.id]))
            }
            // OCC-03: the latest inspection saw it occupied, and no occupation report has since been cleared or is
            // still open (OCC-01 reports an open one). This and OCC-02 below date from the first inspection of the
            // unbroken run that saw the same, so a follow-up inspection keeps the key (ledger-spec.md 13.1).
            let retired = isRetired(asset)
            if !retired, let last = unresolvedOccupiedInspection(asset) {
                let first = firstOfRun(asset, isOccupiedUnreported)
                out.append(finding(.inspectionFoundOccupied, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: first.date,
                                   facts: [FindingFact(.inspectionOccupied, [
                                       "inspector": .person(last.inspector), "inspected_on": .date(last.date),
                                       "note": .text(last.note ?? "")])],
                                   evidence: first == last ? [last.evidence] : [first.evidence, last.evidence]))
            }
            // OCC-02 also when the latest inspection saw the part in use while the ledger shows no use or contract then.
            if let last = unrecordedUseInspection(asset) {
                let first = firstOfRun(asset, isInUseUnrecorded)
                out.append(finding(.useWithoutAuthority, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: first.date,
                                   facts: [FindingFact(.inspectionInUse, [
                                       "inspector": .person(last.inspector), "inspected_on": .date(last.date),
                                       "note": .text(last.note ?? "")])],
                                   evidence: first == last ? [last.evidence] : [first.evidence, last.evidence],
                                   subjectIDs: [first.recordID]))
            }
            if !retired { out += changeOfUseFindings(asset) }
        }
        return out
    }

    /// OCC-03's condition: the latest inspection saw the part occupied, and no occupation report of it is open or
    /// was cleared on or after that inspection.
    func unresolvedOccupiedInspection(_ asset: Asset) -> Inspection? {
        guard let last = projection.inspections(ofAsset: asset.id).last, isOccupiedUnreported(asset, last) else { return nil }
        return last
    }

    /// OCC-02's inspection condition: the latest inspection saw the part in use on a day the ledger shows no day in
    /// use of it (`isInUseUnrecorded`).
    func unrecordedUseInspection(_ asset: Asset) -> Inspection? {
        guard let last = projection.inspections(ofAsset: asset.id).last, isInUseUnrecorded(asset, last) else { return nil }
        return last
    }

    /// Whether `inspection` saw the part occupied with no occupation report of it open or cleared on or after it.
    private func isOccupiedUnreported(_ asset: Asset, _ inspection: Inspection) -> Bool {
        inspection.observed == .occupied
            && !projection.occupations(ofAsset: asset.id).contains(where: { ($0.cleared?.date ?? asOf) >= inspection.date })
    }

    /// Whether `inspection` saw the part in use on a day that is none of its days in use on record: the days in use
    /// count a use's end day and a contract's termination day (ledger-spec.md "In-use days"; IDLE-01 counts the same
    /// days), so an inspection on such a day saw what the ledger shows.
    private func isInUseUnrecorded(_ asset: Asset, _ inspection: Inspection) -> Bool {
        let day = inspection.date
        return inspection.observed == .in_use
            && !projection.uses(ofAsset: asset.id).contains(where: { $0.startedOn <= day && ($0.ended.map { day <= $0.date } ?? true) })
            && !projection.contracts(ofAsset: asset.id).contains(where: { $0.terms.startOn <= day && day <= $0.lastDay })
    }

    /// The first inspection of the unbroken run, ending with the latest, in which every inspection meets `holds`:
    /// the day the problem the latest one sees began. Call only when the latest one meets it.
    private func firstOfRun(_ asset: Asset, _ holds: (Asset, Inspection) -> Bool) -> Inspection {
        let inspections = projection.inspections(ofAsset: asset.id)
        var first = inspections.count - 1
        while first > 0 && holds(asset, inspections[first - 1]) { first -= 1 }
        return inspections[first]
    }

    /// Why a use's named authority does not hold on the check date: the facts, the records that show it, since
    /// when, and — for a use that stands only on a decision taken after it began — the ratification. Nil when the
    /// use stands.
    private func authorityProblems(of use: Use, asset: Asset)
        -> (reasons: [FindingFact], evidence: [Evidence], since: CalendarDate, resolution: Resolution?)? {
        switch use.authority {
        case .none:
            return ([], [], use.startedOn, nil)
        case .contract(let id):
            if projection.standing(of: use, on: asOf) != .withoutAuthority { return nil }
            guard let contract = projection.contracts[id] else {
                return ([FindingFact(.useContractUnknown, ["contract_id": .text(id)])], [], use.startedOn, nil)
            }
            if !contract.terms.assetIDs.contains(asset.id) {
                return ([FindingFact(.contractNotForAsset, ["contract_id": .text(id), "asset_id": .text(asset.id)])],
                        [contract.evidence], use.startedOn, nil)
            }
            if let ended = contract.terminated, ended.date <= asOf {
                return ([FindingFact(.contractTerminatedOn, ["contract_id": .text(id), "terminated_on": .date(ended.date)])],
                        [contract.evidence, ended.evidence], max(use.startedOn, ended.date), nil)
            }
            return ([FindingFact(.contractNotInForce, ["contract_id": .text(id), "start_on": .date(contract.terms.startOn),
                                                        "end_on": .date(contract.terms.endOn), "on": .date(asOf)])],
                    [contract.evidence], use.startedOn, nil)
        case .decision(let id):
            guard let decision = projection.decisions[id] else {
                return ([missingDecisionFact(id)], [], use.startedOn, nil)
            }
            if decision.terms.communityID != asset.communityID {
                return ([otherCommunityFact(decision)], [decision.evidence], use.startedOn, nil)
            }
            let matter = decision.terms.matter
            if !Projection.useMatters.contains(matter) {
                return ([FindingFact(.decisionWrongMatter, ["decision_id": .text(id), "matter": .text(matter.rawValue)])],
                        [decision.evidence], use.startedOn, nil)
            }
            // The matter whose threshold the vote must reach (`Projection.measure(of:for:)`, the test the `assets`
            // status applies too): nil for a business use under the manager (4) or works (5, 7).
            guard let measure = Projection.measure(of: decision, for: use) else {
                // Business on common parts is item 8 of Art. 278: a vote on the manager or on works does not decide it.
                return ([FindingFact(.businessUse, ["purpose": .text(use.purpose)]),
                         FindingFact(.decisionWrongMatter, ["decision_id": .text(id), "matter": .text(matter.rawValue)])],
                        [decision.evidence], use.startedOn, nil)
            }
            var facts: [FindingFact] = []
            if measure != matter {
                // Business on common parts is item 8 of Art. 278, however the vote was recorded.
                let vote = voteFacts(decision, as: measure)
                if !vote.isEmpty { facts = [FindingFact(.businessUse, ["purpose": .text(use.purpose)])] + vote }
            } else {
                facts += voteFacts(decision)
            }
            var since = use.startedOn
            if !decision.terms.authorises.covers(asset.id) {
                facts.append(FindingFact(.decisionNotForAsset, ["decision_id": .text(id), "asset_id": .text(asset.id)]))
            }
            if let named = projection.contractNamed(by: decision) {
                // The owners approved that contract, not this use (review 47d #1): as CON-01 reads such a decision.
                facts.append(FindingFact(.decisionForContractOnly, ["decision_id": .text(id), "contract_id": .text(named)]))
            }
            if let until = decision.terms.validUntil, !decision.terms.isValid(on: asOf) {
                facts.append(FindingFact(.decisionExpired, ["decision_id": .text(id), "valid_until": .date(until), "on": .date(asOf)]))
                if facts.count == 1 { since = max(since, until.adding(days: 1)) }
            }
            if decision.decidedOn > use.startedOn {
                // The use began before the owners decided: the decision can at most ratify it.
                let ratified = facts.isEmpty ? Resolution(.ratified, on: decision.decidedOn, evidence: decision.evidence) : nil
                return ([afterActFact(decision, act: use.startedOn, what: "use_started")] + facts, [decision.evidence], use.startedOn, ratified)
            }
            return facts.isEmpty ? nil : (facts, [decision.evidence], since, nil)
        }
    }

    /// OCC-04 (docs/rules.md, its row): per column — the kind and each use column, its aliases folded into one
    /// (`useColumns`: 用途/use, 规划用途/planned_use, 现用途/current_use) — the *lawful value* is the value as
    /// registered, or as first given when the column had none (recording a value where there was none is not a
    /// change; a blank records nothing and leaves the column's value as it was), or as last set under a decision
    /// that authorised the change (`isChangeOfUseDecision`), or a value the column held lawfully before (a return to
    /// it is no change). A first current use is measured against the planned use (else the generic use) when that
    /// holds a value (DOMAIN.md §2 A.3): one that differs is a change from it. An update without such a decision
    /// that moves a column away from its lawful value begins a finding, dated that day (the key); later unauthorised
    /// changes while the part's use still differs from its lawful use are facts of the same finding. It holds while
    /// some column differs from its lawful value (its facts are the changes of those columns): restoring every
    /// column ends it (no finding), and a decision taken afterwards that would have authorised the change ratifies
    /// it (the values then become lawful). A blanket decision "to operate common parts" that names no asset does not
    /// change any one part's use. A part registered with a current use other than its planned (generic) use begins a
    /// finding on its register date unless a covering decision was taken on or before it (`registeredUseDifference`).
    private func changeOfUseFindings(_ asset: Asset) -> [Finding] {
        guard let registration = registrations[asset.id] else { return [] }
        // Registered with a current use other than its planned (else generic) use: measured below even with no update.
        let registeredDiffers = registeredUseDifference(registration)
        guard !asset.updates.isEmpty || registeredDiffers != nil else { return [] }
        var lawful: [String: String] = ["kind": registration.kind.rawValue]
        // Every value each column held lawfully: going back to one of them is no change.
        // Kept as `UseText.key`s: a value written with other spaces or widths is the same value.
        var heldLawfully: [String: Set<String>] = ["kind": [UseText.key(registration.kind.rawValue)]]
        var current = lawful
        for (column, names) in useColumns {
            for name in names {
                guard let value = registration.attributes[name], !UseText.isBlank(value) else { continue }
                if lawful[column] == nil { lawful[column] = value; current[column] = value }
                heldLawfully[column, default: []].insert(UseText.key(value))
            }
        }
        func differs() -> Bool { lawful.contains { !UseText.same(current[$0.key], $0.value) } }
        var episode: (since: CalendarDate, facts: [(column: String, fact: FindingFact)], evidence: [Evidence], premises: Bool)? = nil
        var out: [Finding] = []
        func emit(resolution: Resolution?, ratifying: Decision?) {
            guard let open = episode else { return }
            // The changes of the columns that still differ (one restored while another is not is no longer stated).
            let standing = open.facts.filter { !UseText.same(current[$0.column], lawful[$0.column]) }.map(\.fact)
            let facts = (standing.isEmpty ? open.facts.map(\.fact) : standing)
                + (ratifying.map { [FindingFact(.useChangeRatified, ["decision_id": .text($0.id), "decided_on": .date($0.decidedOn)])] } ?? [])
            out.append(finding(.changeOfUseWithoutDecision, community: asset.communityID, .asset, asset.id, asset.name,
                               since: open.since, facts: facts, evidence: open.evidence + (ratifying.map { [$0.evidence] } ?? []),
                               subject: open.premises ? .propertyServicePremises : .general,
                               action: resolution == nil ? nil : .changeOfUseRatified, resolution: resolution))
            episode = nil
        }
        // The decisions that can cover a change of this part's use (`isChangeOfUseDecision` on the day they were
        // taken), by that day; looked for only when a column moves away from its lawful value or a finding is open,
        // so that updates of names and places (a register imported again) cost nothing here.
        var decidingFound: [Decision]? = nil
        func deciding() -> [Decision] {
            if let decidingFound { return decidingFound }
            let found = sortedDecisions.filter { isChangeOfUseDecision($0, for: asset, on: $0.decidedOn) }
                .sorted { $0.decidedOn < $1.decidedOn }
            decidingFound = found
            return found
        }
        func covered(_ date: CalendarDate) -> Bool {
            deciding().contains { $0.decidedOn <= date && ($0.terms.validUntil.map { date <= $0 } ?? true) }
        }
        func makeLawful(_ column: String, _ value: String) {
            lawful[column] = value
            heldLawfully[column, default: []].insert(UseText.key(value))
        }
        // DOMAIN.md §2 A.3: a current use other than the planned use needs a 278(1)(8) decision, also when the register
        // first records it. Registered so, the planned use is the current use's lawful value and the finding begins on
        // the register date — unless a decision that would have covered the change was taken on or before that day
        // (whatever its `valid_until`: the register does not say when the use changed, and it may have changed
        // while the decision was in force); one taken after it ratifies the finding, as for an update.
        if let registeredDiffers {
            let day = asset.registeredOn <= asOf ? asset.registeredOn : asset.recordedOn
            if !deciding().contains(where: { $0.decidedOn <= day }) {
                lawful["current_use"] = registeredDiffers.planned
                heldLawfully["current_use"] = [UseText.key(registeredDiffers.planned)]
                let fact = FindingFact(.useDiffersAtRegistration, [
                    "field": .text(registeredDiffers.field), "to": .text(registeredDiffers.current),
                    "planned_field": .text(registeredDiffers.plannedField), "from": .text(registeredDiffers.planned),
                    "registered_on": .date(day)])
                episode = (day, [("current_use", fact)], [asset.evidence],
                           isPropertyServicePremises(asset.name) || isPropertyServicePremises(registeredDiffers.planned)
                               || isPropertyServicePremises(registeredDiffers.current))
            }
        }
        // A decision taken after an open finding began, on or before `date`, ratifies it.
        func ratify(upTo date: CalendarDate) {
            guard let open = episode, let decision = deciding().first(where: { $0.decidedOn > open.since && $0.decidedOn <= date })
            else { return }
            emit(resolution: Resolution(.ratified, on: decision.decidedOn, evidence: decision.evidence), ratifying: decision)
            for (column, value) in current { makeLawful(column, value) }
        }
        for update in asset.updates {
            // On its day a decision comes before the updates (a change on the day of its decision is covered).
            ratify(upTo: update.date)
            var columns: [(column: String, name: String, value: String)] = []
            if let kind = update.changes.kind { columns.append(("kind", "kind", kind.rawValue)) }
            if let attributes = update.changes.attributes {
                for (column, names) in useColumns {
                    for name in names { if let value = attributes[name] { columns.append((column, name, value)) } }
                }
            }
            var changes: [(column: String, fact: FindingFact)] = []
            var premises = false
            for (column, name, value) in columns where !UseText.isBlank(value) && !UseText.same(current[column], value) {
                let old = current[column] ?? ""
                current[column] = value
                var from = old
                if lawful[column] == nil, column == "current_use", let planned = lawful["planned_use"] ?? lawful["use"] {
                    // A first current use is measured against the planned (else the generic) use.
                    makeLawful(column, planned)
                    from = planned
                }
                guard let was = lawful[column] else { makeLawful(column, value); continue }
                if UseText.same(value, was) { continue }
                if heldLawfully[column]?.contains(UseText.key(value)) == true || covered(update.date) { makeLawful(column, value); continue }
                changes.append((column, FindingFact(.useChanged, ["field": .text(name), "from": .text(from), "to": .text(value),
                                                                  "changed_on": .date(update.date)])))
                premises = premises || isPropertyServicePremises(from) || isPropertyServicePremises(was)
            }
            if !differs() {
                episode = nil
            } else if !changes.isEmpty {
                // Property-service premises have rules of their own; they are known by name or by a use they had.
                if episode == nil { episode = (update.date, [], [], isPropertyServicePremises(asset.name)) }
                episode!.facts += changes
                episode!.evidence.append(update.evidence)
                episode!.premises = episode!.premises || premises
            }
        }
        ratify(upTo: asOf)
        emit(resolution: nil, ratifying: nil)
        return out
    }

    /// The current use a part was registered with when it differs from its planned use (else its generic use), with
    /// the names the register gave both columns (the Chinese name's value first, as `changeOfUseFindings` reads a
    /// column); nil when the register gives no current use, no planned or generic use, or the same.
    private func registeredUseDifference(_ registration: AssetRegistered)
        -> (field: String, current: String, plannedField: String, planned: String)? {
        func first(_ column: String) -> (name: String, value: String)? {
            guard let names = useColumns.first(where: { $0.column == column })?.names else { return nil }
            for name in names { if let value = registration.attributes[name], !UseText.isBlank(value) { return (name, value) } }
            return nil
        }
        guard let current = first("current_use"), let planned = first("planned_use") ?? first("use"),
              !UseText.same(current.value, planned.value) else { return nil }
        return (current.name, current.value, planned.name, planned.value)
    }

    private func isPropertyServicePremises(_ text: String) -> Bool {
        // As OCC-04 compares use values (`UseText`): 物业 服务用房 is the premises too.
        let key = UseText.key(text)
        return propertyServicePremisesNames.contains { key.contains(UseText.key($0)) }
    }

    /// Whether a decision authorises a change of `asset`'s use on `date`: on matter (8), of its community, naming
    /// it, taken on or before that day and valid on it, and passing R4 (3/4).
    private func isChangeOfUseDecision(_ decision: Decision, for asset: Asset, on date: CalendarDate) -> Bool {
        let terms = decision.terms
        return terms.communityID == asset.communityID && terms.matter == .change_use_or_operate && decision.decidedOn <= date
            && (terms.validUntil.map { date <= $0 } ?? true) && terms.authorises.assetIDs.contains(asset.id)
            && projection.validity(of: decision)?.passed == true
    }
}
