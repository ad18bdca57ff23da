import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// A scoped read's lines are read and checked in two halves on two cores (`ScopeIndex.read`, `parallelSplit`), the
/// halves joined in order. For synthetic cities of 12 communities on 8 streets (8,000 records, so that a street's
/// lines make several spans: checked), every street's read holds exactly the log's records at the
/// seqs it reads, in seq order, one per line read; and every street's `rectify`, `balances` and `assets` print what
/// the whole log prints (`LEDGER_SCOPES=off`).
@Suite struct ScopedReadHalvesTests {
    static let streets = ["朝阳门街道", "建国门街道", "和平里街道", "安贞街道", "望京街道", "双井街道", "劲松街道", "六里屯街道"]

    @Test(arguments: [1, 2]) func aStreetReadInTwoHalvesHoldsTheLogsRecords(seed: Int) throws {
        var city = SyntheticCity(eventCount: 8_000, seed: UInt64(seed), communityCount: 12)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 1_000), to: directory) }
        let log = try VerifiedLog.read(directory).records
        let lineBytes = try Data(contentsOf: URL(fileURLWithPath: directory.eventsPath)).split(separator: 0x0A).map(\.count)
        #expect(lineBytes.count == log.count)
        var lineOffsets: [Int64] = [0]
        for count in lineBytes { lineOffsets.append(lineOffsets.last! + Int64(count) + 1) }
        var split = 0
        for street in Self.streets {
            guard let read = try ScopeIndex.read(directory, communityID: nil, street: street, upToSeq: nil, streetPeers: true) else { continue }
            #expect(read.records.count == read.linesRead && read.deltaRead == 0, "\(street)")
            #expect(zip(read.records, read.records.dropFirst()).allSatisfy { $0.seq < $1.seq }, "\(street)")
            for record in read.records { #expect(record == log[Int(record.seq) - 1], "\(street): record \(record.seq)") }
            // Not vacuous: the read's lines, cut into spans as the read cuts them, are read in two halves.
            let entries = read.records.map { ScopeIndex.Entry(seq: $0.seq, offset: lineOffsets[Int($0.seq) - 1],
                                                              count: UInt32(lineBytes[Int($0.seq) - 1]), code: 0, hash: $0.hash) }
            if ScopeIndex.parallelSplit(ScopeIndex.readSpans(entries), lineCount: entries.count) > 0 { split += 1 }
            for command in [["rectify", "--as-of", "2025-06-30"], ["balances"], ["assets"]] {
                ScopeIndexCommandTests.expectSame(cli, command + ["--street", street], "seed \(seed)")
            }
        }
        #expect(split >= 4, "seed \(seed): \(split) streets read in two halves")
    }

    /// A damaged line in each half: the read throws the earlier half's failure (its line's seq), as one thread
    /// reading the spans in turn stops at it; with only the later half's line damaged, that line's. (Asked of the
    /// opened index directly: `read`'s callers rebuild a damaged index, which hides which line was found.)
    @Test func theEarlierHalfsFailureIsThrownFirst() throws {
        var city = SyntheticCity(eventCount: 8_000, seed: 3, communityCount: 12)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 1_000), to: directory) }
        let url = URL(fileURLWithPath: directory.eventsPath)
        let clean = try Data(contentsOf: url)
        let lineBytes = clean.split(separator: 0x0A).map(\.count)
        var lineOffsets: [Int] = [0]
        for count in lineBytes { lineOffsets.append(lineOffsets.last! + count + 1) }
        var tried = 0
        for street in Self.streets {
            guard let read = try ScopeIndex.read(directory, communityID: nil, street: street, upToSeq: nil, streetPeers: true) else { continue }
            // In seq order whatever order the read gave (the other test asks that).
            let entries = read.records.sorted { $0.seq < $1.seq }.map {
                ScopeIndex.Entry(seq: $0.seq, offset: Int64(lineOffsets[Int($0.seq) - 1]), count: UInt32(lineBytes[Int($0.seq) - 1]),
                                 code: 0, hash: $0.hash)
            }
            let spans = ScopeIndex.readSpans(entries)
            let split = ScopeIndex.parallelSplit(spans, lineCount: entries.count)
            guard split > 0, read.records.last!.seq < Int64(lineBytes.count) else { continue }
            // A line in the middle of each half (never the log's last: the stamp's).
            let frontSeq = entries[spans[split - 1].entries.lowerBound / 2].seq
            let backSeq = entries[(spans[split].entries.lowerBound + entries.count) / 2].seq
            func damaged(_ seqs: [Int64]) throws -> ChainError.DerivedStateProblem.Detail? {
                var bytes = clean
                for seq in seqs {
                    // A letter or digit past the hash member, changed for another of its kind: the line's length
                    // (so every offset) kept, its hash not.
                    var at = lineOffsets[Int(seq) - 1] + 90
                    while !(bytes[at] >= 0x30 && bytes[at] <= 0x39) && !(bytes[at] >= 0x61 && bytes[at] <= 0x7A) { at += 1 }
                    bytes[at] = bytes[at] <= 0x39 ? (bytes[at] == 0x30 ? 0x31 : 0x30) : (bytes[at] == 0x61 ? 0x62 : 0x61)
                }
                try bytes.write(to: url)
                defer { try? clean.write(to: url) }
                guard let opened = try ScopeIndex.open(directory) else { Issue.record("no index"); return nil }
                do {
                    _ = try ScopeIndex.read(opened, directory, communityID: nil, street: street, upToSeq: nil, notice: nil,
                                            streetPeers: true, rebuildAfter: nil)
                } catch let failure as ScopeIndex.Damaged {
                    return failure.why
                }
                return nil
            }
            #expect(try damaged([frontSeq, backSeq]) == .entryDiffers(record: frontSeq), "\(street)")
            #expect(try damaged([backSeq, frontSeq]) == .entryDiffers(record: frontSeq), "\(street)")
            #expect(try damaged([backSeq]) == .entryDiffers(record: backSeq), "\(street)")
            #expect(try damaged([frontSeq]) == .entryDiffers(record: frontSeq), "\(street)")
            // The clean log is read as before.
            #expect(try damaged([]) == nil, "\(street)")
            tried += 1
        }
        #expect(tried >= 4, "\(tried) streets with both halves damaged")
    }
}
