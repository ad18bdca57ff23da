import LedgerEvents
import LedgerProjections

/// An item (part, contract, fund, decision) as a finding names it — kind, id, name, the person it names, detail —
/// kept for a key issued in the loop, so that the 整改台账 names the item of a key the rules no longer find even
/// when no current finding is about it (a closed key's part, a terminated contract, a fund made good).
public struct ItemLabel: Equatable, Sendable {
    public let kind: ItemKind
    public let id: String
    public let name: String
    public let person: PersonalText?
    public let detail: String?

    public init(kind: ItemKind, id: String, name: String, person: PersonalText? = nil, detail: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.person = person
        self.detail = detail
    }

    /// The item of `key` as `projection` holds it (as of its date), named as the rules name it in a finding
    /// (`RuleContext.finding`: a part's name, a contract's counterparty and purpose, a fund's account and kind, a
    /// decision's matter); nil when the projection holds no such item.
    public static func of(key: String, in projection: Projection) -> ItemLabel? {
        let subject = FindingKey.subject(of: key)
        let id = String(subject.prefix { $0 != "/" })
        // The kind the key's rule is about first (an id may name items of two kinds); FUND-04 on a decision's cap
        // names the decision.
        let kinds: [ItemKind]
        switch FindingKey.rule(of: key)?.problemClass {
        case .contract?: kinds = [.contract, .asset, .fund, .decision]
        case .fund?: kinds = [.fund, .decision, .asset, .contract]
        default: kinds = [.asset, .contract, .fund, .decision]
        }
        for kind in kinds {
            switch kind {
            case .asset:
                if let asset = projection.assets[id] { return ItemLabel(kind: .asset, id: id, name: asset.name) }
            case .contract:
                if let contract = projection.contracts[id] {
                    let (name, person) = contractItem(contract.terms)
                    return ItemLabel(kind: .contract, id: id, name: name, person: person)
                }
            case .fund:
                if let fund = projection.funds[id] { return ItemLabel(kind: .fund, id: id, name: fund.account, detail: fund.kind.rawValue) }
            case .decision:
                if let decision = projection.decisions[id] {
                    return ItemLabel(kind: .decision, id: id, name: "", detail: decision.terms.matter.rawValue)
                }
            }
        }
        return nil
    }

    /// A contract as its findings name it: the counterparty and purpose, or the purpose beside a committed
    /// counterparty (shown by the reader's private names).
    static func contractItem(_ terms: ContractSigned) -> (name: String, person: PersonalText?) {
        switch terms.counterparty {
        case .plain(let counterparty): return (counterparty + " · " + terms.purpose, nil)
        case .committed: return (terms.purpose, terms.counterparty)
        }
    }
}
