import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger append` writes the append checks' state (`index/checks.state`, ledger-spec.md 15.4) when it has none, and
/// is killed with SIGKILL at random moments — while reading the log, folding, writing or renaming the state. After
/// every kill the same append must reject the same batch in the same words, with no notice (the file is replaced
/// atomically), and `ledger verify --index` must find the state intact or absent.
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (12 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL while the check state is written")
struct CheckStateCrashTests {
    @Test func killedAppendNeverLeavesAStateThatChangesAnAnswer() throws {
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12)
        let scratch = try FaultProcess.scratchDirectory("checks-crash")
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "crash-ledger", createdAt: TestLedger.recordedAt)
        var city = SyntheticCity(eventCount: 6_000, seed: 22, communityCount: 4)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 500), to: directory) }
        let statePath = directory.indexPath + "/checks.state"
        let batch = scratch + "/bad.jsonl"
        try Data(#"{"id":"bad-1","type":"fund.income","occurred_on":"2025-01-02","data":{"fund_id":"NO-SUCH-FUND","amount_fen":100,"counterparty":"c","voucher":"v","category":"x"}}"#.utf8)
            .write(to: URL(fileURLWithPath: batch))
        let arguments = ["append", "--ledger", directory.path, "--file", batch, "--actor", "clerk"]
        let reference = try FaultProcess.run(ledgerTool, arguments, in: scratch)
        #expect(reference.status == 2 && reference.err.contains("fund \"NO-SUCH-FUND\" is not registered"), "\(reference.err)")
        let killed = try FaultProcess.killAndRetry(ledgerTool, arguments, iterations: iterations, seed: 0xC4EC_5001, scratch: scratch, prepare: { _ in
            try? FileManager.default.removeItem(atPath: statePath)
        }, check: { iteration in
            let next = try FaultProcess.run(ledgerTool, arguments, in: scratch)
            #expect(next.status == 2 && next.err == reference.err, "iteration \(iteration): \(next.err)")
            let verify = try FaultProcess.run(ledgerTool, ["verify", "--ledger", directory.path, "--index", "--json"], in: scratch)
            #expect(verify.status == 0 && (verify.out.contains(#""checks.state":{"detail":"made at record"#)
                                           || verify.out.contains(#""checks.state":{"detail":null,"rebuilt_at":6000,"status":"absent"}"#)),
                    "iteration \(iteration): \(verify.out)")
        })
        #expect(killed > 0, "no run was killed: the kills came too late")
    }
}
