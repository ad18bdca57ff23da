import LedgerEvents
@testable import LedgerImport
import Testing

/// Review 35e M1: a unit given in a column of its own (`面积,面积单位` with `3,亩`) is read (`UnitColumns`): which
/// headings are unit columns, tied to which figure, and what a unit cell may say.
@Suite struct UnitColumnTests {
    /// A unit cell of an area: the column's own unit (or blank) is accepted, another unit and text that is no unit
    /// are not (`UnitWords`, as for a heading's brackets).
    @Test(arguments: [
        ("㎡", UnitWords.Verdict.own), ("m2", .own), ("m^2", .own), ("m²", .own), ("M2", .own), ("平方米", .own), ("平米", .own),
        ("平方", .own), ("sq m", .own), ("sqm", .own), ("平方公尺", .own), ("ｍ２", .own),
        ("亩", .foreign), ("公顷", .foreign), ("平方公里", .foreign), ("平方尺", .foreign), ("万平方米", .foreign), ("ha", .foreign),
        ("mu", .foreign), ("平方英尺", .foreign), ("千㎡", .foreign),
        ("个", .notAUnit), ("面积", .notAUnit), ("单位", .notAUnit), ("3", .notAUnit), ("约", .notAUnit),
    ] as [(String, UnitWords.Verdict)])
    func areaUnitCells(text: String, verdict: UnitWords.Verdict) {
        #expect(UnitWords.cellVerdict(text, for: .squareMetres) == verdict, "\(text)")
    }

    @Test(arguments: [
        ("元", UnitWords.Verdict.own), ("人民币元", .own), ("人民币", .own), ("RMB", .own), ("CNY", .own), ("cny", .own), ("¥", .own),
        ("￥", .own), ("yuan", .own), ("元/年", .own), ("元/月", .own), ("ＲＭＢ", .own),
        ("万元", .foreign), ("千元", .foreign), ("美元", .foreign), ("USD", .foreign), ("港币", .foreign), ("分", .foreign),
        ("萬元", .foreign), ("RMB'000", .foreign), ("元/㎡/月", .foreign), ("元/户", .foreign),
        ("01", .notAUnit), ("156", .notAUnit), ("套", .notAUnit), ("金额", .notAUnit),
    ] as [(String, UnitWords.Verdict)])
    func moneyUnitCells(text: String, verdict: UnitWords.Verdict) {
        #expect(UnitWords.cellVerdict(text, for: .yuan) == verdict, "\(text)")
    }

    static let area = UnitColumns.Figure(column: 1, unit: .squareMetres, names: ["面积", "建筑面积", "area"])
    static let rent = UnitColumns.Figure(column: 3, unit: .yuan, names: ["租金", "rent"])

    /// Which heading is a unit column, and of which figure (nil: none, as before — an attribute).
    @Test(arguments: [
        (["编号", "面积", "面积单位", "租金"], 2, [1]), (["编号", "面积", "单位", "备注"], 2, [1]), (["编号", "面积", "area unit", "租金"], 2, [1]),
        (["编号", "面积", "计量单位", "备注"], 2, [1]), (["编号", "面积", "面积单位（平方米）", "租金"], 2, [1]),
        (["编号", "面积", "备注", "租金", "租金单位"], 4, [3]), (["编号", "面积", "备注", "租金", "币种"], 4, [3]),
        (["编号", "面积", "备注", "租金", "货币"], 4, [3]), (["编号", "面积", "备注", "租金", "Currency"], 4, [3]),
        (["编号", "面积", "备注", "租金", "单位"], 4, [3]), (["单位", "面积", "备注", "租金"], 0, [1]),
        (["编号", "面积", "备注", "租金", "金额单位"], 4, [3]), (["编号", "面积", "备注", "租金", "建筑面积单位"], 4, [1]),
        // An organisation, or a 单位 beside no figure: not a unit column.
        (["编号", "面积", "备注", "租金", "收款单位"], 4, nil), (["编号", "面积", "备注", "租金", "使用单位"], 4, nil),
        (["编号", "面积", "备注", "租金", "备注2", "单位"], 5, nil), (["编号", "面积", "备注", "租金", "编制单位"], 4, nil),
        (["编号", "面积", "备注", "租金", "计量"], 4, nil),
    ] as [([String], Int, [Int]?)])
    func unitHeadings(headings: [String], column: Int, figures: [Int]?) {
        let present = [Self.area, Self.rent].filter { $0.column < headings.count && ["面积", "租金"].contains(headings[$0.column]) }
        let units = UnitColumns(headings: headings, candidates: headings.indices.filter { !present.map(\.column).contains($0) },
                                figures: present)
        #expect(units.ties.first { $0.column == column }?.figures == figures, "\(headings)")
        #expect(units.problems.isEmpty)
    }

    /// `单位` between two figure columns: which one's is not guessed.
    @Test func aGenericUnitBetweenTwoFiguresIsRefused() {
        let units = UnitColumns(headings: ["编号", "面积", "单位", "租金"], candidates: [0, 2],
                                figures: [Self.area, UnitColumns.Figure(column: 3, unit: .yuan, names: ["租金"])])
        #expect(units.ties.isEmpty)
        #expect(units.problems.map(\.en) == [#"column C "单位" stands between two figure columns, B "面积" and D "租金", and could give the unit of either. Head it with the heading of the column it gives the unit of followed by 单位 (for example 面积单位)."#])
    }

    /// A currency column gives the unit of every money column of the row (a bank's amount and balance).
    @Test func aCurrencyColumnCoversEveryMoneyColumn() {
        let units = UnitColumns(headings: ["日期", "交易金额", "余额", "币种"], candidates: [0, 3], figures: [
            UnitColumns.Figure(column: 1, unit: .yuan, names: ["交易金额"]), UnitColumns.Figure(column: 2, unit: .yuan, names: ["余额"]),
        ])
        #expect(units.ties.map(\.figures) == [[1, 2]])
    }

    static let headings = ["编号", "小区", "类型", "名称", "位置", "面积", "面积单位", "登记日期"]

    /// The register importer: one problem at the unit cell, naming the area column and value; a blank or own unit
    /// imports; with no unit column nothing changes.
    @Test(arguments: [("㎡", nil), ("", nil), ("平方米", nil), ("亩", "is another unit than square metres (m²), in which column F \"面积\" is read: its 3 would be recorded as 3 m²"),
                      ("平方公里", "is another unit than square metres (m²), in which column F \"面积\" is read: its 3 would be recorded as 3 m²"),
                      ("见附件", "is not a unit; column F \"面积\" is read in square metres (m²)")] as [(String, String?)])
    func registerRows(unit: String, reason: String?) throws {
        var importer = try RegisterImporter(headings: Self.headings, existing: RecordedRegister(),
                                            options: Fixture.options())
        let found = importer.add(RegisterRow(rowNumber: 2, cells: ["A-1", "C-1", "车位", "车位1", "东门", "3", unit, "2024-03-01"]))
        #expect(found.map(\.reason) == (reason.map { [$0] } ?? []), "\(unit)")
        if reason != nil {
            #expect(found.first?.column == 6 && found.first?.value == unit && found.first?.heading == "面积单位")
            #expect(found.first?.advice.zh.contains("请在F 列“面积”中以平方米填写面积") == true)
        }
        // The same unit twice: the second row is told too (the cache holds only the column's own unit).
        let again = importer.add(RegisterRow(rowNumber: 3, cells: ["A-2", "C-1", "车位", "车位2", "东门", "3", unit, "2024-03-01"]))
        #expect(again.count == found.count)
    }

    /// A count cell (a decisions file's 参与表决人数, 同意人数: `FactValue.count`) as the import reads it: zeros past the
    /// point are Excel's number format (330.00 is 330), a fraction is refused, three zeros after 1–3 digits name both
    /// readings, as amounts do.
    @Test(arguments: [
        ("330", 330, nil), ("330.00", 330, nil), ("330.0", 330, nil), ("３３０", 330, nil),
        ("1,200.00", 1200, nil), ("330.5", nil, .tooManyDecimals(written: 1, allowed: 0)),
        ("330.50", nil, .tooManyDecimals(written: 2, allowed: 0)),
        ("330.000", nil, .zerosOrThousandsPoint(decimal: "330", thousands: "330000")), ("3.3E+02", nil, .scientificNotation),
    ] as [(String, Int64?, EventError.DecimalProblem?)])
    func countCells(text: String, count: Int64?, problem: EventError.DecimalProblem?) {
        do throws(EventError) {
            let read = try DecimalText.units(person: text, scale: 0, maxUnits: 1 << 53 - 1)
            #expect(read == count, "\(text)")
        } catch {
            #expect(count == nil && error == .decimal(problem!), "\(text): \(error)")
        }
    }
}
