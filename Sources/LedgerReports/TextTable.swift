import LedgerEvents

/// A plain-text table aligned for terminals that show CJK characters two columns wide.
public struct TextTable {
    /// Column alignment.
    public enum Alignment: Sendable { case left, right }

    public let headers: [String]
    /// A line above the headers (Chinese labels beside the spec's field names), or nil.
    public let labels: [String]?
    public let alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil, labels: [String]? = nil) {
        precondition(labels == nil || labels!.count == headers.count, "one label per column")
        self.headers = headers
        self.labels = labels
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
        precondition(self.alignments.count == headers.count, "one alignment per column")
    }

    /// Adds a row; it must have one cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "a row has one cell per column")
        rows.append(row)
    }

    /// The table as text: header, a rule of dashes, the rows; columns separated by two spaces; every line ends
    /// with `\n` and has no trailing spaces.
    public func render() -> String { String(decoding: renderBytes(), as: UTF8.self) }

    /// `render()`'s UTF-8 bytes, made without building a string per line: a city's 30,000 funds are 330,000 cells,
    /// each cleaned and measured once (printable ASCII, most cells, is measured by its length) and copied once.
    public func renderBytes() -> [UInt8] {
        struct Cell {
            let text: String
            let width: Int
        }
        func cell(_ raw: String) -> Cell {
            let text = TerminalText.clean(raw)
            // Cleaned text has no control characters: an all-ASCII cell is one column per byte.
            let ascii = text.utf8.allSatisfy { $0 < 0x80 }
            return Cell(text: text, width: ascii ? text.utf8.count : DisplayWidth.of(text))
        }
        let headers = self.headers.map(cell)
        let labels = self.labels?.map(cell)
        let rows = self.rows.map { $0.map(cell) }
        var widths = headers.map(\.width)
        for row in rows + (labels.map { [$0] } ?? []) {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.width) }
        }
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (rows.count + 3))
        func spaces(_ count: Int) { if count > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) } }
        func line(_ cells: [Cell]) {
            let start = out.count
            for (index, cell) in cells.enumerated() {
                let pad = widths[index] - cell.width
                let isLast = index == cells.count - 1
                switch alignments[index] {
                case .left: out.append(contentsOf: cell.text.utf8); if !isLast { spaces(pad) }
                case .right: spaces(pad); out.append(contentsOf: cell.text.utf8)
                }
                if !isLast { spaces(2) }
            }
            // No trailing spaces. A space after a non-ASCII scalar may belong to its grapheme (after a prepended
            // concatenation mark): there the line is trimmed by characters, as a string, exactly as before.
            var end = out.count
            while end > start, out[end - 1] == UInt8(ascii: " ") { end -= 1 }
            if end < out.count, end > start, out[end - 1] >= 0x80 {
                var text = String(decoding: out[start...], as: UTF8.self)
                while text.hasSuffix(" ") { text.removeLast() }
                out.removeSubrange(start...)
                out.append(contentsOf: text.utf8)
            } else {
                out.removeSubrange(end...)
            }
            out.append(UInt8(ascii: "\n"))
        }
        if let labels { line(labels) }
        line(headers)
        line(widths.map { Cell(text: String(repeating: "-", count: $0), width: $0) })
        for row in rows { line(row) }
        return out
    }
}

/// Text from outside (imported names, notes) made safe for a terminal: a line break would forge report lines, and
/// escape sequences or bidi overrides could hide or reorder what the clerk reads.
public enum TerminalText {
    /// Line breaks and tabs become spaces; other C0/C1 controls, DEL and bidi embedding/override/isolate controls
    /// become U+FFFD (`DisplayText.neutralised`, the one neutraliser every format shares).
    public static func clean(_ text: String) -> String {
        // Almost every cell is clean: a byte scan (no controls, DEL, nor the lead bytes of C1 controls (C2) and of
        // U+2028/2029 and the bidi controls (E2)) shows it without the scalar walk.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) { return text }
        return DisplayText.neutralised(text, lineBreaks: .toSpace)
    }
}

/// Terminal display width: East Asian wide and fullwidth characters count two columns, combining marks zero.
public enum DisplayWidth {
    /// Columns that `text` occupies in a terminal.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars { width += of(scalar) }
        return width
    }

    /// Columns of one scalar.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        // The common cases first, without the category lookup: printable ASCII (no marks or format characters there)
        // and CJK ideographs (letters).
        if v < 0x7F { return 1 }
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }
}
