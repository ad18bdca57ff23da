import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import LedgerSynthetic
import Testing

/// A full disk or a file-size limit in the middle of an append: a clear error naming the cause, nothing of the
/// batch visible, and a ledger that still verifies and takes the next append once space is back.
@Suite("Disk full and permission errors during append")
struct DiskFullTests {
    static let recordedAt = Timestamp(secondsSinceEpoch: 1_750_000_000)

    /// A ledger holding `count` synthetic records; returns its directory and the log's bytes.
    static func ledger(in scratch: String, records count: Int) throws -> (LedgerDirectory, [UInt8]) {
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "disk-full", createdAt: recordedAt)
        var city = SyntheticCity(eventCount: count, seed: 11, communityCount: 3)
        let writer = try LogWriter.open(directory)
        _ = try writer.append(city.nextBatch(maxEvents: count), options: options)
        writer.close()
        return (directory, try PosixFile(path: directory.eventsPath, mode: .read).readAll())
    }

    static var options: AppendOptions {
        AppendOptions(recordedAt: recordedAt, defaultActor: "test", makeId: { preconditionFailure("events carry ids") })
    }

    /// Events `skip + 1 … skip + count` of the city that `ledger(in:records:)` starts, as `ledger append` input
    /// lines: the same city continued, so the batch passes the domain checks on top of the ledger.
    static func eventLines(_ count: Int, after skip: Int) -> [UInt8] {
        var city = SyntheticCity(eventCount: skip + count, seed: 11, communityCount: 3)
        _ = city.nextBatch(maxEvents: skip)
        var out = [UInt8]()
        while let event = city.next() {
            let line: JSONValue = .object(["id": .string(event.id!), "type": .string(event.type),
                                           "occurred_on": .string(event.occurredOn.description),
                                           "actor": .string(event.actor ?? "test"), "data": .object(event.data)])
            out += CanonicalJSON.encode(line) + [0x0A]
        }
        return out
    }

    /// Runs `ledger append` of a ~1.5 MB batch under `ulimit -f` set about 64 KiB above the log's size.
    static func appendUnderFileSizeLimit(_ directory: LedgerDirectory, logBytes: Int, scratch: String,
                                         ignoreSignal: Bool) throws -> (status: Int32, signalled: Bool, out: String, err: String) {
        // dash counts ulimit -f in 512-byte blocks, bash in 1024: either way the limit falls inside the batch.
        let blocks = (logBytes + 65_536) / 512 + 1
        if ignoreSignal {
            // The real command line: `ledger append` with the signal ignored, so write(2) fails with EFBIG. The
            // synthetic city's spending purposes include words outside the category vocabulary (maintenance,
            // safety): said to be new on purpose, so the batch reaches the writer.
            let ledger = try #require(TestBinaries.path("ledger"), "ledger is not built in \(TestBinaries.directory)")
            let batch = scratch + "/batch.jsonl"
            #expect(FileManager.default.createFile(atPath: batch, contents: Data(eventLines(3_000, after: 100))))
            return try FaultProcess.run("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$@\"", "sh", ledger, "append",
                                                    "--ledger", directory.path, "--file", batch,
                                                    "--recorded-at", "2025-06-01T00:00:00Z", "--actor", "test", "--allow-new-category"], in: scratch)
        }
        // A shell cannot un-ignore a signal it inherited ignored, so the writer restores SIGXFSZ's default itself.
        let bench = try #require(TestBinaries.path("ledger-bench"), "ledger-bench is not built in \(TestBinaries.directory)")
        return try FaultProcess.run("/bin/sh", ["-c", "ulimit -f \(blocks); exec \"$@\"", "sh", bench, "writer", "--default-xfsz",
                                                "--ledger", directory.path, "--batch", "3000", "--batches", "1", "--seed", "99",
                                                "--id-prefix", "big"], in: scratch)
    }

    @Test("a file-size limit (EFBIG) mid-batch: clear error, log byte-for-byte unchanged, still verifies")
    func fileSizeLimitLeavesLogUnchanged() throws {
        let scratch = try FaultProcess.scratchDirectory("efbig")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let (directory, before) = try Self.ledger(in: scratch, records: 100)
        let run = try Self.appendUnderFileSizeLimit(directory, logBytes: before.count, scratch: scratch, ignoreSignal: true)
        #expect(run.status == 2 && !run.signalled, "status \(run.status): \(run.err)")
        #expect(run.err.contains("File too large"), "the cause is named: \(run.err)")
        #expect(run.err.contains("nothing of this batch was kept"), "the user is told the batch is not in: \(run.err)")
        let after = try PosixFile(path: directory.eventsPath, mode: .read).readAll()
        #expect(after == before, "the partial batch was removed")
        guard let summary = try? LogScanner.verify(path: directory.eventsPath) else { Issue.record("unreadable"); return }
        #expect(summary.failure == nil && summary.tornTail == nil && summary.recordCount == 100)
    }

    @Test("killed by SIGXFSZ mid-batch: the partial batch is a torn tail, verify passes, the next writer cuts it")
    func fileSizeSignalLeavesTornTail() throws {
        let scratch = try FaultProcess.scratchDirectory("sigxfsz")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let (directory, before) = try Self.ledger(in: scratch, records: 100)
        let run = try Self.appendUnderFileSizeLimit(directory, logBytes: before.count, scratch: scratch, ignoreSignal: false)
        #expect(run.signalled, "the writer should have been killed by SIGXFSZ; status \(run.status): \(run.err)")
        guard let summary = try? LogScanner.verify(path: directory.eventsPath) else { Issue.record("unreadable"); return }
        #expect(summary.failure == nil)
        #expect(summary.recordCount == 100, "no record of the unfinished batch counts")
        #expect(summary.tornTail != nil, "the partial write is reported as a torn tail")
        var notices: [String] = []
        let writer = try LogWriter.open(directory, notice: { notices.append($0) })
        #expect(notices.count == 1 && notices[0].contains("discarded the torn tail"))
        #expect(try PosixFile(path: directory.eventsPath, mode: .read).readAll() == before)
        var city = SyntheticCity(eventCount: 1, seed: 12)
        let next = city.next()
        var event = try #require(next)
        event.id = "after-sigxfsz"
        _ = try writer.append([event], options: Self.options)
        writer.close()
        guard let final = try? LogScanner.verify(path: directory.eventsPath) else { Issue.record("unreadable"); return }
        #expect(final.failure == nil && final.tornTail == nil && final.recordCount == 101)
    }

    @Test("a full device (ENOSPC from /dev/full): clear error, writer refuses further appends until reopened",
          .enabled(if: ProcessSignal.isRoot, "only root can make the device node (a link to /dev/full is refused)"))
    func deviceFullIsReported() throws {
        let scratch = try FaultProcess.scratchDirectory("enospc")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let directory = try LedgerDirectory.create(at: scratch + "/ledger", name: "full", createdAt: Self.recordedAt)
        // Every write to /dev/full fails with ENOSPC; reads see an empty log. The writer opens the log without
        // following links, so the log becomes a device node of its own (major 1, minor 7, as /dev/full).
        try FileManager.default.removeItem(atPath: directory.eventsPath)
        let made = try FaultProcess.run("/bin/mknod", [directory.eventsPath, "c", "1", "7"], in: scratch)
        try #require(made.status == 0, "mknod failed: \(made.err)")
        let writer = try LogWriter.open(directory)
        var city = SyntheticCity(eventCount: 50, seed: 13)
        let batch = city.nextBatch(maxEvents: 50)
        #expect(throws: ChainError.self) { _ = try writer.append(batch, options: Self.options) }
        do {
            _ = try writer.append(batch, options: Self.options)
            Issue.record("a poisoned writer appended")
        } catch {
            #expect("\(error)".contains("reopen the ledger"), "\(error)")
        }
        writer.close()
        do {
            let fresh = try LogWriter.open(directory, lockWaitMilliseconds: 0)
            _ = try fresh.append(batch, options: Self.options)
            Issue.record("an append to a full device succeeded")
        } catch {
            guard case .file(let fileError) = error else { Issue.record("unexpected \(error)"); return }
            #expect(fileError.isNoSpace)
            #expect(error.description.contains("No space left on device") && error.description.contains("nothing of this batch was kept"),
                    "\(error)")
        }
        #expect(writer.lastSeq == 0)
    }

    @Test("a read-only log file: the writer refuses to open with a clear permission error",
          .enabled(if: !ProcessSignal.isRoot, "root ignores permission bits"))
    func readOnlyLogIsRefused() throws {
        let scratch = try FaultProcess.scratchDirectory("readonly")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let (directory, before) = try Self.ledger(in: scratch, records: 10)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: directory.eventsPath)
        do {
            _ = try LogWriter.open(directory)
            Issue.record("a read-only log was opened for writing")
        } catch {
            #expect("\(error)".contains("Permission denied"), "\(error)")
        }
        #expect(try PosixFile(path: directory.eventsPath, mode: .read).readAll() == before)
    }
}
