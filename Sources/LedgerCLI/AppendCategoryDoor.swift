import LedgerChain
import LedgerEvents
import LedgerPlatform

/// `ledger append`'s side of the category door (docs/categories.md, the same door as `ledger import`'s:
/// `CategoryVocabulary.verdict`, `refusal`, `allowed`): a `fund.income` `category` or `fund.spending`
/// `purpose_category` (a correction's replacement of one included) that is not a word of the vocabulary for its
/// direction is a problem of its line, reported with the batch's others, unless
/// - `--allow-new-category` says it is a new category on purpose, or
/// - a record already in the log uses that very text in that field (a ledger written before the door, a program
///   that has appended an office's own word every month, a correction that restates the record it corrects):
///   refusing it now would split nothing that is not split already, and would stop the same facts being recorded
///   the same way.
///
/// A word of the vocabulary is kept as written (广告 stays 广告; the reports and rules read it as `advertising`):
/// an appended line is the event as the clerk or program wrote it, and rewriting it would make the same input,
/// appended again under an explicit id, differ from a record written before the door.
enum AppendCategoryDoor {
    /// One category text of an input line.
    struct Word: Equatable {
        let line: Int
        /// The field as messages name it: `data.category`, `data.replacement.data.purpose_category`.
        let field: String
        /// The payload member: `category` or `purpose_category`.
        let member: String
        let text: String
        let direction: Category.Direction
    }

    /// The category texts of the batch: of the events that parsed, and, read from their JSON as written, of the
    /// lines that did not (so that a line's bad amount and misspelt category are told in one run).
    static func words(_ parsed: [(event: Event, lineNumber: Int)], lines: [(lineNumber: Int, bytes: ArraySlice<UInt8>)]) -> [Word] {
        var out: [Word] = []
        var good: Set<Int> = []
        for (event, lineNumber) in parsed {
            good.insert(lineNumber)
            out += words(type: event.type, data: event.data, line: lineNumber)
        }
        for (lineNumber, bytes) in lines where !good.contains(lineNumber) {
            guard case .object(let event)? = try? JSONParser.parse(Array(bytes)),
                  let type = event["type"]?.stringValue, case .object(let data)? = event["data"] else { continue }
            out += words(type: type, data: data, line: lineNumber)
        }
        return out.sorted { ($0.line, $0.field) < ($1.line, $1.field) }
    }

    /// The category texts of an event's `data`, its correction's replacement included. Only string values:
    /// another value is the schema's problem, reported as such.
    static func words(type: String, data: [String: JSONValue], line: Int) -> [Word] {
        var out = words(type: type, data: data, prefix: "data.", line: line)
        if type == EventType.correction.rawValue, case .object(let replacement)? = data["replacement"],
           let replacedType = replacement["type"]?.stringValue, case .object(let replacedData)? = replacement["data"] {
            out += words(type: replacedType, data: replacedData, prefix: "data.replacement.data.", line: line)
        }
        return out
    }

    static func words(type: String, data: [String: JSONValue], prefix: String, line: Int) -> [Word] {
        let member: String, direction: Category.Direction
        switch type {
        case EventType.fundIncome.rawValue: (member, direction) = ("category", .income)
        case EventType.fundSpending.rawValue: (member, direction) = ("purpose_category", .spending)
        default: return []
        }
        // An empty or blank text is the schema's to refuse (or not), not a word to look up.
        guard case .string(let text)? = data[member], !text.allSatisfy({ $0.isWhitespace }) else { return [] }
        return [Word(line: line, field: prefix + member, member: member, text: text, direction: direction)]
    }

    /// The problems of `words` not allowed through: each with its line, field, value, the word it most likely
    /// means and how to record a new category. Reads the log (`directory`, under the writer's lock) only when a
    /// word outside the vocabulary is left to look up: one pass, in the rare batch that has one.
    static func problems(_ words: [Word], source: String, allowNew: Bool,
                         directory: LedgerDirectory) throws(CLIError) -> [(line: Int, message: Message)] {
        if allowNew { return [] }
        let outside = words.filter { word in
            if case .known = CategoryVocabulary.verdict(word.text, direction: word.direction) { return false }
            return true
        }
        guard !outside.isEmpty else { return [] }
        let used = try usedByRecords(Set(outside.map { Used(member: $0.member, text: $0.text) }), directory: directory)
        return outside.filter { !used.contains(Used(member: $0.member, text: $0.text)) }.map { word in
            let shown = DisplayText.visible(word.text)
            let reason = Wording(en: "\"\(shown)\" ", zh: "“\(shown)”") + CategoryVocabulary.refusal(word.text, word.direction)
                + Wording(en: ". ", zh: "。") + CategoryVocabulary.allowed(word.text, word.direction, mapping: false)
            let problem = EventError.LineProblem(source: source, lineNumber: word.line, field: word.field, reason: reason)
            return (word.line, Message(problem.message))
        }
    }

    /// A text in a payload member.
    struct Used: Hashable {
        let member: String
        let text: String
    }

    /// Which of `wanted` a committed record of the log holds: a `fund.income` or `fund.spending` whose member is
    /// that text, or a correction whose replacement's is. Records are picked by their type's bytes and by the
    /// text's JSON bytes (`"category":"停车收费"`, exact in canonical JSON, where only `"`, `\` and controls are
    /// escaped) before one is decoded, so the pass costs about what `ledger verify` does.
    static func usedByRecords(_ wanted: Set<Used>, directory: LedgerDirectory) throws(CLIError) -> Set<Used> {
        let types = [EventType.fundIncome, .fundSpending, .correction].map { Array($0.rawValue.utf8) }
        // Each wanted text's bytes as a record writes them, or nil when it needs escapes (then every record of
        // those types is decoded and compared).
        let needles: [(used: Used, bytes: [UInt8]?)] = wanted.map { used in
            var bytes = Array("\"\(used.member)\":".utf8)
            return (used, Bytes.appendPlainJSONString(used.text, to: &bytes) ? bytes : nil)
        }
        var found: Set<Used> = []
        _ = try CLIError.fromChain { () throws(ChainError) in
            try LogScanner.committedBatches(directory, prepare: { line -> Void? in
                guard found.count < needles.count, types.contains(where: { line.typeBytes.elementsEqual($0) }) else { return nil }
                let data = line.dataBytes
                let candidates = needles.filter { !found.contains($0.used) && ($0.bytes.map { contains(data, $0) } ?? true) }
                guard !candidates.isEmpty else { return nil }
                let record = try line.record()
                for (used, _) in candidates where holds(record.type, record.data, used) { found.insert(used) }
                return nil
            }, batch: { _ in })
        }
        return found
    }

    /// Whether a record of `type` with `data` holds `used` (directly, or in a correction's replacement).
    static func holds(_ type: String, _ data: [String: JSONValue], _ used: Used) -> Bool {
        words(type: type, data: data, line: 0).contains { $0.member == used.member && $0.text == used.text }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            guard let at = haystack[index...last].firstIndex(of: first) else { return false }
            if haystack[at..<(at + needle.count)].elementsEqual(needle) { return true }
            index = at + 1
        }
        return false
    }
}
