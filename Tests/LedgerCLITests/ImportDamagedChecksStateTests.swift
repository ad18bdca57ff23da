import Foundation
import LedgerChain
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Review 46d: `ledger import assets` with a damaged `index/checks.state` answers as the whole log does
/// (`LEDGER_SCOPES=off`). Cut short, it says so in the one-line notice `append` gives and rebuilds the file
/// (`RegisterImports.prepare`: the header and table are checked when the file is opened). A bit flipped in a block
/// the import does not read (session 49: block 1 of this ledger's file) is a known issue: the answer is right, but
/// there is no notice and the file stays damaged after the import (`verify --index` says DAMAGED and rebuilds it;
/// the next `append`, which checks every block before use, rebuilds it too). Checking every block's sum on every
/// import would cost it a read of the whole file (some 32 MB at a million records).
@Suite struct ImportDamagedChecksStateTests {
    static let damages = ["truncated", "bit flipped"]

    @Test(arguments: damages) func aDamagedChecksStateIsSaidAndRebuilt(_ damage: String) throws {
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(SyntheticRegister.communities(40), to: directory)
        let first = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C00003,车位,车位1,东门,12.5,2024-03-01\nA-2,C00007,屋顶,屋顶,3号楼,860,2024-03-05\n"
        try PosixFile.writeAtomically(Array(first.utf8), to: cli.temp.path + "/r1.csv")
        #expect(cli.run(["import", "assets", "r1.csv", "--actor", "t"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let statePath = directory.indexPath + "/checks.state"
        #expect(PosixFile.exists(statePath))
        // A second register: an update of A-1, a new part, a part of an unknown community.
        let second = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C00003,车位,车位1,东门,13.5,2024-03-01\nA-3,C00009,会所,会所,1号楼,120,2024-04-01\nA-4,C-NONE,车位,车位4,西门,10,2024-04-02\n"
        try PosixFile.writeAtomically(Array(second.utf8), to: cli.temp.path + "/r2.csv")
        let arguments = ["import", "assets", "r2.csv", "--actor", "t", "--allow-partial"]
        cli.environment["LEDGER_SCOPES"] = "off"
        let wholeStatus = cli.run(arguments + ["--dry-run"])
        let whole = cli.stdout, wholeErr = cli.stderr
        cli.environment["LEDGER_SCOPES"] = nil
        var bytes = try PosixFile.readRegularFile(statePath, bytesMax: 1 << 24).bytes
        if damage == "truncated" { bytes = Array(bytes.prefix(bytes.count / 2)) } else { bytes[bytes.count - 40] ^= 0x01 }
        try PosixFile.writeAtomically(bytes, to: statePath)
        #expect(cli.run(arguments + ["--dry-run"]) == wholeStatus, "\(damage): \(cli.stderr)")
        #expect(cli.stdout == whole, "\(damage)\n\(cli.stdout)\n--- the whole log's ---\n\(whole)")
        let lines = cli.stderr.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        withKnownIssue("a bit flipped in a block the import does not read is not noticed (review 46d)") {
            #expect(lines.first?.hasPrefix("note: checks.state in ") == true
                    && lines.first?.hasSuffix("rebuilt from the log (answers are unaffected).") == true, "\(damage): \(cli.stderr)")
        } when: { damage == "bit flipped" }
        if lines.first?.hasPrefix("note: ") == true {
            #expect(lines.dropFirst().joined() == wholeErr, "\(damage): \(cli.stderr)\n--- the whole log's ---\n\(wholeErr)")
        } else {
            #expect(cli.stderr == wholeErr, "\(damage): \(cli.stderr)\n--- the whole log's ---\n\(wholeErr)")
        }
        // The real import: the same answer, and the state sound after it.
        #expect(cli.run(arguments) == wholeStatus, "\(damage): \(cli.stderr)")
        #expect(cli.run(["verify", "--index"]) == 0, "\(damage): \(cli.stderr)")
        withKnownIssue("the import leaves a block it did not read damaged (review 46d)") {
            #expect(cli.stdout.contains("index: checks.state intact"), "\(damage): \(cli.stdout)")
        } when: { damage == "bit flipped" }
    }
}
