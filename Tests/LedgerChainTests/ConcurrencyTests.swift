import Foundation
import LedgerChain
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
}

/// A thread-safe counter for test bookkeeping.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
