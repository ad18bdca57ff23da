import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Choices of a statement import.
public struct StatementOptions: Sendable {
    public var fileName: String
    /// `--fund F`: the fund whose bank account the statement is of.
    public var fundID: String
    public var importedOn: CalendarDate
    /// The latest date a line's date may hold (`LatestFactDate`: today in Beijing, or the day after an earlier
    /// `--recorded-at`), the bound `ledger append` holds facts to; `importedOn` by default.
    public var latestFactDate: LatestFactDate
    public var allowPartial = false
    public var headerRow: Int?
    public var rules = StatementRules()
    /// `--mapping`: the bank's headings → statement fields (`date`, `amount`, `credit`, `debit`, `balance`,
    /// `counterparty`, `memo`, `transaction_id`, `direction`) or `ignore`. Keys are headings as
    /// `StatementField.fullKey` reads them (a trailing bracket kept) or as `RegisterVocabulary.normalizedHeading`
    /// does; a file's heading is looked up in that order.
    public var columns: [String: StatementField?] = [:]
    /// `--private counterparty`: the lines' counterparties recorded as erasable personal data (committed by the
    /// `commit` function given to `run`).
    public var privateCounterparty = false
    /// `--excel-dates`: a bare number in the date column is an Excel serial date (`Cell.date`).
    public var excelDates = false

    public init(fileName: String, fundID: String, importedOn: CalendarDate) {
        self.fileName = fileName
        self.fundID = fundID
        self.importedOn = importedOn
        latestFactDate = LatestFactDate(today: importedOn)
    }

    /// Parses a statement mapping file: `{"columns": {"记账金额": "amount", "对方账号": "ignore"}}`.
    public static func columns(bytes: [UInt8], fileName: String) throws(ImportError) -> [String: StatementField?] {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        guard case .object(let members)? = try? JSONParser.parse(body), members.keys.sorted() == ["columns"],
              case .object(let entries)? = members["columns"] else {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.statementShape)
        }
        var out: [String: StatementField?] = [:]
        // Keyed by the heading with its trailing bracket (`StatementField.fullKey`): ICBC's `交易金额(收入)` and
        // `交易金额(支出)` are two headings, which the register reading (a trailing bracket is a unit) makes one.
        var byNormalized: [String: [StatementField?]] = [:]
        for heading in entries.keys.sorted() {
            guard let target = entries[heading]?.stringValue,
                  target == "ignore" || StatementField(rawValue: target) != nil else {
                throw .mapping(file: fileName, reason: ImportWords.Mapping.columnMustBe(heading, StatementField.allCases.map(\.rawValue) + ["ignore"]))
            }
            out[StatementField.fullKey(heading)] = .some(StatementField(rawValue: target))
            byNormalized[RegisterVocabulary.normalizedHeading(heading), default: []].append(StatementField(rawValue: target))
        }
        // And by the heading without its unit (`金额(元)` names a file's `金额`, as before), when that says one thing.
        for (normalized, targets) in byNormalized where out[normalized] == nil && Set(targets.map { $0?.rawValue ?? "ignore" }).count == 1 {
            out[normalized] = .some(targets[0])
        }
        return out
    }
}
