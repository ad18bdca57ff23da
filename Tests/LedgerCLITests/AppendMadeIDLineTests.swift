import LedgerTestSupport
import Testing

/// Review 42d #6: a problem naming another line of the batch whose event gave no id named it by the id append made
/// for it (`event in-…-1 of this batch`), which the clerk never saw; it names the input line now.
@Suite struct AppendMadeIDLineTests {
    static let fund = #"{"type":"fund.opened","occurred_on":"2024-05-01","data":{"fund_id":"F-9","community_id":"C-1","kind":"other","account":"a"}}"#
    static let fundAgain = #"{"type":"fund.opened","occurred_on":"2024-05-02","data":{"fund_id":"F-9","community_id":"C-1","kind":"other","account":"b"}}"#

    @Test(arguments: ["en", "zh"])
    func anotherLineIsNamedByItsLine(_ lang: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: RecordedAtGuardTests.community + "\n") == 0, "\(cli.stderr)")
        let before = DirectorySnapshot.of(cli.ledgerPath)
        #expect(cli.run(["append", "--actor", "clerk", "--lang", lang], stdin: "\n" + Self.fund + "\n" + Self.fundAgain + "\n") == 2)
        #expect(cli.stderr.contains(lang == "en" ? "line 2 of this batch" : "这一批的第 2 行"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("in-"), "\(cli.stderr)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before)
    }
}
