import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 37a F2: `ledger append` recorded the same receipt twice without a word (an identical income appended again
/// gets a new id; another date or amount under a recorded voucher too), where `ledger import` refuses it: a voucher is
/// written once per fund. Append now refuses such an event naming the recorded record, from the funds' communities'
/// records (`index/scopes`), alike after `rm -rf index/` and from the whole log.
@Suite struct AppendRecordedVoucherTests {
    static func income(_ id: String?, day: String = "2025-11-01", fen: Int64 = 60_000, fund: String = "F-HY-PI", voucher: String = "SJ-1101") -> String {
        let idField = id.map { #""id":"\#($0)","# } ?? ""
        return #"{\#(idField)"type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"东城停车管理有限公司","voucher":"\#(voucher)","category":"parking"}}"#
    }

    static func spending(_ id: String, voucher: String = "SJ-1101") -> String {
        #"{"id":"\#(id)","type":"fund.spending","occurred_on":"2025-11-02","data":{"fund_id":"F-HY-PI","amount_fen":1000,"counterparty":"某五金店","voucher":"\#(voucher)","purpose":"门禁维修","purpose_category":"repair"}}"#
    }

    func ledger() throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        #expect(try append(cli, [Self.income(nil)]) == 0, "\(cli.stderr)")
        return cli
    }

    func append(_ cli: CLIHarness, _ lines: [String]) throws -> Int32 {
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        return cli.run(["append", "--file", "in.jsonl"])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [String]
        let refused: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // (At the same place of an input, the same line gets the same id: a duplicate, reported and not written.)
        Case(name: "the same receipt again, no id, after another line", lines: [income("x1", voucher: "SJ-3000"), income(nil)], refused: true),
        Case(name: "another day and amount under the recorded voucher", lines: [income("x2", day: "2025-11-05", fen: 70_000)], refused: true),
        Case(name: "the voucher in another fund", lines: [income("x3", fund: "F-HY-MF")], refused: false),
        Case(name: "the voucher on a spending of the fund", lines: [spending("x4")], refused: false),
        // (Another amount too: the same payment under another voucher is a twin, AppendTwinsTests.)
        Case(name: "another voucher", lines: [income("x5", fen: 61_000, voucher: "SJ-1102")], refused: false),
        Case(name: "two events of one batch with one new voucher", lines: [income("x6", voucher: "SJ-2001"), income("x7", day: "2025-11-03", voucher: "SJ-2001")],
             refused: true),
        // Review 37d S2: the recorded voucher written otherwise, as an import's cell rules tell them apart.
        Case(name: "the recorded voucher in full-width characters", lines: [income("x10", fen: 1, voucher: "ＳＪ－１１０１")], refused: true),
        Case(name: "the recorded voucher with a space before it", lines: [income("x11", fen: 1, voucher: " SJ-1101")], refused: true),
        Case(name: "the recorded voucher with an invisible character", lines: [income("x12", fen: 1, voucher: "SJ-1101\u{200B}")], refused: true),
        Case(name: "a voucher of digits and the same without its leading zeros", lines: [income("x13", voucher: "0012345"), income("x14", fen: 1, voucher: "12345")],
             refused: true),
        // Review 37d M1: a correction's replacement taking another record's voucher.
        Case(name: "a correction whose replacement takes a recorded voucher",
             lines: [#"{"id":"c1","type":"correction","occurred_on":"2025-11-10","data":{"corrects":"ev-0031","reason":"凭证号录错","replacement":{"type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-HY-PI","amount_fen":180000,"counterparty":"青岛海港停车管理有限公司","voucher":"SJ-1101","category":"parking"}}}}"#],
             refused: true),
        // Review 37d m1: a payment voided and recorded again in one batch.
        Case(name: "a payment voided and recorded again in one batch",
             lines: [#"{"id":"c2","type":"correction","occurred_on":"2025-11-10","data":{"corrects":"ev-0031","reason":"金额录错，作废重录"}}"#,
                     #"{"id":"x15","type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-HY-PI","amount_fen":190000,"counterparty":"青岛海港停车管理有限公司","voucher":"SJ-2024-0505","category":"parking"}}"#],
             refused: false),
        Case(name: "a correction keeping its own voucher",
             lines: [#"{"id":"c3","type":"correction","occurred_on":"2025-11-10","data":{"corrects":"ev-0031","reason":"金额录错","replacement":{"type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-HY-PI","amount_fen":190000,"counterparty":"青岛海港停车管理有限公司","voucher":"SJ-2024-0505","category":"parking"}}}}"#],
             refused: false),
    ]

    @Test(arguments: cases)
    func aRecordedVoucherIsRefusedAlikeWarmColdAndFromTheLog(_ c: Case) throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        var outputs: [String] = []
        for (scopes, cold) in [(nil, false), (nil, true), ("off", false)] as [(String?, Bool)] {
            cli.environment["LEDGER_SCOPES"] = scopes
            if cold { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            let status = try append(cli, c.lines)
            if c.refused {
                #expect(status == 2, "\(c.name): \(cli.stderr)")
                #expect(try cli.logBytes() == before, "a refused batch leaves the log as it was")
                outputs.append(cli.stderr.split(separator: "\n").filter { !$0.hasPrefix("note:") }.joined(separator: "\n"))
            } else {
                #expect(status == 0, "\(c.name): \(cli.stderr)")
                return
            }
        }
        #expect(Set(outputs).count == 1, "\(outputs)")
        #expect(outputs[0].contains("F-HY-PI") && outputs[0].contains("data.voucher") || outputs[0].contains("data.replacement.data.voucher"), "\(outputs[0])")
        if c.name.hasPrefix("two events") {
            // The earlier event named by its input line (review 37d m2).
            #expect(outputs[0].contains("is given by line 1 of this batch too"), "\(outputs[0])")
        } else if c.name.hasPrefix("a voucher of digits") {
            #expect(outputs[0].contains("is given by line 1 of this batch too"), "\(outputs[0])")
        } else if c.name.hasPrefix("a correction whose replacement takes") {
            // Another month, amount and counterparty: a voucher number used again, told as the import tells it (review 42b).
            #expect(outputs[0].contains("is the voucher number of another payment this fund recorded (record #")
                    && outputs[0].contains("e.g. with its month: 2024-05-SJ-1101"), "\(outputs[0])")
        } else {
            #expect(outputs[0].contains("is recorded already (record #") && outputs[0].contains("give it its own voucher number"), "\(outputs[0])")
        }
        // Refused for its voucher, not also matched with a statement line (review 37d m4).
        #expect(!outputs[0].contains("data.amount_fen"), "\(outputs[0])")
    }

    @Test func theMessageInChineseAndAVoidedPaymentFreesItsVoucher() throws {
        let cli = try ledger()
        cli.environment["LEDGER_LANG"] = "zh"
        #expect(try append(cli, [Self.income("x8", fen: 65_000)]) == 2)
        #expect(cli.stderr.contains("资金账户 F-HY-PI 的凭证号“SJ-1101”已经记录过（记录 #") && cli.stderr.contains("请给它另编凭证号"), "\(cli.stderr)")
        // The recorded receipt voided by a correction without a replacement: its voucher is free again.
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let line = try #require(log.split(separator: "\n").last)
        let id = try #require(line.range(of: "\"id\":\"").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) })
        #expect(try append(cli, [#"{"id":"void-1","type":"correction","occurred_on":"2025-11-10","data":{"corrects":"\#(id)","reason":"重复录入"}}"#]) == 0,
                "\(cli.stderr)")
        #expect(try append(cli, [Self.income("x9", fen: 65_000)]) == 0, "\(cli.stderr)")
    }

    /// Review 37d S1: a correction that brings a voided payment back, its voucher recorded again meanwhile, would count
    /// the payment twice: refused.
    @Test func aCorrectionBringingAVoidedPaymentBackUnderATakenVoucherIsRefused() throws {
        let cli = try ledger()
        #expect(try append(cli, [#"{"id":"v1","type":"correction","occurred_on":"2025-08-02","data":{"corrects":"ev-0031","reason":"金额录错，作废重录"}}"#]) == 0,
                "\(cli.stderr)")
        #expect(try append(cli, [#"{"id":"n1","type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-HY-PI","amount_fen":190000,"counterparty":"青岛海港停车管理有限公司","voucher":"SJ-2024-0505","category":"parking"}}"#]) == 0,
                "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(try append(cli, [#"{"id":"v2","type":"correction","occurred_on":"2025-08-03","data":{"corrects":"ev-0031","reason":"恢复","replacement":{"type":"fund.income","occurred_on":"2024-05-05","data":{"fund_id":"F-HY-PI","amount_fen":180000,"counterparty":"青岛海港停车管理有限公司","voucher":"SJ-2024-0505","category":"parking"}}}}"#]) == 2)
        #expect(cli.stderr.contains("data.replacement.data.voucher") && cli.stderr.contains("record #") && cli.stderr.contains(" n1"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }
}
