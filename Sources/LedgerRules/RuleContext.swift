import LedgerChain
import LedgerEvents
import LedgerProjections

/// What every rule reads: the projection, the policy and the scope, and a way to state a finding.
struct RuleContext {
    let projection: Projection
    let policy: Policy
    let scope: RectificationScope
    var asOf: CalendarDate { projection.asOf }
    /// In-scope entities sorted by id, computed once: rules walk them many times, and dictionaries are never
    /// iterated for output.
    let sortedAssets: [Asset]
    let sortedContracts: [Contract]
    let sortedFunds: [Fund]
    let sortedDecisions: [Decision]
    /// Each asset's registration as first recorded, for rules that compare later updates with it.
    let registrations: [String: AssetRegistered]
    /// The income of parts under contract and the street medians (LOW-02), when a class in scope needs them.
    var benchmark: IncomeBenchmark? = nil
    /// Set when the street medians are not known yet (`Rectifier.checkDeferringMedians`): LOW-02 keeps its candidates
    /// here instead of judging them, and CON-06/07 leave out the facts that compare with a median.
    var deferred: DeferredMedians? = nil

    init(projection: Projection, policy: Policy, scope: RectificationScope) {
        self.projection = projection
        self.policy = policy
        self.scope = scope
        func inScope(_ communityID: String) -> Bool { RuleContext.inScope(communityID, projection: projection, scope: scope) }
        func byID<T>(_ values: some Sequence<T>, _ id: (T) -> String) -> [T] {
            values.sorted { id($0).utf8.lexicographicallyPrecedes(id($1).utf8) }
        }
        sortedAssets = byID(projection.assets.values.filter { inScope($0.communityID) }, \.id)
        sortedContracts = byID(projection.contracts.values.filter { inScope($0.terms.communityID) }, \.id)
        sortedFunds = byID(projection.funds.values.filter { inScope($0.communityID) }, \.id)
        sortedDecisions = byID(projection.decisions.values.filter { inScope($0.terms.communityID) }, \.id)
        var registrations: [String: AssetRegistered] = [:]
        for fact in projection.facts {
            if case .assetRegistered(let payload) = fact.payload, registrations[payload.assetID] == nil {
                registrations[payload.assetID] = payload
            }
        }
        self.registrations = registrations
    }

    /// Every rule's findings (in no particular order), the communities as (id, name, street), and the background
    /// records (registrations of communities and parts, fund openings).
    func allFindings() -> (findings: [Finding], communities: [(id: String, name: String, street: String)], background: Set<Int64>) {
        var findings: [Finding] = []
        if scope.includes(.occupation) { findings += occupationFindings() }
        if scope.includes(.idle) || scope.includes(.lowEfficiency) { findings += idleAndLowEfficiencyFindings() }
        if scope.includes(.contract) { findings += contractFindings() + contractOverlapFindings() }
        if scope.includes(.fund) { findings += fundFindings() }
        let communities = projection.communities.values.map { (id: $0.id, name: $0.name, street: $0.street) }
        var background = Set(projection.communities.values.map(\.evidence.seq))
        for asset in projection.assets.values { background.insert(asset.evidence.seq) }
        for fund in projection.funds.values { background.insert(fund.evidence.seq) }
        return (findings, communities, background)
    }

    /// Whether a community is in scope (rules skip the others early).
    func inScope(_ communityID: String) -> Bool { RuleContext.inScope(communityID, projection: projection, scope: scope) }

    static func inScope(_ communityID: String, projection: Projection, scope: RectificationScope) -> Bool {
        guard let community = projection.communities[communityID] else { return false }
        if let street = scope.street, community.street != street { return false }
        if let id = scope.communityID, id != communityID { return false }
        return true
    }

    /// A finding of `rule` about an item of `communityID`. Its legal basis is the rule's for `subject`, which
    /// defaults to the fund's kind when the item is a fund; `basis`, `action` and `resolution` override the rule's.
    func finding(_ rule: RuleCode, community communityID: String, _ kind: ItemKind, _ itemID: String, _ itemName: String,
                 person: PersonalText? = nil, detail: String? = nil, since: CalendarDate, facts: [FindingFact], evidence: [Evidence],
                 subject: BasisSubject? = nil, basis: LegalBasis? = nil, action: Action? = nil,
                 resolution: Resolution? = nil, subjectIDs: [String] = []) -> Finding {
        let community = projection.communities[communityID]
        let fundKind = kind == .fund ? projection.funds[itemID]?.kind : nil
        let subject = subject ?? fundKind.map { BasisSubject.fund($0) } ?? .general
        return Finding(rule: rule, communityID: communityID, communityName: community?.name ?? "",
                       street: community?.street ?? "", itemKind: kind, itemID: itemID, itemName: itemName, itemPerson: person, itemDetail: detail, since: since,
                       facts: facts, evidence: evidence, basis: basis ?? rule.basis(subject), action: action, resolution: resolution,
                       subjectIDs: subjectIDs)
    }

    /// The fact that a cited decision was taken in another community (the append-time validator does not check the
    /// community of a spending's, transfer's or use's decision).
    func otherCommunityFact(_ decision: Decision) -> FindingFact {
        FindingFact(.decisionOtherCommunity, ["decision_id": .text(decision.id), "decision_community": .text(decision.terms.communityID)])
    }

    /// The fact that an act cites a decision the projection does not hold: one the log records with a later date
    /// was not yet taken on the check date (`decision_not_yet_taken`, with the day it was taken); any other is not
    /// in the ledger (`decision_unknown`: only a log that bypassed validation, or a decision voided since).
    func missingDecisionFact(_ decisionID: String) -> FindingFact {
        if let day = projection.decisionsAfterAsOf[decisionID] {
            return FindingFact(.decisionNotYetTaken, ["decision_id": .text(decisionID), "decided_on": .date(day)])
        }
        return FindingFact(.decisionUnknown, ["decision_id": .text(decisionID)])
    }

    /// How a finding names a contract: `counterparty · purpose` in one text when the counterparty is a text, or the
    /// purpose with the committed counterparty beside it (reports show its value, or that it was erased).
    func contractItem(_ terms: ContractSigned) -> (name: String, person: PersonalText?) { ItemLabel.contractItem(terms) }

    func isRetired(_ asset: Asset) -> Bool { asset.retired.map { $0.date <= asOf } ?? false }

    /// Which measure of a vote fell short, as a fact states it (`short_of`): `area`, `owners` or `area_and_owners`.
    static func shortOf(areaMet: Bool, ownersMet: Bool) -> FactValue {
        .text(areaMet ? "owners" : ownersMet ? "area" : "area_and_owners")
    }

    /// The facts that explain why a decision fails: quorum, then the threshold of its matter (or of `matter` when
    /// the act needs a specific one, e.g. an operating contract always needs item 8's 3/4); each says which measure
    /// fell short (`short_of`), the area, the owners or both, so that a report never says both failed when one met it.
    func voteFacts(_ decision: Decision, as matter: DecisionMatter? = nil) -> [FindingFact] {
        guard let community = projection.communities[decision.terms.communityID],
              let validity = projection.validity(of: decision, as: matter ?? decision.terms.matter) else { return [] }
        let vote = decision.terms
        var facts: [FindingFact] = []
        if !validity.quorumMet {
            facts.append(FindingFact(.quorumMissed, [
                "decision_id": .text(decision.id), "decided_on": .date(decision.decidedOn),
                "participating_area": .area(vote.participatingArea), "total_area": .area(community.totalArea),
                "participating_owners": .integer(vote.participatingOwners), "total_owners": .integer(community.totalOwners),
                "share": .share(LawConstants.quorum),
                "short_of": Self.shortOf(areaMet: validity.quorumArea, ownersMet: validity.quorumOwners)]))
        }
        if !validity.thresholdMet {
            let values: KeyValuePairs<String, FactValue> = [
                "decision_id": .text(decision.id), "approving_area": .area(vote.approvingArea),
                "participating_area": .area(vote.participatingArea), "approving_owners": .integer(vote.approvingOwners),
                "participating_owners": .integer(vote.participatingOwners),
                "share": .share(validity.threshold == .threeQuarters ? LawConstants.specialMajority : LawConstants.simpleMajority),
                "short_of": Self.shortOf(areaMet: validity.passArea, ownersMet: validity.passOwners)]
            facts.append(FindingFact(validity.threshold == .threeQuarters ? .specialMajorityMissed : .simpleMajorityMissed, values))
        }
        return facts
    }
}
