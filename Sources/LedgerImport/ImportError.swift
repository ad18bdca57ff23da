import LedgerEvents
import LedgerPlatform

/// Every way LedgerImport refuses something, the module's one thrown type. Most cases stop a whole import before
/// any row can be judged: the file cannot be read, is not CSV, its header lacks a required column, or its structure
/// breaks down. A cell parser's refusal (`.cell`) is caught by the importer reading the row, which makes a
/// `RowProblem` of it (a value, not thrown): row problems are collected, so that every bad row is reported at once.
///
/// Each case carries where the problem is (file, row, 0-based column, line) and the limit it broke; the words,
/// English and Chinese, are written in one place (`ImportWords.error`). Every message names the file and says
/// what to do next.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read: the operating system's error.
    case unreadable(file: String, error: FileError)
    /// The path is not a regular file (a directory, or a FIFO that would make the import wait for ever).
    case notARegularFile(file: String, kind: FileKind)
    /// The file is a workbook or UTF-16 text rather than CSV.
    case notCSV(file: String, format: NotCSVFormat)
    /// The file has no header row.
    case empty(file: String)
    /// Problems with the header row, all of them, one sentence each; `row` is the header's row when one was found.
    /// `rows`: the problems the rows were found to have in the same run (each whole message, file and row named),
    /// when the header let them be read (review 41a minor 3: every problem of the file at once).
    case header(file: String, row: Int?, problems: [Wording], rows: [Wording] = [])
    /// A quoted cell is never closed; `openedOnLine` is the line of the file where its quote opened.
    case unterminatedQuote(file: String, row: Int, column: Int, openedOnLine: Int)
    /// The file's last row ends without a line break while the rows before it end with one: the file is probably
    /// cut short (an interrupted copy or download) and that row's last cell with it — `2024-03-1` of `2024-03-12`,
    /// `12` of `1234.5` — which would be recorded as a true fact (review 47b). Excel and WPS end every row.
    case cutShort(file: String, row: Int)
    /// The whole import refused for a reason no row or heading holds (a name kept private in the file's name or the
    /// actor, found once the rows have committed their persons: review 48).
    case refused(file: String, reason: Wording)
    /// A cell is longer than `limit` bytes (`Limits.csvFieldBytesMax`); `startLine` is where the cell started,
    /// `quoted` whether it opened with a quote (then probably a quote that is never closed).
    case cellTooLong(file: String, row: Int, column: Int, startLine: Int, quoted: Bool, limit: Int)
    /// A row has more than `limit` cells (`Limits.csvColumnsMax`).
    case tooManyColumns(file: String, row: Int, limit: Int)
    /// The file has more than `limit` rows (`Limits.csvRowsMax`).
    case tooManyRows(file: String, limit: Int)
    /// A cell is not UTF-8 although the file's other text is (the rows before it, or most of its first part):
    /// the file mixes two encodings. `utf8Above`: when the file's only UTF-8 text so far is in rows above this one
    /// (a title pasted from a UTF-8 file into a GBK one, review I17 #8), those rows, a cell of theirs, and this
    /// cell read as GB18030; the message then says so instead of blaming this cell.
    case mixedEncoding(file: String, row: Int, column: Int, heading: String, bytesHex: String, utf8Above: UTF8Above? = nil)

    /// What a mixed-encoding refusal saw above its row (`mixedEncoding`).
    public struct UTF8Above: Equatable, Sendable {
        /// The first and last rows holding UTF-8 text other than ASCII, all above the refused row.
        public let rows: ClosedRange<Int>
        /// The first such cell's text (shortened).
        public let sample: String
        /// The refused cell read as GB18030.
        public let cellAsGB18030: String
    }
    /// The file reads both as UTF-8 and as GB18030 with different text: sample cells read each way.
    case ambiguousEncoding(file: String, asUTF8: [String], asGB18030: [String])
    /// A mapping or rules file is unusable.
    case mapping(file: String, reason: Wording)
    /// A cell value refused by a cell parser (`Cell.date`, `Cell.area`, `Cell.yuan`, `Cell.kind`, a fact's field):
    /// the caller holds the cell's file, row, column and text, and makes a `RowProblem` of it.
    case cell(CellRefusal)

    /// Why a cell value was refused, and what would be accepted (`.cell`; `Cell.textRefusal` returns one).
    public struct CellRefusal: Equatable, Sendable {
        /// What is wrong, as a phrase that follows the value, in English and Chinese (`ImportWords`).
        public let why: Wording
        /// What would be accepted.
        public let advice: Wording

        public init(reason: Wording, allowed: Wording) {
            why = reason
            advice = allowed
        }

        /// What is wrong, in English.
        public var reason: String { why.en }
        /// What would be accepted, in English.
        public var allowed: String { advice.en }
    }

    /// A cell value refused: why, and what would be accepted.
    public static func cell(reason: Wording, allowed: Wording) -> ImportError { .cell(CellRefusal(reason: reason, allowed: allowed)) }

    /// The refusal of a cell (`.cell`). A cell parser throws nothing else; any other case (a whole file's
    /// problem) reads as its message, with nothing more to advise.
    public var cellRefusal: CellRefusal {
        if case .cell(let refusal) = self { return refusal }
        return CellRefusal(reason: message, allowed: Wording(same: ""))
    }

    /// The message in both languages (`ImportWords.error`).
    public var message: Wording { ImportWords.error(self) }

    /// The message in English.
    public var description: String { message.en }
}
