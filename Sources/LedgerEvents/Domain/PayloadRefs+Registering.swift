import LedgerPlatform

/// The registering records the first `ledger append` after `rm -rf index/` reads most (`use.started`,
/// `asset.registered`, `use.ended`, `contract.signed`, `decision.recorded`), read in the canonical member order as
/// `fixedRead` reads the leaves: one walk over the expected members (`FixedMembers`), each field checked by the fast
/// branch `links` uses for it (ids and texts), dates, areas and counts by the decoder's own parsers
/// (`CalendarDate(isoBytes:)`, `DecimalQuantity`), and the schema's rules between fields, without locating members
/// through the type's member table (`PayloadObject`'s generic matcher, ~7,500 instructions a record:
/// perf-first26.md). Whenever the bytes are not exactly in that shape — another member, one out of order or
/// repeated, `null`, an escape, a commitment, a rent of 0 — it falls back to `links`, so its answer, its ids and
/// the import id are always `links`' (`PayloadRefsFixedLinksTests`).
extension PayloadRefs {
    /// `links(type, occurredOn:data:into:)` (the scopes' and mentions' reading of a registering record), read in
    /// the canonical member order when the bytes are in it; else `links` decides. The answer and the ids appended
    /// are `links`'.
    public static func fixedLinks(_ type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>, into refs: inout [Ref]) -> Bool {
        var importID: Range<Int>? = nil
        return fixedLinks(type, occurredOn: occurredOn, data: data, into: &refs, importID: &importID)
    }

    /// `links(type, occurredOn:data:into:importID:)`, read in the canonical member order when the bytes are in it;
    /// else `links` decides. Either way the answer, the ids appended and `importID` are `links`'.
    static func fixedLinks(_ type: EventType, occurredOn: CalendarDate, data: ArraySlice<UInt8>, into refs: inout [Ref],
                           importID: inout Range<Int>?) -> Bool {
        if canonicalLinks(type, occurredOn: occurredOn, data, into: &refs, importID: &importID) { return true }
        return links(type, occurredOn: occurredOn, data: data, into: &refs, importID: &importID)
    }

    /// The fixed-order reading of `fixedLinks` alone: false (`refs` as it was, `importID` nil) when `data` is not
    /// exactly in the expected shape or `type` is not one it reads: the caller then asks `links`, which decides.
    static func canonicalLinks(_ type: EventType, occurredOn: CalendarDate, _ data: ArraySlice<UInt8>, into refs: inout [Ref],
                               importID: inout Range<Int>?) -> Bool {
        importID = nil
        var r = FixedMembers(bytes: data, p: data.startIndex)
        let count = refs.count
        let vouched: Bool
        switch type {
        case .useStarted: vouched = r.useStarted(&refs)
        case .useEnded: vouched = r.useEnded(&refs)
        case .assetRegistered: vouched = r.assetRegistered(&refs, &importID)
        case .contractSigned: vouched = r.contractSigned(&refs)
        case .decisionRecorded: vouched = r.decisionRecorded(&refs, occurredOn: occurredOn)
        default: return false
        }
        if !vouched {
            refs.removeSubrange(count...)
            importID = nil
        }
        return vouched
    }
}

// Each reader appends the ids in `links`' order (every `notRetired` false, as `links` gives them); the caller
// removes them when it answers false.
extension FixedMembers {
    private static func ref(_ kind: IdKind, _ range: Range<Int>) -> PayloadRefs.Ref {
        PayloadRefs.Ref(kind: kind, range: range, notRetired: false)
    }

    /// `{"asset_id":ID[,"authority":{}|{"contract_id":ID}|{"decision_id":ID}],"purpose":S,"use_id":ID,"user":S}`
    /// (`links`' `useStarted`: the user a plain string, `fastPerson`'s; an authority naming both is refused).
    mutating func useStarted(_ refs: inout [PayloadRefs.Ref]) -> Bool {
        guard member(.assetID), let asset = id() else { return false }
        var authority: PayloadRefs.Ref? = nil
        if member(.authorityObject) {
            if member(.contractID) {
                guard let body = id() else { return false }
                authority = Self.ref(.contract, body)
            } else if member(.decisionIDFirst) {
                guard let body = id() else { return false }
                authority = Self.ref(.decision, body)
            }
            guard byte(UInt8(ascii: "}")) else { return false }
        }
        guard member(.purpose), text() != nil, member(.useID), let use = id(), member(.user), text() != nil, atEnd() else { return false }
        refs.append(Self.ref(.use, use))
        refs.append(Self.ref(.asset, asset))
        if let authority { refs.append(authority) }
        return true
    }

    /// `{"use_id":ID}`
    mutating func useEnded(_ refs: inout [PayloadRefs.Ref]) -> Bool {
        guard member(.useIDFirst), let use = id(), atEnd() else { return false }
        refs.append(Self.ref(.use, use))
        return true
    }

    /// `{"area_m2":A,"asset_id":ID[,"attributes":{…}],"community_id":ID,"kind":C,"location":S,"name":S,
    /// "registered_on":D,"source":{"import_id":ID,"kind":"import","row":N}|{"kind":"manual"}}`, the row from 1.
    mutating func assetRegistered(_ refs: inout [PayloadRefs.Ref], _ importID: inout Range<Int>?) -> Bool {
        guard member(.areaFirst), area() != nil, member(.assetIDNext), let asset = id() else { return false }
        if member(.attributesObject) {
            guard stringMap() else { return false }
        }
        guard member(.communityID), let community = id(), member(.kind), choice(Self.assetKinds),
              member(.location), text() != nil, member(.name), text() != nil,
              member(.registeredOn), date() != nil, member(.sourceObject) else { return false }
        var source: Range<Int>? = nil
        if member(.importIDFirst) {
            guard let body = id(), member(.kindImportRow), let row = count(), row >= 1, byte(UInt8(ascii: "}")) else { return false }
            source = body
        } else {
            guard member(.kindManual) else { return false }
        }
        guard atEnd() else { return false }
        refs.append(Self.ref(.asset, asset))
        refs.append(Self.ref(.community, community))
        importID = source
        return true
    }

    /// `{"asset_ids":[ID,…],"community_id":ID,"contract_id":ID,"counterparty":S[,"decision_id":ID],"end_on":D
    /// [,"payee_fund_id":ID],"purpose":S,"rent_fen":N,"rent_period":C,"start_on":D}`, ending no earlier than it
    /// starts (a rent of 0, which the schema allows, is left to `links`).
    mutating func contractSigned(_ refs: inout [PayloadRefs.Ref]) -> Bool {
        var assets: [Range<Int>] = []
        guard member(.assetIDsFirst), ids(&assets), member(.communityID), let community = id(),
              member(.contractIDNext), let contract = id(), member(.counterparty), text() != nil else { return false }
        var decision: Range<Int>? = nil
        if member(.decisionID) {
            guard let body = id() else { return false }
            decision = body
        }
        guard member(.endOn), let end = date() else { return false }
        var payee: Range<Int>? = nil
        if member(.payeeFundID) {
            guard let body = id() else { return false }
            payee = body
        }
        guard member(.purpose), text() != nil, member(.rentFen), amount() != nil, member(.rentPeriod), choice(Self.rentPeriods),
              member(.startOn), let start = date(), atEnd(), start <= end else { return false }
        refs.append(Self.ref(.contract, contract))
        refs.append(Self.ref(.community, community))
        if let decision { refs.append(Self.ref(.decision, decision)) }
        if let payee { refs.append(Self.ref(.fund, payee)) }
        for asset in assets { refs.append(Self.ref(.asset, asset)) }
        return true
    }

    /// `{"approving_area_m2":A,"approving_owners":N,"authorises":{["amount_cap_fen":N][,"asset_ids":[ID,…]]
    /// [,"contract_id":ID][,"purpose":S]},"community_id":ID,"decision_id":ID,"matter":C,"participating_area_m2":A,
    /// "participating_owners":N[,"valid_until":D]}` (each optional member of `authorises` without the comma when it
    /// comes first), the approving part within the participating part, valid until no earlier than the vote.
    mutating func decisionRecorded(_ refs: inout [PayloadRefs.Ref], occurredOn: CalendarDate) -> Bool {
        guard member(.approvingArea), let approvingArea = area(), member(.approvingOwners), let approvingOwners = count(),
              member(.authorisesObject) else { return false }
        var first = true
        if member(.amountCapFirst) {
            guard amount(orClose: true) != nil else { return false }
            first = false
        }
        var assets: [Range<Int>] = []
        if member(first ? .assetIDsArrayFirst : .assetIDsArray) {
            guard ids(&assets) else { return false }
            first = false
        }
        var contract: Range<Int>? = nil
        if member(first ? .contractID : .contractIDNext) {
            guard let body = id() else { return false }
            contract = body
            first = false
        }
        if member(first ? .purposeFirst : .purpose) {
            guard text() != nil else { return false }
        }
        guard byte(UInt8(ascii: "}")), member(.communityID), let community = id(), member(.decisionID), let decision = id(),
              member(.matter), choice(Self.decisionMatters), member(.participating), member(.areaM2Rest),
              let participatingArea = area(), member(.participating), member(.ownersRest),
              let participatingOwners = count() else { return false }
        if member(.validUntil) {
            guard let until = date(), until >= occurredOn else { return false }
        }
        guard atEnd(), approvingArea <= participatingArea, approvingOwners <= participatingOwners else { return false }
        refs.append(Self.ref(.decision, decision))
        refs.append(Self.ref(.community, community))
        if let contract { refs.append(Self.ref(.contract, contract)) }
        for asset in assets { refs.append(Self.ref(.asset, asset)) }
        return true
    }

    // MARK: - Pieces (the decoder's field forms)

    /// `date(key)`: a string holding `YYYY-MM-DD` (`CalendarDate(isoBytes:)`, the decoder's parser), here.
    mutating func date() -> CalendarDate? {
        guard let (body, _) = plainString(idBytes: false) else { return nil }
        return CalendarDate(isoBytes: bytes[body])
    }

    /// `area(key)`: an ASCII string the decoder's parser reads as an area with at most two decimals (its units).
    mutating func area() -> Int64? {
        guard let (body, ascii) = plainString(idBytes: false), ascii,
              let area = DecimalQuantity(utf8: bytes[body], scale: 2) else { return nil }
        return area.units
    }

    /// `count(key)` of a count written as 1–18 plain digits (`integer`'s value; no sign; a 19th digit refused); the
    /// byte after it is left to the next check (a number's value ends there for the decoder too, or it is refused).
    mutating func count() -> Int64? {
        let (value, q) = digits(readingAtMost: 19)
        guard q > p, q - p <= 18 else { return nil }
        p = q
        return value
    }

    /// `fastChoice`: a string, one of `values` (an enum's raw values' bytes).
    mutating func choice(_ values: [[UInt8]]) -> Bool {
        guard let (body, _) = plainString(idBytes: false) else { return false }
        let value = bytes[body]
        for v in values where Bytes.equal(value, v[...]) { return true }
        return false
    }

    /// The raw values' bytes of the enums the readers choose from (made once, not per record).
    static let assetKinds = AssetKind.allCases.map { Array($0.rawValue.utf8) }
    static let rentPeriods = RentPeriod.allCases.map { Array($0.rawValue.utf8) }
    static let decisionMatters = DecisionMatter.allCases.map { Array($0.rawValue.utf8) }

    /// `fastStringMap` (its opening brace already read, with the member's name): members with non-empty names and
    /// string values, here written without escapes (then past its closing brace).
    mutating func stringMap() -> Bool {
        if byte(UInt8(ascii: "}")) { return true }
        while true {
            guard let (name, _) = plainString(idBytes: false), !name.isEmpty, byte(UInt8(ascii: ":")),
                  plainString(idBytes: false) != nil else { return false }
            if byte(UInt8(ascii: "}")) { return true }
            guard byte(UInt8(ascii: ",")) else { return false }
        }
    }
}

/// The member names the registering records' readers compare (`FixedMembers`), as `MemberName`'s.
extension MemberName {
    /// `,"authority":{`
    static let authorityObject = MemberName(count: 14, head: 0x726F_6874_7561_222C, middle: 0, tail: 0x7B3A_2279_7469_726F)
    /// `"decision_id":` (after the brace that opens `authority`)
    static let decisionIDFirst = MemberName(count: 14, head: 0x6F69_7369_6365_6422, middle: 0, tail: 0x3A22_6469_5F6E_6F69)
    /// `,"use_id":`
    static let useID = MemberName(count: 10, head: 0x6469_5F65_7375_222C, middle: 0, tail: 0x3A22_6469_5F65_7375)
    /// `,"user":`
    static let user = MemberName(count: 8, head: 0x3A22_7265_7375_222C, middle: 0, tail: 0x3A22_7265_7375_222C)
    /// `{"use_id":`
    static let useIDFirst = MemberName(count: 10, head: 0x6469_5F65_7375_227B, middle: 0, tail: 0x3A22_6469_5F65_7375)
    /// `{"area_m2":`
    static let areaFirst = MemberName(count: 11, head: 0x6D5F_6165_7261_227B, middle: 0, tail: 0x3A22_326D_5F61_6572)
    /// `,"asset_id":`
    static let assetIDNext = MemberName(count: 12, head: 0x5F74_6573_7361_222C, middle: 0, tail: 0x3A22_6469_5F74_6573)
    /// `,"attributes":{`
    static let attributesObject = MemberName(count: 15, head: 0x6269_7274_7461_222C, middle: 0, tail: 0x7B3A_2273_6574_7562)
    /// `,"community_id":`
    static let communityID = MemberName(count: 16, head: 0x6E75_6D6D_6F63_222C, middle: 0, tail: 0x3A22_6469_5F79_7469)
    /// `,"kind":`
    static let kind = MemberName(count: 8, head: 0x3A22_646E_696B_222C, middle: 0, tail: 0x3A22_646E_696B_222C)
    /// `,"location":`
    static let location = MemberName(count: 12, head: 0x6974_6163_6F6C_222C, middle: 0, tail: 0x3A22_6E6F_6974_6163)
    /// `,"name":`
    static let name = MemberName(count: 8, head: 0x3A22_656D_616E_222C, middle: 0, tail: 0x3A22_656D_616E_222C)
    /// `,"registered_on":`
    static let registeredOn = MemberName(count: 17, head: 0x7473_6967_6572_222C, middle: 0x226E_6F5F_6465_7265, tail: 0x3A22_6E6F_5F64_6572)
    /// `"import_id":` (after the brace that opens `source`)
    static let importIDFirst = MemberName(count: 12, head: 0x5F74_726F_706D_6922, middle: 0, tail: 0x3A22_6469_5F74_726F)
    /// `,"kind":"import","row":` (an import source's kind, always `import`, read with the names around it)
    static let kindImportRow = MemberName(count: 23, head: 0x3A22_646E_696B_222C, middle: 0x2274_726F_706D_6922, tail: 0x3A22_776F_7222_2C22)
    /// `"kind":"manual"}` (a manual source whole, after the brace that opens it)
    static let kindManual = MemberName(count: 16, head: 0x223A_2264_6E69_6B22, middle: 0, tail: 0x7D22_6C61_756E_616D)
    /// `{"asset_ids":[`
    static let assetIDsFirst = MemberName(count: 14, head: 0x5F74_6573_7361_227B, middle: 0, tail: 0x5B3A_2273_6469_5F74)
    /// `,"contract_id":`
    static let contractIDNext = MemberName(count: 15, head: 0x6172_746E_6F63_222C, middle: 0, tail: 0x3A22_6469_5F74_6361)
    /// `,"end_on":`
    static let endOn = MemberName(count: 10, head: 0x6E6F_5F64_6E65_222C, middle: 0, tail: 0x3A22_6E6F_5F64_6E65)
    /// `,"payee_fund_id":`
    static let payeeFundID = MemberName(count: 17, head: 0x5F65_6579_6170_222C, middle: 0x2264_695F_646E_7566, tail: 0x3A22_6469_5F64_6E75)
    /// `,"rent_fen":`
    static let rentFen = MemberName(count: 12, head: 0x665F_746E_6572_222C, middle: 0, tail: 0x3A22_6E65_665F_746E)
    /// `,"rent_period":`
    static let rentPeriod = MemberName(count: 15, head: 0x705F_746E_6572_222C, middle: 0, tail: 0x3A22_646F_6972_6570)
    /// `,"start_on":`
    static let startOn = MemberName(count: 12, head: 0x5F74_7261_7473_222C, middle: 0, tail: 0x3A22_6E6F_5F74_7261)
    /// `{"approving_area_m2":`
    static let approvingArea = MemberName(count: 21, head: 0x766F_7270_7061_227B, middle: 0x6165_7261_5F67_6E69, tail: 0x3A22_326D_5F61_6572)
    /// `,"approving_owners":`
    static let approvingOwners = MemberName(count: 20, head: 0x766F_7270_7061_222C, middle: 0x656E_776F_5F67_6E69, tail: 0x3A22_7372_656E_776F)
    /// `,"authorises":{`
    static let authorisesObject = MemberName(count: 15, head: 0x726F_6874_7561_222C, middle: 0, tail: 0x7B3A_2273_6573_6972)
    /// `"amount_cap_fen":` (after the brace that opens `authorises`)
    static let amountCapFirst = MemberName(count: 17, head: 0x5F74_6E75_6F6D_6122, middle: 0x226E_6566_5F70_6163, tail: 0x3A22_6E65_665F_7061)
    /// `"asset_ids":[` (after the brace that opens `authorises`)
    static let assetIDsArrayFirst = MemberName(count: 13, head: 0x695F_7465_7373_6122, middle: 0, tail: 0x5B3A_2273_6469_5F74)
    /// `"purpose":` (after the brace that opens `authorises`)
    static let purposeFirst = MemberName(count: 10, head: 0x6573_6F70_7275_7022, middle: 0, tail: 0x3A22_6573_6F70_7275)
    /// `,"matter":`
    static let matter = MemberName(count: 10, head: 0x7265_7474_616D_222C, middle: 0, tail: 0x3A22_7265_7474_616D)
    /// `,"participating_` (`participating_area_m2` and `participating_owners` with their punctuation are longer than
    /// a `MemberName`'s 24 bytes: read in two parts)
    static let participating = MemberName(count: 16, head: 0x6369_7472_6170_222C, middle: 0, tail: 0x5F67_6E69_7461_7069)
    /// `area_m2":` (after `participating`)
    static let areaM2Rest = MemberName(count: 9, head: 0x2232_6D5F_6165_7261, middle: 0, tail: 0x3A22_326D_5F61_6572)
    /// `owners":` (after `participating`)
    static let ownersRest = MemberName(count: 8, head: 0x3A22_7372_656E_776F, middle: 0, tail: 0x3A22_7372_656E_776F)
    /// `,"valid_until":`
    static let validUntil = MemberName(count: 15, head: 0x5F64_696C_6176_222C, middle: 0, tail: 0x3A22_6C69_746E_755F)

    /// Every constant of the registering records' readers with the text it stands for.
    static let registering: [(MemberName, String)] = [
        (authorityObject, ",\"authority\":{"), (decisionIDFirst, "\"decision_id\":"), (useID, ",\"use_id\":"), (user, ",\"user\":"),
        (useIDFirst, "{\"use_id\":"), (areaFirst, "{\"area_m2\":"), (assetIDNext, ",\"asset_id\":"),
        (attributesObject, ",\"attributes\":{"), (communityID, ",\"community_id\":"), (kind, ",\"kind\":"),
        (location, ",\"location\":"), (name, ",\"name\":"), (registeredOn, ",\"registered_on\":"),
        (importIDFirst, "\"import_id\":"), (kindImportRow, ",\"kind\":\"import\",\"row\":"), (kindManual, "\"kind\":\"manual\"}"),
        (assetIDsFirst, "{\"asset_ids\":["), (contractIDNext, ",\"contract_id\":"), (endOn, ",\"end_on\":"),
        (payeeFundID, ",\"payee_fund_id\":"), (rentFen, ",\"rent_fen\":"), (rentPeriod, ",\"rent_period\":"),
        (startOn, ",\"start_on\":"), (approvingArea, "{\"approving_area_m2\":"), (approvingOwners, ",\"approving_owners\":"),
        (authorisesObject, ",\"authorises\":{"), (amountCapFirst, "\"amount_cap_fen\":"), (assetIDsArrayFirst, "\"asset_ids\":["),
        (purposeFirst, "\"purpose\":"), (matter, ",\"matter\":"), (participating, ",\"participating_"), (areaM2Rest, "area_m2\":"),
        (ownersRest, "owners\":"), (validUntil, ",\"valid_until\":"),
    ]
}
