import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Several writer processes and several reader processes on one ledger at once. Writers take turns at the lock;
/// every reader, whenever it looks, sees a log that verifies, and what it sees is a prefix of the final log.
///
/// LEDGER_STRESS_BATCHES sets the batches per writer (12 by default).
@Suite("Concurrent writer and reader processes")
struct StressTests {
    @Test("writers interleave without loss; readers always see a verifiable prefix")
    func writersAndReaders() throws {
        let bench = try #require(TestBinaries.path("ledger-bench"), "ledger-bench is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("stress")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ledger = scratch + "/ledger"
        let batches = FaultProcess.count("LEDGER_STRESS_BATCHES", default: 12)
        // One batch first, so that readers start on an existing ledger.
        let seedRun = try FaultProcess.run(bench, ["writer", "--ledger", ledger, "--create", "--batches", "1", "--id-prefix", "s0"], in: scratch)
        #expect(seedRun.status == 0, "\(seedRun.err)")

        var writers: [(Process, String)] = []
        for w in 1...3 {
            let out = scratch + "/writer-\(w).out"
            let process = try FaultProcess.start(bench, ["writer", "--ledger", ledger, "--seed", "\(w)", "--batch", "\(5 * w)",
                                                        "--batches", "\(batches)", "--id-prefix", "s\(w)"],
                                                 stdout: out, stderr: out + ".err")
            writers.append((process, out))
        }
        var readers: [(Process, String)] = []
        for r in 1...2 {
            let out = scratch + "/reader-\(r).out"
            let process = try FaultProcess.start(bench, ["reader", "--ledger", ledger, "--rounds", "\(batches * 2)"],
                                                 stdout: out, stderr: out + ".err")
            readers.append((process, out))
        }
        for (process, out) in writers + readers {
            process.waitUntilExit()
            let errors = (try? String(contentsOfFile: out + ".err", encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0 && process.terminationReason == .exit, "\(out): \(errors)")
        }

        let (summary, hashes) = FaultProcess.committedHashes(ledger + "/events.jsonl")
        let final = try #require(summary)
        #expect(final.failure == nil && final.tornTail == nil)
        // Every acknowledged batch is in the log, the batches do not overlap, and together they are the log.
        var acknowledged: [(first: Int64, last: Int64, hash: String)] = []
        for line in seedRun.out.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 4, let first = Int64(parts[1]), let last = Int64(parts[2]) { acknowledged.append((first, last, String(parts[3]))) }
        }
        for (_, out) in writers {
            let acks = FaultProcess.acknowledgements(out)
            #expect(acks.count == batches, "\(out): \(acks.count) of \(batches) batches acknowledged")
            acknowledged += acks
        }
        acknowledged.sort { $0.first < $1.first }
        var next: Int64 = 1
        for ack in acknowledged {
            #expect(ack.first == next, "batches overlap or leave a gap at seq \(next)")
            #expect(ack.last <= Int64(hashes.count) && hashes[Int(ack.last) - 1] == ack.hash, "batch ending at \(ack.last) changed")
            next = ack.last + 1
        }
        #expect(final.recordCount == next - 1)
        // Each reader's view (records, head) is the final log cut at that many records.
        var views = 0
        for (_, out) in readers {
            for line in FaultProcess.completeLines(out) {
                let parts = line.split(separator: " ")
                #expect(parts.first == "seen", "reader: \(line)")
                guard parts.count == 3, let count = Int(parts[1]) else { continue }
                let expected = count == 0 ? Record.genesisPrev.hex : (count <= hashes.count ? hashes[count - 1] : "beyond the final log")
                #expect(String(parts[2]) == expected, "a reader saw \(count) records with a head that is not the final log's")
                views += 1
            }
        }
        #expect(views == 2 * batches * 2)
    }
}
