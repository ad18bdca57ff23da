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
