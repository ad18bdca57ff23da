import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 43b: `ledger publish` recorded nothing, and said nothing of recording the disclosure, so the committee got a
/// FUND-08 (未按期公示) it had not earned; the page showed 已终止 without the day the contract ended.
@Suite struct ReviewFortyThreePublicationTests {
    /// The facts of the open FUND-08 findings of C-QF as of 2026-01-07 (the fixture's clock).
    static func disclosureFacts(ledger: String, in directory: String) throws -> [String] {
        let (status, out, err) = PublicationFixture.run(["rectify", "--ledger", ledger, "--community", "C-QF", "--as-of", "2026-01-07",
                                                         "--format", "json"], in: directory)
        #expect(status == 0 || status == 1, "\(err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        return findings.filter { ($0["rule"] as? String) == "FUND-08" }.flatMap { f in
            ((f["facts"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }
        }
    }

    @Test func publishPrintsTheDisclosureLineThatStopsFUND08() throws {
        let fixture = PublicationFixture.shared
        let line = try #require(fixture.log.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init))
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(record["type"] as? String == "disclosure.published")
        // The checkpoint's day in Beijing (signed 2026-01-05T00:00:00Z, 08:00 there), not the clock's (2026-01-07):
        // the same log and checkpoint print the same line.
        #expect(record["occurred_on"] as? String == "2026-01-05")
        let data = try #require(record["data"] as? [String: Any])
        #expect(data["community_id"] as? String == "C-QF")
        #expect(data["period_from"] as? String == "2024-01-01" && data["period_to"] as? String == "2025-12-31")
        #expect((data["location"] as? String)?.hasPrefix("小区公示栏") == true)
        let funds = try #require(data["fund_ids"] as? [String])
        #expect(!funds.isEmpty && funds.allSatisfy { $0.hasPrefix("F-QF-") }, "\(funds)")
        #expect(fixture.log.contains("ledger append --file"))

        // Appended to a copy of the ledger, it is the disclosure FUND-08 looks for: nothing is overdue any more.
        let temp = TemporaryDirectory("publish-record")
        temp.removeAtExit()
        let copy = temp.path + "/ledger"
        try FileManager.default.copyItem(atPath: fixture.ledger, toPath: copy)
        let before = try Self.disclosureFacts(ledger: copy, in: temp.path)
        #expect(before.contains { $0 == "disclosure_overdue" || $0 == "never_disclosed" }, "\(before)")
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: temp.path + "/公示记录.jsonl"))
        let (status, _, err) = PublicationFixture.run(["append", "--ledger", copy, "--file", temp.path + "/公示记录.jsonl",
                                                       "--actor", "青枫苑业委会"], in: temp.path)
        #expect(status == 0, "\(err)")
        let after = try Self.disclosureFacts(ledger: copy, in: temp.path)
        #expect(!after.contains { $0 == "disclosure_overdue" || $0 == "never_disclosed" }, "\(after)")
    }

    /// K-QF-AD1 was terminated on 2025-01-15: the status cell says so, as `ledger contracts` does.
    @Test func pageGivesTheTerminationDay() {
        let page = PublicationFixture.shared.text("index.html")
        #expect(page.contains("已终止（2025-01-15）"))
        #expect(!page.contains("已终止</td>"))
    }
}
