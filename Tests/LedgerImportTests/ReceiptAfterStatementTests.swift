import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// Review 35c: a receipt imported after the bank statement that recorded its money was counted twice, unseen. The
/// statement import recognises a receipt already recorded (same fund, day, direction and amount); the income and
/// spending imports now recognise the statement line the same way (`StatementLines`): such a row is refused naming the
/// line, unless `--allow-same-day-amount` says it is a second payment. Whichever is imported first, the money is
/// counted once.
@Suite struct ReceiptAfterStatementTests {
    /// A ledger in memory: records applied in order, imports run against it and appended as `ledger import` would.
    struct Ledger {
        var log = EffectiveLog()
        var seq: Int64 = 0

        init() throws {
            try append(lines: [
                #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"C1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}"#,
                #"{"id":"f1","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F1","community_id":"C1","kind":"public_income","account":"6222-01"}}"#,
                #"{"id":"f2","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F2","community_id":"C1","kind":"public_income","account":"6222-02"}}"#,
            ])
        }

        mutating func append(_ events: [Event]) {
            for event in events {
                seq += 1
                log.apply(seq: seq, event: event)
            }
        }

        mutating func append(lines: [String]) throws {
            append(try lines.enumerated().map { try EventInput.parse(line: Array($1.utf8), source: "test", lineNumber: $0 + 1) })
        }

        /// `ledger import statement FILE --fund F --rules …`, appended when ready.
        @discardableResult
        mutating func statement(_ lines: [(day: Int, id: String, fen: Int64)], fund: String = "F1", opening: Int64 = 100_000_000,
                                balances: Bool = true, name: String = "stmt.csv") throws -> FactImportResult {
            var text = "交易日期,交易流水号,摘要,对方户名,交易金额" + (balances ? ",账户余额" : "") + "\n"
            var balance = opening
            for line in lines {
                balance += line.fen
                let memo = line.fen > 0 ? "停车费" : "维修"
                text += "2025-01-\(line.day < 10 ? "0" : "")\(line.day),\(line.id),\(memo),某公司,\(Amount(fen: line.fen).yuanText)"
                    + (balances ? ",\"\(DecimalText.text(units: balance, scale: 2))\"" : "") + "\n"
            }
            var options = StatementOptions(fileName: name, fundID: fund, importedOn: ReceiptAfterStatementTests.importedOn)
            options.rules = try StatementRules(bytes: Array(#"{"rules": [{"if": {"memo": "停车"}, "category": "parking"}]}"#.utf8), fileName: "rules.json")
            let result = try StatementImport.run(source: MemoryByteSource(Array(text.utf8)), existing: log, options: options)
            append(result.events)
            return result
        }

        /// `ledger import income|spending FILE [--allow-partial] [--allow-same-day-amount]`, appended when ready.
        @discardableResult
        mutating func receipts(_ kind: FactKind, _ rows: [(day: Int, fund: String, fen: Int64, voucher: String)],
                               partial: Bool = false, secondPayments: Bool = false, twins: Bool = false, name: String? = nil) throws -> FactImportResult {
            var text = kind == .income ? "日期,账户编号,金额,付款方,凭证号,类别\n" : "日期,账户编号,金额,收款方,凭证号,用途\n"
            for row in rows {
                text += "2025-01-\(row.day < 10 ? "0" : "")\(row.day),\(row.fund),\"\(DecimalText.text(units: row.fen, scale: 2))\",某公司,\(row.voucher),"
                    + (kind == .income ? "停车费" : "维修") + "\n"
            }
            var options = FactImportOptions(kind: kind, fileName: name ?? "\(kind.rawValue).csv", importedOn: ReceiptAfterStatementTests.importedOn)
            options.allowPartial = partial
            options.allowSameDayAmount = secondPayments
            options.allowTwins = twins
            let result = try FactImport.run(source: MemoryByteSource(Array(text.utf8)), existing: log, options: options)
            append(result.events)
            return result
        }

        /// `ledger import transfers FILE [--allow-same-day-amount]`, appended when ready.
        @discardableResult
        mutating func transfers(_ rows: [(day: Int, from: String, to: String, fen: Int64, voucher: String)],
                                otherPayments: Bool = false) throws -> FactImportResult {
            var text = "日期,转出账户,转入账户,金额,凭证号\n"
            for row in rows {
                text += "2025-01-\(row.day < 10 ? "0" : "")\(row.day),\(row.from),\(row.to),\"\(DecimalText.text(units: row.fen, scale: 2))\",\(row.voucher)\n"
            }
            var options = FactImportOptions(kind: .transfers, fileName: "transfers.csv", importedOn: ReceiptAfterStatementTests.importedOn)
            options.allowSameDayAmount = otherPayments
            let result = try FactImport.run(source: MemoryByteSource(Array(text.utf8)), existing: log, options: options)
            append(result.events)
            return result
        }

        /// The fund's money in the books: income and transfers in, less spending and transfers out.
        func balance(_ fund: String) -> Int64 {
            var total: Int64 = 0
            for fact in log.factsInLogOrder {
                switch fact.payload {
                case .fundIncome(let p) where p.fundID == fund: total += p.amount.fen
                case .fundSpending(let p) where p.fundID == fund: total -= p.amount.fen
                case .fundTransfer(let p):
                    if p.toFundID == fund { total += p.amount.fen }
                    if p.fromFundID == fund { total -= p.amount.fen }
                default: break
                }
            }
            return total
        }

        /// The event id of the fact recorded from row `row` of the last import whose batch holds it.
        func eventID(row: Int, of result: FactImportResult) -> String { "\(result.report.importID)-r\(row)" }
    }

    static let importedOn = CalendarDate(year: 2025, month: 1, day: 31)!

    /// One case: what the ledger holds before, the file, and what the import does with it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var setup: @Sendable (inout Ledger) throws -> Void
        var kind: FactKind
        var rows: [(day: Int, fund: String, fen: Int64, voucher: String)]
        var secondPayments = false
        /// Rows refused as a statement line's money (spreadsheet row numbers).
        var refusedRows: [Int]
        var testDescription: String { name }
    }

    /// A statement of F1: +1,500.00 on the 3rd (T1), −700.00 on the 5th (T2).
    static func statement(_ ledger: inout Ledger) throws { try ledger.statement([(3, "T1", 150_000), (5, "T2", -70_000)]) }

    static let cases: [Case] = [
        Case(name: "a receipt after the statement", setup: statement, kind: .income,
             rows: [(3, "F1", 150_000, "P-1")], refusedRows: [2]),
        Case(name: "a spending voucher after the statement", setup: statement, kind: .spending,
             rows: [(5, "F1", 70_000, "S-1")], refusedRows: [2]),
        Case(name: "the same, a second payment said so", setup: statement, kind: .income,
             rows: [(3, "F1", 150_000, "P-1")], secondPayments: true, refusedRows: []),
        Case(name: "another day, another amount, another fund, another direction", setup: statement, kind: .income,
             rows: [(4, "F1", 150_000, "P-1"), (3, "F1", 150_001, "P-2"), (3, "F2", 150_000, "P-3"), (5, "F1", 70_000, "P-4")],
             refusedRows: []),
        Case(name: "one line stands for one receipt: the second equal receipt is another payment", setup: statement, kind: .income,
             rows: [(3, "F1", 150_000, "P-1"), (3, "F1", 150_000, "P-2")], refusedRows: [2]),
        Case(name: "two equal lines, two receipts: both the statement's money", setup: { ledger in
            try ledger.statement([(3, "T1", 150_000), (3, "T3", 150_000)])
        }, kind: .income, rows: [(3, "F1", 150_000, "P-1"), (3, "F1", 150_000, "P-2")], refusedRows: [2, 3]),
        Case(name: "two equal payments on one day without a statement", setup: { _ in }, kind: .income,
             rows: [(3, "F1", 150_000, "P-1"), (3, "F1", 150_000, "P-2")], refusedRows: []),
        Case(name: "a voided statement line is no line", setup: { ledger in
            let result = try ledger.statement([(3, "T1", 150_000)])
            try ledger.append(lines: [#"{"id":"v1","type":"correction","occurred_on":"2025-01-10","data":{"corrects":"\#(ledger.eventID(row: 2, of: result))","reason":"误记"}}"#])
        }, kind: .income, rows: [(3, "F1", 150_000, "P-1")], refusedRows: []),
        Case(name: "a corrected line is matched by its replacement", setup: { ledger in
            let result = try ledger.statement([(3, "T1", 150_000)])
            try ledger.append(lines: [#"{"id":"v1","type":"correction","occurred_on":"2025-01-10","data":{"corrects":"\#(ledger.eventID(row: 2, of: result))","reason":"记错账户","replacement":{"type":"fund.income","occurred_on":"2025-01-03","data":{"fund_id":"F2","amount_fen":150000,"counterparty":"某公司","voucher":"T1","category":"parking"}}}}"#])
        }, kind: .income, rows: [(3, "F1", 150_000, "P-1"), (3, "F2", 150_000, "P-2")], refusedRows: [3]),
        Case(name: "a receipt recorded after the line stands for it", setup: { ledger in
            try statement(&ledger)
            try ledger.append(lines: [#"{"id":"r1","type":"fund.income","occurred_on":"2025-01-03","data":{"fund_id":"F1","amount_fen":150000,"counterparty":"某公司","voucher":"P-0","category":"parking"}}"#])
        }, kind: .income, rows: [(3, "F1", 150_000, "P-1")], refusedRows: []),
        Case(name: "a transfer recorded after the line stands for it", setup: { ledger in
            try statement(&ledger)
            try ledger.append(lines: [#"{"id":"t1","type":"fund.transfer","occurred_on":"2025-01-05","data":{"from_fund_id":"F1","to_fund_id":"F2","amount_fen":70000,"voucher":"Z-1"}}"#])
        }, kind: .spending, rows: [(5, "F1", 70_000, "S-1")], refusedRows: []),
        Case(name: "a receipt recorded before the statement matched another line, not this one", setup: { ledger in
            try ledger.append(lines: [#"{"id":"r1","type":"fund.income","occurred_on":"2025-01-03","data":{"fund_id":"F1","amount_fen":150000,"counterparty":"某公司","voucher":"P-0","category":"parking"}}"#])
            // Two equal lines: one is the receipt's (skipped), the other recorded.
            let result = try ledger.statement([(3, "T1", 150_000), (3, "T3", 150_000)])
            #expect(result.report.counts.new == 1 && result.report.counts.unchanged == 1)
        }, kind: .income, rows: [(3, "F1", 150_000, "P-1")], refusedRows: [2]),
        Case(name: "a row of the same voucher is the recorded line's own business (changed or unchanged), not a second one", setup: statement,
             kind: .income, rows: [(3, "F1", 150_000, "T1")], refusedRows: []),
        Case(name: "a statement without a balance column leaves no mark (known limit)", setup: { ledger in
            // (A money-out line signs the amounts: unsigned, with no balance, the file could not tell direction.)
            try ledger.statement([(3, "T1", 150_000), (4, "T4", -10_000)], balances: false)
        }, kind: .income, rows: [(3, "F1", 150_000, "P-1")], refusedRows: []),
    ]

    @Test(arguments: cases) func rowsAgainstTheStatementLines(_ test: Case) throws {
        var ledger = try Ledger()
        try test.setup(&ledger)
        let before = ledger.seq
        let result = try ledger.receipts(test.kind, test.rows, secondPayments: test.secondPayments)
        let refused = result.report.problems.filter { $0.why.en.contains("bank-statement line already recorded") }.map(\.row)
        #expect(refused == test.refusedRows, "\(result.report.problems.map(\.description))")
        if test.refusedRows.isEmpty {
            #expect(!result.report.problems.contains { $0.why.en.contains("bank-statement line") })
        } else {
            // All or nothing: nothing appended.
            #expect(ledger.seq == before && result.events.isEmpty)
        }
    }

    /// The message names the file, row, amount cell, the line (record, import, row, transaction id) and both ways on.
    @Test func theRefusalNamesTheLineAndWhatToDo() throws {
        var ledger = try Ledger()
        let statement = try ledger.statement([(3, "T1", 150_000), (5, "T2", -70_000)])
        let lineID = ledger.eventID(row: 2, of: statement)
        let result = try ledger.receipts(.income, [(3, "F1", 150_000, "P-1"), (4, "F1", 2_000, "P-2")])
        #expect(result.report.outcome == .rejected && result.events.isEmpty)
        #expect(result.report.counts.rejected == 1)
        let problem = try #require(result.report.problems.first)
        #expect(problem.file == "income.csv" && problem.row == 2 && problem.heading == "金额" && problem.value == "1,500.00")
        #expect(problem.why.en == "has the fund, day and amount of a bank-statement line already recorded (record #5 \(lineID): the statement "
            + "imported as \(statement.report.importID), row 2, transaction id T1, money in of ¥1,500.00 to F1 on 2025-01-03), which no receipt "
            + "stands for yet: most likely the same money, counted twice if recorded again", "\(problem.why.en)")
        #expect(problem.why.zh == "与账本中已记录的一行银行对账单同一账户、同一天、同一金额（记录 #5 \(lineID)：对账单导入 \(statement.report.importID) "
            + "第 2 行，流水号 T1，2025-01-03 F1 收入 1,500.00元），而该行尚无收据与之对应：多半是同一笔款项，再记一次就重复记账了", "\(problem.why.zh)")
        #expect(problem.advice.en.contains("append a correction event of \(lineID) whose replacement carries them") && problem.advice.en.contains("--allow-same-day-amount")
                && problem.advice.en.contains("--allow-partial"))
        #expect(problem.advice.zh.contains("请追加一条更正（correction）事件，更正记录 \(lineID)，在其 replacement 中补记。") && problem.advice.zh.contains("加 --allow-same-day-amount 重新导入"))
        // Money out says so.
        let spending = try ledger.receipts(.spending, [(5, "F1", 70_000, "S-1")])
        #expect(spending.report.problems.first?.why.zh.contains("流水号 T2，2025-01-05 F1 支出 700.00元") == true, "\(spending.report.problems)")
        #expect(spending.report.problems.first?.why.en.contains("money out of ¥700.00 from F1 on 2025-01-05") == true)
        // --allow-partial records the other row, leaves the statement's money out.
        let partial = try ledger.receipts(.income, [(3, "F1", 150_000, "P-1"), (4, "F1", 2_000, "P-2")], partial: true)
        #expect(partial.report.counts.new == 1 && partial.report.counts.rejected == 1)
        #expect(ledger.balance("F1") == 150_000 - 70_000 + 2_000)
        // The same file again: the row recorded is recorded, the statement's is refused again, never recorded.
        let again = try ledger.receipts(.income, [(3, "F1", 150_000, "P-1"), (4, "F1", 2_000, "P-2")], partial: true)
        #expect(again.report.counts.unchanged == 1 && again.report.counts.rejected == 1 && again.events.isEmpty)
    }

    /// Seeded: bank payments (few days and amounts, so that equal payments on one day are common), the clerk's receipts
    /// for some of them and cash receipts the bank never saw. Receipts then statement, or statement then receipts
    /// (`--allow-partial`): the books hold each payment once either way, and the same money.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8]) func eitherOrderCountsEachPaymentOnce(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var payments: [(day: Int, id: String, fen: Int64)] = []
        for index in 0..<(6 + Int(random.next() % 6)) {
            let fen = Int64([150_000, 70_000, 1_234][Int(random.next() % 3)])
            payments.append((1 + Int(random.next() % 3), "T\(index)", random.next() % 3 == 0 ? -fen : fen))
        }
        payments.sort { $0.day < $1.day }
        var income: [(day: Int, fund: String, fen: Int64, voucher: String)] = []
        var spending: [(day: Int, fund: String, fen: Int64, voucher: String)] = []
        for (index, payment) in payments.enumerated() where random.next() % 3 != 0 {
            if payment.fen > 0 { income.append((payment.day, "F1", payment.fen, "R\(index)")) } else {
                spending.append((payment.day, "F1", -payment.fen, "S\(index)"))
            }
        }
        // Cash, never on the statement (an amount the bank's lines never have).
        income.append((2, "F1", 9_999, "CASH-1"))
        let bank = payments.reduce(0) { $0 + $1.fen }

        // Equal payments of one day from one payer are distinct payments here (each its own bank line): `--allow-twins`.
        var receiptsFirst = try Ledger()
        if !income.isEmpty { #expect(try receiptsFirst.receipts(.income, income, twins: true).report.outcome != .rejected) }
        if !spending.isEmpty { #expect(try receiptsFirst.receipts(.spending, spending, twins: true).report.outcome != .rejected) }
        let statementA = try receiptsFirst.statement(payments)
        #expect(statementA.report.counts.unchanged == income.count - 1 + spending.count, "\(statementA.report.counts)")

        var statementFirst = try Ledger()
        try statementFirst.statement(payments)
        let incomeB = try statementFirst.receipts(.income, income, partial: true, twins: true)
        #expect(incomeB.report.counts.rejected == income.count - 1 && incomeB.report.counts.new == 1, "\(incomeB.report.problems)")
        if !spending.isEmpty {
            let spendingB = try statementFirst.receipts(.spending, spending, partial: true, twins: true)
            #expect(spendingB.report.counts.rejected == spending.count && spendingB.report.counts.new == 0)
        }
        #expect(receiptsFirst.balance("F1") == bank + 9_999)
        #expect(statementFirst.balance("F1") == bank + 9_999)
    }

    /// A transfer imported after the statement that recorded its money as an income or a spending of one of its funds
    /// counted it twice (known limit of session 35): it is refused naming the line of each fund that has one, with the
    /// advice to void the line (the statement recorded a transfer as a receipt) or `--allow-same-day-amount`.
    @Test func aTransferAfterTheStatementIsRefusedNamingEachFundsLine() throws {
        var ledger = try Ledger()
        let f1 = try ledger.statement([(3, "T1", 150_000), (5, "T2", -70_000)])
        let f2 = try ledger.statement([(5, "U1", 70_000)], fund: "F2", name: "stmt-f2.csv")
        let before = ledger.seq
        // Out of F1 and into F2 on the 5th: both funds' lines are this money.
        let both = try ledger.transfers([(5, "F1", "F2", 70_000, "Z-1"), (6, "F1", "F2", 70_000, "Z-2")])
        #expect(both.report.outcome == .rejected && both.events.isEmpty && ledger.seq == before)
        let problem = try #require(both.report.problems.first)
        #expect(both.report.problems.count == 1 && problem.row == 2 && problem.heading == "金额", "\(both.report.problems)")
        #expect(problem.why.en.contains("transaction id T2, money out of ¥700.00 from F1 on 2025-01-05")
                && problem.why.en.contains("; and has the fund, day and amount")
                && problem.why.en.contains("transaction id U1, money in of ¥700.00 to F2 on 2025-01-05"), "\(problem.why.en)")
        #expect(problem.why.zh.contains("流水号 T2，2025-01-05 F1 支出 700.00元") && problem.why.zh.contains("流水号 U1，2025-01-05 F2 收入 700.00元"))
        let lines = [ledger.eventID(row: 3, of: f1), ledger.eventID(row: 2, of: f2)]
        #expect(problem.advice.en.contains("append a correction event without a replacement of each of \(lines[0]) and \(lines[1]), which voids the lines")
                && problem.advice.en.contains("--allow-same-day-amount"), "\(problem.advice.en)")
        #expect(problem.advice.zh.contains("请为记录 \(lines[0])、\(lines[1]) 各追加一条更正（correction）事件，予以作废（不带 replacement），再重新导入这一行。"), "\(problem.advice.zh)")
        // Into F1 on the 3rd: only F1 has a statement line of it (F2 has no statement that day).
        let into = try ledger.transfers([(3, "F2", "F1", 150_000, "Z-3")])
        #expect(into.report.problems.map(\.row) == [2] && into.report.problems[0].advice.en.contains("the statement recorded it as an income or spending"))
        let intoLine = ledger.eventID(row: 2, of: f1)
        #expect(into.report.problems[0].advice.zh.contains("请追加一条更正（correction）事件，作废记录 \(intoLine)（不带 replacement），再重新导入这一行。"),
                "\(into.report.problems[0].advice.zh)")
        #expect(into.report.problems[0].advice.en.contains("append a correction event without a replacement of \(intoLine), which voids the line"))
        // Another amount, or another day: a transfer of its own.
        #expect(try ledger.transfers([(5, "F1", "F2", 70_001, "Z-4"), (4, "F1", "F2", 70_000, "Z-5")]).report.problems.isEmpty)
        // Said to be another movement: recorded.
        #expect(try ledger.transfers([(3, "F2", "F1", 150_000, "Z-3")], otherPayments: true).report.problems.isEmpty)
    }

    /// Statement first, then the transfer the clerk knows it to be: voiding the two lines and importing the transfer
    /// leaves both funds with the bank's money, once.
    @Test func voidingTheLinesThenImportingTheTransferCountsTheMoneyOnce() throws {
        var ledger = try Ledger()
        let f1 = try ledger.statement([(5, "T2", -70_000)])
        let f2 = try ledger.statement([(5, "U1", 70_000)], fund: "F2", name: "stmt-f2.csv")
        let bank = (f1: ledger.balance("F1"), f2: ledger.balance("F2"))
        #expect(try ledger.transfers([(5, "F1", "F2", 70_000, "Z-1")]).report.outcome == .rejected)
        try ledger.append(lines: [
            #"{"id":"v1","type":"correction","occurred_on":"2025-01-10","data":{"corrects":"\#(ledger.eventID(row: 2, of: f1))","reason":"实为划转"}}"#,
            #"{"id":"v2","type":"correction","occurred_on":"2025-01-10","data":{"corrects":"\#(ledger.eventID(row: 2, of: f2))","reason":"实为划转"}}"#,
        ])
        #expect(try ledger.transfers([(5, "F1", "F2", 70_000, "Z-1")]).report.problems.isEmpty)
        #expect(ledger.balance("F1") == bank.f1 && ledger.balance("F2") == bank.f2)
    }
}
