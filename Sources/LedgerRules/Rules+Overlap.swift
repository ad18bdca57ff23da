import LedgerEvents
import LedgerProjections

extension RuleContext {
    /// CON-08 (同一共有部分重复出租): a common part let under two operating contracts that are both in force on some day.
    ///
    /// One finding per pair, about the contract signed later (signing day, then id): signing it let a part that was
    /// already let for those days, so it is the act the office has to undo or amend. Its key names the earlier
    /// contract and the later one's signing day (`CON-08/LATER/EARLIER/SIGNED`), so three contracts on one part are
    /// three pairs and each stays the same problem from list to list. A pair sharing several parts is one finding
    /// listing them. "In force" is the contract status of ledger-spec.md 11 ("Assets"): from `start_on` to `end_on`,
    /// and not from a termination day on, so a contract terminated before the other's term begins (the part let again
    /// after it was given back) overlaps nothing, and one terminated during the overlap ends it on its termination
    /// day. An overlap found is reported from the later signing even when its days are still to come (the part is
    /// promised twice already), and marked ended once its last day has passed.
    ///
    /// Not reported: two contracts with the same counterparty (compared as a reader compares names, `UseText.key`; a
    /// committed person by its commitment). The ledger has no renewal event: a renewal is either a correction of the
    /// contract (one contract) or a new contract with the same tenant, which overlaps the old one only when it was
    /// signed to replace it before it ran out; that is no double letting, and the old contract's termination is what
    /// the ledger lacks (its rent shows as due until then: CON-07).
    ///
    /// - Complexity: O(c · k) for c contracts in scope and k contracts per part.
    func contractOverlapFindings() -> [Finding] {
        let contracts = sortedContracts
        // Which contracts let each part: indexes into `contracts`, in id order. Only a part of the contract's own
        // community counts: one the ledger does not hold, or of another community (only a log that bypassed
        // validation), is no part these owners let, and a list folded community group by community group (ledger-spec.md
        // 15.8) must find what the whole log's fold finds.
        var byAsset: [String: [Int]] = [:]
        for (index, contract) in contracts.enumerated() {
            for assetID in contract.terms.assetIDs where projection.assets[assetID]?.communityID == contract.terms.communityID {
                if byAsset[assetID]?.last != index { byAsset[assetID, default: []].append(index) }
            }
        }
        func signedBefore(_ a: Int, _ b: Int) -> Bool {
            contracts[a].signedOn != contracts[b].signedOn ? contracts[a].signedOn < contracts[b].signedOn : a < b
        }
        var out: [Finding] = []
        for (laterIndex, later) in contracts.enumerated() {
            // Earlier contracts overlapping this one, each with the parts both let, in this contract's order.
            var shared: [Int: [String]] = [:]
            for assetID in later.terms.assetIDs where byAsset[assetID]?.contains(laterIndex) == true {
                for earlierIndex in byAsset[assetID] ?? [] where earlierIndex != laterIndex && signedBefore(earlierIndex, laterIndex) {
                    let earlier = contracts[earlierIndex]
                    guard Self.overlap(later, earlier) != nil,
                          !Self.sameCounterparty(later.terms.counterparty, earlier.terms.counterparty),
                          shared[earlierIndex]?.contains(assetID) != true else { continue }
                    shared[earlierIndex, default: []].append(assetID)
                }
            }
            for earlierIndex in shared.keys.sorted() {
                let earlier = contracts[earlierIndex]
                let (from, endExclusive) = Self.overlap(later, earlier)!
                let to = endExclusive.adding(days: -1)
                var evidence = [later.evidence, earlier.evidence]
                for contract in [later, earlier] where contract.endedEarly { evidence.append(contract.terminated!.evidence) }
                var resolution: Resolution?
                if endExclusive <= asOf {
                    // Ended by whichever contract went out of force first; its termination is the record, else its
                    // own term (an expiry).
                    let first = [later, earlier].filter { $0.firstDayOutOfForce == endExclusive }
                    let record = first.first(where: \.endedEarly)?.terminated!.evidence ?? first[0].evidence
                    resolution = Resolution(.ended, on: endExclusive, evidence: record)
                }
                let (name, person) = contractItem(later.terms)
                out.append(finding(.contractsOverlap, community: later.terms.communityID, .contract, later.id, name, person: person,
                                   since: later.signedOn, facts: [FindingFact(.contractsOverlap, [
                                       "asset_ids": .texts(shared[earlierIndex]!), "contract_id": .text(earlier.id),
                                       "counterparty": .person(earlier.terms.counterparty), "start_on": .date(earlier.terms.startOn),
                                       "end_on": .date(earlier.terms.endOn), "from": .date(from), "to": .date(to),
                                       "days": .integer(Int64(from.days(until: endExclusive)))])],
                                   evidence: evidence, action: resolution == nil ? nil : .doubleLettingEnded, resolution: resolution,
                                   subjectIDs: [earlier.id]))
            }
        }
        return out
    }

    /// The days two contracts are both in force: the first such day and the day after the last (each contract from
    /// `start_on` up to its first day out of force), or nil when there is none.
    static func overlap(_ a: Contract, _ b: Contract) -> (from: CalendarDate, endExclusive: CalendarDate)? {
        let from = max(a.terms.startOn, b.terms.startOn)
        let endExclusive = min(a.firstDayOutOfForce, b.firstDayOutOfForce)
        return from < endExclusive ? (from, endExclusive) : nil
    }

    /// Whether two counterparties are the same tenant: texts as a reader compares them (white space, full-width
    /// forms and letter case are no difference), a committed person by its commitment; a text and a commitment never.
    static func sameCounterparty(_ a: PersonalText, _ b: PersonalText) -> Bool {
        if case .plain(let x) = a, case .plain(let y) = b { return UseText.key(x) == UseText.key(y) }
        return a == b
    }
}
