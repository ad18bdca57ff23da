import Foundation
@testable import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `PayloadRefs.links` (the rebuild's reading of every id a payload names, registering types included, for
/// `index/scopes`) against the one schema's decoder: whenever it vouches for a payload, `PayloadCodec.decode`
/// accepts the same bytes and the payload names the same ids, of the same kinds, in the order `ScopeIndex.add`
/// links them; so whatever the decoder refuses (a payload the rebuild would hold as raw, linking no id) it refuses
/// too. Over seeded random payloads of every type (`PayloadGenerator`), the same payloads with every text made
/// plain ASCII (so that the fast reading is really taken for every type it reads), mutations of both that a schema
/// must refuse or read differently, and every record of `testdata`.
@Suite("Payload links against the schema")
struct PayloadLinksTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    /// The ids a decoded payload names, in `ScopeIndex.add`'s order (nil for a type `links` never reads).
    static func scopeIDs(of payload: DomainEvent) -> [(kind: IdKind, id: String)]? {
        var out: [(kind: IdKind, id: String)] = []
        func k(_ kind: IdKind, _ id: String?) { if let id { out.append((kind, id)) } }
        switch payload {
        case .assetRegistered(let p): k(.asset, p.assetID); k(.community, p.communityID)
        case .assetUpdated(let p): k(.asset, p.assetID)
        case .assetRetired(let p): k(.asset, p.assetID)
        case .registerImported(let p): k(.community, p.communityID)
        case .fundOpened(let p): k(.fund, p.fundID); k(.community, p.communityID)
        case .decisionRecorded(let p):
            k(.decision, p.decisionID); k(.community, p.communityID); k(.contract, p.authorises.contractID)
            for a in p.authorises.assetIDs { k(.asset, a) }
        case .contractSigned(let p):
            k(.contract, p.contractID); k(.community, p.communityID); k(.decision, p.decisionID); k(.fund, p.payeeFundID)
            for a in p.assetIDs { k(.asset, a) }
        case .contractTerminated(let p): k(.contract, p.contractID)
        case .useStarted(let p):
            k(.use, p.useID); k(.asset, p.assetID)
            switch p.authority {
            case .contract(let c): k(.contract, c)
            case .decision(let d): k(.decision, d)
            case .none: break
            }
        case .useEnded(let p): k(.use, p.useID)
        case .inspectionRecorded(let p): k(.asset, p.assetID)
        case .occupationReported(let p): k(.occupation, p.occupationID); k(.asset, p.assetID)
        case .occupationCleared(let p): k(.occupation, p.occupationID)
        case .fundIncome(let p): k(.fund, p.fundID); k(.contract, p.sourceContractID)
        case .fundSpending(let p):
            k(.fund, p.fundID); k(.decision, p.decisionID)
            for a in p.assetIDs { k(.asset, a) }
        case .fundTransfer(let p): k(.fund, p.fromFundID); k(.fund, p.toFundID); k(.decision, p.decisionID)
        case .fundBalanceAsserted(let p): k(.fund, p.fundID)
        case .disclosurePublished(let p):
            k(.community, p.communityID)
            for f in p.fundIDs { k(.fund, f) }
        default: return nil
        }
        return out
    }

    /// The check itself: whether `links` vouched, and whether that agreed with `decode` (declining always agrees,
    /// and leaves `refs` as it was).
    static func agrees(_ type: EventType, _ bytes: [UInt8], occurredOn: CalendarDate) -> (vouched: Bool, agreed: Bool) {
        var refs: [PayloadRefs.Ref] = [PayloadRefs.Ref(kind: .list, range: 0..<0, notRetired: false)]
        let vouched = PayloadRefs.links(type, occurredOn: occurredOn, data: bytes[...], into: &refs)
        guard vouched else { return (false, refs.count == 1) }
        guard PayloadRefs.readsLinks(type), let decoded = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: bytes[...]),
              let ids = scopeIDs(of: decoded) else { return (true, false) }
        let read = refs.dropFirst().map { (kind: $0.kind, id: String(decoding: bytes[$0.range], as: UTF8.self)) }
        return (true, read.count == ids.count && zip(read, ids).allSatisfy { $0.kind == $1.kind && $0.id == $1.id })
    }

    /// `value` with every string that is not plain printable ASCII (no quote, backslash or space) replaced by a
    /// fresh plain one (`Pq1`, `Pq2`, …, distinct, so lists of distinct ids stay distinct); member names as they are.
    static func plain(_ value: JSONValue, _ counter: inout Int) -> JSONValue {
        switch value {
        case .string(let s):
            if !s.isEmpty, s.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) { return value }
            counter += 1
            return .string("Pq\(counter)")
        case .array(let items): return .array(items.map { plain($0, &counter) })
        case .object(let members): return .object(members.mapValues { plain($0, &counter) })
        default: return value
        }
    }

    static let strangeValues: [String] = [
        "null", "0", "-1", "1000000000001", "true", "\"\"", "\" x\"", "\"\\u0041\"", "\"a\\\"b\"", "[]", "{}",
        "[\"X\",\"X\"]", "[\"X\",1]", "[\"X\",\"Y\"]", "\"X\"", "\"车位\"", "\"\\t\"", "{\"commitment\":\"00\"}",
        "\"2024-02-30\"", "\"2024-01-01\"", "\"2099-12-31\"", "\"1900-01-01\"", "\"12.345\"", "\"0\"", "\"0.00\"", "\"-1\"", "\"1,2\"",
        "{\"kind\":\"manual\"}", "{\"kind\":\"import\",\"import_id\":\"I\",\"row\":0}", "{\"kind\":\"import\",\"import_id\":\"I\",\"row\":3}",
        "{\"kind\":\"manual\",\"row\":1}", "{\"kind\":\"other\"}", "{\"\":\"x\"}", "{\"a\":1}", "{\"a\":\"\"}",
        "{\"contract_id\":\"K\",\"decision_id\":\"D\"}", "{\"contract_id\":null}", "{}", "\"idle\"", "\"parking\"", "\"month\"",
        "\"" + String(repeating: "a", count: 64) + "\"", "\"" + String(repeating: "A", count: 64) + "\"",
        "{\"commitment\":\"" + String(repeating: "a", count: 64) + "\"}", "\"" + String(repeating: "x", count: 129) + "\"",
    ]

    /// Mutations of `members` (one member removed, added, given a strange value or another member's value, or a
    /// byte of `bytes` changed).
    static func mutant(_ members: [String: JSONValue], _ bytes: [UInt8], _ g: inout PayloadGenerator) throws -> [UInt8] {
        let names = members.keys.sorted()
        switch g.random.below(5) {
        case 0:
            var fewer = members
            fewer[g.pick(names)] = nil
            return CanonicalJSON.encode(.object(fewer))
        case 1:
            var more = members
            more[g.pick(["zzz", "asset_ids", "source", "authority", "note", "valid_until", "decision_id", "attributes"])] = .integer(1)
            return CanonicalJSON.encode(.object(more))
        case 2:
            var changed = members
            changed[g.pick(names)] = try JSONParser.parse(g.pick(Self.strangeValues))
            return CanonicalJSON.encode(.object(changed))
        case 3:
            var changed = members
            if let other = members[g.pick(names)] { changed[g.pick(names)] = other }
            return CanonicalJSON.encode(.object(changed))
        default:
            var out = bytes
            let at = g.random.below(out.count)
            out[at] = g.pick(Array("{}[]\",:0a\\ -n19".utf8) + [0x80, 0xE4, 0x00])
            return out
        }
    }

    @Test("links vouches only for what decode accepts, with the same ids in the scopes' order",
          arguments: [UInt64(0x11A1_0001), 0x11A1_0002])
    func linksAgreeWithDecode(seed: UInt64) throws {
        try Self.againstDecode(seed: seed, iterations: Self.iterations, reads: PayloadRefs.readsLinks,
                               agrees: { Self.agrees($0, $1, occurredOn: $2) })
    }

    /// The differential run of a reader that vouches for payloads from their bytes (`links`, `checks`): seeded
    /// payloads of every type in the schema's written forms and in their plain form, and byte mutants of each,
    /// must each agree with the decoder (`agrees`). Not vacuous: every type `reads` names is read from its bytes
    /// often, no other type ever is, and mutants are both vouched for and refused.
    static func againstDecode(seed: UInt64, iterations: Int, reads: (EventType) -> Bool,
                              agrees: (EventType, [UInt8], CalendarDate) -> (vouched: Bool, agreed: Bool)) throws {
        var g = PayloadGenerator(seed: seed)
        var vouchedByType: [EventType: Int] = [:]
        var mutantsVouched = 0, mutantsRefused = 0
        var counter = 0
        for n in 0..<iterations {
            let type = EventType.allCases[n % EventType.allCases.count]
            let date = g.date()
            let bytes = PayloadCodec.encode(g.payload(type, occurredOn: date))
            let parsed = try #require(try JSONParser.parse(bytes).objectValue)
            let plainBytes = CanonicalJSON.encode(plain(.object(parsed), &counter))
            for candidate in [bytes, plainBytes] {
                let (vouched, agreed) = agrees(type, candidate, date)
                #expect(agreed, "seed \(seed) #\(n) \(type): \(String(decoding: candidate, as: UTF8.self))")
                if vouched { vouchedByType[type, default: 0] += 1 }
                #expect(!vouched || reads(type), "\(type) is never read from its bytes")
                guard reads(type), let members = try JSONParser.parse(candidate).objectValue else { continue }
                for m in 0..<4 {
                    let changed = try mutant(members, candidate, &g)
                    let (mutantVouched, mutantAgreed) = agrees(type, changed, date)
                    #expect(mutantAgreed, "seed \(seed) #\(n).\(m) \(type): \(String(decoding: changed, as: UTF8.self))")
                    if mutantVouched { mutantsVouched += 1 } else { mutantsRefused += 1 }
                }
            }
        }
        for type in EventType.allCases where reads(type) {
            #expect(vouchedByType[type, default: 0] >= 20, "\(type) read from its bytes \(vouchedByType[type, default: 0]) times")
        }
        #expect(mutantsVouched > 200 && mutantsRefused > 200, "mutants vouched for \(mutantsVouched), refused \(mutantsRefused)")
    }

    /// Every record of `testdata` (chain vectors, sample city, the loop's events, templates): where `links` vouches,
    /// the decoder agrees; the common types of the sample are read from their bytes.
    @Test func testdataRecordsAgree() throws {
        let root = SampleRecords.packageRoot + "/testdata"
        let files = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }.filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(!files.isEmpty)
        var checked = 0, vouched = 0
        var vouchedTypes = Set<EventType>()
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let object = (try? JSONParser.parse(Array(line.utf8)))?.objectValue,
                      case .string(let typeText)? = object["type"], let type = EventType(rawValue: typeText),
                      case .string(let dateText)? = object["occurred_on"], let date = CalendarDate(iso: dateText),
                      let data = object["data"], case .object = data else { continue }
                let bytes = CanonicalJSON.encode(data)
                let (ok, agreed) = Self.agrees(type, bytes, occurredOn: date)
                #expect(agreed, "\(file): \(line)")
                checked += 1
                if ok { vouched += 1; vouchedTypes.insert(type) }
                // The record's payload decodes (testdata holds no bad payload) and one that is not an object never does.
                if PayloadRefs.readsLinks(type) {
                    #expect((try? PayloadCodec.decode(type: type, occurredOn: date, data: bytes[...])) != nil, "\(file): \(line)")
                }
            }
        }
        #expect(checked > 50 && vouched > checked / 3, "checked \(checked), vouched for \(vouched)")
        for type in [EventType.assetRegistered, .fundOpened, .decisionRecorded, .contractSigned, .useStarted] {
            #expect(vouchedTypes.contains(type), "\(type) of testdata read from its bytes")
        }
    }

    /// The schema's rules between fields and with the event's date, one by one.
    @Test func linksRefuseWhatTheSchemaRefuses() {
        let day = CalendarDate(year: 2025, month: 6, day: 1)!
        func vouches(_ type: EventType, _ json: String) -> Bool {
            var refs: [PayloadRefs.Ref] = []
            let read = PayloadRefs.links(type, occurredOn: day, data: Array(json.utf8)[...], into: &refs)
            let decodes = (try? PayloadCodec.decode(type: type, occurredOn: day, data: Array(json.utf8)[...])) != nil
            #expect(!read || decodes, "\(json)")
            return read
        }
        let decision = #"{"approving_area_m2":"10.00","approving_owners":5,"authorises":{"asset_ids":["A-1"],"contract_id":"K-1"},"community_id":"C-1","decision_id":"D-1","matter":"change_use_or_operate","participating_area_m2":"20.00","participating_owners":9,"valid_until":"2025-06-01"}"#
        #expect(vouches(.decisionRecorded, decision))
        #expect(!vouches(.decisionRecorded, decision.replacingOccurrences(of: #""approving_area_m2":"10.00""#, with: #""approving_area_m2":"20.01""#)))
        #expect(!vouches(.decisionRecorded, decision.replacingOccurrences(of: #""approving_owners":5"#, with: #""approving_owners":10"#)))
        #expect(!vouches(.decisionRecorded, decision.replacingOccurrences(of: "2025-06-01", with: "2025-05-31")))
        #expect(!vouches(.decisionRecorded, decision.replacingOccurrences(of: #"["A-1"]"#, with: #"["A-1","A-1"]"#)))
        let contract = #"{"asset_ids":["A-1"],"community_id":"C-1","contract_id":"K-1","counterparty":"某公司","end_on":"2026-01-01","purpose":"停车","rent_fen":0,"rent_period":"month","start_on":"2025-01-01"}"#
        #expect(vouches(.contractSigned, contract))
        #expect(!vouches(.contractSigned, contract.replacingOccurrences(of: "2026-01-01", with: "2024-12-31")))
        #expect(!vouches(.contractSigned, contract.replacingOccurrences(of: #""rent_fen":0"#, with: #""rent_fen":-1"#)))
        #expect(!vouches(.contractSigned, contract.replacingOccurrences(of: #""asset_ids":["A-1"]"#, with: #""asset_ids":[]"#)))
        let disclosure = #"{"community_id":"C-1","fund_ids":["F-1"],"location":"公告栏","period_from":"2025-01-01","period_to":"2025-03-31"}"#
        #expect(vouches(.disclosurePublished, disclosure))
        #expect(!vouches(.disclosurePublished, disclosure.replacingOccurrences(of: "2025-03-31", with: "2024-12-31")))
        #expect(!vouches(.disclosurePublished, disclosure.replacingOccurrences(of: "2025-01-01", with: "2025-06-02").replacingOccurrences(of: "2025-03-31", with: "2025-07-01")))
        #expect(vouches(.useStarted, #"{"asset_id":"A-1","authority":{"contract_id":"K-1"},"purpose":"停车","use_id":"U-1","user":"张三"}"#))
        #expect(!vouches(.useStarted, #"{"asset_id":"A-1","authority":{"contract_id":"K-1","decision_id":"D-1"},"purpose":"停车","use_id":"U-1","user":"张三"}"#))
        #expect(!vouches(.assetUpdated, #"{"asset_id":"A-1","changes":{},"source":{"kind":"manual"}}"#))
        #expect(!vouches(.assetUpdated, #"{"asset_id":"A-1","changes":{"name":null},"source":{"kind":"manual"}}"#))
        #expect(vouches(.assetUpdated, #"{"asset_id":"A-1","changes":{"attributes":{}},"source":{"kind":"manual"}}"#))
        #expect(!vouches(.assetUpdated, #"{"asset_id":"A-1","changes":{"name":"n"},"source":{"kind":"manual","row":1}}"#))
        let asset = #"{"area_m2":"12.50","asset_id":"A-1","attributes":{"编号":"1"},"community_id":"C-1","kind":"parking","location":"地下","name":"车位","registered_on":"2025-01-01","source":{"import_id":"I-1","kind":"import","row":2}}"#
        #expect(vouches(.assetRegistered, asset))
        #expect(!vouches(.assetRegistered, asset.replacingOccurrences(of: #""row":2"#, with: #""row":0"#)))
        #expect(!vouches(.assetRegistered, asset.replacingOccurrences(of: #""编号":"1""#, with: #""":"1""#)))
        #expect(!vouches(.assetRegistered, asset.replacingOccurrences(of: #""编号":"1""#, with: #""编号":1"#)))
        #expect(!vouches(.assetRegistered, asset.replacingOccurrences(of: "12.50", with: "12.505")))
        #expect(!vouches(.registerImported, #"{"file_name":"a.csv","file_sha256":"ABC","import_id":"I-1","rows_new":1,"rows_read":1,"rows_unchanged":0,"rows_updated":0}"#))
        // Types that register with more than ids (a community's street) or carry another payload are decoded.
        #expect(!PayloadRefs.readsLinks(.communityRegistered) && !PayloadRefs.readsLinks(.correction) && !PayloadRefs.readsLinks(.personalDataErased))
    }
}
