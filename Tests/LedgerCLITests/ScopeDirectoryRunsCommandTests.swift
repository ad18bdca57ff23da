@testable import LedgerCLI
import LedgerChain
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// `index/scopes` version 2 (session 46): an index of version 1 is rebuilt with the notice; a stale index (records
/// after its stamp, whose keys a read looks up) whose page directory's index, directory run or page is damaged is
/// found by the read, which answers as the whole log does, says so once and rebuilds it.
@Suite struct ScopeDirectoryRunsCommandTests {
    @Test func anIndexOfVersionOneIsRebuilt() throws {
        let cli = CLIHarness()
        let (directory, arguments, answer) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        let path = ScopeIndex.path(directory)
        var bytes = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        bytes[ScopeIndex.kind.utf8.count + 1] = 1
        try PosixFile.writeAtomically(bytes, to: path)
        ScopeIndexCommandTests.expectRebuilt(cli, arguments, answer, "of format version 1")
    }

    @Test func damageInTheDirectoryIsFoundByAStaleIndexsLookUps() throws {
        let cli = CLIHarness()
        let (directory, arguments, _) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        let path = ScopeIndex.path(directory)
        let stale = try PosixFile.readRegularFile(path, bytesMax: 1 << 30).bytes
        let opened = try #require(try ScopeIndex.open(directory))
        let pageCount = Int(opened.table.pageCount)
        let directoryAt = Int(opened.bodyStart + opened.table.pageDirectoryOffset)
        let pagesAt = Int(opened.bodyStart + opened.table.nodeTableOffset)
        opened.file.close()
        // Records after the stamp: a read looks their keys up in the node table.
        var random = SplitMix64(seed: 8)
        var more = try ScopeIndexCommandTests.randomEvents(&random).prefix(5).map { $0 }
        for i in more.indices { more[i].id = "more-\(i)" }
        try TestLedger.append(more, to: directory)
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        let answer = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        // Every page holds keys some record after the stamp may fall between: each flip is in a part every look-up
        // reads (the index, the one run of a small city's directory) or in every page.
        var places: [(String, Int)] = [("the directory's index", directoryAt + pageCount * 40 + 3),
                                       ("the index's checksum", directoryAt + (pageCount + 1) * 40 + 20),
                                       ("the directory's run", directoryAt + 12)]
        if pageCount == 1 { places.append(("the node table's page", pagesAt + 5)) }
        for (what, offset) in places {
            var bytes = stale
            bytes[offset] ^= 0x02
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer, "\(what): \(cli.stderr)")
            let notes = ScopeIndexCommandTests.notes(cli)
            #expect(notes.count == 1 && notes.allSatisfy { $0.hasPrefix("note: scopes in ") && $0.contains("rebuilt from the log") },
                    "\(what): \(cli.stderr)")
            #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(what): rebuilt")
            // And `verify --index` reports such a file damaged.
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(["verify", "--index"]) == 0)
            #expect(cli.stdout.contains("index: DAMAGED — scopes is damaged"), "\(what): \(cli.stdout)")
        }
        // Undamaged and stale: used, no notice.
        try PosixFile.writeAtomically(stale, to: path)
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == answer && ScopeIndexCommandTests.notes(cli).isEmpty, "\(cli.stderr)")
    }
}
