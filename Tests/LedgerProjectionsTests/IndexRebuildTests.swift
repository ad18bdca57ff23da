import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// The shared rebuild (ledger-spec.md 15.6) writes, from one pass, exactly the files each reader builds alone.
@Suite struct IndexRebuildTests {
    /// Every level of the writer's id index (`ids`, `ids-2` … `ids-24`, ledger-spec.md 15.3): removing them all is
    /// what `rm -rf index/` does to the id index.
    static let idTableNames = ["ids"] + (2...24).map { "ids-\($0)" }

    /// A seeded ledger: the check state's registrations, then 16 random batches of every type (some with a record
    /// of a type this version does not know).
    /// Without `corrections`, the batches' corrections are left out (a correction of a registering record makes
    /// the checks' fold give up and the state be built by a second read).
    static func randomLedger(seed: UInt64, in temporary: TemporaryDirectory, corrections: Bool = true) throws -> LedgerDirectory {
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for round in 0..<16 {
            var batch = generator.batch(generator.random.int(1...5))
            if !corrections { batch.removeAll { $0.type == EventType.correction.rawValue } }
            if round % 5 == 2 { batch.append(TestLedger.event(round)) }
            try TestLedger.append(batch, to: directory)
        }
        return directory
    }

    /// `fold`, made by a pass, is the funds' reader's fold of the same log: same records, same rows, the same
    /// projection at every date, and the record of an unknown type reported.
    static func expectTheReadersFold(_ fold: FundFold, _ directory: LedgerDirectory, recordCount: Int64) throws {
        let read = try FundFold.read(directory)
        #expect(fold.lastSeq == read.fold.lastSeq && fold.lastSeq == recordCount)
        #expect(fold.rowCount == read.fold.rowCount && fold.rowCount > 10)
        let start = CalendarDate(year: 2024, month: 1, day: 1)!
        for days in [-1, 0, 30, 61, 90, 121, 400] {
            let asOf = start.adding(days: days)
            #expect(fold.projection(asOf: asOf) == read.fold.projection(asOf: asOf), "as of \(asOf)")
        }
        #expect(!fold.projection(asOf: start.adding(days: 400)).anomalies.isEmpty, "the unknown type is reported")
        #expect(!read.fold.projection(asOf: start.adding(days: 400)).anomalies.isEmpty, "the unknown type is reported")
    }

    /// For an odd seed, a torn tail: a record cut short after the last committed one.
    static func tearTailIfOdd(_ directory: LedgerDirectory, seed: UInt64) throws {
        guard seed % 2 == 1 else { return }
        let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
        try file.write(Array(#"{"hash":"0123"#.utf8), at: try file.size())
        file.close()
    }

    /// Random logs of every type the checks read (corrections of registering records included, which make the
    /// checks' state need a second read), some with a torn tail: every file the pass writes is byte for byte the
    /// one its own builder makes from the log, and the id tables are what `verify --index` expects.
    @Test(arguments: TestScale.seeds(8, from: 1))
    func onePassWritesWhatEachBuilderWrites(seed: UInt64) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        if seed % 2 == 0 { try TestLedger.append(CheckStateTests.registrations, to: directory) }
        for _ in 0..<20 { try TestLedger.append(generator.batch(generator.random.int(1...4)), to: directory) }
        // As after `rm -rf index/` (the writer made its id table as it appended; a usable one is never replaced by
        // the pass, which may race a writer).
        for name in Self.idTableNames { try? PosixFile.remove(directory.indexPath + "/" + name) }
        if seed % 3 == 0 {
            // A torn tail: an unfinished line after the last batch. No builder may take it.
            let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
            try file.write(Array(#"{"hash":"0123"#.utf8), at: try file.size())
            file.close()
        }
        let outcome = try IndexRebuild.run(directory, files: .all)
        #expect(outcome.written == .all)
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        let funds = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
        #expect(try bytes(FundState.path(directory)) == funds?.encoded())
        #expect(try bytes(CheckState.path(directory)) == CheckState.build(directory, upToSeq: nil)?.bytes)
        #expect(try bytes(ScopeIndex.path(directory)) == ScopeIndex.build(directory))
        let ids = try IdIndex.checkAndRebuild(directory)
        #expect(ids.check == .intact(seq: outcome.recordCount))
        // And nothing is left to rebuild.
        #expect(IndexRebuild.needed(directory).files.isEmpty)
    }

    /// The pass runs in two stages on two threads (reading and verifying; decoding and folding). Whatever the size
    /// of the groups of lines that cross between them — one line, a few, more than the log — every file is byte
    /// for byte the one the sequential builders make from the log, a torn tail included.
    @Test(arguments: [(UInt64(11), 1), (12, 3), (13, 7), (15, 1024)])
    func thePipelinedPassWritesWhatTheSequentialBuildersWrite(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for _ in 0..<12 { try TestLedger.append(generator.batch(generator.random.int(1...6)), to: directory) }
        for name in Self.idTableNames { try? PosixFile.remove(directory.indexPath + "/" + name) }
        try Self.tearTailIfOdd(directory, seed: seed)
        let products = try IndexRebuild.pass(directory, files: .all, writeIds: true, keepBytes: false, groupSize: groupSize)
        #expect(products.outcome.written == .all)
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        let funds = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
        #expect(try bytes(FundState.path(directory)) == funds?.encoded())
        #expect(try bytes(CheckState.path(directory)) == CheckState.build(directory, upToSeq: nil)?.bytes)
        #expect(try bytes(ScopeIndex.path(directory)) == ScopeIndex.build(directory))
        #expect(try IdIndex.checkAndRebuild(directory).check == .intact(seq: products.outcome.recordCount))
    }

    /// Without the checks' state (a scoped query's pass builds only the scopes, `show`'s the scopes and the
    /// mentions), the second stage reads the registering records' ids from their bytes too (`PayloadRefs.links`):
    /// random logs of every type, corrections and records of an unknown type included, give byte for byte the
    /// scopes and the mentions that decoding every payload gives, and the scopes `ScopeIndex.build` gives alone —
    /// and the reading is really taken. With the checks' state, nothing registering is read that way.
    @Test(arguments: [(UInt64(51), 1), (52, 7), (53, 1024)])
    func registeringRecordsReadFromTheirBytesBuildTheSameScopes(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for round in 0..<32 {
            var batch = generator.batch(generator.random.int(1...6))
            if round % 7 == 3 { batch.append(TestLedger.event(round)) }
            try TestLedger.append(batch, to: directory)
        }
        func mentionBytes() throws -> [UInt8] {
            try PosixFile.readRegularFile(MentionIndex.path(directory), bytesMax: 1 << 30, followLinks: false).bytes
        }
        let fast = try IndexRebuild.pass(directory, files: [.scopes, .mentions], writeIds: false, keepBytes: true, groupSize: groupSize)
        let fastMentions = try mentionBytes()
        let full = try IndexRebuild.pass(directory, files: [.scopes, .mentions], writeIds: false, keepBytes: true, groupSize: groupSize,
                                         fastLeaves: false)
        #expect(fast.linked > 10, "registering records are read from their bytes (\(fast.linked))")
        #expect(full.linked == 0 && full.leaves == 0)
        #expect(fast.scopes != nil && fast.scopes == full.scopes)
        #expect(fastMentions == (try mentionBytes()))
        #expect(fast.scopes == (try ScopeIndex.build(directory)))
        let scopesOnly = try IndexRebuild.pass(directory, files: [.scopes], writeIds: false, keepBytes: true, groupSize: groupSize)
        #expect(scopesOnly.linked == fast.linked && scopesOnly.scopes == full.scopes)
        // With the checks (`append`'s pass, session 43) the first stage reads them for the scopes as well.
        let withChecks = try IndexRebuild.pass(directory, files: [.checks, .scopes], writeIds: false, keepBytes: true, groupSize: groupSize)
        #expect(withChecks.linked == fast.linked && withChecks.scopes == full.scopes)
    }

    /// When the checks' state is the one file built from the payloads (the pass of `ledger append` after `rm -rf
    /// index/`: the id tables and the checks), the second stage takes the registering records, and the asset updates
    /// and disclosures it decoded, from their bytes (`PayloadRefs.checks`): random logs of every type — corrections,
    /// of registering records too, and records of an unknown type included — give byte for byte the checks' state
    /// that decoding every payload gives and the one `CheckState.build` gives alone, and the reading is really taken.
    /// With the scopes built as well (staged apart from the first stage's reads, session 43), the same.
    @Test(arguments: [(UInt64(81), 1), (82, 5), (83, 1024), (84, 2)])
    func registeringRecordsReadFromTheirBytesBuildTheSameChecks(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for round in 0..<32 {
            var batch = generator.batch(generator.random.int(1...6))
            if round % 7 == 3 { batch.append(TestLedger.event(round)) }
            try TestLedger.append(batch, to: directory)
        }
        let fast = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: false, keepBytes: true, groupSize: groupSize)
        let full = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: false, keepBytes: true, groupSize: groupSize,
                                         fastLeaves: false)
        #expect(fast.checked > 10, "registering records are taken from their bytes (\(fast.checked))")
        #expect(full.checked == 0 && full.leaves == 0)
        #expect(fast.checks != nil && fast.checks == full.checks)
        #expect(fast.checks == (try CheckState.build(directory, upToSeq: nil))?.bytes)
        let withScopes = try IndexRebuild.pass(directory, files: [.checks, .scopes], writeIds: false, keepBytes: true, groupSize: groupSize)
        #expect(withScopes.checked == fast.checked && withScopes.checks == full.checks)
        let withScopesByLine = try IndexRebuild.pass(directory, files: [.checks, .scopes], writeIds: false, keepBytes: true,
                                                     groupSize: groupSize, checksByGroup: false)
        #expect(withScopesByLine.checked == 0 && withScopesByLine.checks == full.checks && withScopesByLine.scopes == withScopes.scopes)
        // The path `ledger append` takes: the checks folded from the bytes and written by `writeEncoded` (one buffer
        // of entries, `CheckState.flatEntries`), not handed back through `encode`: the file is the same bytes.
        let path = CheckState.path(directory)
        try? PosixFile.remove(path)
        let written = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: false, keepBytes: false, groupSize: groupSize)
        #expect(written.checked == fast.checked && written.outcome.written.contains(.checks))
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes == full.checks)
    }

    /// `ledger append`'s pass (the id tables and the checks' file, nothing else) writes the id tables after the pass,
    /// on the other core while the checks' file is encoded (`Parallel.together`), where other passes write them at the
    /// scan's end: random logs of every type (corrections of registering records included, after which the checks'
    /// state is built by a second read, the id tables written first) and left out (the way alongside the checks,
    /// asserted taken), with and without a torn tail, give the same id tables byte for byte as a pass of the id
    /// tables alone, and the checks' file `CheckState.build` gives.
    @Test(arguments: [(UInt64(91), 1, true), (92, 5, true), (93, 1024, true), (94, 2, true), (95, 1, false), (96, 7, false),
                      (97, 1024, false)])
    func appendsPassWritesTheIdTablesAlongsideTheChecks(seed: UInt64, groupSize: Int, corrections: Bool) throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.randomLedger(seed: seed, in: temporary, corrections: corrections)
        try Self.tearTailIfOdd(directory, seed: seed)
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        func idTables() throws -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for name in Self.idTableNames where PosixFile.exists(directory.indexPath + "/" + name) {
                out[name] = try bytes(directory.indexPath + "/" + name)
            }
            return out
        }
        func removeIndex() { for name in Self.idTableNames + ["checks.state"] { try? PosixFile.remove(directory.indexPath + "/" + name) } }
        removeIndex()
        let alone = try IndexRebuild.pass(directory, files: [.ids], writeIds: true, keepBytes: false, groupSize: groupSize)
        #expect(alone.outcome.written == [.ids])
        let expected = try idTables()
        #expect(!expected.isEmpty)
        removeIndex()
        let both = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: true, keepBytes: false, groupSize: groupSize)
        #expect(both.outcome.written == [.ids, .checks])
        // Without corrections the fold never gives up: the id tables are written alongside the checks' file.
        if !corrections { #expect(both.idsAlongsideChecks, "seed \(seed): the id tables written alongside the checks") }
        #expect(try idTables() == expected)
        #expect(try bytes(CheckState.path(directory)) == CheckState.build(directory, upToSeq: nil)?.bytes)
        #expect(try IdIndex.checkAndRebuild(directory).check == .intact(seq: both.outcome.recordCount))
    }

    /// The second stage reads leaf facts (money movements, balance statements, inspections) from their bytes
    /// (`PayloadRefs`) instead of decoding them: random logs of every type, corrections included, give byte for
    /// byte the checks' state and the scopes that decoding every payload gives, with and without the funds' fold
    /// (which still decodes the money movements it keeps, and folds them as its own reader does) — and the fast
    /// reading is really taken.
    @Test(arguments: [(UInt64(41), 1), (42, 5), (43, 1024)])
    func leavesReadFromTheirBytesBuildTheSameFiles(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for _ in 0..<24 { try TestLedger.append(generator.batch(generator.random.int(1...6)), to: directory) }
        let fast = try IndexRebuild.pass(directory, files: [.checks, .scopes], writeIds: false, keepBytes: true, groupSize: groupSize)
        let full = try IndexRebuild.pass(directory, files: [.checks, .scopes], writeIds: false, keepBytes: true, groupSize: groupSize,
                                         fastLeaves: false)
        #expect(fast.leaves > 10, "leaf facts are read from their bytes")
        #expect(full.leaves == 0)
        #expect(fast.checks != nil && fast.checks == full.checks)
        #expect(fast.scopes != nil && fast.scopes == full.scopes)
        let folding = try IndexRebuild.pass(directory, files: [.checks, .scopes, .funds], writeIds: false, keepBytes: true,
                                            foldFunds: true, groupSize: groupSize)
        #expect(folding.leaves == fast.leaves)
        #expect(folding.checks == full.checks && folding.scopes == full.scopes)
        // The funds' fold decodes the money movements it keeps: the same fold as its own reader's.
        let fold = try #require(folding.funds)
        let read = try FundFold.read(directory)
        for asOf in [CalendarDate(year: 2024, month: 3, day: 1)!, CalendarDate(year: 2030, month: 1, day: 1)!] {
            #expect(fold.projection(asOf: asOf) == read.fold.projection(asOf: asOf))
        }
    }

    /// `index/mentions` built inside the pass (the first `show` after `rm -rf index/` reads the log once) is byte for
    /// byte the file `MentionIndex.rebuild` makes from the log alone: random logs of every type (leaf facts read from
    /// their bytes, or all decoded), records whose strings hold escapes, nest in arrays and objects, or are the text
    /// of an id the record links (not free), any size of the groups between the stages, with or without the scopes.
    @Test(arguments: [(UInt64(61), 1), (62, 3), (63, 1024), (64, 2)])
    func mentionsBuiltInThePassAreTheFileBuiltAlone(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.randomLedger(seed: seed, in: temporary)
        let texts: [JSONValue] = [.string(#"a "quoted" \ text"#), .string("tab\there"), .string("C001"), .string("ev-1"),
                                  .string("记录"), .array([.string("x"), .object(["y": .string("z"), "n": .integer(3)])])]
        var extra: [Event] = []
        for (i, text) in texts.enumerated() { extra.append(TestLedger.event(100 + i, data: ["a": text, "b": .string("b \(i)")])) }
        try TestLedger.append(extra, to: directory)
        try Self.tearTailIfOdd(directory, seed: seed)
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        #expect(try MentionIndex.rebuild(directory))
        let alone = try bytes(MentionIndex.path(directory))
        try PosixFile.remove(MentionIndex.path(directory))
        for (files, fast) in [(IndexRebuild.Files.all.union(.mentions), true), ([.mentions], true), ([.scopes, .mentions], false)] {
            let products = try IndexRebuild.pass(directory, files: files, writeIds: false, keepBytes: false, groupSize: groupSize,
                                                 fastLeaves: fast)
            #expect(products.outcome.written.contains(.mentions))
            #expect(try bytes(MentionIndex.path(directory)) == alone, "\(files.rawValue) fast: \(fast)")
            try PosixFile.remove(MentionIndex.path(directory))
        }
        // `needed` asks for it only when asked, and `ensure` builds it.
        #expect(!IndexRebuild.needed(directory).files.contains(.mentions))
        #expect(IndexRebuild.needed(directory, among: [.mentions]).files == [.mentions])
        IndexRebuild.ensure(directory, files: [.mentions]) { _ in }
        #expect(try bytes(MentionIndex.path(directory)) == alone)
        #expect(IndexRebuild.needed(directory, among: [.mentions]).files.isEmpty)
    }

    /// A scoped query's pass builds the scopes alone, or with the mentions (`show`; ledger-spec.md 15.6): the second
    /// stage then folds only the scopes, a batch's records added together after their keys are touched at once
    /// (`ScopeIndex.Builder.touch`). Random logs of every type, corrections and community registrations included,
    /// any size of the groups between the stages, leaf facts read from their bytes or all decoded: the file is
    /// byte for byte the one `ScopeIndex.build` makes from the log, record by record, and nothing else is written.
    @Test(arguments: [(UInt64(71), 1), (72, 3), (73, 1024), (74, 2)])
    func aScopesOnlyPassWritesWhatTheScopesBuilderWrites(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.randomLedger(seed: seed, in: temporary)
        try Self.tearTailIfOdd(directory, seed: seed)
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        let alone = try #require(try ScopeIndex.build(directory))
        for (files, fast) in [(IndexRebuild.Files.scopes, true), (.scopes, false), ([.scopes, .mentions], true)] {
            for path in [ScopeIndex.path(directory), MentionIndex.path(directory), FundState.path(directory), CheckState.path(directory)] {
                try? PosixFile.remove(path)
            }
            let products = try IndexRebuild.pass(directory, files: files, writeIds: false, keepBytes: false, groupSize: groupSize,
                                                 fastLeaves: fast)
            #expect(products.outcome.written == files, "\(files.rawValue)")
            #expect(try bytes(ScopeIndex.path(directory)) == alone, "\(files.rawValue) fast: \(fast)")
            #expect(!PosixFile.exists(FundState.path(directory)) && !PosixFile.exists(CheckState.path(directory)))
        }
    }

    /// The scopes-only pass stages each line's links as it comes (`Decoding.takeForScopes`, session 29) instead of
    /// keeping the batch's lines until its end, the way the pass that also builds the mentions still does: longer
    /// random logs (batches of 1–8 records of every type, corrections, records of an unknown type, some with a torn
    /// tail, the others with whole lines of an unfinished batch), any size of the groups between the stages, leaf facts read from their bytes or all decoded: the file is
    /// byte for byte the one `ScopeIndex.build` makes record by record, and the one the pass with the mentions makes.
    @Test(arguments: [(UInt64(0x29B0_0001), 1), (0x29B0_0002, 2), (0x29B0_0003, 5), (0x29B0_0004, 64), (0x29B0_0005, 1024),
                      (0x29B0_0006, 3)])
    func aScopesOnlyPassStagesEachLineAsItComes(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for round in 0..<48 {
            var batch = generator.batch(generator.random.int(1...8))
            if round % 7 == 3 { batch.append(TestLedger.event(round)) }
            try TestLedger.append(batch, to: directory)
        }
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        if seed % 2 == 0 {
            // An unfinished batch cut at a line boundary: whole lines of a batch whose last line never came, the
            // acknowledged head that of the batch before. A pass that added a batch before its last line would
            // index them.
            let acknowledged = try bytes(directory.acknowledgedPath)
            let before = Int(try PosixFile(path: directory.eventsPath, mode: .read).size())
            try TestLedger.append(generator.batch(6) + [TestLedger.event(900), TestLedger.event(901)], to: directory)
            let log = try bytes(directory.eventsPath)
            var cut = before
            for _ in 0..<(1 + Int(seed % 5)) { cut = try #require(log[cut...].firstIndex(of: 0x0A)) + 1 }
            try #require(cut < log.count, "the batch's last line is cut off")
            let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
            try file.truncate(to: Int64(cut))
            file.close()
            try PosixFile.writeAtomically(acknowledged, to: directory.acknowledgedPath)
        } else {
            try Self.tearTailIfOdd(directory, seed: seed)
        }
        let alone = try #require(try ScopeIndex.build(directory))
        var leaves: [Int64] = []
        for (files, fast) in [(IndexRebuild.Files.scopes, true), (.scopes, false), ([.scopes, .mentions], true), ([.scopes, .mentions], false)] {
            try? PosixFile.remove(ScopeIndex.path(directory))
            try? PosixFile.remove(MentionIndex.path(directory))
            let products = try IndexRebuild.pass(directory, files: files, writeIds: false, keepBytes: false, groupSize: groupSize,
                                                 fastLeaves: fast)
            #expect(products.outcome.written == files, "\(files.rawValue)")
            #expect(try bytes(ScopeIndex.path(directory)) == alone, "seed \(seed) \(files.rawValue) fast: \(fast)")
            leaves.append(products.leaves + products.linked)
        }
        // Both ways really taken: records read from their bytes by the fast passes, none by the others.
        #expect(leaves[0] > 50 && leaves[0] == leaves[2] && leaves[1] == 0 && leaves[3] == 0, "\(leaves)")
    }

    /// `ledger append`'s pass (the checks alone folded) takes each group's lines where the group holds them
    /// (`Decoding.takeChecks`, session 30) instead of keeping a copy of each line until its batch's end (`take`, kept
    /// for the other passes): longer random logs (batches of 1–8 records of every type the checks read, records of an
    /// unknown type, corrections of registering records for one seed in three), some with a torn tail, the others
    /// with whole lines of an unfinished batch, and groups of 1 to 1,024 lines (a batch then spans several): both ways
    /// read the same records from their bytes and give byte for byte the checks' state `CheckState.build` makes, handed
    /// back or written by `writeEncoded`.
    @Test(arguments: [(UInt64(0x30C0_0001), 1), (0x30C0_0002, 2), (0x30C0_0003, 3), (0x30C0_0004, 5), (0x30C0_0005, 1024),
                      (0x30C0_0006, 7), (0x30C0_0008, 64)])
    func appendsPassTakesEachGroupWhereItLies(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for round in 0..<48 {
            var batch = generator.batch(generator.random.int(1...8))
            // A correction of a registering record makes the fold give up (the state is then built by a second read).
            if seed % 3 != 0 { batch.removeAll { $0.type == EventType.correction.rawValue } }
            if round % 7 == 3 { batch.append(TestLedger.event(round)) }
            try TestLedger.append(batch, to: directory)
        }
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        if seed % 2 == 0 {
            // An unfinished batch cut at a line boundary: whole lines of a batch whose last line never came, the
            // acknowledged head that of the batch before. A fold that took a batch before its last line would hold them.
            let acknowledged = try bytes(directory.acknowledgedPath)
            let before = Int(try PosixFile(path: directory.eventsPath, mode: .read).size())
            var last = generator.batch(6) + [TestLedger.event(900), TestLedger.event(901)]
            if seed % 3 != 0 { last.removeAll { $0.type == EventType.correction.rawValue } }
            try TestLedger.append(last, to: directory)
            let log = try bytes(directory.eventsPath)
            var cut = before
            for _ in 0..<(1 + Int(seed % 5)) { cut = try #require(log[cut...].firstIndex(of: 0x0A)) + 1 }
            try #require(cut < log.count, "the batch's last line is cut off")
            let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
            try file.truncate(to: Int64(cut))
            file.close()
            try PosixFile.writeAtomically(acknowledged, to: directory.acknowledgedPath)
        } else {
            try Self.tearTailIfOdd(directory, seed: seed)
        }
        let expected = try #require(try CheckState.build(directory, upToSeq: nil)).bytes
        let byGroup = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: false, keepBytes: true, groupSize: groupSize)
        let byLine = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: false, keepBytes: true, groupSize: groupSize,
                                           checksByGroup: false)
        #expect(byGroup.checks == expected, "seed \(seed): by group")
        #expect(byLine.checks == expected, "seed \(seed): by line")
        #expect(byGroup.outcome.recordCount == byLine.outcome.recordCount)
        // The same records read from their bytes both ways, many of them (not vacuous).
        #expect(byGroup.checked == byLine.checked && byGroup.leaves == byLine.leaves, "\(byGroup.checked) \(byLine.checked)")
        #expect(byGroup.checked > 20 && byGroup.leaves > 20, "checked \(byGroup.checked), leaves \(byGroup.leaves)")
        // The way `ledger append` writes it (`writeEncoded`), with the id tables alongside.
        for name in Self.idTableNames + ["checks.state"] { try? PosixFile.remove(directory.indexPath + "/" + name) }
        let written = try IndexRebuild.pass(directory, files: [.ids, .checks], writeIds: true, keepBytes: false, groupSize: groupSize)
        #expect(written.outcome.written == [.ids, .checks])
        #expect(try bytes(CheckState.path(directory)) == expected, "seed \(seed): written")
        let idTables = try Self.idTableNames.filter { PosixFile.exists(directory.indexPath + "/" + $0) }.map { try bytes(directory.indexPath + "/" + $0) }
        // With the scopes (the pass of `append` of a payment, and of `import`, session 43): the checks take each group
        // as above while the first stage reads the scopes' leaves beside each line (`Group.everyLine`,
        // `Decoding.takeScopes`); the checks, the scopes and the id tables are each the file its builder makes alone.
        let scopes = try #require(try ScopeIndex.build(directory))
        let scopesOnly = try IndexRebuild.pass(directory, files: [.scopes], writeIds: false, keepBytes: true, groupSize: groupSize)
        let both = try IndexRebuild.pass(directory, files: [.ids, .checks, .scopes], writeIds: false, keepBytes: true, groupSize: groupSize)
        let bothByLine = try IndexRebuild.pass(directory, files: [.ids, .checks, .scopes], writeIds: false, keepBytes: true,
                                               groupSize: groupSize, checksByGroup: false)
        #expect(both.checks == expected && both.scopes == scopes, "seed \(seed): checks and scopes by group")
        #expect(bothByLine.checks == expected && bothByLine.scopes == scopes, "seed \(seed): checks and scopes by line")
        // Both ways really taken: the checks read from the bytes as alone, the scopes' records by the first stage.
        #expect(both.checked == byGroup.checked && both.leaves == byGroup.leaves && both.linked == scopesOnly.linked && both.linked > 0,
                "checked \(both.checked), leaves \(both.leaves), linked \(both.linked)")
        #expect(bothByLine.checked == 0 && bothByLine.linked == 0)
        for name in Self.idTableNames + ["checks.state", "scopes"] { try? PosixFile.remove(directory.indexPath + "/" + name) }
        let bothWritten = try IndexRebuild.pass(directory, files: [.ids, .checks, .scopes], writeIds: true, keepBytes: false, groupSize: groupSize)
        #expect(bothWritten.outcome.written == [.ids, .checks, .scopes])
        #expect(try bytes(CheckState.path(directory)) == expected && bytes(ScopeIndex.path(directory)) == scopes, "seed \(seed): both written")
        #expect(try Self.idTableNames.filter { PosixFile.exists(directory.indexPath + "/" + $0) }.map { try bytes(directory.indexPath + "/" + $0) }
                == idTables, "seed \(seed): the id tables")
    }

    /// A pass that folds the funds as well (`ledger balances` after `rm -rf index/`) hands over the fold its reader
    /// makes from the log: random logs of every type (corrections, a record of a type this version does not know,
    /// some with a torn tail), any size of the groups that cross between the stages, the same projection at every
    /// date and the same anomalies; and the files it writes are still those of the sequential builders.
    @Test(arguments: [(UInt64(31), 1), (32, 4), (33, 1024), (34, 1024), (35, 2)])
    func aPassFoldsTheFundsAsTheirReaderDoes(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.randomLedger(seed: seed, in: temporary)
        for name in Self.idTableNames { try? PosixFile.remove(directory.indexPath + "/" + name) }
        try Self.tearTailIfOdd(directory, seed: seed)
        let products = try IndexRebuild.pass(directory, files: .all, writeIds: true, keepBytes: false, foldFunds: true,
                                             groupSize: groupSize)
        #expect(products.outcome.written == .all)
        let fold = try #require(products.funds)
        try Self.expectTheReadersFold(fold, directory, recordCount: products.outcome.recordCount)
        func bytes(_ path: String) throws -> [UInt8] { try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes }
        let funds = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
        #expect(try bytes(FundState.path(directory)) == funds?.encoded())
        #expect(try bytes(CheckState.path(directory)) == CheckState.build(directory, upToSeq: nil)?.bytes)
    }

    /// A pass that builds only the funds' state (a whole-city `balances`) takes each line as the funds' reader does
    /// (records of the other known types skipped unread): the same fold at every date, the same anomalies, the same
    /// `funds.state`, and no other file written.
    @Test(arguments: [(UInt64(51), 1), (52, 3), (53, 1024), (54, 2)])
    func aFundsOnlyPassFoldsAsTheReaderDoes(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.randomLedger(seed: seed, in: temporary)
        for path in [CheckState.path(directory), ScopeIndex.path(directory), FundState.path(directory)] { try? PosixFile.remove(path) }
        try Self.tearTailIfOdd(directory, seed: seed)
        let products = try IndexRebuild.pass(directory, files: [.funds], writeIds: true, keepBytes: false, foldFunds: true,
                                             groupSize: groupSize)
        #expect(products.outcome.written == [.funds] && products.leaves == 0)
        #expect(!PosixFile.exists(CheckState.path(directory)) && !PosixFile.exists(ScopeIndex.path(directory)))
        let fold = try #require(products.funds)
        try Self.expectTheReadersFold(fold, directory, recordCount: products.outcome.recordCount)
        let funds = try FundFold.readCollecting(directory, upToSeq: nil, resume: nil, writeBack: false, keepInputs: true).state
        #expect(try PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30, followLinks: false).bytes == funds?.encoded())
    }

    /// `ensure` hands a fold over only when its pass rebuilt the funds' state (else the command reads it as before).
    @Test func ensureHandsTheFundsOverOnlyWhenItRebuiltTheirState() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: 36)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for _ in 0..<6 { try TestLedger.append(generator.batch(3), to: directory) }
        try PosixFile.remove(FundState.path(directory))
        let made = try #require(IndexRebuild.ensure(directory, files: .all, foldingFunds: true) { _ in })
        let read = try FundFold.read(directory)
        #expect(made.totalRecordCount == read.totalRecordCount && made.head?.seq == read.totalRecordCount && made.genesis?.seq == 1)
        #expect(made.fold.projection(asOf: CalendarDate(year: 2030, month: 1, day: 1)!)
                == read.fold.projection(asOf: CalendarDate(year: 2030, month: 1, day: 1)!))
        // Everything in place: no pass, no fold. Only the scopes missing: a pass without the funds, no fold.
        #expect(IndexRebuild.ensure(directory, files: .all, foldingFunds: true) { _ in } == nil)
        try PosixFile.remove(ScopeIndex.path(directory))
        #expect(IndexRebuild.ensure(directory, files: .all, foldingFunds: true) { _ in } == nil)
        #expect(PosixFile.exists(ScopeIndex.path(directory)))
        // Not asked for: none.
        try PosixFile.remove(FundState.path(directory))
        #expect(IndexRebuild.ensure(directory, files: .all, foldingFunds: false) { _ in } == nil)
        #expect(PosixFile.exists(FundState.path(directory)))
    }

    /// A log that fails verification half way: the pass throws the log's failure, as a sequential read does, and
    /// writes nothing (the files written before the pass started stay as they were).
    @Test func aDamagedLogWritesNothing() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: 21)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for _ in 0..<8 { try TestLedger.append(generator.batch(3), to: directory) }
        for name in (try? PosixDirectory(path: directory.indexPath).names()) ?? [] { try? PosixFile.remove(directory.indexPath + "/" + name) }
        var log = try PosixFile.readRegularFile(directory.eventsPath, bytesMax: 1 << 30).bytes
        let middle = log.count / 2
        log[middle] = log[middle] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7")
        try PosixFile.writeAtomically(log, to: directory.eventsPath)
        var thrown: ChainError? = nil
        do { _ = try IndexRebuild.pass(directory, files: .all, writeIds: true, keepBytes: false, groupSize: 2) } catch { thrown = error }
        guard case .integrity(let failure)? = thrown else { Issue.record("the pass must fail as the log does"); return }
        let sequential = try LogScanner.verify(path: directory.eventsPath)
        #expect(sequential.failure == failure)
        for path in [FundState.path(directory), CheckState.path(directory), ScopeIndex.path(directory)] { #expect(!PosixFile.exists(path)) }
    }

    /// `ensure` rebuilds only what is missing or unusable, with the notice of an unusable file.
    @Test func ensureRebuildsWhatIsMissingOrUnusable() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: 7)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        try TestLedger.append(generator.batch(10), to: directory)
        var notices: [String] = []
        IndexRebuild.ensure(directory) { notices.append($0) }
        #expect(notices.isEmpty && IndexRebuild.needed(directory).files.isEmpty)
        let scopes = try PosixFile.readRegularFile(ScopeIndex.path(directory), bytesMax: 1 << 30).bytes
        var damaged = try PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30).bytes
        damaged[8] ^= 0x01   // in the header: its checksum fails
        try PosixFile.writeAtomically(damaged, to: FundState.path(directory))
        try PosixFile.remove(CheckState.path(directory))
        #expect(IndexRebuild.needed(directory).files == [.funds, .checks])
        IndexRebuild.ensure(directory) { notices.append($0) }
        #expect(notices.count == 1 && notices[0].hasPrefix("note: funds.state in ") && notices[0].hasSuffix("rebuilt from the log (answers are unaffected)."))
        #expect(IndexRebuild.needed(directory).files.isEmpty)
        #expect(try PosixFile.readRegularFile(ScopeIndex.path(directory), bytesMax: 1 << 30).bytes == scopes)
    }

    /// A rebuild interrupted at 10 million records (Ctrl-C during the minutes it takes) leaves its temporary files in
    /// index/ — hundreds of MB each — and nothing ever removed them. The next rebuild removes those no live writer
    /// holds (a writer locks its temporary while it writes), and keeps a live one.
    @Test func aRebuildRemovesTheTemporariesOfAnInterruptedOne() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        IndexRebuild.ensure(directory) { _ in }
        let abandoned = [ScopeIndex.path(directory) + ".tmp-0123456789abcdef", CheckState.path(directory) + ".tmp-00000000000000ff",
                         FundState.path(directory) + ".tmp-fedcba9876543210"]
        for path in abandoned { try PosixFile.writeAtomically(Array(repeating: 7, count: 100), to: path) }
        let live = ScopeIndex.path(directory) + ".tmp-1111111111111111"
        try PosixFile.writeAtomically([1], to: live)
        let holder = try PosixFile(path: live, mode: .read, followLinks: false)
        defer { holder.close() }
        #expect(try holder.lockExclusive(timeoutMilliseconds: 0))
        try PosixFile.remove(CheckState.path(directory))
        IndexRebuild.ensure(directory) { _ in }
        #expect(IndexRebuild.needed(directory).files.isEmpty)
        for path in abandoned { #expect(!PosixFile.exists(path), "\(path) left behind") }
        #expect(PosixFile.exists(live))
    }
}
