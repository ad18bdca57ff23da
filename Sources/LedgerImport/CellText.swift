import LedgerEvents

/// The rules every importer (assets, facts, statements) applies to the text of a cell before reading it as its
/// field: what a spreadsheet leaves in a cell that is not the clerk's data. One function (`textRefusal`), so the
/// three importers refuse the same cells with the same words (ledger-spec.md section 12, README "Import").
extension Cell {
    /// What a cell stands for, which decides the rules `textRefusal` applies.
    enum TextRole {
        /// An id a row introduces (an asset id, a fact's own id): the writer's door (`EventInput.doorIDFault`)
        /// refuses invisible and full-width characters itself, with its exception for an id the ledger holds.
        case id
        /// A voucher or a bank's serial number: an id-like text the door does not see.
        case voucher
        /// A name, a person or a counterparty: what totals and searches group by.
        case name
        /// Any other free text (a location, a purpose, a memo, a note, an extra column).
        case text
        /// A value read by its own parser (a date, an amount, an area, a kind, a word): an Excel error value and
        /// Excel's text marker saved into the cell (`'12.5`: `textMarker`) are told apart, with their own messages.
        case value
        /// A reference to an id the ledger holds (a community, a fund, an asset, a contract): only an Excel error
        /// value is told apart here. A text marker is the caller's to refuse, unless the ledger holds the id with it
        /// (recorded by a version before the rule): such an id still names what it named.
        case reference
    }

    /// Why `text` (trimmed, not empty) may not be imported as a cell of `role`, or nil:
    /// - every role: exactly one of Excel's or WPS's error values (`#N/A`, `#REF!`, …; `isExcelError`);
    /// - every role: a control character or a line break (`controlRefusal`: `.text` may hold tabs and line breaks,
    ///   and with `namesSplitByCaller` a `.name` may hold the tabs and line breaks `splitInName` tells apart);
    /// - `.id`, `.voucher`, `.value`: Excel's text marker at the start (`'00123`, `＇`, `‘`, `’`: `textMarker`);
    /// - `.voucher`, `.name`, `.text`: an invisible character (`invisibleInText`);
    /// - `.id`, `.voucher`, `.name`: a formula saved as text (`formulaStart`);
    /// - `.id`, `.voucher`: a number Excel wrote in scientific notation (`isScientific`);
    /// - `.voucher`: full-width ASCII forms (the door refuses them in ids).
    /// `controlsPossible` false says the caller knows `text` holds no byte `controlRefusal` looks for (its row's
    /// bytes were scanned at once: `RegisterRow.controlsPossible`), which then is not asked.
    static func textRefusal(_ text: String, role: TextRole, namesSplitByCaller: Bool = false,
                            controlsPossible: Bool = true) -> ImportError.CellRefusal? {
        guard let first = text.utf8.first else { return nil }
        // `#` or a full-width `＃` (EF BC 83): the only starts of an error value.
        if first == UInt8(ascii: "#") || first == 0xEF, isExcelError(text) {
            return ImportError.CellRefusal(reason: ImportWords.excelError, allowed: ImportWords.excelErrorAllowed)
        }
        if controlsPossible, let refusal = controlRefusal(text, role: role, namesSplitByCaller: namesSplitByCaller) { return refusal }
        // Excel's text marker saved into the file: `'00123` beside a recorded `00123` would be a second part or payment.
        if role == .id || role == .voucher || role == .value, let refusal = textMarkerRefusal(text, id: role != .value) {
            return refusal
        }
        if role == .value || role == .reference { return nil }
        if role != .text, let sign = formulaStart(text, id: role != .name) {
            return ImportError.CellRefusal(reason: ImportWords.formula(sign), allowed: ImportWords.formulaAllowed)
        }
        if role == .id || role == .voucher, isScientific(text) {
            return ImportError.CellRefusal(reason: ImportWords.scientific, allowed: ImportWords.scientificAllowed)
        }
        if role == .id || text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        // In a name, a character the writer's door allows where its script puts it (traditional Mongolian's format
        // characters, an emoji ZWJ sequence's joiner: `EventInput.nameFault`) is not refused here either.
        if let scalar = invisibleInText(text), role != .name || EventInput.nameFault(text) != nil {
            return ImportError.CellRefusal(reason: ImportWords.invisibleInText(scalar), allowed: ImportWords.invisibleInTextAllowed)
        }
        if role == .voucher, let ascii = EventInput.fullWidthASCII(text) {
            return ImportError.CellRefusal(reason: ImportWords.fullWidthVoucher(ascii), allowed: ImportWords.fullWidthVoucherAllowed(ascii))
        }
        return nil
    }

    /// Why `text` may not be imported as a cell of `role` for a control character (Unicode Cc: C0, DEL, C1) or a
    /// line break in it, or nil:
    /// - `.text` (a purpose, a note, a location, an extra column) may hold tabs and line breaks (LF, CR: a note over
    ///   several lines, Alt+Enter in Excel); any other control character is refused;
    /// - `.name`, `.voucher`, `.value`, `.reference` are one line: a line break (LF, VT, FF, CR, U+0085, U+2028, U+2029) is refused
    ///   with the hint that a quote may be unbalanced (the reader then took the rows below into the cell), any other
    ///   control character as such; with `namesSplitByCaller` a `.name` leaves tabs and line breaks to the caller
    ///   (`splitInName`, which lets a name the ledger already holds import again);
    /// - `.id`: a line break as for `.name`; other control characters are left to the id rules (`EventInput.idFault`),
    ///   which refuse them with their own message.
    /// `ledger append` refuses none of these in text (the record format allows any string): the import refuses
    /// what a spreadsheet cell never holds as data. `U+0001` in `ABC` + U+0001 is a second counterparty in every
    /// total, invisible in every report.
    static func controlRefusal(_ text: String, role: TextRole, namesSplitByCaller: Bool = false) -> ImportError.CellRefusal? {
        // Most cells hold none of C0, DEL, C1 (C2 80–C2 9F) and U+2028/U+2029 (E2 80 A8/A9): one pass over the bytes.
        guard text.utf8.contains(where: mayBeginControl) else { return nil }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let lineBreak = (0x0A...0x0D).contains(value) || value == 0x85 || value == 0x2028 || value == 0x2029
            let control = value < 0x20 || (0x7F...0x9F).contains(value)
            guard lineBreak || control else { continue }
            switch role {
            case .text:
                // U+2028 and U+2029 are not controls: a note's line breaks too.
                if !control || value == 0x09 || value == 0x0A || value == 0x0D { continue }
                return ImportError.CellRefusal(reason: ImportWords.controlInCell(scalar), allowed: ImportWords.controlInCellAllowed(multiLine: true))
            case .name where namesSplitByCaller:
                if lineBreak || value == 0x09 { continue }
            case .id:
                if !lineBreak { continue }
            case .name, .voucher, .value, .reference:
                break
            }
            if lineBreak {
                return ImportError.CellRefusal(reason: ImportWords.lineBreakInOneLineCell(scalar), allowed: ImportWords.lineBreakInOneLineCellAllowed)
            }
            return ImportError.CellRefusal(reason: ImportWords.controlInCell(scalar), allowed: ImportWords.controlInCellAllowed(multiLine: false))
        }
        return nil
    }

    /// Whether a UTF-8 byte may be, or begin, what `controlRefusal` refuses: C0 and DEL themselves, C2 (C1 controls
    /// and U+0085), E2 (U+2028, U+2029). A text without any such byte holds none of them.
    @inline(__always)
    static func mayBeginControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 }

    /// Excel's and WPS's error values, as a cell holding a failed formula is saved to CSV.
    static let excelErrors: Set<String> = [
        "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA",
        "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    ]

    /// Whether `text` is exactly an error value (`excelErrors`), in any ASCII case and in full-width forms
    /// (`＃Ｎ／Ａ`, as a Chinese input method types it): no register's value is spelled so.
    static func isExcelError(_ text: String) -> Bool {
        var folded = ""
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value >= 0xFF01, value <= 0xFF5E { value -= 0xFEE0 }
            guard value < 0x80 else { return false }
            if value >= 0x61, value <= 0x7A { value -= 0x20 }
            folded.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
            if folded.utf8.count > 16 { return false }
        }
        return excelErrors.contains(folded)
    }

    /// The character that makes `text` a formula saved as text, or nil: `=` and `@` always (no id or name begins
    /// so); `+` and `-` only when the rest reads as a formula's body (`formulaBody`: `-B2`, `+SUM(C2:C9)`), since
    /// offices name basement parts and their tenants `-1层车位`, `-2F-008`, `+1层平台`, and a lone `-` is a
    /// placeholder. The reports' CSV prefixes a cell beginning with `=`, `+`, `-` or `@` with `'` (README
    /// "Formats"), so none runs in a reader's spreadsheet; the refusal is about the value: a formula is not data.
    static func formulaStart(_ text: String, id: Bool) -> Character? {
        guard let first = text.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"): return Character(Unicode.Scalar(first))
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return formulaBody(text.utf8.dropFirst()) ? Character(Unicode.Scalar(first)) : nil
        default: return nil
        }
    }

    /// Whether `bytes` read as a spreadsheet formula's body: made of cell references (`B2`, `$C$9`, `AB12`, a column
    /// or row range's ends `A:A`, `1:3`), each maybe after a sheet (`Sheet2!`, `'Sheet 1'!`, `汇总!`), numbers,
    /// function names followed by `(`, quoted strings, operators, parentheses, separators and spaces, with at least
    /// one reference or function. `2F-008` (a letter run followed by neither a digit nor `(`) and `1层车位` (text
    /// outside a sheet name) are not; `B2*3`, `SUM(C2:C9)`, `VLOOKUP(A2,Sheet2!A:B,2,0)` and `A1&"x"` are.
    static func formulaBody(_ bytes: Substring.UTF8View) -> Bool {
        let b = Array(bytes)
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        let operators = Set("+-*/^&%,:;()<>= ".utf8)
        let bang = UInt8(ascii: "!"), colon = UInt8(ascii: ":"), dollar = UInt8(ascii: "$")
        var i = 0, sawReference = false
        while i < b.count {
            let c = b[i]
            // A sheet before a reference: `'Sheet 1'!`, or a run of anything but operators and quotes up to `!`.
            if c == UInt8(ascii: "'") {
                guard let close = b[(i + 1)...].firstIndex(of: c), close + 1 < b.count, b[close + 1] == bang else { return false }
                i = close + 2
                continue
            }
            if let end = b[i...].firstIndex(where: { operators.contains($0) || $0 == UInt8(ascii: "\"") || $0 == bang }),
               b[end] == bang, end > i {
                i = end + 1
                continue
            }
            if isDigit(c) || c == UInt8(ascii: ".") {
                let start = i
                while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: ".") { i += 1 }
                if i < b.count, isLetter(b[i]) { return false }  // `2F`: not a number, not a reference
                // A row range's end (`1:3`) is a reference.
                if (i < b.count && b[i] == colon) || (start > 0 && b[start - 1] == colon) { sawReference = true }
            } else if isLetter(c) || c == dollar {
                var j = i
                if b[j] == dollar { j += 1 }
                let lettersStart = j
                while j < b.count, isLetter(b[j]) { j += 1 }
                guard j > lettersStart else { return false }
                if j < b.count, b[j] == UInt8(ascii: "(") || b[j] == UInt8(ascii: ".") {
                    while j < b.count, b[j] != UInt8(ascii: "(") {
                        guard isLetter(b[j]) || isDigit(b[j]) || b[j] == UInt8(ascii: ".") else { return false }
                        j += 1
                    }
                    guard j < b.count else { return false }
                    sawReference = true
                    i = j + 1
                    continue
                }
                guard j - lettersStart <= 3 else { return false }
                if j < b.count, b[j] == dollar { j += 1 }
                let digitsStart = j
                while j < b.count, isDigit(b[j]) { j += 1 }
                // A column range's end (`A:A`) has no digits.
                let columnEnd = j == digitsStart && ((j < b.count && b[j] == colon) || (i > 0 && b[i - 1] == colon))
                guard j > digitsStart || columnEnd, j == b.count || !isLetter(b[j]) else { return false }
                sawReference = true
                i = j
            } else if c == UInt8(ascii: "\"") {
                guard let close = b[(i + 1)...].firstIndex(of: c) else { return false }
                i = close + 1
            } else if operators.contains(c) {
                i += 1
            } else {
                return false
            }
        }
        return sawReference
    }

    /// Whether `text` is a number as Excel's General format shows one too long for the cell: digits, an optional
    /// fraction, `E+` and at least two digits (`1.23457E+11`, `6.22848E+17`). Excel keeps only about six
    /// significant digits in the CSV it saves: the id's other digits are lost. A negative exponent is a small
    /// number, never a shortened id, and `12E-01` is an office's building-zone-number id.
    static func isScientific(_ text: String) -> Bool {
        // It begins with a digit: most ids do not, and need no copy of their bytes.
        guard let first = text.utf8.first, first >= 0x30, first <= 0x39 else { return false }
        let bytes = Array(text.utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var i = 0
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        guard i > 0 else { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            guard i > start else { return false }
        }
        guard i + 3 < bytes.count, bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "e"),
              bytes[i + 1] == UInt8(ascii: "+") else { return false }
        let exponent = bytes[(i + 2)...]
        return exponent.count >= 2 && exponent.allSatisfy(isDigit)
    }

    /// The first invisible format character in `text`, or nil: a default-ignorable code point or a format
    /// character (Unicode Cf) such as U+200B ZERO WIDTH SPACE, U+200C, U+200D, U+2060, U+FEFF inside the text,
    /// U+00AD SOFT HYPHEN or a bidi mark — not a line break, tab or space (a note may hold them), and not a
    /// variation selector (a rare name's ideograph may carry one). `某公司` and `某公司` + U+200B look the same
    /// but are two counterparties to every total and search.
    static func invisibleInText(_ text: String) -> Unicode.Scalar? { EventInput.invisibleInText(text) }

    /// The first no-break space (U+00A0, U+2007, U+202F), other space-like character (tab, U+1680, U+2000–U+200A
    /// but U+2007, U+205F) or line break (LF, VT, FF, CR, U+0085, U+2028, U+2029) inside a name (`text` is trimmed,
    /// so none is at its ends), or nil. The ordinary space and the ideographic space U+3000 (which Chinese input
    /// methods type) are not among them. A name is what totals and searches group by, and
    /// `某 公司` with a no-break space (pasted from a web page) or `某公司` broken over two lines by Alt+Enter looks
    /// like the name a clerk meant but is another one. Not one of `textRefusal`'s rules: only a name a row gives
    /// anew is held to it (`RegisterImporter`: a new asset's, or a changed one), never one the ledger holds already
    /// nor a bank's or a fact file's counterparty (ledger-spec.md section 12).
    static func splitInName(_ text: String) -> Unicode.Scalar? {
        // Tab to CR; C2 starts U+0085 and U+00A0, E1 U+1680, E2 U+2000–U+205F: most names have none of these.
        guard text.utf8.contains(where: { (0x09...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE1 || $0 == 0xE2 }) else { return nil }
        return text.unicodeScalars.first { nameSplitKind($0) != nil }
    }

    /// Why `text` (trimmed, not empty) may not be imported as a name or grouping key, or nil: the writer's door rule
    /// for names (`EventInput.nameFault`, ledger-spec.md section 8 "Names at the door"), so that an import refuses in
    /// an asset's name, a person's column (a counterparty, a user, an inspector; `--private` or not) and a new
    /// category word exactly what `ledger append` refuses there. A character `splitInName` finds (a tab, a line
    /// break, a no-break or other space-like character inside) is said in its own words; it is one the rule
    /// refuses too. The caller decides where a value the ledger holds already is let through (a register's
    /// asset name held byte for byte, a category word the log holds).
    static func nameRefusal(_ text: String) -> ImportError.CellRefusal? {
        guard let fault = EventInput.nameFault(text) else { return nil }
        // One of `splitInName`'s characters inside, said in its words (where the rule refuses it: it allows U+202F
        // between Mongolian letters).
        if case .inside(let scalar) = fault, let kind = nameSplitKind(scalar) {
            switch kind {
            case .lineBreak: return ImportError.CellRefusal(reason: ImportWords.lineBreakInName(scalar), allowed: ImportWords.lineBreakInNameAllowed)
            case .otherSpace: return ImportError.CellRefusal(reason: ImportWords.otherSpaceInName(scalar), allowed: ImportWords.noBreakSpaceInNameAllowed)
            case .noBreakSpace: return ImportError.CellRefusal(reason: ImportWords.noBreakSpaceInName(scalar), allowed: ImportWords.noBreakSpaceInNameAllowed)
            }
        }
        return ImportError.CellRefusal(reason: ImportWords.nameFault(fault), allowed: ImportWords.nameFaultAllowed(fault))
    }

    /// How a scalar of `splitInName` splits a name: looking like a space but another character, or breaking the line.
    enum NameSplit { case noBreakSpace, otherSpace, lineBreak }

    static func nameSplitKind(_ scalar: Unicode.Scalar) -> NameSplit? {
        switch scalar.value {
        case 0xA0, 0x2007, 0x202F: return .noBreakSpace
        case 0x09, 0x1680, 0x2000...0x200A, 0x205F: return .otherSpace
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return .lineBreak
        default: return nil
        }
    }

    /// Whether `text`, spaces removed, may begin with a word of `totalsWords`: only when its first
    /// scalar other than a space is U+3400 or above. (A String's prefix compares canonically equivalent text, and
    /// what is canonically one of these ideographs starts with an ideograph: itself, or a CJK compatibility
    /// ideograph, U+F900 and above.) Most rows begin with an id in ASCII, which needs no squeezed copy.
    static func mayBeginTotals(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar != " " && scalar != "\u{3000}" { return scalar.value >= 0x3400 }
        return false
    }

    /// The words a totals row begins with (spaces inside ignored), simplified and traditional: 合计, 总计, 小计, 共计,
    /// 累计, alone or after the page or period they sum (本页合计, 本月累计, 本年累计, 本期合计), and a paper ledger's
    /// carried-forward rows (承前页, 过次页, 转下页, 承上页).
    static let totalsWords: [String] = {
        let sums = ["合计", "总计", "小计", "共计", "累计", "合計", "總計", "小計", "共計", "累計"]
        let periods = ["本页", "本頁", "本日", "当日", "當日", "本月", "本期", "本季", "本季度", "本年", "本年度", "当月", "當月", "全年", "上页", "上頁"]
        return sums + periods.flatMap { period in sums.map { period + $0 } }
            + ["承前页", "承前頁", "过次页", "過次頁", "转下页", "轉下頁", "承上页", "承上頁"]
    }()

    /// Whether `text`, spaces inside removed, begins with a word of `totalsWords` (`mayBeginTotals` asked first).
    static func isTotalsLabel(_ text: String) -> Bool {
        let squeezed = LabelText.withoutSpaces(text)
        return totalsWords.contains(where: { squeezed.hasPrefix($0) })
    }

    /// Whether `text` is an English totals label as a whole cell (`Total`, `TOTAL:`, `Subtotal`, `Grand total`,
    /// `Sum`): as a whole cell only, since a row's first cell may be a name beginning with such a word.
    static func isEnglishTotalsLabel(_ text: String) -> Bool {
        guard let first = text.utf8.first, first | 0x20 == UInt8(ascii: "t") || first | 0x20 == UInt8(ascii: "s")
                || first | 0x20 == UInt8(ascii: "g") || first == 0x20 else { return false }
        var word = Cell.trimmed(text).lowercased()
        if word.hasSuffix(":") { word.removeLast() }
        return ["total", "totals", "subtotal", "sub-total", "sub total", "grand total", "sum"].contains(word)
    }

    /// Whether a row is blank but for its numbering (`numbering`: the columns headed 序号 that the importer ignores),
    /// each such filled cell a number: a sheet's empty rows numbered in advance, skipped as blank rows rather than
    /// refused as a note under the table (review 41a). A `合计` in the numbering column is still a totals row.
    static func numberedOnly(_ cells: [String?], numbering: [Int]) -> Bool {
        guard !numbering.isEmpty else { return false }
        var numbered = false
        for (index, cell) in cells.enumerated() {
            guard let cell else { return false }
            if cell.isEmpty { continue }
            guard numbering.contains(index), cell.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            numbered = true
        }
        return numbered
    }

    /// The columns of `headings` headed 序号 (a row's number in the sheet), for `numberedOnly`; `read`: columns a
    /// field reads (a mapping may name 序号), left out.
    static func numberingColumns(_ headings: [String], read: Set<Int> = []) -> [Int] {
        headings.indices.filter { !read.contains($0) && RegisterVocabulary.normalizedHeading(headings[$0]) == "序号" }
    }

    /// Why a row that is not blank is not a row of data, as one problem at one cell, or nil: a totals row (its first
    /// filled cell begins with a word of `totalsWords`, or is an English totals label), or a row of one filled cell in a table of at
    /// least three columns (a note or a signature under the table: `注：面积以测绘为准`, `制表人：张华`). Said once,
    /// instead of an "is empty" for each of the row's other cells. Every importer asks it of each row.
    static func nonDataRow(_ cells: [String?]) -> (column: Int, text: String, refusal: ImportError.CellRefusal)? {
        // The first two filled cells, without an array per row (every row of a million-row register is asked).
        var first: (column: Int, text: String)? = nil
        var second: (column: Int, text: String)? = nil
        var filledCount = 0
        for (index, cell) in cells.enumerated() {
            guard let cell, !cell.isEmpty else { continue }
            filledCount += 1
            if first == nil { first = (index, cell) } else { second = (index, cell); break }
        }
        guard let (column, text) = first else { return nil }
        if mayBeginTotals(text) ? isTotalsLabel(text) : isEnglishTotalsLabel(text) {
            return (column, text, ImportError.CellRefusal(reason: ImportWords.totalsRow, allowed: ImportWords.totalsRowAllowed))
        }
        // A bank's or office's totals row dated in its first cell (`2025-07-31,本月合计,…`, review 43a m5): the label
        // is the second cell. (The date is read only when the label is one: every row is asked.)
        if let (labelColumn, label) = second, mayBeginTotals(label), isTotalsLabel(label),
           (try? Cell.date(text, excelSerials: false, anyTime: true)) != nil {
            return (labelColumn, label, ImportError.CellRefusal(reason: ImportWords.totalsRow, allowed: ImportWords.totalsRowAllowed))
        }
        if filledCount == 1, cells.count >= 3 {
            return (column, text, ImportError.CellRefusal(reason: ImportWords.noteRow, allowed: ImportWords.noteRowAllowed))
        }
        // A signature line of several cells (`制表人：张华,,,,日期：2026年1月6日`): every filled cell a footer label and
        // its colon. Asked only when the first filled cell is one (its first character, then the label).
        if filledCount > 1, cells.count >= 3, footerLabel(text), cells.allSatisfy({ $0.map { $0.isEmpty || footerLabel($0) } ?? true }) {
            return (column, text, ImportError.CellRefusal(reason: ImportWords.signatureRow, allowed: ImportWords.noteRowAllowed))
        }
        return nil
    }

    /// The labels of a table's signature line (落款): who made, checked or approved it, when, and how to reach them.
    static let footerLabels = ["制表人", "制表", "填表人", "填表", "填报人", "填报单位", "填报日期", "制表日期", "审核人", "审核", "复核人", "复核",
                               "负责人", "经办人", "主管", "单位负责人", "日期", "联系电话", "电话", "联系人", "盖章", "签字", "签名", "打印日期", "打印时间"]

    /// Whether `text` is a footer label (`footerLabels`), spaces inside ignored, followed by a colon (：or :) and a
    /// value, or a label alone in brackets (`（盖章）`).
    static func footerLabel(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.value >= 0x3400 || first == "（" || first == "(" else { return false }
        // A label has its colon or its brackets: a data cell without either costs no copy (every row is asked).
        guard text.utf8.contains(where: { $0 == 0x3A || $0 == 0xBC || $0 == 0x29 }) else { return false }
        let squeezed = LabelText.withoutSpaces(text)
        if let colon = squeezed.firstIndex(where: { $0 == "：" || $0 == ":" }) {
            return footerLabels.contains(String(squeezed[..<colon]))
        }
        guard let open = squeezed.first, open == "（" || open == "(", let close = squeezed.last, close == "）" || close == ")",
              squeezed.count > 2 else { return false }
        return footerLabels.contains(String(squeezed.dropFirst().dropLast()))
    }
}
