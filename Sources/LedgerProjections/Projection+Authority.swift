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
    /// A contract signed on a failed vote whose record a correction made cite a decision not yet taken on the as-of
    /// date (a ratification to come) shows that failed vote, as CON-02 reports it until the later vote is taken
    /// (`signedOnFailedVote(_:)`; review 47d #4: it said `unknown`).
    public func vote(of contract: Contract) -> ContractVote {
        guard let id = contract.terms.decisionID else { return .none }
        guard let decision = decisions[id] else { return signedOnFailedVote(contract) ?? .unknown }
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
    /// The vote of the failed decision a corrected contract was signed under, while the decision its record now
    /// cites is not yet taken on the as-of date (`decisionsAfterAsOf`): the latest other decision an earlier version
    /// cited (`Contract.earlierDecisionIDs`), of its community, on operating common parts, taken on or before the
    /// signing and covering the contract then (its parts, its `valid_until`, no other contract named), whose vote
    /// fails item 8's 3/4 — `not_passed` or `passed_below_three_quarters`. The rules see the same vote then
    /// (CON-02, `failedVoteSignedUnder`). Nil otherwise.
    func signedOnFailedVote(_ contract: Contract) -> ContractVote? {
        signedOnFailedDecision(contract)?.vote
    }

    /// The decision whose vote the `contracts` report shows beside a contract: the one its record cites, or, while
    /// that is not yet taken on the as-of date, the failed one it was signed under (`signedOnFailedVote`) — a list
    /// of such a date reads `DF 未通过` as it did before the correction, not the later decision's id beside the
    /// failed vote (review 48 #1: `DR 未通过`, though DR passed).
    public func shownDecisionID(of contract: Contract) -> String? {
        signedOnFailedDecision(contract)?.id ?? contract.terms.decisionID
    }

    private func signedOnFailedDecision(_ contract: Contract) -> (id: String, vote: ContractVote)? {
        guard let current = contract.terms.decisionID, decisions[current] == nil, decisionsAfterAsOf[current] != nil,
              let earlierID = contract.earlierDecisionIDs.last(where: { $0 != current }) ?? nil,
              let decision = decisions[earlierID], decision.terms.communityID == contract.terms.communityID,
              Self.operatingMatters.contains(decision.terms.matter), decision.decidedOn <= contract.signedOn,
              contract.terms.assetIDs.allSatisfy(decision.terms.authorises.covers), decision.terms.isValid(on: contract.signedOn),
              contractNamed(by: decision).map({ $0 == contract.id }) ?? true,
              validity(of: decision, as: .change_use_or_operate)?.passed == false else { return nil }
        var then = contract
        then.terms.decisionID = earlierID
        then.earlierDecisionIDs = []
        return (earlierID, vote(of: then))
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
