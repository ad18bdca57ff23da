import Foundation
import LedgerChain
import LedgerCLI
@testable import LedgerPlatform
import LedgerTestSupport
import Testing

/// Findings of session 44's reviews fixed by the lead.
@Suite struct ReviewFortyFourTests {
    /// Review 44b #2: a line of 4 MiB or more after the last record was told as "line is 4125166 bytes" — the scan's
    /// read chunk less the bytes before the line, since the scan stops reading there. It is now said to be more than
    /// that when the file goes on; a shorter line at the end of the file keeps its true length.
    @Test(arguments: [(6 << 20, true), ((3 << 20) / 2, false)])
    func aLongLineIsNotGivenAFalseLength(_ length: Int, _ longerThanRead: Bool) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let path = cli.ledgerPath + "/events.jsonl"
        let file = try PosixFile(path: path, mode: .readWrite)
        try file.write([UInt8](repeating: UInt8(ascii: "x"), count: length), at: try file.size())
        file.close()
        #expect(cli.run(["verify"]) == 1)
        if longerThanRead {
            #expect(cli.stdout.contains("line is more than ") && cli.stdout.contains(" bytes (no line end within them), longer than the 1048576 bytes"), "\(cli.stdout)")
        } else {
            #expect(cli.stdout.contains("line is \(length) bytes, longer than the 1048576 bytes"), "\(cli.stdout)")
        }
    }

    /// Review 44b #3: a FIFO in `index/rectify.state`'s place was opened and read ("read failed: Illegal seek"); its
    /// kind is now said, as every other derived file's is, and the list is the log's.
    @Test func aFIFOInRectifyStatesPlaceIsNamed() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["rectify"]) == 0)
        let expected = cli.stdout
        let path = cli.ledgerPath + "/index/rectify.state"
        try PosixFile.remove(path)
        #expect(mkfifo(path, 0o644) == 0)
        #expect(cli.run(["rectify"]) == 0)
        #expect(cli.stdout == expected)
        #expect(cli.stderr.contains("rectify.state is a FIFO (named pipe), not a regular file") && !cli.stderr.contains("Illegal seek"), "\(cli.stderr)")
    }

    /// Review 44a #7: `rectify --issue` with a check date after the date of issue wrote the list, the notice and an
    /// event that `ledger append` then refused; it is refused first, nothing written. And `--notice` of a list not
    /// yet issued at the record asked told to append an event the log held: it now says to ask at a later record.
    @Test func issueAndNoticeTellWhatToChange() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        let out = cli.temp.path + "/qf.html", event = cli.temp.path + "/issued.jsonl"
        #expect(cli.run(["rectify", "--as-of", "2026-01-06", "--community", "C-QF", "--prepared-on", "2026-01-05", "--format", "html",
                         "--out", out, "--issue", "QF-2026-01", "--issue-out", event]) == 2)
        #expect(cli.stderr.contains("--as-of 2026-01-06 is after the date of issue 2026-01-05; a list is issued after its check date")
                && cli.stderr.contains("give --issued-on on or after 2026-01-06"), "\(cli.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: event))
        // Review 44d #8: nor dated after today (the harness's clock: 2026-01-05 in Beijing).
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-QF", "--issued-on", "2026-01-06", "--format", "html",
                         "--out", out, "--issue", "QF-2026-01", "--issue-out", event]) == 2)
        #expect(cli.stderr.contains("--issued-on 2026-01-06 (else --prepared-on) is after today in Beijing (2026-01-05)"), "\(cli.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: event))
        #expect(cli.run(["append", "--file", RectificationLoopCommandTests.loop + "/1-issued.jsonl"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF", "--at-seq", "133"]) == 2)
        #expect(cli.stderr.contains("If it was recorded after record 133, give a later --at-seq (or none); otherwise append"), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--notice", "QF-2026-01", "--community", "C-QF"]) == 0, "\(cli.stderr)")
    }
}
