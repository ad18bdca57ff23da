import Foundation
import LedgerCLI
import LedgerTestSupport
import Testing

/// Review 38e (a first day following the README): the rectify line on standard error in the messages' language,
/// `--expect-seq` beyond the head said as such, a full-width list id refused by `rectify --issue` as `append` would.
@Suite struct ReviewThirtyEightCommandTests {
    private func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    @Test func theWrittenLineFollowsTheMessagesLanguage() {
        let cli = demo()
        _ = cli.run(["rectify", "--community", "C-QF", "--as-of", "2025-12-31", "--out", cli.temp.path + "/q.html", "--lang", "zh"])
        #expect(cli.stderr.contains("rectify：截至 2025-12-31 的清单（"), "\(cli.stderr)")
        #expect(cli.stderr.contains("个问题）已写入 " + cli.temp.path + "/q.html"), "\(cli.stderr)")
        _ = cli.run(["rectify", "--community", "C-QF", "--as-of", "2025-12-31", "--out", cli.temp.path + "/q2.html", "--lang", "en"])
        #expect(cli.stderr.contains("findings as of 2025-12-31 written to " + cli.temp.path + "/q2.html"), "\(cli.stderr)")
    }

    @Test func anExpectedSeqBeyondTheHeadIsNotSaidToBeAnotherAppend() throws {
        let cli = demo()
        let before = try cli.logBytes()
        let event = #"{"id":"x-1","type":"inspection.recorded","occurred_on":"2025-10-01","data":{"asset_id":"A-HY-ROOF","inspector":"王","observed":"idle"}}"#
        #expect(cli.run(["append", "--actor", "t", "--expect-seq", "999", "--lang", "en"], stdin: event + "\n") != 0)
        #expect(cli.stderr.contains("--expect-seq 999 but the ledger's last seq is 133, fewer records than expected"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("someone appended"), "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "t", "--expect-seq", "100", "--lang", "en"], stdin: event + "\n") != 0)
        #expect(cli.stderr.contains("someone appended in between"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    @Test func aFullWidthListIDIsRefusedBeforeTheListIsWritten() {
        let cli = demo()
        let out = cli.temp.path + "/issued.jsonl"
        #expect(cli.run(["rectify", "--community", "C-QF", "--as-of", "2025-12-31", "--issue", "ＱＦ－Ｘ", "--issue-out", out,
                         "--out", cli.temp.path + "/l.html", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains("--issue: the list id"), "\(cli.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
