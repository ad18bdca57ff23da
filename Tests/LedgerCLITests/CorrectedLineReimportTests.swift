import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 38g: a bank-statement line whose category (or purpose, counterparty, contract) a correction put right,
/// keeping the bank's transaction id, was refused when the same or an overlapping statement was imported again, with
/// the advice to correct the payment or fix its voucher — though nothing was wrong. The line is recognised as
/// recorded by its transaction id, day and amount; only a correction of its day or amount (which the bank's line
/// then contradicts) is still told.
@Suite struct CorrectedLineReimportTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let voucher: String
        /// Members of the recorded line's `data` the correction changes.
        let changes: [String: any Sendable]
        var occurredOn: String? = nil
        /// Whether the statement imported again is accepted with nothing new.
        let accepted: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "income category", voucher: "CCB0702000017", changes: ["category": "advertising"], accepted: true),
        Case(name: "income counterparty", voucher: "CCB0702000017", changes: ["counterparty": "青岛丰巢科技有限公司（快递柜）"], accepted: true),
        Case(name: "spending purpose and category", voucher: "CCB0715000031",
             changes: ["purpose": "业委会办公用品（打印纸）", "purpose_category": "other"], accepted: true),
        Case(name: "income amount (the bank's line disagrees)", voucher: "CCB0702000017", changes: ["amount_fen": 45_000], accepted: false),
        Case(name: "spending day (the bank's line disagrees)", voucher: "CCB0715000031", changes: [:], occurredOn: "2025-07-16", accepted: false),
    ]

    /// A correction of the recorded line with transaction id `voucher`, its `data` changed by `changes`.
    static func correction(_ cli: CLIHarness, _ c: Case) throws -> String {
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let line = try #require(log.split(separator: "\n").first { $0.contains("\"voucher\":\"\(c.voucher)\"") })
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var data = try #require(record["data"] as? [String: Any])
        for (key, value) in c.changes { data[key] = value }
        let replacement: [String: Any] = ["type": record["type"]!, "occurred_on": c.occurredOn ?? record["occurred_on"]!, "data": data]
        let event: [String: Any] = ["id": "V-1", "type": "correction", "occurred_on": "2025-08-01",
                                    "data": ["corrects": record["id"]!, "reason": "更正类别", "replacement": replacement]]
        return String(decoding: try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(arguments: cases)
    func theSameStatementImportedAgainAfterACorrection(_ c: Case) throws {
        let helper = AppendAfterStatementTests()
        let cli = try helper.ledger()
        #expect(try helper.append(cli, [try Self.correction(cli, c)]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["balances"]) == 0)
        let balances = cli.stdout
        let before = try cli.logBytes()
        let statement = ["import", "statement", AppendAfterStatementTests.statements + "haiyun-ccb-2025-07-utf8.csv", "--fund", "F-HY-PI",
                         "--rules", AppendAfterStatementTests.statements + "haiyun-rules.json"]
        let status = cli.run(statement)
        if c.accepted {
            #expect(status == 0, "\(cli.stdout)\(cli.stderr)")
            #expect(cli.stdout.contains("Nothing to import"), "\(cli.stdout)")
            #expect(!(cli.stdout + cli.stderr).contains("fix the voucher number"), "\(cli.stdout)\(cli.stderr)")
        } else {
            #expect(status != 0, "\(cli.stdout)\(cli.stderr)")
            #expect((cli.stdout + cli.stderr).contains(c.voucher), "\(cli.stdout)\(cli.stderr)")
        }
        // Either way the money is not recorded twice.
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["balances"]) == 0)
        #expect(cli.stdout == balances)
    }

    /// An overlapping statement (the corrected line again, and a new one): only the new line is recorded.
    @Test func anOverlappingStatementAddsOnlyItsNewLine() throws {
        let helper = AppendAfterStatementTests()
        let cli = try helper.ledger()
        #expect(try helper.append(cli, [try Self.correction(cli, Self.cases[0])]) == 0, "\(cli.stdout)\(cli.stderr)")
        try PosixFile.writeAtomically(Array("""
            交易时间,流水号,交易金额,账户余额,对方户名,摘要
            2025-07-02 10:03:45,CCB0702000017,500.00,"18,323.45",青岛丰巢科技有限公司,快递柜场地费7月
            2025-07-15 15:40:22,CCB0715000031,-350.00,"17,973.45",海韵小区业委会,业委会办公用品
            2025-07-31 09:12:01,CCB0731000088,5.12,"17,978.57",,利息
            2025-08-02 10:00:00,CCB0802000003,500.00,"18,478.57",青岛丰巢科技有限公司,快递柜场地费8月

            """.utf8), to: cli.temp.path + "/aug.csv")
        #expect(cli.run(["import", "statement", "aug.csv", "--fund", "F-HY-PI", "--rules",
                         AppendAfterStatementTests.statements + "haiyun-rules.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("4 read, 1 new, 3 already recorded, 0 rejected"), "\(cli.stdout)")
        #expect(cli.run(["balances"]) == 0)
        let line = cli.stdout.split(separator: "\n").first { $0.contains("F-HY-PI") }.map(String.init) ?? ""
        #expect(line.contains("2025-08-02") && line.contains("18,478.57") && line.hasSuffix("0.00"), "\(line)")
    }

    /// Review 39f: a statement line a correction voided (no replacement: its fee stood for by a receipt, say) was
    /// recorded again when the same statement was imported again — the money back in the fund. The bank's file
    /// always holds the line: it is the voided record, already recorded, and nothing is written.
    @Test func aVoidedLineIsNotRecordedAgain() throws {
        let helper = AppendAfterStatementTests()
        let cli = try helper.ledger()
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let line = try #require(log.split(separator: "\n").first { $0.contains("\"voucher\":\"CCB0715000031\"") })
        let id = try #require(line.firstMatch(of: /"id":"([^"]+)"/)).output.1
        let void = #"{"id":"V-2","type":"correction","occurred_on":"2025-08-01","data":{"corrects":"\#(id)","reason":"收据已记，此行重复"}}"#
        #expect(try helper.append(cli, [void]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["balances"]) == 0)
        let balances = cli.stdout
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", AppendAfterStatementTests.statements + "haiyun-ccb-2025-07-utf8.csv", "--fund", "F-HY-PI",
                         "--rules", AppendAfterStatementTests.statements + "haiyun-rules.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("Nothing to import"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["balances"]) == 0)
        #expect(cli.stdout == balances)
    }
}
