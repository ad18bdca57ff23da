import Foundation
import LedgerCLI
import LedgerTestSupport
import Testing

/// Golden files of the query commands over the sample ledger (testdata/sample), and their errors.
/// Re-record with RECORD_GOLDEN=1; a recording run fails so that nothing is accepted silently.
@Suite struct QueryCommandTests {
    static let root = URL(fileURLWithPath: SampleRecords.packageRoot)
    static let goldenDirectory = SampleRecords.packageRoot + "/Tests/LedgerCLITests/Golden"

    /// A harness holding the sample ledger, built as the README does: one batch per file.
    static func sampleLedger() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "sample"]) == 0)
        let sample = root.appendingPathComponent("testdata/sample").path
        // The domain part of the sample (0*.jsonl); 90-rectification.jsonl is covered by RectifyCommandTests.
        let files = try! FileManager.default.contentsOfDirectory(atPath: sample).filter { $0.hasPrefix("0") && $0.hasSuffix(".jsonl") }.sorted()
        for (index, file) in files.enumerated() {
            let status = cli.run(["append", "--file", sample + "/" + file, "--recorded-at", "2025-07-01T09:0\(index):00Z"])
            #expect(status == 0, "\(file): \(cli.stderr)")
        }
        return cli
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let golden: String
        let arguments: [String]
        var testDescription: String { golden }
    }

    static let cases: [Case] = [
        Case(golden: "balances.txt", arguments: ["balances", "--as-of", "2025-06-30"]),
        Case(golden: "balances.csv", arguments: ["balances", "--as-of", "2025-06-30", "--format", "csv"]),
        Case(golden: "balances.json", arguments: ["balances", "--as-of", "2025-06-30", "--format", "json"]),
        Case(golden: "balances-by-category.txt", arguments: ["balances", "--as-of", "2025-06-30", "--by", "category"]),
        Case(golden: "balances-by-quarter-C-QF.csv", arguments: ["balances", "--as-of", "2025-06-30", "--by", "quarter", "--community", "C-QF", "--format", "csv"]),
        Case(golden: "assets.txt", arguments: ["assets", "--as-of", "2025-06-30"]),
        Case(golden: "assets.csv", arguments: ["assets", "--as-of", "2025-06-30", "--format", "csv"]),
        Case(golden: "assets.json", arguments: ["assets", "--as-of", "2025-06-30", "--format", "json"]),
        Case(golden: "assets-2024-07-15-street.txt", arguments: ["assets", "--as-of", "2024-07-15", "--street", "八大关街道"]),
        Case(golden: "contracts.txt", arguments: ["contracts", "--as-of", "2025-06-30"]),
        Case(golden: "contracts.csv", arguments: ["contracts", "--as-of", "2025-06-30", "--format", "csv"]),
        Case(golden: "contracts.json", arguments: ["contracts", "--as-of", "2025-06-30", "--format", "json"]),
        Case(golden: "decisions.txt", arguments: ["decisions", "--as-of", "2025-06-30"]),
        Case(golden: "decisions.csv", arguments: ["decisions", "--as-of", "2025-06-30", "--format", "csv"]),
        Case(golden: "decisions.json", arguments: ["decisions", "--as-of", "2025-06-30", "--format", "json"]),
        // The same tables in Chinese: headings, a Chinese label above each field name, status words and categories.
        Case(golden: "balances-zh.txt", arguments: ["balances", "--as-of", "2025-06-30", "--lang", "zh"]),
        Case(golden: "balances-by-category-zh.txt", arguments: ["balances", "--as-of", "2025-06-30", "--by", "category", "--lang", "zh"]),
        Case(golden: "assets-zh.txt", arguments: ["assets", "--as-of", "2025-06-30", "--lang", "zh"]),
        Case(golden: "contracts-zh.txt", arguments: ["contracts", "--as-of", "2025-06-30", "--lang", "zh"]),
        Case(golden: "decisions-zh.txt", arguments: ["decisions", "--as-of", "2025-06-30", "--lang", "zh"]),
        // Help made from the option declarations, in both languages.
        Case(golden: "help-balances.txt", arguments: ["help", "balances"]),
        Case(golden: "help-balances-zh.txt", arguments: ["help", "balances", "--lang", "zh"]),
        Case(golden: "communities.txt", arguments: ["communities", "--as-of", "2025-06-30"]),
        Case(golden: "communities-zh.txt", arguments: ["communities", "--as-of", "2025-06-30", "--lang", "zh"]),
        Case(golden: "communities.json", arguments: ["communities", "--as-of", "2025-06-30", "--format", "json"]),
        Case(golden: "communities-street.csv", arguments: ["communities", "--as-of", "2025-06-30", "--street", "八大关街道", "--format", "csv"]),
        Case(golden: "show-K-QF-BSMT.txt", arguments: ["show", "K-QF-BSMT", "--as-of", "2025-06-30"]),
        Case(golden: "show-K-QF-BSMT-zh.txt", arguments: ["show", "K-QF-BSMT", "--as-of", "2025-06-30", "--lang", "zh"]),
        // A decision's matter cited as statutes are (《民法典》第二百七十八条第一款第八项), not "第二百七十八条第八项".
        Case(golden: "show-D-HY-2024-01-zh.txt", arguments: ["show", "D-HY-2024-01", "--as-of", "2025-06-30", "--lang", "zh"]),
        Case(golden: "show-D-HY-2024-01.txt", arguments: ["show", "D-HY-2024-01", "--as-of", "2025-06-30"]),
        // The log in words, amounts in yuan, the corrected record #41 marked; and the raw line form.
        Case(golden: "log-40-46.txt", arguments: ["log", "--from", "40", "--to", "46"]),
        Case(golden: "log-40-46-zh.txt", arguments: ["log", "--from", "40", "--to", "46", "--lang", "zh"]),
        Case(golden: "log-40-46-raw.txt", arguments: ["log", "--from", "40", "--to", "46", "--raw"]),
        Case(golden: "show-A-HY-CLUB.json", arguments: ["show", "A-HY-CLUB", "--as-of", "2025-06-30", "--format", "json"]),
        Case(golden: "show-F-QF-PI.csv", arguments: ["show", "F-QF-PI", "--as-of", "2024-12-31", "--format", "csv"]),
    ]

    @Test(arguments: cases)
    func matchesGolden(_ c: Case) throws {
        let cli = Self.sampleLedger()
        #expect(cli.run(c.arguments) == 0, "\(cli.stderr)")
        Golden.expect(cli.stdoutBytes, path: Self.goldenDirectory + "/" + c.golden)
    }

    @Test func goldenFolderHasNoStrayFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.goldenDirectory).sorted()
        // demo.txt and demo-zh.txt belong to DemoCommandTests, the loop's files to RectificationLoopCommandTests, the
        // import reports to ImportGoldenTests, the writing and checking commands' to CommandReportGoldenTests.
        #expect(files == (Self.cases.map(\.golden) + ["demo.txt", "demo-zh.txt"] + RectificationLoopCommandTests.goldenFiles
            + CommandReportGoldenTests.goldenFiles + AuditReportGoldenTests.goldenFiles
            + ImportGoldenTests.goldenFiles).sorted())
    }

    /// Owners are counted as persons (人): votes count them per [SPC] Art. 9, one per exclusive part; not households.
    @Test func aCommunitysOwnersAreCountedAsPersons() {
        let cli = Self.sampleLedger()
        #expect(cli.run(["show", "C-HY", "--as-of", "2025-06-30", "--lang", "zh"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("总面积 52000.00 平方米，业主 480 人\n"), "\(cli.stdout)")
        #expect(cli.stdout.contains("业主人数(total_owners) 480"), "\(cli.stdout)")
        #expect(!cli.stdout.contains("业主户数") && !cli.stdout.contains("480 户"), "\(cli.stdout)")
    }

    @Test func domainErrorsRejectTheBatch() {
        let cli = Self.sampleLedger()
        let input = """
        {"id":"x1","type":"use.started","occurred_on":"2025-07-01","data":{"use_id":"U-9","asset_id":"A-YX-GRN","user":"u","purpose":"p"}}
        {"id":"x2","type":"fund.spending","occurred_on":"2025-07-01","data":{"fund_id":"F-HY-PI","amount_fen":99999999,"counterparty":"c","voucher":"v","purpose":"没有表决的大额支出"}}

        """
        #expect(cli.run(["append"], stdin: input) == 2)
        #expect(cli.stderr == """
        error: the batch was rejected; nothing was appended:
          stdin:1: event x1 (use.started): field "data.asset_id": asset "A-YX-GRN" was retired on 2025-06-20 (record seq 71); it cannot be referenced after that date

        """)
        // Without the bad line, the non-compliant spending (no vote, fund goes negative) is accepted.
        #expect(cli.run(["append"], stdin: String(input.split(separator: "\n")[1]) + "\n") == 0)
        #expect(cli.run(["balances", "--as-of", "2025-07-01", "--community", "C-HY", "--format", "csv"]) == 0)
        #expect(cli.stdout.contains("F-HY-PI,public_income,31323.45,1003499.99,0.00,10000.00,-982176.54"))
    }

    @Test func queryUsageErrors() {
        let cli = Self.sampleLedger()
        #expect(cli.run(["assets", "--community", "C-ZZ", "--as-of", "2025-06-30"]) == 2)
        #expect(cli.stderr == "error: --community C-ZZ: no such community as of 2025-06-30; known: C-HY, C-QF, C-YX.\n")
        #expect(cli.run(["balances", "--format", "xml"]) == 2)
        #expect(cli.stderr.contains("--format \"xml\" is not allowed; use one of: table, csv, json."))
        #expect(cli.run(["show", "NOPE", "--as-of", "2025-06-30"]) == 2)
        #expect(cli.stderr == "error: no entity or event has id \"NOPE\" as of 2025-06-30 (records 1–71).\n")
        #expect(cli.run(["show", "A-HY-CLUB", "--community", "C-QF"]) == 2)
        #expect(cli.stderr.contains("A-HY-CLUB belongs to community C-HY"))
        #expect(cli.run(["contracts", "--at-seq", "500"]) == 2)
        #expect(cli.stderr.contains("--at-seq 500 is beyond the ledger's last record (seq 71)."))
        // Records 41 and their correction 45 came in one batch (22–55): the ledger never stood at 44 (review 37a F4).
        #expect(cli.run(["balances", "--as-of", "2025-06-30", "--at-seq", "44"]) == 2 && cli.stdout.isEmpty)
        #expect(cli.stderr == "error: --at-seq 44 falls inside the batch of records 22–55, which was written as a whole: the ledger never stood at record 44. Use 21 (before the batch) or 55 (after it).\n")
        #expect(cli.run(["decisions", "--as-of", "2025-13-01"]) == 2)
    }
}
