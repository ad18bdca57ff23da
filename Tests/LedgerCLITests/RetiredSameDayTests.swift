import LedgerCLI
import LedgerTestSupport
import Testing

/// ledger-spec.md 10.4 rule 3 in the fold order, as rules 2 and 5: a fact of the retirement's date that comes before
/// the retirement stands (an inspection that finds the part demolished, then the retirement, the same day); one that
/// comes after it is refused, worded for the same date. Through `ledger append`, so the stored state's check (a batch
/// on top of `index/`) is the one that answers.
@Suite struct RetiredSameDayTests {
    static let inspection = #"{"type":"inspection.recorded","occurred_on":"2025-09-01","actor":"李敏","data":{"asset_id":"A-HY-P02","observed":"damaged","inspector":"李敏"}}"#
    static let retirement = #"{"type":"asset.retired","occurred_on":"2025-09-01","actor":"李敏","data":{"asset_id":"A-HY-P02","reason":"拆除改建"}}"#

    func demo() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        return cli
    }

    @Test func anInspectionThenItsRetirementTheSameDayAreBothRecorded() {
        let cli = demo()
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: Self.inspection + "\n") == 0, "\(cli.stderr)")
        // Before: "this batch would make record seq N … invalid: … it cannot be referenced on or after that date".
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:01:00Z"], stdin: Self.retirement + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["assets", "--community", "C-HY", "--as-of", "2025-09-01"]) == 0, "\(cli.stderr)")
        let row = cli.stdout.split(separator: "\n").first { $0.contains("A-HY-P02") }
        #expect(row?.contains("retired") == true, "\(cli.stdout)")
    }

    @Test func bothInOneBatchInThatOrder() {
        let cli = demo()
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: Self.inspection + "\n" + Self.retirement + "\n") == 0,
                "\(cli.stderr)")
    }

    @Test func aFactAfterTheRetirementOnItsDateIsRefusedInBothLanguages() throws {
        let cli = demo()
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: Self.retirement + "\n") == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:01:00Z"], stdin: Self.inspection + "\n") == 2)
        #expect(cli.stderr.contains(#"asset "A-HY-P02" was retired on 2025-09-01 (record seq "#), "\(cli.stderr)")
        #expect(cli.stderr.contains("before this fact of the same date; a fact of the retirement's date must come before the retirement in the fold order: date this fact before the retirement, or correct the retirement to a later date"),
                "\(cli.stderr)")
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:01:00Z", "--lang", "zh"], stdin: Self.inspection + "\n") == 2)
        #expect(cli.stderr.contains("共有部分“A-HY-P02”已于 2025-09-01 注销（第 "), "\(cli.stderr)")
        #expect(cli.stderr.contains("排在本条同日记录之前；注销当天的记录须排在注销之前：本条应记为注销之前的日期，或把注销更正为更晚的日期"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // In one batch, the retirement listed first.
        let fresh = demo()
        #expect(fresh.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: Self.retirement + "\n" + Self.inspection + "\n") == 2)
        #expect(fresh.stderr.contains("before this fact of the same date; a fact of the retirement's date must come before the retirement in the fold order: list it before the retirement, or correct the retirement to a later date"),
                "\(fresh.stderr)")
    }
}
