import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger append` rebuilds the writer's id index (`index/ids`, ledger-spec.md section 15.3) — after `index/` was
/// removed, or damaged — and is killed with SIGKILL at random moments: while reading the log, while the table is
/// written or renamed, while appending. After every kill the same append run again must append its event exactly
/// once (or find it already there), a third run must find it a duplicate, and `ledger verify --index` must find the
/// id index intact.
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (12 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL while the id index is written")
struct IdIndexCrashTests {
    @Test func killedAppendNeverLeavesAnIndexThatChangesAnAnswer() throws {
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12)
        let scratch = try FaultProcess.scratchDirectory("ids-crash")
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "crash-ledger", createdAt: TestLedger.recordedAt)
        var city = SyntheticCity(eventCount: 5_000, seed: 23, communityCount: 4)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 1_000), to: directory) }
        let basePath = directory.indexPath + "/ids", recentPath = directory.indexPath + "/ids-2"
        func eventFile(_ k: Int) throws -> String {
            let path = scratch + "/event-\(k).jsonl"
            let line = #"{"id":"crash-\#(k)","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"CRASH\#(k)","name":"小区\#(k)","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"1000.00","total_owners":10}}"#
            try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func records(withId id: String) throws -> Int {
            let text = try String(contentsOfFile: directory.eventsPath, encoding: .utf8)
            return text.components(separatedBy: #""id":"\#(id)""#).count - 1
        }
        func append(_ k: Int) throws -> (status: Int32, signalled: Bool, out: String, err: String) {
            try FaultProcess.run(ledgerTool, ["append", "--ledger", directory.path, "--file", try eventFile(k), "--actor", "clerk"], in: scratch)
        }
        // How long one append that rebuilds the index takes, to spread the kills over all of it.
        try? FileManager.default.removeItem(atPath: basePath)
        let started = Date()
        let first = try append(-1)
        #expect(first.status == 0, "\(first.err)")
        let full = max(Date().timeIntervalSince(started), 0.05)
        var random = SyntheticRandom(seed: 0x1D5_C4A5)
        var killed = 0
        var timer = FaultProcess.KillTimer(full: full)
        var k = 0
        while timer.goesOn(k, of: iterations, killed: killed) {
            defer { k += 1 }
            if k % 2 == 0 {
                try? FileManager.default.removeItem(atPath: basePath)
                try? FileManager.default.removeItem(atPath: recentPath)
            } else if let table = FileManager.default.contents(atPath: basePath) {
                // A damaged header: the append gives a notice and rebuilds the table.
                var bytes = [UInt8](table)
                bytes[30] ^= 0x40
                try Data(bytes).write(to: URL(fileURLWithPath: basePath))
            }
            if try FaultProcess.startAndKill(ledgerTool, ["append", "--ledger", directory.path, "--file", try eventFile(k), "--actor", "clerk"],
                                             stdout: scratch + "/out-\(k)", stderr: scratch + "/err-\(k)", timer: &timer, random: &random) {
                killed += 1
            }
            let again = try append(k)
            #expect(again.status == 0, "iteration \(k): \(again.err)")
            #expect(try records(withId: "crash-\(k)") == 1, "iteration \(k)")
            let third = try append(k)
            #expect(third.status == 0, "iteration \(k): \(third.err)")
            #expect(third.err.isEmpty, "iteration \(k): \(third.err)")
            #expect(try records(withId: "crash-\(k)") == 1, "iteration \(k)")
            let verify = try FaultProcess.run(ledgerTool, ["verify", "--ledger", directory.path, "--index", "--json"], in: scratch)
            #expect(verify.status == 0 && verify.out.contains(#""ids":{"detail":"made at record"#), "iteration \(k): \(verify.out)")
        }
        #expect(killed > 0, "no run was killed: the kills came too late")
    }
}
