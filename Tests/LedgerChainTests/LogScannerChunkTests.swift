@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The scan reads the log in chunks of `LogScanner.chunkBytes` (4 MiB), hashes each chunk's lines on several cores
/// and carries a line begun in one chunk into the next. On seeded random logs of long lines (up to about 420 KB) and
/// short ones over several chunks, every verified line the scan hands over is the line an independent reading of the
/// file finds (the same seq, line number, byte offset, length and hash), and damage anywhere in a line that crosses a
/// chunk boundary is reported at the record it is in. (Session 18 tried 1 MiB chunks, under which lines cross far more
/// often; these tests hold for any chunk size: docs/perf-rebuild18.md.)
@Suite struct LogScannerChunkTests {
    /// A log of random lines, from a few dozen bytes to about 420 KB (several strings of up to 60 KB, ASCII or
    /// Chinese), in random batches, over several chunks.
    static func randomLog(seed: UInt64, _ temp: TemporaryDirectory) throws -> LedgerDirectory {
        let directory = TestLedger.create(in: temp)
        var random = SplitMix64(seed: seed)
        var events: [Event] = []
        var index = 0
        var total = 0
        while total < 3 * LogScanner.chunkBytes + 500_000 {
            var data: [String: JSONValue] = ["n": .integer(Int64(index))]
            let long = random.int(0..<3) == 0
            for field in 0..<(long ? random.int(1...7) : random.int(0...2)) {
                let count = long ? random.int(1...60_000) : random.int(1...200)
                // A third of the strings Chinese (three bytes a character), the rest ASCII.
                let text = random.int(0..<3) == 0 ? String(repeating: "共", count: max(1, count / 3)) : String(repeating: "a", count: count)
                data["p\(field)"] = .string(text)
            }
            events.append(TestLedger.event(index, data: data))
            total += Self.size(events[events.count - 1])
            index += 1
        }
        // One writer for every batch (opening one reads the log).
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        var start = 0
        while start < events.count {
            let end = min(events.count, start + random.int(1...6))
            _ = try writer.append(Array(events[start..<end]),
                                  options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" }))
            start = end
        }
        return directory
    }

    /// About the bytes the event's payload takes in its record line.
    static func size(_ event: Event) -> Int {
        guard case .raw(let raw) = event.payload else { return 0 }
        return raw.data.count + 300
    }

    /// Each line of `bytes` (LF-terminated): its offset and length.
    static func lines(_ bytes: [UInt8]) -> [(offset: Int, count: Int)] {
        var out: [(offset: Int, count: Int)] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            out.append((start, i - start))
            start = i + 1
        }
        return out
    }

    @Test(arguments: [UInt64(1), 2])
    func everyLineIsHandedOverAsAnIndependentReadingFindsIt(seed: UInt64) throws {
        let temp = TemporaryDirectory()
        let directory = try Self.randomLog(seed: seed, temp)
        let bytes = TestLedger.logBytes(directory)
        let expected = Self.lines(bytes)
        #expect(bytes.count > 3 * LogScanner.chunkBytes)
        // Lines that cross a chunk boundary (the carried path is taken), and lines over 100 KB.
        let crossing = expected.filter { $0.offset / LogScanner.chunkBytes != ($0.offset + $0.count) / LogScanner.chunkBytes }
        #expect(crossing.count >= 3)
        #expect(expected.filter { $0.count > 100_000 }.count >= 5)
        var seen: [(seq: Int64, lineNumber: Int, offset: Int64, count: Int, hash: Digest32)] = []
        let summary = try LogScanner.scan(path: directory.eventsPath) { (line: VerifiedLine) throws(ChainError) in
            seen.append((line.location.seq, line.location.lineNumber, line.location.byteOffset, line.location.byteCount, line.hash))
            #expect(Array(line.line) == Array(bytes[Int(line.location.byteOffset)..<(Int(line.location.byteOffset) + line.location.byteCount)]))
        }
        #expect(summary.failure == nil && summary.recordCount == Int64(expected.count))
        #expect(seen.count == expected.count)
        for (index, (line, want)) in zip(seen, expected).enumerated() {
            let record = try RecordCodec.decode(line: bytes[want.offset..<(want.offset + want.count)])
            #expect(line.seq == Int64(index + 1) && line.lineNumber == index + 1)
            #expect(line.offset == Int64(want.offset) && line.count == want.count)
            #expect(line.hash == record.hash && record.seq == line.seq)
        }
        // The whole-log reader agrees with the independent decode.
        let records = try VerifiedLog.read(directory).records
        #expect(records == (try expected.map { line throws(ChainError) in try RecordCodec.decode(line: bytes[line.offset..<(line.offset + line.count)]) }))
    }

    @Test(arguments: [UInt64(4)])
    func damageInALineThatCrossesAChunkBoundaryIsFoundAtItsRecord(seed: UInt64) throws {
        let temp = TemporaryDirectory()
        let directory = try Self.randomLog(seed: seed, temp)
        let original = TestLedger.logBytes(directory)
        let expected = Self.lines(original)
        let chunk = LogScanner.chunkBytes
        var random = SplitMix64(seed: seed)
        var tried = 0
        for (index, line) in expected.enumerated() where line.offset / chunk != (line.offset + line.count) / chunk {
            // A byte before the boundary, one after it, and one at random in the line (never the LF).
            let boundary = (line.offset / chunk + 1) * chunk
            for offset in [boundary - 1, boundary, line.offset + random.int(0..<line.count)] where offset < line.offset + line.count {
                var bytes = original
                bytes[offset] = bytes[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
                TestLedger.writeLog(bytes, to: directory)
                let failure = try #require(try LogScanner.verify(path: directory.eventsPath).failure, "offset \(offset)")
                #expect(failure.seq == Int64(index + 1), "offset \(offset)")
                #expect(failure.byteOffset == Int64(line.offset), "offset \(offset)")
                tried += 1
            }
        }
        #expect(tried >= 6)
        TestLedger.writeLog(original, to: directory)
        #expect(try LogScanner.verify(path: directory.eventsPath).failure == nil)
    }
}
