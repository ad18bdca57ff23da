import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The reports of fact and statement imports, as the clerk reads them (text) and scripts read them (JSON).
@Suite struct ImportGoldenTests {
    /// The golden files this suite owns.
    static let goldenFiles = ["import-income-mistakes.txt", "import-income-mistakes.json", "import-statement.txt",
                              "import-income-mistakes-zh.txt", "import-statement-zh.txt", "import-refusals-zh.txt",
                              "append-mistakes.txt", "append-mistakes-zh.txt", "import-assets-mistakes-zh.txt"]
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static let statements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/testdata/statements/"

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    @Test func incomeWithMistakes() throws {
        let cli = demo()
        try PosixFile.writeAtomically(Array("""
            海韵小区2025年5月收入明细,,,,,,
            日期,账户编号,金额,付款方,凭证号,类别,合同编号
            2025-05-05,F-HY-PI,"1,800.00",青岛海港停车管理有限公司,SJ-X-1,停车费,K-HY-P01
            2025/5/6,F-HY-PI,3000.505,某公司,SJ-X-2,广告,
            2025年5月7日,F-NONE,３００,某公司,SJ-X-3,广告,
            2025-05-08,F-HY-PI,300,某公司,SJ-X-1,广告,

            """.utf8), to: cli.temp.path + "/收入.csv")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run"]) == 2)
        Golden.expect(cli.stdout, path: Self.golden + "/import-income-mistakes.txt")
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run", "--json"]) == 2)
        Golden.expect(cli.stdout, path: Self.golden + "/import-income-mistakes.json")
        // The same report for a Chinese reader: every row's problem in Chinese, field names as the spec writes them.
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run", "--lang", "zh"]) == 2)
        Golden.expect(cli.stdout, path: Self.golden + "/import-income-mistakes-zh.txt")
    }

    /// A register's bad rows for a Chinese reader: kind, area, date and duplicate id, each with its row and column.
    @Test func registerMistakesInChinese() throws {
        let cli = demo()
        try PosixFile.writeAtomically(Array("""
            编号,小区,类型,名称,位置,面积,登记日期
            CW-001,C-HY,车位,地下车位1,B1,12.5,2024-03-01
            CW-002,C-HY,花坛,x,B1,12.555,2024-02-30
            CW-001,C-HY,车位,地下车位1,B1,-3,2099-01-01

            """.utf8), to: cli.temp.path + "/登记.csv")
        #expect(cli.run(["import", "assets", "登记.csv", "--dry-run", "--lang", "zh", "--recorded-at", "2026-01-05T00:00:00Z"]) == 2)
        Golden.expect(cli.stdout, path: Self.golden + "/import-assets-mistakes-zh.txt")
    }

    /// What stops an import before any row is judged, for a Chinese reader: header problems, an empty file, a
    /// bad option.
    @Test func refusalsInChinese() throws {
        let cli = demo()
        try PosixFile.writeAtomically(Array("""
            日期,金额(分),备注,金额
            2025-05-05,180000,x,1800

            """.utf8), to: cli.temp.path + "/头.csv")
        try PosixFile.writeAtomically([], to: cli.temp.path + "/空.csv")
        try PosixFile.writeAtomically(Array(#"{"columns": {"收款金额": "amount"}, "values": {"category": {"摊位费": ""}}}"#.utf8),
                                      to: cli.temp.path + "/对照.json")
        var out = ""
        for arguments in [["import", "income", "头.csv", "--dry-run", "--lang", "zh"],
                          ["import", "income", "空.csv", "--dry-run", "--lang", "zh"],
                          ["import", "statement", "头.csv", "--dry-run", "--lang", "zh"],
                          ["import", "income", "头.csv", "--dry-run", "--lang", "zh", "--delimiter", "pipe"],
                          ["import", "income", "头.csv", "--dry-run", "--lang", "zh", "--mapping", "对照.json"]] {
            #expect(cli.run(arguments) == 2)
            out += "$ ledger " + arguments.joined(separator: " ") + "\n" + cli.stderr
        }
        Golden.expect(out, path: Self.golden + "/import-refusals-zh.txt")
    }

    /// Every mistake of an `append` batch in one run, in English and in Chinese: a line's syntax and fields, each
    /// event's payload and the references, each file by itself and all three files as one (`all.jsonl`: every
    /// problem of every line in one run, in line order).
    @Test func appendMistakes() throws {
        let cli = demo()
        try PosixFile.writeAtomically(Array("""
            {"type":"fund.income","occurred_on":"2025-06-31","data":{}}
            {"type":"fund.income","occurred_on":"2025-06-30","data":{"fund_id":"F-HY-PI","amount":"3000.555","counterparty":"某公司","category":"广告","voucher":"V1"}}
            {"type":"fund.income", "occurred_on":"2025-06-30" "data":{}}
            {"type":"Fund","occurred_on":"2025-06-30","data":{}}
            {"id":"a b","type":"fund.income","occurred_on":"2099-06-30","data":{}}

            """.utf8), to: cli.temp.path + "/syntax.jsonl")
        try PosixFile.writeAtomically(Array("""
            {"type":"fund.income","occurred_on":"2025-06-30","data":{"fund_id":"F-HY-PI","amount_fen":"300","counterparty":"某公司","category":"广告","voucher":"V1"}}
            {"type":"fund.income","occurred_on":"2025-06-30","data":{"fund_id":"F-HY-PI","amount_fen":300,"category":"广告","voucher":"V2"}}
            {"type":"fund.transfer","occurred_on":"2025-06-30","data":{"from_fund_id":"F-HY-PI","to_fund_id":"F-HY-PI","amount":"10","voucher":"ZZ-1"}}
            {"type":"contract.signed","occurred_on":"2025-06-30","data":{"contract_id":"K-X","community_id":"C-HY","asset_ids":["A-HY-P01","A-HY-P01"],"counterparty":"某公司","purpose":"停车","start_on":"2025-07-01","end_on":"2025-06-01","rent":"100","rent_period":"weekly"}}

            """.utf8), to: cli.temp.path + "/fields.jsonl")
        try PosixFile.writeAtomically(Array("""
            {"type":"fund.income","occurred_on":"2025-06-30","data":{"fund_id":"F-NONE","amount":"300","counterparty":"某公司","category":"广告","voucher":"V3"}}

            """.utf8), to: cli.temp.path + "/references.jsonl")
        var all: [UInt8] = []
        for file in ["syntax.jsonl", "fields.jsonl", "references.jsonl"] {
            all += try PosixFile(path: cli.temp.path + "/" + file, mode: .read).readAll()
        }
        try PosixFile.writeAtomically(all, to: cli.temp.path + "/all.jsonl")
        let before = try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll()
        for (language, golden) in [("en", "append-mistakes.txt"), ("zh", "append-mistakes-zh.txt")] {
            var out = ""
            for file in ["syntax.jsonl", "fields.jsonl", "references.jsonl", "all.jsonl"] {
                #expect(cli.run(["append", "--file", file, "--lang", language, "--recorded-at", "2026-01-05T00:00:00Z"]) == 2)
                out += "$ ledger append --file \(file) --lang \(language)\n" + cli.stderr
            }
            Golden.expect(out, path: Self.golden + "/" + golden)
        }
        #expect(try PosixFile(path: cli.ledgerPath + "/events.jsonl", mode: .read).readAll() == before)
    }

    @Test func statement() throws {
        let cli = demo()
        #expect(cli.run(["import", "statement", Self.statements + "lvzhou-rcb-2025-07-gb18030.csv", "--fund", "F-LZ-PI",
                         "--rules", Self.statements + "lvzhou-rules.json", "--recorded-at", "2026-01-05T00:00:00Z"]) == 0)
        Golden.expect(cli.stdout, path: Self.golden + "/import-statement.txt")
        // Again, for a Chinese reader, on a fresh ledger.
        let zh = demo()
        #expect(zh.run(["import", "statement", Self.statements + "lvzhou-rcb-2025-07-gb18030.csv", "--fund", "F-LZ-PI",
                        "--rules", Self.statements + "lvzhou-rules.json", "--recorded-at", "2026-01-05T00:00:00Z", "--lang", "zh"]) == 0)
        Golden.expect(zh.stdout, path: Self.golden + "/import-statement-zh.txt")
    }
}
