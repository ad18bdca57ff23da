import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 37: a receipt or transfer appended by hand (`ledger append`) after the bank statement that recorded its
/// money was counted twice. It is matched with the open statement lines as an import's row is (`StatementLines`):
/// refused naming the line, ledger unchanged, unless `--allow-same-day-amount` says it is another payment — from the
/// records of the funds' communities (`index/scopes`), with the same answer after `rm -rf index/` and from the whole
/// log (`LEDGER_SCOPES=off`).
@Suite struct AppendAfterStatementTests {
    static let statements = SampleRecords.packageRoot + "/testdata/statements/"

    /// The demo ledger with the July statement of F-HY-PI imported (with its balance column): +500.00 on 07-02
    /// (CCB0702000017) and −350.00 on 07-15 (CCB0715000031) among its lines, no receipt for either.
    func ledger() throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.run(["import", "statement", Self.statements + "haiyun-ccb-2025-07-utf8.csv", "--fund", "F-HY-PI",
                         "--rules", Self.statements + "haiyun-rules.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        return cli
    }

    static func income(_ id: String, day: String = "2025-07-02", fen: Int64 = 50_000, fund: String = "F-HY-PI", voucher: String = "FC-0702") -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"青岛丰巢科技有限公司","voucher":"\#(voucher)","category":"leasing"}}"#
    }

    static func spending(_ id: String, day: String = "2025-07-15", fen: Int64 = 35_000) -> String {
        #"{"id":"\#(id)","type":"fund.spending","occurred_on":"\#(day)","data":{"fund_id":"F-HY-PI","amount_fen":\#(fen),"counterparty":"海韵小区业委会","voucher":"BG-0715","purpose":"业委会办公用品","purpose_category":"governance"}}"#
    }

    static func transfer(_ id: String, from: String, to: String, day: String = "2025-07-15", fen: Int64 = 35_000) -> String {
        #"{"id":"\#(id)","type":"fund.transfer","occurred_on":"\#(day)","data":{"from_fund_id":"\#(from)","to_fund_id":"\#(to)","amount_fen":\#(fen),"voucher":"ZZ-0715"}}"#
    }

    /// The event id of the recorded statement line with transaction id `voucher`.
    func lineID(_ cli: CLIHarness, voucher: String) throws -> String {
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let line = try #require(log.split(separator: "\n").first { $0.contains("\"voucher\":\"\(voucher)\"") && $0.contains("\"id\":\"imp-") })
        let start = try #require(line.range(of: "\"id\":\"imp-"))
        let rest = line[line.index(start.upperBound, offsetBy: -4)...]
        return String(rest.prefix { $0 != "\"" })
    }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 {
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        return cli.run(["append", "--file", "in.jsonl"] + extra)
    }

    @Test func aReceiptAfterTheStatementIsRefusedNamingTheLineAlikeWarmColdAndFromTheLog() throws {
        let cli = try ledger()
        let lineIn = try lineID(cli, voucher: "CCB0702000017"), lineOut = try lineID(cli, voucher: "CCB0715000031")
        let before = try cli.logBytes()
        var outputs: [String] = []
        for (scopes, cold) in [(nil, false), (nil, true), ("off", false), (nil, false)] as [(String?, Bool)] {
            cli.environment["LEDGER_SCOPES"] = scopes
            if cold { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(try append(cli, [Self.income("R-1"), Self.spending("S-1")]) == 2, "\(cli.stdout)\(cli.stderr)")
            outputs.append(cli.stderr)
            #expect(try cli.logBytes() == before)
        }
        cli.environment["LEDGER_SCOPES"] = nil
        // Warm, after a rebuild, and from the whole log: one answer.
        #expect(Set(outputs).count == 1, "\(outputs)")
        let rowSuffix = try #require(lineIn.range(of: "-r", options: .backwards))
        let importID = String(lineIn[..<rowSuffix.lowerBound])
        #expect(outputs[0].contains("  in.jsonl:1: event R-1 (fund.income): field \"data.amount_fen\": has the fund, day and amount of a bank-statement line already recorded (record #"), "\(outputs[0])")
        #expect(outputs[0].contains(" \(lineIn): the statement imported as \(importID), row "), "\(outputs[0])")
        #expect(outputs[0].contains("transaction id CCB0702000017, money in of ¥500.00 to F-HY-PI on 2025-07-02)"), "\(outputs[0])")
        #expect(outputs[0].contains("If it is the same money, the ledger holds it already: leave this event out of the batch; to put its voucher, contract or category on the line, append a correction event of \(lineIn) whose replacement carries them. If it is a second payment of the same day and amount, append the batch again with --allow-same-day-amount."), "\(outputs[0])")
        #expect(outputs[0].contains("  in.jsonl:2: event S-1 (fund.spending): field \"data.amount_fen\": "), "\(outputs[0])")
        #expect(outputs[0].contains("transaction id CCB0715000031, money out of ¥350.00 from F-HY-PI on 2025-07-15)"), "\(outputs[0])")
        #expect(outputs[0].contains(lineOut), "\(outputs[0])")
        // In Chinese, as an official writes it.
        #expect(try append(cli, [Self.income("R-1")], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("in.jsonl 第 1 行：事件 R-1（fund.income）："), "\(cli.stderr)")
        #expect(cli.stderr.contains("与账本中已记录的一行银行对账单同一账户、同一天、同一金额（记录 #"), "\(cli.stderr)")
        #expect(cli.stderr.contains("流水号 CCB0702000017，2025-07-02 F-HY-PI 收入 500.00元），而该行尚无收据与之对应"), "\(cli.stderr)")
        #expect(cli.stderr.contains("请从这一批中删去该事件；") && cli.stderr.contains("请加 --allow-same-day-amount 重新追加这一批。"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    @Test func aSecondPaymentSaidSoIsRecordedAndStandsForTheLine() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income("R-1")], ["--allow-same-day-amount"]) == 0, "\(cli.stderr)")
        // The line now has its receipt: another equal receipt matches nothing, by append or by import.
        // (Every field but the voucher R-1's: another payment said so, as a twin is, session 39.)
        #expect(try append(cli, [Self.income("R-2", voucher: "FC-0702-2")], ["--allow-twins"]) == 0, "\(cli.stderr)")
        try PosixFile.writeAtomically(Array("日期,账户编号,金额,付款方,凭证号,类别\n2025-07-02,F-HY-PI,500,青岛丰巢科技有限公司,FC-0702-3,租赁\n".utf8),
                                      to: cli.temp.path + "/收入.csv")
        // (A third payment of the payer's that day and amount, every field but the voucher R-1's: said so, review 38.)
        #expect(cli.run(["import", "income", "收入.csv", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        // The spending line is still open.
        #expect(try append(cli, [Self.spending("S-1")]) == 2)
        #expect(cli.stderr.contains("CCB0715000031"), "\(cli.stderr)")
    }

    /// Another day, amount, fund or direction is another payment.
    @Test(arguments: [
        income("R-1", day: "2025-07-03"), income("R-1", fen: 50_001), income("R-1", fund: "F-HY-MF"),
        spending("S-1", day: "2025-07-02", fen: 50_000), spending("S-1", fen: 35_001),
    ]) func anotherDayAmountFundOrDirectionIsAccepted(_ line: String) throws {
        let cli = try ledger()
        #expect(try append(cli, [line]) == 0, "\(cli.stderr)")
    }

    @Test func aVoidedLineIsNoLine() throws {
        let cli = try ledger()
        let lineIn = try lineID(cli, voucher: "CCB0702000017")
        #expect(try append(cli, [#"{"id":"V-1","type":"correction","occurred_on":"2025-07-20","data":{"corrects":"\#(lineIn)","reason":"对账单误记"}}"#]) == 0,
                "\(cli.stderr)")
        #expect(try append(cli, [Self.income("R-1")]) == 0, "\(cli.stderr)")
    }

    /// One line stands for one event: two equal receipts of one batch after one line — the first is refused, the
    /// second is another payment.
    @Test func eventsOfTheBatchTakeTheLinesInOrder() throws {
        let cli = try ledger()
        // (The two are each other's twins: said to be two payments, session 39.)
        #expect(try append(cli, [Self.income("R-1"), Self.income("R-2", voucher: "FC-0702-2")], ["--allow-twins"]) == 2)
        #expect(cli.stderr.contains("in.jsonl:1: event R-1") && !cli.stderr.contains("in.jsonl:2:"), "\(cli.stderr)")
    }

    /// A transfer stands for a line of each of its funds: refused naming every line it matches.
    @Test func aTransferIsMatchedOnBothFundsLines() throws {
        let cli = try ledger()
        // A statement of F-HY-MF with the money in on 07-15.
        try PosixFile.writeAtomically(Array("交易时间,流水号,交易金额,账户余额,对方户名,摘要\n2025-07-15 16:00:00,MF0715001,350.00,\"350,350.00\",海韵小区业主大会,划入\n".utf8),
                                      to: cli.temp.path + "/mf.csv")
        try PosixFile.writeAtomically(Array(#"{"rules": [{"if": {"memo": "划入"}, "category": "deposit"}]}"#.utf8), to: cli.temp.path + "/mf-rules.json")
        #expect(cli.run(["import", "statement", "mf.csv", "--fund", "F-HY-MF", "--rules", "mf-rules.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let lineOut = try lineID(cli, voucher: "CCB0715000031"), lineIn = try lineID(cli, voucher: "MF0715001")
        let before = try cli.logBytes()
        #expect(try append(cli, [Self.transfer("T-1", from: "F-HY-PI", to: "F-HY-MF")]) == 2)
        #expect(cli.stderr.contains("in.jsonl:1: event T-1 (fund.transfer): field \"data.amount_fen\": "), "\(cli.stderr)")
        #expect(cli.stderr.contains("money out of ¥350.00 from F-HY-PI on 2025-07-15") && cli.stderr.contains("money in of ¥350.00 to F-HY-MF on 2025-07-15"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("append a correction event without a replacement of each of \(lineOut) and \(lineIn), which voids the lines, then append this transfer again."),
                "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // One fund's line is enough (the other fund in another community).
        #expect(try append(cli, [Self.transfer("T-2", from: "F-HY-PI", to: "F-QF-PI")]) == 2)
        #expect(cli.stderr.contains(lineOut) && !cli.stderr.contains(lineIn), "\(cli.stderr)")
        #expect(try append(cli, [Self.transfer("T-1", from: "F-HY-PI", to: "F-HY-MF")], ["--allow-same-day-amount"]) == 0, "\(cli.stderr)")
    }

    /// Only a batch with an income, spending or transfer reads (and so builds) `index/scopes` — its funds' payments
    /// are checked against the statement lines and, with `--allow-same-day-amount` too, against the recorded vouchers
    /// (`RecordedVouchers`): a batch without one leaves it to the first query (ledger-spec.md 15.6).
    @Test func aBatchWithoutMoneyLeavesTheScopesToTheFirstQuery() throws {
        let cli = try ledger()
        let opening = #"{"id":"F-NEW-1","type":"fund.opened","occurred_on":"2025-07-01","data":{"fund_id":"F-NEW","community_id":"C-HY","kind":"other","account":"工行 1"}}"#
        for (line, extra) in [(opening, []), (Self.income("R-1"), ["--allow-same-day-amount"]), (Self.income("R-2", day: "2025-07-09", voucher: "FC-0709"), [])] {
            try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
            #expect(try append(cli, [line], extra) == 0, "\(cli.stderr)")
            #expect(PosixFile.exists(cli.ledgerPath + "/index/checks.state"))
            #expect(PosixFile.exists(cli.ledgerPath + "/index/scopes") == (line != opening), "\(line) \(extra)")
        }
    }

    /// What the check reads: the groups of the batch's funds in `index/scopes` (their community's records), not the
    /// whole log — the statement's lines among them.
    @Test func theLinesAreFoundInTheFundsCommunityRecords() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income("R-1")]) == 2)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let event = try EventInput.parse(line: Array(Self.income("R-1").utf8), source: "test", lineNumber: 1)
        let read = try #require(try ScopeIndex.read(directory, communityIDs: [], idsNamedBy: [event]))
        #expect(read.records.count < Int(read.totalRecordCount), "\(read.records.count) of \(read.totalRecordCount)")
        let texts = read.records.map { String(decoding: $0.event.contentBytes, as: UTF8.self) }
        #expect(texts.contains { $0.contains("CCB0702000017") })
        // Another community's records are not read.
        #expect(!texts.contains { $0.contains("\"C-QF\"") || $0.contains("\"F-QF-PI\"") }, "\(texts.filter { $0.contains("QF") })")
    }
}
