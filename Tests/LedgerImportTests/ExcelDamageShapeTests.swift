@testable import LedgerImport
import LedgerProjections
import LedgerTestSupport
import Testing

/// The shapes of ids Excel damaged (review 36a), told apart from ids that only look near them
/// (ExcelDamagedIDsTests has the commands).
@Suite struct ExcelDamageShapeTests {
    @Test(arguments: [("2026/1/12", true), ("2026-01-12", true), ("1月12日", true), ("12-Jan", true), ("Jan-12", true), ("3-mar", true),
                      ("2026/1/12/3", false), ("2026/1-12", false), ("1-12", false), ("B1-023", false), ("1月", false), ("CW-2026-01", false),
                      ("12-Jane", false), ("20260112", false), ("A2026/1/12", false), ("１月12日", false)])
    func excelDates(_ test: (String, Bool)) {
        #expect(RegisterImporter.looksLikeExcelDate(test.0) == test.1, "\(test.0)")
    }

    @Test(arguments: [("00123", "123", true), ("123", "00123", true), ("0123", "00123", true), ("123", "123", false), ("1230", "123", false),
                      ("A-001", "A-1", false), ("000", "0", false), ("", "0", false), ("０１", "1", false), ("12.0", "12", false)])
    func leadingZeros(_ test: (String, String, Bool)) {
        #expect(LeadingZeros.sameDigitsIgnoringLeadingZeros(test.0, test.1) == test.2, "\(test)")
    }

    /// Up to `NamedAssetIDs.zeroTwinLength` (20) characters, the bound the whole log's comparison keeps too (review
    /// 48: eight here against any length there gave two answers). Session 50's `RegisterImporter.zeroVariants`, now
    /// the oracle of `NamedAssetIDs` (`NamedIDsOracle`, session 51), pinned as it was.
    @Test func zeroVariantsReachTwentyDigits() {
        let padded = (2...20).map { String(repeating: "0", count: $0 - 1) + "7" }
        #expect(NamedIDsOracle.zeroVariants("7") == padded)
        #expect(NamedIDsOracle.zeroVariants("007") == ["7"] + padded.filter { $0 != "007" })
        #expect(NamedIDsOracle.zeroVariants("A7").isEmpty && NamedIDsOracle.zeroVariants(String(repeating: "1", count: 21)).isEmpty)
        #expect(NamedIDsOracle.zeroVariants("123456789").last == "00000000000123456789")
        #expect(NamedIDsOracle.zeroTwinLength == NamedAssetIDs.zeroTwinLength)
        // The importer names every one of them, and the id itself (`NamedAssetIDs`).
        #expect(NamedAssetIDs(["007"]).spellings == Set(["7"] + padded))
        #expect(RegisterImporter.twinKey("007") == "7" && RegisterImporter.twinKey("a-1") == "A-1")
    }
}
