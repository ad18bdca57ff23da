import Foundation
@testable import LedgerEvents
import LedgerTestSupport
import Testing

/// `decode(encode(x)) == x` over seeded random payloads of every event type: optional members absent, written as
/// `null` or present, empty optional objects, areas in every spelling the spec allows, corrections with and
/// without a replacement of every type, and strings full of escapes, control characters and non-ASCII text. The
/// bytes written must be canonical JSON, and writing the decoded value again gives the same bytes.
///
/// LEDGER_FUZZ_ITERATIONS scales the number of payloads (default 3,000 per seed, times LEDGER_TEST_DEPTH).
@Suite("Payload codec round trip")
struct PayloadRoundTripTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    @Test("decode(encode(x)) == x for random payloads of every type", arguments: [UInt64(0xC0DE_0001), 0xC0DE_0002])
    func roundTrip(seed: UInt64) throws {
        var g = PayloadGenerator(seed: seed)
        var seen = Set<EventType>()
        for n in 0..<Self.iterations {
            let type = EventType.allCases[n % EventType.allCases.count]
            let date = g.date()
            let payload = g.payload(type, occurredOn: date)
            seen.insert(payload.type)
            let bytes = PayloadCodec.encode(payload)
            let text = String(decoding: bytes, as: UTF8.self)
            // Canonical: the strict parser reads it and the canonical writer gives the same bytes.
            let parsed = try #require(try? JSONParser.parse(bytes), "seed \(seed) #\(n) not JSON: \(text)")
            #expect(CanonicalJSON.encode(parsed) == bytes, "seed \(seed) #\(n) not canonical: \(text)")
            let decoded: DomainEvent
            do { decoded = try PayloadCodec.decode(type: payload.type, occurredOn: date, data: bytes[...]) } catch {
                Issue.record("seed \(seed) #\(n): \(error) for \(text)")
                continue
            }
            #expect(decoded == payload, "seed \(seed) #\(n): \(text)")
            #expect(PayloadCodec.encode(decoded) == bytes, "seed \(seed) #\(n): \(text)")
            // The same value through an input line's path: parsed JSON, written canonically, read by the decoder.
            #expect(try DomainEvent.decode(type: payload.type.rawValue, occurredOn: date, data: try #require(parsed.objectValue)) == payload)
        }
        #expect(seen == Set(EventType.allCases))
    }
}

private typealias Bits = PayloadCodec.Bits

/// Random payloads that fit their schema, with every written form.
struct PayloadGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func chance(_ percent: Int) -> Bool { random.chance(percent) }
    mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }

    // MARK: values

    static let fragments = [
        "海韵小区", "八大关街道", "车位", "A", "b", "1", "quote\"d", "back\\slash", "tab\there", "line\nbreak", "cr\rlf",
        "\u{1}ctl", "\u{1F}", "\u{7F}", "del\u{8}", "form\u{C}", "😀", "é", "e\u{301}", " ", "（一期）", "\u{85}", "\u{A0}",
        "\u{2028}", "\u{3000}", "a/b", "<script>", "&amp;", "\u{200B}", "𝔸", "null", "{}", "[1]", "\"\"", "\\u0041",
    ]

    /// A non-empty text with a visible character.
    mutating func text() -> String {
        var out = pick(["海", "A", "x", "車", "😀", "9"])
        for _ in 0..<random.below(4) { out += pick(Self.fragments) }
        return chance(50) ? out : String(out.reversed())
    }

    /// Any string, empty and white space included (attribute values).
    mutating func anyString() -> String {
        switch random.below(5) {
        case 0: return ""
        case 1: return " "
        default: return text()
        }
    }

    static let idFragments = ["A", "-", "1", "C00001", "车位", "_", ".", ":", "/", "é", "𝔸", "#", "ev", "0"]

    mutating func id() -> String {
        if chance(3) { return String(repeating: "x", count: 1 + random.below(128)) }
        var out = pick(["A", "C", "F", "K", "D", "U", "O", "I", "ev", "车"])
        for _ in 0..<random.below(5) { out += pick(Self.idFragments) }
        return out
    }

    /// Distinct ids, at least one.
    mutating func ids() -> [String] {
        var out: [String] = []
        for _ in 0..<(1 + random.below(4)) {
            let id = id()
            if !out.contains(id) { out.append(id) }
        }
        return out
    }

    mutating func sha256() -> String { String((0..<64).map { _ in pick(Array("0123456789abcdef")) }) }

    mutating func findingKey() -> String {
        pick(["OCC-01", "CON-07", "FUND-02", "IDLE-01"]) + "/" + id() + (chance(50) ? "/" + id() : "") + (chance(50) ? "/2025-03-10" : "")
    }

    mutating func findingKeys() -> [String] {
        var out: [String] = []
        for _ in 0..<(1 + random.below(3)) {
            let key = findingKey()
            if !out.contains(key) { out.append(key) }
        }
        return out
    }

    mutating func date() -> CalendarDate { CalendarDate(dayNumber: 18_000 + random.below(3_000)) }

    mutating func date(onOrAfter day: CalendarDate) -> CalendarDate { day.adding(days: random.below(800)) }

    mutating func amount(minimumFen: Int64 = 1) -> Amount {
        switch random.below(4) {
        case 0: return Amount(fen: minimumFen)
        case 1: return Amount(fen: Limits.amountFenMax)
        default: return Amount(fen: minimumFen + Int64(random.below(10_000_000)))
        }
    }

    /// An area in one of its spellings: `35.50`, `35.5`, `35`, `1,234.50`.
    mutating func area(units: Int64? = nil, positive: Bool = false) -> DecimalQuantity {
        let units = units ?? Int64(positive ? 1 + random.below(20_000_000) : random.below(20_000_000))
        let whole = units / 100, cents = units % 100
        var spellings = [DecimalQuantity(units: units).description]
        if cents % 10 == 0 { spellings.append("\(whole).\(cents / 10)") }
        if cents == 0 { spellings.append("\(whole)") }
        if whole >= 1_000 {
            var grouped = ""
            for (index, digit) in String(whole).reversed().enumerated() {
                if index > 0, index % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            spellings.append(String(grouped.reversed()) + "." + (cents < 10 ? "0" : "") + String(cents))
        }
        return DecimalQuantity(written: pick(spellings))!
    }

    mutating func attributes() -> [String: String] {
        var out: [String: String] = [:]
        for _ in 0..<random.below(4) { out[text()] = anyString() }
        return out
    }

    /// An optional value: nil (absent, or written `null` when `nullBit` is set in `written`) or a value.
    mutating func optional<T>(_ written: inout WrittenForm, _ nullBit: UInt32, _ make: (inout PayloadGenerator) -> T) -> T? {
        if chance(50) { return make(&self) }
        if chance(50) { written.insert(nullBit) }
        return nil
    }

    /// A field that may name a person: a text, or (a third of the time) a commitment (ledger-spec.md 10.3).
    mutating func person() -> PersonalText { chance(33) ? .committed(PersonalCommitment(hex: sha256())!) : .plain(text()) }

    mutating func source() -> AssetSource { chance(50) ? .manual : .importRow(importID: id(), row: Int64(1 + random.below(100_000))) }

    // MARK: payloads

    mutating func payload(_ type: EventType, occurredOn date: CalendarDate) -> DomainEvent {
        switch type {
        case .communityRegistered:
            return .communityRegistered(CommunityRegistered(
                communityID: id(), name: text(), street: text(), residentsCommittee: text(), totalArea: area(positive: true),
                totalOwners: Int64(1 + random.below(5_000))))
        case .assetRegistered:
            var written = WrittenForm()
            var attributes = attributes()
            if attributes.isEmpty {
                switch random.below(3) {
                case 0: written.insert(Bits.attributesNull)
                case 1: written.insert(Bits.attributesEmpty)
                default: break
                }
            }
            if chance(10) { attributes = [:]; written = WrittenForm() }
            return .assetRegistered(AssetRegistered(
                assetID: id(), communityID: id(), kind: pick(AssetKind.allCases), name: text(), location: text(), area: area(),
                registeredOn: self.date(), source: source(), attributes: attributes, written: written))
        case .assetUpdated:
            var written = WrittenForm()
            var changes = AssetChanges()
            changes.kind = optional(&written, Bits.kindNull) { $0.pick(AssetKind.allCases) }
            changes.name = optional(&written, Bits.nameNull) { $0.text() }
            changes.location = optional(&written, Bits.locationNull) { $0.text() }
            changes.area = optional(&written, Bits.areaNull) { $0.area() }
            changes.attributes = optional(&written, Bits.changedAttributesNull) { $0.attributes() }
            if changes == AssetChanges() {
                changes.name = text()
                written = WrittenForm(bits: written.bits & ~Bits.nameNull)
            }
            return .assetUpdated(AssetUpdated(assetID: id(), changes: changes, source: source(), written: written))
        case .assetRetired:
            return .assetRetired(AssetRetired(assetID: id(), reason: text()))
        case .registerImported:
            var written = WrittenForm()
            let community = optional(&written, Bits.communityNull) { $0.id() }
            let digest = sha256()
            return .registerImported(RegisterImported(
                importID: id(), fileName: text(), fileSHA256: digest, rowsRead: Int64(random.below(1_000_000)),
                rowsNew: Int64(random.below(1_000)), rowsUpdated: Int64(random.below(1_000)), rowsUnchanged: Int64(random.below(1_000)),
                communityID: community, written: written))
        case .fundOpened:
            return .fundOpened(FundOpened(fundID: id(), communityID: id(), kind: pick(FundKind.allCases), account: text()))
        case .decisionRecorded:
            var written = WrittenForm()
            let participating = area()
            let approving = area(units: Int64(random.below(Int(participating.units) + 1)))
            let owners = Int64(random.below(5_000))
            var assetIDs: [String] = []
            if chance(50) { assetIDs = ids() } else if chance(50) { written.insert(Bits.assetIDsNull) }
            let authorisation = Authorisation(
                assetIDs: assetIDs, contractID: optional(&written, Bits.contractNull) { $0.id() },
                purpose: optional(&written, Bits.purposeNull) { $0.text() }, amountCap: optional(&written, Bits.capNull) { $0.amount() })
            return .decisionRecorded(DecisionRecorded(
                decisionID: id(), communityID: id(), matter: pick(DecisionMatter.allCases), participatingArea: participating,
                participatingOwners: owners, approvingArea: approving, approvingOwners: Int64(random.below(Int(owners) + 1)),
                authorises: authorisation, validUntil: optional(&written, Bits.validUntilNull) { $0.date(onOrAfter: date) },
                written: written))
        case .contractSigned:
            var written = WrittenForm()
            let start = self.date()
            return .contractSigned(ContractSigned(
                contractID: id(), communityID: id(), assetIDs: ids(), counterparty: person(), purpose: text(), startOn: start,
                endOn: self.date(onOrAfter: start), rent: amount(minimumFen: 0), rentPeriod: pick(RentPeriod.allCases),
                decisionID: optional(&written, Bits.decisionNull) { $0.id() }, payeeFundID: optional(&written, Bits.payeeNull) { $0.id() },
                written: written))
        case .contractTerminated:
            return .contractTerminated(ContractTerminated(contractID: id(), reason: text()))
        case .useStarted:
            var written = WrittenForm()
            var authority = UseAuthority.none
            switch random.below(5) {
            case 0: authority = .contract(id()); if chance(30) { written.insert(Bits.authorityDecisionNull) }
            case 1: authority = .decision(id()); if chance(30) { written.insert(Bits.authorityContractNull) }
            case 2: written.insert(Bits.authorityNull)
            case 3:
                written.insert(Bits.authorityObject)
                if chance(50) { written.insert(Bits.authorityContractNull) }
                if chance(50) { written.insert(Bits.authorityDecisionNull) }
            default: break
            }
            return .useStarted(UseStarted(useID: id(), assetID: id(), user: person(), purpose: text(), authority: authority,
                                          written: written))
        case .useEnded:
            return .useEnded(UseEnded(useID: id()))
        case .inspectionRecorded:
            var written = WrittenForm()
            return .inspectionRecorded(InspectionRecorded(assetID: id(), observed: pick(Observation.allCases), inspector: person(),
                                                          note: optional(&written, Bits.noteNull) { $0.text() }, written: written))
        case .occupationReported:
            return .occupationReported(OccupationReported(occupationID: id(), assetID: id(), occupant: person(), description: text()))
        case .occupationCleared:
            var written = WrittenForm()
            return .occupationCleared(OccupationCleared(occupationID: id(), note: optional(&written, Bits.noteNull) { $0.text() },
                                                        written: written))
        case .fundIncome:
            var written = WrittenForm()
            var contract: String? = nil
            switch random.below(4) {
            case 0: contract = id()
            case 1: written.insert(Bits.sourceNull)
            case 2:
                written.insert(Bits.sourceObject)
                if chance(50) { written.insert(Bits.sourceContractNull) }
            default: break
            }
            return .fundIncome(FundIncome(fundID: id(), amount: amount(), counterparty: person(), voucher: text(),
                                          sourceContractID: contract, category: text(), written: written))
        case .fundSpending:
            var written = WrittenForm()
            var assetIDs: [String] = []
            if chance(50) { assetIDs = ids() } else if chance(50) { written.insert(Bits.spendingAssetIDsNull) }
            return .fundSpending(FundSpending(
                fundID: id(), amount: amount(), counterparty: person(), voucher: text(), purpose: text(),
                purposeCategory: optional(&written, Bits.purposeCategoryNull) { $0.text() },
                decisionID: optional(&written, Bits.decisionNull) { $0.id() },
                emergency: optional(&written, Bits.emergencyNull) { Emergency(type: $0.text(), evidence: $0.text()) }, assetIDs: assetIDs,
                written: written))
        case .fundTransfer:
            var written = WrittenForm()
            let from = id()
            var to = id()
            while to == from { to = id() }
            return .fundTransfer(FundTransfer(fromFundID: from, toFundID: to, amount: amount(), voucher: text(),
                                              decisionID: optional(&written, Bits.decisionNull) { $0.id() }, written: written))
        case .fundBalanceAsserted:
            return .fundBalanceAsserted(FundBalanceAsserted(fundID: id(), balance: amount(minimumFen: 0), statementRef: text()))
        case .disclosurePublished:
            let from = date.adding(days: -random.below(800))
            return .disclosurePublished(DisclosurePublished(communityID: id(), fundIDs: ids(), periodFrom: from,
                                                            periodTo: self.date(onOrAfter: from), location: text()))
        case .rectificationIssued:
            var items: [IssuedItem] = []
            for _ in 0..<(1 + random.below(3)) {
                let key = findingKey()
                if !items.contains(where: { $0.key == key }) {
                    items.append(IssuedItem(key: key, responsible: person(), deadline: self.date(onOrAfter: date)))
                }
            }
            return .rectificationIssued(RectificationIssued(
                listID: id(), communityID: id(), asOf: date.adding(days: -random.below(100)), atSeq: Int64(1 + random.below(1_000)),
                reportSHA256: sha256(), reportFormat: pick(RectificationFields.reportFormats),
                reportLanguage: pick(RectificationFields.reportLanguages), preparedOn: self.date(), items: items))
        case .rectificationReported:
            var evidence: [RectificationEvidence] = []
            for _ in 0..<(1 + random.below(3)) {
                let kind = pick(RectificationEvidence.Kind.allCases)
                var written = WrittenForm()
                var digest: String? = nil
                if RectificationEvidence.needsDigest(kind) { digest = sha256() } else if chance(30) { written.insert(Bits.sha256Null) }
                evidence.append(RectificationEvidence(kind: kind, ref: text(), sha256: digest, written: written))
            }
            return .rectificationReported(RectificationReported(listID: id(), keys: findingKeys(), reportedBy: person(),
                                                                measures: text(), evidence: evidence))
        case .rectificationVerified:
            var written = WrittenForm()
            let result = pick(RectificationVerified.Result.allCases)
            var reason: String? = text()
            if result == .closed, chance(50) {
                reason = nil
                if chance(50) { written.insert(Bits.reasonNull) }
            }
            return .rectificationVerified(RectificationVerified(listID: id(), keys: findingKeys(), result: result, reason: reason,
                                                                verifiedBy: person(), written: written))
        case .rectificationExtended:
            return .rectificationExtended(RectificationExtended(listID: id(), keys: findingKeys(), deadline: self.date(onOrAfter: date),
                                                                reason: text()))
        case .personalDataErased:
            var written = WrittenForm()
            var commitments: [PersonalCommitment] = []
            for _ in 0..<(1 + random.below(3)) {
                let commitment = PersonalCommitment(hex: sha256())!
                if !commitments.contains(commitment) { commitments.append(commitment) }
            }
            return .personalDataErased(PersonalDataErased(commitments: commitments, reason: text(), legalBasis: text(),
                                                          requestRef: optional(&written, Bits.requestRefNull) { $0.text() },
                                                          written: written))
        case .correction:
            var written = WrittenForm()
            let replacement = optional(&written, Bits.replacementNull) { g -> Replacement in
                let type = g.pick(EventType.allCases.filter { $0 != .correction })
                let replacedOn = g.date()
                return Replacement(type: type, occurredOn: replacedOn, payload: g.payload(type, occurredOn: replacedOn))
            }
            return .correction(Correction(corrects: id(), reason: text(), replacement: replacement, written: written))
        }
    }
}
