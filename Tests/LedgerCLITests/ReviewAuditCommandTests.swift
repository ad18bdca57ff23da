import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review findings for the audit commands: outputs that would replace the key or checkpoint they were made from.
@Suite struct ReviewAuditCommandTests {
    func file(_ cli: CLIHarness, _ name: String) -> [UInt8] { try! PosixFile(path: cli.temp.path + "/" + name, mode: .read).readAll() }

    @Test func checkpointNeverOverwritesTheKeyFiles() {
        let cli = AuditCommandTests().prepared()
        let key = file(cli, "office.key"), pub = file(cli, "office.key.pub")
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "office.key"]) == 2)
        #expect(cli.stderr.contains("--out"))
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "office.key.pub"]) == 2)
        #expect(file(cli, "office.key") == key)
        #expect(file(cli, "office.key.pub") == pub)
    }

    @Test func proveNeverOverwritesTheCheckpoint() {
        let cli = AuditCommandTests().prepared()
        let checkpoint = file(cli, "cp1.txt")
        #expect(cli.run(["prove", "2", "--checkpoint", "cp1.txt", "--out", "cp1.txt"]) == 2)
        #expect(cli.stderr.contains("--out"))
        #expect(file(cli, "cp1.txt") == checkpoint)
    }
}

/// The Merkle index is a cache: a damaged offset must send `prove` to a rebuild, never trap on arithmetic.
@Suite struct ReviewMerkleIndexTests {
    @Test func damagedOffsetDoesNotCrashProve() throws {
        let cli = AuditCommandTests().prepared()
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", "b1.json"]) == 0)
        let path = cli.ledgerPath + "/index/offsets.idx"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        // Record 1's offset (after the 32-byte header) becomes Int64.min: end − start overflowed.
        bytes.replaceSubrange(32..<40, with: [0x80, 0, 0, 0, 0, 0, 0, 0])
        try PosixFile.writeAtomically(bytes, to: path)
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", "b1again.json"]) == 0)
        #expect(cli.run(["check-proof", "b1again.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
    }
}

/// Outputs that replace files (checkpoint, proof bundle, rejects file) never land in the ledger directory.
@Suite struct ReviewOutputGuardTests {
    @Test func outputsNeverReplaceLedgerFiles() throws {
        let cli = AuditCommandTests().prepared()
        let events = cli.ledgerPath + "/events.jsonl"
        let before = try PosixFile(path: events, mode: .read).readAll()
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "ledger/events.jsonl"]) == 2)
        #expect(cli.stderr.contains("inside the ledger directory"))
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", events]) == 2)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "ledger/ledger.json"]) == 2)
        try PosixFile.writeAtomically(Array("编号,小区,类型,名称,位置,面积,登记日期\nA-1,C1,车位,车位1,东门,abc,2024/3/1\n".utf8),
                                      to: cli.temp.path + "/r.csv")
        #expect(cli.run(["import", "assets", "r.csv", "--allow-partial", "--rejects", "ledger/events.jsonl"]) == 2)
        // Roundabout spellings and a symbolic link into the ledger are caught too.
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "./ledger/../ledger/events.jsonl"]) == 2)
        #expect(symlink(cli.ledgerPath, cli.temp.path + "/alias") == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "alias/events.jsonl"]) == 2)
        #expect(cli.stderr.contains("inside the ledger directory"))
        #expect(cli.run(["import", "assets", "r.csv", "--rejects", "out.csv"]) == 2)
        #expect(cli.stderr.contains("only --allow-partial writes"))
        #expect(try PosixFile(path: events, mode: .read).readAll() == before)
        #expect(cli.run(["verify"]) == 0)
        // Elsewhere is fine.
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp-elsewhere.txt"]) == 0)
    }
}
