import Foundation
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 39f (major): a clerk voided a bounced payment with a correction, then added a row to the same sheet and
/// imported it again: the voided row, no longer a fact in effect, was imported as new money — the bounced
/// ¥1,234.56 back in the balance, without a word. A row identical to a voided record is refused naming the
/// correction; the new row goes in with `--allow-partial`, and the balance counts the voided money once: not at all.
@Suite struct VoidedRowReimportTests {
    @Test func aVoidedRowOfAFileImportedAgainIsRefused() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let sheet = """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-05-05,F-HY-PI,"1,234.56",业主王,B-SJ-01,停车费
            2025-05-08,F-HY-PI,789.01,商户,B-SJ-02,广告

            """
        try PosixFile.writeAtomically(Array(sheet.utf8), to: cli.temp.path + "/income.csv")
        #expect(cli.run(["import", "income", "income.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let importID = try #require(cli.stdout.firstMatch(of: /imp-[0-9a-f]{16}/)).output
        #expect(cli.run(["balances", "--format", "csv"]) == 0)
        let before = cli.stdout
        let void = #"{"type":"correction","occurred_on":"2025-05-20","data":{"corrects":"\#(importID)-r2","reason":"支票退票，款未到账"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: void + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["balances", "--format", "csv"]) == 0)
        let voided = cli.stdout
        #expect(voided != before)
        // The same sheet with a new row.
        try PosixFile.writeAtomically(Array((sheet + "2025-06-01,F-HY-PI,100.00,商户,B-SJ-04,广告\n").utf8), to: cli.temp.path + "/income.csv")
        let log = try cli.logBytes()
        #expect(cli.run(["import", "income", "income.csv", "--lang", "en"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("row 2") && out.contains("which correction #") && out.contains("voided on 2025-05-20 (\"支票退票，款未到账\")"), "\(out)")
        #expect(try cli.logBytes() == log)
        #expect(cli.run(["import", "income", "income.csv", "--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains("已于 2025-05-20 被更正") && (cli.stdout + cli.stderr).contains("再次导入会重复记账"), "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "income.csv", "--allow-partial", "--lang", "en"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("3 read, 1 new, 1 already recorded, 1 rejected"), "\(cli.stdout)")
        // The balance: the voided money not back, the new 100.00 in.
        #expect(try income(cli) == income(voided) + 10_000)
        #expect(try income(before) == income(voided) + 123_456)
    }

    /// F-HY-PI's income in fen, from `balances --format csv`.
    func income(_ csv: String) throws -> Int64 {
        let line = try #require(csv.split(whereSeparator: \.isNewline).first { $0.hasPrefix("C-HY,F-HY-PI,") })
        let cell = line.split(separator: ",", omittingEmptySubsequences: false)[3]
        let parts = cell.split(separator: ".")
        return Int64(parts[0])! * 100 + Int64(parts[1])!
    }

    func income(_ cli: CLIHarness) throws -> Int64 {
        #expect(cli.run(["balances", "--format", "csv"]) == 0)
        return try income(cli.stdout)
    }
}
