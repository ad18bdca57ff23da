import LedgerEvents
import LedgerProjections

/// The parts compared by LOW-02, and the median of each street's parts of one kind.
struct IncomeBenchmark {
    struct Entry {
        let assetID: String
        /// Street and asset kind: the group it is compared within.
        let key: String
        let contracts: [Contract]
        /// Rent the contracts entitle the owners to for the window's days, this part's share.
        let entitled: Amount
        /// Rent received within the window, this part's share: income naming the contract dated in the window,
        /// counted by the day it was paid. A `fund.income` records no period it pays for, so arrears of earlier
        /// periods paid in the window count here and rent paid ahead before it does not; only `entitled`, the rent
        /// for the window's days, decides LOW-02, and this figure is shown beside it (按到账日期计).
        let received: Amount
        let entitledPerArea: Ratio
        let receivedPerArea: Ratio
        let evidence: [Evidence]
    }
    struct Group {
        /// Median of the entitled income per m² of the group's parts.
        let median: Ratio
        let peers: Int
    }
    let entries: [String: Entry]
    let groups: [String: Group]

    func group(of entry: Entry) -> Group? { groups[entry.key] }

    /// Each group's median and peers from its parts' values (the median does not depend on their order).
    static func groups(_ values: [String: [Ratio]]) -> [String: Group] {
        var groups: [String: Group] = [:]
        for (key, list) in values where !list.isEmpty { groups[key] = Group(median: Ratio.median(list), peers: list.count) }
        return groups
    }
}
