@testable import LedgerEvents
import LedgerTestSupport
import Testing

/// `PayloadRefs.fixedLinks` (the registering records the first `append` after `rm -rf index/` reads most, read in
/// the canonical member order) against `PayloadRefs.links` (the member-table reader) and against
/// `PayloadCodec.decode`: the same answer, the same ids in the same order and the same import id on every input,
/// and whenever the fixed reading answers, the decoder accepts the bytes and names those ids. Over seeded payloads
/// of the five types in the city's shapes (assembled member by member in sorted order, then perhaps disturbed),
/// `PayloadGenerator`'s payloads, their plain forms, and mutations of each (`PayloadLinksTests.mutant`: members
/// removed, added, given strange or other members' values, bytes changed). Not vacuous: for every type the fixed
/// reading answers and falls back many times, and `links` vouches for some of the fallbacks.
@Suite("Fixed-order registering readers against links and the decoder")
struct PayloadRefsFixedLinksTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)
    static let types: [EventType] = [.useStarted, .useEnded, .assetRegistered, .contractSigned, .decisionRecorded]

    struct Answer: Equatable {
        let vouched: Bool
        let refs: [PayloadRefs.Ref]
        let importID: Range<Int>?
    }

    /// `links`' and `fixedLinks`' answers on `bytes` (read at a slice inside a larger array when `slice`, after refs
    /// already in the array, which a refusal must leave as they were), whether the fixed reading answered, and
    /// whether, when it did, the decoder accepts the bytes with the same ids and import id.
    static func compare(_ type: EventType, _ bytes: [UInt8], occurredOn: CalendarDate, slice: Bool)
        -> (same: Bool, fixed: Bool, decodes: Bool, linksVouched: Bool) {
        let padded = slice ? Array("xx".utf8) + bytes + Array("}\"".utf8) : bytes
        let data = slice ? padded[2..<(2 + bytes.count)] : padded[...]
        let before = [PayloadRefs.Ref(kind: .community, range: 0..<1, notRetired: false)]
        var expected = before
        var expectedImport: Range<Int>? = 0..<1
        let expectedVouched = PayloadRefs.links(type, occurredOn: occurredOn, data: data, into: &expected, importID: &expectedImport)
        var fixedRefs = before
        var fixedImport: Range<Int>? = 0..<2
        let fixed = PayloadRefs.canonicalLinks(type, occurredOn: occurredOn, data, into: &fixedRefs, importID: &fixedImport)
        var answerRefs = before
        var answerImport: Range<Int>? = 0..<3
        let answer = PayloadRefs.fixedLinks(type, occurredOn: occurredOn, data: data, into: &answerRefs, importID: &answerImport)
        let want = Answer(vouched: expectedVouched, refs: expected, importID: expectedImport)
        let fixedAgrees = fixed ? Answer(vouched: true, refs: fixedRefs, importID: fixedImport) == want
                                : fixedRefs == before && fixedImport == nil
        var decodes = true
        if fixed {
            func text(_ range: Range<Int>) -> String { String(decoding: padded[range], as: UTF8.self) }
            if let decoded = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: bytes[...]),
               let ids = PayloadLinksTests.scopeIDs(of: decoded) {
                let read = fixedRefs.dropFirst().map { (kind: $0.kind, id: text($0.range)) }
                var source: String? = nil
                if case .assetRegistered(let p) = decoded, case .importRow(let id, _) = p.source { source = id }
                decodes = read.count == ids.count && zip(read, ids).allSatisfy { $0.kind == $1.kind && $0.id == $1.id }
                    && fixedImport.map(text) == source
            } else {
                decodes = false
            }
        }
        return (Answer(vouched: answer, refs: answerRefs, importID: answerImport) == want && fixedAgrees, fixed, decodes, expectedVouched)
    }

    // MARK: - The city's shapes, member by member

    static func id(_ g: inout PayloadGenerator) -> String {
        switch g.random.below(40) {
        case 0: return "\"\""
        case 1: return "\"C0\\u0031-A1\""
        case 2: return "\"C01 A1\""
        case 3: return "null"
        case 4: return "\"" + String(repeating: "A", count: 129) + "\""
        default: return "\"C\(g.random.below(100))-\(g.pick(["A", "U", "K", "D", "F", "IMP"]))\(g.random.below(40))\""
        }
    }

    static func text(_ g: inout PayloadGenerator) -> String {
        switch g.random.below(30) {
        case 0: return "\"\""
        case 1: return "\" 前\""
        case 2: return "\"a\\\"b\""
        case 3: return PayloadRefsMovementTests.commitment
        default: return "\"\(g.pick(["广告", "活动室", "场地租赁", "顺达广告传媒有限公司", "x", "17号楼南侧"]))\""
        }
    }

    static func date(_ g: inout PayloadGenerator) -> String {
        g.chance(90) ? "\"202\(g.random.below(6))-0\(1 + g.random.below(9))-1\(g.random.below(10))\""
                     : g.pick(["\"2024-02-30\"", "\"2024-1-01\"", "null", "20240101", "\"2024\\u002d01-01\""])
    }

    static func area(_ g: inout PayloadGenerator) -> String {
        g.chance(90) ? "\"\(g.random.below(300_000)).\(g.random.below(100))\""
                     : g.pick(["\"12.345\"", "\"-1\"", "\"1,234.5\"", "\"35\"", "12.5", "\"\"", "\"１２\""])
    }

    static func count(_ g: inout PayloadGenerator) -> String {
        g.chance(90) ? "\(g.random.below(3_000))" : g.pick(["-1", "0", "1.5", "\"3\"", "007", "1000000000000000000000", "999999999999999999"])
    }

    static func amount(_ g: inout PayloadGenerator) -> String {
        g.chance(90) ? "\(1 + g.random.below(50_000_000))" : g.pick(["0", "-5", "1.0", "10000000000000", "9999999999999"])
    }

    static func ids(_ g: inout PayloadGenerator) -> String {
        if g.chance(5) { return g.pick(["[]", "[\"A\",\"A\"]", "[\"A\",1]", "null"]) }
        return "[" + (0..<(1 + g.random.below(3))).map { "\"C1-A\($0)\(g.random.below(3))\"" }.joined(separator: ",") + "]"
    }

    static func choice(_ g: inout PayloadGenerator, _ values: [String]) -> String {
        g.chance(92) ? "\"\(g.pick(values))\"" : g.pick(["\"other\"", "null", "\"\"", "\"month \""])
    }

    static func optional(_ g: inout PayloadGenerator, _ value: (inout PayloadGenerator) -> String) -> String? {
        switch g.random.below(10) {
        case 0...3: return nil
        case 4: return "null"
        default: return value(&g)
        }
    }

    static func object(_ g: inout PayloadGenerator, _ members: [(String, String?)]) -> String {
        var written = members.compactMap { name, value in value.map { "\"\(name)\":\($0)" } }
        switch g.random.below(25) {
        case 0: written.insert("\"zzz\":1", at: g.random.below(written.count + 1))
        case 1: if written.count > 1 { written.swapAt(0, 1 + g.random.below(written.count - 1)) }
        case 2: if !written.isEmpty { written.append(written[g.random.below(written.count)]) }
        case 3: if !written.isEmpty { written.remove(at: g.random.below(written.count)) }
        default: break
        }
        // Now and then a byte after the closing brace (another brace, a space, a letter): never the plain form.
        let after = g.random.below(40) == 0 ? g.pick(["}", " ", "x"]) : ""
        return "{" + written.joined(separator: g.chance(2) ? ", " : ",") + "}" + after
    }

    /// A payload of `type` in the city's shape, members in sorted order, then perhaps disturbed.
    static func payload(_ type: EventType, _ g: inout PayloadGenerator) -> [UInt8] {
        let members: [(String, String?)]
        switch type {
        case .useStarted:
            let authority: String?
            switch g.random.below(12) {
            case 0: authority = nil
            case 1: authority = "null"
            case 2: authority = "{}"
            case 3: authority = "{\"contract_id\":\"K1\",\"decision_id\":\"D1\"}"
            case 4: authority = "{\"zzz\":\"K1\"}"
            case 5...8: authority = "{\"contract_id\":\(id(&g))}"
            default: authority = "{\"decision_id\":\(id(&g))}"
            }
            members = [("asset_id", id(&g)), ("authority", authority), ("purpose", text(&g)), ("use_id", id(&g)), ("user", text(&g))]
        case .useEnded:
            members = [("use_id", id(&g))]
        case .assetRegistered:
            let attributes: String?
            switch g.random.below(10) {
            case 0...3: attributes = nil
            case 4: attributes = "{}"
            case 5: attributes = g.pick(["null", "{\"\":\"x\"}", "{\"a\":1}", "{\"a\\u0062\":\"x\"}", "{\"a\":\"x\\\"\"}"])
            default: attributes = "{\"编号\":\"\(g.random.below(9))\"" + (g.chance(50) ? ",\"楼\":\"\"}" : "}")
            }
            let source: String
            switch g.random.below(10) {
            case 0: source = "{\"kind\":\"manual\"}"
            case 1: source = g.pick(["{\"kind\":\"other\"}", "{\"kind\":\"manual\",\"row\":1}", "{}", "null",
                                     "{\"import_id\":\"I\",\"kind\":\"import\",\"row\":0}", "{\"import_id\":\"I\",\"kind\":\"import\"}"])
            default: source = "{\"import_id\":\(id(&g)),\"kind\":\"import\",\"row\":\(count(&g))}"
            }
            members = [("area_m2", area(&g)), ("asset_id", id(&g)), ("attributes", attributes), ("community_id", id(&g)),
                       ("kind", choice(&g, AssetKind.allCases.map(\.rawValue))), ("location", text(&g)), ("name", text(&g)),
                       ("registered_on", date(&g)), ("source", source)]
        case .contractSigned:
            members = [("asset_ids", ids(&g)), ("community_id", id(&g)), ("contract_id", id(&g)), ("counterparty", text(&g)),
                       ("decision_id", optional(&g) { id(&$0) }), ("end_on", date(&g)), ("payee_fund_id", optional(&g) { id(&$0) }),
                       ("purpose", text(&g)), ("rent_fen", amount(&g)), ("rent_period", choice(&g, RentPeriod.allCases.map(\.rawValue))),
                       ("start_on", date(&g))]
        default:
            let inner: [(String, String?)] = [("amount_cap_fen", optional(&g) { amount(&$0) }), ("asset_ids", optional(&g) { ids(&$0) }),
                                              ("contract_id", optional(&g) { id(&$0) }), ("purpose", optional(&g) { text(&$0) })]
            let authorises = object(&g, inner)
            members = [("approving_area_m2", area(&g)), ("approving_owners", count(&g)), ("authorises", authorises),
                       ("community_id", id(&g)), ("decision_id", id(&g)), ("matter", choice(&g, DecisionMatter.allCases.map(\.rawValue))),
                       ("participating_area_m2", area(&g)), ("participating_owners", count(&g)), ("valid_until", optional(&g) { date(&$0) })]
        }
        return Array(object(&g, members).utf8)
    }

    @Test("fixedLinks gives links' answer, ids and import id on every input, and the decoder agrees",
          arguments: [UInt64(0x27F1_0001), 0x27F1_0002])
    func fixedLinksAgreeWithLinksAndDecode(seed: UInt64) throws {
        var g = PayloadGenerator(seed: seed)
        var fixedByType: [EventType: Int] = [:]
        var fellBackByType: [EventType: Int] = [:]
        var fellBackVouched = 0
        var counter = 0
        for n in 0..<Self.iterations * 2 {
            let type = Self.types[n % Self.types.count]
            let occurredOn = n % 3 == 0 ? CalendarDate(year: 2023, month: 3, day: 15)! : g.date()
            var inputs = [Self.payload(type, &g)]
            let generated = PayloadCodec.encode(g.payload(type, occurredOn: occurredOn))
            inputs.append(generated)
            let parsed = try #require(try JSONParser.parse(generated).objectValue)
            inputs.append(CanonicalJSON.encode(PayloadLinksTests.plain(.object(parsed), &counter)))
            for base in inputs {
                guard let members = (try? JSONParser.parse(base))?.objectValue, !members.isEmpty else { continue }
                for _ in 0..<2 { inputs.append(try PayloadLinksTests.mutant(members, base, &g)) }
            }
            for (i, bytes) in inputs.enumerated() {
                let (same, fixed, decodes, linksVouched) = Self.compare(type, bytes, occurredOn: occurredOn, slice: (n + i) % 2 == 1)
                #expect(same, "seed \(seed) #\(n).\(i) \(type): \(String(decoding: bytes, as: UTF8.self))")
                #expect(decodes, "seed \(seed) #\(n).\(i) \(type) decoded: \(String(decoding: bytes, as: UTF8.self))")
                if fixed { fixedByType[type, default: 0] += 1 } else {
                    fellBackByType[type, default: 0] += 1
                    if linksVouched { fellBackVouched += 1 }
                }
            }
        }
        for type in Self.types {
            #expect(fixedByType[type, default: 0] >= Self.iterations / 20, "\(type) read in order \(fixedByType[type, default: 0]) times")
            #expect(fellBackByType[type, default: 0] >= Self.iterations / 20, "\(type) left to links \(fellBackByType[type, default: 0]) times")
        }
        #expect(fellBackVouched > 50, "\(fellBackVouched) of the fallbacks read by the member table")
    }

    /// Hand-made cases: the city's shapes are read in order with their ids in `links`' order; the forms the fixed
    /// reading leaves are left (and answered by `links`).
    @Test func fixedLinksTakeThePlainFormsAndLeaveTheRest() {
        let day = CalendarDate(year: 2023, month: 3, day: 15)!
        func check(_ type: EventType, _ json: String, fixed: Bool, links: Bool = true, ids: [String] = [], importID: String? = nil,
                   sourceLine: SourceLocation = #_sourceLocation) {
            let bytes = Array(json.utf8)
            let (same, wasFixed, decodes, _) = Self.compare(type, bytes, occurredOn: day, slice: false)
            #expect(same && decodes, "\(json)", sourceLocation: sourceLine)
            #expect(wasFixed == fixed, "\(json)", sourceLocation: sourceLine)
            var refs: [PayloadRefs.Ref] = []
            var source: Range<Int>? = nil
            #expect(PayloadRefs.fixedLinks(type, occurredOn: day, data: bytes[...], into: &refs, importID: &source) == links, "\(json)",
                    sourceLocation: sourceLine)
            #expect(refs.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ids, "\(json)", sourceLocation: sourceLine)
            #expect(source.map { String(decoding: bytes[$0], as: UTF8.self) } == importID, "\(json)", sourceLocation: sourceLine)
        }
        check(.useStarted, #"{"asset_id":"C00057-A040","authority":{},"purpose":"广告","use_id":"C00057-U1","user":"顺达广告传媒有限公司"}"#,
              fixed: true, ids: ["C00057-U1", "C00057-A040"])
        check(.useStarted, #"{"asset_id":"A-1","authority":{"contract_id":"K-1"},"purpose":"p","use_id":"U-1","user":"u"}"#,
              fixed: true, ids: ["U-1", "A-1", "K-1"])
        check(.useStarted, #"{"asset_id":"A-1","authority":{"decision_id":"D-1"},"purpose":"p","use_id":"U-1","user":"u"}"#,
              fixed: true, ids: ["U-1", "A-1", "D-1"])
        check(.useStarted, #"{"asset_id":"A-1","purpose":"p","use_id":"U-1","user":"u"}"#, fixed: true, ids: ["U-1", "A-1"])
        check(.useStarted, #"{"asset_id":"A-1","authority":{"contract_id":"K-1","decision_id":"D-1"},"purpose":"p","use_id":"U-1","user":"u"}"#,
              fixed: false, links: false)
        check(.useStarted, #"{"asset_id":"A-1","authority":null,"purpose":"p","use_id":"U-1","user":"u"}"#, fixed: false, ids: ["U-1", "A-1"])
        check(.useStarted, "{\"asset_id\":\"A-1\",\"purpose\":\"p\",\"use_id\":\"U-1\",\"user\":\(PayloadRefsMovementTests.commitment)}",
              fixed: false, ids: ["U-1", "A-1"])
        check(.useEnded, #"{"use_id":"C00057-U1"}"#, fixed: true, ids: ["C00057-U1"])
        check(.useEnded, #"{"use_id":"U 1"}"#, fixed: false, links: false)
        check(.assetRegistered, #"{"area_m2":"1.44","asset_id":"C00001-A001","community_id":"C00001","kind":"advertising","location":"17号楼南侧","name":"电梯广告位1号","registered_on":"2021-01-04","source":{"import_id":"C00001-IMP1","kind":"import","row":1}}"#,
              fixed: true, ids: ["C00001-A001", "C00001"], importID: "C00001-IMP1")
        check(.assetRegistered, #"{"area_m2":"12.5","asset_id":"A-1","attributes":{"编号":"1","x":""},"community_id":"C-1","kind":"parking","location":"地下","name":"车位","registered_on":"2025-01-01","source":{"kind":"manual"}}"#,
              fixed: true, ids: ["A-1", "C-1"])
        check(.assetRegistered, #"{"area_m2":"12.50","asset_id":"A-1","community_id":"C-1","kind":"parking","location":"地下","name":"车位","registered_on":"2025-01-01","source":{"import_id":"I-1","kind":"import","row":0}}"#,
              fixed: false, links: false)
        check(.assetRegistered, #"{"area_m2":"12.505","asset_id":"A-1","community_id":"C-1","kind":"parking","location":"地下","name":"车位","registered_on":"2025-01-01","source":{"kind":"manual"}}"#,
              fixed: false, links: false)
        check(.assetRegistered, #"{"area_m2":"12.50","asset_id":"A-1","attributes":{"a\"b":"1"},"community_id":"C-1","kind":"parking","location":"地下","name":"车位","registered_on":"2025-01-01","source":{"kind":"manual"}}"#,
              fixed: false, ids: ["A-1", "C-1"])
        let contract = #"{"asset_ids":["C00002-A025"],"community_id":"C00002","contract_id":"C00002-K1","counterparty":"绿源园林绿化工程有限公司","end_on":"2022-03-14","payee_fund_id":"C00002-F1","purpose":"场地租赁","rent_fen":868000,"rent_period":"month","start_on":"2021-03-15"}"#
        check(.contractSigned, contract, fixed: true, ids: ["C00002-K1", "C00002", "C00002-F1", "C00002-A025"])
        check(.contractSigned, contract.replacingOccurrences(of: #""end_on""#, with: #""decision_id":"D-1","end_on""#), fixed: true,
              ids: ["C00002-K1", "C00002", "D-1", "C00002-F1", "C00002-A025"])
        check(.contractSigned, contract.replacingOccurrences(of: "868000", with: "0"), fixed: false,
              ids: ["C00002-K1", "C00002", "C00002-F1", "C00002-A025"])
        check(.contractSigned, contract.replacingOccurrences(of: "2022-03-14", with: "2021-03-14"), fixed: false, links: false)
        let decision = #"{"approving_area_m2":"111822.41","approving_owners":874,"authorises":{"amount_cap_fen":22310000,"asset_ids":["C00010-A037"],"purpose":"场地出租"},"community_id":"C00010","decision_id":"C00010-D1","matter":"change_use_or_operate","participating_area_m2":"243092.21","participating_owners":1902,"valid_until":"2023-03-15"}"#
        check(.decisionRecorded, decision, fixed: true, ids: ["C00010-D1", "C00010", "C00010-A037"])
        check(.decisionRecorded, decision.replacingOccurrences(of: #""amount_cap_fen":22310000,"asset_ids":["C00010-A037"],"purpose":"场地出租""#,
                                                               with: #""contract_id":"K-1""#),
              fixed: true, ids: ["C00010-D1", "C00010", "K-1"])
        check(.decisionRecorded, decision.replacingOccurrences(of: #","asset_ids":["C00010-A037"],"purpose":"场地出租""#, with: ""),
              fixed: true, ids: ["C00010-D1", "C00010"])
        check(.decisionRecorded, decision.replacingOccurrences(of: "2023-03-15", with: "2023-03-14"), fixed: false, links: false)
        check(.decisionRecorded, decision.replacingOccurrences(of: "874", with: "1903"), fixed: false, links: false)
        // A count of 19 digits (read to tell it from 18) whose value passes Int64.max: refused, never an overflow.
        check(.decisionRecorded, decision.replacingOccurrences(of: "874", with: "9999999999999999999"), fixed: false, links: false)
        check(.decisionRecorded, decision.replacingOccurrences(of: "1902", with: "9999999999999999999"), fixed: false, links: false)
        check(.decisionRecorded, decision.replacingOccurrences(of: "111822.41", with: "243092.22"), fixed: false, links: false)
        check(.decisionRecorded, decision.replacingOccurrences(of: #","valid_until":"2023-03-15""#, with: #","valid_until":null"#),
              fixed: false, ids: ["C00010-D1", "C00010", "C00010-A037"])
        // A type without a fixed reading is left to `links`.
        check(.occupationCleared, #"{"occupation_id":"O-1"}"#, fixed: false, ids: ["O-1"])
    }

    @Test func memberNameConstantsAreTheirTexts() {
        #expect(MemberName.registering.count == 34)
        for (name, text) in MemberName.registering { #expect(name == MemberName(text), "\(text)") }
    }
}
