import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The writer makes lines in two steps (`encodeUnchained` on any core, then `chain` in order); the result is the
/// line `encode` makes, byte for byte, for every record in testdata.
@Suite struct ParallelEncodeTests {
    @Test func unchainedThenChainedIsTheEncodedLine() throws {
        let lines = try TypedRoundTripTests.recordLines()
        #expect(lines.count >= 10)
        let hasher = SHA256()
        for (file, line) in lines {
            guard let record = try? RecordCodec.decode(line: line[...]) else { continue }
            let recordedAt = Array(record.recordedAt.description.utf8)
            let (expected, expectedHash) = RecordCodec.encode(event: record.event, id: record.id, actor: record.actor, seq: record.seq,
                                                              prev: record.prev, batchFirst: record.batchFirst,
                                                              batchLast: record.batchLast, recordedAt: record.recordedAt, hasher: hasher)
            var made = RecordCodec.encodeUnchained(event: record.event, id: record.id, actor: record.actor, seq: record.seq,
                                                   batchFirst: record.batchFirst, batchLast: record.batchLast,
                                                   recordedAtText: recordedAt)
            let hash = RecordCodec.chain(&made, prev: record.prev, hasher: hasher)
            #expect(made == expected && hash == expectedHash, "\(file) seq \(record.seq)")
            #expect(made == line, "\(file) seq \(record.seq)")
        }
    }

    /// A batch larger than one encode group, made on every core, is the log the one-core encoder makes, line by
    /// line in seq order across parts and groups.
    @Test func aBatchAcrossEncodeGroupsIsTheSeriallyEncodedLog() throws {
        let count = LogWriter.encodeGroup + 300
        let events = (0..<count).map { TestLedger.event($0) }
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let writer = try LogWriter.open(directory)
        _ = try writer.append(events, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "unused" }))
        writer.close()
        #expect(TestLedger.logBytes(directory) == Self.seriallyEncoded(events, batches: [(1, count)]))
    }

    /// The log the one-core encoder makes of `events` (each with its id and actor, recorded at
    /// `TestLedger.recordedAt`) written in `batches` (first and last seq, 1-based, in order, covering every event).
    static func seriallyEncoded(_ events: [Event], batches: [(first: Int, last: Int)]) -> [UInt8] {
        var expected: [UInt8] = []
        var prev = Record.genesisPrev
        let hasher = SHA256()
        for (first, last) in batches {
            for seq in first...last {
                let event = events[seq - 1]
                let (line, hash) = RecordCodec.encode(event: event, id: event.id!, actor: event.actor!, seq: Int64(seq), prev: prev,
                                                      batchFirst: Int64(first), batchLast: Int64(last), recordedAt: TestLedger.recordedAt,
                                                      hasher: hasher)
                expected += line + [0x0A]
                prev = hash
            }
        }
        return expected
    }

    /// Lines refused by verify's scanner are found on several cores; the writer names the first refused event in
    /// batch order, whichever part found it, and writes nothing.
    @Test func theFirstRefusedEventOfAParallelBatchIsNamed() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        // Quotes double when written: these strings pass the input limit but not verify's.
        let refused = ["text": JSONValue.string(String(repeating: "\"", count: 40_000))]
        var events = (0..<300).map { TestLedger.event($0) }
        events[150] = TestLedger.event(150, data: refused)
        events[250] = TestLedger.event(250, data: refused)
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        do {
            _ = try writer.append(events, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "unused" }))
            Issue.record("the batch was appended")
        } catch {
            #expect("\(error)".contains("event ev-150 would make a record that verification rejects"), "\(error)")
        }
        #expect(TestLedger.logBytes(directory).isEmpty)
    }
}
