import LedgerEvents
@testable import LedgerImport
import Testing

/// Review 36a: unit words inside a money or area cell (`RMB1234.50`, `1.2万元`, `12.5平方`, `3亩`), a negative zero
/// (`-0.00`) and a trailing minus in a bank statement (`500.00-`). A cell that states the column's own unit is read
/// exactly (the words dropped, the number read by the one decimal reader); a cell that states another unit is refused
/// naming it, never read as 元 or m².
@Suite struct CellUnitWordsTests {
    /// Every way of stating yuan around the number reads as yuan, exactly.
    @Test(arguments: [
        ("RMB1234.50", 123_450), ("CNY 1234.50", 123_450), ("人民币1234.50元", 123_450), ("1234.5圆", 123_450),
        ("1,234.50元", 123_450), ("rmb 1,234.50", 123_450), ("1234.50 RMB", 123_450), ("1234.50CNY", 123_450),
        ("人民币 1,234.50", 123_450), ("ＲＭＢ１２３４．５０", 123_450), ("人民币¥1234.50", 123_450), ("¥1234.50元", 123_450),
        ("1234.50人民币", 123_450), ("RMB 0.01", 1),
    ] as [(String, Int64)])
    func yuanWordsReadAsYuan(text: String, fen: Int64) throws {
        #expect(try Cell.yuan(text).fen == fen, "\(text)")
        #expect(try Cell.signedYuan(text).fen == fen, "\(text)")
    }

    /// Another currency or a magnitude in the cell: refused, naming the unit as written, in both languages.
    @Test(arguments: [
        ("USD 1234.50", "USD"), ("$1234.50", "$"), ("US$1,234.50", "US$"), ("1234.50美元", "美元"), ("HK$500", "HK$"),
        ("港币500", "港币"), ("500港元", "港元"), ("1.2万元", "万元"), ("1.2万", "万"), ("人民币1.2万元", "万元"), ("12千元", "千元"),
        ("500 USD", "USD"), ("€500", "€"), ("500k", "k"),
    ])
    func foreignMoneyIsRefusedNamingIt(text: String, unit: String) {
        for signed in [false, true] {
            do throws(ImportError) {
                let amount = signed ? try Cell.signedYuan(text) : try Cell.yuan(text, kind: .income)
                Issue.record("\(text) read as \(amount)")
            } catch {
                let refusal = error.cellRefusal
                #expect(refusal.why.en == "states the amount in \"\(unit)\", another unit than the yuan (元) this column is read in; units and currencies are not converted, and the number is not read as yuan", "\(text): \(refusal.why.en)")
                #expect(refusal.why.zh == "金额以“\(unit)”计，不是本列读取的元；导入时不换算单位和币种，也不把这个数当作元读取", "\(text)")
                #expect(refusal.advice.en.hasPrefix("Write the amount in yuan as a number") && refusal.advice.zh.contains("1.2万元 写作 12000"))
            }
        }
    }

    /// A negative amount with yuan words keeps the negative advice (never read as positive); text that is no unit
    /// around the number is refused as not a number, as before.
    @Test func yuanWordsKeepTheSignAndOtherWordsStayUnread() throws {
        for text in ["RMB -500", "-RMB500", "人民币(500)", "500元-", "CNY500-"] {
            do { _ = try Cell.yuan(text, kind: .income); Issue.record("read \(text)") } catch {
                #expect(error.cellRefusal.advice.en.hasPrefix(NegativeAmountFormTests.refundAdvice + "500"), "\(text): \(error.cellRefusal.advice.en)")
            }
        }
        #expect(try Cell.signedYuan("RMB -500").fen == -50_000)
        // (`1000元/月` is a rate, refused as one: ImportDoorCellTests.)
        for text in ["约1000元", "1000元（含税）", "金额1000", "RMB1234.567"] {
            do { _ = try Cell.yuan(text); Issue.record("read \(text)") } catch {
                #expect(error.cellRefusal.why.en.hasPrefix("is not an amount in yuan"), "\(text): \(error.cellRefusal.why.en)")
            }
        }
    }

    /// `-0.00`, `-0`, `（0.00）`: zero, as `0` is (the file's rule on a zero amount applies), not a refund.
    @Test(arguments: ["-0.00", "-0", "（0.00）", "(0)", "-¥0.00", "0.00-", "RMB -0"])
    func negativeZeroIsZero(text: String) throws {
        #expect(try Cell.yuan(text, kind: .income) == .zero, "\(text)")
    }

    /// A statement's minus after the number is money out, as one before it; brackets keep their own advice.
    @Test(arguments: [("500.00-", -50_000), ("500.00-元", -50_000), ("1,234.50-", -123_450), ("-500.00", -50_000), ("+500.00", 50_000),
                      ("500.00", 50_000), ("¥500-", -50_000), ("５００－", -50_000)] as [(String, Int64)])
    func statementTrailingMinus(text: String, fen: Int64) throws {
        #expect(try Cell.signedYuan(text).fen == fen, "\(text)")
    }

    @Test func statementBracketsAndDoubleSigns() {
        do { _ = try Cell.signedYuan("(500.00)"); Issue.record("read (500.00)") } catch {
            #expect(error.cellRefusal.why.en == "is a negative amount in accounting style (-500.00), which is not read as an amount")
        }
        for text in ["-500-", "--500", "5-00"] {
            #expect(throws: ImportError.self, "\(text)") { try Cell.signedYuan(text) }
        }
    }

    /// The area's own unit words around the number (the old suffixes, and `平方`, `sqm`, `sq m`) read as m².
    @Test(arguments: [
        ("12.5平方", "12.50"), ("12.5平米", "12.50"), ("12.5㎡", "12.50"), ("12.5 m2", "12.50"), ("12.5sqm", "12.50"),
        ("12.5 平方米", "12.50"), ("12.5 M²", "12.50"), ("12.5 sq m", "12.50"), ("1,234.5㎡", "1234.50"), ("１２．５平方米", "12.50"),
        ("35.50㎡", "35.50"), ("20平方米", "20.00"), ("12.5 Sq.M.", "12.50"),
        // Negative zero is zero, as in a money cell (review 37c F4).
        ("-0.00", "0.00"), ("-0", "0.00"), ("-0.00㎡", "0.00"),
    ])
    func areaWordsReadAsSquareMetres(text: String, expected: String) throws {
        #expect(try Cell.area(text).description == expected, "\(text)")
    }

    @Test(arguments: [("3亩", "亩"), ("12.5公顷", "公顷"), ("100平方尺", "平方尺"), ("12.5 sq ft", "sq ft"), ("2 ha", "ha"),
                      ("1.2万平方米", "万平方米"), ("0.5平方公里", "平方公里"), ("120 ft²", "ft²")])
    func foreignAreaIsRefusedNamingIt(text: String, unit: String) {
        do { let area = try Cell.area(text); Issue.record("\(text) read as \(area)") } catch {
            #expect(error.cellRefusal.why.en == "states the area in \"\(unit)\", another unit than the square metres (m²) this column is read in; units are not converted, and the number is not read as m²", "\(text): \(error.cellRefusal.why.en)")
            #expect(error.cellRefusal.why.zh == "面积以“\(unit)”计，不是本列读取的平方米；导入时不换算单位，也不把这个数当作平方米读取")
            #expect(error.cellRefusal.advice.zh.hasPrefix("请以平方米为单位写数字"))
        }
    }

    /// An area with a sign or other text keeps its old reason.
    @Test func areaSignsAndOtherText() {
        do { _ = try Cell.area("-12.5㎡"); Issue.record("read") } catch { #expect(error.cellRefusal.why == ImportWords.areaNegative) }
        do { _ = try Cell.area("约12.5平方米"); Issue.record("read") } catch { #expect(error.cellRefusal.why == ImportWords.notAnArea) }
        do { _ = try Cell.area("12.555㎡"); Issue.record("read") } catch { #expect(error.cellRefusal.why == ImportWords.areaDecimals) }
    }
}
