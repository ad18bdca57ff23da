import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports
import LedgerTestSupport
import Testing

/// The first query after `rm -rf index/` rebuilds the derived state in one pass and answers from what that pass
/// folded (`balances` takes its funds from the pass, not from the `funds.state` it just wrote, and its views from
/// the totals it makes); the next query reads the state back. Both print the same bytes, and the same as reading
/// the log alone, in every format and breakdown each query offers.
@Suite struct ColdIndexQueryTests {
    /// Every query line to compare: `balances` by every breakdown, `assets`, `contracts`, `communities`, each in
    /// every format and both languages, as of a date after every fact (the totals answer) and one among them.
    static func queries(_ random: inout SplitMix64) -> [[String]] {
        var lines: [[String]] = []
        for format in ReportFormat.allCases.map(\.rawValue) {
            for asOf in ["2031-01-01", ScopeIndexCommandTests.date(&random).adding(days: 200).description] {
                let lang = ["--lang", random.int(0..<2) == 0 ? "en" : "zh"]
                for by in ["fund", "category", "month", "quarter", "year"] {
                    lines.append(["balances", "--by", by, "--as-of", asOf, "--format", format] + lang)
                }
                for command in ["assets", "contracts", "communities"] {
                    lines.append([command, "--as-of", asOf, "--format", format] + lang)
                }
            }
        }
        return lines
    }

    @Test(arguments: TestScale.seeds(2)) func theFirstQueryAfterARebuildAnswersAsTheNextDoes(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 303)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        while index < events.count {
            let size = min(events.count - index, random.int(1...40))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
        }
        var fromTotals = 0
        for arguments in Self.queries(&random) {
            let context = "seed \(seed): \(arguments.joined(separator: " "))"
            try? FileManager.default.removeItem(atPath: directory.indexPath)
            let coldStatus = cli.run(arguments)
            let cold = cli.stdoutBytes, coldErr = cli.stderr
            #expect(coldStatus == 0, "\(context)\n\(coldErr)")
            let balances = arguments[0] == "balances"
            // A whole-city balances rebuilt the one file it reads, funds.state (ledger-spec.md 15.6) — or, by fund or
            // category, only fund-totals, funds.state left for the first question the totals do not answer — and left
            // the others for the commands that read them (the other queries read the whole log when not scoped).
            if balances {
                let byTotals = arguments[2] == "fund" || arguments[2] == "category"
                #expect(PosixFile.exists(FundState.path(directory)) == !byTotals, "\(context)")
                #expect(PosixFile.exists(FundTotals.path(directory)), "\(context)")
                #expect(!PosixFile.exists(ScopeIndex.path(directory)) && !PosixFile.exists(CheckState.path(directory))
                        && !PosixFile.exists(directory.indexPath + "/ids"), "\(context)")
            }
            if balances, arguments[4] == "2031-01-01", case .success? = try FundTotals.loadOutcome(directory) { fromTotals += 1 }
            // The state just written, read back.
            #expect(cli.run(arguments) == coldStatus, "\(context)")
            #expect(cli.stdoutBytes == cold, "\(context)\ncold:\n\(String(decoding: cold, as: UTF8.self))\nwarm:\n\(cli.stdout)")
            #expect(cli.stderr == coldErr, "\(context)")
            // And the log alone (what the other queries read in any case).
            guard balances else { continue }
            cli.environment["LEDGER_SCOPES"] = "off"
            try? FileManager.default.removeItem(atPath: directory.indexPath)
            #expect(cli.run(arguments) == coldStatus, "\(context)")
            #expect(cli.stdoutBytes == cold, "\(context)")
            #expect(cli.stderr == coldErr, "\(context)")
            cli.environment["LEDGER_SCOPES"] = nil
        }
        #expect(fromTotals >= 6, "\(fromTotals) whole-city balances wrote totals that answer")
    }

    /// What a command builds of `index/` depends on the command (a whole-city `balances` builds only `funds.state`;
    /// `append` the id tables and the checks' state; a scoped query every file it lacks), so after `rm -rf index/`
    /// the files come back in any order, some missing while others are read and caught up. Property: for seeded
    /// random logs (every event type, corrections, back-dated facts, unknown types), any sequence of commands —
    /// whole-city and scoped queries at random `--as-of` and `--at-seq`, refused appends, appends between them, files
    /// of `index/` removed at random — answers exactly as a ledger of the same log that rebuilds everything before
    /// each command and reads the log alone where it can (`LEDGER_SCOPES=off`); and `verify --index` finds every
    /// file left intact.
    @Test(arguments: TestScale.seeds(4)) func whateverEachCommandBuildsEveryAnswerIsTheLogs(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 1_511)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness(), reference = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        let referenceDirectory = TestLedger.create(in: reference.temp)
        reference.environment["LEDGER_SCOPES"] = "off"
        let refused = #"{"id":"cold-x","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F-NONE","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}"#
        var index = 0
        var steps = 0
        func append(_ size: Int) throws {
            let batch = Array(events[index..<(index + size)])
            try TestLedger.append(batch, to: directory)
            try TestLedger.append(batch, to: referenceDirectory)
            index += size
        }
        try append(60)
        let files = ["ids", "ids-2", "funds.state", "fund-totals", "checks.state", "checks.recent", "scopes"]
        while index < events.count || steps < 40 {
            steps += 1
            var arguments: [String]
            switch random.int(0..<10) {
            case 0:
                try? FileManager.default.removeItem(atPath: directory.indexPath)
                continue
            case 1:
                try? PosixFile.remove(directory.indexPath + "/" + files[random.int(0..<files.count)])
                continue
            case 2 where index < events.count:
                try append(min(events.count - index, random.int(1...15)))
                continue
            case 3:
                arguments = ["append"]
            case 4...6:
                arguments = ["balances", "--by", ["fund", "category", "month"][random.int(0..<3)]]
            default:
                let scope = random.int(0..<2) == 0
                    ? ["--community", ScopeIndexCommandTests.communities[random.int(0..<ScopeIndexCommandTests.communities.count)].0]
                    : ["--street", ScopeIndexCommandTests.streets[random.int(0..<ScopeIndexCommandTests.streets.count)]]
                arguments = [ScopeIndexCommandTests.commands[random.int(0..<ScopeIndexCommandTests.commands.count)]] + scope
            }
            if arguments[0] != "append" {
                arguments += ["--as-of", random.int(0..<2) == 0 ? "2031-01-01" : ScopeIndexCommandTests.date(&random).adding(days: 200).description]
                if random.int(0..<4) == 0 { arguments += ["--at-seq", String(random.int(1...index))] }
                if arguments[0] != "rectify", random.int(0..<2) == 0 { arguments += ["--format", "json"] }
            }
            let context = "seed \(seed), step \(steps), \(index) records: \(arguments.joined(separator: " "))"
            try? FileManager.default.removeItem(atPath: referenceDirectory.indexPath)
            let expectedStatus = reference.run(arguments, stdin: refused)
            let expected = reference.stdoutBytes, expectedErr = reference.stderr
            let totalsBefore = PosixFile.exists(FundTotals.path(directory)), stateBefore = PosixFile.exists(FundState.path(directory))
            let status = cli.run(arguments, stdin: refused)
            #expect(status == expectedStatus, "\(context)\n\(cli.stderr)")
            #expect(cli.stdoutBytes == expected, "\(context)\nwith index/:\n\(cli.stdout)\nfrom the log:\n\(reference.stdout)")
            // Errors and refusals say the same; warnings of a scoped read may differ (only its scope is read).
            if status != 0 { #expect(cli.stderr == expectedErr, "\(context)") }
            if arguments[0] == "balances", !arguments.contains("--community"), !arguments.contains("--street") {
                // A whole-city balances builds only what it reads: funds.state, unless it is by fund or category
                // with no totals kept (ledger-spec.md 15.6): it then keeps only fund-totals, funds.state left as it was.
                let byTotals = !arguments.contains("--at-seq") && !arguments.contains("month")
                if !byTotals {
                    #expect(PosixFile.exists(FundState.path(directory)), "\(context)")
                } else if !totalsBefore {
                    #expect(PosixFile.exists(FundTotals.path(directory)), "\(context)")
                    #expect(PosixFile.exists(FundState.path(directory)) == stateBefore, "\(context)")
                } else {
                    #expect(PosixFile.exists(FundTotals.path(directory)) || PosixFile.exists(FundState.path(directory)), "\(context)")
                }
            }
        }
        #expect(try PosixFile.readRegularFile(directory.eventsPath, bytesMax: 1 << 30).bytes
                == PosixFile.readRegularFile(referenceDirectory.eventsPath, bytesMax: 1 << 30).bytes, "the appends were refused")
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\n\(cli.stderr)")
        #expect(!cli.stdout.contains("damaged") && !cli.stdout.contains("stale"), "\(cli.stdout)")
    }
}
