import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Seeded random mutations of a valid log: each must be caught, and the first bad seq named correctly.
@Suite struct TamperTests {
    /// A log of 30 records in batches of 1–4 records.
    static func makeLog(_ temp: TemporaryDirectory) throws -> (LedgerDirectory, [[UInt8]]) {
        let directory = TestLedger.create(in: temp)
        var index = 0
        var generator = SplitMix64(seed: 7)
        let writer = try LogWriter.open(directory)
        while index < 30 {
            let size = min(generator.int(1...4), 30 - index)
            let events = (index..<index + size).map { TestLedger.event($0) }
            _ = try writer.append(events, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" }))
            index += size
        }
        writer.close()
        let lines = TestLedger.logBytes(directory).split(separator: 0x0A).map(Array.init)
        return (directory, lines)
    }

    static func verify(_ directory: LedgerDirectory) throws -> ScanSummary {
        try LogScanner.verify(path: directory.eventsPath).get()
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    @Test func intactLogVerifies() throws {
        let temp = TemporaryDirectory()
        let (directory, lines) = try Self.makeLog(temp)
        let summary = try Self.verify(directory)
        #expect(summary.failure == nil && summary.tornTail == nil)
        #expect(summary.recordCount == 30 && lines.count == 30)
    }

    @Test(arguments: 0..<5)
    func everyMutationIsDetectedAtTheRightSeq(round: Int) throws {
        let temp = TemporaryDirectory()
        let (directory, original) = try Self.makeLog(temp)
        var generator = SplitMix64(seed: UInt64(1000 + round))
        for _ in 0..<40 {
            var lines = original
            let expectedSeq: Int64
            let kind = generator.int(0..<5)
            switch kind {
            case 0: // flip one byte (never into a newline, which would split the line)
                let k = generator.int(0..<lines.count)
                let position = generator.int(0..<lines[k].count)
                var replacement = UInt8(truncatingIfNeeded: generator.next())
                while replacement == lines[k][position] || replacement == 0x0A { replacement &+= 1 }
                lines[k][position] = replacement
                expectedSeq = Int64(k + 1)
            case 1: // delete a line other than the last
                let k = generator.int(0..<lines.count - 1)
                lines.remove(at: k)
                expectedSeq = Int64(k + 1)
            case 2: // swap two lines
                let i = generator.int(0..<lines.count - 1)
                let j = generator.int(i + 1..<lines.count)
                lines.swapAt(i, j)
                expectedSeq = Int64(i + 1)
            case 3: // duplicate a line right after itself
                let k = generator.int(0..<lines.count)
                lines.insert(lines[k], at: k + 1)
                expectedSeq = Int64(k + 2)
            default: // edit a payload value and re-serialise the line with a JSON library
                let k = generator.int(0..<lines.count)
                var object = try JSONSerialization.jsonObject(with: Data(lines[k])) as! [String: Any]
                var data = object["data"] as! [String: Any]
                data["n"] = (data["n"] as! Int) + 1
                object["data"] = data
                lines[k] = [UInt8](try JSONSerialization.data(withJSONObject: object))
                expectedSeq = Int64(k + 1)
            }
            TestLedger.writeLog(Self.join(lines), to: directory)
            let summary = try Self.verify(directory)
            let failure = try #require(summary.failure, "mutation \(kind) went undetected")
            #expect(failure.seq == expectedSeq, "mutation \(kind): reported seq \(failure.seq), expected \(expectedSeq)")
            #expect(failure.lineNumber == Int(expectedSeq))
            // A writer refuses the tampered log and leaves it as it is.
            let before = TestLedger.logBytes(directory)
            #expect(throws: ChainError.self) { try LogWriter.open(directory) }
            #expect(TestLedger.logBytes(directory) == before)
        }
    }

    @Test func rewriteWithRecomputedHashesPassesTheChainAlone() throws {
        // Documented limit (ledger-spec.md): the chain alone cannot catch a consistent rewrite; checkpoints can.
        let temp = TemporaryDirectory()
        let (directory, _) = try Self.makeLog(temp)
        let records = try VerifiedLog.read(directory).records
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp, name: "rewrite")
        var events = records.map(\.event)
        events[3] = events[3].editingData { $0["n"] = .integer(999) }
        try TestLedger.append(events, to: other)
        TestLedger.writeLog(TestLedger.logBytes(other), to: directory)
        #expect(try Self.verify(directory).failure == nil)
    }

    @Test func invalidUTF8IsNamed() throws {
        let temp = TemporaryDirectory()
        let (directory, original) = try Self.makeLog(temp)
        var lines = original
        let position = lines[4].count - 10
        lines[4][position] = 0xFF
        TestLedger.writeLog(Self.join(lines), to: directory)
        let failure = try #require(try Self.verify(directory).failure)
        #expect(failure.seq == 5)
        #expect(failure.detail.contains("invalid UTF-8"))
    }
}

/// A log larger than one read chunk (4 MiB), so lines cross chunk boundaries and the layout scans and hashes run
/// on several cores: the result must be the same as for a small log.
@Suite struct LargeLogTests {
    @Test func tamperingAnywhereInAMultiChunkLogIsFoundAtTheRightSeq() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let writer = try LogWriter.open(directory)
        let padding = String(repeating: "共有部分", count: 30)
        for batch in 0..<120 {
            let events = (0..<100).map { TestLedger.event(batch * 100 + $0, data: ["n": .integer(Int64(batch * 100 + $0)), "pad": .string(padding)]) }
            _ = try writer.append(events, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" }))
        }
        writer.close()
        let original = TestLedger.logBytes(directory)
        #expect(original.count > 5 << 20)
        let intact = try LogScanner.verify(path: directory.eventsPath).get()
        #expect(intact.failure == nil && intact.recordCount == 12_000)
        #expect(intact.headHash == (try VerifiedLog.read(directory)).headHash)
        // Line starts, to map a byte offset to its record.
        var starts = [0]
        for (index, byte) in original.enumerated() where byte == 0x0A && index + 1 < original.count { starts.append(index + 1) }
        var generator = SplitMix64(seed: 99)
        let chunk = 4 << 20
        // Around the chunk boundary, in the middle of each half of the first chunk, and at random places.
        var offsets = [chunk - 1, chunk, chunk + 1, chunk / 4, chunk * 3 / 4, original.count - 2]
        for _ in 0..<6 { offsets.append(generator.int(0..<original.count - 1)) }
        for offset in offsets where original[offset] != 0x0A {
            var bytes = original
            bytes[offset] = bytes[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            TestLedger.writeLog(bytes, to: directory)
            let expectedSeq = Int64(starts.lastIndex { $0 <= offset }! + 1)
            let failure = try #require(try LogScanner.verify(path: directory.eventsPath).get().failure, "offset \(offset)")
            #expect(failure.seq == expectedSeq, "offset \(offset)")
            #expect(failure.byteOffset == Int64(starts[Int(expectedSeq) - 1]))
        }
    }
}
