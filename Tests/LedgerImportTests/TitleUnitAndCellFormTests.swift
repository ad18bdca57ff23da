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
        // A unit word alone in brackets, anywhere in the cell, is a declaration without the label.
        ("2025年收入明细表（万元）", "万元"), ("2025年收入明细表(万元)", "万元"), ("收入明细[万元]", "万元"), ("收入明细【万元】", "万元"),
        ("（单位万元）", "万元"), ("（万元）", "万元"), ("收入明细表（ 千元 ）", "千元"), ("（2025年）收入明细（万元）", "万元"),
        ("Income (USD)", "usd"), ("收入(万元）", "万元"),
        // Only the whole content of the bracket: a year, a draft, an organisation, 元, or a phrase holding a unit word.
        ("2025年收入明细表（2025年）", nil), ("收入明细（草稿）", nil), ("收入明细（海韵物业）", nil), ("收入明细（元）", nil),
        ("收入明细（5万元以下）", nil), ("收入明细（万元", nil), ("收入明细万元）", nil), ("收入明细（亩）", nil), ("【元】", nil),
        ("(万元]", nil),
        // Review 34c #4, #6: a label or a note in the bracket, full-width brackets and letters; one character alone is
        // not a unit (（分） is as often 分表).
        ("收入明细表（金额：万元）", "万元"), ("收入明细表（人民币：万元）", "万元"), ("收入明细表（万元，保留两位小数）", "万元"),
        ("收入明细表〔万元〕", "万元"), ("收入明细表［万元］", "万元"), ("收入明细表\u{300C}万元\u{300D}", "万元"), ("收入明细表（ＵＳＤ）", "usd"),
        ("收入明细表（分）", nil), ("收入（千）", nil), ("收入明细（k）", nil), ("收入明细（Ｗ）", nil), ("收入明细（分户）", nil),
        ("收入明细（一）", nil), ("收入明细（续表）", nil), ("收入明细（备注：草稿）", nil),
    ] as [(String, String?)])
    func moneyTitles(cell: String, unit: String?) {
        #expect(TitleUnits.declaredForeignUnit(in: cell, for: .yuan) == unit, "\(cell)")
    }

    @Test(arguments: [
        ("面积单位：亩", "亩"), ("单位：亩", "亩"), ("单位：公顷", "公顷"), ("（面积单位：平方公里）", "平方公里"), ("计量单位：亩", "亩"),
        ("面积单位：平方米", nil), ("面积单位：㎡", nil), ("单位：m²", nil), ("金额单位：万元", nil), ("使用单位：亩产公司", nil),
        ("编制单位：亩", nil), ("海韵小区共有部分登记表", nil),
        ("海韵小区共有部分登记表（亩）", "亩"), ("登记表(公顷)", "公顷"), ("【亩】", "亩"), ("（单位亩）", "亩"),
        ("登记表（平方米）", nil), ("登记表（㎡）", nil), ("登记表（万元）", nil), ("登记表（2024年）", nil), ("登记表（亩产）", nil),
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
        #expect(try Cell.date("２０２５０７０５", excelSerials: false, anyTime: true).description == "2025-07-05")
        #expect(try Cell.date("２０２５－０７－０５ 10:31:00", excelSerials: false, anyTime: true).description == "2025-07-05")
    }

    @Test(arguments: ["(500.00)", "（500.00）", "( 1,200 )", "(¥500)"])
    func bracketedNegativeAmountsSayWhy(text: String) {
        #expect(throws: ImportError.self) { try Cell.yuan(text) }
        do { _ = try Cell.yuan(text); Issue.record("read \(text)") } catch {
            #expect(error.cellRefusal.why.en.contains("is a negative amount in accounting style"), "\(error.cellRefusal.why.en)")
            #expect(error.cellRefusal.why.zh.contains("是会计记法的负数"))
            #expect(error.cellRefusal.advice.en.contains("as a positive number"), "\(error.cellRefusal.advice.en)")
            #expect(!error.cellRefusal.advice.en.contains("Write the amount without brackets"))
        }
    }

    /// The advice leads with where the money goes: a negative income is money paid out (the spending file), a
    /// negative spending money paid in (the income file); never "remove the brackets" in this file, which would
    /// record −500 as +500.
    @Test(arguments: [
        (FactKind.income, "A negative income is money paid back out of the fund (a refund): record it in the spending file (ledger import spending) as 500.00; if the income recorded earlier was wrong, correct that record instead. Do not just drop the sign or the brackets here",
         "收入为负数的，是从资金账户退出的款项（退款），应记入支出表（ledger import spending），金额填 500.00；原收入记录有误的，应以更正事件更正原记录。不得仅去掉负号或括号后记入本表"),
        (FactKind.spending, "A negative spending is money paid back into the fund (a refund received): record it in the income file (ledger import income) as 500.00; if the spending recorded earlier was wrong, correct that record instead.",
         "支出为负数的，是退回资金账户的款项，应记入收入表（ledger import income），金额填 500.00；原支出记录有误的，应以更正事件更正原记录。"),
        (FactKind.transfers, "A negative transfer is money moving the other way: swap 转出账户 and 转入账户 (from and to) and write 500.00",
         "划转金额为负数的，是反方向的划转：请对调转出账户与转入账户，金额填 500.00"),
        (FactKind.contracts, "Write the amount this column asks for as a positive number (rent, a cap, a balance are never below zero)",
         "本列应填正数（租金、金额上限、余额等均不能为负数）"),
    ])
    func bracketedNegativeAdviceByFile(kind: FactKind, en: String, zh: String) {
        // A minus sign (ASCII, U+2212, full-width) gets the same advice as the brackets (review 34c #1).
        for text in ["（500.00）", "-500.00", "\u{2212}500.00", "\u{FF0D}500.00"] {
            do { _ = try Cell.yuan(text, kind: kind); Issue.record("read \(text)") } catch {
                #expect(error.cellRefusal.advice.en.hasPrefix(en), "\(text): \(error.cellRefusal.advice.en)")
                #expect(error.cellRefusal.advice.zh.hasPrefix(zh), "\(text): \(error.cellRefusal.advice.zh)")
            }
        }
    }

    @Test(arguments: ["(abc)", "()", "(500", "500)"])
    func otherBracketsAreNotANumber(text: String) {
        do { _ = try Cell.yuan(text); Issue.record("read \(text)") } catch {
            #expect(!error.cellRefusal.why.en.contains("accounting style"), "\(text)")
        }
    }
}
