import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import Testing

/// The typed schema keeps every byte: each record in testdata (sample ledgers, vectors, registers' expected
/// events) decodes to a typed payload and encodes back to the same line, and decoding the re-encoded payload
/// gives the same value.
@Suite struct TypedRoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func recordLines() throws -> [(file: String, line: [UInt8])] {
        var out: [(String, [UInt8])] = []
        let base = root + "/testdata"
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        for case let path as String in walker where path.hasSuffix(".jsonl") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: base + "/" + path)))
            for line in bytes.split(separator: 0x0A) where line.starts(with: Array("{\"hash\":".utf8)) {
                out.append((path, Array(line)))
            }
        }
        return out
    }

    @Test func everyTestdataRecordEncodesToItsOwnBytes() throws {
        let lines = try Self.recordLines()
        #expect(lines.count >= 10, "testdata holds record lines")
        let hasher = SHA256()
        var typed = 0
        for (file, line) in lines {
            guard let record = try? RecordCodec.decode(line: line[...]) else { continue }
            if case .domain(let payload) = record.payload {
                typed += 1
                let bytes = PayloadCodec.encode(payload)
                #expect(PayloadCodec.decode(type: payload.type, occurredOn: record.occurredOn, data: bytes[...]) == payload, "\(file) seq \(record.seq)")
            }
            let again = RecordCodec.encode(event: record.event, id: record.id, actor: record.actor, seq: record.seq,
                                           prev: record.prev, batchFirst: record.batchFirst, batchLast: record.batchLast,
                                           recordedAt: record.recordedAt, hasher: hasher)
            #expect(again.line == line, "\(file) seq \(record.seq)")
            #expect(again.hash == record.hash, "\(file) seq \(record.seq)")
        }
        #expect(typed == lines.count, "every testdata record is typed")
    }

    /// Variant written forms the spec allows (explicit nulls, empty optional objects, area text with separators)
    /// survive decode → encode byte for byte, and mean the same as the plain form.
    @Test(arguments: [
        ("community.registered", #"{"community_id":"C1","name":"n","residents_committee":"r","street":"s","total_area_m2":"1,234.5","total_owners":3}"#),
        ("use.started", #"{"asset_id":"A1","authority":{},"purpose":"p","use_id":"U1","user":"u"}"#),
        ("use.started", #"{"asset_id":"A1","authority":{"contract_id":null,"decision_id":"D1"},"purpose":"p","use_id":"U1","user":"u"}"#),
        ("use.started", #"{"asset_id":"A1","authority":null,"purpose":"p","use_id":"U1","user":"u"}"#),
        ("fund.income", #"{"amount_fen":5,"category":"c","counterparty":"x","fund_id":"F1","source":{"contract_id":null},"voucher":"v"}"#),
        ("fund.spending", #"{"amount_fen":5,"asset_ids":null,"counterparty":"x","decision_id":null,"emergency":null,"fund_id":"F1","purpose":"p","purpose_category":null,"voucher":"v"}"#),
        ("asset.registered", #"{"area_m2":"35","asset_id":"A1","attributes":{},"community_id":"C1","kind":"roof","location":"l","name":"n","registered_on":"2024-01-01","source":{"kind":"manual"}}"#),
        ("asset.updated", #"{"asset_id":"A1","changes":{"area_m2":"12.5","kind":null,"name":"x"},"source":{"import_id":"I1","kind":"import","row":2}}"#),
        ("correction", #"{"corrects":"e1","reason":"r","replacement":{"data":{"note":null,"occupation_id":"O1"},"occurred_on":"2024-01-02","type":"occupation.cleared"}}"#),
        ("decision.recorded", #"{"approving_area_m2":"10","approving_owners":1,"authorises":{"amount_cap_fen":null,"purpose":"p"},"community_id":"C1","decision_id":"D1","matter":"committee","participating_area_m2":"10.00","participating_owners":2,"valid_until":null}"#),
    ])
    func variantFormsSurvive(_ example: (String, String)) throws {
        let bytes = Array(example.1.utf8)
        let date = CalendarDate(iso: "2024-06-01")!
        let payload = try DomainEvent.decode(type: example.0, occurredOn: date, canonicalData: bytes[...])
        #expect(PayloadCodec.encode(payload) == bytes, "\(example.1)")
        let event = Event(id: "e", type: example.0, occurredOn: date, actor: "a", data: try #require(JSONParser.parse(bytes).objectValue))
        #expect(event.payload == .domain(payload))
    }
}
