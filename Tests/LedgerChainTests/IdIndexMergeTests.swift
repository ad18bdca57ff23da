import Foundation
@testable import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The id index's merge policy (`IdIndexPolicy`, ledger-spec.md 15.3): over a long run of appends the entries it
/// writes grow as N log N — counted, not timed — and every lookup stays right across the merges.
@Suite("Id index merges (index/ids, ids-2, …)") struct IdIndexMergeTests {
    /// A stamp for record `seq` of a log whose lines are 100 bytes (99 and the newline).
    static func stamp(_ seq: Int64) -> StateStamp {
        StateStamp(seq: seq, hash: SHA256.digest(Array("record \(seq)".utf8)), lineOffset: (seq - 1) * 100, lineBytes: 99)
    }

    static func location(_ seq: Int64) -> RecordLocation {
        RecordLocation(seq: seq, lineNumber: Int(seq), byteOffset: (seq - 1) * 100, byteCount: 99)
    }

    /// The seq the index gives for `id`: the tables' entry for its key (confirmed by the model, as the writer
    /// confirms it by reading the record), else the delta's.
    static func find(_ index: IdIndex, _ id: String, _ seqOf: (String) -> Int64?) throws -> Int64? {
        for candidate in try index.tableCandidates(id) where seqOf(id) == candidate.seq { return candidate.seq }
        return index.delta[id]?.seq
    }

    /// Session 15 note: a merge that met a damaged block said `ids` whatever table held it; `maintain` names the
    /// table at fault (the writer's notice then says it) — here `ids-3`, damaged in place after it was opened, as a
    /// disk fault would, in a merge that writes `ids-2` (so the name comes from the table read, not the one written).
    @Test func aMergeThatMeetsADamagedTableNamesIt() throws {
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        // Unit 4, ratio 8: class 0 below 32 entries, 1 below 256, 2 below 2,048.
        let index = IdIndex(directory: directory, policy: IdIndexPolicy(deltaMax: 4, ratio: 8))
        var seq: Int64 = 0
        func flush(_ count: Int) throws {
            for _ in 0..<count {
                seq += 1
                index.delta["id-\(seq)"] = Self.location(seq)
            }
            index.genesis = Self.stamp(1)
            index.head = Self.stamp(seq)
            try index.maintain(closing: true)
        }
        try flush(300)
        try flush(40)
        try flush(5)
        #expect(index.tables.map(\.count) == [300, 40, 5])
        let path = IdIndex.levelPath(directory, 3)
        let file = try PosixFile(path: path, mode: .readWrite)
        let size = try file.size()
        // The last entry of its one block (the 8-byte fence follows): read only by a pass over the whole table.
        var byte = [UInt8]()
        try file.read(at: size - 12, count: 1, into: &byte)
        try file.write([byte[0] ^ 0x10], at: size - 12)
        file.close()
        // 30 new entries absorb ids-3 (class 0) and then ids-2 (class 1), written as ids-2.
        do {
            try flush(30)
            Issue.record("the merge read the damaged block without noticing")
        } catch ChainError.idTable(let name, let problem) {
            #expect(name == "ids-3", "\(name): \(problem)")
        }
    }

    /// Records arrive in flushes of random size (more than `deltaMax` each, as the writer flushes); after every
    /// flush the chain continues from the base, its size classes fall strictly, and a sample of ids present (and
    /// absent, against a set) is looked up. At the end: every id, and the entries written are within the policy's
    /// bound N · (1 + ratio · (classes + 1)) — N log N; version 1's second table, rewritten whole at every flush,
    /// wrote some N² / (32 · deltaMax) entries.
    @Test(arguments: TestScale.seeds(4, from: 1))
    func entriesWrittenGrowAsNLogNAndLookupsStayRight(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let temp = TemporaryDirectory()
        let directory = TestLedger.create(in: temp)
        let policy = IdIndexPolicy(deltaMax: 4, ratio: Int64(random.int(2...4)))
        let index = IdIndex(directory: directory, policy: policy)
        let records: Int64 = 6_000
        var present = Set<String>()
        var seq: Int64 = 0
        func id(_ s: Int64) -> String { "id-\(seed)-\(s)" }
        func seqOf(_ text: String) -> Int64? { present.contains(text) ? Int64(text.split(separator: "-").last!)! : nil }
        var sawLevels = 0
        while seq < records {
            for _ in 0..<random.int(5...14) {
                seq += 1
                index.delta[id(seq)] = Self.location(seq)
                present.insert(id(seq))
            }
            index.genesis = Self.stamp(1)
            index.head = Self.stamp(seq)
            try index.maintain(closing: random.int(0..<2) == 0)
            sawLevels = max(sawLevels, index.tables.count)
            // The chain: levels 1, 2, … each continuing the one before, classes falling, every record once.
            var covered: Int64 = 0
            for (i, table) in index.tables.enumerated() {
                #expect(table.header.level == UInt64(i + 1))
                #expect(table.header.fromSeq == covered, "level \(i + 1) continues the one before")
                covered = table.header.to.seq
                if i > 0 { #expect(policy.sizeClass(index.tables[i - 1].count) > policy.sizeClass(table.count)) }
                #expect(FileManager.default.fileExists(atPath: IdIndex.levelPath(directory, i + 1)))
            }
            #expect(!FileManager.default.fileExists(atPath: IdIndex.levelPath(directory, index.tables.count + 1)), "no level above the newest")
            #expect(covered + Int64(index.delta.count) == seq)
            for _ in 0..<16 {
                let s = Int64(random.int(1...Int(seq)))
                #expect(try Self.find(index, id(s), seqOf) == s, "\(id(s)) after record \(seq)")
                let absent = "absent-\(random.int(0..<1_000_000))"
                #expect(try Self.find(index, absent, seqOf) == nil)
            }
        }
        for s in 1...seq { #expect(try Self.find(index, id(s), seqOf) == s) }
        let classes = Int64(policy.sizeClass(seq))
        #expect(index.entriesWritten <= seq * (1 + policy.ratio * (classes + 1)), "ratio \(policy.ratio): \(index.entriesWritten) entries written for \(seq) records")
        #expect(index.tables.count <= Int(classes) + 1)
        #expect(sawLevels >= 3, "the run made only \(sawLevels) levels")
        // The files on disk hold what the index holds, level by level.
        for (i, table) in index.tables.enumerated() {
            let stored = try #require(try IdTable.open(path: IdIndex.levelPath(directory, i + 1)))
            #expect(try stored.allEntries() == table.allEntries())
        }
    }

    /// The standard policy in numbers: 10 million records appended 1,025 at a time (single appends, each writer
    /// flushing when it closes) keep at most 5 levels and write some 15 entries a record; version 1's policy
    /// (simulated below) wrote 165. Only the policy's arithmetic is run, no file.
    @Test func theStandardPolicyAtTenMillionRecords() {
        let policy = IdIndexPolicy.standard
        func run(_ records: Int64, flush: Int64) -> (written: Int64, levels: Int) {
            var chain: [Int64] = []
            var written: Int64 = 0
            var levels = 0
            var n: Int64 = 0
            while n < records {
                n += flush
                var gathered = flush
                while let last = chain.last, policy.sizeClass(last) <= policy.sizeClass(gathered) { gathered += chain.removeLast() }
                chain.append(gathered)
                written += gathered
                levels = max(levels, chain.count)
            }
            return (written, levels)
        }
        func version1(_ records: Int64, flush: Int64) -> Int64 {
            var base: Int64 = 0, recent: Int64 = 0, written: Int64 = 0, n: Int64 = 0
            while n < records {
                n += flush
                if base == 0 { base = flush; written += flush; continue }
                if recent + flush > max(65_536, base / 16) { base += recent + flush; written += base; recent = 0 } else { recent += flush; written += recent }
            }
            return written
        }
        let single = run(10_000_000, flush: 1_025), batched = run(10_000_000, flush: 65_537)
        #expect(single.levels <= 5 && batched.levels <= 4, "\(single) \(batched)")
        #expect(single.written < 20 * 10_000_000, "\(single.written)")
        #expect(version1(10_000_000, flush: 1_025) > 150 * 10_000_000)
    }
}
