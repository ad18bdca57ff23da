import LedgerEvents
import LedgerProjections

extension Rectifier {
    /// One part of the city checked before the street medians are known: every finding but LOW-02's, CON-06/07
    /// without the facts comparing with a median, and what `finish` needs to add them.
    public struct PendingPart {
        let part: Part
        let deferred: DeferredMedians
        /// The part's LOW-02 values by street and kind (`incomeValues`).
        public let values: [String: [Ratio]]
        /// The same values by the community of the part compared (community id → street and kind → values): what
        /// `index/rectify.state` keeps per group, so a group refolded alone changes its street's medians exactly.
        public let valuesByCommunity: [String: [String: [Ratio]]]
        /// Its communities as (id, name, street).
        public var communities: [(id: String, name: String, street: String)] { part.communities }
    }

    /// Checks a part (as `check(_:scope:policy:streetValues:)`) leaving out what depends on the medians of whole
    /// streets, and gives its LOW-02 values; `finish` completes it once every part's values are in.
    public static func checkDeferringMedians(_ projection: Projection, scope: RectificationScope, policy: Policy) -> PendingPart {
        precondition(projection.asOf == scope.asOf, "the projection is taken as of the check date")
        var context = RuleContext(projection: projection, policy: policy, scope: scope)
        let deferred = DeferredMedians()
        var values: [String: [Ratio]] = [:]
        var byCommunity: [String: [String: [Ratio]]] = [:]
        if scope.includes(.lowEfficiency) || scope.includes(.contract) {
            let benchmark = context.incomeBenchmark()
            values = benchmark.values
            for entry in benchmark.benchmark.entries.values {
                guard let community = projection.assets[entry.assetID]?.communityID else { continue }
                byCommunity[community, default: [:]][entry.key, default: []].append(entry.entitledPerArea)
            }
            context.benchmark = IncomeBenchmark(entries: benchmark.benchmark.entries, groups: [:])
            context.deferred = deferred
        }
        let (findings, communities, background) = context.allFindings()
        return PendingPart(part: Part(findings: findings, communities: communities, background: background), deferred: deferred,
                           values: values, valuesByCommunity: byCommunity)
    }

    /// The street medians of every part's LOW-02 values put together (computed once for the whole city).
    public struct StreetMedians {
        let groups: [String: IncomeBenchmark.Group]
        public init(_ streetValues: [String: [Ratio]]) { groups = IncomeBenchmark.groups(streetValues) }
    }

    /// What `finish` needs of a pending part besides the findings it may change: the part's LOW-02 candidates and
    /// CON-06/07 inputs, and its contracts with a CON-07 finding. Small: a whole-city pass keeps this of every part
    /// and stores the findings themselves (`RectifyState.CityBuilder`).
    public struct PendingRest {
        let deferred: DeferredMedians
        let arrears: Set<String>
        /// The records LOW-02's candidates cite (a finding made from one cites no other).
        public var lowEvidenceSeqs: Set<Int64> { Set(deferred.low.flatMap { $0.evidence.map(\.seq) }) }
        /// The community each LOW-02 candidate is about.
        public var lowCommunities: Set<String> { Set(deferred.low.map(\.communityID)) }
    }

    /// Whether `finish` may change `f`, a finding of `pending` (CON-06/07 of a contract whose parts a street median
    /// may explain); the others are final as `checkDeferringMedians` made them.
    public static func mayChange(_ f: Finding, of pending: PendingPart) -> Bool {
        (f.rule == .rentArrears || f.rule == .contractExpiredStillUsed) && pending.deferred.shortfall[f.itemID] != nil
    }

    /// `pending`'s rest (`PendingRest`).
    public static func rest(of pending: PendingPart) -> PendingRest {
        PendingRest(deferred: pending.deferred, arrears: Set(pending.part.findings.filter { $0.rule == .rentArrears }.map(\.itemID)))
    }

    /// The part's findings as `check(_:scope:policy:streetValues:)` gives them, from a pending part and every
    /// part's values put together.
    public static func finish(_ pending: PendingPart, scope: RectificationScope, policy: Policy, streetValues: [String: [Ratio]]) -> Part {
        var findings = pending.part.findings
        let changeable = findings.indices.filter { mayChange(findings[$0], of: pending) }
        let (changed, low) = finish(changeable.map { findings[$0] }, rest(of: pending), scope: scope, policy: policy,
                                    medians: StreetMedians(streetValues))
        for (index, f) in zip(changeable, changed) { findings[index] = f }
        findings += low
        return Part(findings: findings, communities: pending.part.communities, background: pending.part.background)
    }

    /// `finish` on the findings `mayChange` picked out of a pending part (in the part's order) and its `rest`: those
    /// findings as finished (same order, same count), and the part's LOW-02 findings (appended after the part's).
    public static func finish(_ changeable: [Finding], _ rest: PendingRest, scope: RectificationScope, policy: Policy,
                              medians: StreetMedians) -> (changed: [Finding], low: [Finding]) {
        let groups = medians.groups
        let deferred = rest.deferred
        let threshold = FactValue.percent(Ratio(Int128(policy.incomeBenchmarkPercent), 100))
        var findings = changeable
        if !deferred.shortfall.isEmpty {
            // CON-07 states the shortfall; CON-06 does when the contract has no CON-07 finding (as the rules do).
            let arrears = rest.arrears
            for index in findings.indices {
                let f = findings[index]
                guard f.rule == .rentArrears || (f.rule == .contractExpiredStillUsed && !arrears.contains(f.itemID)),
                      let inputs = deferred.shortfall[f.itemID] else { continue }
                var explained: [FindingFact] = []
                for input in inputs {
                    guard let group = groups[input.key], group.peers >= policy.incomeBenchmarkMinPeers else { continue }
                    let level = group.median.scaled(percent: policy.incomeBenchmarkPercent)
                    guard input.receivedPerArea < level, !(input.entitledPerArea < level) else { continue }
                    explained.append(FindingFact(.incomeShortfallExplained, [
                        "asset_id": .text(input.assetID), "window_days": .integer(Int64(input.windowDays)), "received": .amount(input.received),
                        "received_per_m2": .fenPerSquareMetre(input.receivedPerArea), "median_per_m2": .fenPerSquareMetre(group.median),
                        "threshold": threshold]))
                }
                guard !explained.isEmpty else { continue }
                findings[index] = Finding(rule: f.rule, communityID: f.communityID, communityName: f.communityName, street: f.street,
                                          itemKind: f.itemKind, itemID: f.itemID, itemName: f.itemName, itemPerson: f.itemPerson,
                                          itemDetail: f.itemDetail, since: f.since, facts: f.facts + explained, evidence: f.evidence,
                                          basis: f.basis, action: f.action, resolution: f.resolution, subjectIDs: f.subjectIDs)
            }
        }
        var low: [Finding] = []
        if scope.includes(.lowEfficiency) || scope.includes(.idle) {
            for c in deferred.low {
                guard let group = groups[c.key], group.peers >= policy.incomeBenchmarkMinPeers,
                      c.entitledPerArea < group.median.scaled(percent: policy.incomeBenchmarkPercent) else { continue }
                low.append(Finding(
                    rule: .lowIncome, communityID: c.communityID, communityName: c.communityName, street: c.street, itemKind: .asset,
                    itemID: c.assetID, itemName: c.assetName, since: c.windowFirst,
                    facts: [RuleContext.withContractLastDay(c.contractLastDay, FindingFact(.incomePerArea, [
                        "window_days": .integer(Int64(c.windowDays)), "income": .amount(c.entitled), "received": .amount(c.received),
                        "area": .area(c.area), "income_per_m2": .fenPerSquareMetre(c.entitledPerArea),
                        "median_per_m2": .fenPerSquareMetre(group.median), "peers": .integer(Int64(group.peers)),
                        "threshold": threshold]))],
                    evidence: c.evidence, basis: RuleCode.lowIncome.basis(.general)))
            }
        }
        return (findings, low)
    }
}
