import LedgerEvents
@testable import LedgerImport
import Testing

/// The import reports count in English as the other reports do (`Wording.englishCount`): "the header has 1 column",
/// never "1 columns".
struct EnglishCountImportTests {
    @Test func theHeaderCountsItsColumns() {
        #expect(ImportWords.noHeading(columns: 1).en == "is in a column without a heading (the header has 1 column)")
        #expect(ImportWords.noHeading(columns: 3).en == "is in a column without a heading (the header has 3 columns)")
        #expect(ImportWords.noHeading(columns: 1).zh == "所在的列没有标题（表头只有 1 列）")
    }
}
