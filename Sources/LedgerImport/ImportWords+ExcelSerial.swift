import LedgerEvents

/// A bare number in a date column under `--excel-dates` that reads as a date before 1950 (review 45a D4).
extension ImportWords {
    /// `was read as an Excel serial number (--excel-dates), the date 1905-07-20, before 1950-01-01: …`.
    static func implausibleExcelSerial(_ date: CalendarDate) -> Wording {
        readAsExcelSerial(date)
            + Wording(en: ", before 1950-01-01: no date of this ledger is that early, so the number is most likely not a date (a year such as 2028, or a count)",
                      zh: "，早于 1950-01-01：账本中不会有这么早的日期，这个数多半不是日期（例如只写了年份 2028，或是一个数量）")
    }
    static let implausibleExcelSerialAllowed = Wording(
        en: "Write the full date (2028-12-31), or format the column as a date in Excel before saving; under --excel-dates a bare number in a date column is an Excel serial date.",
        zh: "请写出完整日期（如 2028-12-31），或先在 Excel 中把这一列设为日期格式再保存；加 --excel-dates 时，日期列中的纯数字按 Excel 日期序号读取。")

    /// The advice of a ledger's refusal of a date cell that was an Excel serial: `The cell "45000" was read as … . `
    /// before it, so the clerk sees which number gave the date the reason names.
    static func serialCellRead(_ text: String, _ date: CalendarDate) -> Wording {
        let shown = RowProblem.shown(text)
        return Wording(en: "The cell \"\(shown)\" ", zh: "该单元格“\(shown)”") + readAsExcelSerial(date) + Wording(en: ". ", zh: "。")
    }

    /// A bare number in a date column that as an Excel serial would be after 2099; `yymmdd`: the date its six digits
    /// make read as yymmdd, when they make one.
    static func lateExcelSerial(_ date: CalendarDate, yymmdd: CalendarDate?) -> Wording {
        let read = Wording(en: "is not a date: read as an Excel serial number it would be \(date), after 2099",
                           zh: "不是日期：按 Excel 日期序号读作 \(date)，晚于 2099 年")
        guard let yymmdd else { return read }
        return read + Wording(en: "; six digits like these are perhaps \(yymmdd) written as yymmdd",
                              zh: "；这样的 6 位数字也许是按年、月、日各两位写的 \(yymmdd)")
    }
}
