import Foundation
import LedgerTestSupport
import Testing

/// Review 41b #7 asked for Chinese column headers in `balances --format csv --lang zh`. The query reports' CSVs keep
/// the field names under either language (README, "Language": a script reading them must not break in a Chinese
/// locale), `balances` as the others; the rectification list, a document, is the exception and follows `--lang`.
/// Every CSV is UTF-8 with a BOM and CRLF, so Excel and WPS read its Chinese cells.
@Suite struct QueryCSVLanguageTests {
    static let reports: [[String]] = [
        ["balances"], ["balances", "--by", "category"], ["balances", "--by", "quarter"], ["communities"], ["assets"],
        ["contracts"], ["decisions"], ["show", "K-QF-AD1"],
    ]

    @Test func theQueryReportsHeadersAreTheFieldNamesInBothLanguagesWithABOM() throws {
        let cli = try RectificationLoopCommandTests.ledger(withLoop: false)
        for report in Self.reports {
            var header: [String: [UInt8]] = [:]
            for language in ["zh", "en"] {
                #expect(cli.run(report + ["--as-of", "2025-12-31", "--format", "csv", "--lang", language]) == 0, "\(report): \(cli.stderr)")
                let bytes = cli.stdoutBytes
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(report) \(language)")
                let end = try #require(bytes.firstIndex(of: 0x0A))
                #expect(end > 0 && bytes[end - 1] == 0x0D, "\(report) \(language)")
                header[language] = Array(bytes[3..<end])
            }
            #expect(header["zh"] == header["en"], "\(report)")
            // Field names: ASCII only.
            #expect(header["zh"]?.allSatisfy { $0 < 0x80 } ?? false, "\(report)")
        }
        let balances = ["balances", "--as-of", "2025-12-31", "--format", "csv", "--lang", "zh"]
        #expect(cli.run(balances) == 0)
        #expect(cli.stdout.hasPrefix("\u{FEFF}community,fund,kind,income,spending,transfers_in,transfers_out,balance,statement_date,statement_balance,difference,statement_note\r\n"),
                "\(cli.stdout)")
        // The rectification list follows --lang.
        #expect(cli.run(["rectify", "--as-of", "2025-12-31", "--community", "C-QF", "--format", "csv", "--lang", "zh"]) == 0)
        #expect(cli.stdout.hasPrefix("\u{FEFF}序号,街道,小区,严重程度,"), "\(cli.stdout.prefix(200))")
    }
}
