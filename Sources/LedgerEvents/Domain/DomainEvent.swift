/// A domain event's payload, typed: what `type` + `data` of an event mean. Decoding applies every structural rule
/// of ledger-spec.md ("Domain events"): required fields, JSON types, enums, dates, amounts, areas, date order.
/// Rules that need other events (does the asset exist?) live in LedgerProjections' `DomainValidator`.
public indirect enum DomainEvent: Equatable, Sendable {
    case communityRegistered(CommunityRegistered)
    case assetRegistered(AssetRegistered)
    case assetUpdated(AssetUpdated)
    case assetRetired(AssetRetired)
    case registerImported(RegisterImported)
    case fundOpened(FundOpened)
    case decisionRecorded(DecisionRecorded)
    case contractSigned(ContractSigned)
    case contractTerminated(ContractTerminated)
    case useStarted(UseStarted)
    case useEnded(UseEnded)
    case inspectionRecorded(InspectionRecorded)
    case occupationReported(OccupationReported)
    case occupationCleared(OccupationCleared)
    case fundIncome(FundIncome)
    case fundSpending(FundSpending)
    case fundTransfer(FundTransfer)
    case fundBalanceAsserted(FundBalanceAsserted)
    case disclosurePublished(DisclosurePublished)
    case rectificationIssued(RectificationIssued)
    case rectificationReported(RectificationReported)
    case rectificationVerified(RectificationVerified)
    case rectificationExtended(RectificationExtended)
    case correction(Correction)

    /// The event type of this payload.
    public var type: EventType {
        switch self {
        case .communityRegistered: return .communityRegistered
        case .assetRegistered: return .assetRegistered
        case .assetUpdated: return .assetUpdated
        case .assetRetired: return .assetRetired
        case .registerImported: return .registerImported
        case .fundOpened: return .fundOpened
        case .decisionRecorded: return .decisionRecorded
        case .contractSigned: return .contractSigned
        case .contractTerminated: return .contractTerminated
        case .useStarted: return .useStarted
        case .useEnded: return .useEnded
        case .inspectionRecorded: return .inspectionRecorded
        case .occupationReported: return .occupationReported
        case .occupationCleared: return .occupationCleared
        case .fundIncome: return .fundIncome
        case .fundSpending: return .fundSpending
        case .fundTransfer: return .fundTransfer
        case .fundBalanceAsserted: return .fundBalanceAsserted
        case .disclosurePublished: return .disclosurePublished
        case .rectificationIssued: return .rectificationIssued
        case .rectificationReported: return .rectificationReported
        case .rectificationVerified: return .rectificationVerified
        case .rectificationExtended: return .rectificationExtended
        case .correction: return .correction
        }
    }

    /// Decodes and structurally validates the payload of an event.
    /// - Parameters:
    ///   - type: the event's `type`.
    ///   - occurredOn: the event's business date (some rules compare payload dates with it).
    ///   - data: the event's `data` object.
    /// - Throws: `PayloadError` naming the field and what is allowed; an unknown type is reported on field `type`.
    public static func decode(type: String, occurredOn: CalendarDate, data: [String: JSONValue]) throws(PayloadError) -> DomainEvent {
        try decode(type: type, occurredOn: occurredOn, canonicalData: CanonicalJSON.encode(.object(data))[...])
    }

    /// Decodes the canonical bytes of a `data` object (a record's, or `CanonicalJSON`'s encoding of an input line's)
    /// without building JSON values. Only when they do not fit is the payload parsed and read field by field, for
    /// the message.
    public static func decode(type: String, occurredOn: CalendarDate, canonicalData: ArraySlice<UInt8>) throws(PayloadError) -> DomainEvent {
        guard let known = EventType(rawValue: type) else {
            throw PayloadError(type: type, field: "type", reason: "unknown event type \"\(type)\"; use one of \(EventType.allNames)")
        }
        if let payload = PayloadCodec.decode(type: known, occurredOn: occurredOn, data: canonicalData) { return payload }
        guard case .object(let members)? = try? JSONParser.parse(Array(canonicalData)) else {
            throw PayloadError(type: type, field: "data", reason: "must be a JSON object")
        }
        let payload = try check(known, occurredOn: occurredOn, data: members, path: "data")
        // The byte reader and the field reader apply the same schema; a payload one accepts and the other refuses
        // is a bug in this module (FuzzTests compare them).
        assertionFailure("PayloadCodec refused a \(type) payload that the schema accepts: \(String(decoding: canonicalData, as: UTF8.self))")
        return payload
    }

    /// Decodes an `Event`'s payload: the typed payload it carries, or the reason its data does not fit.
    public static func decode(_ event: Event) throws(PayloadError) -> DomainEvent {
        switch event.payload {
        case .domain(let payload): return payload
        case .raw(let raw): return try decode(type: raw.type, occurredOn: event.occurredOn, canonicalData: raw.data[...])
        }
    }

    /// The schema read field by field from a parsed payload: the source of every `PayloadError` message.
    static func check(_ type: EventType, occurredOn: CalendarDate, data: [String: JSONValue], path: String) throws(PayloadError) -> DomainEvent {
        let r = PayloadReader(type: type.rawValue, path: path, members: data)
        switch type {
        case .communityRegistered:
            try r.onlyAllowed(["community_id", "name", "street", "residents_committee", "total_area_m2", "total_owners"])
            return .communityRegistered(CommunityRegistered(
                communityID: try r.id("community_id"), name: try r.string("name"), street: try r.string("street"),
                residentsCommittee: try r.string("residents_committee"),
                totalArea: try r.area("total_area_m2", positive: true), totalOwners: try r.count("total_owners", minimum: 1)))

        case .assetRegistered:
            try r.onlyAllowed(["asset_id", "community_id", "kind", "name", "location", "area_m2", "registered_on", "source", "attributes"])
            return .assetRegistered(AssetRegistered(
                assetID: try r.id("asset_id"), communityID: try r.id("community_id"), kind: try r.choice("kind", AssetKind.self),
                name: try r.string("name"), location: try r.string("location"), area: try r.area("area_m2"),
                registeredOn: try r.date("registered_on"), source: try source(r),
                attributes: r.has("attributes") ? try r.stringMap("attributes") : [:]))

        case .assetUpdated:
            try r.onlyAllowed(["asset_id", "changes", "source"])
            let c = try r.object("changes")
            try c.onlyAllowed(AssetChanges.fieldNames)
            guard !c.members.isEmpty else { throw r.fail("changes", "must change at least one of \(AssetChanges.fieldNames.joined(separator: ", "))") }
            let changes = AssetChanges(
                kind: c.has("kind") ? try c.choice("kind", AssetKind.self) : nil,
                name: try c.optionalString("name"), location: try c.optionalString("location"),
                area: c.has("area_m2") ? try c.area("area_m2") : nil,
                attributes: c.has("attributes") ? try c.stringMap("attributes") : nil)
            guard changes != AssetChanges() else { throw r.fail("changes", "holds only nulls; give the new values") }
            return .assetUpdated(AssetUpdated(assetID: try r.id("asset_id"), changes: changes, source: try source(r)))

        case .assetRetired:
            try r.onlyAllowed(["asset_id", "reason"])
            return .assetRetired(AssetRetired(assetID: try r.id("asset_id"), reason: try r.string("reason")))

        case .registerImported:
            try r.onlyAllowed(["import_id", "file_name", "file_sha256", "rows_read", "rows_new", "rows_updated", "rows_unchanged", "community_id"])
            let digest = try r.string("file_sha256")
            guard digest.utf8.count == 64, digest.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw r.fail("file_sha256", "\"\(digest)\" is not a SHA-256 digest; write 64 lower-case hex digits")
            }
            return .registerImported(RegisterImported(
                importID: try r.id("import_id"), fileName: try r.string("file_name"), fileSHA256: digest,
                rowsRead: try r.count("rows_read"), rowsNew: try r.count("rows_new"), rowsUpdated: try r.count("rows_updated"),
                rowsUnchanged: try r.count("rows_unchanged"), communityID: try r.optionalID("community_id")))

        case .fundOpened:
            try r.onlyAllowed(["fund_id", "community_id", "kind", "account"])
            return .fundOpened(FundOpened(fundID: try r.id("fund_id"), communityID: try r.id("community_id"),
                                          kind: try r.choice("kind", FundKind.self), account: try r.string("account")))

        case .decisionRecorded:
            try r.onlyAllowed(["decision_id", "community_id", "matter", "participating_area_m2", "participating_owners",
                               "approving_area_m2", "approving_owners", "authorises", "valid_until"])
            let a = try r.object("authorises")
            try a.onlyAllowed(["asset_ids", "contract_id", "purpose", "amount_cap_fen"])
            let decision = DecisionRecorded(
                decisionID: try r.id("decision_id"), communityID: try r.id("community_id"),
                matter: try r.choice("matter", DecisionMatter.self),
                participatingArea: try r.area("participating_area_m2"), participatingOwners: try r.count("participating_owners"),
                approvingArea: try r.area("approving_area_m2"), approvingOwners: try r.count("approving_owners"),
                authorises: Authorisation(assetIDs: try a.optionalIDs("asset_ids") ?? [], contractID: try a.optionalID("contract_id"),
                                          purpose: try a.optionalString("purpose"), amountCap: try a.optionalAmount("amount_cap_fen")),
                validUntil: try r.optionalDate("valid_until"))
            guard decision.approvingArea <= decision.participatingArea else {
                throw r.fail("approving_area_m2", "\(decision.approvingArea) m² is more than the participating area \(decision.participatingArea) m²")
            }
            guard decision.approvingOwners <= decision.participatingOwners else {
                throw r.fail("approving_owners", "\(decision.approvingOwners) is more than the \(decision.participatingOwners) participating owners")
            }
            if let until = decision.validUntil, until < occurredOn {
                throw r.fail("valid_until", "\(until) is before the vote date \(occurredOn)")
            }
            return .decisionRecorded(decision)

        case .contractSigned:
            try r.onlyAllowed(["contract_id", "community_id", "asset_ids", "counterparty", "purpose", "start_on", "end_on",
                               "rent_fen", "rent_period", "decision_id", "payee_fund_id"])
            let contract = ContractSigned(
                contractID: try r.id("contract_id"), communityID: try r.id("community_id"), assetIDs: try r.ids("asset_ids"),
                counterparty: try r.string("counterparty"), purpose: try r.string("purpose"),
                startOn: try r.date("start_on"), endOn: try r.date("end_on"), rent: try r.amount("rent_fen", minimumFen: 0),
                rentPeriod: try r.choice("rent_period", RentPeriod.self), decisionID: try r.optionalID("decision_id"),
                payeeFundID: try r.optionalID("payee_fund_id"))
            guard contract.startOn <= contract.endOn else {
                throw r.fail("end_on", "\(contract.endOn) is before start_on \(contract.startOn); a contract ends on or after its first day")
            }
            return .contractSigned(contract)

        case .contractTerminated:
            try r.onlyAllowed(["contract_id", "reason"])
            return .contractTerminated(ContractTerminated(contractID: try r.id("contract_id"), reason: try r.string("reason")))

        case .useStarted:
            try r.onlyAllowed(["use_id", "asset_id", "user", "purpose", "authority"])
            var authority = UseAuthority.none
            if let a = try r.optionalObject("authority") {
                try a.onlyAllowed(["contract_id", "decision_id"])
                switch (try a.optionalID("contract_id"), try a.optionalID("decision_id")) {
                case (let contract?, nil): authority = .contract(contract)
                case (nil, let decision?): authority = .decision(decision)
                case (nil, nil): authority = .none
                case (_?, _?): throw a.fail("", "names both a contract and a decision; give the one the use rests on")
                }
            }
            return .useStarted(UseStarted(useID: try r.id("use_id"), assetID: try r.id("asset_id"), user: try r.string("user"),
                                          purpose: try r.string("purpose"), authority: authority))

        case .useEnded:
            try r.onlyAllowed(["use_id"])
            return .useEnded(UseEnded(useID: try r.id("use_id")))

        case .inspectionRecorded:
            try r.onlyAllowed(["asset_id", "observed", "inspector", "note"])
            return .inspectionRecorded(InspectionRecorded(assetID: try r.id("asset_id"), observed: try r.choice("observed", Observation.self),
                                                          inspector: try r.string("inspector"), note: try r.optionalString("note")))

        case .occupationReported:
            try r.onlyAllowed(["occupation_id", "asset_id", "occupant", "description"])
            return .occupationReported(OccupationReported(occupationID: try r.id("occupation_id"), assetID: try r.id("asset_id"),
                                                          occupant: try r.string("occupant"), description: try r.string("description")))

        case .occupationCleared:
            try r.onlyAllowed(["occupation_id", "note"])
            return .occupationCleared(OccupationCleared(occupationID: try r.id("occupation_id"), note: try r.optionalString("note")))

        case .fundIncome:
            try r.onlyAllowed(["fund_id", "amount_fen", "counterparty", "voucher", "source", "category"])
            var contract: String? = nil
            if let s = try r.optionalObject("source") {
                try s.onlyAllowed(["contract_id"])
                contract = try s.optionalID("contract_id")
            }
            return .fundIncome(FundIncome(fundID: try r.id("fund_id"), amount: try r.amount("amount_fen"),
                                          counterparty: try r.string("counterparty"), voucher: try r.string("voucher"),
                                          sourceContractID: contract, category: try r.string("category")))

        case .fundSpending:
            try r.onlyAllowed(["fund_id", "amount_fen", "counterparty", "voucher", "purpose", "purpose_category", "decision_id",
                               "emergency", "asset_ids"])
            var emergency: Emergency? = nil
            if let e = try r.optionalObject("emergency") {
                try e.onlyAllowed(["type", "evidence"])
                emergency = Emergency(type: try e.string("type"), evidence: try e.string("evidence"))
            }
            return .fundSpending(FundSpending(
                fundID: try r.id("fund_id"), amount: try r.amount("amount_fen"), counterparty: try r.string("counterparty"),
                voucher: try r.string("voucher"), purpose: try r.string("purpose"), purposeCategory: try r.optionalString("purpose_category"),
                decisionID: try r.optionalID("decision_id"), emergency: emergency, assetIDs: try r.optionalIDs("asset_ids") ?? []))

        case .fundTransfer:
            try r.onlyAllowed(["from_fund_id", "to_fund_id", "amount_fen", "voucher", "decision_id"])
            let transfer = FundTransfer(fromFundID: try r.id("from_fund_id"), toFundID: try r.id("to_fund_id"),
                                        amount: try r.amount("amount_fen"), voucher: try r.string("voucher"),
                                        decisionID: try r.optionalID("decision_id"))
            guard transfer.fromFundID != transfer.toFundID else {
                throw r.fail("to_fund_id", "is the same fund as from_fund_id; a transfer moves money between two funds")
            }
            return .fundTransfer(transfer)

        case .fundBalanceAsserted:
            try r.onlyAllowed(["fund_id", "balance_fen", "statement_ref"])
            return .fundBalanceAsserted(FundBalanceAsserted(fundID: try r.id("fund_id"), balance: try r.amount("balance_fen", minimumFen: 0),
                                                            statementRef: try r.string("statement_ref")))

        case .disclosurePublished:
            try r.onlyAllowed(["community_id", "fund_ids", "period_from", "period_to", "location"])
            let disclosure = DisclosurePublished(communityID: try r.id("community_id"), fundIDs: try r.ids("fund_ids"),
                                                 periodFrom: try r.date("period_from"), periodTo: try r.date("period_to"),
                                                 location: try r.string("location"))
            guard disclosure.periodFrom <= disclosure.periodTo else {
                throw r.fail("period_to", "\(disclosure.periodTo) is before period_from \(disclosure.periodFrom)")
            }
            guard disclosure.periodFrom <= occurredOn else {
                throw r.fail("period_from", "\(disclosure.periodFrom) is after the publication date \(occurredOn); a disclosure covers a past period")
            }
            return .disclosurePublished(disclosure)

        case .rectificationIssued, .rectificationReported, .rectificationVerified, .rectificationExtended:
            return try checkRectification(type, occurredOn: occurredOn, r)

        case .correction:
            guard path == "data" else { throw r.fail("", "a replacement cannot itself be a correction") }
            try r.onlyAllowed(["corrects", "reason", "replacement"])
            let corrects = try r.id("corrects")
            let reason = try r.string("reason")
            var replacement: Replacement? = nil
            if let p = try r.optionalObject("replacement") {
                try p.onlyAllowed(["type", "occurred_on", "data"])
                let typeText = try p.string("type")
                guard let replacementType = EventType(rawValue: typeText), replacementType != .correction else {
                    throw p.fail("type", "\"\(typeText)\" cannot replace an event; use the corrected event's type")
                }
                let date = try p.date("occurred_on")
                let dataValue = try p.required("data", "the replacement's payload object")
                guard let data = dataValue.objectValue else { throw p.fail("data", "must be an object, found \(dataValue.kindName)") }
                let payload = try check(replacementType, occurredOn: date, data: data, path: "\(p.path).data")
                replacement = Replacement(type: replacementType, occurredOn: date, payload: payload)
            }
            return .correction(Correction(corrects: corrects, reason: reason, replacement: replacement))
        }
    }

    private static func source(_ r: PayloadReader) throws(PayloadError) -> AssetSource {
        let s = try r.object("source")
        let kind = try s.string("kind")
        switch kind {
        case "import":
            try s.onlyAllowed(["kind", "import_id", "row"])
            return .importRow(importID: try s.id("import_id"), row: try s.count("row", minimum: 1))
        case "manual":
            try s.onlyAllowed(["kind"])
            return .manual
        default:
            throw s.fail("kind", "\"\(kind)\" is not a source; use \"import\" (with import_id and row) or \"manual\"")
        }
    }
}
