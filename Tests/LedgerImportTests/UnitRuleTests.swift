import LedgerEvents
@testable import LedgerImport
import Testing

/// Review 35 (money by hand): the unit checks were lists of whole spellings, and every variant a clerk writes slipped
/// past them, `租金（万元/年）` with 1.2 recorded as ¥1.20. They are a rule now (`UnitWords`): a magnitude or another
/// unit among unit words, with currency marks, labels and a per-period suffix read around it. Also a rent headed per
/// a period, a title unit split over two cells or written in English prose, and the amount door's messages.
@Suite struct UnitRuleTests {
    /// Every spelling the review found accepted, and its neighbours: refused, the brackets' content named.
    @Test(arguments: [
        ("租金（万元/年）", "万元/年"), ("租金（万元／年）", "万元／年"), ("租金(千元/季)", "千元/季"), ("金额（RMB万元）", "RMB万元"),
        ("金额（￥万元）", "￥万元"), ("金额（人民币：万元）", "人民币：万元"), ("金额（人民币万元）", "人民币万元"), ("金额（万圆）", "万圆"),
        ("金额（萬元）", "萬元"), ("金额（RMB千元）", "RMB千元"), ("金额（RMB'000）", "RMB'000"), ("amount (CNY 10k)", "CNY 10k"),
        ("amount ('000)", "'000"), ("金额（¥万元）", "¥万元"), ("金额（万元人民币）", "万元人民币"), ("金额（仟元）", "仟元"), ("金额（佰元）", "佰元"),
        ("金额（亿元）", "亿元"), ("金额（億元）", "億元"), ("金额（十万元）", "十万元"), ("amount (RMB 10,000)", "RMB 10,000"),
        ("amount (thousands of yuan)", "thousands of yuan"), ("amount (in thousands)", "in thousands"), ("amount (RMB million)", "RMB million"),
        ("amount (CNY mn)", "CNY mn"), ("金额（分/月）", "分/月"), ("金额（角）", "角"), ("金额（美元/年）", "美元/年"), ("金额（ＲＭＢ万元）", "ＲＭＢ万元"),
        ("金额（以万元计）", "以万元计"), ("租金（万元/个/月）", "万元/个/月"), ("金额（单位：万元，保留两位小数）", "单位：万元，保留两位小数"),
        ("amount (US$'000)", "US$'000"), ("金额（10,000元）", "10,000元"),
    ] as [(String, String)])
    func moneyHeadingsInAnotherUnit(heading: String, foreign: String) {
        #expect(RegisterVocabulary.foreignUnit(in: heading, for: .yuan) == foreign, "\(heading)")
    }

    /// The column's own unit, however written, and notes that are no unit: read as written (as before).
    @Test(arguments: [
        "金额（元）", "租金（元/年）", "租金（元／月）", "金额（人民币元）", "金额（RMB）", "金额（CNY）", "金额（￥）", "金额(元)", "金额（圆）",
        "金额（块）", "amount (RMB yuan)", "amount (CNY/year)", "金额（人民币：元）", "金额（单位：元）", "金额（元，精确到分）", "金额（含税）",
        "金额（千方百计）", "金额（分成收入）", "amount (w/o VAT)", "租金（元/平方米/月）", "金额（5万元以下）", "金额（万元以下部分）",
        "交易金额(收入)", "金额（ＲＭＢ）", "租金(元/年)", "金额（备注：草稿）",
    ])
    func moneyHeadingsReadAsYuan(heading: String) {
        #expect(RegisterVocabulary.foreignUnit(in: heading, for: .yuan) == nil, "\(heading)")
    }

    /// Review 35e S1: a unit price is refused whatever it is per (but a period); a rate per period alone is not one.
    @Test(arguments: [
        ("租金（元/平方米·月）", "元/平方米·月"), ("租金（元/㎡/月）", "元/㎡/月"), ("租金（元/平方米/月）", "元/平方米/月"),
        ("租金（元/月·㎡）", "元/月·㎡"), ("租金（元/户/月）", "元/户/月"), ("租金（元/个/月）", "元/个/月"), ("租金（元/车位/月）", "元/车位/月"),
        ("租金（元/月/户）", "元/月/户"), ("租金（元／㎡／年）", "元/㎡/年"), ("金额（元/人）", "元/人"), ("租金（人民币元/m2/月，含税）", "人民币元/m2/月"),
        ("租金（元/月）", nil), ("租金（元/年）", nil), ("租金（元/期）", nil), ("租金（元／季度）", nil), ("金额（元）", nil), ("租金（元，含税）", nil),
        ("租金", nil), ("租金（万元/㎡）", nil), ("租金（元/月/）", nil),
    ] as [(String, String?)])
    func unitPrices(heading: String, price: String?) {
        #expect(UnitWords.unitPrice(in: heading) == price, "\(heading)")
    }

    @Test(arguments: [
        ("面积（亩）", "亩"), ("面积（公顷）", "公顷"), ("面积（万平方米）", "万平方米"), ("面积（千平方米）", "千平方米"), ("面积（万㎡）", "万㎡"),
        ("面积（萬平方米）", "萬平方米"), ("area ('000 sqm)", "'000 sqm"), ("area (thousand m2)", "thousand m2"), ("面积（平方千米）", "平方千米"),
        ("面积（单位：亩）", "单位：亩"), ("占地面积（公亩）", "公亩"), ("area (k m²)", "k m²"),
    ] as [(String, String)])
    func areaHeadingsInAnotherUnit(heading: String, foreign: String) {
        #expect(RegisterVocabulary.foreignUnit(in: heading, for: .squareMetres) == foreign, "\(heading)")
    }

    @Test(arguments: ["面积（㎡）", "面积（平方米）", "面积(m2)", "面积（平米）", "area (sq m)", "面积（约）", "面积（单位：平方米）", "面积（万元）",
                      "面积（亩产）", "建筑面积（含公摊部分）"])
    func areaHeadingsReadAsSquareMetres(heading: String) {
        #expect(RegisterVocabulary.foreignUnit(in: heading, for: .squareMetres) == nil, "\(heading)")
    }

    /// Title rows: the variant spellings, English prose, and what is still no unit.
    @Test(arguments: [
        ("单位：萬元", "萬元"), ("单位：万圆", "万圆"), ("金额单位：人民币万元", "人民币万元"), ("单位：RMB'000", "rmb'000"),
        ("Amounts in 10,000 yuan", "10,000yuan"), ("Unit: RMB 10,000", "rmb10,000"), ("收入明细 (in thousands of yuan)", "thousandsofyuan"),
        ("Figures in RMB'000 unless stated", "rmb'000"), ("All amounts in thousands of RMB", "thousandsofrmb"), ("单位：万元/年", "万元/年"),
        ("收入明细表（人民币：万元）", "万元"), ("收入明细表（RMB千元）", "rmb千元"), ("单位：万元 制表：张三", "万元"), ("收入明细 单位：万元 币种：人民币", "万元"),
        ("单位：元", nil), ("单位：人民币元", nil), ("Amounts in yuan", nil), ("Unit: RMB", nil), ("编制单位：XX物业", nil), ("（2025年）", nil),
        ("Check in 2025", nil), ("In 2025 the committee", nil), ("收入明细（in 2025）", nil), ("单位：万元物业公司", nil),
    ] as [(String, String?)])
    func moneyTitles(cell: String, unit: String?) {
        #expect(TitleUnits.declaredForeignUnit(in: cell, for: .yuan) == unit, "\(cell)")
    }

    /// A label in one cell and its unit in the next: read as one declaration, both cells named.
    @Test func aTitleUnitSplitOverTwoCells() {
        let rows: [(number: Int, cells: [String])] = [
            (1, ["海韵小区收入明细", "单位：", "万元"]),
            (2, ["金额单位", "", "千元", "编制单位：", "海韵物业"]),
            (3, ["Unit:", "RMB 10,000"]),
            (4, ["编制单位：", "万元"]),
            (5, ["单位：", "海韵物业", "（2025年）"]),
            (6, ["单位：", "元"]),
        ]
        let found = TitleUnits.foreign(in: rows, units: [.yuan])
        #expect(found == [
            .init(row: 1, column: 1, cell: "单位：", unit: "万元", columnUnit: .yuan, unitColumn: 2, unitCell: "万元"),
            .init(row: 2, column: 0, cell: "金额单位", unit: "千元", columnUnit: .yuan, unitColumn: 2, unitCell: "千元"),
            .init(row: 3, column: 0, cell: "Unit:", unit: "rmb10,000", columnUnit: .yuan, unitColumn: 1, unitCell: "RMB 10,000"),
        ])
        let area = TitleUnits.foreign(in: [(1, ["面积单位：", "亩"]), (2, ["金额单位：", "亩"])], units: [.squareMetres])
        #expect(area.map(\.row) == [1] && area.first?.unit == "亩")
        let message = TitleUnits.problems(in: [rows[0]], units: [.yuan]).first
        #expect(message?.zh.hasPrefix("其上方第 1 行 B 列“单位：”与 C 列“万元”注明金额以“万元”为单位") == true, "\(String(describing: message?.zh))")
        #expect(message?.en.hasPrefix("row 1 above it, column B \"单位：\" with column C \"万元\", says amounts are in \"万元\"") == true,
                "\(String(describing: message?.en))")
    }

    @Test(arguments: [
        ("租金（元/月）", "month"), ("租金（元／年）", "year"), ("租金(万元/季)", "quarter"), ("租金（元/季度）", "quarter"), ("租金（元每月）", "month"),
        ("rent (yuan/month)", "month"), ("rent (CNY per annum)", "year"), ("月租金", "month"), ("年租金（元）", "year"), ("租金（元/半年）", "half_year"), ("租金（月）", "month"),
        ("租金", nil), ("租金（元）", nil), ("每期租金", nil), ("租金（元/期）", nil), ("租金（含税）", nil), ("租金（元/平方米）", nil),
    ] as [(String, String?)])
    func aRentHeadingsPeriod(heading: String, period: String?) {
        #expect(UnitWords.statedPeriod(in: heading) == period, "\(heading)")
    }

    // MARK: The amount door

    /// Zeros past the fen are exact: accepted at both doors (a cell and a JSON yuan member); three decimals after one
    /// to three whole digits may be a thousands point and are refused, naming both readings.
    @Test(arguments: [("1234.5000", 123_450), ("1,234.5000", 123_450), ("0.500", 50), ("1234.500", 123_450), ("12.3400", 1234),
                      ("１２３４．５０００", 123_450), ("¥100.0000元", 10_000)] as [(String, Int64)])
    func trailingZerosPastTheFen(text: String, fen: Int64) throws {
        #expect(try Amount.parse(yuanText: text).fen == fen)
        #expect(try Cell.yuan(text).fen == fen)
        let line = #"{"type":"fund.income","occurred_on":"2025-01-05","data":{"fund_id":"F-1","amount":"\#(text)","counterparty":"甲","voucher":"V1","category":"parking"}}"#
        let event = try EventInput.parse(line: Array(line.utf8), source: "e.jsonl", lineNumber: 1)
        guard case .domain(.fundIncome(let income)) = event.payload else { Issue.record("\(event)"); return }
        #expect(income.amount.fen == fen)
    }

    @Test func threeZeroDecimalsMayBeAThousandsPoint() throws {
        #expect(throws: EventError.decimal(.zerosOrThousandsPoint(decimal: "3.00", thousands: "3000"))) { try Amount.parse(yuanText: "3.000") }
        #expect(throws: EventError.decimal(.zerosOrThousandsPoint(decimal: "12.50", thousands: "12500"))) { try Amount.parse(yuanText: "12.500") }
        #expect(throws: EventError.decimal(.tooManyDecimals(written: 4, allowed: 2))) { try Amount.parse(yuanText: "1234.5001") }
        do { _ = try Cell.yuan("3.000"); Issue.record("read") } catch {
            #expect(error.cellRefusal.why.zh == "不是以元为单位的金额：有 3 位小数：如指 3.00，末尾的 0 请删去；如指 3000，请去掉小数点写作 3000（小数点不会当作千位分隔符）",
                    "\(error.cellRefusal.why.zh)")
        }
        #expect(try DecimalQuantity.parse(personText: "35.5000").units == 3550)
    }

    @Test(arguments: ["1.2E+05", "4.26E+04", "1.2e5", "¥1.2E+05", "3E-02", "1.23457E+11"])
    func scientificNotationSaysSo(text: String) {
        #expect(throws: EventError.decimal(.scientificNotation)) { try Amount.parse(yuanText: text) }
        do { _ = try Cell.yuan(text); Issue.record("read \(text)") } catch {
            #expect(error.cellRefusal.why.en.contains("scientific notation") && error.cellRefusal.why.en.contains("Number format with two decimals"),
                    "\(error.cellRefusal.why.en)")
            #expect(error.cellRefusal.why.zh.contains("科学计数法") && error.cellRefusal.why.zh.contains("保留两位小数（设置单元格格式 → 数值），再重新另存为 CSV"))
            #expect(!error.cellRefusal.why.zh.contains("不是数字"))
        }
        do { _ = try Cell.area(text); Issue.record("read \(text)") } catch {
            #expect(error.cellRefusal.why.zh.hasPrefix("不是面积：是科学计数法"), "\(error.cellRefusal.why.zh)")
        }
        for other in ["1e", "e5", "1.2.3E5", "1E+", "E"] {
            #expect(throws: EventError.decimal(.notANumber)) { try Amount.parse(yuanText: other) }
        }
    }
}
