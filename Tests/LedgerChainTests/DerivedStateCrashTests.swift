import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger balances` writes its derived state (`index/funds.state`, ledger-spec.md section 15) and is killed with
/// SIGKILL at random moments — while reading the log, while folding, while the state file is written or renamed.
/// After every kill the next `balances` must print exactly what the log alone gives, with no notice (the file is
/// replaced atomically: it is either the old one, the new one or absent, never a torn one), and
/// `ledger verify --index` must find the state intact or absent.
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (12 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL while derived state is written")
struct DerivedStateCrashTests {
    @Test func killedBalancesNeverLeavesAStateThatChangesAnAnswer() throws {
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12)
        let scratch = try FaultProcess.scratchDirectory("state-crash")
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "crash-ledger", createdAt: TestLedger.recordedAt)
        var city = SyntheticCity(eventCount: 6_000, seed: 21, communityCount: 4)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 500), to: directory) }
        let statePath = directory.indexPath + "/funds.state"
        // By year: always the fold, which writes funds.state (whole-city totals by fund would answer from
        // index/fund-totals, whose crashes IndexFileCrashTests covers).
        let arguments = ["balances", "--ledger", directory.path, "--as-of", "2026-01-01", "--format", "csv", "--by", "year"]
        // The answer from the log alone: balances of a copy of the ledger without index/.
        // (stdout and stderr: the log's records of types no fund report reads are warned about, state or not)
        func logOnlyAnswer() throws -> (out: String, err: String) {
            let copy = scratch + "/copy"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: false)
            for name in ["ledger.json", "events.jsonl", "acknowledged", "lock"] {
                try FileManager.default.copyItem(atPath: directory.path + "/" + name, toPath: copy + "/" + name)
            }
            var copyArguments = arguments
            copyArguments[2] = copy
            let run = try FaultProcess.run(ledgerTool, copyArguments, in: scratch)
            #expect(run.status == 0 && !run.out.isEmpty, "\(run.err)")
            return (run.out, run.err)
        }
        var reference = try logOnlyAnswer()
        let killed = try FaultProcess.killAndRetry(ledgerTool, arguments, iterations: iterations, seed: 0x57A7_E001, scratch: scratch, prepare: { iteration in
            // Half the runs start without a state (they write one from the whole log); half with a stale one.
            if iteration % 2 == 0 { try? FileManager.default.removeItem(atPath: statePath) }
        }, check: { iteration in
            let next = try FaultProcess.run(ledgerTool, arguments, in: scratch)
            #expect(next.status == 0, "iteration \(iteration): \(next.err)")
            #expect(next.out == reference.out, "iteration \(iteration)")
            #expect(next.err == reference.err, "iteration \(iteration): \(next.err)")
            let verify = try FaultProcess.run(ledgerTool, ["verify", "--ledger", directory.path, "--index", "--json"], in: scratch)
            #expect(verify.status == 0 && verify.out.contains(#""status":"intact""#)
                    && (verify.out.contains(#""funds.state":{"detail":"made at record"#) || verify.out.contains(#""status":"absent""#)),
                    "iteration \(iteration): \(verify.out)")
            // A stale state for the next odd iteration: one more record after the state.
            if iteration % 2 == 0 {
                try TestLedger.append([TestLedger.event(100_000 + iteration)], to: directory)
                reference = try logOnlyAnswer()
            }
        })
        #expect(killed > 0, "no run was killed: the kills came too late")
    }
}
