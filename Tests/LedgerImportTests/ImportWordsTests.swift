import LedgerEvents
import LedgerImport
import Testing

/// The import layer's messages in both languages: a cell's refusal, a row's problem with its place, a file's error.
@Suite struct ImportWordsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: String
        let text: String
        let en: String
        let zh: String
        var testDescription: String { "\(kind) \(text)" }
    }

    static let cells: [Case] = [
        Case(kind: "date", text: "2024-02-30", en: "is not a real date (February 2024 has 29 days). Write a date as 2024-03-01, 2024/3/1 or 2024年3月1日.",
             zh: "不是实际存在的日期（2024 年 2 月只有 29 天）。日期请写作 2024-03-01、2024/3/1 或 2024年3月1日。"),
        Case(kind: "date", text: "45352", en: "looks like an Excel date serial number (it would be 2024-03-01). Format the column as a date in Excel before saving, or pass --excel-dates to read serial numbers.",
             zh: "像是 Excel 的日期序号（对应 2024-03-01）。请先在 Excel 中把这一列设为日期格式再保存，或加 --excel-dates 按序号读取。"),
        Case(kind: "date", text: "2024/3/1 9:30", en: "is not a date (a time of day other than midnight is not allowed). Write a date as 2024-03-01, 2024/3/1 or 2024年3月1日.",
             zh: "不是日期（除零点外不能带时刻）。日期请写作 2024-03-01、2024/3/1 或 2024年3月1日。"),
        Case(kind: "area", text: "-3", en: "is negative; an area cannot be. Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places).",
             zh: "是负数；面积不能为负。请以平方米为单位写数字，例如 35.5、35.50㎡ 或 1,234.5（最多两位小数）。"),
        Case(kind: "area", text: "12.345", en: "has more than 2 decimal places. Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places).",
             zh: "小数超过 2 位。请以平方米为单位写数字，例如 35.5、35.50㎡ 或 1,234.5（最多两位小数）。"),
        Case(kind: "yuan", text: "3000.505", en: "is not an amount in yuan: has 3 decimal places; at most 2 are allowed (a fen, 0.01, is the smallest unit). Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).",
             zh: "不是以元为单位的金额：有 3 位小数；最多允许 2 位（最小单位是分，即 0.01）。请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。"),
        Case(kind: "yuan", text: "1,23", en: "is not an amount in yuan: has a comma that is not a thousands separator (write 1,234.50 or 1234.5; a decimal comma is not read). Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).",
             zh: "不是以元为单位的金额：含有不是千位分隔符的逗号（请写 1,234.50 或 1234.5；不识别小数逗号）。请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。"),
        Case(kind: "kind", text: "花坛", en: "is not a kind of common part. Write one of \(RegisterVocabulary.kindsAllowedText), or add the word to a mapping file (--mapping).",
             zh: "不是共有部分的类型。请写以下之一：\(RegisterVocabulary.kindsAllowedText)；或把这个词加进对照文件（--mapping）。"),
    ]

    @Test(arguments: cells)
    func cellRefusalInBothLanguages(_ c: Case) {
        let refusal: Cell.Refusal?
        switch c.kind {
        case "date": if case .failure(let r) = Cell.date(c.text, excelSerials: false) { refusal = r } else { refusal = nil }
        case "area": if case .failure(let r) = Cell.area(c.text) { refusal = r } else { refusal = nil }
        case "yuan": if case .failure(let r) = Cell.yuan(c.text) { refusal = r } else { refusal = nil }
        default: if case .failure(let r) = Cell.kind(c.text, mapping: nil) { refusal = r } else { refusal = nil }
        }
        guard let refusal else { Issue.record("accepted"); return }
        #expect(refusal.reason + ". " + refusal.allowed == c.en)
        #expect(refusal.why.zh + "。" + refusal.advice.zh == c.zh)
    }

    /// A row problem names file, row, column letters and heading, value, reason and what is allowed, in either language.
    @Test func rowProblemInBothLanguages() {
        let refusal: Cell.Refusal
        switch Cell.yuan("3000.505") { case .failure(let r): refusal = r; case .success: Issue.record("accepted"); return }
        let problem = RowProblem(file: "收入.csv", row: 4, column: 2, heading: "金额", value: "3000.505",
                                 reason: refusal.why, allowed: refusal.advice)
        #expect(problem.message.en == problem.description)
        #expect(problem.description == "收入.csv: row 4, column C \"金额\": \"3000.505\" is not an amount in yuan: has 3 decimal places; "
            + "at most 2 are allowed (a fen, 0.01, is the smallest unit). Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).")
        #expect(problem.message.zh == "收入.csv 第 4 行，C 列 \"金额\"：\"3000.505\" 不是以元为单位的金额：有 3 位小数；最多允许 2 位（最小单位是分，即 0.01）。"
            + "请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。")
        let whole = RowProblem(file: "收入.csv", row: 7, column: nil, heading: nil, value: nil,
                               reason: Wording(en: "has no date", zh: "没有日期"), allowed: Wording(en: "Write the date of the fact.", zh: "请填写事实发生的日期。"))
        #expect(whole.description == "收入.csv: row 7, has no date. Write the date of the fact.")
        #expect(whole.message.zh == "收入.csv 第 7 行：没有日期。请填写事实发生的日期。")
    }

    static let fileErrors: [(ImportError, String, String)] = [
        (.empty("a.csv"), "a.csv: the file is empty; an import needs a header row and at least one row.",
         "a.csv：文件是空的；导入需要一行标题和至少一行数据。"),
        (.tooManyRows("a.csv", 2_000_000), "a.csv: the file has more than 2000000 rows (limit csvRowsMax). Split it into several files.",
         "a.csv：文件超过 2000000 行（上限 csvRowsMax）。请分成几个文件。"),
        (.tooManyColumns("a.csv", 3, 10_000), "a.csv: row 3 has more than 10000 cells (limit csvColumnsMax). Check the separator (--delimiter comma|tab).",
         "a.csv 第 3 行超过 10000 个单元格（上限 csvColumnsMax）。请检查分隔符（--delimiter comma|tab）。"),
        (.header("a.csv", 1, [Wording(en: "no column for date.", zh: "没有 date 列。")]), "a.csv: header (row 1): no column for date.",
         "a.csv：标题行（第 1 行）：没有 date 列。"),
    ]

    @Test func fileErrorsInBothLanguages() {
        for (error, en, zh) in Self.fileErrors {
            #expect(error.description == en)
            #expect(error.message.zh == zh)
        }
    }
}
