import Glibc
import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
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
        Case(kind: "date", text: "2024-02-30", en: "is not a real date (February 2024 has 29 days). Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日.",
             zh: "不是实际存在的日期（2024 年 2 月只有 29 天）。日期请写作 2024-03-01、2024/3/1、20240301 或 2024年3月1日。"),
        Case(kind: "date", text: "45352", en: "looks like an Excel date serial number (it would be 2024-03-01). Format the column as a date in Excel before saving, or pass --excel-dates to read serial numbers.",
             zh: "像是 Excel 的日期序号（对应 2024-03-01）。请先在 Excel 中把这一列设为日期格式再保存，或加 --excel-dates 按序号读取。"),
        Case(kind: "date", text: "2024/3/1 9:30", en: "is not a date (a time of day other than midnight is not allowed). Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日.",
             zh: "不是日期（除零点外不能带时刻）。日期请写作 2024-03-01、2024/3/1、20240301 或 2024年3月1日。"),
        Case(kind: "area", text: "-3", en: "is negative; an area cannot be. Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places).",
             zh: "是负数；面积不能为负。请以平方米为单位写数字，例如 35.5、35.50㎡ 或 1,234.5（最多两位小数）。"),
        Case(kind: "area", text: "12.345", en: "has more than 2 decimal places. Write square metres as a number, e.g. 35.5, 35.50㎡ or 1,234.5 (at most 2 decimal places).",
             zh: "小数超过 2 位。请以平方米为单位写数字，例如 35.5、35.50㎡ 或 1,234.5（最多两位小数）。"),
        Case(kind: "yuan", text: "3000.505", en: "is not an amount in yuan: has 3 decimal places; at most 2 are allowed (a fen, 0.01, is the smallest unit). Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).",
             zh: "不是以元为单位的金额：有 3 位小数；最多允许 2 位（最小单位是分，即 0.01）。请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。"),
        Case(kind: "yuan", text: "1,23", en: "is not an amount in yuan: has a comma that is not a thousands separator (write 1,234.50 or 1234.5; a decimal comma is not read). Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).",
             zh: "不是以元为单位的金额：含有不是千位分隔符的逗号（请写 1,234.50 或 1234.5；不识别小数逗号）。请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。"),
        Case(kind: "kind", text: "花坛", en: "is not a kind of common part. Write one of \(RegisterVocabulary.kindsAllowedText), or add the word to a mapping file (--mapping).",
             zh: "不是共有部分的类型。请写以下之一：\(RegisterVocabulary.kindsAllowedText)；或把这个词加进映射文件（--mapping）。"),
    ]

    @Test(arguments: cells)
    func cellRefusalInBothLanguages(_ c: Case) {
        let refusal: ImportError.CellRefusal
        do throws(ImportError) {
            switch c.kind {
            case "date": _ = try Cell.date(c.text, excelSerials: false)
            case "area": _ = try Cell.area(c.text)
            case "yuan": _ = try Cell.yuan(c.text)
            default: _ = try Cell.kind(c.text, mapping: nil)
            }
            Issue.record("accepted")
            return
        } catch {
            refusal = error.cellRefusal
            // The module's one error type words a cell's refusal as the importers do, without its place.
            #expect(error.message.en == c.en)
            #expect(error.message.zh == c.zh)
        }
        #expect(refusal.reason + ". " + refusal.allowed == c.en)
        #expect(refusal.why.zh + "。" + refusal.advice.zh == c.zh)
    }

    /// A row problem names file, row, column letters and heading, value, reason and what is allowed, in either language.
    @Test func rowProblemInBothLanguages() {
        guard let refusal = #expect(throws: ImportError.self, performing: { try Cell.yuan("3000.505") })?.cellRefusal else { return }
        let problem = RowProblem(file: "收入.csv", row: 4, column: 2, heading: "金额", value: "3000.505",
                                 reason: refusal.why, allowed: refusal.advice)
        #expect(problem.message.en == problem.description)
        #expect(problem.description == "收入.csv: row 4, column C \"金额\": \"3000.505\" is not an amount in yuan: has 3 decimal places; "
            + "at most 2 are allowed (a fen, 0.01, is the smallest unit). Write yuan (元) as a number, e.g. 3000, 3,000.00, ¥3000.5 or 3000元 (at most 2 decimal places).")
        #expect(problem.message.zh == "收入.csv 第 4 行，C 列“金额”：“3000.505”不是以元为单位的金额：有 3 位小数；最多允许 2 位（最小单位是分，即 0.01）。"
            + "请以元为单位写数字，例如 3000、3,000.00、¥3000.5 或 3000元（最多两位小数）。")
        let whole = RowProblem(file: "收入.csv", row: 7, column: nil, heading: nil, value: nil,
                               reason: Wording(en: "has no date", zh: "没有日期"), allowed: Wording(en: "Write the date of the fact.", zh: "请填写事实发生的日期。"))
        #expect(whole.description == "收入.csv: row 7, has no date. Write the date of the fact.")
        #expect(whole.message.zh == "收入.csv 第 7 行：没有日期。请填写事实发生的日期。")
    }

    static let fileErrors: [(ImportError, String, String)] = [
        // A fact file's cells are decoded before its header is known: the column without an empty `""` heading.
        (.mixedEncoding(file: "a.csv", row: 202, column: 3, heading: "", bytesHex: "d2f8"),
         "a.csv: row 202, column D: the bytes d2f8 are not UTF-8, but the file's other text is UTF-8, so the file mixes two encodings. Fix that cell and save the file again as \"CSV UTF-8\"; or pass --encoding utf8 to list every such cell, or --encoding gb18030 if the file really is GB18030.",
         "a.csv 第 202 行，D 列：字节 d2f8 不是 UTF-8，但文件的其余文字是 UTF-8，文件混用了两种编码。请改正该单元格，再把文件另存为“CSV UTF-8”；或加 --encoding utf8 列出所有这样的单元格；如果文件确实是 GB18030，请加 --encoding gb18030。"),
        (.empty(file: "a.csv"), "a.csv: the file is empty; an import needs a header row and at least one row.",
         "a.csv：文件是空的；导入需要一行表头和至少一行数据。"),
        (.tooManyRows(file: "a.csv", limit: 2_000_000), "a.csv: the file has more than 2000000 rows (limit csvRowsMax). Split it into several files.",
         "a.csv：文件超过 2000000 行（上限 csvRowsMax）。请分成几个文件。"),
        (.tooManyColumns(file: "a.csv", row: 3, limit: 10_000), "a.csv: row 3 has more than 10000 cells (limit csvColumnsMax). Check the separator (--delimiter comma|tab|semicolon).",
         "a.csv 第 3 行超过 10000 个单元格（上限 csvColumnsMax）。请检查分隔符（--delimiter comma|tab|semicolon）。"),
        (.header(file: "a.csv", row: 1, problems: [Wording(en: "no column for date.", zh: "没有 date 列。")]), "a.csv: header (row 1): no column for date.",
         "a.csv：表头（第 1 行）：没有 date 列。"),
        (.unterminatedQuote(file: "a.csv", row: 3, column: 1, openedOnLine: 4),
         "a.csv: row 3, column B: a quoted cell opened on line 4 is never closed, so the rest of the file would be read as one cell. Add the closing \" (write a quote inside a quoted cell as \"\"), then import again.",
         "a.csv 第 3 行，B 列：第 4 行开始的带引号单元格一直没有结束，文件其余部分会被读成一个单元格。请补上结束的 \"（带引号的单元格内，引号写成 \"\"），然后重新导入。"),
        (.cellTooLong(file: "a.csv", row: 2, column: 0, startLine: 2, quoted: false, limit: 65_536),
         "a.csv: row 2, column A: the cell is longer than 65536 bytes (limit csvFieldBytesMax). Shorten the cell.",
         "a.csv 第 2 行，A 列：单元格超过 65536 字节（上限 csvFieldBytesMax）。请缩短该单元格。"),
        (.notCSV(file: "a.xlsx", format: .xlsx),
         "a.xlsx: not a CSV file: it is an Excel or WPS workbook (.xlsx), not CSV. In Excel choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file.",
         "a.xlsx：不是 CSV 文件：它是 Excel 或 WPS 工作簿（.xlsx），不是 CSV。请在 Excel 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件。"),
        (.mapping(file: "m.json", reason: Wording(en: "\"columns\" must be an object of heading → field.", zh: "“columns”须为“列标题 → 字段”的对象。")),
         "m.json: \"columns\" must be an object of heading → field.", "m.json：“columns”须为“列标题 → 字段”的对象。"),
    ]

    @Test func fileErrorsInBothLanguages() {
        for (error, en, zh) in Self.fileErrors {
            #expect(error.description == en)
            #expect(error.message.zh == zh)
        }
    }
    /// Under zh a file that cannot be read is said wholly in Chinese, also when the operating system's error carries
    /// an English detail (which replaces the C library's text in English) or has no Chinese text of its own.
    @Test func unreadableFileInChineseWhateverTheReason() {
        let cases: [(ImportError, String, String)] = [
            (.unreadable(file: "a.csv", error: FileError(path: "/x/a.csv", operation: "open", code: ENOENT)),
             "a.csv: cannot read the file: No such file or directory.", "a.csv：无法读取该文件：没有这个文件或目录。"),
            (.unreadable(file: "a.csv", error: FileError(path: "/x/a.csv", operation: "open", code: EINVAL,
                                                         detail: "it changed into a directory while being opened")),
             "a.csv: cannot read the file: it changed into a directory while being opened.",
             "a.csv：无法读取该文件：参数无效（errno \(EINVAL)）。"),
            (.unreadable(file: "a.csv", error: FileError(path: "/x/a.csv", operation: "read", code: ECONNRESET)),
             "a.csv: cannot read the file: Connection reset by peer.", "a.csv：无法读取该文件：操作系统报告错误（errno \(ECONNRESET)）。"),
            (.notARegularFile(file: "d", kind: .directory), "d: cannot read the file: it is a directory, not a regular file; give the saved CSV file itself.",
             "d：无法读取该文件：它是一个目录，不是普通文件；请给出保存好的 CSV 文件本身。"),
        ]
        for (error, en, zh) in cases {
            #expect(error.description == en)
            #expect(error.message.zh == zh)
            let afterFile = error.message.zh.drop(while: { $0 != "：" })
            #expect(!afterFile.contains(where: { $0.isASCII && $0.isLetter && !"errnoCSV".contains($0) }), "\(error.message.zh)")
        }
    }
}

extension ImportWordsTests {
    /// After "not registered": a row of the same file is offered only where the file's rows create that kind of
    /// thing, and worded as the fold order has it (before, or the same date and above: ledger-spec.md 10.4 rules 2
    /// and 5); a decision an act cites may be dated after it; anything else, the cell.
    @Test func theAdviceAfterNotRegisteredFollowsWhatTheFileCanRecord() {
        let inFile = ImportWords.factLedgerMissingAllowed(.fund, rowsBecome: .fundOpened)
        #expect(inFile.en == "A row of this file may record it too if it comes first in the ledger's order: dated before this row, or on the same date and above it; or fix the cell.")
        #expect(inFile.zh == "也可以由本文件中排在这一行之前的一行记录它：日期早于这一行，或者日期相同且位于这一行之上；或者改正该单元格。")
        #expect(ImportWords.factLedgerMissingAllowed(.decision, rowsBecome: .decisionRecorded) == inFile)
        for rowsBecome: EventType? in [.fundIncome, .fundSpending, .fundTransfer, .contractSigned, .useStarted, .inspectionRecorded, nil] {
            #expect(ImportWords.factLedgerMissingAllowed(.fund, rowsBecome: rowsBecome) == ImportWords.factLedgerAllowed)
            #expect(ImportWords.factLedgerMissingAllowed(.asset, rowsBecome: rowsBecome) == ImportWords.factLedgerAllowed)
        }
        for rowsBecome: EventType? in [.fundSpending, .fundTransfer, .contractSigned, .useStarted, nil] {
            let decision = ImportWords.factLedgerMissingAllowed(.decision, rowsBecome: rowsBecome)
            #expect(decision.en == "The decision may be dated after this row (the owners then ratify the act); if the cell is wrong, correct it.")
            #expect(decision.zh == "该决定的日期可以晚于这一行（即业主事后追认）；如果该单元格有误，请改正。")
        }
    }
}
