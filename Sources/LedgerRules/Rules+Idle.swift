import LedgerEvents
import LedgerProjections

extension RuleContext {
    /// The first day an asset is known to the ledger: the later of its register date and the date it was recorded
    /// (use before the ledger knew the asset cannot be seen, so idleness is not counted from earlier).
    func existsFrom(_ asset: Asset) -> CalendarDate { max(asset.registeredOn, asset.recordedOn) }

    /// The trailing window of the policy: the `utilisationWindowMonths` months ending on the check date.
    var window: DayRange { DayRange(first: asOf.adding(months: -policy.utilisationWindowMonths).adding(days: 1), last: asOf) }

    /// 长期闲置 IDLE-01 and 低效利用 LOW-01, LOW-02, over assets of the policy's kinds that are not retired.
    func idleAndLowEfficiencyFindings() -> [Finding] {
        var out: [Finding] = []
        var idleIDs: Set<String> = []
        // An occupied asset, or one the latest inspection saw in use or occupied, is neither idle nor under-used,
        // whatever the records say: OCC-01/02/03 report it. An inspection the ledger explains (in use under a
        // recorded use or contract, occupied by someone since cleared away) says nothing about the days after it.
        let candidates = sortedAssets.filter { asset in
            guard !isRetired(asset), policy.idleAssetKinds.contains(asset.kind.rawValue) else { return false }
            if projection.occupations(ofAsset: asset.id).contains(where: { Projection.isOpen($0, on: asOf) }) { return false }
            return unrecordedUseInspection(asset) == nil && unresolvedOccupiedInspection(asset) == nil
        }
        for asset in candidates {
            let ranges = projection.inUseRanges(ofAsset: asset.id)
            let lastUsed = ranges.last?.last
            if lastUsed == asOf { continue }
            // Idle from the day after the last day in use, or from the day the asset is known; days count both ends.
            let since = lastUsed.map { max($0.adding(days: 1), existsFrom(asset)) } ?? existsFrom(asset)
            guard since <= asOf else { continue }
            let days = since.days(until: asOf) + 1
            guard days >= policy.idleDays else { continue }
            idleIDs.insert(asset.id)
            if scope.includes(.idle) {
                var evidence = [asset.evidence]
                // The record that ended the last use or contract, when there was one.
                if let lastUsed {
                    for use in projection.uses(ofAsset: asset.id) where use.ended?.date == lastUsed { evidence.append(use.ended!.evidence) }
                    for contract in projection.contracts(ofAsset: asset.id) where contract.lastDay == lastUsed {
                        evidence.append(contract.terminated?.evidence ?? contract.evidence)
                    }
                }
                let inspections = projection.inspections(ofAsset: asset.id).filter { $0.date >= since && $0.observed == .idle }
                evidence += inspections.map(\.evidence)
                out.append(finding(.idle, community: asset.communityID, .asset, asset.id, asset.name, since: since,
                                   facts: [FindingFact(.idleDays, ["days": .integer(Int64(days)), "since": .date(since),
                                                                   "threshold": .integer(Int64(policy.idleDays))])],
                                   evidence: evidence))
            }
        }
        guard scope.includes(.lowEfficiency) else { return out }
        let window = self.window
        // LOW-01: only assets known for the whole window and not already idle.
        for asset in candidates where !idleIDs.contains(asset.id) && existsFrom(asset) <= window.first {
            let utilisation = projection.utilisation(ofAsset: asset.id, window: window)
            // used/window < p/100  ⇔  100·used < p·window (the boundary itself is not low).
            guard Int64(utilisation.daysInUse) * 100 < policy.utilisationMinPercent * Int64(window.days) else { continue }
            var evidence = [asset.evidence]
            for use in projection.uses(ofAsset: asset.id) where use.startedOn <= window.last && (use.ended?.date ?? asOf) >= window.first {
                evidence.append(use.evidence)
            }
            for contract in projection.contracts(ofAsset: asset.id) where contract.terms.startOn <= window.last && contract.lastDay >= window.first {
                evidence.append(contract.evidence)
            }
            out.append(finding(.lowUtilisation, community: asset.communityID, .asset, asset.id, asset.name, since: window.first,
                               facts: [FindingFact(.utilisation, [
                                   "used_days": .integer(Int64(utilisation.daysInUse)), "window_days": .integer(Int64(window.days)),
                                   "utilisation": .percent(Ratio(Int128(utilisation.daysInUse), Int128(window.days))),
                                   "threshold": .percent(Ratio(Int128(policy.utilisationMinPercent), 100))])],
                               evidence: evidence))
        }
        out += lowIncomeFindings(candidates.filter { !idleIDs.contains($0.id) })
        return out
    }

    /// LOW-02: income per m² over the window below `incomeBenchmarkPercent` of the median of the assets of the
    /// same kind in the same street that were under contract in the window (the asset included), when there are
    /// at least `incomeBenchmarkMinPeers` of them. A payment under a contract for several assets is shared by area,
    /// rounded down to the fen.
    private func lowIncomeFindings(_ candidates: [Asset]) -> [Finding] {
        let window = self.window
        struct Entry { let asset: Asset; let street: String; let income: Amount; let perArea: Ratio; let evidence: [Evidence] }
        var entries: [Entry] = []
        // The benchmark covers the whole street, so peers come from every community in it, whatever the scope.
        let all = projection.assets.values
            .filter { !isRetired($0) && policy.idleAssetKinds.contains($0.kind.rawValue) && $0.area.units > 0 }
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        for asset in all {
            let contracts = projection.contracts(ofAsset: asset.id)
                .filter { $0.terms.startOn <= window.last && $0.lastDay >= window.first }
            guard !contracts.isEmpty, let street = projection.communities[asset.communityID]?.street else { continue }
            var income = Amount.zero
            var evidence = [asset.evidence]
            for contract in contracts {
                evidence.append(contract.evidence)
                var totalUnits: Int64 = 0
                for id in contract.terms.assetIDs { totalUnits += projection.assets[id]?.area.units ?? 0 }
                guard totalUnits > 0 else { continue }
                for index in contract.paymentIndexes {
                    let payment = projection.movements[index]
                    guard payment.date >= window.first, payment.date <= window.last else { continue }
                    income += Amount(fen: Int64(Int128(payment.amount.fen) * Int128(asset.area.units) / Int128(totalUnits)))
                    evidence.append(payment.evidence)
                }
            }
            // fen per m² = fen / (units / 100).
            entries.append(Entry(asset: asset, street: street, income: income,
                                 perArea: Ratio(Int128(income.fen) * 100, Int128(asset.area.units)), evidence: evidence))
        }
        let candidateIDs = Set(candidates.map(\.id))
        var out: [Finding] = []
        for entry in entries where candidateIDs.contains(entry.asset.id) {
            let peers = entries.filter { $0.street == entry.street && $0.asset.kind == entry.asset.kind }
            guard peers.count >= policy.incomeBenchmarkMinPeers else { continue }
            let median = Ratio.median(peers.map(\.perArea))
            guard entry.perArea < median.scaled(percent: policy.incomeBenchmarkPercent) else { continue }
            out.append(finding(.lowIncome, community: entry.asset.communityID, .asset, entry.asset.id, entry.asset.name,
                               since: window.first,
                               facts: [FindingFact(.incomePerArea, [
                                   "income": .amount(entry.income), "area": .area(entry.asset.area),
                                   "income_per_m2": .fenPerSquareMetre(entry.perArea),
                                   "median_per_m2": .fenPerSquareMetre(median), "peers": .integer(Int64(peers.count)),
                                   "threshold": .percent(Ratio(Int128(policy.incomeBenchmarkPercent), 100))])],
                               evidence: entry.evidence))
        }
        return out
    }
}
