import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A batch's ids put into the writer's delta on the other core while the batch is written, synced, read back and
/// acknowledged (`LogWriter.DeltaInsertion`, session 29), and the batch's sweep asking the delta's filters for all
/// its keys before it looks any up (`IdIndex.deltaMayHold`): the same answers, log and `index/` files as a writer
/// that puts the ids in after the batch is acknowledged, and a batch that is not acknowledged leaves none of its
/// ids in the delta.
@Suite struct DeltaAlongsideTests {
    /// Two writers given the same seeded batches — new ids, ids held already (in a table, the delta or the table
    /// being written alongside), ids twice in a batch, reused ids with other content, events without ids — one
    /// putting each batch's ids into the delta while it writes the batch, the other after (and without the delta's
    /// filter, so that its lookups never take the filters' word): the same results and errors batch by batch, the
    /// same `seq(ofId:)` between batches, and at every close (now and then, and at the end) the same log,
    /// acknowledged head and id index files.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func aWriterPuttingIdsInWhileItWritesAnswersAsOnePuttingThemInAfter(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let alongside = TestLedger.create(in: tempA), after = TestLedger.create(in: tempB)
        // Tables every few batches, so that lookups meet tables, the delta and a table being written.
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: [300, 700, 2_000][Int(seed % 3)], ratio: 2)
        var generated = 0
        let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: {
            generated += 1
            return "generated-\(generated)"
        })
        func run(_ writer: LogWriter, _ events: [Event]) -> IdIndexTests.Outcome {
            do { return .ok(try writer.append(events, options: options)) } catch { return .failed("\(error)") }
        }
        func open() throws -> (LogWriter, LogWriter) {
            let a = try LogWriter.open(alongside, idIndex: policy), b = try LogWriter.open(after, idIndex: policy)
            a.deltaAlongside = true
            b.deltaAlongside = false
            b.deltaFilter = false
            return (a, b)
        }
        var (a, b) = try open()
        var next = 0
        var insertedAlongside = 0
        var refused = 0
        var compared = 0
        for round in 0..<60 {
            if random.int(0..<8) == 0 {
                insertedAlongside += a.batchesInsertedAlongside
                a.close(); b.close()
                #expect(SpeculativeEncodeTests.indexFiles(alongside) == SpeculativeEncodeTests.indexFiles(after), "seed \(seed) round \(round)")
                (a, b) = try open()
            }
            let size = [1, 64, 150, 300, 1_000, 1_000][random.int(0..<6)]
            // Reused ids with other content (which refuse the whole batch) in one batch of five.
            let conflicts = random.int(0..<5) == 0
            var events: [Event] = []
            for _ in 0..<size {
                let roll = random.int(0..<100)
                if next > 0, roll < 6 {
                    events.append(TestLedger.event(random.int(max(0, next - 3_000)..<next)))       // held already (or failed)
                } else if next > 1, roll < 7, conflicts {
                    events.append(IdIndexTests.event(random.int(0..<next - 1), variant: 1))     // other content
                } else if roll < 8, let earlier = events.indices.randomElement(using: &random) {
                    events.append(events[earlier])                                             // twice in the batch
                } else if roll < 9 {
                    var event = TestLedger.event(1_000_000 + next)                              // no id: one is made
                    event.id = nil
                    events.append(event)
                    next += 1
                } else {
                    events.append(TestLedger.event(next))
                    next += 1
                }
            }
            // Both writers make the same ids for events without one (the counter is reset between them).
            let start = generated
            let outcomeA = run(a, events)
            let madeA = generated
            generated = start
            let outcomeB = run(b, events)
            #expect(generated == madeA)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round)")
            if case .failed = outcomeA { refused += 1 }
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
            for _ in 0..<20 where next > 0 {
                let k = random.int(0..<4) == 0 ? random.int(0..<next) : random.int(max(0, next - 3_000)..<next)
                let id = TestLedger.event(k).id ?? ""
                #expect(try a.seq(ofId: id) == b.seq(ofId: id), "seed \(seed) round \(round) id \(id)")
                compared += 1
            }
            if generated > 0 {
                let id = "generated-\(1 + random.int(0..<generated))"
                #expect(try a.seq(ofId: id) == b.seq(ofId: id), "seed \(seed) round \(round) id \(id)")
            }
        }
        insertedAlongside += a.batchesInsertedAlongside
        #expect(b.batchesInsertedAlongside == 0)
        #expect(insertedAlongside > 5, "batches whose ids went in alongside: \(insertedAlongside)")
        #expect(refused > 0, "refused batches: \(refused)")
        a.close(); b.close()
        #expect(compared > 500)
        #expect(TestLedger.logBytes(alongside) == TestLedger.logBytes(after))
        let filesA = SpeculativeEncodeTests.indexFiles(alongside), filesB = SpeculativeEncodeTests.indexFiles(after)
        #expect(filesA.count > 1 && filesA == filesB)
        #expect(try PosixFile(path: alongside.acknowledgedPath, mode: .read).readAll()
                == PosixFile(path: after.acknowledgedPath, mode: .read).readAll())
    }

    /// A batch whose acknowledged head cannot be recorded (a directory put where the file was, just before) is cut
    /// off and the writer poisoned: its ids, which went into the delta while it was written, are taken out again,
    /// so the poisoned writer answers as one that puts them in only after, and the ids before are all found. The
    /// writer putting ids in alongside is held before acknowledging until the other core says the batch's ids are
    /// in (`LogWriter.deltaInsertedAlongside`), so the state tested is reached every time, whatever the machine's
    /// other work (no sleep). With one core nothing runs alongside (`Parallel.alongside` runs its pieces on this
    /// thread, after the failure), so nothing is waited for and nothing is taken out.
    @Test(arguments: TestScale.seeds(3, from: 1))
    func aBatchNotAcknowledgedLeavesNoneOfItsIdsInTheDelta(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let alongside = TestLedger.create(in: tempA), after = TestLedger.create(in: tempB)
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: 5_000, ratio: 2)
        let a = try LogWriter.open(alongside, idIndex: policy), b = try LogWriter.open(after, idIndex: policy)
        defer { a.close(); b.close() }
        a.deltaAlongside = true
        b.deltaAlongside = false
        let inserted = DispatchSemaphore(value: 0)
        a.deltaInsertedAlongside = { inserted.signal() }
        var next = 0
        func batch(_ size: Int) -> [Event] {
            defer { next += size }
            return (next..<(next + size)).map { TestLedger.event($0) }
        }
        for _ in 0..<(2 + random.int(0..<4)) {
            let events = batch(64 + random.int(0..<500))
            #expect(IdIndexTests.run(a, events) == IdIndexTests.run(b, events))
        }
        // Earlier batches signalled too: counted out, so that the wait below is for the failing batch's ids.
        while inserted.wait(timeout: .now()) == .success {}
        let held = next
        let failing = batch(256 + random.int(0..<700))
        var errors: [String] = []
        var waited = false
        for (writer, directory) in [(a, alongside), (b, after)] {
            var options = IdIndexTests.options()
            let waitsForTheOtherCore = writer === a && Parallel.coreCount > 1
            options.beforeAcknowledging = {
                if waitsForTheOtherCore {
                    // The other core signals once the batch's ids are in; the limit only keeps a broken writer
                    // (one that never began the insertion) from hanging the run.
                    waited = inserted.wait(timeout: .now() + 120) == .success
                }
                try? FileManager.default.removeItem(atPath: directory.acknowledgedPath)
                try? FileManager.default.createDirectory(atPath: directory.acknowledgedPath, withIntermediateDirectories: false)
            }
            do {
                _ = try writer.append(failing, options: options)
                Issue.record("seed \(seed): appended without an acknowledged head")
            } catch {
                errors.append("\(error)".replacingOccurrences(of: directory.path, with: "LEDGER"))
            }
        }
        #expect(errors.count == 2 && errors[0] == errors[1], "\(errors)")
        #expect(a.lastSeq == b.lastSeq && a.lastSeq == Int64(held))
        for event in failing.shuffled(using: &random).prefix(40) {
            let seqA = try a.seq(ofId: event.id ?? ""), seqB = try b.seq(ofId: event.id ?? "")
            #expect(seqA == nil && seqB == nil, "seed \(seed) id \(event.id ?? "")")
        }
        for _ in 0..<60 {
            let id = TestLedger.event(random.int(0..<held)).id ?? ""
            let seqA = try a.seq(ofId: id), seqB = try b.seq(ofId: id)
            #expect(seqA != nil && seqA == seqB, "seed \(seed) id \(id)")
        }
        if Parallel.coreCount > 1 {
            #expect(waited, "seed \(seed): the other core never said the batch's ids were in")
            #expect(a.deltaInsertionsTakenOut == 1, "the batch's ids went in alongside and were taken out")
        } else {
            #expect(a.deltaInsertionsTakenOut == 0)
        }
    }
}

extension DeltaAlongsideTests {
    /// Two writers given the same seeded batches (`SpeculativeEncodeTests.batch`: new ids, duplicates, ids made by the
    /// writer, default actors, reused ids with other content, lines verify refuses, refused actors; lines made ahead
    /// or not), one putting ids into the delta while it syncs, the other after: the same results and errors batch by
    /// batch, and the same log, acknowledged head and index files at the end. Some seeds make the write piece small,
    /// so that a batch refused after some of its pieces were written poisons both writers alike (both are opened
    /// again).
    @Test(arguments: TestScale.seeds(4, from: 1))
    func aWriterPuttingIdsInWhileItSyncsWritesWhatOneWritingThemAfterWrites(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let insertingAlongside = TestLedger.create(in: tempA), insertingAfter = TestLedger.create(in: tempB)
        let policy = seed % 2 == 0 ? IdIndexPolicy(deltaMax: 50, heldMax: 900, ratio: 2) : IdIndexPolicy.standard
        func open() throws -> (LogWriter, LogWriter) {
            let a = try LogWriter.open(insertingAlongside, idIndex: policy), b = try LogWriter.open(insertingAfter, idIndex: policy)
            a.deltaAlongside = true
            b.deltaAlongside = false
            if seed % 3 == 1 {
                a.writePieceBytes = 100_000
                b.writePieceBytes = 100_000
            }
            return (a, b)
        }
        var (a, b) = try open()
        var inserted = 0
        let counterA = SpeculativeEncodeTests.Counter(), counterB = SpeculativeEncodeTests.Counter()
        let sizes = [1, 63, 64, 65, 100, 300, 1_000, 2_000, LogWriter.encodeGroup + 10]
        var next = 0
        var failures = 0
        for round in 0..<40 {
            let size = sizes[random.int(0..<sizes.count)]
            let rare = random.int(0..<3) == 0 ? random.int(1...8) : 0
            let events = SpeculativeEncodeTests.batch(&random, next: &next, size: size, rare: rare)
            let defaultActor: String? = random.int(0..<10) == 0 ? nil : "clerk"
            let ahead = random.int(0..<4) != 0
            a.linesAhead = ahead
            b.linesAhead = ahead
            func run(_ writer: LogWriter, _ counter: SpeculativeEncodeTests.Counter, _ directory: LedgerDirectory) -> String {
                do {
                    return "\(try writer.append(events, options: SpeculativeEncodeTests.options(counter, defaultActor: defaultActor)))"
                } catch {
                    return "error: \(error)".replacingOccurrences(of: directory.path, with: "LEDGER")
                }
            }
            let outcomeA = run(a, counterA, insertingAlongside), outcomeB = run(b, counterB, insertingAfter)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round)")
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
            #expect(b.batchesInsertedAlongside == 0)
            if outcomeA.hasPrefix("error") {
                // A batch refused after some of its pieces were written (one too large for one write) poisons both
                // writers alike: both are opened again.
                failures += 1
                inserted += a.batchesInsertedAlongside
                a.close(); b.close()
                (a, b) = try open()
            }
        }
        inserted += a.batchesInsertedAlongside
        #expect(inserted > 3, "batches whose ids went in alongside: \(inserted)")
        #expect(failures > 0, "refused batches: \(failures)")
        a.close()
        b.close()
        #expect(TestLedger.logBytes(insertingAlongside) == TestLedger.logBytes(insertingAfter))
        #expect(SpeculativeEncodeTests.indexFiles(insertingAlongside) == SpeculativeEncodeTests.indexFiles(insertingAfter))
        #expect(try PosixFile(path: insertingAlongside.acknowledgedPath, mode: .read).readAll()
                == PosixFile(path: insertingAfter.acknowledgedPath, mode: .read).readAll())
    }

    /// A batch that cannot be written (the log a device node like /dev/full: every write fails with ENOSPC) while its
    /// ids go into the delta gives the error it gives otherwise — the same words — and poisons the writer, which then
    /// finds none of the batch's ids (taken out of the delta again if the other core had put them in).
    @Test(.enabled(if: ProcessSignal.isRoot, "only root can make the device node"))
    func aBatchThatCannotBeWrittenLeavesNoneOfItsIdsInTheDelta() throws {
        var errors: [String] = []
        for insertingAlongside in [true, false] {
            let scratch = try FaultProcess.scratchDirectory("enospc-delta")
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "full", createdAt: TestLedger.recordedAt)
            try FileManager.default.removeItem(atPath: directory.eventsPath)
            let made = try FaultProcess.run("/bin/mknod", [directory.eventsPath, "c", "1", "7"], in: scratch)
            try #require(made.status == 0, "mknod failed: \(made.err)")
            let writer = try LogWriter.open(directory)
            writer.linesAhead = true
            writer.deltaAlongside = insertingAlongside
            let events = (0..<500).map { TestLedger.event($0) }
            do {
                _ = try writer.append(events, options: IdIndexTests.options())
                Issue.record("appended to a full device")
            } catch {
                errors.append("\(error)".replacingOccurrences(of: scratch, with: "SCRATCH"))
            }
            #expect(writer.lastSeq == 0)
            #expect(try writer.seq(ofId: events[0].id ?? "") == nil && writer.seq(ofId: events[499].id ?? "") == nil)
            do {
                _ = try writer.append(events, options: IdIndexTests.options())
                Issue.record("a poisoned writer appended")
            } catch {
                #expect("\(error)".contains("reopen the ledger"), "\(error)")
            }
            writer.close()
        }
        #expect(errors.count == 2 && errors[0] == errors[1] && errors[0].contains("No space left on device"), "\(errors)")
    }
}
