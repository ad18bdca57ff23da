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
        try LogScanner.verify(path: directory.eventsPath)
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
        let intact = try LogScanner.verify(path: directory.eventsPath)
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
            let failure = try #require(try LogScanner.verify(path: directory.eventsPath).failure, "offset \(offset)")
            #expect(failure.seq == expectedSeq, "offset \(offset)")
            #expect(failure.byteOffset == Int64(starts[Int(expectedSeq) - 1]))
        }
    }
}

/// A fixed corpus of tamperings, each named with the failure kind `verify` must report and the seq it names:
/// the random rounds above show every change is caught; these pin down what it is called.
@Suite struct TamperCorpusTests {
    /// Ten records, one batch each, so that each case has exactly one first failure.
    static func makeLog(_ temp: TemporaryDirectory) throws -> (LedgerDirectory, [String]) {
        let directory = TestLedger.create(in: temp)
        for index in 0..<10 { _ = try TestLedger.append([TestLedger.event(index)], to: directory) }
        let lines = String(decoding: TestLedger.logBytes(directory), as: UTF8.self).split(separator: "\n").map(String.init)
        return (directory, lines)
    }

    /// `line` with its stored hash recomputed, as a forger who knows the format writes it.
    static func rehashed(_ line: String) -> String {
        let digest = RecordCodec.hashedBytesDigest(line: Array(line.utf8)[...], hasher: SHA256())
        let lead = "{\"hash\":\""
        return lead + digest.hex + line.dropFirst(lead.count + 64)
    }

    /// The stored hash of `line`.
    static func hash(_ line: String) -> String { String(line.dropFirst(9).prefix(64)) }

    /// `lines` with every record from index `first` on linked to the one before it and rehashed: a forger who
    /// rewrites the rest of the chain, so that only what the change breaks besides the links is left to find.
    static func rechained(_ lines: [String], from first: Int) -> [String] {
        var lines = lines
        for k in first..<lines.count {
            if k > 0 {
                let lead = "{\"hash\":\"" + hash(lines[k]) + "\",\"prev\":\""
                lines[k] = lead + hash(lines[k - 1]) + lines[k].dropFirst(lead.count + 64)
            }
            lines[k] = rehashed(lines[k])
        }
        return lines
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// `IntegrityFailure.kindCode` of the failure expected.
        let kind: String
        let seq: Int64
        let tamper: @Sendable ([String]) -> [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a value changed, stored hash kept", kind: "hash_mismatch", seq: 4) { lines in
            var lines = lines
            lines[3] = lines[3].replacing("\"n\":3", with: "\"n\":30")
            return lines
        },
        Case(name: "a value changed and that record rehashed", kind: "broken_link", seq: 5) { lines in
            var lines = lines
            lines[3] = rehashed(lines[3].replacing("\"n\":3", with: "\"n\":30"))
            return lines
        },
        Case(name: "prev pointed at an earlier record, rehashed", kind: "broken_link", seq: 4) { lines in
            var lines = lines
            lines[3] = rehashed(lines[3].replacing(hash(lines[2]), with: hash(lines[1])))
            return lines
        },
        Case(name: "a record deleted", kind: "sequence", seq: 4) { lines in
            var lines = lines
            lines.remove(at: 3)
            return lines
        },
        Case(name: "a record duplicated", kind: "sequence", seq: 5) { lines in
            var lines = lines
            lines.insert(lines[3], at: 4)
            return lines
        },
        Case(name: "two records swapped", kind: "sequence", seq: 4) { lines in
            var lines = lines
            lines.swapAt(3, 4)
            return lines
        },
        Case(name: "seq renumbered (a gap), rehashed", kind: "sequence", seq: 4) { lines in
            var lines = lines
            lines[3] = rehashed(lines[3].replacing("\"seq\":4,", with: "\"seq\":40,"))
            return lines
        },
        Case(name: "a batch claims the next record, the chain rewritten after it", kind: "bad_batch", seq: 5) { lines in
            var lines = lines
            lines[3] = lines[3].replacing("\"first\":4,\"last\":4", with: "\"first\":4,\"last\":5")
            return rechained(lines, from: 3)
        },
        // verify's workers decide the hex form of hash and prev from the hash they compute (`Bytes.fusedHexCheck`):
        // a malformed one is still named unparsable, not a mismatch.
        Case(name: "the stored hash written in upper case", kind: "unparsable", seq: 4) { lines in
            var lines = lines
            lines[3] = "{\"hash\":\"" + hash(lines[3]).uppercased() + lines[3].dropFirst(73)
            return lines
        },
        Case(name: "a stored hash with a digit that is not hex", kind: "unparsable", seq: 4) { lines in
            var lines = lines
            lines[3] = "{\"hash\":\"z" + lines[3].dropFirst(10)
            return lines
        },
        Case(name: "prev written in upper case, rehashed", kind: "unparsable", seq: 4) { lines in
            var lines = lines
            lines[3] = rehashed(lines[3].replacing(hash(lines[2]), with: hash(lines[2]).uppercased()))
            return lines
        },
        Case(name: "the first record's prev with a digit that is not hex, rehashed", kind: "unparsable", seq: 1) { lines in
            var lines = lines
            lines[0] = rehashed(lines[0].replacing("\"prev\":\"0", with: "\"prev\":\"o"))
            return lines
        },
        Case(name: "a record cut short in the middle of the log", kind: "unparsable", seq: 4) { lines in
            var lines = lines
            lines[3] = String(lines[3].prefix(lines[3].count / 2))
            return lines
        },
    ]

    @Test(arguments: cases)
    func tamperingIsNamed(_ c: Case) throws {
        let temp = TemporaryDirectory()
        let (directory, lines) = try Self.makeLog(temp)
        let tampered = c.tamper(lines)
        #expect(tampered != lines, "the case changes the log")
        TestLedger.writeLog(Array(tampered.map { $0 + "\n" }.joined().utf8), to: directory)
        let failure = try #require(try LogScanner.verify(path: directory.eventsPath).failure)
        #expect(failure.kindCode == c.kind, "\(failure)")
        #expect(failure.seq == c.seq, "\(failure)")
    }
}

/// `LogScanner.committedBatches` reports the first failure in the file (ledger-spec.md section 6: the first failure
/// ends the walk), whether the caller's `prepare` refused a line or the chain broke further on.
@Suite struct CommittedBatchesFailureTests {
    struct Refused: Error {}

    @Test func aLineRefusedByPrepareBeforeAChainFailureIsTheOneReported() throws {
        let temp = TemporaryDirectory()
        let (directory, lines) = try TamperTests.makeLog(temp)
        var tampered = lines
        // Record 20's text changed: a hash mismatch there.
        tampered[19] = Array(String(decoding: lines[19], as: UTF8.self).replacingOccurrences(of: "记录 19", with: "记录 91").utf8)
        TestLedger.writeLog(TamperTests.join(tampered), to: directory)
        #expect(throws: ChainError.self) {
            try LogScanner.committedBatches(directory, prepare: { line -> Int64? in line.location.seq }, batch: { _ in })
        }
        do {
            _ = try LogScanner.committedBatches(directory, prepare: { line -> Int64? in
                if line.location.seq == 5 { throw Refused() }
                return line.location.seq
            }, batch: { _ in })
            Issue.record("no failure")
        } catch {
            guard case .integrity(let failure) = error else { Issue.record("\(error)"); return }
            #expect(failure.seq == 5, "\(failure)")
            if case .unparsable = failure.kind {} else { Issue.record("kind \(failure.kind)") }
        }
    }
}
