@testable import LedgerChain
import LedgerEvents
import Testing

/// `EventPayload.writeData` against the bytes records hold (the record bytes are the contract): every record line in
/// testdata and a synthetic city's records of every type it writes — each decoded, its payload written again after
/// other bytes — gives the `data` bytes of its line exactly. `WriteDataTests` (LedgerEventsTests) does the same for
/// seeded random payloads of every type.
@Suite struct WriteDataRecordTests {
    @Test("every testdata record and a synthetic city's records: writeData gives the line's data bytes")
    func writeDataGivesTheRecordsBytes() throws {
        let lines = try TypedRoundTripTests.recordLines().map(\.line) + FuzzTests.recordLines(3_000, seed: 0x41)
        var types = Set<String>(), typed = 0
        for line in lines {
            let scanned = try RecordLineScanner.fullScan(line[...])
            let record = try RecordCodec.decode(line: line[...])
            let data = Array(line[scanned.dataRange])
            var out = Array("prefix".utf8)
            record.payload.writeData(to: &out)
            #expect(out == Array("prefix".utf8) + data, "seq \(record.seq): \(String(decoding: line, as: UTF8.self))")
            if case .domain = record.payload { typed += 1 }
            types.insert(record.payload.type)
        }
        // The city writes most types, testdata the rest; nearly every line is typed.
        #expect(types.count >= 15, "\(types.sorted())")
        #expect(typed > lines.count * 9 / 10)
    }
}
