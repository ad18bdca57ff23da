@testable import LedgerImport
import LedgerEvents
import Testing

/// Review 36a's messy-office-file leftovers in how an import reads dates and file encodings: eight-digit dates
/// (`20260105`) in every import, Excel serials with a time of day (`46027.5`), and UTF-16/UTF-32 text with or
/// without a byte-order mark named as what it is.
struct OfficeFileFormTests {
    struct DateCase: Sendable, CustomTestStringConvertible {
        let text: String
        /// `--excel-dates`.
        let excel: Bool
        /// A bank statement's date column (any time of day is dropped), else a fact file's or a register's.
        let statement: Bool
        /// The date, or `error: <reason> | <advice>` in English then Chinese.
        let expected: String
        var testDescription: String { "\(text) excel=\(excel) statement=\(statement)" }
    }

    static let realDate = "Write a date as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日. | 日期请写作 2024-03-01、2024/3/1、20240301 或 2024年3月1日。"
    static let dayOnly = "Format the column as a date without a time (yyyy-mm-dd) in Excel or WPS before saving, or write the date itself, e.g. 2026-01-05. | "
        + "请先在 Excel 或 WPS 中把这一列设为不带时刻的日期格式（yyyy-mm-dd）再保存，或直接写日期，如 2026-01-05。"
    static let useExcelDates = "Format the column as a date in Excel before saving, or pass --excel-dates to read serial numbers. | "
        + "请先在 Excel 中把这一列设为日期格式再保存，或加 --excel-dates 按序号读取。"

    static let dates: [DateCase] = [
        // Eight digits: year, month, day, in every import (a statement read them before; now one parser).
        DateCase(text: "20260105", excel: false, statement: false, expected: "2026-01-05"),
        DateCase(text: "20260105", excel: true, statement: false, expected: "2026-01-05"),
        DateCase(text: "20260105", excel: false, statement: true, expected: "2026-01-05"),
        DateCase(text: "２０２６０１０５", excel: false, statement: false, expected: "2026-01-05"),
        DateCase(text: "20240229", excel: false, statement: false, expected: "2024-02-29"),
        DateCase(text: "20260105 00:00", excel: false, statement: false, expected: "2026-01-05"),
        DateCase(text: "20260105 10:31:00", excel: false, statement: true, expected: "2026-01-05"),
        DateCase(text: "20260105 10:31", excel: false, statement: false,
                 expected: "error: is not a date (a time of day other than midnight is not allowed) | 不是日期（除零点外不能带时刻） | " + realDate),
        DateCase(text: "20261305", excel: false, statement: false,
                 expected: "error: is not a real date (eight digits are read as year 2026, month 13, day 05) | 不是实际存在的日期（8 位数字按年、月、日读作 2026 年 13 月 05 日） | " + realDate),
        DateCase(text: "20261305", excel: true, statement: true,
                 expected: "error: is not a real date (eight digits are read as year 2026, month 13, day 05) | 不是实际存在的日期（8 位数字按年、月、日读作 2026 年 13 月 05 日） | " + realDate),
        DateCase(text: "20260230", excel: false, statement: false,
                 expected: "error: is not a real date (February 2026 has 28 days) | 不是实际存在的日期（2026 年 2 月只有 28 天） | " + realDate),
        DateCase(text: "00000000", excel: false, statement: false,
                 expected: "error: is not a real date (eight digits are read as year 0000, month 00, day 00) | 不是实际存在的日期（8 位数字按年、月、日读作 0000 年 00 月 00 日） | " + realDate),
        DateCase(text: "2026010", excel: false, statement: false,
                 expected: "error: is not a date: read as an Excel serial number it would be 7447-01-09, after 2099 | 不是日期：按 Excel 日期序号读作 7447-01-09，晚于 2099 年 | " + realDate),
        DateCase(text: "202601051", excel: true, statement: false, expected: "error: is not a date | 不是日期 | " + realDate),
        // Excel serials with a fraction: the fraction is the time of day, and follows the rule for a written time.
        DateCase(text: "46027", excel: true, statement: false, expected: "2026-01-05"),
        DateCase(text: "46027.0", excel: true, statement: false, expected: "2026-01-05"),
        DateCase(text: "46027.000001", excel: true, statement: false, expected: "2026-01-05"),
        DateCase(text: "46027.5", excel: true, statement: true, expected: "2026-01-05"),
        DateCase(text: "46027.99", excel: true, statement: true, expected: "2026-01-05"),
        DateCase(text: "４６０２７．５", excel: true, statement: true, expected: "2026-01-05"),
        DateCase(text: "46027.5", excel: true, statement: false,
                 expected: "error: looks like an Excel date-time serial number (it would be 2026-01-05 12:00); a time of day other than midnight is not allowed here"
                    + " | 像是 Excel 的日期时间序号（对应 2026-01-05 12:00），这里除零点外不能带时刻 | " + dayOnly),
        DateCase(text: "46027.520833333", excel: true, statement: false,
                 expected: "error: looks like an Excel date-time serial number (it would be 2026-01-05 12:30); a time of day other than midnight is not allowed here"
                    + " | 像是 Excel 的日期时间序号（对应 2026-01-05 12:30），这里除零点外不能带时刻 | " + dayOnly),
        DateCase(text: "46027.5", excel: false, statement: false,
                 expected: "error: looks like an Excel date-time serial number (it would be 2026-01-05 12:00); a time of day other than midnight is not allowed here"
                    + " | 像是 Excel 的日期时间序号（对应 2026-01-05 12:00），这里除零点外不能带时刻 | " + dayOnly),
        DateCase(text: "46027.5", excel: false, statement: true,
                 expected: "error: looks like an Excel date serial number (it would be 2026-01-05) | 像是 Excel 的日期序号（对应 2026-01-05） | " + useExcelDates),
        DateCase(text: "46027.0", excel: false, statement: false,
                 expected: "error: looks like an Excel date serial number (it would be 2026-01-05) | 像是 Excel 的日期序号（对应 2026-01-05） | " + useExcelDates),
        // Not serials: a year and month, a point with nothing after it, three groups.
        DateCase(text: "2024.03", excel: true, statement: false, expected: "error: is not a date | 不是日期 | " + realDate),
        DateCase(text: "46027.", excel: true, statement: false, expected: "error: is not a date | 不是日期 | " + realDate),
        DateCase(text: "46027.5.1", excel: true, statement: false, expected: "error: is not a date | 不是日期 | " + realDate),
        DateCase(text: "2024.3.1", excel: true, statement: false, expected: "2024-03-01"),
    ]

    @Test(arguments: dates)
    func date(_ c: DateCase) {
        do throws(ImportError) {
            #expect(try Cell.date(c.text, excelSerials: c.excel, anyTime: c.statement).description == c.expected)
        } catch {
            let refusal = error.cellRefusal
            #expect("error: \(refusal.why.en) | \(refusal.why.zh) | \(refusal.advice.en) | \(refusal.advice.zh)" == c.expected)
        }
    }

    // MARK: - Encodings

    struct EncodingCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let expected: NotCSVFormat?
        var testDescription: String { name }
    }

    static let csv = "日期,账户编号,金额,付款方,凭证号,类别\n2025-07-05,F-HY-PI,100,某公司,T-1,停车费\n"
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
    static func utf32(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.unicodeScalars.flatMap { scalar -> [UInt8] in
            let v = scalar.value
            let le = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
            return bigEndian ? le.reversed() : le
        }
    }

    static let encodings: [EncodingCase] = [
        EncodingCase(name: "UTF-16LE with BOM", bytes: [0xFF, 0xFE] + utf16(csv, bigEndian: false), expected: .utf16(bigEndian: false, byteOrderMark: true)),
        EncodingCase(name: "UTF-16BE with BOM", bytes: [0xFE, 0xFF] + utf16(csv, bigEndian: true), expected: .utf16(bigEndian: true, byteOrderMark: true)),
        EncodingCase(name: "UTF-16LE", bytes: utf16(csv, bigEndian: false), expected: .utf16(bigEndian: false, byteOrderMark: false)),
        EncodingCase(name: "UTF-16BE", bytes: utf16(csv, bigEndian: true), expected: .utf16(bigEndian: true, byteOrderMark: false)),
        // Only Chinese headings and one comma, tab-separated as Excel's Unicode Text: the ASCII still shows.
        EncodingCase(name: "UTF-16LE, Chinese, tabs", bytes: utf16("日期\t金额\t一二\n二〇二五\t一百\t万\n", bigEndian: false),
                     expected: .utf16(bigEndian: false, byteOrderMark: false)),
        // Review 37c F3: a title padded with ideographic spaces (U+3000 is `00 30` in UTF-16LE, "0" read as BE), and
        // Chinese text spaced with them, in a short file: the separators and line ends decide, not the digits.
        EncodingCase(name: "UTF-16LE, title padded with U+3000",
                     bytes: utf16("\u{3000}\u{3000}\u{3000}\u{3000}海韵小区收入明细\u{3000}\u{3000}\u{3000}\u{3000}\r\n日期,账户编号,金额,付款方,凭证号,类别\r\n2025-05-05,F-HY-PI,100,某公司,V-9,广告\r\n",
                                  bigEndian: false),
                     expected: .utf16(bigEndian: false, byteOrderMark: false)),
        EncodingCase(name: "UTF-16LE, Chinese spaced with U+3000",
                     bytes: utf16("海韵\u{3000}小区\u{3000}一\u{3000}二\u{3000}三,一\u{3000}二\r\n四\u{3000}五\u{3000}六,七\u{3000}八\r\n", bigEndian: false),
                     expected: .utf16(bigEndian: false, byteOrderMark: false)),
        EncodingCase(name: "UTF-16BE, title padded with U+3000",
                     bytes: utf16("\u{3000}\u{3000}\u{3000}\u{3000}海韵小区收入明细\u{3000}\u{3000}\u{3000}\u{3000}\r\n日期,金额\r\n2025-05-05,100\r\n", bigEndian: true),
                     expected: .utf16(bigEndian: true, byteOrderMark: false)),
        EncodingCase(name: "UTF-32LE with BOM", bytes: [0xFF, 0xFE, 0, 0] + utf32(csv, bigEndian: false), expected: .utf32(bigEndian: false, byteOrderMark: true)),
        EncodingCase(name: "UTF-32BE with BOM", bytes: [0, 0, 0xFE, 0xFF] + utf32(csv, bigEndian: true), expected: .utf32(bigEndian: true, byteOrderMark: true)),
        EncodingCase(name: "UTF-32LE", bytes: utf32(csv, bigEndian: false), expected: .utf32(bigEndian: false, byteOrderMark: false)),
        EncodingCase(name: "UTF-32BE", bytes: utf32(csv, bigEndian: true), expected: .utf32(bigEndian: true, byteOrderMark: false)),
        EncodingCase(name: "UTF-32LE, ASCII", bytes: utf32("a,b\n1,2\n", bigEndian: false), expected: .utf32(bigEndian: false, byteOrderMark: false)),
        EncodingCase(name: "UTF-16LE, ASCII", bytes: utf16("a,b\n1,2\n", bigEndian: false), expected: .utf16(bigEndian: false, byteOrderMark: false)),
        // Text of one byte per character: none.
        EncodingCase(name: "UTF-8", bytes: Array(csv.utf8), expected: nil),
        EncodingCase(name: "UTF-8 with BOM", bytes: [0xEF, 0xBB, 0xBF] + Array(csv.utf8), expected: nil),
        // A stray NUL in a UTF-8 file is a bad cell, not a UTF-16 file; nor is binary data of NUL runs.
        EncodingCase(name: "UTF-8 with one NUL", bytes: Array(csv.utf8) + [0] + Array(csv.utf8), expected: nil),
        EncodingCase(name: "NUL bytes", bytes: [UInt8](repeating: 0, count: 64), expected: nil),
        EncodingCase(name: "short", bytes: [0x41, 0x00], expected: nil),
    ]

    @Test(arguments: encodings)
    func encoding(_ c: EncodingCase) {
        #expect(EncodingSniffer.wideText(c.bytes) == c.expected)
    }

    /// The message names the encoding found (a UTF-32 file with its mark was called UTF-16) and how to save UTF-8.
    @Test func theMessageNamesTheEncodingFound() throws {
        let cases: [(NotCSVFormat, String, String)] = [
            (.utf16(bigEndian: false, byteOrderMark: true),
             "it is UTF-16LE text (with a byte-order mark, as Excel's \"Unicode Text\" saves it), which the import does not read; it reads UTF-8 or GB18030. "
                + "In Excel or WPS choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file",
             "它是 UTF-16LE 编码的文本（带字节顺序标记，Excel 的“Unicode 文本”即是这样），导入不读这种编码，只读 UTF-8 或 GB18030。"
                + "请在 Excel 或 WPS 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件"),
            (.utf16(bigEndian: true, byteOrderMark: false),
             "it is UTF-16BE text (without a byte-order mark, as some \"Unicode Text\" files from Excel or WPS are), which the import does not read; "
                + "it reads UTF-8 or GB18030. In Excel or WPS choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file",
             "它是 UTF-16BE 编码的文本（不带字节顺序标记，Excel 或 WPS 存的“Unicode 文本”有时是这样），导入不读这种编码，只读 UTF-8 或 GB18030。"
                + "请在 Excel 或 WPS 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件"),
            (.utf32(bigEndian: false, byteOrderMark: true),
             "it is UTF-32LE text (with a byte-order mark), which the import does not read; it reads UTF-8 or GB18030. "
                + "In Excel or WPS choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file",
             "它是 UTF-32LE 编码的文本（带字节顺序标记），导入不读这种编码，只读 UTF-8 或 GB18030。"
                + "请在 Excel 或 WPS 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件"),
            (.utf32(bigEndian: true, byteOrderMark: false),
             "it is UTF-32BE text (without a byte-order mark), which the import does not read; it reads UTF-8 or GB18030. "
                + "In Excel or WPS choose File › Save As › \"CSV UTF-8 (comma delimited)\", then import the .csv file",
             "它是 UTF-32BE 编码的文本（不带字节顺序标记），导入不读这种编码，只读 UTF-8 或 GB18030。"
                + "请在 Excel 或 WPS 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，然后导入另存的 .csv 文件"),
        ]
        for (format, en, zh) in cases {
            let wording = ImportWords.error(.notCSV(file: "收入.csv", format: format))
            #expect(wording.en == "收入.csv: not a CSV file: \(en).")
            #expect(wording.zh == "收入.csv：不是 CSV 文件：\(zh)。")
        }
        // Through the reader, whatever the chunk size: the first bytes decide before any cell is read.
        for c in Self.encodings {
            guard let format = c.expected else { continue }
            for chunk in [1, 7, 4096] {
                var reader = CSVReader(source: MemoryByteSource(c.bytes, chunkSize: chunk), displayName: "x.csv", delimiter: nil)
                var record = CSVRecord()
                #expect(throws: ImportError.notCSV(file: "x.csv", format: format), "\(c.name) \(chunk)") { _ = try reader.next(into: &record) }
            }
        }
    }
}
