import LedgerEvents

extension DomainValidator {
    /// What an event would register, read from its type and payload as written, for an event the check could not
    /// use (its line does not parse as an event, or its payload does not fit its schema): the entity its creating
    /// field names, and its own id for corrections. `nil` when the type is not known, so that what it would
    /// register cannot be told.
    public static func registrations(type: String, id: String?, data: JSONValue?) -> [ValidationIssue.Missing]? {
        guard let eventType = EventType(rawValue: type) else { return nil }
        var out: [ValidationIssue.Missing] = id.map { [.event(id: $0)] } ?? []
        let created: (ReferenceChecker.Kind, String)?
        switch eventType {
        case .communityRegistered: created = (.community, "community_id")
        case .assetRegistered: created = (.asset, "asset_id")
        case .registerImported: created = (.import, "import_id")
        case .fundOpened: created = (.fund, "fund_id")
        case .decisionRecorded: created = (.decision, "decision_id")
        case .contractSigned: created = (.contract, "contract_id")
        case .useStarted: created = (.use, "use_id")
        case .occupationReported: created = (.occupation, "occupation_id")
        case .rectificationIssued: created = (.list, "list_id")
        default: created = nil
        }
        if let (kind, field) = created, case .object(let members)? = data, let value = members[field]?.stringValue {
            out.append(.entity(kind: kind.rawValue, id: value))
        }
        return out
    }

    /// `registrations(type:id:data:)` of an input line's JSON text; `nil` when it is not an object with a known
    /// type (nothing can be told of what it would register).
    public static func registrations(line: [UInt8]) -> [ValidationIssue.Missing]? {
        guard case .object(let members)? = try? JSONParser.parse(line), let type = members["type"]?.stringValue else { return nil }
        return registrations(type: type, id: members["id"]?.stringValue, data: members["data"])
    }

    /// `registrations(type:id:data:)` of a batch event whose payload did not fit its schema.
    public static func registrations(of event: Event) -> [ValidationIssue.Missing]? {
        guard case .raw(let raw) = event.payload else { return [] }
        return registrations(type: raw.type, id: event.id, data: try? JSONParser.parse(raw.data))
    }
}
