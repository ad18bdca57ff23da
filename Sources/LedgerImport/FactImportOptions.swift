import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Choices that shape a fact import (`ledger import KIND FILE`); the CLI fills them from its options.
public struct FactImportOptions: Sendable {
    public var kind: FactKind
    /// The file name recorded in `register.imported` and used in messages.
    public var fileName: String
    /// `--community ID`: the community of every row of a kind that names one (a column, if present, must agree).
    public var communityID: String?
    /// `--excel-dates`: read bare numbers in date cells as Excel serial dates.
    public var excelDates = false
    /// `--allow-partial`: append the good rows, reject the bad ones (cell, duplicate and ledger-check problems).
    public var allowPartial = false
    /// `--header-row N`: the header's row; nil to find it below any title rows.
    public var headerRow: Int?
    /// `--mapping FILE`, already parsed.
    public var mapping: FactMapping?
    /// `--private FIELD,…`: person fields (`counterparty`, `user`, `inspector`) recorded as erasable personal data,
    /// each value committed by the `commit` function given to `FactImport.run`.
    public var privateFields: Set<String> = []
    /// The date of the import (`occurred_on` of `register.imported`).
    public var importedOn: CalendarDate
    /// The latest date a fact's date may hold (`LatestFactDate`: today in Beijing, or the day after an earlier
    /// `--recorded-at`), the bound `ledger append` holds facts to; `importedOn` by default.
    public var latestFactDate: LatestFactDate
    /// `--allow-new-category`: a category word outside the vocabulary (docs/categories.md) is recorded as written,
    /// a category of its own; without it such a word is refused with the word it most likely means.
    public var allowNewCategory = false
    /// `--allow-same-day-amount` (income, spending, transfers): a row with the fund, day, direction and amount of a bank-statement
    /// line already recorded that no receipt stands for yet is a second payment, recorded; without it such a row is
    /// refused as most likely the same money (`StatementLines`).
    public var allowSameDayAmount = false
    /// `--allow-twins` (income, spending, transfers): a row whose fund, day, direction, amount, counterparty and
    /// category are a recorded payment's or an earlier row's, under another voucher, is another payment, recorded;
    /// without it such a row is refused as most likely the same payment again (`ImportTwins`).
    public var allowTwins = false
    /// Who the records will name (`--actor`): counted in the size of each row's record (`RecordSize`); nil counts
    /// `RecordSize.actorBytesAssumed` bytes.
    public var actor: String? = nil

    public init(kind: FactKind, fileName: String, importedOn: CalendarDate) {
        self.kind = kind
        self.fileName = fileName
        self.importedOn = importedOn
        latestFactDate = LatestFactDate(today: importedOn)
    }
}
