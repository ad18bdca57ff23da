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
    ///
    /// A word outside the vocabulary is a grouping key of its own (the reports total by it): one with a space or an
    /// invisible character at an end, a hiding character inside, or nothing visible (`EventInput.nameFault`) is
    /// refused with the door's name rule, `--allow-new-category` or not, unless the log holds it already.
    static func problems(_ words: [Word], source: String, allowNew: Bool,
                         directory: LedgerDirectory) throws(CLIError) -> [(line: Int, message: Message)] {
        let outside = words.filter { word in
            if case .known = CategoryVocabulary.verdict(word.text, direction: word.direction) { return false }
            return !allowNew || EventInput.nameFault(word.text) != nil
        }
        guard !outside.isEmpty else { return [] }
        let used = try heldWords(directory)
        return outside.filter { !used.contains(Used(member: $0.member, text: $0.text)) }.map { word in
            if let fault = EventInput.nameFault(word.text) {
                let problem = EventError.LineProblem(source: source, lineNumber: word.line, field: word.field,
                                                     reason: EventWords.nameProblem(word.text, fault))
                return (word.line, Message(problem.message))
            }
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

    /// Every category text outside the vocabulary for its direction that a committed record of the log holds, by
    /// its member: of a `fund.income` (`category`), a `fund.spending` (`purpose_category`) or a correction's
    /// replacement. The one rule of both doors (`ledger append`, `ledger import`, its statement rules included): a
    /// word a record already holds in that field is let through. Gathered in one pass, only when a door meets a word
    /// outside the vocabulary (rare), and once per command: each text is read from the record's JSON bytes
    /// (`"category":"停车收费"`, exact in canonical JSON, where only `"`, `\` and controls are escaped), a text
    /// of the vocabulary or already gathered is passed over, and only a record with another one is decoded, so the
    /// pass costs about what `ledger verify` does.
    static func heldWords(_ directory: LedgerDirectory) throws(CLIError) -> Set<Used> {
        let types = [EventType.fundIncome, .fundSpending, .correction].map { Array($0.rawValue.utf8) }
        let members: [(name: String, key: [UInt8], direction: Category.Direction)] = [
            ("category", Array("\"category\":\"".utf8), .income), ("purpose_category", Array("\"purpose_category\":\"".utf8), .spending)]
        // Member index and text bytes: of the vocabulary, or gathered already.
        var passed: Set<[UInt8]> = []
        var held: Set<Used> = []
        _ = try CLIError.fromChain { () throws(ChainError) in
            try LogScanner.committedBatches(directory, prepare: { line -> Void? in
                guard types.contains(where: { line.typeBytes.elementsEqual($0) }) else { return nil }
                let data = line.dataBytes
                var decode = false
                for (index, member) in members.enumerated() {
                    var from = data.startIndex
                    while !decode, let at = find(member.key, in: data[from...]) {
                        let start = at + member.key.count
                        guard let end = data[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                        from = end
                        let text = data[start..<end]
                        // An escape: the text is not its bytes; decoded with the record.
                        if text.contains(UInt8(ascii: "\\")) { decode = true; break }
                        let key = [UInt8(index)] + text
                        if passed.contains(key) { continue }
                        if case .known = CategoryVocabulary.verdict(String(decoding: text, as: UTF8.self), direction: member.direction) {
                            passed.insert(key)
                        } else {
                            decode = true
                        }
                    }
                }
                guard decode else { return nil }
                // The record decides: a text found at another depth (a member of that name inside another object)
                // is not the record's category.
                let record = try line.record()
                for word in words(type: record.type, data: record.data, line: 0) {
                    if case .known = CategoryVocabulary.verdict(word.text, direction: word.direction) { continue }
                    held.insert(Used(member: word.member, text: word.text))
                    var bytes: [UInt8] = []
                    if Bytes.appendPlainJSONString(word.text, to: &bytes) {
                        passed.insert([UInt8(word.member == "category" ? 0 : 1)] + bytes.dropFirst().dropLast())
                    }
                }
                return nil
            }, batch: { _ in })
        }
        return held
    }

    /// Where `needle` first occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            guard let at = haystack[index...last].firstIndex(of: first) else { return nil }
            if haystack[at..<(at + needle.count)].elementsEqual(needle) { return at }
            index = at + 1
        }
        return nil
    }

    /// Whether a record of `type` with `data` holds `used` (directly, or in a correction's replacement).
    static func holds(_ type: String, _ data: [String: JSONValue], _ used: Used) -> Bool {
        words(type: type, data: data, line: 0).contains { $0.member == used.member && $0.text == used.text }
    }
}

extension AppendCategoryDoor {
    /// `heldWords` for an import: gathered at the first word outside the vocabulary that the import asks about, and
    /// only once (a file of many such cells reads the log once). A failure of the log found on the way is kept for
    /// the command to report (`failure`), and the word is refused meanwhile.
    final class Held {
        private let directory: () throws(CLIError) -> LedgerDirectory
        private var words: Set<Used>? = nil
        private(set) var failure: CLIError? = nil

        init(_ directory: @escaping () throws(CLIError) -> LedgerDirectory) { self.directory = directory }

        func holds(_ member: String, _ text: String) -> Bool {
            if words == nil, failure == nil {
                do throws(CLIError) {
                    words = try heldWords(try directory())
                } catch {
                    failure = error
                }
            }
            return words?.contains(Used(member: member, text: text)) ?? false
        }
    }
}
