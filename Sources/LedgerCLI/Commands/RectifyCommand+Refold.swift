import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules

extension RectifyCommand {
    /// At most this many records after `index/scopes`' stamp are read to refold; beyond, the whole city's state is
    /// made again (as `index/scopes` itself is rebuilt then).
    static let refoldRecordsMax = 50_000

    /// Brings a stale `index/rectify.state` (ledger-spec.md 15.8, "Refolding") to the log's head by refolding only
    /// the community groups the records after its stamp join, and writes `index/rectify.patch` with those groups'
    /// units and the new global part. The groups are folded with the global block, exactly as the whole city's fold
    /// folds them in their part; their LOW-02 values must be the ones the state keeps for them (else the medians of
    /// a street moved, and every group of it would change: the whole city is made again). False when the records
    /// cannot be refolded alone (see `ScopeIndex.refold`), the groups are not the state's units, or the patch cannot
    /// be written: the caller then proceeds as without the file. `LEDGER_RECTIFY_REFOLD=off` never refolds (tests).
    static func refold(_ directory: LedgerDirectory, _ context: CommandContext, _ stored: RectifyState.Stored,
                       policy: Policy) -> Bool {
        guard context.io.environment["LEDGER_RECTIFY_REFOLD"] != "off" else { return false }
        let scope = RectificationScope(asOf: stored.asOf)
        guard let plan = (try? ScopeIndex.refold(directory, after: stored.header.stamp.seq, maxRecords: refoldRecordsMax)) ?? nil,
              var global = stored.global(), global.unitValues.count == stored.unitCount else { return false }
        // The unit of each touched group: the one holding its communities as of the date, and only those.
        var unitOfCommunity: [String: Int] = [:]
        for (index, list) in stored.communities.enumerated() { for c in list { unitOfCommunity[c.id] = index } }
        var unitOfBlock: [Int: Int] = [:]
        for block in plan.touched {
            let units = Set((plan.communitiesOfBlock[block] ?? []).compactMap { unitOfCommunity[$0] })
            guard units.count == 1, let unit = units.first,
                  stored.communities[unit].allSatisfy({ plan.communityBlocks[$0.id] == block }) else { return false }
            unitOfBlock[block] = unit
        }
        func unit(ofCommunity id: String) -> Int? { plan.communityBlocks[id].flatMap { unitOfBlock[$0] } }

        let projection = Projection(log: EffectiveLog(sparse: plan.records, upTo: plan.totalRecordCount), asOf: stored.asOf)
        let pending = Rectifier.checkDeferringMedians(projection, scope: scope, policy: policy)
        // The groups' LOW-02 values must be those kept for them: the streets' medians are then unchanged.
        var values: [Int: [String: [Ratio]]] = [:]
        for unit in unitOfBlock.values { values[unit] = [:] }
        for (community, byKey) in pending.valuesByCommunity {
            guard let u = unit(ofCommunity: community) else { return false }
            for (key, list) in byKey { values[u]![key, default: []] += list }
        }
        for (u, v) in values where !RectifyState.sameValues(v, global.unitValues[u]) { return false }
        let checked = Rectifier.finish(pending, scope: scope, policy: policy, streetValues: global.streetValues)

        // Split by group as the whole city's fold does (`buildState`).
        var units: [Int: RectifyState.Unit] = [:]
        for u in unitOfBlock.values { units[u] = RectifyState.Unit(communities: [], findings: [], background: [], anomalies: []) }
        for c in checked.communities.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            guard let u = unit(ofCommunity: c.id) else { return false }
            units[u]!.communities.append(c)
        }
        for (u, made) in units where made.communities.map(\.id) != stored.communities[u].map(\.id) { return false }
        for line in RectifyCommand.anomalyLines(projection) {
            guard let block = plan.blockOfSeq[line.seq], let u = unitOfBlock[block] else { continue }
            units[u]!.anomalies.append(line)
        }
        for fact in projection.facts {
            guard let block = plan.blockOfSeq[fact.evidence.seq], let u = unitOfBlock[block] else { continue }
            fact.payload.forEachPersonal { _, value in if let c = value.commitment { units[u]!.persons.insert(c) } }
        }
        for f in checked.findings {
            guard let u = unit(ofCommunity: f.communityID) else { continue }
            units[u]!.findings.append(f)
            for e in f.evidence where checked.background.contains(e.seq) { units[u]!.background.insert(e.seq) }
        }
        // The loop's events of the touched groups are made again; the others are kept.
        var touchedSeqs = Set<Int64>()
        for (seq, block) in plan.blockOfSeq where unitOfBlock[block] != nil { touchedSeqs.insert(seq) }
        var loop = global.loop.filter { !touchedSeqs.contains($0.position) }
        loop += RectificationLoop.events(in: projection).filter { touchedSeqs.contains($0.position) }
        loop.sort { $0.position < $1.position }
        global.loop = loop
        return RectifyState.writePatch(directory, base: stored, replacing: units, global: global, stamp: plan.head)
    }
}
