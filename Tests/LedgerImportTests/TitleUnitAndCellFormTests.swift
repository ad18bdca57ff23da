import LedgerEvents
@testable import LedgerImport
import Testing

/// Review of session 34: a unit declared in a title row above the header (`金额单位：万元`) was ignored, every
/// amount recorded 10,000 times too small; `TitleUnits` reads such a line with the heading check's unit words.
/// 单位 also means an organisation (编制单位：…): only a unit word after it counts. Also the cell forms a clerk
/// types that were refused without the cause: `(500.00)` and full-width dates.
@Suite struct TitleUnitAndCellFormTests {
    @Test(arguments: [
        // Another unit than 元: the word as read.
        ("金额单位：万元", "万元"), ("单位：万元", "万元"), ("单位:千元", "千元"), ("（单位：万元）", "万元"), ("(单位:万元)", "万元"),
        ("海韵小区2024年收入明细（单位：万元）", "万元"), ("计量单位：万元", "万元"), ("单位：万元，制表：张三", "万元"),
        ("币种：人民币  单位：万元", "万元"), ("单位 万元", "万元"), ("金额单位：分", "分"), ("单位：美元", "美元"),
        ("Unit: thousand yuan", "thousandyuan"), ("unit: 10k yuan", "10kyuan"), ("Amount unit: USD", "usd"),
        // 元 itself, no unit word after the label, an organisation, an area's unit, or no label at all.
        ("金额单位：元", nil), ("单位：元", nil), ("单位：人民币元", nil), ("（单位：元）", nil), ("单位：元/平方米", nil),
        ("单位：XX物业公司", nil), ("单位：万元物业公司", nil), ("编制单位：万元", nil), ("填报单位：海韵物业", nil),
        ("编制单位：青岛万科物业服务有限公司", nil), ("面积单位：亩", nil), ("万元", nil), ("2024年1月", nil), ("community: W", nil),
        ("Communities unit", nil), ("", nil),
    ] as [(String, String?)])
    func moneyTitles(cell: String, unit: String?) {
        #expect(TitleUnits.declaredForeignUnit(in: cell, for: .yuan) == unit, "\(cell)")
    }

    @Test(arguments: [
        ("面积单位：亩", "亩"), ("单位：亩", "亩"), ("单位：公顷", "公顷"), ("（面积单位：平方公里）", "平方公里"), ("计量单位：亩", "亩"),
        ("面积单位：平方米", nil), ("面积单位：㎡", nil), ("单位：m²", nil), ("金额单位：万元", nil), ("使用单位：亩产公司", nil),
        ("编制单位：亩", nil), ("海韵小区共有部分登记表", nil),
    ] as [(String, String?)])
    func areaTitles(cell: String, unit: String?) {
        #expect(TitleUnits.declaredForeignUnit(in: cell, for: .squareMetres) == unit, "\(cell)")
    }

    /// Each cell of each title row, with its row and column; a file of both money and areas is read for both.
    @Test func declarationsNameRowAndColumn() {
        let rows: [(number: Int, cells: [String])] = [
            (1, ["海韵小区收入明细", "", "编制单位：海韵物业"]),
            (2, ["日期", "2024年1月", "", "金额单位：万元"]),
            (3, ["单位：亩"]),
        ]
        let found = TitleUnits.foreign(in: rows, units: [.yuan, .squareMetres])
        #expect(found == [
            .init(row: 2, column: 3, cell: "金额单位：万元", unit: "万元", columnUnit: .yuan),
            .init(row: 3, column: 0, cell: "单位：亩", unit: "亩", columnUnit: .squareMetres),
        ])
        #expect(TitleUnits.foreign(in: rows, units: [.yuan]).map(\.row) == [2])
        #expect(TitleUnits.foreign(in: rows, units: []).isEmpty)
    }

    @Test(arguments: [
        ("２０２４年１月５日", "2024-01-05"), ("2024－01－05", "2024-01-05"), ("２０２４／１／５", "2024-01-05"), ("２０２４．１．５", "2024-01-05"),
        ("２０２４-０１-０５　0:00", "2024-01-05"), ("2024年1月5日", "2024-01-05"), ("2024-01-05", "2024-01-05"),
    ])
    func fullWidthDates(text: String, iso: String) throws {
        #expect(try Cell.date(text, excelSerials: false).description == iso)
    }

    @Test func fullWidthStatementDate() throws {
        #expect(try StatementImport.statementDate("２０２５０７０５", excelSerials: false).description == "2025-07-05")
        #expect(try StatementImport.statementDate("２０２５－０７－０５ 10:31:00", excelSerials: false).description == "2025-07-05")
    }

    @Test(arguments: ["(500.00)", "（500.00）", "( 1,200 )", "(¥500)"])
    func bracketedNegativeAmountsSayWhy(text: String) {
        #expect(throws: ImportError.self) { try Cell.yuan(text) }
        do { _ = try Cell.yuan(text); Issue.record("read \(text)") } catch {
            #expect(error.cellRefusal.why.en.contains("is a negative amount in accounting style"), "\(error.cellRefusal.why.en)")
            #expect(error.cellRefusal.why.zh.contains("是会计记法的负数"))
            #expect(error.cellRefusal.advice.en.contains("ledger import spending"))
            #expect(error.cellRefusal.advice.zh.contains("退款"))
        }
    }

    @Test(arguments: ["(abc)", "()", "(500", "500)"])
    func otherBracketsAreNotANumber(text: String) {
        do { _ = try Cell.yuan(text); Issue.record("read \(text)") } catch {
            #expect(!error.cellRefusal.why.en.contains("accounting style"), "\(text)")
        }
    }
}
