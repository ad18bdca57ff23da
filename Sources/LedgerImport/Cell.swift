import LedgerEvents
import LedgerPlatform

/// Parsers for the cell values registers really contain. Each returns the value or throws the reason it is not one
/// (`ImportError.cell`, which the caller makes a `RowProblem` of);
/// they work on UTF-8 bytes and build no formatter, because they run once per cell of a million-row file.
public enum Cell {
    /// `text` without surrounding spaces, tabs, line breaks, no-break spaces or ideographic spaces (U+3000),
    /// which spreadsheets leave around cell values; `="0012345"` (an export's way to keep Excel from reading the
    /// digits as a number) is the text inside the quotes.
    public static func trimmed(_ text: String) -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{00A0}" || s == "\u{3000}" || s == "\u{FEFF}"
        }
        // The usual cell starts and ends with a byte no space begins or ends with (read in one go, `Bytes.utf8Ends`:
        // through the `UTF8View` these cost tens of instructions a cell).
        guard let (firstByte, lastByte, count) = Bytes.utf8Ends(text) else { return text }
        // `="0012345"`: the text a bank's or an office system's export writes so that Excel keeps a number's digits
        // (its leading zeros, its 19 digits) — the formula's value is the text inside the quotes; `=""` is the empty
        // text, shown empty by Excel, and read so.
        let utf8 = text.utf8
        if firstByte == 0x3D, lastByte == 0x22, count >= 3, utf8.dropFirst().first == 0x22 {
            let inner = utf8.dropFirst(2).dropLast()
            if !inner.contains(0x22) { return trimmed(String(decoding: inner, as: UTF8.self)) }
        }
        func mayBeSpace(_ byte: UInt8, first: Bool) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
                || (first ? byte == 0xC2 || byte == 0xE3 || byte == 0xEF : byte == 0xA0 || byte == 0x80 || byte == 0xBF)
        }
        guard mayBeSpace(firstByte, first: true) || mayBeSpace(lastByte, first: false) else { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return text }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    static let dateAllowed = ImportWords.dateAllowed

    /// Parses a date cell, for every import (registers, fact files and bank statements alike): `2024-03-01`,
    /// `2024-3-1`, `2024/3/1`, `2024.3.1`, `2024年3月1日`, or eight digits `20240301` (year, month, day, as banks and
    /// office systems write it), each optionally followed by a midnight time (`2024/3/1 0:00`, as Excel writes
    /// date-time cells). With `anyTime` (a bank statement, which stamps each line with its time) any time of day
    /// after a space or `T` is dropped: the day is the date. A bare number is an Excel serial date, refused unless
    /// `excelSerials`, then read in Excel's 1900 system; a fraction is its time of day (`46027.5` is noon), which
    /// follows the rule for a written time. Full-width digits and separators (`２０２４年１月５日`, `2024－01－05`, as a
    /// Chinese input method types them) are read as their ASCII forms, as amounts' are.
    public static func date(_ text: String, excelSerials: Bool, anyTime: Bool = false) throws(ImportError) -> CalendarDate {
        if text.utf8.count == 10, let iso = CalendarDate(iso: text) { return iso }
        var bytes = Array(halfWidthDate(text).utf8)
        if anyTime {
            if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }) { bytes.removeSubrange(cut...) }
        } else if let space = bytes.firstIndex(of: UInt8(ascii: " ")) {
            // Drop a midnight time part: " 0:00", " 00:00", " 00:00:00".
            let time = String(decoding: bytes[(space + 1)...], as: UTF8.self)
            guard time.utf8.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ":") })
            else { throw .cell(reason: ImportWords.notADate, allowed: dateAllowed) }
            guard ["0:00", "00:00", "0:00:00", "00:00:00"].contains(time) else {
                throw .cell(reason: ImportWords.notADateTime, allowed: dateAllowed)
            }
            bytes.removeSubrange(space...)
        }
        // Eight digits are a year, month and day: no Excel serial has more than seven (2958465 is 9999-12-31).
        if bytes.count == 8, bytes.allSatisfy(isDigit) {
            let number = bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            return try realDate(year: number / 10_000, month: number / 100 % 100, day: number % 100, compact: true)
        }
        // Fourteen digits are a date and a time of day, yyyyMMddHHmmss, as banks' exports stamp a line
        // (`20260105143000`): the date is read exactly, and an impossible time refuses the cell as an impossible date
        // does. The time then follows the rule of a written one (any with `anyTime`, else only midnight).
        if bytes.count == 14, bytes.allSatisfy(isDigit) {
            func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
            let (hour, minute, second) = (number(8..<10), number(10..<12), number(12..<14))
            let digits = bytes.map { Character(Unicode.Scalar($0)) }
            let time = String(digits[8..<10]) + ":" + String(digits[10..<12]) + ":" + String(digits[12..<14])
            let date = try realDate(year: number(0..<4), month: number(4..<6), day: number(6..<8), compact: true, time: time)
            guard hour < 24, minute < 60, second < 60 else {
                throw .cell(reason: ImportWords.notARealCompactDate(year: date.year, month: date.month, day: date.day, time: time),
                            allowed: dateAllowed)
            }
            guard anyTime || hour + minute + second == 0 else { throw .cell(reason: ImportWords.notADateTime, allowed: dateAllowed) }
            return date
        }
        if let point = serialPoint(bytes) {
            return try excelSerial(bytes[..<point], fraction: bytes[min(point + 1, bytes.count)...], allowed: excelSerials, anyTime: anyTime)
        }
        // Split into three digit groups separated by -, /, . or 年 月 (日 at the end).
        var groups: [Int] = []
        var current = -1
        var digits = 0
        var separators: [String] = []
        var index = 0
        let nian: [UInt8] = Array("年".utf8), yue: [UInt8] = Array("月".utf8), ri: [UInt8] = Array("日".utf8)
        func matches(_ word: [UInt8]) -> Bool {
            index + word.count <= bytes.count && Array(bytes[index..<(index + word.count)]) == word
        }
        while index < bytes.count {
            let b = bytes[index]
            if isDigit(b) {
                current = (current < 0 ? 0 : current) * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 4 else { throw .cell(reason: ImportWords.notADate, allowed: dateAllowed) }
                index += 1
                continue
            }
            var separator = ""
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".") {
                separator = String(UnicodeScalar(b)); index += 1
            } else if matches(nian) { separator = "年"; index += nian.count }
            else if matches(yue) { separator = "月"; index += yue.count }
            else if matches(ri) { separator = "日"; index += ri.count }
            else { throw .cell(reason: ImportWords.notADate, allowed: dateAllowed) }
            guard current >= 0 else { throw .cell(reason: ImportWords.notADate, allowed: dateAllowed) }
            groups.append(current)
            separators.append(separator)
            current = -1
            digits = 0
        }
        if current >= 0 { groups.append(current) }
        let shapeOK: Bool
        switch separators {
        case ["-", "-"], ["/", "/"], [".", "."]: shapeOK = groups.count == 3
        case ["年", "月", "日"], ["年", "月"]: shapeOK = groups.count == 3
        default: shapeOK = false
        }
        guard shapeOK, groups[0] >= 1000 else { throw .cell(reason: ImportWords.notADate, allowed: dateAllowed) }
        return try realDate(year: groups[0], month: groups[1], day: groups[2], compact: false)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The date of a year, month and day read from a cell, or the reason there is none: the month's length when
    /// only the day is past it, and for eight or fourteen digits how they were read (`20261305`: month 13; `time`,
    /// the fourteen digits' time of day as read, `14:30:00`).
    private static func realDate(year: Int, month: Int, day: Int, compact: Bool, time: String? = nil) throws(ImportError) -> CalendarDate {
        if year >= 1000, let date = CalendarDate(year: year, month: month, day: day) { return date }
        if time == nil, CalendarDate.isOutsideYears(year: year, month: month, day: day) {
            throw .cell(reason: ImportWords.dateOutsideYears, allowed: dateAllowed)
        }
        if time == nil, (1...12).contains(month), day >= 1, (1900...9999).contains(year) {
            let days = CalendarDate.daysIn(month: month, year: year)
            throw .cell(reason: ImportWords.notARealDate(month: month, monthName: monthNames[month - 1], year: year, days: days), allowed: dateAllowed)
        }
        throw .cell(reason: compact ? ImportWords.notARealCompactDate(year: year, month: month, day: day, time: time) : ImportWords.notARealDate,
                    allowed: dateAllowed)
    }

    /// Whether a date cell is read as an Excel serial number (`45292`, under `--excel-dates`): a bare number that is
    /// not eight or fourteen digits. A message about the date it gave says so (review 38b): the clerk sees the number.
    static func isExcelSerial(_ text: String) -> Bool {
        let bytes = Array(halfWidthDate(text).utf8)
        return bytes.count != 8 && bytes.count != 14 && serialPoint(bytes) != nil
    }

    /// Where a bare number's decimal point is (`bytes.count` for a whole number), or nil when `bytes` is not a bare
    /// number: digits, optionally a point and more digits (`46027.5`, a date-time cell Excel saved as a number). A
    /// number with a fraction is taken for a serial only with five whole digits (1927 to 2173), so that `2024.03`
    /// (a year and month) stays "not a date".
    private static func serialPoint(_ bytes: [UInt8]) -> Int? {
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        guard point > 0, bytes[..<point].allSatisfy(isDigit) else { return nil }
        guard point < bytes.count else { return point }
        let fraction = bytes[(point + 1)...]
        return point == 5 && !fraction.isEmpty && fraction.allSatisfy(isDigit) ? point : nil
    }

    /// `text` with the full-width forms of a date's characters made ASCII: the digits ０–９, －, ／, ．, ： and the
    /// ideographic space (before a time). Only these: a date holds nothing else, and a cell holding anything else
    /// is refused as it was.
    static func halfWidthDate(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xFF0D && $0.value <= 0xFF1A || $0 == "\u{3000}" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF1A: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.unicodeScalars.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the 1900-02-29 that never was
    /// (a Lotus 1-2-3 bug Excel kept), so serials from 61 on are one day less than a plain count. `fraction` (the
    /// digits after the point, empty for a whole number) is the time of day: with `anyTime` it is dropped, as a
    /// written time is; otherwise only midnight is taken, as `2024/3/1 0:00` is and `2024/3/1 9:30` is not.
    /// Excel's serial of 1950-01-01: under `--excel-dates` a smaller serial is refused (README, dates).
    static let firstPlausibleSerial = 18_264
    /// Excel's serial of 2099-12-31: a larger bare number in a date column is refused as no date (`lateExcelSerial`).
    static let lastPlausibleSerial = 73_050

    private static func excelSerial(_ whole: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>, allowed: Bool,
                                    anyTime: Bool) throws(ImportError) -> CalendarDate {
        var serial = 0
        for b in whole.prefix(8) { serial = serial * 10 + Int(b - UInt8(ascii: "0")) }
        let valid = whole.count <= 7 && serial >= 1 && serial != 60 && serial <= 2_958_465
        let first = CalendarDate(year: 1900, month: 1, day: 1)!
        guard valid else { throw .cell(reason: ImportWords.notADate, allowed: dateAllowed) }
        let date = first.adding(days: serial < 60 ? serial - 1 : serial - 2)
        // The minute of the day, rounded (Excel stores 12:30 as 0.520833333…); nil for a whole number or midnight.
        var minute: Int?
        if !fraction.isEmpty {
            var numerator = 0, denominator = 1
            for b in fraction.prefix(12) { numerator = numerator * 10 + Int(b - UInt8(ascii: "0")); denominator *= 10 }
            let rounded = min((numerator * 1440 * 2 + denominator) / (2 * denominator), 1439)
            minute = rounded == 0 ? nil : rounded
        }
        // A serial past 2099 is no date of this ledger either, and `--excel-dates` would not help: six digits are
        // most likely a date written yymmdd (`240301`, review 47b: advised to pass --excel-dates, then refused as
        // 2557-12-01, after the recording date).
        if serial > lastPlausibleSerial {
            var yymmdd: CalendarDate?
            if whole.count == 6 {
                let digits = whole.map { Int($0 - UInt8(ascii: "0")) }
                yymmdd = CalendarDate(year: 2000 + digits[0] * 10 + digits[1], month: digits[2] * 10 + digits[3], day: digits[4] * 10 + digits[5])
            }
            throw .cell(reason: ImportWords.lateExcelSerial(date, yymmdd: yymmdd), allowed: dateAllowed)
        }
        if let minute, !anyTime {
            throw .cell(reason: ImportWords.excelSerial(date, minute: minute), allowed: ImportWords.excelDateTimeAllowed(date))
        }
        // A serial before 1950-01-01 is no date of this ledger: most likely a year or a count typed in a date
        // column (`2028` in 保修期至 read as 1905-07-20, review 45a D4), refused naming the reading.
        if allowed, serial < firstPlausibleSerial {
            throw .cell(reason: ImportWords.implausibleExcelSerial(date), allowed: ImportWords.implausibleExcelSerialAllowed)
        }
        if allowed { return date }
        throw .cell(reason: ImportWords.excelSerial(date), allowed: ImportWords.excelSerialAllowed)
    }

    static let areaAllowed = ImportWords.areaAllowed

    /// Parses an area in m²: `35.5`, `35.50㎡`, `1,234.5`, `12 m²`, `20平方米`, `20平米`, `20平`; at most two decimals.
    public static func area(_ text: String) throws(ImportError) -> DecimalQuantity {
        // Plain numbers (the common case) skip the unit search.
        if let last = text.utf8.last, last >= UInt8(ascii: "0"), last <= UInt8(ascii: "9"),
           let quantity = DecimalQuantity(text: text, scale: 2) {
            return quantity
        }
        // The usual suffixes (`35.50㎡`, `20 平方米`: a register may write one on each of a million rows) without the
        // word rule; a cell they leave unread (`1.2万平方米`, `-5㎡`) goes on to it and to the reasons below.
        for unit in ["平方米", "㎡", "平米", "平", "m²", "m2"] where text.hasSuffix(unit) {
            if let quantity = try? DecimalQuantity.parse(personText: text.dropLast(unit.count), scale: 2) { return quantity }
            break
        }
        // Unit words around the number (`12.5平方`, `12.5 sqm`): the area's own are dropped, another unit is refused.
        var number = Substring(text)
        switch unitWords(text, for: .squareMetres) {
        case .foreign(let unit): throw .cell(reason: ImportWords.foreignUnitInCell(unit, for: .squareMetres), allowed: ImportWords.foreignUnitInCellAllowed(.squareMetres))
        case .own(let without): number = Substring(without)
        case .doubled(let words): throw .cell(reason: ImportWords.doubledUnitInCell(words), allowed: areaAllowed)
        case .rate, .none: break
        }
        while number.last == " " { number = number.dropLast() }
        // The shared decimal reader (full-width digits too), with the reasons this register has always given.
        do throws(EventError) {
            return try DecimalQuantity.parse(personText: number, scale: 2)
        } catch {
            switch error {
            case .decimal(.negative):
                // `-0.00` (what Excel shows of a formula's tiny negative) is zero, as a money cell's is (review 37c F4):
                // the zero-area rule then speaks of it.
                let unsigned = number.drop { $0 == "-" || $0 == "\u{2212}" || $0 == "\u{FF0D}" || $0 == " " }
                if let zero = try? DecimalQuantity.parse(personText: unsigned, scale: 2), zero.units == 0 { return zero }
                throw .cell(reason: ImportWords.areaNegative, allowed: areaAllowed)
            case .decimal(.tooManyDecimals): throw .cell(reason: ImportWords.areaDecimals, allowed: areaAllowed)
            case .decimal(.ambiguousComma): throw .cell(reason: ImportWords.areaComma, allowed: areaAllowed)
            case .decimal(.tooLarge(let limit)): throw .cell(reason: ImportWords.areaTooLarge(limit), allowed: areaAllowed)
            case .decimal(.scientificNotation):
                throw .cell(reason: ImportWords.notAnArea + Wording(en: ": ", zh: "：") + EventWords.decimal(.scientificNotation), allowed: areaAllowed)
            case .decimal(.zerosOrThousandsPoint(let decimal, let thousands)):
                throw .cell(reason: ImportWords.notAnArea + Wording(en: ": ", zh: "：")
                                + EventWords.decimal(.zerosOrThousandsPoint(decimal: decimal, thousands: thousands)), allowed: areaAllowed)
            default: throw .cell(reason: ImportWords.notAnArea, allowed: areaAllowed)
            }
        }
    }

    static let yuanAllowed = ImportWords.yuanAllowed

    /// Parses an amount of money written in yuan (`3000`, `3,000.00`, `¥3000.5`, `3000元`, `RMB 3000`, `人民币3000元`,
    /// `3000圆`, full-width digits) into fen; an amount in another unit (`1.2万元`, `USD 500`, `500美元`) is refused,
    /// never read as 元 (`unitWords`). `kind` is the file's, for the advice on a negative amount however it is written
    /// (`-500.00`, `¥-500`, `500.00-`, `(500.00)`: `NegativeYuan`); a negative zero (`-0.00`, `(0.00)`) is zero, refused
    /// or skipped as 0.00 is. `balance`: the cell is a balance (a statement's 余额), and a text that is no number is
    /// said to be no balance.
    public static func yuan(_ text: String, allowNegative: Bool = false, kind: FactKind? = nil, balance: Bool = false) throws(ImportError) -> Amount {
        do throws(EventError) { return try Amount.parse(yuanText: text, allowNegative: allowNegative) } catch {
            if isAccountingZero(text) { return .zero }
            // Every way of writing a negative amount gets the same advice, so that a clerk is never left to drop the
            // sign or the brackets (reviews 34c #1, 35c): `(500.00)` would otherwise be "not a number".
            if !allowNegative, let negative = NegativeYuan(text) {
                if (try? Amount.parse(yuanText: negative.magnitude)) == .zero { return .zero }
                let reason = negative.bracketed ? ImportWords.bracketedNegative(negative.magnitude)
                                                : ImportWords.notYuan(.decimal(.negative))
                throw .cell(reason: reason, allowed: ImportWords.negativeAllowed(negative.magnitude, kind: kind))
            }
            // After the negative forms, which keep `¥` and `元` in the amount they ask for (`¥100` of `¥-100`).
            switch unitWords(text, for: .yuan) {
            case .foreign(let unit): throw .cell(reason: ImportWords.foreignUnitInCell(unit, for: .yuan), allowed: ImportWords.foreignUnitInCellAllowed(.yuan))
            case .own(let without): return try yuan(without, allowNegative: allowNegative, kind: kind, balance: balance)
            case .doubled(let words): throw .cell(reason: ImportWords.doubledUnitInCell(words), allowed: yuanAllowed)
            case .rate(let words): throw .cell(reason: ImportWords.rateInCell(words), allowed: ImportWords.rateInCellAllowed)
            case .none: break
            }
            try refuseChineseNumerals(text)
            if isDashOnly(text) { throw .cell(reason: ImportWords.dashOnlyAmount, allowed: ImportWords.dashOnlyAmountAllowed) }
            throw .cell(reason: ImportWords.notYuan(error, balance: balance), allowed: yuanAllowed)
        }
    }

    /// Parses a signed amount of a bank statement as `yuan` does, a minus after the number (`500.00-`, `500.00-元`, as
    /// some bank exports print a debit) read as one before it (money out, as `-500.00`). An amount in brackets
    /// (`(500.00)`) is refused with its own advice: the statement's sign is its direction, which is not guessed.
    static func signedYuan(_ text: String) throws(ImportError) -> Amount {
        do throws(EventError) { return try Amount.parse(yuanText: text, allowNegative: true) } catch {
            if isAccountingZero(text) { return .zero }
            if let negative = NegativeYuan(text) {
                if negative.bracketed {
                    throw .cell(reason: ImportWords.bracketedNegativeInStatement(negative.magnitude),
                                allowed: ImportWords.bracketedNegativeInStatementAllowed(negative.magnitude))
                }
                if let magnitude = try? Amount.parse(yuanText: negative.magnitude) { return -magnitude }
            }
            switch unitWords(text, for: .yuan) {
            case .foreign(let unit): throw .cell(reason: ImportWords.foreignUnitInCell(unit, for: .yuan), allowed: ImportWords.foreignUnitInCellAllowed(.yuan))
            case .own(let without): return try signedYuan(without)
            case .doubled(let words): throw .cell(reason: ImportWords.doubledUnitInCell(words), allowed: yuanAllowed)
            case .rate(let words): throw .cell(reason: ImportWords.rateInCell(words), allowed: ImportWords.rateInCellAllowed)
            case .none: break
            }
            try refuseChineseNumerals(text)
            throw .cell(reason: ImportWords.notYuan(error), allowed: yuanAllowed)
        }
    }

    /// Refuses an amount written in Chinese numerals, the 大写 of a receipt or cheque (`壹佰元整`, `叁仟伍佰元`,
    /// `一百元`), saying so: it is not read (the 小写 figure in Arabic digits is the one to copy), and "not a number"
    /// would not tell the clerk why. Only a cell with no Arabic digit, holding a numeral and nothing but numerals
    /// and the money words 元 圆 角 分 整 正 (and 人民币, ¥), is such an amount.
    static func refuseChineseNumerals(_ text: String) throws(ImportError) {
        let numerals = "零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億一二两兩三四五六七八九十百千万亿"
        var rest = Substring(text)
        for prefix in ["人民币", "¥", "￥"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        guard rest.contains(where: { numerals.contains($0) }),
              rest.allSatisfy({ numerals.contains($0) || "元圆角分整正 ".contains($0) }) else { return }
        throw .cell(reason: ImportWords.chineseNumerals, allowed: ImportWords.chineseNumeralsAllowed)
    }

    /// What the words around a figure cell's number say of its unit (`RMB 1234.50`, `12.5平方`, `1.2万元`, `USD 500`).
    enum UnitWordsInCell: Equatable {
        /// No unit words, or words that are no unit (`约100`): the cell is read as written.
        case none
        /// The column's own unit (`人民币`, `RMB`, `CNY`, `圆`; `平方`, `sqm`): the cell without those words, its signs,
        /// brackets and spaces kept (`RMB -500` → ` -500`).
        case own(String)
        /// Another unit (`万元`, `美元`, `US$`; `亩`, `公顷`, `sq ft`), as written.
        case foreign(String)
        /// The column's unit stated twice (`100元整元`, `12平方米㎡`): the words of the side that doubles it, as written.
        case doubled(String)
        /// A rate, not an amount (`600元/月`, `20元/㎡/月`): the words that make it one, as written.
        case rate(String)
    }

    /// Reads the words before a cell's number (from its first digit) and after it (from the first character past its
    /// digits, commas and points) by `UnitWords`' rule, the rule of a heading's brackets and of a unit column: a side
    /// of only the column's own unit words is dropped; a side naming another unit refuses the cell, whatever the
    /// other side says. Only called for a cell the plain reader refused, so that nothing it read changes.
    static func unitWords(_ text: String, for unit: RegisterVocabulary.ColumnUnit) -> UnitWordsInCell {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) || (0xFF10...0xFF19).contains(s.value) }
        guard let start = scalars.firstIndex(where: isDigit) else { return .none }
        var end = start
        while end < scalars.count, isDigit(scalars[end]) || ",.，．".unicodeScalars.contains(scalars[end]) { end += 1 }
        // Signs, brackets and spaces stay where they are written: they are the number's (`NegativeYuan`).
        let marks = "-+\u{2212}\u{FF0D}\u{FF0B}()（） \t\u{00A0}\u{3000}".unicodeScalars
        func split(_ side: ArraySlice<Unicode.Scalar>) -> (words: String, marks: String) {
            var words = "", kept = ""
            for scalar in side { if marks.contains(scalar) { kept.unicodeScalars.append(scalar) } else { words.unicodeScalars.append(scalar) } }
            return (words, kept)
        }
        let before = split(scalars[..<start]), after = split(scalars[end...])
        guard !before.words.isEmpty || !after.words.isEmpty else { return .none }
        // Shown as written (`sq ft`, `元/月`), without the spaces and signs at its edges.
        func shown(_ range: Range<Int>) -> String {
            var shown = Substring(String(String.UnicodeScalarView(scalars[range])))
            while let first = shown.unicodeScalars.first, marks.contains(first) { shown = shown.dropFirst() }
            while let last = shown.unicodeScalars.last, marks.contains(last) { shown = shown.dropLast() }
            return String(shown)
        }
        for (side, range) in [(before.words, 0..<start), (after.words, end..<scalars.count)]
        where !side.isEmpty && UnitWords.read(side, for: unit).verdict == .foreign {
            return .foreign(shown(range))
        }
        if unit == .yuan {
            for (side, range) in [(before.words, 0..<start), (after.words, end..<scalars.count)] where !side.isEmpty && UnitWords.isRate(side) {
                return .rate(shown(range))
            }
        }
        let unitsBefore = before.words.isEmpty ? 0 : UnitWords.unitWordCount(before.words, for: unit)
        let unitsAfter = after.words.isEmpty ? 0 : UnitWords.unitWordCount(after.words, for: unit)
        guard let unitsBefore, let unitsAfter else { return .none }
        if unitsBefore + unitsAfter > 1 {
            return .doubled(shown(unitsAfter > 1 ? end..<scalars.count : unitsBefore > 1 ? 0..<start : 0..<scalars.count))
        }
        var number = before.marks
        number.unicodeScalars.append(contentsOf: scalars[start..<end])
        return .own(number + after.marks)
    }

    /// The amount inside `(500.00)` or `（500.00）` (accounting style for −500.00), as written; nil when `text` is
    /// not an amount in brackets.
    static func bracketedAmount(_ text: String) -> String? {
        guard let negative = NegativeYuan(text), negative.bracketed else { return nil }
        return negative.magnitude
    }

    /// The units a count of owners may carry (`330人`, `330户`, `330名`): people, households, persons.
    static let countUnits: Set<String> = ["人", "户", "名"]

    /// Parses a count of owners (a decisions file's 参与表决人数 and 同意人数): a whole number by the rule of amounts
    /// and areas (`330`, `330.00`, full-width `３３０`), optionally followed by one of `countUnits` (`330人`,
    /// `330 户`). Words of another unit after the number (`330票`, `330人次`, `330平方米`) refuse the cell naming
    /// them: the column counts owners, and nothing else is read as owners. `example` is the column's, for the advice.
    static func count(_ text: String, example: String) throws(ImportError) -> Int64 {
        do throws(EventError) { return try DecimalText.units(person: text, scale: 0, maxUnits: 1 << 53 - 1) } catch {
            func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) || (0xFF10...0xFF19).contains(s.value) }
            let scalars = text.unicodeScalars
            if let last = scalars.lastIndex(where: isDigit), scalars.index(after: last) < scalars.endIndex {
                let unit = trimmed(String(scalars[scalars.index(after: last)...]))
                if countUnits.contains(unit) { return try count(trimmed(String(scalars[...last])), example: example) }
                // Words (a letter or a character of a script), not a stray sign or bracket: a unit.
                if unit.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
                    throw .cell(reason: ImportWords.countInAnotherUnit(unit), allowed: ImportWords.countUnitAllowed(example: example))
                }
            }
            throw .cell(reason: ImportWords.notAWholeNumber(error), allowed: ImportWords.writeCount(example: example))
        }
    }

    /// Maps a kind cell (Chinese word or English code, or a word from the mapping) to a kind code.
    public static func kind(_ text: String, mapping: ColumnMapping?) throws(ImportError) -> AssetKind {
        let key = RegisterVocabulary.normalizedKind(text)
        // Mapping files name only known kind codes (checked when read).
        if let code = mapping?.kinds[key] ?? RegisterVocabulary.kindTable[key] { return AssetKind(rawValue: code)! }
        throw .cell(reason: ImportWords.notAKind, allowed: ImportWords.kindAllowed(RegisterVocabulary.kindsAllowedText))
    }
}
