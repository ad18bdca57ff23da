import LedgerEvents

// The payload schema as it was before the byte decoder wrote its own messages (commit 8fdfd29): every payload read
// field by field from parsed JSON values. Kept unchanged as the oracle of `PayloadDifferentialTests`: the byte
// decoder must accept exactly what this accepts, with the same message.

/// The reference schema: decodes a parsed `data` object as the ledger did up to commit 8fdfd29.
enum ReferenceSchema {
    static let changeNames = ["area_m2", "attributes", "kind", "location", "name"]

    /// Decodes `data` as an event of `type` (an unknown type is refused on field `type`).
    static func decode(type: String, occurredOn: CalendarDate, data: [String: JSONValue]) throws(EventError) -> DomainEvent {
        guard let known = EventType(rawValue: type) else {
            throw EventError.payload(EventError.PayloadProblem(type: type, field: "type", reason: "unknown event type \"\(type)\"; use one of \(EventType.allNames)"))
        }
        return try check(known, occurredOn: occurredOn, data: data, path: "data")
    }

    /// The schema read field by field from a parsed payload: the source of every `EventError.payload` message.
    static func check(_ type: EventType, occurredOn: CalendarDate, data: [String: JSONValue], path: String) throws(EventError) -> DomainEvent {
        let r = ReferenceReader(type: type.rawValue, path: path, members: data)
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
            try c.onlyAllowed(changeNames)
            guard !c.members.isEmpty else { throw r.fail("changes", "must change at least one of \(changeNames.joined(separator: ", "))") }
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
                counterparty: try r.person("counterparty"), purpose: try r.string("purpose"),
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
            return .useStarted(UseStarted(useID: try r.id("use_id"), assetID: try r.id("asset_id"), user: try r.person("user"),
                                          purpose: try r.string("purpose"), authority: authority))

        case .useEnded:
            try r.onlyAllowed(["use_id"])
            return .useEnded(UseEnded(useID: try r.id("use_id")))

        case .inspectionRecorded:
            try r.onlyAllowed(["asset_id", "observed", "inspector", "note"])
            return .inspectionRecorded(InspectionRecorded(assetID: try r.id("asset_id"), observed: try r.choice("observed", Observation.self),
                                                          inspector: try r.person("inspector"), note: try r.optionalString("note")))

        case .occupationReported:
            try r.onlyAllowed(["occupation_id", "asset_id", "occupant", "description"])
            return .occupationReported(OccupationReported(occupationID: try r.id("occupation_id"), assetID: try r.id("asset_id"),
                                                          occupant: try r.person("occupant"), description: try r.string("description")))

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
                                          counterparty: try r.person("counterparty"), voucher: try r.string("voucher"),
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
                fundID: try r.id("fund_id"), amount: try r.amount("amount_fen"), counterparty: try r.person("counterparty"),
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

        case .personalDataErased:
            try r.onlyAllowed(["commitments", "legal_basis", "reason", "request_ref"])
            let value = try r.required("commitments", "a non-empty array of commitments (64 hex digits each)")
            guard let items = value.arrayValue else { throw r.fail("commitments", "must be an array of commitments, found \(value.kindName)") }
            guard !items.isEmpty else { throw r.fail("commitments", "must name at least one commitment") }
            var commitments: [PersonalCommitment] = []
            for (index, item) in items.enumerated() {
                guard let text = item.stringValue else { throw r.fail("commitments[\(index)]", "must be a string of 64 hex digits, found \(item.kindName)") }
                guard let commitment = PersonalCommitment(hex: text) else {
                    throw r.fail("commitments[\(index)]", "\"\(text)\" is not a commitment; write its 64 lower-case hex digits")
                }
                guard !commitments.contains(commitment) else { throw r.fail("commitments[\(index)]", "\"\(text)\" is listed twice") }
                commitments.append(commitment)
            }
            return .personalDataErased(PersonalDataErased(commitments: commitments, reason: try r.string("reason"),
                                                          legalBasis: try r.string("legal_basis"), requestRef: try r.optionalString("request_ref")))

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

    private static func source(_ r: ReferenceReader) throws(EventError) -> AssetSource {
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

/// Reads typed fields from a payload object, throwing an `EventError.payload` that names the field and what is allowed.
struct ReferenceReader {
    let type: String
    let path: String
    let members: [String: JSONValue]

    init(type: String, path: String, members: [String: JSONValue]) {
        self.type = type
        self.path = path
        self.members = members
    }

    func fail(_ key: String, _ reason: String) -> EventError {
        EventError.payload(EventError.PayloadProblem(type: type, field: key.isEmpty ? path : "\(path).\(key)", reason: reason))
    }

    /// Rejects members outside `allowed`: a misspelt field must not vanish silently.
    func onlyAllowed(_ allowed: [String]) throws(EventError) {
        for key in CanonicalJSON.sortedKeys(members) where !allowed.contains(key) {
            // A payload (`data`, a replacement's `data`) is the type's; a nested object is named.
            let owner = path == "data" || path.hasSuffix(".data") ? type : "\(path) of \(type)"
            throw fail(key, "unknown field; \(owner) allows only \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func has(_ key: String) -> Bool { members[key] != nil && members[key] != .null }

    func required(_ key: String, _ what: String) throws(EventError) -> JSONValue {
        guard let value = members[key], value != .null else { throw fail(key, "missing; give \(what)") }
        return value
    }

    /// A non-empty string of at most `Limits.stringBytesMax` bytes.
    func string(_ key: String) throws(EventError) -> String {
        let value = try required(key, "a non-empty string")
        guard let text = value.stringValue else {
            if Self.commitment(value) != nil || Self.isPersonInput(value) {
                throw fail(key, "must be a string; personal data ({\"person\": …}) is allowed only in \(DomainEvent.personalFieldNames.joined(separator: ", "))")
            }
            throw fail(key, "must be a string, found \(value.kindName)")
        }
        guard !text.isEmpty, text.contains(where: { !$0.isWhitespace }) else { throw fail(key, "must not be empty") }
        return text
    }

    func optionalString(_ key: String) throws(EventError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// A field that may name a private person: a string, or `{"commitment": "<64 lower-case hex>"}` (added with
    /// ledger-spec.md 10.3; before it these fields were strings).
    func person(_ key: String) throws(EventError) -> PersonalText {
        let value = try required(key, "a non-empty string, or {\"commitment\": \"<64 hex>\"} for a private person")
        guard value.objectValue != nil else { return .plain(try string(key)) }
        if let commitment = Self.commitment(value) { return .committed(commitment) }
        if Self.isPersonInput(value) {
            throw fail(key, "{\"person\": …} is turned into a commitment by ledger append; a record holds {\"commitment\": \"<64 hex>\"}")
        }
        throw fail(key, "must be a string, or an object with exactly one member \"commitment\" holding 64 lower-case hex digits (personal data, ledger-spec.md 10.3)")
    }

    static func commitment(_ value: JSONValue) -> PersonalCommitment? {
        guard let members = value.objectValue, members.count == 1, let text = members["commitment"]?.stringValue else { return nil }
        return PersonalCommitment(hex: text)
    }

    static func isPersonInput(_ value: JSONValue) -> Bool {
        guard let members = value.objectValue, members.count == 1, members["person"]?.stringValue != nil else { return false }
        return true
    }

    /// An entity id: 1…128 bytes, no spaces or control characters.
    func id(_ key: String) throws(EventError) -> String {
        let value = try required(key, "an id such as \(EventWords.idExample(field: key))")
        guard let text = value.stringValue else { throw fail(key, "must be a string id, found \(value.kindName)") }
        if let problem = EventInput.idProblem(text) { throw fail(key, problem) }
        return text
    }

    func optionalID(_ key: String) throws(EventError) -> String? {
        has(key) ? try id(key) : nil
    }

    /// A non-empty array of distinct ids.
    func ids(_ key: String) throws(EventError) -> [String] {
        let value = try required(key, "a non-empty array of ids")
        guard let items = value.arrayValue else { throw fail(key, "must be an array of ids, found \(value.kindName)") }
        guard !items.isEmpty else { throw fail(key, "must name at least one id") }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            let field = "\(key)[\(index)]"
            guard let text = item.stringValue else { throw fail(field, "must be a string id, found \(item.kindName)") }
            if let problem = EventInput.idProblem(text) { throw fail(field, problem) }
            guard !out.contains(text) else { throw fail(field, "\"\(text)\" is listed twice") }
            out.append(text)
        }
        return out
    }

    func optionalIDs(_ key: String) throws(EventError) -> [String]? {
        has(key) ? try ids(key) : nil
    }

    /// A calendar date written `YYYY-MM-DD`.
    func date(_ key: String) throws(EventError) -> CalendarDate {
        let value = try required(key, "a date as YYYY-MM-DD")
        guard let text = value.stringValue, let date = CalendarDate(iso: text) else {
            throw fail(key, "\(CanonicalJSON.string(value)) is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30")
        }
        return date
    }

    func optionalDate(_ key: String) throws(EventError) -> CalendarDate? {
        has(key) ? try date(key) : nil
    }

    /// An amount in fen: a JSON integer from `minimumFen` to `Limits.amountFenMax`.
    func amount(_ key: String, minimumFen: Int64 = 1) throws(EventError) -> Amount {
        let value = try required(key, "an amount in fen as an integer, e.g. 123450 for ¥1,234.50")
        guard let fen = value.integerValue else {
            if let text = value.stringValue {
                throw fail(key, "\"\(text)\" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50")
            }
            throw fail(key, "must be an integer amount in fen, found \(value.kindName)")
        }
        guard fen >= minimumFen, fen <= Limits.amountFenMax else {
            let yuan = (fen < 0 ? "-¥" : "¥") + DecimalText.text(units: abs(fen), scale: 2)
            let least = minimumFen == 0 ? "at least ¥0.00 (0 fen)" : "at least ¥0.01 (1 fen)"
            if fen == 0 { throw fail(key, "0 is not an amount: nothing is recorded for ¥0.00; give \(least)") }
            // Review 35c: a negative amount of a money event says where such money belongs.
            let moneyEvent = ["fund.income", "fund.spending", "fund.transfer"].contains(type) && fen != .min
            let advice = moneyEvent ? "; " + EventWords.negativeAdvice(type: type, write: "{\"\(key)\": \(-fen)}").en : ""
            if fen < 0 { throw fail(key, "\(fen) fen (\(yuan)) is negative; an amount is \(least)" + advice) }
            throw fail(key, "\(fen) fen (\(yuan)) is more than ¥10,000,000,000.00, the largest amount allowed")
        }
        return Amount(fen: fen)
    }

    func optionalAmount(_ key: String) throws(EventError) -> Amount? {
        has(key) ? try amount(key) : nil
    }

    /// An area in m²: a decimal string with at most two decimals, e.g. "35.50".
    func area(_ key: String, positive: Bool = false) throws(EventError) -> DecimalQuantity {
        let value = try required(key, "an area in m² as a decimal string, e.g. \"35.50\"")
        guard let text = value.stringValue else {
            throw fail(key, "must be a decimal string such as \"35.50\" (not \(value.kindName)); areas are never JSON numbers")
        }
        guard let area = DecimalQuantity(text: text, scale: 2) else {
            if let limit = DecimalQuantity.tooLargeLimit(text) {
                throw fail(key, "\"\(text)\" m² is larger than \(limit) m², the largest area a record may hold; check the number (an area is in m², e.g. \"35.50\")")
            }
            throw fail(key, "\"\(text)\" is not an area; write m² with at most two decimals, e.g. \"35.50\"")
        }
        if positive, area.units == 0 { throw fail(key, "must be greater than 0") }
        return area
    }

    /// A whole count (owners, rows): a JSON integer ≥ `minimum`.
    func count(_ key: String, minimum: Int64 = 0) throws(EventError) -> Int64 {
        let value = try required(key, "a whole number")
        guard let number = value.integerValue else { throw fail(key, "must be a whole number, found \(value.kindName)") }
        guard number >= minimum else { throw fail(key, "\(number) is too small; it must be at least \(minimum)") }
        return number
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(EventError) -> E where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        let value = try required(key, "one of \(allowed)")
        guard let text = value.stringValue, let choice = E(rawValue: text) else {
            throw fail(key, "\(CanonicalJSON.string(value)) is not allowed; use one of \(allowed)")
        }
        return choice
    }

    /// A nested object, read with its own reader.
    func object(_ key: String) throws(EventError) -> ReferenceReader {
        let value = try required(key, "an object")
        guard let members = value.objectValue else { throw fail(key, "must be an object, found \(value.kindName)") }
        return ReferenceReader(type: type, path: "\(path).\(key)", members: members)
    }

    func optionalObject(_ key: String) throws(EventError) -> ReferenceReader? {
        has(key) ? try object(key) : nil
    }

    /// An object whose members are all strings, e.g. extra register columns.
    func stringMap(_ key: String) throws(EventError) -> [String: String] {
        let reader = try object(key)
        var out: [String: String] = [:]
        for name in CanonicalJSON.sortedKeys(reader.members) {
            guard !name.isEmpty else { throw reader.fail(name, "an attribute needs a name") }
            guard let text = reader.members[name]?.stringValue else {
                throw reader.fail(name, "must be a string, found \(reader.members[name]!.kindName)")
            }
            out[name] = text
        }
        return out
    }

    func bool(_ key: String) throws(EventError) -> Bool {
        let value = try required(key, "true or false")
        guard let flag = value.boolValue else { throw fail(key, "must be true or false, found \(value.kindName)") }
        return flag
    }
}

// The rectification loop's schema as main read it field by field (commit 48ad0c0), for the same oracle.

extension ReferenceSchema {
    static func checkRectification(_ type: EventType, occurredOn: CalendarDate, _ r: ReferenceReader) throws(EventError) -> DomainEvent {
        switch type {
        case .rectificationIssued:
            try r.onlyAllowed(["list_id", "community_id", "as_of", "at_seq", "report_sha256", "report_format", "report_lang",
                               "prepared_on", "items"])
            let asOf = try r.date("as_of")
            guard asOf <= occurredOn else {
                throw r.fail("as_of", "\(asOf) is after the date of issue \(occurredOn); a list is issued after its check date")
            }
            let digest = try r.string("report_sha256")
            guard RectificationFields.isSHA256(digest) else {
                throw r.fail("report_sha256", "\"\(digest)\" is not a SHA-256 digest; write 64 lower-case hex digits (sha256sum FILE)")
            }
            let format = try r.string("report_format")
            guard RectificationFields.reportFormats.contains(format) else {
                throw r.fail("report_format", "\"\(format)\" is not a format; use one of \(RectificationFields.reportFormats.joined(separator: ", "))")
            }
            let language = try r.string("report_lang")
            guard RectificationFields.reportLanguages.contains(language) else {
                throw r.fail("report_lang", "\"\(language)\" is not a language; use zh or en")
            }
            let value = try r.required("items", "a non-empty array of {key, responsible, deadline}")
            guard let list = value.arrayValue else { throw r.fail("items", "must be an array, found \(value.kindName)") }
            guard !list.isEmpty else { throw r.fail("items", "must name at least one finding") }
            var items: [IssuedItem] = []
            for (index, element) in list.enumerated() {
                guard let members = element.objectValue else {
                    throw r.fail("items[\(index)]", "must be an object {key, responsible, deadline}, found \(element.kindName)")
                }
                let item = ReferenceReader(type: r.type, path: "\(r.path).items[\(index)]", members: members)
                try item.onlyAllowed(["key", "responsible", "deadline"])
                let key = try item.findingKey("key")
                guard !items.contains(where: { $0.key == key }) else { throw item.fail("key", "\"\(key)\" is issued twice in this list") }
                let deadline = try item.date("deadline")
                guard deadline >= occurredOn else {
                    throw item.fail("deadline", "\(deadline) is before the date of issue \(occurredOn)")
                }
                items.append(IssuedItem(key: key, responsible: try item.person("responsible"), deadline: deadline))
            }
            return .rectificationIssued(RectificationIssued(
                listID: try r.id("list_id"), communityID: try r.id("community_id"), asOf: asOf,
                atSeq: try r.count("at_seq", minimum: 1), reportSHA256: digest, reportFormat: format, reportLanguage: language,
                preparedOn: try r.date("prepared_on"), items: items))

        case .rectificationReported:
            try r.onlyAllowed(["list_id", "keys", "reported_by", "measures", "evidence"])
            let value = try r.required("evidence", "a non-empty array of {kind, ref, sha256?}")
            guard let list = value.arrayValue else { throw r.fail("evidence", "must be an array, found \(value.kindName)") }
            guard !list.isEmpty else { throw r.fail("evidence", "must name at least one piece of evidence (voucher, photo, contract, decision, document)") }
            var evidence: [RectificationEvidence] = []
            for (index, element) in list.enumerated() {
                guard let members = element.objectValue else {
                    throw r.fail("evidence[\(index)]", "must be an object {kind, ref, sha256?}, found \(element.kindName)")
                }
                let e = ReferenceReader(type: r.type, path: "\(r.path).evidence[\(index)]", members: members)
                try e.onlyAllowed(["kind", "ref", "sha256"])
                let kind = try e.choice("kind", RectificationEvidence.Kind.self)
                let ref = try e.string("ref")
                let digest = try e.optionalString("sha256")
                if RectificationEvidence.needsDigest(kind) {
                    guard let digest else { throw e.fail("sha256", "missing; a \(kind.rawValue) is bound by the SHA-256 of its file (sha256sum FILE)") }
                    guard RectificationFields.isSHA256(digest) else {
                        throw e.fail("sha256", "\"\(digest)\" is not a SHA-256 digest; write 64 lower-case hex digits")
                    }
                } else if digest != nil {
                    throw e.fail("sha256", "is only for a photo or document; a \(kind.rawValue) is named by its ref")
                }
                evidence.append(RectificationEvidence(kind: kind, ref: ref, sha256: digest))
            }
            return .rectificationReported(RectificationReported(
                listID: try r.id("list_id"), keys: try r.findingKeys("keys"), reportedBy: try r.person("reported_by"),
                measures: try r.string("measures"), evidence: evidence))

        case .rectificationVerified:
            try r.onlyAllowed(["list_id", "keys", "result", "reason", "verified_by"])
            let result = try r.choice("result", RectificationVerified.Result.self)
            let reason = try r.optionalString("reason")
            if result == .rejected && reason == nil { throw r.fail("reason", "missing; say why the re-check did not accept the measures") }
            return .rectificationVerified(RectificationVerified(
                listID: try r.id("list_id"), keys: try r.findingKeys("keys"), result: result, reason: reason,
                verifiedBy: try r.person("verified_by")))

        case .rectificationExtended:
            try r.onlyAllowed(["list_id", "keys", "deadline", "reason"])
            let deadline = try r.date("deadline")
            guard deadline >= occurredOn else { throw r.fail("deadline", "\(deadline) is before the date of the extension \(occurredOn)") }
            return .rectificationExtended(RectificationExtended(
                listID: try r.id("list_id"), keys: try r.findingKeys("keys"), deadline: deadline, reason: try r.string("reason")))

        default:
            preconditionFailure("checkRectification reads only the loop's types")
        }
    }
}

extension ReferenceReader {
    /// A finding key as a rectification list prints it.
    func findingKey(_ key: String) throws(EventError) -> String {
        let value = try required(key, "a finding key as the list prints it, e.g. OCC-01/A-1/O-1/2025-03-10")
        guard let text = value.stringValue else { throw fail(key, "must be a string, found \(value.kindName)") }
        if let problem = RectificationFields.keyProblem(text) { throw fail(key, problem) }
        return text
    }

    /// A non-empty array of distinct finding keys.
    func findingKeys(_ key: String) throws(EventError) -> [String] {
        let value = try required(key, "a non-empty array of finding keys")
        guard let items = value.arrayValue else { throw fail(key, "must be an array of finding keys, found \(value.kindName)") }
        guard !items.isEmpty else { throw fail(key, "must name at least one finding") }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            let field = "\(key)[\(index)]"
            guard let text = item.stringValue else { throw fail(field, "must be a string, found \(item.kindName)") }
            if let problem = RectificationFields.keyProblem(text) { throw fail(field, problem) }
            guard !out.contains(text) else { throw fail(field, "\"\(text)\" is listed twice") }
            out.append(text)
        }
        return out
    }
}
