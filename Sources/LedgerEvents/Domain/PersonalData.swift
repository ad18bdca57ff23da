import LedgerPlatform

// Personal data that can be erased (ledger-spec.md section 10.3): a field that may name a private person holds
// either its text or a salted commitment to it. The commitment is in the hashed bytes; the salt and the value are
// kept beside the log (`private/`), where deleting them erases the person without changing a byte of the log.

extension DomainEvent {
    /// The payload with every personal field passed through `body`, which gets the field's path under `data`
    /// (`counterparty`, `items[2].responsible`, `replacement.data.user`) and its value. The one list of the fields
    /// that may hold personal data (ledger-spec.md section 10.3).
    public func mappingPersonal(_ body: (_ field: String, PersonalText) throws -> PersonalText) rethrows -> DomainEvent {
        switch self {
        case .contractSigned(var p): p.counterparty = try body("counterparty", p.counterparty); return .contractSigned(p)
        case .useStarted(var p): p.user = try body("user", p.user); return .useStarted(p)
        case .inspectionRecorded(var p): p.inspector = try body("inspector", p.inspector); return .inspectionRecorded(p)
        case .occupationReported(var p): p.occupant = try body("occupant", p.occupant); return .occupationReported(p)
        case .fundIncome(var p): p.counterparty = try body("counterparty", p.counterparty); return .fundIncome(p)
        case .fundSpending(var p): p.counterparty = try body("counterparty", p.counterparty); return .fundSpending(p)
        case .rectificationIssued(var p):
            for index in p.items.indices {
                p.items[index].responsible = try body("items[\(index)].responsible", p.items[index].responsible)
            }
            return .rectificationIssued(p)
        case .rectificationReported(var p): p.reportedBy = try body("reported_by", p.reportedBy); return .rectificationReported(p)
        case .rectificationVerified(var p): p.verifiedBy = try body("verified_by", p.verifiedBy); return .rectificationVerified(p)
        case .correction(var p):
            guard var replacement = p.replacement else { return self }
            replacement.payload = try replacement.payload.mappingPersonal { try body("replacement.data." + $0, $1) }
            p.replacement = replacement
            return .correction(p)
        case .communityRegistered, .assetRegistered, .assetUpdated, .assetRetired, .registerImported, .fundOpened,
             .decisionRecorded, .contractTerminated, .useEnded, .occupationCleared, .fundTransfer, .fundBalanceAsserted,
             .disclosurePublished, .rectificationExtended, .personalDataErased:
            return self
        }
    }

    /// Every personal field of the payload with its path under `data`, in the order of `mappingPersonal`.
    public var personalFields: [(field: String, value: PersonalText)] {
        var out: [(field: String, value: PersonalText)] = []
        forEachPersonal { out.append(($0, $1)) }
        return out
    }

    /// Calls `body` with each personal field's path and value, in the order of `mappingPersonal`, without
    /// collecting them (for folds over the whole log).
    public func forEachPersonal(_ body: (_ field: String, PersonalText) -> Void) {
        _ = mappingPersonal { field, value in
            body(field, value)
            return value
        }
    }

    /// The names of the members that may hold personal data, for messages and `ledger append --private`.
    public static let personalFieldNames = ["counterparty", "inspector", "occupant", "reported_by", "responsible", "user", "verified_by"]
}
