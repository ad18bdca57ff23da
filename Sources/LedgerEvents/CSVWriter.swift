/// Writes CSV records per RFC 4180: a cell is quoted when it holds the separator, a quote, CR or LF, and quotes
/// inside are doubled. The one quoting rule of every CSV file the ledger writes: the import's files (rejects,
/// templates) and the reports (`CSVTable`).
///
/// Files meant to be read back by the importer also quote a cell that starts or ends with a space, so a
/// spreadsheet keeps it (`quoteEdgeSpaces`). Reports do not: their bytes are fixed by lists already issued
/// (`rectification.issued` records the list file's SHA-256, and `ledger rectify --at-seq` must remake it byte
/// for byte), so their quoting stays exactly RFC 4180's.
public enum CSVWriter {
    /// Appends one record of raw cell bytes followed by `lineEnd`.
    public static func appendRecord(_ cells: [[UInt8]], delimiter: UInt8, lineEnd: [UInt8], quoteEdgeSpaces: Bool = true,
                                    to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(delimiter) }
            appendCell(cell[...], delimiter: delimiter, quoteEdgeSpaces: quoteEdgeSpaces, to: &out)
        }
        out.append(contentsOf: lineEnd)
    }

    /// Appends one record of text cells (UTF-8) followed by `lineEnd`.
    public static func appendRecord(_ cells: [String], delimiter: UInt8, lineEnd: [UInt8] = [10], quoteEdgeSpaces: Bool = true,
                                    to out: inout [UInt8]) {
        appendRecord(cells.map { Array($0.utf8) }, delimiter: delimiter, lineEnd: lineEnd, quoteEdgeSpaces: quoteEdgeSpaces, to: &out)
    }

    /// Appends one cell, quoted when needed.
    public static func appendCell(_ cell: ArraySlice<UInt8>, delimiter: UInt8, quoteEdgeSpaces: Bool = true, to out: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        var needsQuotes = quoteEdgeSpaces && (cell.first == UInt8(ascii: " ") || cell.last == UInt8(ascii: " "))
        if !needsQuotes {
            for b in cell where b == delimiter || b == quote || b == 10 || b == 13 { needsQuotes = true; break }
        }
        guard needsQuotes else {
            out.append(contentsOf: cell)
            return
        }
        out.append(quote)
        for b in cell {
            if b == quote { out.append(quote) }
            out.append(b)
        }
        out.append(quote)
    }
}
