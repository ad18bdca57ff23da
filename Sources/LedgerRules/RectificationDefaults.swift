/// Defaults a street office starts from when it issues a list; it edits them in the event before appending it.
public enum RectificationDefaults {
    /// The responsible party (责任主体) of a finding: the occupant of a reported occupation (OCC-01), the user of a
    /// use (OCC-02, CON-06), the property company for what an inspection found (OCC-02, OCC-03: the manager stops
    /// and reports such acts, [QD] 84), the tenant for unpaid rent (CON-07), else the owners' committee, which
    /// manages the common parts and funds day to day ([QD] 33).
    public static func responsible(_ f: Finding) -> String {
        func value(_ key: FactKey, _ name: String) -> String? {
            guard let fact = f.facts.first(where: { $0.key == key }),
                  let pair = fact.values.first(where: { $0.name == name }), case .text(let text) = pair.value,
                  !text.isEmpty else { return nil }
            return text
        }
        switch f.rule {
        case .occupationNotCleared: return value(.occupationOpen, "occupant") ?? manager
        case .useWithoutAuthority:
            return value(.useStarted, "user") ?? value(.useWithoutAnyAuthority, "user") ?? manager
        case .inspectionFoundOccupied: return manager
        case .contractExpiredStillUsed: return value(.usedAfterEnd, "user") ?? committee
        case .rentArrears:
            let counterparty = f.itemName.split(separator: " · ", maxSplits: 1).first.map(String.init) ?? ""
            return counterparty.isEmpty ? committee : counterparty
        default: return committee
        }
    }

    static let committee = "业主委员会"
    static let manager = "物业服务企业"
}
