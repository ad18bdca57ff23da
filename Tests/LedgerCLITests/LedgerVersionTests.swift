import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A `ledger.json` of a later format version is a newer program's ledger: every command refuses it with exit 2,
/// saying so and to use a newer program, never advising `ledger init` over the data; the ledger is unchanged. A
/// version that is no version (0, 1.0, missing) is a damaged identity file, restored from a backup.
@Suite struct LedgerVersionTests {
    static func identity(_ version: String) -> String {
        "{\"created_at\":\"2025-01-01T00:00:00Z\",\"format\":\"common-property-ledger\",\"name\":\"t\"\(version.isEmpty ? "" : ",\"version\":" + version)}\n"
    }

    func files(_ cli: CLIHarness) throws -> [[UInt8]] {
        try ["events.jsonl", "ledger.json"].map { try PosixFile(path: cli.ledgerPath + "/" + $0, mode: .read).readAll() }
    }

    @Test func aNewerVersionSaysToUseANewerProgram() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        try PosixFile.writeAtomically(Array(Self.identity("2").utf8), to: cli.ledgerPath + "/ledger.json")
        let before = try files(cli)
        for command in [["verify"], ["append"], ["balances"]] {
            #expect(cli.run(command, stdin: CoreCommandTests.extra + "\n") == 2, "\(command)")
            #expect(cli.stderr.contains("holds a ledger written in a newer format: ledger.json has format version 2, and this program reads format versions up to 1. Use a newer version of this program"), "\(command): \(cli.stderr)")
            #expect(!cli.stderr.contains("init"), "\(command): \(cli.stderr)")
            #expect(try files(cli) == before)
        }
        #expect(cli.run(["verify", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("中的账本是较新的格式：ledger.json 的格式版本是 2，本程序只能读取到版本 1。请改用较新版本的程序"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("init"), "\(cli.stderr)")
        // `init` over it refuses too: it never overwrites.
        #expect(cli.run(["init"]) == 2)
        #expect(try files(cli) == before)
    }

    @Test(arguments: ["0", "-0", "-1", "\"1\"", ""]) func aVersionThatIsNoneIsADamagedIdentity(_ version: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        try PosixFile.writeAtomically(Array(Self.identity(version).utf8), to: cli.ledgerPath + "/ledger.json")
        #expect(cli.run(["verify"]) == 2)
        #expect(cli.stderr.contains("is a ledger that cannot be opened: ledger.json has format version"), "\(version): \(cli.stderr)")
        #expect(cli.stderr.contains("Restore ledger.json and events.jsonl from a backup"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("Create one with"), "\(cli.stderr)")
    }

    /// Review 46b: `-0` is valid JSON (RFC 8259) and spec section 1 ignores members beyond the four, so a ledger.json
    /// holding `"note":-0` opens (exit 0), as scripts/verify_ledger.py and a verifier written from the spec have it;
    /// an event line's `-0` is still refused (section 8).
    @Test func negativeZeroInAnIgnoredMemberOpens() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let identity = "{\"created_at\":\"2025-01-01T00:00:00Z\",\"format\":\"common-property-ledger\",\"name\":\"t\",\"note\":-0,\"version\":1}\n"
        try PosixFile.writeAtomically(Array(identity.utf8), to: cli.ledgerPath + "/ledger.json")
        #expect(cli.run(["verify"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["balances"]) == 0, "\(cli.stderr)")
        if let python = TestBinaries.python3 {
            let script = SampleRecords.packageRoot + "/scripts/verify_ledger.py"
            #expect(try TestBinaries.run(python, [script, cli.ledgerPath]).status == 0)
        }
        #expect(cli.run(["append"], stdin: #"{"type":"fund.income","occurred_on":"2025-03-01","data":{"amount_fen":-0}}"# + "\n") == 2)
        #expect(cli.stderr.contains("-0"), "\(cli.stderr)")
    }
}
