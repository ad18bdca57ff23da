import Foundation
@testable import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Synchronization
import Testing

/// Session 51 (issue 11, review of scopes50 #1): `ledger verify --index` compared `index/scopes` byte for byte with
/// the index the log gives only when the file was stamped at the head. Stamped before it — between merges, the usual
/// state — only its checksums, stamp and version were checked, so an entry whose type code or named bit was wrong,
/// written with valid checksums, made a payment's filtered read skip a line, and `verify --index` said the file was
/// intact. Now the stored file is compared with the index of records 1…stamp, and the side files (`scopes.recent`,
/// `scopes.recent.sealed`) record by record with what the log's records give on the stored index.
@Suite struct VerifyIndexScopesTests {
    /// `file` (an `index/scopes` file) with `change` made to the flags byte of the entry of record `seq`, and every
    /// checksum over that byte written again — its block's in the table, the table's part sums, the body's — as a
    /// defective writer, or whoever can write `index/`, could leave it: every check before use passes.
    static func resealed(_ file: [UInt8], seq: Int64, change: (UInt8) -> UInt8) throws -> [UInt8] {
        let (_, start) = try DerivedStateHeader.decode(file[...], kind: ScopeIndex.kind, version: ScopeIndex.version)
        var bytes = file
        let tableLength = Int(Bytes.u64(bytes, at: start))
        var table = Array(bytes[(start + 8)..<(start + 8 + tableLength)])
        for b in 0..<Int(Bytes.u64(table, at: 0)) {
            let offset = Int(Bytes.u64(table, at: 8 + b * 48)), count = Int(Bytes.u64(table, at: 16 + b * 48))
            for i in 0..<count where Int64(bitPattern: Bytes.u64(bytes, at: start + offset + i * 53)) == seq {
                let at = start + offset + i * 53
                bytes[at + 20] = change(bytes[at + 20])
                let sum = SHA256.digest(Array(bytes[(start + offset)..<(start + offset + count * 53)]))
                table.replaceSubrange((8 + b * 48 + 16)..<(8 + b * 48 + 48), with: sum.bytes)
                let span = ScopeIndex.tableSpan(table)
                bytes.replaceSubrange(start..<(start + span.count), with: span)
                let end = bytes.count - 32
                bytes.replaceSubrange(end..., with: SHA256.digest(Array(bytes[start..<end])).bytes)
                return bytes
            }
        }
        Issue.record("no entry for record \(seq)")
        return file
    }

    /// Every entry of an `index/scopes` file: its record's seq and its flags byte (type code, named bit).
    static func flags(_ file: [UInt8]) throws -> [(seq: Int64, flags: UInt8)] {
        let (_, start) = try DerivedStateHeader.decode(file[...], kind: ScopeIndex.kind, version: ScopeIndex.version)
        let tableLength = Int(Bytes.u64(file, at: start))
        let table = Array(file[(start + 8)..<(start + 8 + tableLength)])
        var found: [(seq: Int64, flags: UInt8)] = []
        for b in 0..<Int(Bytes.u64(table, at: 0)) {
            let offset = Int(Bytes.u64(table, at: 8 + b * 48)), count = Int(Bytes.u64(table, at: 16 + b * 48))
            for i in 0..<count {
                let at = start + offset + i * 53
                found.append((Int64(bitPattern: Bytes.u64(file, at: at)), file[at + 20]))
            }
        }
        return found.sorted { $0.seq < $1.seq }
    }

    /// Property: seeded random logs (every type, corrections, ids repeated), `index/scopes` built at two thirds of
    /// the log (stamped before the head), one entry changed — its named bit cleared, or its type code made another
    /// known code — with valid checksums (its own checks pass, as a reader's do). `verify --index` reports it on the
    /// `scopes` line, naming the record, with the exit status of the log (0); it rebuilds the file, which is then the
    /// log's index, and a payment's filtered read answers as reading every line. On main before session 51 this
    /// said `index: scopes intact (made at record N)`.
    @Test(arguments: TestScale.seeds(8)) func anEntryWrongBeforeTheHeadIsReported(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 0x5151_0051)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        let cut = events.count * 2 / 3
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[..<cut]), to: directory)
        let truth = try #require(try ScopeIndex.build(directory))
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[...]), to: directory)
        let entries = try Self.flags(truth)
        #expect(entries.count == cut)
        let named = entries.filter { $0.flags & ScopeIndex.namedBit != 0 }
        let clearBit = !named.isEmpty && random.int(0..<2) == 0
        let victim = clearBit ? named[random.int(0..<named.count)] : entries[random.int(0..<entries.count)]
        let code = victim.flags & ~ScopeIndex.namedBit
        let other = UInt8((Int(code) + 1 + random.int(0..<25)) % 26)
        let tampered = try Self.resealed(truth, seq: victim.seq) { clearBit ? $0 & ~ScopeIndex.namedBit : ($0 & ScopeIndex.namedBit) | other }
        let context = "seed \(seed): record \(victim.seq) of \(cut), " + (clearBit ? "named bit cleared" : "code \(code) made \(other)")
        #expect(tampered != truth, "\(context)")
        try PosixFile.writeAtomically(tampered, to: ScopeIndex.path(directory))
        // Its own checks pass (checksums, stamp, version, layout): only the comparison with the log finds it.
        let own = ScopeIndex.storedCheck(directory)
        #expect(own.check == .intact(seq: Int64(cut)), "\(context): \(own.check)")

        let arguments = ["verify", "--index"] + (seed % 2 == 0 ? [] : ["--lang", "zh"])
        #expect(cli.run(arguments) == 0, "\(context): \(cli.stdout)\(cli.stderr)")
        if seed % 2 == 0 {
            #expect(cli.stdout.contains("index: DAMAGED — scopes is out of step with the log (its entry for record \(victim.seq) is not the one "
                                        + "records 1 to \(cut) of the log give"), "\(context): \(cli.stdout)")
            #expect(cli.stdout.contains("answers given since it was written may have come from it"), "\(context): \(cli.stdout)")
        } else {
            #expect(cli.stdout.contains("索引：已损坏——scopes 与日志不一致（其中记录 \(victim.seq) 的条目与日志记录 1 至 \(cut) 给出的不同"),
                    "\(context): \(cli.stdout)")
        }
        // Rebuilt: the log's index at the head, found intact by the next check.
        #expect(try PosixFile.readRegularFile(ScopeIndex.path(directory), bytesMax: 1 << 30).bytes == (try ScopeIndex.build(directory)), "\(context)")
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: scopes intact (made at record \(events.count))"), "\(context): \(cli.stdout)")
        // The next payment's read answers as the log.
        let payments = AppendStatementLines.checkedTypes(contracts: false)
        for community in ScopeIndexCommandTests.communities.map(\.0) {
            guard let every = try ScopeIndex.read(directory, communityIDs: [community], assetIDs: []) else { continue }
            let filtered = try #require(try ScopeIndex.read(directory, communityIDs: [community], assetIDs: [], onlyTypes: payments))
            #expect(filtered.records == ScopeTypeSkipTests.everyLine(every.records, types: payments).records, "\(context): \(community)")
        }
    }

    /// The same index, untouched and stamped before the head, is intact (the comparison reads records 1…stamp again,
    /// never the records after it).
    @Test func anIntactIndexBeforeTheHeadIsIntact() throws {
        var random = SplitMix64(seed: 51)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        let cut = events.count / 2
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[..<cut]), to: directory)
        try ScopeIndex.rebuild(directory)
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[...]), to: directory)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("index: scopes intact (made at record \(cut)); rebuilt from the log at record \(events.count)"), "\(cli.stdout)")
    }

    /// Review of verifyidx51 #1 (major, a false alarm): `verify --index` compared the stored file with whatever was
    /// at `index/scopes` once the writers' lock was released, so a writer that replaced it meanwhile (an import of
    /// 1,000 records or more, another `verify --index` after an append) made an intact index read as tampered ("its
    /// header: not what records 1 to N of the log give"). Played step by step: the stored file (stamped at the head
    /// of the log of `cut` records) checked, the pass's file written over it, then a writer appends the rest and
    /// writes the index at the new head; the comparison is handed the pass's file opened before the writer (as
    /// `verifyAll` does, under the lock) or the writer's (as the old reopen by path did, or a pass that held no lock).
    /// Intact either way; a stored entry tampered with is still named, either way.
    @Test(arguments: [false, true], [false, true]) func aFileAWriterReplacedAfterThePassIsNotReported(tampered: Bool, openedBefore: Bool) throws {
        var random = SplitMix64(seed: 5151)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        let cut = events.count / 2
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[..<cut]), to: directory)
        let truth = try #require(try ScopeIndex.build(directory))
        let victim = try Self.flags(truth)[cut / 3].seq
        try PosixFile.writeAtomically(tampered ? try Self.resealed(truth, seq: victim) { $0 ^ 1 } : truth, to: ScopeIndex.path(directory))
        let stored = ScopeIndex.storedCheck(directory)
        let context = "tampered \(tampered), opened before \(openedBefore)"
        #expect(stored.check == .intact(seq: Int64(cut)), "\(context): \(stored.check)")
        let stamp = try #require(stored.stamp)
        // The pass writes the log's index at its head (`cut`), and the writers' lock is released.
        try PosixFile.writeAtomically(truth, to: ScopeIndex.path(directory))
        let passFile = openedBefore ? ScopeIndex.openFresh(directory) : nil
        // A writer appends the rest and writes the index at its head.
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[...]), to: directory)
        try ScopeIndex.rebuild(directory)
        let fresh = try #require(passFile ?? ScopeIndex.openFresh(directory))
        let check = try ScopeIndex.finishCheck(stored, directory, fresh: fresh, freshStamp: stamp)
        let expected: DerivedStateCheck = tampered ? .damaged(.mismatch(.entryNotWhatRecordsGive(record: victim, through: Int64(cut)))) : .intact(seq: Int64(cut))
        #expect(check == expected, "\(context): \(check)")
    }

    /// The same through `IndexRebuild.verifyAll`: a writer appends the rest of the log and writes the index at its
    /// head after the pass released the lock, before `index/scopes` is compared (`VerifyTestHooks.afterLockReleased`). Intact,
    /// not `its header: not what records 1 to N of the log give` (what the reopen by path said).
    @Test func aWriterAfterTheLockIsReleasedIsNotReported() throws {
        var random = SplitMix64(seed: 5152)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try? PosixFile.remove(directory.acknowledgedPath)
        let cut = events.count / 2
        TestLedger.writeLog(ScopeTypeSkipTests.rawLog(events[..<cut]), to: directory)
        try ScopeIndex.rebuild(directory)
        let whole = ScopeTypeSkipTests.rawLog(events[...])
        let replaced = Mutex(false)
        VerifyTestHooks.afterLockReleased.withLock {
            $0[directory.path] = {
                TestLedger.writeLog(whole, to: directory)
                replaced.withLock { $0 = (try? ScopeIndex.rebuild(directory)) == true }
            }
        }
        defer { _ = VerifyTestHooks.afterLockReleased.withLock { $0.removeValue(forKey: directory.path) } }
        let checks = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000)
        #expect(replaced.withLock { $0 }, "the writer did not write the index")
        #expect(checks.scopes.check == .intact(seq: Int64(cut)), "\(checks.scopes.check)")
        #expect(try ScopeIndex.storedCheck(directory).stamp?.seq == Int64(events.count))
    }

    /// How the side files are tampered with: a record's entry said not to be an erasure (or to be one), or its keys
    /// but its event id's dropped, so that it falls in a node of its own instead of its community's block (a scoped
    /// read of that community would leave it out). Written by the writer's own code from the changed records, so
    /// every checksum is valid.
    enum SideChange: String, CaseIterable, Sendable { case erasureFlag, groupLeft }

    struct SideCase: CustomTestStringConvertible, Sendable {
        let change: SideChange
        /// Past how many records the tail is sealed (0: every record in segments of the sealed file).
        let sealAfter: Int
        var testDescription: String { "\(change.rawValue), " + (sealAfter == 0 ? "sealed" : "tail") }
    }

    static let sideCases = SideChange.allCases.flatMap { change in [SideCase(change: change, sealAfter: 0), SideCase(change: change, sealAfter: 1 << 20)] }

    /// `scopes.recent` (the tail) and `scopes.recent.sealed` with one record's entry or grouping wrong and valid
    /// checksums: a reader uses them; `verify --index` reports `scopes.recent` damaged, naming the file the record
    /// lies in and the record, then removes both; the next writer writes them again from the log.
    @Test(arguments: sideCases) func aSideFileRecordWrongIsReported(side: SideCase) throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli)
        let opened = try #require(try ScopeIndex.open(directory))
        let delta = try ScopeIndex.readDelta(opened, directory)
        #expect(delta.items.count == 35)
        var random = SplitMix64(seed: UInt64(side.sealAfter) &+ (side.change == .groupLeft ? 7 : 3))
        // Any record (for the flag); for the group, a record whose keys fall in a stored block an earlier record's
        // keys fell in too (its node is then that block's, which a record of its own cannot be).
        var lookup = ScopeIndex.NodeLookup(opened)
        var touched = Set<Int>()
        var joiners: [Int] = []
        for (i, item) in delta.items.enumerated() {
            var blocks: [Int] = []
            for key in item.links.keys { if let b = try lookup.block(key) { blocks.append(b) } }
            if item.links.keys.count > 1, blocks.contains(where: touched.contains) { joiners.append(i) }
            touched.formUnion(blocks)
        }
        let candidates = side.change == .erasureFlag ? Array(delta.items.indices) : joiners
        try #require(!candidates.isEmpty)
        let victim = candidates[random.int(0..<candidates.count)]
        var items = delta.items
        let item = items[victim]
        switch side.change {
        case .erasureFlag:
            var entry = item.entry
            entry.code = entry.code == ScopeIndex.erasureCode ? 0 : ScopeIndex.erasureCode
            items[victim] = ScopeIndex.DeltaItem(record: item.record, links: item.links, entry: entry, batchEnd: item.batchEnd)
        case .groupLeft:
            var links = item.links
            links.keys = [links.keys[0]]
            items[victim] = ScopeIndex.DeltaItem(record: item.record, links: links, entry: item.entry, batchEnd: item.batchEnd)
        }
        lookup = ScopeIndex.NodeLookup(opened)
        let stamp = try #require(items.last?.batchEnd)
        let made = try #require(try ScopeIndex.recentBytes(opened, stamp: stamp, stored: nil, more: items, &lookup, sealAfter: side.sealAfter))
        try? PosixFile.remove(ScopeIndex.sealedPath(directory))
        if let segment = made.segment {
            try PosixFile.writeAtomically(ScopeIndex.sealedHeader(opened.header.stamp) + segment, to: ScopeIndex.sealedPath(directory))
        }
        try PosixFile.writeAtomically(made.tail, to: ScopeIndex.recentPath(directory))
        #expect((made.segment != nil) == (side.sealAfter == 0))
        // A reader takes it as it is.
        guard case .usable = ScopeIndex.openRecent(opened, directory, strict: true) else {
            Issue.record("\(side.testDescription): the tampered side file is not usable"); return
        }
        let file = side.sealAfter == 0 ? "scopes.recent.sealed" : "scopes.recent"
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("index: DAMAGED — scopes.recent is out of step with the log (\(file): its entry for record "
                                    + "\(item.entry.seq) is not the one records 1 to 95 of the log give"), "\(side.testDescription): \(cli.stdout)")
        #expect(!PosixFile.exists(ScopeIndex.recentPath(directory)) && !PosixFile.exists(ScopeIndex.sealedPath(directory)))
        // The next writer, after a record more, writes it again from the log (on the index rebuilt at record 95):
        // intact, so not reported.
        var more = SplitMix64(seed: 17)
        let next = try ScopeIndexCommandTests.randomEvents(&more)
        try TestLedger.append([next[95]], to: directory)
        #expect(ScopeIndex.keepRecent(directory) == .written(records: 1, read: 1))
        #expect(cli.run(["verify", "--index"]) == 0 && !cli.stdout.contains("DAMAGED"), "\(cli.stdout)")
    }

    /// The untouched side files, tail and sealed, are not reported (intact), and are removed with the rebuild.
    @Test(arguments: [0, 1 << 20]) func intactSideFilesAreNotReported(sealAfter: Int) throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli, sealAfter: sealAfter == 0 ? 4 : sealAfter)
        let opened = try #require(try ScopeIndex.open(directory))
        guard case .usable(let recent) = ScopeIndex.openRecent(opened, directory, strict: true) else { Issue.record("not usable"); return }
        #expect(try ScopeIndex.recentProblem(opened, recent, directory) == nil)
        #expect(ScopeIndex.recentCheck(directory) == .intact(seq: 95))
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        #expect(!cli.stdout.contains("DAMAGED"), "\(cli.stdout)")
    }

    /// Review of scopes50 #2: an entry's type code of 26–127 (never written) is its own reason, not a checksum — in
    /// `verify --index`'s report and in a reader's notice, in both languages.
    @Test func anUnknownTypeCodeIsItsOwnReason() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let truth = try #require(try ScopeIndex.build(directory))
        let victim = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: [])).records[2].seq
        for code: UInt8 in [26, 77, 127] {
            try PosixFile.writeAtomically(try Self.resealed(truth, seq: victim) { ($0 & ScopeIndex.namedBit) | code }, to: ScopeIndex.path(directory))
            let read = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: []))
            #expect(read.notice?.contains("its entry for record \(victim) holds type code \(code), which names no type") == true, "\(read.notice ?? "none")")
            #expect(read.notice?.contains("checksum") == false, "\(read.notice ?? "none")")
            for lang in ["en", "zh"] {
                try PosixFile.writeAtomically(try Self.resealed(truth, seq: victim) { ($0 & ScopeIndex.namedBit) | code }, to: ScopeIndex.path(directory))
                #expect(cli.run(["verify", "--index", "--lang", lang]) == 0, "\(cli.stderr)")
                if lang == "en" {
                    #expect(cli.stdout.contains("index: DAMAGED — scopes is damaged (its entry for record \(victim) holds type code \(code), which names "
                                                + "no type (codes 0 to 25 are written, 26 to 127 never))"), "\(cli.stdout)")
                } else {
                    #expect(cli.stdout.contains("索引：已损坏——scopes 已损坏（其中记录 \(victim) 的条目的类型代码为 \(code)，没有哪种类型是这个代码"), "\(cli.stdout)")
                }
            }
        }
    }
}
