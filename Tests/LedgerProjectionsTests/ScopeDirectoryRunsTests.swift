@testable import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/scopes` version 2 (session 46, append46): the node table's page directory is checked in runs of 256
/// entries through the directory's index, and the table's communities are decoded only when asked for. Seeded
/// indexes of several runs: every key's block found by a look-up is the one the node table holds (read row by row
/// here), a key in no page is found in none; a flipped byte in the index, in a run, or in a page is found by the
/// look-up that reads it (and by `pages()`, `verify --index`'s whole check), not by one that reads other runs; the
/// table's rows read lazily are the rows the writer wrote.
@Suite struct ScopeDirectoryRunsTests {
    /// A seeded index's bytes (`ScopeIndexWriteTests.builder`), with at least `runs` runs of its page directory.
    static func index(seed: UInt64, records: Int, communities: Int) -> [UInt8] {
        var (builder, _) = ScopeIndexWriteTests.builder(seed: seed, records: records, keys: records / 20 + 1, communities: communities)
        return builder.encoded(ledgerName: "runs")!
    }

    /// `bytes` written to `path` and opened as a read opens it, but for the stamps' check against a log (there is
    /// none: the resume point is the stamp).
    static func opened(_ bytes: [UInt8], at path: String) throws -> ScopeIndex.Opened {
        try PosixFile.writeAtomically(bytes, to: path)
        let (file, header, start) = try #require(try DerivedStateHeader.open(path, kind: ScopeIndex.kind, version: ScopeIndex.version))
        let (table, parts) = try ScopeIndex.openTable(file, header, start: start)
        let stamp = header.stamp
        return ScopeIndex.Opened(file: file, header: header, table: table, parts: parts, bodyStart: Int64(start),
                                 resume: ResumePoint(seq: stamp.seq, hash: stamp.hash, lineOffset: stamp.lineOffset, lineBytes: stamp.lineBytes))
    }

    /// The node table's rows, read one by one from the file's bytes.
    static func rows(_ bytes: [UInt8], _ opened: ScopeIndex.Opened) -> [(key: UInt64, block: Int)] {
        let at = Int(opened.bodyStart + opened.table.nodeTableOffset)
        return (0..<Int(opened.table.nodeCount)).map { i in
            (Bytes.u64(bytes, at: at + i * ScopeIndex.nodeBytes), Int(Bytes.u32(bytes, at: at + i * ScopeIndex.nodeBytes + 8)))
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func lookUpsFindTheNodeTablesBlocks(seed: UInt64) throws {
        let temp = TemporaryDirectory("scope-runs")
        // 140,000 records: some 147,000 keys, 575 pages, three runs (the last one short).
        let bytes = Self.index(seed: seed, records: 140_000, communities: 40)
        let opened = try Self.opened(bytes, at: temp.path + "/scopes")
        let pageCount = Int(opened.table.pageCount)
        #expect(ScopeIndex.directoryRuns(pageCount: pageCount) == 3, "\(pageCount) pages")
        let rows = Self.rows(bytes, opened)
        var random = SplitMix64(seed: seed)
        var lookup = ScopeIndex.NodeLookup(opened)
        // Keys of every page (each run's first and last pages among them), and keys in no page.
        var checked = 0
        for page in 0..<pageCount where page % 7 == 0 || page % ScopeIndex.directoryRun == 0 || page % ScopeIndex.directoryRun == ScopeIndex.directoryRun - 1 || page == pageCount - 1 {
            let first = page * ScopeIndex.pageNodes, end = min(first + ScopeIndex.pageNodes, rows.count)
            for i in [first, end - 1, first + random.int(0..<(end - first))] {
                let found = try lookup.block(rows[i].key)
                #expect(found == rows[i].block, "page \(page) row \(i)")
                checked += 1
                // A key between two rows (or after the last) is in no page.
                let next = i + 1 < rows.count ? rows[i + 1].key : UInt64.max
                if rows[i].key < UInt64.max, next > rows[i].key + 1 {
                    let between = try lookup.block(rows[i].key + 1)
                    #expect(between == nil, "after row \(i)")
                }
            }
        }
        #expect(checked > 3 * 80)
        if rows[0].key > 0 {
            let before = try lookup.block(rows[0].key - 1)
            #expect(before == nil, "before the first page")
        }
        // The whole directory, as `verify --index` checks it, gives the same pages.
        let pages = try #require(opened.pages())
        #expect(pages.keys.count == pageCount && pages.keys.enumerated().allSatisfy { $0.element == rows[$0.offset * ScopeIndex.pageNodes].key })
    }

    @Test func aFlipInTheDirectorysIndexARunOrAPageIsFoundByTheLookUpThatReadsIt() throws {
        let temp = TemporaryDirectory("scope-runs")
        let good = Self.index(seed: 9, records: 140_000, communities: 12)
        let path = temp.path + "/scopes"
        let clean = try Self.opened(good, at: path)
        let rows = Self.rows(good, clean)
        let base = Int(clean.bodyStart + clean.table.pageDirectoryOffset)
        let pageCount = Int(clean.table.pageCount)
        let run = ScopeIndex.directoryRun
        // A key of run 0 and one of run 2 (its page's first key), and the byte of each part.
        let early = rows[5].key, late = rows[2 * run * ScopeIndex.pageNodes + 3].key
        let places: [(what: String, offset: Int, findsEarly: Bool, findsLate: Bool)] = [
            ("the index's first key", base + pageCount * 40 + 2, true, true),
            ("the index's checksum", base + (pageCount + 3) * 40 + 31, true, true),
            ("a byte of run 2", base + (2 * run + 5) * 40 + 9, false, true),
            ("the first key of run 0", base + 1, true, false),
            ("a row of run 2's page", Int(clean.bodyStart + clean.table.nodeTableOffset) + (2 * run * ScopeIndex.pageNodes + 3) * ScopeIndex.nodeBytes + 8, false, true),
        ]
        for place in places {
            var bytes = good
            bytes[place.offset] ^= 0x10
            let opened = try Self.opened(bytes, at: path)
            // Each look-up with a lookup of its own (nothing read by the other).
            func lookUp(_ key: UInt64) -> Result<Int?, any Error> {
                var lookup = ScopeIndex.NodeLookup(opened)
                return Result { try lookup.block(key) }
            }
            /// The block found, or -1 when the look-up threw (found the damage).
            func block(_ result: Result<Int?, any Error>) -> Int? {
                switch result { case .success(let block): return block; case .failure: return -1 }
            }
            let earlyBlock = rows[5].block, lateBlock = rows[2 * run * ScopeIndex.pageNodes + 3].block
            #expect(block(lookUp(early)) == (place.findsEarly ? -1 : earlyBlock), "\(place.what)")
            #expect(block(lookUp(late)) == (place.findsLate ? -1 : lateBlock), "\(place.what)")
            // The whole check (`verify --index`, the merge) finds every flip in the directory; a page's flip is found
            // by its own page check (`storedCheck`) and the body's checksum.
            if place.what != "a row of run 2's page" { #expect(opened.pages() == nil, "\(place.what)") }
            #expect((try? DerivedStateFile.decode(bytes, kind: ScopeIndex.kind, version: ScopeIndex.version)) == nil, "\(place.what)")
        }
        // Cut short: not opened at all.
        try PosixFile.writeAtomically(Array(good.dropLast(41)), to: path)
        #expect(throws: (any Error).self) { _ = try DerivedStateHeader.open(path, kind: ScopeIndex.kind, version: ScopeIndex.version) }
    }

    @Test(arguments: [4, 5] as [UInt64]) func theTablesRowsReadLazilyAreTheWritersRows(seed: UInt64) throws {
        var (builder, _) = ScopeIndexWriteTests.builder(seed: seed, records: 3_000, keys: 400, communities: 60)
        let planned = builder.plan(ledgerName: "rows")
        let plan = try #require(planned)
        let stored = try #require(ScopeIndex.decodeTable(ScopeIndex.encodeTable(plan.table)))
        #expect(stored == plan.table)
        #expect(stored.communities.count == 60 && Array(stored.communities) == Array(plan.table.communities))
        for row in plan.table.communities {
            #expect(stored.communities.block(of: row.id) == row.block && stored.communities.row(row.id) == row)
        }
        #expect(stored.communities.block(of: "C60") == nil && stored.communities.row("nowhere") == nil)
        // A string that is not UTF-8, and a block out of range, are refused when the table is opened.
        var bytes = ScopeIndex.encodeTable(plan.table)
        let idAt = try #require(Self.firstRange(of: Array("C0".utf8), in: bytes))
        bytes[idAt] = 0xFF
        #expect(ScopeIndex.decodeTable(bytes) == nil)
        bytes = ScopeIndex.encodeTable(plan.table)
        bytes[idAt + 2] = 0xFF  // the row's u64 block (its first byte)
        #expect(ScopeIndex.decodeTable(bytes) == nil)
    }

    /// Where `needle` starts in `bytes`, preceded by its u64 length (a counted string of the table).
    static func firstRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        let length = [UInt8(needle.count), 0, 0, 0, 0, 0, 0, 0]
        guard bytes.count >= 8 + needle.count else { return nil }
        for at in 8...(bytes.count - needle.count) where Array(bytes[(at - 8)..<at]) == length && Array(bytes[at..<(at + needle.count)]) == needle {
            return at
        }
        return nil
    }
}
