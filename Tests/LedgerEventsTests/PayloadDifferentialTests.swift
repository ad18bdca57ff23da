import Foundation
import LedgerEvents
import LedgerTestSupport
import Testing

/// Seeded differential fuzzing of the payload decoder against `ReferenceSchema` (the field-by-field reader over
/// JSON values it replaced): for mutations of valid payloads of every type — wrong JSON kinds, missing, extra and
/// null members, bad dates, areas, amounts and ids, nested objects and replacements, several faults at once, a
/// payload read with another type's schema — the decoder must accept exactly what the reference accepts, with the
/// same value, and refuse the rest with the same `EventError.payload` (type, field path and reason).
///
/// LEDGER_FUZZ_ITERATIONS scales the number of inputs (default 3,000 per seed, times LEDGER_TEST_DEPTH).
@Suite("Payload decoder against the reference schema")
struct PayloadDifferentialTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    /// Valid payloads of every type, with every optional member present in some of them.
    static let bases: [(String, String)] = DomainPayloadTests.valid + [
        ("asset.registered", #"{"asset_id":"A-2","community_id":"C-1","kind":"roof","name":"屋顶","location":"3号楼","area_m2":"1,234.5","registered_on":"2024-01-08","source":{"kind":"manual"},"attributes":{}}"#),
        ("asset.updated", #"{"asset_id":"A-1","changes":{"kind":"roof","location":"西","attributes":{"编号":"P2","备注":""}},"source":{"kind":"import","import_id":"I-1","row":7}}"#),
        ("register.imported", #"{"import_id":"I-1","file_name":"台账.csv","file_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","rows_read":3,"rows_new":2,"rows_updated":1,"rows_unchanged":0,"community_id":"C-1"}"#),
        ("decision.recorded", #"{"decision_id":"D-1","community_id":"C-1","matter":"maintenance_fund_use","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"60","approving_owners":6,"authorises":{"contract_id":"K-1","purpose":"修屋顶","asset_ids":["A-1","A-2"]}}"#),
        ("contract.signed", #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1","A-2"],"counterparty":"公司","purpose":"停车","start_on":"2025-03-01","end_on":"2026-02-28","rent_fen":60000,"rent_period":"month","decision_id":"D-1","payee_fund_id":"F-1"}"#),
        ("use.started", #"{"use_id":"U-1","asset_id":"A-1","user":"舞蹈队","purpose":"活动","authority":{"contract_id":"K-1"}}"#),
        ("use.started", #"{"use_id":"U-1","asset_id":"A-1","user":"舞蹈队","purpose":"活动"}"#),
        ("inspection.recorded", #"{"asset_id":"A-1","observed":"in_use","inspector":"王强","note":"有车辆停放"}"#),
        ("occupation.cleared", #"{"occupation_id":"O-1","note":"已清理"}"#),
        ("fund.income", #"{"fund_id":"F-1","amount_fen":120000,"counterparty":"公司","voucher":"SJ-2","category":"leasing"}"#),
        ("fund.spending", #"{"fund_id":"F-1","amount_fen":5000,"counterparty":"公司","voucher":"FP-2","purpose":"维修","purpose_category":"repair","decision_id":"D-1"}"#),
        ("fund.transfer", #"{"from_fund_id":"F-1","to_fund_id":"F-2","amount_fen":500,"voucher":"ZZ-1","decision_id":"D-1"}"#),
        ("rectification.issued", #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":12,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"OCC-01/A-1/O-1/2025-01-10","responsible":"物业服务企业","deadline":"2025-04-01"},{"key":"CON-07/K-1","responsible":"业主委员会","deadline":"2025-03-01"}]}"#),
        ("rectification.reported", #"{"list_id":"L-1","keys":["OCC-01/A-1/O-1/2025-01-10"],"reported_by":"物业","measures":"已清理","evidence":[{"kind":"photo","ref":"现场.jpg","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},{"kind":"voucher","ref":"V-1"},{"kind":"contract","ref":"K-1","sha256":null}]}"#),
        ("rectification.verified", #"{"list_id":"L-1","keys":["OCC-01/A-1/O-1/2025-01-10","CON-07/K-1"],"result":"rejected","reason":"仍有杂物","verified_by":"街道办"}"#),
        ("rectification.verified", #"{"list_id":"L-1","keys":["CON-07/K-1"],"result":"closed","reason":null,"verified_by":"街道办"}"#),
        ("rectification.extended", #"{"list_id":"L-1","keys":["CON-07/K-1"],"deadline":"2025-05-01","reason":"待业主大会"}"#),
        ("correction", #"{"corrects":"ev-1","reason":"作废"}"#),
        ("correction", #"{"corrects":"ev-2","reason":"更正","replacement":{"type":"asset.registered","occurred_on":"2024-01-08","data":{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位1","location":"东侧","area_m2":"12.50","registered_on":"2024-01-08","source":{"kind":"manual"}}}}"#),
        ("correction", #"{"corrects":"ev-3","reason":"更正","replacement":{"type":"decision.recorded","occurred_on":"2025-02-01","data":{"decision_id":"D-1","community_id":"C-1","matter":"covenant","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"80","approving_owners":8,"authorises":{},"valid_until":"2025-06-30"}}}"#),
    ]

    static let names: [String] = [
        "account", "amount_cap_fen", "amount_fen", "approving_area_m2", "approving_owners", "area_m2", "asset_id",
        "asset_ids", "attributes", "authorises", "authority", "balance_fen", "category", "changes", "community_id",
        "contract_id", "corrects", "counterparty", "data", "decision_id", "description", "emergency", "end_on",
        "evidence", "file_name", "file_sha256", "from_fund_id", "fund_id", "fund_ids", "import_id", "inspector", "kind",
        "location", "matter", "name", "note", "observed", "occupant", "occupation_id", "occurred_on", "participating_area_m2",
        "participating_owners", "payee_fund_id", "period_from", "period_to", "purpose", "purpose_category", "reason",
        "registered_on", "rent_fen", "rent_period", "replacement", "residents_committee", "row", "rows_new", "rows_read",
        "rows_unchanged", "rows_updated", "source", "start_on", "statement_ref", "street", "to_fund_id", "total_area_m2",
        "total_owners", "type", "use_id", "user", "valid_until", "voucher", "list_id", "as_of", "at_seq", "report_sha256",
        "report_format", "report_lang", "prepared_on", "items", "key", "keys", "responsible", "deadline", "reported_by",
        "measures", "evidence", "ref", "sha256", "result", "verified_by",
        // Not allowed anywhere.
        "", "amount", "zzz", "A", "_", "é", "编号", "a\"b", "a\\b", "\u{1}",
    ]

    static let strings: [String] = [
        "", " ", "\t", "\u{3000}", "\u{85}", "\u{200B}", "x", "中文", "A-1", "A-2", "A 1", "A\"1", "a\\b", "\u{1}x", "\u{7F}",
        "A\u{A0}1", " \u{301}", "\u{301}", "\u{3000}\u{301}", "x\u{200D} ", "\u{2028}", "C-1", "C-2", "F-1", "F-2", "D-1", "K-1", "U-1", "O-1", "I-1", "ev-1", String(repeating: "x", count: 129),
        String(repeating: "y", count: 128), "2024-01-01", "2025-03-01", "2025-03-02", "2025-02-28", "2025-02-30", "2024-02-29",
        "2025-12-31", "1899-12-31", "2025-3-1", "20250301", "12.5", "12.50", "12.345", "1,234.5", "1,23", "0", "0.00", "35",
        "-1", ".5", "5.", "1000000000000", "1000000000001", "parking", "roof", "pool", "public_income", "month", "weekly",
        "idle", "change_use_or_operate", "covenant", "import", "manual", "excel", "fund.income", "correction",
        "asset.registered", "occupation.cleared", "decision.recorded", "nonsense.type",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "ABC", "OCC-01/A-1/O-1/2025-01-10", "CON-07/K-1",
        "html", "json", "pdf", "zh", "en", "fr", "photo", "voucher", "document", "closed", "rejected", "open",
    ]

    static let integers: [Int64] = [0, 1, -1, -5, 2, 3, 7, 100, 1_000_000_000_000, 1_000_000_000_001, 9_007_199_254_740_991,
                                    -9_007_199_254_740_991]

    /// Small objects that reach the rules of nested members (source, authority, attributes, changes, emergency).
    static let objects: [String] = [
        #"{"contract_id":"K-1","decision_id":"D-1"}"#, #"{"contract_id":null,"decision_id":null}"#, #"{"contract_id":null}"#,
        #"{"kind":"import","import_id":"I-1","row":1}"#, #"{"kind":"import","import_id":"I-1","row":0}"#,
        #"{"kind":"manual","row":1}"#, #"{"kind":"import"}"#, #"{"kind":" "}"#, #"{"name":null}"#,
        #"{"name":null,"kind":null,"attributes":null}"#, #"{"":"x"}"#, #"{"编号":1}"#, #"{"编号":"P1","":"y"}"#,
        #"{"type":"漏水"}"#, #"{"type":"漏水","evidence":" "}"#, #"{"area_m2":"0"}"#, #"{"attributes":{}}"#,
        #"{"key":"CON-07/K-1","responsible":"r","deadline":"2025-03-01"}"#, #"{"kind":"document","ref":"a.pdf"}"#,
        #"{"kind":"voucher","ref":"V","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}"#,
    ]

    static func randomValue(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        if depth == 0, random.chance(10) { return .object(parse(objects[random.below(objects.count)])) }
        switch random.below(depth > 1 ? 4 : 7) {
        case 0: return .null
        case 1: return .bool(random.chance(50))
        case 2: return .integer(integers[random.below(integers.count)])
        case 3: return .string(strings[random.below(strings.count)])
        case 4:
            var items: [JSONValue] = []
            for _ in 0..<random.below(4) {
                items.append(random.chance(75) ? .string(strings[random.below(strings.count)]) : randomValue(&random, depth: depth + 1))
            }
            return .array(items)
        case 5:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.below(4) { members[names[random.below(names.count)]] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        default:
            // A whole valid payload: a plausible replacement `data`, source or nested object.
            return .object(parse(bases[random.below(bases.count)].1))
        }
    }

    static func parse(_ text: String) -> [String: JSONValue] {
        guard case .object(let members)? = try? JSONParser.parse(text) else { fatalError("not an object: \(text)") }
        return members
    }

    /// Changes one member somewhere in `object` (at depth `0…`), in one of several ways.
    static func mutate(_ object: inout [String: JSONValue], _ random: inout SplitMix64) {
        let keys = object.keys.sorted()
        // Descend into a nested object now and then.
        if !keys.isEmpty, random.chance(35) {
            let key = keys[random.below(keys.count)]
            if case .object(var inner) = object[key]! {
                mutate(&inner, &random)
                object[key] = .object(inner)
                return
            }
            if case .array(var items) = object[key]!, !items.isEmpty {
                let index = random.below(items.count)
                items[index] = random.chance(50) ? .string(strings[random.below(strings.count)]) : randomValue(&random)
                object[key] = .array(items)
                return
            }
        }
        switch random.below(8) {
        case 6 where keys.count > 1:
            // One member's value in another's place: reaches the rules that compare two fields.
            let from = keys[random.below(keys.count)], to = keys[random.below(keys.count)]
            if random.chance(50) { (object[from], object[to]) = (object[to], object[from]) } else { object[to] = object[from] }
        case 7 where !keys.isEmpty:
            for key in keys where random.chance(60) { object[key] = .null }
        case 0 where !keys.isEmpty:
            object[keys[random.below(keys.count)]] = nil
        case 1 where !keys.isEmpty:
            object[keys[random.below(keys.count)]] = .null
        case 2:
            object[names[random.below(names.count)]] = randomValue(&random)
        case 3 where !keys.isEmpty:
            // Same kind, other value: reaches the checks past the kind check.
            let key = keys[random.below(keys.count)]
            switch object[key]! {
            case .string: object[key] = .string(strings[random.below(strings.count)])
            case .integer: object[key] = .integer(integers[random.below(integers.count)])
            case .array(let items) where !items.isEmpty: object[key] = .array(items + [items[random.below(items.count)]])
            default: object[key] = randomValue(&random)
            }
        case 4 where !keys.isEmpty:
            object[keys[random.below(keys.count)]] = randomValue(&random)
        default:
            // A replacement of any type around this payload, or this payload's own replacement re-typed.
            object["replacement"] = .object([
                "type": .string(random.chance(80) ? bases[random.below(bases.count)].0 : strings[random.below(strings.count)]),
                "occurred_on": .string(random.chance(80) ? "2025-01-15" : strings[random.below(strings.count)]),
                "data": random.chance(85) ? .object(parse(bases[random.below(bases.count)].1)) : randomValue(&random),
            ])
        }
    }

    /// The value without its written form (which the reference does not record).
    static func plain(_ payload: DomainEvent) -> DomainEvent {
        switch payload {
        case .assetRegistered(var p): p.written = WrittenForm(); return .assetRegistered(p)
        case .assetUpdated(var p): p.written = WrittenForm(); return .assetUpdated(p)
        case .registerImported(var p): p.written = WrittenForm(); return .registerImported(p)
        case .decisionRecorded(var p): p.written = WrittenForm(); return .decisionRecorded(p)
        case .contractSigned(var p): p.written = WrittenForm(); return .contractSigned(p)
        case .useStarted(var p): p.written = WrittenForm(); return .useStarted(p)
        case .inspectionRecorded(var p): p.written = WrittenForm(); return .inspectionRecorded(p)
        case .occupationCleared(var p): p.written = WrittenForm(); return .occupationCleared(p)
        case .fundIncome(var p): p.written = WrittenForm(); return .fundIncome(p)
        case .fundSpending(var p): p.written = WrittenForm(); return .fundSpending(p)
        case .fundTransfer(var p): p.written = WrittenForm(); return .fundTransfer(p)
        case .rectificationReported(var p):
            for index in p.evidence.indices { p.evidence[index].written = WrittenForm() }
            return .rectificationReported(p)
        case .rectificationVerified(var p): p.written = WrittenForm(); return .rectificationVerified(p)
        case .personalDataErased(var p): p.written = WrittenForm(); return .personalDataErased(p)
        case .correction(var p):
            p.written = WrittenForm()
            if let replacement = p.replacement { p.replacement?.payload = plain(replacement.payload) }
            return .correction(p)
        default: return payload
        }
    }

    static let dates = ["2025-03-01", "2025-03-01", "2025-03-01", "2024-01-08", "2025-01-15", "2026-06-30"].map { CalendarDate(iso: $0)! }

    @Test("mutated payloads: the decoder and the reference agree on acceptance, value and message",
          arguments: [UInt64(0x5EED_0001), 0x5EED_0002, 0x5EED_0003])
    func decoderAgreesWithReference(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var accepted = 0, refused = 0, disagreements = 0
        for n in 0..<Self.iterations {
            let base = Self.bases[random.below(Self.bases.count)]
            var data = Self.parse(base.1)
            if n % 10 != 0 {
                for _ in 0..<(1 + random.below(3)) { Self.mutate(&data, &random) }
            }
            // Now and then read the payload with another type's schema, or an unknown type.
            var type = base.0
            if random.chance(8) { type = Self.bases[random.below(Self.bases.count)].0 }
            if random.chance(1) { type = "fund.incme" }
            let date = Self.dates[random.below(Self.dates.count)]
            let bytes = CanonicalJSON.encode(.object(data))
            let expected = Result { () throws(EventError) in try ReferenceSchema.decode(type: type, occurredOn: date, data: data) }
            let actual = Result { () throws(EventError) in try DomainEvent.decode(type: type, occurredOn: date, canonicalData: bytes[...]) }
            let input = "seed \(seed) input \(n): \(type) \(String(decoding: bytes, as: UTF8.self)) on \(date)"
            switch (expected, actual) {
            case (.success(let want), .success(let got)):
                accepted += 1
                if Self.plain(got) != want { disagreements += 1; Issue.record("different values for \(input)") }
                if PayloadCodec.encode(got) != bytes { disagreements += 1; Issue.record("does not encode to its bytes: \(input)") }
            case (.failure(let want), .failure(let got)):
                refused += 1
                if got != want { disagreements += 1; Issue.record("\(input)\n  reference: \(want)\n  decoder:   \(got)") }
            case (.success, .failure(let got)):
                disagreements += 1
                Issue.record("the decoder refuses what the reference accepts: \(input)\n  \(got)")
            case (.failure(let want), .success):
                disagreements += 1
                Issue.record("the decoder accepts what the reference refuses: \(input)\n  \(want)")
            }
            if disagreements > 20 { break }
        }
        // Both outcomes must occur often, or the mutations test little.
        #expect(accepted > Self.iterations / 20 && refused > Self.iterations / 3, "accepted \(accepted), refused \(refused)")
    }
}
