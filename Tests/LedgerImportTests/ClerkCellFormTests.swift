import LedgerEvents
@testable import LedgerImport
import Testing

/// Session 38: cell forms clerks type in Excel/WPS, read by the one parser of each kind (`Cell.area`, `Cell.yuan` and
/// `Cell.signedYuan`, `Cell.count`, `Cell.date`) and the CSV reader (`="00124"` unquoted). Each table has the forms
/// read and the forms refused, with their reasons in both languages.
@Suite struct ClerkCellFormTests {
    // MARK: - Areas: the family of square metres

    @Test(arguments: [
        ("12.5平", "12.50"), ("12.5 平", "12.50"), ("12.5平米", "12.50"), ("12.5平方米", "12.50"), ("12.5 平方米", "12.50"),
        ("12.5㎡", "12.50"), ("12.5m²", "12.50"), ("12.5 m2", "12.50"), ("12.5平方", "12.50"), ("１２．５平", "12.50"),
        ("1,234.5平", "1234.50"), ("20平", "20.00"),
    ])
    func squareMetreWordsReadAsSquareMetres(text: String, expected: String) throws {
        #expect(try Cell.area(text).description == expected, "\(text)")
    }

    /// 平 is a word of the area's unit, in a heading's brackets and a unit column too (one rule, `UnitWords`).
    @Test func pingIsTheAreasOwnUnitEverywhere() {
        #expect(UnitWords.read("平", for: .squareMetres).verdict == .own)
        #expect(UnitWords.read("平方尺", for: .squareMetres).verdict == .foreign)
        #expect(UnitWords.read("平台", for: .squareMetres).verdict == .notAUnit)
    }

    @Test(arguments: [("12.5平方尺", "平方尺"), ("3亩", "亩"), ("1.2万平", "万平")])
    func otherAreaUnitsStayRefused(text: String, unit: String) {
        do { let area = try Cell.area(text); Issue.record("\(text) read as \(area)") } catch {
            #expect(error.cellRefusal.why.en.hasPrefix("states the area in \"\(unit)\", another unit than the square metres (m²)"), "\(text): \(error.cellRefusal.why.en)")
            #expect(error.cellRefusal.why.zh.hasPrefix("面积以“\(unit)”计，不是本列读取的平方米"), "\(text)")
        }
    }

    @Test func pingBesideOtherTextIsNoArea() {
        do { _ = try Cell.area("12.5平台"); Issue.record("read 12.5平台") } catch { #expect(error.cellRefusal.why == ImportWords.notAnArea) }
    }

    // MARK: - Money: 元整, and Chinese numerals refused

    @Test(arguments: [("100元整", 10_000), ("100.00元整", 10_000), ("人民币100元整", 10_000), ("1,234.50圆整", 123_450), ("¥100元整", 10_000),
                      ("１００元整", 10_000)] as [(String, Int64)])
    func yuanExactlyReadsAsYuan(text: String, fen: Int64) throws {
        #expect(try Cell.yuan(text).fen == fen, "\(text)")
        #expect(try Cell.signedYuan(text).fen == fen, "\(text)")
    }

    @Test(arguments: ["壹佰元整", "人民币壹佰元整", "叁仟伍佰元", "一百元", "壹万贰仟元正", "¥壹佰元"])
    func chineseNumeralsAreRefusedSayingSo(text: String) {
        for signed in [false, true] {
            do throws(ImportError) {
                let amount = signed ? try Cell.signedYuan(text) : try Cell.yuan(text, kind: .income)
                Issue.record("\(text) read as \(amount)")
            } catch {
                let refusal = error.cellRefusal
                #expect(refusal.why.en == "is written in Chinese numerals (大写), which are not read as an amount; only Arabic digits are", "\(text)")
                #expect(refusal.why.zh == "是中文大写数字，不按金额读取；金额只按阿拉伯数字读取")
                #expect(refusal.advice.en.contains("100元整 for 壹佰元整") && refusal.advice.zh.contains("壹佰元整 写作 100.00 或 100元整"))
            }
        }
    }

    /// 整 alone is no unit, and numerals beside digits are not "Chinese numerals" (`1.2万元` names its unit).
    @Test func otherWordsKeepTheirReasons() {
        do { _ = try Cell.yuan("100整"); Issue.record("read 100整") } catch {
            #expect(error.cellRefusal.why.en.hasPrefix("is not an amount in yuan"), "\(error.cellRefusal.why.en)")
        }
        do { _ = try Cell.yuan("1.2万元"); Issue.record("read 1.2万元") } catch {
            #expect(error.cellRefusal.why.en.hasPrefix("states the amount in \"万元\""), "\(error.cellRefusal.why.en)")
        }
    }

    // MARK: - Counts of owners

    @Test(arguments: [("330", 330), ("330人", 330), ("330户", 330), ("330名", 330), ("330 人", 330), ("３３０户", 330), ("330.00人", 330),
                      ("0人", 0)] as [(String, Int64)])
    func ownersCountsWithTheirUnits(text: String, expected: Int64) throws {
        #expect(try Cell.count(text, example: "330") == expected, "\(text)")
    }

    @Test(arguments: [("330票", "票"), ("330人次", "人次"), ("330平方米", "平方米"), ("330个", "个"), ("330 votes", "votes")])
    func anotherUnitIsRefusedNamingIt(text: String, unit: String) {
        do { let count = try Cell.count(text, example: "330"); Issue.record("\(text) read as \(count)") } catch {
            let refusal = error.cellRefusal
            #expect(refusal.why.en == "counts in \"\(unit)\", but this column counts owners (人, 户 or 名); other units are not read as owners", "\(text)")
            #expect(refusal.why.zh == "以“\(unit)”计，但本列计的是业主人数（人、户或名）；其他单位不作为业主人数读取")
            #expect(refusal.advice.en == "Write the number of owners as a whole number, e.g. 330 or 330人 (人, 户 and 名 are read).")
            #expect(refusal.advice.zh == "请写业主人数（整数），例如 330 或 330人（可带单位人、户、名）。")
        }
    }

    /// A count with decimals or other text before it keeps the whole-number reason.
    @Test(arguments: ["330.5人", "约330人", "330.5", "330-"])
    func notAWholeNumberStays(text: String) {
        do { let count = try Cell.count(text, example: "330"); Issue.record("\(text) read as \(count)") } catch {
            #expect(error.cellRefusal.why.en.hasPrefix("is not a whole number"), "\(text): \(error.cellRefusal.why.en)")
            #expect(error.cellRefusal.why.zh.hasPrefix("不是整数"))
            #expect(error.cellRefusal.advice.en == "Write a whole number, e.g. 330.")
        }
    }

    // MARK: - Statement times yyyyMMddHHmmss

    @Test(arguments: [("20260105143000", "2026-01-05"), ("20261231235959", "2026-12-31"), ("20240229000000", "2024-02-29"),
                      ("２０２６０１０５１４３０００", "2026-01-05"), ("20260105000000", "2026-01-05")])
    func fourteenDigitsAreADateAndATime(text: String, expected: String) throws {
        #expect(try Cell.date(text, excelSerials: false, anyTime: true).description == expected, "\(text)")
    }

    /// Outside a statement the time follows the rule of a written one: midnight only.
    @Test func fourteenDigitsOutsideAStatement() throws {
        #expect(try Cell.date("20260105000000", excelSerials: false).description == "2026-01-05")
        do { _ = try Cell.date("20260105143000", excelSerials: false); Issue.record("read a time of day") } catch {
            #expect(error.cellRefusal.why == ImportWords.notADateTime)
        }
    }

    @Test(arguments: [
        ("20261305143000", "year 2026, month 13, day 05, time 14:30:00", "2026 年 13 月 05 日 14:30:00"),
        ("20260230143000", "year 2026, month 02, day 30, time 14:30:00", "2026 年 02 月 30 日 14:30:00"),
        ("20260105246000", "year 2026, month 01, day 05, time 24:60:00", "2026 年 01 月 05 日 24:60:00"),
        ("20260105143060", "year 2026, month 01, day 05, time 14:30:60", "2026 年 01 月 05 日 14:30:60"),
        ("20250229120000", "year 2025, month 02, day 29, time 12:00:00", "2025 年 02 月 29 日 12:00:00"),
    ])
    func impossibleDatesAndTimesAreRefused(text: String, en: String, zh: String) {
        for anyTime in [true, false] {
            do { let date = try Cell.date(text, excelSerials: false, anyTime: anyTime); Issue.record("\(text) read as \(date)") } catch {
                #expect(error.cellRefusal.why.en == "is not a real date and time (fourteen digits are read as \(en))", "\(text): \(error.cellRefusal.why.en)")
                #expect(error.cellRefusal.why.zh == "不是实际存在的日期和时刻（14 位数字按年、月、日、时、分、秒读作 \(zh)）")
            }
        }
    }

    /// Other digit counts stay what they were: 8 a date, 12 or 13 no date.
    @Test func otherLengthsUnchanged() {
        #expect((try? Cell.date("20260105", excelSerials: false, anyTime: true))?.description == "2026-01-05")
        for text in ["202601051430", "2026010514300", "202601051430000"] {
            #expect(throws: ImportError.self, "\(text)") { try Cell.date(text, excelSerials: false, anyTime: true) }
        }
    }

    // MARK: - `="00124"` unquoted

    private func cells(_ line: String) throws -> (cells: [String], problems: [CSVCellProblem]) {
        var reader = CSVReader(source: MemoryByteSource(Array((line + "\n").utf8)), displayName: "t.csv", delimiter: .comma)
        var record = CSVRecord()
        guard try reader.next(into: &record) else { return ([], []) }
        return ((0..<record.fieldCount).map { Cell.trimmed(String(decoding: record.field($0), as: UTF8.self)) }, record.problems)
    }

    @Test func anUnquotedTextFormulaReadsAsTheQuotedOne() throws {
        let unquoted = try cells(#"a,="00124",b"#)
        let quoted = try cells(#"a,"=""00124""",b"#)
        #expect(unquoted.problems.isEmpty, "\(unquoted.problems)")
        #expect(unquoted.cells == ["a", "00124", "b"])
        #expect(unquoted.cells == quoted.cells)
        #expect(try cells(#"="6222021234567890123""#).cells == ["6222021234567890123"])
        // `=""`, the empty text's formula, which Excel shows empty, is an empty cell (review 38g), quoted or not.
        let empty = try cells(#"a,="",b"#)
        #expect(empty.problems.isEmpty && empty.cells == ["a", "", "b"], "\(empty)")
        #expect(try cells(#"a,"=""""",b"#).cells == ["a", "", "b"])
    }

    /// Any other quote in an unquoted cell is still stray: a quote inside, a split by the delimiter, text before the
    /// `=`.
    @Test(arguments: [#"a,="001"24",b"#, #"a,="1,234",b"#, #"a,=",b"#, #"a,x="00124",b"#, #"a,="00124"x,b"#, #"a,=="00124",b"#])
    func otherQuotesStayStray(line: String) throws {
        let read = try cells(line)
        #expect(read.problems.contains { $0.kind == .strayQuote }, "\(line): \(read)")
    }
}
