import Foundation
import LedgerCLI
import LedgerEvents
import LedgerProjections
import LedgerTestSupport
import Testing
@testable import ledger_bench

/// The peer phase's journal writer and balance reader: no timing here, only that the journal says what the
/// projection says and that a peer's report is read exactly (or refused).
@Suite struct PeerJournalTests {
    /// Ids ledger-cli cannot take as they are (`:` `;` `%` `(` `[`), Chinese names, a category with a space,
    /// a voided income, an income replaced with another amount and date, a spending without a category, a transfer.
    static let lines = [
        #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"小区:一(期)","name":"小区一","street":"街道甲","residents_committee":"社区甲","total_area_m2":"9000.00","total_owners":90}}"#,
        #"{"id":"f1","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F;1%","community_id":"小区:一(期)","kind":"public_income","account":"acc-1"}}"#,
        #"{"id":"f2","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"[维修]","community_id":"小区:一(期)","kind":"maintenance","account":"acc-2"}}"#,
        #"{"id":"f3","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F-idle","community_id":"小区:一(期)","kind":"governance","account":"acc-3"}}"#,
        #"{"id":"i1","type":"fund.income","occurred_on":"2024-02-01","data":{"fund_id":"F;1%","amount_fen":1234505,"counterparty":"c","voucher":"v1","category":"停车 费"}}"#,
        #"{"id":"i2","type":"fund.income","occurred_on":"2024-02-02","data":{"fund_id":"F;1%","amount_fen":999,"counterparty":"c","voucher":"v2","category":"advertising"}}"#,
        #"{"id":"i3","type":"fund.income","occurred_on":"2024-02-03","data":{"fund_id":"[维修]","amount_fen":100000,"counterparty":"c","voucher":"v3","category":"deposit"}}"#,
        #"{"id":"s1","type":"fund.spending","occurred_on":"2024-03-01","data":{"fund_id":"[维修]","amount_fen":5,"counterparty":"c","voucher":"v4","purpose":"p"}}"#,
        #"{"id":"t1","type":"fund.transfer","occurred_on":"2024-03-02","data":{"from_fund_id":"F;1%","to_fund_id":"[维修]","amount_fen":200000,"voucher":"v5"}}"#,
        #"{"id":"x1","type":"correction","occurred_on":"2024-04-01","data":{"corrects":"i2","reason":"重复"}}"#,
        #"{"id":"x2","type":"correction","occurred_on":"2024-04-01","data":{"corrects":"i3","reason":"金额有误","replacement":{"type":"fund.income","occurred_on":"2024-02-04","data":{"fund_id":"[维修]","amount_fen":150005,"counterparty":"c","voucher":"v3","category":"deposit"}}}}"#,
    ]

    static func projection() throws -> Projection {
        Projection(records: try SampleRecords.records(lines: lines), asOf: CalendarDate(iso: PeerPhase.asOf)!)
    }

    @Test func journalAppliesCorrectionsAndEscapesNames() throws {
        let projection = try Self.projection()
        #expect(projection.anomalies.isEmpty)
        let export = PeerJournal.journal(projection)
        // i2 is voided; i3 appears with its replacement's amount and date; 12345.05 + 2000.00 is written from fen.
        let expected = """
        ; Fund movements exported by ledger-bench (corrections applied), amounts in yuan.
        ; Check: ledger -f FILE --flat --empty balance ^Funds:

        2024-02-01 * income #5
            Funds:小区%3A一%28期%29:F%3B1%25  12345.05 CNY
            Income:停车%20费  -12345.05 CNY

        2024-02-04 * income #11
            Funds:小区%3A一%28期%29:%5B维修%5D  1500.05 CNY
            Income:deposit  -1500.05 CNY

        2024-03-01 * spending #8
            Expenses:other  0.05 CNY
            Funds:小区%3A一%28期%29:%5B维修%5D  -0.05 CNY

        2024-03-02 * transfer #9
            Funds:小区%3A一%28期%29:%5B维修%5D  2000.00 CNY
            Funds:小区%3A一%28期%29:F%3B1%25  -2000.00 CNY


        """
        #expect(export.text == expected)
        #expect(export == PeerJournal.Export(text: expected, transactions: 4, movements: 5, funds: 3))
    }

    struct EscapeCase: Sendable, CustomTestStringConvertible {
        let segment: String
        let account: String
        var testDescription: String { segment }
    }

    static let escapeCases = [
        EscapeCase(segment: "C00001-F1_a.b", account: "C00001-F1_a.b"),
        EscapeCase(segment: "海韵小区", account: "海韵小区"),
        EscapeCase(segment: "a:b", account: "a%3Ab"),
        EscapeCase(segment: "%3A", account: "%253A"),
        EscapeCase(segment: "x y\tz", account: "x%20y%09z"),
        EscapeCase(segment: "(v)[w]", account: "%28v%29%5Bw%5D"),
        EscapeCase(segment: "*!;@=#\"", account: "%2A%21%3B%40%3D%23%22"),
    ]

    @Test(arguments: escapeCases) func escapesWhatLedgerCLIWouldMisread(_ c: EscapeCase) {
        #expect(PeerJournal.escape(c.segment) == c.account)
    }

    struct ParseCase: Sendable, CustomTestStringConvertible {
        let name: String
        let output: String
        /// nil: the output is refused.
        let balances: [String: Int64]?
        var testDescription: String { name }
    }

    static let parseCases = [
        ParseCase(name: "ledger-cli's lines, zero without commodity, other accounts skipped",
                  output: "Expenses:other 30.10 CNY\nFunds:C:F1 69.85 CNY\nFunds:C:F2 0\nFunds:C:F3 -0.10 CNY\nIncome:rent -99999999999.99 CNY\n",
                  balances: ["Funds:C:F1": 6985, "Funds:C:F2": 0, "Funds:C:F3": -10]),
        ParseCase(name: "one decimal (ledger-cli drops trailing zeros of an amount without commodity)",
                  output: "Funds:C:F1 30.1 CNY\n", balances: ["Funds:C:F1": 3010]),
        ParseCase(name: "empty output", output: "", balances: [:]),
        ParseCase(name: "three decimals", output: "Funds:C:F1 1.005 CNY\n", balances: nil),
        ParseCase(name: "another commodity", output: "Funds:C:F1 1.00 USD\n", balances: nil),
        ParseCase(name: "no commodity on a non-zero amount", output: "Funds:C:F1 1.00\n", balances: nil),
        ParseCase(name: "no amount", output: "Funds:C:F1\n", balances: nil),
        ParseCase(name: "two commodities", output: "Funds:C:F1 1.00 CNY 2.00 USD\n", balances: nil),
        ParseCase(name: "an account twice", output: "Funds:C:F1 1.00 CNY\nFunds:C:F1 1.00 CNY\n", balances: nil),
    ]

    @Test(arguments: parseCases) func readsAPeersBalanceReport(_ c: ParseCase) {
        let parsed = try? PeerJournal.balances(c.output, tool: "ledger-cli")
        #expect(parsed?.mapValues(\.fen) == c.balances)
    }

    @Test func refusalNamesToolLineAndText() {
        let error = #expect(throws: CLIError.self) {
            try PeerJournal.balances("Funds:C:F0 0\nFunds:C:F1 1.005 CNY\n", tool: "ledger-cli")
        }
        #expect(error.map { "\($0)".contains("ledger-cli balance output line 2 \"Funds:C:F1 1.005 CNY\"") } == true)
    }

    @Test func disagreementsListEveryDifferentFund() {
        let ours = [
            PeerJournal.FundBalance(community: "C", fund: "F1", balance: Amount(fen: 100)),
            PeerJournal.FundBalance(community: "C", fund: "F2", balance: Amount(fen: 0)),
            PeerJournal.FundBalance(community: "C", fund: "F3", balance: Amount(fen: 5)),
            PeerJournal.FundBalance(community: "C", fund: "F4", balance: Amount(fen: 7)),
        ]
        let theirs: [String: Amount] = ["Funds:C:F1": Amount(fen: 100), "Funds:C:F3": Amount(fen: 4), "Funds:D:F9": Amount(fen: 1)]
        #expect(PeerJournal.disagreements(ours: ours, theirs: theirs) == [
            "fund F3 of C (Funds:C:F3): ledger balances 0.05, peer 0.04, difference 0.01",
            "fund F4 of C (Funds:C:F4): ledger balances 0.07, peer no such account, difference 0.07",
            "Funds:D:F9: the peer has 0.01, ledger balances has no such fund",
        ])
        #expect(PeerJournal.disagreements(ours: Array(ours.prefix(2)), theirs: ["Funds:C:F1": Amount(fen: 100)]).isEmpty)
    }

    @Test func withoutLedgerCLIThePhaseIsOneSkippedRow() throws {
        let rows = try PeerPhase.rows(city: "/nonexistent/city", work: "/nonexistent", progress: { _ in },
                                      ledgerCLIPaths: ["/nonexistent/bin/ledger"])
        #expect(rows.map(\.skipped) == ["ledger-cli not installed (apt-get install ledger); peer phase skipped"])
        #expect(rows.map(\.reached) == [nil])
    }

    /// A `ledger` that is not ledger-cli 3.x (our own tool, or anything else) is named and never measured.
    @Test func aForeignLedgerIsRejectedByItsVersion() throws {
        let echo = try #require(["/bin/echo", "/usr/bin/echo"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let (tool, rejected) = PeerPhase.find(["/nonexistent/bin/ledger", echo], versionPrefix: "Ledger 3")
        #expect(tool == nil)
        #expect(rejected.count == 1)
        #expect(rejected.first?.hasPrefix("\(echo) is not Ledger 3.x (its --version says \"") == true)
    }

    /// The real peer, where it is installed (never on CI): ledger-cli reads the escaped names and computes the
    /// same balances as the projection, the idle fund included as 0.
    @Test(.enabled(if: PeerPhase.find(PeerPhase.ledgerCLIPaths, versionPrefix: "Ledger 3").tool != nil))
    func ledgerCLIAgreesWithTheProjection() throws {
        let ledgerCLI = try #require(PeerPhase.find(PeerPhase.ledgerCLIPaths, versionPrefix: "Ledger 3").tool)
        let projection = try Self.projection()
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString).journal").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        try PeerJournal.journal(projection).text.write(toFile: journal, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ledgerCLI.path)
        process.arguments = PeerPhase.ledgerCLIArguments(journal: journal)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let ours = projection.fundViews().map { PeerJournal.FundBalance(community: $0.fund.communityID, fund: $0.fund.id, balance: $0.balance) }
        #expect(ours.map(\.balance.fen) == [0, 1034505, 350000])
        #expect(PeerJournal.disagreements(ours: ours, theirs: try PeerJournal.balances(output, tool: "ledger-cli")).isEmpty)
    }
}
