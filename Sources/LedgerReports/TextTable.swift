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
    public func render() -> String {
        let headers = self.headers.map(TerminalText.clean)
        let labels = self.labels?.map(TerminalText.clean)
        let rows = self.rows.map { $0.map(TerminalText.clean) }
        var widths = headers.map(DisplayWidth.of)
        for row in rows + (labels.map { [$0] } ?? []) {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        var out = ""
        func line(_ cells: [String]) {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[index] - DisplayWidth.of(cell))
                let isLast = index == cells.count - 1
                switch alignments[index] {
                case .left: text += cell + (isLast ? "" : pad)
                case .right: text += pad + cell
                }
                if !isLast { text += "  " }
            }
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
        }
        if let labels { line(labels) }
        line(headers)
        line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { line(row) }
        return out
    }
}

/// Text from outside (imported names, notes) made safe for a terminal: a line break would forge report lines, and
/// escape sequences or bidi overrides could hide or reorder what the clerk reads.
public enum TerminalText {
    /// Line breaks and tabs become spaces; other C0/C1 controls, DEL and bidi embedding/override/isolate controls
    /// become U+FFFD (`DisplayText.neutralised`, the one neutraliser every format shares).
    public static func clean(_ text: String) -> String { DisplayText.neutralised(text, lineBreaks: .toSpace) }
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
