import Foundation
import LedgerCLI
import LedgerPlatform

/// The balances phase: `ledger balances` of this build on the whole city (verify + fund fold + report), timed
/// alternately with an older `ledger` binary given by `--baseline-ledger` (say a release build of the commit
/// before issue 10) on the same city in the same run, so that issue 10's "≥ 3× faster than today" is measured
/// under the same load. Both must print the same fund balances (the same bytes unless the report changed since).
enum BalancesPhase {
    static let runs = 3
    static let target = "≥ 3× faster than the baseline build, same run"

    static func rows(city: String, work: String, baseline: String?, progress: (String) -> Void) throws(CLIError) -> [Benchmark.Row] {
        func arguments(_ ledger: String) -> [String] { ["balances", "--ledger", ledger, "--as-of", PeerPhase.asOf, "--format", "json"] }
        let ours = [Machine.executablePath, "peer", "ledger"] + arguments(city)
        let oursOutput = work + "/balances-this-build.json"
        // The figures without derived state: every run of this build starts as after `rm -rf index/` (it reads and
        // verifies the whole log and writes the funds' files). Removing `index/funds.state` alone would not do:
        // `index/fund-totals` (ledger-spec.md 15.7) would then answer without reading the log.
        func cold() throws(CLIError) -> PeerPhase.Measured {
            try? FileManager.default.removeItem(atPath: city + "/index")
            return try PeerPhase.time(ours, output: oursOutput, name: "ledger balances")
        }
        let warm = try warmRows(ours: ours, city: city, work: work, coldOutput: oursOutput, progress: progress, cold: cold)
        guard let baseline else {
            progress("timing ledger balances (no --baseline-ledger: no comparison)")
            let runs = try (1...runs).map { _ throws(CLIError) in try cold() }
            return [Benchmark.Row(phase: "ledger balances, whole city, no index/ (verify + fund fold + report + write state)",
                                  figure: "median \(PeerPhase.seconds(PeerPhase.median(runs)))", target: target, reached: nil,
                                  peakRSS: runs.compactMap(\.peakRSS).max(), skipped: "give --baseline-ledger BIN to compare",
                                  values: ["median_ns": PeerPhase.median(runs)])] + warm
        }
        guard baseline.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: baseline) else {
            throw .usage("--baseline-ledger \(baseline): give the absolute path of an executable `ledger` binary")
        }
        // The baseline gets a copy of the city of its own: its derived files (`index/`, e.g. an older version of
        // `index/fund-totals`) differ from this build's, and on one shared city each build would find the other's
        // unusable and rebuild it inside the timed run.
        let baselineCity = work + "/baseline-city"
        try copyLog(of: city, to: baselineCity)
        let theirs = [baseline] + arguments(baselineCity)
        let theirsOutput = work + "/balances-baseline.json"
        var oursRuns: [PeerPhase.Measured] = [], theirsRuns: [PeerPhase.Measured] = []
        for run in 1...runs {
            progress("run \(run) of \(runs): ledger balances of this build, then of the baseline \(baseline)")
            oursRuns.append(try cold())
            // Cold as this build's runs are (when the baseline build keeps derived state at all).
            try? FileManager.default.removeItem(atPath: baselineCity + "/index")
            theirsRuns.append(try PeerPhase.time(theirs, output: theirsOutput, name: "baseline ledger balances"))
        }
        // Every fund's balance must agree to the fen. The whole bytes may differ where the report itself changed
        // since the baseline (issue 15 totals category words under their codes: "rent" under "leasing").
        let same = (try? PosixFile(path: oursOutput, mode: .read).readAll()) == (try? PosixFile(path: theirsOutput, mode: .read).readAll())
        var sameBalances = same
        if !same { sameBalances = try PeerPhase.readOurBalances(oursOutput) == PeerPhase.readOurBalances(theirsOutput) }
        guard sameBalances else {
            throw .integrity("balances phase FAILED: the fund balances of this build and of \(baseline) differ (\(oursOutput), \(theirsOutput))")
        }
        let oursMedian = PeerPhase.median(oursRuns), theirsMedian = PeerPhase.median(theirsRuns)
        let ratio = Double(theirsMedian) / Double(max(oursMedian, 1))
        return [
            Benchmark.Row(phase: "ledger balances, baseline build (\(baseline))",
                          figure: "median \(PeerPhase.seconds(theirsMedian)), best \(PeerPhase.seconds(PeerPhase.best(theirsRuns))) (\(runs) runs)",
                          target: "—", reached: nil, peakRSS: theirsRuns.compactMap(\.peakRSS).max(), skipped: nil,
                          values: ["median_ns": theirsMedian, "runs_ns": theirsRuns.map(\.nanoseconds)]),
            Benchmark.Row(phase: "ledger balances, this build, no index/ (verify + fund fold + report + write state)",
                          figure: "median \(PeerPhase.seconds(oursMedian)), best \(PeerPhase.seconds(PeerPhase.best(oursRuns))) (\(runs) runs)",
                          target: "—", reached: nil, peakRSS: oursRuns.compactMap(\.peakRSS).max(), skipped: nil,
                          values: ["median_ns": oursMedian, "runs_ns": oursRuns.map(\.nanoseconds)]),
            Benchmark.Row(phase: "ledger balances speed ÷ baseline's (same fund balances)",
                          figure: "\(Benchmark.fixed(ratio, 2))× (median)", target: target, reached: ratio >= 3, peakRSS: nil,
                          skipped: nil, values: ["ratio_median": ratio]),
        ] + warm
    }

    /// Copies the ledger at `city` to `copy` with an empty `index/` (no derived state): the log, its acknowledged
    /// head, `ledger.json` and the lock file. An earlier copy is replaced. The log itself is hard-linked where the
    /// file system allows (a copy of a 10-million-event city's log is 4.6 GB): `ledger balances` only reads it, and
    /// the other members, which a command may rewrite, are copied.
    static func copyLog(of city: String, to copy: String) throws(CLIError) {
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: copy) { try manager.removeItem(atPath: copy) }
            try manager.createDirectory(atPath: copy, withIntermediateDirectories: false)
            for name in try manager.contentsOfDirectory(atPath: city) where name != "index" {
                let from = city + "/" + name, to = copy + "/" + name
                if name == "events.jsonl", (try? manager.linkItem(atPath: from, toPath: to)) != nil { continue }
                try manager.copyItem(atPath: from, toPath: to)
            }
            try manager.createDirectory(atPath: copy + "/index", withIntermediateDirectories: false)
        } catch { throw .input("balances phase: cannot copy \(city) to \(copy) for the baseline build: \(error)") }
    }

    /// `ledger balances` with `index/` at the head, as the cold run left it (issue 11: only the records after the
    /// stamps are read and verified; `index/fund-totals` answers). Same output bytes as without it.
    static func warmRows(ours: [String], city: String, work: String, coldOutput: String, progress: (String) -> Void,
                         cold: () throws(CLIError) -> PeerPhase.Measured) throws(CLIError) -> [Benchmark.Row] {
        progress("timing ledger balances with index/ at the head")
        _ = try cold()   // writes the state
        let coldBytes = try? PosixFile(path: coldOutput, mode: .read).readAll()
        let warmOutput = work + "/balances-with-state.json"
        let runs = try (1...runs).map { _ throws(CLIError) in try PeerPhase.time(ours, output: warmOutput, name: "ledger balances") }
        guard (try? PosixFile(path: warmOutput, mode: .read).readAll()) == coldBytes else {
            throw .integrity("balances phase FAILED: `ledger balances` with index/ and without it differ (\(warmOutput), \(coldOutput))")
        }
        return [Benchmark.Row(phase: "ledger balances, whole city, index/ at the head (stamps checked + report)",
                              figure: "median \(PeerPhase.seconds(PeerPhase.median(runs))), best \(PeerPhase.seconds(PeerPhase.best(runs))) (\(runs.count) runs)",
                              target: "—", reached: nil, peakRSS: runs.compactMap(\.peakRSS).max(), skipped: nil,
                              values: ["median_ns": PeerPhase.median(runs), "runs_ns": runs.map(\.nanoseconds)])]
    }
}
