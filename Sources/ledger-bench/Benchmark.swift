import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform

/// The orchestrator: builds the synthetic city in a scratch directory, runs each phase as a child process,
/// and prints one table (or JSON) with every figure, its target from issue 7, and whether it was reached.
enum Benchmark {
    static let help = """
    Usage: ledger-bench [--events N] [--seed S] [--batch B] [--single N] [--phases LIST] [--baseline-ledger BIN]
                        [--dir D] [--keep] [--json]

    Generates a deterministic synthetic city of N events (default 500000) and measures the ledger on it:
    batched and single durable append, verify against raw SHA-256 of the same bytes, projection rebuild, CSV
    import (a register of N/5 rows, at most 100,000, for speed, and one ten times larger for memory), the
    rectification list and Merkle proofs. Each phase runs as
    its own process, so its peak RSS is its own.

      --events N   events in the city (default 500000; about a minute on 2 cores)
      --seed S     generator seed (default 1); the same seed gives the same log and head hash
      --batch B    events per append batch (default 1000)
      --single N   events appended one at a time, each durable on its own (default 2000)
      --phases L   comma-separated subset of append,single,verify,project,balances,import,rectify,proofs
                   (default: all of these), and peers (only when named: ledger-cli on the same city, about a minute
                   more; needs `apt-get install ledger`, else skipped); the city is always generated and appended;
                   e.g. --events 10000000 --phases verify
      --baseline-ledger BIN
                   an older `ledger` binary (absolute path; e.g. a release build of the commit before issue 10)
                   whose `ledger balances` the balances phase times alternately with this build's, on the same city
                   in the same run (both must print the same fund balances); without it the speed-up is not measured
      --phases scale
                   (only when named) issue 11's city scale: cities of --scale-events sizes, built once into --scale-dir
                   and kept (an interrupted build resumes), and one `ledger append`, `ledger balances --community`,
                   `ledger assets --community`, `ledger balances`, `ledger rectify --street`, `ledger rectify` and
                   `ledger import assets` of 10,000 rows on each, as processes, first after rm -rf index/, then warm;
                   alone, no city of --events is made
      --scale-events L   city sizes (default 100000,1000000,10000000)
      --scale-dir D      where the cities are kept (default: D/scale in the scratch directory, removed unless --keep);
                         each run appends a few valid events and registers to them
      --scale-runs N     warm runs of each command (default 5)
      --scale-timeout S  stop a run after S seconds and report it missed (default 900)
      --scale-budget S   no further warm runs of a command once its warm runs took S seconds (default 60; at least one)
      --scale-rounds N   then N rounds of one `ledger append` at each size in turn (100k, 1M, 10M, 100k, …): the
                         "same at every size" judgement, on the medians of this interleaved sample (default 20; 0: none)
      --scale-append-only
                         on each city only its `ledger append` runs, then the interleaved rounds (no queries, lists,
                         imports: minutes at 10M)
      --dir D      scratch directory (default: a new one under $TMPDIR or /tmp); must not exist or be empty
      --keep       keep the scratch directory (the city ledger) afterwards
      --json       print one JSON object instead of the table
    """

    struct Row {
        let phase: String
        let figure: String
        let target: String
        /// nil: no target, or skipped.
        let reached: Bool?
        let peakRSS: Int64?
        let skipped: String?
        let values: [String: Any]
    }

    static func run(_ arguments: [String]) throws(CLIError) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" {
            print(help)
            return 0
        }
        let parsed = try Arguments(arguments, options: [.value("events"), .value("seed"), .value("batch"), .value("single"),
                                                        .value("phases"), .value("baseline-ledger"), .value("dir"), .flag("keep"), .flag("json"),
                                                        .value("scale-events"), .value("scale-dir"), .value("scale-runs"),
                                                        .value("scale-timeout"), .value("scale-budget"), .value("scale-rounds"),
                                                        .flag("scale-append-only")],
                                   command: "ledger-bench")
        // A stray word (`ledger-bench hlep`) is refused, not taken for a run of the whole benchmark (review 40f).
        if let word = parsed.positionals.first {
            throw .usage("unknown word \"\(word)\"; the benchmark takes only options (ledger-bench --help), or one of: phase, writer, reader, check-city, peer")
        }
        let events = try parsed.integer("events", minimum: 1) ?? 500_000
        let known = ["append", "single", "verify", "project", "balances", "import", "rectify", "proofs", "peers", "scale"]
        let selected = Set(parsed.value("phases").map { $0.split(separator: ",").map(String.init) } ?? known.filter { $0 != "peers" && $0 != "scale" })
        for name in selected where !known.contains(name) {
            throw .usage("--phases: unknown phase \"\(name)\"; choose from \(known.joined(separator: ", "))")
        }
        let seed = try parsed.integer("seed", minimum: 0) ?? 1
        let batch = try parsed.integer("batch", minimum: 1) ?? 1_000
        let single = try parsed.integer("single", minimum: 1) ?? 2_000
        let json = parsed.flag("json")
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let work = parsed.value("dir") ?? "\(base)/ledger-bench-\(ProcessInfo.processInfo.processIdentifier)"
        if PosixFile.exists(work), (try? PosixFile.isEmptyDirectory(work)) != true {
            throw .usage("--dir \(work) exists and is not empty; give a new directory")
        }
        if !PosixFile.exists(work) {
            do { try PosixFile.makeDirectory(work) } catch { throw .input("\(error)") }
        }
        defer { if !parsed.flag("keep") { try? FileManager.default.removeItem(atPath: work) } }
        let progress: (String) -> Void = { message in
            if !json { FileHandle.standardError.write(Data("… \(message)\n".utf8)) }
        }

        var rows: [Row] = []
        let city = work + "/city"
        var scale: ScalePhase.Config? = nil
        if selected.contains("scale") {
            let sizes = try (parsed.value("scale-events") ?? "100000,1000000,10000000").split(separator: ",").map { text throws(CLIError) -> Int in
                guard let size = Int(text), size >= 1_000 else { throw .usage("--scale-events: \"\(text)\" is not a number of events (at least 1000)") }
                return size
            }
            scale = ScalePhase.Config(sizes: sizes, seed: Int64(seed), runs: Int(try parsed.integer("scale-runs", minimum: 1) ?? 5),
                                      directory: parsed.value("scale-dir") ?? work + "/scale", work: work + "/scale-runs",
                                      timeoutSeconds: Int(try parsed.integer("scale-timeout", minimum: 1) ?? 900),
                                      budgetSeconds: Int(try parsed.integer("scale-budget", minimum: 1) ?? 60),
                                      rounds: Int(try parsed.integer("scale-rounds", minimum: 0) ?? 20),
                                      appendOnly: parsed.flag("scale-append-only"))
        }
        // The scale phase alone needs no city of --events: its cities are kept in --scale-dir.
        if let scale, selected == ["scale"] {
            rows = try ScalePhase.rows(scale, progress: progress)
            emit(rows, header: "ledger-bench --phases scale: cities of \(scale.sizes.map { grouped(Double($0)) }.joined(separator: ", ")) events "
                     + "(seed \(seed)) in \(scale.directory)", config: ["scale_events": scale.sizes, "seed": seed], head: nil, json: json)
            return 0
        }

        progress("generating and appending \(events) events in batches of \(batch)")
        let append = try child(["phase", "append", "--ledger", city, "--events", "\(events)", "--seed", "\(seed)", "--batch", "\(batch)"])
        let appendRate = rate(append["events"], append["append_ns"])
        let appendCPURate = rate(append["events"], append["append_cpu_ns"])
        rows.append(Row(phase: "batched append (fsync per batch)",
                        figure: "\(grouped(appendRate)) events/s (\(grouped(appendCPURate)) events per CPU-second)",
                        target: "≥ 500,000 events/s", reached: appendRate >= 500_000, peakRSS: int(append["peak_rss_bytes"]),
                        skipped: nil, values: ["events_per_second": appendRate, "events": int(append["events"]) ?? 0,
                                               "batch": batch, "bytes": int(append["bytes"]) ?? 0,
                                               "events_per_cpu_second": appendCPURate,
                                               "generate_events_per_second": rate(append["events"], append["generate_ns"])]))
        // The disk's part of that figure: every durable batch pays the log's fsync and the acknowledged head's
        // fdatasync whatever the code does, and on a shared virtual disk those two alone can take more than the
        // 2 ms a batch of 1,000 has at 500,000 events/s. Probed in the same run, in the same directory, so the
        // writer's own rate can be read apart from the disk's. The probe syncs a record-sized line, a batch syncs
        // some 500 KB: the figure beyond the syncs still holds part of the disk's time (it errs low, never high).
        let probe = try child(["phase", "fsync-probe", "--dir", work])
        let pairNanoseconds = int(probe["pair_ns"]) ?? 0
        let batchCount = int(append["batches"]) ?? 0
        let beyondSyncs = max(1, (int(append["append_ns"]) ?? 0) - batchCount * pairNanoseconds)
        let beyondRate = rate(append["events"], .integer(beyondSyncs))
        let diskCeiling = pairNanoseconds > 0 ? Double(batch) * 1e9 / Double(pairNanoseconds) : 0
        rows.append(Row(phase: "  the same beyond its syncs (log fsync + head fdatasync: \(ScalePhase.ms(pairNanoseconds)) a batch, probed)",
                        figure: "\(grouped(beyondRate)) events/s; the two syncs alone allow at most \(grouped(diskCeiling)) events/s in batches of \(batch) on this disk",
                        target: "≥ 500,000 events/s beyond the disk's syncs", reached: beyondRate >= 500_000, peakRSS: nil,
                        skipped: nil, values: ["events_per_second": beyondRate, "pair_ns": pairNanoseconds,
                                               "disk_ceiling_events_per_second": diskCeiling]))

        if selected.contains("single") {
            progress("appending \(single) events one at a time, then measuring raw fsync")
            let one = try child(["phase", "single", "--dir", work, "--events", "\(single)", "--seed", "\(seed)"])
            let singleRate = rate(one["events"], one["single_ns"])
            let fsyncRate = rate(one["fsync_count"], one["fsync_ns"])
            let pairRate = rate(one["fsync_count"], one["pair_ns"])
            // Issue 7 asked for 80 % of the fsync rate, which one sync per append allows; recording the acknowledged
            // head outside the log (ledger-spec.md section 4) takes a second sync of another file, so 45 % is the
            // target that design can reach (half, less the work around the two syncs).
            rows.append(Row(phase: "single durable append (fsync of the log, fdatasync of the acknowledged head)",
                            figure: "\(grouped(singleRate)) events/s = \(percent(singleRate / fsyncRate)) of fsync, \(percent(singleRate / pairRate)) of fsync+fdatasync",
                            target: "≥ 80% of fsync rate (one sync per append)", reached: singleRate >= 0.8 * fsyncRate, peakRSS: int(one["peak_rss_bytes"]),
                            skipped: nil, values: ["events_per_second": singleRate, "events": single,
                                                   "fraction_of_fsync": singleRate / fsyncRate, "fraction_of_pair": singleRate / pairRate]))
            rows.append(Row(phase: "  the same against two syncs per append", figure: "\(percent(singleRate / fsyncRate)) of fsync",
                            target: "≥ 45% of fsync rate", reached: singleRate >= 0.45 * fsyncRate, peakRSS: nil, skipped: nil, values: [:]))
            rows.append(Row(phase: "raw append+fsync (machine)", figure: "\(grouped(fsyncRate)) fsyncs/s", target: "—",
                            reached: nil, peakRSS: nil, skipped: nil, values: ["fsyncs_per_second": fsyncRate]))
            rows.append(Row(phase: "raw append+fsync, then 4 KiB overwrite+fdatasync of a second file (machine)",
                            figure: "\(grouped(pairRate)) pairs/s", target: "—",
                            reached: nil, peakRSS: nil, skipped: nil, values: ["pairs_per_second": pairRate]))
        }

        if selected.contains("verify") {
            progress("raw SHA-256 of events.jsonl, then verify")
            let raw = try child(["phase", "sha256", "--file", city + "/events.jsonl"])
            let verify = try child(["phase", "verify", "--ledger", city])
            guard verify["intact"] == .bool(true) else { throw .integrity("the benchmark log did not verify: \(verify)") }
            let rawMBs = rate(raw["bytes"], raw["ns"]) / 1e6
            let verifyMBs = rate(verify["bytes"], verify["ns"]) / 1e6
            let ratio = verifyMBs / rawMBs
            rows.append(Row(phase: "raw SHA-256 of the log bytes", figure: "\(fixed(rawMBs, 0)) MB/s", target: "—", reached: nil,
                            peakRSS: int(raw["peak_rss_bytes"]), skipped: nil, values: ["megabytes_per_second": rawMBs]))
            let verifyRate = rate(verify["records"], verify["ns"])
            // CPU-seconds beside the wall-time ratio: verify works on every core, the raw hash on one, so on a busy
            // machine the CPU each spent per byte is the steadier comparison.
            // The comparison stated as it is: the raw hash runs on one core, verify on all of them (`cores`); the
            // CPU ratio (raw hash CPU ÷ verify CPU) is what verify would reach on one core.
            let rawCPU = Double(int(raw["cpu_ns"]) ?? 0) / 1e9, verifyCPU = Double(int(verify["cpu_ns"]) ?? 0) / 1e9
            let cores = int(verify["cores"]) ?? 1
            let cpuRatio = verifyCPU > 0 ? rawCPU / verifyCPU : 0
            rows.append(Row(phase: "verify (\(cores) core\(cores == 1 ? "" : "s"); raw SHA-256 on one)",
                            figure: "\(fixed(verifyMBs, 0)) MB/s, \(grouped(verifyRate)) events/s, \(fixed(ratio, 2))× raw in wall time "
                                + "(CPU \(fixed(verifyCPU, 2)) s against \(fixed(rawCPU, 2)) s for the raw hash: \(fixed(cpuRatio, 2))× raw per CPU-second)",
                            target: "≥ 0.5× raw SHA-256", reached: ratio >= 0.5, peakRSS: int(verify["peak_rss_bytes"]), skipped: nil,
                            values: ["megabytes_per_second": verifyMBs, "events_per_second": verifyRate, "ratio_to_raw_sha256": ratio,
                                     "cpu_seconds": verifyCPU, "raw_cpu_seconds": rawCPU, "cores": cores, "cpu_ratio_to_raw_sha256": cpuRatio]))
            let verifyRSS = int(verify["peak_rss_bytes"]) ?? 0
            rows.append(Row(phase: "verify peak RSS", figure: "\(mebibytes(verifyRSS)) at \(grouped(Double(events))) events",
                            target: "≤ 64 MiB at 10,000,000 events", reached: verifyRSS <= 64 << 20, peakRSS: nil, skipped: nil,
                            values: ["peak_rss_bytes": verifyRSS, "events": events]))
        }

        if selected.contains("project") {
            progress("reading the log and rebuilding every projection")
            let project = try child(["phase", "project", "--ledger", city])
            let foldRate = rate(project["records"], project["fold_ns"])
            // Beside the wall rate, the rate per CPU-second of the fold's one thread, which load inflates less.
            let foldCPURate = rate(project["records"], project["fold_cpu_ns"])
            let readRate = rate(project["records"], project["read_ns"])
            rows.append(Row(phase: "projection rebuild (fold, one core)",
                            figure: "\(grouped(foldRate)) events/s (\(grouped(foldCPURate)) events per CPU-second)",
                            target: "≥ 1,000,000 events/s", reached: foldRate >= 1_000_000, peakRSS: int(project["peak_rss_bytes"]),
                            skipped: nil, values: ["events_per_second": foldRate, "events_per_cpu_second": foldCPURate,
                                                   "anomalies": int(project["anomalies"]) ?? 0]))
            rows.append(Row(phase: "  read + verify + decode for it", figure: "\(grouped(readRate)) events/s", target: "—",
                            reached: nil, peakRSS: nil, skipped: nil, values: ["events_per_second": readRate]))
            let fundRate = rate(project["records"], project["fund_fold_ns"])
            rows.append(Row(phase: "fund projection rebuild from the records (FundFold: typed rows, interned ids)",
                            figure: "\(grouped(fundRate)) events/s (\(grouped(Double(int(project["fund_rows"]) ?? 0))) fund facts)",
                            target: "≥ 1,000,000 events/s", reached: fundRate >= 1_000_000, peakRSS: nil, skipped: nil,
                            values: ["events_per_second": fundRate, "fund_rows": int(project["fund_rows"]) ?? 0]))
            let fundReadRate = rate(project["records"], project["fund_read_ns"])
            rows.append(Row(phase: "  read + verify + fund fold as ledger balances does (fund payloads decoded only)", figure: "\(grouped(fundReadRate)) events/s",
                            target: "—", reached: nil, peakRSS: nil, skipped: nil, values: ["events_per_second": fundReadRate]))
        }

        if selected.contains("balances") {
            rows += try BalancesPhase.rows(city: city, work: work, baseline: parsed.value("baseline-ledger"), progress: progress)
        }

        if selected.contains("import") {
            // 100,000 rows for the speed target and 1,000,000 for the memory target at the default 500,000 events.
            let importRows = min(max(events / 5, 1_000), 100_000)
            let largeRows = importRows * 10
            progress("importing a register of \(importRows) rows, then one of \(largeRows) (ids R-0000001…, then ids of digits alone)")
            let small = work + "/import-small", large = work + "/import-large"
            do { try PosixFile.makeDirectory(small) } catch { throw .input("\(error)") }
            _ = try child(["phase", "import-setup", "--dir", small, "--events", "\(importRows)", "--seed", "\(seed)"])
            let parse = try child(["phase", "import-parse", "--dir", small])
            let register = try child(["phase", "import", "--dir", small])
            // The communities, register.imported and one asset.registered per row.
            guard int(register["records"]) == Int64(max(1, importRows / 2_000) + 1 + importRows) else {
                throw .integrity("the imported register has \(register["records"] ?? .null) records")
            }
            let importRate = rate(.integer(Int64(importRows)), register["end_to_end_ns"])
            let importCPURate = rate(.integer(Int64(importRows)), register["end_to_end_cpu_ns"])
            let parseRate = rate(.integer(Int64(importRows)), parse["parse_ns"])
            rows.append(Row(phase: "CSV import, end to end (\(grouped(Double(importRows))) rows)",
                            figure: "\(grouped(importRate)) rows/s (\(grouped(importCPURate)) rows per CPU-second)",
                            target: "≥ 200,000 rows/s", reached: importRate >= 200_000, peakRSS: int(register["peak_rss_bytes"]),
                            skipped: nil, values: ["rows_per_second": importRate, "rows_per_cpu_second": importCPURate,
                                                   "rows": importRows]))
            rows.append(Row(phase: "  importer alone (CSV → events)", figure: "\(grouped(parseRate)) rows/s", target: "—",
                            reached: nil, peakRSS: int(parse["peak_rss_bytes"]), skipped: nil, values: ["rows_per_second": parseRate]))
            // One register of `largeRows` rows imported into a ledger of its own, its record count checked (the
            // communities, register.imported and one asset.registered per row) and its peak RSS judged. Ids
            // `R-0000001`…, then ids of digits alone (`1000001`…), which an office's spreadsheet often has: the
            // target holds for every kind of id (review of import50 #1: these peaked at 1.4 GB before session 51).
            func largeImport(digitIDs: Bool, phase: String) throws(CLIError) -> Row {
                do { try PosixFile.makeDirectory(large) } catch { throw .input("\(error)") }
                defer { try? FileManager.default.removeItem(atPath: large) }
                _ = try child(["phase", "import-setup", "--dir", large, "--events", "\(largeRows)", "--seed", "\(seed)"]
                              + (digitIDs ? ["--digit-ids"] : []))
                let result = try child(["phase", "import", "--dir", large])
                guard int(result["records"]) == Int64(max(1, largeRows / 2_000) + 1 + largeRows) else {
                    throw .integrity("the imported register\(digitIDs ? " of ids of digits" : "") has \(result["records"] ?? .null) records")
                }
                let peak = int(result["peak_rss_bytes"]) ?? 0
                let speed = rate(.integer(Int64(largeRows)), result["end_to_end_ns"])
                return Row(phase: phase, figure: "\(mebibytes(peak)) (\(grouped(speed)) rows/s)", target: "≤ 512 MiB",
                           reached: peak <= 512 << 20, peakRSS: peak, skipped: nil,
                           values: ["peak_rss_bytes": peak, "rows": largeRows, "rows_per_second": speed])
            }
            rows.append(try largeImport(digitIDs: false, phase: "CSV import of \(grouped(Double(largeRows))) rows, peak RSS"))
            rows.append(try largeImport(digitIDs: true, phase: "  the same, ids of digits alone (1000001…), peak RSS"))
        }

        if selected.contains("rectify") {
            progress("producing the rectification list of the whole city")
            let rectify = try child(["phase", "rectify", "--ledger", city])
            let listNanoseconds = (int(rectify["check_ns"]) ?? 0) + (int(rectify["render_ns"]) ?? 0)
            let itemRate = rate(rectify["findings"], .integer(listNanoseconds))
            rows.append(Row(phase: "rectification list (rules + table)",
                            figure: "\(grouped(itemRate)) items/s (\(grouped(Double(int(rectify["findings"]) ?? 0))) items in \(fixed(Double(listNanoseconds) / 1e6, 0)) ms)",
                            target: "—", reached: nil, peakRSS: int(rectify["peak_rss_bytes"]), skipped: nil,
                            values: ["items_per_second": itemRate, "items": int(rectify["findings"]) ?? 0,
                                     "events_per_second": rate(rectify["records"], .integer(listNanoseconds))]))
        }

        if selected.contains("proofs") {
            progress("building the Merkle index, then one inclusion and one consistency proof")
            let proofs = try child(["phase", "proofs", "--ledger", city])
            let inclusionMs = Double(int(proofs["inclusion_ns"]) ?? 0) / 1e6
            let consistencyMs = Double(int(proofs["consistency_ns"]) ?? 0) / 1e6
            rows.append(Row(phase: "inclusion proof (from the index)", figure: "\(fixed(inclusionMs, 3)) ms at \(grouped(Double(events))) events",
                            target: "≤ 10 ms at 10M events", reached: inclusionMs <= 10, peakRSS: int(proofs["peak_rss_bytes"]),
                            skipped: nil, values: ["milliseconds": inclusionMs, "hashes": int(proofs["inclusion_hashes"]) ?? 0]))
            rows.append(Row(phase: "consistency proof (from the index)", figure: "\(fixed(consistencyMs, 3)) ms at \(grouped(Double(events))) events",
                            target: "≤ 10 ms at 10M events", reached: consistencyMs <= 10, peakRSS: nil, skipped: nil,
                            values: ["milliseconds": consistencyMs, "hashes": int(proofs["consistency_hashes"]) ?? 0]))
            let indexRate = rate(proofs["leaves"], proofs["index_ns"])
            rows.append(Row(phase: "  Merkle index build (once, then incremental)", figure: "\(grouped(indexRate)) events/s", target: "—",
                            reached: nil, peakRSS: nil, skipped: nil, values: ["events_per_second": indexRate]))
        }

        if selected.contains("peers") { rows += try PeerPhase.rows(city: city, work: work, progress: progress) }

        if let scale { rows += try ScalePhase.rows(scale, progress: progress) }

        let head = (append["head"]?.stringValue) ?? "?"
        emit(rows, header: "ledger-bench: \(grouped(Double(events))) events (seed \(seed), batches of \(batch)), "
                 + "log \(fixed(Double(int(append["bytes"]) ?? 0) / 1e6, 1)) MB, head \(head.prefix(16))…",
             config: ["events": events, "seed": seed, "batch": batch, "single": single], head: head, json: json)
        return 0
    }

    /// Prints the rows as the table (or one JSON object).
    static func emit(_ rows: [Row], header: String, config: [String: Any], head: String?, json: Bool) {
        let machine = "\(Machine.cores) cores, \(Machine.cpuModel)"
        if json {
            var phases: [[String: Any]] = []
            for row in rows {
                var item: [String: Any] = ["phase": row.phase, "target": row.target, "figures": row.values]
                item["reached"] = row.reached.map { $0 as Any } ?? NSNull()
                item["peak_rss_bytes"] = row.peakRSS.map { $0 as Any } ?? NSNull()
                if let skipped = row.skipped { item["skipped"] = skipped }
                phases.append(item)
            }
            var object: [String: Any] = [
                "machine": ["cores": Machine.cores, "cpu": Machine.cpuModel],
                "config": config, "phases": phases,
            ]
            if let head { object["head"] = head }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            var out = header + "\n"
            out += "machine: \(machine)\n\n"
            let table = [["phase", "result", "target", "status", "peak RSS"]] + rows.map(cells)
            out += render(table)
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    /// A row's cells in the table.
    static func cells(_ row: Row) -> [String] {
        [row.phase, row.figure, row.target,
         row.skipped != nil ? "skipped: \(row.skipped!)" : row.reached.map { $0 ? "reached" : "MISSED" } ?? "",
         row.peakRSS.map(mebibytes) ?? ""]
    }

    // MARK: - Child processes

    /// Runs this executable with `arguments` and parses the JSON line it prints.
    static func child(_ arguments: [String]) throws(CLIError) -> [String: JSONValue] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Machine.executablePath)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { throw .input("cannot start \(Machine.executablePath): \(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .input("phase \(arguments.dropFirst().first ?? "?") failed with status \(process.terminationStatus)")
        }
        let lines = output.split(separator: 0x0A)
        guard let last = lines.last, let value = try? JSONParser.parse([UInt8](last)), let object = value.objectValue else {
            throw .input("phase \(arguments.dropFirst().first ?? "?") printed no result")
        }
        return object
    }

    // MARK: - Formatting

    static func int(_ value: JSONValue?) -> Int64? { value?.integerValue }

    static func rate(_ count: JSONValue?, _ nanoseconds: JSONValue?) -> Double {
        guard let count = count?.integerValue, let ns = nanoseconds?.integerValue, ns > 0 else { return 0 }
        return Double(count) * 1e9 / Double(ns)
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int64(value.rounded()))
        var out = ""
        for (index, char) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0, char != "-" { out.append(",") }
            out.append(char)
        }
        return String(out.reversed())
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
    static func percent(_ fraction: Double) -> String { String(format: "%.0f%%", fraction * 100) }
    static func mebibytes(_ bytes: Int64) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    /// A plain left-aligned text table (the figures are ASCII apart from ≥/≤/×, one column wide each).
    static func render(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if index == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}
