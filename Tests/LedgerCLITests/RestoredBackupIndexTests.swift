import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 37a F3: `index/` made when the log held more records than it holds now — an older backup of
/// `events.jsonl` and `acknowledged` restored under a newer `index/` — is proof that records were lost or changed.
/// Every command that finds such a file says so and how to check the log (not "answers are unaffected"), and
/// `verify --index` reports it apart from damage to the file; the answers are the restored log's.
@Suite struct RestoredBackupIndexTests {
    static func sample(_ name: String) -> String { SampleRecords.packageRoot + "/testdata/sample/" + name }

    @Test func aNewerIndexOverAnOlderLogIsReportedAsRecordsTheLogNoLongerHolds() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "restored"]) == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: SampleRecords.packageRoot + "/testdata/sample")
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        try #require(files.count >= 3)
        for file in files.prefix(2) { #expect(cli.run(["append", "--file", Self.sample(file), "--actor", "clerk"]) == 0, "\(cli.stderr)") }
        let backup = cli.temp.path + "/backup"
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: false)
        for name in ["events.jsonl", "acknowledged"] { try FileManager.default.copyItem(atPath: cli.ledgerPath + "/" + name, toPath: backup + "/" + name) }
        cli.environment["LEDGER_LANG"] = "zh"
        #expect(cli.run(["balances"]) == 0)
        let older = cli.stdout
        cli.environment["LEDGER_LANG"] = nil
        for file in files.dropFirst(2) { #expect(cli.run(["append", "--file", Self.sample(file), "--actor", "clerk"]) == 0, "\(cli.stderr)") }
        for command in [["balances"], ["communities"], ["assets"], ["balances", "--community", "C-QF"]] { #expect(cli.run(command) == 0) }
        let newerIndex = cli.temp.path + "/newer-index"
        try FileManager.default.copyItem(atPath: cli.ledgerPath + "/index", toPath: newerIndex)
        // The older backup restored, index/ left as the newer log made it.
        for name in ["events.jsonl", "acknowledged"] {
            try PosixFile.writeAtomically(try PosixFile(path: backup + "/" + name, mode: .read).readAll(), to: cli.ledgerPath + "/" + name)
        }
        #expect(cli.run(["verify"]) == 0)
        cli.environment["LEDGER_LANG"] = "zh"
        #expect(cli.run(["balances"]) == 0)
        #expect(cli.stdout == older, "the restored log's balances")
        #expect(cli.stderr.hasPrefix("警告：") && cli.stderr.contains("写出时日志中有记录 ") && cli.stderr.contains("可能缺失记录")
                && cli.stderr.contains("ledger verify --checkpoint") && !cli.stderr.contains("查询结果不受影响"), "\(cli.stderr)")
        cli.environment["LEDGER_LANG"] = nil
        // (index/scopes may be stamped within the older log, as the appends read it without writing it: then it is
        // simply behind, and no warning is due.)
        for command in [["communities"], ["assets"]] {
            #expect(cli.run(command) == 0)
            #expect(cli.stderr.hasPrefix("WARNING: ") && cli.stderr.contains("records may be missing") && !cli.stderr.contains("answers are unaffected"),
                    "\(command): \(cli.stderr)")
        }
        // verify --index over the newer index/ again says what each such file means, apart from damage.
        try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
        try FileManager.default.copyItem(atPath: newerIndex, toPath: cli.ledgerPath + "/index")
        #expect(cli.run(["verify", "--index"]) == 0)
        let lines = cli.stdout.split(separator: "\n").filter { $0.hasPrefix("index: ") }
        for file in ["fund-totals", "communities.state", "assets.state"] {
            #expect(lines.contains { $0.hasPrefix("index: LOG NO LONGER HOLDS ITS RECORD — \(file) ") && $0.contains("records may be missing") },
                    "\(file): \(cli.stdout)")
        }
        #expect(!lines.contains { $0.contains("DAMAGED") }, "\(cli.stdout)")
    }
}
