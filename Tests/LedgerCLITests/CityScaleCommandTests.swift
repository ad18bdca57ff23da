import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Whole-city questions at city scale (issue 11): `ledger rectify` of the whole city folds the city part by part
/// through `index/scopes`, and prints what the whole log's fold prints (`LEDGER_SCOPES=off`), byte for byte, for
/// seeded random logs (every event type, ids across communities, corrections, back-dated facts, unknown types), at
/// random `--as-of`, in every format, with the ledger book, classes and statuses, after appends.
@Suite struct CityScaleCommandTests {
    static let formats = ["table", "csv", "json", "html", "md"]

    @Test(arguments: TestScale.seeds(8)) func wholeCityRectifyAnswersAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 101)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        var parts = 0
        while index < events.count {
            let size = min(events.count - index, index == 0 ? 60 : random.int(1...30))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            // Small parts, so that a small ledger is many parts (and one part now and then).
            cli.environment["LEDGER_CITY_PART"] = String([1, 5, 40, 100_000][random.int(0..<4)])
            parts += 1
            for _ in 0..<2 {
                var arguments = ["rectify", "--as-of", ScopeIndexCommandTests.date(&random).adding(days: 200).description,
                                 "--format", Self.formats[random.int(0..<Self.formats.count)]]
                if random.int(0..<3) == 0 { arguments += ["--ledger-book"] }
                if random.int(0..<4) == 0 { arguments += ["--class", ["LOW", "CON", "FUND,OCC", "IDLE"][random.int(0..<4)]] }
                if random.int(0..<5) == 0 { arguments += ["--status", "new"] }
                if random.int(0..<2) == 0 { arguments += ["--lang", "en"] }
                ScopeIndexCommandTests.expectSame(cli, arguments, "seed \(seed), \(index) records")
            }
        }
        #expect(parts >= 4)
        #expect(PosixFile.exists(ScopeIndex.path(directory)))
    }

    /// The whole-city list is read through the index: a damaged index is noticed in one line, rebuilt, and the
    /// list is the log's; a stale one (records after its stamp) is caught up without a notice.
    @Test func wholeCityRectifyRebuildsADamagedOrStaleIndex() throws {
        var random = SplitMix64(seed: 77)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(100)), to: directory)
        cli.environment["LEDGER_CITY_PART"] = "7"
        let arguments = ["rectify", "--as-of", "2026-06-30", "--format", "json"]
        ScopeIndexCommandTests.expectSame(cli, arguments, "fresh")
        // Stale: appended after the stamp.
        try TestLedger.append(Array(events[100..<120]), to: directory)
        ScopeIndexCommandTests.expectSame(cli, arguments, "stale")
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        // Damaged: a flipped byte in the middle of the file (a block's entry).
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ScopeIndex.path(directory))))
        bytes[bytes.count / 2] ^= 0x40
        try PosixFile.writeAtomically(bytes, to: ScopeIndex.path(directory))
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        let plain = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        // Without index/rectify.state, which would answer without reading the scopes.
        try PosixFile.remove(RectifyState.path(directory))
        #expect(cli.run(arguments) == 0)
        #expect(cli.stdoutBytes == plain)
        #expect(ScopeIndexCommandTests.notes(cli).contains { $0.hasPrefix("note: scopes in") }, "\(cli.stderr)")
        // Truncated.
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ScopeIndex.path(directory))))
        try PosixFile.writeAtomically(Array(bytes.prefix(bytes.count - 100)), to: ScopeIndex.path(directory))
        try PosixFile.remove(RectifyState.path(directory))
        #expect(cli.run(arguments) == 0)
        #expect(cli.stdoutBytes == plain)
        #expect(ScopeIndexCommandTests.notes(cli).contains { $0.hasPrefix("note: scopes in") }, "\(cli.stderr)")
    }

    /// Whole-city `balances` answers from `index/fund-totals` when the totals answer exactly (as of a date on or after
    /// the latest fund fact, `--by fund` or `category`), and prints what the log alone prints at every date, by
    /// every breakdown, in every format, after every append.
    @Test(arguments: TestScale.seeds(8)) func wholeCityBalancesAnswerAsTheLogDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 202)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        var fromTotals = 0
        while index < events.count {
            let size = min(events.count - index, index == 0 ? 60 : random.int(1...30))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            for _ in 0..<3 {
                let late = random.int(0..<2) == 0
                let asOf = late ? "2031-01-01" : ScopeIndexCommandTests.date(&random).adding(days: 200).description
                var arguments = ["balances", "--as-of", asOf, "--format", ["table", "csv", "json"][random.int(0..<3)]]
                if random.int(0..<3) > 0 { arguments += ["--by", ["fund", "category", "month", "year"][random.int(0..<4)]] }
                if random.int(0..<2) == 0 { arguments += ["--lang", "en"] }
                if late, case .success? = try FundTotals.loadOutcome(directory) { fromTotals += 1 }
                ScopeIndexCommandTests.expectSame(cli, arguments, "seed \(seed), \(index) records")
            }
        }
        #expect(fromTotals >= 2, "\(fromTotals) answers could come from the totals")
    }

    /// A damaged, truncated, wrong-version or foreign `index/fund-totals` is noticed in one line and the answer is
    /// the log's (the file is written anew); fund records after its stamp make it out of date without a notice.
    @Test func damagedFundTotalsAreDetectedAndRebuilt() throws {
        var random = SplitMix64(seed: 99)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(Array(events.prefix(100)), to: directory)
        let arguments = ["balances", "--as-of", "2031-01-01", "--format", "json"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        var plain = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(cli.run(arguments) == 0)  // writes the totals
        #expect(cli.stdoutBytes == plain)
        let path = FundTotals.path(directory)
        guard case .success? = try FundTotals.loadOutcome(directory) else { Issue.record("no usable totals"); return }
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func damage(_ bytes: [UInt8], _ what: String) throws {
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(arguments) == 0, "\(what)")
            #expect(cli.stdoutBytes == plain, "\(what)")
            #expect(ScopeIndexCommandTests.notes(cli).contains { $0.hasPrefix("note: fund-totals in") }, "\(what): \(cli.stderr)")
            // Written anew by that run: the next one answers from it without a notice.
            #expect(cli.run(arguments) == 0)
            #expect(cli.stdoutBytes == plain && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what), after")
        }
        var flipped = good
        flipped[flipped.count - 40] ^= 0x01
        try damage(flipped, "bit flip")
        try damage(Array(good.prefix(good.count - 7)), "truncated")
        var version = good
        let at = Array("LEDGER-FUND-TOTALS\n".utf8).count
        version[at] = 9
        try damage(version, "wrong version")
        // Another ledger's totals (same name, other records).
        let other = CLIHarness()
        let otherDirectory = TestLedger.create(in: other.temp, name: "other-ledger")
        try TestLedger.append(Array(events.prefix(50)), to: otherDirectory)
        #expect(other.run(arguments) == 0)
        try damage([UInt8](try Data(contentsOf: URL(fileURLWithPath: FundTotals.path(otherDirectory)))), "foreign")
        // Fund records after the stamp: folded into the totals, no notice; written at the head.
        try TestLedger.append(Array(events[100..<140]), to: directory)
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        plain = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(cli.run(arguments) == 0)
        #expect(cli.stdoutBytes == plain && ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        guard case .success(let loaded)? = try FundTotals.loadOutcome(directory) else { Issue.record("not written anew"); return }
        #expect(loaded.totals.stamp.seq == loaded.recordCount && !loaded.updated && loaded.recordsRead == 0)
    }

    /// Review (issue 11), cases the random logs reach only by chance: after the totals are written, a back-dated
    /// income (dated before the latest fund fact), a correction of an income's amount and a record no fund reads are
    /// appended in turn; whole-city balances answer as the log does at a date after every fact and at one between;
    /// the back-dated income is folded into the totals, the correction sends the question to the fold.
    @Test func totalsAfterBackDatedAndCorrectedFundFacts() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let income = try #require(sample.first { $0.type == "fund.income" })
        func ask(_ context: String) {
            for asOf in ["2031-01-01", "2025-03-01"] {
                for by in ["fund", "category"] {
                    ScopeIndexCommandTests.expectSame(cli, ["balances", "--as-of", asOf, "--by", by, "--format", "json"], "\(context) \(asOf) \(by)")
                }
            }
        }
        ask("sample")
        guard case .success? = try FundTotals.loadOutcome(directory) else { Issue.record("no totals after a whole-city balances"); return }
        // Back-dated income: the same payload a year earlier.
        var early = Event(id: "review-early", occurredOn: CalendarDate(year: 2024, month: 2, day: 5)!, actor: "t",
                          payload: EventPayload.decoding(type: income.type, occurredOn: CalendarDate(year: 2024, month: 2, day: 5)!,
                                                         canonicalData: CanonicalJSON.encode(.object(income.data))[...]))
        try TestLedger.append([early], to: directory)
        guard case .success(let loaded)? = try FundTotals.loadOutcome(directory), loaded.updated else { Issue.record("back-dated income not folded in"); return }
        ask("back-dated")
        // A correction doubling that income's amount.
        var data = income.data
        if case .integer(let fen)? = data["amount_fen"] { data["amount_fen"] = .integer(fen * 2) }
        let correction: [String: JSONValue] = ["corrects": .string(income.id!), "reason": .string("更正"),
                                               "replacement": .object(["type": .string(income.type), "occurred_on": .string(income.occurredOn.description),
                                                                       "data": .object(data)])]
        early = Event(id: "review-fix", occurredOn: CalendarDate(year: 2025, month: 6, day: 1)!, actor: "t",
                      payload: EventPayload.decoding(type: "correction", occurredOn: CalendarDate(year: 2025, month: 6, day: 1)!,
                                                     canonicalData: CanonicalJSON.encode(.object(correction))[...]))
        try TestLedger.append([early], to: directory)
        guard case .failure(.mismatch)? = try FundTotals.loadOutcome(directory) else { Issue.record("a correction folded into the totals"); return }
        ask("corrected")
        // A record no fund reads: the totals written by the last run still answer.
        var other = try #require(sample.first { $0.type == "inspection.recorded" })
        other.id = "review-other"
        try TestLedger.append([other], to: directory)
        guard case .success? = try FundTotals.loadOutcome(directory) else { Issue.record("totals not used after a non-fund record"); return }
        ask("non-fund")
    }

    /// Review (issue 11): the sample ledger (its loop of issued, reported, verified and extended lists, LOW-02 peers on
    /// one street) with every community its own part, as of a date before any record and then month by month: the
    /// whole-city list is the whole log's, with the ledger book and for LOW alone.
    @Test func sampleCityPartByPartAtEveryMonth() throws {
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(try SampleRecords.load().map(\.event), to: directory)
        cli.environment["LEDGER_CITY_PART"] = "1"
        var day = CalendarDate(year: 2023, month: 1, day: 1)!
        while day < CalendarDate(year: 2027, month: 1, day: 1)! {
            for extra in [[], ["--ledger-book"], ["--class", "LOW"]] {
                ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", day.description, "--format", "json"] + extra, "\(day)")
            }
            day = day.adding(months: 2)
        }
    }
}

/// The first whole-city `balances` after `rm -rf index/` answers from the fold and writes `index/fund-totals` while it
/// renders the answer (`QueryOptions.Query.writingTotals`): when the command ends the file is in place, usable,
/// stamped at the head, byte for byte what the totals of the log's fold encode, and no temporary is left; the answer
/// is the log's, in every format and breakdown the totals answer.
extension CityScaleCommandTests {
    @Test(arguments: [("json", "fund"), ("table", "fund"), ("csv", "category"), ("json", "category")])
    func firstWholeCityBalancesWritesTheTotalsWhileItAnswers(format: String, by: String) throws {
        var random = SplitMix64(seed: 0x2121_0001)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(events, to: directory)
        let arguments = ["balances", "--as-of", "2031-01-01", "--format", format, "--by", by]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0, "\(cli.stderr)")
        let plain = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        try? FileManager.default.removeItem(atPath: directory.indexPath)
        #expect(cli.run(arguments) == 0, "\(cli.stderr)")
        #expect(cli.stdoutBytes == plain, "\(format) \(by): the log's answer")
        guard case .success(let loaded)? = try FundTotals.loadOutcome(directory) else { Issue.record("no usable totals"); return }
        #expect(loaded.recordCount == Int64(events.count) && loaded.totals.stamp.seq == loaded.recordCount && loaded.recordsRead == 0)
        let expected = FundTotals(fold: try FundFold.read(directory).fold, ledgerName: directory.name, genesis: loaded.totals.genesis,
                                  stamp: loaded.totals.stamp).encoded()
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: FundTotals.path(directory)))) == expected)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.indexPath)
        #expect(!left.contains { $0.contains(".tmp-") || $0.contains(".new-") }, "\(left)")
        // Read back, the totals give the same answer.
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == plain, "\(cli.stderr)")
    }
}

/// The first whole-city `balances` after `rm -rf index/` keeps only `index/fund-totals` (ledger-spec.md 15.6/15.7):
/// its pass folds the funds without writing `funds.state`, which the first question the totals do not answer
/// builds — finding the totals there. Each answer, the first and the later one, is byte for byte the log's
/// (`LEDGER_SCOPES=off`): `--by month`, an `--as-of` before the last fund day, records appended after the first
/// balances, and a fund fact dated after today (so the first balances, as of today, is not answered by its totals).
extension CityScaleCommandTests {
    @Test(arguments: ["by", "as-of", "append", "future"])
    func firstWholeCityBalancesLeavesFundsStateToLaterQuestions(later: String) throws {
        var random = SplitMix64(seed: 0x2424_0001)
        var events = try ScopeIndexCommandTests.randomEvents(&random)
        var appended: [Event] = []
        switch later {
        case "append":
            appended = Array(events[(events.count * 2 / 3)...])
            events.removeLast(appended.count)
        case "future":
            // A money movement dated after today (the harness's 2026-01-05): the last fund day is then after today.
            guard var income = events.first(where: { $0.type == EventType.fundIncome.rawValue }) else { Issue.record("no income"); return }
            let on = CalendarDate(year: 2026, month: 3, day: 1)!
            income.occurredOn = on
            income.payload = EventPayload.decoding(type: income.type, occurredOn: on, canonicalData: CanonicalJSON.encode(.object(income.data))[...])
            income.id = "r-future"
            events.append(income)
        default: break
        }
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(events, to: directory)
        // The answer and the warnings computed from the log alone.
        func plain(_ arguments: [String]) -> (out: [UInt8], err: String) {
            cli.environment["LEDGER_SCOPES"] = "off"
            defer { cli.environment["LEDGER_SCOPES"] = nil }
            #expect(cli.run(arguments) == 0, "\(cli.stderr)")
            return (cli.stdoutBytes, cli.stderr)
        }
        let first = later == "future" ? ["balances"] : ["balances", "--as-of", "2031-01-01", "--format", "json"]
        let firstPlain = plain(first)
        try? FileManager.default.removeItem(atPath: directory.indexPath)
        #expect(cli.run(first) == 0 && cli.stdoutBytes == firstPlain.out, "\(later): the first balances answers as the log \(cli.stderr)")
        // A missing index/ is rebuilt without a notice (only damage or a version change gives one): the same
        // warnings as the log alone, nothing more.
        #expect(cli.stderr == firstPlain.err, "\(later): the first balances adds nothing to stderr")
        #expect(PosixFile.exists(FundTotals.path(directory)), "\(later): the totals kept")
        #expect(!PosixFile.exists(FundState.path(directory)), "\(later): funds.state left for later")
        if later == "future" {
            guard case .success(let loaded)? = try FundTotals.loadOutcome(directory) else { Issue.record("no usable totals"); return }
            #expect(!loaded.totals.answers(asOf: CalendarDate(year: 2026, month: 1, day: 5)!), "the last fund day is after today")
        }
        if !appended.isEmpty { try TestLedger.append(appended, to: directory) }
        let next: [String]
        switch later {
        case "by": next = ["balances", "--by", "month", "--as-of", "2031-01-01"]
        case "as-of": next = ["balances", "--as-of", "2024-06-30", "--by", "category"]
        default: next = first
        }
        let nextPlain = plain(next)
        #expect(cli.run(next) == 0 && cli.stdoutBytes == nextPlain.out, "\(later): the later question answers as the log \(cli.stderr)")
        #expect(cli.stderr == nextPlain.err, "\(later): building funds.state for the later question adds nothing to stderr")
        // Built by the later question (after an append the totals may take the new records in: then not needed).
        if later != "append" { #expect(PosixFile.exists(FundState.path(directory)), "\(later): funds.state built by the question that needs it") }
        // And once more, from whatever is kept now.
        #expect(cli.run(next) == 0 && cli.stdoutBytes == nextPlain.out, "\(later): answered again \(cli.stderr)")
        let againPlain = plain(first)
        #expect(cli.run(first) == 0 && cli.stdoutBytes == againPlain.out, "\(later): the first question again \(cli.stderr)")
    }
}
