import LedgerCLI
import LedgerTestSupport
import Testing

/// `--recorded-at T` (for reproducible samples and tests) stamps the batch with T, but a fact dated after the real
/// today in Beijing is still refused: a stamp in the future does not lift the guard against a typing error in the year. A
/// stamp in the past keeps its own bound (ledger-spec.md section 2: no `occurred_on` later than the day after the
/// stamp), and the refusal then names that date as the `--recorded-at` date, not as "today".
@Suite struct RecordedAtGuardTests {
    static let community = #"{"id":"c1","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}"#
    static let fund = #"{"id":"f1","type":"fund.opened","occurred_on":"2024-03-02","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"6230"}}"#
    static func income(_ date: String) -> String {
        #"{"type":"fund.income","occurred_on":"\#(date)","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"a","voucher":"v","category":"parking"}}"#
    }
    static func correction(_ date: String) -> String {
        #"{"type":"correction","occurred_on":"2025-01-01","data":{"corrects":"f1","reason":"r","replacement":{"type":"fund.opened","occurred_on":"\#(date)","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"6231"}}}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let recordedAt: String
        let line: String
        let says: String
        let saysZh: String
        var testDescription: String { "\(recordedAt) \(line.prefix(60))" }
    }

    // The harness's clock says 2026-01-05T02:03:04Z.
    static let cases: [Case] = [
        Case(recordedAt: "9999-12-31T23:59:59Z", line: income("9000-01-01"),
             says: "field \"occurred_on\": 9000-01-01 is after today in Beijing (UTC+8), 2026-01-05; record facts once they have happened",
             saysZh: "9000-01-01 晚于今天（北京时间 2026-01-05）"),
        Case(recordedAt: "2027-01-01T00:00:00Z", line: income("2026-01-07"),
             says: "2026-01-07 is after today in Beijing (UTC+8), 2026-01-05", saysZh: "2026-01-07 晚于今天（北京时间 2026-01-05）"),
        // The UTC date's day after is not today in Beijing at 02:03 UTC: refused, whatever the stamp.
        Case(recordedAt: "2027-01-01T00:00:00Z", line: income("2026-01-06"),
             says: "2026-01-06 is after today in Beijing (UTC+8), 2026-01-05", saysZh: "2026-01-06 晚于今天（北京时间 2026-01-05）"),
        Case(recordedAt: "2099-01-01T00:00:00Z", line: correction("2098-01-01"),
             says: "field \"data.replacement.occurred_on\": 2098-01-01 is after today in Beijing (UTC+8), 2026-01-05; a correction states facts that have happened",
             saysZh: "2098-01-01 晚于今天（北京时间 2026-01-05）；更正陈述的是已经发生的事实"),
        Case(recordedAt: "2025-01-01T00:00:00Z", line: income("2025-06-01"),
             says: "field \"occurred_on\": 2025-06-01 is after the recording date that --recorded-at gives (2025-01-01, UTC); record facts once they have happened",
             saysZh: "2025-06-01 晚于 --recorded-at 给出的记录日期（2025-01-01，UTC）"),
        Case(recordedAt: "2025-01-01T00:00:00Z", line: correction("2025-03-01"),
             says: "2025-03-01 is after the recording date that --recorded-at gives (2025-01-01, UTC); a correction states facts that have happened",
             saysZh: "2025-03-01 晚于 --recorded-at 给出的记录日期（2025-01-01，UTC）；更正陈述的是已经发生的事实"),
    ]

    @Test(arguments: cases)
    func aFactAfterTodayIsRefusedWhateverTheStamp(_ c: Case) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.community + "\n" + Self.fund + "\n") == 0, "\(cli.stderr)")
        let before = DirectorySnapshot.of(cli.ledgerPath)
        #expect(cli.run(["append", "--actor", "c", "--recorded-at", c.recordedAt], stdin: c.line + "\n") == 2, "\(cli.stdout)")
        #expect(cli.stderr.contains(c.says), "\(cli.stderr)")
        #expect(!cli.stderr.contains("today (\(c.recordedAt.prefix(10))"), "the stamp is not called today")
        #expect(cli.run(["append", "--actor", "c", "--recorded-at", c.recordedAt, "--lang", "zh"], stdin: c.line + "\n") == 2)
        #expect(cli.stderr.contains(c.saysZh), "\(cli.stderr)")
        #expect(DirectorySnapshot.of(cli.ledgerPath) == before)
    }

    /// Up to today in Beijing of the real clock and the day after the stamp, a fact is taken: a stamp in the future, and one in the past
    /// with facts before it (how the sample ledgers are made).
    @Test(arguments: [("9999-12-31T23:59:59Z", "2026-01-05"), ("2025-07-01T00:00:00Z", "2025-07-02"), ("2025-07-01T00:00:00Z", "2025-06-30")])
    func aFactUpToTodayIsTaken(_ recordedAt: String, _ date: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "t"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.community + "\n" + Self.fund + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["append", "--actor", "c", "--recorded-at", recordedAt], stdin: Self.income(date) + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--from", "3"]) == 0)
        #expect(cli.stdout.contains(#""occurred_on":"\#(date)","recorded_at":"\#(recordedAt)""#), "\(cli.stdout)")
    }
}
