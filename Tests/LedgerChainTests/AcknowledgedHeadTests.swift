import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `LEDGER/acknowledged` (ledger-spec.md sections 4–6): a torn tail must never hide acknowledged records.
@Suite struct AcknowledgedHeadTests {
    /// A ledger with two acknowledged batches (records 1–3 and 4–6); returns the log after each batch.
    static func twoBatches(_ temp: TemporaryDirectory) throws -> (LedgerDirectory, firstBatch: [UInt8], full: [UInt8], ackAfterFirst: [UInt8]) {
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        let first = TestLedger.logBytes(directory)
        let ack = try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: 256).bytes
        try TestLedger.append((3..<6).map { TestLedger.event($0) }, to: directory)
        return (directory, first, TestLedger.logBytes(directory), ack)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    @Test func everyAppendRecordsItsLastRecordAsAcknowledged() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        #expect(try AcknowledgedHead.read(directory) == nil)   // a new ledger has acknowledged nothing
        let result = try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        let head = try #require(try AcknowledgedHead.read(directory))
        #expect(head == AcknowledgedHead(seq: 3, hash: result.headHash))
        let bytes = try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: 256).bytes
        #expect(String(decoding: bytes, as: UTF8.self) == "{\"hash\":\"\(result.headHash.hex)\",\"seq\":3}\n")
        // A batch of duplicates writes nothing and acknowledges nothing new.
        try TestLedger.append([TestLedger.event(0)], to: directory)
        #expect(try AcknowledgedHead.read(directory)?.seq == 3)
    }

    @Test func aCutIntoAcknowledgedRecordsIsLossNotATornTail() throws {
        let temp = TemporaryDirectory()
        let (directory, first, full, _) = try Self.twoBatches(temp)
        var generator = SplitMix64(seed: 12)
        // Every fifth byte of the second batch and its last bytes (TornTailTests cuts at every byte), and some
        // cuts inside the first.
        var cuts = Array(stride(from: first.count, to: full.count, by: 5)) + Array(full.count - 4..<full.count)
        for _ in 0..<10 { cuts.append(generator.int(0..<first.count)) }
        for cut in cuts {
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            let summary = try LogScanner.verify(directory).get()
            let failure = try #require(summary.failure, "cut at \(cut)")
            #expect(failure.kindCode == "acknowledged_lost", "cut at \(cut)")
            #expect(failure.seq == summary.recordCount + 1 && failure.lineNumber == Int(failure.seq))
            #expect(failure.byteOffset == summary.committedBytes)
            #expect(summary.tornTail == nil)
            #expect(failure.detail.contains("acknowledged records up to seq 6"))
            // The file alone still reads as a torn tail: only the acknowledged head tells the two apart.
            if cut > first.count { #expect(try LogScanner.verify(path: directory.eventsPath).get().tornTail != nil) }
            // The writer refuses and changes nothing; readers refuse too.
            #expect(throws: ChainError.self) { try LogWriter.open(directory) }
            #expect(TestLedger.logBytes(directory) == Array(full[..<cut]))
            #expect(throws: ChainError.self) { try VerifiedLog.read(directory) }
        }
        TestLedger.writeLog(full, to: directory)
        #expect(try LogScanner.verify(directory).get().failure == nil)
    }

    @Test func aRecordAtTheAcknowledgedSeqWithAnotherHashIsLoss() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, _) = try Self.twoBatches(temp)
        // The whole log rewritten with recomputed hashes passes the chain alone, but not the acknowledged head.
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp)
        var events = (0..<6).map { TestLedger.event($0) }
        events[1].data["n"] = .integer(99)
        try TestLedger.append(Array(events[0..<3]), to: other)
        try TestLedger.append(Array(events[3...]), to: other)
        TestLedger.writeLog(TestLedger.logBytes(other), to: directory)
        #expect(try LogScanner.verify(path: directory.eventsPath).get().failure == nil)
        let failure = try #require(try LogScanner.verify(directory).get().failure)
        #expect(failure.kindCode == "acknowledged_lost" && failure.seq == 6 && failure.lineNumber == 6)
        let rewritten = TestLedger.logBytes(directory)
        #expect(rewritten != full)
        let sixth = rewritten.split(separator: 0x0A, omittingEmptySubsequences: false)[0..<5].reduce(0) { $0 + $1.count + 1 }
        #expect(failure.byteOffset == Int64(sixth))
    }

    /// The state a crash leaves between the batch's fsync and the acknowledged-head write: the batch is complete
    /// in the log, the acknowledged head is the previous one. It is committed (as before this file existed).
    @Test func aBatchDurableButNotYetAcknowledgedIsCommitted() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, ackAfterFirst) = try Self.twoBatches(temp)
        Self.write(ackAfterFirst, to: directory.acknowledgedPath)
        let summary = try LogScanner.verify(directory).get()
        #expect(summary.failure == nil && summary.tornTail == nil && summary.recordCount == 6)
        let writer = try LogWriter.open(directory)
        #expect(writer.lastSeq == 6)
        let result = try writer.append([TestLedger.event(6)], options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" }))
        writer.close()
        #expect(try AcknowledgedHead.read(directory) == AcknowledgedHead(seq: 7, hash: result.headHash))
        #expect(Array(TestLedger.logBytes(directory).prefix(full.count)) == full)
    }

    /// A crash during the write of a batch that was never acknowledged still leaves a torn tail the next writer cuts.
    @Test func aTornTailAfterTheAcknowledgedHeadIsStillTorn() throws {
        let temp = TemporaryDirectory()
        let (directory, first, full, ackAfterFirst) = try Self.twoBatches(temp)
        Self.write(ackAfterFirst, to: directory.acknowledgedPath)
        for cut in [first.count + 1, (first.count + full.count) / 2, full.count - 1] {
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            let summary = try LogScanner.verify(directory).get()
            #expect(summary.failure == nil && summary.recordCount == 3 && summary.tornTail != nil, "cut at \(cut)")
            var notices: [String] = []
            let writer = try LogWriter.open(directory, notice: { notices.append($0) })
            writer.close()
            #expect(notices.count == 1 && TestLedger.logBytes(directory) == first)
        }
    }

    /// If the acknowledged head cannot be recorded, the batch was never acknowledged: it is removed, the error is
    /// reported and the writer refuses further appends until reopened.
    @Test func aFailedAcknowledgementRemovesTheBatch() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        let before = TestLedger.logBytes(directory)
        let writer = try LogWriter.open(directory)
        // A directory where the file should be: writing it fails (EISDIR).
        try PosixFile.remove(directory.acknowledgedPath)
        try PosixFile.makeDirectory(directory.acknowledgedPath)
        let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" })
        #expect {
            try writer.append([TestLedger.event(3)], options: options)
        } throws: { error in
            guard case ChainError.file(let file) = error else { return false }
            return file.code == EISDIR
        }
        #expect(TestLedger.logBytes(directory) == before)
        #expect(throws: ChainError.self) { try writer.append([TestLedger.event(4)], options: options) }
        writer.close()
        #expect(TestLedger.logBytes(directory) == before)
    }

    @Test func withoutTheFileNothingIsKnownAsBefore() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, _) = try Self.twoBatches(temp)
        try PosixFile.remove(directory.acknowledgedPath)
        TestLedger.writeLog(Array(full[..<(full.count - 5)]), to: directory)
        let summary = try LogScanner.verify(directory).get()
        #expect(summary.failure == nil && summary.recordCount == 3 && summary.tornTail != nil)
    }

    @Test func aDamagedOrLinkedFileIsRefusedAndChangesNothing() throws {
        let temp = TemporaryDirectory()
        let (directory, _, full, _) = try Self.twoBatches(temp)
        let good = try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: 256).bytes
        let damaged: [[UInt8]] = [
            [], Array("{\"seq\":6}\n".utf8), Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"seq\":6", with: "\"seq\":0").utf8),
            Array(good.dropLast()), Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8),
            good + good,
        ]
        for bytes in damaged {
            Self.write(bytes, to: directory.acknowledgedPath)
            guard case .failure(let error) = LogScanner.verify(directory), case .acknowledgedUnreadable = error else {
                Issue.record("accepted \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            #expect(throws: ChainError.self) { try LogWriter.open(directory) }
            #expect(TestLedger.logBytes(directory) == full)
        }
        // A symbolic link is never followed (O_NOFOLLOW), even to a good copy.
        let copy = temp.path + "/copy"
        Self.write(good, to: copy)
        try PosixFile.remove(directory.acknowledgedPath)
        try FileManager.default.createSymbolicLink(atPath: directory.acknowledgedPath, withDestinationPath: copy)
        guard case .failure(.acknowledgedUnreadable) = LogScanner.verify(directory) else {
            Issue.record("a symbolic link was followed")
            return
        }
    }
}
