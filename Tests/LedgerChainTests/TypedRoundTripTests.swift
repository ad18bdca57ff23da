import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The typed schema keeps every byte: each record in testdata (sample ledgers, vectors, registers' expected
/// events) decodes to a typed payload and encodes back to the same line, and decoding the re-encoded payload
/// gives the same value.
@Suite struct TypedRoundTripTests {
    static let root = SampleRecords.packageRoot

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
                #expect(try PayloadCodec.decode(type: payload.type, occurredOn: record.occurredOn, data: bytes[...]) == payload, "\(file) seq \(record.seq)")
            }
            let again = RecordCodec.encode(event: record.event, id: record.id, actor: record.actor, seq: record.seq,
                                           prev: record.prev, batchFirst: record.batchFirst, batchLast: record.batchLast,
                                           recordedAt: record.recordedAt, hasher: hasher)
            #expect(again.line == line, "\(file) seq \(record.seq)")
            #expect(again.hash == record.hash, "\(file) seq \(record.seq)")
        }
        #expect(typed == lines.count, "every testdata record is typed")
    }

    /// Every event line under testdata (the sample ledger's input, the registers' expected events) is typed, its
    /// payload written again is the line's `data` in canonical form, and a line that is itself canonical is
    /// written again byte for byte from the typed event.
    @Test func everyTestdataEventLineIsTyped() throws {
        let base = Self.root + "/testdata"
        let walker = try #require(FileManager.default.enumerator(atPath: base))
        var lines = 0, canonical = 0
        for case let path as String in walker where path.hasSuffix(".jsonl") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: base + "/" + path)))
            for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
            where !line.isEmpty && !line.starts(with: Array("{\"hash\":".utf8)) {
                lines += 1
                let event = try EventInput.parse(line: Array(line), source: path, lineNumber: index + 1)
                guard case .domain(let payload) = event.payload else {
                    let why = Result { () throws(EventError) in try DomainEvent.decode(event) }
                    Issue.record("\(path):\(index + 1) is not typed: \(why)")
                    continue
                }
                let parsed = try #require(try JSONParser.parse(Array(line)).objectValue)
                let data = PayloadCodec.encode(payload)
                #expect(data == CanonicalJSON.encode(try #require(parsed["data"])), "\(path):\(index + 1)")
                guard CanonicalJSON.encode(.object(parsed)) == Array(line) else { continue }
                canonical += 1
                // The envelope's members in canonical order around the payload's own bytes.
                var again = Array("{".utf8)
                if let actor = event.actor {
                    again += Array("\"actor\":".utf8)
                    CanonicalJSON.writeString(actor, to: &again)
                    again += Array(",".utf8)
                }
                again += Array("\"data\":".utf8) + data
                if let id = event.id {
                    again += Array(",\"id\":".utf8)
                    CanonicalJSON.writeString(id, to: &again)
                }
                again += Array(",\"occurred_on\":\"\(event.occurredOn)\",\"type\":".utf8)
                CanonicalJSON.writeString(event.type, to: &again)
                again += Array("}".utf8)
                #expect(again == Array(line), "\(path):\(index + 1)")
            }
        }
        #expect(lines >= 100 && canonical >= 20, "testdata holds event lines (\(lines), \(canonical) canonical)")
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
        // The same payload as an input line (members in another order, white space) is the same typed value.
        let line = "{ \"data\": \(example.1), \"type\": \"\(example.0)\", \"occurred_on\": \"2024-06-01\", \"id\": \"e\" }"
        let event = try EventInput.parse(line: Array(line.utf8), source: "test", lineNumber: 1)
        #expect(event.payload == .domain(payload))
    }
}
