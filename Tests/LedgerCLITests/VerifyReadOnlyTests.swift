import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `verify --index` on a read-only copy of a ledger said only "lock: open failed": reading needs no lock, so the log
/// and every other file are still checked, and the id index — checked and rebuilt only under the writers' lock — is
/// reported not checked, saying in words what is wrong and what to do. Tests run as root, where permissions do not
/// bite: the ledger directory is made immutable (`chattr +i`, which stops root too) with its `lock` removed, so the
/// lock's file cannot be created; skipped where the file system has no such flag.
@Suite struct VerifyReadOnlyTests {
    /// Runs chattr with `flag` on `path`; false when it cannot (no chattr, or a file system without the flag).
    static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func verifyIndexWithoutTheLockSaysWhyAndChecksTheRest() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        try FileManager.default.removeItem(atPath: cli.ledgerPath + "/lock")
        guard Self.chattr("+i", cli.ledgerPath) else { return }   // no immutable flag here: nothing to test
        defer { _ = Self.chattr("-i", cli.ledgerPath) }
        // Really unwritable (else the test would prove nothing).
        guard (try? PosixFile(path: cli.ledgerPath + "/lock", mode: .readWriteCreate(permissions: 0o644))) == nil else { return }
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("status: intact"), "\(cli.stdout)")
        #expect(cli.stdout.contains("index: ids not checked (the ledger's lock file cannot be opened (") 
                && cli.stdout.contains("the directory is read-only or the lock cannot be created there")
                && cli.stdout.contains("run verify --index on a writable copy of the ledger"), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("index: funds.state") && cli.stdout.contains("index: scopes"), "\(cli.stdout)")
        #expect(!cli.stderr.contains("open failed"), "\(cli.stderr)")
        #expect(cli.run(["verify", "--index", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("索引：ids 未检查（账本锁文件无法打开（") && cli.stdout.contains("请在账本的可写副本上运行 verify --index"),
                "\(cli.stdout)")
        // Without --index, as before.
        #expect(cli.run(["verify"]) == 0, "\(cli.stderr)")
    }
}
