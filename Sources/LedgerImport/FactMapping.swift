import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// A mapping file for a fact kind: `{"columns": {"收款金额": "amount_fen", "经办人": "ignore"},
/// "values": {"category": {"摊位费": "stall"}}}`. Columns map to a field key of the kind (see `ledger template
/// KIND`) or `ignore`; values add words for a choice or vocabulary field.
public struct FactMapping: Sendable, Equatable {
    /// Normalised heading → field key, or nil to ignore the column.
    public var columns: [String: String?] = [:]
    /// Field key → normalised word → code.
    public var values: [String: [String: String]] = [:]

    public init() {}

    /// Parses a mapping file's bytes for `kind`.
    public init(bytes: [UInt8], fileName: String, kind: FactKind) throws(ImportError) {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.notJSON(error, example: "{\"columns\": {\"收款金额\": \"amount_fen\"}, \"values\": {\"category\": {\"摊位费\": \"stall\"}}}"))
        }
        guard case .object(let members) = value else {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.objectWith("columns", "values"))
        }
        for key in members.keys.sorted() where key != "columns" && key != "values" {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.unknownMember(key, "columns", "values"))
        }
        let keys = kind.fields.map(\.key)
        if let columnsValue = members["columns"] {
            guard case .object(let entries) = columnsValue else { throw .mapping(file: fileName, reason: ImportWords.Mapping.columnsObject) }
            for heading in entries.keys.sorted() {
                guard let target = entries[heading]?.stringValue, target == "ignore" || keys.contains(target) else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.columnMustBe(heading, keys + ["ignore"], kind: kind.rawValue))
                }
                columns[RegisterVocabulary.normalizedHeading(heading)] = target == "ignore" ? .some(nil) : .some(target)
            }
        }
        if let valuesValue = members["values"] {
            guard case .object(let entries) = valuesValue else { throw .mapping(file: fileName, reason: ImportWords.Mapping.valuesObject) }
            for key in entries.keys.sorted() {
                guard let field = kind.fields.first(where: { $0.key == key }) else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.notAFieldOf(key, kind: kind.rawValue, fields: keys))
                }
                let codes: [String]
                switch field.value {
                case .choice(let table): codes = table.map(\.code)
                case .vocabulary: codes = []
                default: throw .mapping(file: fileName, reason: ImportWords.Mapping.noWordList(key))
                }
                guard case .object(let words) = entries[key]! else { throw .mapping(file: fileName, reason: ImportWords.Mapping.wordsObject(key)) }
                for word in words.keys.sorted() {
                    guard let code = words[word]?.stringValue, !code.isEmpty, codes.isEmpty || codes.contains(code) else {
                        throw .mapping(file: fileName, reason: ImportWords.Mapping.valueMustBe(key, word, codes: codes))
                    }
                    values[key, default: [:]][FactVocabulary.normalizedWord(word)] = code
                }
            }
        }
    }
}
