import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The id tables' key filters (`IdKeyFilter`), which a batch's sweep (`IdIndex.keysInTables`) asks before it
/// searches a table: never "absent" for a key the table holds, so the writer's answers, log and index files are
/// those of a writer that searches every table for every key.
@Suite struct SweepFilterTests {
    @Test(arguments: TestScale.seeds(6, from: 1))
    func aFilterNeverSaysAbsentForAKeyInsertedAndRarelyMaybeForOthers(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let count = [0, 1, 7, 100, 5_000, 70_000][Int(seed % 6)]
        var filter = IdKeyFilter(count: count)
        var inserted = Set<UInt64>(), list: [UInt64] = []
        for _ in 0..<count {
            // Some keys twice, and keys that differ from another in one bit (the halves the filter splits).
            let key: UInt64
            switch random.int(0..<10) {
            case 0 where !list.isEmpty: key = list[random.int(0..<list.count)]
            case 1 where !list.isEmpty: key = list[random.int(0..<list.count)] ^ (1 << UInt64(random.int(0..<64)))
            default: key = random.next()
            }
            filter.insert(key)
            inserted.insert(key)
            list.append(key)
        }
        for key in inserted { #expect(filter.mayContain(key), "key \(key) inserted, said absent") }
        // Absent keys: some 0.5 % false "maybe"s in theory at 12 bits a key; a filter that answered "maybe" always
        // (or for most keys) fails this.
        var maybes = 0, asked = 0
        for _ in 0..<20_000 {
            let key = random.next()
            guard !inserted.contains(key) else { continue }
            asked += 1
            if filter.mayContain(key) { maybes += 1 }
        }
        #expect(Double(maybes) < Double(asked) * (count < 100 ? 0.01 : 0.02), "\(maybes) of \(asked) absent keys said maybe")
        #expect(IdKeyFilter(count: 0).mayContain(random.next()) == false)
    }

    /// Seeded random batches (new ids, ids the tables hold, ids of the delta, ids twice in a batch, reused ids with
    /// other content) appended by a writer whose sweep asks the filters and one whose sweep searches every table: the
    /// same results and errors batch by batch, and the same log, acknowledged head and id index files. The writers are
    /// reopened now and then, so that tables opened from disk get their filters from their blocks once swept enough.
    /// The second writer's delta keeps no filter of its keys either (session 28): it is the way before both, and a
    /// delta filter that said absent for an id the delta holds would append that id again.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func aWriterAskingTheFiltersAnswersAsOneSearchingEveryTable(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let filtered = TestLedger.create(in: tempA), plain = TestLedger.create(in: tempB)
        // Tables written and merged every few batches, so that a sweep meets several.
        let policy = IdIndexPolicy(deltaMax: 64, heldMax: [64, 300, 1_500][Int(seed % 3)], ratio: 2)
        var a = try LogWriter.open(filtered, idIndex: policy), b = try LogWriter.open(plain, idIndex: policy)
        b.sweepFilters = false
        b.deltaFilter = false
        var next = 0
        var skipped = 0
        for round in 0..<50 {
            if random.int(0..<8) == 0 {
                skipped += a.keysFilteredOut
                a.close(); b.close()
                a = try LogWriter.open(filtered, idIndex: policy)
                b = try LogWriter.open(plain, idIndex: policy)
                b.sweepFilters = false
                b.deltaFilter = false
            }
            let size = [64, 100, 400, 1_000][random.int(0..<4)]
            var events: [Event] = []
            for _ in 0..<size {
                let roll = random.int(0..<100)
                if next > 0, roll < 6 {
                    events.append(TestLedger.event(random.int(0..<next)))                      // held already (or failed)
                } else if next > 1, roll < 7, random.int(0..<4) == 0 {
                    events.append(IdIndexTests.event(random.int(0..<next - 1), variant: 1))     // other content
                } else if roll < 8, let earlier = events.indices.randomElement(using: &random) {
                    events.append(events[earlier])                                             // twice in the batch
                } else {
                    events.append(TestLedger.event(next))
                    next += 1
                }
            }
            #expect(a.deltaFilter && !b.deltaFilter)
            let outcomeA = IdIndexTests.run(a, events), outcomeB = IdIndexTests.run(b, events)
            #expect(outcomeA == outcomeB, "seed \(seed) round \(round)")
            #expect(a.lastSeq == b.lastSeq && a.headHash == b.headHash, "seed \(seed) round \(round)")
        }
        skipped += a.keysFilteredOut
        #expect(b.keysFilteredOut == 0)
        // The filters answered for most keys (new ids), so the way under test was taken.
        #expect(skipped > 1_000, "keys the filters answered: \(skipped)")
        a.close(); b.close()
        #expect(TestLedger.logBytes(filtered) == TestLedger.logBytes(plain))
        let filesA = SpeculativeEncodeTests.indexFiles(filtered), filesB = SpeculativeEncodeTests.indexFiles(plain)
        #expect(filesA.count > 1 && filesA == filesB)
        #expect(try PosixFile(path: filtered.acknowledgedPath, mode: .read).readAll()
                == PosixFile(path: plain.acknowledgedPath, mode: .read).readAll())
    }

    /// The index's sweep with filters finds the keys it finds without: keys of every table (new ones and ones
    /// several tables hold), absent ones and keys next to held ones, over tables read from disk whose filters are
    /// built from their blocks once the sweeps asked about as many keys as they have blocks.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func theSweepWithFiltersFindsWhatTheSweepWithoutFinds(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let policy = IdIndexPolicy(deltaMax: 200, ratio: 2)
        let writer = try LogWriter.open(directory, idIndex: policy)
        var count = 0
        for _ in 0..<12 {
            let size = random.int(150...900)
            _ = try writer.append((count..<(count + size)).map { TestLedger.event($0) }, options: IdIndexTests.options())
            count += size
        }
        writer.close()
        let (index, _) = IdIndex.load(directory, policy: policy, notice: { _ in })
        #expect(index.tables.count > 1, "tables: \(index.tables.count)")
        var all: [IdEntry] = []
        for table in index.tables { all += try table.allEntries() }
        for round in 0..<8 {
            var keys: [UInt64] = []
            for _ in 0..<random.int(64...600) {
                switch random.int(0..<4) {
                case 0: keys.append(random.next())
                case 1: keys.append(all[random.int(0..<all.count)].key)
                case 2: let e = all[random.int(0..<all.count)]; keys += [e.key &- 1, e.key, e.key &+ 1]
                default: keys.append(IdEntry.key("ev-\(random.int(0..<(count * 2)))"))
                }
            }
            // In any order (the sweep sorts the keys it searches for).
            keys.shuffle(using: &random)
            let with = try index.keysInTables(keys), without = try index.keysInTables(keys, filtered: false)
            #expect(with == without, "seed \(seed) round \(round)")
            #expect(without == Set(keys.filter { key in all.contains { $0.key == key } }))
        }
        #expect(index.filteredOut > 0, "the filters were built and asked")
    }

    /// A table with a damaged block gets no filter: building one reads every block, each checked by its digest, and a
    /// filter built from part of a table would say "absent" for keys of the blocks after the damage. The sweep then
    /// searches that table as before and meets the damage as the sweep without filters does.
    @Test func aTableWithADamagedBlockGetsNoFilterAndTheSweepMeetsTheDamage() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let policy = IdIndexPolicy(deltaMax: 200, ratio: 2)
        let writer = try LogWriter.open(directory, idIndex: policy)
        for start in stride(from: 0, to: 4_000, by: 500) {
            _ = try writer.append((start..<(start + 500)).map { TestLedger.event($0) }, options: IdIndexTests.options())
        }
        writer.close()
        let keys = (0..<4_000).map { IdEntry.key("ev-\($0)") }.sorted()
        let (healthy, _) = IdIndex.load(directory, policy: policy, notice: { _ in })
        let base = try #require(healthy.tables.first)
        #expect(base.count > Int64(4 * IdTable.entriesPerBlock), "the base holds \(base.count) entries")
        // Undamaged, the same sweep builds the base's filter from its blocks (the way under test is reachable).
        _ = try healthy.keysInTables(keys)
        let built = base.filter != nil
        #expect(built)
        // One byte in the middle of the base's blocks flipped.
        let path = directory.indexPath + "/ids"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        bytes[bytes.count / 2] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
        let (index, _) = IdIndex.load(directory, policy: policy, notice: { _ in })
        let damaged = try #require(index.tables.first)
        #expect(damaged.count == base.count, "the damaged table is loaded (its damage is met by reading the block)")
        var failed = 0
        for filtered in [true, true, false] {
            do {
                _ = try index.keysInTables(keys, filtered: filtered)
            } catch {
                failed += 1
            }
        }
        #expect(failed == 3, "every sweep meets the damaged block")
        let filtered = damaged.filter != nil
        #expect(!filtered, "no filter from a table with a damaged block")
    }
}
