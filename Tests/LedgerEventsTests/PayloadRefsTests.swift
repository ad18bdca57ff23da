@testable import LedgerEvents
import LedgerTestSupport
import Testing

/// `PayloadRefs.read` (the rebuild's reading of leaf facts from their bytes) against the one schema's decoder:
/// whenever it vouches for a payload, `PayloadCodec.decode` accepts the same bytes and the payload names the same
/// ids, of the same kinds, in the same order. Over seeded random payloads of every type (`PayloadGenerator`: every
/// written form, texts full of escapes and non-ASCII) and over mutations of them that a schema must refuse or read
/// differently: a member removed, added, or given a value of another kind, an amount out of range, an id list
/// with a repeat, the same fund on both sides of a transfer, a byte changed.
@Suite("Payload refs against the schema")
struct PayloadRefsTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    /// The check itself: nil when `read` declined; otherwise whether it agreed with `decode`.
    static func agrees(_ type: EventType, _ bytes: [UInt8], occurredOn: CalendarDate) -> (vouched: Bool, agreed: Bool) {
        var refs: [PayloadRefs.Ref] = [PayloadRefs.Ref(kind: .list, range: 0..<0, notRetired: false)]
        let vouched = PayloadRefs.read(type, data: bytes[...], into: &refs)
        guard vouched else { return (false, refs.count == 1) }
        guard let decoded = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: bytes[...]),
              let ids = PayloadRefs.ids(of: decoded) else { return (true, false) }
        let read = refs.dropFirst().map { (kind: $0.kind, id: String(decoding: bytes[$0.range], as: UTF8.self), notRetired: $0.notRetired) }
        let same = read.count == ids.count && zip(read, ids).allSatisfy { $0.kind == $1.kind && $0.id == $1.id && $0.notRetired == $1.notRetired }
        return (true, same)
    }

    static let strangeValues: [String] = [
        "null", "0", "-1", "1000000000001", "1000000000000", "true", "\"\"", "\" x\"", "\"\\u0041\"", "\"a\\\"b\"", "[]", "{}",
        "[\"X\",\"X\"]", "[\"X\",1]", "[\"X\",\"Y\"]", "\"X\"", "\"车位\"", "\"\\t\"", "{\"commitment\":\"00\"}",
        "{\"contract_id\":null}", "{\"contract_id\":\"K-1\",\"x\":1}", "{\"type\":\"t\",\"evidence\":\"e\"}", "\"idle\"", "\"IDLE\"",
        "{\"commitment\":\"" + String(repeating: "a", count: 64) + "\"}", "{\"person\":\"p\"}", "\"" + String(repeating: "x", count: 129) + "\"",
    ]

    @Test("read vouches only for what decode accepts, with the same ids", arguments: [UInt64(0xFA57_0001), 0xFA57_0002])
    func readAgreesWithDecode(seed: UInt64) throws {
        var g = PayloadGenerator(seed: seed)
        var vouchedByType: [EventType: Int] = [:]
        var mutantsVouched = 0
        var mutantsRefused = 0
        for n in 0..<Self.iterations {
            let type = EventType.allCases[n % EventType.allCases.count]
            let date = g.date()
            let payload = g.payload(type, occurredOn: date)
            let bytes = PayloadCodec.encode(payload)
            let (vouched, agreed) = Self.agrees(type, bytes, occurredOn: date)
            #expect(agreed, "seed \(seed) #\(n) \(type): \(String(decoding: bytes, as: UTF8.self))")
            if vouched { vouchedByType[type, default: 0] += 1 }
            #expect(!vouched || PayloadRefs.reads(type), "only leaf types are read")
            guard PayloadRefs.reads(type), let members = try JSONParser.parse(bytes).objectValue else { continue }
            // Mutations of a leaf payload.
            for m in 0..<6 {
                var mutant: [UInt8]
                let names = members.keys.sorted()
                switch (m + g.random.below(4)) % 5 {
                case 0:
                    var fewer = members
                    fewer[g.pick(names)] = nil
                    mutant = CanonicalJSON.encode(.object(fewer))
                case 1:
                    var more = members
                    more[g.pick(["zzz", "fund", "asset_ids", "source", "emergency", "note"])] = .integer(1)
                    mutant = CanonicalJSON.encode(.object(more))
                case 2:
                    let value = try JSONParser.parse(g.pick(Self.strangeValues))
                    var changed = members
                    changed[g.pick(names)] = value
                    mutant = CanonicalJSON.encode(.object(changed))
                case 3:
                    // Two members given the same value (a transfer between one fund).
                    var changed = members
                    if let from = members["from_fund_id"] { changed["to_fund_id"] = from }
                    else if let other = members[g.pick(names)] { changed[g.pick(names)] = other }
                    mutant = CanonicalJSON.encode(.object(changed))
                default:
                    mutant = bytes
                    let at = g.random.below(mutant.count)
                    mutant[at] = g.pick(Array("{}[]\",:0a\\ -n".utf8) + [0x80, 0xE4, 0x00])
                }
                let (mutantVouched, mutantAgreed) = Self.agrees(type, mutant, occurredOn: date)
                #expect(mutantAgreed, "seed \(seed) #\(n).\(m) \(type): \(String(decoding: mutant, as: UTF8.self))")
                if mutantVouched { mutantsVouched += 1 } else { mutantsRefused += 1 }
            }
        }
        // Not vacuous: every leaf type is read from its bytes often, and mutants both ways.
        for type in EventType.allCases where PayloadRefs.reads(type) {
            #expect(vouchedByType[type, default: 0] >= 5, "\(type) read from its bytes \(vouchedByType[type, default: 0]) times")
        }
        #expect(mutantsVouched > 50 && mutantsRefused > 50, "mutants vouched for \(mutantsVouched), refused \(mutantsRefused)")
    }

    /// `movement` (the funds' fold's reading of a money movement from its bytes) vouches exactly when `read` does,
    /// and then gives the decoded payload's fund, receiving fund, amount and category.
    static func movementAgrees(_ type: EventType, _ bytes: [UInt8], occurredOn: CalendarDate) -> (vouched: Bool, agreed: Bool) {
        var scratch: [PayloadRefs.Ref] = []
        var refs: [PayloadRefs.Ref] = []
        let movement = PayloadRefs.movement(type, data: bytes[...], scratch: &scratch)
        let read = PayloadRefs.read(type, data: bytes[...], into: &refs)
        // Declining is always allowed (the payload is then decoded): `movement` also declines a category that is not
        // valid UTF-8, which `read` (which needs no category) accepts.
        guard let movement else { return (false, true) }
        guard read, let decoded = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: bytes[...]) else { return (true, false) }
        func text(_ range: Range<Int>?) -> String? { range.map { String(decoding: bytes[$0], as: UTF8.self) } }
        switch decoded {
        case .fundIncome(let p):
            return (true, text(movement.fund) == p.fundID && movement.other == nil && movement.amountFen == p.amount.fen
                    && text(movement.category) == p.category && movement.category.map { bytes[$0].elementsEqual(p.category.utf8) } == true)
        case .fundSpending(let p):
            return (true, text(movement.fund) == p.fundID && movement.other == nil && movement.amountFen == p.amount.fen
                    && text(movement.category) == p.purposeCategory
                    && movement.category.map { !bytes[$0].elementsEqual(p.purposeCategory!.utf8) } != true)
        case .fundTransfer(let p):
            return (true, text(movement.fund) == p.fromFundID && text(movement.other) == p.toFundID && movement.amountFen == p.amount.fen
                    && movement.category == nil)
        default:
            return (true, false)
        }
    }

    @Test("movement vouches only for what decode accepts, with the same row", arguments: [UInt64(0xF00D_0001), 0xF00D_0002])
    func movementAgreesWithDecode(seed: UInt64) throws {
        var g = PayloadGenerator(seed: seed)
        let types: [EventType] = [.fundIncome, .fundSpending, .fundTransfer]
        var vouched = 0, refused = 0
        for n in 0..<Self.iterations {
            let type = types[n % types.count]
            let date = g.date()
            let bytes = PayloadCodec.encode(g.payload(type, occurredOn: date))
            let (ok, agreed) = Self.movementAgrees(type, bytes, occurredOn: date)
            #expect(agreed, "seed \(seed) #\(n) \(type): \(String(decoding: bytes, as: UTF8.self))")
            if ok { vouched += 1 } else { refused += 1 }
            guard let members = try JSONParser.parse(bytes).objectValue else { continue }
            for _ in 0..<4 {
                var mutant: [UInt8]
                let names = members.keys.sorted()
                switch g.random.below(4) {
                case 0:
                    var changed = members
                    changed[g.pick(names)] = try JSONParser.parse(g.pick(Self.strangeValues))
                    mutant = CanonicalJSON.encode(.object(changed))
                case 1:
                    var fewer = members
                    fewer[g.pick(names)] = nil
                    mutant = CanonicalJSON.encode(.object(fewer))
                case 2:
                    var changed = members
                    changed[g.pick(["category", "purpose_category", "fund_id", "to_fund_id"])] = .string(g.pick(["停车", "caf\u{E9}", "cafe\u{301}", "a\"b", " x", "\u{3000}x", "K", "\u{212A}"]))
                    mutant = CanonicalJSON.encode(.object(changed))
                default:
                    mutant = bytes
                    let at = g.random.below(mutant.count)
                    mutant[at] = g.pick(Array("{}[]\",:0a\\ -n".utf8) + [0x80, 0xE4, 0x00])
                }
                let (mutantOK, mutantAgreed) = Self.movementAgrees(type, mutant, occurredOn: date)
                #expect(mutantAgreed, "seed \(seed) #\(n) \(type): \(String(decoding: mutant, as: UTF8.self))")
                if mutantOK { vouched += 1 } else { refused += 1 }
            }
        }
        #expect(vouched > 200 && refused > 200, "vouched for \(vouched), refused \(refused)")
        // Other types are never read as movements.
        var scratch: [PayloadRefs.Ref] = []
        #expect(PayloadRefs.movement(.fundBalanceAsserted, data: Array(#"{"balance_fen":0,"fund_id":"F-1","statement_ref":"s"}"#.utf8)[...], scratch: &scratch) == nil)
    }

    /// The schema's refusals that `read` must mirror, one by one (each would be a fact the full decoder refuses).
    @Test func readRefusesWhatTheSchemaRefuses() {
        func vouches(_ type: EventType, _ json: String) -> Bool {
            var refs: [PayloadRefs.Ref] = []
            return PayloadRefs.read(type, data: Array(json.utf8)[...], into: &refs)
        }
        let income = #"{"amount_fen":100,"category":"x","counterparty":"c","fund_id":"F-1","voucher":"v"}"#
        #expect(vouches(.fundIncome, income))
        #expect((try? PayloadCodec.decode(type: .fundIncome, occurredOn: CalendarDate(dayNumber: 20_000), data: Array(income.utf8)[...])) != nil)
        for bad in [
            #"{"amount_fen":0,"category":"x","counterparty":"c","fund_id":"F-1","voucher":"v"}"#,
            #"{"amount_fen":100,"category":" ","counterparty":"c","fund_id":"F-1","voucher":"v"}"#,
            #"{"amount_fen":100,"category":"x","counterparty":"c","fund_id":"F 1","voucher":"v"}"#,
            #"{"amount_fen":100,"category":"x","counterparty":"c","fund_id":"F-1"}"#,
            #"{"amount_fen":100,"category":"x","counterparty":"c","fund_id":"F-1","source":[],"voucher":"v"}"#,
            #"{"amount_fen":100,"category":"x","counterparty":"c","extra":1,"fund_id":"F-1","voucher":"v"}"#,
            #"{"amount_fen":"100","category":"x","counterparty":"c","fund_id":"F-1","voucher":"v"}"#,
            #"{"amount_fen":100,"category":"x","counterparty":{"person":"p"},"fund_id":"F-1","voucher":"v"}"#,
        ] {
            #expect(!vouches(.fundIncome, bad), "\(bad)")
            #expect((try? PayloadCodec.decode(type: .fundIncome, occurredOn: CalendarDate(dayNumber: 20_000), data: Array(bad.utf8)[...])) == nil, "\(bad)")
        }
        #expect(!vouches(.fundTransfer, #"{"amount_fen":5,"from_fund_id":"F-1","to_fund_id":"F-1","voucher":"v"}"#))
        #expect(vouches(.fundTransfer, #"{"amount_fen":5,"from_fund_id":"F-1","to_fund_id":"F-2","voucher":"v"}"#))
        #expect(vouches(.fundBalanceAsserted, #"{"balance_fen":0,"fund_id":"F-1","statement_ref":"s"}"#))
        #expect(!vouches(.fundBalanceAsserted, #"{"balance_fen":-1,"fund_id":"F-1","statement_ref":"s"}"#))
        #expect(!vouches(.fundSpending, #"{"amount_fen":5,"asset_ids":["A-1","A-1"],"counterparty":"c","fund_id":"F-1","purpose":"p","voucher":"v"}"#))
        #expect(!vouches(.fundSpending, #"{"amount_fen":5,"asset_ids":[],"counterparty":"c","fund_id":"F-1","purpose":"p","voucher":"v"}"#))
        #expect(vouches(.fundSpending, #"{"amount_fen":5,"asset_ids":["A-1","A-2"],"counterparty":"c","fund_id":"F-1","purpose":"p","voucher":"v"}"#))
        #expect(!vouches(.inspectionRecorded, #"{"asset_id":"A-1","inspector":"i","observed":"fine"}"#))
        #expect(vouches(.inspectionRecorded, #"{"asset_id":"A-1","inspector":"i","observed":"idle"}"#))
        // A type that registers is never read from its bytes.
        #expect(!vouches(.useEnded, #"{"use_id":"U-1"}"#))
    }
}
