import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 41a's leftovers (session 42), on review 41a's ledger (`StatementReview41Tests.setup`: 明月小区, F-MY-PI with
/// the parking contract K-MY-P01): a correction's replacement takes its record's place in the statement matching
/// (M4), a header problem no longer hides the rows' (minor 3), a voucher number used again is told as such (minor 4),
/// the rent-period words offices write (minor 6), a voided statement line named in the report.
@Suite struct StatementReview42Tests {
    let review41 = StatementReview41Tests()

    func ledger() throws -> CLIHarness { try review41.ledger() }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws { try review41.write(cli, name, text) }

    /// The July statement of F-MY-PI: +1,200.00 on 01-03 (QD0103001), −500.00 on 01-04 (QD0104001).
    static let statement = StatementReview41Tests.lines

    /// A receipts file with one row: the parking rent of 01-03, `amount` as typed.
    static func receipts(_ amount: String) -> String {
        "日期,账户编号,金额,付款方,凭证号,类别,合同编号\n2026-01-03,F-MY-PI,\(amount),青岛明月停车管理有限公司,SJ-1,停车费,K-MY-P01\n"
    }

    /// The event id of the record whose voucher is `voucher`.
    func eventID(_ cli: CLIHarness, voucher: String) throws -> String {
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        let line = try #require(log.split(separator: "\n").first { $0.contains("\"voucher\":\"\(voucher)\"") })
        let start = try #require(line.range(of: "\"id\":\""))
        return String(line[start.upperBound...].prefix { $0 != "\"" })
    }

    static func correction(_ corrects: String, amount: String = "1,200.00", category: String = "停车费", voucher: String = "SJ-1") -> String {
        #"{"type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(corrects)","reason":"金额录入有误","replacement":{"type":"fund.income","occurred_on":"2026-01-03","data":{"fund_id":"F-MY-PI","amount":"\#(amount)","counterparty":"青岛明月停车管理有限公司","voucher":"\#(voucher)","category":"\#(category)","source":{"contract_id":"K-MY-P01"}}}}}"#
    }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 {
        try write(cli, "in.jsonl", lines.joined(separator: "\n") + "\n")
        return cli.run(["append", "--file", "in.jsonl"] + extra)
    }

    /// F-MY-PI's line of `ledger balances`.
    func balanceLine(_ cli: CLIHarness) -> String {
        #expect(cli.run(["balances"]) == 0, "\(cli.stderr)")
        return cli.stdout.split(separator: "\n").first { $0.contains("F-MY-PI") }.map(String.init) ?? ""
    }

    // MARK: M4. A correction's replacement in the statement matching

    /// A receipt typed ¥120.00 for the bank's ¥1,200.00, put right by a correction after the statement recorded the
    /// line (receipts first: the line after the receipt; statement first: the line before it, left open): the
    /// replacement is the line's money, refused naming the line, ledger unchanged (before: counted twice, the
    /// balance ¥1,200.00 above the bank's). `--allow-same-day-amount` says it is another payment.
    @Test(arguments: [true, false]) func aReplacementMatchingALineItsRecordDidNotStandForIsRefused(receiptsFirst: Bool) throws {
        let cli = try ledger()
        try write(cli, "stmt.csv", Self.statement)
        try write(cli, "收入.csv", Self.receipts("120"))
        let steps = [["import", "income", "收入.csv"], ["import", "statement", "stmt.csv", "--fund", "F-MY-PI", "--rules", "rules.json"]]
        for step in receiptsFirst ? steps : steps.reversed() { #expect(cli.run(step) == 0, "\(step) \(cli.stdout)\(cli.stderr)") }
        let receipt = try eventID(cli, voucher: "SJ-1"), line = try eventID(cli, voucher: "QD0103001")
        let before = try cli.logBytes()
        #expect(try append(cli, [Self.correction(receipt)]) == 2, "\(cli.stdout)")
        // (The field as the input wrote it: `amount` in yuan, for `amount_fen`.)
        #expect(cli.stderr.contains("in.jsonl:1: field \"data.replacement.data.amount\": written \"1,200.00\" (yuan): has the fund, day and amount of a bank-statement line already recorded (record #"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains(" \(line): the statement imported as imp-") && cli.stderr.contains("transaction id QD0103001, money in of ¥1,200.00 to F-MY-PI on 2026-01-03)"),
                "\(cli.stderr)")
        #expect(cli.stderr.contains("void \(receipt) instead (a correction without a replacement); to keep its voucher, contract or category, add after that void a correction of \(line) whose replacement carries them."),
                "\(cli.stderr)")
        #expect(try append(cli, [Self.correction(receipt)], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("与账本中已记录的一行银行对账单同一账户、同一天、同一金额") && cli.stderr.contains("请改为作废记录 \(receipt)（不带 replacement 的更正）"),
                "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        #expect(try append(cli, [Self.correction(receipt)], ["--allow-same-day-amount"]) == 0, "\(cli.stderr)")
    }

    /// The refusal's advice, followed: the receipt voided, its voucher put on the line. The money counts once and
    /// the balance is the bank's.
    @Test func theAdviceCountsTheMoneyOnce() throws {
        let cli = try ledger()
        try write(cli, "stmt.csv", Self.statement)
        try write(cli, "收入.csv", Self.receipts("120"))
        #expect(cli.run(["import", "income", "收入.csv"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["import", "statement", "stmt.csv", "--fund", "F-MY-PI", "--rules", "rules.json"]) == 0, "\(cli.stderr)")
        let receipt = try eventID(cli, voucher: "SJ-1"), line = try eventID(cli, voucher: "QD0103001")
        let void = #"{"type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(receipt)","reason":"对账单已记，收据金额录错"}}"#
        #expect(try append(cli, [void, Self.correction(line)]) == 0, "\(cli.stderr)")
        let balances = balanceLine(cli)
        #expect(balances.contains(" 700.00 ") && balances.hasSuffix(" 0.00"), "\(balances)")
    }

    /// A correction keeping the receipt's fund, day and amount (its category put right) stands for the line its
    /// record stood for: accepted, whichever came first.
    @Test(arguments: [true, false]) func aReplacementKeepingTheMoneyIsAccepted(receiptsFirst: Bool) throws {
        let cli = try ledger()
        try write(cli, "stmt.csv", Self.statement)
        try write(cli, "收入.csv", Self.receipts("\"1,200.00\""))
        if receiptsFirst {
            #expect(cli.run(["import", "income", "收入.csv"]) == 0, "\(cli.stderr)")
            #expect(cli.run(["import", "statement", "stmt.csv", "--fund", "F-MY-PI", "--rules", "rules.json"]) == 0, "\(cli.stderr)")
        } else {
            #expect(cli.run(["import", "statement", "stmt.csv", "--fund", "F-MY-PI", "--rules", "rules.json"]) == 0, "\(cli.stderr)")
            #expect(cli.run(["import", "income", "收入.csv", "--allow-same-day-amount"]) == 0, "\(cli.stdout)\(cli.stderr)")
        }
        let receipt = try eventID(cli, voucher: "SJ-1")
        #expect(try append(cli, [Self.correction(receipt, category: "租金")]) == 0, "\(cli.stderr)")
    }

    // MARK: minor 3. The header's problems and the rows' in one run

    /// A file with a header problem and bad rows: each kind tells both in one run, in both languages, and imports
    /// nothing (before: the header's problem alone, the rows unread).
    @Test(arguments: [
        (["import", "income", "in.csv"],
         "日期,账户编号,金额,付款方,凭证号,类别,合同编号,经办人\n2026/1/3,F-MY-PI,abc,业主甲,H-01,停车费,,王\n2026/1/4,F-MY-XX,100,业主乙,H-02,停车费,,王\n",
         ["in.csv: header (row 1): column H \"经办人\" is not a column of income", "in.csv: row 2, column C \"金额\": \"abc\"",
          "in.csv: row 3, column B \"账户编号\": fund \"F-MY-XX\""],
         ["in.csv：表头（第 1 行）：H 列“经办人”不是收入（income）表中的列", "在表头允许的范围内，各行也已检查（2 处问题）", "in.csv 第 2 行，C 列“金额”：“abc”"]),
        (["import", "statement", "in.csv", "--fund", "F-MY-PI", "--rules", "rules.json"],
         "交易日期,交易流水号,摘要,对方客户名称,借方金额,贷方金额,余额\n2026-01-33,QD0103001,车位租金1月,青岛明月停车管理有限公司,,\"1,200.00\",\"1,200.00\"\n2026-01-04,,保洁,青岛洁净保洁有限公司,500.00,,700.00\n",
         ["in.csv: header (row 1): column D \"对方客户名称\"", "in.csv: row 2, column A \"交易日期\": \"2026-01-33\"", "in.csv: row 3, column B \"交易流水号\""],
         ["in.csv：表头（第 1 行）：D 列“对方客户名称”", "in.csv 第 2 行，A 列“交易日期”：“2026-01-33”"]),
        (["import", "assets", "in.csv", "--strict"],
         "编号,小区,类型,名称,位置,面积,登记日期,车位号\nA-MY-P02,C-MY,车位,地面车位P02,3号楼东侧,12.5亩,2025-02-01,P02\n",
         ["in.csv: header (row 1): ", "\"车位号\"", "in.csv: row 2, column F \"面积\": \"12.5亩\""],
         ["in.csv：表头（第 1 行）：", "in.csv 第 2 行，F 列“面积”：“12.5亩”"]),
    ] as [([String], String, [String], [String])])
    func aHeaderProblemAndTheRowsAreToldInOneRun(command: [String], file: String, en: [String], zh: [String]) throws {
        let cli = try ledger()
        try write(cli, "in.csv", file)
        let before = try cli.logBytes()
        #expect(cli.run(command) == 2, "\(cli.stdout)")
        for text in en { #expect(cli.stderr.contains(text), "\(text)\n\(cli.stderr)") }
        #expect(cli.stderr.contains("Nothing was imported. Fix the header and these rows, then import the file again."), "\(cli.stderr)")
        #expect(cli.run(command + ["--lang", "zh"]) == 2)
        for text in zh { #expect(cli.stderr.contains(text), "\(text)\n\(cli.stderr)") }
        #expect(try cli.logBytes() == before)
    }

    // MARK: minor 4. A voucher number used again

    /// Vouchers numbered afresh each month: February's 1 and 2 are other payments than January's, said so with a
    /// voucher to use; one value changed is still the recorded payment changed (before: both "the same payment").
    @Test func aVoucherUsedAgainForAnotherPaymentIsToldSo() throws {
        let cli = try ledger()
        try write(cli, "jan.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026/1/2,F-MY-PI,100,业主甲,1,停车费\n2026/1/3,F-MY-PI,200,业主乙,2,停车费\n")
        #expect(cli.run(["import", "income", "jan.csv"]) == 0, "\(cli.stderr)")
        try write(cli, "feb.csv", "日期,账户编号,金额,付款方,凭证号,类别\n2026/1/4,F-MY-PI,300,业主丙,1,停车费\n2026/1/3,F-MY-PI,250,业主乙,2,停车费\n")
        #expect(cli.run(["import", "income", "feb.csv", "--dry-run"]) == 2)
        #expect(cli.stdout.contains("feb.csv: row 2, column E \"凭证号\": \"1\" is the voucher number of another payment this fund recorded (record #")
                && cli.stdout.contains("the same voucher number, with another date, amount and counterparty (date 2026-01-02 → 2026-01-04"), "\(cli.stdout)")
        #expect(cli.stdout.contains("give it a voucher number the fund has not used, e.g. with its month: 2026-01-1;"), "\(cli.stdout)")
        // Only the amount: the recorded payment changed, as before.
        #expect(cli.stdout.contains("feb.csv: row 3, column E \"凭证号\": \"2\" is already recorded for this fund (record #")
                && cli.stdout.contains("Importing it again would count the payment twice."), "\(cli.stdout)")
        #expect(cli.run(["import", "income", "feb.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("与这个资金账户下已记录的另一笔款项凭证号相同（记录 #") && cli.stdout.contains("但日期、金额、相对方不同"), "\(cli.stdout)")
        #expect(cli.stdout.contains("例如加上月份：2026-01-1"), "\(cli.stdout)")
    }

    // MARK: minor 6. Rent periods as offices write them

    /// Each word offices write in 计租周期 is read as its period; half a year, which the record has no period for,
    /// is refused saying how to write it (before: 月付, 年付, 一次性付清 … "not a word", 半年 without advice).
    @Test func rentPeriodWordsAndHalfAYear() throws {
        let cli = try ledger()
        let words: [(String, String)] = [("每月", "month"), ("月付", "month"), ("月度", "month"), ("季度", "quarter"), ("每季度", "quarter"),
                                         ("季付", "quarter"), ("每年", "year"), ("一年", "year"), ("年付", "year"), ("年度", "year"),
                                         ("一次性付清", "once"), ("一次", "once")]
        var file = "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,签订日期\n"
        for (index, word) in words.enumerated() {
            file += "K-W\(index),C-MY,A-MY-P01,公司\(index),车位,2026-01-01,2026-12-31,100,\(word.0),2026-01-01\n"
        }
        try write(cli, "k.csv", file)
        #expect(cli.run(["import", "contracts", "k.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let log = String(decoding: try cli.logBytes(), as: UTF8.self)
        for (index, word) in words.enumerated() {
            let line = log.split(separator: "\n").first { $0.contains("\"contract_id\":\"K-W\(index)\"") } ?? ""
            #expect(line.contains("\"rent_period\":\"\(word.1)\""), "\(word) \(line)")
        }
        var half = "合同编号,小区,资产编号,承租方,用途,起始日期,终止日期,租金,计租周期,签订日期\n"
        for (index, word) in ["半年", "每半年", "半年付"].enumerated() {
            half += "K-H\(index),C-MY,A-MY-P01,公司\(index),车位,2026-01-01,2026-12-31,6000,\(word),2026-01-01\n"
        }
        try write(cli, "h.csv", half)
        #expect(cli.run(["import", "contracts", "h.csv", "--dry-run"]) == 2)
        for (row, word) in [(2, "半年"), (3, "每半年"), (4, "半年付")] {
            #expect(cli.stdout.contains("h.csv: row \(row), column I \"计租周期\": \"\(word)\" is a rent period of half a year, which the ledger cannot record"),
                    "\(cli.stdout)")
        }
        #expect(cli.stdout.contains("Write 季 here and half of the half-year rent in the rent column"), "\(cli.stdout)")
        #expect(cli.run(["import", "contracts", "h.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("h.csv 第 2 行，I 列“计租周期”：“半年”是按半年计租，账本不能按半年记录") && cli.stdout.contains("请在此写“季”"),
                "\(cli.stdout)")
    }

    // MARK: A voided statement line named

    /// A statement imported again after one of its lines was voided: the line is not recorded again, and the report
    /// says which row, transaction id, record and correction (before: counted as recorded without a word).
    @Test func aVoidedLineIsNamedInTheReport() throws {
        let cli = try ledger()
        try write(cli, "stmt.csv", Self.statement)
        #expect(cli.run(["import", "statement", "stmt.csv", "--fund", "F-MY-PI", "--rules", "rules.json"]) == 0, "\(cli.stderr)")
        let line = try eventID(cli, voucher: "QD0104001")
        #expect(try append(cli, [#"{"type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(line)","reason":"保洁费已由业委会现金支付"}}"#]) == 0,
                "\(cli.stderr)")
        try write(cli, "stmt2.csv", Self.statement + "2026-01-05,QD0105001,结息,,,3.21,703.21\n")
        #expect(cli.run(["import", "statement", "stmt2.csv", "--fund", "F-MY-PI", "--rules", "rules.json", "--dry-run"]) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("stmt2.csv: row 3: transaction id QD0104001 is the line recorded as record #")
                && cli.stdout.contains(" \(line), which correction #") && cli.stdout.contains("(\"保洁费已由业委会现金支付\"): counted as already recorded, not recorded again."),
                "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "stmt2.csv", "--fund", "F-MY-PI", "--rules", "rules.json", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("stmt2.csv 第 3 行：流水号 QD0104001 即已记录的记录 #") && cli.stdout.contains("按已记录计，不再记账"), "\(cli.stdout)")
    }
}
