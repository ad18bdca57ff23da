import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A crash mid-append leaves a prefix of the last batch. Every such prefix must read as a torn tail — never as
/// success with a wrong count, never as tampering, never a crash — and the next writer must recover.
@Suite struct TornTailTests {
    @Test func truncatingTheLastBatchAtEveryByteIsATornTail() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<4).map { TestLedger.event($0) }, to: directory)
        let committed = TestLedger.logBytes(directory)
        try TestLedger.appendUnacknowledged((4..<7).map { TestLedger.event($0) }, to: directory)
        let full = TestLedger.logBytes(directory)
        for cut in committed.count..<full.count {
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            let summary = try LogScanner.verify(path: directory.eventsPath)
            #expect(summary.failure == nil, "cut at \(cut)")
            #expect(summary.recordCount == 4, "cut at \(cut)")
            #expect(summary.committedBytes == Int64(committed.count))
            if cut == committed.count {
                #expect(summary.tornTail == nil)
            } else {
                let torn = try #require(summary.tornTail, "cut at \(cut)")
                #expect(torn.byteOffset == Int64(committed.count))
                #expect(torn.byteCount == Int64(cut - committed.count))
                #expect(torn.partialLine == (full[cut - 1] != 0x0A))
            }
            // Readers see only the committed records.
            #expect(try VerifiedLog.read(directory).records.count == 4)
        }
    }

    @Test func theNextWriterDiscardsTheTornTailWithANoticeAndAppends() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        let committed = TestLedger.logBytes(directory)
        let acknowledged = try PosixFile.readRegularFile(directory.acknowledgedPath, bytesMax: AcknowledgedHead.fileBytes).bytes
        try TestLedger.appendUnacknowledged((3..<6).map { TestLedger.event($0) }, to: directory)
        let full = TestLedger.logBytes(directory)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<20 {
            let cut = generator.int(committed.count + 1..<full.count)
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            // The crash happened before the batch was acknowledged (the append below acknowledges it again).
            try PosixFile.writeAtomically(acknowledged, to: directory.acknowledgedPath)
            var notices: [String] = []
            let writer = try LogWriter.open(directory, notice: { notices.append($0) })
            #expect(notices.count == 1 && notices[0].contains("torn tail"))
            #expect(writer.lastSeq == 3)
            // The ids of the discarded records are free again.
            let result = try writer.append((3..<6).map { TestLedger.event($0) }, options: AppendOptions(
                recordedAt: TestLedger.recordedAt, defaultActor: "t", makeId: { "x" }))
            writer.close()
            #expect(result.appended.map(\.seq) == [4, 5, 6])
            #expect(TestLedger.logBytes(directory) == full)
        }
    }

    @Test func aCompleteLineWithoutItsNewlineIsStillTorn() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let full = TestLedger.logBytes(directory)
        TestLedger.writeLog(Array(full.dropLast()), to: directory)
        let summary = try LogScanner.verify(path: directory.eventsPath)
        #expect(summary.recordCount == 0)
        #expect(summary.tornTail?.partialLine == true)
    }

    @Test func garbageAfterACompleteBatchIsAnIntegrityFailureWhenItEndsInANewline() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        TestLedger.writeLog(TestLedger.logBytes(directory) + Array("not a record\n".utf8), to: directory)
        let summary = try LogScanner.verify(path: directory.eventsPath)
        #expect(summary.failure?.seq == 2)
        #expect(summary.failure?.kindCode == "unparsable")
    }
}

/// `VerifiedLog.stream` hands over committed records only, one batch at a time, and keeps none.
@Suite struct StreamTests {
    @Test func streamNeverHandsOverATornTailAndStopsAtUpToSeq() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<4).map { TestLedger.event($0) }, to: directory)
        try TestLedger.appendUnacknowledged((4..<8).map { TestLedger.event($0) }, to: directory)
        let full = TestLedger.logBytes(directory)
        var seqs: [Int64] = []
        var summary = try VerifiedLog.stream(directory, upToSeq: 6) { seqs.append($0.seq) }
        #expect(seqs == [1, 2, 3, 4, 5, 6])
        #expect(summary.visitedCount == 6 && summary.totalRecordCount == 8)
        // Cut inside the second batch: its records are a torn tail, even those up to --at-seq.
        TestLedger.writeLog(Array(full.dropLast(30)), to: directory)
        seqs = []
        summary = try VerifiedLog.stream(directory, upToSeq: 6) { seqs.append($0.seq) }
        #expect(seqs == [1, 2, 3, 4])
        #expect(summary.totalRecordCount == 4)
        #expect(summary.headHash == (try VerifiedLog.read(directory)).headHash)
    }
}

/// `LogScanner.committedBatches`, the one reader of committed records: whole batches, never a torn tail, one error.
@Suite struct CommittedBatchesTests {
    @Test func batchesAreWholeAndATornTailIsNeverHandedOver() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<3).map { TestLedger.event($0) }, to: directory)
        try TestLedger.append((3..<5).map { TestLedger.event($0) }, to: directory)
        let committed = TestLedger.logBytes(directory)
        try TestLedger.appendUnacknowledged((5..<8).map { TestLedger.event($0) }, to: directory)
        let full = TestLedger.logBytes(directory)
        for cut in [committed.count, committed.count + 40, full.count - 1] {
            TestLedger.writeLog(Array(full[..<cut]), to: directory)
            var batches: [[Int64]] = []
            let summary = try LogScanner.committedBatches(directory, prepare: { $0.location.seq }, batch: { batches.append($0) })
            #expect(batches == [[1, 2, 3], [4, 5]], "cut at \(cut)")
            #expect(summary.recordCount == 5 && summary.failure == nil, "cut at \(cut)")
        }
        // The whole last batch once it is complete; stopping after a seq ends with the batch that holds it.
        TestLedger.writeLog(full, to: directory)
        var seen: [[Int64]] = []
        _ = try LogScanner.committedBatches(directory, stopAfterSeq: 4, prepare: { $0.location.seq }, batch: { seen.append($0) })
        #expect(seen == [[1, 2, 3], [4, 5]])
    }

    @Test func aVerifiedLineDecodesToTheRecordTheLineHolds() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        // Enough records that verify scans each chunk in parts on several cores.
        for start in stride(from: 0, to: 3_000, by: 500) {
            try TestLedger.append((start..<start + 500).map { TestLedger.event($0) }, to: directory)
        }
        var count = 0
        _ = try LogScanner.committedBatches(directory, prepare: { line -> Bool in
            try line.record() == RecordCodec.decode(line: line.line)
        }, batch: { results in
            count += results.count
            #expect(results.allSatisfy { $0 })
        })
        #expect(count == 3_000)
    }

    @Test func aLineThePreparerCannotReadIsAnIntegrityFailureAtThatLine() throws {
        struct Unreadable: Error {}
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<2).map { TestLedger.event($0) }, to: directory)
        try TestLedger.append((2..<4).map { TestLedger.event($0) }, to: directory)
        var batches: [[Int64]] = []
        do {
            _ = try LogScanner.committedBatches(directory, prepare: { line -> Int64 in
                if line.location.seq == 3 { throw Unreadable() }
                return line.location.seq
            }, batch: { batches.append($0) })
            Issue.record("no error")
        } catch {
            guard case .integrity(let failure) = error else { Issue.record("\(error)"); return }
            #expect(failure.seq == 3 && failure.kindCode == "unparsable")
        }
        #expect(batches == [[1, 2]])
    }
}
