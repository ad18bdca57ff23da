import Foundation
@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Real processes: the lock serialises writers across processes; batches never interleave.
@Suite(.serialized) struct ConcurrencyTests {
    static func batchInput(writer: String, batch: Int, size: Int) -> [UInt8] {
        var text = ""
        for item in 0..<size {
            // Valid domain events (the CLI validates them): one community per event, named after its writer and batch.
            text += #"{"id":"\#(writer)-\#(batch)-\#(item)","type":"community.registered","occurred_on":"2024-05-01","data":{"community_id":"\#(writer)-\#(batch)-\#(item)","name":"\#(writer)","street":"S","residents_committee":"batch-\#(batch)","total_area_m2":"1000.00","total_owners":10}}"# + "\n"
        }
        return Array(text.utf8)
    }

    @Test func twoWriterProcessesBothLandWithoutInterleaving() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let batches = 15, size = 3
        let group = DispatchGroup()
        let failures = LockedCounter()
        for writer in ["A", "B"] {
            DispatchQueue.global().async(group: group) {
                for batch in 0..<batches {
                    let result = try? TestBinaries.run(TestBinaries.ledger, ["append", "--ledger", directory.path, "--actor", writer],
                                                       stdin: Self.batchInput(writer: writer, batch: batch, size: size))
                    if result?.status != 0 { failures.increment() }
                }
            }
        }
        group.wait()
        #expect(failures.value == 0)
        let records = try VerifiedLog.read(directory).records
        #expect(records.count == 2 * batches * size)
        // Every batch holds the events of one writer's one input, contiguously.
        for record in records {
            let first = records[Int(record.batchFirst - 1)]
            #expect(record.data["name"] == first.data["name"])
            #expect(record.data["residents_committee"] == first.data["residents_committee"])
            #expect(record.batchLast - record.batchFirst == Int64(size - 1))
        }
        #expect(Set(records.map(\.id)).count == records.count)
    }

    @Test func aSecondWriterWaitsABoundedTimeThenFailsClearly() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let holder = try LogWriter.open(directory)
        let result = try TestBinaries.run(TestBinaries.ledger, ["append", "--ledger", directory.path, "--actor", "x", "--lock-wait", "200"],
                                          stdin: Self.batchInput(writer: "C", batch: 0, size: 1))
        holder.close()
        #expect(result.status == 2)
        #expect(result.stderr.contains("another writer holds the ledger lock"))
        #expect(TestLedger.logBytes(directory).isEmpty)
    }

    /// Review 39d (critical): `lock` removed while an append held it (a clerk taking it for a stale lock file) let a
    /// second writer lock a new file and append at the same offset; the first then wrote its batch over the
    /// second's records and acknowledged its own head — an append reported done was gone, and verify said intact.
    /// The first writer now finds its lock without a name before writing and writes nothing; the second's record
    /// stays, and the log verifies.
    @Test func aWriterWhoseLockWasRemovedWritesNothing() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let holder = try LogWriter.open(directory)
        defer { holder.close() }
        try PosixFile.remove(directory.lockPath)
        let second = try TestBinaries.run(TestBinaries.ledger, ["append", "--ledger", directory.path, "--actor", "B"],
                                          stdin: Self.batchInput(writer: "B", batch: 0, size: 2))
        #expect(second.status == 0, "\(second.stderr)")
        let before = TestLedger.logBytes(directory)
        #expect(throws: ChainError.writerDisplaced(.lockRemoved(path: directory.lockPath))) {
            try holder.append([TestLedger.event(1)], options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "A", makeId: { "gen" }))
        }
        #expect(TestLedger.logBytes(directory) == before)
        let records = try VerifiedLog.read(directory).records
        #expect(records.map(\.id) == ["ev-0", "B-0-0", "B-0-1"])
    }

    /// Review 39g (critical): the guard was asked before a batch's first piece only. A lock removed while a large
    /// batch was being written let a second writer take the first piece for a torn tail, cut it and append its own
    /// records; the first then wrote its last piece, found its first piece changed and cut the log back — the second
    /// writer's acknowledged records gone. Each piece is now guarded, and a writer whose lock lost its name never cuts.
    @Test func aLockRemovedBetweenPiecesCutsNothingOfTheOtherWriter() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let holder = try LogWriter.open(directory)
        defer { holder.close() }
        holder.writePieceBytes = 400
        var second: (status: Int32, stderr: String)? = nil
        holder.afterPieceForTesting = {
            guard second == nil else { return }
            try? PosixFile.remove(directory.lockPath)
            let run = try? TestBinaries.run(TestBinaries.ledger, ["append", "--ledger", directory.path, "--actor", "B"],
                                            stdin: Self.batchInput(writer: "B", batch: 0, size: 2))
            second = (run?.status ?? -1, run?.stderr ?? "")
        }
        #expect(throws: ChainError.self) {
            try holder.append((1...8).map { TestLedger.event($0) }, options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "A", makeId: { "gen" }))
        }
        #expect(second?.status == 0, "\(second?.stderr ?? "")")
        let records = try VerifiedLog.read(directory).records
        #expect(records.map(\.id) == ["ev-0", "B-0-0", "B-0-1"])
    }

    /// Review 39i: the lock removed while the batch was synced and read back (seconds for a large import): the
    /// writer must not record its head as acknowledged — the writer holding the lock now owns that — and the
    /// acknowledged head stays the one before the batch.
    @Test func aWriterWhoseLockWasRemovedBeforeAcknowledgingLeavesTheHead() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let head = try AcknowledgedHead.read(directory)
        let holder = try LogWriter.open(directory)
        defer { holder.close() }
        var options = AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "A", makeId: { "gen" })
        options.beforeAcknowledging = { try? PosixFile.remove(directory.lockPath) }
        #expect(throws: ChainError.writerDisplaced(.lockRemoved(path: directory.lockPath))) {
            try holder.append([TestLedger.event(1)], options: options)
        }
        #expect(try AcknowledgedHead.read(directory) == head)
    }

    /// The same guard for a log written or cut by something else while the writer held the lock: refused naming
    /// both lengths, and the bytes beyond what the writer left are not cut (they are not its own).
    @Test func aWriterWhoseLogChangedLengthWritesNothing() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let holder = try LogWriter.open(directory)
        defer { holder.close() }
        let length = Int64(TestLedger.logBytes(directory).count)
        let file = try PosixFile(path: directory.eventsPath, mode: .readWrite)
        try file.write(Array("{\"x\":1}\n".utf8), at: length)
        #expect(throws: ChainError.writerDisplaced(.logChanged(path: directory.eventsPath, expected: length, found: length + 8))) {
            try holder.append([TestLedger.event(1)], options: AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "A", makeId: { "gen" }))
        }
        #expect(Int64(TestLedger.logBytes(directory).count) == length + 8)
        let message = SystemWords.wording(ChainError.writerDisplaced(.lockRemoved(path: "L/lock")))
        #expect(message.en.contains("Never delete the ledger's lock file") && message.zh.contains("切勿删除账本的锁文件"))
        // Review 39d: `acknowledged` (or the log) readable but not writable is a permission to give, never a file
        // to remove (the root user of these tests is never refused, so the wording is checked here).
        let denied = FileError(path: "L/acknowledged", operation: "open", code: EACCES)
        let words = SystemWords.wording(ChainError.notWritable(path: "L/acknowledged", error: denied))
        #expect(words.en.contains("cannot be opened for writing") && words.en.contains("Nothing was written") && !words.en.contains("remove"))
        #expect(words.zh.contains("无法以写方式打开") && !words.zh.contains("删除"))
    }
}

/// A thread-safe counter for test bookkeeping.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }

}
