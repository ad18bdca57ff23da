@testable import LedgerReports
import LedgerEvents
import LedgerTestSupport
import Testing

/// The table renderer made for a city's 30,000 funds (bytes, cells measured once) and the money formatter in a stack
/// buffer print what the string-by-string code printed, byte for byte: every report's bytes stay as they were.
@Suite struct TextTableRenderTests {
    /// The renderer as it was (a string per line, trimmed by characters).
    static func reference(_ table: TextTable) -> String {
        let headers = table.headers.map(TerminalText.clean)
        let labels = table.labels?.map(TerminalText.clean)
        let rows = table.rows.map { $0.map(TerminalText.clean) }
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
                switch table.alignments[index] {
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

    /// Cells of every kind a report meets: ASCII, CJK, empty, trailing spaces, combining marks, a prepended
    /// concatenation mark before a space (one character with it), tabs, line breaks, controls, bidi overrides.
    static let pieces = ["a", "F-001", "1,234.50", "", " ", "  ", "青枫苑", "维修资金", "e\u{301}", "\u{600} ", "\u{600}", "x\t",
                         "line\nbreak", "\u{7}", "\u{202E}rtl", "١٢٣", "😀", "ﾊﾝｶｸ", "ＡＢ", "-"]

    @Test(arguments: 0..<20) func bytesAreTheStringRenderersBytes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 77)
        let columns = random.int(1...6)
        func cell() -> String { (0..<random.int(0...3)).map { _ in Self.pieces[random.int(0..<Self.pieces.count)] }.joined() }
        var table = TextTable(headers: (0..<columns).map { _ in cell() },
                              alignments: (0..<columns).map { _ in random.int(0..<2) == 0 ? .left : .right },
                              labels: random.int(0..<2) == 0 ? (0..<columns).map { _ in cell() } : nil)
        for _ in 0..<random.int(0...12) { table.append((0..<columns).map { _ in cell() }) }
        let expected = Self.reference(table)
        #expect(table.render() == expected)
        #expect(table.renderBytes() == Array(expected.utf8))
    }

    @Test func moneyIsFormatYuan() {
        var random = SplitMix64(seed: 5)
        var amounts: [Int64] = [0, 1, -1, 99, 100, -100, 999_99, 1_000_00, -1_000_00, 123_456_789, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<2_000 { amounts.append(Int64(bitPattern: random.next()) >> Int64(random.int(0...62))) }
        for fen in amounts { #expect(ProjectionReports.money(Amount(fen: fen)) == Format.yuan(Amount(fen: fen), symbol: false), "\(fen)") }
    }
}
