import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 43 on review 42's leftovers, on review 41a's ledger (`StatementReview41Tests.setup`): a voided statement
/// line whose voucher a correction replaced is recognised on re-import (42c), an append batch is matched against the
/// statement lines as a whole (42c D4), `append`'s voucher used again is told as import tells it (42b), and a payer
/// written in another form of its characters, or once as a private person, is one payer to the twin rule.
@Suite struct StatementReview43Tests {
    let review42 = StatementReview42Tests()

    func ledger() throws -> CLIHarness { try review42.ledger() }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws { try review42.write(cli, name, text) }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 { try review42.append(cli, lines, extra) }

    func statement(_ cli: CLIHarness, _ file: String, _ extra: [String] = []) -> Int32 {
        cli.run(["import", "statement", file, "--fund", "F-MY-PI", "--rules", "rules.json"] + extra)
    }

    /// How many records of the log carry `voucher`.
    func records(_ cli: CLIHarness, voucher: String) throws -> Int {
        String(decoding: try cli.logBytes(), as: UTF8.self).split(separator: "\n").filter { $0.contains("\"voucher\":\"\(voucher)\"") }.count
    }

    static func income(voucher: String, fen: Int = 120_000, day: String = "2026-01-03", payer: String = #""青岛明月停车管理有限公司""#) -> String {
        #"{"type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"F-MY-PI","amount_fen":\#(fen),"counterparty":\#(payer),"voucher":"\#(voucher)","category":"parking","source":{"contract_id":"K-MY-P01"}}}"#
    }

    static func void(_ target: String) -> String {
        #"{"type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(target)","reason":"作废"}}"#
    }

    // MARK: 42c. A voided line whose voucher a correction replaced

    /// The line QD0103001, its voucher replaced by a receipt's (SJ-1, as the same-money refusal advises), then voided:
    /// an overlapping statement imported again names it and does not record it again (before: recorded a second
    /// time, the recognition looking for the voided record's current voucher SJ-1 in the file).
    @Test(arguments: ["on", "off"]) func aVoidedLineWhoseVoucherWasReplacedIsNotRecordedAgain(scopes: String) throws {
        let cli = try ledger()
        cli.environment["LEDGER_SCOPES"] = scopes
        try write(cli, "stmt.csv", StatementReview42Tests.statement)
        #expect(statement(cli, "stmt.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        let line = try review42.eventID(cli, voucher: "QD0103001")
        #expect(try append(cli, [StatementReview42Tests.correction(line)]) == 0, "\(cli.stderr)")
        #expect(try append(cli, [Self.void(line)]) == 0, "\(cli.stderr)")
        try write(cli, "stmt2.csv", StatementReview42Tests.statement + "2026-01-05,QD0105001,结息,,,3.21,703.21\n")
        #expect(statement(cli, "stmt2.csv", ["--dry-run"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("stmt2.csv: row 2: transaction id QD0103001 is the line recorded as record #")
                && cli.stdout.contains(" \(line), which correction #") && cli.stdout.contains("(\"作废\"): counted as already recorded, not recorded again."),
                "\(cli.stdout)")
        #expect(statement(cli, "stmt2.csv", ["--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("stmt2.csv 第 2 行：流水号 QD0103001 即已记录的记录 #") && cli.stdout.contains(" \(line)，已于 2026-01-05 被更正"),
                "\(cli.stdout)")
        #expect(statement(cli, "stmt2.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try records(cli, voucher: "QD0103001") == 1, "only the first import's record")
        #expect(try records(cli, voucher: "QD0105001") == 1, "the new line is recorded")
    }

    // MARK: 42c D4. One batch matched as a whole

    /// The advice "void the line" followed in one batch: the line voided, then the receipt of its money — accepted
    /// (before: the receipt refused as the money of the line voided before it in the same batch).
    @Test func aLineVoidedEarlierInTheBatchIsNoLineForItsReceipts() throws {
        let cli = try ledger()
        try write(cli, "stmt.csv", StatementReview42Tests.statement)
        #expect(statement(cli, "stmt.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        let line = try review42.eventID(cli, voucher: "QD0103001")
        let before = try cli.logBytes()
        // The receipt before the void: the line is still open for it, refused.
        #expect(try append(cli, [Self.income(voucher: "SJ-1"), Self.void(line)]) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("QD0103001") && cli.stderr.contains("data.amount_fen"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(try append(cli, [Self.void(line), Self.income(voucher: "SJ-1")]) == 0, "\(cli.stderr)")
        let balances = review42.balanceLine(cli)
        #expect(balances.contains(" 700.00 "), "\(balances)")
    }

    /// A receipt standing for a line (appended with --allow-same-day-amount), moved off it by a correction, and a new
    /// receipt of the line's money in the same batch: the new receipt is refused naming the line, as it is when the
    /// two are appended one after the other (before: both accepted in one batch).
    @Test(arguments: [true, false]) func aBatchIsMatchedAsItsEventsOneAfterTheOther(move: Bool) throws {
        let cli = try ledger()
        try write(cli, "stmt.csv", StatementReview42Tests.statement)
        #expect(statement(cli, "stmt.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try append(cli, [Self.income(voucher: "SJ-1")], ["--allow-same-day-amount"]) == 0, "\(cli.stderr)")
        let receipt = try review42.eventID(cli, voucher: "SJ-1")
        let correction = move ? StatementReview42Tests.correction(receipt, amount: "120.00") : Self.void(receipt)
        let before = try cli.logBytes()
        #expect(try append(cli, [correction, Self.income(voucher: "SJ-2", payer: #""另一付款人""#)]) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("in.jsonl:2:") && cli.stderr.contains("field \"data.amount_fen\"") && cli.stderr.contains("QD0103001"), "\(cli.stderr)")
        #expect(try append(cli, [correction, Self.income(voucher: "SJ-2", payer: #""另一付款人""#)], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("QD0103001") && cli.stderr.contains("--allow-same-day-amount"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // One after the other: the same answer.
        #expect(try append(cli, [correction]) == 0, "\(cli.stderr)")
        #expect(try append(cli, [Self.income(voucher: "SJ-2", payer: #""另一付款人""#)]) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("QD0103001"), "\(cli.stderr)")
    }

    // MARK: 42b. A voucher number used again, at append

    /// A payment of another month and amount under a recorded voucher: told as a voucher number used again, with
    /// the month-prefixed number to give it, as the import tells it (before: "this is the same payment").
    @Test func aVoucherUsedAgainIsToldAsAnotherPaymentAtAppend() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income(voucher: "SJ-1")]) == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(try append(cli, [Self.income(voucher: "SJ-1", fen: 130_000, day: "2025-12-20")]) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("field \"data.voucher\": voucher \"SJ-1\" of fund F-MY-PI is the voucher number of another payment this fund recorded (record #"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("the same voucher number, with another date and amount (")
                && cli.stderr.contains("so this event cannot be recorded under it") && cli.stderr.contains("e.g. with its month: 2025-12-SJ-1")
                && cli.stderr.contains("and leave this event out of the batch.") && !cli.stderr.contains("the same payment, counted twice"), "\(cli.stderr)")
        #expect(try append(cli, [Self.income(voucher: "SJ-1", fen: 130_000, day: "2025-12-20")], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("资金账户 F-MY-PI 的凭证号“SJ-1”与这个资金账户下已记录的另一笔款项凭证号相同") && cli.stderr.contains("但日期、金额不同")
                && cli.stderr.contains("这个事件不能用这个凭证号记录") && cli.stderr.contains("2025-12-SJ-1") && cli.stderr.contains("并从这一批中删去该事件。"),
                "\(cli.stderr)")
        // The same payment again (the same day and amount) is still told as such.
        let again = Self.income(voucher: "SJ-1").replacingOccurrences(of: #"{"type""#, with: #"{"id":"again","type""#)
        #expect(try append(cli, [again]) == 2)
        #expect(cli.stderr.contains("so this is the same payment, counted twice if appended again"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    // MARK: statements42. One payer written otherwise

    struct PayerCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// The recorded payment's counterparty and the appended one's, as JSON values.
        let recorded: String
        let appended: String
        let twins: Bool
        var testDescription: String { name }
    }

    static let payerCases: [PayerCase] = [
        PayerCase(name: "traditional 車 for 车", recorded: #""青岛明月停车管理有限公司""#, appended: #""青岛明月停車管理有限公司""#, twins: true),
        PayerCase(name: "车庫 for 车库", recorded: #""明月车库""#, appended: #""明月车庫""#, twins: true),
        PayerCase(name: "simplified for traditional", recorded: #""東華物業""#, appended: #""东华物业""#, twins: true),
        PayerCase(name: "a variation selector", recorded: #""明月车库""#, appended: "\"明月车\u{E0100}库\"", twins: true),
        PayerCase(name: "private, then written out", recorded: #"{"person":"王明"}"#, appended: #""王明""#, twins: true),
        PayerCase(name: "written out, then private", recorded: #""王明""#, appended: #"{"person":"王明"}"#, twins: true),
        PayerCase(name: "private, then written otherwise", recorded: #"{"person":"陳明"}"#, appended: #""陈明""#, twins: true),
        // Kept apart: another name, a character the table leaves out (後 and 后 are two words in a name), a private
        // person of another name.
        PayerCase(name: "another payer", recorded: #""王明""#, appended: #""王鸣""#, twins: false),
        PayerCase(name: "an ambiguous character", recorded: #""后勤服务社""#, appended: #""後勤服务社""#, twins: false),
        PayerCase(name: "a private person of another name", recorded: #"{"person":"王明"}"#, appended: #""王鸣""#, twins: false),
        PayerCase(name: "two private persons", recorded: #"{"person":"王明"}"#, appended: #"{"person":"王鸣"}"#, twins: false),
    ]

    /// A payment recorded with one counterparty, then the same payment (another voucher) with the other: refused as a
    /// twin when the two are one payer, naming the record; appended when they are two.
    @Test(arguments: payerCases) func oneOrTwoPayers(_ c: PayerCase) throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income(voucher: "SJ-1", payer: c.recorded)]) == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        let code = try append(cli, [Self.income(voucher: "SJ-2", payer: c.appended)])
        if c.twins {
            #expect(code == 2, "\(cli.stdout)")
            #expect(cli.stderr.contains("field \"data.voucher\": \"SJ-2\" is the voucher of a payment the ledger already holds under another voucher"), "\(cli.stderr)")
            #expect(try cli.logBytes() == before)
            // A private person written out by name is refused whatever --allow-twins says: the name would be in
            // the log in clear for ever (review 46e, `PrivateNameDoorTests`).
            let inClearOfPrivate = c.recorded.contains("person") && !c.appended.contains("person")
            #expect(try append(cli, [Self.income(voucher: "SJ-2", payer: c.appended)], ["--allow-twins"]) == (inClearOfPrivate ? 2 : 0), "\(cli.stderr)")
            #expect(!inClearOfPrivate || cli.stderr.contains("is a name the ledger keeps only as a private person's"), "\(cli.stderr)")
        } else {
            #expect(code == 0, "\(cli.stderr)")
        }
    }

    /// The import door: an income file written in traditional characters after the receipt in simplified ones is
    /// refused naming the record and how the record writes the name; a statement's counterparty so written is linked
    /// to the contract signed with the simplified name.
    @Test func theImportSeesOnePayerWrittenOtherwise() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income(voucher: "SJ-1")]) == 0, "\(cli.stderr)")
        try write(cli, "收入.csv", "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n2026-01-03,F-MY-PI,\"1,200.00\",青岛明月停車管理有限公司,SJ-9,停车费,K-MY-P01\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "income", "收入.csv"]) != 0, "\(cli.stdout)")
        let out = cli.stdout + cli.stderr
        #expect(out.contains("is the voucher of a payment the ledger already holds under another voucher (record #")
                && out.contains("voucher \"SJ-1\", its counterparty written \"青岛明月停车管理有限公司\", the same name in other forms of its characters"),
                "\(out)")
        #expect(cli.run(["import", "income", "收入.csv", "--lang", "zh"]) != 0)
        #expect((cli.stdout + cli.stderr).contains("其中对方名称写作“青岛明月停车管理有限公司”，是同一名称的另一种字形写法"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // A statement line from the payer written in traditional characters pays the contract.
        try write(cli, "stmt.csv", "交易日期,交易流水号,摘要,对方户名,借方金额,贷方金额,余额\n2026-01-04,QD0106001,车位租金,青岛明月停車管理有限公司,,\"1,200.00\",\"2,400.00\"\n")
        #expect(statement(cli, "stmt.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let line = try #require(log.split(separator: "\n").first { $0.contains("QD0106001") })
        #expect(line.contains(#""source":{"contract_id":"K-MY-P01"}"#), "\(line)")
    }

    /// A file imported with --private counterparty after the same payment recorded with the name written out: one
    /// payer, refused as a twin.
    @Test func aPrivateImportMeetsThePaymentWrittenOut() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income(voucher: "SJ-1", payer: #""王明""#)]) == 0, "\(cli.stderr)")
        try write(cli, "收入.csv", "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n2026-01-03,F-MY-PI,\"1,200.00\",王明,SJ-9,停车费,K-MY-P01\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "income", "收入.csv", "--private", "counterparty"]) != 0, "\(cli.stdout)")
        #expect((cli.stdout + cli.stderr).contains("is the voucher of a payment the ledger already holds under another voucher"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(cli.run(["import", "income", "收入.csv", "--private", "counterparty", "--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Review 43d #4: the payment recorded for a private person, then the same payment imported with the name written
    /// out (the clerk forgot --private): refused as a twin, and the advice says the correction writes the person as
    /// {"person": …} or the file is imported with --private as before, never the name in clear.
    @Test func theAdviceKeepsAPrivatePersonsNameOutOfTheLog() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income(voucher: "SJ-1", payer: #"{"person":"王明"}"#)]) == 0, "\(cli.stderr)")
        try write(cli, "收入.csv", "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n2026-01-03,F-MY-PI,\"1,200.00\",王明,SJ-9,停车费,K-MY-P01\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "income", "收入.csv"]) != 0, "\(cli.stdout)")
        #expect((cli.stdout + cli.stderr).contains("The recorded payer is a private person (kept in private/): the replacement writes it as {\"person\": …}"),
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "income", "收入.csv", "--lang", "zh"]) != 0)
        #expect((cli.stdout + cli.stderr).contains("已记录的付款方是自然人"), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // A payer written out on both sides: no such advice.
        let plain = try ledger()
        #expect(try append(plain, [Self.income(voucher: "SJ-1", payer: #""王明""#)]) == 0, "\(plain.stderr)")
        try write(plain, "收入.csv", "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n2026-01-03,F-MY-PI,\"1,200.00\",王明,SJ-9,停车费,K-MY-P01\n")
        #expect(plain.run(["import", "income", "收入.csv"]) != 0)
        #expect(!(plain.stdout + plain.stderr).contains("private person"), "\(plain.stdout)\(plain.stderr)")
    }

    /// Review 43d #1: a receipt recorded by hand, a statement whose line for it the bank reverses (冲正) the next day;
    /// both records voided as the import advises; the statement imported again records nothing (before: the reversed
    /// line was recorded as new money, the books 1,200.00 above the bank).
    @Test func aReversedPairVoidedStaysVoidedOnReimport() throws {
        let cli = try ledger()
        let receipt = #"{"id":"rcpt-1","type":"fund.income","occurred_on":"2026-01-03","data":{"fund_id":"F-MY-PI","amount_fen":120000,"counterparty":"青岛明月停车管理有限公司","voucher":"SJ-0103","category":"parking","source":{"contract_id":"K-MY-P01"}}}"#
        #expect(try append(cli, [receipt]) == 0, "\(cli.stderr)")
        try write(cli, "stmt.csv", """
            交易日期,交易流水号,摘要,对方户名,借方金额,贷方金额,余额
            2026-01-03,QD1,车位租金,青岛明月停车管理有限公司,,"1,200.00","1,200.00"
            2026-01-04,QD2,冲正 QD1,青岛明月停车管理有限公司,"1,200.00",,0.00

            """)
        #expect(statement(cli, "stmt.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try records(cli, voucher: "QD1") == 0 && records(cli, voucher: "QD2") == 1)
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let reversal = try #require(log.split(separator: "\n").first { $0.contains(#""voucher":"QD2""#) })
        let id = try #require(reversal.split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first)
        let voids = [#"{"type":"correction","occurred_on":"2026-01-05","data":{"corrects":"rcpt-1","reason":"冲正"}}"#,
                     #"{"type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(id)","reason":"冲正"}}"#]
        #expect(try append(cli, voids) == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(statement(cli, "stmt.csv") == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before, "the voided pair recorded again: \(cli.stdout)")
        #expect(try records(cli, voucher: "QD1") == 0)
    }
}
