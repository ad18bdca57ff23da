import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 30 review of `ledger import statement`: every defect exited 0 with wrong money. A direction column the
/// importer did not know was ignored (a payment out of 300.00 marked 借 became income); an unsigned amount column
/// beside filled debit and credit columns won over them; ICBC's `交易金额(收入)` and `交易金额(支出)` read as one
/// heading, the second ignored and every payment out skipped as "moves no money"; a line of one statement was
/// skipped as "already recorded" because a line of another statement had the same day and amount; a cell too long
/// for the log passed --dry-run. The demo ledger's F-HY-PI has a contract with 青岛海港停车管理有限公司, so its
/// money in is classified (leasing) without rules.
@Suite struct StatementDirectionTests {
    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    func logBytes(_ cli: CLIHarness) throws -> [UInt8] {
        try cli.logBytes()
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    static let payee = "青岛海港停车管理有限公司"

    /// The fund.income and fund.spending lines of `log --json`: amount in fen, signed by direction, by voucher.
    func money(_ cli: CLIHarness) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for (type, sign) in [("fund.income", Int64(1)), ("fund.spending", -1)] {
            #expect(cli.run(["log", "--json", "--type", type]) == 0)
            for line in cli.stdout.split(separator: "\n") {
                guard let voucher = Self.member(line, "voucher"), voucher.hasPrefix("TX"),
                      let amount = Self.member(line, "amount_fen").flatMap({ Int64($0) }) else { continue }
                out[voucher] = sign * amount
            }
        }
        return out
    }

    static func member(_ line: Substring, _ key: String) -> String? {
        guard let range = line.range(of: "\"\(key)\":") else { return nil }
        var rest = line[range.upperBound...]
        if rest.first == "\"" { rest = rest.dropFirst(); return String(rest.prefix { $0 != "\"" }) }
        return String(rest.prefix { $0.isNumber || $0 == "-" })
    }

    /// Defect 1: the usual direction headings and words, from the account holder's side (贷 money in, 借 money
    /// out, as the credit and debit columns are read): each pair imports 1000.00 in and 300.00 out.
    @Test func directionColumnsOfTheUsualHeadingsAndWordsGiveEachLinesDirection() throws {
        let headings = ["借/贷", "收/支", "收支", "借贷标识", "借贷标志", "借贷方向", "收付标志", "交易类型", "Dr/Cr", "资金方向"]
        let words: [(in: String, out: String)] = [("贷", "借"), ("收", "支"), ("收入", "支出"), ("转入", "转出"), ("贷方", "借方"),
                                                  ("C", "D"), ("Cr", "Dr"), ("CREDIT", "DEBIT"), ("存入", "支取"), ("收", "付")]
        let cli = demo()
        for (index, heading) in headings.enumerated() {
            let pair = words[index % words.count]
            // Each statement once with its direction before the amount and once after.
            for after in [false, true] {
                let text = after
                    ? "交易日期,交易金额,\(heading),对方户名,摘要,流水号\n2025-10-01,1000.00,\(pair.in),\(Self.payee),停车费,TX001\n2025-10-02,300.00,\(pair.out),\(Self.payee),退押金,TX002\n"
                    : "交易日期,\(heading),交易金额,对方户名,摘要,流水号\n2025-10-01,\(pair.in),1000.00,\(Self.payee),停车费,TX001\n2025-10-02,\(pair.out),300.00,\(Self.payee),退押金,TX002\n"
                try write(cli, "dir.csv", text)
                #expect(cli.run(["import", "statement", "dir.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(heading)\n\(cli.stdout)\(cli.stderr)")
                #expect(cli.stdout.contains("\(heading) → direction"), "\(heading)\n\(cli.stdout)")
                #expect(cli.stdout.contains("1 fund.income, 1 fund.spending"), "\(heading) \(pair)\n\(cli.stdout)")
            }
        }
        // Every word, both ways, appended for real: the money as signed in the log.
        for (index, pair) in words.enumerated() {
            let text = "交易日期,交易金额,借贷标志,对方户名,摘要,流水号\n"
                + "2025-10-\(10 + index),1000.00,\(pair.in),\(Self.payee),停车费,TX\(index)A\n"
                + "2025-10-\(10 + index),300.00,\(pair.out),\(Self.payee),退押金,TX\(index)B\n"
            try write(cli, "w\(index).csv", text)
            #expect(cli.run(["import", "statement", "w\(index).csv", "--fund", "F-HY-PI"]) == 0, "\(pair)\n\(cli.stdout)\(cli.stderr)")
        }
        let recorded = money(cli)
        for index in words.indices {
            #expect(recorded["TX\(index)A"] == 100_000, "\(words[index])")
            #expect(recorded["TX\(index)B"] == -30_000, "\(words[index])")
        }
        #expect(cli.run(["verify"]) == 0)
    }

    /// Defect 1: a direction the importer does not understand refuses the row, naming row, column, value and what
    /// is allowed, in both languages; so does an empty direction beside an unsigned amount, and a sign that
    /// contradicts the direction. A signed amount with its direction empty keeps its sign.
    @Test func aDirectionNotUnderstoodRefusesTheRow() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "d.csv", """
            交易日期,交易金额,借贷标志,对方户名,摘要,流水号
            2025-10-01,1000.00,贷,\(Self.payee),停车费,TX001
            2025-10-02,300.00,X,\(Self.payee),退押金,TX002
            2025-10-03,300.00,,\(Self.payee),退押金,TX003
            2025-10-04,-300.00,贷,\(Self.payee),退押金,TX004
            2025-10-05,-200.00,,\(Self.payee),退押金,TX005
            2025-10-06,-100.00,借,\(Self.payee),退押金,TX006

            """)
        #expect(cli.run(["import", "statement", "d.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout
        #expect(out.contains("6 read, 3 new, 0 already recorded, 3 rejected"), "\(out)")
        #expect(out.contains("row 3, column C \"借贷标志\": \"X\" is not a direction (money in or money out). A direction is written as the bank writes it for the account holder: money in is 贷, 贷方, 收, 收入, 转入, 存入, C, CR, credit; money out is 借, 借方, 支, 支出, 转出, 支取, D, DR, debit."), "\(out)")
        #expect(out.contains("row 4, column C \"借贷标志\": is empty, but the amount ¥300.00 has no sign"), "\(out)")
        #expect(out.contains("row 5, column B \"交易金额\": \"-300.00\" is below zero (money out), but the direction column says \"贷\" (money in)"), "\(out)")
        #expect(!out.contains("row 6,") && !out.contains("row 7,") && !out.contains("row 2,"), "\(out)")
        #expect(cli.run(["import", "statement", "d.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 3 行，C 列“借贷标志”：“X”不是收支方向（收入或支出）"), "\(cli.stdout)")
        #expect(cli.stdout.contains("收入写作 贷, 贷方"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
        // The good rows under --allow-partial: 1000.00 in, 200.00 and 100.00 out.
        #expect(cli.run(["import", "statement", "d.csv", "--fund", "F-HY-PI", "--allow-partial", "--rejects", "d.rejects.csv"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        #expect(money(cli) == ["TX001": 100_000, "TX005": -20_000, "TX006": -10_000])
    }

    /// Defect 1, more generally: a column the importer does not read whose heading or values look like a direction
    /// is refused while the amounts are unsigned, naming the column; signed amounts, a mapping to "ignore" or to
    /// "direction" let it through. 交易类型 of transaction kinds (转账, 消费) is not a direction.
    @Test func anUnreadColumnThatLooksLikeADirectionIsNotIgnoredUnseen() throws {
        let cli = demo()
        let cases: [(heading: String, values: (String, String), refused: Bool)] = [
            ("标志", ("贷", "借"), true),            // values: direction words only
            ("借贷标志位", ("1", "2"), true),        // heading: 借贷
            ("收支情况", ("收", "?"), true),          // heading: 收支
            ("交易类型", ("转入", "消费"), true),     // a maybe-heading with a direction word among its values
            ("交易类型", ("转账", "消费"), false),    // transaction kinds
            ("渠道", ("网银", "柜面"), false),
        ]
        for (heading, values, refused) in cases {
            try write(cli, "u.csv", "交易日期,交易金额,\(heading),对方户名,摘要,流水号\n"
                      + "2025-10-01,1000.00,\(values.0),\(Self.payee),停车费,TX001\n2025-10-02,300.00,\(values.1),\(Self.payee),退押金,TX002\n")
            // (Review 36a: a file whose unsigned amounts nothing else gives a direction is refused as such.)
            let code = cli.run(["import", "statement", "u.csv", "--fund", "F-HY-PI", "--dry-run"])
            #expect(code == 2, "\(heading)\n\(cli.stdout)\(cli.stderr)")
            #expect(cli.stderr.contains("column C \"\(heading)\" gives each line's direction") == refused, "\(heading)\n\(cli.stderr)")
            #expect(cli.stderr.contains("writes every amount without a sign") == !refused, "\(heading)\n\(cli.stderr)")
            if refused {
                #expect(cli.stderr.contains("map \"\(heading)\" to \"direction\""), "\(heading)\n\(cli.stderr)")
            }
            // Signed amounts: the sign is the direction.
            try write(cli, "s.csv", "交易日期,交易金额,\(heading),对方户名,摘要,流水号\n"
                      + "2025-10-01,1000.00,\(values.0),\(Self.payee),停车费,TX001\n2025-10-02,-300.00,\(values.1),\(Self.payee),退押金,TX002\n")
            #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(heading)\n\(cli.stdout)\(cli.stderr)")
            #expect(cli.stdout.contains("1 fund.income, 1 fund.spending"), "\(heading)\n\(cli.stdout)")
        }
        try write(cli, "u.csv", "交易日期,交易金额,标志,对方户名,摘要,流水号\n"
                  + "2025-10-01,1000.00,贷,\(Self.payee),停车费,TX001\n2025-10-02,300.00,借,\(Self.payee),退押金,TX002\n")
        #expect(cli.run(["import", "statement", "u.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("请改在映射文件（--mapping）中把“标志”对应为“direction”"), "\(cli.stderr)")
        try write(cli, "m.json", #"{"columns": {"标志": "direction"}}"#)
        #expect(cli.run(["import", "statement", "u.csv", "--fund", "F-HY-PI", "--mapping", "m.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(money(cli) == ["TX001": 100_000, "TX002": -30_000])
        try write(cli, "i.json", #"{"columns": {"标志": "ignore"}}"#)
        // Ignored, the column leaves unsigned amounts that nothing else gives a direction: refused as such (review 36a).
        #expect(cli.run(["import", "statement", "u.csv", "--fund", "F-HY-PI", "--mapping", "i.json", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains("writes every amount without a sign"), "\(cli.stderr)")
    }

    /// Defect 2: the debit and credit columns tell the line's direction beside an unsigned amount column (which
    /// used to win, a filled 借方金额 ignored); a row where they disagree with it, or both are filled, is refused.
    @Test func debitAndCreditColumnsBesideAnAmountColumnAreReadAndMustAgree() throws {
        let cli = demo()
        let before = try logBytes(cli)
        try write(cli, "cd.csv", """
            交易日期,交易金额,借方金额,贷方金额,对方户名,摘要,流水号
            2025-10-01,1000.00,,1000.00,\(Self.payee),停车费,TX001
            2025-10-02,300.00,300.00,,\(Self.payee),退押金,TX002
            2025-10-03,-50.00,50.00,,\(Self.payee),退押金,TX003
            2025-10-04,500.00,300.00,,\(Self.payee),退押金,TX004
            2025-10-05,-300.00,,300.00,\(Self.payee),停车费,TX005
            2025-10-06,300.00,0.00,0.00,\(Self.payee),停车费,TX006
            2025-10-07,300.00,300.00,300.00,\(Self.payee),停车费,TX007
            2025-10-08,,40.00,,\(Self.payee),退押金,TX008

            """)
        #expect(cli.run(["import", "statement", "cd.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        let out = cli.stdout
        #expect(out.contains("8 read, 4 new, 0 already recorded, 4 rejected"), "\(out)")
        #expect(out.contains("row 5, column B \"交易金额\": \"500.00\" does not agree with the credit and debit columns, which say -¥300.00"), "\(out)")
        #expect(out.contains("row 6, column B \"交易金额\": \"-300.00\" does not agree with the credit and debit columns, which say ¥300.00"), "\(out)")
        #expect(out.contains("row 7, column B \"交易金额\": \"300.00\" does not agree with the credit and debit columns, which say ¥0.00"), "\(out)")
        // (Both cells shown: review 43a m11.)
        #expect(out.contains("row 8, column C \"借方金额\": \"") && out.contains("is set as well as the credit column (\""), "\(out)")
        #expect(cli.run(["import", "statement", "cd.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 5 行，B 列“交易金额”：“500.00”与贷方、借方列不符：贷方、借方列为 -300.00元（收入为正，支出为负）"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "statement", "cd.csv", "--fund", "F-HY-PI", "--allow-partial", "--rejects", "cd.rejects.csv"]) == 0,
                "\(cli.stdout)\(cli.stderr)")
        #expect(money(cli) == ["TX001": 100_000, "TX002": -30_000, "TX003": -5_000, "TX008": -4_000])
    }

    /// Defect 2 with a direction column too: the direction must agree with the filled debit or credit column.
    @Test func aDirectionAgainstTheDebitColumnIsRefused() throws {
        let cli = demo()
        try write(cli, "cd.csv", """
            交易日期,借贷标志,借方金额,贷方金额,对方户名,摘要,流水号
            2025-10-01,贷,,1000.00,\(Self.payee),停车费,TX001
            2025-10-02,贷,300.00,,\(Self.payee),退押金,TX002

            """)
        #expect(cli.run(["import", "statement", "cd.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("row 3, column B \"借贷标志\": \"贷\" says money in, but the line's amount is in the debit column (money out)"), "\(cli.stdout)")
        #expect(cli.stdout.contains("2 read, 1 new, 0 already recorded, 1 rejected"), "\(cli.stdout)")
    }

    /// Defect 3: ICBC's 交易金额(收入) and 交易金额(支出) are the credit and debit columns (a payment out with 0.00
    /// income was skipped as "moves no money"); a mapping file can name each of the two headings.
    @Test func icbcQualifiedAmountHeadingsAreCreditAndDebit() throws {
        let cli = demo()
        let body = "2025-10-01,1000.00,0.00,\(Self.payee),停车费,TX001\n2025-10-02,0.00,300.00,某五金店,购买灯泡,TX002\n"
        for (heading, qualifiers) in [("交易金额", ("收入", "支出")), ("交易金额", ("转入", "转出")), ("发生额", ("贷", "借")), ("金额", ("收入", "支出"))] {
            for brackets in [("(", ")"), ("（", "）"), ("[", "]")] {
                let credit = heading + brackets.0 + qualifiers.0 + brackets.1, debit = heading + brackets.0 + qualifiers.1 + brackets.1
                try write(cli, "icbc.csv", "交易日期,\(credit),\(debit),对方户名,摘要,流水号\n" + body)
                #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(credit)\n\(cli.stdout)\(cli.stderr)")
                #expect(cli.stdout.contains("B \(credit) → credit, C \(debit) → debit"), "\(cli.stdout)")
                #expect(cli.stdout.contains("2 read, 2 new, 0 already recorded, 0 rejected"), "\(cli.stdout)")
                #expect(cli.stdout.contains("1 fund.income, 1 fund.spending"), "\(cli.stdout)")
            }
        }
        // Named in a mapping file, each by its own heading (both used to read as 交易金额, the mapping refused).
        try write(cli, "icbc.csv", "交易日期,交易金额(收入),交易金额(支出),对方户名,摘要,流水号\n" + body)
        try write(cli, "map.json", #"{"columns":{"交易金额(收入)":"credit","交易金额(支出)":"debit"}}"#)
        #expect(cli.run(["import", "statement", "icbc.csv", "--fund", "F-HY-PI", "--mapping", "map.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(money(cli) == ["TX001": 100_000, "TX002": -30_000])
        // A mapping's heading with a unit still names the file's heading without it, as before.
        try write(cli, "unit.csv", "交易日期,记账金额,对方户名,摘要,流水号\n2025-10-03,-20.00,某五金店,购买灯泡,TX003\n")
        try write(cli, "unit.json", #"{"columns":{"记账金额（元）":"amount"}}"#)
        #expect(cli.run(["import", "statement", "unit.csv", "--fund", "F-HY-PI", "--mapping", "unit.json", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("B 记账金额 → amount"), "\(cli.stdout)")
    }

    /// Defect 3: two columns that read as the same heading, or two columns of the amount, the credit, the debit,
    /// the balance or the direction, are refused naming both columns, never one "ignored". (Two id columns of other
    /// names — 流水号 and 凭证号, as some banks export — keep the first, as before.)
    @Test func twoColumnsOfOneMoneyFieldAreRefusedNamingBoth() throws {
        let cli = demo()
        let cases: [(headings: String, first: String, second: String, field: String)] = [
            ("交易日期,交易金额,交易金额,对方户名,摘要,流水号", "B \"交易金额\"", "C \"交易金额\"", "amount"),
            ("交易日期,交易金额(元),交易金额,对方户名,摘要,流水号", "B \"交易金额(元)\"", "C \"交易金额\"", "amount"),
            ("交易日期,金额,交易金额,对方户名,摘要,流水号", "B \"金额\"", "C \"交易金额\"", "amount"),
            ("交易日期,交易金额,余额,账户余额,摘要,流水号", "C \"余额\"", "D \"账户余额\"", "balance"),
            ("交易日期,交易金额,借贷标志,收/支,摘要,流水号", "C \"借贷标志\"", "D \"收/支\"", "direction"),
            ("交易日期,摘要,交易金额,对方户名,摘要,流水号", "B \"摘要\"", "E \"摘要\"", "memo"),
        ]
        for (headings, first, second, field) in cases {
            try write(cli, "h.csv", headings + "\n2025-10-01,1,1,1,1,TX1\n")
            #expect(cli.run(["import", "statement", "h.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(headings)\n\(cli.stdout)\(cli.stderr)")
            #expect(cli.stderr.contains("columns \(first) and \(second) both mean \(field)."), "\(headings)\n\(cli.stderr)")
        }
        try write(cli, "h.csv", "交易日期,交易金额,交易金额,对方户名,摘要,流水号\n2025-10-01,1,1,1,1,TX1\n")
        #expect(cli.run(["import", "statement", "h.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("都表示 amount（交易金额）"), "\(cli.stderr)")
        // Two dates of other names (交易日期 and 记账日期) are read as before: the first, the other shown ignored.
        try write(cli, "d.csv", "交易日期,记账日期,交易金额,对方户名,摘要,流水号\n2025-10-01,2025-10-02,-1.00,某五金店,灯泡,TX1\n")
        #expect(cli.run(["import", "statement", "d.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("A 交易日期 → date, B 记账日期 → ignored"), "\(cli.stdout)")
        // The same for two id columns (review of session 30: a bank's export with 流水号 and 凭证号 was refused).
        try write(cli, "t.csv", "交易日期,流水号,凭证号,交易金额,对方户名,摘要\n2025-10-01,CCB0701,,-1.00,某五金店,灯泡\n")
        #expect(cli.run(["import", "statement", "t.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("B 流水号 → transaction_id, C 凭证号 → ignored"), "\(cli.stdout)")
        // A dash on the other side of a line (借方 -, 贷方 500.00) is an empty cell, beside a signed amount too.
        try write(cli, "dash.csv", "交易日期,流水号,交易金额,借方发生额,贷方发生额,余额,对方户名,摘要\n2025-10-02,TXD1,500.00,-,500.00,\"18,323.45\",\(Self.payee),停车费\n2025-10-03,TXD2,-20.00,20.00,—,\"18,303.45\",某五金店,灯泡\n")
        #expect(cli.run(["import", "statement", "dash.csv", "--fund", "F-HY-PI", "--dry-run"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Defect 4: a line of statement B is not "already recorded" because a line imported from statement A has the
    /// same fund, day and amount (TX2 was dropped, LESSONS.md's hledger mistake); a fact imported from a file's row
    /// stands only for its own transaction id. A payment recorded by hand (the demo's receipts) is still matched.
    @Test func aLineOfAnotherStatementIsNotTakenForThisOne() throws {
        let cli = demo()
        try write(cli, "a.csv", """
            交易日期,交易金额,余额,对方户名,摘要,流水号
            2025-10-14,100.00,17923.45,\(Self.payee),停车费,TX0
            2025-10-15,300.00,18223.45,\(Self.payee),停车费,TX1

            """)
        try write(cli, "b.csv", """
            交易日期,交易金额,余额,对方户名,摘要,流水号
            2025-10-15,300.00,18523.45,\(Self.payee),停车费,TX2
            2025-10-16,50.00,18573.45,\(Self.payee),停车费,TX3

            """)
        #expect(cli.run(["import", "statement", "a.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "b.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 read, 2 new, 0 already recorded"), "\(cli.stdout)")
        #expect(money(cli) == ["TX0": 10_000, "TX1": 30_000, "TX2": 30_000, "TX3": 5_000])
        // The same for money out, and for the same file's rows imported again under another name (import id -2).
        try write(cli, "c.csv", "交易日期,交易金额,余额,对方户名,摘要,流水号\n2025-10-20,-70.00,18503.45,某五金店,灯泡,TX4\n")
        try write(cli, "d.csv", "交易日期,交易金额,余额,对方户名,摘要,流水号\n2025-10-20,-70.00,18433.45,某五金店,灯泡,TX5\n")
        #expect(cli.run(["import", "statement", "c.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["import", "statement", "d.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 read, 1 new, 0 already recorded"), "\(cli.stdout)")
        #expect(money(cli)["TX5"] == -7_000)
        // Statement A again: recognised by its transaction ids.
        #expect(cli.run(["import", "statement", "a.csv", "--fund", "F-HY-PI"]) == 0)
        #expect(cli.stdout.contains("Nothing to import"), "\(cli.stdout)")
        #expect(cli.run(["verify"]) == 0)
    }

    /// Receipts imported from an income or spending file still stand for the statement's line of their day and
    /// amount (a clerk reconciling receipts with the bank): the line is not imported a second time. Only a
    /// statement's own lines (its import known by its closing balance, `<import_id>-balance`) stand for their
    /// transaction ids alone.
    @Test func anImportedReceiptStandsForItsStatementLine() throws {
        let cli = demo()
        try write(cli, "receipts.csv", """
            日期,账户编号,金额,付款方,凭证号,类别
            2025-10-15,F-HY-PI,300.00,\(Self.payee),SJ-1015,停车费

            """)
        #expect(cli.run(["import", "income", "receipts.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        try write(cli, "bank.csv", """
            交易日期,交易金额,余额,对方户名,摘要,流水号
            2025-10-15,300.00,18223.45,\(Self.payee),停车费,TX1
            2025-10-16,50.00,18273.45,\(Self.payee),停车费,TX3

            """)
        #expect(cli.run(["import", "statement", "bank.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 read, 1 new, 1 already recorded"), "\(cli.stdout)")
        #expect(money(cli)["TX1"] == nil && money(cli)["TX3"] == 5_000, "\(money(cli))")
    }

    /// Too long for the log: a statement's cell that the log would refuse is refused at its cell, in the dry run
    /// too (a GB18030 cell of 48,000 bytes is 72,000 in UTF-8: it passed --dry-run, then the real append failed
    /// naming no row). The same limit and words as a register's.
    @Test func aCellTooLongForTheLogIsRefusedAtItsCell() throws {
        let cli = demo()
        let before = try logBytes(cli)
        // 灯泡 in GB18030; the rest is ASCII.
        func gb18030(_ pairs: Int, odd: Bool = false) -> [UInt8] {
            Array([[UInt8]](repeating: [0xB5, 0xC6, 0xC5, 0xDD], count: pairs).joined()) + (odd ? [0xB5, 0xC6] : [])
        }
        let head = Array("date,amount,counterparty,memo,transaction_id\n2025-10-20,-70.00,Shop,".utf8)
        let tail = Array(",TX4\n2025-10-21,-7.00,Shop,lamp,TX5\n".utf8)
        try PosixFile.writeAtomically(head + gb18030(12_000) + tail, to: cli.temp.path + "/l.csv")
        #expect(cli.run(["import", "statement", "l.csv", "--fund", "F-HY-PI", "--dry-run"]) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("GB18030"), "\(cli.stdout)")
        #expect(cli.stdout.contains("row 2, column D \"memo\": is too long: 72000 bytes as stored in the ledger, more than 65536"), "\(cli.stdout)")
        #expect(cli.stdout.contains("2 read, 1 new, 0 already recorded, 1 rejected"), "\(cli.stdout)")
        #expect(cli.run(["import", "statement", "l.csv", "--fund", "F-HY-PI", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 2 行，D 列“memo”：太长：存入账本后有 72000 字节"), "\(cli.stdout)")
        // 65,535 bytes as written: let through, and appended.
        try PosixFile.writeAtomically(head + gb18030(10_922, odd: true) + tail, to: cli.temp.path + "/f.csv")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "statement", "f.csv", "--fund", "F-HY-PI"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("2 fund.spending"), "\(cli.stdout)")
    }
}
