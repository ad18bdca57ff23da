import LedgerTestSupport
import Testing

/// Review 42e: in the list's CSV the rows of keys the rules no longer find left 对象, 起始日期 and 整改时限 blank. They
/// are filled from the issue (the item as the ledger held it when issued, the key's date, the deadline), the same
/// bytes whether the list is made whole or a community at a time from index/rectify.state.
@Suite struct RectifyVanishedCSVTests {
    @Test func vanishedRowsSayItemSinceAndDeadline() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: true)
        let list = ["rectify", "--as-of", "2026-03-31", "--community", "C-QF", "--format", "csv"]
        #expect(cli.run(list) == 0, "\(cli.stderr)")
        let made = cli.stdout
        let row = try #require(made.split(separator: "\r\n").first { $0.contains("OCC-01/A-QF-COR/O-QF-COR/2025-03-10") && $0.contains("已销号") },
                               "\(made)")
        let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // 对象, 起始日期 (columns 8 and 9), 整改时限 (15).
        #expect(cells[7].contains("A-QF-COR"), "\(cells)")
        #expect(cells[8] == "2025-03-10", "\(cells)")
        #expect(cells[14] == "2026-02-04", "\(cells)")
        // The same bytes made from the whole city's state a community at a time, and from the log without indexes.
        #expect(cli.run(["rectify", "--as-of", "2026-03-31"]) == 0, "\(cli.stderr)")
        #expect(cli.run(list) == 0)
        #expect(cli.stdout == made)
        cli.environment["LEDGER_RECTIFY_PARTS"] = "off"
        #expect(cli.run(list) == 0)
        #expect(cli.stdout == made)
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(list) == 0)
        #expect(cli.stdout == made)
    }
}
