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

    /// The deadline (整改时限) of `f` issued on `issuedOn`: the policy's days for its severity
    /// (`rectification_deadline_days`), or — for a finding whose advice is to act when its contract ends — that
    /// contract's last day when it is later: CON-04 open (合同到期后重新提请业主共同决定: the contract's `end_on`, the
    /// day it goes out of force unless terminated earlier, which ends the finding) and LOW-02 (合同到期后依法重新招租:
    /// its fact's `contract_last_day`, the contract the part is let under on the check date). Such a finding can be
    /// remedied only then, so a default of 60 or 90 days would make it overdue in every later list.
    public static func deadline(_ f: Finding, policy: Policy, issuedOn: CalendarDate) -> CalendarDate {
        let byPolicy = policy.deadline(for: f.severity, issuedOn: issuedOn)
        guard let end = contractEnd(f) else { return byPolicy }
        return max(byPolicy, end)
    }

    /// The contract's last day a finding's advice waits for (`deadline`), nil for every other finding.
    static func contractEnd(_ f: Finding) -> CalendarDate? {
        func date(_ key: FactKey, _ name: String) -> CalendarDate? {
            for fact in f.facts where fact.key == key {
                if let pair = fact.values.first(where: { $0.name == name }), case .date(let day) = pair.value { return day }
            }
            return nil
        }
        switch (f.rule, f.action) {
        case (.contractTermOverPolicy, .voteAgainAtExpiry): return f.isOpen ? date(.contractTerm, "end_on") : nil
        case (.lowIncome, _): return date(.incomePerArea, "contract_last_day")
        default: return nil
        }
    }

    static let committee: PersonalText = "业主委员会"
    static let manager: PersonalText = "物业服务企业"
}
