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
    }

    public init(rowNumber: Int, cells: [String?], problems: [RowProblem] = []) {
        self.rowNumber = rowNumber
        self.cells = cells
        self.problems = problems
    }
}
