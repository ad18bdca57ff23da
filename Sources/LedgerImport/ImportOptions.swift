import LedgerEvents

/// Choices that shape an import; the CLI fills them from its options and passes the date, since the library
/// reads no clock.
public struct ImportOptions: Sendable {
    /// The file name recorded in `register.imported` and used in messages (the name, not the full path).
    public var fileName: String
    /// `--community ID`: the community of every row (a community column, when present, must agree).
    public var communityID: String?
    /// `--strict`: refuse columns the importer does not know instead of keeping them as attributes.
    public var strict = false
    /// `--excel-dates`: read bare numbers in date cells as Excel serial dates.
    public var excelDates = false
    /// `--allow-partial`: import the good rows even when some are bad.
    public var allowPartial = false
    /// `--registered-on DATE`: the registration date of every row when the file has no date column.
    public var registeredOn: CalendarDate?
    /// `--mapping FILE`, already parsed.
    public var mapping: ColumnMapping?
    /// `--header-row N`: the header's row; nil to find it below any title rows.
    public var headerRow: Int?
    /// Problems the ledger check found in earlier passes, by row: those rows are rejected with them.
    public var ledgerProblems: [Int: [RowProblem]] = [:]
    /// The date of the import: `occurred_on` of `register.imported` and of `asset.updated`.
    public var importedOn: CalendarDate
    /// The latest date a registration date (a cell, `--registered-on`) may hold (`LatestFactDate`: today in Beijing, or the day after an earlier
    /// `--recorded-at`), the bound `ledger append` holds facts to; `importedOn` by default.
    public var latestFactDate: LatestFactDate
    /// Who the records will name (`--actor`): counted in the size of each row's record (`RecordSize`); nil counts
    /// `RecordSize.actorBytesAssumed` bytes.
    public var actor: String? = nil
    /// `--allow-twins`: a new part with the community, kind, name, location and area of a recorded part or of an
    /// earlier row, under another id, is another part, registered; without it such a row is refused (`RegisterTwins`).
    public var allowTwins = false
    /// The names the ledger keeps private (`private/`), refused in clear in a register's extra columns (review 47c:
    /// a row's `联系人` cell kept 张伟 in the log for ever, beyond `ledger erase-personal`); nil: none is kept.
    public var privateNames: PrivateNames? = nil

    public init(fileName: String, importedOn: CalendarDate) {
        self.fileName = fileName
        self.importedOn = importedOn
        latestFactDate = LatestFactDate(today: importedOn)
    }
}
