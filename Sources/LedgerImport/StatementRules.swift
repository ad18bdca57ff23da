import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The rules that classify statement lines (the idea of hledger's CSV rules): the first rule whose every
/// condition matches sets the line's fields. A rules file (JSON, UTF-8):
///
/// ```json
/// {"rules": [
///   {"if": {"counterparty": "海港停车"}, "category": "parking", "contract_id": "K-HY-P01"},
///   {"if": {"memo": "利息"}, "category": "interest", "counterparty": "青岛银行"},
///   {"if": {"direction": "out", "memo": "防水"}, "purpose": "屋顶防水维修", "purpose_category": "repair",
///    "decision_id": "D-HY-2024-02"}
/// ]}
/// ```
///
/// Conditions: `counterparty` and `memo` match when the cell contains the text, both compared after Unicode
/// lowercasing (`String.lowercased()`: `ABC` matches `abc`, `Ä` matches `ä`; no wider folding, so `ß` does not match
/// `SS`); `direction` is `in` or `out`. Settings: `category` and `contract_id` (income), `purpose`,
/// `purpose_category` and `decision_id` (spending), `counterparty` (either, replacing an empty or unhelpful bank name).
public struct StatementRules: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var counterparty: String?
        public var memo: String?
        public var direction: String?
        public var set: [String: String]
    }

    public var rules: [Rule] = []
    /// The rules file's name as given (`--rules`), for a refusal that names a rule (`rules[2] of rules.json`).
    public var fileName = ""

    public init() {}

    static let settings: Set<String> = ["category", "contract_id", "purpose", "purpose_category", "decision_id", "counterparty"]

    /// Parses a rules file. A `category` or `purpose_category` must be a word of the vocabulary for its direction
    /// (docs/categories.md) unless `allowNewCategory` (`--allow-new-category`): a slip in a rule would misfile
    /// every line it matches. A word a record of the ledger already holds in that member (`holdsCategory`, asked
    /// only for a word outside the vocabulary) is let through, as `ledger append` and the other imports let it.
    public init(bytes: [UInt8], fileName: String, allowNewCategory: Bool = false,
                holdsCategory: ((_ member: String, _ text: String) -> Bool)? = nil) throws(ImportError) {
        self.fileName = fileName
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.notJSON(error, example: "{\"rules\": [{\"if\": {\"memo\": \"利息\"}, \"category\": \"interest\"}]}", rules: true))
        }
        guard case .object(let members) = value, members.keys.sorted() == ["rules"], case .array(let items)? = members["rules"] else {
            throw .mapping(file: fileName, reason: ImportWords.Mapping.rulesShape)
        }
        /// One rule, or its first problem (a rule's problems after the first depend on it: its shape, its keys).
        func rule(_ index: Int, _ item: JSONValue) throws(ImportError) -> Rule {
            let place = "rules[\(index)]"
            guard case .object(let rule) = item, case .object(let conditions)? = rule["if"] else {
                throw .mapping(file: fileName, reason: ImportWords.Mapping.ruleShape(place))
            }
            var parsed = Rule(counterparty: nil, memo: nil, direction: nil, set: [:])
            for key in conditions.keys.sorted() {
                guard let text = conditions[key]?.stringValue, !text.isEmpty else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.conditionString(place, key))
                }
                switch key {
                case "counterparty": parsed.counterparty = text
                case "memo": parsed.memo = text
                case "direction":
                    guard text == "in" || text == "out" else { throw .mapping(file: fileName, reason: ImportWords.Mapping.direction(place)) }
                    parsed.direction = text
                default: throw .mapping(file: fileName, reason: ImportWords.Mapping.conditionOn(place, key))
                }
            }
            guard !conditions.isEmpty else { throw .mapping(file: fileName, reason: ImportWords.Mapping.emptyCondition(place)) }
            for key in rule.keys.sorted() where key != "if" {
                guard Self.settings.contains(key), let text = rule[key]?.stringValue, !text.isEmpty else {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.ruleSets(place, key, settings: Self.settings.sorted()))
                }
                // A contract or decision a rule links lines to must be an id (said here with the rule's place rather
                // than on every line); a reference, so it need only equal an id the log holds, NFC or not.
                if key == "contract_id" || key == "decision_id", let why = EventInput.idFault(text) {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.ruleID(place, key, EventWords.idProblem(text, why)))
                }
                // A counterparty a rule records, and a new category word, are held to the writer's door rule for names
                // (`EventInput.nameFault`), as `ledger append` holds them (a new word `--allow-new-category` or not).
                if key == "counterparty", let fault = EventInput.nameFault(text) {
                    throw .mapping(file: fileName, reason: ImportWords.Mapping.ruleName(place, key, EventWords.nameProblem(text, fault)))
                }
                if key == "category" || key == "purpose_category" {
                    let direction: Category.Direction = key == "category" ? .income : .spending
                    let fault = EventInput.nameFault(text)
                    if !allowNewCategory || fault != nil, CategoryVocabulary.code(for: text, direction: direction) == nil,
                       holdsCategory?(key, text) != true {
                        if let fault {
                            throw .mapping(file: fileName, reason: ImportWords.Mapping.ruleName(place, key, EventWords.nameProblem(text, fault)))
                        }
                        throw .mapping(file: fileName, reason: ImportWords.Mapping.ruleCategory(place, key, text, direction))
                    }
                }
                parsed.set[key] = text
            }
            return parsed
        }
        // Every bad rule is told in one run, each with its place (a clerk fixing the first learnt of the next only
        // on the next run).
        var problems: [Wording] = []
        for (index, item) in items.enumerated() {
            do throws(ImportError) { rules.append(try rule(index, item)) } catch {
                guard case .mapping(_, let reason) = error else { throw error }
                problems.append(reason)
            }
        }
        if problems.count == 1 { throw .mapping(file: fileName, reason: problems[0]) }
        if !problems.isEmpty {
            throw .mapping(file: fileName, reason: Wording(en: "\(problems.count) rules have problems:\n  " + problems.map(\.en).joined(separator: "\n  "),
                                                       zh: "有 \(problems.count) 条规则有问题：\n  " + problems.map(\.zh).joined(separator: "\n  ")))
        }
    }

    /// The settings of the first rule that matches.
    func match(counterparty: String, memo: String, incoming: Bool) -> [String: String]? {
        matchIndex(counterparty: counterparty, memo: memo, incoming: incoming).map { rules[$0].set }
    }

    /// The index of the first rule that matches (`rules[i]` in the file), for a message naming it.
    func matchIndex(counterparty: String, memo: String, incoming: Bool) -> Int? {
        func contains(_ text: String, _ pattern: String) -> Bool {
            text.lowercased().contains(pattern.lowercased())
        }
        for (index, rule) in rules.enumerated() {
            if let direction = rule.direction, direction != (incoming ? "in" : "out") { continue }
            if let pattern = rule.counterparty, !contains(counterparty, pattern) { continue }
            if let pattern = rule.memo, !contains(memo, pattern) { continue }
            return index
        }
        return nil
    }
}
