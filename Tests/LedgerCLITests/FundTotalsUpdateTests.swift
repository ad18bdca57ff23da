import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/fund-totals` brought forward by the records after its stamp (ledger-spec.md 15.7, "Update"): after every
/// random append — fund facts of every kind, back-dated ones, facts of unknown funds and duplicates, corrections,
/// records of unknown types and payloads that do not fit their type — the updated totals are the very totals (the
/// same file) a fold of the whole log gives, or the update declines (a correction, …) and the fold answers; and
/// whole-city `balances` prints what the log alone prints, warnings included.
@Suite("Fund totals updated from the log after their stamp")
struct FundTotalsUpdateTests {
    /// The totals a fold of the whole log gives at its head.
    static func fresh(_ directory: LedgerDirectory) throws -> FundTotals {
        let read = try FundFold.read(directory, upToSeq: nil, state: false)
        return FundTotals(fold: read.fold, ledgerName: directory.name, genesis: try #require(read.genesis), stamp: try #require(read.head))
    }

    /// Payloads that do not fit their type and records of a type this version does not know: anomalies of the log.
    static func oddEvent(_ n: Int, _ random: inout SplitMix64) -> Event {
        let on = CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: random.int(0..<900))
        let type = ["fund.income", "fund.balance_asserted", "community.registered", "test.other"][random.int(0..<4)]
        return Event(id: "odd-\(n)", occurredOn: on, actor: "t",
                     payload: .raw(type: type, data: CanonicalJSON.encode(.object(["n": .integer(Int64(n))]))))
    }

    @Test(arguments: TestScale.seeds(8)) func updatedTotalsAreTheFoldsAfterEveryAppend(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 515)
        var events = try ScopeIndexCommandTests.randomEvents(&random)
        // Half the seeds with few corrections, so that long runs of updates happen; half as drawn.
        if seed % 2 == 0 {
            events = events.filter { $0.type != EventType.correction.rawValue || random.int(0..<10) == 0 }
        }
        for n in 0..<6 { events.insert(Self.oddEvent(n, &random), at: random.int(20..<events.count)) }
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(40)), to: directory)
        #expect(try Self.fresh(directory).write(directory))
        var index = 40
        var updates = 0, declined = 0
        while index < events.count {
            let size = min(events.count - index, random.int(1...8))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            let expected = try Self.fresh(directory)
            switch try FundTotals.loadOutcome(directory) {
            case .success(let loaded)?:
                #expect(loaded.totals == expected, "seed \(seed), \(index) records")
                #expect(loaded.totals.encoded() == expected.encoded(), "seed \(seed), \(index) records: the same file")
                #expect(loaded.recordCount == Int64(index))
                if loaded.updated { updates += 1 }
                loaded.totals.write(directory)
            case .failure(.mismatch)?:
                declined += 1
                expected.write(directory)
            case let other:
                Issue.record("seed \(seed), \(index) records: \(String(describing: other))")
                expected.write(directory)
            }
            // Whole-city balances, as the log alone answers (stdout and its warnings on stderr).
            let arguments = ["balances", "--as-of", random.int(0..<4) == 0 ? "2025-06-30" : "2031-01-01",
                             "--format", ["table", "csv", "json"][random.int(0..<3)], "--by", ["fund", "category"][random.int(0..<2)],
                             "--lang", ["en", "zh"][random.int(0..<2)]]
            cli.environment["LEDGER_SCOPES"] = "off"
            #expect(cli.run(arguments) == 0)
            let plain = cli.stdoutBytes, plainErr = cli.stderr
            cli.environment["LEDGER_SCOPES"] = nil
            #expect(cli.run(arguments) == 0)
            #expect(cli.stdoutBytes == plain, "seed \(seed), \(index) records: \(arguments)")
            #expect(cli.stderr == plainErr, "seed \(seed), \(index) records: \(arguments)")
        }
        // (The seeds with every correction drawn decline often: a correction follows most stamps.)
        #expect(updates >= (seed % 2 == 0 ? 3 : 0), "seed \(seed): \(updates) updates, \(declined) declined")
    }

    /// The cases an update declines, each alone: the fold answers, and the totals it writes are used again.
    @Test func declinedRecordsSendTheQuestionToTheFold() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        #expect(try Self.fresh(directory).write(directory))
        func appendAndExpect(_ event: Event, declined: Bool, _ what: String) throws {
            try TestLedger.append([event], to: directory)
            switch try FundTotals.loadOutcome(directory) {
            case .success(let loaded)?:
                #expect(!declined, "\(what): taken in")
                #expect(loaded.totals == (try Self.fresh(directory)), "\(what)")
            case .failure(.mismatch)?: #expect(declined, "\(what): declined")
            case let other: Issue.record("\(what): \(String(describing: other))")
            }
            ScopeIndexCommandTests.expectSame(cli, ["balances", "--as-of", "2031-01-01", "--format", "json"], what)
            #expect(try Self.fresh(directory).write(directory))
        }
        func event(_ id: String, _ type: String, _ on: CalendarDate, _ data: [String: JSONValue]) -> Event {
            Event(id: id, occurredOn: on, actor: "t",
                  payload: EventPayload.decoding(type: type, occurredOn: on, canonicalData: CanonicalJSON.encode(.object(data))[...]))
        }
        let opened = try #require(sample.first { $0.type == "fund.opened" })
        let asserted = try #require(sample.first { $0.type == "fund.balance_asserted" })
        let registered = try #require(sample.first { $0.type == "community.registered" })
        let early = CalendarDate(year: 2000, month: 1, day: 1)!, late = CalendarDate(year: 2030, month: 1, day: 1)!
        // A statement dated before its fund's latest movement: its computed balance needs the movements.
        try appendAndExpect(event("d-1", asserted.type, asserted.occurredOn.adding(days: -1), asserted.data), declined: true, "early statement")
        // A statement after every movement: taken in.
        try appendAndExpect(event("d-2", asserted.type, late, asserted.data), declined: false, "late statement")
        // The fund opened again, dated before: which opening is in effect changes.
        try appendAndExpect(event("d-3", opened.type, early, opened.data), declined: true, "fund opened again, earlier")
        try appendAndExpect(event("d-4", opened.type, late, opened.data), declined: false, "fund opened again, later")
        try appendAndExpect(event("d-5", registered.type, early, registered.data), declined: true, "community registered again, earlier")
        try appendAndExpect(event("d-6", registered.type, late, registered.data), declined: false, "community registered again, later")
        // Income into a fund not opened yet, then the fund opened: the rejected income may take effect.
        var income = try #require(sample.first { $0.type == "fund.income" }).data
        income["fund_id"] = .string("NEW-FUND")
        try appendAndExpect(event("d-7", "fund.income", late, income), declined: false, "income into an unknown fund")
        var newFund = opened.data
        newFund["fund_id"] = .string("NEW-FUND")
        try appendAndExpect(event("d-8", opened.type, early, newFund), declined: true, "a fund a rejected fact named")
        var otherFund = opened.data
        otherFund["fund_id"] = .string("OTHER-FUND")
        try appendAndExpect(event("d-9", opened.type, early, otherFund), declined: false, "a new fund")
        try appendAndExpect(event("d-10", "correction", late, ["corrects": .string("d-9"), "reason": .string("更正")]), declined: true, "a correction")
        try appendAndExpect(TestLedger.event(1), declined: false, "a record of an unknown type")
    }
}

/// `ledger verify --index` checks `index/fund-totals` (ledger-spec.md 15.1, 15.7): compared with the totals the log
/// gives at its stamp (a stale file is intact), a damaged or wrong one reported apart from the log, and the file
/// rebuilt at the head.
@Suite struct FundTotalsVerifyTests {
    @Test func verifyIndexChecksTheTotals() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: DerivedStateCommandTests.income) == 0)
        #expect(cli.run(["balances", "--as-of", "2031-01-01"]) == 0)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let path = FundTotals.path(directory)
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.hasSuffix("index: fund-totals intact (made at record 5); rebuilt from the log at record 5\n"), "\(cli.stdout)")
        // Stale (a record after it): intact, made at its record.
        try TestLedger.append([TestLedger.event(7)], to: directory)
        #expect(try FundTotals.stored(directory)?.totals.stamp.seq == 5)
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(cli.stdout.contains(#""fund-totals":{"detail":"made at record 5","rebuilt_at":6,"status":"intact"}"#), "\(cli.stdout)")
        // A flipped bit.
        var bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 20).bytes
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["verify", "--index"]) == 0, "index damage is not log damage")
        #expect(cli.stdout.contains("status: intact\n"))
        #expect(cli.stdout.contains("index: DAMAGED — fund-totals is damaged (checksum does not match"), "\(cli.stdout)")
        #expect(cli.stdout.hasSuffix("rebuilt from the log at record 6. The log is not affected; commands check the state before use and rebuild it, so no answer came from it.\n"), "\(cli.stdout)")
        // Well-formed totals that are not the log's: records 1–3 folded, stamped at the head.
        let early = try FundFold.read(directory, upToSeq: 3, state: false)
        let whole = try FundFold.read(directory, upToSeq: nil, state: false)
        let forged = FundTotals(fold: early.fold, ledgerName: directory.name, genesis: try #require(whole.genesis), stamp: try #require(whole.head))
        #expect(forged.write(directory))
        // Valid checksums and stamp: a query would have used it, and the report must not say none did (review 35a #1).
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("its totals differ from the log's") && cli.stdout.contains(
            "it passed the checks a command makes before use (its checksums and stamp are valid), so answers given since it was written may have come from it"),
                "\(cli.stdout)")
        #expect(!cli.stdout.contains("fund-totals is out of step with the log (its totals differ from the log's); rebuilt from the log at record 6. The log is not affected; commands check the state before use and rebuild it, so no answer came from it"))
        #expect(forged.write(directory))
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(cli.stdout.contains(#""fund-totals":{"detail":"#) && cli.stdout.contains(#"its totals differ from the log's)","rebuilt_at":6,"status":"damaged"}"#),
                "\(cli.stdout)")
        // Rebuilt: intact at the head, and balances answers from it as the log does.
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.hasSuffix("index: fund-totals intact (made at record 6); rebuilt from the log at record 6\n"))
        ScopeIndexCommandTests.expectSame(cli, ["balances", "--as-of", "2031-01-01"], "after verify --index")
    }
}

extension FundTotals {
    /// The totals, or why they cannot be used (a `Result` needs an `Error`; the problem is a value).
    enum LoadOutcome {
        case success(Loaded)
        case failure(ChainError.DerivedStateProblem)
    }

    /// `load`'s answer as one value, for the tests' `switch`es: nil (no file, or the acknowledged head inside it),
    /// the totals, or why they cannot be used; the log's damage thrown.
    static func loadOutcome(_ directory: LedgerDirectory) throws(ChainError) -> LoadOutcome? {
        do {
            return try load(directory).map { .success($0) }
        } catch {
            switch error {
            case .chain(let failure): throw failure
            case .unusable(let problem): return .failure(problem)
            }
        }
    }
}
