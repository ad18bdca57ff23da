import LedgerEvents
import LedgerPlatform

/// A streaming RFC 4180 reader over bytes: quoted cells with embedded separators, quotes (`""`) and line
/// breaks; comma, semicolon or tab; CR LF, LF or CR line ends; an optional UTF-8 byte-order mark. It reads
/// records only: the file's digest is taken by the source (`HashingByteSource`), the encoding is guessed by
/// `EncodingSniffer` and decided cell by cell by `CellDecoder`.
///
/// It splits on bytes and leaves decoding to the caller. That is safe for UTF-8 and for GB18030, whose
/// multi-byte sequences never contain the bytes of `"`, `,`, tab, CR or LF (GB18030 trail bytes are
/// 0x30–0x39 or 0x40–0xFE, and its lead bytes are 0x81–0xFE).
///
/// - Complexity: O(n) in the bytes read; memory is one chunk plus the longest record.
public struct CSVReader<Source: ByteChunkSource> {
    /// Where the bytes come from (a `HashingByteSource` knows the digest of what was read).
    public private(set) var source: Source
    private let displayName: String
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    private var delimiterByte: UInt8 = UInt8(ascii: ",")
    private var requestedDelimiter: CSVDelimiter?
    private var nextRowNumber = 1
    private var line = 1
    private var skipLineFeed = false
    /// The preamble, known after the first call to `next`.
    public private(set) var preamble = CSVPreamble(hasUTF8BOM: false, delimiter: .comma, usesCRLF: false,
                                                  firstChunkText: .ascii)

    /// - Parameters:
    ///   - source: the bytes.
    ///   - displayName: the file name used in error messages.
    ///   - delimiter: the separator, or nil to detect it from the header line (tab when it has more tabs
    ///     than commas outside quotes, otherwise comma).
    public init(source: Source, displayName: String, delimiter: CSVDelimiter?) {
        self.source = source
        self.displayName = displayName
        self.requestedDelimiter = delimiter
    }

    private mutating func fill() throws(ImportError) -> Bool {
        if atEnd { return false }
        try source.nextChunk(into: &chunk)
        position = 0
        if chunk.isEmpty {
            atEnd = true
            return false
        }
        return true
    }

    private mutating func start() throws(ImportError) {
        started = true
        // Gather at least a few bytes so the BOM and file signatures can be seen even with tiny chunks.
        var head: [UInt8] = []
        while head.count < 4096, try fill() { head.append(contentsOf: chunk) }
        chunk = head
        position = 0
        try Self.rejectNonCSV(head, displayName)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            preamble.hasUTF8BOM = true
            position = 3
        }
        preamble.firstChunkText = EncodingSniffer.firstChunk(head[position...], complete: atEnd)
        preamble.delimiter = requestedDelimiter ?? Self.detectDelimiter(head[position...])
        delimiterByte = preamble.delimiter.byte
        preamble.usesCRLF = Self.headerEndsWithCRLF(head[position...])
    }

    /// Formats the spreadsheet programs write instead of CSV, recognised by their first bytes.
    private static func rejectNonCSV(_ head: [UInt8], _ name: String) throws(ImportError) {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw .notCSV(file: name, format: .xlsx)
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw .notCSV(file: name, format: .xls)
        }
        if let wide = EncodingSniffer.wideText(head) {
            throw .notCSV(file: name, format: wide)
        }
    }

    /// The separator that splits the first lines most: a title line above the header has few or none, so the
    /// first ten lines are looked at, each candidate scored by its largest count on one line (ties: comma).
    private static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> CSVDelimiter {
        var best = (comma: 0, tab: 0, semicolon: 0)
        var line = (comma: 0, tab: 0, semicolon: 0)
        var quoted = false
        var lines = 0
        func endLine() {
            best = (max(best.comma, line.comma), max(best.tab, line.tab), max(best.semicolon, line.semicolon))
            line = (0, 0, 0)
        }
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            else if quoted { continue }
            else if b == UInt8(ascii: ",") { line.comma += 1 }
            else if b == UInt8(ascii: "\t") { line.tab += 1 }
            else if b == UInt8(ascii: ";") { line.semicolon += 1 }
            else if b == UInt8(ascii: "\n") {
                endLine()
                lines += 1
                if lines == 10 { break }
            }
        }
        endLine()
        if best.tab > best.comma && best.tab >= best.semicolon { return .tab }
        if best.semicolon > best.comma && best.semicolon > best.tab { return .semicolon }
        return .comma
    }

    private static func headerEndsWithCRLF(_ bytes: ArraySlice<UInt8>) -> Bool {
        var quoted = false
        var previous: UInt8 = 0
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted && b == UInt8(ascii: "\n") { return previous == UInt8(ascii: "\r") }
            previous = b
        }
        return false
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Reads the next record into `record`.
    /// - Returns: false at the end of the file.
    /// - Throws: `ImportError.unterminatedQuote` when a quoted cell runs to the end of the file, `ImportError.cutShort`
    ///   when the last of several rows ends without a line break,
    ///   `ImportError.cellTooLong` past `Limits.csvFieldBytesMax`, `ImportError.tooManyColumns`,
    ///   `ImportError.tooManyRows`, and source errors.
    public mutating func next(into record: inout CSVRecord) throws(ImportError) -> Bool {
        if !started { try start() }
        // Skip the LF of a CR LF that ended the previous record, then see whether anything is left.
        while true {
            if position >= chunk.count {
                guard try fill() else { return false }
            }
            if skipLineFeed {
                skipLineFeed = false
                if chunk[position] == UInt8(ascii: "\n") {
                    position += 1
                    continue
                }
            }
            break
        }
        guard nextRowNumber <= Limits.csvRowsMax else { throw .tooManyRows(file: displayName, limit: Limits.csvRowsMax) }
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let delimiter = delimiterByte
        record.reset(rowNumber: nextRowNumber, lineNumber: line)
        var state = State.fieldStart
        var fieldStart = 0
        var quotedStartLine = line
        var sawStrayQuote = false

        func endField(_ record: inout CSVRecord) throws(ImportError) {
            guard record.fieldEnds.count < Limits.csvColumnsMax else {
                throw .tooManyColumns(file: displayName, row: record.rowNumber, limit: Limits.csvColumnsMax)
            }
            // `="00124"` unquoted, as bank and office exports write it (others quote it, `"=""00124"""`): its two
            // quotes are the text formula's, not stray, and the cell reads as the quoted one does (`Cell.trimmed`).
            if sawStrayQuote, Self.isTextFormula(record.bytes[fieldStart...]) {
                let field = record.fieldEnds.count
                record.problems.removeAll { $0.kind == .strayQuote && $0.fieldIndex == field }
            }
            record.fieldEnds.append(record.bytes.count)
            fieldStart = record.bytes.count
            sawStrayQuote = false
        }

        // A line break outside quotes ends the last field and the record (a CR's following LF is skipped).
        func endRecord(_ record: inout CSVRecord, at byte: UInt8) throws(ImportError) {
            try endField(&record)
            line += 1
            if byte == cr { skipLineFeed = true }
            nextRowNumber += 1
        }

        while true {
            if position >= chunk.count {
                guard try fill() else { break }
            }
            let b = chunk[position]
            position += 1
            switch state {
            case .fieldStart, .unquoted:
                if b == delimiter {
                    try endField(&record)
                    state = .fieldStart
                } else if b == lf || b == cr {
                    try endRecord(&record, at: b)
                    return true
                } else if b == quote {
                    if state == .fieldStart {
                        state = .quoted
                        quotedStartLine = line
                    } else {
                        if !sawStrayQuote {
                            record.problems.append(CSVCellProblem(kind: .strayQuote, fieldIndex: record.fieldEnds.count))
                            sawStrayQuote = true
                        }
                        record.bytes.append(b)
                    }
                } else {
                    state = .unquoted
                    // Copy the run of ordinary bytes at once: most cells are plain text.
                    let runStart = position - 1
                    var runEnd = position
                    while runEnd < chunk.count {
                        let c = chunk[runEnd]
                        if c == delimiter || c == quote || c == lf || c == cr { break }
                        runEnd += 1
                    }
                    record.bytes.append(contentsOf: chunk[runStart..<runEnd])
                    position = runEnd
                }
            case .quoted:
                if b == quote {
                    state = .quoteInQuoted
                } else {
                    // CR LF, LF and a lone CR each end a line (the CR of a CR LF counts, its LF does not).
                    if b == cr || (b == lf && !(record.bytes.count > fieldStart && record.bytes.last == cr)) { line += 1 }
                    record.bytes.append(b)
                }
            case .quoteInQuoted:
                if b == quote {
                    record.bytes.append(quote)
                    state = .quoted
                } else if b == delimiter {
                    try endField(&record)
                    state = .fieldStart
                } else if b == lf || b == cr {
                    try endRecord(&record, at: b)
                    return true
                } else {
                    record.problems.append(CSVCellProblem(kind: .textAfterClosingQuote, fieldIndex: record.fieldEnds.count))
                    record.bytes.append(b)
                    state = .unquoted
                }
            }
            if record.bytes.count - fieldStart > Limits.csvFieldBytesMax {
                throw .cellTooLong(file: displayName, row: record.rowNumber, column: record.fieldEnds.count,
                                   startLine: quotedStartLine, quoted: state == .quoted, limit: Limits.csvFieldBytesMax)
            }
        }
        // End of input.
        if state == .quoted {
            throw .unterminatedQuote(file: displayName, row: record.rowNumber, column: record.fieldEnds.count,
                                     openedOnLine: quotedStartLine)
        }
        // A last row without a line break after rows that have one: a file cut short, whose last cell may be cut
        // too (review 47b: `12` of `1234.5` recorded as the area). A file of one row has no other row to tell by.
        if record.rowNumber > 1 { throw .cutShort(file: displayName, row: record.rowNumber) }
        try endField(&record)
        nextRowNumber += 1
        return true
    }

    /// Whether an unquoted cell is Excel's text formula `="…"` with no other quote: `=`, a quote, bytes that are no
    /// quote, a closing quote (the shape `Cell.trimmed` reads as the text inside). `=""`, the formula of the empty
    /// text, is one too: Excel shows such a cell empty, and it reads as empty (review 38g).
    static func isTextFormula(_ cell: ArraySlice<UInt8>) -> Bool {
        let quote = UInt8(ascii: "\"")
        guard cell.count >= 3, cell.first == UInt8(ascii: "="), cell[cell.startIndex + 1] == quote, cell.last == quote else { return false }
        return !cell.dropFirst(2).dropLast().contains(quote)
    }
}
