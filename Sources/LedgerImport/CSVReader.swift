import LedgerEvents
import LedgerPlatform

/// Where CSV bytes come from, one chunk at a time, so a register is never held in memory whole.
public protocol ByteChunkSource {
    /// Replaces `buffer` with the next chunk of input; leaves it empty at the end of the input.
    mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError)
    /// The input's length in bytes when known before reading it (a file's size), else nil: only a hint for the
    /// room an importer reserves, never trusted for anything else (a file may change while it is read).
    var sizeHint: Int64? { get }
}

extension ByteChunkSource {
    public var sizeHint: Int64? { nil }
}

/// Bytes already in memory (tests, small files), handed out in chunks of `chunkSize` so chunk boundaries
/// can be tested.
public struct MemoryByteSource: ByteChunkSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 20) {
        precondition(chunkSize > 0, "a chunk holds at least one byte")
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    public mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError) {
        let end = min(bytes.count, offset + chunkSize)
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: bytes[offset..<end])
        offset = end
    }
}

/// A file read with pread in 1 MiB chunks.
public struct FileByteSource: ByteChunkSource {
    private let file: PosixFile
    private let displayName: String
    private var offset: Int64 = 0
    private let chunkSize: Int
    /// The file's size when it was opened (`ByteChunkSource.sizeHint`).
    public let sizeHint: Int64?

    /// Opens `path` for reading. It must be a regular file: a FIFO or device could make the import wait for ever.
    /// - Throws: `ImportError.unreadable` when it cannot be opened, `.notARegularFile` when it is not a regular file.
    public init(path: String, displayName: String, chunkSize: Int = 1 << 20) throws(ImportError) {
        do {
            file = try PosixFile(path: path, mode: .read)
            let status = try file.status()
            let kind = status.kind
            sizeHint = status.size
            guard kind == .regular else {
                throw ImportError.notARegularFile(file: displayName, kind: kind)
            }
        } catch let error as ImportError {
            throw error
        } catch let error as FileError {
            throw .unreadable(file: displayName, error: error)
        } catch {
            preconditionFailure("unexpected \(error)")
        }
        self.displayName = displayName
        self.chunkSize = chunkSize
    }

    public mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError) {
        do { try file.read(at: offset, count: chunkSize, into: &buffer) } catch {
            throw .unreadable(file: displayName, error: error)
        }
        offset += Int64(buffer.count)
    }
}

/// The field separator of a CSV file.
public enum CSVDelimiter: String, Sendable, Equatable, CaseIterable {
    case comma
    case tab
    /// `;`: what spreadsheets write as "CSV" where the comma is the decimal mark.
    case semicolon

    /// The separator byte.
    public var byte: UInt8 {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .tab: return UInt8(ascii: "\t")
        case .semicolon: return UInt8(ascii: ";")
        }
    }
}

/// A problem with one cell found while splitting a record; the record is still returned, so every bad row
/// of a file is reported at once.
public struct CSVCellProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A `"` inside a cell that does not start with one.
        case strayQuote
        /// Text after the closing quote of a quoted cell (`"abc"def`).
        case textAfterClosingQuote
    }
    public let kind: Kind
    /// 0-based index of the cell.
    public let fieldIndex: Int

    public init(kind: Kind, fieldIndex: Int) {
        self.kind = kind
        self.fieldIndex = fieldIndex
    }
}

/// One CSV record: its cells as raw bytes (quotes removed, doubled quotes undone), where it starts, and
/// cell problems. A `CSVReader` reuses one record, so copy what you keep.
public struct CSVRecord: Sendable {
    /// The cells' bytes, one after the other.
    public internal(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of each cell.
    public internal(set) var fieldEnds: [Int] = []
    /// Cell problems, in cell order.
    public internal(set) var problems: [CSVCellProblem] = []
    /// The row number as a spreadsheet shows it: the header is row 1, and a cell with line breaks does not
    /// start a new row.
    public internal(set) var rowNumber = 0
    /// The line of the file where the record starts (1-based); differs from `rowNumber` after multi-line cells.
    public internal(set) var lineNumber = 0

    public init() {}

    /// Number of cells.
    public var fieldCount: Int { fieldEnds.count }

    /// The bytes of cell `index` (0-based).
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return bytes[start..<fieldEnds[index]]
    }

    /// True when every cell is empty (a blank spreadsheet row).
    public var isBlank: Bool { bytes.isEmpty }

    mutating func reset(rowNumber: Int, lineNumber: Int) {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        self.rowNumber = rowNumber
        self.lineNumber = lineNumber
    }
}

/// What the first bytes of a file revealed.
public struct CSVPreamble: Equatable, Sendable {
    /// The file starts with the UTF-8 byte-order mark EF BB BF (which is skipped).
    public var hasUTF8BOM: Bool
    /// The separator used (given or detected from the header line).
    public var delimiter: CSVDelimiter
    /// The header line ends with CR LF (so a rejects file is written the same way).
    public var usesCRLF: Bool
    /// Whether the first chunk was all ASCII, valid UTF-8 with other characters, or not UTF-8.
    public var firstChunkText: FirstChunkText

    public enum FirstChunkText: Equatable, Sendable { case ascii, utf8, notUTF8 }
}

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
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw .notCSV(file: name, format: .utf16)
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
    /// - Throws: `ImportError.unterminatedQuote` when a quoted cell runs to the end of the file,
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
        try endField(&record)
        nextRowNumber += 1
        return true
    }
}
