import LedgerPlatform

/// The ids a "leaf" payload names, read from its canonical bytes without making a `String`, a `DomainEvent` or a
/// JSON value: what the rebuild of `index/` (ledger-spec.md 15.6) folds into the checks' registers and the scopes
/// for the most common records of a city (money movements, balance statements, inspections).
///
/// One schema: the members are located by the type's own `PayloadObject<Key>` (its `Key`, the same member table,
/// the same refusal of unknown members) and each field is checked by the fast branch of the same field form
/// `PayloadSchemas.swift` uses (`id`, `string`, `person`, `amount`, `choice`). `read` vouches for a payload only
/// when every field takes that fast branch — plain ASCII ids without escapes, strings without escapes whose first
/// byte is visible — so that what it accepts is a subset of what `PayloadCodec.decode` accepts, with the same ids;
/// anything else (a payload that does not fit, or fits in a rarer form) answers false and the caller decodes in
/// full, exactly as before. `PayloadRefsTests` holds it to that over seeded random payloads of every type and
/// their mutations: whenever `read` answers true, `decode` succeeds and names the same ids in the same order.
public enum PayloadRefs {
    /// An id a payload names.
    public struct Ref: Sendable, Equatable {
        public let kind: IdKind
        /// The id's UTF-8 in the payload's bytes (an id holds no escapes).
        public let range: Range<Int>
        /// Referenced as an asset that must not be retired on the fact's date.
        public let notRetired: Bool
    }

    /// Whether `read` may vouch for payloads of `type`: types whose facts only reference (never register, end,
    /// issue or step: `ReferenceChecker.registeringTypes`), and are not corrections.
    @inlinable public static func reads(_ type: EventType) -> Bool {
        switch type {
        case .fundIncome, .fundSpending, .fundTransfer, .fundBalanceAsserted, .inspectionRecorded: return true
        default: return false
        }
    }

    /// Reads `data` (a record's canonical `data` object) as a payload of `type` and appends the ids it names to
    /// `refs`, in the order the checks' fold references them (`Registers.checkReferences`), which is also the order
    /// the scopes link them. False (and `refs` as it was) when it cannot vouch that `PayloadCodec.decode` would give
    /// a payload naming exactly those ids: the caller then decodes in full.
    public static func read(_ type: EventType, data: ArraySlice<UInt8>, into refs: inout [Ref]) -> Bool {
        let count = refs.count
        guard data.first == UInt8(ascii: "{") else { return false }
        let vouched: Bool
        do throws(EventError) {
            switch type {
            case .fundIncome: vouched = try fundIncome(data, &refs) != nil
            case .fundSpending: vouched = try fundSpending(data, &refs) != nil
            case .fundTransfer: vouched = try fundTransfer(data, &refs) != nil
            case .fundBalanceAsserted: vouched = try fundBalanceAsserted(data, &refs)
            case .inspectionRecorded: vouched = try inspectionRecorded(data, &refs)
            default: vouched = false
            }
        } catch {
            vouched = false
        }
        if !vouched { refs.removeSubrange(count...) }
        return vouched
    }

    /// What the funds' fold takes of a money movement (its row, `FundFold`), read from the payload's bytes: the
    /// fund (`fund_id`, a transfer's `from_fund_id`), a transfer's receiving fund, the amount in fen and the
    /// category (an income's `category`, a spending's `purpose_category`). Ranges are indexes of the bytes read.
    public struct Movement: Sendable, Equatable {
        public let fund: Range<Int>
        /// A transfer's `to_fund_id`; nil for income and spending.
        public let other: Range<Int>?
        public let amountFen: Int64
        /// The category's UTF-8 (no escapes, no quotes); nil for a transfer, and for a spending without
        /// `purpose_category` (absent or null: the fold's category is then "other").
        public let category: Range<Int>?
    }

    /// Whether `movement` may vouch for payloads of `type`: income, spending and transfers.
    @inlinable public static func readsMovement(_ type: EventType) -> Bool {
        switch type {
        case .fundIncome, .fundSpending, .fundTransfer: return true
        default: return false
        }
    }

    /// Reads `data` (a record's canonical `data` object) as a money movement of `type`, as `read` does (the same
    /// checks, each field on its fast branch), and gives what the funds' fold takes of it. Nil when it cannot vouch
    /// that `PayloadCodec.decode` would give a payload with exactly those ids, amount and category (`String(decoding:)`
    /// of the ranges): the caller then decodes in full. `scratch` holds the ids read (its contents are replaced:
    /// one array reused by the caller, so that no array is made per record).
    public static func movement(_ type: EventType, data: ArraySlice<UInt8>, scratch: inout [Ref]) -> Movement? {
        scratch.removeAll(keepingCapacity: true)
        guard data.first == UInt8(ascii: "{") else { return nil }
        do throws(EventError) {
            switch type {
            case .fundIncome: return try fundIncome(data, &scratch)
            case .fundSpending: return try fundSpending(data, &scratch)
            case .fundTransfer: return try fundTransfer(data, &scratch)
            default: return nil
            }
        } catch {
            return nil
        }
    }

    // MARK: - Per type: the fields its schema's `read` checks (PayloadSchemas.swift), each in its fast form

    private static func object<K: PayloadKey>(_ data: ArraySlice<UInt8>, _ type: EventType, _: K.Type) throws(EventError) -> PayloadObject<K>? {
        let o = try PayloadObject<K>(data, at: data.startIndex, type: type.rawValue, path: "data")
        guard o.end == data.endIndex else { return nil }
        try o.onlyAllowed()
        return o
    }

    // The money movements' readers give the movement they vouch for (nil: they cannot), with its ids in `refs`.

    private static func fundIncome(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Movement? {
        guard let o = try object(data, .fundIncome, FundIncome.Key.self) else { return nil }
        var contract: Range<Int>? = nil
        if o.has(.source) {
            guard let s = try o.fastObject(.source, FundIncome.SourceKey.self) else { return nil }
            try s.onlyAllowed()
            if s.has(.contract_id) {
                guard let id = s.fastID(.contract_id) else { return nil }
                contract = id
            }
        }
        guard let fund = o.fastID(.fund_id), let fen = o.fastAmountFen(.amount_fen, minimumFen: 1), o.fastPerson(.counterparty),
              o.fastString(.voucher), let category = o.fastStringBody(.category) else { return nil }
        refs.append(Ref(kind: .fund, range: fund, notRetired: false))
        if let contract { refs.append(Ref(kind: .contract, range: contract, notRetired: false)) }
        return Movement(fund: fund, other: nil, amountFen: fen, category: category)
    }

    private static func fundSpending(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Movement? {
        guard let o = try object(data, .fundSpending, FundSpending.Key.self) else { return nil }
        if o.has(.emergency) {
            guard let e = try o.fastObject(.emergency, FundSpending.EmergencyKey.self) else { return nil }
            try e.onlyAllowed()
            guard e.fastString(.type), e.fastString(.evidence) else { return nil }
        }
        guard let fund = o.fastID(.fund_id), let fen = o.fastAmountFen(.amount_fen, minimumFen: 1), o.fastPerson(.counterparty),
              o.fastString(.voucher), o.fastString(.purpose) else { return nil }
        // `optionalString`: absent or null (no category: "other" in the fold), else a string on its fast branch.
        var category: Range<Int>? = nil
        if o.has(.purpose_category) {
            guard let body = o.fastStringBody(.purpose_category) else { return nil }
            category = body
        }
        var decision: Range<Int>? = nil
        if o.has(.decision_id) {
            guard let id = o.fastID(.decision_id) else { return nil }
            decision = id
        }
        refs.append(Ref(kind: .fund, range: fund, notRetired: false))
        if let decision { refs.append(Ref(kind: .decision, range: decision, notRetired: false)) }
        if o.has(.asset_ids) {
            guard o.fastIDs(.asset_ids, kind: .asset, notRetired: true, into: &refs) else { return nil }
        }
        return Movement(fund: fund, other: nil, amountFen: fen, category: category)
    }

    private static func fundTransfer(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Movement? {
        guard let o = try object(data, .fundTransfer, FundTransfer.Key.self) else { return nil }
        guard let from = o.fastID(.from_fund_id), let to = o.fastID(.to_fund_id),
              let fen = o.fastAmountFen(.amount_fen, minimumFen: 1), o.fastString(.voucher) else { return nil }
        var decision: Range<Int>? = nil
        if o.has(.decision_id) {
            guard let id = o.fastID(.decision_id) else { return nil }
            decision = id
        }
        // The schema's rule: the two funds differ.
        guard !data[from].elementsEqual(data[to]) else { return nil }
        refs.append(Ref(kind: .fund, range: from, notRetired: false))
        refs.append(Ref(kind: .fund, range: to, notRetired: false))
        if let decision { refs.append(Ref(kind: .decision, range: decision, notRetired: false)) }
        return Movement(fund: from, other: to, amountFen: fen, category: nil)
    }

    private static func fundBalanceAsserted(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .fundBalanceAsserted, FundBalanceAsserted.Key.self) else { return false }
        guard let fund = o.fastID(.fund_id), o.fastAmount(.balance_fen, minimumFen: 0), o.fastString(.statement_ref) else { return false }
        refs.append(Ref(kind: .fund, range: fund, notRetired: false))
        return true
    }

    private static func inspectionRecorded(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .inspectionRecorded, InspectionRecorded.Key.self) else { return false }
        guard let asset = o.fastID(.asset_id), o.fastChoice(.observed, Observation.self), o.fastPerson(.inspector),
              o.fastOptionalString(.note) else { return false }
        refs.append(Ref(kind: .asset, range: asset, notRetired: true))
        return true
    }

    // MARK: - Every id a payload names, for the scopes (registering types included)

    /// Whether `links` may vouch for payloads of `type`: the leaf types (`reads`) and the registering types whose
    /// links are ids alone. Not a community's registration (the scopes keep its street as text), an erasure, a
    /// correction (its replacement is another payload) or a rectification step: those are decoded in full.
    @inlinable public static func readsLinks(_ type: EventType) -> Bool {
        switch type {
        case .fundIncome, .fundSpending, .fundTransfer, .fundBalanceAsserted, .inspectionRecorded,
             .assetRegistered, .assetUpdated, .assetRetired, .registerImported, .fundOpened, .decisionRecorded,
             .contractSigned, .contractTerminated, .useStarted, .useEnded, .occupationReported, .occupationCleared,
             .disclosurePublished:
            return true
        default: return false
        }
    }

    /// Reads `data` (a record's canonical `data` object, of an event dated `occurredOn`: some rules compare a payload
    /// date with it) as a payload of `type` and appends every id it names to `refs`, in the order `ScopeIndex.add`
    /// links the decoded payload's ids (for the leaf types, `read`'s order, which is that order). It checks every
    /// field and rule of the type's schema (PayloadSchemas.swift), each id and text on its fast branch as `read`
    /// does and the other forms (dates, areas, counts) with the decoder's own field readers, so that it vouches only
    /// for payloads `PayloadCodec.decode` accepts, naming exactly those ids. False (and `refs` as it was) otherwise:
    /// the caller then decodes in full (a payload the decoder refuses is a raw payload there, which links no id).
    /// `notRetired` is false in every ref but a leaf's (the scopes do not read it). `PayloadRefsTests` holds it to
    /// that over seeded random payloads of every type and their mutations.
    public static func links(_ type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>, into refs: inout [Ref]) -> Bool {
        var importID: Range<Int>? = nil
        return links(type, occurredOn: occurredOn, data: data, into: &refs, importID: &importID)
    }

    /// `links`, also giving an asset's registration's or update's `source.import_id` (which the scopes do not link,
    /// and the checks' fold references): nil for a manual source and for the other types.
    static func links(_ type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>, into refs: inout [Ref],
                      importID: inout Range<Int>?) -> Bool {
        importID = nil
        if reads(type) { return read(type, data: data, into: &refs) }
        let count = refs.count
        guard data.first == UInt8(ascii: "{") else { return false }
        let vouched: Bool
        do throws(EventError) {
            switch type {
            case .assetRegistered: vouched = try assetRegistered(data, &refs, &importID)
            case .assetUpdated: vouched = try assetUpdated(data, &refs, &importID)
            case .assetRetired: vouched = try single(data, .assetRetired, AssetRetired.Key.self, .asset_id, .asset, text: .reason, &refs)
            case .registerImported: vouched = try registerImported(data, &refs)
            case .fundOpened: vouched = try fundOpened(data, &refs)
            case .decisionRecorded: vouched = try decisionRecorded(data, occurredOn: occurredOn, &refs)
            case .contractSigned: vouched = try contractSigned(data, &refs)
            case .contractTerminated:
                vouched = try single(data, .contractTerminated, ContractTerminated.Key.self, .contract_id, .contract, text: .reason, &refs)
            case .useStarted: vouched = try useStarted(data, &refs)
            case .useEnded: vouched = try single(data, .useEnded, UseEnded.Key.self, .use_id, .use, text: nil, &refs)
            case .occupationReported: vouched = try occupationReported(data, &refs)
            case .occupationCleared: vouched = try occupationCleared(data, &refs)
            case .disclosurePublished: vouched = try disclosurePublished(data, occurredOn: occurredOn, &refs)
            default: vouched = false
            }
        } catch {
            vouched = false
        }
        if !vouched {
            refs.removeSubrange(count...)
            importID = nil
        }
        return vouched
    }

    private static func ref(_ kind: IdKind, _ range: Range<Int>) -> Ref { Ref(kind: kind, range: range, notRetired: false) }

    /// A type of one id and at most one required text (`asset.retired`, `contract.terminated`, `use.ended`).
    private static func single<K: PayloadKey>(_ data: ArraySlice<UInt8>, _ type: EventType, _: K.Type, _ idKey: K, _ kind: IdKind,
                                              text: K?, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, type, K.self), let id = o.fastID(idKey) else { return false }
        if let text { guard o.fastString(text) else { return false } }
        refs.append(ref(kind, id))
        return true
    }

    /// `AssetSource.read`: `kind` "import" (with `import_id` and a `row` from 1, the id's bytes in `importID`) or
    /// "manual" (nothing else).
    private static func assetSource<K: PayloadKey>(_ o: PayloadObject<K>, _ key: K, _ importID: inout Range<Int>?) throws(EventError) -> Bool {
        guard let s = try o.fastObject(key, AssetSource.Key.self), let kind = s.value(.kind),
              s.bytes[kind.lowerBound] == UInt8(ascii: "\"") else { return false }
        let body = s.bytes[(kind.lowerBound + 1)..<(kind.upperBound - 1)]
        if body.elementsEqual("import".utf8) {
            try s.onlyAllowed([.kind, .import_id, .row])
            guard let id = s.fastID(.import_id) else { return false }
            _ = try s.count(.row, minimum: 1)
            importID = id
            return true
        }
        if body.elementsEqual("manual".utf8) {
            try s.onlyAllowed([.kind])
            return true
        }
        return false
    }

    private static func assetRegistered(_ data: ArraySlice<UInt8>, _ refs: inout [Ref], _ importID: inout Range<Int>?) throws(EventError) -> Bool {
        guard let o = try object(data, .assetRegistered, AssetRegistered.Key.self),
              let asset = o.fastID(.asset_id), let community = o.fastID(.community_id), o.fastChoice(.kind, AssetKind.self),
              o.fastString(.name), o.fastString(.location) else { return false }
        _ = try o.area(.area_m2)
        _ = try o.date(.registered_on)
        guard try assetSource(o, .source, &importID) else { return false }
        if o.has(.attributes) { guard o.fastStringMap(.attributes) else { return false } }
        refs.append(ref(.asset, asset))
        refs.append(ref(.community, community))
        return true
    }

    private static func assetUpdated(_ data: ArraySlice<UInt8>, _ refs: inout [Ref], _ importID: inout Range<Int>?) throws(EventError) -> Bool {
        guard let o = try object(data, .assetUpdated, AssetUpdated.Key.self),
              let c = try o.fastObject(.changes, AssetUpdated.ChangesKey.self) else { return false }
        try c.onlyAllowed()
        // The schema's rules: a member at least, and one that is not null.
        guard c.memberCount > 0, c.has(.kind) || c.has(.name) || c.has(.location) || c.has(.area_m2) || c.has(.attributes) else { return false }
        if c.has(.kind) { guard c.fastChoice(.kind, AssetKind.self) else { return false } }
        guard c.fastOptionalString(.name), c.fastOptionalString(.location) else { return false }
        if c.has(.area_m2) { _ = try c.area(.area_m2) }
        if c.has(.attributes) { guard c.fastStringMap(.attributes) else { return false } }
        guard let asset = o.fastID(.asset_id), try assetSource(o, .source, &importID) else { return false }
        refs.append(ref(.asset, asset))
        return true
    }

    private static func registerImported(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .registerImported, RegisterImported.Key.self), o.fastString(.file_sha256),
              let digest = o.value(.file_sha256) else { return false }
        // The schema's rule: 64 lower-case hex digits.
        let hex = o.bytes[(digest.lowerBound + 1)..<(digest.upperBound - 1)]
        guard hex.count == 64, hex.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return false }
        guard o.fastID(.import_id) != nil, o.fastString(.file_name) else { return false }
        for key in [RegisterImported.Key.rows_read, .rows_new, .rows_updated, .rows_unchanged] { _ = try o.count(key) }
        var community: Range<Int>? = nil
        if o.has(.community_id) {
            guard let id = o.fastID(.community_id) else { return false }
            community = id
        }
        if let community { refs.append(ref(.community, community)) }
        return true
    }

    private static func fundOpened(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .fundOpened, FundOpened.Key.self), let fund = o.fastID(.fund_id),
              let community = o.fastID(.community_id), o.fastChoice(.kind, FundKind.self), o.fastString(.account) else { return false }
        refs.append(ref(.fund, fund))
        refs.append(ref(.community, community))
        return true
    }

    private static func decisionRecorded(_ data: ArraySlice<UInt8>, occurredOn: CalendarDate, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .decisionRecorded, DecisionRecorded.Key.self),
              let a = try o.fastObject(.authorises, DecisionRecorded.AuthorisesKey.self) else { return false }
        try a.onlyAllowed()
        guard let decision = o.fastID(.decision_id), let community = o.fastID(.community_id),
              o.fastChoice(.matter, DecisionMatter.self) else { return false }
        let participatingArea = try o.area(.participating_area_m2), participatingOwners = try o.count(.participating_owners)
        let approvingArea = try o.area(.approving_area_m2), approvingOwners = try o.count(.approving_owners)
        var contract: Range<Int>? = nil
        if a.has(.contract_id) {
            guard let id = a.fastID(.contract_id) else { return false }
            contract = id
        }
        guard a.fastOptionalString(.purpose) else { return false }
        if a.has(.amount_cap_fen) { guard a.fastAmountFen(.amount_cap_fen, minimumFen: 1) != nil else { return false } }
        // The schema's rules: the approving part within the participating part, valid until no earlier than the vote.
        guard approvingArea <= participatingArea, approvingOwners <= participatingOwners else { return false }
        if o.has(.valid_until) { guard try o.date(.valid_until) >= occurredOn else { return false } }
        refs.append(ref(.decision, decision))
        refs.append(ref(.community, community))
        if let contract { refs.append(ref(.contract, contract)) }
        if a.has(.asset_ids) {
            guard a.fastIDs(.asset_ids, kind: .asset, notRetired: false, into: &refs) else { return false }
        }
        return true
    }

    private static func contractSigned(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .contractSigned, ContractSigned.Key.self), let contract = o.fastID(.contract_id),
              let community = o.fastID(.community_id), o.fastPerson(.counterparty), o.fastString(.purpose),
              o.fastAmountFen(.rent_fen, minimumFen: 0) != nil, o.fastChoice(.rent_period, RentPeriod.self) else { return false }
        // The schema's rule: the contract does not end before it starts.
        guard try o.date(.start_on) <= o.date(.end_on) else { return false }
        var decision: Range<Int>? = nil, payee: Range<Int>? = nil
        if o.has(.decision_id) {
            guard let id = o.fastID(.decision_id) else { return false }
            decision = id
        }
        if o.has(.payee_fund_id) {
            guard let id = o.fastID(.payee_fund_id) else { return false }
            payee = id
        }
        refs.append(ref(.contract, contract))
        refs.append(ref(.community, community))
        if let decision { refs.append(ref(.decision, decision)) }
        if let payee { refs.append(ref(.fund, payee)) }
        return o.fastIDs(.asset_ids, kind: .asset, notRetired: false, into: &refs)
    }

    private static func useStarted(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .useStarted, UseStarted.Key.self), let use = o.fastID(.use_id), let asset = o.fastID(.asset_id),
              o.fastPerson(.user), o.fastString(.purpose) else { return false }
        var authority: Ref? = nil
        if o.has(.authority) {
            guard let a = try o.fastObject(.authority, UseStarted.AuthorityKey.self) else { return false }
            try a.onlyAllowed()
            var contract: Range<Int>? = nil, decision: Range<Int>? = nil
            if a.has(.contract_id) {
                guard let id = a.fastID(.contract_id) else { return false }
                contract = id
            }
            if a.has(.decision_id) {
                guard let id = a.fastID(.decision_id) else { return false }
                decision = id
            }
            // The schema's rule: not both.
            switch (contract, decision) {
            case (let c?, nil): authority = ref(.contract, c)
            case (nil, let d?): authority = ref(.decision, d)
            case (nil, nil): break
            case (_?, _?): return false
            }
        }
        refs.append(ref(.use, use))
        refs.append(ref(.asset, asset))
        if let authority { refs.append(authority) }
        return true
    }

    private static func occupationReported(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .occupationReported, OccupationReported.Key.self), let occupation = o.fastID(.occupation_id),
              let asset = o.fastID(.asset_id), o.fastPerson(.occupant), o.fastString(.description) else { return false }
        refs.append(ref(.occupation, occupation))
        refs.append(ref(.asset, asset))
        return true
    }

    private static func occupationCleared(_ data: ArraySlice<UInt8>, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .occupationCleared, OccupationCleared.Key.self), let occupation = o.fastID(.occupation_id),
              o.fastOptionalString(.note) else { return false }
        refs.append(ref(.occupation, occupation))
        return true
    }

    private static func disclosurePublished(_ data: ArraySlice<UInt8>, occurredOn: CalendarDate, _ refs: inout [Ref]) throws(EventError) -> Bool {
        guard let o = try object(data, .disclosurePublished, DisclosurePublished.Key.self), let community = o.fastID(.community_id),
              o.fastString(.location) else { return false }
        let from = try o.date(.period_from), to = try o.date(.period_to)
        // The schema's rules: the period does not end before it starts, nor start after the publication.
        guard from <= to, from <= occurredOn else { return false }
        refs.append(ref(.community, community))
        return o.fastIDs(.fund_ids, kind: .fund, notRetired: false, into: &refs)
    }

    // MARK: - The typed payload's ids, for tests

    /// The ids a decoded payload of a type `read` handles names, in `read`'s order (nil for another type): what
    /// `read` must agree with.
    public static func ids(of payload: DomainEvent) -> [(kind: IdKind, id: String, notRetired: Bool)]? {
        var out: [(kind: IdKind, id: String, notRetired: Bool)] = []
        switch payload {
        case .fundIncome(let p):
            out.append((.fund, p.fundID, false))
            if let contract = p.sourceContractID { out.append((.contract, contract, false)) }
        case .fundSpending(let p):
            out.append((.fund, p.fundID, false))
            if let decision = p.decisionID { out.append((.decision, decision, false)) }
            for asset in p.assetIDs { out.append((.asset, asset, true)) }
        case .fundTransfer(let p):
            out.append((.fund, p.fromFundID, false))
            out.append((.fund, p.toFundID, false))
            if let decision = p.decisionID { out.append((.decision, decision, false)) }
        case .fundBalanceAsserted(let p): out.append((.fund, p.fundID, false))
        case .inspectionRecorded(let p): out.append((.asset, p.assetID, true))
        default: return nil
        }
        return out
    }
}

// MARK: - The fast branch of each field form

extension PayloadObject {
    /// Whether the string value at `range` holds an escape.
    private func hasEscape(_ range: Range<Int>) -> Bool {
        var p = range.lowerBound + 1
        while p < range.upperBound - 1 {
            if bytes[p] == UInt8(ascii: "\\") { return true }
            p += 1
        }
        return false
    }

    /// `id(key)` when it takes its fast branch (1…`Limits.idBytesMax` bytes of printable ASCII, no backslash):
    /// the id's bytes; nil otherwise (absent, null, not a string, or an id `id` must look at more closely).
    func fastID(_ key: K) -> Range<Int>? {
        guard let range = value(key), bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let body = (range.lowerBound + 1)..<(range.upperBound - 1)
        guard !body.isEmpty, body.count <= Limits.idBytesMax else { return nil }
        for p in body {
            let b = bytes[p]
            guard b > 0x20, b < 0x7F, b != UInt8(ascii: "\\") else { return nil }
        }
        return body
    }

    /// `string(key)` accepting it on its fast branch: a string without escapes whose first byte is visible.
    func fastString(_ key: K) -> Bool {
        guard let range = value(key), bytes[range.lowerBound] == UInt8(ascii: "\""), range.count > 2, !hasEscape(range) else { return false }
        let first = bytes[range.lowerBound + 1]
        let visibleASCII = first < 0x80 && first != 0x20 && !(first >= 0x09 && first <= 0x0D)
        let visibleOther = first >= 0x80 && first != 0xC2 && !(first >= 0xE1 && first <= 0xE3)
        return visibleASCII || visibleOther
    }

    /// `fastString(key)`'s body (the string's UTF-8, without its quotes) when it holds and is valid UTF-8:
    /// `string(key)` is then `String(decoding:)` of it, with the same bytes (invalid bytes would be replaced, and
    /// the string's bytes would differ from the record's).
    func fastStringBody(_ key: K) -> Range<Int>? {
        guard fastString(key), let range = value(key) else { return nil }
        let body = (range.lowerBound + 1)..<(range.upperBound - 1)
        guard Bytes.firstInvalidUTF8(bytes[body]) == nil else { return nil }
        return body
    }

    /// `optionalString(key)`: absent or null, or `fastString`.
    func fastOptionalString(_ key: K) -> Bool { has(key) ? fastString(key) : true }

    /// `person(key)`: a plain string on `string`'s fast branch, or a commitment object.
    func fastPerson(_ key: K) -> Bool {
        guard let range = value(key) else { return false }
        if bytes[range.lowerBound] == UInt8(ascii: "{") { return Self.commitment(bytes[range]) != nil }
        return fastString(key)
    }

    /// `amount(key, minimumFen:)`: a JSON integer from `minimumFen` to `Limits.amountFenMax`.
    func fastAmount(_ key: K, minimumFen: Int64) -> Bool { fastAmountFen(key, minimumFen: minimumFen) != nil }

    /// `fastAmount`'s amount in fen (nil when it does not hold).
    func fastAmountFen(_ key: K, minimumFen: Int64) -> Int64? {
        guard let range = value(key), let fen = integer(range), fen >= minimumFen, fen <= Limits.amountFenMax else { return nil }
        return fen
    }

    /// `choice(key, E.self)`: one of the raw values, compared as bytes.
    func fastChoice<E: RawRepresentable & CaseIterable>(_ key: K, _: E.Type) -> Bool where E.RawValue == String {
        guard let range = value(key), bytes[range.lowerBound] == UInt8(ascii: "\"") else { return false }
        let body = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        for value in E.allCases where value.rawValue.utf8.elementsEqual(body) { return true }
        return false
    }

    /// `object(key, Inner.self)` for a member known to be present and not null: nil when it is not an object.
    func fastObject<Inner: PayloadKey>(_ key: K, _: Inner.Type) throws(EventError) -> PayloadObject<Inner>? {
        guard let range = value(key), bytes[range.lowerBound] == UInt8(ascii: "{") else { return nil }
        return try PayloadObject<Inner>(bytes, at: range.lowerBound, type: type, path: path, member: K.names.text[key.rawValue])
    }

    /// `stringMap(key)` accepting it: an object whose every member has a non-empty name and a string value (the
    /// object was skipped whole when its parent was read, so its members are well formed).
    func fastStringMap(_ key: K) -> Bool {
        guard let range = value(key), bytes[range.lowerBound] == UInt8(ascii: "{") else { return false }
        var p = range.lowerBound + 1
        guard bytes[p] != UInt8(ascii: "}") else { return true }
        while true {
            // A name written `""` is empty (an escape always gives a character).
            guard let keyEnd = JSONBytes.endOfString(bytes, at: p), keyEnd - p > 2, keyEnd + 1 < range.upperBound,
                  bytes[keyEnd] == UInt8(ascii: ":"), bytes[keyEnd + 1] == UInt8(ascii: "\""),
                  let valueEnd = JSONBytes.endOfString(bytes, at: keyEnd + 1), valueEnd < range.upperBound else { return false }
            if bytes[valueEnd] == UInt8(ascii: "}") { return valueEnd + 1 == range.upperBound }
            guard bytes[valueEnd] == UInt8(ascii: ",") else { return false }
            p = valueEnd + 1
        }
    }

    /// `ids(key)` (a non-empty array of distinct ids), each on `id`'s fast branch, appended to `refs` as `kind`.
    func fastIDs(_ key: K, kind: IdKind, notRetired: Bool, into refs: inout [PayloadRefs.Ref]) -> Bool {
        guard let range = value(key), bytes[range.lowerBound] == UInt8(ascii: "[") else { return false }
        let first = refs.count
        var p = range.lowerBound + 1
        guard bytes[p] != UInt8(ascii: "]") else { return false }
        while true {
            guard bytes[p] == UInt8(ascii: "\""), let (end, escaped) = JSONBytes.scanString(bytes, at: p), !escaped else { return false }
            let body = (p + 1)..<(end - 1)
            guard !body.isEmpty, body.count <= Limits.idBytesMax else { return false }
            for q in body {
                let b = bytes[q]
                guard b > 0x20, b < 0x7F else { return false }
            }
            for earlier in refs[first...] where bytes[earlier.range].elementsEqual(bytes[body]) { return false }
            refs.append(PayloadRefs.Ref(kind: kind, range: body, notRetired: notRetired))
            guard end < range.upperBound else { return false }
            if bytes[end] == UInt8(ascii: "]") { return end + 1 == range.upperBound }
            guard bytes[end] == UInt8(ascii: ",") else { return false }
            p = end + 1
        }
    }
}
