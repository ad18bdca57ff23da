import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The peer phase (`--phases peers`): the city's fund movements, corrections applied, exported as a ledger-cli
/// journal; Debian's ledger-cli 3.x (and hledger, when installed) computes every fund balance from it; each
/// balance must agree with `ledger balances` to the fen; and the two tools are timed alternately in the same run.
///
/// ledger-cli is never a dependency. It is looked for only at absolute paths, never on PATH, because Debian's
/// binary is also called `ledger`, and it must say "Ledger 3" to `--version`.
enum PeerPhase {
    /// Timed runs of each tool, alternating (ours, then ledger-cli, three times).
    static let runs = 3
    /// A date after every fact, so that `ledger balances` sums every movement, as ledger-cli does by default.
    static let asOf = "9999-12-31"
    static let target = "≥ 3× faster than ledger-cli (verification included)"
    static let ledgerCLIPaths = ["/usr/bin/ledger", "/usr/local/bin/ledger"]
    static let hledgerPaths = ["/usr/bin/hledger", "/usr/local/bin/hledger"]
    static let notInstalled = "ledger-cli not installed (apt-get install ledger); peer phase skipped"

    /// An outside tool found at an absolute path, with the first line of its `--version`.
    struct Tool {
        let path: String
        let version: String
    }

    // MARK: - Orchestrator

    /// Exports the journal, times both tools alternately, compares every fund balance and returns the rows of the
    /// table; one skipped row when ledger-cli is not installed at any of `ledgerCLIPaths`.
    /// - Throws: `CLIError.integrity` when any fund balance differs (the phase failed); `CLIError.input` when a
    ///   tool fails or prints what the parser does not understand.
    static func rows(city: String, work: String, progress: (String) -> Void,
                     ledgerCLIPaths: [String] = ledgerCLIPaths) throws(CLIError) -> [Benchmark.Row] {
        let (found, rejected) = find(ledgerCLIPaths, versionPrefix: "Ledger 3")
        guard let ledgerCLI = found else {
            let reason = rejected.isEmpty ? notInstalled : rejected.joined(separator: "; ") + "; " + notInstalled
            FileHandle.standardError.write(Data("ledger-bench: \(reason)\n".utf8))
            return [Benchmark.Row(phase: "peer: ledger balances vs ledger-cli", figure: "—", target: target, reached: nil,
                                  peakRSS: nil, skipped: reason, values: [:])]
        }
        let journal = work + "/city.journal"
        progress("exporting the city's fund movements as a ledger-cli journal")
        let export = try Benchmark.child(["peer", "export", "--ledger", city, "--out", journal])

        let oursOutput = work + "/balances-ours.json", theirsOutput = work + "/balances-ledger-cli.txt"
        let ours = [Machine.executablePath, "peer", "ledger", "balances", "--ledger", city, "--as-of", asOf, "--format", "json"]
        let theirs = [ledgerCLI.path] + ledgerCLIArguments(journal: journal)
        // ledger-cli keeps nothing between runs, so the judged figure is ours without derived state too: every run
        // starts as after `rm -rf index/` (read and verify every record, rebuild, report). The runs with `index/` at
        // the head, what a clerk meets every day, are printed beside it.
        var oursRuns: [Measured] = [], theirsRuns: [Measured] = []
        for run in 1...runs {
            progress("run \(run) of \(runs): ledger balances without index/, then \(ledgerCLI.version)")
            try? FileManager.default.removeItem(atPath: city + "/index")
            oursRuns.append(try time(ours, output: oursOutput, name: "ledger balances"))
            theirsRuns.append(try time(theirs, output: theirsOutput, name: "ledger-cli"))
        }
        progress("ledger balances with index/ at the head")
        let warmOutput = work + "/balances-ours-warm.json"
        let warmRuns = try (1...runs).map { _ throws(CLIError) in try time(ours, output: warmOutput, name: "ledger balances") }
        guard (try? PosixFile(path: warmOutput, mode: .read).readAll()) == (try? PosixFile(path: oursOutput, mode: .read).readAll()) else {
            throw .integrity("peer phase FAILED: `ledger balances` with index/ and without it differ (\(warmOutput), \(oursOutput))")
        }

        let ourBalances = try readOurBalances(oursOutput)
        let theirBalances = try PeerJournal.balances(try readText(theirsOutput), tool: "ledger-cli")
        let disagreements = PeerJournal.disagreements(ours: ourBalances, theirs: theirBalances)
        guard disagreements.isEmpty else {
            throw .integrity("peer phase FAILED: \(disagreements.count) of \(ourBalances.count) fund balances differ between "
                             + "`ledger balances` and \(ledgerCLI.version) (\(journal)):\n  "
                             + disagreements.prefix(20).joined(separator: "\n  ")
                             + (disagreements.count > 20 ? "\n  … and \(disagreements.count - 20) more" : ""))
        }

        let oursMedian = median(oursRuns), theirsMedian = median(theirsRuns)
        let ratio = Double(theirsMedian) / Double(max(oursMedian, 1))
        let bestRatio = Double(best(theirsRuns)) / Double(max(best(oursRuns), 1))
        let movements = Benchmark.int(export["movements"]) ?? 0
        var rows: [Benchmark.Row] = [
            Benchmark.Row(phase: "peer: \(ledgerCLI.version) balance (\(ledgerCLI.path))",
                          figure: "median \(seconds(theirsMedian)), best \(seconds(best(theirsRuns))) (\(runs) runs)",
                          target: "—", reached: nil, peakRSS: theirsRuns.compactMap(\.peakRSS).max(), skipped: nil,
                          values: ["median_ns": theirsMedian, "best_ns": best(theirsRuns), "runs_ns": theirsRuns.map(\.nanoseconds),
                                   "version": ledgerCLI.version]),
            Benchmark.Row(phase: "peer: ledger balances without index/ (verify every record + rebuild + report)",
                          figure: "median \(seconds(oursMedian)), best \(seconds(best(oursRuns))) (\(runs) runs)",
                          target: "—", reached: nil, peakRSS: oursRuns.compactMap(\.peakRSS).max(), skipped: nil,
                          values: ["median_ns": oursMedian, "best_ns": best(oursRuns), "runs_ns": oursRuns.map(\.nanoseconds)]),
            Benchmark.Row(phase: "peer: ledger balances speed ÷ ledger-cli's, without index/",
                          figure: "\(Benchmark.fixed(ratio, 2))× (median; best runs \(Benchmark.fixed(bestRatio, 2))×)",
                          target: target, reached: ratio >= 3, peakRSS: nil, skipped: nil,
                          values: ["ratio_median": ratio, "ratio_best": bestRatio]),
            Benchmark.Row(phase: "peer: ledger balances with index/ at the head (stamp checked + report)",
                          figure: "median \(seconds(median(warmRuns))), best \(seconds(best(warmRuns))); "
                              + "\(Benchmark.fixed(Double(theirsMedian) / Double(max(median(warmRuns), 1)), 2))× ledger-cli's speed",
                          target: "—", reached: nil, peakRSS: warmRuns.compactMap(\.peakRSS).max(), skipped: nil,
                          values: ["median_ns": median(warmRuns), "best_ns": best(warmRuns), "runs_ns": warmRuns.map(\.nanoseconds)]),
            Benchmark.Row(phase: "peer: fund balances agree to the fen",
                          figure: "\(Benchmark.grouped(Double(ourBalances.count))) funds, 0 differ (\(Benchmark.grouped(Double(theirBalances.count))) "
                              + "with movements; \(Benchmark.grouped(Double(movements))) movements, "
                              + "\(Benchmark.grouped(Double(Benchmark.int(export["transactions"]) ?? 0))) transactions)",
                          target: "every fund agrees", reached: true, peakRSS: nil, skipped: nil,
                          values: ["funds": ourBalances.count, "funds_listed_by_ledger_cli": theirBalances.count, "movements": movements,
                                   "transactions": Benchmark.int(export["transactions"]) ?? 0]),
            Benchmark.Row(phase: "  journal export (read + project + write, untimed against)",
                          figure: "\(Benchmark.fixed(Double(Benchmark.int(export["bytes"]) ?? 0) / 1e6, 1)) MB in \(seconds(Benchmark.int(export["ns"]) ?? 0))",
                          target: "—", reached: nil, peakRSS: Benchmark.int(export["peak_rss_bytes"]), skipped: nil,
                          values: ["bytes": Benchmark.int(export["bytes"]) ?? 0, "ns": Benchmark.int(export["ns"]) ?? 0]),
        ]

        // hledger is an extra line: one run, checked the same way, never required.
        if let hledger = find(hledgerPaths, versionPrefix: "hledger 1").tool {
            progress("one run of \(hledger.version)")
            let output = work + "/balances-hledger.txt"
            let run = try time([hledger.path, "-f", journal, "balance", "--flat", "--empty", "--no-total",
                                "--format", "%(account) %(total)"], output: output, name: "hledger")
            let differ = PeerJournal.disagreements(ours: ourBalances, theirs: try PeerJournal.balances(try readText(output), tool: "hledger"))
            guard differ.isEmpty else {
                throw .integrity("peer phase FAILED: \(differ.count) fund balances differ between `ledger balances` and "
                                 + "\(hledger.version):\n  " + differ.prefix(20).joined(separator: "\n  "))
            }
            rows.append(Benchmark.Row(phase: "peer: \(hledger.version) balance (one run, all funds agree)",
                                      figure: "\(seconds(run.nanoseconds)); ledger balances \(Benchmark.fixed(Double(run.nanoseconds) / Double(max(oursMedian, 1)), 2))× its speed",
                                      target: "—", reached: nil, peakRSS: run.peakRSS, skipped: nil,
                                      values: ["ns": run.nanoseconds, "version": hledger.version]))
        }
        return rows
    }

    /// `ledger -f JOURNAL balance`, flat, one `ACCOUNT AMOUNT` line per account (zero balances included, no
    /// total line), as `PeerJournal.balances` reads it.
    static func ledgerCLIArguments(journal: String) -> [String] {
        ["-f", journal, "--flat", "--empty", "--no-total", "--balance-format", "%(account) %(display_total)\n", "balance"]
    }

    /// The first of `paths` that runs and whose `--version` starts with `versionPrefix`; the others that exist,
    /// with what they said, so a foreign `ledger` is named rather than silently measured.
    static func find(_ paths: [String], versionPrefix: String) -> (tool: Tool?, rejected: [String]) {
        var rejected: [String] = []
        for path in paths where FileManager.default.isExecutableFile(atPath: path) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["--version"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { rejected.append("\(path) does not run"); continue }
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let firstLine = String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            if process.terminationStatus == 0, firstLine.hasPrefix(versionPrefix) {
                return (Tool(path: path, version: String(firstLine.prefix(while: { $0 != "," }))), rejected)
            }
            rejected.append("\(path) is not \(versionPrefix).x (its --version says \"\(firstLine.prefix(80))\")")
        }
        return (nil, rejected)
    }

    /// One timed run of an outside command, measured by a child (`peer time`) so that the peak RSS is the command's.
    struct Measured {
        let nanoseconds: Int64
        /// nil when the command stayed under the measuring child's own RSS, which is all getrusage can then say.
        let peakRSS: Int64?
    }

    static func time(_ command: [String], output: String, name: String) throws(CLIError) -> Measured {
        let result = try Benchmark.child(["peer", "time", "--out", output, "--"] + command)
        guard let status = Benchmark.int(result["status"]), status == 0 else {
            throw .input("\(name) failed (status \(Benchmark.int(result["status"]) ?? -1)): \(command.joined(separator: " "))")
        }
        let peak = Benchmark.int(result["peak_rss_bytes"]) ?? 0, floor = Benchmark.int(result["floor_rss_bytes"]) ?? 0
        return Measured(nanoseconds: Benchmark.int(result["ns"]) ?? 0, peakRSS: peak > floor ? peak : nil)
    }

    static func median(_ runs: [Measured]) -> Int64 { runs.map(\.nanoseconds).sorted()[runs.count / 2] }
    static func best(_ runs: [Measured]) -> Int64 { runs.map(\.nanoseconds).min() ?? 0 }
    static func seconds(_ nanoseconds: Int64) -> String { Benchmark.fixed(Double(nanoseconds) / 1e9, 2) + " s" }

    static func readText(_ path: String) throws(CLIError) -> String {
        do { return String(decoding: try PosixFile(path: path, mode: .read).readAll(), as: UTF8.self) } catch { throw .input("\(error)") }
    }

    /// Every fund of `ledger balances --format json`, with its balance in fen.
    static func readOurBalances(_ path: String) throws(CLIError) -> [PeerJournal.FundBalance] {
        let bytes: [UInt8]
        do { bytes = try PosixFile(path: path, mode: .read).readAll() } catch { throw .input("\(error)") }
        let report: JSONValue
        do { report = try JSONParser.parse(bytes) } catch { throw .input("\(path): \(error)") }
        guard let funds = report.objectValue?["funds"]?.arrayValue else {
            throw .input("\(path): not the JSON report of `ledger balances` (no \"funds\" array)")
        }
        var out: [PeerJournal.FundBalance] = []
        for fund in funds {
            guard let object = fund.objectValue, let community = object["community_id"]?.stringValue,
                  let id = object["fund_id"]?.stringValue, let fen = object["balance_fen"]?.integerValue else {
                throw .input("\(path): a fund without community_id, fund_id or balance_fen")
            }
            out.append(PeerJournal.FundBalance(community: community, fund: id, balance: Amount(fen: fen)))
        }
        return out
    }

    // MARK: - Child processes (`ledger-bench peer …`)

    /// `peer export --ledger DIR --out FILE`, `peer time --out FILE -- COMMAND ARGS…`, and `peer ledger ARGS…`
    /// (exactly what `ledger ARGS…` runs: Sources/ledger/main.swift's one call, so the benchmark always measures
    /// the build it belongs to, never a stale `ledger` binary or Debian's).
    static func child(_ arguments: [String]) throws(CLIError) -> Int32 {
        switch arguments.first {
        case "export": return try exportJournal(Array(arguments.dropFirst()))
        case "time": return try timeCommand(Array(arguments.dropFirst()))
        case "ledger": return LedgerCLI.run(arguments: Array(arguments.dropFirst()), io: .standard())
        default: throw .usage("peer: choose export, time or ledger")
        }
    }

    /// Reads and verifies the ledger, projects it after every fact, writes the journal, prints one JSON line.
    static func exportJournal(_ arguments: [String]) throws(CLIError) -> Int32 {
        let parsed = try Arguments(arguments, options: [.value("ledger"), .value("out")], command: "peer export")
        let path = try Phases.required(parsed, "ledger"), out = try Phases.required(parsed, "out")
        let t0 = SystemClock.monotonicNanoseconds()
        let log = try CLIError.fromChain { () throws(ChainError) in try VerifiedLog.read(try LedgerDirectory.open(path)) }
        let export = PeerJournal.journal(Projection(records: log.records, asOf: CalendarDate(iso: asOf)!))
        let bytes = Array(export.text.utf8)
        do { try PosixFile.writeAtomically(bytes, to: out) } catch { throw .input("\(error)") }
        let nanoseconds = SystemClock.monotonicNanoseconds() - t0
        let result: [String: JSONValue] = [
            "movements": .integer(Int64(export.movements)), "transactions": .integer(Int64(export.transactions)),
            "funds": .integer(Int64(export.funds)), "bytes": .integer(Int64(bytes.count)), "ns": .integer(Int64(nanoseconds)),
            "peak_rss_bytes": .integer(SystemClock.memoryHighWaterBytes()),
        ]
        FileHandle.standardOutput.write(Data((CanonicalJSON.string(.object(result)) + "\n").utf8))
        return 0
    }

    /// Runs COMMAND with standard output to FILE and prints its wall time, exit status, CPU time and peak RSS, each
    /// the command's own (`ChildProcess`: `wait4`'s figures for this one child). Linux carries the spawning process's
    /// high-water mark across exec, so the peak is never below this process's own (`VmHWM`, some 10–20 MiB, a
    /// small process on purpose): that floor is printed too, and a peak at or under it means "no more than the floor".
    /// With `--timeout S` first, a command still running after S seconds is stopped with every process it started
    /// (SIGTERM to it and its descendants, then SIGKILL 10 s later) and reported with `"timed_out": true` and the time
    /// it had run.
    static func timeCommand(_ arguments: [String]) throws(CLIError) -> Int32 {
        var arguments = arguments
        var timeout: Int? = nil
        if arguments.first == "--timeout", arguments.count > 1 {
            guard let seconds = Int(arguments[1]), seconds > 0 else { throw .usage("peer time --timeout SECONDS: a positive number") }
            timeout = seconds
            arguments.removeFirst(2)
        }
        guard arguments.count >= 4, arguments[0] == "--out", arguments[2] == "--", arguments[3].hasPrefix("/") else {
            throw .usage("peer time --out FILE -- /ABSOLUTE/COMMAND ARGS…")
        }
        let run: ChildProcess.Run
        do { run = try ChildProcess.run(arguments[3], Array(arguments.dropFirst(4)), outputPath: arguments[1], timeoutSeconds: timeout) } catch {
            // posix_spawn's error may be about the output file as well as the command: name both.
            throw .input("cannot start \(arguments[3]) with its output to \(arguments[1]): \(error)")
        }
        let result: [String: JSONValue] = [
            "ns": .integer(run.wallNanoseconds), "status": .integer(Int64(run.status)), "timed_out": .bool(run.timedOut),
            "cpu_ns": .integer(run.cpuNanoseconds),
            "peak_rss_bytes": .integer(run.peakRSSBytes),
            "floor_rss_bytes": .integer(run.floorRSSBytes),
        ]
        FileHandle.standardOutput.write(Data((CanonicalJSON.string(.object(result)) + "\n").utf8))
        return 0
    }
}
