import LedgerEvents
import LedgerProjections

/// Register columns (asset attributes) that hold a common part's use; changing one is a change of use.
let useAttributeNames = ["current_use", "planned_use", "use", "现用途", "用途", "规划用途"]

extension RuleContext {
    /// 非法侵占: OCC-01 … OCC-04.
    func occupationFindings() -> [Finding] {
        var out: [Finding] = []
        for asset in sortedAssets where !isRetired(asset) {
            let occupations = projection.occupations(ofAsset: asset.id).filter { Projection.isOpen($0, on: asOf) }
            // OCC-01: reported and not cleared.
            for occupation in occupations {
                out.append(finding(.occupationNotCleared, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: occupation.reportedOn,
                                   facts: [FindingFact(.occupationOpen, [
                                       "occupant": .text(occupation.occupant), "description": .text(occupation.description),
                                       "reported_on": .date(occupation.reportedOn),
                                       "days": .integer(Int64(occupation.reportedOn.days(until: asOf)))])],
                                   evidence: [occupation.evidence]))
            }
            // OCC-02: an open use without a valid authority. A use whose contract has merely expired or ended is
            // CON-06 instead, so one fact is not reported twice.
            for use in projection.uses(ofAsset: asset.id) where Projection.isOpen(use, on: asOf) {
                guard projection.standing(of: use, on: asOf) == .withoutAuthority || decisionOfOtherCommunity(use, asset) != nil else { continue }
                if case .contract(let id) = use.authority, let contract = projection.contracts[id],
                   contract.terms.assetIDs.contains(asset.id), contract.lastDay < asOf, contract.terms.startOn <= use.startedOn {
                    continue
                }
                let (reasons, evidence, since) = authorityProblems(of: use, asset: asset)
                let started = FindingFact(.useWithoutAnyAuthority, [
                    "user": .text(use.user), "purpose": .text(use.purpose), "started_on": .date(use.startedOn)])
                out.append(finding(.useWithoutAuthority, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: since, facts: (reasons.isEmpty ? [started] : [FindingFact(.useStarted, [
                                       "user": .text(use.user), "purpose": .text(use.purpose),
                                       "started_on": .date(use.startedOn)])] + reasons),
                                   evidence: [use.evidence] + evidence))
            }
            // OCC-03: the latest inspection saw it occupied, and no occupation report has since been cleared or is
            // still open (OCC-01 reports an open one).
            if let last = unresolvedOccupiedInspection(asset) {
                out.append(finding(.inspectionFoundOccupied, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: last.date,
                                   facts: [FindingFact(.inspectionOccupied, [
                                       "inspector": .text(last.inspector), "inspected_on": .date(last.date),
                                       "note": .text(last.note ?? "")])],
                                   evidence: [last.evidence]))
            }
            // OCC-02 also when the latest inspection saw the part in use while the ledger shows no use or contract then.
            if let last = unrecordedUseInspection(asset) {
                out.append(finding(.useWithoutAuthority, community: asset.communityID, .asset, asset.id, asset.name,
                                   since: last.date,
                                   facts: [FindingFact(.inspectionInUse, [
                                       "inspector": .text(last.inspector), "inspected_on": .date(last.date),
                                       "note": .text(last.note ?? "")])],
                                   evidence: [last.evidence]))
            }
            out += changeOfUseFindings(asset)
        }
        return out
    }

    /// OCC-03's condition: the latest inspection saw the part occupied, and no occupation report of it is open or
    /// was cleared on or after that inspection.
    func unresolvedOccupiedInspection(_ asset: Asset) -> Inspection? {
        guard let last = projection.inspections(ofAsset: asset.id).last, last.observed == .occupied,
              !projection.occupations(ofAsset: asset.id).contains(where: { ($0.cleared?.date ?? asOf) >= last.date }) else { return nil }
        return last
    }

    /// OCC-02's inspection condition: the latest inspection saw the part in use while the ledger shows no open use
    /// and no contract in force that day.
    func unrecordedUseInspection(_ asset: Asset) -> Inspection? {
        guard let last = projection.inspections(ofAsset: asset.id).last, last.observed == .in_use,
              !projection.uses(ofAsset: asset.id).contains(where: { Projection.isOpen($0, on: last.date) }),
              !projection.contracts(ofAsset: asset.id).contains(where: { projection.contractStatus($0, on: last.date) == .active })
        else { return nil }
        return last
    }

    /// The decision a use cites when it belongs to another community than the asset's (it authorises nothing here).
    private func decisionOfOtherCommunity(_ use: Use, _ asset: Asset) -> Decision? {
        guard case .decision(let id) = use.authority, let decision = projection.decisions[id],
              decision.terms.communityID != asset.communityID else { return nil }
        return decision
    }

    /// Why a use's named authority does not hold on the check date, the records that show it, and since when.
    private func authorityProblems(of use: Use, asset: Asset) -> ([FindingFact], [Evidence], CalendarDate) {
        switch use.authority {
        case .none:
            return ([], [], use.startedOn)
        case .contract(let id):
            guard let contract = projection.contracts[id] else {
                return ([FindingFact(.useContractUnknown, ["contract_id": .text(id)])], [], use.startedOn)
            }
            if !contract.terms.assetIDs.contains(asset.id) {
                return ([FindingFact(.contractNotForAsset, ["contract_id": .text(id), "asset_id": .text(asset.id)])],
                        [contract.evidence], use.startedOn)
            }
            if let ended = contract.terminated, ended.date <= asOf {
                return ([FindingFact(.contractTerminatedOn, ["contract_id": .text(id), "terminated_on": .date(ended.date)])],
                        [contract.evidence, ended.evidence], max(use.startedOn, ended.date))
            }
            return ([FindingFact(.contractNotInForce, ["contract_id": .text(id), "start_on": .date(contract.terms.startOn),
                                                        "end_on": .date(contract.terms.endOn), "on": .date(asOf)])],
                    [contract.evidence], use.startedOn)
        case .decision(let id):
            guard let decision = projection.decisions[id] else {
                return ([FindingFact(.decisionUnknown, ["decision_id": .text(id)])], [], use.startedOn)
            }
            if decision.terms.communityID != asset.communityID {
                return ([otherCommunityFact(decision)], [decision.evidence], use.startedOn)
            }
            var facts = voteFacts(decision)
            var since = use.startedOn
            let listed = decision.terms.authorises.assetIDs
            if !listed.isEmpty && !listed.contains(asset.id) {
                facts.append(FindingFact(.decisionNotForAsset, ["decision_id": .text(id), "asset_id": .text(asset.id)]))
            }
            if let until = decision.terms.validUntil, until < asOf {
                facts.append(FindingFact(.decisionExpired, ["decision_id": .text(id), "valid_until": .date(until), "on": .date(asOf)]))
                if facts.count == 1 { since = max(since, until.adding(days: 1)) }
            }
            return (facts, [decision.evidence], since)
        }
    }

    /// OCC-04: a register change of the asset's use (its kind, or a use column) with no decision under
    /// Art. 278(8) that passed the 3/4 threshold, names the asset and was in force that day. A blanket decision
    /// "to operate common parts" that names no asset does not change any one part's use.
    private func changeOfUseFindings(_ asset: Asset) -> [Finding] {
        guard !asset.updates.isEmpty else { return [] }
        // Rebuild the register data as first recorded, then walk the updates, so each change knows its old value.
        guard let registration = registrations[asset.id] else { return [] }
        var currentKind = registration.kind
        var attributes = registration.attributes
        var out: [Finding] = []
        for update in asset.updates {
            var changes: [(field: String, from: String, to: String)] = []
            if let newKind = update.changes.kind, newKind != currentKind {
                changes.append(("kind", currentKind.rawValue, newKind.rawValue))
                currentKind = newKind
            }
            if let newAttributes = update.changes.attributes {
                for name in newAttributes.keys.sorted() where useAttributeNames.contains(name) {
                    let old = attributes[name] ?? ""
                    if old != newAttributes[name]! { changes.append((name, old, newAttributes[name]!)) }
                }
                attributes.merge(newAttributes) { _, new in new }
            }
            guard !changes.isEmpty, !hasChangeOfUseDecision(asset, on: update.date) else { continue }
            let facts = changes.map { change in
                FindingFact(.useChanged, ["field": .text(change.field), "from": .text(change.from), "to": .text(change.to),
                                          "changed_on": .date(update.date)])
            }
            out.append(finding(.changeOfUseWithoutDecision, community: asset.communityID, .asset, asset.id, asset.name,
                               since: update.date, facts: facts, evidence: [update.evidence]))
        }
        return out
    }

    private func hasChangeOfUseDecision(_ asset: Asset, on date: CalendarDate) -> Bool {
        for decision in sortedDecisions where decision.terms.communityID == asset.communityID {
            let terms = decision.terms
            guard terms.matter == .change_use_or_operate, decision.decidedOn <= date,
                  terms.validUntil.map({ date <= $0 }) ?? true,
                  terms.authorises.assetIDs.contains(asset.id),
                  projection.validity(of: decision)?.passed == true else { continue }
            return true
        }
        return false
    }
}
