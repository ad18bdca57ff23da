import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/checks.recent` (ledger-spec.md 15.4): the entries of the records after `checks.state`'s stamp, written
/// instead of merging the table while they stay small; the answers are the whole log's, and a damaged, stale or
/// foreign recent table is never used.
@Suite struct CheckRecentTests {
    /// A ledger whose table is stamped at the head, then a recent table written over 25 more records.
    static func ledger(_ temporary: TemporaryDirectory, name: String = "test-ledger") throws -> (LedgerDirectory, [Event]) {
        let (directory, batch) = try CheckStateDamageTests.ledger(temporary, name: name)
        try TestLedger.append(Self.events(seed: 7, count: 25), to: directory)
        let head = try CheckStateTests.head(directory)
        let got = try CheckState.validate(directory, headSeq: head, batch: EventBatch([]), useState: true, rewriteAfter: 1)
        #expect(got.wroteState && got.notice == nil && got.wholeLogReason == nil, "\(got)")
        #expect(PosixFile.exists(CheckState.recentPath(directory)), "a recent table, not a merge")
        #expect(CheckState.layeredBytes(directory)?.seq == head)
        return (directory, batch)
    }

    /// Records that add entries of several kinds: new assets (some of them referenced earlier, while unregistered),
    /// inspections of assets not yet registered, incomes.
    static func events(seed: UInt64, count: Int) -> [Event] {
        (0..<count).map { n in
            let line: String
            switch n % 3 {
            case 0: line = #"{"type":"asset.registered","occurred_on":"2024-07-01","data":{"asset_id":"N-\#(seed)-\#(n)","community_id":"C-\#(n % 3 + 1)","kind":"parking","name":"n","location":"l","area_m2":"1","registered_on":"2024-07-01","source":{"kind":"manual"}}}"#
            case 1: line = #"{"type":"inspection.recorded","occurred_on":"2024-07-01","data":{"asset_id":"N-\#(seed + 1)-\#(n - 1)","observed":"idle","inspector":"i"}}"#
            default: line = #"{"type":"fund.income","occurred_on":"2024-07-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"c","voucher":"v\#(seed)-\#(n)","category":"x"}}"#
            }
            var event = try! EventInput.parse(line: Array(line.utf8), source: "test", lineNumber: n + 1)
            event.id = "s\(seed)-\(n)"
            return event
        }
    }

    static func expectWholeLogAnswer(_ directory: LedgerDirectory, _ batch: [Event]) throws -> CheckState.Validation {
        let records = try CheckStateTests.records(directory)
        let got = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch(batch), useState: true)
        #expect(got.issues == DomainValidator.validate(existing: records, batch: batch))
        return got
    }

    /// Several rewrites of the recent table, then a merge: each time the layered state is the log's.
    /// The writer removes `.checks.recent.tmp-…` left by a writer killed while writing it (`LogWriter.open`,
    /// `IdIndex.removeAbandonedTemporaries`): it names the file as LedgerChain cannot see this module.
    @Test func theWriterKnowsTheRecentTablesName() {
        #expect(IdIndex.writersOnlyFiles.contains(CheckState.recentFileName))
    }

    @Test func recentGrowsThenMerges() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        for round in 0..<4 {
            try TestLedger.append(Self.events(seed: UInt64(8 + round), count: 15), to: directory)
            let got = try Self.expectWholeLogAnswer(directory, batch)
            #expect(got.wholeLogReason == nil && got.recordsRead == 15, "\(got)")
            let head = try CheckStateTests.head(directory)
            let merge = round == 3
            let written = try CheckState.validate(directory, headSeq: head, batch: EventBatch([]), useState: true, rewriteAfter: 1,
                                                  recentMax: merge ? 0 : nil)
            #expect(written.wroteState)
            #expect(PosixFile.exists(CheckState.recentPath(directory)) == !merge)
            let layered = try #require(CheckState.layeredBytes(directory))
            let built = try CheckState.build(directory, upToSeq: nil)?.bytes
            #expect(layered.seq == head && layered.bytes == built)
        }
        #expect(try CheckState.checkAndRebuild(directory).check == .intact(seq: try CheckStateTests.head(directory)))
    }

    /// A block of the recent table altered: found when read, one notice, the whole log's answer, rebuilt.
    @Test func damagedRecentBlock() throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        var bytes = try PosixFile.readRegularFile(CheckState.recentPath(directory), bytesMax: 1 << 30).bytes
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: CheckState.recentPath(directory))
        let got = try Self.expectWholeLogAnswer(directory, batch)
        let notice = try #require(got.notice)
        #expect(notice.hasPrefix("note: checks.state in ") && notice.contains("damaged"), "\(notice)")
        #expect(!PosixFile.exists(CheckState.recentPath(directory)))
        let again = try Self.expectWholeLogAnswer(directory, batch)
        #expect(again.notice == nil && again.wholeLogReason == nil)
    }

    /// A recent table whose header does not check (truncated) or another ledger's: a notice, the state rebuilt; one
    /// that continues another table (the table written anew since, as `verify --index` does): silently not used.
    /// Removed either way; the answer is the log's.
    @Test(arguments: ["truncated", "stale", "foreign"])
    func unusableRecentIsIgnored(_ how: String) throws {
        let temporary = TemporaryDirectory()
        let (directory, batch) = try Self.ledger(temporary)
        var bytes = try PosixFile.readRegularFile(CheckState.recentPath(directory), bytesMax: 1 << 30).bytes
        switch how {
        case "truncated":
            bytes.removeLast(10)
        case "stale":
            // The table rebuilt at the head (the recent table removed), then the old recent table put back.
            _ = try CheckState.checkAndRebuild(directory)
            #expect(!PosixFile.exists(CheckState.recentPath(directory)))
            try TestLedger.append(Self.events(seed: 20, count: 5), to: directory)
        default:
            let other = TemporaryDirectory()
            let (otherDirectory, _) = try Self.ledger(other, name: "other-ledger")
            bytes = try PosixFile.readRegularFile(CheckState.recentPath(otherDirectory), bytesMax: 1 << 30).bytes
        }
        try PosixFile.writeAtomically(bytes, to: CheckState.recentPath(directory))
        let got = try Self.expectWholeLogAnswer(directory, batch)
        if how == "stale" {
            // Left by a crash between the two writes: silently not used.
            #expect(got.notice == nil && got.wholeLogReason == nil, "\(got)")
        } else {
            let notice = try #require(got.notice)
            #expect(notice.hasPrefix("note: checks.state in ") && notice.contains("checks.recent"), "\(notice)")
        }
        #expect(!PosixFile.exists(CheckState.recentPath(directory)))
        let again = try Self.expectWholeLogAnswer(directory, batch)
        #expect(again.notice == nil)
    }
}

/// A recent table taken from a diverged copy of the ledger (the same records up to the table's stamp, other records
/// after it): its stamped record is not this log's, and the warning names `checks.recent`, the file whose stamp it
/// is, not `checks.state` (review 40f); so does `verify --index`'s report of the table.
@Suite struct CheckRecentDivergedTests {
    @Test func theWarningNamesTheRecentTable() throws {
        let temporary = TemporaryDirectory(), copy = TemporaryDirectory()
        let (directory, batch) = try CheckRecentTests.ledger(temporary)
        // The copy: the same ledger up to the table's stamp, then 25 records of its own, and its recent table.
        let (diverged, _) = try CheckStateDamageTests.ledger(copy)
        try TestLedger.append(CheckRecentTests.events(seed: 70, count: 25), to: diverged)
        let wrote = try CheckState.validate(diverged, headSeq: try CheckStateTests.head(diverged), batch: EventBatch([]), useState: true,
                                            rewriteAfter: 1)
        #expect(wrote.wroteState && PosixFile.exists(CheckState.recentPath(diverged)), "\(wrote)")
        let taken = try PosixFile.readRegularFile(CheckState.recentPath(diverged), bytesMax: 1 << 30).bytes
        try PosixFile.writeAtomically(taken, to: CheckState.recentPath(directory))
        let problem: ChainError.DerivedStateProblem
        do { _ = try CheckState.open(directory); Issue.record("the diverged recent table was opened"); return } catch {
            problem = error.derivedStateProblem
        }
        #expect(problem.memberFile == CheckState.recentFileName && problem.recordNoLongerInLog != nil, "\(problem)")
        try PosixFile.writeAtomically(taken, to: CheckState.recentPath(directory))
        let got = try CheckRecentTests.expectWholeLogAnswer(directory, batch)
        let notice = try #require(got.notice)
        #expect(notice.hasPrefix("WARNING: checks.recent in ") && notice.contains("which this log does not hold"), "\(notice)")
        var chinese = directory
        chinese.messagesInChinese = true
        let zh = SystemWords.rebuilt(CheckState.fileName, in: chinese, problem)
        #expect(zh.hasPrefix("警告：") && zh.contains("中的 checks.recent 写出时"), "\(zh)")
        // `verify --index`'s check finds the same problem (its report names the member: `VerifyCommand.status`).
        try PosixFile.writeAtomically(taken, to: CheckState.recentPath(directory))
        let verified = try CheckState.checkAndRebuild(directory)
        guard case .damaged(let found) = verified.check else { Issue.record("\(verified.check)"); return }
        #expect(found.memberFile == CheckState.recentFileName && found.recordNoLongerInLog != nil, "\(found)")
        // A problem of the table itself names the table.
        #expect(ChainError.DerivedStateProblem.damaged(.truncated).memberFile == nil)
    }
}

/// `verify --index` (`CheckState.checkAndRebuild`, `IndexRebuild.verifyAll`) over a recent table whose block after
/// the first (which opening reads for the table it continues) is altered: reported, not "intact".
@Suite struct CheckRecentVerifyTests {
    static func ledgerWithDamagedRecent(_ temporary: TemporaryDirectory) throws -> LedgerDirectory {
        let (directory, _) = try CheckStateDamageTests.ledger(temporary)
        try TestLedger.append(CheckRecentTests.events(seed: 40, count: 900), to: directory)
        let head = try CheckStateTests.head(directory)
        let got = try CheckState.validate(directory, headSeq: head, batch: EventBatch([]), useState: true, rewriteAfter: 1)
        #expect(got.wroteState && PosixFile.exists(CheckState.recentPath(directory)), "\(got)")
        guard let (table, _) = try? CheckState.open(directory) else { Issue.record("no table"); return directory }
        #expect((table.recent?.header.blocks.count ?? 0) > 1, "the recent table has a block after the first")
        var bytes = try PosixFile.readRegularFile(CheckState.recentPath(directory), bytesMax: 1 << 30).bytes
        // In the last block (the body's checksum is the last 32 bytes).
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: CheckState.recentPath(directory))
        return directory
    }

    @Test func checkAndRebuildReportsDamagedRecentBlock() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledgerWithDamagedRecent(temporary)
        let verified = try CheckState.checkAndRebuild(directory)
        if case .damaged = verified.check {} else { Issue.record("a damaged checks.recent reported as \(verified.check)") }
        #expect(!PosixFile.exists(CheckState.recentPath(directory)))
        #expect(try CheckState.checkAndRebuild(directory).check == .intact(seq: try CheckStateTests.head(directory)))
    }

    @Test func verifyAllReportsDamagedRecentBlock() throws {
        let temporary = TemporaryDirectory()
        let directory = try Self.ledgerWithDamagedRecent(temporary)
        let verified = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 1000)
        if case .damaged = verified.checks.check {} else { Issue.record("a damaged checks.recent reported as \(verified.checks.check)") }
        #expect(!PosixFile.exists(CheckState.recentPath(directory)))
    }
}
