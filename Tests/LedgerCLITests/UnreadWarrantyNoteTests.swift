import LedgerCLI
import LedgerTestSupport
import Testing

/// FUND-05 cannot read a warranty written `明年底`: `ledger rectify` says so once per part (README "Known limits"), in
/// the language of its messages, on every way it makes the list (from the log, then from index/rectify.state; a
/// community's and a street's), and nothing when the date is readable.
@Suite struct UnreadWarrantyNoteTests {
    /// The demo's roof A-HY-ROOF, which two maintenance-fund spendings of 2024 name, given 保修期至 `value`.
    static func demo(warranty value: String) -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        let update = #"{"type":"asset.updated","occurred_on":"2025-01-10","actor":"李敏","data":{"asset_id":"A-HY-ROOF","changes":{"attributes":{"保修期至":"\#(value)"}},"source":{"kind":"manual"}}}"#
        #expect(cli.run(["append", "--recorded-at", "2026-01-05T00:00:00Z"], stdin: update + "\n") == 0, "\(cli.stderr)")
        return cli
    }

    static let zhLine = "  A-HY-ROOF（保修期至：“明年底”）\n"
    static let enLine = "  A-HY-ROOF (保修期至: \"明年底\")\n"

    @Test func anUnreadWarrantyIsNotedOncePerPartOnEveryPath() {
        let cli = Self.demo(warranty: "明年底")
        for args in [["--community", "C-HY"], ["--community", "C-HY"], ["--street", "八大关街道"], ["--street", "八大关街道"]] {
            #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--lang", "zh"] + args) == 0, "\(cli.stderr)")
            #expect(cli.stderr.components(separatedBy: Self.zhLine).count == 2, "\(args): \(cli.stderr)")
            #expect(cli.stderr.contains("注意：以下 1 处共有部分的保修期无法识别，未核查维修资金对其的支出是否在保修期内（FUND-05）："), "\(cli.stderr)")
            #expect(!cli.stderr.contains("无法计入"), "\(cli.stderr)")
        }
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-HY", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains("note: the warranty end of 1 part could not be read, so FUND-05 did not check whether maintenance-fund spending on it fell within the warranty:\n"
                                    + Self.enLine), "\(cli.stderr)")
        #expect(!cli.stderr.contains("could not be applied"), "\(cli.stderr)")
        // Another community's list does not hold the part.
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-QF", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(!cli.stderr.contains("A-HY-ROOF"), "\(cli.stderr)")
    }

    @Test func aReadableWarrantyIsNotNoted() {
        let cli = Self.demo(warranty: "2023年12月31日")
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-HY", "--lang", "en"]) == 0, "\(cli.stderr)")
        #expect(!cli.stderr.contains("warranty"), "\(cli.stderr)")
    }
}
