import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
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
}
