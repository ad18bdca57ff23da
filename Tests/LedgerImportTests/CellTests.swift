import LedgerEvents
import LedgerImport
import Testing

/// Cell values as registers write them: dates, areas, kinds.
struct CellTests {
    struct DateCase: Sendable, CustomTestStringConvertible {
        let text: String
        let excel: Bool
        let expected: String
        var testDescription: String { "\(text) excel=\(excel)" }
    }

    static let dates: [DateCase] = [
        DateCase(text: "2024-03-01", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024-3-1", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024/3/1", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024/03/01", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024.3.1", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024年3月1日", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024年12月31", excel: false, expected: "2024-12-31"),
        DateCase(text: "2024/3/1 0:00", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024-03-01 00:00:00", excel: false, expected: "2024-03-01"),
        DateCase(text: "2024-02-29", excel: false, expected: "2024-02-29"),
        DateCase(text: "45352", excel: true, expected: "2024-03-01"),
        DateCase(text: "1", excel: true, expected: #"error: "was read as an Excel serial number (--excel-dates), the date 1900-01-01, before 1950-01-01: no date of this ledger is that early, so the number is most likely not a date (a year such as 2028, or a count)""#),
        DateCase(text: "59", excel: true, expected: #"error: "was read as an Excel serial number (--excel-dates), the date 1900-02-28, before 1950-01-01: no date of this ledger is that early, so the number is most likely not a date (a year such as 2028, or a count)""#),
        DateCase(text: "61", excel: true, expected: #"error: "was read as an Excel serial number (--excel-dates), the date 1900-03-01, before 1950-01-01: no date of this ledger is that early, so the number is most likely not a date (a year such as 2028, or a count)""#),
        DateCase(text: "2024-02-30", excel: false, expected: "error: \"is not a real date (February 2024 has 29 days)\""),
        DateCase(text: "2023/2/29", excel: false, expected: "error: \"is not a real date (February 2023 has 28 days)\""),
        DateCase(text: "2024-13-01", excel: false, expected: "error: \"is not a real date\""),
        DateCase(text: "45352", excel: false,
                 expected: "error: \"looks like an Excel date serial number (it would be 2024-03-01)\""),
        DateCase(text: "60", excel: true, expected: "error: \"is not a date\""),
        // Review 47b: past 2099 no serial is a date of this ledger; six digits that make a date yymmdd say so.
        DateCase(text: "240301", excel: false, expected: "error: \"is not a date: read as an Excel serial number it would be 2557-12-01, after 2099; six digits like these are perhaps 2024-03-01 written as yymmdd\""),
        DateCase(text: "240301", excel: true, expected: "error: \"is not a date: read as an Excel serial number it would be 2557-12-01, after 2099; six digits like these are perhaps 2024-03-01 written as yymmdd\""),
        DateCase(text: "100000", excel: true, expected: "error: \"is not a date: read as an Excel serial number it would be 2173-10-14, after 2099\""),
        DateCase(text: "73050", excel: true, expected: "2099-12-31"),
        DateCase(text: "73051", excel: false, expected: "error: \"is not a date: read as an Excel serial number it would be 2100-01-01, after 2099\""),
        DateCase(text: "3/1/2024", excel: false, expected: "error: \"is not a date\""),
        DateCase(text: "2024-03/01", excel: false, expected: "error: \"is not a date\""),
        DateCase(text: "next week", excel: false, expected: "error: \"is not a date\""),
        DateCase(text: "2024/3/1 9:30", excel: false,
                 expected: "error: \"is not a date (a time of day other than midnight is not allowed)\""),
    ]

    @Test(arguments: dates)
    func date(_ c: DateCase) {
        do throws(ImportError) {
            #expect(try Cell.date(c.text, excelSerials: c.excel).description == c.expected)
        } catch {
            #expect("error: \"\(error.cellRefusal.reason)\"" == c.expected)
        }
    }

    struct AreaCase: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: String
        var testDescription: String { text }
    }

    static let areas: [AreaCase] = [
        AreaCase(text: "35.5", expected: "35.50"),
        AreaCase(text: "35.50㎡", expected: "35.50"),
        AreaCase(text: "35.50 ㎡", expected: "35.50"),
        AreaCase(text: "1,234.5", expected: "1234.50"),
        AreaCase(text: "12 m²", expected: "12.00"),
        AreaCase(text: "20平方米", expected: "20.00"),
        AreaCase(text: "0.8", expected: "0.80"),
        AreaCase(text: "860", expected: "860.00"),
        AreaCase(text: "abc", expected: "error: is not an area"),
        AreaCase(text: "35.555", expected: "error: has more than 2 decimal places"),
        AreaCase(text: "-5", expected: "error: is negative; an area cannot be"),
        AreaCase(text: "12,34", expected: "error: is not an area: has a comma that is not a thousands separator (write 1,234.50 or 1234.5; a decimal comma is not read)"),
        AreaCase(text: "３５．５", expected: "35.50"),
        AreaCase(text: "1.2.3", expected: "error: is not an area"),
        AreaCase(text: "㎡", expected: "error: is not an area"),
    ]

    @Test(arguments: areas)
    func area(_ c: AreaCase) {
        do throws(ImportError) {
            #expect(try Cell.area(c.text).description == c.expected)
        } catch {
            #expect("error: \(error.cellRefusal.reason)" == c.expected)
        }
    }

    /// Every documented kind word maps to its code, in any ASCII case and with surrounding spaces.
    @Test func everyKindWord() throws {
        for (code, words) in RegisterVocabulary.kindWords {
            for word in words {
                #expect(try Cell.kind(word, mapping: nil).rawValue == code, "\(word)")
                #expect(try Cell.kind(" \(word.uppercased()) ", mapping: nil).rawValue == code, "\(word)")
            }
        }
        #expect(RegisterVocabulary.kindCodes == ["parking", "club_room", "roof", "basement", "advertising",
                                                 "green_area", "corridor", "other"])
        #expect(try Cell.kind("Club-Room", mapping: nil) == .club_room)
    }

    @Test func unknownKindSaysWhatIsAllowed() {
        guard let refusal = #expect(throws: ImportError.self, "仓库 is not a kind", performing: { try Cell.kind("仓库", mapping: nil) })?.cellRefusal
        else { return }
        #expect(refusal.reason == "is not a kind of common part")
        #expect(refusal.allowed == "Write one of 车位 (parking), 会所/活动室 (club_room), 屋顶 (roof), 地下室 (basement), "
            + "广告位 (advertising), 绿地 (green_area), 走廊/楼道 (corridor), 其他 (other), or add the word to a mapping file (--mapping).")
    }

    @Test func trimmingRemovesSpreadsheetSpaces() {
        #expect(Cell.trimmed("  A-1\u{3000}") == "A-1")
        #expect(Cell.trimmed("\u{00A0}名称 ") == "名称")
        #expect(Cell.trimmed("a b") == "a b")
        #expect(Cell.trimmed("   ") == "")
    }

    @Test func columnLetters() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(ColumnName.letters)
                == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
    }
}
