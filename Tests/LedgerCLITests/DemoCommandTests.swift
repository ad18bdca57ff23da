import Foundation
import LedgerCLI
import LedgerTestSupport
import Testing

/// The README's first command, end to end: the sample ledger built from testdata/ and its reports.
@Suite struct DemoCommandTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    @Test func demoBuildsTheSampleAndPrintsTheSameReportEveryTime() throws {
        let cli = CLIHarness()
        let path = cli.temp.path + "/demo"
        // Given with a trailing slash, as a shell's tab completion writes it: the checkpoint, witness and
        // disclosure still go beside the ledger, not into it.
        #expect(cli.run(["demo", "--ledger", path + "/"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stderr.isEmpty)
        // Everything but the ledger's location is fixed: recording times, check date, ids.
        let output = cli.stdout.replacingOccurrences(of: path, with: "<ledger>")
        #expect(output.contains("status: intact"))
        if let failure = Golden.check(Array(output.utf8), folder: Self.goldenDirectory, name: "demo.txt") {
            Issue.record(Comment(rawValue: failure))
        }
        // Running it again on the built ledger refuses to overwrite it.
        #expect(cli.run(["demo", "--ledger", path], addLedger: false) == 2)
    }
}
