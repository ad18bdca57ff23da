import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic

/// The scale phase (`--phases scale`, issue 11): cities of 100,000, 1,000,000 and 10,000,000 events, built once
/// and kept (`--scale-dir D`, resumed when interrupted), and the commands a clerk or a street office runs on them,
/// each as its own process of this build's `ledger` (`ledger-bench peer ledger …`, timed by `peer time`), exactly
/// as a user runs them: one `ledger append`, scoped and whole-city queries, the rectification list, a register
/// import. Every command runs first after `rm -rf index/` (the derived state rebuilt from the log: reported on its
/// own, with its rate) and then several times warm (median and max); the answers with and without `index/` must be
/// the same bytes.
enum ScalePhase {
    struct Config {
        var sizes: [Int]
        var seed: Int64
        /// Warm runs of each command (after the first one without index/).
        var runs: Int
        /// Cities are kept here, one directory per size and seed.
        var directory: String
        /// Scratch files (inputs and outputs of the commands).
        var work: String
        /// A run over this many seconds is stopped (SIGTERM) and reported as missed.
        var timeoutSeconds: Int
        /// Once the runs of one command have taken this many seconds, no more warm runs of it (at least one).
        var budgetSeconds: Int
        /// Rounds of the interleaved sample: one `ledger append` at each size in turn, after every size's own
        /// measurements (0: none). The judgement "the same at every size" is made on it.
        var rounds: Int = 20
        /// Each size's append only (its sync probe and its warm appends), then the interleaved sample: no queries,
        /// lists or imports (minutes at 10M).
        var appendOnly: Bool = false
    }

    /// The rows the targets are judged on, filled in per size.
    struct SizeFigures {
        var appendBeyondSync: Int64?
        /// The warm runs' peak RSS, or its upper bound (`exact` false) when below the timer's own peak.
        var appendRSS: (bytes: Int64, exact: Bool)?
    }

    /// The street of every eighth community of the city (SyntheticCity.streets[0]).
    static let street = "朝阳门街道"
    static let community = "C00001"
    /// The date of the appended incomes and of the imported registers: after every community's registration.
    static let factDate = "2025-06-30"
    static let registerRows = 10_000

    static func city(_ config: Config, _ size: Int) -> String { config.directory + "/city-\(size)-seed\(config.seed)" }

    /// `ledger-bench phase scale-build` for one size: builds or resumes the city; nothing when it is complete.
    /// Every run appends to a kept city (a few events, and 10,000 assets per import): once its log has grown by a
    /// quarter beyond the city as built, the city is built again, so that "100k" stays about 100,000 events.
    static let regrowth = 1.25

    static func build(_ config: Config, size: Int, progress: (String) -> Void) throws(CLIError) {
        let path = city(config, size)
        let marker = Phases.builtMarkerPath(path)
        if PosixFile.exists(marker) {
            guard let built = try? JSONParser.parse(read(marker)).objectValue, let bytes = built["bytes"]?.integerValue,
                  let now = try? PosixFile(path: path + "/events.jsonl", mode: .read).size(),
                  Double(now) > regrowth * Double(bytes) else { return }
            progress("the city of \(Benchmark.grouped(Double(size))) events has grown to \(Benchmark.fixed(Double(now) / Double(bytes), 2))× "
                     + "its size in earlier runs: building it again")
            do {
                try PosixFile.remove(marker)
                try FileManager.default.removeItem(atPath: path)
            } catch { throw .input("cannot remove \(path) to build it again: \(error)") }
        }
        progress("building the city of \(Benchmark.grouped(Double(size))) events in \(path) (kept; resumed if interrupted)")
        _ = try Benchmark.child(["phase", "scale-build", "--ledger", path, "--events", "\(size)", "--seed", "\(config.seed)"])
    }

    static func rows(_ config: Config, progress: (String) -> Void) throws(CLIError) -> [Benchmark.Row] {
        do {
            if !PosixFile.exists(config.directory) { try PosixFile.makeDirectory(config.directory) }
            if !PosixFile.exists(config.work) { try PosixFile.makeDirectory(config.work) }
        } catch { throw .input("\(error)") }
        // Every city first, so that a long build never sits between the measurements of two sizes.
        for size in config.sizes { try build(config, size: size, progress: progress) }
        var rows: [Benchmark.Row] = []
        var figures: [Int: SizeFigures] = [:]
        // A tag no earlier run used: the ids of appended events and imported assets are fresh in a kept city.
        let tag = String(Int64(Date().timeIntervalSince1970), radix: 36)
        for size in config.sizes {
            var sizeFigures = SizeFigures()
            let measured = try measure(config, size: size, tag: tag, figures: &sizeFigures, progress: progress)
            // Each size's rows as soon as they are measured: the 10M city's commands can take an hour.
            progress("\(short(size)) done:\n" + Benchmark.render([["phase", "result", "target", "status", "peak RSS"]] + measured.map(Benchmark.cells)))
            rows += measured
            figures[size] = sizeFigures
        }
        rows += flatness(config.sizes, figures)
        if config.sizes.count > 1, config.rounds > 0 {
            rows.append(try interleaved(config, tag: tag, progress: progress))
        }
        return rows
    }

    // MARK: - One size

    static func measure(_ config: Config, size: Int, tag: String, figures: inout SizeFigures,
                        progress: (String) -> Void) throws(CLIError) -> [Benchmark.Row] {
        let path = city(config, size)
        let label = "scale \(short(size))"
        let work = config.work + "/\(size)"
        do { if !PosixFile.exists(work) { try PosixFile.makeDirectory(work) } } catch { throw .input("\(error)") }
        var rows: [Benchmark.Row] = []
        let ledger = [Machine.executablePath, "peer", "ledger"]

        progress("\(label): the disk's sync cost (fsync of a record; fsync + fdatasync of the head, as an append does)")
        let probe = try Benchmark.child(["phase", "fsync-probe", "--dir", config.directory])
        let fsync = Benchmark.int(probe["fsync_ns"]) ?? 0, pair = Benchmark.int(probe["pair_ns"]) ?? 0
        rows.append(Benchmark.Row(phase: "\(label): sync cost on the cities' disk (median of \(Benchmark.int(probe["probes"]) ?? 0))",
                                  figure: "fsync of one record \(ms(fsync)); log fsync + head fdatasync \(ms(pair))",
                                  target: "—", reached: nil, peakRSS: nil, skipped: nil,
                                  values: ["fsync_ns": fsync, "pair_ns": pair]))

        // One `ledger append` of one income of an existing fund, a fresh id each run.
        progress("\(label): ledger append of one event")
        var appendIndex = 0
        var lastSeq: Int64 = 0
        let append = try series(config, name: "ledger append", ledgerDirectory: path, compare: false) { () throws(CLIError) -> [String] in
            appendIndex += 1
            let file = work + "/append-\(appendIndex).jsonl"
            let line = incomeLine(size: size, tag: tag, index: appendIndex)
            do { try PosixFile.writeAtomically(Array(line.utf8), to: file) } catch { throw .input("\(error)") }
            return ledger + ["append", "--ledger", path, "--file", file, "--json"]
        } after: { output throws(CLIError) in
            if let seq = lastSeqOf(output) { lastSeq = seq }
        } output: { work + "/append.out" }
        let logBytes = (try? PosixFile(path: path + "/events.jsonl", mode: .read).size()) ?? 0
        rows.insert(Benchmark.Row(phase: "\(label): the city's log (\(path))",
                                  figure: "\(Benchmark.grouped(Double(lastSeq))) records (\(Benchmark.grouped(Double(size))) generated, "
                                      + "the rest appended and imported by runs of the benchmark), \(Benchmark.fixed(Double(logBytes) / 1e6, 1)) MB",
                                  target: "—", reached: nil, peakRSS: nil, skipped: nil,
                                  values: ["records": lastSeq, "bytes": logBytes, "generated": size]), at: 0)
        if let judged = append.judged {
            figures.appendBeyondSync = judged - pair
            figures.appendRSS = append.warmRSSBound
        }
        rows += append.rows(label: "\(label): ledger append, one event (as a process)", sync: pair,
                            target: "≤ 50 ms beyond its syncs, ≤ 256 MiB",
                            reached: append.judged.map { $0 - pair <= 50_000_000 && (append.judgedRSS ?? 0) <= 256 << 20 })
        if config.appendOnly { return rows }

        // Queries: the first run after `rm -rf index/`, then warm runs; the answers must be the same bytes.
        let queries: [(name: String, arguments: [String], target: String, limit: Int64, rss: Int64?)] = [
            ("ledger balances --community \(community)", ["balances", "--community", community], "≤ 100 ms", 100_000_000, nil),
            ("ledger assets --community \(community)", ["assets", "--community", community], "≤ 100 ms", 100_000_000, nil),
            ("ledger balances (every fund)", ["balances"], "≤ 1 s", 1_000_000_000, nil),
            ("ledger rectify --street \(street)", ["rectify", "--street", street], "≤ 2 s", 2_000_000_000, nil),
            ("ledger rectify (whole city)", ["rectify"], "≤ 60 s, ≤ 2 GiB", 60_000_000_000, 2 << 30),
        ]
        var rebuild: Series? = nil
        for (number, query) in queries.enumerated() {
            progress("\(label): \(query.name)")
            let measured = try series(config, name: query.name, ledgerDirectory: path, compare: true) { () throws(CLIError) -> [String] in
                ledger + query.arguments + ["--ledger", path]
            } after: { _ throws(CLIError) in } output: { work + "/query-\(number).out" }
            if query.arguments == ["balances"] { rebuild = measured }
            let reached = measured.judged.map { figure in
                figure <= query.limit && (query.rss.map { (measured.judgedRSS ?? 0) <= $0 } ?? true)
            }
            rows += measured.rows(label: "\(label): \(query.name)", sync: nil, target: query.target, reached: reached)
        }
        // A street office's day: the whole city's list (above) made index/rectify.state for today at the head; then,
        // after each append of one payment, the street's list — the state refolded for the groups the payment joins
        // (ledger-spec.md 15.8, "Refolding"), the list rendered again. No rm -rf index/ first: this is the state the
        // city's list left. The appends are not timed here (their own row is above).
        progress("\(label): ledger rectify --street \(street) after one append (the state refolded)")
        var afterAppend = Series(name: "ledger rectify --street after one append")
        for attempt in 0..<config.runs {
            if attempt > 0, afterAppend.warm.map(\.nanoseconds).reduce(0, +) > Int64(config.budgetSeconds) * 1_000_000_000 { break }
            appendIndex += 1
            let file = work + "/append-\(appendIndex).jsonl"
            do { try PosixFile.writeAtomically(Array(incomeLine(size: size, tag: tag, index: appendIndex).utf8), to: file) } catch { throw .input("\(error)") }
            let appended = try run(config, ledger + ["append", "--ledger", path, "--file", file, "--json"], output: work + "/append.out",
                                   name: "ledger append")
            if appended.stopped { break }
            let timed = try run(config, ledger + ["rectify", "--street", street, "--ledger", path], output: work + "/street-after-append.out",
                                name: "ledger rectify --street after one append")
            afterAppend.warm.append(timed)
            if timed.stopped { break }
        }
        rows += afterAppend.rows(label: "\(label): ledger rectify --street \(street) after one append (state refolded)", sync: nil,
                                 target: "≤ 2 s", reached: afterAppend.judged.map { $0 <= 2_000_000_000 })
        if let rebuild, let first = rebuild.first, lastSeq > 0 {
            let rate = Double(lastSeq) * 1e9 / Double(max(first.nanoseconds, 1))
            rows.append(Benchmark.Row(phase: "\(label): rebuild after rm -rf index/ (first ledger balances: \(Benchmark.grouped(Double(lastSeq))) records)",
                                      figure: "\(Benchmark.grouped(rate)) events/s (\(PeerPhase.seconds(first.nanoseconds)))",
                                      target: "≥ 1,000,000 events/s", reached: first.stopped ? false : rate >= 1_000_000,
                                      peakRSS: first.peakRSS, skipped: nil, values: ["events_per_second": rate, "records": lastSeq]))
        }

        // A register of 10,000 new assets: parsed and checked alone (--dry-run on a ledger of just the communities),
        // then imported into the city; the difference is what the city costs.
        progress("\(label): ledger import assets of \(Benchmark.grouped(Double(registerRows))) rows (--dry-run on an empty ledger, then into the city)")
        let communities = registerCommunities(size), first = registerFirstCommunity(size)
        let empty = config.directory + "/import-empty-\(first == 1 ? "" : "\(first)-")\(communities)"
        if !PosixFile.exists(Phases.builtMarkerPath(empty)) {
            do {
                if PosixFile.exists(empty) { try FileManager.default.removeItem(atPath: empty) }
                let directory = try LedgerDirectory.create(at: empty, name: "bench-import-empty", createdAt: Phases.recordedAt)
                let writer = try LogWriter.open(directory)
                _ = try writer.append(SyntheticRegister.communities(communities, first: first), options: Phases.options())
                writer.close()
                try PosixFile.writeAtomically(Array("{}\n".utf8), to: Phases.builtMarkerPath(empty))
            } catch let error as ChainError {
                throw .chain(error)
            } catch {
                throw .input("\(error)")
            }
        }
        var importIndex = 0
        var dryRuns: [Run] = []
        let importArguments = ["--actor", "ledger-bench"]
        // At most two warm imports: each adds 10,001 records to the kept city.
        let imports = try series(config, name: "ledger import assets", ledgerDirectory: path, compare: false, runs: min(config.runs, 2)) { () throws(CLIError) -> [String] in
            importIndex += 1
            let file = work + "/register-\(importIndex).csv"
            do { try PosixFile.writeAtomically(register(size: size, tag: tag, index: importIndex), to: file) } catch { throw .input("\(error)") }
            dryRuns.append(try run(config, ledger + ["import", "assets", file, "--ledger", empty, "--dry-run"] + importArguments,
                                   output: work + "/import-dry-run.out", name: "ledger import assets --dry-run"))
            return ledger + ["import", "assets", file, "--ledger", path] + importArguments
        } after: { _ throws(CLIError) in } output: { work + "/import.out" }
        let parse = dryRuns.map(\.nanoseconds).sorted()[dryRuns.count / 2]
        // The register names 100 communities (`registerRange`), to which every run of this phase on a kept city adds
        // 10,000 parts. The twin check reads the recorded parts its new parts' twin keys find and the communities'
        // updated parts, each by its own records' places (ledger-spec.md 15.4, `W` and `Z`, checks.state 6); until
        // session 48 an updated part was read by its group in index/scopes, its whole community, so the figure grew
        // with the runs on a kept city (docs/perf-import47.md, perf-import48.md).
        let range = registerRange(size)
        rows += imports.rows(label: "\(label): ledger import assets, \(Benchmark.grouped(Double(registerRows))) rows into \(range) "
                                 + "(updated parts read by their own records)", sync: parse,
                             syncName: "parse (--dry-run on an empty ledger, median)", target: "≤ 1 s beyond parsing",
                             reached: imports.judged.map { $0 - parse <= 1_000_000_000 })
        return rows
    }

    /// The communities the import row's register spreads its rows over (from `registerFirstCommunity(size)` on):
    /// at most 100.
    static func registerCommunities(_ size: Int) -> Int { min(max(1, size / 1_000), 100) }

    /// The first of them: the city's last 100 where it has more than 200 communities (a city of N events has N ÷ 1,000,
    /// `SyntheticCity.communityCount`), else C00001. The append rows pay into C00008–C00099 at every size
    /// (`incomeLine`); every run's import adds 100 parts to each community it names, and a kept 10M city is never
    /// built again, so an import into those communities made each later append read thousands of imported parts at
    /// 10M only (docs/perf-append48.md §2): the rows compared histories, not cities. The 100k city has 100
    /// communities and is built again after every run.
    static func registerFirstCommunity(_ size: Int) -> Int {
        let count = max(1, size / 1_000)
        return count > 200 ? count - registerCommunities(size) + 1 : 1
    }

    /// How the row names its communities: `C00001–C00100`.
    static func registerRange(_ size: Int) -> String {
        let first = registerFirstCommunity(size)
        return "C" + SyntheticCity.padded(first, 5) + "–C" + SyntheticCity.padded(first + registerCommunities(size) - 1, 5)
    }

    /// The register of the import row: `registerRows` new parts over `registerCommunities(size)` communities from
    /// `registerFirstCommunity(size)` on, fresh ids and contents for each run (`tag`) and import (`index`). `ledger-bench phase
    /// scale-register` writes the same file, so that the row's command can be profiled on a copy of a city.
    static func register(size: Int, tag: String, index: Int) -> [UInt8] {
        SyntheticRegister.csv(rows: registerRows, communities: registerCommunities(size), firstCommunity: registerFirstCommunity(size),
                              seed: runSeed(tag, index),
                              date: CalendarDate(iso: factDate)!, idPrefix: "R-\(short(size))-\(tag)-\(index)-")
    }

    /// The appended event: an income of one of the city's public-income funds, with an id and voucher of its own,
    /// and an amount of its own too: an earlier run's event of the same index went to the same fund on the same day,
    /// and one differing only in its voucher is refused as a twin (a payment recorded twice).
    static func incomeLine(size: Int, tag: String, index: Int) -> String {
        let fund = "C" + SyntheticCity.padded(1 + (index * 7) % max(1, size / 1_000), 5) + "-F1"
        let fen = 10_000 + Int64(runSeed(tag, index) % 1_000_000)
        let income = Event(id: "bench-\(short(size))-\(tag)-\(index)", occurredOn: CalendarDate(iso: factDate)!, actor: "街道办-ledger-bench",
                           payload: .fundIncome(FundIncome(fundID: fund, amount: Amount(fen: fen), counterparty: .plain("临时停车收费"),
                                                           voucher: "bench-\(tag)-\(index)", sourceContractID: nil, category: "parking",
                                                           written: FundIncome.emptySource)))
        let data = String(decoding: income.payload.dataBytes, as: UTF8.self)
        return "{\"id\":\"\(income.id!)\",\"type\":\"\(income.type)\",\"occurred_on\":\"\(factDate)\",\"actor\":\"\(income.actor!)\",\"data\":\(data)}\n"
    }

    /// FNV-1a of the run's tag and an index: stable, and apart for every run (the tag is the run's start second), so
    /// what a run adds to a kept city is never a twin of what an earlier run added (which the ledger refuses).
    static func runSeed(_ tag: String, _ index: Int) -> UInt64 {
        Bytes.fnv1a(Array("\(tag)-\(index)".utf8)[...])
    }

    /// The last seq `ledger append --json` reports.
    static func lastSeqOf(_ output: [UInt8]) -> Int64? {
        guard let value = try? JSONParser.parse(output), let object = value.objectValue else { return nil }
        for key in ["last_seq", "head_seq", "seq"] { if let seq = object[key]?.integerValue { return seq } }
        return nil
    }

    // MARK: - Runs

    struct Run {
        let nanoseconds: Int64
        /// The child's CPU time, user + system (`wait4`).
        var cpuNanoseconds: Int64 = 0
        /// Nil when the child's peak was not above the timer's own (`rssBound` then bounds it).
        let peakRSS: Int64?
        /// The child's peak RSS, or, when it could not be told apart from the timer's own peak (a spawned child
        /// starts its count from its parent's: Linux carries the high-water mark across exec), that peak as an
        /// upper bound.
        let rssBound: Int64
        /// The run did not finish: stopped at the timeout, or failed (killed for memory, say); `problem` says which.
        let stopped: Bool
        let problem: String?
    }

    /// One command's runs: the first after `rm -rf index/`, then the warm ones.
    struct Series {
        let name: String
        var first: Run?
        var warm: [Run] = []
        /// Set when the output with index/ differed from the first (rebuilt) one.
        var differs: String? = nil
        var warmMedian: Int64? { warm.isEmpty ? nil : warm.map(\.nanoseconds).sorted()[warm.count / 2] }
        var warmMax: Int64? { warm.map(\.nanoseconds).max() }
        var warmRSS: Int64? { warm.compactMap(\.peakRSS).max() }
        /// The warm runs' peak RSS, or its upper bound when some run's peak was below what the timer can tell apart
        /// (`exact` false): a small command's memory is still judged against its target, conservatively.
        var warmRSSBound: (bytes: Int64, exact: Bool)? {
            warm.isEmpty ? nil : (warm.map(\.rssBound).max()!, warm.allSatisfy { $0.peakRSS != nil })
        }
        /// The figure judged against the target: the warm median (a first run that did not stop is always followed
        /// by at least one warm run).
        var judged: Int64? { warmMedian }
        var judgedRSS: Int64? { warmRSSBound?.bytes }

        /// Two rows: the warm figure against the target, and the first run after `rm -rf index/`. `sync` (time an
        /// append must spend in its syncs, or an import in parsing) is subtracted and printed beside the figure.
        func rows(label: String, sync: Int64?, syncName: String = "syncs (log fsync + head fdatasync, same disk)",
                  target: String, reached: Bool?) -> [Benchmark.Row] {
            var out: [Benchmark.Row] = []
            let timedOut = first?.stopped == true || warm.contains(where: \.stopped)
            let problem = ([first].compactMap { $0 } + warm).compactMap(\.problem).first ?? "stopped"
            if let median = warmMedian, let max = warmMax {
                var figure = "warm median \(PeerPhase.seconds(median)), max \(PeerPhase.seconds(max)) (\(warm.count) runs)"
                if let sync { figure += "; − \(syncName) \(ms(sync)) = \(ms(median - sync)) median" }
                if let bound = warmRSSBound, !bound.exact {
                    figure += "; peak RSS ≤ \(Benchmark.mebibytes(bound.bytes)) (below the timer's own peak)"
                }
                if let differs { figure += "; ANSWER DIFFERS from the one without index/: \(differs)" }
                out.append(Benchmark.Row(phase: label, figure: figure, target: target,
                                         reached: differs != nil || timedOut ? false : reached, peakRSS: warmRSS, skipped: nil,
                                         values: ["median_ns": median, "max_ns": max, "runs_ns": warm.map(\.nanoseconds),
                                                  "sync_ns": sync ?? 0, "identical": differs == nil, "timed_out": timedOut]))
            } else {
                out.append(Benchmark.Row(phase: label, figure: timedOut ? problem : "no warm run", target: target,
                                         reached: false, peakRSS: nil, skipped: nil, values: ["timed_out": timedOut]))
            }
            if let first {
                out.append(Benchmark.Row(phase: "  first run after rm -rf index/", figure: first.problem ?? PeerPhase.seconds(first.nanoseconds),
                                         target: "—", reached: nil, peakRSS: first.peakRSS, skipped: nil,
                                         values: ["ns": first.nanoseconds, "timed_out": first.stopped]))
            }
            return out
        }
    }

    /// Runs a command: first after deleting `index/`, then warm, as long as the warm runs stay within the budget (at
    /// least one warm run). `command` makes each run's arguments (fresh input files); `after` sees each run's standard output.
    /// With `compare`, every warm output must equal the first one byte for byte.
    static func series(_ config: Config, name: String, ledgerDirectory: String, compare: Bool, runs: Int? = nil,
                       command: () throws(CLIError) -> [String], after: ([UInt8]) throws(CLIError) -> Void,
                       output: () -> String) throws(CLIError) -> Series {
        var series = Series(name: name)
        do { try FileManager.default.removeItem(atPath: ledgerDirectory + "/index") } catch {}
        let firstOutput = output() + ".first"
        let first = try run(config, try command(), output: firstOutput, name: name)
        series.first = first
        let firstBytes = read(firstOutput)
        try after(firstBytes)
        if first.stopped { return series }
        // The budget bounds the warm runs only: the first run rebuilds index/ and is never the figure judged, so
        // however long it took, at least one warm run follows it.
        var spent: Int64 = 0
        for index in 0..<(runs ?? config.runs) {
            if index > 0, spent > Int64(config.budgetSeconds) * 1_000_000_000 { break }
            let path = output()
            let warm = try run(config, try command(), output: path, name: name)
            series.warm.append(warm)
            spent += warm.nanoseconds
            let bytes = read(path)
            try after(bytes)
            if compare, series.differs == nil, bytes != firstBytes { series.differs = "\(firstOutput) vs \(path)" }
            if warm.stopped { break }
        }
        return series
    }

    /// One timed process (`peer time`), stopped after `timeoutSeconds`. A command that fails is reported as such
    /// (a city command killed for its memory is a figure too), except a usage error, which is the benchmark's.
    static func run(_ config: Config, _ command: [String], output: String, name: String) throws(CLIError) -> Run {
        let result = try Benchmark.child(["peer", "time", "--timeout", "\(config.timeoutSeconds)", "--out", output, "--"] + command)
        let timedOut = result["timed_out"] == .bool(true)
        let status = Benchmark.int(result["status"]) ?? -1
        let nanoseconds = Benchmark.int(result["ns"]) ?? 0
        let peak = Benchmark.int(result["peak_rss_bytes"]) ?? 0, floor = Benchmark.int(result["floor_rss_bytes"]) ?? 0
        var problem: String? = nil
        if timedOut {
            problem = "stopped after \(PeerPhase.seconds(nanoseconds)) (--scale-timeout)"
        } else if status == 2 {
            throw .input("\(name) refused its arguments (status 2): \(command.joined(separator: " ")); its output is in \(output)")
        } else if status != 0 {
            problem = "FAILED with status \(status) after \(PeerPhase.seconds(nanoseconds)) (killed for memory?)"
        }
        return Run(nanoseconds: nanoseconds, cpuNanoseconds: Benchmark.int(result["cpu_ns"]) ?? 0, peakRSS: peak > floor ? peak : nil,
                   rssBound: max(peak, floor), stopped: problem != nil, problem: problem)
    }

    static func read(_ path: String) -> [UInt8] { (try? PosixFile(path: path, mode: .read).readAll()) ?? [] }

    // MARK: - Across sizes

    /// The append at every size within ±20 % of one another (time beyond the syncs, and peak RSS).
    static func flatness(_ sizes: [Int], _ figures: [Int: SizeFigures]) -> [Benchmark.Row] {
        let times = sizes.compactMap { figures[$0]?.appendBeyondSync }, memory = sizes.compactMap { figures[$0]?.appendRSS?.bytes }
        guard sizes.count > 1, times.count == sizes.count else { return [] }
        let listed = sizes.map { size in
            let rss = figures[size]!.appendRSS.map { ($0.exact ? "" : "≤ ") + Benchmark.mebibytes($0.bytes) } ?? "—"
            return "\(short(size)): \(ms(figures[size]!.appendBeyondSync!)), \(rss)"
        }.joined(separator: "; ")
        // Each size against the smallest: within ±20 % of it, in time beyond the syncs and in peak RSS.
        let base = Double(max(times[0], 1))
        let timeRatios = times.map { Double($0) / base }
        // A bound is not a measurement: the smallest size must be measured to compare against, and a larger size
        // known only by its bound can be judged on the upper side only (its ratio is at most the one shown).
        let rss = sizes.compactMap { figures[$0]?.appendRSS }
        let baseExact = rss.first?.exact == true
        let memoryRatios = memory.count == sizes.count && baseExact ? memory.map { Double($0) / Double(max(memory[0], 1)) } : []
        let memoryWithin = !memoryRatios.isEmpty && zip(memoryRatios, rss).allSatisfy { ratio, figure in
            ratio <= 1.2 && (!figure.exact || ratio >= 0.8)
        }
        let within = { (ratios: [Double]) in !ratios.isEmpty && ratios.allSatisfy { $0 >= 0.8 && $0 <= 1.2 } }
        let ratioText = { (ratios: [Double]) in ratios.isEmpty ? "—" : ratios.map { Benchmark.fixed($0, 2) + "×" }.joined(separator: ", ") }
        return [Benchmark.Row(phase: "scale: ledger append at every size (beyond syncs, peak RSS)",
                              figure: "\(listed); ÷ the \(short(sizes[0])) figure: time \(ratioText(timeRatios)), RSS "
                                  + (baseExact || memory.count < sizes.count ? ratioText(memoryRatios) : "not measured at \(short(sizes[0])) (below the timer's own peak)"),
                              target: "the same ±20 % at every size", reached: within(timeRatios) && memoryWithin,
                              peakRSS: nil, skipped: nil, values: ["time_ratios": timeRatios, "rss_ratios": memoryRatios])]
    }

    /// The interleaved sample: `config.rounds` rounds of one `ledger append` of one event at each size in turn (100k,
    /// 1M, 10M, 100k, …), after every size's own measurements, so that load, the page cache and the disk weigh on
    /// every size alike; the disk's syncs probed before and after. Judged by `interleavedRow`.
    static func interleaved(_ config: Config, tag: String, progress: (String) -> Void) throws(CLIError) -> Benchmark.Row {
        progress("scale: \(config.rounds) rounds of one ledger append at each size in turn (\(config.sizes.map(short).joined(separator: ", ")))")
        func pair() throws(CLIError) -> Int64 {
            Benchmark.int(try Benchmark.child(["phase", "fsync-probe", "--dir", config.directory])["pair_ns"]) ?? 0
        }
        let before = try pair()
        let ledger = [Machine.executablePath, "peer", "ledger"]
        var runs: [Int: [Run]] = [:]
        rounds: for round in 1...config.rounds {
            for size in config.sizes {
                let work = config.work + "/\(size)"
                do { if !PosixFile.exists(work) { try PosixFile.makeDirectory(work) } } catch { throw .input("\(error)") }
                let file = work + "/interleaved-\(round).jsonl"
                // Its own tag ("…i"): the ids differ from the size's own appends of this run.
                do { try PosixFile.writeAtomically(Array(incomeLine(size: size, tag: tag + "i", index: round).utf8), to: file) } catch {
                    throw .input("\(error)")
                }
                let timed = try run(config, ledger + ["append", "--ledger", city(config, size), "--file", file, "--json"],
                                    output: work + "/append.out", name: "ledger append")
                runs[size, default: []].append(timed)
                if timed.stopped { break rounds }
            }
        }
        let after = try pair()
        return interleavedRow(config.sizes, runs, sync: (before + after) / 2)
    }

    /// The row of the interleaved sample: per size the median wall time beyond the syncs, the median CPU time (user +
    /// sys) and the peak RSS, each against the first size's; reached when wall beyond syncs and peak RSS are within
    /// ±20 % of the first size's at every size (RSS judged as `flatness` judges a bound), every run completed.
    static func interleavedRow(_ sizes: [Int], _ runs: [Int: [Run]], sync: Int64) -> Benchmark.Row {
        func median(_ values: [Int64]) -> Int64 { values.isEmpty ? 0 : values.sorted()[values.count / 2] }
        let complete = sizes.allSatisfy { size in runs[size].map { !$0.isEmpty && !$0.contains(where: \.stopped) } ?? false }
        let rounds = sizes.map { runs[$0]?.count ?? 0 }.min() ?? 0
        let beyond = sizes.map { median((runs[$0] ?? []).map(\.nanoseconds)) - sync }
        let cpu = sizes.map { median((runs[$0] ?? []).map(\.cpuNanoseconds)) }
        let rss = sizes.map { size -> (bytes: Int64, exact: Bool) in
            let all = runs[size] ?? []
            return (all.map(\.rssBound).max() ?? 0, !all.isEmpty && all.allSatisfy { $0.peakRSS != nil })
        }
        func ratios(_ values: [Int64]) -> [Double] { values.map { Double($0) / Double(max(values.first ?? 1, 1)) } }
        let timeRatios = ratios(beyond), cpuRatios = ratios(cpu)
        let baseExact = rss.first?.exact == true
        let rssRatios = baseExact ? ratios(rss.map(\.bytes)) : []
        let within = { (ratio: Double) in ratio >= 0.8 && ratio <= 1.2 }
        let memoryWithin = baseExact && zip(rssRatios, rss).allSatisfy { ratio, figure in ratio <= 1.2 && (!figure.exact || ratio >= 0.8) }
        let text = { (ratios: [Double]) in ratios.map { Benchmark.fixed($0, 2) + "×" }.joined(separator: ", ") }
        let listed = { (values: [String]) in zip(sizes, values).map { "\(short($0)) \($1)" }.joined(separator: ", ") }
        var figure = "\(rounds) rounds, the sizes in turn; median beyond syncs (\(ms(sync)), probed before and after): "
            + listed(beyond.map(ms)) + " (\(text(timeRatios))); CPU (user + sys): " + listed(cpu.map(ms)) + " (\(text(cpuRatios))); peak RSS: "
            + listed(rss.map { ($0.exact ? "" : "≤ ") + Benchmark.mebibytes($0.bytes) })
            + (baseExact ? " (\(text(rssRatios)))" : " (not measured at \(short(sizes[0])): below the timer's own peak)")
        if !complete { figure += "; a run did not finish: " + (sizes.compactMap { runs[$0]?.compactMap(\.problem).first }.first ?? "no runs") }
        return Benchmark.Row(phase: "scale: ledger append at every size, interleaved (beyond syncs; CPU, peak RSS)", figure: figure,
                             target: "the same ±20 % at every size", reached: complete && timeRatios.allSatisfy(within) && memoryWithin,
                             peakRSS: nil, skipped: nil,
                             values: ["rounds": rounds, "sync_ns": sync, "beyond_sync_ns": beyond, "cpu_ns": cpu, "rss_bytes": rss.map(\.bytes),
                                      "time_ratios": timeRatios, "cpu_ratios": cpuRatios, "rss_ratios": rssRatios])
    }

    static func ms(_ nanoseconds: Int64) -> String { Benchmark.fixed(Double(nanoseconds) / 1e6, 1) + " ms" }

    /// 100k, 1M, 10M.
    static func short(_ size: Int) -> String {
        if size >= 1_000_000, size % 1_000_000 == 0 { return "\(size / 1_000_000)M" }
        if size >= 1_000, size % 1_000 == 0 { return "\(size / 1_000)k" }
        return "\(size)"
    }
}
