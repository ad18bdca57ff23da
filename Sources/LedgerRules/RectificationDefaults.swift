import LedgerEvents

/// Defaults a street office starts from when it issues a list; it edits them in the event before appending it.
public enum RectificationDefaults {
    /// The responsible party (责任主体) of a finding: the occupant of a reported occupation (OCC-01), the user of a
    /// use (OCC-02, CON-06), the property company for what an inspection found (OCC-02, OCC-03: the manager stops
    /// and reports such acts, [QD] 84), the tenant for unpaid rent (CON-07), else the owners' committee, which
    /// manages the common parts and funds day to day ([QD] 33).
    /// A committed person stays committed: the issued event names the commitment, never the value.
    public static func responsible(_ f: Finding) -> PersonalText {
        func value(_ key: FactKey, _ name: String) -> PersonalText? {
            guard let fact = f.facts.first(where: { $0.key == key }),
                  let pair = fact.values.first(where: { $0.name == name }), case .person(let person) = pair.value,
                  person != .plain("") else { return nil }
            return person
        }
        switch f.rule {
        case .occupationNotCleared: return value(.occupationOpen, "occupant") ?? manager
        case .useWithoutAuthority:
            return value(.useStarted, "user") ?? value(.useWithoutAnyAuthority, "user") ?? manager
        case .inspectionFoundOccupied: return manager
        case .contractExpiredStillUsed: return value(.usedAfterEnd, "user") ?? committee
        case .rentArrears:
            if let person = f.itemPerson { return person }
            let counterparty = f.itemName.split(separator: " · ", maxSplits: 1).first.map(String.init) ?? ""
            return counterparty.isEmpty ? committee : .plain(counterparty)
        default: return committee
        }
    }

    static let committee: PersonalText = "业主委员会"
    static let manager: PersonalText = "物业服务企业"
}
