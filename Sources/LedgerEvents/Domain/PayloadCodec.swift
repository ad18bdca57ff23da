/// The byte form of every domain payload: `encode` writes the canonical JSON of `data`, `decode` reads it back
/// without JSON values. `decode(encode(x)) == x`, and for every payload a record may hold (ledger-spec.md,
/// "Domain events") `encode(decode(bytes)) == bytes`: optional members written as `null`, empty optional objects
/// and the written text of areas are kept (`WrittenForm`, `DecimalQuantity.writtenText`).
///
/// Members are written and read in canonical order (by the keys' UTF-8 bytes). To add an event type: its struct
/// in Payloads.swift, a case in `DomainEvent` and `EventType`, its reader in `DomainEvent.decode` (the messages)
/// and its `encode`/`decode` pair here.
public enum PayloadCodec {
    /// The canonical bytes of `payload` (the record's `data` object).
    public static func encode(_ payload: DomainEvent) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(192)
        encode(payload, to: &out)
        return out
    }

    /// Appends the canonical bytes of `payload` to `out`.
    public static func encode(_ payload: DomainEvent, to out: inout [UInt8]) {
        var w = PayloadWriter(into: out)
        out = []
        write(payload, &w)
        out = w.out
    }

    /// Decodes canonical `data` bytes of an event of `type`; nil when they do not fit the type's schema (then
    /// `DomainEvent.decode(type:occurredOn:data:)` says why). `occurredOn` is the event's date (some rules compare
    /// payload dates with it).
    public static func decode(type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>) -> DomainEvent? {
        var s = PayloadScanner(data)
        do {
            let payload = try read(type, occurredOn: occurredOn, &s, topLevel: true)
            guard s.atEnd else { return nil }
            return payload
        } catch {
            return nil
        }
    }

    // MARK: - Bits of `WrittenForm`, per type

    enum Bits {
        static let attributesNull: UInt32 = 1 << 0       // asset.registered: "attributes": null
        static let attributesEmpty: UInt32 = 1 << 1      // asset.registered: "attributes": {}
        static let kindNull: UInt32 = 1 << 0             // asset.updated changes.*: null
        static let nameNull: UInt32 = 1 << 1
        static let locationNull: UInt32 = 1 << 2
        static let areaNull: UInt32 = 1 << 3
        static let changedAttributesNull: UInt32 = 1 << 4
        static let communityNull: UInt32 = 1 << 0        // register.imported
        static let capNull: UInt32 = 1 << 0              // decision.recorded authorises.*, valid_until
        static let assetIDsNull: UInt32 = 1 << 1
        static let contractNull: UInt32 = 1 << 2
        static let purposeNull: UInt32 = 1 << 3
        static let validUntilNull: UInt32 = 1 << 4
        static let decisionNull: UInt32 = 1 << 0         // contract.signed, fund.transfer, fund.spending
        static let payeeNull: UInt32 = 1 << 1
        static let authorityNull: UInt32 = 1 << 0        // use.started
        static let authorityObject: UInt32 = 1 << 1      // an authority object without a value in it
        static let authorityContractNull: UInt32 = 1 << 2
        static let authorityDecisionNull: UInt32 = 1 << 3
        static let noteNull: UInt32 = 1 << 0             // inspection.recorded, occupation.cleared
        static let sourceNull: UInt32 = 1 << 0           // fund.income
        static let sourceObject: UInt32 = 1 << 1
        static let sourceContractNull: UInt32 = 1 << 2
        static let spendingAssetIDsNull: UInt32 = 1 << 1 // fund.spending (decision_id is bit 0)
        static let emergencyNull: UInt32 = 1 << 2
        static let purposeCategoryNull: UInt32 = 1 << 3
        static let replacementNull: UInt32 = 1 << 0      // correction
    }

    // MARK: - Writing

    static func write(_ payload: DomainEvent, _ w: inout PayloadWriter) {
        w.beginObject()
        switch payload {
        case .communityRegistered(let p): writeCommunityRegistered(p, &w)
        case .assetRegistered(let p): writeAssetRegistered(p, &w)
        case .assetUpdated(let p): writeAssetUpdated(p, &w)
        case .assetRetired(let p): writeAssetRetired(p, &w)
        case .registerImported(let p): writeRegisterImported(p, &w)
        case .fundOpened(let p): writeFundOpened(p, &w)
        case .decisionRecorded(let p): writeDecisionRecorded(p, &w)
        case .contractSigned(let p): writeContractSigned(p, &w)
        case .contractTerminated(let p): writeContractTerminated(p, &w)
        case .useStarted(let p): writeUseStarted(p, &w)
        case .useEnded(let p): writeUseEnded(p, &w)
        case .inspectionRecorded(let p): writeInspectionRecorded(p, &w)
        case .occupationReported(let p): writeOccupationReported(p, &w)
        case .occupationCleared(let p): writeOccupationCleared(p, &w)
        case .fundIncome(let p): writeFundIncome(p, &w)
        case .fundSpending(let p): writeFundSpending(p, &w)
        case .fundTransfer(let p): writeFundTransfer(p, &w)
        case .fundBalanceAsserted(let p): writeFundBalanceAsserted(p, &w)
        case .disclosurePublished(let p): writeDisclosurePublished(p, &w)
        case .rectificationIssued(let p): writeRectificationIssued(p, &w)
        case .rectificationReported(let p): writeRectificationReported(p, &w)
        case .rectificationVerified(let p): writeRectificationVerified(p, &w)
        case .rectificationExtended(let p): writeRectificationExtended(p, &w)
        case .correction(let p): writeCorrection(p, &w)
        }
        w.endObject()
    }

    private static func writeCommunityRegistered(_ p: CommunityRegistered, _ w: inout PayloadWriter) {
        w.key("community_id"); w.string(p.communityID)
        w.key("name"); w.string(p.name)
        w.key("residents_committee"); w.string(p.residentsCommittee)
        w.key("street"); w.string(p.street)
        w.key("total_area_m2"); w.string(p.totalArea.recordText)
        w.key("total_owners"); w.integer(p.totalOwners)
    }

    private static func writeAssetRegistered(_ p: AssetRegistered, _ w: inout PayloadWriter) {
        w.key("area_m2"); w.string(p.area.recordText)
        w.key("asset_id"); w.string(p.assetID)
        if !p.attributes.isEmpty || p.written.has(Bits.attributesEmpty) {
            w.key("attributes"); w.stringMap(p.attributes)
        } else if p.written.has(Bits.attributesNull) {
            w.key("attributes"); w.null()
        }
        w.key("community_id"); w.string(p.communityID)
        w.key("kind"); w.string(p.kind.rawValue)
        w.key("location"); w.string(p.location)
        w.key("name"); w.string(p.name)
        w.key("registered_on"); w.date(p.registeredOn)
        w.key("source"); writeSource(p.source, &w)
    }

    private static func writeAssetUpdated(_ p: AssetUpdated, _ w: inout PayloadWriter) {
        w.key("asset_id"); w.string(p.assetID)
        w.key("changes")
        w.beginObject()
        let c = p.changes
        if let area = c.area { w.key("area_m2"); w.string(area.recordText) } else if p.written.has(Bits.areaNull) { w.key("area_m2"); w.null() }
        if let attributes = c.attributes { w.key("attributes"); w.stringMap(attributes) }
        else if p.written.has(Bits.changedAttributesNull) { w.key("attributes"); w.null() }
        w.optional("kind", c.kind?.rawValue, p.written, Bits.kindNull)
        w.optional("location", c.location, p.written, Bits.locationNull)
        w.optional("name", c.name, p.written, Bits.nameNull)
        w.endObject()
        w.key("source"); writeSource(p.source, &w)
    }

    private static func writeAssetRetired(_ p: AssetRetired, _ w: inout PayloadWriter) {
        w.key("asset_id"); w.string(p.assetID)
        w.key("reason"); w.string(p.reason)
    }

    private static func writeRegisterImported(_ p: RegisterImported, _ w: inout PayloadWriter) {
        w.optional("community_id", p.communityID, p.written, Bits.communityNull)
        w.key("file_name"); w.string(p.fileName)
        w.key("file_sha256"); w.string(p.fileSHA256)
        w.key("import_id"); w.string(p.importID)
        w.key("rows_new"); w.integer(p.rowsNew)
        w.key("rows_read"); w.integer(p.rowsRead)
        w.key("rows_unchanged"); w.integer(p.rowsUnchanged)
        w.key("rows_updated"); w.integer(p.rowsUpdated)
    }

    private static func writeFundOpened(_ p: FundOpened, _ w: inout PayloadWriter) {
        w.key("account"); w.string(p.account)
        w.key("community_id"); w.string(p.communityID)
        w.key("fund_id"); w.string(p.fundID)
        w.key("kind"); w.string(p.kind.rawValue)
    }

    private static func writeDecisionRecorded(_ p: DecisionRecorded, _ w: inout PayloadWriter) {
        w.key("approving_area_m2"); w.string(p.approvingArea.recordText)
        w.key("approving_owners"); w.integer(p.approvingOwners)
        w.key("authorises")
        w.beginObject()
        w.optional("amount_cap_fen", p.authorises.amountCap, p.written, Bits.capNull)
        w.optional("asset_ids", ids: p.authorises.assetIDs, p.written, Bits.assetIDsNull)
        w.optional("contract_id", p.authorises.contractID, p.written, Bits.contractNull)
        w.optional("purpose", p.authorises.purpose, p.written, Bits.purposeNull)
        w.endObject()
        w.key("community_id"); w.string(p.communityID)
        w.key("decision_id"); w.string(p.decisionID)
        w.key("matter"); w.string(p.matter.rawValue)
        w.key("participating_area_m2"); w.string(p.participatingArea.recordText)
        w.key("participating_owners"); w.integer(p.participatingOwners)
        w.optional("valid_until", p.validUntil, p.written, Bits.validUntilNull)
    }

    private static func writeContractSigned(_ p: ContractSigned, _ w: inout PayloadWriter) {
        w.key("asset_ids"); w.strings(p.assetIDs)
        w.key("community_id"); w.string(p.communityID)
        w.key("contract_id"); w.string(p.contractID)
        w.key("counterparty"); w.string(p.counterparty)
        w.optional("decision_id", p.decisionID, p.written, Bits.decisionNull)
        w.key("end_on"); w.date(p.endOn)
        w.optional("payee_fund_id", p.payeeFundID, p.written, Bits.payeeNull)
        w.key("purpose"); w.string(p.purpose)
        w.key("rent_fen"); w.integer(p.rent.fen)
        w.key("rent_period"); w.string(p.rentPeriod.rawValue)
        w.key("start_on"); w.date(p.startOn)
    }

    private static func writeContractTerminated(_ p: ContractTerminated, _ w: inout PayloadWriter) {
        w.key("contract_id"); w.string(p.contractID)
        w.key("reason"); w.string(p.reason)
    }

    private static func writeUseStarted(_ p: UseStarted, _ w: inout PayloadWriter) {
        w.key("asset_id"); w.string(p.assetID)
        var contract: String? = nil, decision: String? = nil
        switch p.authority {
        case .contract(let id): contract = id
        case .decision(let id): decision = id
        case .none: break
        }
        if contract != nil || decision != nil || p.written.has(Bits.authorityObject) {
            w.key("authority")
            w.beginObject()
            w.optional("contract_id", contract, p.written, Bits.authorityContractNull)
            w.optional("decision_id", decision, p.written, Bits.authorityDecisionNull)
            w.endObject()
        } else if p.written.has(Bits.authorityNull) {
            w.key("authority"); w.null()
        }
        w.key("purpose"); w.string(p.purpose)
        w.key("use_id"); w.string(p.useID)
        w.key("user"); w.string(p.user)
    }

    private static func writeUseEnded(_ p: UseEnded, _ w: inout PayloadWriter) {
        w.key("use_id"); w.string(p.useID)
    }

    private static func writeInspectionRecorded(_ p: InspectionRecorded, _ w: inout PayloadWriter) {
        w.key("asset_id"); w.string(p.assetID)
        w.key("inspector"); w.string(p.inspector)
        w.optional("note", p.note, p.written, Bits.noteNull)
        w.key("observed"); w.string(p.observed.rawValue)
    }

    private static func writeOccupationReported(_ p: OccupationReported, _ w: inout PayloadWriter) {
        w.key("asset_id"); w.string(p.assetID)
        w.key("description"); w.string(p.description)
        w.key("occupant"); w.string(p.occupant)
        w.key("occupation_id"); w.string(p.occupationID)
    }

    private static func writeOccupationCleared(_ p: OccupationCleared, _ w: inout PayloadWriter) {
        w.optional("note", p.note, p.written, Bits.noteNull)
        w.key("occupation_id"); w.string(p.occupationID)
    }

    private static func writeFundIncome(_ p: FundIncome, _ w: inout PayloadWriter) {
        w.key("amount_fen"); w.integer(p.amount.fen)
        w.key("category"); w.string(p.category)
        w.key("counterparty"); w.string(p.counterparty)
        w.key("fund_id"); w.string(p.fundID)
        if p.sourceContractID != nil || p.written.has(Bits.sourceObject) {
            w.key("source")
            w.beginObject()
            w.optional("contract_id", p.sourceContractID, p.written, Bits.sourceContractNull)
            w.endObject()
        } else if p.written.has(Bits.sourceNull) {
            w.key("source"); w.null()
        }
        w.key("voucher"); w.string(p.voucher)
    }

    private static func writeFundSpending(_ p: FundSpending, _ w: inout PayloadWriter) {
        w.key("amount_fen"); w.integer(p.amount.fen)
        w.optional("asset_ids", ids: p.assetIDs, p.written, Bits.spendingAssetIDsNull)
        w.key("counterparty"); w.string(p.counterparty)
        w.optional("decision_id", p.decisionID, p.written, Bits.decisionNull)
        if let emergency = p.emergency {
            w.key("emergency")
            w.beginObject()
            w.key("evidence"); w.string(emergency.evidence)
            w.key("type"); w.string(emergency.type)
            w.endObject()
        } else if p.written.has(Bits.emergencyNull) {
            w.key("emergency"); w.null()
        }
        w.key("fund_id"); w.string(p.fundID)
        w.key("purpose"); w.string(p.purpose)
        w.optional("purpose_category", p.purposeCategory, p.written, Bits.purposeCategoryNull)
        w.key("voucher"); w.string(p.voucher)
    }

    private static func writeFundTransfer(_ p: FundTransfer, _ w: inout PayloadWriter) {
        w.key("amount_fen"); w.integer(p.amount.fen)
        w.optional("decision_id", p.decisionID, p.written, Bits.decisionNull)
        w.key("from_fund_id"); w.string(p.fromFundID)
        w.key("to_fund_id"); w.string(p.toFundID)
        w.key("voucher"); w.string(p.voucher)
    }

    private static func writeFundBalanceAsserted(_ p: FundBalanceAsserted, _ w: inout PayloadWriter) {
        w.key("balance_fen"); w.integer(p.balance.fen)
        w.key("fund_id"); w.string(p.fundID)
        w.key("statement_ref"); w.string(p.statementRef)
    }

    private static func writeDisclosurePublished(_ p: DisclosurePublished, _ w: inout PayloadWriter) {
        w.key("community_id"); w.string(p.communityID)
        w.key("fund_ids"); w.strings(p.fundIDs)
        w.key("location"); w.string(p.location)
        w.key("period_from"); w.date(p.periodFrom)
        w.key("period_to"); w.date(p.periodTo)
    }

    private static func writeCorrection(_ p: Correction, _ w: inout PayloadWriter) {
        w.key("corrects"); w.string(p.corrects)
        w.key("reason"); w.string(p.reason)
        if let replacement = p.replacement {
            w.key("replacement")
            w.beginObject()
            w.key("data"); write(replacement.payload, &w)
            w.key("occurred_on"); w.date(replacement.occurredOn)
            w.key("type"); w.string(replacement.type.rawValue)
            w.endObject()
        } else if p.written.has(Bits.replacementNull) {
            w.key("replacement"); w.null()
        }
    }

    private static func writeSource(_ source: AssetSource, _ w: inout PayloadWriter) {
        w.beginObject()
        switch source {
        case .importRow(let importID, let row):
            w.key("import_id"); w.string(importID)
            w.key("kind"); w.string("import")
            w.key("row"); w.integer(row)
        case .manual:
            w.key("kind"); w.string("manual")
        }
        w.endObject()
    }

    // MARK: - Reading

    static func read(_ type: EventType, occurredOn: CalendarDate, _ s: inout PayloadScanner,
                     topLevel: Bool) throws -> DomainEvent {
        try s.beginObject()
        let payload: DomainEvent
        // One function per type keeps each stack frame small (debug builds give every local its own slot).
        switch type {
        case .communityRegistered: payload = try readCommunityRegistered(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .assetRegistered: payload = try readAssetRegistered(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .assetUpdated: payload = try readAssetUpdated(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .assetRetired: payload = try readAssetRetired(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .registerImported: payload = try readRegisterImported(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .fundOpened: payload = try readFundOpened(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .decisionRecorded: payload = try readDecisionRecorded(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .contractSigned: payload = try readContractSigned(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .contractTerminated: payload = try readContractTerminated(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .useStarted: payload = try readUseStarted(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .useEnded: payload = try readUseEnded(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .inspectionRecorded: payload = try readInspectionRecorded(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .occupationReported: payload = try readOccupationReported(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .occupationCleared: payload = try readOccupationCleared(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .fundIncome: payload = try readFundIncome(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .fundSpending: payload = try readFundSpending(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .fundTransfer: payload = try readFundTransfer(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .fundBalanceAsserted: payload = try readFundBalanceAsserted(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .disclosurePublished: payload = try readDisclosurePublished(&s, occurredOn: occurredOn, topLevel: topLevel)
        case .rectificationIssued: payload = try readRectificationIssued(&s, occurredOn: occurredOn)
        case .rectificationReported: payload = try readRectificationReported(&s, occurredOn: occurredOn)
        case .rectificationVerified: payload = try readRectificationVerified(&s, occurredOn: occurredOn)
        case .rectificationExtended: payload = try readRectificationExtended(&s, occurredOn: occurredOn)
        case .correction: payload = try readCorrection(&s, occurredOn: occurredOn, topLevel: topLevel)
        }
        try s.endObject()
        return payload
    }

    private static func readCommunityRegistered(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("name") else { throw Mismatch() }
        let name = try s.text()
        guard s.member("residents_committee") else { throw Mismatch() }
        let committee = try s.text()
        guard s.member("street") else { throw Mismatch() }
        let street = try s.text()
        guard s.member("total_area_m2") else { throw Mismatch() }
        let area = try s.area(positive: true)
        guard s.member("total_owners") else { throw Mismatch() }
        let owners = try s.count(minimum: 1)
        return .communityRegistered(CommunityRegistered(communityID: communityID, name: name, street: street,
                                                           residentsCommittee: committee, totalArea: area, totalOwners: owners))
    }

    private static func readAssetRegistered(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("area_m2") else { throw Mismatch() }
        let area = try s.area()
        guard s.member("asset_id") else { throw Mismatch() }
        let assetID = try s.id()
        var attributes: [String: String] = [:]
        if s.member("attributes") {
            if s.null() {
                written.insert(Bits.attributesNull)
            } else {
                attributes = try s.stringMap()
                if attributes.isEmpty { written.insert(Bits.attributesEmpty) }
            }
        }
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("kind") else { throw Mismatch() }
        let kind = try s.choice(AssetKind.self)
        guard s.member("location") else { throw Mismatch() }
        let location = try s.text()
        guard s.member("name") else { throw Mismatch() }
        let name = try s.text()
        guard s.member("registered_on") else { throw Mismatch() }
        let registeredOn = try s.date()
        guard s.member("source") else { throw Mismatch() }
        let source = try readSource(&s)
        return .assetRegistered(AssetRegistered(assetID: assetID, communityID: communityID, kind: kind, name: name,
                                                   location: location, area: area, registeredOn: registeredOn,
                                                   source: source, attributes: attributes, written: written))
    }

    private static func readAssetUpdated(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("asset_id") else { throw Mismatch() }
        let assetID = try s.id()
        guard s.member("changes") else { throw Mismatch() }
        try s.beginObject()
        guard !s.atObjectEnd else { throw Mismatch() }
        let area = try s.optional("area_m2", &written, Bits.areaNull) { (s: inout PayloadScanner) throws in try s.area() }
        let attributes = try s.optional("attributes", &written, Bits.changedAttributesNull) { (s: inout PayloadScanner) throws in try s.stringMap() }
        let kind = try s.optional("kind", &written, Bits.kindNull) { (s: inout PayloadScanner) throws in try s.choice(AssetKind.self) }
        let location = try s.optional("location", &written, Bits.locationNull) { (s: inout PayloadScanner) throws in try s.text() }
        let name = try s.optional("name", &written, Bits.nameNull) { (s: inout PayloadScanner) throws in try s.text() }
        try s.endObject()
        let changes = AssetChanges(kind: kind, name: name, location: location, area: area, attributes: attributes)
        guard changes != AssetChanges() else { throw Mismatch() }
        guard s.member("source") else { throw Mismatch() }
        let source = try readSource(&s)
        return .assetUpdated(AssetUpdated(assetID: assetID, changes: changes, source: source, written: written))
    }

    private static func readAssetRetired(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("asset_id") else { throw Mismatch() }
        let assetID = try s.id()
        guard s.member("reason") else { throw Mismatch() }
        return .assetRetired(AssetRetired(assetID: assetID, reason: try s.text()))
    }

    private static func readRegisterImported(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        let communityID = try s.optional("community_id", &written, Bits.communityNull) { (s: inout PayloadScanner) throws in try s.id() }
        guard s.member("file_name") else { throw Mismatch() }
        let fileName = try s.text()
        guard s.member("file_sha256") else { throw Mismatch() }
        let digest = try s.text()
        guard digest.utf8.count == 64, digest.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw Mismatch()
        }
        guard s.member("import_id") else { throw Mismatch() }
        let importID = try s.id()
        guard s.member("rows_new") else { throw Mismatch() }
        let rowsNew = try s.count()
        guard s.member("rows_read") else { throw Mismatch() }
        let rowsRead = try s.count()
        guard s.member("rows_unchanged") else { throw Mismatch() }
        let rowsUnchanged = try s.count()
        guard s.member("rows_updated") else { throw Mismatch() }
        let rowsUpdated = try s.count()
        return .registerImported(RegisterImported(importID: importID, fileName: fileName, fileSHA256: digest,
                                                     rowsRead: rowsRead, rowsNew: rowsNew, rowsUpdated: rowsUpdated,
                                                     rowsUnchanged: rowsUnchanged, communityID: communityID, written: written))
    }

    private static func readFundOpened(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("account") else { throw Mismatch() }
        let account = try s.text()
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("fund_id") else { throw Mismatch() }
        let fundID = try s.id()
        guard s.member("kind") else { throw Mismatch() }
        let kind = try s.choice(FundKind.self)
        return .fundOpened(FundOpened(fundID: fundID, communityID: communityID, kind: kind, account: account))
    }

    private static func readDecisionRecorded(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("approving_area_m2") else { throw Mismatch() }
        let approvingArea = try s.area()
        guard s.member("approving_owners") else { throw Mismatch() }
        let approvingOwners = try s.count()
        guard s.member("authorises") else { throw Mismatch() }
        try s.beginObject()
        let cap = try s.optional("amount_cap_fen", &written, Bits.capNull) { (s: inout PayloadScanner) throws in try s.amount() }
        let assetIDs = try s.optional("asset_ids", &written, Bits.assetIDsNull) { (s: inout PayloadScanner) throws in try s.ids() }
        let contractID = try s.optional("contract_id", &written, Bits.contractNull) { (s: inout PayloadScanner) throws in try s.id() }
        let purpose = try s.optional("purpose", &written, Bits.purposeNull) { (s: inout PayloadScanner) throws in try s.text() }
        try s.endObject()
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("decision_id") else { throw Mismatch() }
        let decisionID = try s.id()
        guard s.member("matter") else { throw Mismatch() }
        let matter = try s.choice(DecisionMatter.self)
        guard s.member("participating_area_m2") else { throw Mismatch() }
        let participatingArea = try s.area()
        guard s.member("participating_owners") else { throw Mismatch() }
        let participatingOwners = try s.count()
        let validUntil = try s.optional("valid_until", &written, Bits.validUntilNull) { (s: inout PayloadScanner) throws in try s.date() }
        guard approvingArea <= participatingArea, approvingOwners <= participatingOwners,
              validUntil.map({ $0 >= occurredOn }) ?? true else { throw Mismatch() }
        return .decisionRecorded(DecisionRecorded(
            decisionID: decisionID, communityID: communityID, matter: matter, participatingArea: participatingArea,
            participatingOwners: participatingOwners, approvingArea: approvingArea, approvingOwners: approvingOwners,
            authorises: Authorisation(assetIDs: assetIDs ?? [], contractID: contractID, purpose: purpose, amountCap: cap),
            validUntil: validUntil, written: written))
    }

    private static func readContractSigned(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("asset_ids") else { throw Mismatch() }
        let assetIDs = try s.ids()
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("contract_id") else { throw Mismatch() }
        let contractID = try s.id()
        guard s.member("counterparty") else { throw Mismatch() }
        let counterparty = try s.text()
        let decisionID = try s.optional("decision_id", &written, Bits.decisionNull) { (s: inout PayloadScanner) throws in try s.id() }
        guard s.member("end_on") else { throw Mismatch() }
        let endOn = try s.date()
        let payee = try s.optional("payee_fund_id", &written, Bits.payeeNull) { (s: inout PayloadScanner) throws in try s.id() }
        guard s.member("purpose") else { throw Mismatch() }
        let purpose = try s.text()
        guard s.member("rent_fen") else { throw Mismatch() }
        let rent = try s.amount(minimumFen: 0)
        guard s.member("rent_period") else { throw Mismatch() }
        let period = try s.choice(RentPeriod.self)
        guard s.member("start_on") else { throw Mismatch() }
        let startOn = try s.date()
        guard startOn <= endOn else { throw Mismatch() }
        return .contractSigned(ContractSigned(contractID: contractID, communityID: communityID, assetIDs: assetIDs,
                                                 counterparty: counterparty, purpose: purpose, startOn: startOn,
                                                 endOn: endOn, rent: rent, rentPeriod: period, decisionID: decisionID,
                                                 payeeFundID: payee, written: written))
    }

    private static func readContractTerminated(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("contract_id") else { throw Mismatch() }
        let contractID = try s.id()
        guard s.member("reason") else { throw Mismatch() }
        return .contractTerminated(ContractTerminated(contractID: contractID, reason: try s.text()))
    }

    private static func readUseStarted(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("asset_id") else { throw Mismatch() }
        let assetID = try s.id()
        var authority = UseAuthority.none
        if s.member("authority") {
            if s.null() {
                written.insert(Bits.authorityNull)
            } else {
                try s.beginObject()
                let contract = try s.optional("contract_id", &written, Bits.authorityContractNull) { (s: inout PayloadScanner) throws in try s.id() }
                let decision = try s.optional("decision_id", &written, Bits.authorityDecisionNull) { (s: inout PayloadScanner) throws in try s.id() }
                try s.endObject()
                switch (contract, decision) {
                case (let id?, nil): authority = .contract(id)
                case (nil, let id?): authority = .decision(id)
                case (nil, nil): written.insert(Bits.authorityObject)
                case (_?, _?): throw Mismatch()
                }
            }
        }
        guard s.member("purpose") else { throw Mismatch() }
        let purpose = try s.text()
        guard s.member("use_id") else { throw Mismatch() }
        let useID = try s.id()
        guard s.member("user") else { throw Mismatch() }
        let user = try s.text()
        return .useStarted(UseStarted(useID: useID, assetID: assetID, user: user, purpose: purpose,
                                         authority: authority, written: written))
    }

    private static func readUseEnded(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("use_id") else { throw Mismatch() }
        return .useEnded(UseEnded(useID: try s.id()))
    }

    private static func readInspectionRecorded(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("asset_id") else { throw Mismatch() }
        let assetID = try s.id()
        guard s.member("inspector") else { throw Mismatch() }
        let inspector = try s.text()
        let note = try s.optional("note", &written, Bits.noteNull) { (s: inout PayloadScanner) throws in try s.text() }
        guard s.member("observed") else { throw Mismatch() }
        let observed = try s.choice(Observation.self)
        return .inspectionRecorded(InspectionRecorded(assetID: assetID, observed: observed, inspector: inspector,
                                                         note: note, written: written))
    }

    private static func readOccupationReported(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("asset_id") else { throw Mismatch() }
        let assetID = try s.id()
        guard s.member("description") else { throw Mismatch() }
        let description = try s.text()
        guard s.member("occupant") else { throw Mismatch() }
        let occupant = try s.text()
        guard s.member("occupation_id") else { throw Mismatch() }
        let occupationID = try s.id()
        return .occupationReported(OccupationReported(occupationID: occupationID, assetID: assetID,
                                                         occupant: occupant, description: description))
    }

    private static func readOccupationCleared(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        let note = try s.optional("note", &written, Bits.noteNull) { (s: inout PayloadScanner) throws in try s.text() }
        guard s.member("occupation_id") else { throw Mismatch() }
        return .occupationCleared(OccupationCleared(occupationID: try s.id(), note: note, written: written))
    }

    private static func readFundIncome(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("amount_fen") else { throw Mismatch() }
        let amount = try s.amount()
        guard s.member("category") else { throw Mismatch() }
        let category = try s.text()
        guard s.member("counterparty") else { throw Mismatch() }
        let counterparty = try s.text()
        guard s.member("fund_id") else { throw Mismatch() }
        let fundID = try s.id()
        var contract: String? = nil
        if s.member("source") {
            if s.null() {
                written.insert(Bits.sourceNull)
            } else {
                try s.beginObject()
                contract = try s.optional("contract_id", &written, Bits.sourceContractNull) { (s: inout PayloadScanner) throws in try s.id() }
                try s.endObject()
                if contract == nil { written.insert(Bits.sourceObject) }
            }
        }
        guard s.member("voucher") else { throw Mismatch() }
        let voucher = try s.text()
        return .fundIncome(FundIncome(fundID: fundID, amount: amount, counterparty: counterparty, voucher: voucher,
                                         sourceContractID: contract, category: category, written: written))
    }

    private static func readFundSpending(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("amount_fen") else { throw Mismatch() }
        let amount = try s.amount()
        let assetIDs = try s.optional("asset_ids", &written, Bits.spendingAssetIDsNull) { (s: inout PayloadScanner) throws in try s.ids() }
        guard s.member("counterparty") else { throw Mismatch() }
        let counterparty = try s.text()
        let decisionID = try s.optional("decision_id", &written, Bits.decisionNull) { (s: inout PayloadScanner) throws in try s.id() }
        let emergency = try s.optional("emergency", &written, Bits.emergencyNull) { (s: inout PayloadScanner) throws -> Emergency in
            try s.beginObject()
            guard s.member("evidence") else { throw Mismatch() }
            let evidence = try s.text()
            guard s.member("type") else { throw Mismatch() }
            let type = try s.text()
            try s.endObject()
            return Emergency(type: type, evidence: evidence)
        }
        guard s.member("fund_id") else { throw Mismatch() }
        let fundID = try s.id()
        guard s.member("purpose") else { throw Mismatch() }
        let purpose = try s.text()
        let category = try s.optional("purpose_category", &written, Bits.purposeCategoryNull) { (s: inout PayloadScanner) throws in try s.text() }
        guard s.member("voucher") else { throw Mismatch() }
        let voucher = try s.text()
        return .fundSpending(FundSpending(fundID: fundID, amount: amount, counterparty: counterparty, voucher: voucher,
                                             purpose: purpose, purposeCategory: category, decisionID: decisionID,
                                             emergency: emergency, assetIDs: assetIDs ?? [], written: written))
    }

    private static func readFundTransfer(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("amount_fen") else { throw Mismatch() }
        let amount = try s.amount()
        let decisionID = try s.optional("decision_id", &written, Bits.decisionNull) { (s: inout PayloadScanner) throws in try s.id() }
        guard s.member("from_fund_id") else { throw Mismatch() }
        let from = try s.id()
        guard s.member("to_fund_id") else { throw Mismatch() }
        let to = try s.id()
        guard s.member("voucher") else { throw Mismatch() }
        let voucher = try s.text()
        guard from != to else { throw Mismatch() }
        return .fundTransfer(FundTransfer(fromFundID: from, toFundID: to, amount: amount, voucher: voucher,
                                             decisionID: decisionID, written: written))
    }

    private static func readFundBalanceAsserted(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("balance_fen") else { throw Mismatch() }
        let balance = try s.amount(minimumFen: 0)
        guard s.member("fund_id") else { throw Mismatch() }
        let fundID = try s.id()
        guard s.member("statement_ref") else { throw Mismatch() }
        return .fundBalanceAsserted(FundBalanceAsserted(fundID: fundID, balance: balance, statementRef: try s.text()))
    }

    private static func readDisclosurePublished(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("fund_ids") else { throw Mismatch() }
        let fundIDs = try s.ids()
        guard s.member("location") else { throw Mismatch() }
        let location = try s.text()
        guard s.member("period_from") else { throw Mismatch() }
        let from = try s.date()
        guard s.member("period_to") else { throw Mismatch() }
        let to = try s.date()
        guard from <= to, from <= occurredOn else { throw Mismatch() }
        return .disclosurePublished(DisclosurePublished(communityID: communityID, fundIDs: fundIDs, periodFrom: from,
                                                           periodTo: to, location: location))
    }

    private static func readCorrection(_ s: inout PayloadScanner, occurredOn: CalendarDate, topLevel: Bool) throws -> DomainEvent {
        guard topLevel else { throw Mismatch() }
        var written = WrittenForm()
        guard s.member("corrects") else { throw Mismatch() }
        let corrects = try s.id()
        guard s.member("reason") else { throw Mismatch() }
        let reason = try s.text()
        let replacement = try s.optional("replacement", &written, Bits.replacementNull) { (s: inout PayloadScanner) throws -> Replacement in
            try s.beginObject()
            // `data` comes first in canonical order but is read with the replacement's type and date, which
            // follow: remember where it starts, skip it, and come back.
            guard s.member("data") else { throw Mismatch() }
            var dataScanner = s
            try s.skipValue()
            guard s.member("occurred_on") else { throw Mismatch() }
            let date = try s.date()
            guard s.member("type") else { throw Mismatch() }
            let typeText = try s.text()
            try s.endObject()
            guard let replacementType = EventType(rawValue: typeText), replacementType != .correction else { throw Mismatch() }
            let inner = try read(replacementType, occurredOn: date, &dataScanner, topLevel: false)
            return Replacement(type: replacementType, occurredOn: date, payload: inner)
        }
        return .correction(Correction(corrects: corrects, reason: reason, replacement: replacement, written: written))
    }

    private static func readSource(_ s: inout PayloadScanner) throws -> AssetSource {
        try s.beginObject()
        if s.member("import_id") {
            let importID = try s.id()
            guard s.member("kind"), try s.plainString() == Array("import".utf8)[...] else { throw Mismatch() }
            guard s.member("row") else { throw Mismatch() }
            let row = try s.count(minimum: 1)
            try s.endObject()
            return .importRow(importID: importID, row: row)
        }
        guard s.member("kind") else { throw Mismatch() }
        let kind = try s.plainString()
        guard kind.elementsEqual("manual".utf8) else { throw Mismatch() }
        try s.endObject()
        return .manual
    }
}
