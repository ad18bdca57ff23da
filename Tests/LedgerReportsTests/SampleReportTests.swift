import Foundation
import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerReports
import LedgerRules
import LedgerTestSupport
import Testing

/// Golden files of every output format for the sample ledger as of 2025-12-31 (the date `ledger demo` uses).
@Suite struct SampleReportTests {
    static let asOf = CalendarDate(iso: "2025-12-31")!
    static let golden = SampleRecords.packageRoot + "/Tests/LedgerReportsTests/Golden"

    static func report(_ language: ReportLanguage) throws -> RectificationReport {
        let records = try SampleRecords.load()
        let rectification = Rectifier.check(records: records, scope: RectificationScope(asOf: asOf), policy: Policy())
        let stamp = LedgerStamp(recordCount: Int64(records.count), headHash: records.last!.hash.hex)
        return RectificationReport(stamp: stamp, rectification: rectification, language: language)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let format: RectificationFormat
        let language: ReportLanguage
        var file: String { "sample-\(language.rawValue).\(format == .table ? "txt" : format.rawValue)" }
        var testDescription: String { file }
    }

    static let cases: [Case] = RectificationFormat.allCases.flatMap { format in
        ReportLanguage.allCases.map { Case(format: format, language: $0) }
    }

    @Test(arguments: cases)
    func goldenOutput(_ c: Case) throws {
        let bytes = try Self.report(c.language).render(c.format)
        Golden.expect(bytes, path: Self.golden + "/" + c.file)
    }

    @Test func sameInputSameBytes() throws {
        for format in RectificationFormat.allCases {
            #expect(try Self.report(.zh).render(format) == Self.report(.zh).render(format))
        }
    }
}
