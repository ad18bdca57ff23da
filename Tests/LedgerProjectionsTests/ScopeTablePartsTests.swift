@testable import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/scopes` version 3 (session 47): the table checked in parts of 4 KiB, each against its SHA-256 after the
/// table, and a community's row found through the row index (every 64th row's place) — so that an open and a
/// payment's read hash a few parts, not the whole table (1 MB at 10 million records). What a read takes part by part
/// is what the whole table holds; a flipped byte is found by the read that reads its part, and by the whole check.
@Suite struct ScopeTablePartsTests {
    /// An index of `communities` communities (ids `C0`…), written and opened as a read opens it.
    static func index(seed: UInt64, communities: Int, at path: String) throws -> (bytes: [UInt8], opened: ScopeIndex.Opened) {
        var (builder, _) = ScopeIndexWriteTests.builder(seed: seed, records: communities * 20, keys: communities * 2, communities: communities)
        let encoded = builder.encoded(ledgerName: "parts")
        let bytes = try #require(encoded)
        return (bytes, try ScopeDirectoryRunsTests.opened(bytes, at: path))
    }

    @Test(arguments: [(1, 1_200), (2, 64), (3, 65), (4, 7)] as [(UInt64, Int)])
    func everyRowAndBlockReadInPartsIsTheWholeTables(seed: UInt64, communities: Int) throws {
        let temp = TemporaryDirectory("scope-parts")
        let (_, opened) = try Self.index(seed: seed, communities: communities, at: temp.path + "/scopes")
        defer { opened.file.close() }
        let whole = try opened.wholeTable()
        #expect(whole.communities.count == communities && opened.table.communityCount == communities)
        #expect(opened.table.blockCount == whole.blocks.count && opened.table.globalBlock == whole.globalBlock)
        #expect(opened.table.nodeCount == whole.nodeCount && opened.table.pageCount == whole.pageCount
                && opened.table.nodeTableOffset == whole.nodeTableOffset && opened.table.pageDirectoryOffset == whole.pageDirectoryOffset)
        for row in whole.communities {
            #expect(try opened.communityRow(row.id) == row, "\(row.id)")
            #expect(try opened.communityBlock(of: row.id) == row.block, "\(row.id)")
        }
        for b in whole.blocks.indices { #expect(try opened.block(b) == whole.blocks[b], "block \(b)") }
        #expect(throws: (any Error).self) { _ = try opened.block(whole.blocks.count) }
        // Before the first id, between two, after the last: no row (as the whole table's rows say).
        for id in ["", "A", "C", "C0a", "C1 ", "C\(communities)", "D", "Z", "小区"] where whole.communities.row(id) == nil {
            #expect(try opened.communityRow(id) == nil && opened.communityBlock(of: id) == nil, "\(id)")
        }
        if communities > 1_000 { #expect(ScopeIndex.tableParts(opened.parts.length) > 4, "several parts: \(opened.parts.length) bytes") }
    }

    /// Each part of the table with a byte flipped: the open finds it when it reads that part (the first, the one
    /// with the counts, the last), else the read of a block or row in it does, and reads of other parts do not; the
    /// whole table's check and the body's checksum always do.
    @Test(arguments: [5, 6] as [UInt64]) func aFlippedByteIsFoundByTheReadThatReadsItsPart(seed: UInt64) throws {
        let temp = TemporaryDirectory("scope-parts")
        let path = temp.path + "/scopes"
        let (clean, opened) = try Self.index(seed: seed, communities: 1_200, at: path)
        let whole = try opened.wholeTable()
        let tableAt = Int(opened.bodyStart) + 8, length = opened.parts.length
        let rowIndexAt = opened.table.rowIndexAt
        opened.file.close()
        let partCount = ScopeIndex.tableParts(length)
        var random = SplitMix64(seed: seed)
        var foundByOpen = 0, foundByRead = 0
        for part in 0..<partCount {
            let from = part * ScopeIndex.tablePart, to = min(from + ScopeIndex.tablePart, length)
            let at = from + random.int(0..<(to - from))
            var bytes = clean
            bytes[tableAt + at] ^= 0x10
            #expect((try? DerivedStateFile.decode(bytes, kind: ScopeIndex.kind, version: ScopeIndex.version)) == nil, "part \(part)")
            try PosixFile.writeAtomically(bytes, to: path)
            // What the open reads: the block count, the global block and community count with the row index's run
            // count, and the last four counts.
            let opens = [0..<8, rowIndexAt - 16..<rowIndexAt + 8, length - 32..<length].contains { $0.overlaps(from..<to) }
            guard let damaged = try? ScopeDirectoryRunsTests.opened(bytes, at: path) else {
                #expect(opens, "part \(part) refused by the open, which does not read it")
                foundByOpen += 1
                continue
            }
            defer { damaged.file.close() }
            #expect(!opens, "part \(part) not found by the open, which reads it")
            #expect(throws: (any Error).self, "part \(part)") { _ = try damaged.wholeTable() }
            // Blocks: a read throws exactly when the block's place lies in the damaged part.
            for b in whole.blocks.indices {
                let lies = (8 + b * 48..<8 + b * 48 + 48).overlaps(from..<to)
                if lies { #expect(throws: (any Error).self, "block \(b), part \(part)") { _ = try damaged.block(b) } }
                else { #expect(try damaged.block(b) == whole.blocks[b], "block \(b), part \(part)") }
            }
            // Rows: some row read meets a damaged part of the rows; a row read that does not throw is the whole's.
            var rowThrew = false
            for row in whole.communities {
                do { #expect(try damaged.communityRow(row.id) == row, "\(row.id), part \(part)") } catch { rowThrew = true }
            }
            let inRows = to > rowIndexAt && from < length - 32
            if inRows { #expect(rowThrew, "part \(part): no row read found it") }
            foundByRead += 1
        }
        #expect(foundByOpen >= 2 && foundByRead >= 2, "\(foundByOpen) by the open, \(foundByRead) by reads")
        // The part sums and their checksum: the open finds them; a file cut short is not opened.
        for offset in [tableAt + length + 5, tableAt + length + partCount * 32 + 7] {
            var bytes = clean
            bytes[offset] ^= 0x01
            #expect(throws: (any Error).self, "sums at \(offset - tableAt - length)") { _ = try ScopeDirectoryRunsTests.opened(bytes, at: path) }
        }
        try PosixFile.writeAtomically(Array(clean[0..<(tableAt + length + 40)]), to: path)
        #expect(throws: (any Error).self) { _ = try DerivedStateHeader.open(path, kind: ScopeIndex.kind, version: ScopeIndex.version) }
    }

    /// The row index is part of the table's layout: one that does not point at its rows refuses the table.
    @Test func aRowIndexThatMissesItsRowsRefusesTheTable() throws {
        var (builder, _) = ScopeIndexWriteTests.builder(seed: 9, records: 3_000, keys: 300, communities: 130)
        let planned = builder.plan(ledgerName: "rows")
        let plan = try #require(planned)
        let bytes = ScopeIndex.encodeTable(plan.table)
        #expect(ScopeIndex.decodeTable(bytes) == plan.table)
        let indexAt = 8 + plan.table.blocks.count * 48 + 16
        #expect(Bytes.u64(bytes, at: indexAt) == 3)
        for run in 0..<3 {
            var moved = bytes
            moved[indexAt + 8 + run * 8] &+= 1
            #expect(ScopeIndex.decodeTable(moved) == nil, "run \(run)")
        }
        var count = bytes
        count[indexAt] = 4
        #expect(ScopeIndex.decodeTable(count) == nil)
    }

    /// Review 47e: a table rewritten by hand with its part sums, their SHA-256 and the body's checksum recomputed — a
    /// block's offset near 2^63, a node count or a page directory offset of Int64.max — is refused or its reads
    /// answer nil; none traps on an overflow (which crashed every command, and `verify --index`, until index/ was
    /// deleted by hand).
    @Test(arguments: [0, 1, 2]) func aCraftedTableWithItsSumsRecomputedIsRefusedNotATrap(which: Int) throws {
        let temp = TemporaryDirectory("scope-crafted")
        let path = temp.path + "/scopes"
        let (clean, first) = try Self.index(seed: 7, communities: 130, at: path)
        let start = Int(first.bodyStart), bodyBytes = Int(first.header.bodyBytes)
        first.file.close()
        let length = Int(Bytes.u64(clean, at: start)), tableAt = start + 8
        var bytes = clean
        func put(_ value: UInt64, at offset: Int) {
            for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        switch which {
        case 0: put((1 << 63) - 10, at: tableAt + 8)
        case 1: put(UInt64(Int64.max), at: tableAt + length - 32)
        default: put(UInt64(Int64.max), at: tableAt + length - 8)
        }
        let parts = ScopeIndex.tableParts(length)
        var sums: [UInt8] = []
        for p in 0..<parts {
            sums += SHA256.digest(bytes[(tableAt + p * ScopeIndex.tablePart)..<(tableAt + min((p + 1) * ScopeIndex.tablePart, length))]).bytes
        }
        sums += SHA256.digest(sums).bytes
        bytes.replaceSubrange((tableAt + length)..<(tableAt + length + sums.count), with: sums)
        bytes.replaceSubrange((start + bodyBytes)..<(start + bodyBytes + 32), with: SHA256.digest(bytes[start..<(start + bodyBytes)]).bytes)
        try PosixFile.writeAtomically(bytes, to: path)
        let (file, header, at) = try #require(try DerivedStateHeader.open(path, kind: ScopeIndex.kind, version: ScopeIndex.version))
        defer { file.close() }
        guard let (table, tableParts) = try? ScopeIndex.openTable(file, header, start: at) else {
            #expect(which != 0, "a block's offset is read with the block, not at the open")
            return
        }
        #expect(which == 0)
        let opened = ScopeIndex.Opened(file: file, header: header, table: table, parts: tableParts, bodyStart: Int64(at),
                                       resume: ResumePoint(seq: header.stamp.seq, hash: header.stamp.hash, lineOffset: header.stamp.lineOffset,
                                                           lineBytes: header.stamp.lineBytes))
        #expect(opened.entries(0) == nil)
    }

    /// Review 47e: `verify --index` (`ScopeIndex.storedCheck`) says a table whose layout is wrong while every part
    /// sum matches (the row index moved, the sums recomputed) as a table it cannot read, not as one that "does not
    /// match its checksum"; and a flipped byte (sums not recomputed) still as a checksum.
    @Test(arguments: [false, true]) func aLayoutErrorIsSaidAsSuchNotAsAChecksum(recompute: Bool) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: 47)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for _ in 0..<10 { try TestLedger.append(generator.batch(generator.random.int(1...4)), to: directory) }
        _ = try IndexRebuild.run(directory, files: .all)
        let path = ScopeIndex.path(directory)
        var bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 30, followLinks: false).bytes
        guard case .intact = ScopeIndex.storedCheck(directory).check else { Issue.record("the rebuilt index is intact"); return }
        let (file, header, start) = try #require(try DerivedStateHeader.open(path, kind: ScopeIndex.kind, version: ScopeIndex.version))
        file.close()
        let bodyBytes = Int(header.bodyBytes)
        let length = Int(Bytes.u64(bytes, at: start)), tableAt = start + 8
        let blocks = Int(Bytes.u64(bytes, at: tableAt))
        let rowIndexAt = tableAt + 8 + blocks * 48 + 16
        #expect(Bytes.u64(bytes, at: rowIndexAt) >= 1, "the table has a row index")
        bytes[rowIndexAt + 8] &+= 1
        if recompute {
            var sums: [UInt8] = []
            for p in 0..<ScopeIndex.tableParts(length) {
                sums += SHA256.digest(bytes[(tableAt + p * ScopeIndex.tablePart)..<(tableAt + min((p + 1) * ScopeIndex.tablePart, length))]).bytes
            }
            sums += SHA256.digest(sums).bytes
            bytes.replaceSubrange((tableAt + length)..<(tableAt + length + sums.count), with: sums)
            bytes.replaceSubrange((start + bodyBytes)..<(start + bodyBytes + 32), with: SHA256.digest(bytes[start..<(start + bodyBytes)]).bytes)
        }
        try PosixFile.writeAtomically(bytes, to: path)
        let check = ScopeIndex.storedCheck(directory).check
        if recompute {
            #expect(check == .damaged(.damaged(.unreadable(.table))), "\(check)")
        } else {
            // The body's checksum no longer matches: said first, as before.
            guard case .damaged = check else { Issue.record("\(check)"); return }
            #expect(check != .damaged(.damaged(.unreadable(.table))))
        }
    }
}
