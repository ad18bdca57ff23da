import Foundation
@testable import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Synchronization
import Testing

/// Session 52 (issue 11): `ledger verify --index` compares `index/checks.recent`'s entries with the log, opens
/// `index/funds.state` as the pass wrote it under the writers' lock, and reports a `scopes.recent` whose reference to
/// its index or record count was rewritten with its checksum. Before, each of these said `intact` (or, for
/// `funds.state`, said damage of a file a writer had only replaced).
@Suite(.serialized) struct VerifyIndexChecksTests {
    static func events(_ lines: [String], idPrefix: String) -> [Event] {
        lines.enumerated().map { n, line in
            var event = try! EventInput.parse(line: Array(line.utf8), source: "test", lineNumber: n + 1)
            event.id = "\(idPrefix)-\(n)"
            return event
        }
    }

    /// Three communities and a fund.
    static let registrations: [Event] = VerifyIndexChecksTests.events(["C-1", "C-2", "C-3"].map { c in
        #"{"type":"community.registered","occurred_on":"2023-12-01","data":{"community_id":"\#(c)","name":"n","street":"s","residents_committee":"r","total_area_m2":"9000","total_owners":90}}"#
    } + [#"{"type":"fund.opened","occurred_on":"2023-12-01","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"a"}}"#],
        idPrefix: "reg")

    /// Records adding entries of several tags to the checks' state: parts registered (`R`, `N`, `W`, `Z`), inspections
    /// of parts not registered (`D`), incomes.
    static func mixed(seed: Int, count: Int) -> [Event] {
        events((0..<count).map { n in
            switch n % 3 {
            case 0: return #"{"type":"asset.registered","occurred_on":"2024-07-01","data":{"asset_id":"N-\#(seed)-\#(n)","community_id":"C-\#(n % 3 + 1)","kind":"parking","name":"n\#(n)","location":"l","area_m2":"1","registered_on":"2024-07-01","source":{"kind":"manual"}}}"#
            case 1: return #"{"type":"inspection.recorded","occurred_on":"2024-07-01","data":{"asset_id":"Q-\#(seed)-\#(n)","observed":"idle","inspector":"i"}}"#
            default: return #"{"type":"fund.income","occurred_on":"2024-07-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"c","voucher":"v\#(seed)-\#(n)","category":"x"}}"#
            }
        }, idPrefix: "m\(seed)")
    }

    static func head(_ directory: LedgerDirectory) throws -> Int64 {
        try LogScanner.committedBatches(directory, prepare: { _ in nil as Int? }, batch: { _ in }).recordCount
    }

    /// A ledger whose `checks.state` is stamped after the registrations and 12 records, with a `checks.recent` over
    /// 24 records more; `after` records appended after it (the recent table then stamped before the head).
    static func ledger(_ cli: CLIHarness, after: Int) throws -> (directory: LedgerDirectory, recentStamp: Int64) {
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(registrations, to: directory)
        try TestLedger.append(mixed(seed: 1, count: 12), to: directory)
        let table = try CheckState.validate(directory, headSeq: try head(directory), batch: EventBatch([]), useState: true)
        #expect(table.wroteState)
        try TestLedger.append(mixed(seed: 2, count: 24), to: directory)
        let stamp = try head(directory)
        let recent = try CheckState.validate(directory, headSeq: stamp, batch: EventBatch([]), useState: true, rewriteAfter: 1)
        #expect(recent.wroteState && PosixFile.exists(CheckState.recentPath(directory)), "a recent table, not a merge")
        if after > 0 { try TestLedger.append(mixed(seed: 3, count: after), to: directory) }
        return (directory, stamp)
    }

    /// The recent table's entries (without its first, the table it continues).
    static func recentEntries(_ directory: LedgerDirectory) throws -> [(key: [UInt8], value: [UInt8])] {
        let bytes = try PosixFile.readRegularFile(CheckState.recentPath(directory), bytesMax: 1 << 30).bytes
        var walk = try #require(CheckState.EntryWalk(bytes, kind: CheckState.recentKind))
        var out: [(key: [UInt8], value: [UInt8])] = []
        while let (key, value) = walk.next() { out.append((Array(key), Array(value))) }
        #expect(out.first?.key == CheckState.continuesKey)
        return out
    }

    /// Writes `entries` (the first the table it continues) as the recent table, as a writer writes it: every
    /// checksum valid, the same header (ledger, record 1, stamp).
    static func writeRecent(_ entries: [(key: [UInt8], value: [UInt8])], _ directory: LedgerDirectory) throws {
        let (table, _) = try #require(try CheckState.open(directory))
        let recent = try #require(table.recent)
        var writer = CheckState.Writer()
        for (key, value) in entries { writer.add(key, value) }
        let bytes = writer.finish(ledgerName: recent.header.ledgerName, genesis: recent.header.genesis, stamp: recent.header.stamp,
                                  kind: CheckState.recentKind)
        try PosixFile.writeAtomically(bytes, to: CheckState.recentPath(directory))
    }

    /// How an entry is rewritten: removed, its value changed (a registration's position, a registering record's seq),
    /// or an entry the log does not give added (a dangling reference to a registered part).
    enum Change: String, Sendable { case drop, alter, add }

    struct EntryCase: CustomTestStringConvertible, Sendable {
        let tag: Character
        let change: Change
        /// Records appended after the recent table (0: it is stamped at the head, compared with the pass's file).
        let after: Int
        var testDescription: String { "\(tag) \(change.rawValue), " + (after == 0 ? "at the head" : "before the head") }
    }

    /// Every tag the records give, each field a check reads: `R` (a part's registration: its presence and its
    /// position), `N` (the first record of an event id: its seq), `D` (a reference to a part not registered: present
    /// or not), `W` (a part's twin key: the part twin rule), `Z` (where a part's records lie).
    static let entryCases: [EntryCase] = [0, 5].flatMap { after in
        [EntryCase(tag: "R", change: .drop, after: after), EntryCase(tag: "R", change: .alter, after: after),
         EntryCase(tag: "N", change: .drop, after: after), EntryCase(tag: "N", change: .alter, after: after),
         EntryCase(tag: "D", change: .drop, after: after), EntryCase(tag: "D", change: .add, after: after),
         EntryCase(tag: "W", change: .drop, after: after), EntryCase(tag: "Z", change: .drop, after: after)]
    }

    /// Property of each case: the tampered recent table passes every check a reader makes (an append would use it);
    /// `verify --index` reports `checks.state` out of step, naming `checks.recent`, the entry and the record its value
    /// names; the next `verify --index` finds the state the pass wrote intact.
    @Test(arguments: entryCases) func anEntryRewrittenWithValidChecksumsIsReported(_ c: EntryCase) throws {
        let cli = CLIHarness()
        let (directory, stamp) = try Self.ledger(cli, after: c.after)
        var entries = try Self.recentEntries(directory)
        let tag = UInt8(ascii: c.tag.unicodeScalars.first!)
        let at = try #require(entries.indices.first { entries[$0].key.first == tag && (c.change != .add || entries[$0].key.count > 2) },
                              "\(c.testDescription): no \(c.tag) entry")
        let named: [UInt8]
        var record: Int64? = nil
        switch c.change {
        case .drop:
            named = entries[at].key
            record = CheckState.record(of: named[...], entries[at].value[...])
            entries.remove(at: at)
        case .alter:
            named = entries[at].key
            record = CheckState.record(of: named[...], entries[at].value[...])
            var r = ValueReader(entries[at].value)
            var w = ValueWriter()
            if tag == CheckKey.registry {
                let read = r.entry()
                let e = try #require(read)
                w.entry(ReferenceChecker.Entry(day: e.day, position: e.position - 1, evidenceSeq: e.evidenceSeq, communityID: e.communityID))
                w.bytes += entries[at].value[r.offset...]
            } else {
                let seq = r.signed()
                w.signed(try #require(seq) + 1)
            }
            entries[at].value = w.bytes
        case .add:
            // A dangling reference to a part the recent table registers (`R asset N-2-0`): its key, tag `D`.
            let registered = try #require(entries.first { $0.key.first == CheckKey.registry && $0.key.count > 2 && $0.key[1] == 1 })
            named = [CheckKey.referenced] + registered.key.dropFirst()
            entries.append((named, []))
            entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        }
        try Self.writeRecent(entries, directory)
        // A reader takes it: every header, page and block checks.
        let (table, _) = try #require(try CheckState.open(directory))
        #expect(table.recent != nil && CheckState.recentDamage(table) == nil && CheckState.tableDamage(table) == nil, "\(c.testDescription)")
        let checks = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000)
        let expected = DerivedStateCheck.damaged(.mismatch(.inFile(CheckState.recentFileName, .checkEntryNotWhatRecordsGive(
            entry: CheckState.describe(named), record: record, through: stamp))))
        #expect(checks.checks.check == expected, "\(c.testDescription): \(checks.checks.check)")
        #expect(!PosixFile.exists(CheckState.recentPath(directory)))
        #expect(try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000).checks.check == .intact(seq: try Self.head(directory)))
    }

    /// The report as a clerk reads it, in English and in Chinese.
    @Test(arguments: ["en", "zh"]) func theReportNamesTheFileTheEntryAndTheRecord(_ language: String) throws {
        let cli = CLIHarness()
        let (directory, stamp) = try Self.ledger(cli, after: 2)
        var entries = try Self.recentEntries(directory)
        let at = try #require(entries.indices.first { entries[$0].key.first == CheckKey.registry })
        let key = entries.remove(at: at).key
        try Self.writeRecent(entries, directory)
        #expect(cli.run(["verify", "--index"] + (language == "zh" ? ["--lang", "zh"] : [])) == 0, "\(cli.stderr)")
        let said = CheckState.describe(key)
        #expect(said.en.hasPrefix("R asset N-2-") && said.zh.hasPrefix("R 共有部分 N-2-"), "\(said)")
        if language == "zh" {
            // No English word in the Chinese report (review of verifychecks52 #3).
            #expect(cli.stdout.contains("checks.recent：其中条目 \(said.zh)（记录 "), "\(cli.stdout)")
            #expect(!cli.stdout.contains(" asset "), "\(cli.stdout)")
            #expect(cli.stdout.contains("与日志记录 1 至 \(stamp) 给出的不同"), "\(cli.stdout)")
        } else {
            #expect(cli.stdout.contains("index: DAMAGED — checks.state is out of step with the log (checks.recent: its entry \(said.en), of record "),
                    "\(cli.stdout)")
            #expect(cli.stdout.contains(", is not the one records 1 to \(stamp) of the log give)"), "\(cli.stdout)")
            #expect(cli.stdout.contains("may have come from it"), "\(cli.stdout)")
        }
    }

    /// An untouched recent table is intact, stamped at the head or before it.
    @Test(arguments: [0, 5]) func anIntactRecentTableIsNotReported(after: Int) throws {
        let cli = CLIHarness()
        let (directory, _) = try Self.ledger(cli, after: after)
        let (table, _) = try #require(try CheckState.open(directory))
        let tableSeq = table.header.stamp.seq
        let checks = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000)
        #expect(checks.checks.check == .intact(seq: tableSeq), "\(checks.checks.check)")
    }

    /// A writer that appends and writes `checks.recent` (or merges the table) after the pass released the writers'
    /// lock, before the stored state is compared (`VerifyTestHooks.afterLockReleased`): the stored files, opened
    /// before the pass, are compared, never the writer's, and nothing is reported.
    @Test(arguments: [0, 1]) func anIntactRecentTableAWriterReplacesIsNotReported(merge: Int) throws {
        let cli = CLIHarness()
        let (directory, _) = try Self.ledger(cli, after: 3)
        let tableSeq = try #require(try CheckState.open(directory)).table.header.stamp.seq
        let wrote = Mutex(false)
        VerifyTestHooks.afterLockReleased.withLock {
            $0[directory.path] = {
                guard (try? TestLedger.append(Self.mixed(seed: 4, count: 9), to: directory)) != nil, let head = try? Self.head(directory),
                      let got = try? CheckState.validate(directory, headSeq: head, batch: EventBatch([]), useState: true, rewriteAfter: 1,
                                                        recentMax: merge == 1 ? 0 : nil) else { return }
                wrote.withLock { $0 = got.wroteState }
            }
        }
        defer { _ = VerifyTestHooks.afterLockReleased.withLock { $0.removeValue(forKey: directory.path) } }
        let checks = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000)
        #expect(wrote.withLock { $0 }, "the writer did not write the state")
        #expect(checks.checks.check == .intact(seq: tableSeq), "\(checks.checks.check)")
        #expect(PosixFile.exists(CheckState.recentPath(directory)) == (merge == 0))
    }

    /// `index/funds.state` removed (as a rebuild after damage does) or replaced by a writer's later file after the
    /// pass released the lock, before it is compared: the file the pass wrote was opened under the lock and is the
    /// one compared, so nothing is reported (before: opened by its path then, a removed file read as "its records
    /// differ from the log's").
    @Test(arguments: ["removed", "replaced"]) func aFundsStateAWriterRemovesAfterTheLockIsNotReported(_ how: String) throws {
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Self.registrations + Self.mixed(seed: 1, count: 12), to: directory)
        _ = try FundState.checkAndRebuild(directory)
        let stamp = try Self.head(directory)
        try TestLedger.append(Self.mixed(seed: 2, count: 6), to: directory)
        let acted = Mutex(false)
        VerifyTestHooks.afterLockReleased.withLock {
            $0[directory.path] = {
                if how == "removed" {
                    acted.withLock { $0 = (try? PosixFile.remove(FundState.path(directory))) != nil }
                } else {
                    guard (try? TestLedger.append(Self.mixed(seed: 5, count: 4), to: directory)) != nil else { return }
                    acted.withLock { $0 = (try? FundState.checkAndRebuild(directory))?.rebuiltAt != nil }
                }
            }
        }
        defer { _ = VerifyTestHooks.afterLockReleased.withLock { $0.removeValue(forKey: directory.path) } }
        let checks = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 2_000)
        #expect(acted.withLock { $0 }, "the writer did nothing")
        #expect(checks.funds.check == .intact(seq: stamp), "\(how): \(checks.funds.check)")
    }

    /// How the 80 bytes after the tail's header (the index it continues: seq, hash, body checksum; the record count)
    /// are rewritten, the body's checksum written again; and whether `verify --index` reports it.
    struct TailCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// Offset in the body, and the change made to the byte there.
        let offset: Int
        let change: @Sendable (UInt8) -> UInt8
        let reported: Bool
        var testDescription: String { name }
    }

    static let tailCases: [TailCase] = [
        TailCase(name: "the index's seq one later", offset: 0, change: { $0 &+ 1 }, reported: true),
        TailCase(name: "the index's hash", offset: 8 + 5, change: { $0 ^ 0x10 }, reported: true),
        TailCase(name: "the index's body checksum", offset: 40 + 31, change: { $0 ^ 0x01 }, reported: true),
        TailCase(name: "the record count one more", offset: 72, change: { $0 &+ 1 }, reported: true),
        TailCase(name: "the record count one less", offset: 72, change: { $0 &- 1 }, reported: true),
        // An older index (a crash between a merge and the side file's removal leaves one): stale, not used, not
        // reported, as readers and the recent checks table take one.
        TailCase(name: "an older index's seq", offset: 0, change: { $0 &- 1 }, reported: false),
    ]

    /// `scopes.recent` with one byte of its first 80 body bytes changed and its checksum written again: readers do not
    /// use it (no answer changes); `verify --index` reports it as damage, unless it names an older index.
    @Test(arguments: tailCases) func aTailsReferenceOrCountRewrittenIsReported(_ c: TailCase) throws {
        let cli = CLIHarness()
        let directory = try ScopeRecentTests.ledgerWithRecent(cli)
        let path = ScopeIndex.recentPath(directory)
        var bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        let (_, bodyStart) = try DerivedStateHeader.decode(bytes[...], kind: ScopeIndex.recentKind, version: ScopeIndex.recentVersion)
        bytes[bodyStart + c.offset] = c.change(bytes[bodyStart + c.offset])
        let end = bytes.count - 32
        bytes.replaceSubrange(end..., with: SHA256.digest(Array(bytes[bodyStart..<end])).bytes)
        try PosixFile.writeAtomically(bytes, to: path)
        let opened = try #require(try ScopeIndex.open(directory))
        // A reader: not used, silently (its checksums hold).
        guard case .none = ScopeIndex.openRecent(opened, directory) else { Issue.record("\(c.name): a reader uses it"); return }
        let check = ScopeIndex.recentCheck(directory)
        if c.reported {
            guard case .damaged? = check else { Issue.record("\(c.name): \(String(describing: check))"); return }
            #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
            #expect(cli.stdout.contains("index: DAMAGED — scopes.recent "), "\(c.name): \(cli.stdout)")
        } else {
            #expect(check == .absent, "\(c.name): \(String(describing: check))")
            #expect(cli.run(["verify", "--index"]) == 0 && !cli.stdout.contains("scopes.recent"), "\(c.name): \(cli.stdout)")
        }
        #expect(!PosixFile.exists(path))
    }
}
