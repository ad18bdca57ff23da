import LedgerEvents

/// A column mapping read from `--mapping FILE`: extra heading aliases and kind words for one office's
/// template. Format (JSON, UTF-8):
/// `{"columns": {"资产代码": "id", "车位号": "attribute", "旧编号": "ignore"}, "kinds": {"机械车位": "parking"}}`
/// where a column maps to a field name (`id community kind name location area registered_on note`), `ignore`,
/// or `attribute` (keep under its heading even with `--strict`). Both members are optional; nothing else is allowed.
public struct ColumnMapping: Equatable, Sendable {
    /// Normalised heading → field (nil: attribute).
    public var columns: [String: RegisterField?] = [:]
    /// Normalised kind word → kind code.
    public var kinds: [String: String] = [:]

    public init() {}

    /// Parses a mapping file's bytes.
    /// - Throws: `ImportError.mapping` naming the entry that is wrong and what is allowed.
    public init(bytes: [UInt8], fileName: String) throws(ImportError) {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.notJSON(error, example: "{\"columns\": {\"资产代码\": \"id\"}, \"kinds\": {\"机械车位\": \"parking\"}}"))
        }
        guard case .object(let members) = value else {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.objectWith("columns", "kinds"))
        }
        for key in members.keys.sorted() where key != "columns" && key != "kinds" {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.unknownMember(key, "columns", "kinds"))
        }
        if let columnsValue = members["columns"] {
            guard case .object(let entries) = columnsValue else {
                throw .mapping(file: fileName, reason: ImportWords.Mapping.columnsObject)
            }
            let fieldNames = RegisterField.allCases.map(\.rawValue)
            for heading in entries.keys.sorted() {
                guard let target = entries[heading]?.stringValue else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.columnString(heading))
                }
                let key = RegisterVocabulary.normalizedHeading(heading)
                guard !key.isEmpty else { throw .mapping(file: fileName, reason: ImportWords.Mapping.emptyHeading(heading)) }
                let role: RegisterField?
                if target == "attribute" {
                    role = nil
                } else if let field = RegisterField(rawValue: target) {
                    role = field
                } else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.columnIs(heading, target, allowed: fieldNames + ["attribute"]))
                }
                // Headings are matched after normalisation, so two spellings of one heading must agree.
                if let earlier = columns[key], earlier != role {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.headingTwice(heading, target, earlier: earlier?.rawValue ?? "attribute"))
                }
                columns[key] = .some(role)
            }
        }
        if let kindsValue = members["kinds"] {
            guard case .object(let entries) = kindsValue else {
                throw .mapping(file: fileName, reason: ImportWords.Mapping.kindsObject)
            }
            for word in entries.keys.sorted() {
                guard let code = entries[word]?.stringValue, RegisterVocabulary.kindCodes.contains(code) else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.kindMustBe(word, codes: RegisterVocabulary.kindCodes))
                }
                let key = RegisterVocabulary.normalizedKind(word)
                guard !key.isEmpty else { throw .mapping(file: fileName, reason: ImportWords.Mapping.emptyWord(word)) }
                // Kind words are matched after normalisation, so two spellings of one word must agree.
                if let earlier = kinds[key], earlier != code {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.wordTwice(word, code, earlier: earlier))
                }
                kinds[key] = code
            }
        }
    }
}
