import LedgerEvents

/// One data row handed to the importer: its spreadsheet row number, its decoded cells (nil for a cell whose
/// bytes could not be decoded) and the problems already found while reading it.
public struct RegisterRow: Sendable {
    public var rowNumber: Int
    public var cells: [String?]
    public var problems: [RowProblem]
    /// False when the reader knows that no cell's text holds a byte `Cell.controlRefusal` looks for (the record's
    /// bytes, which are the cells' text when not read as GB18030, were scanned in one pass): the cell rules then
    /// skip that scan of each cell. True (ask each cell) unless a reader says so.
    var controlsPossible = true
    /// The cells trimmed (`Cell.trimmed`), when the reader made them (on its own thread: `AssetImport.run`); nil
    /// has the importer trim them.
    var trimmedCells: [String?]?
    /// The cell rules' answers for the trimmed cells, when the reader worked them out with them (`Answers`); nil
    /// has the importer ask them.
    var answers: Answers?

    /// What `RegisterImporter.add` asks the cell rules of a row's trimmed cells, worked out before (by the reader,
    /// on its own thread): each pure, of a cell's text and its column's role alone.
    struct Answers: Sendable {
        /// `Cell.textRefusal` of each cell under its column's role (`RegisterImporter.textRole`), by column; nil
        /// where it refuses nothing or is not asked (an empty or undecodable cell, a column it does not check).
        var refusals: [ImportError.CellRefusal?] = []
        /// `Cell.nameRefusal` of the name's cell (when it has text).
        var nameRefusal: ImportError.CellRefusal?
        /// The id cell's answers (when it has text).
        var id: IDAnswers?
        /// `Cell.kind` of the kind's cell under the importer's mapping (when it has text).
        var kind: Result<AssetKind, ImportError>?
        /// `Cell.area` of the area's cell (when it has text).
        var area: Result<DecimalQuantity, ImportError>?
        /// `Cell.date` of the registration date's cell under the importer's `excelDates` (when it has text).
        var registeredOn: Result<CalendarDate, ImportError>?
        /// `Cell.nonDataRow` of the trimmed cells.
        var nonDataRow: (column: Int, text: String, refusal: ImportError.CellRefusal)?
    }

    /// What `RegisterImporter.add` asks of an id cell's text by itself (docs/perf-import49.md: some 12 % of the
    /// importer's thread, which is the parse's longer stage, moved to the reading thread).
    struct IDAnswers: Sendable {
        /// `EventInput.idFault(id) == nil`: the id is named for the stored state's look-up.
        var wellFormed: Bool
        /// `EventInput.doorIDFault(id)`.
        var doorFault: EventInput.IDFault?
        /// `Cell.textRefusal(id, role: .id, controlsPossible:)` under the row's `controlsPossible`.
        var refusal: ImportError.CellRefusal?
        /// `RegisterImporter.asciiUpper(id)` and `asciiLower(id)`.
        var upper: String
        var lower: String
        /// `RegisterImporter.twinKey(id)`.
        var twinKey: String
        /// Whether the id is of 10 bytes or fewer and `RegisterImporter.looksLikeExcelDate(id)`.
        var looksLikeDate: Bool
    }

    public init(rowNumber: Int, cells: [String?], problems: [RowProblem] = []) {
        self.rowNumber = rowNumber
        self.cells = cells
        self.problems = problems
    }
}
