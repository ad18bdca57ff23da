import LedgerEvents
import LedgerPlatform
import LedgerRules

/// UTF-8 bytes of a report being rendered, appended in place: a whole city's text list is millions of finding
/// blocks (1.6 GB at ten million records), and building each line as a `String` (each concatenation growing and
/// re-checking a string, each value a temporary) was most of its rendering. Every helper here writes exactly the
/// bytes of the `String` function it stands for (named in its comment; tests compare the two).
struct ReportBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ literal: StaticString) { Bytes.append(literal, to: &bytes) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// `String(value)`.
    mutating func append(integer value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimum: 1)
    }

    /// The decimal digits of `value`, zero-padded to `minimum`.
    mutating func appendDigits(_ value: UInt64, minimum: Int) {
        var digits = BackwardBytes()
        digits.putDigits(value, minimum: minimum)
        digits.append(to: &bytes)
    }

    /// `CalendarDate.description` (`Format.date`): YYYY-MM-DD, the year as `String(year)`.
    mutating func append(date: CalendarDate) {
        append(integer: Int64(date.year))
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.month), minimum: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.day), minimum: 2)
    }

    /// `Format.date(date, language)`: 2026年1月5日 in Chinese running text, YYYY-MM-DD in English.
    mutating func append(date: CalendarDate, _ language: ReportLanguage) {
        guard language == .zh else { return append(date: date) }
        append(integer: Int64(date.year)); append("年" as StaticString)
        append(integer: Int64(date.month)); append("月" as StaticString)
        append(integer: Int64(date.day)); append("日" as StaticString)
    }

    /// `Format.money(amount, language)`: `3,500.00元` in Chinese, `¥3,500.00` in English.
    mutating func append(money amount: Amount, _ language: ReportLanguage) {
        let magnitude = amount.fen.magnitude
        if amount.fen < 0 { bytes.append(UInt8(ascii: "-")) }
        if language != .zh { append("¥" as StaticString) }
        let whole = magnitude / 100
        // Groups of three from the right: the first group as it is, then each zero-padded.
        var groups: [UInt64] = []
        var rest = whole
        while rest >= 1000 { groups.append(rest % 1000); rest /= 1000 }
        appendDigits(rest, minimum: 1)
        for group in groups.reversed() { bytes.append(UInt8(ascii: ",")); appendDigits(group, minimum: 3) }
        bytes.append(UInt8(ascii: "."))
        appendDigits(magnitude % 100, minimum: 2)
        if language == .zh { append("元" as StaticString) }
    }

    /// Makes the bytes from `start` to the end what `TerminalText.clean` makes of them (they are one value's UTF-8):
    /// the same scan decides, and a value that needs cleaning is cleaned as a string.
    mutating func clean(from start: Int) {
        let needs = { (buffer: [UInt8]) -> Bool in
            var i = start
            let end = buffer.count
            // Eight bytes at a time: a word none of whose bytes is below 0x20, 0x7F, 0xC2 or 0xE2 is passed whole
            // (each test is nonzero exactly when some byte matches); the rest, and a word that matches, byte by byte.
            while i + 8 <= end {
                let w = Bytes.u64(buffer, at: i)
                if WordTest.below(w, 0x20) | WordTest.equal(w, 0x7F) | WordTest.equal(w, 0xC2) | WordTest.equal(w, 0xE2) != 0 { break }
                i += 8
            }
            while i < end {
                let b = buffer[i]
                if b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 { return true }
                i += 1
            }
            return false
        }(bytes)
        guard needs else { return }
        let cleaned = TerminalText.clean(String(decoding: bytes[start...], as: UTF8.self))
        bytes.removeSubrange(start...)
        append(cleaned)
    }
}

extension FactText {
    /// A template cut at its `{name}`s: literal bytes and the names of the values between them.
    enum Segment {
        case literal([UInt8])
        /// `{name}`: the value as `value(name:_:_:names:)` words it.
        case value(String)
        /// `{name:noun}` or `{name:noun:plural}`: an integer and its English noun, singular for one (`counted`).
        case counted(String, singular: String, plural: String?)
        /// `{~name}`: words made from the fact's values (`worded`).
        case worded(String)
    }

    static func segments(_ template: String) -> [Segment] {
        var out: [Segment] = []
        let bytes = Array(template.utf8)
        var rest = 0
        while let open = bytes[rest...].firstIndex(of: UInt8(ascii: "{")),
              let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")) {
            if open > rest { out.append(.literal(Array(bytes[rest..<open]))) }
            let inner = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            if inner.hasPrefix("~") {
                out.append(.worded(String(inner.dropFirst())))
            } else if inner.utf8.contains(UInt8(ascii: ":")) {
                let parts = inner.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                out.append(.counted(parts[0], singular: parts[1], plural: parts.count > 2 ? parts[2] : nil))
            } else {
                out.append(.value(inner))
            }
            rest = close + 1
        }
        if rest < bytes.count { out.append(.literal(Array(bytes[rest...]))) }
        return out
    }

    /// The names of the stored values a template shows (`{name}` and `{name:noun}`; not the `{~name}` worded from them).
    static func valueNames(_ template: String) -> [String] {
        segments(template).compactMap { segment -> String? in
            switch segment {
            case .value(let name), .counted(let name, _, _): return name
            case .literal, .worded: return nil
            }
        }
    }

    /// Each key's template in segments, per language (cut once, not for every fact of every finding).
    static let segmentsZh: [FactKey: [Segment]] = Dictionary(uniqueKeysWithValues: FactKey.allCases.map { ($0, segments(zh($0))) })
    static let segmentsEn: [FactKey: [Segment]] = Dictionary(uniqueKeysWithValues: FactKey.allCases.map { ($0, segments(en($0))) })

    /// `render(facts, language, names:)`'s bytes, appended to `out`.
    static func append(_ facts: [FindingFact], _ language: ReportLanguage, names: PersonalNames, to out: inout ReportBytes) {
        let table = language == .zh ? segmentsZh : segmentsEn
        for (i, fact) in facts.enumerated() {
            if i > 0 { out.append(language == .zh ? "；" as StaticString : "; ") }
            for segment in table[fact.key]! {
                switch segment {
                case .literal(let bytes): out.append(bytes)
                case .value(let name):
                    let start = out.count
                    appendValue(name: name, fact[name], language, names: names, to: &out)
                    // "an other account", as `render` writes it: the article before a value follows its first letter.
                    if language == .en, start >= 3, out.bytes[(start - 3)..<start].elementsEqual(" a ".utf8), start < out.count,
                       "aeiouAEIOU".utf8.contains(out.bytes[start]) {
                        out.bytes.insert(UInt8(ascii: "n"), at: start - 1)
                    }
                case .counted(let name, let singular, let plural):
                    if case .integer(let n) = fact[name] {
                        out.append(integer: n)
                        out.append(byte: 0x20)
                        out.append(Wording.englishNoun(n, singular, plural: plural))
                    } else {
                        out.append(counted(fact[name], singular, plural, language, names: names))
                    }
                case .worded(let name): out.append(worded(name, fact, language))
                }
            }
        }
    }

    /// `value(name:_:_:names:)`'s bytes, appended to `out`.
    static func appendValue(name: String, _ value: FactValue, _ language: ReportLanguage, names: PersonalNames, to out: inout ReportBytes) {
        switch value {
        case .amount(let a): out.append(money: a, language)
        case .date(let d): out.append(date: d, language)
        case .integer(let i): out.append(integer: i)
        case .fenPerSquareMetre(let r): out.append(money: Format.perAreaFen(name, r), language)
        case .text(let t):
            switch name {
            case "matter", "kind", "field", "planned_field", "category", "how": out.append(Vocabulary.word(t, language))
            default: out.append(t)
            }
        default: out.append(self.value(name: name, value, language, names: names))
        }
    }
}

extension RectificationReport {
    /// The labels of a text list's finding block, in the report's language, as bytes (made once per list).
    struct FindingLabels {
        enum Line: Int, CaseIterable {
            case community, item, key, since, status, loopStatus, issuedIn, responsible, deadline, facts, basis, records, related, action
        }

        /// `\n[`: the blank line and the bracket that open a finding.
        let open: [UInt8] = Array("\n[".utf8)
        /// Per line, `    label：` (the colon in the report's language).
        let prefixes: [[UInt8]]
        let severity: [Severity: [UInt8]]
        let problemClass: [ProblemClass: [UInt8]]

        init(_ report: RectificationReport) {
            func t(_ zh: String, _ en: String) -> String { report.language == .zh ? zh : en }
            let colon = t("：", ": ")
            // The labels of the other formats' columns, so that the note on records reads the same everywhere.
            prefixes = Line.allCases.map { line in
                let label: String
                switch line {
                case .community: label = t("小区", "Community")
                case .item: label = t("对象", "Item")
                case .key: label = t("问题编号", "Key")
                case .since: label = t("起始日期", "Since")
                case .status: label = t("状态", "Status")
                case .loopStatus: label = t("整改状态", "Rectification status")
                case .issuedIn: label = t("交办清单", "Issued in list")
                case .responsible: label = t("责任主体", "Responsible")
                case .deadline: label = t("整改时限", "Deadline")
                case .facts: label = t("事实", "Facts")
                case .basis: label = t("法律依据", "Legal basis")
                case .records: label = t("依据记录", "Records")
                case .related: label = t("相关问题", "Related findings")
                case .action: label = t("整改建议", "Suggested action")
                }
                return Array(("    " + label + colon).utf8)
            }
            severity = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0, Array(report.severityLabel($0).utf8)) })
            problemClass = Dictionary(uniqueKeysWithValues: ProblemClass.allCases.map { ($0, Array(report.classLabel($0).utf8)) })
        }

        /// One line: its label, the value `body` appends (then cleaned as `TerminalText.clean` cleans the value's
        /// string), a line break.
        func line(_ out: inout ReportBytes, _ which: Line, _ body: (inout ReportBytes) -> Void) {
            out.append(prefixes[which.rawValue])
            let start = out.count
            body(&out)
            out.clean(from: start)
            out.append(byte: 0x0A)
        }
    }

    /// `item(f)`'s bytes.
    func appendItem(_ f: Finding, _ out: inout ReportBytes) {
        out.append(itemKindLabel(f.itemKind))
        out.append(byte: 0x20)
        out.append(f.itemID)
        if let p = f.itemPerson {
            // `itemName(f)`: never empty with a person.
            out.append(byte: 0x20)
            out.append(person(p))
            out.append(" · " as StaticString)
            out.append(f.itemName)
        } else if !f.itemName.isEmpty {
            out.append(byte: 0x20)
            out.append(f.itemName)
        }
        if let detail = f.itemDetail {
            let word = Vocabulary.word(detail, language)
            if language == .zh { out.append("（" as StaticString); out.append(word); out.append("）" as StaticString) } else {
                out.append(" (" as StaticString); out.append(word); out.append(")" as StaticString)
            }
        }
    }

    /// `evidence(f)`'s bytes: 第51条（ev-0051）、…, or no. 51 (ev-0051), ….
    func appendEvidence(_ f: Finding, _ out: inout ReportBytes) {
        let zh = language == .zh
        for (i, e) in f.evidence.enumerated() {
            if i > 0 { out.append(zh ? "、" as StaticString : ", ") }
            out.append(zh ? "第" as StaticString : "no. ")
            out.append(integer: e.seq)
            out.append(zh ? "条（" as StaticString : " (")
            out.append(e.eventID)
            out.append(zh ? "）" as StaticString : ")")
        }
    }

    /// `related(f)`'s bytes (for a finding with related findings): 第6、8、9项, or nos. 6, 8, 9.
    func appendRelated(_ f: Finding, _ out: inout ReportBytes) {
        let zh = language == .zh
        out.append(zh ? "第" as StaticString : (f.related.count == 1 ? "no. " : "nos. "))
        for (i, n) in f.related.enumerated() {
            if i > 0 { out.append(zh ? "、" as StaticString : ", ") }
            out.append(integer: Int64(n + 1))
        }
        if zh { out.append("项" as StaticString) }
    }
}
