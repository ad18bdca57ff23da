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
            let lastUsed = notIdleRanges(asset).last?.last
            if lastUsed == asOf { continue }
            // Idle from the day after the last day in use, occupied or booked, or from the day the asset is known;
            // days count both ends.
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
                    for occupation in projection.occupations(ofAsset: asset.id) where occupation.cleared?.date == lastUsed {
                        evidence.append(occupation.cleared!.evidence)
                    }
                    for contract in projection.contracts(ofAsset: asset.id) where contract.lastDay == lastUsed {
                        evidence.append(contract.terminated?.evidence ?? contract.evidence)
                    }
                    for inspection in projection.inspections(ofAsset: asset.id)
                    where inspection.date == lastUsed && inspection.observed == .occupied {
                        evidence.append(inspection.evidence)
                    }
                }
                let inspections = projection.inspections(ofAsset: asset.id).filter { $0.date >= since && $0.observed == .idle }
                evidence += inspections.map(\.evidence)
                var idle = FindingFact(.idleDays, ["days": .integer(Int64(days)), "since": .date(since),
                                                   "threshold": .integer(Int64(policy.idleDays))])
                if let first = firstIdleFound(asset, before: since) {
                    idle = FindingFact(key: idle.key, values: idle.values + [.init(name: "first_since", value: .date(first))])
                }
                out.append(finding(.idle, community: asset.communityID, .asset, asset.id, asset.name, since: since,
                                   facts: [idle], evidence: evidence))
            }
        }
        guard scope.includes(.lowEfficiency) else { return out }
        let window = self.window
        // LOW-01: only assets known for the whole window and not already idle.
        for asset in candidates where !idleIDs.contains(asset.id) && existsFrom(asset) <= window.first {
            let utilisation = projection.utilisation(ofAsset: asset.id, window: window)
            // used/window < p/100  ⇔  100·used < p·window (the boundary itself is not low).
            guard Int64(utilisation.daysInUse) * 100 < policy.utilisationMinPercent * Int64(window.days),
                  !idlenessEndedByCurrentUse(asset, window: window) else { continue }
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

    /// The first day IDLE-01 was found on `asset` in an idle run ended before its present run (from `present`): the
    /// day the earliest such run reached `idleDays`; nil when none did. The loop tells by it a part whose idleness
    /// went after a list's check date and came back (反弹) from one whose idleness a correction moved past it (a use's
    /// dates corrected: the part in use on the check date as the records now read, the issued key; loop45).
    func firstIdleFound(_ asset: Asset, before present: CalendarDate) -> CalendarDate? {
        var start = existsFrom(asset)
        for range in notIdleRanges(asset) where range.first < present {
            if range.first > start, start.days(until: range.first.adding(days: -1)) + 1 >= policy.idleDays {
                return start.adding(days: policy.idleDays - 1)
            }
            start = max(start, range.last.adding(days: 1))
        }
        return nil
    }

    /// The days an asset was not idle up to the check date (DOMAIN.md §3: idle is no active use, booking or contract):
    /// its days in use (`Projection.inUseRanges`), the days it was occupied (from the report to the clearance, that
    /// day counted as a use's end day is: an occupied part is not idle, OCC-01 reports it), and the days it was
    /// booked (a contract covering it from its signing to the day before its term begins, or to its termination
    /// when earlier), and the day of each inspection that saw it occupied (OCC-03 reported it: an occupation seen only
    /// by an inspection was counted idle, while a reported one was not: review 46a #5; a sighting of an unrecorded use
    /// is left as before, since LOW-01 would then count it as no use at all). Merged. Only IDLE-01 counts occupied and
    /// booked days; LOW-01's utilisation counts days in use.
    func notIdleRanges(_ asset: Asset) -> [DayRange] {
        var ranges = projection.inUseRanges(ofAsset: asset.id) + bookedRanges(asset)
        for occupation in projection.occupations(ofAsset: asset.id) where occupation.reportedOn <= asOf {
            let last = min(occupation.cleared?.date ?? asOf, asOf)
            if occupation.reportedOn <= last { ranges.append(DayRange(first: occupation.reportedOn, last: last)) }
        }
        for inspection in projection.inspections(ofAsset: asset.id)
        where inspection.date <= asOf && inspection.observed == .occupied {
            ranges.append(DayRange(first: inspection.date, last: inspection.date))
        }
        return DayRange.merge(ranges)
    }

    /// The days a part was booked up to the check date: under a contract signed before its term began, from the
    /// signing to the day before the term (or to its termination, when earlier). Not merged.
    func bookedRanges(_ asset: Asset) -> [DayRange] {
        var ranges: [DayRange] = []
        for contract in projection.contracts(ofAsset: asset.id) where contract.signedOn < contract.terms.startOn {
            let last = min(contract.terms.startOn.adding(days: -1), contract.lastDay, asOf)
            if contract.signedOn <= last { ranges.append(DayRange(first: contract.signedOn, last: last)) }
        }
        return ranges
    }

    /// Whether a part's low use in `window` is an idle stretch that a use or letting going on since has ended (review
    /// 44a #5): the part is in use or booked on the check date, without a break since some day S, and before S it was
    /// not in use or booked on any day of the window, or not for at least `idleDays` days just before S (IDLE-01's
    /// stretch while it lasted). Letting the part was the remedy of its idleness; measured over the window, the part
    /// would read 低效利用 for months at full use, advised to raise a use that is already whole. Occupied days count
    /// as not in use here, as in the utilisation.
    func idlenessEndedByCurrentUse(_ asset: Asset, window: DayRange) -> Bool {
        let ranges = DayRange.merge(projection.inUseRanges(ofAsset: asset.id) + bookedRanges(asset))
        guard let current = ranges.last, current.last == asOf else { return false }
        guard ranges.count > 1 else { return true }
        let before = ranges[ranges.count - 2]
        return before.last < window.first || before.last.days(until: current.first) - 1 >= policy.idleDays
    }

    /// LOW-02: the income the contracts entitle the owners to for the window (rent for the days of the window,
    /// including rent at the contract's rate for use after a contract ended), per m², below
    /// `incomeBenchmarkPercent` of the median of the parts of the same kind in the same street that were under
    /// contract in the window (the part included), when there are at least `incomeBenchmarkMinPeers` of them.
    /// Rent unpaid (CON-07) or use after expiry (CON-06) does not make a part "low-efficiency": those findings
    /// say so instead.
    private func lowIncomeFindings(_ candidates: [Asset]) -> [Finding] {
        guard let benchmark else { return [] }
        if let deferred {
            for asset in candidates {
                guard let entry = benchmark.entries[asset.id] else { continue }
                let community = projection.communities[asset.communityID]
                deferred.low.append(DeferredMedians.LowCandidate(
                    communityID: asset.communityID, communityName: community?.name ?? "", street: community?.street ?? "",
                    assetID: asset.id, assetName: asset.name, area: asset.area, windowFirst: window.first, windowDays: window.days,
                    key: entry.key, entitled: entry.entitled, received: entry.received, entitledPerArea: entry.entitledPerArea,
                    contractLastDay: contractLastDay(entry), evidence: entry.evidence))
            }
            return []
        }
        var out: [Finding] = []
        for asset in candidates {
            guard let entry = benchmark.entries[asset.id], let group = benchmark.group(of: entry),
                  group.peers >= policy.incomeBenchmarkMinPeers,
                  entry.entitledPerArea < group.median.scaled(percent: policy.incomeBenchmarkPercent) else { continue }
            out.append(finding(.lowIncome, community: asset.communityID, .asset, asset.id, asset.name,
                               since: window.first,
                               facts: [Self.withContractLastDay(contractLastDay(entry), FindingFact(.incomePerArea, [
                                   "window_days": .integer(Int64(window.days)),
                                   "income": .amount(entry.entitled), "received": .amount(entry.received), "area": .area(asset.area),
                                   "income_per_m2": .fenPerSquareMetre(entry.entitledPerArea),
                                   "median_per_m2": .fenPerSquareMetre(group.median), "peers": .integer(Int64(group.peers)),
                                   "threshold": .percent(Ratio(Int128(policy.incomeBenchmarkPercent), 100))]))],
                               evidence: entry.evidence))
        }
        return out
    }

    /// The last day of the contracts a part LOW-02 compares is let under on the check date (the latest, when
    /// several): its advice is to let it anew at expiry, so that day is the deadline `--issue` gives it
    /// (`RectificationDefaults.deadline`). nil when none is in force then (a use going on after the end: CON-06).
    func contractLastDay(_ entry: IncomeBenchmark.Entry) -> CalendarDate? {
        entry.contracts.filter { $0.terms.startOn <= asOf && asOf <= $0.lastDay }.map(\.lastDay).max()
    }

    /// LOW-02's fact `income_per_area` with `contract_last_day` last, when there is one.
    static func withContractLastDay(_ day: CalendarDate?, _ fact: FindingFact) -> FindingFact {
        guard let day else { return fact }
        return FindingFact(key: fact.key, values: fact.values + [FindingFact.Pair(name: "contract_last_day", value: .date(day))])
    }

    /// The income of every part that could be compared (of the policy's kinds, not retired, with an area, under
    /// contract in the window), in every community of the ledger: the benchmark covers whole streets, whatever
    /// the scope. Income of a contract for several parts is shared by area, rounded down to the fen.
    /// - Complexity: O(a + c + p) for a parts, c contracts and p payments, plus sorting each group.
    func incomeBenchmark() -> (benchmark: IncomeBenchmark, values: [String: [Ratio]]) {
        let window = self.window
        var entries: [String: IncomeBenchmark.Entry] = [:]
        var values: [String: [Ratio]] = [:]
        let all = projection.assets.values
            .filter { !isRetired($0) && policy.idleAssetKinds.contains($0.kind.rawValue) && $0.area.units > 0 }
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var accrualsByContract: [String: [RentAccrual]] = [:]
        for asset in all {
            // A contract ended before the window counts for the days its part is still used on its terms (CON-06):
            // its rent accrues for them too (review 46a #2: such a part fell out of its street's peers).
            let contracts = projection.contracts(ofAsset: asset.id).filter { contract in
                guard contract.terms.startOn <= window.last else { return false }
                if contract.lastDay >= window.first { return true }
                return daysUsedAfterEnd(contract).ranges.contains { $0.first <= window.last && $0.last >= window.first }
            }
            guard !contracts.isEmpty, let street = projection.communities[asset.communityID]?.street else { continue }
            // Only a part under contract (or used on a contract's terms after it ended) on every day of the window is
            // compared: a part let for a few months of it earns less for the window at any rent, which is low use
            // (LOW-01), not low income per m² (DOMAIN.md §3 measures both; each finding says one thing).
            var covered: [DayRange] = []
            for contract in contracts {
                let first = max(contract.terms.startOn, window.first), last = min(contract.lastDay, window.last)
                if first <= last { covered.append(DayRange(first: first, last: last)) }
                for range in daysUsedAfterEnd(contract).ranges {
                    let first = max(range.first, window.first), last = min(range.last, window.last)
                    if first <= last { covered.append(DayRange(first: first, last: last)) }
                }
            }
            let merged = DayRange.merge(covered)
            guard merged.count == 1, merged[0] == window else { continue }
            // Entitled income is summed exactly (fen as a ratio) and rounded down once, for display.
            var entitledExact = Ratio.zero, received = Amount.zero
            var evidence = [asset.evidence]
            for contract in contracts {
                evidence.append(contract.evidence)
                var totalUnits: Int64 = 0
                for id in contract.terms.assetIDs { totalUnits += projection.assets[id]?.area.units ?? 0 }
                guard totalUnits > 0 else { continue }
                func share(_ amount: Amount) -> Amount {
                    Amount(fen: Int64(Int128(amount.fen) * Int128(asset.area.units) / Int128(totalUnits)))
                }
                // Only the window's periods: the window is a year, the contract may run from 1900.
                if accrualsByContract[contract.id] == nil { accrualsByContract[contract.id] = rentAccruals(contract, overlapping: window) }
                let rent = Self.rent(accrualsByContract[contract.id]!, within: window)
                entitledExact = entitledExact + Ratio(rent.numerator * Int128(asset.area.units), rent.denominator * Int128(totalUnits))
                for index in contract.paymentIndexes {
                    let payment = projection.movements[index]
                    guard payment.date >= window.first, payment.date <= window.last else { continue }
                    received += share(payment.amount)
                    evidence.append(payment.evidence)
                }
            }
            // fen per m² = fen / (units / 100).
            let entry = IncomeBenchmark.Entry(
                assetID: asset.id, key: street + "\u{0}" + asset.kind.rawValue, contracts: contracts,
                entitled: Amount(fen: Int64(entitledExact.numerator / entitledExact.denominator)), received: received,
                entitledPerArea: Ratio(entitledExact.numerator * 100, entitledExact.denominator * Int128(asset.area.units)),
                receivedPerArea: Ratio(Int128(received.fen) * 100, Int128(asset.area.units)), evidence: evidence)
            entries[asset.id] = entry
            values[entry.key, default: []].append(entry.entitledPerArea)
        }
        return (IncomeBenchmark(entries: entries, groups: IncomeBenchmark.groups(values)), values)
    }
}
