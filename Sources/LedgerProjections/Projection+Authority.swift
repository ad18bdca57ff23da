import LedgerEvents

// One definition of "an owners' decision authorises this act": a use of a common part on a day (the `assets`
// status, OCC-02) and an operating contract at its signing (the `contracts` vote column, CON-01/CON-02). The
// views and the rules call the same tests here, so that a view never shows 按决定使用 or 通过 where the
// rectification list reports the authority missing (docs/rules.md, OCC-02, CON-01, CON-02).

/// Words in a use's purpose that make it business on common parts (经营活动).
public let businessPurposeWords = ["经营", "出租", "租赁", "广告", "商业", "营业", "销售", "收费", "餐饮", "仓储", "摆摊", "外摆"]

/// Phrases that deny business (不收费, 非经营 …): removed from a purpose before `businessPurposeWords` are
/// looked for, so "公益活动，不收费" is not business while "免费入场，场内销售商品" still is.
public let negatedBusinessPhrases = ["不收费", "免收费", "非经营", "不经营", "非营业", "不营业", "非商业"]

/// Words in a user's name that make the user a business.
public let businessUserWords = ["公司", "商行", "商店", "超市", "经营部", "工作室", "店"]

/// How an operating contract's decision stands for that contract, as the `contracts` report's vote column words it
/// (CON-01 and CON-02 judge it the same way): only `passed` means the decision authorised the contract when it was
/// signed. A vote that passed under its recorded matter but does not authorise the contract has its own value.
public enum ContractVote: String, Sendable, Equatable, CaseIterable {
    /// The contract names no decision.
    case none
    /// The decision is not in the ledger as of the date, or its community is not registered.
    case unknown
    /// The decision authorises the contract: of its community, on operating common parts (item 8, or 9), reaching
    /// 3/4 measured as item 8, naming every asset of the contract (or none), valid on the signing date and taken on
    /// or before it.
    case passed
    /// The vote missed its quorum or the threshold of its recorded matter.
    case notPassed = "not_passed"
    /// The vote passed, but it is another community's.
    case passedOtherCommunity = "passed_other_community"
    /// The vote passed on a matter that cannot authorise operating (electing the committee, the manager, works).
    case passedWrongMatter = "passed_wrong_matter"
    /// The vote passed by the majority of its recorded matter but not by the 3/4 operating needs (item 8).
    case passedBelowThreeQuarters = "passed_below_three_quarters"
    /// The vote passed but the decision names another contract the ledger holds (`contractNamed(by:)`): it approved
    /// that one only (CON-01 `decision_for_other_contract`).
    case passedOtherContract = "passed_other_contract"
    /// The vote passed but the assets it lists do not include every asset of the contract.
    case passedOtherAssets = "passed_other_assets"
    /// The vote passed but the decision had expired (`valid_until`) before the contract was signed.
    case passedExpired = "passed_expired"
    /// The decision would authorise the contract but was taken after the signing: it ratifies it (CON-01, marked
    /// ratified).
    case ratifiedAfterSigning = "ratified_after_signing"
}

extension Projection {
    /// The Art. 278 matters whose decision can authorise a use of a common part: the manager's use of the
    /// property-service premises (4), works (5, 7), a change of use or operating it (8) and other major matters
    /// (9). A vote electing the committee, say, authorises no use.
    public static let useMatters: Set<DecisionMatter> = [.manager, .maintenance_fund_use, .rebuilding, .change_use_or_operate, .other_major]

    /// The Art. 278 matters whose decision can authorise operating common parts — an operating contract (CON-01) or
    /// a business use (OCC-02): (8) changing their use or operating them, and (9) other major matters, under which
    /// owners sometimes record it. A vote hiring the manager (4) or on works (5, 7) authorises no business, however
    /// large its majority; both are measured at 3/4 whatever their recorded matter.
    public static let operatingMatters: Set<DecisionMatter> = [.change_use_or_operate, .other_major]

    /// Whether a use is business (利用共有部分从事经营活动, Art. 278(1)(8)), which needs 3/4 of the participants
    /// whatever matter its decision was recorded under: its purpose names business (`businessPurposeWords`), or
    /// its user is a business by name (`businessUserWords`) — except the manager working from the premises a
    /// decision hiring it (item 4) hands over, which is its service, not business.
    public static func isBusiness(_ use: Use, under matter: DecisionMatter) -> Bool {
        var purpose = use.purpose
        for phrase in negatedBusinessPhrases { purpose = purpose.replacing(phrase, with: "、") }
        if businessPurposeWords.contains(where: { purpose.contains($0) }) { return true }
        // A committed user is a private person (ledger-spec.md 10.3), never a business by name.
        guard let user = use.user.plainText else { return false }
        return matter != .manager && businessUserWords.contains { user.contains($0) }
    }

    /// The matter whose threshold a decision's vote must reach to authorise `use`: item 8 (3/4) for a business use
    /// recorded under another matter, else its recorded matter; nil when its matter cannot authorise the use at all
    /// (not one of `useMatters`, or a business use under a matter other than `operatingMatters`).
    public static func measure(of decision: Decision, for use: Use) -> DecisionMatter? {
        let matter = decision.terms.matter
        guard useMatters.contains(matter) else { return nil }
        guard isBusiness(use, under: matter) else { return matter }
        guard operatingMatters.contains(matter) else { return nil }
        return matter.needsThreeQuarters ? matter : .change_use_or_operate
    }

    /// A decision's vote against its community's registered totals, measured by the threshold of `matter` instead
    /// of its recorded one (an operating contract or business use always needs item 8's 3/4); nil when the
    /// community is unknown.
    public func validity(of decision: Decision, as matter: DecisionMatter) -> DecisionValidity? {
        guard let community = communities[decision.terms.communityID] else { return nil }
        var vote = decision.terms
        vote.matter = matter
        return DecisionValidity(vote: vote, totalArea: community.totalArea, totalOwners: community.totalOwners)
    }

    /// Whether `decision` authorises `use` on `date` (OCC-02's test, and the `in_use_under_decision` status): of
    /// the asset's community, on a matter that can authorise the use (`measure(of:for:)`), passing quorum and the
    /// threshold of that measure, still valid (`valid_until` ≥ `date`), listing the asset or no asset, and naming
    /// no contract the ledger holds (`contractNamed(by:)`: such a decision approved that contract, not this use).
    /// A decision taken after the use began authorises it from then on (OCC-02 reports the use as ratified).
    public func authorises(_ decision: Decision, _ use: Use, on date: CalendarDate) -> Bool {
        guard decision.terms.communityID == assets[use.assetID]?.communityID,
              let matter = Self.measure(of: decision, for: use),
              validity(of: decision, as: matter)?.passed == true else { return false }
        return decision.terms.isValid(on: date) && decision.terms.authorises.covers(use.assetID) && contractNamed(by: decision) == nil
    }

    /// The contract a decision names (`authorises.contract_id`) when the ledger holds it on the as-of date: the owners
    /// approved that contract, so the decision authorises it only — not another contract on its parts (CON-01
    /// `decision_for_other_contract`), nor a use citing the decision (OCC-02 `decision_for_contract_only`; a use
    /// under that contract cites the contract). Nil when it names none, or one the ledger does not hold (a contract
    /// renumbered by a correction, or signed under another number than the draft the owners saw: read as naming
    /// none, review 47d), or one of another community (a number the owners of this one never saw; review 48 #4).
    public func contractNamed(by decision: Decision) -> String? {
        guard let named = decision.terms.authorises.contractID,
              contracts[named]?.terms.communityID == decision.terms.communityID else { return nil }
        return named
    }

    /// The decisions of a contract's community that name it (`authorises.contract_id`), by contract id, the earliest
    /// taken first: what a contract citing none was voted on under (CON-01's `decision_not_cited`, the `contracts`
    /// report's vote column). Only a decision that would authorise it if cited counts: its matter, its vote and its
    /// parts, in force at the signing (review 44d #2: a failed vote was said to approve the contract).
    public func decisionsNamingContracts() -> [String: Decision] {
        var naming: [String: Decision] = [:]
        for decision in decisions.values {
            guard let id = decision.terms.authorises.contractID, let contract = contracts[id],
                  contract.terms.communityID == decision.terms.communityID,
                  Self.operatingMatters.contains(decision.terms.matter),
                  validity(of: decision, as: .change_use_or_operate)?.passed ?? true,
                  contract.terms.assetIDs.allSatisfy(decision.terms.authorises.covers),
                  decision.terms.isValid(on: contract.signedOn) else { continue }
            if let other = naming[id], (other.decidedOn, other.id) <= (decision.decidedOn, decision.id) { continue }
            naming[id] = decision
        }
        return naming
    }

    /// How a contract's decision stands for it (CON-01 and CON-02's test, and the `contracts` report's vote column).
    /// A contract whose record a correction made cite a decision not yet taken on the as-of date (a ratification to
    /// come) shows the vote of the version before it (`contractKnownThen`), as CON-01 and CON-02 report it until the
    /// later vote is taken: the failed vote it was signed on (review 47d #4: it said `unknown`), or `none` when it
    /// cited none (review 48 #3).
    public func vote(of contract: Contract) -> ContractVote {
        guard let id = contract.terms.decisionID else { return .none }
        guard let decision = decisions[id] else { return contractKnownThen(contract).map { vote(of: $0) } ?? .unknown }
        guard let recorded = validity(of: decision) else { return .unknown }
        if !recorded.passed { return .notPassed }
        if decision.terms.communityID != contract.terms.communityID { return .passedOtherCommunity }
        if !Self.operatingMatters.contains(decision.terms.matter) { return .passedWrongMatter }
        if validity(of: decision, as: .change_use_or_operate)?.passed != true { return .passedBelowThreeQuarters }
        if let named = contractNamed(by: decision), named != contract.id { return .passedOtherContract }
        if !contract.terms.assetIDs.allSatisfy(decision.terms.authorises.covers) { return .passedOtherAssets }
        if !decision.terms.isValid(on: contract.signedOn) { return .passedExpired }
        if decision.decidedOn > contract.signedOn { return .ratifiedAfterSigning }
        return .passed
    }
}

extension Projection {
    /// The contract as a list of the as-of date showed it before the correction that made its record cite a decision
    /// not yet taken on that date (`decisionsAfterAsOf`, a ratification to come): the latest earlier version citing
    /// another decision, or none (`Contract.earlierCitations`), with that version's `decision_id`, its record as
    /// `evidence` (the record first made, or the correction whose replacement it was) and the versions before it as
    /// its `earlierCitations` — again, while that version's decision is not yet taken either. The rules (CON-01,
    /// CON-02) and the `contracts` vote column judge that version exactly as the log without those corrections
    /// would, so a past list does not change because of a later record: 无 (no decision, CON-01 `no_decision`) stays
    /// so rather than turning into `decision_not_yet_taken` (review 48 #3), a failed vote stays the failed vote
    /// (CON-02; review 47d #4), a vote that authorised it stays `passed`. Only the citation and the record are the
    /// earlier version's; the other terms are the record's now. Nil for a contract citing a decision taken by the
    /// as-of date, citing none, or never cited otherwise.
    /// - Complexity: O(v), v the versions of the contract's record.
    public func contractKnownThen(_ contract: Contract) -> Contract? {
        var then: Contract? = nil
        while let c = then ?? Optional(contract), let current = c.terms.decisionID, decisions[current] == nil,
              decisionsAfterAsOf[current] != nil, let index = c.earlierCitations.lastIndex(where: { $0.decisionID != current }) {
            var earlier = c
            earlier.terms.decisionID = c.earlierCitations[index].decisionID
            earlier.evidence = c.earlierCitations[index].record
            earlier.earlierCitations = Array(c.earlierCitations[..<index])
            then = earlier
        }
        return then
    }

    /// A spending or transfer as a list of the as-of date showed it before the correction that made its record cite a
    /// decision not yet taken on that date, as `contractKnownThen` reads a contract: that version's `decision_id`
    /// and its record as `evidence` (`recordID`, the key, stays), with the versions before it (its citations, as
    /// `earlierMovementDecisions` holds the record's now). FUND-01, FUND-03, FUND-04 and FUND-10 judge that version
    /// (review 48 #3: `no_decision` turned into `decision_not_yet_taken`). Nil for a movement citing a decision
    /// taken by the as-of date, citing none, or never cited otherwise.
    /// - Complexity: O(v), v the versions of the movement's record.
    public func movementKnownThen(_ m: FundMovement) -> (movement: FundMovement, citations: [EarlierCitation])? {
        var then: (movement: FundMovement, citations: [EarlierCitation])? = nil
        var citations = earlierMovementDecisions[m.recordID]?.citations ?? []
        var decisionID = m.decisionID
        while let current = decisionID, decisions[current] == nil, decisionsAfterAsOf[current] != nil,
              let index = citations.lastIndex(where: { $0.decisionID != current }) {
            let earlier = citations[index]
            citations = Array(citations[..<index])
            decisionID = earlier.decisionID
            then = (FundMovement(fundID: m.fundID, kind: m.kind, date: m.date, amount: m.amount, counterparty: m.counterparty,
                                 voucher: m.voucher, category: m.category, purpose: m.purpose, contractID: m.contractID,
                                 decisionID: earlier.decisionID, emergency: m.emergency, assetIDs: m.assetIDs,
                                 otherFundID: m.otherFundID, evidence: earlier.record, recordID: m.recordID), citations)
        }
        return then
    }

    /// The decision whose vote the `contracts` report shows beside a contract: the one its record cites, or, while
    /// that is not yet taken on the as-of date, the one the version a list of that date showed cited
    /// (`contractKnownThen`; none when it cited none) — a list of such a date reads `DF 未通过` as it did before the
    /// correction, not the later decision's id beside the failed vote (review 48 #1: `DR 未通过`, though DR passed).
    public func shownDecisionID(of contract: Contract) -> String? {
        (contractKnownThen(contract) ?? contract).terms.decisionID
    }
}

extension DecisionRecorded {
    /// Whether the decision may still be acted on on `date`: it has no `valid_until`, or `date` is on or before it.
    public func isValid(on date: CalendarDate) -> Bool { validUntil.map { date <= $0 } ?? true }
}

extension Authorisation {
    /// Whether the decision covers a common part: it lists no assets (a decision on common parts in general), or
    /// lists this one.
    public func covers(_ assetID: String) -> Bool { assetIDs.isEmpty || assetIDs.contains(assetID) }
}
