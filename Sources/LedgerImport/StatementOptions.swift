import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// Choices of a statement import.
public struct StatementOptions: Sendable {
    public var fileName: String
    /// `--fund F`: the fund whose bank account the statement is of.
    public var fundID: String
    public var importedOn: CalendarDate
    public var allowPartial = false
    public var headerRow: Int?
    public var rules = StatementRules()
    /// `--mapping`: the bank's headings → statement fields (`date`, `amount`, `credit`, `debit`, `balance`,
    /// `counterparty`, `memo`, `transaction_id`) or `ignore`.
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
        for heading in entries.keys.sorted() {
            guard let target = entries[heading]?.stringValue,
                  target == "ignore" || StatementField(rawValue: target) != nil else {
                throw .mapping(file: fileName, reason: ImportWords.Mapping.columnMustBe(heading, StatementField.allCases.map(\.rawValue) + ["ignore"]))
            }
            out[RegisterVocabulary.normalizedHeading(heading)] = .some(StatementField(rawValue: target))
        }
        return out
    }
}
