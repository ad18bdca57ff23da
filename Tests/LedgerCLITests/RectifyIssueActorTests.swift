import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Who issued a list (review 36): `rectify --issue` writes an event with no actor, so `ledger append` of it took
/// $LEDGER_ACTOR or the login ($USER) without a word. Now rectify says which `ledger append --actor NAME` records it,
/// or takes `--actor NAME` itself and writes it into the event (never from the environment: the file stays the same
/// whoever makes it, and testdata/loop/1-issued.jsonl is still what it writes without --actor).
@Suite struct RectifyIssueActorTests {
    static func issue(_ cli: CLIHarness, _ extra: [String]) -> (status: Int32, event: String) {
        let out = cli.temp.path + "/qf.html", event = cli.temp.path + "/issued.jsonl"
        let status = cli.run(RectificationLoopCommandTests.issueOptions + ["--out", out, "--issue", "QF-2026-01", "--issue-out", event] + extra)
        return (status, (try? String(contentsOfFile: event, encoding: .utf8)) ?? "")
    }

    @Test func withoutActorTheNoteNamesTheAppendCommandWithActor() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        let (status, event) = Self.issue(cli, [])
        #expect(status == 0, "\(cli.stderr)")
        #expect(!event.contains("\"actor\""))
        let path = cli.temp.path + "/issued.jsonl"
        #expect(cli.stderr.contains("rectify: list QF-2026-01 issues 12 findings to C-QF; review \(path) and append it with "
            + "`ledger append --file \(path) --actor NAME` (the event names no actor: NAME is who issues it, or give --actor NAME to rectify --issue)"),
                "\(cli.stderr)")
        _ = Self.issue(cli, ["--lang", "zh"])
        #expect(cli.stderr.contains("rectify：清单 QF-2026-01 向 C-QF 交办 12 个问题；请核对 \(path) 后用“ledger append --file \(path) --actor NAME”追加"
            + "（事件未写记录人：NAME 为交办人，或在 rectify --issue 时加 --actor NAME）"), "\(cli.stderr)")
    }

    @Test func withActorTheEventNamesWhoIssuedAndAppendNeedsNothingMore() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        // No $USER either: the actor comes from the file.
        cli.environment = [:]
        let (status, event) = Self.issue(cli, ["--actor", "街道办-李敏"])
        #expect(status == 0, "\(cli.stderr)")
        let path = cli.temp.path + "/issued.jsonl"
        #expect(cli.stderr.contains("append it with `ledger append --file \(path)`\n"), "\(cli.stderr)")
        // The sample event with the actor added, nothing else changed.
        let sample = try JSONParser.parse(Array(try String(contentsOfFile: RectificationLoopCommandTests.loop + "/1-issued.jsonl", encoding: .utf8).utf8))
        let written = try JSONParser.parse(Array(event.utf8))
        #expect(written["actor"]?.stringValue == "街道办-李敏")
        #expect(written["data"] == sample["data"] && written["id"] == sample["id"] && written["occurred_on"] == sample["occurred_on"])
        #expect(cli.run(["append", "--file", path]) == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--raw", "--from", "134"]) == 0)
        #expect(cli.stdout.contains("rectification.issued  QF-2026-01  街道办-李敏  "), "\(cli.stdout)")
    }

    @Test func theEnvironmentIsNotReadAndABadActorIsRefused() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        cli.environment = ["USER": "root", "LEDGER_ACTOR": "someone"]
        let (status, event) = Self.issue(cli, [])
        #expect(status == 0 && !event.contains("\"actor\""), "\(cli.stderr)")
        #expect(Self.issue(cli, ["--actor", "李\t敏"]).status == 2)
        #expect(cli.stderr.contains("--actor: "), "\(cli.stderr)")
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--actor", "街道办-李敏"]) == 2)
        #expect(cli.stderr.contains("--actor is used with --issue LIST-ID"), "\(cli.stderr)")
    }
}
