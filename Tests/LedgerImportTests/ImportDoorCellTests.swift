import LedgerEvents
@testable import LedgerImport
import Testing

/// Session 39's door of the cells (reviews 38b, 38e, 38g): a unit written twice (`100元整元`), a rate in an amount
/// cell (`600元/月`), Excel's `=""`, a date read as an Excel serial number, and what `--community` most likely meant.
@Suite struct ImportDoorCellTests {
    /// The refusals of `text` as an amount, plain (`Cell.yuan`) and signed (`Cell.signedYuan`); a reading is an issue.
    private func yuanRefusals(_ text: String, kind: FactKind = .income) -> [ImportError.CellRefusal] {
        [false, true].compactMap { signed in
            do throws(ImportError) {
                let amount = signed ? try Cell.signedYuan(text) : try Cell.yuan(text, kind: kind)
                Issue.record("\(text) read as \(amount)")
                return nil
            } catch {
                return error.cellRefusal
            }
        }
    }

    /// A unit stated twice is refused naming the words as written; a currency marker beside one unit is not a second.
    @Test(arguments: [
        ("100元整元", "元整元"), ("100元元", "元元"), ("100.00 元 元", "元 元"), ("元100元", "元100元"), ("100圆整元", "圆整元"),
    ])
    func aDoubledUnitIsRefused(text: String, shown: String) {
        for refusal in yuanRefusals(text) {
            #expect(refusal.why.en.hasPrefix("states its unit twice (\"\(shown)\")"), "\(text): \(refusal.why.en)")
            #expect(refusal.why.zh.hasPrefix("单位写了两次（“\(shown)”）"), "\(text): \(refusal.why.zh)")
            #expect(refusal.advice == ImportWords.yuanAllowed)
        }
    }

    @Test(arguments: [("12平方米㎡", "平方米㎡"), ("12㎡㎡", "㎡㎡")])
    func aDoubledAreaUnitIsRefused(text: String, shown: String) {
        do throws(ImportError) {
            let area = try Cell.area(text)
            Issue.record("\(text) read as \(area)")
        } catch {
            #expect(error.cellRefusal.why.en.hasPrefix("states its unit twice (\"\(shown)\")"), "\(text): \(error.cellRefusal.why.en)")
        }
    }

    /// One unit, with or without a currency marker, still reads (the marker says which money, not in what unit).
    @Test(arguments: [("100元整", 10_000), ("¥100元", 10_000), ("人民币100元", 10_000), ("RMB 100元", 10_000), ("100元人民币", 10_000),
                      ("100.00元整", 10_000)] as [(String, Int64)])
    func oneUnitStillReads(text: String, fen: Int64) throws {
        #expect(try Cell.yuan(text).fen == fen, "\(text)")
    }

    /// A rate in an amount cell is refused as a rate, with what to write instead.
    @Test(arguments: [("600元/月", "元/月"), ("600/月", "/月"), ("12,000元/年", "元/年"), ("20元/㎡/月", "元/㎡/月"), ("15元/户", "元/户"),
                      ("¥600/月", "/月")])
    func aRateIsNotAnAmount(text: String, shown: String) {
        for refusal in yuanRefusals(text, kind: .contracts) {
            #expect(refusal.why.en == "is a rate (\"\(shown)\"), not an amount: this column holds the money of the row itself, and a rate is not read as that sum",
                    "\(text): \(refusal.why.en)")
            #expect(refusal.why.zh.hasPrefix("是费率或单价（“\(shown)”），不是金额"), "\(text)")
            #expect(refusal.advice == ImportWords.rateInCellAllowed)
        }
    }

    /// `=""` is Excel's formula of the empty text: read as an empty cell, quoted in the CSV or not.
    @Test func anEmptyTextFormulaIsAnEmptyCell() {
        #expect(Cell.trimmed("=\"\"") == "")
        #expect(Cell.trimmed("=\"0012\"") == "0012")
        #expect(CSVReader<MemoryByteSource>.isTextFormula(ArraySlice(Array("=\"\"".utf8))))
        #expect(!CSVReader<MemoryByteSource>.isTextFormula(ArraySlice(Array("=\"".utf8))))
        #expect(!CSVReader<MemoryByteSource>.isTextFormula(ArraySlice(Array("=\"\"\"".utf8))))
    }

    /// A date cell read as an Excel serial number is named so in the message about the date it gave.
    @Test func aSerialDateIsSaidToBeOne() {
        let today = LatestFactDate(today: CalendarDate(year: 2026, month: 1, day: 5)!)
        let serial = ImportWords.afterToday(today, cell: "46400", read: CalendarDate(year: 2027, month: 1, day: 13)!)
        #expect(serial.en == "was read as an Excel serial number (--excel-dates), the date 2027-01-13, which is after today in Beijing (UTC+8), 2026-01-05", "\(serial.en)")
        #expect(serial.zh == "按 Excel 日期序号读取（--excel-dates），即 2027-01-13，晚于今天（北京时间 2026-01-05）", "\(serial.zh)")
        for written in ["2027-01-13", "20270112", "2027/1/12"] {
            #expect(ImportWords.afterToday(today, cell: written, read: CalendarDate(year: 2027, month: 1, day: 13)!) == today.exceeded)
        }
        #expect(Cell.isExcelSerial("46400") && Cell.isExcelSerial("４６４００") && Cell.isExcelSerial("46400.0"))
        #expect(!Cell.isExcelSerial("20270112") && !Cell.isExcelSerial("2027-01-13") && !Cell.isExcelSerial("2024.03"))
    }

    /// What a --community that is no registered id most likely meant, table-driven.
    @Test(arguments: [
        ("海韵小区", "\"海韵小区\" is the name of community C-HY, not its id; pass --community C-HY"),
        ("Ｃ-HY", "the ledger holds community \"C-HY\" (海韵小区), which differs from \"Ｃ-HY\" only in full-width characters or letter case; pass --community C-HY"),
        ("c-hy", "the ledger holds community \"C-HY\" (海韵小区), which differs from \"c-hy\" only in full-width characters or letter case; pass --community C-HY"),
        ("青枫", "the registered communities are C-HY (海韵小区), C-QF (青枫苑); pass one of their ids, or register the community first"),
    ])
    func communityAdvice(given: String, advice: String) throws {
        let names = ["C-HY": "海韵小区", "C-QF": "青枫苑"]
        #expect(CommunityOption.advice(given, names: names)?.en == advice)
        #expect(CommunityOption.advice(given, names: [:]) == nil)
    }

    @Test func aNameOfTwoCommunitiesNamesBoth() {
        let advice = CommunityOption.advice("花园", names: ["C-1": "花园", "C-2": "花园", "C-3": "别处"])
        #expect(advice?.en == "\"花园\" is the name of the communities C-1, C-2, not an id; pass the id of the one meant, e.g. --community C-1")
        #expect(advice?.zh == "“花园”是小区 C-1, C-2 的名称，不是编号；请给出所指小区的编号，例如 --community C-1")
    }
}
