import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger append` keeps `index/scopes.recent` (ledger-spec.md 15.5) after its batch, and is killed with SIGKILL at
/// random moments: while checking, appending, or writing the side file. After every kill the same append run again
/// appends its event exactly once (or finds it there), leaves no temporary of the side file, and a scoped query
/// answers as on a copy of the ledger without `index/`; `verify --index` exits 0. Run as it comes (the side file's
/// records in its tail) and with `LEDGER_RECENT_SEAL=0` (version 3: every append seals its records, appending a segment
/// to `index/scopes.recent.sealed` in place before the tail is written, so kills fall in that write too).
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (12 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL while index/scopes.recent is written")
struct ScopeRecentCrashTests {
    @Test(arguments: [nil, "0"]) func killedAppendNeverLeavesASideFileThatChangesAnAnswer(seal: String?) throws {
        let environment = seal.map { ["LEDGER_RECENT_SEAL": $0] }
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12)
        let scratch = try FaultProcess.scratchDirectory("scopes-recent-crash-\(seal ?? "tail")")
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "crash-ledger", createdAt: TestLedger.recordedAt)
        var city = SyntheticCity(eventCount: 4_000, seed: 29, communityCount: 4)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 1_000), to: directory) }
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
            try FaultProcess.run(ledgerTool, ["append", "--ledger", directory.path, "--file", try eventFile(k), "--actor", "clerk"], in: scratch,
                                 environment: environment)
        }
        // The index made (a street's query builds it), then records after its stamp that the side file holds.
        #expect(try append(-2).status == 0)
        let built = try FaultProcess.run(ledgerTool, ["assets", "--ledger", directory.path, "--street", "八大关街道"], in: scratch)
        #expect(built.status == 0, "\(built.err)")
        let started = Date()
        let first = try append(-1)
        #expect(first.status == 0, "\(first.err)")
        #expect(FileManager.default.fileExists(atPath: directory.indexPath + "/scopes.recent"))
        #expect(FileManager.default.fileExists(atPath: directory.indexPath + "/scopes.recent.sealed") == (seal != nil))
        let full = max(Date().timeIntervalSince(started), 0.05)
        var random = SyntheticRandom(seed: 0x5C0_9E42)
        var killed = 0
        var timer = FaultProcess.KillTimer(full: full)
        var k = 0
        while timer.goesOn(k, of: iterations, killed: killed) {
            defer { k += 1 }
            if try FaultProcess.startAndKill(ledgerTool, ["append", "--ledger", directory.path, "--file", try eventFile(k), "--actor", "clerk"],
                                             stdout: scratch + "/out-\(k)", stderr: scratch + "/err-\(k)", environment: environment,
                                             timer: &timer, random: &random) {
                killed += 1
            }
            let again = try append(k)
            #expect(again.status == 0, "iteration \(k): \(again.err)")
            #expect(try records(withId: "crash-\(k)") == 1, "iteration \(k)")
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.indexPath).filter { $0.hasPrefix(".scopes.recent") }
            #expect(left.isEmpty, "iteration \(k): \(left)")
            // A scoped query answers as on a copy without index/.
            let copy = scratch + "/copy-\(k)"
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
            for name in ["ledger.json", "events.jsonl"] {
                try FileManager.default.copyItem(atPath: directory.path + "/" + name, toPath: copy + "/" + name)
            }
            let query = ["assets", "--street", "八大关街道", "--as-of", "2026-01-05"]
            let withIndex = try FaultProcess.run(ledgerTool, query + ["--ledger", directory.path], in: scratch)
            let withoutIndex = try FaultProcess.run(ledgerTool, query + ["--ledger", copy], in: scratch)
            #expect(withIndex.status == 0 && withIndex.out == withoutIndex.out, "iteration \(k): \(withIndex.err)")
            #expect(!withIndex.err.contains("scopes.recent"), "iteration \(k): \(withIndex.err)")
            try? FileManager.default.removeItem(atPath: copy)
        }
        let verify = try FaultProcess.run(ledgerTool, ["verify", "--ledger", directory.path, "--index"], in: scratch)
        #expect(verify.status == 0 && !verify.out.contains("scopes.recent"), "\(verify.out)")
        #expect(killed > 0, "no run was killed: the kills came too late")
    }
}
