@testable import LedgerEvents
import LedgerTestSupport
import Testing

/// `PayloadRefs.fixedMovement` (a money movement read in the canonical member order) against `PayloadRefs.movement`
/// (the member-table reader): the same answer on every input — the same movement, or nil for both. Over seeded
/// payloads assembled member by member in sorted order (every movement type, each optional member absent, present
/// or null, texts with escapes, CJK, leading white space, ids out of their fast form, amounts in every spelling,
/// commitments, emergencies, repeated and unknown members, members out of order, white space, truncations) and their
/// byte mutations, and over `PayloadGenerator`'s payloads. Not vacuous: both the fixed reading and the fallback are
/// taken many times.
@Suite("Fixed-order movement reader against the member table")
struct PayloadRefsMovementTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    static let texts = [
        "\"广告位收益\"", "\"C00084-V1\"", "\"x\"", "\"审计费用\"", "\"a b\"", "\"停车\"", "\"a\\\"b\"", "\"\\u0041\"", "\"\\n\"",
        "\" x\"", "\"\\tx\"", "\"\u{3000}x\"", "\"\u{A0}x\"", "\"\"", "\"😀\"", "\"caf\u{E9}\"", "\"cafe\u{301}\"", "\"\u{1}\"",
        "\"\u{85}x\"", "\"\u{2028}\"", "\"K\"", "\"\u{212A}\"", "null", "1", "[]", "{}", "\"" + String(repeating: "长", count: 50) + "\"",
    ]
    static let ids = [
        "\"C00084-F1\"", "\"F-1\"", "\"F-2\"", "\"C00001-F3\"", "\"x\"", "\"车位\"", "\"F 1\"", "\"\"", "\"F\\\\1\"", "\"F\\u0031\"",
        "\"" + String(repeating: "x", count: 128) + "\"", "\"" + String(repeating: "x", count: 129) + "\"", "null", "7", "\"A~\"",
        "\"A\u{7F}\"",
    ]
    static let amounts = [
        "157550", "1", "0", "-1", "007", "1000000000000", "1000000000001", "9999999999999", "99999999999999", "1e3", "1.5",
        "\"100\"", "null", "12345678901234567890", "-0", "2147483648",
    ]
    static let commitment = "{\"commitment\":\"" + String(repeating: "ab", count: 32) + "\"}"

    /// A value for a member: usually a plain one (so that the fixed reading is taken), sometimes any of `pool`.
    static func value(_ g: inout PayloadGenerator, _ pool: [String], plain: [String]) -> String {
        g.chance(80) ? g.pick(plain) : g.pick(pool)
    }

    /// Optional member: absent (nil), present, or null.
    static func optional(_ g: inout PayloadGenerator, _ make: (inout PayloadGenerator) -> String) -> String? {
        switch g.random.below(10) {
        case 0: return "null"
        case 1, 2, 3, 4: return nil
        default: return make(&g)
        }
    }

    static let plainTexts = ["\"广告位收益\"", "\"C00084-V1\"", "\"x\"", "\"审计费用\"", "\"停车 场\"", "\"advertising\""]
    static let plainIDs = ["\"C00084-F1\"", "\"F-1\"", "\"F-2\"", "\"C00001-F3\"", "\"D-9\"", "\"A-1\"", "\"A-2\""]
    static let plainAmounts = ["157550", "1", "1000000000000", "42"]

    static func text(_ g: inout PayloadGenerator) -> String { value(&g, texts, plain: plainTexts) }
    static func id(_ g: inout PayloadGenerator) -> String { value(&g, ids, plain: plainIDs) }
    static func amount(_ g: inout PayloadGenerator) -> String { value(&g, amounts, plain: plainAmounts) }
    static func person(_ g: inout PayloadGenerator) -> String { g.chance(10) ? commitment : text(&g) }

    /// A payload of `type`, its members (name, value) in sorted order, then perhaps disturbed.
    static func payload(_ type: EventType, _ g: inout PayloadGenerator) -> [UInt8] {
        var members: [(String, String?)]
        switch type {
        case .fundIncome:
            members = [("amount_fen", amount(&g)), ("category", text(&g)), ("counterparty", person(&g)), ("fund_id", id(&g)),
                       ("source", optional(&g) { g in
                           switch g.random.below(6) {
                           case 0: return "{}"
                           case 1: return "{\"contract_id\":null}"
                           case 2: return "{\"contract_id\":\(id(&g)),\"x\":1}"
                           case 3: return "[]"
                           default: return "{\"contract_id\":\(id(&g))}"
                           }
                       }), ("voucher", text(&g))]
        case .fundSpending:
            members = [("amount_fen", amount(&g)),
                       ("asset_ids", optional(&g) { g in
                           let count = g.random.below(4)
                           return "[" + (0..<count).map { _ in id(&g) }.joined(separator: ",") + "]"
                       }),
                       ("counterparty", person(&g)), ("decision_id", optional(&g) { id(&$0) }),
                       ("emergency", g.chance(10) ? "{\"evidence\":\(text(&g)),\"type\":\(text(&g))}" : nil),
                       ("fund_id", id(&g)), ("purpose", text(&g)), ("purpose_category", optional(&g) { text(&$0) }), ("voucher", text(&g))]
        default:
            let from = id(&g)
            members = [("amount_fen", amount(&g)), ("decision_id", optional(&g) { id(&$0) }), ("from_fund_id", from),
                       ("to_fund_id", g.chance(10) ? from : id(&g)), ("voucher", text(&g))]
        }
        var written = members.compactMap { name, value in value.map { "\"\(name)\":\($0)" } }
        switch g.random.below(20) {
        case 0: written.insert("\"zzz\":1", at: g.random.below(written.count + 1))
        case 1: if written.count > 1 { written.swapAt(0, 1 + g.random.below(written.count - 1)) }
        case 2: written.append(written[g.random.below(written.count)])
        case 3: if !written.isEmpty { written.remove(at: g.random.below(written.count)) }
        case 4: written.insert("\"aaa\":\"x\"", at: 0)
        default: break
        }
        var json = "{" + written.joined(separator: g.chance(3) ? ", " : ",") + "}"
        switch g.random.below(30) {
        case 0: json += " "
        case 1: json = " " + json
        case 2: json.removeLast()
        case 3: json += "}"
        default: break
        }
        return Array(json.utf8)
    }

    /// The two readers' answers on `bytes`, and whether the fixed reading was taken (not the fallback).
    static func compare(_ type: EventType, _ bytes: [UInt8], slice: Bool) -> (same: Bool, fixed: Bool) {
        // Also read at a slice that does not start at 0 (a record's `data` inside its line).
        let padded = slice ? Array("xx".utf8) + bytes + Array("yy".utf8) : bytes
        let data = slice ? padded[2..<(2 + bytes.count)] : padded[...]
        var scratch: [PayloadRefs.Ref] = []
        let expected = PayloadRefs.movement(type, data: data, scratch: &scratch)
        let fixed = PayloadRefs.canonicalMovement(type, data)
        var scratch2: [PayloadRefs.Ref] = []
        let answer = PayloadRefs.fixedMovement(type, data: data, scratch: &scratch2)
        return (answer == expected && (fixed == nil || fixed == expected), fixed != nil)
    }

    @Test("fixedMovement gives movement's answer on every input", arguments: [UInt64(0x11F1_0001), 0x11F1_0002])
    func fixedMovementAgreesWithMemberTable(seed: UInt64) throws {
        var g = PayloadGenerator(seed: seed)
        let types: [EventType] = [.fundIncome, .fundSpending, .fundTransfer]
        var fixedByType: [EventType: Int] = [:]
        var fellBack = 0, fellBackVouched = 0
        for n in 0..<Self.iterations * 3 {
            let type = types[n % types.count]
            var inputs = [Self.payload(type, &g)]
            // Byte mutations of the first.
            for _ in 0..<2 {
                var mutant = inputs[0]
                let at = g.random.below(mutant.count)
                mutant[at] = g.pick(Array("{}[]\",:0a\\ -n1".utf8) + [0x80, 0xE4, 0x00, 0x7F, 0xC2])
                inputs.append(mutant)
            }
            // The schema's own encoder's payloads (every written form, texts full of escapes and non-ASCII).
            inputs.append(PayloadCodec.encode(g.payload(type, occurredOn: g.date())))
            for (i, bytes) in inputs.enumerated() {
                let (same, fixed) = Self.compare(type, bytes, slice: (n + i) % 2 == 1)
                #expect(same, "seed \(seed) #\(n).\(i) \(type): \(String(decoding: bytes, as: UTF8.self))")
                if fixed { fixedByType[type, default: 0] += 1 } else {
                    fellBack += 1
                    var scratch: [PayloadRefs.Ref] = []
                    if PayloadRefs.movement(type, data: bytes[...], scratch: &scratch) != nil { fellBackVouched += 1 }
                }
            }
        }
        for type in types { #expect(fixedByType[type, default: 0] >= Self.iterations / 20, "\(type) read in order \(fixedByType[type, default: 0]) times") }
        // The fallback is taken, and some of what it takes the member table still reads (escapes, commitments, …).
        #expect(fellBack > Self.iterations && fellBackVouched > 20, "fell back \(fellBack) times, \(fellBackVouched) of them read by the table")
    }

    /// Hand-made cases: the plain forms are read in order; each form the fixed reading must leave to the table is.
    @Test func fixedMovementTakesThePlainFormsAndLeavesTheRest() {
        /// `read`: whether `movement` (the member table) reads it at all.
        func check(_ type: EventType, _ json: String, fixed: Bool, read: Bool = true, sourceLine: SourceLocation = #_sourceLocation) {
            let bytes = Array(json.utf8)
            let (same, wasFixed) = Self.compare(type, bytes, slice: false)
            #expect(same, "\(json)", sourceLocation: sourceLine)
            #expect(wasFixed == fixed, "\(json)", sourceLocation: sourceLine)
            var scratch: [PayloadRefs.Ref] = []
            #expect((PayloadRefs.movement(type, data: bytes[...], scratch: &scratch) != nil) == read, "\(json)", sourceLocation: sourceLine)
        }
        check(.fundIncome, #"{"amount_fen":157550,"category":"advertising","counterparty":"广告位收益","fund_id":"C00084-F1","source":{},"voucher":"C00084-V1"}"#, fixed: true)
        check(.fundIncome, #"{"amount_fen":1,"category":"停车","counterparty":"c","fund_id":"F-1","source":{"contract_id":"K-1"},"voucher":"v"}"#, fixed: true)
        check(.fundIncome, #"{"amount_fen":1,"category":"x","counterparty":"c","fund_id":"F-1","voucher":"v"}"#, fixed: true)
        check(.fundSpending, #"{"amount_fen":5,"asset_ids":["A-1","A-2"],"counterparty":"c","decision_id":"D-1","fund_id":"F-1","purpose":"p","purpose_category":"governance","voucher":"v"}"#, fixed: true)
        check(.fundSpending, #"{"amount_fen":5,"counterparty":"c","fund_id":"F-1","purpose":"p","voucher":"v"}"#, fixed: true)
        check(.fundTransfer, #"{"amount_fen":5,"decision_id":"D-1","from_fund_id":"F-1","to_fund_id":"F-2","voucher":"v"}"#, fixed: true)
        // Left to the member table, which reads them (null, an emergency, a commitment).
        check(.fundIncome, #"{"amount_fen":1,"category":"x","counterparty":"c","fund_id":"F-1","source":null,"voucher":"v"}"#, fixed: false)
        check(.fundSpending, #"{"amount_fen":5,"counterparty":"c","emergency":{"evidence":"e","type":"t"},"fund_id":"F-1","purpose":"p","voucher":"v"}"#, fixed: false)
        check(.fundSpending, "{\"amount_fen\":5,\"counterparty\":\(Self.commitment),\"fund_id\":\"F-1\",\"purpose\":\"p\",\"voucher\":\"v\"}", fixed: false)
        // Refused by both, so decoded in full by the caller (an escape in a text too: the member table's fast form of
        // a text has none).
        check(.fundIncome, #"{"amount_fen":1,"category":"x","counterparty":"c\"d","fund_id":"F-1","voucher":"v"}"#, fixed: false, read: false)
        check(.fundTransfer, #"{"amount_fen":5,"from_fund_id":"F-1","to_fund_id":"F-1","voucher":"v"}"#, fixed: false, read: false)
        check(.fundSpending, #"{"amount_fen":5,"asset_ids":["A-1","A-1"],"counterparty":"c","fund_id":"F-1","purpose":"p","voucher":"v"}"#, fixed: false, read: false)
        check(.fundIncome, #"{"amount_fen":1000000000001,"category":"x","counterparty":"c","fund_id":"F-1","voucher":"v"}"#, fixed: false, read: false)
        check(.fundIncome, #"{"amount_fen":1,"category":"x","counterparty":"c","fund_id":"F-1","voucher":"v","zzz":1}"#, fixed: false, read: false)
        check(.fundIncome, #"{"amount_fen":1,"category":"x","counterparty":"c","fund_id":"F-1","voucher":"v"} "#, fixed: false, read: false)
        // Other types are never read as movements.
        check(.fundBalanceAsserted, #"{"balance_fen":0,"fund_id":"F-1","statement_ref":"s"}"#, fixed: false, read: false)
    }

    /// The member-name constants are the bytes of the names they stand for.
    @Test func memberNameConstantsAreTheirTexts() {
        #expect(MemberName.all.count == 17)
        for (name, text) in MemberName.all { #expect(name == MemberName(text), "\(text)") }
    }

    /// The word scan of strings (eight bytes at a time, then byte by byte) at every length and alignment: a byte
    /// that ends, escapes or (in an id) spoils the string at every position of ids and texts of 0–33 bytes, the
    /// payload read at slices starting 0–8 bytes into a larger array (followed by bytes a scan past its end would
    /// take for a quote or a brace). Same answer as `movement` on every one; the plain ones read in order.
    @Test func stringsOfEveryLengthAndAlignment() {
        let special: [UInt8] = [0x22, 0x5C, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0x00, 0x1F, 0xE4, 0x7D]
        var fixedCount = 0, checked = 0
        for length in 0...33 {
            for at in -1..<length {
                for b in special {
                    // -1: the plain string of `length` bytes, no special byte.
                    guard at >= 0 || b == special[0] else { continue }
                    var value = Array(repeating: UInt8(ascii: "a"), count: length)
                    if at >= 0 { value[at] = b }
                    value = [0x22] + value + [0x22]
                    // The same string as the fund's id, the category (valid UTF-8 checked), the voucher (last member).
                    let forms: [[UInt8]] = [
                        Array(#"{"amount_fen":5,"category":"c","counterparty":"p","fund_id":"#.utf8) + value + Array(#","voucher":"v"}"#.utf8),
                        Array(#"{"amount_fen":5,"category":"#.utf8) + value + Array(#","counterparty":"p","fund_id":"F-1","voucher":"v"}"#.utf8),
                        Array(#"{"amount_fen":5,"category":"c","counterparty":"p","fund_id":"F-1","voucher":"#.utf8) + value + [UInt8(ascii: "}")],
                    ]
                    for (f, bytes) in forms.enumerated() {
                        for offset in 0...8 {
                            let padded = Array(repeating: UInt8(ascii: "x"), count: offset) + bytes + Array("}\"]".utf8)
                            let data = padded[offset..<(offset + bytes.count)]
                            var scratch: [PayloadRefs.Ref] = []
                            let expected = PayloadRefs.movement(.fundIncome, data: data, scratch: &scratch)
                            let fixed = PayloadRefs.canonicalMovement(.fundIncome, data)
                            var scratch2: [PayloadRefs.Ref] = []
                            #expect(PayloadRefs.fixedMovement(.fundIncome, data: data, scratch: &scratch2) == expected,
                                    "\(length) \(at) \(b) form \(f) offset \(offset)")
                            #expect(fixed == nil || fixed == expected, "\(length) \(at) \(b) form \(f) offset \(offset)")
                            if fixed != nil { fixedCount += 1 }
                            if at < 0, length > 0 { #expect(fixed != nil, "plain \(length) form \(f) offset \(offset)") }
                            checked += 1
                        }
                    }
                }
            }
        }
        // Beyond the plain strings, those with bytes that spoil nothing (`!`, `~`, `}`; in texts, bytes ≥ 0x20).
        #expect(fixedCount > 33 * 3 * 9 * 10, "read in order \(fixedCount) of \(checked)")
    }
}
