import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 44d #7: one "today" for every door that refuses a date in the future — `ledger append`'s (today in
/// Beijing, UTC+8, or the day after an earlier `--recorded-at`). Every import's date cells, `--registered-on` and
/// `erase-personal --on` took the UTC date and a day more, so a date of tomorrow in Beijing was taken by them and
/// refused by `append`.
@Suite struct OneTodayTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let clock: String
        let recordedAt: String?
        let date: String
        /// What the refusal says after the date, or nil: taken.
        let says: (en: String, zh: String)?
        var testDescription: String { "now \(clock), --recorded-at \(recordedAt ?? "-"), \(date)" }
    }

    static let beijing5 = (en: "is after today in Beijing (UTC+8), 2026-01-05", zh: "晚于今天（北京时间 2026-01-05）")
    static let cases: [Case] = [
        // 02:03 UTC on the 5th is the 5th in Beijing too: the day after the UTC date is not today.
        Case(clock: "2026-01-05T02:03:04Z", recordedAt: nil, date: "2026-01-05", says: nil),
        Case(clock: "2026-01-05T02:03:04Z", recordedAt: nil, date: "2026-01-06", says: beijing5),
        // From 16:00 UTC on the 5th it is the 6th in Beijing.
        Case(clock: "2026-01-05T15:59:59Z", recordedAt: nil, date: "2026-01-06", says: beijing5),
        Case(clock: "2026-01-05T16:00:00Z", recordedAt: nil, date: "2026-01-06", says: nil),
        Case(clock: "2026-01-05T16:00:00Z", recordedAt: nil, date: "2026-01-07",
             says: (en: "is after today in Beijing (UTC+8), 2026-01-06", zh: "晚于今天（北京时间 2026-01-06）")),
        // A stamp in the future does not lift the guard; one in the past keeps its own bound, named as such.
        Case(clock: "2026-01-05T02:03:04Z", recordedAt: "2099-01-01T00:00:00Z", date: "2026-01-07", says: beijing5),
        Case(clock: "2026-01-05T02:03:04Z", recordedAt: "2025-08-01T00:00:00Z", date: "2025-08-02", says: nil),
        Case(clock: "2026-01-05T02:03:04Z", recordedAt: "2025-08-01T00:00:00Z", date: "2025-08-03",
             says: (en: "is after the recording date that --recorded-at gives (2025-08-01, UTC)", zh: "晚于 --recorded-at 给出的记录日期（2025-08-01，UTC）")),
    ]

    /// The doors of `ledger import`: a date cell of each kind of file, and `--registered-on`.
    enum Door: String, CaseIterable, Sendable {
        case income, statement, assetCell, registeredOn
    }

    static let tests = ImportReview43TwinsTests()

    @Test(arguments: cases, Door.allCases)
    func everyImportTakesAppendsToday(_ c: Case, _ door: Door) throws {
        let cli = try Self.tests.ledger()
        cli.clock = try #require(Timestamp(rfc3339: c.clock))
        let slashed = c.date.replacingOccurrences(of: "-", with: "/")
        var arguments: [String]
        let cell: String
        switch door {
        case .income:
            try Self.tests.write(cli, "f.csv", ImportReview43TwinsTests.incomeHeader + "\(slashed),F-T,100,乙公司,SJ-1,其他,\n")
            arguments = ["import", "income", "f.csv"]
            cell = "f.csv: row 2, column A \"日期\": \"\(slashed)\" "
        case .statement:
            try Self.tests.write(cli, "s.csv", ImportReview43TwinsTests.statementHeader + "\(c.date),QD1,利息,青岛银行,,1.00,1.00\n")
            try Self.tests.write(cli, "r.json", #"{"rules": [{"if": {"memo": "利息"}, "category": "interest"}]}"#)
            arguments = ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]
            cell = "s.csv: row 2, column A \"交易日期\": \"\(c.date)\" "
        case .assetCell:
            try Self.tests.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积,登记日期\nA-9,C-T,车位,车位9,东门,12.5,\(slashed)\n")
            arguments = ["import", "assets", "a.csv"]
            cell = "a.csv: row 2, column G \"登记日期\": \"\(slashed)\" "
        case .registeredOn:
            try Self.tests.write(cli, "a.csv", "编号,小区,类型,名称,位置,面积\nA-9,C-T,车位,车位9,东门,12.5\n")
            arguments = ["import", "assets", "a.csv", "--registered-on", c.date]
            cell = "--registered-on \(c.date) "
        }
        if let stamp = c.recordedAt { arguments += ["--recorded-at", stamp] }
        let before = try cli.logBytes()
        guard let says = c.says else {
            #expect(cli.run(arguments) == 0, "\(cli.stdout)\(cli.stderr)")
            #expect(try cli.logBytes() != before)
            return
        }
        #expect(cli.run(arguments) == 2, "\(cli.stdout)\(cli.stderr)")
        #expect((cli.stdout + cli.stderr).contains(cell + says.en), "\(cli.stdout)\(cli.stderr)")
        #expect(!(cli.stdout + cli.stderr).contains("UTC)") || c.recordedAt != nil, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
        #expect((cli.stdout + cli.stderr).contains(says.zh), "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// `erase-personal --on` (no `--recorded-at`): the same today.
    static let erasureCases = cases.filter { $0.recordedAt == nil }

    @Test(arguments: erasureCases)
    func anErasureTakesAppendsToday(_ c: Case) throws {
        let cli = PersonalDataCommandTests().prepared()
        cli.clock = try #require(Timestamp(rfc3339: c.clock))
        let before = DirectorySnapshot.of(cli.ledgerPath)
        let arguments = ["erase-personal", "--actor", "dpo", "--subject", "张三", "--reason", "本人申请删除", "--on", c.date]
        guard let says = c.says else {
            #expect(cli.run(arguments) == 0, "\(cli.stderr)")
            return
        }
        #expect(cli.run(arguments) == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("--on \(c.date) \(says.en); an erasure is recorded once it is made"), "\(cli.stderr)")
        #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("--on \(c.date) \(says.zh)；删除做了之后才能记录"), "\(cli.stderr)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before)
    }
}

/// Review 44d #3: a bank statement's line whose rule names a contract signed after the line's date was told to
/// check the date — the bank's, which is true. It gets `import income`'s advice: keep the date, and record the rent
/// paid in advance without the contract (here: by a rule without contract_id), or correct the signing day.
@Suite struct StatementRuleContractBeforeSigningTests {
    @Test func aRuleNamingALaterContractIsNeverToldToChangeTheBanksDate() throws {
        let tests = ImportReview43TwinsTests()
        let cli = try tests.ledger()
        // K-1 is signed on 2025-06-15.
        try tests.write(cli, "s.csv", ImportReview43TwinsTests.statementHeader + "2025-06-10,QD1,广告位预付租金,乙公司,,\"3,300.00\",\"3,300.00\"\n")
        try tests.write(cli, "r.json", #"{"rules": [{"if": {"memo": "预付"}, "contract_id": "K-1"}]}"#)
        let arguments = ["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r.json"]
        let out = try tests.refused(cli, arguments)
        #expect(out.contains("s.csv: row 2, column A \"交易日期\": contract \"K-1\" exists only from 2025-06-15"), "\(out)")
        #expect(out.contains("If the rent was paid before the contract was signed (paid in advance), keep the date: it is when the money came. "
                             + "The ledger links a payment to a contract only from its signing day (2025-06-15), so let a rule without contract_id "
                             + "record this line as the tenant's payment (category 租金, leasing)"), "\(out)")
        #expect(out.contains("correct the contract's signing date (a correction of its record) and import the statement again."), "\(out)")
        #expect(!out.contains("Check the date") && !out.contains("clear the contract id"), "\(out)")
        #expect(cli.run(arguments + ["--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("如果是合同签订前预先收取的租金（预收），请保留原日期：那是实际收款的日子。")
                && cli.stdout.contains("因此请让一条不写 contract_id 的规则把这一行记为承租方的付款（类别为“租金”）")
                && !cli.stdout.contains("请核对日期"), "\(cli.stdout)")
        // As advised: a rule without the contract records the line on its day.
        try tests.write(cli, "r2.json", #"{"rules": [{"if": {"memo": "预付"}, "category": "leasing"}]}"#)
        #expect(cli.run(["import", "statement", "s.csv", "--fund", "F-T", "--rules", "r2.json"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }
}

/// Review 44d #6: a memo column read since session 44 (附言 beside 摘要 and 用途) holding an Excel error value blocked
/// a line recorded before when the statement was imported again. A line recorded before is the recorded one
/// whatever that column says; a new line is still refused there (its purpose or rule may come from it), naming
/// file, row, column and value.
@Suite struct StatementMemoErrorValueTests {
    static let header = "交易日期,交易流水号,对方户名,摘要,用途,附言,收入金额,支出金额,余额\n"

    @Test(arguments: ["#N/A", "#VALUE!", "#REF!", "＃Ｎ／Ａ"])
    func anErrorValueInAnExtraMemoColumnBlocksOnlyANewLine(_ value: String) throws {
        let tests = ImportReview43TwinsTests()
        let cli = try tests.ledger()
        // Recorded first with the error value's cell empty (as an import that did not read 附言 recorded it).
        try tests.write(cli, "s1.csv", Self.header + "2025-08-03,TW0001,青岛电梯维修有限公司,电梯维修,电梯维修款,,,1300.00,\n")
        #expect(cli.run(["import", "statement", "s1.csv", "--fund", "F-T"]) == 0, "\(cli.stdout)\(cli.stderr)")
        // Again, the 附言 cell an error value, and a new line with one: the new line alone is refused.
        try tests.write(cli, "s2.csv", Self.header + "2025-08-03,TW0001,青岛电梯维修有限公司,电梯维修,电梯维修款,\(value),,1300.00,\n"
                        + "2025-08-09,TW0002,某物业,转账,水泵更换,\(value),,50.00,\n")
        let arguments = ["import", "statement", "s2.csv", "--fund", "F-T"]
        let out = try tests.refused(cli, arguments)
        #expect(out.contains("s2.csv: row 3, column F \"附言\": \"\(value)\" is an Excel/WPS error value"), "\(out)")
        #expect(!out.contains("s2.csv: row 2"), "the recorded line is not blocked: \(out)")
        // Without the new line: the recorded line imports unchanged.
        try tests.write(cli, "s3.csv", Self.header + "2025-08-03,TW0001,青岛电梯维修有限公司,电梯维修,电梯维修款,\(value),,1300.00,\n")
        let before = try cli.logBytes()
        #expect(cli.run(["import", "statement", "s3.csv", "--fund", "F-T"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("1 already recorded"), "\(cli.stdout)")
        #expect(try cli.logBytes() == before)
    }
}

/// Review 44d: a private person (kept in private/, `{"commitment": …}`) written out by name in a correction's
/// replacement was taken by `ledger append`, putting the name in the log for ever; the import refuses a row that
/// gives in clear what its record keeps private. Refused at the replacement's field, with the way to write it;
/// `{"person": …}`, `--private` and another name (a company) are taken.
@Suite struct AppendPrivateInClearTests {
    static func correction(_ counterparty: String) -> String {
        #"{"type":"correction","occurred_on":"2024-06-01","data":{"corrects":"k1","reason":"租金有误","replacement":{"type":"contract.signed","occurred_on":"2024-04-01","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-2"],"counterparty":\#(counterparty),"purpose":"停车","start_on":"2024-04-01","end_on":"2025-03-31","rent_fen":35000,"rent_period":"month","payee_fund_id":"F-1"}}}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let counterparty: String
        let options: [String]
        let refused: Bool
        var testDescription: String { "\(counterparty) \(options)" }
    }

    static let cases: [Case] = [
        Case(counterparty: #""张三""#, options: [], refused: true),
        Case(counterparty: #"{"person":"张三"}"#, options: [], refused: false),
        Case(counterparty: #""张三""#, options: ["--private", "counterparty"], refused: false),
        // Another tenant (a company): a fact the correction may state in clear.
        Case(counterparty: #""青岛某停车管理有限公司""#, options: [], refused: false),
    ]

    @Test(arguments: cases)
    func aPrivatePersonWrittenOutInACorrectionIsRefused(_ c: Case) throws {
        let cli = PersonalDataCommandTests().prepared()
        let before = DirectorySnapshot.of(cli.ledgerPath)
        let arguments = ["append", "--actor", "clerk"] + c.options
        guard c.refused else {
            #expect(cli.run(arguments, stdin: Self.correction(c.counterparty) + "\n") == 0, "\(cli.stderr)")
            return
        }
        #expect(cli.run(arguments, stdin: Self.correction(c.counterparty) + "\n") == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains("field \"data.replacement.data.counterparty\": writes out by name the private person whom the record it corrects (k1) "
                                    + "keeps in private/ as its counterparty: the log would keep the name in clear for ever."), "\(cli.stderr)")
        #expect(cli.stderr.contains("the replacement writes it as {\"person\": …} (or the batch is appended with --private counterparty), "
                                    + "never the name in clear, which could never be erased."), "\(cli.stderr)")
        #expect(cli.run(arguments + ["--lang", "zh"], stdin: Self.correction(c.counterparty) + "\n") == 2)
        #expect(cli.stderr.contains("以明文写出了所更正记录（k1）作为个人信息保存在 private/ 中的相对方（counterparty）：账本会永久保留明文姓名。"), "\(cli.stderr)")
        #expect(cli.stderr.contains("（或加 --private counterparty 追加这一批），不要写明文姓名"), "\(cli.stderr)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before)
    }
}
