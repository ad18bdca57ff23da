/// A header of two rows, as WPS and Excel save a 登记造册 template: a heading merged across columns (`登记信息` over
/// two) leaves its other columns blank in the first row, and the row under it names them (`登记日期`, `保修期至`);
/// a heading merged down over both rows leaves the second row blank. The second row is headings, never a data row.
enum SubHeadings {
    /// Where a column's heading comes from: the first row's cell `top`, the second row's `sub`, or both joined.
    struct Part: Equatable {
        var top: Int?
        var sub: Int?
    }

    /// The parts of the headings of `header` with `below` read into them, when `below` is such a row of sub-headings;
    /// nil when it is not. `below` is one when it fills at least one column left blank in `header` (a merged
    /// heading's other column), every cell it fills lies under a merged heading (its first column or the blank ones
    /// after it), and every one is text, not a number. A sub-heading is taken as written when `known` (a heading the
    /// import reads), else with its merged heading before it when that is known (`登记` + `日期`), else as written.
    static func parts(_ header: [String], _ below: [String], known: (String) -> Bool) -> [Part]? {
        let width = max(header.count, below.count)
        let top = (0..<width).map { $0 < header.count ? Cell.trimmed(header[$0]) : "" }
        let sub = (0..<width).map { $0 < below.count ? Cell.trimmed(below[$0]) : "" }
        // The merged heading each column lies under: its own (followed by a blank), or the nearest to its left
        // across blanks; nil for a heading standing alone.
        var parent: [Int?] = Array(repeating: nil, count: width)
        var open: Int? = nil
        for column in 0..<width {
            if !top[column].isEmpty { open = column + 1 < width && top[column + 1].isEmpty ? column : nil }
            parent[column] = open
        }
        let filled = (0..<width).filter { !sub[$0].isEmpty }
        guard filled.contains(where: { top[$0].isEmpty && parent[$0] != nil }),
              filled.allSatisfy({ parent[$0] != nil && isText(sub[$0]) }) else { return nil }
        var parts = (0..<width).map { Part(top: $0 < header.count ? $0 : nil, sub: nil) }
        for column in filled {
            let written = sub[column], joined = top[parent[column]!] + written
            parts[column] = known(written) || !known(joined) ? Part(top: nil, sub: column) : Part(top: parent[column]!, sub: column)
        }
        // A trailing column neither row names stays out, as a one-row header's would.
        while let last = parts.last, last.sub == nil, parts.count > header.count { parts.removeLast() }
        return parts
    }

    /// The headings (texts, or their bytes) `parts` name in the two rows.
    static func read<T>(_ parts: [Part], top: [T], sub: [T], empty: T, join: (T, T) -> T) -> [T] {
        parts.map { part in
            let first = part.top.map { $0 < top.count ? top[$0] : empty }, second = part.sub.map { $0 < sub.count ? sub[$0] : empty }
            switch (first, second) {
            case let (first?, second?): return join(first, second)
            case let (first?, nil): return first
            case let (nil, second?): return second
            case (nil, nil): return empty
            }
        }
    }

    /// Whether a cell reads as a heading: it holds a letter (Chinese or Latin) and no digit.
    private static func isText(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic } && !text.unicodeScalars.contains { ("0"..."9").contains($0) || ("\u{FF10}"..."\u{FF19}").contains($0) }
    }
}
