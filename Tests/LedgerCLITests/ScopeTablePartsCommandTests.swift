@testable import LedgerCLI
import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/scopes` version 3 (session 47: the table checked in parts, a community's row found through the row index):
/// an index of version 2 is rebuilt with the notice; a byte flipped in any part of the table is found by a read that
/// reads that part (a street's read reads them all; a community's read the parts of its row and block) — the answer is
/// the whole log's, said once, the index rebuilt — and by `verify --index`; a part no read of the command reads is
/// not a reason to rebuild.
@Suite struct ScopeTablePartsCommandTests {
    @Test func anIndexOfVersionTwoIsRebuilt() throws {
        let cli = CLIHarness()
        let (directory, arguments, answer) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        let path = ScopeIndex.path(directory)
        var bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        bytes[ScopeIndex.kind.utf8.count + 1] = 2
        try PosixFile.writeAtomically(bytes, to: path)
        ScopeIndexCommandTests.expectRebuilt(cli, arguments, answer, "of format version 2")
    }

    /// Version 4 (session 50: entries carry their record's type code and named bit): an index of version 3, whose
    /// flags byte said only "erasure", is rebuilt with the notice, for a filtered read (a payment's) as for any.
    @Test func anIndexOfVersionThreeIsRebuilt() throws {
        let cli = CLIHarness()
        let (directory, arguments, answer) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        let path = ScopeIndex.path(directory)
        let good = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        var bytes = good
        #expect(bytes[ScopeIndex.kind.utf8.count + 1] == 4)
        bytes[ScopeIndex.kind.utf8.count + 1] = 3
        try PosixFile.writeAtomically(bytes, to: path)
        ScopeIndexCommandTests.expectRebuilt(cli, arguments, answer, "of format version 3")
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes == good)
        try PosixFile.writeAtomically(bytes, to: path)
        let read = try #require(try ScopeIndex.read(directory, communityIDs: ["C-HY"], assetIDs: [],
                                                    onlyTypes: AppendStatementLines.checkedTypes(contracts: false)))
        #expect(read.notice?.contains("of format version 3") == true, "\(read.notice ?? "no notice")")
        #expect(try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes == good)
    }

    @Test func aFlippedByteOfTheTableIsFoundByTheReadsThatReadIt() throws {
        let cli = CLIHarness()
        let (directory, street, streetAnswer) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        let community = ["assets", "--community", "C-HY", "--as-of", "2026-06-01"]
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(community) == 0)
        let communityAnswer = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        let path = ScopeIndex.path(directory)
        let clean = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        let opened = try #require(try ScopeIndex.open(directory))
        let tableAt = Int(opened.bodyStart) + 8, length = opened.parts.length
        let row = try #require(try opened.communityRow("C-HY"))
        let blockAt = 8 + row.block * 48
        opened.file.close()
        var random = SplitMix64(seed: 11)
        // The part holding C-HY's block's place (a community read reads it), and a byte of every other part.
        var places = [("C-HY's block", blockAt + 20)]
        for part in 0..<ScopeIndex.tableParts(length) {
            let from = part * ScopeIndex.tablePart, to = min(from + ScopeIndex.tablePart, length)
            places.append(("part \(part)", from + random.int(0..<(to - from))))
        }
        for (what, at) in places {
            var bytes = clean
            bytes[tableAt + at] ^= 0x04
            // A street's read reads the whole table: it finds the damage, answers as the log does, rebuilds.
            try PosixFile.writeAtomically(bytes, to: path)
            ScopeIndexCommandTests.expectRebuilt(cli, street, streetAnswer, "damaged")
            #expect(cli.run(street) == 0 && cli.stdoutBytes == streetAnswer, "\(what)")
            // A community's read: the same answer whether or not it reads the damaged part; a notice only when it does.
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(community) == 0 && cli.stdoutBytes == communityAnswer, "\(what): \(cli.stderr)")
            let notes = ScopeIndexCommandTests.notes(cli)
            #expect(notes.count <= 1, "\(what): \(cli.stderr)")
            if what == "C-HY's block" { #expect(notes.count == 1 && notes[0].contains("damaged"), "\(what): \(cli.stderr)") }
            // `verify --index` checks every part.
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(["verify", "--index"]) == 0)
            #expect(cli.stdout.contains("index: DAMAGED — scopes is damaged"), "\(what): \(cli.stdout)")
            #expect(cli.run(community) == 0 && cli.stdoutBytes == communityAnswer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): rebuilt")
        }
    }
}
