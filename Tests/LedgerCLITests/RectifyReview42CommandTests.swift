import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 41b #3 end to end (the README's 事后追认 path): maintenance-fund money spent without a vote is issued
/// (FUND-01), the owners ratify it afterwards and a correction of the spending cites their vote; the issued key finds
/// the ratified spending (待复核), no new key appears (新发现), and the office's closure closes it (已销号).
@Suite struct RectifyReview42CommandTests {
    static func event(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
        ReviewThirtySevenLoopCommandTests.event(id, type, date, data)
    }

    static let base = [
        event("b1", "community.registered", "2023-12-01", #"{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}"#),
        event("b2", "fund.opened", "2024-01-01", #"{"fund_id":"F-MF","community_id":"C-T","kind":"maintenance","account":"MF"}"#),
        event("b3", "fund.income", "2024-01-01", #"{"fund_id":"F-MF","amount_fen":100000000,"counterparty":"中心","voucher":"V0","category":"deposit"}"#),
        event("S1", "fund.spending", "2025-01-05", #"{"fund_id":"F-MF","amount_fen":50000,"counterparty":"某公司","voucher":"S1","purpose":"维修","purpose_category":"repair"}"#),
    ]

    static let ratification = [
        event("D-LATE", "decision.recorded", "2025-02-20", #"{"decision_id":"D-LATE","community_id":"C-T","matter":"maintenance_fund_use","participating_area_m2":"2400.00","participating_owners":240,"approving_area_m2":"2400.00","approving_owners":240,"authorises":{}}"#),
        event("X1", "correction", "2025-03-01", #"{"corrects":"S1","reason":"业主大会事后追认","replacement":{"type":"fund.spending","occurred_on":"2025-01-05","data":{"fund_id":"F-MF","amount_fen":50000,"counterparty":"某公司","voucher":"S1","purpose":"维修","purpose_category":"repair","decision_id":"D-LATE"}}}"#),
    ]

    static let key = "FUND-01/F-MF/S1/2025-01-05"

    func append(_ cli: CLIHarness, _ lines: [String]) throws {
        let file = cli.temp.path + "/in.jsonl"
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: file)
        #expect(cli.run(["append", "--file", file, "--actor", "街道办-李敏"]) == 0, "\(cli.stderr)")
    }

    /// The FUND-01 entries of the 整改台账 as of `asOf`: key and status.
    func entries(_ cli: CLIHarness, asOf: String) throws -> [String] {
        #expect(cli.run(["rectify", "--as-of", asOf, "--community", "C-T", "--ledger-book", "--format", "json"]) == 0, "\(cli.stderr)")
        let entries = try #require(try JSONParser.parse(cli.stdout)["entries"]?.arrayValue)
        return entries.compactMap { e -> String? in
            guard let key = e["key"]?.stringValue, key.hasPrefix("FUND-01/") else { return nil }
            return key + " " + (e["status"]?.stringValue ?? "")
        }
    }

    @Test func aRatifyingCorrectionClosesTheIssuedKeyUnderTheSameKey() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "review-41b-3"]) == 0)
        try append(cli, Self.base)
        // 交办: the list of 2025-01-31, issued on 2025-02-01.
        let list = cli.temp.path + "/list.html", issued = cli.temp.path + "/issued.jsonl"
        #expect(cli.run(["rectify", "--as-of", "2025-01-31", "--community", "C-T", "--prepared-on", "2025-02-01", "--format", "html",
                         "--out", list, "--issue", "L1", "--issue-out", issued]) == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--file", issued, "--actor", "街道办-李敏"]) == 0, "\(cli.stderr)")
        #expect(try entries(cli, asOf: "2025-02-10") == ["\(Self.key) issued"])
        // 事后追认: the owners' vote, and the correction of the spending that cites it.
        try append(cli, Self.ratification)
        #expect(try entries(cli, asOf: "2025-03-31") == ["\(Self.key) to_verify"])
        #expect(cli.run(["rectify", "--as-of", "2025-03-31", "--community", "C-T", "--format", "csv"]) == 0, "\(cli.stderr)")
        #expect(!cli.stdout.contains("/X1/") && !cli.stdout.contains("新发现"), "\(cli.stdout)")
        #expect(cli.stdout.contains(Self.key), "\(cli.stdout)")
        // 销号: the office re-checks and closes the key it issued.
        try append(cli, [Self.event("V1", "rectification.verified", "2025-03-10", #"{"list_id":"L1","keys":["\#(Self.key)"],"result":"closed","verified_by":"街道 李敏"}"#)])
        #expect(try entries(cli, asOf: "2025-03-31") == ["\(Self.key) closed"])
    }

    /// Review 41d #7: a statement stating another fund's account, imported under a fund whose account holds no number,
    /// is refused saying what the check saw — whose account the number is — not that the money would be recorded twice
    /// (the other fund's statement may never have been imported).
    @Test(arguments: [("en", "If this is F-LZ-PI's statement, import it with --fund F-LZ-PI; imported under F-QF-MF, its money would be recorded in F-QF-MF, not in the fund registered with that account."),
                      ("zh", "如果这是 F-LZ-PI 的对账单，请改用 --fund F-LZ-PI导入；以 --fund F-QF-MF 导入，其款项会记入 F-QF-MF，而不是登记该账号的资金账户。")])
    func aStatementOfAnotherFundsAccountSaysWhatWasSeen(_ language: String, _ said: String) throws {
        let cli = CLIHarness()
        cli.clock = Timestamp(rfc3339: "2026-12-01T00:00:00Z")!
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let file = cli.temp.path + "/lvzhou.csv", rules = cli.temp.path + "/rules.json"
        try PosixFile.writeAtomically(Array("账号：6230-0001-0901\n交易日期,流水号,交易金额,余额,对方户名,摘要\n2026-01-05,T001,200.00,\"66,200.00\",张三,停车费\n".utf8),
                                      to: file)
        try PosixFile.writeAtomically(Array(#"{"rules": [{"if": {"direction": "in"}, "category": "parking"}]}"#.utf8), to: rules)
        #expect(cli.run(["import", "statement", file, "--fund", "F-QF-MF", "--rules", rules, "--dry-run", "--lang", language]) == 2)
        #expect(cli.stderr.contains(said), "\(cli.stderr)")
        #expect(!cli.stderr.contains("再记一次") && !cli.stderr.contains("as well"), "\(cli.stderr)")
    }
}
