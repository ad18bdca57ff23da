import LedgerEvents

/// One data row handed to the importer: its spreadsheet row number, its decoded cells (nil for a cell whose
/// bytes could not be decoded) and the problems already found while reading it.
public struct RegisterRow: Sendable {
    public var rowNumber: Int
    public var cells: [String?]
    public var problems: [RowProblem]

    public init(rowNumber: Int, cells: [String?], problems: [RowProblem] = []) {
        self.rowNumber = rowNumber
        self.cells = cells
        self.problems = problems
    }
}
