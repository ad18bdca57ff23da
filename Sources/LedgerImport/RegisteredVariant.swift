import LedgerEvents
import LedgerProjections

/// A fund, contract, asset or decision cell that names no registered id but differs from one only in full-width
/// characters or letter case (`Ｆ-MY-PI`, `f-my-pi` for `F-MY-PI`): "not registered; record fund.opened first" would
/// have the clerk open the fund a second time under the variant. The row stays refused, naming the registered id to
/// write, as a community cell's does (`CommunityOption.advisedCell`; review 41a).
final class RegisteredVariant {
    private let ledger: FactImportLedger
    /// The registered ids of each kind by their folded form (`CommunityOption.folded`): made at the first issue of
    /// the kind, from every fund's account (`FactImportLedger.allFundAccounts`) or the log's registrations.
    private var byFolded: [IdKind: [String: String]] = [:]

    init(ledger: FactImportLedger) { self.ledger = ledger }

    /// `issue`, naming the registered id when it says a cell's id of one of these kinds is not registered and the
    /// ledger holds the id in another width or letter case; else `issue` as it is.
    func advised(_ issue: ValidationIssue) -> ValidationIssue {
        guard case .entity(let kindName, let id)? = issue.missing, let kind = IdKind(rawValue: kindName),
              [IdKind.fund, .contract, .asset, .decision].contains(kind),
              let registered = registered(kind)[CommunityOption.folded(id)], registered != id else { return issue }
        let shown = DisplayText.visible(id), zh = ReferenceWords.kindZh(kindName)
        return issue.with(reason: Wording(
            en: "\(kindName) \"\(shown)\" is not registered; the ledger holds \(kindName) \"\(registered)\", which differs only in full-width characters or letter case: write \(registered)",
            zh: "\(zh)“\(shown)”尚未登记；账本中有\(zh)“\(registered)”，只有全角半角或大小写不同：请写作 \(registered)"))
    }

    private func registered(_ kind: IdKind) -> [String: String] {
        if let known = byFolded[kind] { return known }
        var ids: [String] = []
        if kind == .fund {
            ids = ledger.allFundAccounts().map(\.fundID)
        } else {
            let type = kind.registeringType
            for fact in ledger.log.factsInLogOrder where fact.payload.type == type {
                switch fact.payload {
                case .contractSigned(let p): ids.append(p.contractID)
                case .assetRegistered(let p): ids.append(p.assetID)
                case .decisionRecorded(let p): ids.append(p.decisionID)
                default: break
                }
            }
        }
        var table: [String: String] = [:]
        // The first in id order when two registered ids fold alike.
        for id in ids.sorted() where table[CommunityOption.folded(id)] == nil { table[CommunityOption.folded(id)] = id }
        byFolded[kind] = table
        return table
    }
}
