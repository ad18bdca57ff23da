import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerReports
import LedgerTestSupport
import Testing

/// The derived state of `index/funds.state` (issue 11): answers read with it equal answers read from the log alone,
/// after every append, at random as-of dates and seqs; and every kind of bad state file is detected and rebuilt.
@Suite struct FundStateTests {
    /// Every balances report (each breakdown, JSON), the anomalies and the movements of `fold` as of `asOf`.
    static func answers(_ fold: FundFold, asOf: CalendarDate) -> [[UInt8]] {
        let projection = fold.projection(asOf: asOf)
        var out = ProjectionReports.BalanceBreakdown.allCases.map {
            ProjectionReports.balances(projection, filter: EntityFilter(), by: $0, format: .json)
        }
        out.append(Array(projection.anomalies.map { "\($0.evidence.seq) \($0.reason)" }.joined(separator: "\n").utf8))
        out.append(Array("\(projection.movements.count) \(projection.atSeq)".utf8))
        return out
    }

    static func appendInBatches(_ events: [Event], _ directory: LedgerDirectory, _ random: inout SplitMix64,
                                after: (Int64) throws -> Void) throws {
        var index = 0
        while index < events.count {
            let size = min(events.count - index, random.int(1...12))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            try after(Int64(index))
        }
    }

    @Test(arguments: TestScale.seeds(12)) func storedStateAnswersAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x2545_F491 &+ 5)
        let events = FundFoldDifferentialTests.randomEvents(&random)
        let temp = TemporaryDirectory("fund-state")
        let directory = TestLedger.create(in: temp)
        var usedState = 0
        var batches = SplitMix64(seed: UInt64(seed) &+ 1_000)
        try Self.appendInBatches(events, directory, &batches) { count in
            for _ in 0..<3 {
                let atSeq: Int64? = random.int(0..<3) == 0 ? Int64(random.int(1...Int(count))) : nil
                let asOf = CalendarDate(iso: FundFoldDifferentialTests.date(&random))!
                let stamped = (try? PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30).bytes)
                    .flatMap { try? FundState.decode($0) }?.stamp.seq
                let withState = try FundFold.read(directory, upToSeq: atSeq, state: true)
                let logOnly = try FundFold.read(directory, upToSeq: atSeq)
                let context = "seed \(seed), \(count) records, as of \(asOf), at seq \(atSeq.map(String.init) ?? "all")"
                #expect(withState.notice == nil, "\(context)")
                #expect(withState.totalRecordCount == logOnly.totalRecordCount, "\(context)")
                #expect(Self.answers(withState.fold, asOf: asOf) == Self.answers(logOnly.fold, asOf: asOf), "\(context)")
                // The state is used whenever it exists and the query is not before it, and then only the tail is read.
                if let stamped, atSeq.map({ $0 >= stamped }) ?? true {
                    #expect(withState.usedState, "\(context)")
                    #expect(withState.recordsRead == count - stamped, "\(context)")
                    usedState += 1
                }
                // After a read the state is at the head.
                let after = try FundState.decode(PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30).bytes)
                #expect(after.stamp.seq == count, "\(context)")
            }
        }
        #expect(usedState > 10)
        // And verify --index finds it intact.
        #expect(try FundState.checkAndRebuild(directory).check == .intact(seq: Int64(events.count)))
    }

    // MARK: damage

    /// A ledger of random events with a state at its head, and the log-only answer.
    static func ledgerWithState(_ temp: TemporaryDirectory, seed: UInt64 = 7, name: String = "test-ledger")
        throws -> (LedgerDirectory, [Event]) {
        var random = SplitMix64(seed: seed)
        let events = FundFoldDifferentialTests.randomEvents(&random)
        let directory = try LedgerDirectory.create(at: temp.path + "/ledger", name: name, createdAt: TestLedger.recordedAt)
        var batches = SplitMix64(seed: seed &+ 1_000)
        try appendInBatches(events, directory, &batches) { _ in }
        _ = try FundFold.read(directory, upToSeq: nil, state: true)
        #expect(PosixFile.exists(FundState.path(directory)))
        return (directory, events)
    }

    static let asOf = CalendarDate(year: 2026, month: 12, day: 31)!

    /// Reads with a damaged state: a notice naming the problem, the log's answer, and a good state written back.
    static func expectRebuilt(_ directory: LedgerDirectory, notice expected: String, _ comment: Comment) throws {
        let withState = try FundFold.read(directory, upToSeq: nil, state: true)
        let logOnly = try FundFold.read(directory, upToSeq: nil)
        #expect(!withState.usedState, comment)
        #expect(withState.notice?.contains(expected) == true, "\(comment): \(withState.notice ?? "no notice") (expected \(expected))")
        #expect(answers(withState.fold, asOf: asOf) == answers(logOnly.fold, asOf: asOf), comment)
        let again = try FundFold.read(directory, upToSeq: nil, state: true)
        #expect(again.notice == nil && again.usedState && again.recordsRead == 0, comment)
    }

    static func stateBytes(_ directory: LedgerDirectory) throws -> [UInt8] {
        try PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30).bytes
    }

    @Test func truncatedAndBitFlippedStatesAreRebuilt() throws {
        let temp = TemporaryDirectory("fund-state")
        let (directory, _) = try Self.ledgerWithState(temp)
        let good = try Self.stateBytes(directory)
        var random = SplitMix64(seed: 99)
        for _ in 0..<40 {
            var bad = good
            if random.int(0..<2) == 0 {
                bad.removeLast(random.int(1...bad.count))
            } else {
                let at = random.int(0..<bad.count)
                bad[at] ^= UInt8(1 << random.int(0..<8))
            }
            try PosixFile.writeAtomically(bad, to: FundState.path(directory))
            try Self.expectRebuilt(directory, notice: "funds.state", "\(bad.count) of \(good.count) bytes")
            #expect(try Self.stateBytes(directory) == good)
        }
        // An empty file.
        try PosixFile.writeAtomically([], to: FundState.path(directory))
        try Self.expectRebuilt(directory, notice: "damaged", "empty file")
    }

    @Test func wrongVersionIsRebuilt() throws {
        let temp = TemporaryDirectory("fund-state")
        let (directory, _) = try Self.ledgerWithState(temp)
        var bytes = try Self.stateBytes(directory)
        let other = UInt8(FundState.version + 1)
        bytes[18] = other   // the version, little-endian after the magic
        try PosixFile.writeAtomically(bytes, to: FundState.path(directory))
        try Self.expectRebuilt(directory, notice: "format version \(other)", "version \(other)")
    }

    @Test func staleStateIsUsedForItsPrefixAndMovedToTheHead() throws {
        let temp = TemporaryDirectory("fund-state")
        let (directory, events) = try Self.ledgerWithState(temp)
        let old = try Self.stateBytes(directory)
        var more: [Event] = []
        for i in 0..<5 {
            var e = Fixtures.event(#"{"type":"fund.income","occurred_on":"2025-03-0\#(i + 1)","actor":"t","data":{"fund_id":"F-HY-PI","amount_fen":100,"counterparty":"某公司","voucher":"X\#(i)","category":"parking"}}"#)
            e.id = "more-\(i)"
            more.append(e)
        }
        try TestLedger.append(more, to: directory)
        try PosixFile.writeAtomically(old, to: FundState.path(directory))
        let withState = try FundFold.read(directory, upToSeq: nil, state: true)
        #expect(withState.usedState && withState.notice == nil && withState.recordsRead == 5)
        #expect(Self.answers(withState.fold, asOf: Self.asOf) == Self.answers(try FundFold.read(directory).fold, asOf: Self.asOf))
        #expect(try FundState.decode(Self.stateBytes(directory)).stamp.seq == Int64(events.count + 5))
        // --at-seq before the stamp: the whole log, no notice, the same answer as the log alone.
        let early = try FundFold.read(directory, upToSeq: 3, state: true)
        #expect(!early.usedState && early.notice == nil)
        #expect(Self.answers(early.fold, asOf: Self.asOf) == Self.answers(try FundFold.read(directory, upToSeq: 3).fold, asOf: Self.asOf))
    }

    @Test func foreignStateIsRebuilt() throws {
        // Another ledger's state: another name, and (same name) another first record.
        let tempA = TemporaryDirectory("fund-state"), tempB = TemporaryDirectory("fund-state"), tempC = TemporaryDirectory("fund-state")
        let (a, _) = try Self.ledgerWithState(tempA, seed: 7)
        let (b, _) = try Self.ledgerWithState(tempB, seed: 8, name: "other-ledger")
        let (c, _) = try Self.ledgerWithState(tempC, seed: 8)
        try PosixFile.writeAtomically(Self.stateBytes(b), to: FundState.path(a))
        try Self.expectRebuilt(a, notice: "another ledger's", "other name")
        let sameFirst = try FundState.decode(Self.stateBytes(a)).genesis == FundState.decode(Self.stateBytes(c)).genesis
        try PosixFile.writeAtomically(Self.stateBytes(c), to: FundState.path(a))
        // Records 1 may be the same (both logs may start with the same sample event): then the chains part later,
        // and the stamp is what no longer matches.
        try Self.expectRebuilt(a, notice: sameFirst ? "out of step with the log" : "another ledger's", "same name, other chain")
    }

    @Test func rewrittenLogOfTheSameLengthNeverReusesTheState() throws {
        let temp = TemporaryDirectory("fund-state")
        let (directory, events) = try Self.ledgerWithState(temp)
        // The same events with one amount changed, re-chained by a writer into a second ledger: a valid log of
        // the same shape whose hashes all differ from the changed record on.
        let other = TemporaryDirectory("fund-state")
        let rewritten = TestLedger.create(in: other)
        var changed = events
        let target = changed.firstIndex { $0.type == "fund.income" }!
        // One digit of one amount: every line keeps its length.
        changed[target] = changed[target].editingData { data in
            let fen = data["amount_fen"]!.integerValue!
            data["amount_fen"] = .integer(fen % 10 == 9 ? fen - 1 : fen + 1)
        }
        var batches = SplitMix64(seed: 7 &+ 1_000)
        try Self.appendInBatches(changed, rewritten, &batches) { _ in }
        let bytes = TestLedger.logBytes(rewritten)
        let original = TestLedger.logBytes(directory)
        #expect(bytes.count == original.count && bytes != original)
        try PosixFile.writeAtomically(bytes, to: directory.eventsPath)
        try PosixFile.writeAtomically(PosixFile.readRegularFile(rewritten.acknowledgedPath, bytesMax: 1 << 20).bytes,
                                      to: directory.acknowledgedPath)
        // If record 1 itself changed, the state reads as another chain's; else as no longer matching.
        let withState = try FundFold.read(directory, upToSeq: nil, state: true)
        #expect(!withState.usedState && withState.notice != nil)
        #expect(Self.answers(withState.fold, asOf: Self.asOf) == Self.answers(try FundFold.read(directory).fold, asOf: Self.asOf))
    }

    @Test func stateAfterTheLogWasCutIsNotUsed() throws {
        let temp = TemporaryDirectory("fund-state")
        let (directory, _) = try Self.ledgerWithState(temp)
        let state = try FundState.decode(Self.stateBytes(directory))
        // The log cut to its first batch and the acknowledged head put back to it: a shorter, intact ledger.
        let log = TestLedger.logBytes(directory)
        let firstBatchEnd = log.firstIndex(of: 0x0A)! + 1
        var head: AcknowledgedHead? = nil
        _ = try LogScanner.scan(path: directory.eventsPath, stopAfterSeq: 1) { (line: VerifiedLine) throws(ChainError) in
            if line.location.seq == line.batchLast, head == nil { head = AcknowledgedHead(seq: line.location.seq, hash: line.hash) }
        }
        #expect(state.stamp.seq > 1)
        guard let head else { return }
        var end = firstBatchEnd
        for _ in 1..<head.seq { end = log[end...].firstIndex(of: 0x0A)! + 1 }
        TestLedger.writeLog(Array(log[0..<end]), to: directory)
        try PosixFile.writeAtomically(AcknowledgedHead.fileBytes(head, head), to: directory.acknowledgedPath)
        // Review 37a F3: said as records the log no longer holds, not as damage to the file.
        try Self.expectRebuilt(directory, notice: "which this log does not hold (the log ends before the end of record \(state.stamp.seq) as stamped)",
                               "log cut to record \(head.seq)")
    }

    @Test func verifyIndexReportsDamageAndRebuilds() throws {
        let temp = TemporaryDirectory("fund-state")
        let (directory, events) = try Self.ledgerWithState(temp)
        let good = try Self.stateBytes(directory)
        #expect(try FundState.checkAndRebuild(directory).check == .intact(seq: Int64(events.count)))
        var bad = good
        bad[bad.count / 2] ^= 0x10
        try PosixFile.writeAtomically(bad, to: FundState.path(directory))
        let report = try FundState.checkAndRebuild(directory)
        guard case .damaged = report.check else { Issue.record("\(report.check)"); return }
        #expect(report.rebuiltAt == Int64(events.count))
        #expect(try Self.stateBytes(directory) == good)
        try PosixFile.remove(FundState.path(directory))
        #expect(try FundState.checkAndRebuild(directory).check == .absent)
        #expect(try Self.stateBytes(directory) == good)
    }

    /// After `rm -rf index/`, `verify --index` rebuilds `funds.state` with the rest (its pass streamed the file to a
    /// temporary in a folder that was not there, and reported "nothing to build").
    @Test func verifyIndexRebuildsTheFundsStateAfterIndexIsRemoved() throws {
        let temp = TemporaryDirectory("fund-state-no-index")
        let (directory, events) = try Self.ledgerWithState(temp)
        let good = try Self.stateBytes(directory)
        try FileManager.default.removeItem(atPath: directory.indexPath)
        #expect(!PosixFile.isDirectory(directory.indexPath))
        let report = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 0).funds
        #expect(report.check == .absent)
        #expect(report.rebuiltAt == Int64(events.count))
        #expect(try Self.stateBytes(directory) == good)
    }

    /// `verify --index` compares the stored inputs with the rebuilt ones as streams: a well-formed state (its checksums
    /// right) whose inputs are not the log's is damaged; one stamped at an earlier batch end, which the log continues,
    /// is intact; both are rebuilt at the head.
    @Test func verifyIndexComparesTheStoredInputsAsStreams() throws {
        let temp = TemporaryDirectory("fund-state-stream")
        let (directory, events) = try Self.ledgerWithState(temp)
        let good = try Self.stateBytes(directory)
        guard let (state, _) = try FundState.load(directory) else { Issue.record("no state"); return }
        // One input's data changed, the file re-encoded whole (checksums right): only the comparison can tell.
        var inputs = state.inputs
        let changed = try #require(inputs.firstIndex { $0.data != nil })
        let input = inputs[changed]
        inputs[changed] = FundInput(seq: input.seq, id: input.id, occurredOn: input.occurredOn, typeName: input.typeName,
                                    data: input.data! + Array(" ".utf8))
        let forged = FundState(ledgerName: state.ledgerName, genesis: state.genesis, stamp: state.stamp, inputs: inputs)
        try PosixFile.writeAtomically(forged.encoded(), to: FundState.path(directory))
        let damaged = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 0).funds
        #expect(damaged.check == .damaged(.mismatch(.differsFromLog(.record))))
        #expect(damaged.rebuiltAt == Int64(events.count))
        #expect(try Self.stateBytes(directory) == good)
        let intact = try IndexRebuild.verifyAll(directory, lockWaitMilliseconds: 0).funds
        #expect(intact.check == .intact(seq: Int64(events.count)))
    }
    /// A read error while the stored body is compared with the rebuilt one is reported as a read error, never as
    /// "records differ" (the comparison could not be made); the same two files compare as a prefix when reads work,
    /// and a body that is not the other's prefix as different.
    @Test func aReadErrorInTheComparisonIsNotWordedAsDifferentRecords() throws {
        let temp = TemporaryDirectory("fund-state-prefix-read")
        let (directory, _) = try Self.ledgerWithState(temp)
        guard let stored = try FundState.Stored.forVerify(directory),
              let again = try FundState.Stored.open(directory) else { Issue.record("no state"); return }
        #expect(stored.bodyIsPrefix(of: again) == .prefix)
        struct InjectedReadError: Error, CustomStringConvertible { var description: String { "EIO (injected)" } }
        let failed = stored.bodyIsPrefix(of: again) { _, _, _ in throw InjectedReadError() }
        #expect(failed == .unreadable(.damaged(.notReadBack(.rebuiltState, cause: .unexplained("EIO (injected)")))))
        #expect("\(failed)".contains("the state rebuilt from the log cannot be read back: EIO (injected)"), "\(failed)")
        // Reads that work but give other bytes: the records differ.
        let differs = stored.bodyIsPrefix(of: again) { _, count, into in into = [UInt8](repeating: 0x5a, count: count) }
        #expect(differs == .differs)
    }
}
