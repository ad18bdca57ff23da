import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A command that writes no personal data leaves a ledger without `private/` without one: a refused append of a
/// person (or with `--private`), an erasure of an unknown subject, a dry run. `private/` is made only when an entry
/// (or an erasure's marker) is written into it.
@Suite struct PrivateDirectoryTests {
    static let community = #"{"id":"c1","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}"#
    static let fund = #"{"id":"f1","type":"fund.opened","occurred_on":"2024-03-02","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"6230"}}"#
    /// 2025-02-29 is no date: the batch is refused after private/ would have been opened.
    static func income(_ counterparty: String, on date: String = "2025-02-29") -> String {
        #"{"type":"fund.income","occurred_on":"\#(date)","data":{"fund_id":"F-1","amount_fen":100,"counterparty":\#(counterparty),"voucher":"v","category":"parking"}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let stdin: String
        let status: Int32
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["append", "--actor", "c"], stdin: income(#"{"person":"李四"}"#) + "\n", status: 2),
        Case(arguments: ["append", "--actor", "c", "--private", "counterparty"], stdin: income(#""李四""#) + "\n", status: 2),
        Case(arguments: ["append", "--actor", "c"], stdin: income(#"{"commitment":"\#(String(repeating: "ab", count: 32))"}"#, on: "2025-02-28") + "\n", status: 2),
        Case(arguments: ["erase-personal", "--subject", "nobody", "--reason", "r", "--actor", "c"], stdin: "", status: 2),
        Case(arguments: ["erase-personal", "--subject", "nobody", "--reason", "r", "--actor", "c", "--dry-run"], stdin: "", status: 2),
        Case(arguments: ["erase-personal", "--subject", String(repeating: "ab", count: 32), "--reason", "r", "--actor", "c", "--dry-run"], stdin: "", status: 2),
    ]

    @Test(arguments: cases)
    func aCommandThatStoresNoPersonLeavesNoPrivateDirectory(_ c: Case) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.community + "\n" + Self.fund + "\n") == 0, "\(cli.stderr)")
        let before = DirectorySnapshot.of(cli.ledgerPath)
        #expect(cli.run(c.arguments, stdin: c.stdin) == c.status, "\(cli.stdout)\(cli.stderr)")
        #expect(!PosixFile.exists(cli.ledgerPath + "/private"), "\(c.arguments)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before)
    }

    /// The first person appended makes private/ (mode 0700) with its entry.
    @Test func theFirstPersonMakesPrivate() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.community + "\n" + Self.fund + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "c"], stdin: Self.income(#"{"person":"李四"}"#, on: "2025-02-28") + "\n") == 0, "\(cli.stderr)")
        let entries = try PosixDirectory(path: cli.ledgerPath + "/private").names()
        #expect(entries.count == 1 && entries[0].utf8.count == 64, "\(entries)")
        #expect(cli.run(["erase-personal", "--subject", "李四", "--reason", "本人申请删除", "--actor", "dpo"]) == 0, "\(cli.stderr)")
        #expect(try PosixDirectory(path: cli.ledgerPath + "/private").names().isEmpty)
    }
}
