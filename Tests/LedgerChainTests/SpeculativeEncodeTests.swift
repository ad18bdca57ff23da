import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The writer makes a batch's first lines while it resolves the batch's ids, as if every event were fresh
/// (`LogWriter.speculate`), and uses them only when that holds. Seeded random batches — new events, events
/// already in the log, ids repeated within the batch, events without an id or an actor, reused ids with other
/// content, lines verify refuses, bad actors — give the same results, errors, log bytes and id index files as the
/// writer that resolves first and makes lines after.
@Suite struct SpeculativeEncodeTests {
    /// Hands out `gen-1`, `gen-2`, … (one per writer, so both writers make the same ids in the same order).
    final class Counter: @unchecked Sendable {
        var value = 0
    }

    static func options(_ counter: Counter, defaultActor: String?) -> AppendOptions {
        AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: defaultActor, makeId: {
            counter.value += 1
            return "gen-\(counter.value)"
        })
    }

    /// Quotes double when written: a string verify refuses though the input limit takes it.
    static let refusedData = ["text": JSONValue.string(String(repeating: "\"", count: 40_000))]

    /// One random batch: mostly new events, with the rare kinds above at the given odds (in 1,000ths each).
    static func batch(_ random: inout SplitMix64, next: inout Int, size: Int, rare: Int) -> [Event] {
        var events: [Event] = []
        for _ in 0..<size {
            let roll = random.int(0..<1_000)
            var event: Event
            if next > 0, roll < rare * 3 {
                // An event the log may hold already (a duplicate, or new if its batch failed).
                event = TestLedger.event(random.int(0..<next))
            } else {
                event = TestLedger.event(next)
                next += 1
            }
            let kind = random.int(0..<1_000)
            if kind < rare, let earlier = events.indices.randomElement(using: &random) {
                event = events[earlier]                                           // the same id twice in the batch
            } else if kind < 2 * rare {
                event.id = nil                                                   // the writer makes its id
            } else if kind < 3 * rare {
                event.actor = nil                                                // the default actor, if any
            } else if kind < 3 * rare + rare / 4, next > 1 {
                event = IdIndexTests.event(random.int(0..<next - 1), variant: 1) // a reused id, other content
            } else if kind < 3 * rare + rare / 2 {
                event = TestLedger.event(next, data: refusedData)                // a line verify refuses
                next += 1
            } else if kind < 3 * rare + 3 * rare / 4 {
                event.actor = "bad\u{7}actor"                                    // refused actor
            }
            events.append(event)
        }
        return events
    }

    /// Every file of the id index, by name.
    static func indexFiles(_ directory: LedgerDirectory) -> [String: [UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.indexPath)) ?? []
        var files: [String: [UInt8]] = [:]
        for name in names where name.hasPrefix("ids") {
            files[name] = try? PosixFile(path: directory.indexPath + "/" + name, mode: .read).readAll()
        }
        return files
    }

    /// Two new ledgers, each with a writer under the same id index policy (in even seeds a small one, so that tables
    /// are written and swept while batches come): `a` makes lines ahead, `b` makes them after resolving.
    final class WriterPair {
        let temps = [TemporaryDirectory(), TemporaryDirectory()]
        let ahead: LedgerDirectory, plain: LedgerDirectory
        let a: LogWriter, b: LogWriter

        init(seed: UInt64, deltaMax: Int) throws {
            ahead = TestLedger.create(in: temps[0])
            plain = TestLedger.create(in: temps[1])
            let policy = seed % 2 == 0 ? IdIndexPolicy(deltaMax: deltaMax, ratio: 2) : IdIndexPolicy.standard
            a = try LogWriter.open(ahead, idIndex: policy)
            b = try LogWriter.open(plain, idIndex: policy)
            a.linesAhead = true
            b.linesAhead = false
        }

        /// Closes both writers and checks that they left the same log, index files and acknowledged head.
        func closeAndCompare() throws {
            a.close()
            b.close()
            #expect(TestLedger.logBytes(ahead) == TestLedger.logBytes(plain))
            let filesA = SpeculativeEncodeTests.indexFiles(ahead), filesB = SpeculativeEncodeTests.indexFiles(plain)
            #expect(!filesA.isEmpty && filesA == filesB)
            let ackA = try PosixFile(path: ahead.acknowledgedPath, mode: .read).readAll()
            let ackB = try PosixFile(path: plain.acknowledgedPath, mode: .read).readAll()
            #expect(ackA == ackB)
        }
    }

    @Test(arguments: TestScale.seeds(4, from: 1))
    func speculatedBatchesAreTheBatchesResolvedFirst(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let pair = try WriterPair(seed: seed, deltaMax: 50)
        let a = pair.a, b = pair.b
        if seed % 3 == 1 {
            // Pieces written while a group is chained on this core and the next made on the other.
            a.writePieceBytes = 300_000
            b.writePieceBytes = 300_000
        }
        let counterA = Counter(), counterB = Counter()
        let sizes = [1, 5, 63, 64, 65, 100, 300, 1_000, LogWriter.encodeGroup + 10, LogWriter.encodeGroup + 700]
        var next = 0
        var speculable = 0
        var failures = 0
        for round in 0..<40 {
            let size = sizes[random.int(0..<sizes.count)]
            // Rare kinds in some batches only: the rest are all fresh, the case speculation serves.
            let rare = random.int(0..<3) == 0 ? random.int(1...8) : 0
            let events = Self.batch(&random, next: &next, size: size, rare: rare)
            let defaultActor: String? = random.int(0..<10) == 0 ? nil : "clerk"
            // Some batches are made on demand (as an import's are), not held as an array.
            let made = random.int(0..<3) == 0
            func run(_ writer: LogWriter, _ counter: Counter) -> String {
                let batch = made ? EventBatch(count: events.count, make: { events[$0] }) : EventBatch(events)
                do {
                    let result = try writer.append(batch, options: Self.options(counter, defaultActor: defaultActor))
                    return "\(result)"
                } catch {
                    return "error: \(error)"
                }
            }
            let before = a.speculatedBatches
            let outcomeA = run(a, counterA), outcomeB = run(b, counterB)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round)")
            if outcomeA.hasPrefix("error") { failures += 1 }
            if a.speculatedBatches > before { speculable += 1 }
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
        }
        #expect(b.speculatedBatches == 0 && b.groupsAhead == 0 && b.speculationsDropped == 0)
        // Both ways were taken: batches whose speculated lines were written, and batches that fell back or failed
        // after their lines were begun (not only the batches too small to speculate).
        #expect(speculable > 0 && speculable < 40, "speculated \(speculable) of 40")
        #expect(a.speculationsDropped > 0, "speculations dropped: \(a.speculationsDropped)")
        try pair.closeAndCompare()
    }

    /// A speculated batch is the log the one-core encoder makes, line for line (`RecordCodec.encode` in order),
    /// whichever core made each piece of the lines.
    @Test func speculatedBatchesAreTheSeriallyEncodedLog() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let writer = try LogWriter.open(directory)
        writer.linesAhead = true
        let sizes = [64, 65, 1_000, 777, 3_001, 64]
        var events: [Event] = []
        var batches: [(first: Int, last: Int)] = []
        for size in sizes {
            let batch = (events.count..<events.count + size).map { TestLedger.event($0) }
            _ = try writer.append(batch, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "unused" }))
            batches.append((events.count + 1, events.count + size))
            events += batch
        }
        #expect(writer.speculatedBatches == sizes.count)
        writer.close()
        #expect(TestLedger.logBytes(directory) == ParallelEncodeTests.seriallyEncoded(events, batches: batches))
    }

    /// A batch of several groups, written in pieces while the next group is made on the other core, is the log
    /// the one-core encoder makes.
    @Test func groupsMadeAheadAreTheSeriallyEncodedLog() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let writer = try LogWriter.open(directory)
        writer.linesAhead = true
        writer.writePieceBytes = 200_000
        let count = 2 * LogWriter.encodeGroup + 500
        let events = (0..<count).map { TestLedger.event($0) }
        _ = try writer.append(events, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "unused" }))
        #expect(writer.speculatedBatches == 1 && writer.groupsAhead == 2)
        writer.close()
        #expect(TestLedger.logBytes(directory) == ParallelEncodeTests.seriallyEncoded(events, batches: [(1, count)]))
    }

    /// A line verify refuses in a group made ahead — in a piece the other core or this one made, after pieces were
    /// written — fails the batch as the writer without lines made ahead fails it: the same error, nothing left in
    /// the log, and the next batch appended alike.
    @Test(arguments: [LogWriter.encodeGroup + 3, 2 * LogWriter.encodeGroup - 3, 2 * LogWriter.encodeGroup + 40])
    func aRefusedLineInAGroupMadeAheadFailsTheBatch(at refused: Int) throws {
        var outcomes: [String] = []
        var logs: [[UInt8]] = []
        for ahead in [true, false] {
            let temp = TemporaryDirectory()
            let directory = TestLedger.create(in: temp)
            let writer = try LogWriter.open(directory)
            writer.linesAhead = ahead
            writer.writePieceBytes = 200_000
            var events = (0..<(2 * LogWriter.encodeGroup + 100)).map { TestLedger.event($0) }
            events[refused] = TestLedger.event(refused, data: Self.refusedData)
            let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "unused" })
            do {
                _ = try writer.append(events, options: options)
                outcomes.append("appended")
            } catch {
                outcomes.append("\(error)")
            }
            #expect(TestLedger.logBytes(directory).isEmpty)
            if ahead { #expect(writer.groupsAhead >= 1) }
            // A batch cut back off after pieces were written poisons the writer: a new one takes the next batch.
            writer.close()
            let next = try LogWriter.open(directory)
            outcomes.append("\(try next.append([TestLedger.event(0)], options: options))")
            next.close()
            logs.append(TestLedger.logBytes(directory))
        }
        #expect(outcomes[0].contains("event ev-\(refused) would make a record that verification rejects"), "\(outcomes[0])")
        #expect(outcomes[0] == outcomes[2] && outcomes[1] == outcomes[3])
        #expect(logs[0] == logs[1] && !logs[0].isEmpty)
    }

    /// An array batch's lines are made from its events where they lie (the span of `storedEvents`), a batch made
    /// on demand's from each event made: the same seeded batches — fresh, with duplicates (whose fresh events' places
    /// are not their offsets), without ids or actors, refused — given either way give the same results and errors,
    /// log, acknowledged head and id index files, with lines made ahead and after resolving.
    @Test(arguments: TestScale.seeds(2, from: 11))
    func arrayBatchesAndBatchesMadeOnDemandWriteTheSameLog(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let inPlace = TestLedger.create(in: tempA), onDemand = TestLedger.create(in: tempB)
        let a = try LogWriter.open(inPlace), b = try LogWriter.open(onDemand)
        let counterA = Counter(), counterB = Counter()
        let sizes = [1, 64, 65, 300, 1_000, LogWriter.encodeGroup + 10, 2 * LogWriter.encodeGroup + 7]
        var next = 0
        for round in 0..<16 {
            let ahead = round % 2 == 0
            a.linesAhead = ahead
            b.linesAhead = ahead
            // The first two rounds: a batch of three groups, all fresh (lines made ahead, then after resolving).
            let size = round < 2 ? 2 * LogWriter.encodeGroup + 7 : sizes[random.int(0..<sizes.count)]
            let rare = round >= 2 && random.int(0..<3) == 0 ? random.int(1...8) : 0
            let events = Self.batch(&random, next: &next, size: size, rare: rare)
            let defaultActor: String? = random.int(0..<10) == 0 ? nil : "clerk"
            func run(_ writer: LogWriter, _ batch: EventBatch, _ counter: Counter) -> String {
                do {
                    return "\(try writer.append(batch, options: Self.options(counter, defaultActor: defaultActor)))"
                } catch {
                    return "error: \(error)"
                }
            }
            let outcomeA = run(a, EventBatch(events), counterA)
            let outcomeB = run(b, EventBatch(count: events.count, make: { events[$0] }), counterB)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round)")
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
        }
        // Both ways of making lines were taken for the array batches.
        #expect(a.speculatedBatches > 0 && a.groupsAhead > 0, "speculated \(a.speculatedBatches), ahead \(a.groupsAhead)")
        a.close()
        b.close()
        #expect(!TestLedger.logBytes(inPlace).isEmpty && TestLedger.logBytes(inPlace) == TestLedger.logBytes(onDemand))
        let filesA = Self.indexFiles(inPlace), filesB = Self.indexFiles(onDemand)
        #expect(!filesA.isEmpty && filesA == filesB)
        let ackA = try PosixFile(path: inPlace.acknowledgedPath, mode: .read).readAll()
        let ackB = try PosixFile(path: onDemand.acknowledgedPath, mode: .read).readAll()
        #expect(ackA == ackB)
    }
}

/// A batch of one group made ahead is made in `LogWriter.splitGroups` groups (session 40: this core chains one while
/// the other makes the next). Seeded batches of every size up to `encodeGroup` — all fresh, or with a line verify
/// refuses in the first, a middle or the last group, or a duplicate that drops the speculated lines — give the same
/// results, errors, log, acknowledged head and index files as the writer making each batch as one group.
@Suite struct SplitGroupTests {
    @Test(arguments: TestScale.seeds(4, from: 40))
    func aBatchMadeInGroupsIsTheBatchMadeInOne(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let pair = try SpeculativeEncodeTests.WriterPair(seed: seed, deltaMax: 300)
        let a = pair.a, b = pair.b
        let options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "unused" })
        var next = 0
        var split = 0
        var refused = 0
        for round in 0..<30 {
            let size = [64, 191, 192, 385, 577, 1_000, 1_001, 4_000, LogWriter.encodeGroup][random.int(0..<9)]
            var events = (next..<next + size).map { TestLedger.event($0) }
            next += size
            let group = LogWriter.groupSize(size, ahead: true)
            switch random.int(0..<4) {
            case 0:
                // A line verify refuses, in some group (the last line of a group, or the first of the next, at times).
                let at = random.int(0..<3) == 0 ? min(size - 1, group * random.int(1...2) - random.int(0...1)) : random.int(0..<size)
                events[at] = TestLedger.event(next, data: SpeculativeEncodeTests.refusedData)
                next += 1
            case 1 where next > size:
                events[random.int(0..<size)] = TestLedger.event(random.int(0..<next - size))   // held already, or new
            default:
                break
            }
            func run(_ writer: LogWriter) -> String {
                do { return "\(try writer.append(events, options: options))" } catch { return "error: \(error)" }
            }
            let groupsBefore = a.groupsAhead
            let outcomeA = run(a), outcomeB = run(b)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round) size \(size)")
            if outcomeA.hasPrefix("error") {
                refused += 1
                // A refused batch poisons neither writer (nothing was written); both go on alike.
            }
            if a.groupsAhead > groupsBefore { split += 1 }
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
        }
        #expect(split > 5 && refused > 0 && b.groupsAhead == 0, "split \(split), refused \(refused)")
        try pair.closeAndCompare()
    }

    /// The groups: a batch of one group is split in `splitGroups` groups of at least `splitGroupMin` events when its
    /// lines are made ahead, and never otherwise; a larger batch keeps groups of `encodeGroup`.
    @Test func groupSizes() {
        #expect(LogWriter.groupSize(1_000, ahead: true) == 334)
        #expect(LogWriter.groupSize(100, ahead: true) == LogWriter.splitGroupMin)
        #expect(LogWriter.groupSize(LogWriter.encodeGroup, ahead: true) == (LogWriter.encodeGroup + 2) / 3)
        #expect(LogWriter.groupSize(LogWriter.encodeGroup + 1, ahead: true) == LogWriter.encodeGroup)
        #expect(LogWriter.groupSize(1_000, ahead: false) == LogWriter.encodeGroup)
    }
}
