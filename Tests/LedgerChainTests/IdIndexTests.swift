import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The writer's on-disk id index (`index/ids`, `index/ids-2`, …; ledger-spec.md section 15): same answers as a
/// writer that reads the whole log, and every kind of damage detected and rebuilt.
@Suite("Id index (index/ids)") struct IdIndexTests {
    /// Merges after a few records, so that small tests write, merge and rewrite several levels.
    static let small = IdIndexPolicy(deltaMax: 3, ratio: 2)

    static func options() -> AppendOptions {
        AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "generated" })
    }

    /// Event `k` of a pool of ids; `variant` > 0 gives the same id with other content (a conflicting re-append).
    static func event(_ k: Int, variant: Int = 0) -> Event {
        variant == 0 ? TestLedger.event(k) : TestLedger.event(k).editingData { $0["n"] = .integer(Int64(1_000 + variant)) }
    }

    static func basePath(_ d: LedgerDirectory) -> String { d.indexPath + "/ids" }
    static func recentPath(_ d: LedgerDirectory) -> String { d.indexPath + "/ids-2" }

    enum Outcome: Equatable {
        case ok(AppendResult)
        case failed(String)
    }

    static func run(_ writer: LogWriter, _ batch: [Event]) -> Outcome {
        do { return .ok(try writer.append(batch, options: options())) } catch { return .failed("\(error)") }
    }

    @Test(arguments: TestScale.seeds(5, from: 1))
    func randomAppendsGiveWhatAWriterWithoutIndexGives(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let indexed = TestLedger.create(in: tempA), plain = TestLedger.create(in: tempB)
        // The model: what the log holds by id.
        var model: [String: (seq: Int64, event: Event)] = [:]
        var lastSeq: Int64 = 0
        var writer = try LogWriter.open(indexed, idIndex: Self.small)
        var sawRecent = false
        for round in 0..<60 {
            if random.int(0..<3) == 0 {
                writer.close()
                writer = try LogWriter.open(indexed, idIndex: Self.small)
            }
            let batch = (0..<random.int(1...6)).map { _ in
                Self.event(random.int(0..<80), variant: random.int(0..<10) == 0 ? random.int(1...3) : 0)
            }
            // Expected from the model.
            var expected: Outcome
            var fresh: [Event] = []
            var duplicates: [AppendResult.Duplicate] = []
            var conflict = false
            for event in batch {
                if let known = model[event.id!] {
                    if known.event.contentBytes == event.contentBytes { duplicates.append(.init(id: event.id!, existingSeq: known.seq)) } else { conflict = true }
                } else if let earlier = fresh.first(where: { $0.id == event.id }) {
                    if earlier.contentBytes == event.contentBytes { duplicates.append(.init(id: event.id!, existingSeq: nil)) } else { conflict = true }
                } else {
                    fresh.append(event)
                }
            }
            // The writer without index: index/ removed before every open, and the whole log read (with a visitor).
            let reference = try LogWriter.open(plain, visit: { _ in })
            let referenceOutcome = Self.run(reference, batch)
            reference.close()
            IdIndex.removeLevels(from: 1, plain)
            let outcome = Self.run(writer, batch)
            #expect(outcome == referenceOutcome, "round \(round)")
            if conflict {
                guard case .failed = outcome else { Issue.record("round \(round): a conflict was appended: \(outcome)"); continue }
                expected = outcome
            } else {
                guard case .ok(let result) = outcome else { Issue.record("round \(round): \(outcome)"); continue }
                #expect(result.appended.map(\.id) == fresh.map(\.id), "round \(round)")
                #expect(result.duplicates == duplicates, "round \(round)")
                for (offset, item) in result.appended.enumerated() {
                    #expect(item.seq == lastSeq + 1 + Int64(offset))
                    model[item.id] = (item.seq, fresh[offset])
                }
                lastSeq = result.lastSeq
                expected = outcome
            }
            _ = expected
            for k in (0..<5).map({ _ in random.int(0..<80) }) {
                #expect(try writer.seq(ofId: "ev-\(k)") == model["ev-\(k)"]?.seq, "round \(round) ev-\(k)")
                #expect(try writer.record(withId: "ev-\(k)")?.type == model["ev-\(k)"].map { _ in "test.note" })
            }
            sawRecent = sawRecent || FileManager.default.fileExists(atPath: Self.recentPath(indexed))
        }
        writer.close()
        #expect(TestLedger.logBytes(indexed) == TestLedger.logBytes(plain))
        #expect(FileManager.default.fileExists(atPath: Self.basePath(indexed)))
        #expect(sawRecent, "the second table was never written")
        // The tables hold exactly what the log gives.
        let check = try IdIndex.checkAndRebuild(indexed)
        if case .intact = check.check {} else { Issue.record("\(check)") }
    }

    /// The files of `index/` by name.
    static func indexFiles(_ directory: LedgerDirectory) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.indexPath) {
            out[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory.indexPath + "/" + name)))
        }
        return out
    }

    /// Session 18: a batch of more records than the writer holds in its delta (an import of a million rows) goes
    /// into a table at once, as entries (`IdIndex.absorb`), not through the delta's dictionary of ids. Over random
    /// batches, some with duplicates, reopened now and then, it writes the same files as the delta's way
    /// (`directTableMin` = `Int.max`) after every append, and both give every id's record.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func aBatchPutInATableAtOnceWritesWhatTheDeltaWrites(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let tempA = TemporaryDirectory(), tempB = TemporaryDirectory()
        let direct = TestLedger.create(in: tempA), viaDelta = TestLedger.create(in: tempB)
        let policy = IdIndexPolicy(deltaMax: 4, heldMax: 12, ratio: 2)
        func open() throws -> (LogWriter, LogWriter) {
            let a = try LogWriter.open(direct, idIndex: policy), b = try LogWriter.open(viaDelta, idIndex: policy)
            b.directTableMin = Int.max
            // The files are compared after every append: both write their tables in place when due (written
            // alongside, a table is in place only later; `TablesAlongsideTests` compares that way with this one).
            a.tablesAlongside = false
            b.tablesAlongside = false
            return (a, b)
        }
        var (a, b) = try open()
        var next = 0
        var model: [String: Int64] = [:]
        var sawDirect = false
        for round in 0..<30 {
            if random.int(0..<4) == 0 {
                a.close(); b.close()
                (a, b) = try open()
            }
            let size = random.int(0..<3) == 0 ? random.int(13...60) : random.int(1...12)
            var batch = (0..<size).map { _ in defer { next += 1 }; return TestLedger.event(next) }
            if next > size, random.int(0..<3) == 0 { batch.insert(TestLedger.event(random.int(0..<(next - size))), at: random.int(0...batch.count)) }
            sawDirect = sawDirect || size > policy.heldMax
            let resultA = try a.append(batch, options: Self.options()), resultB = try b.append(batch, options: Self.options())
            #expect(resultA == resultB, "round \(round)")
            for item in resultA.appended { model[item.id] = item.seq }
            #expect(try Self.indexFiles(direct) == Self.indexFiles(viaDelta), "round \(round)")
            for k in (0..<6).map({ _ in random.int(0..<(next + 5)) }) {
                #expect(try a.seq(ofId: "ev-\(k)") == model["ev-\(k)"], "round \(round) ev-\(k)")
                #expect(try b.seq(ofId: "ev-\(k)") == model["ev-\(k)"], "round \(round) ev-\(k)")
            }
        }
        a.close(); b.close()
        #expect(sawDirect)
        #expect(TestLedger.logBytes(direct) == TestLedger.logBytes(viaDelta))
        #expect(try Self.indexFiles(direct) == Self.indexFiles(viaDelta))
        let reopened = try LogWriter.open(direct)
        for (id, seq) in model { #expect(try reopened.seq(ofId: id) == seq, "\(id)") }
        reopened.close()
        let check = try IdIndex.checkAndRebuild(direct)
        if case .intact = check.check {} else { Issue.record("\(check)") }
    }

    @Test func openingReadsOnlyTheLogAfterTheStamp() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<40).map { TestLedger.event($0) }, to: directory)
        #expect(FileManager.default.fileExists(atPath: Self.basePath(directory)))
        // Damage in the log before the stamp is not read by the writer (ledger verify finds it); the table answers.
        var bytes = TestLedger.logBytes(directory)
        let secondLineEnd = bytes[(bytes.firstIndex(of: 0x0A)! + 1)...].firstIndex(of: 0x0A)!
        bytes[secondLineEnd - 3] ^= 0x01
        TestLedger.writeLog(bytes, to: directory)
        let writer = try LogWriter.open(directory)
        #expect(try writer.seq(ofId: "ev-39") == 40)
        #expect(writer.lastSeq == 40)
        writer.close()
        #expect(throws: ChainError.self) { try LogWriter.open(directory, visit: { _ in }) }
    }

    // MARK: damage

    /// A ledger of 30 records with two tables (the base, records 1…26; `ids-2`, 27…30), the records after them in
    /// the delta.
    static func ledgerWithBothTables(_ temp: TemporaryDirectory, name: String = "test-ledger") throws -> LedgerDirectory {
        let directory = TestLedger.create(in: temp, name: name)
        let writer = try LogWriter.open(directory, idIndex: IdIndexPolicy(deltaMax: 3, ratio: 8))
        for start in stride(from: 0, to: 30, by: 2) {
            _ = try writer.append([TestLedger.event(start), TestLedger.event(start + 1)], options: options())
        }
        writer.close()
        #expect(FileManager.default.fileExists(atPath: basePath(directory)))
        #expect(FileManager.default.fileExists(atPath: recentPath(directory)))
        return directory
    }

    /// Opens with `notices` collected, checks every id's lookup, a duplicate, a conflict and a new append.
    static func expectCorrectAnswers(_ directory: LedgerDirectory, _ notices: inout [String], count: Int = 30) throws {
        var collected: [String] = []
        let writer = try LogWriter.open(directory, notice: { collected.append($0) })
        for k in 0..<count { #expect(try writer.seq(ofId: "ev-\(k)") == Int64(k + 1), "ev-\(k)") }
        #expect(try writer.seq(ofId: "ev-\(count + 500)") == nil)
        let dup = try writer.append([TestLedger.event(3)], options: options())
        #expect(dup.duplicates == [.init(id: "ev-3", existingSeq: 4)])
        #expect(throws: ChainError.idConflict(id: "ev-7", existingSeq: 8, reason: Wording(en: "data.n 7 vs 1001", zh: "data.n 原记录为 7，本次为 1001"))) {
            try writer.append([Self.event(7, variant: 1)], options: options())
        }
        let added = try writer.append([TestLedger.event(count + 500)], options: options())
        #expect(added.appended.map(\.seq) == [Int64(count + 1)])
        writer.close()
        notices += collected
        // Rebuilt: the next open has nothing to say, and the tables are intact.
        var again: [String] = []
        let reopened = try LogWriter.open(directory, notice: { again.append($0) })
        #expect(try reopened.seq(ofId: "ev-\(count + 500)") == Int64(count + 1))
        for k in 0..<count { #expect(try reopened.seq(ofId: "ev-\(k)") == Int64(k + 1)) }
        reopened.close()
        #expect(again.isEmpty, "\(again)")
        let check = try IdIndex.checkAndRebuild(directory)
        if case .intact = check.check {} else { Issue.record("\(check)") }
    }

    static func mutate(_ path: String, _ edit: (inout [UInt8]) -> Void) throws {
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        edit(&bytes)
        try PosixFile.writeAtomically(bytes, to: path)
    }

    @Test(arguments: ["ids", "ids-2"])
    func truncatedTableIsRebuilt(name: String) throws {
        let temp = TemporaryDirectory(), second = TemporaryDirectory()
        let directory = try Self.ledgerWithBothTables(temp)
        try Self.mutate(directory.indexPath + "/" + name) { $0.removeLast(5) }
        var notices: [String] = []
        try Self.expectCorrectAnswers(directory, &notices)
        #expect(notices.count == 1 && notices[0].contains("damaged") && notices[0].contains(name), "\(notices)")
        // ledger verify --index names it.
        let checked = try Self.ledgerWithBothTables(second)
        try Self.mutate(checked.indexPath + "/" + name) { $0.removeLast($0.count / 3) }
        let report = try IdIndex.checkAndRebuild(checked)
        guard case .damaged(.damaged(let why)) = report.check else { Issue.record("\(report)"); return }
        // Review A14: the report is of the id index as one file, `ids`: a level's problem names its file.
        #expect(name == "ids" ? !why.description.hasPrefix("ids") : why.description.hasPrefix("ids-2: "), "\(why)")
        #expect(report.rebuiltAt == 30)
    }

    /// A flipped bit in the header or a block of entries is found, at open or at the lookup that reads it, and
    /// never changes an answer.
    @Test(arguments: ["ids", "ids-2"])
    func flippedBitsAreFound(name: String) throws {
        let path = { (d: LedgerDirectory) in d.indexPath + "/" + name }
        let sample = TemporaryDirectory()
        let size = try PosixFile(path: path(try Self.ledgerWithBothTables(sample)), mode: .read).size()
        for position in [30, Int(size) / 2] {
            let temp = TemporaryDirectory()
            let directory = try Self.ledgerWithBothTables(temp)
            try Self.mutate(path(directory)) { $0[position] ^= 0x10 }
            var notices: [String] = []
            try Self.expectCorrectAnswers(directory, &notices)
            #expect(notices.count == 1 && notices[0].contains("damaged"), "byte \(position): \(notices)")
        }
        // Review A15 #3: `verify --index` names the level whatever the problem (a block's checksum, a header's
        // version field), and a flipped version byte is damage, not another version.
        for position in [Int(size) / 2, 20] {
            let temp = TemporaryDirectory()
            let directory = try Self.ledgerWithBothTables(temp)
            try Self.mutate(path(directory)) { $0[position] ^= 0x10 }
            let report = try IdIndex.checkAndRebuild(directory)
            guard case .damaged(let problem) = report.check, case .damaged(let why) = problem else {
                Issue.record("byte \(position): \(report)"); continue
            }
            #expect(name == "ids" ? !why.description.hasPrefix("ids") : why.description.hasPrefix("ids-2: "), "byte \(position): \(why)")
            if position == 20 { #expect(why.description.contains("format version field"), "\(why)") }
        }
    }

    /// Session 14 defect: a block found damaged at a lookup (its digest) was said to be `ids`'s whatever the level
    /// it is in; the notice names the level's file.
    @Test(arguments: ["ids", "ids-2"])
    func aBlockFoundDamagedAtALookupIsNamedByItsFile(name: String) throws {
        let temp = TemporaryDirectory()
        let directory = try Self.ledgerWithBothTables(temp)
        let path = directory.indexPath + "/" + name
        let size = try PosixFile(path: path, mode: .read).size()
        // The last entry of the last block (the fence, 8 bytes a block, is after it): found only by a lookup's read.
        let blocks = (name == "ids" ? 26 + 255 : 4 + 255) / 256
        try Self.mutate(path) { $0[Int(size) - 8 * blocks - 4] ^= 0x10 }
        var notices: [String] = []
        let writer = try LogWriter.open(directory, notice: { notices.append($0) })
        #expect(notices.isEmpty, "opened: \(notices)")
        writer.close()
        try Self.expectCorrectAnswers(directory, &notices)
        #expect(notices.count == 1 && notices[0].hasPrefix("note: \(name) in ") && notices[0].contains("damaged"), "\(notices)")
    }

    /// A lookup never reads the fence (it finds its blocks by interpolation on the key, each checked by its
    /// digest), so a flipped bit there changes no answer and costs no rebuild at a lookup; the passes that read
    /// every block — `verify --index`, a merge — check it, find it and rebuild.
    @Test(arguments: ["ids", "ids-2"])
    func aFlippedBitInTheFenceIsFoundByThePassesOverEveryBlock(name: String) throws {
        let temp = TemporaryDirectory()
        let directory = try Self.ledgerWithBothTables(temp)
        let path = directory.indexPath + "/" + name
        let size = try PosixFile(path: path, mode: .read).size()
        try Self.mutate(path) { $0[Int(size) - 3] ^= 0x10 }
        var notices: [String] = []
        let writer = try LogWriter.open(directory, notice: { notices.append($0) })
        for k in 0..<30 { #expect(try writer.seq(ofId: "ev-\(k)") == Int64(k + 1), "ev-\(k)") }
        #expect(try writer.seq(ofId: "ev-530") == nil)
        #expect(notices.isEmpty, "\(notices)")
        writer.close()
        let report = try IdIndex.checkAndRebuild(directory)
        guard case .damaged(.damaged(let why)) = report.check else { Issue.record("\(report)"); return }
        #expect(why == (name == "ids" ? .checksum(.blockIndex) : .inFile("ids-2", .checksum(.blockIndex))), "\(why)")
        #expect(report.rebuiltAt == 30)
        notices = []
        try Self.expectCorrectAnswers(directory, &notices)
        #expect(notices.isEmpty, "\(notices)")
    }

    /// Lookups by interpolation over many blocks: every id of a table of a few thousand records is found, with
    /// ids absent from it and the blocks' edges (keys are hashes, so ids land all over the table).
    @Test func lookupsFindEveryIdOfATableOfManyBlocks() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let count = 3_000
        try TestLedger.append((0..<count).map { TestLedger.event($0) }, to: directory)
        let writer = try LogWriter.open(directory, idIndex: IdIndexPolicy(deltaMax: 1))
        writer.close()
        let table = try #require(try IdTable.open(path: Self.basePath(directory)))
        #expect(table.count == Int64(count))
        for k in 0..<count {
            let found = try table.candidates(IdEntry.key("ev-\(k)"))
            #expect(found.map(\.seq) == [Int64(k + 1)], "ev-\(k)")
        }
        for k in count..<(count + 500) { #expect(try table.candidates(IdEntry.key("ev-\(k)")).isEmpty) }
        #expect(try table.candidates(0).isEmpty)
        #expect(try table.candidates(.max).isEmpty)
        let all = try table.allEntries()
        for entry in [all.first!, all[255], all[256], all[511], all.last!] {
            #expect(try table.candidates(entry.key).contains(entry))
        }
    }

    /// A batch's keys searched in one sweep in key order (`IdTable.SearchCursor`, what `LogWriter.append` does for a
    /// batch of 64 events or more) find exactly what a search per key finds: keys of the table (with their edges,
    /// equal keys in a row) and absent ones, sorted, and a key below the last starting afresh.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func aSweepInKeyOrderFindsWhatEachSearchFinds(seed: UInt64) throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let count = 2_000
        try TestLedger.append((0..<count).map { TestLedger.event($0) }, to: directory)
        let writer = try LogWriter.open(directory, idIndex: IdIndexPolicy(deltaMax: 1))
        writer.close()
        let table = try #require(try IdTable.open(path: Self.basePath(directory)))
        var random = SplitMix64(seed: seed)
        let all = try table.allEntries()
        var keys: [UInt64] = [0, .max]
        for _ in 0..<random.int(50...400) {
            switch random.int(0..<4) {
            case 0: keys.append(random.next())
            case 1: keys.append(all[random.int(0..<all.count)].key)
            case 2: let e = all[random.int(0..<all.count)]; keys += [e.key &- 1, e.key, e.key, e.key &+ 1]
            default: keys.append(IdEntry.key("ev-\(random.int(0..<(count * 2)))"))
            }
        }
        keys.sort()
        var cursor = IdTable.SearchCursor()
        for key in keys { #expect(try table.candidates(key, cursor: &cursor) == table.candidates(key), "key \(key)") }
        // Out of order: each key below the last starts afresh, with the same answers.
        var unsorted = IdTable.SearchCursor()
        for key in keys.shuffled(using: &random) { #expect(try table.candidates(key, cursor: &unsorted) == table.candidates(key)) }
        // The index's sweep over its tables: the keys some table holds.
        let (index, _) = IdIndex.load(directory, policy: .standard, notice: { _ in })
        let held = try index.keysInTables(keys)
        #expect(held == Set(try keys.filter { !(try table.candidates($0)).isEmpty }))
    }

    @Test func staleTablesAreUsedAndAStaleBaseUnderANewerRecentIsRefused() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<10).map { TestLedger.event($0) }, to: directory)
        let staleBase = try PosixFile(path: Self.basePath(directory), mode: .read).readAll()
        // The base (10 records, class 1) is rewritten at record 18; `ids-2` continues it to 26 and `ids-3` to 30.
        let writer = try LogWriter.open(directory, idIndex: IdIndexPolicy(deltaMax: 3, ratio: 2))
        for k in stride(from: 10, to: 30, by: 2) { _ = try writer.append([TestLedger.event(k), TestLedger.event(k + 1)], options: Self.options()) }
        writer.close()
        #expect(FileManager.default.fileExists(atPath: Self.recentPath(directory)))
        #expect(FileManager.default.fileExists(atPath: directory.indexPath + "/ids-3"))
        // A base older than the one `ids-2` continues: it and `ids-3` are refused, the log read after the base.
        try PosixFile.writeAtomically(staleBase, to: Self.basePath(directory))
        var notices: [String] = []
        try Self.expectCorrectAnswers(directory, &notices)
        #expect(notices.count == 1 && notices[0].contains("ids-2") && notices[0].contains("out of step"), "\(notices)")
        #expect(!FileManager.default.fileExists(atPath: directory.indexPath + "/ids-3"), "the levels above a refused one go")
        // A stale base alone (older seq): used as it is, the log read after it, no notice.
        try? FileManager.default.removeItem(atPath: Self.recentPath(directory))
        try PosixFile.writeAtomically(staleBase, to: Self.basePath(directory))
        notices = []
        var collected: [String] = []
        let stale = try LogWriter.open(directory, notice: { collected.append($0) })
        for k in 0..<30 { #expect(try stale.seq(ofId: "ev-\(k)") == Int64(k + 1)) }
        #expect(try stale.seq(ofId: "ev-530") == 31)
        stale.close()
        #expect(collected.isEmpty, "\(collected)")
        let check = try IdIndex.checkAndRebuild(directory)
        #expect(check.check == .intact(seq: 10))
    }

    @Test func foreignTablesAreRefused() throws {
        let temp = TemporaryDirectory(), other = TemporaryDirectory(), renamed = TemporaryDirectory(), second = TemporaryDirectory()
        var directory = try Self.ledgerWithBothTables(temp)
        // Another ledger's, by name.
        let named = try Self.ledgerWithBothTables(renamed, name: "other-name")
        try PosixFile.writeAtomically(try PosixFile(path: Self.basePath(named), mode: .read).readAll(), to: Self.basePath(directory))
        var notices: [String] = []
        try Self.expectCorrectAnswers(directory, &notices)
        #expect(notices.first?.contains("another ledger's (written for ledger \"other-name\")") == true, "\(notices)")
        // Another ledger's with the same name: its record 1 differs.
        directory = try Self.ledgerWithBothTables(second)
        let otherDirectory = TestLedger.create(in: other)
        try TestLedger.append([Self.event(0, variant: 2)] + (1..<40).map { TestLedger.event($0) }, to: otherDirectory)
        try PosixFile.writeAtomically(try PosixFile(path: Self.basePath(otherDirectory), mode: .read).readAll(), to: Self.basePath(directory))
        notices = []
        try Self.expectCorrectAnswers(directory, &notices, count: 30)
        #expect(notices.first?.contains("another ledger's (the log's record 1 is another") == true, "\(notices)")
    }

    @Test func anotherVersionIsRebuilt() throws {
        let temp = TemporaryDirectory()
        let directory = try Self.ledgerWithBothTables(temp)
        try Self.mutate(Self.basePath(directory)) { $0[IdTable.magic.count] = 7 }
        var notices: [String] = []
        try Self.expectCorrectAnswers(directory, &notices)
        #expect(notices == ["note: ids in \(directory.indexPath) is of format version 7, this program writes 2; rebuilt from the log (answers are unaffected)."])
    }

    /// A log rewritten to the same length with other hashes never reuses the tables made from the old one.
    @Test func aRewrittenLogOfTheSameLengthIsNeverTrusted() throws {
        let temp = TemporaryDirectory(), other = TemporaryDirectory()
        let directory = try Self.ledgerWithBothTables(temp)
        // The same ids, one payload changed by one digit in record 2: every hash from record 2 on differs.
        let rewritten = TestLedger.create(in: other)
        let events = (0..<30).map { k in k == 1 ? TestLedger.event(1, data: ["n": .integer(9), "text": .string("记录 1")]) : TestLedger.event(k) }
        let writer = try LogWriter.open(rewritten)
        for start in stride(from: 0, to: 30, by: 2) { _ = try writer.append([events[start], events[start + 1]], options: Self.options()) }
        writer.close()
        let bytes = TestLedger.logBytes(rewritten)
        #expect(bytes.count == TestLedger.logBytes(directory).count)
        TestLedger.writeLog(bytes, to: directory)
        try PosixFile.writeAtomically(try PosixFile(path: rewritten.acknowledgedPath, mode: .read).readAll(), to: directory.acknowledgedPath)
        var collected: [String] = []
        let reopened = try LogWriter.open(directory, notice: { collected.append($0) })
        // Its stamped record is not in this log: said as records the log may have lost (review 37a F3).
        #expect(collected.count == 1 && collected[0].hasPrefix("WARNING: ids in ") && collected[0].contains("which this log does not hold"),
                "\(collected)")
        // The rewritten record 2 is what a re-append is compared with.
        #expect(throws: ChainError.idConflict(id: "ev-1", existingSeq: 2, reason: Wording(en: "data.n 9 vs 1", zh: "data.n 原记录为 9，本次为 1"))) {
            try reopened.append([TestLedger.event(1)], options: Self.options())
        }
        reopened.close()
        let check = try IdIndex.checkAndRebuild(directory)
        #expect(check.check == .intact(seq: 30))
    }

    @Test func aTableThatCannotBeWrittenIsKeptInMemory() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<5).map { TestLedger.event($0) }, to: directory)
        // index/ids is a directory: no table can be written there; the writer still answers from memory.
        try FileManager.default.removeItem(atPath: Self.basePath(directory))
        try FileManager.default.createDirectory(atPath: Self.basePath(directory) + ".tmp", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: Self.basePath(directory) + ".tmp/x", withIntermediateDirectories: false)
        let writer = try LogWriter.open(directory, idIndex: Self.small)
        for k in 0..<5 { #expect(try writer.seq(ofId: "ev-\(k)") == Int64(k + 1)) }
        let result = try writer.append((3..<12).map { TestLedger.event($0) }, options: Self.options())
        #expect(result.duplicates.count == 2 && result.appended.count == 7)
        #expect(try writer.seq(ofId: "ev-11") == 12)
        writer.close()
        #expect(!FileManager.default.fileExists(atPath: Self.basePath(directory)))
    }
}

@Suite struct IdEntrySortTests {
    /// The search within a block (a guess from the block's first and last keys, then a window or the whole block)
    /// gives the first entry whose key is not below the key, as a walk does: hashed keys, bunched keys, runs of one
    /// key, keys outside the block, every key of the block and its neighbours.
    @Test(arguments: TestScale.seeds(20, from: 3))
    func lowerBoundWithinABlockIsTheFirstEntryNotBelow(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let count = random.int(0...256)
        let bunched = random.int(0..<3) == 0
        var entries = (0..<count).map { _ -> IdEntry in
            let key = bunched ? UInt64(random.int(0..<40)) * 0x0100_0000_0000_0000 &+ UInt64(random.int(0..<3)) : random.next()
            return IdEntry(key: key, seq: Int64(random.int(1...1_000_000)), place: 0)
        }
        entries.sort()
        func walk(_ key: UInt64) -> Int { entries.firstIndex { $0.key >= key } ?? entries.count }
        var keys: [UInt64] = [0, 1, .max, .max - 1]
        for entry in entries { keys += [entry.key, entry.key &- 1, entry.key &+ 1] }
        for _ in 0..<200 { keys.append(random.next()) }
        for key in keys { #expect(IdTable.lowerBound(entries, key) == walk(key), "key \(key)") }
    }

    @Test(arguments: [0, 1, 2, 15, 16, 17, 1_000, 20_000])
    func sortInPlaceSortsAsTheStandardSortDoes(count: Int) {
        var random = SplitMix64(seed: UInt64(count) + 7)
        // Few distinct keys too, so that equal keys (ordered by seq) are common.
        let keyRange = count > 100 ? UInt64(count / 10) : 3
        var entries = (0..<count).map { _ in IdEntry(key: UInt64(random.int(0..<Int(keyRange + 1))), seq: Int64(random.int(1...1_000_000)), place: 0) }
        let expected = entries.sorted()
        IdEntry.sortInPlace(&entries)
        #expect(entries == expected)
    }

    /// `sortSpread` (the delta's sort when it is written as a table) gives what the standard sort gives: keys
    /// spread as hashes are, keys bunched in a few buckets (the standard sort's way), equal keys ordered by seq,
    /// keys at both ends of the range, and the sizes around its own threshold.
    @Test(arguments: [0, 1, 64, 65, 100, 1_000, 70_003])
    func sortSpreadSortsAsTheStandardSortDoes(count: Int) {
        var random = SplitMix64(seed: UInt64(count) + 11)
        for shape in 0..<3 {
            var entries = (0..<count).map { i -> IdEntry in
                let key: UInt64 = switch shape {
                case 0: random.next()                                                   // hashes
                case 1: UInt64(random.int(0..<max(1, count / 20)))                      // bunched low
                default: random.int(0..<4) == 0 ? .max - UInt64(random.int(0..<3)) : random.next() // some equal, at the top
                }
                return IdEntry(key: key, seq: Int64(i + 1), place: UInt64(random.int(0..<1_000)))
            }
            entries.shuffle(using: &random)
            let expected = entries.sorted()
            IdEntry.sortSpread(&entries)
            #expect(entries == expected, "count \(count) shape \(shape)")
        }
    }

    /// An open writer holds the records after its tables in memory up to `heldMax` and writes the second table when
    /// it closes (or once it holds more): a writer appending batch after batch does not rewrite it every time.
    @Test func anOpenWriterWritesTheSecondTableWhenItCloses() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        // Size classes of 3 × 8^k records: the base of 30 is of class 1, the 10 held of class 0 (a table of its own).
        let policy = IdIndexPolicy(deltaMax: 3, heldMax: 12, ratio: 8)
        let writer = try LogWriter.open(directory, idIndex: policy)
        _ = try writer.append((0..<30).map { TestLedger.event($0) }, options: IdIndexTests.options())
        #expect(FileManager.default.fileExists(atPath: IdIndexTests.basePath(directory)), "the first records make the base table")
        for k in 30..<40 { _ = try writer.append([TestLedger.event(k)], options: IdIndexTests.options()) }
        #expect(!FileManager.default.fileExists(atPath: IdIndexTests.recentPath(directory)), "10 records held, fewer than heldMax")
        for k in 0..<40 { #expect(try writer.seq(ofId: "ev-\(k)") == Int64(k + 1)) }
        writer.close()
        #expect(FileManager.default.fileExists(atPath: IdIndexTests.recentPath(directory)), "written on close: more than deltaMax")
        let reopened = try LogWriter.open(directory, idIndex: policy)
        for k in 0..<40 { #expect(try reopened.seq(ofId: "ev-\(k)") == Int64(k + 1)) }
        // Past heldMax, the table is written while the writer stays open.
        try? FileManager.default.removeItem(atPath: IdIndexTests.recentPath(directory))
        _ = try reopened.append((40..<54).map { TestLedger.event($0) }, options: IdIndexTests.options())
        // The 14 held and `ids-2`'s 10 (still open after its file went) make 24, of the base's class: one base of 54.
        #expect(try IdTable.open(path: IdIndexTests.basePath(directory))?.header.to.seq == 54)
        #expect(!FileManager.default.fileExists(atPath: IdIndexTests.recentPath(directory)))
        for k in 0..<54 { #expect(try reopened.seq(ofId: "ev-\(k)") == Int64(k + 1)) }
        reopened.close()
        let check = try IdIndex.checkAndRebuild(directory)
        if case .intact = check.check {} else { Issue.record("\(check)") }
    }

    /// A lookup that cannot read the record its table names, nor the log to rebuild the table, fails: it never
    /// says "no such id" for an id whose record is there but unreadable.
    @Test func aLookupThatCannotReadTheLogThrows() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<40).map { TestLedger.event($0) }, to: directory)
        #expect(FileManager.default.fileExists(atPath: IdIndexTests.basePath(directory)))
        // Record 2 (ev-1) no longer parses: the writer does not read it when opening (it is before the stamp).
        var bytes = TestLedger.logBytes(directory)
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes[secondLine] = UInt8(ascii: "x")
        TestLedger.writeLog(bytes, to: directory)
        let writer = try LogWriter.open(directory)
        defer { writer.close() }
        #expect(throws: ChainError.self) { try writer.seq(ofId: "ev-1") }
    }

    /// Temporaries a writer killed while writing left (the id tables', `.checks.recent.tmp-…`) go when the next
    /// writer opens; a temporary of a file readers write too is left to `IndexRebuild`, which checks its lock.
    @Test func abandonedWritersTemporariesAreRemovedOnOpen() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<5).map { TestLedger.event($0) }, to: directory)
        let abandoned = [".checks.recent.tmp-0123456789abcdef", "ids.tmp", "ids-2.tmp", "ids-17.tmp", "ids-recent.tmp"]
        let kept = [".funds.state.tmp-0123456789abcdef", ".checks.recent.tmp-short", "checks.recent.tmp-0123456789abcdef", "ids-x.tmp"]
        for name in abandoned + kept {
            #expect(FileManager.default.createFile(atPath: directory.indexPath + "/" + name, contents: Data("x".utf8)))
        }
        let writer = try LogWriter.open(directory)
        writer.close()
        for name in abandoned { #expect(!FileManager.default.fileExists(atPath: directory.indexPath + "/" + name), "\(name)") }
        for name in kept { #expect(FileManager.default.fileExists(atPath: directory.indexPath + "/" + name), "\(name)") }
    }
}
