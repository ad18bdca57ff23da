import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// The writer's lines made in its `LineBuffer` (session 42: each line written straight into the part's reserved
/// memory and checked there) against the bytes the writer made before: every record line in testdata — the bytes
/// the array writer wrote — made again by the writer's own path (`LogWriter.freshLines`: the lines of a batch's
/// part back to back, then chained in order), and a synthetic city's events of every type it writes, in random
/// batches, against a frozen copy of the array writer's head (`referenceLine`) followed by the payload's canonical
/// bytes (read back, the equal payload). `WriteDataTests` holds the payload's bytes to the bytes each was read from.
@Suite struct LineBufferWriterTests {
    /// The line the writer made before session 42 (the array form, frozen here): every member up to `data` appended
    /// to an array by the array helpers, then `data`, then `}`; hash and prev as 64 zeros.
    static func referenceLine(_ event: Event, id: String, actor: String, seq: Int64, first: Int64, last: Int64,
                              recordedAtText: [UInt8], data: [UInt8]) -> [UInt8] {
        typealias T = RecordLineText
        var line: [UInt8] = []
        let zeros: StaticString = "0000000000000000000000000000000000000000000000000000000000000000"
        Bytes.append(T.hash, to: &line); Bytes.append(zeros, to: &line)
        Bytes.append(T.prev, to: &line); Bytes.append(zeros, to: &line)
        Bytes.append(T.seq, to: &line); line += Array(String(seq).utf8)
        Bytes.append(T.batchFirst, to: &line); line += Array(String(first).utf8)
        Bytes.append(T.batchLast, to: &line); line += Array(String(last).utf8)
        Bytes.append(T.id, to: &line); CanonicalJSON.write(.string(id), to: &line)
        Bytes.append(T.type, to: &line); CanonicalJSON.write(.string(event.type), to: &line)
        Bytes.append(T.occurredOn, to: &line); line += Array(event.occurredOn.description.utf8)
        Bytes.append(T.recordedAt, to: &line); line += recordedAtText
        Bytes.append(T.actor, to: &line); CanonicalJSON.write(.string(actor), to: &line)
        Bytes.append(T.data, to: &line)
        return line + data + [UInt8(ascii: "}")]
    }

    /// The lines `freshLines` makes for `events` as records `first…` of a batch ending at `last`, split in parts
    /// at `cuts`, each chained from `prev` in order (as `append` chains them).
    static func writerLines(_ events: [Event], first: Int64, last: Int64, offsets: Range<Int>, recordedAtText: [UInt8],
                            prev: Digest32, cuts: [Int], pool: ReusePool<LineBuffer>) -> (lines: [[UInt8]], problem: Bool) {
        let batch = EventBatch(events)
        var fresh = Array(repeating: (index: 0, id: "", key: UInt64(0)), count: offsets.upperBound)
        for (n, offset) in offsets.enumerated() { fresh[offset] = (n, events[n].id!, 0) }
        var lines: [[UInt8]] = []
        var prev = prev
        let bounds = [offsets.lowerBound] + cuts.filter { offsets.contains($0) && $0 > offsets.lowerBound }.sorted() + [offsets.upperBound]
        for part in 0..<(bounds.count - 1) {
            let made = LogWriter.freshLines(batch, fresh, bounds[part]..<bounds[part + 1], defaultActor: nil, first: first, last: last,
                                            recordedAtText: recordedAtText, pool: pool)
            var start = 0
            for end in made.ends {
                var line: [UInt8] = []
                made.bytes.copy(start..<end, to: &line)
                prev = RecordCodec.chain(&line, prev: prev, hasher: SHA256())
                lines.append(line)
                start = end
            }
            pool.give(made.bytes)
            if made.problem != nil { return (lines, true) }
        }
        return (lines, false)
    }

    @Test("every testdata record: the writer's path makes the line the array writer wrote")
    func testdataRecordsAreTheirLines() throws {
        let lines = try TypedRoundTripTests.recordLines()
        #expect(lines.count >= 10)
        let pool = ReusePool<LineBuffer>()
        var random = SplitMix64(seed: 0x42_A001)
        var checked = 0
        // Runs of consecutive lines of one file and one batch, made as one batch's part(s).
        var index = 0
        while index < lines.count {
            guard let record = try? RecordCodec.decode(line: lines[index].line[...]) else { index += 1; continue }
            var records = [record]
            var next = index + 1
            while next < lines.count, lines[next].file == lines[index].file,
                  let other = try? RecordCodec.decode(line: lines[next].line[...]),
                  other.batchFirst == record.batchFirst, other.batchLast == record.batchLast, other.seq == records.last!.seq + 1,
                  other.recordedAt == record.recordedAt {
                records.append(other)
                next += 1
            }
            let offsets = Int(record.seq - record.batchFirst)..<Int(records.last!.seq - record.batchFirst + 1)
            let cuts = (0..<random.int(0..<3)).map { _ in offsets.lowerBound + random.int(0...offsets.count) }
            let made = Self.writerLines(records.map(\.event), first: record.batchFirst, last: record.batchLast, offsets: offsets,
                                        recordedAtText: Array(record.recordedAt.description.utf8), prev: record.prev, cuts: cuts, pool: pool)
            #expect(!made.problem, "\(lines[index].file) seq \(record.seq)")
            #expect(made.lines == lines[index..<next].map(\.line), "\(lines[index].file) seq \(record.seq)…\(records.last!.seq)")
            checked += records.count
            index = next
        }
        #expect(checked >= 10)
    }

    @Test("a synthetic city in random batches: each line is the array writer's head, the payload's canonical bytes and }",
          arguments: [UInt64(0x42_B001), 0x42_B002])
    func syntheticBatchesAreTheReferenceLines(seed: UInt64) throws {
        var city = SyntheticCity(eventCount: 3_000, seed: seed, communityCount: 3)
        var events: [Event] = []
        while let event = city.next() { events.append(event) }
        var random = SplitMix64(seed: seed)
        let pool = ReusePool<LineBuffer>()
        let recordedAtText = Array("2026-01-05T09:30:00Z".utf8)
        var types = Set<String>()
        var start = 0
        var first: Int64 = 1
        while start < events.count {
            let count = min(events.count - start, random.int(1...400))
            let batch = Array(events[start..<start + count])
            let last = first + Int64(count) - 1
            let cuts = (0..<random.int(0..<4)).map { _ in random.int(0...count) }
            let made = Self.writerLines(batch, first: first, last: last, offsets: 0..<count, recordedAtText: recordedAtText,
                                        prev: Record.genesisPrev, cuts: cuts, pool: pool)
            #expect(!made.problem && made.lines.count == count)
            for (n, line) in made.lines.enumerated() {
                let event = batch[n]
                let scanned = try RecordLineScanner.fullScan(line[...])
                let data = Array(line[scanned.dataRange])
                // The payload's bytes are canonical and read back as the payload written.
                #expect(CanonicalJSON.encode(try JSONParser.parse(data)) == data)
                #expect(EventPayload.decoding(type: event.type, occurredOn: event.occurredOn, canonicalData: data[...]) == event.payload)
                var expected = Self.referenceLine(event, id: event.id!, actor: event.actor!, seq: first + Int64(n), first: first, last: last,
                                                  recordedAtText: recordedAtText, data: data)
                let prev = n == 0 ? Record.genesisPrev : Digest32(hexUTF8: made.lines[n - 1][9..<73])!
                _ = RecordCodec.chain(&expected, prev: prev, hasher: SHA256())
                #expect(line == expected, "seed \(seed) seq \(first + Int64(n))")
                types.insert(event.type)
            }
            start += count
            first = last + 1
        }
        #expect(types.count >= 10, "\(types.sorted())")
    }
}
