import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// A held writer (`ledger-bench writer --hold`) with a small id index policy writes a table every few batches on
/// another thread while it appends (session 28), and is killed with SIGKILL at random moments: also while such a
/// table is written, synced or renamed, or the levels it replaces are removed. After every kill: every acknowledged
/// record is in the log unchanged; the next `ledger append` appends its event exactly once and a third run finds it
/// a duplicate without a word on stderr; a writer finds every acknowledged batch's first and last id at their seqs;
/// and `ledger verify --index` finds the id index intact.
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (12 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL while an id table is written alongside the appends")
struct TableAlongsideCrashTests {
    @Test func killedWhileATableIsWrittenAlongsideLeavesAnIndexThatAnswers() throws {
        let bench = try #require(TestBinaries.path("ledger-bench"), "ledger-bench is not built in \(TestBinaries.directory)")
        let ledgerTool = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 12)
        let scratch = try FaultProcess.scratchDirectory("alongside-crash")
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        let ledger = scratch + "/ledger"
        var random = SyntheticRandom(seed: 0xA1_0B9D)
        var acknowledged: [(first: Int64, last: Int64, hash: String)] = []
        var killed = 0
        var tablesSeen = Set<String>()
        func eventFile(_ k: Int) throws -> String {
            let path = scratch + "/event-\(k).jsonl"
            let line = #"{"id":"after-\#(k)","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"AFTER\#(k)","name":"小区\#(k)","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"1000.00","total_owners":10}}"#
            try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func records(withId id: String) throws -> Int {
            let text = try String(contentsOfFile: ledger + "/events.jsonl", encoding: .utf8)
            return text.components(separatedBy: #""id":"\#(id)""#).count - 1
        }
        var k = 0
        while k < iterations || (killed == 0 && k < iterations * 3) {
            defer { k += 1 }
            let out = scratch + "/ack-\(k)", err = scratch + "/err-\(k)"
            let arguments = ["writer", "--ledger", ledger, "--create", "--seed", "\(k + 1)", "--batch", "\(100 + random.below(400))",
                             "--id-prefix", "t\(k)", "--hold", "--id-policy", "64,\(128 + random.below(1_000))"]
            let writer = try FaultProcess.start(bench, arguments, stdout: out, stderr: err)
            let stretch = k < iterations ? 1 : 1 << min(k - iterations + 1, 4)
            Thread.sleep(forTimeInterval: Double((k == 0 ? 300_000 : 50_000) + random.below(500_000)) * Double(stretch) / 1e6)
            ProcessSignal.kill(writer.processIdentifier)
            writer.waitUntilExit()
            let errors = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            #expect(writer.terminationReason == .uncaughtSignal, "writer exited by itself: \(errors)")
            if writer.terminationReason == .uncaughtSignal { killed += 1 }
            #expect(!errors.contains("error"), "writer reported: \(errors)")
            let acks = FaultProcess.acknowledgements(out)
            acknowledged += acks
            for name in (try? FileManager.default.contentsOfDirectory(atPath: ledger + "/index")) ?? [] where name.hasPrefix("ids") {
                tablesSeen.insert(name)
            }
            guard PosixFile.exists(ledger + "/ledger.json") else { continue }

            // Every acknowledged record is there, unchanged.
            let (summary, hashes) = FaultProcess.committedHashes(ledger + "/events.jsonl")
            let scan = try #require(summary, "the log could not be read after kill \(k)")
            #expect(scan.failure == nil, "after kill \(k)")
            for ack in acknowledged {
                #expect(ack.last <= scan.recordCount, "acknowledged seq \(ack.last) is gone after kill \(k)")
                if ack.last <= Int64(hashes.count) { #expect(hashes[Int(ack.last) - 1] == ack.hash, "record \(ack.last) changed after kill \(k)") }
            }

            // What the kill left is a usable id index as it is (a table written alongside and killed before its
            // rename, or between the removal of the levels it replaces and the rename, leaves tables stamped earlier,
            // which the next open completes from the log): checked on a copy, before any command could rebuild it
            // (`verify --index` writes what it rebuilds), so that the commands below still start from the kill's state.
            let copy = scratch + "/left-\(k)"
            try FileManager.default.copyItem(atPath: ledger, toPath: copy)
            let left = try FaultProcess.run(ledgerTool, ["verify", "--ledger", copy, "--index", "--json"], in: scratch)
            #expect(left.status == 0 && left.out.contains(#""ids":{"detail":"made at record"#), "right after kill \(k): \(left.out)")
            try? FileManager.default.removeItem(atPath: copy)

            // The next commands answer: the event appended once, then found a duplicate.
            let again = try FaultProcess.run(ledgerTool, ["append", "--ledger", ledger, "--file", try eventFile(k), "--actor", "clerk"], in: scratch)
            #expect(again.status == 0, "after kill \(k): \(again.err)")
            #expect(!again.err.contains("note: ids"), "the id index was rebuilt after kill \(k): \(again.err)")
            #expect(try records(withId: "after-\(k)") == 1, "after kill \(k)")
            let third = try FaultProcess.run(ledgerTool, ["append", "--ledger", ledger, "--file", try eventFile(k), "--actor", "clerk"], in: scratch)
            #expect(third.status == 0 && third.err.isEmpty, "after kill \(k): \(third.err)")
            #expect(try records(withId: "after-\(k)") == 1, "after kill \(k)")

            // This run's acknowledged batches: each batch's first and last id where the log has them (ids
            // t<k>-1, t<k>-2, … in order, every event of a batch fresh).
            let directory = try LedgerDirectory.open(ledger)
            let reader = try LogWriter.open(directory)
            var counter: Int64 = 0
            for ack in acks {
                let size = ack.last - ack.first + 1
                #expect(try reader.seq(ofId: "t\(k)-\(counter + 1)") == ack.first, "after kill \(k)")
                #expect(try reader.seq(ofId: "t\(k)-\(counter + size)") == ack.last, "after kill \(k)")
                counter += size
            }
            reader.close()

            let verify = try FaultProcess.run(ledgerTool, ["verify", "--ledger", ledger, "--index", "--json"], in: scratch)
            #expect(verify.status == 0 && verify.out.contains(#""ids":{"detail":"made at record"#), "after kill \(k): \(verify.out)")
        }
        #expect(killed > 0, "no run was killed: the kills came too late")
        #expect(!acknowledged.isEmpty, "no batch was acknowledged before any kill")
        // The writers wrote tables above the base (merged alongside as the policy says).
        #expect(tablesSeen.contains { $0.hasPrefix("ids-") && !$0.hasSuffix(".tmp") }, "tables seen: \(tablesSeen)")
        print("alongside crash test: \(k) runs, \(killed) killed, \(acknowledged.count) acknowledged batches, tables seen \(tablesSeen.sorted())")
    }
}
