@testable import LedgerEvents
import LedgerTestSupport
import Testing

/// `PayloadRefs.fixedRead` (a leaf read in the canonical member order: money movements and inspections, the ids
/// collected) against `PayloadRefs.read` (the member-table reader): the same answer and the same ids, in the same
/// order, on every input. Over seeded payloads assembled member by member in sorted order (the movement cases of
/// `PayloadRefsMovementTests`, and inspections with every observation, notes absent, present, null or escaped,
/// inspectors plain or committed, unknown values), their byte mutations, and `PayloadGenerator`'s payloads. Not
/// vacuous: the fixed reading and the fallback are both taken many times, for every type.
@Suite("Fixed-order leaf reader against the member table")
struct PayloadRefsFixedReadTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    static let observations = ["\"idle\"", "\"in_use\"", "\"occupied\"", "\"damaged\"", "\"idle \"", "\"IDLE\"", "\"idl\"", "\"\"",
                               "\"in\\u005fuse\"", "null", "1", "\"damagedd\""]

    /// An inspection's payload, members in sorted order, then perhaps disturbed as the movements' are.
    static func inspection(_ g: inout PayloadGenerator) -> [UInt8] {
        typealias M = PayloadRefsMovementTests
        let members: [(String, String?)] = [
            ("asset_id", M.id(&g)), ("inspector", M.person(&g)), ("note", M.optional(&g) { M.text(&$0) }),
            ("observed", g.chance(85) ? g.pick(Array(observations.prefix(4))) : g.pick(observations)),
        ]
        var written = members.compactMap { name, value in value.map { "\"\(name)\":\($0)" } }
        switch g.random.below(20) {
        case 0: written.insert("\"zzz\":1", at: g.random.below(written.count + 1))
        case 1: if written.count > 1 { written.swapAt(0, 1 + g.random.below(written.count - 1)) }
        case 2: written.append(written[g.random.below(written.count)])
        case 3: if !written.isEmpty { written.remove(at: g.random.below(written.count)) }
        default: break
        }
        var json = "{" + written.joined(separator: g.chance(3) ? ", " : ",") + "}"
        switch g.random.below(30) {
        case 0: json += " "
        case 1: json.removeLast()
        default: break
        }
        return Array(json.utf8)
    }

    struct Answer: Equatable {
        let vouched: Bool
        let refs: [PayloadRefs.Ref]
    }

    /// `read`'s and `fixedRead`'s answers on `bytes` (read at a slice inside a larger array when `slice`, after
    /// refs already in the array, which both must leave as they were), and whether the fixed reading was taken.
    static func compare(_ type: EventType, _ bytes: [UInt8], slice: Bool) -> (same: Bool, fixed: Bool) {
        let padded = slice ? Array("xx".utf8) + bytes + Array("}\"".utf8) : bytes
        let data = slice ? padded[2..<(2 + bytes.count)] : padded[...]
        let before = [PayloadRefs.Ref(kind: .community, range: 0..<1, notRetired: false)]
        var expected = before
        let expectedVouched = PayloadRefs.read(type, data: data, into: &expected)
        var fixedRefs = before
        let fixed = PayloadRefs.canonicalRead(type, data, into: &fixedRefs)
        var answerRefs = before
        let answer = PayloadRefs.fixedRead(type, data: data, into: &answerRefs)
        let want = Answer(vouched: expectedVouched, refs: expected)
        let fixedAgrees = fixed ? Answer(vouched: true, refs: fixedRefs) == want : fixedRefs == before
        return (Answer(vouched: answer, refs: answerRefs) == want && fixedAgrees, fixed)
    }

    @Test("fixedRead gives read's answer and ids on every input", arguments: [UInt64(0x26F1_0001), 0x26F1_0002])
    func fixedReadAgreesWithMemberTable(seed: UInt64) {
        var g = PayloadGenerator(seed: seed)
        let types: [EventType] = [.fundIncome, .fundSpending, .fundTransfer, .inspectionRecorded]
        var fixedByType: [EventType: Int] = [:]
        var fellBackByType: [EventType: Int] = [:]
        var fellBackVouched = 0
        for n in 0..<Self.iterations * 4 {
            let type = types[n % types.count]
            var inputs = [type == .inspectionRecorded ? Self.inspection(&g) : PayloadRefsMovementTests.payload(type, &g)]
            for _ in 0..<2 {
                var mutant = inputs[0]
                let at = g.random.below(mutant.count)
                mutant[at] = g.pick(Array("{}[]\",:0a\\ -n1".utf8) + [0x80, 0xE4, 0x00, 0x7F, 0xC2])
                inputs.append(mutant)
            }
            inputs.append(PayloadCodec.encode(g.payload(type, occurredOn: g.date())))
            for (i, bytes) in inputs.enumerated() {
                let (same, fixed) = Self.compare(type, bytes, slice: (n + i) % 2 == 1)
                #expect(same, "seed \(seed) #\(n).\(i) \(type): \(String(decoding: bytes, as: UTF8.self))")
                if fixed { fixedByType[type, default: 0] += 1 } else {
                    fellBackByType[type, default: 0] += 1
                    var refs: [PayloadRefs.Ref] = []
                    if PayloadRefs.read(type, data: bytes[...], into: &refs) { fellBackVouched += 1 }
                }
            }
        }
        for type in types {
            #expect(fixedByType[type, default: 0] >= Self.iterations / 20, "\(type) read in order \(fixedByType[type, default: 0]) times")
            #expect(fellBackByType[type, default: 0] >= Self.iterations / 20, "\(type) left to read \(fellBackByType[type, default: 0]) times")
        }
        #expect(fellBackVouched > 20, "\(fellBackVouched) of the fallbacks read by the member table")
    }

    /// Hand-made cases: the city's shapes are read in order with their ids; the forms the fixed reading leaves are
    /// left (and answered by `read`).
    @Test func fixedReadTakesThePlainFormsAndLeavesTheRest() {
        func check(_ type: EventType, _ json: String, fixed: Bool, read: Bool = true, ids: [String] = [],
                   sourceLine: SourceLocation = #_sourceLocation) {
            let bytes = Array(json.utf8)
            let (same, wasFixed) = Self.compare(type, bytes, slice: false)
            #expect(same, "\(json)", sourceLocation: sourceLine)
            #expect(wasFixed == fixed, "\(json)", sourceLocation: sourceLine)
            var refs: [PayloadRefs.Ref] = []
            #expect(PayloadRefs.fixedRead(type, data: bytes[...], into: &refs) == read, "\(json)", sourceLocation: sourceLine)
            #expect(refs.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ids, "\(json)", sourceLocation: sourceLine)
        }
        check(.inspectionRecorded, #"{"asset_id":"C00021-A053","inspector":"黄丽","observed":"idle"}"#, fixed: true, ids: ["C00021-A053"])
        check(.inspectionRecorded, #"{"asset_id":"A-1","inspector":"x","note":"漏水","observed":"in_use"}"#, fixed: true, ids: ["A-1"])
        check(.inspectionRecorded, #"{"asset_id":"A-1","inspector":"x","note":null,"observed":"damaged"}"#, fixed: false, ids: ["A-1"])
        check(.inspectionRecorded, "{\"asset_id\":\"A-1\",\"inspector\":\(PayloadRefsMovementTests.commitment),\"observed\":\"occupied\"}",
              fixed: false, ids: ["A-1"])
        check(.inspectionRecorded, #"{"asset_id":"A-1","inspector":"x","observed":"broken"}"#, fixed: false, read: false)
        check(.inspectionRecorded, #"{"asset_id":"A-1","inspector":" x","observed":"idle"}"#, fixed: false, read: false)
        check(.fundSpending, #"{"amount_fen":5,"asset_ids":["A-1","A-2"],"counterparty":"c","decision_id":"D-1","fund_id":"F-1","purpose":"p","purpose_category":"governance","voucher":"v"}"#,
              fixed: true, ids: ["F-1", "D-1", "A-1", "A-2"])
        check(.fundIncome, #"{"amount_fen":1,"category":"停车","counterparty":"c","fund_id":"F-1","source":{"contract_id":"K-1"},"voucher":"v"}"#,
              fixed: true, ids: ["F-1", "K-1"])
        check(.fundTransfer, #"{"amount_fen":5,"decision_id":"D-1","from_fund_id":"F-1","to_fund_id":"F-2","voucher":"v"}"#,
              fixed: true, ids: ["F-1", "F-2", "D-1"])
        // A balance statement is left to `read` (no fixed reading of it).
        check(.fundBalanceAsserted, #"{"balance_fen":0,"fund_id":"F-1","statement_ref":"s"}"#, fixed: false, ids: ["F-1"])
        check(.assetRegistered, #"{"asset_id":"A-1"}"#, fixed: false, read: false)
    }
}
