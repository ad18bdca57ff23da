@testable import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A batch too large to hold whole (a million-row import) is written in pieces: the file is the same as with one
/// write, the batch is still all or nothing, and events made on demand are read, never kept.
@Suite struct LargeBatchTests {
    static func options() -> AppendOptions {
        AppendOptions(recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "generated" })
    }

    @Test func aBatchWrittenInPiecesGivesTheSameLog() throws {
        let events = (0..<120).map { TestLedger.event($0) }
        var logs: [[UInt8]] = []
        for pieceBytes in [1 << 20, 2_048, 1] {
            let temp = TemporaryDirectory()
            let directory = TestLedger.create(in: temp)
            let writer = try LogWriter.open(directory)
            writer.writePieceBytes = pieceBytes
            let result = try writer.append(EventBatch(count: events.count) { events[$0] }, options: Self.options())
            #expect(result.appended.map(\.seq) == Array(1...120))
            // The writer's own index of the new records is right: appending them again finds every one.
            let again = try writer.append(events, options: Self.options())
            #expect(again.appended.isEmpty && again.duplicates.map(\.existingSeq) == Array(1...120).map(Optional.some))
            writer.close()
            guard let summary = try? LogScanner.verify(path: directory.eventsPath) else {
                Issue.record("unreadable")
                continue
            }
            #expect(summary.failure == nil && summary.recordCount == 120)
            logs.append(TestLedger.logBytes(directory))
        }
        #expect(logs.count == 3 && logs.allSatisfy { $0 == logs[0] })
    }

    @Test func aRecordRefusedAfterPiecesWereWrittenLeavesTheLogAsItWas() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let before = TestLedger.logBytes(directory)
        // Quotes double when written: this string passes the input limit but not verify's.
        let tooLong = TestLedger.event(99, data: ["text": .string(String(repeating: "\"", count: 40_000))])
        let batch = (1..<40).map { TestLedger.event($0) } + [tooLong]
        let writer = try LogWriter.open(directory)
        writer.writePieceBytes = 1_024
        #expect(throws: ChainError.self) { try writer.append(batch, options: Self.options()) }
        #expect(TestLedger.logBytes(directory) == before)
        // The file was cut back: this writer appends no more until the ledger is opened again.
        #expect(throws: ChainError.self) { try writer.append([TestLedger.event(1)], options: Self.options()) }
        writer.close()
        let reopened = try LogWriter.open(directory)
        let result = try reopened.append([TestLedger.event(1)], options: Self.options())
        reopened.close()
        #expect(result.appended.map(\.seq) == [2])
    }
}
