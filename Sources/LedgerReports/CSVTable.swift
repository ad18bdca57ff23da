import LedgerEvents

/// CSV output that opens correctly in Excel and WPS: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
/// quoting (`CSVWriter`), and cells that begin with `=`, `+`, `-`, `@`, tab or carriage return (also after leading spaces)
/// neutralised against formula injection by a leading apostrophe (OWASP's advice); control characters in text
/// cells are shown as U+FFFD (`DisplayText`). Numbers we format ourselves (amounts like `-12.50`) are
/// passed through `numeric` cells, which are never neutralised because they are not text from outside.
public struct CSVTable {
    /// A cell: outside text (neutralised) or a number the ledger formatted (kept as is).
    public enum Cell: Sendable, Equatable {
        case text(String)
        case numeric(String)
    }

    public let headers: [String]
    public private(set) var rows: [[Cell]] = []

    public init(headers: [String]) { self.headers = headers }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == headers.count, "a row has one cell per column")
        rows.append(row)
    }

    /// The file's bytes: BOM, header line, rows, each line ending in CRLF.
    public func render() -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        CSVTable.line(headers.map { .text($0) }, to: &out)
        for row in rows { CSVTable.line(row, to: &out) }
        return out
    }

    /// One line of cells, ending in CRLF (`render()`'s, for a table written row by row).
    static func line(_ row: [Cell], to out: inout [UInt8]) {
        let cells = row.map { cell in
            switch cell {
            case .text(let t): return CSVTable.neutralise(DisplayText.neutralised(t, lineBreaks: .keep))
            case .numeric(let n): return n
            }
        }
        // Report bytes are evidence (an issued list's SHA-256): plain RFC 4180 quoting, as always.
        CSVWriter.appendRecord(cells, delimiter: UInt8(ascii: ","), lineEnd: [0x0D, 0x0A], quoteEdgeSpaces: false, to: &out)
    }

    /// A table written to `stream` as it is made: BOM and header now, each row when appended; the same bytes as
    /// `render()` of the same rows.
    struct Streamed {
        let stream: ReportStream
        let width: Int
        private var line: [UInt8] = []

        init(headers: [String], into stream: ReportStream) {
            self.stream = stream
            width = headers.count
            var out: [UInt8] = [0xEF, 0xBB, 0xBF]
            CSVTable.line(headers.map { .text($0) }, to: &out)
            stream.write(out)
        }

        mutating func append(_ row: [Cell]) {
            precondition(row.count == width, "a row has one cell per column")
            line.removeAll(keepingCapacity: true)
            CSVTable.line(row, to: &line)
            stream.write(line)
        }
    }

    /// Prefixes an apostrophe to text a spreadsheet would run as a formula: one that starts with a formula
    /// character, tab or CR, or with one after leading spaces (" =1+1"; some spreadsheets trim before evaluating).
    public static func neutralise(_ text: String) -> String {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫": return "'" + text
            default:
                if scalar.properties.isWhitespace { continue }
                return text
            }
        }
        return text
    }

}
