import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The writer's id table written on another thread while the next batches are appended (`IdIndex.maintain` with
/// `alongside`, session 28): the same answers, log and `index/` files as a writer that writes each table in place
/// when it is due, and a table that cannot be written leaves its records answering as the delta's.
@Suite struct TablesAlongsideTests {
    /// A writer writing its tables alongside and one writing them in place (and whose delta keeps no key filter:
    /// the way before session 28), given the same seeded batches — new ids, ids held already (in a table, in the
    /// delta, or in the table being written), ids twice in a batch, reused ids with other content — and asked for
    /// ids' seqs between batches: the same results and errors, the same answers, and, whenever both are closed (now
    /// and then, and at the end), the same log, acknowledged head and id index files.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func aWriterWritingTablesAlongsideAnswersAsOneWritingThemInPlace(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let alongside = TestLedger.create(in: tempA), inPlace = TestLedger.create(in: tempB)
        // A table due every few batches, so that one is often still being written when the next batches come; a batch
        // of more than `heldMax` goes into a table at once (`absorb`), after the one being written is put in place.
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: [300, 500, 700][Int(seed % 3)], ratio: 2)
        func open() throws -> (LogWriter, LogWriter) {
            let a = try LogWriter.open(alongside, idIndex: policy), b = try LogWriter.open(inPlace, idIndex: policy)
            a.tablesAlongside = true
            b.tablesAlongside = false
            b.deltaFilter = false
            return (a, b)
        }
        var (a, b) = try open()
        var next = 0
        var begun = 0
        var compared = 0
        for round in 0..<80 {
            if random.int(0..<10) == 0 {
                begun += a.tablesBegunAlongside
                a.close(); b.close()
                #expect(SpeculativeEncodeTests.indexFiles(alongside) == SpeculativeEncodeTests.indexFiles(inPlace), "seed \(seed) round \(round)")
                (a, b) = try open()
            }
            let size = random.int(0..<10) == 0 ? 1_000 : [64, 150, 300][random.int(0..<3)]
            var events: [Event] = []
            for _ in 0..<size {
                let roll = random.int(0..<100)
                if next > 0, roll < 6 {
                    events.append(TestLedger.event(random.int(max(0, next - 3_000)..<next)))       // held already (or failed)
                } else if next > 1, roll < 7, random.int(0..<4) == 0 {
                    events.append(IdIndexTests.event(random.int(0..<next - 1), variant: 1))     // other content
                } else if roll < 8, let earlier = events.indices.randomElement(using: &random) {
                    events.append(events[earlier])                                             // twice in the batch
                } else {
                    events.append(TestLedger.event(next))
                    next += 1
                }
            }
            let outcomeA = IdIndexTests.run(a, events), outcomeB = IdIndexTests.run(b, events)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round)")
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
            // Ids of the last few thousand (the delta, the table being written, the newest tables) and older ones.
            for _ in 0..<20 where next > 0 {
                let k = random.int(0..<4) == 0 ? random.int(0..<next) : random.int(max(0, next - 3_000)..<next)
                let id = TestLedger.event(k).id ?? ""
                #expect(try a.seq(ofId: id) == b.seq(ofId: id), "seed \(seed) round \(round) id \(id)")
                compared += 1
            }
        }
        begun += a.tablesBegunAlongside
        #expect(b.tablesBegunAlongside == 0)
        #expect(begun > 3, "tables begun alongside: \(begun)")
        a.close(); b.close()
        #expect(compared > 500)
        #expect(TestLedger.logBytes(alongside) == TestLedger.logBytes(inPlace))
        let filesA = SpeculativeEncodeTests.indexFiles(alongside), filesB = SpeculativeEncodeTests.indexFiles(inPlace)
        #expect(filesA.count > 1 && filesA == filesB)
        #expect(try PosixFile(path: alongside.acknowledgedPath, mode: .read).readAll()
                == PosixFile(path: inPlace.acknowledgedPath, mode: .read).readAll())
    }

    /// A table that cannot be written (a directory stands where its temporary file goes) fails on the other thread:
    /// its records go back into the delta, before those appended since, and answer as the in-place writer's, whose
    /// table failed the same way and whose records stayed in its delta. Once the way is clear, closing writes the
    /// same files.
    @Test(arguments: TestScale.seeds(3, from: 1))
    func aTableThatCannotBeWrittenAlongsideLeavesItsRecordsAnswering(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let alongside = TestLedger.create(in: tempA), inPlace = TestLedger.create(in: tempB)
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: 300, ratio: 2)
        let a = try LogWriter.open(alongside, idIndex: policy), b = try LogWriter.open(inPlace, idIndex: policy)
        a.tablesAlongside = true
        b.tablesAlongside = false
        var next = 0
        func batch(_ size: Int) -> [Event] {
            defer { next += size }
            return (next..<(next + size)).map { TestLedger.event($0) }
        }
        // A base table first (the first batch of an empty log becomes it, in place), then the way is blocked.
        for _ in 0..<2 {
            let events = batch(200)
            #expect(IdIndexTests.run(a, events) == IdIndexTests.run(b, events))
        }
        // Not empty: `IdTable.write` removes a temporary left behind first, and remove(3) takes an empty directory.
        let blocked = (1...6).map { IdIndex.levelName($0) + ".tmp" }
        for directory in [alongside, inPlace] {
            for name in blocked {
                try FileManager.default.createDirectory(atPath: directory.indexPath + "/" + name + "/in-the-way", withIntermediateDirectories: true)
            }
        }
        let before = SpeculativeEncodeTests.indexFiles(alongside)
        var sent: [[Event]] = []
        for round in 0..<12 {
            let events = batch(100 + random.int(0..<400))
            sent.append(events)
            #expect(IdIndexTests.run(a, events) == IdIndexTests.run(b, events), "seed \(seed) round \(round)")
            // Every id sent so far, in a table or the delta: found, and at the same seq.
            for _ in 0..<30 {
                let id = TestLedger.event(random.int(0..<next)).id ?? ""
                #expect(try a.seq(ofId: id) == b.seq(ofId: id), "seed \(seed) round \(round) id \(id)")
            }
        }
        #expect(a.tablesBegunAlongside > 0, "tables begun alongside: \(a.tablesBegunAlongside)")
        // Batches sent again: all duplicates, found where the first sending put them.
        for events in sent.shuffled(using: &random).prefix(4) {
            let again = IdIndexTests.run(a, events)
            #expect(again == IdIndexTests.run(b, events))
            if case .ok(let result) = again { #expect(result.appended.isEmpty && result.duplicates.count == events.count) }
        }
        // The last table begun alongside failed too before the way is cleared (else it might be written, and the files
        // would be made at other points than the in-place writer's).
        a.waitForTableAlongside()
        // No table was written while the way was blocked (the failures were taken).
        #expect(SpeculativeEncodeTests.indexFiles(alongside) == before && SpeculativeEncodeTests.indexFiles(inPlace) == before)
        for directory in [alongside, inPlace] {
            for name in blocked { try FileManager.default.removeItem(atPath: directory.indexPath + "/" + name) }
        }
        a.close(); b.close()
        #expect(TestLedger.logBytes(alongside) == TestLedger.logBytes(inPlace))
        let filesA = SpeculativeEncodeTests.indexFiles(alongside), filesB = SpeculativeEncodeTests.indexFiles(inPlace)
        #expect(!filesA.isEmpty && filesA == filesB)
    }

    /// A writer poisoned (a failed write) while a table is being written alongside waits for that table as it closes:
    /// nothing may write `index/` once the lock is let go. The table is in place, no temporary is left, and the next
    /// writer finds every id where the poisoned one did.
    @Test(arguments: TestScale.seeds(3, from: 1))
    func aPoisonedWriterClosingWaitsForTheTableWrittenAlongside(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: 300, ratio: 2)
        let writer = try LogWriter.open(directory, idIndex: policy)
        writer.tablesAlongside = true
        var next = 0
        // The first batch of an empty log becomes the base table; then batches until one begins a table alongside.
        repeat {
            let size = 100 + random.int(0..<200)
            let events = (next..<(next + size)).map { TestLedger.event($0) }
            next += size
            guard case .ok = IdIndexTests.run(writer, events) else { Issue.record("seed \(seed): append failed"); return }
        } while !writer.writingTableAlongside && next < 20_000
        try #require(writer.writingTableAlongside, "seed \(seed): no table begun alongside")
        let seqs = try (0..<next).map { try writer.seq(ofId: TestLedger.event($0).id ?? "") }
        writer.poisonForTesting()
        writer.close()
        #expect(!writer.writingTableAlongside, "seed \(seed): the lock was let go with a table being written")
        let names = try PosixDirectory(path: directory.indexPath).names()
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "seed \(seed): \(names)")
        // The table begun alongside is in place: the tables hold every record (the delta was empty as it began).
        var held: Int64 = 0
        for name in names where name == IdIndex.baseName || name.hasPrefix(IdIndex.baseName + "-") {
            held += try #require(try? IdTable.open(path: directory.indexPath + "/" + name), "seed \(seed): \(name)").count
        }
        #expect(held == Int64(next), "seed \(seed): \(names)")
        var notices: [String] = []
        let reopened = try LogWriter.open(directory, notice: { notices.append($0) }, idIndex: policy)
        defer { reopened.close() }
        #expect(notices.isEmpty, "seed \(seed): \(notices)")
        #expect(try (0..<next).map { try reopened.seq(ofId: TestLedger.event($0).id ?? "") } == seqs)
        #expect(!seqs.contains(nil))
    }
}

/// A table found damaged while a batch's ids are looked up has the index rebuilt from the log in the middle of the
/// batch (the delta emptied into the new table): the ids after it are looked up anew, not by the sweep made before,
/// so an id the old delta held is still found (a duplicate), never appended a second time.
@Suite struct RebuildInTheMiddleOfABatchTests {
    @Test(arguments: TestScale.seeds(3, from: 1))
    func idsAfterARebuildAreLookedUpInTheNewTables(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: 100_000, ratio: 2)
        let writer = try LogWriter.open(directory, idIndex: policy)
        defer { writer.close() }
        writer.tablesAlongside = false
        // A base table (the first batch of an empty log), then a batch that stays in the delta.
        let tabled = 300, held = 200
        guard case .ok = IdIndexTests.run(writer, (0..<tabled).map { TestLedger.event($0) }),
              case .ok = IdIndexTests.run(writer, (tabled..<(tabled + held)).map { TestLedger.event($0) }) else {
            Issue.record("seed \(seed): set-up appends failed"); return
        }
        // A batch large enough for the sweep: first an id in the table (its search fails as damage would), then
        // ids of the delta and new ones, shuffled.
        var resent = (0..<80).map { _ in TestLedger.event(tabled + random.int(0..<held)) }
        resent += (0..<40).map { TestLedger.event(tabled + held + $0) }
        resent.shuffle(using: &random)
        var seen = Set<String>()
        resent = resent.filter { seen.insert($0.id ?? "").inserted }
        let batch = [TestLedger.event(random.int(0..<tabled))] + resent
        writer.failNextTableReadForTesting = true
        guard case .ok(let result) = IdIndexTests.run(writer, batch) else { Issue.record("seed \(seed): append failed"); return }
        #expect(!writer.failNextTableReadForTesting, "seed \(seed): the table was not searched")
        let newIds = Set((0..<40).map { TestLedger.event(tabled + held + $0).id ?? "" })
        #expect(Set(result.appended.map(\.id)) == newIds, "seed \(seed)")
        #expect(result.duplicates.count == batch.count - newIds.count, "seed \(seed)")
    }
}
