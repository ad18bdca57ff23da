import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The first `ledger append` after `rm -rf index/` rebuilds only the derived files append reads (the id tables and
/// the checks' state, ledger-spec.md 15.6, and the scopes for a batch holding an income, spending or transfer, which
/// is matched with its funds' statement lines); the funds state stays absent until the first query, which builds
/// what it needs, and every answer is the one a ledger whose `index/` was never deleted gives.
@Suite struct AppendIndexTests {
    static let batch = """
        {"id":"w1","type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":30000,"counterparty":"某广告公司","category":"advertising","voucher":"W1"}}
        {"id":"w2","type":"fund.spending","occurred_on":"2025-07-02","data":{"fund_id":"F-HY-PI","amount_fen":1200,"counterparty":"某维修公司","voucher":"W2","purpose":"修门禁","purpose_category":"repair"}}

        """

    static let queries: [[String]] = [
        ["balances", "--community", "C-HY"], ["balances"], ["balances", "--street", "八大关街道"],
        ["assets"], ["assets", "--community", "C-QF"], ["contracts"], ["decisions"], ["communities"],
        ["rectify"], ["rectify", "--street", "八大关街道"], ["balances", "--as-of", "2025-01-01"],
        ["balances", "--at-seq", "21"], ["show", "F-HY-PI", "--community", "C-HY"], ["show", "F-HY-PI"],
    ]

    @Test func appendAfterIndexIsDeletedBuildsOnlyWhatItReads() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let kept = cli.ledgerPath, fresh = cli.temp.path + "/fresh"
        // Every derived file at the head, then a copy whose index/ is deleted.
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        for file in ["ids", "checks.state", "funds.state", "scopes"] { #expect(PosixFile.exists(kept + "/index/" + file), "\(file)") }
        try FileManager.default.copyItem(atPath: kept, toPath: fresh)
        try FileManager.default.removeItem(atPath: fresh + "/index")

        for ledger in [kept, fresh] {
            #expect(cli.run(["append", "--ledger", ledger, "--recorded-at", "2026-01-05T00:00:00Z"], stdin: Self.batch) == 0, "\(cli.stderr)")
            #expect(cli.stderr.isEmpty, "\(cli.stderr)")
        }
        let log = { (ledger: String) in try PosixFile(path: ledger + "/events.jsonl", mode: .read).readAll() }
        #expect(try log(kept) == log(fresh))
        // Append rebuilt what it reads, and nothing else.
        for file in ["ids", "checks.state", "scopes"] { #expect(PosixFile.exists(fresh + "/index/" + file), "\(file) is built by append") }
        for file in ["funds.state", "fund-totals", "rectify.state"] {
            #expect(!PosixFile.exists(fresh + "/index/" + file), "\(file) is left to the first query")
        }

        for (index, query) in Self.queries.enumerated() {
            #expect(cli.run(query + ["--ledger", kept]) == 0, "\(query): \(cli.stderr)")
            let (out, err) = (cli.stdout, cli.stderr)
            #expect(cli.run(query + ["--ledger", fresh]) == 0, "\(query): \(cli.stderr)")
            #expect(cli.stdout == out, "\(query) answers the same")
            #expect(cli.stderr == err, "\(query): \(cli.stderr)")
            if index == 0 {
                // The first query, scoped, read the scopes append built (ledger-spec.md 15.6), and left the funds
                // state to the first whole-city balances.
                #expect(PosixFile.exists(fresh + "/index/scopes"), "scopes is there for the first query")
                #expect(!PosixFile.exists(fresh + "/index/funds.state"), "funds.state is left to the query that reads it")
            }
            if index == 1 {
                // The first whole-city balances keeps only the totals (ledger-spec.md 15.6/15.7).
                #expect(PosixFile.exists(fresh + "/index/fund-totals"), "fund-totals is built by the whole-city balances")
                #expect(!PosixFile.exists(fresh + "/index/funds.state"), "funds.state is left to a question the totals do not answer")
            }
            if index == 11 {
                #expect(PosixFile.exists(fresh + "/index/funds.state"), "funds.state is built by balances --at-seq")
            }
        }
        // A second append to the partly rebuilt ledger, then every file checked against the log.
        let more = #"{"id":"w3","type":"fund.income","occurred_on":"2025-07-03","data":{"fund_id":"F-HY-PI","amount_fen":500,"counterparty":"某广告公司","category":"advertising","voucher":"W3"}}"#
        for ledger in [kept, fresh] {
            #expect(cli.run(["append", "--ledger", ledger, "--recorded-at", "2026-01-05T00:00:00Z"], stdin: more + "\n") == 0, "\(cli.stderr)")
        }
        #expect(cli.run(["balances", "--ledger", kept]) == 0)
        let balances = cli.stdout
        #expect(cli.run(["balances", "--ledger", fresh]) == 0 && cli.stdout == balances)
        #expect(cli.run(["verify", "--index", "--ledger", fresh]) == 0, "\(cli.stdout)")
        #expect(!cli.stdout.contains("DAMAGED"), "\(cli.stdout)")
    }

    /// A scoped query after `rm -rf index/` builds only `index/scopes`, and `show` only `scopes` and `mentions`
    /// (ledger-spec.md 15.6): the id tables, the funds' and the checks' states are left to the commands that read
    /// them. Each answer is the one of a ledger that reads the log alone (`LEDGER_SCOPES=off`), and the files left
    /// missing are built, correct, by the commands after (`verify --index` finds every file intact).
    @Test func aScopedQueryBuildsOnlyTheFilesItReads() throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let index = cli.ledgerPath + "/index"
        let cases: [(query: [String], built: Set<String>)] = [
            (["balances", "--community", "C-HY"], ["scopes"]),
            (["assets", "--community", "C-QF"], ["scopes"]),
            (["balances", "--street", "八大关街道"], ["scopes"]),
            (["show", "F-HY-PI"], ["scopes", "mentions"]),
        ]
        for (query, built) in cases {
            try? FileManager.default.removeItem(atPath: index)
            #expect(cli.run(query) == 0, "\(query): \(cli.stderr)")
            let (out, err) = (cli.stdout, cli.stderr)
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: index)) ?? [])
            #expect(files == built, "\(query) built \(files.sorted())")
            cli.environment["LEDGER_SCOPES"] = "off"
            #expect(cli.run(query) == 0)
            #expect(cli.stdout == out, "\(query) answers as the log alone")
            #expect(cli.stderr == err, "\(query): \(cli.stderr)")
            cli.environment["LEDGER_SCOPES"] = nil
        }
        // Then an append (the id tables and the checks' state), a whole-city balances (the totals) and one by month
        // (the funds state, which the totals do not answer) build theirs.
        let more = #"{"id":"w9","type":"fund.income","occurred_on":"2025-07-03","data":{"fund_id":"F-HY-PI","amount_fen":500,"counterparty":"某广告公司","category":"advertising","voucher":"W9"}}"#
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: more + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["balances"]) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(index + "/fund-totals") && !PosixFile.exists(index + "/funds.state"))
        #expect(cli.run(["balances", "--by", "month"]) == 0, "\(cli.stderr)")
        for file in ["ids", "checks.state", "funds.state", "fund-totals", "scopes", "mentions"] { #expect(PosixFile.exists(index + "/" + file), "\(file)") }
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)")
        #expect(!cli.stdout.contains("DAMAGED") && !cli.stdout.contains("损坏"), "\(cli.stdout)")
    }
}
