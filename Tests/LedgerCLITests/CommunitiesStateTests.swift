import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/communities.state` (ledger-spec.md 15.11): the whole city's `ledger communities` answered from stored
/// lines, with the groups later records join refolded. For seeded random logs (every event type, corrections,
/// back-dated and mutated facts, unknown types) and appends between the lists, at random as-of dates, every list is
/// byte for byte — standard output and standard error — the one folded from the log alone
/// (`LEDGER_COMMUNITIES_STATE=off`), and a refolded file is byte for byte the file a fold of the whole log writes.
/// A truncated, bit-flipped, foreign or other-version file is noticed and made again, a stale one taken in silently,
/// with the same answers.
@Suite struct CommunitiesStateTests {
    /// The list with the state and without it: same status, same bytes on both streams.
    static func expectSame(_ cli: CLIHarness, _ arguments: [String], _ context: String) {
        cli.environment["LEDGER_COMMUNITIES_STATE"] = "off"
        let plainStatus = cli.run(arguments)
        let plain = cli.stdoutBytes, plainErr = cli.stderr
        cli.environment["LEDGER_COMMUNITIES_STATE"] = nil
        let status = cli.run(arguments)
        #expect(status == plainStatus && status == 0, "\(context): \(cli.stderr)")
        #expect(cli.stdoutBytes == plain, "\(context)\n\(cli.stdout)\n--- the log's ---\n\(String(decoding: plain, as: UTF8.self))")
        #expect(cli.stderr == plainErr, "\(context): stderr\n\(cli.stderr)\n--- the log's ---\n\(plainErr)")
    }

    static func fileBytes(_ directory: LedgerDirectory) -> [UInt8]? {
        (try? Data(contentsOf: URL(fileURLWithPath: CommunitiesState.path(directory)))).map { [UInt8]($0) }
    }

    static let formats = [["--format", "table"], ["--format", "csv"], ["--format", "json"], [], ["--lang", "zh"]]

    @Test(arguments: TestScale.seeds(6)) func listsFromTheStateAreTheLogs(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x3C6E_F372 &+ 29)
        let sample = try SampleRecords.load().map(\.event)
        var log = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(log, to: directory)
        // index/scopes, which the refold reads: made by a scoped query, before or after the first list.
        if random.int(0..<2) == 0 { #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)") }
        var day = ScopeIndexCommandTests.date(&random).adding(days: 300).description
        var sources: [CommunitiesState.Answer.Source] = []
        for round in 0..<12 {
            if round % 4 == 3 {
                // Another day: the whole log is folded for it (a later one replaces the file, an earlier one not).
                day = ScopeIndexCommandTests.date(&random).adding(days: random.int(0..<600)).description
            }
            let format = Self.formats[random.int(0..<Self.formats.count)]
            let context = "seed \(seed) round \(round) as of \(day) \(format)"
            Self.expectSame(cli, ["communities", "--as-of", day] + format, context)
            if round == 1 { #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)") }
            let batch = RectifyRefoldTests.appended(round, sample, log, &random)
            try TestLedger.append(batch, to: directory)
            log += batch
            // The state after the append, taken in as the command takes it (refolded when it can be).
            guard let asOf = CalendarDate(iso: day) else { Issue.record("\(day)"); continue }
            let answer = try CommunitiesState.answer(directory, asOf: asOf)
            sources.append(answer.source)
            Self.expectSame(cli, ["communities", "--as-of", day] + format, "\(context): after the append")
            if answer.source == .refolded {
                // The refolded file is the one a fold of the whole log writes, byte for byte.
                let refolded = Self.fileBytes(directory)
                try PosixFile.remove(CommunitiesState.path(directory))
                cli.environment["LEDGER_COMMUNITIES_REFOLD"] = "off"
                #expect(cli.run(["communities", "--as-of", day]) == 0)
                cli.environment["LEDGER_COMMUNITIES_REFOLD"] = nil
                #expect(refolded != nil && Self.fileBytes(directory) == refolded, "\(context): the refolded file is the fold's")
            }
        }
        // Most appends join one group: some lists must have been refolded (this fails without the refold).
        #expect(sources.contains(.refolded), "seed \(seed): never refolded: \(sources)")
    }

    /// As-of dates: the file made for one date answers only that date; a later date replaces it, an earlier one
    /// is answered from the log and leaves it. `--at-seq`, `--community` and `--street` never read it.
    @Test func theFileAnswersItsDateOnly() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        for day in ["2025-06-30", "2025-12-31", "2025-03-01", "2025-12-31"] {
            Self.expectSame(cli, ["communities", "--as-of", day, "--format", "json"], day)
        }
        #expect(try CommunitiesState.stored(directory)?.state.asOf.description == "2025-12-31")
        #expect(try CommunitiesState.answer(directory, asOf: CalendarDate(iso: "2025-12-31")!).source == .stored)
        #expect(try CommunitiesState.answer(directory, asOf: CalendarDate(iso: "2025-01-01")!).source == .folded)
        #expect(try CommunitiesState.stored(directory)?.state.asOf.description == "2025-12-31", "an earlier date leaves the file")
        // Review B15: unless the file's date is after today (a look ahead): today's lists must not fold for ever.
        _ = try CommunitiesState.answer(directory, asOf: CalendarDate(iso: "2025-01-01")!, today: CalendarDate(iso: "2025-12-30")!)
        #expect(try CommunitiesState.stored(directory)?.state.asOf.description == "2025-01-01", "a look ahead is replaced")
        _ = try CommunitiesState.answer(directory, asOf: CalendarDate(iso: "2025-12-31")!)
        let file = Self.fileBytes(directory)
        for other in [["--at-seq", "20"], ["--community", "C-HY"], ["--street", "八大关街道"]] {
            Self.expectSame(cli, ["communities", "--as-of", "2025-12-31"] + other, "\(other)")
        }
        #expect(Self.fileBytes(directory) == file)
        // Without the state (LEDGER_SCOPES=off too) the file is neither read nor written.
        try PosixFile.remove(CommunitiesState.path(directory))
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(["communities", "--as-of", "2025-12-31"]) == 0)
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(Self.fileBytes(directory) == nil)
    }

    /// A damaged, truncated, other-version or foreign file: one notice, the log's answer, the file made again;
    /// a stale one: no notice, the same answer as the log's, refolded (or folded) to the head.
    @Test func damagedForeignStaleAndOtherVersionFilesAreNoticed() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let arguments = ["communities", "--as-of", "2025-12-31", "--format", "json"]
        Self.expectSame(cli, arguments, "first")
        let answer = cli.stdoutBytes
        let good = try #require(Self.fileBytes(directory))
        let path = CommunitiesState.path(directory)

        func expectNoticed(_ what: String, _ detail: String) {
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what)")
            let notes = ScopeIndexCommandTests.notes(cli)
            #expect(notes.count == 1 && notes[0].hasPrefix("note: communities.state in") && notes[0].contains(detail)
                    && notes[0].hasSuffix("rebuilt from the log (answers are unaffected)."), "\(what): \(cli.stderr)")
            #expect(Self.fileBytes(directory) == good, "\(what): made again")
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): then read")
        }
        try PosixFile.writeAtomically(Array(good.dropLast(7)), to: path)
        expectNoticed("truncated", "damaged")
        for offset in [3, 60, good.count / 2, good.count - 40, good.count - 1] {
            var bytes = good
            bytes[offset] ^= 0x10
            try PosixFile.writeAtomically(bytes, to: path)
            expectNoticed("flip at \(offset)", "damaged")
        }
        var bytes = good
        bytes[CommunitiesState.kind.utf8.count + 1] = 7
        try PosixFile.writeAtomically(bytes, to: path)
        expectNoticed("version", "of format version 7")
        // Another ledger's file (same records, another name), and one of another log (other records).
        let otherTemp = TemporaryDirectory()
        let other = TestLedger.create(in: otherTemp, name: "another-ledger")
        try TestLedger.append(sample, to: other)
        #expect(cli.run(["communities", "--ledger", other.path, "--as-of", "2025-12-31"]) == 0)
        try PosixFile.writeAtomically(try #require(Self.fileBytes(other)), to: path)
        expectNoticed("foreign", "another ledger's")
        // A body that decodes but is not this layout (its checksum made right): damaged.
        let header = try DerivedStateHeader.decode(good[...], kind: CommunitiesState.kind, version: CommunitiesState.version)
        let body = Array(good[header.length..<(good.count - 32)]) + [0]
        let odd = DerivedStateFile(kind: CommunitiesState.kind, version: CommunitiesState.version, ledgerName: directory.name,
                                   genesis: header.header.genesis, stamp: header.header.stamp, body: body).encoded()
        try PosixFile.writeAtomically(odd, to: path)
        expectNoticed("layout", "bytes after the anomalies")

        // Stale: a payment appended (its fund's group): refolded without a notice, the log's answer.
        #expect(cli.run(["balances", "--community", "C-HY"]) == 0, "index/scopes made: \(cli.stderr)")
        let income = try #require(sample.first { $0.type == "fund.income" })
        var payment = income
        payment.id = "extra-1"
        try TestLedger.append([payment], to: directory)
        Self.expectSame(cli, arguments, "stale")
        #expect(ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
        #expect(try CommunitiesState.stored(directory)?.state.stamp.seq == Int64(sample.count + 1), "written at the head")
        // A log cut before the stamp (another log of fewer records): out of step, noticed, folded.
        let cut = TemporaryDirectory()
        let short = TestLedger.create(in: cut, name: directory.name)
        try TestLedger.append(Array(sample.prefix(10)), to: short)
        try PosixFile.writeAtomically(try #require(Self.fileBytes(directory)), to: CommunitiesState.path(short))
        cli.environment["LEDGER_COMMUNITIES_STATE"] = "off"
        #expect(cli.run(["communities", "--ledger", short.path, "--as-of", "2025-12-31"]) == 0)
        let shortAnswer = cli.stdoutBytes
        cli.environment["LEDGER_COMMUNITIES_STATE"] = nil
        #expect(cli.run(["communities", "--ledger", short.path, "--as-of", "2025-12-31"]) == 0 && cli.stdoutBytes == shortAnswer)
        #expect(ScopeIndexCommandTests.notes(cli).count == 1, "\(cli.stderr)")
    }
}
