@testable import LedgerProjections
import LedgerChain
import LedgerEvents
import LedgerReports
import LedgerTestSupport
import Testing

/// The projection's fold by dense index (`ProjectionFold`) against the fold it replaced, kept here verbatim as the
/// oracle (`ReferenceFold`: every entity in a dictionary keyed by its id). On seeded random logs — every event
/// type of the sample ledger, fund facts on known and unknown funds, events repeated under new ids (duplicate
/// entities, things ended twice, references to unknown entities), back-dated facts, corrections with and without a
/// replacement — at random as-of dates and seqs, both give the same entities, histories, anomalies and reports.
@Suite struct ProjectionFoldTests {
    /// `FundFoldDifferentialTests`' random log, with some of its events repeated later under new ids.
    static func randomLog(_ random: inout SplitMix64) -> [Record] {
        var events = FundFoldDifferentialTests.randomEvents(&random)
        let original = events.count
        for _ in 0..<random.int(0...original / 4) {
            var copy = events[random.int(0..<original)]
            copy.id = "d-\(events.count)"
            events.insert(copy, at: random.int(events.count / 2...events.count))
        }
        return Fixtures.records(events)
    }

    @Test(arguments: TestScale.seeds(60)) func denseFoldAgreesWithTheDictionaryFold(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x2545_F491 &+ 3)
        let records = Self.randomLog(&random)
        for _ in 0..<4 {
            let atSeq: Int64? = random.int(0..<3) == 0 ? nil : Int64(random.int(1...records.count))
            let asOf = random.int(0..<4) == 0 ? CalendarDate(year: 9999, month: 12, day: 31)! : CalendarDate(iso: FundFoldDifferentialTests.date(&random))!
            let log = EffectiveLog(records: records, atSeq: atSeq)
            let projection = Projection(log: log, asOf: asOf)
            var reference = ReferenceFold(anomalies: log.anomalies)
            reference.earlierDecisionCitations = log.earlierDecisionCitations
            for fact in log.orderedFacts(asOf: asOf) { reference.fold(fact) }
            let context = "seed \(seed), as of \(asOf), at seq \(atSeq.map(String.init) ?? "all")"
            #expect(projection.communities.mapValues { $0 } == reference.communities, "\(context)")
            #expect(projection.assets.mapValues { $0 } == reference.assets, "\(context)")
            #expect(projection.funds.mapValues { $0 } == reference.funds, "\(context)")
            #expect(projection.contracts.mapValues { $0 } == reference.contracts, "\(context)")
            #expect(projection.decisions.mapValues { $0 } == reference.decisions, "\(context)")
            #expect(projection.uses.mapValues { $0 } == reference.uses, "\(context)")
            #expect(projection.occupations.mapValues { $0 } == reference.occupations, "\(context)")
            #expect(projection.imports.mapValues { $0 } == reference.imports, "\(context)")
            #expect(projection.inspections == reference.inspections, "\(context)")
            #expect(projection.movements == reference.movements, "\(context)")
            #expect(projection.disclosures == reference.disclosures, "\(context)")
            #expect(projection.anomalies == reference.anomalies, "\(context)")
            #expect(projection.facts == log.orderedFacts(asOf: asOf), "\(context)")
            #expect(projection.corrections == log.corrections, "\(context)")
        }
    }

    /// The random logs reach the fold's rejections and links: duplicates, unknown references, things ended twice.
    @Test func randomLogsHoldWhatTheComparisonNeeds() {
        var reasons: Set<String> = []
        var assets = 0, uses = 0, contracts = 0
        for seed in 0..<20 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x2545_F491 &+ 3)
            let projection = Projection(records: Self.randomLog(&random), asOf: CalendarDate(year: 9999, month: 12, day: 31)!)
            reasons.formUnion(projection.anomalies.map { $0.reason.split(separator: " ").prefix(2).joined(separator: " ") })
            assets += projection.assets.count
            uses += projection.assets.values.reduce(0) { $0 + $1.useIDs.count }
            contracts += projection.assets.values.reduce(0) { $0 + $1.contractIDs.count }
        }
        for expected in ["duplicate asset", "duplicate use", "duplicate contract", "duplicate decision", "duplicate fund"] {
            #expect(reasons.contains(expected), "no “\(expected)” in \(reasons.sorted())")
        }
        #expect(assets > 20 && uses > 20 && contracts > 10, "\(assets) assets, \(uses) uses, \(contracts) contract links")
    }
}

/// The projection's fold as it was before `ProjectionFold` (entities in dictionaries keyed by id), verbatim but for
/// acts citing a decision folded after them (a ratification, review E16 #2): every citation is kept in fold order
/// (`citations`), and a decision takes up the earlier ones when it is folded; and for a use, occupation, contract or
/// inspection naming an asset not registered at its place in the fold order, which is now an anomaly
/// (`AnomalyReason.unlinked`; it was silent).
struct ReferenceFold {
    enum Act { case contract(String), use(String), movement(Int) }
    var citations: [(decision: String, act: Act)] = []
    var communities: [String: Community] = [:]
    var assets: [String: Asset] = [:]
    var funds: [String: Fund] = [:]
    var contracts: [String: Contract] = [:]
    var decisions: [String: Decision] = [:]
    var uses: [String: Use] = [:]
    var occupations: [String: Occupation] = [:]
    var imports: [String: RegisterImport] = [:]
    var inspections: [Inspection] = []
    var movements: [FundMovement] = []
    var disclosures: [Disclosure] = []
    var anomalies: [Anomaly]
    /// What each corrected contract cited before (`EffectiveLog.earlierDecisionCitations`; no fold of its own).
    var earlierDecisionCitations: [Int64: [EarlierCitation]] = [:]

    init(anomalies: [Anomaly]) {
        self.anomalies = anomalies
    }

    private mutating func note(_ fact: EffectiveFact, _ reason: String) {
        anomalies.append(Anomaly(evidence: fact.evidence, reason: reason))
    }

    private mutating func cite(_ decision: String, _ act: Act) {
        citations.append((decision, act))
        link(act, to: decision)
    }

    private mutating func link(_ act: Act, to decision: String) {
        switch act {
        case .contract(let id): decisions[decision]?.contractIDs.append(id)
        case .use(let id): decisions[decision]?.useIDs.append(id)
        case .movement(let index): decisions[decision]?.movementIndexes.append(index)
        }
    }

    // One fact into the state. Tolerates facts a validated log never holds (they become anomalies), so that a
    // projection never traps on a log written by other tools.
    mutating func fold(_ fact: EffectiveFact) {
        let date = fact.occurredOn
        let evidence = fact.evidence
        switch fact.payload {
        case .communityRegistered(let p):
            guard communities[p.communityID] == nil else { return note(fact, "duplicate community \(p.communityID)") }
            communities[p.communityID] = Community(id: p.communityID, name: p.name, street: p.street, residentsCommittee: p.residentsCommittee,
                                                   totalArea: p.totalArea, totalOwners: p.totalOwners, registeredOn: date, evidence: evidence)

        case .assetRegistered(let p):
            guard assets[p.assetID] == nil else { return note(fact, "duplicate asset \(p.assetID)") }
            assets[p.assetID] = Asset(id: p.assetID, communityID: p.communityID, kind: p.kind, name: p.name, location: p.location,
                                      area: p.area, registeredOn: p.registeredOn, recordedOn: date, source: p.source,
                                      attributes: p.attributes, evidence: evidence)
            communities[p.communityID]?.assetIDs.append(p.assetID)

        case .assetUpdated(let p):
            guard var asset = assets[p.assetID] else { return note(fact, "update of unknown asset \(p.assetID)") }
            if let kind = p.changes.kind { asset.kind = kind }
            if let name = p.changes.name { asset.name = name }
            if let location = p.changes.location { asset.location = location }
            if let area = p.changes.area { asset.area = area }
            if let attributes = p.changes.attributes { asset.attributes.merge(attributes) { _, new in new } }
            asset.updates.append(AssetChange(date: date, changes: p.changes, source: p.source, evidence: evidence))
            assets[p.assetID] = asset

        case .assetRetired(let p):
            guard assets[p.assetID] != nil else { return note(fact, "retirement of unknown asset \(p.assetID)") }
            guard assets[p.assetID]?.retired == nil else { return note(fact, "asset \(p.assetID) retired twice") }
            assets[p.assetID]?.retired = Ending(date: date, note: p.reason, evidence: evidence)

        case .registerImported(let p):
            guard imports[p.importID] == nil else { return note(fact, "duplicate import \(p.importID)") }
            imports[p.importID] = RegisterImport(terms: p, importedOn: date, evidence: evidence)

        case .fundOpened(let p):
            guard funds[p.fundID] == nil else { return note(fact, "duplicate fund \(p.fundID)") }
            funds[p.fundID] = Fund(id: p.fundID, communityID: p.communityID, kind: p.kind, account: p.account, openedOn: date, evidence: evidence)
            communities[p.communityID]?.fundIDs.append(p.fundID)

        case .decisionRecorded(let p):
            guard decisions[p.decisionID] == nil else { return note(fact, "duplicate decision \(p.decisionID)") }
            decisions[p.decisionID] = Decision(id: p.decisionID, terms: p, decidedOn: date, evidence: evidence)
            for citation in citations where citation.decision == p.decisionID { link(citation.act, to: p.decisionID) }
            communities[p.communityID]?.decisionIDs.append(p.decisionID)

        case .contractSigned(let p):
            guard contracts[p.contractID] == nil else { return note(fact, "duplicate contract \(p.contractID)") }
            contracts[p.contractID] = Contract(id: p.contractID, terms: p, signedOn: date, evidence: evidence)
            if let replaced = fact.replaces {
                contracts[p.contractID]?.earlierCitations = earlierDecisionCitations[replaced.seq] ?? []
            }
            communities[p.communityID]?.contractIDs.append(p.contractID)
            for assetID in p.assetIDs {
                if assets[assetID] == nil { note(fact, AnomalyReason.unlinked(what: .contract, id: p.contractID, assetID: assetID).en) }
                assets[assetID]?.contractIDs.append(p.contractID)
            }
            if let decisionID = p.decisionID { cite(decisionID, .contract(p.contractID)) }

        case .contractTerminated(let p):
            guard contracts[p.contractID] != nil else { return note(fact, "termination of unknown contract \(p.contractID)") }
            guard contracts[p.contractID]?.terminated == nil else { return note(fact, "contract \(p.contractID) terminated twice") }
            contracts[p.contractID]?.terminated = Ending(date: date, note: p.reason, evidence: evidence)

        case .useStarted(let p):
            guard uses[p.useID] == nil else { return note(fact, "duplicate use \(p.useID)") }
            uses[p.useID] = Use(id: p.useID, assetID: p.assetID, user: p.user, purpose: p.purpose, authority: p.authority,
                                startedOn: date, evidence: evidence)
            if assets[p.assetID] == nil { note(fact, AnomalyReason.unlinked(what: .use, id: p.useID, assetID: p.assetID).en) }
            assets[p.assetID]?.useIDs.append(p.useID)
            if case .decision(let decisionID) = p.authority { cite(decisionID, .use(p.useID)) }

        case .useEnded(let p):
            guard uses[p.useID] != nil else { return note(fact, "end of unknown use \(p.useID)") }
            guard uses[p.useID]?.ended == nil else { return note(fact, "use \(p.useID) ended twice") }
            uses[p.useID]?.ended = Ending(date: date, note: nil, evidence: evidence)

        case .inspectionRecorded(let p):
            if assets[p.assetID] == nil { note(fact, AnomalyReason.unlinked(what: nil, id: "", assetID: p.assetID).en) }
            assets[p.assetID]?.inspectionIndexes.append(inspections.count)
            inspections.append(Inspection(assetID: p.assetID, date: date, observed: p.observed, inspector: p.inspector,
                                          note: p.note, evidence: evidence, recordID: fact.recordID))

        case .occupationReported(let p):
            guard occupations[p.occupationID] == nil else { return note(fact, "duplicate occupation \(p.occupationID)") }
            occupations[p.occupationID] = Occupation(id: p.occupationID, assetID: p.assetID, occupant: p.occupant,
                                                     description: p.description, reportedOn: date, evidence: evidence)
            if assets[p.assetID] == nil { note(fact, AnomalyReason.unlinked(what: .occupation, id: p.occupationID, assetID: p.assetID).en) }
            assets[p.assetID]?.occupationIDs.append(p.occupationID)

        case .occupationCleared(let p):
            guard occupations[p.occupationID] != nil else { return note(fact, "clearing of unknown occupation \(p.occupationID)") }
            guard occupations[p.occupationID]?.cleared == nil else { return note(fact, "occupation \(p.occupationID) cleared twice") }
            occupations[p.occupationID]?.cleared = Ending(date: date, note: p.note, evidence: evidence)

        case .fundIncome(let p):
            guard funds[p.fundID] != nil else { return note(fact, "income into unknown fund \(p.fundID)") }
            let index = addMovement(FundMovement(
                fundID: p.fundID, kind: .income, date: date, amount: p.amount, counterparty: p.counterparty, voucher: p.voucher,
                category: p.category, purpose: nil, contractID: p.sourceContractID, decisionID: nil, emergency: nil,
                assetIDs: [], otherFundID: nil, evidence: evidence, recordID: fact.recordID))
            if let contractID = p.sourceContractID { contracts[contractID]?.paymentIndexes.append(index) }

        case .fundSpending(let p):
            guard funds[p.fundID] != nil else { return note(fact, "spending from unknown fund \(p.fundID)") }
            let index = addMovement(FundMovement(
                fundID: p.fundID, kind: .spending, date: date, amount: p.amount, counterparty: p.counterparty, voucher: p.voucher,
                category: p.purposeCategory ?? "other", purpose: p.purpose, contractID: nil, decisionID: p.decisionID,
                emergency: p.emergency, assetIDs: p.assetIDs, otherFundID: nil, evidence: evidence, recordID: fact.recordID))
            if let decisionID = p.decisionID { cite(decisionID, .movement(index)) }
            for assetID in p.assetIDs { assets[assetID]?.spendingIndexes.append(index) }

        case .fundTransfer(let p):
            guard funds[p.fromFundID] != nil, funds[p.toFundID] != nil else {
                return note(fact, "transfer \(p.fromFundID) → \(p.toFundID) names a fund not yet opened (or never opened)")
            }
            let out = addMovement(FundMovement(
                fundID: p.fromFundID, kind: .transferOut, date: date, amount: p.amount, counterparty: .plain(p.toFundID), voucher: p.voucher,
                category: "transfer", purpose: nil, contractID: nil, decisionID: p.decisionID, emergency: nil, assetIDs: [],
                otherFundID: p.toFundID, evidence: evidence, recordID: fact.recordID))
            _ = addMovement(FundMovement(
                fundID: p.toFundID, kind: .transferIn, date: date, amount: p.amount, counterparty: .plain(p.fromFundID), voucher: p.voucher,
                category: "transfer", purpose: nil, contractID: nil, decisionID: p.decisionID, emergency: nil, assetIDs: [],
                otherFundID: p.fromFundID, evidence: evidence, recordID: fact.recordID))
            if let decisionID = p.decisionID { cite(decisionID, .movement(out)) }

        case .fundBalanceAsserted(let p):
            guard funds[p.fundID] != nil else { return note(fact, "balance of unknown fund \(p.fundID)") }
            funds[p.fundID]?.assertions.append(BalanceAssertion(fundID: p.fundID, date: date, balance: p.balance,
                                                                statementRef: p.statementRef, evidence: evidence))

        case .disclosurePublished(let p):
            communities[p.communityID]?.disclosureIndexes.append(disclosures.count)
            disclosures.append(Disclosure(terms: p, publishedOn: date, evidence: evidence))

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

    private mutating func addMovement(_ movement: FundMovement) -> Int {
        let index = movements.count
        movements.append(movement)
        funds[movement.fundID]?.movementIndexes.append(index)
        return index
    }
}
