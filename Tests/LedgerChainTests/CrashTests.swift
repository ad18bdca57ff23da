import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import LedgerSynthetic
import Testing

/// A real writer process (`ledger-bench writer`) appends acknowledged batches and is killed with SIGKILL at
/// random moments: while starting, while scanning the log, in the middle of a write, between fsync and read-back,
/// while cutting an earlier torn tail. After every kill the ledger must hold every acknowledged record unchanged,
/// verify (a torn tail is allowed), and take further appends.
///
/// LEDGER_CRASH_ITERATIONS sets the number of kills (100 for the full run; 15 by default, times LEDGER_TEST_DEPTH).
@Suite("Crash: SIGKILL during appends")
struct CrashTests {
    @Test("every acknowledged batch survives a kill at a random moment")
    func killedWriterLosesNothingAcknowledged() throws {
        let bench = try #require(TestBinaries.path("ledger-bench"), "ledger-bench is not built in \(TestBinaries.directory)")
        let iterations = FaultProcess.count("LEDGER_CRASH_ITERATIONS", default: 15)
        let scratch = try FaultProcess.scratchDirectory("crash")
        defer { if ProcessInfo.processInfo.environment["LEDGER_KEEP_SCRATCH"] == nil { try? FileManager.default.removeItem(atPath: scratch) } }
        var random = SyntheticRandom(seed: 0xC2A5_4001)
        var acknowledged: [(first: Int64, last: Int64, hash: String)] = []
        var acknowledgedBatches = 0
        var tornTailsSeen = 0
        var ledger = ""
        // Under load a writer may not reach its first acknowledgement before the kill: then up to twice as many
        // more kills are made, each after longer waits, until some batch was acknowledged.
        var iteration = 0
        while iteration < iterations || (acknowledgedBatches == 0 && iteration < iterations * 3) {
            defer { iteration += 1 }
            let stretch = iteration < iterations ? 1 : 1 << min(iteration - iterations + 1, 4)
            // A fresh ledger every ten kills keeps the writer's opening scan short, so kills land in appends too.
            if iteration % 10 == 0 {
                ledger = scratch + "/ledger-\(iteration / 10)"
                acknowledged = []
            }
            let out = scratch + "/ack-\(iteration)", err = scratch + "/err-\(iteration)"
            // Mostly small batches; some large ones, whose single write(2) a SIGKILL can cut between pages.
            let batch = random.chance(20) ? 200 + random.below(500) : 1 + random.below(40)
            var arguments = ["writer", "--ledger", ledger, "--create", "--seed", "\(iteration + 1)",
                             "--batch", "\(batch)", "--id-prefix", "k\(iteration)"]
            if random.chance(70) { arguments.append("--hold") }   // else reopen (scan, lock, torn-tail cut) per batch
            let writer = try FaultProcess.start(bench, arguments, stdout: out, stderr: err)
            // The first run must create the ledger before it can be killed usefully.
            let delay = ((iteration % 10 == 0 ? 200_000 : 20_000) + random.below(300_000)) * stretch
            Thread.sleep(forTimeInterval: Double(delay) / 1e6)
            ProcessSignal.kill(writer.processIdentifier)
            writer.waitUntilExit()
            let errors = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            #expect(writer.terminationReason == .uncaughtSignal, "writer exited by itself: \(errors)")
            #expect(!errors.contains("error"), "writer reported: \(errors)")
            let acks = FaultProcess.acknowledgements(out)
            acknowledged += acks
            acknowledgedBatches += acks.count
            if ProcessInfo.processInfo.environment["LEDGER_CRASH_TRACE"] != nil {
                print("kill \(iteration): batch \(batch), \(arguments.contains("--hold") ? "held" : "reopened"), after \(delay / 1000) ms: \(acks.count) acks")
            }

            guard PosixFile.exists(ledger + "/ledger.json") else { continue }
            let (summary, hashes) = FaultProcess.committedHashes(ledger + "/events.jsonl")
            let scan = try #require(summary, "the log could not be read after kill \(iteration)")
            #expect(scan.failure == nil, "after kill \(iteration): \(scan.failure.map { "\($0)" } ?? "")")
            // The acknowledged head is recorded before success is printed, and never runs ahead of the log.
            let directory = try LedgerDirectory.open(ledger)
            let withHead = try LogScanner.verify(directory)
            #expect(withHead.failure == nil, "after kill \(iteration): \(withHead.failure.map { "\($0)" } ?? "")")
            if let last = acknowledged.last {
                #expect((try AcknowledgedHead.read(directory)?.seq ?? 0) >= last.last, "the acknowledged head is behind an acknowledged batch after kill \(iteration)")
            }
            if scan.tornTail != nil { tornTailsSeen += 1 }
            for ack in acknowledged {
                #expect(ack.last <= scan.recordCount, "acknowledged seq \(ack.last) is gone after kill \(iteration)")
                if ack.last <= Int64(hashes.count) {
                    #expect(hashes[Int(ack.last) - 1] == ack.hash, "acknowledged record \(ack.last) changed after kill \(iteration)")
                }
            }
        }
        // A run in which nothing was ever acknowledged would prove nothing.
        #expect(acknowledgedBatches > 0, "no batch was acknowledged before any kill")
        let acknowledgedRecords = acknowledged.reduce(0) { $0 + ($1.last - $1.first + 1) }

        // Appends continue after the last kill: the next writer cuts any torn tail and appends.
        let directory = try LedgerDirectory.open(ledger)
        var notices: [String] = []
        let writer = try LogWriter.open(directory, notice: { notices.append($0) })
        let before = writer.lastSeq
        #expect(before >= acknowledgedRecords)
        let event = Event(id: "after-crashes", occurredOn: CalendarDate(year: 2025, month: 6, day: 1)!, actor: "test",
                          payload: .inspectionRecorded(InspectionRecorded(assetID: "C00001-A001", observed: .idle, inspector: "test")))
        let result = try writer.append([event], options: AppendOptions(recordedAt: Timestamp(secondsSinceEpoch: 1_750_000_000),
                                                                      defaultActor: nil, makeId: { "unused" }))
        writer.close()
        #expect(result.lastSeq == before + 1)
        guard let final = try? LogScanner.verify(path: directory.eventsPath) else {
            Issue.record("the log could not be read at the end")
            return
        }
        #expect(final.failure == nil && final.tornTail == nil && final.recordCount == before + 1)
        print("crash test: \(iterations) kills, \(acknowledgedBatches) acknowledged batches, \(tornTailsSeen) torn tails seen")
    }

    /// A kill after the batch is durable in the log and before it is recorded as acknowledged (the writer stops
    /// there on purpose) recovers as before that record existed: the batch is committed, nothing is lost or cut,
    /// and the next writer appends and moves the acknowledged head on.
    @Test("a kill between the batch's fsync and the acknowledged head keeps the batch")
    func killedBetweenFsyncAndAcknowledgement() throws {
        let bench = try #require(TestBinaries.path("ledger-bench"), "ledger-bench is not built in \(TestBinaries.directory)")
        let scratch = try FaultProcess.scratchDirectory("crash-ack")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ledger = scratch + "/ledger", out = scratch + "/out", err = scratch + "/err"
        let writer = try FaultProcess.start(bench, ["writer", "--ledger", ledger, "--create", "--batch", "5", "--batches", "3",
                                                    "--hold", "--pause-before-ack", "3"], stdout: out, stderr: err)
        var waited = 0
        while !FaultProcess.completeLines(out).contains("durable"), waited < 600, writer.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 1
        }
        #expect(FaultProcess.completeLines(out).contains("durable"), "the writer never reached the pause")
        ProcessSignal.kill(writer.processIdentifier)
        writer.waitUntilExit()
        let acks = FaultProcess.acknowledgements(out)
        #expect(acks.map(\.last) == [5, 10])
        let directory = try LedgerDirectory.open(ledger)
        #expect(try AcknowledgedHead.read(directory)?.seq == 10)
        let summary = try LogScanner.verify(directory)
        #expect(summary.failure == nil && summary.tornTail == nil && summary.recordCount == 15)
        var notices: [String] = []
        let next = try LogWriter.open(directory, notice: { notices.append($0) })
        #expect(notices.isEmpty && next.lastSeq == 15)
        let event = Event(id: "after-kill", occurredOn: CalendarDate(year: 2025, month: 6, day: 1)!, actor: "test",
                          payload: .inspectionRecorded(InspectionRecorded(assetID: "C00001-A001", observed: .idle, inspector: "test")))
        let result = try next.append([event], options: AppendOptions(recordedAt: Timestamp(secondsSinceEpoch: 1_750_000_000),
                                                                    defaultActor: nil, makeId: { "unused" }))
        next.close()
        #expect(try AcknowledgedHead.read(directory) == AcknowledgedHead(seq: 16, hash: result.headHash))
    }
}
