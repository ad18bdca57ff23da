import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Golden files, in English and in Chinese, of what the auditor's commands print: `keygen` (its stable lines: the
/// key it makes is random, shown as `<public key>`), and `prove`, `check-proof` and `consistency` on the sample
/// ledger of testdata/merkle with its test-only key (Ed25519 signatures are deterministic, the clock is the
/// harness's), so every byte is fixed. Re-record with RECORD_GOLDEN=1.
@Suite struct AuditReportGoldenTests {
    static let goldenFiles = ["keygen.txt", "keygen-zh.txt", "prove.txt", "prove-zh.txt", "check-proof.txt", "check-proof-zh.txt",
                              "consistency.txt", "consistency-zh.txt"]
    static let merkle = SampleRecords.packageRoot + "/testdata/merkle"

    static func expect(_ cli: CLIHarness, _ text: String, golden: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Golden.expect(text.replacingOccurrences(of: cli.ledgerPath, with: "<ledger>").replacingOccurrences(of: cli.temp.path, with: "<tmp>"),
                      path: QueryCommandTests.goldenDirectory + "/" + golden, sourceLocation: sourceLocation)
    }

    @Test(arguments: [("en", ".txt"), ("zh", "-zh.txt")])
    func auditorCommands(_ lang: String, _ suffix: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["keygen", "--out", "office.key", "--name", "office", "--lang", lang], addLedger: false) == 0, "\(cli.stderr)")
        let key = String(decoding: try PosixFile(path: cli.temp.path + "/office.key.pub", mode: .read).readAll(), as: UTF8.self)
            .trimmingCharacters(in: .newlines)
        #expect(cli.stdout.contains(key))
        Self.expect(cli, cli.stdout.replacingOccurrences(of: key, with: "<public key>"), golden: "keygen" + suffix)

        try FileManager.default.copyItem(atPath: Self.merkle + "/sample-ledger", toPath: cli.ledgerPath)
        // A private key is used only when no one else may read it (git keeps the file's mode 0644).
        try FileManager.default.copyItem(atPath: Self.merkle + "/sample-key.TEST-ONLY", toPath: cli.temp.path + "/sample.key")
        #expect(chmod(cli.temp.path + "/sample.key", 0o600) == 0)
        #expect(cli.run(["checkpoint", "--key", "sample.key", "--out", "cp.txt"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["prove", "2", "--checkpoint", "cp.txt", "--out", "b2.json", "--lang", lang]) == 0, "\(cli.stderr)")
        Self.expect(cli, cli.stdout, golden: "prove" + suffix)
        #expect(cli.run(["check-proof", "b2.json", "--pubkey", Self.merkle + "/sample-key.pub", "--lang", lang], addLedger: false) == 0,
                "\(cli.stderr)")
        Self.expect(cli, cli.stdout.replacingOccurrences(of: Self.merkle, with: "<testdata/merkle>"), golden: "check-proof" + suffix)
        #expect(cli.run(["consistency", "--from", "3", "--checkpoint", "cp.txt", "--out", "req.txt", "--lang", lang]) == 0, "\(cli.stderr)")
        Self.expect(cli, cli.stdout, golden: "consistency" + suffix)
    }
}
