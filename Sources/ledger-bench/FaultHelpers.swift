import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic

/// Helper processes for the fault tests (Tests/LedgerChainTests/CrashTests.swift, StressTests.swift): a real
/// writer the tests kill with SIGKILL, and readers that verify while writers append.
enum FaultHelpers {
    /// `ledger-bench writer --ledger D [--create] [--seed S] [--batch B] [--batches N] [--id-prefix P] [--hold]
    /// [--lock-wait MS] [--default-xfsz] [--pause-before-ack K] [--id-policy DELTA,HELD]`
    ///
    /// Appends synthetic batches (ids `P-1`, `P-2`, …) and, after each append has returned (written, fsync'ed,
    /// read back, recorded as acknowledged), prints `ack FIRST LAST HEADHEX` on standard output with a single
    /// write(2). Without `--hold` it opens and closes the writer around every batch, so several writer processes
    /// take turns at the lock. `--default-xfsz` restores SIGXFSZ's default action (die), which a parent may have
    /// set to ignore. `--pause-before-ack K` stops in batch K (1-based) once it is durable in the log and before it
    /// is recorded as acknowledged: it prints `durable` and sleeps until killed. `--id-policy` sets the id index's
    /// `deltaMax` and `heldMax` (`IdIndexPolicy`, ratio 2): small ones make a held writer write its tables every few
    /// batches, alongside its appends.
    static func writer(_ arguments: [String]) throws(CLIError) -> Int32 {
        let parsed = try Arguments(arguments, options: [.value("ledger"), .flag("create"), .value("seed"), .value("batch"),
                                                        .value("batches"), .value("id-prefix"), .flag("hold"),
                                                        .value("lock-wait"), .flag("default-xfsz"), .value("pause-before-ack"),
                                                        .value("id-policy")],
                                     command: "writer")
        if parsed.flag("default-xfsz") { ProcessSignal.defaultFileSizeSignal() }
        guard let path = parsed.value("ledger") else { throw .usage("writer: --ledger is required") }
        let seed = UInt64(try parsed.integer("seed", minimum: 0) ?? 1)
        let batchSize = Int(try parsed.integer("batch", minimum: 1) ?? 10)
        let batches = Int(try parsed.integer("batches", minimum: 0) ?? 0)
        let prefix = parsed.value("id-prefix") ?? "w\(seed)"
        let lockWait = Int(try parsed.integer("lock-wait", minimum: 0) ?? 60_000)
        var policy = IdIndexPolicy.standard
        if let text = parsed.value("id-policy") {
            // Each part a number, HELD at least DELTA: `64,x,128` is refused, not read as `64,128`, and `128,64` not
            // as `128,128` (`IdIndexPolicy` raises a smaller `heldMax` to `deltaMax`).
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            guard parts.count == 2, parts.allSatisfy({ $0 > 0 }), parts[1] >= parts[0] else {
                throw .usage("writer: --id-policy takes DELTA,HELD (whole numbers, HELD at least DELTA)")
            }
            policy = IdIndexPolicy(deltaMax: parts[0], heldMax: parts[1], ratio: 2)
        }
        let directory = try CLIError.fromChain { () throws(ChainError) in
            parsed.flag("create") && !PosixFile.exists(path + "/ledger.json")
                ? try LedgerDirectory.create(at: path, name: "fault-test", createdAt: Phases.recordedAt)
                : try LedgerDirectory.open(path)
        }
        let out = FileHandle.standardOutput
        let notice: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        var city = SyntheticCity(eventCount: Int.max / 2, seed: seed, communityCount: 20)
        var counter = 0
        var held: LogWriter? = nil
        var done = 0
        let pauseBatch = Int(try parsed.integer("pause-before-ack", minimum: 1) ?? 0)
        var options = Phases.options()
        while batches == 0 || done < batches {
            if done + 1 == pauseBatch {
                options.beforeAcknowledging = {
                    out.write(Data("durable\n".utf8))
                    while true { Thread.sleep(forTimeInterval: 1) }
                }
            }
            var batch = city.nextBatch(maxEvents: batchSize)
            for index in batch.indices {
                counter += 1
                batch[index].id = "\(prefix)-\(counter)"
            }
            let writer: LogWriter
            do {
                if let held { writer = held } else {
                    writer = try LogWriter.open(directory, lockWaitMilliseconds: lockWait, notice: notice, idIndex: policy)
                    if parsed.flag("hold") { held = writer }
                }
                let result = try writer.append(batch, options: options)
                if held == nil { writer.close() }
                guard let first = result.appended.first, let last = result.appended.last else {
                    throw CLIError.input("writer: the batch was all duplicates")
                }
                out.write(Data("ack \(first.seq) \(last.seq) \(last.hash.hex)\n".utf8))
            } catch let error as ChainError {
                throw .chain(error)
            } catch let error as CLIError {
                throw error
            } catch {
                throw .input("\(error)")
            }
            done += 1
        }
        return 0
    }

    /// `ledger-bench reader --ledger D [--rounds N]`
    ///
    /// Verifies the whole log (with the acknowledged-head check) `N` times (default 20) and prints `seen RECORDS HEADHEX` for each; exits 1 at the
    /// first integrity failure, printing `fail …`.
    static func reader(_ arguments: [String]) throws(CLIError) -> Int32 {
        let parsed = try Arguments(arguments, options: [.value("ledger"), .value("rounds")], command: "reader")
        guard let path = parsed.value("ledger") else { throw .usage("reader: --ledger is required") }
        let rounds = Int(try parsed.integer("rounds", minimum: 1) ?? 20)
        let out = FileHandle.standardOutput
        let directory: LedgerDirectory
        directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(path) }
        for _ in 0..<rounds {
            // With the acknowledged-head check: readers racing writers must never see acknowledged records missing.
            let summary: ScanSummary
            do { summary = try LogScanner.verify(directory) } catch {
                out.write(Data("fail \(error)\n".utf8))
                return 1
            }
            if let failure = summary.failure {
                out.write(Data("fail \(failure)\n".utf8))
                return 1
            }
            out.write(Data("seen \(summary.recordCount) \(summary.headHash.hex)\n".utf8))
        }
        return 0
    }
}
