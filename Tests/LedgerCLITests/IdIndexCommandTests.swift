import LedgerChain
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger verify --index` and the writer's id index (`index/ids`, ledger-spec.md section 15.3).
@Suite struct IdIndexCommandTests {
    @Test func verifyIndexChecksAndRebuildsTheIdIndex() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let idsPath = cli.ledgerPath + "/index/ids"
        #expect(PosixFile.exists(idsPath), "the first append writes the base table")
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: ids intact (made at record 3); rebuilt from the log at record 3\n"))
        var bytes = try PosixFile.readRegularFile(idsPath, bytesMax: 1 << 20).bytes
        bytes[bytes.count - 30] ^= 0x80   // in block 0, the only one
        try PosixFile.writeAtomically(bytes, to: idsPath)
        #expect(cli.run(["verify", "--index", "--json"]) == 0, "index damage is not log damage")
        #expect(cli.stdout.contains(#""ids":{"detail":"damaged (block 0 does not match its checksum: truncated or altered)","rebuilt_at":3,"status":"damaged"}"#), "\(cli.stdout)")
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.contains("index: ids intact (made at record 3)"))
        // A damaged table is rebuilt by the next append, with a notice, and the duplicate still found.
        try PosixFile.writeAtomically(bytes, to: idsPath)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.stderr.contains("note: ids in \(cli.ledgerPath)/index is damaged (block 0 does not match its checksum: truncated or altered); rebuilt from the log (answers are unaffected)."), "\(cli.stderr)")
        #expect(cli.run(["verify", "--index"]) == 0 && cli.stdout.contains("index: ids intact (made at record 3)"))
    }
}
