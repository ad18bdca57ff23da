import LedgerEvents

/// The account number a bank statement states above its table (`账号：6230-0001-0901`), compared with the account
/// `--fund`'s `fund.opened` registers, so that a statement of another fund's account is not recorded as this fund's
/// money. Only the title rows are read (cheap), and numbers are compared by their digits alone (the bank writes
/// `6230-0001-0901`, the register `6230 0001 0901`).
enum StatementAccount {
    /// Where a title row states the account, and the number as written.
    struct Stated: Equatable {
        var row: Int
        var column: Int
        var cell: String
        var number: String
        var digits: String
        /// The next cell of the row, when `cell` is the label alone (`账号：`) and the number is in this cell, as
        /// bank exports lay the title out (`账号：,8020-0009-0001,户名：,…`).
        var numberColumn: Int? = nil
        var numberCell: String? = nil
    }

    /// Labels after which a bank writes its account number (folded: full-width letters half-width, lower case).
    static let labels = ["账号", "帐号", "账户", "帐户", "卡号", "account no", "account number", "acct no", "a/c no"]
    /// Fewer digits are not an account number (a branch code, a year); Chinese bank accounts have 12 to 19.
    static let digitsMin = 8

    /// The first account number a title row states after a label, or nil: in the label's cell, or — the label alone
    /// in its cell (`账号：`) — at the start of the row's next non-empty cell, as the unit rule reads a title typed
    /// over two cells (`TitleUnits`). A number masked by the bank (`6230****0901`) is not read: its digits cannot be
    /// compared.
    static func stated(in rows: [(number: Int, cells: [String])]) -> Stated? {
        for row in rows {
            for (column, cell) in row.cells.enumerated() {
                if let number = number(afterLabelIn: cell) {
                    return Stated(row: row.number, column: column, cell: Cell.trimmed(cell), number: number, digits: digits(number))
                }
                guard labelAlone(cell),
                      let next = row.cells.indices.first(where: { $0 > column && !Cell.trimmed(row.cells[$0]).isEmpty }) else { continue }
                let nextText = Cell.trimmed(row.cells[next])
                if let number = run(Array((EventInput.fullWidthASCII(nextText) ?? nextText).lowercased()), from: 0) {
                    return Stated(row: row.number, column: column, cell: Cell.trimmed(cell), number: number, digits: digits(number),
                                  numberColumn: next, numberCell: nextText)
                }
            }
        }
        return nil
    }

    static func number(afterLabelIn cell: String) -> String? {
        let text = Array((EventInput.fullWidthASCII(cell) ?? cell).lowercased())
        for (_, index) in labelEnds(text) {
            guard let run = run(text, from: index) else { continue }
            return run
        }
        return nil
    }

    /// Whether `cell` is a label and nothing after it (`账号：`, `Account No.:`), the other side's (对方账号) aside.
    static func labelAlone(_ cell: String) -> Bool {
        let text = Array((EventInput.fullWidthASCII(Cell.trimmed(cell)) ?? Cell.trimmed(cell)).lowercased())
        return labelEnds(text).contains { $0.index == text.count }
    }

    /// Where each label of the statement's own account in `text` starts, and where what follows it (past spaces and
    /// a colon) begins.
    private static func labelEnds(_ text: [Character]) -> [(start: Int, index: Int)] {
        var out: [(start: Int, index: Int)] = []
        for label in labels.map(Array.init) {
            var start = 0
            while start + label.count <= text.count {
                defer { start += 1 }
                guard Array(text[start..<start + label.count]) == label else { continue }
                // 对方账号 is the other side's account, not the statement's.
                if start >= 2, String(text[start - 2..<start]) == "对方" { continue }
                var index = start + label.count
                while index < text.count, [" ", "\u{3000}", "\u{00A0}", ":", ".", "#"].contains(text[index]) { index += 1 }
                out.append((start, index))
            }
        }
        return out
    }

    /// The number run beginning at `index` (digits, single spaces or dashes between them), as written; nil when it is
    /// masked or has fewer than `digitsMin` digits.
    private static func run(_ text: [Character], from index: Int) -> String? {
        let written = String(text[index..<runEnd(text, from: index, masks: true)])
        guard !written.contains("*"), digits(written).count >= digitsMin, !isDateShaped(written) else { return nil }
        return written
    }

    /// Whether a run is a date or a period of two (`2026-01-01`, `20260101`, `20260101-20260131`) rather than an
    /// account number: a statement's title often gives its period beside the account's name (review 36d).
    static func isDateShaped(_ written: String) -> Bool {
        func date(_ y: Substring, _ m: Substring, _ d: Substring) -> Bool {
            guard y.count == 4, let year = Int(y), (1900...2199).contains(year), let month = Int(m), let day = Int(d) else { return false }
            return CalendarDate(year: year, month: month, day: day) != nil
        }
        func compact(_ d: Substring) -> Bool { d.count == 8 && date(d.prefix(4), d.dropFirst(4).prefix(2), d.suffix(2)) }
        // 2026-01-01 or 2026-1-1 (year, month, day), once or twice.
        let groups = written.split(whereSeparator: { $0 == "-" || $0 == " " })
        if groups.count == 3 || groups.count == 6 {
            var all = true
            for i in stride(from: 0, to: groups.count, by: 3) where !((1...2).contains(groups[i + 1].count) && (1...2).contains(groups[i + 2].count)
                                                                      && date(groups[i], groups[i + 1], groups[i + 2])) {
                all = false
            }
            if all { return true }
        }
        let digits = Substring(digits(written))
        return (digits.count == 8 && compact(digits)) || (digits.count == 16 && compact(digits.prefix(8)) && compact(digits.suffix(8)))
    }

    /// Where a run of digits (and, with `masks`, the bank's `*`) with single spaces or dashes between them ends.
    private static func runEnd(_ text: [Character], from index: Int, masks: Bool) -> Int {
        func part(_ c: Character) -> Bool { c.isASCII && (c.isNumber || (masks && c == "*")) }
        var end = index
        while end < text.count, part(text[end]) || ((text[end] == " " || text[end] == "-") && end + 1 < text.count && part(text[end + 1])) {
            end += 1
        }
        return end
    }

    /// The account numbers a registered account's text holds (`青岛农商银行 6230-0001-0901 绿洲花园公共收益专户`), by
    /// their digits; empty when it holds none (`专项维修资金 海韵小区分账 QD-WX-1001`: no bank account number to compare).
    static func numbers(in account: String) -> [String] {
        let text = Array(EventInput.fullWidthASCII(account) ?? account)
        var out: [String] = []
        var index = 0
        while index < text.count {
            guard text[index].isASCII, text[index].isNumber else { index += 1; continue }
            let end = runEnd(text, from: index, masks: false)
            let found = digits(String(text[index..<end]))
            if found.count >= digitsMin { out.append(found) }
            index = end
        }
        return out
    }

    static func digits(_ text: String) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }
}
