import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `LogScanner.batch(holding:in:)`, what `--at-seq` asks before it answers (review 37a F4): the batch of every seq of
/// a log of random batch sizes (a torn tail after it) equals the batch its record carries; a seq no line holds gets
/// nil; a damaged line the search lands on makes it scan and report the damage, not guess.
@Suite struct BatchProbeTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5]) func everySeqFindsTheBatchItsRecordCarries(seed: UInt64) throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        var random = SplitMix64(seed: seed)
        var next = 0
        // Single-event batches and longer ones, some lines longer than a probe's 8 KiB window, so probes land mid-line.
        for _ in 0..<random.int(3..<9) {
            let count = random.int(0..<3) == 0 ? 1 : random.int(2..<12)
            let long = random.int(0..<3) == 0
            try TestLedger.append((next..<next + count).map { index in
                long && index % 2 == 0 ? TestLedger.event(index, data: ["text": .string(String(repeating: "长", count: 4000))]) : TestLedger.event(index)
            }, to: directory)
            next += count
        }
        try TestLedger.appendUnacknowledged((next..<next + 3).map { TestLedger.event($0) }, to: directory)
        let full = TestLedger.logBytes(directory)
        TestLedger.writeLog(Array(full.dropLast(20)), to: directory)
        let records = try VerifiedLog.read(directory).records
        #expect(records.count == next, "seed \(seed)")
        for record in records {
            let found = try #require(try LogScanner.batch(holding: record.seq, in: directory), "seed \(seed) seq \(record.seq)")
            #expect(found.first == record.batchFirst && found.last == record.batchLast, "seed \(seed) seq \(record.seq)")
        }
        // No line holds a seq beyond the file's (callers ask only for committed seqs: a torn tail's complete lines,
        // whose seqs lie beyond the committed count, can answer for their own seqs).
        #expect(try LogScanner.batch(holding: Int64(next + 10), in: directory) == nil, "seed \(seed)")
    }

    @Test func aDamagedLogIsReportedNotGuessed() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        try TestLedger.append((0..<6).map { TestLedger.event($0) }, to: directory)
        try TestLedger.append((6..<9).map { TestLedger.event($0) }, to: directory)
        var bytes = TestLedger.logBytes(directory)
        // Every line's bytes differ from its hash: the search cannot rely on any, and the scan finds line 1 damaged.
        var index = 0
        while let newline = bytes[index...].firstIndex(of: 0x0A) {
            bytes[newline - 3] ^= 0x01
            index = newline + 1
        }
        TestLedger.writeLog(bytes, to: directory)
        #expect(throws: ChainError.self) { try LogScanner.batch(holding: 7, in: directory) }
    }
}
