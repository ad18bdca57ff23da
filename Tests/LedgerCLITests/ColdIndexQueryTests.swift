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
            // balances rebuilt index/ (the other queries read the whole log when they are not scoped).
            if balances { #expect(PosixFile.exists(FundState.path(directory)) && PosixFile.exists(ScopeIndex.path(directory)), "\(context)") }
            if balances, arguments[4] == "2031-01-01", case .success? = try FundTotals.load(directory) { fromTotals += 1 }
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
}
