import LedgerEvents
import LedgerPlatform

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
