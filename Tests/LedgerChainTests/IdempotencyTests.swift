import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

@Suite struct IdempotencyTests {
    static func options(expectSeq: Int64? = nil) -> AppendOptions {
        AppendOptions(expectSeq: expectSeq, recordedAt: TestLedger.recordedAt, defaultActor: "clerk", makeId: { "generated" })
    }

    @Test func reAppendingTheSameBatchAppendsNothing() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let batch = (0..<5).map { TestLedger.event($0) }
        try TestLedger.append(batch, to: directory)
        let before = TestLedger.logBytes(directory)
        let writer = try LogWriter.open(directory)
        var rerun = batch
        rerun[2].actor = "another-clerk" // the actor is not content: still a duplicate
        let result = try writer.append(rerun, options: Self.options())
        writer.close()
        #expect(result.appended.isEmpty)
        #expect(result.duplicates.map(\.existingSeq) == [1, 2, 3, 4, 5])
        #expect(TestLedger.logBytes(directory) == before)
    }

    @Test func aBatchMixingNewAndDuplicateEventsAppendsOnlyTheNewOnes() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0), TestLedger.event(1)], to: directory)
        let writer = try LogWriter.open(directory)
        let result = try writer.append([TestLedger.event(1), TestLedger.event(2), TestLedger.event(2)], options: Self.options())
        writer.close()
        #expect(result.appended.map(\.id) == ["ev-2"])
        #expect(result.duplicates == [.init(id: "ev-1", existingSeq: 2), .init(id: "ev-2", existingSeq: nil)])
    }

    @Test func theSameIdWithDifferentContentFailsTheWholeBatch() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0)], to: directory)
        let before = TestLedger.logBytes(directory)
        let changed = TestLedger.event(0).editingData { $0["n"] = .integer(99) }
        let writer = try LogWriter.open(directory)
        #expect(throws: ChainError.idConflict(id: "ev-0", existingSeq: 1, reason: Wording(en: "data.n 0 vs 99", zh: "data.n 原记录为 0，本次为 99"))) {
            try writer.append([TestLedger.event(5), changed], options: Self.options())
        }
        var twice = TestLedger.event(7)
        twice.occurredOn = CalendarDate(year: 2030, month: 1, day: 1)!
        #expect(throws: ChainError.self) { try writer.append([TestLedger.event(7), twice], options: Self.options()) }
        writer.close()
        #expect(TestLedger.logBytes(directory) == before)
    }

    @Test func expectSeqGuardsAgainstConcurrentAppends() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append([TestLedger.event(0), TestLedger.event(1)], to: directory)
        let before = TestLedger.logBytes(directory)
        let writer = try LogWriter.open(directory)
        #expect(throws: ChainError.sequenceConflict(expected: 1, actual: 2)) {
            try writer.append([TestLedger.event(2)], options: Self.options(expectSeq: 1))
        }
        #expect(TestLedger.logBytes(directory) == before)
        let result = try writer.append([TestLedger.event(2)], options: Self.options(expectSeq: 2))
        writer.close()
        #expect(result.lastSeq == 3)
    }

    @Test func generatedIdsAreUsedForEventsWithoutOne() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        var event = TestLedger.event(0)
        event.id = nil
        let result = try TestLedger.append([event], to: directory)
        #expect(result.appended.first?.id == "gen-1")
    }
}
