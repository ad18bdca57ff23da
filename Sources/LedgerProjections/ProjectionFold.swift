import LedgerChain
import LedgerEvents
import LedgerPlatform

/// The fold behind `Projection.init(log:asOf:)`: the same rules, applied to entities held by dense index
/// (`EntityTable`) instead of in dictionaries keyed by id, where every reference cost several lookups and moved
/// the entity out of its dictionary and back. `ProjectionFoldTests` compares its result with the plain fold's.
struct ProjectionFold {
    var communities = EntityTable<Community>()
    var assets = EntityTable<Asset>()
    var funds = EntityTable<Fund>()
    var contracts = EntityTable<Contract>()
    var decisions = EntityTable<Decision>()
    var uses = EntityTable<Use>()
    var occupations = EntityTable<Occupation>()
    var imports = EntityMap<RegisterImport>()
    var inspections: [Inspection] = []
    var movements: [FundMovement] = []
    /// The dense index of each inspection's asset (-1: an asset not registered when the inspection was folded) and
    /// of each movement's fund. The fold notes these in passing and `finish` gives each asset and fund its list in
    /// one pass: appending to the lists while folding touched a random asset per inspection (an asset is some
    /// 400 bytes, and a city's do not fit in the cache) and grew every list by doubling.
    var inspectionAsset: [Int] = []
    var movementFund: [Int] = []
    /// (contract, movement) for each income naming a contract as its source, for the same reason.
    var contractPayments: [(contract: Int, movement: Int)] = []
    var disclosures: [Disclosure] = []
    var anomalies: [Anomaly]
    /// Acts citing a decision not folded yet, by its id: one taken after the act it authorises (a ratification,
    /// ledger-spec.md section 10.4, rule 2). The fold runs in business-date order, so such a decision comes later and
    /// takes them up when it is folded, before the acts dated on or after it.
    var awaitingDecision: [String: [DecisionCitation]] = [:]
    /// `EffectiveLog.earlierDecisionCitations`: what a corrected contract, spending or transfer cited before, for
    /// `Contract.earlierDecisionIDs` and `Projection.earlierMovementDecisions`.
    var earlierDecisionCitations: [Int64: [EarlierCitation]] = [:]
    /// `Projection.earlierMovementDecisions`.
    var earlierMovementDecisions: [String: EarlierCitations] = [:]

    /// An act citing a decision as its authority.
    enum DecisionCitation {
        case contract(String)
        case use(String)
        case movement(Int)
    }

    /// Links `act` to the decision `id`, now or when the decision is folded.
    private mutating func cite(_ id: String, _ act: DecisionCitation) {
        guard let d = decisions[id] else { awaitingDecision[id, default: []].append(act); return }
        switch act {
        case .contract(let contractID): decisions.items[d].contractIDs.append(contractID)
        case .use(let useID): decisions.items[d].useIDs.append(useID)
        case .movement(let index): decisions.items[d].movementIndexes.append(index)
        }
    }

    init(anomalies: [Anomaly]) {
        self.anomalies = anomalies
    }

    /// Room for the entities and lists `facts` make, counted by kind (a look at each fact's type only): the
    /// entity tables and their id tables grew by doubling, each growth copying every entity and placing every id
    /// again.
    mutating func reserve(for facts: [EffectiveFact]) {
        var kinds = FactKinds()
        facts.forEachInPlace { kinds.add($0.payload) }
        reserve(kinds)
    }

    /// Room for the entities and lists of `kinds` (`FactPlan.kinds`: counted from the records).
    mutating func reserve(_ kinds: FactKinds) {
        communities.reserve(kinds.communities)
        assets.reserve(kinds.assets)
        funds.reserve(kinds.funds)
        contracts.reserve(kinds.contracts)
        decisions.reserve(kinds.decisions)
        uses.reserve(kinds.uses)
        occupations.reserve(kinds.occupations)
        inspections.reserveCapacity(kinds.inspections)
        inspectionAsset.reserveCapacity(kinds.inspections)
        movements.reserveCapacity(kinds.movements)
        movementFund.reserveCapacity(kinds.movements)
    }

    /// Gives each asset its inspections and each fund its movements (see `inspectionAsset`).
    private mutating func linkLists() {
        let inspectionAsset = inspectionAsset, movementFund = movementFund
        Self.lists(of: inspectionAsset, count: assets.items.count) { assets.items[$0].inspectionIndexes = $1 }
        Self.lists(of: movementFund, count: funds.items.count) { funds.items[$0].movementIndexes = $1 }
        // The payments come in movement order, so each contract's list rises as the fold's appends did.
        let payments = contractPayments
        Self.lists(of: payments.map(\.contract), count: contracts.items.count) { contract, positions in
            contracts.items[contract].paymentIndexes = positions.map { payments[$0].movement }
        }
    }

    /// For owners `0..<count`, the indexes of `owners` that name each, rising (a counting sort: each owner's list
    /// is made once, at its final size); `-1` names none.
    static func lists(of owners: [Int], count: Int, into assign: (Int, [Int]) -> Void) {
        var start = [Int](repeating: 0, count: count + 1)
        for owner in owners where owner >= 0 { start[owner + 1] += 1 }
        for owner in 0..<count { start[owner + 1] += start[owner] }
        var next = start
        var order = [Int](repeating: 0, count: start[count])
        for index in owners.indices where owners[index] >= 0 {
            let owner = owners[index]
            order[next[owner]] = index
            next[owner] += 1
        }
        for owner in 0..<count where start[owner] < start[owner + 1] {
            assign(owner, Array(order[start[owner]..<start[owner + 1]]))
        }
    }

    /// Moves the folded state into `projection`'s tables and arrays (the fold is not used after).
    mutating func finish(into projection: inout Projection) {
        linkLists()
        projection.communities = communities.take()
        projection.assets = assets.take()
        projection.funds = funds.take()
        projection.contracts = contracts.take()
        projection.decisions = decisions.take()
        projection.uses = uses.take()
        projection.occupations = occupations.take()
        projection.imports = imports
        projection.inspections = inspections
        projection.movements = movements
        projection.earlierMovementDecisions = earlierMovementDecisions
        projection.disclosures = disclosures
        projection.anomalies = anomalies
    }

    private mutating func note(_ fact: EffectiveFact, _ reason: AnomalyReason) {
        anomalies.append(Anomaly(evidence: fact.evidence, kind: reason))
    }

    // One fact into the state. Tolerates facts a validated log never holds (they become anomalies), so that a
    // projection never traps on a log written by other tools.
    //
    // The switch here reads the payload's case only; each case is folded by a function of its own that takes the
    // fact and reads its payload in place (`guard case`), field by field. Bound in this one large switch
    // (`case .x(let p)`), each payload was copied out of its box first — the enum retained and released, and for
    // a registration every string of the payload retained and released again around the closure that made the
    // entity — which the optimiser did not undo in a function this size (with the closures, ~160 instructions a fact:
    // docs/perf-fold24.md).
    mutating func fold(_ fact: EffectiveFact) {
        switch fact.payload {
        case .communityRegistered: foldCommunityRegistered(fact)
        case .assetRegistered: foldAssetRegistered(fact)
        case .assetUpdated: foldAssetUpdated(fact)
        case .assetRetired: foldAssetRetired(fact)
        case .registerImported: foldRegisterImported(fact)
        case .fundOpened: foldFundOpened(fact)
        case .decisionRecorded: foldDecisionRecorded(fact)
        case .contractSigned: foldContractSigned(fact)
        case .contractTerminated: foldContractTerminated(fact)
        case .useStarted: foldUseStarted(fact)
        case .useEnded: foldUseEnded(fact)
        case .inspectionRecorded: foldInspectionRecorded(fact)
        case .occupationReported: foldOccupationReported(fact)
        case .occupationCleared: foldOccupationCleared(fact)
        case .fundIncome: foldFundIncome(fact)
        case .fundSpending: foldFundSpending(fact)
        case .fundTransfer: foldFundTransfer(fact)
        case .fundBalanceAsserted: foldFundBalanceAsserted(fact)
        case .disclosurePublished: foldDisclosurePublished(fact)
        case .rectificationIssued, .rectificationReported, .rectificationVerified, .rectificationExtended:
            // The loop is read from the facts by LedgerRules (`RectificationLoop`); it changes no entity here.
            break
        case .personalDataErased:
            // An erasure deletes values beside the log; the facts keep their commitments.
            break
        case .correction:
            // EffectiveLog consumes corrections; none reaches the fold.
            preconditionFailure("a correction is never a fact")
        }
    }

    /// The payload of a case `fold` dispatched on is not that case: never (`fold` chose the function by it).
    private static func wrongCase() -> Never { preconditionFailure("fold dispatched on another case") }

    @inline(never)
    private mutating func foldCommunityRegistered(_ fact: EffectiveFact) {
        guard case .communityRegistered(let p) = fact.payload else { Self.wrongCase() }
        guard communities.register(p.communityID) else { return note(fact, .duplicate(.community, id: p.communityID)) }
        communities.items.append(Community(
            id: p.communityID, name: p.name, street: p.street, residentsCommittee: p.residentsCommittee,
            totalArea: p.totalArea, totalOwners: p.totalOwners, registeredOn: fact.occurredOn, evidence: fact.evidence))
    }

    @inline(never)
    private mutating func foldAssetRegistered(_ fact: EffectiveFact) {
        guard case .assetRegistered(let p) = fact.payload else { Self.wrongCase() }
        guard assets.register(p.assetID) else { return note(fact, .duplicate(.asset, id: p.assetID)) }
        assets.items.append(Asset(
            id: p.assetID, communityID: p.communityID, kind: p.kind, name: p.name, location: p.location, area: p.area,
            registeredOn: p.registeredOn, recordedOn: fact.occurredOn, source: p.source, attributes: p.attributes,
            evidence: fact.evidence))
        if let c = communities[p.communityID] { communities.items[c].assetIDs.append(p.assetID) }
    }

    @inline(never)
    private mutating func foldAssetUpdated(_ fact: EffectiveFact) {
        guard case .assetUpdated(let p) = fact.payload else { Self.wrongCase() }
        guard let a = assets[p.assetID] else { return note(fact, .unknown(.update, id: p.assetID)) }
        if let kind = p.changes.kind { assets.items[a].kind = kind }
        if let name = p.changes.name { assets.items[a].name = name }
        if let location = p.changes.location { assets.items[a].location = location }
        if let area = p.changes.area { assets.items[a].area = area }
        if let attributes = p.changes.attributes { assets.items[a].attributes.merge(attributes) { _, new in new } }
        assets.items[a].updates.append(AssetChange(date: fact.occurredOn, changes: p.changes, source: p.source,
                                                   evidence: fact.evidence))
    }

    @inline(never)
    private mutating func foldAssetRetired(_ fact: EffectiveFact) {
        guard case .assetRetired(let p) = fact.payload else { Self.wrongCase() }
        guard let a = assets[p.assetID] else { return note(fact, .unknown(.retirement, id: p.assetID)) }
        guard assets.items[a].retired == nil else { return note(fact, .twice(.retired, id: p.assetID)) }
        assets.items[a].retired = Ending(date: fact.occurredOn, note: p.reason, evidence: fact.evidence)
    }

    @inline(never)
    private mutating func foldRegisterImported(_ fact: EffectiveFact) {
        guard case .registerImported(let p) = fact.payload else { Self.wrongCase() }
        guard imports[p.importID] == nil else { return note(fact, .duplicate(.import, id: p.importID)) }
        imports[p.importID] = RegisterImport(terms: p, importedOn: fact.occurredOn, evidence: fact.evidence)
    }

    @inline(never)
    private mutating func foldFundOpened(_ fact: EffectiveFact) {
        guard case .fundOpened(let p) = fact.payload else { Self.wrongCase() }
        guard funds.register(p.fundID) else { return note(fact, .duplicate(.fund, id: p.fundID)) }
        funds.items.append(Fund(id: p.fundID, communityID: p.communityID, kind: p.kind, account: p.account,
                                openedOn: fact.occurredOn, evidence: fact.evidence))
        if let c = communities[p.communityID] { communities.items[c].fundIDs.append(p.fundID) }
    }

    @inline(never)
    private mutating func foldDecisionRecorded(_ fact: EffectiveFact) {
        guard case .decisionRecorded(let p) = fact.payload else { Self.wrongCase() }
        guard decisions.register(p.decisionID) else { return note(fact, .duplicate(.decision, id: p.decisionID)) }
        decisions.items.append(Decision(id: p.decisionID, terms: p, decidedOn: fact.occurredOn, evidence: fact.evidence))
        if !awaitingDecision.isEmpty {
            for act in awaitingDecision.removeValue(forKey: p.decisionID) ?? [] { cite(p.decisionID, act) }
        }
        if let c = communities[p.communityID] { communities.items[c].decisionIDs.append(p.decisionID) }
    }

    @inline(never)
    private mutating func foldContractSigned(_ fact: EffectiveFact) {
        guard case .contractSigned(let p) = fact.payload else { Self.wrongCase() }
        guard contracts.register(p.contractID) else { return note(fact, .duplicate(.contract, id: p.contractID)) }
        var contract = Contract(id: p.contractID, terms: p, signedOn: fact.occurredOn, evidence: fact.evidence)
        if let replaced = fact.replaces, let earlier = earlierDecisionCitations[replaced.seq] { contract.earlierCitations = earlier }
        contracts.items.append(contract)
        if let c = communities[p.communityID] { communities.items[c].contractIDs.append(p.contractID) }
        for assetID in p.assetIDs {
            if let a = assets[assetID] { assets.items[a].contractIDs.append(p.contractID) } else {
                note(fact, .unlinked(what: .contract, id: p.contractID, assetID: assetID))
            }
        }
        if let decisionID = p.decisionID { cite(decisionID, .contract(p.contractID)) }
    }

    @inline(never)
    private mutating func foldContractTerminated(_ fact: EffectiveFact) {
        guard case .contractTerminated(let p) = fact.payload else { Self.wrongCase() }
        guard let k = contracts[p.contractID] else { return note(fact, .unknown(.termination, id: p.contractID)) }
        guard contracts.items[k].terminated == nil else { return note(fact, .twice(.terminated, id: p.contractID)) }
        contracts.items[k].terminated = Ending(date: fact.occurredOn, note: p.reason, evidence: fact.evidence)
    }

    @inline(never)
    private mutating func foldUseStarted(_ fact: EffectiveFact) {
        guard case .useStarted(let p) = fact.payload else { Self.wrongCase() }
        guard uses.register(p.useID) else { return note(fact, .duplicate(.use, id: p.useID)) }
        uses.items.append(Use(id: p.useID, assetID: p.assetID, user: p.user, purpose: p.purpose, authority: p.authority,
                              startedOn: fact.occurredOn, evidence: fact.evidence))
        if let a = assets[p.assetID] { assets.items[a].useIDs.append(p.useID) } else { note(fact, .unlinked(what: .use, id: p.useID, assetID: p.assetID)) }
        if case .decision(let decisionID) = p.authority { cite(decisionID, .use(p.useID)) }
    }

    @inline(never)
    private mutating func foldUseEnded(_ fact: EffectiveFact) {
        guard case .useEnded(let p) = fact.payload else { Self.wrongCase() }
        guard let u = uses[p.useID] else { return note(fact, .unknown(.end, id: p.useID)) }
        guard uses.items[u].ended == nil else { return note(fact, .twice(.ended, id: p.useID)) }
        uses.items[u].ended = Ending(date: fact.occurredOn, note: nil, evidence: fact.evidence)
    }

    @inline(never)
    private mutating func foldInspectionRecorded(_ fact: EffectiveFact) {
        guard case .inspectionRecorded(let p) = fact.payload else { Self.wrongCase() }
        let a = assets[p.assetID]
        if a == nil { note(fact, .unlinked(what: nil, id: "", assetID: p.assetID)) }
        inspectionAsset.append(a ?? -1)
        inspections.append(Inspection(assetID: p.assetID, date: fact.occurredOn, observed: p.observed,
                                      inspector: p.inspector, note: p.note, evidence: fact.evidence, recordID: fact.recordID))
    }

    @inline(never)
    private mutating func foldOccupationReported(_ fact: EffectiveFact) {
        guard case .occupationReported(let p) = fact.payload else { Self.wrongCase() }
        guard occupations.register(p.occupationID) else { return note(fact, .duplicate(.occupation, id: p.occupationID)) }
        occupations.items.append(Occupation(id: p.occupationID, assetID: p.assetID, occupant: p.occupant,
                                            description: p.description, reportedOn: fact.occurredOn, evidence: fact.evidence))
        if let a = assets[p.assetID] { assets.items[a].occupationIDs.append(p.occupationID) } else {
            note(fact, .unlinked(what: .occupation, id: p.occupationID, assetID: p.assetID))
        }
    }

    @inline(never)
    private mutating func foldOccupationCleared(_ fact: EffectiveFact) {
        guard case .occupationCleared(let p) = fact.payload else { Self.wrongCase() }
        guard let o = occupations[p.occupationID] else {
            return note(fact, .unknown(.clearing, id: p.occupationID))
        }
        guard occupations.items[o].cleared == nil else { return note(fact, .twice(.cleared, id: p.occupationID)) }
        occupations.items[o].cleared = Ending(date: fact.occurredOn, note: p.note, evidence: fact.evidence)
    }

    @inline(never)
    private mutating func foldFundIncome(_ fact: EffectiveFact) {
        guard case .fundIncome(let p) = fact.payload else { Self.wrongCase() }
        guard let f = funds[p.fundID] else { return note(fact, .unknown(.income, id: p.fundID)) }
        let index = addMovement(FundMovement(
            fundID: p.fundID, kind: .income, date: fact.occurredOn, amount: p.amount, counterparty: p.counterparty,
            voucher: p.voucher, category: p.category, purpose: nil, contractID: p.sourceContractID, decisionID: nil,
            emergency: nil, assetIDs: [], otherFundID: nil, evidence: fact.evidence, recordID: fact.recordID), fund: f)
        if let contractID = p.sourceContractID, let k = contracts[contractID] {
            contractPayments.append((k, index))
        }
    }

    @inline(never)
    private mutating func foldFundSpending(_ fact: EffectiveFact) {
        guard case .fundSpending(let p) = fact.payload else { Self.wrongCase() }
        guard let f = funds[p.fundID] else { return note(fact, .unknown(.spending, id: p.fundID)) }
        let index = addMovement(FundMovement(
            fundID: p.fundID, kind: .spending, date: fact.occurredOn, amount: p.amount, counterparty: p.counterparty,
            voucher: p.voucher, category: p.purposeCategory ?? "other", purpose: p.purpose, contractID: nil,
            decisionID: p.decisionID, emergency: p.emergency, assetIDs: p.assetIDs, otherFundID: nil,
            evidence: fact.evidence, recordID: fact.recordID), fund: f)
        noteEarlierDecisions(fact)
        if let decisionID = p.decisionID { cite(decisionID, .movement(index)) }
        for assetID in p.assetIDs {
            if let a = assets[assetID] { assets.items[a].spendingIndexes.append(index) }
        }
    }

    @inline(never)
    private mutating func foldFundTransfer(_ fact: EffectiveFact) {
        guard case .fundTransfer(let p) = fact.payload else { Self.wrongCase() }
        guard let from = funds[p.fromFundID], let to = funds[p.toFundID] else {
            return note(fact, .transferUnknownFund(from: p.fromFundID, to: p.toFundID))
        }
        let out = addMovement(FundMovement(
            fundID: p.fromFundID, kind: .transferOut, date: fact.occurredOn, amount: p.amount,
            counterparty: .plain(p.toFundID), voucher: p.voucher, category: "transfer", purpose: nil, contractID: nil,
            decisionID: p.decisionID, emergency: nil, assetIDs: [], otherFundID: p.toFundID, evidence: fact.evidence,
            recordID: fact.recordID), fund: from)
        addMovement(FundMovement(
            fundID: p.toFundID, kind: .transferIn, date: fact.occurredOn, amount: p.amount,
            counterparty: .plain(p.fromFundID), voucher: p.voucher, category: "transfer", purpose: nil, contractID: nil,
            decisionID: p.decisionID, emergency: nil, assetIDs: [], otherFundID: p.fromFundID, evidence: fact.evidence,
            recordID: fact.recordID), fund: to)
        noteEarlierDecisions(fact)
        if let decisionID = p.decisionID { cite(decisionID, .movement(out)) }
    }

    /// Keeps what a corrected spending or transfer cited before (`Projection.earlierMovementDecisions`).
    private mutating func noteEarlierDecisions(_ fact: EffectiveFact) {
        if let replaced = fact.replaces, let earlier = earlierDecisionCitations[replaced.seq] {
            earlierMovementDecisions[fact.recordID] = EarlierCitations(citations: earlier, original: replaced)
        }
    }

    @inline(never)
    private mutating func foldFundBalanceAsserted(_ fact: EffectiveFact) {
        guard case .fundBalanceAsserted(let p) = fact.payload else { Self.wrongCase() }
        guard let f = funds[p.fundID] else { return note(fact, .unknown(.balance, id: p.fundID)) }
        funds.items[f].assertions.append(BalanceAssertion(fundID: p.fundID, date: fact.occurredOn, balance: p.balance,
                                                          statementRef: p.statementRef, evidence: fact.evidence))
    }

    @inline(never)
    private mutating func foldDisclosurePublished(_ fact: EffectiveFact) {
        guard case .disclosurePublished(let p) = fact.payload else { Self.wrongCase() }
        if let c = communities[p.communityID] { communities.items[c].disclosureIndexes.append(disclosures.count) }
        disclosures.append(Disclosure(terms: p, publishedOn: fact.occurredOn, evidence: fact.evidence))
    }

    /// Appends a movement of the fund at dense index `fund` and returns the movement's index.
    @discardableResult
    private mutating func addMovement(_ movement: consuming FundMovement, fund: Int) -> Int {
        let index = movements.count
        movements.append(movement)
        movementFund.append(fund)
        return index
    }
}
