import Foundation
import LedgerEvents
import LedgerTestSupport
import Testing

/// The loop's payloads keep every byte: each event of testdata/loop and each variant the spec allows (explicit
/// nulls of optional members) encodes back to its canonical data and decodes to the same value, from its bytes or from
/// its parsed JSON.
@Suite struct RectificationPayloadTests {
    static let root = SampleRecords.packageRoot

    static func loopLines() throws -> [String] {
        var out: [String] = []
        for file in ["1-issued.jsonl", "2-rectification.jsonl"] {
            let text = try String(contentsOfFile: root + "/testdata/loop/" + file, encoding: .utf8)
            out += text.split(separator: "\n").map(String.init)
        }
        return out
    }

    static let variants = [
        #"{"type":"rectification.verified","occurred_on":"2026-01-28","data":{"keys":["K"],"list_id":"L","reason":null,"result":"closed","verified_by":"v"}}"#,
        #"{"type":"rectification.reported","occurred_on":"2026-01-28","data":{"evidence":[{"kind":"voucher","ref":"V","sha256":null}],"keys":["K"],"list_id":"L","measures":"m","reported_by":"r"}}"#,
    ]

    @Test func everyLoopEventEncodesToItsCanonicalData() throws {
        let lines = try Self.loopLines() + Self.variants
        var loop = 0
        for line in lines {
            let event = try EventInput.parse(line: Array(line.utf8), source: "loop", lineNumber: 1)
            guard event.type.hasPrefix("rectification.") else { continue }
            loop += 1
            guard case .domain(let payload) = event.payload else { Issue.record("\(line) is not typed"); continue }
            let bytes = PayloadCodec.encode(payload)
            #expect(bytes == CanonicalJSON.encode(.object(event.data)), "\(line)")
            #expect(try PayloadCodec.decode(type: payload.type, occurredOn: event.occurredOn, data: bytes[...]) == payload)
            #expect(try DomainEvent.decode(type: event.type, occurredOn: event.occurredOn, data: event.data) == payload, "\(line)")
        }
        #expect(loop == 11)
    }
}
