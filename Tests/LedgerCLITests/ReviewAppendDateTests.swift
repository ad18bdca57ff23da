import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerTestSupport
import Testing

/// A correction's replacement is a fact with its own date: a year typed wrong there would move the fact out of
/// every projection taken today (an income silently leaving the balance), so it is refused like an envelope date.
@Suite struct ReviewAppendDateTests {
    static let income = #"{"id":"i1","type":"fund.income","occurred_on":"2024-02-01","data":{"fund_id":"F1","amount_fen":100,"counterparty":"c","voucher":"v","category":"parking"}}"#

    static func correction(_ date: String) -> String {
        #"{"id":"x1","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"i1","reason":"金额","replacement":{"type":"fund.income","occurred_on":""# + date + #"","data":{"fund_id":"F1","amount_fen":1000,"counterparty":"c","voucher":"v","category":"parking"}}}}"#
    }

    @Test func replacementDatedAfterTomorrowIsRefused() throws {
        let cli = CLIHarness() // today is 2026-01-05 (UTC) in the harness
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events + Self.income + "\n") == 0)
        let before = TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath))
        #expect(cli.run(["append"], stdin: Self.correction("2062-02-01") + "\n") == 2)
        #expect(cli.stderr.contains("stdin:1: field \"data.replacement.occurred_on\": 2062-02-01 is after today (2026-01-05, UTC)"))
        #expect(TestLedger.logBytes(try LedgerDirectory.open(cli.ledgerPath)) == before)
        #expect(cli.run(["append"], stdin: Self.correction("2026-01-06") + "\n") == 0)
    }
}
