/// Every way LedgerEvents refuses something: a JSON text that is not JSON, a decimal text that is not a number of
/// the kind asked for, a payload that does not fit its type's schema, an event input line. Each case carries where
/// (byte, event type and field, source and line) and what, as labelled values; the words, in English and Chinese,
/// are made in `EventWords` (`wording`; the English is `description`).
public enum EventError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A JSON text that is not JSON: the byte (0-based) where the reader stopped, and why (`JSONParser`,
    /// `JSONValidator`).
    case json(byteOffset: Int, problem: JSONProblem)
    /// A decimal text that is not a number of the kind asked for (`DecimalText`, `Amount.parse`,
    /// `DecimalQuantity.parse`); the caller holds the text and words the message around it.
    case decimal(DecimalProblem)
    /// An event's payload does not fit its type's schema (`PayloadCodec`, `DomainEvent.decode`).
    case payload(PayloadProblem)
    /// An event input line was refused (`EventInput.parse` throws its first problem, `parseAll` every one, in the
    /// order met; never empty).
    case eventLine([LineProblem])

    /// A payload problem: `type` (the event type whose schema was applied), `field` (a path from `data`, or
    /// `type`) and what is wrong.
    public static func payload(type: String, field: String, reason: Wording) -> EventError {
        .payload(PayloadProblem(type: type, field: field, reason: reason))
    }

    /// The message in both languages.
    public var wording: Wording {
        switch self {
        case .json(let offset, let problem): return EventWords.JSON.reason(problem) + EventWords.JSON.at(byte: offset + 1)
        case .decimal(let problem): return EventWords.decimal(problem)
        case .payload(let problem): return problem.message
        case .eventLine(let problems):
            return problems.dropFirst().reduce(problems[0].message) { $0 + Wording(same: "; ") + $1.message }
        }
    }

    /// The message for a file the program wrote and reads back (`ledger.json`, a proof bundle, a publication file),
    /// not a clerk's event input: the same, except that a number with a point or exponent gets no advice on how to
    /// write money or text — such a file holds whole numbers only (review 42a #3: `"version": 1.0` in ledger.json was
    /// told to write it as text, which is refused in turn).
    public var fileWording: Wording {
        guard case .json(let offset, .fraction(_, let written)) = self else { return wording }
        return Wording(en: "\(written) is a number with a decimal point or exponent, and this file holds whole numbers only",
                       zh: "\(written) 是带小数点或指数的数字，而这个文件中只能有整数") + EventWords.JSON.at(byte: offset + 1)
    }

    /// What is wrong, without where: the JSON problem without its byte, a payload's or line's (first) reason.
    public var reason: Wording {
        switch self {
        case .json(_, let problem): return EventWords.JSON.reason(problem)
        case .decimal(let problem): return EventWords.decimal(problem)
        case .payload(let problem): return problem.wording
        case .eventLine(let problems): return problems[0].wording
        }
    }

    /// The English message: `unterminated string (at byte 12)`, `is not a number`,
    /// `fund.income: field "data.amount_fen": …`, `events.jsonl:3: field "occurred_on": …`.
    public var description: String {
        switch self {
        case .payload(let problem): return problem.description
        default: return wording.en
        }
    }

    // MARK: - Details

    /// Why a JSON text is refused (worded in `EventWords.JSON`).
    public enum JSONProblem: Equatable, Sendable {
        case invalidUTF8
        case trailingText
        case endExpectingValue
        case unexpectedCharacter
        /// Nesting deeper than `Limits.jsonDepthMax`.
        case depth
        case keyExpected
        case colonExpected
        case duplicateKey(key: String)
        /// A key that is the same text as an earlier key of the object but written with other code points (one
        /// composed, one decomposed: Unicode canonical equivalence). A reader — this program's own, Swift's
        /// `String` — takes them for one key, so the input is refused; `earlier` is that key as written.
        case equivalentKey(key: String, earlier: String)
        case endInObject
        case commaOrBrace
        case endInArray
        case commaOrBracket
        case unterminatedString
        case controlCharacter
        case unterminatedEscape
        case unknownEscape(letter: Character)
        /// A string longer than `Limits.stringBytesMax` bytes once unescaped (`JSONParser`).
        case stringTooLong
        /// A string longer than `Limits.stringBytesMax` bytes as written, escapes included (`JSONValidator`).
        case stringTooLongAsWritten
        case unknownLiteral
        case leadingZeros
        case integerRange
        case digitExpected
        /// A number with a decimal point or an exponent (`3000.5`), as `written`; `member` is the object member it is
        /// the value of, when the parser knows it (`amount`), so the message can say how that member is written.
        case fraction(member: String?, written: String)
        case negativeZero
        case unpairedSurrogate
        case incompleteEscape
        case badHexDigit
        /// Canonical form only: object keys not in strictly increasing byte order.
        case keysNotCanonical
        /// Canonical form only: `\/`.
        case slashEscapeNotCanonical
        /// Canonical form only: a `\u` escape where the character or a short escape belongs.
        case unicodeEscapeNotCanonical
    }

    /// Why a text is not a number of the kind asked for (worded in `EventWords.decimal`, a phrase that follows
    /// the value: `"3.005" has 3 decimal places …`).
    public enum DecimalProblem: Equatable, Sendable {
        case empty
        /// Not a decimal number at all (letters, two points, an exponent, a space inside).
        case notANumber
        /// More fraction digits than the unit allows.
        case tooManyDecimals(written: Int, allowed: Int)
        /// Three decimals, the extra ones zeros, after one to three whole digits (`3.000`, `12.500`): 3.00 with a
        /// zero too many, or 3000 with a thousands point; not guessed. `decimal` and `thousands` are the two readings.
        case zerosOrThousandsPoint(decimal: String, thousands: String)
        /// Scientific notation (`1.2E+05`), as a spreadsheet shows a long number in a narrow or General column: the
        /// digits it dropped are not in the text.
        case scientificNotation
        /// Commas that are not thousands separators between groups of three (`1,23`, `12,34.5`): perhaps a
        /// decimal comma, perhaps a typing slip, so it is not guessed at.
        case ambiguousComma
        /// A minus sign where only non-negative values are allowed.
        case negative
        /// Beyond the largest value allowed (the limit as decimal text).
        case tooLarge(limit: String)
    }

    /// Why an event's payload does not fit its type's schema (ledger-spec.md, "Domain events"): the event type,
    /// the field (a path such as `data.amount_fen` or `data.authorises.asset_ids[1]`) and what is allowed. A value
    /// (the payload readers list every one: `PayloadCodec.problems`); thrown as `.payload`.
    public struct PayloadProblem: Equatable, Sendable, CustomStringConvertible {
        /// The event type whose schema was applied, e.g. `fund.income`.
        public let type: String
        /// Path of the offending field, starting at `data` (or `type` for an unknown type).
        public let field: String
        /// What is wrong and what is allowed, in English and Chinese (`EventWords`).
        public let wording: Wording

        /// What is wrong and what is allowed, in English.
        public var reason: String { wording.en }

        public init(type: String, field: String, reason: Wording) {
            self.type = type
            self.field = field
            self.wording = reason
        }

        /// A problem whose reason is written in English only (tests, and readers that never show it to a clerk).
        public init(type: String, field: String, reason: String) {
            self.init(type: type, field: field, reason: Wording(same: reason))
        }

        /// Equal when type, field and the English reason are: the Chinese is a translation of the English.
        public static func == (lhs: PayloadProblem, rhs: PayloadProblem) -> Bool {
            lhs.type == rhs.type && lhs.field == rhs.field && lhs.reason == rhs.reason
        }

        public var description: String { "\(type): field \"\(field)\": \(reason)" }

        /// The message in both languages: `fund.income: field "data.amount_fen": …` /
        /// `fund.income：字段 "data.amount_fen"（金额（分））：…`.
        public var message: Wording {
            Wording(same: type) + EventWords.colon + EventWords.field(field) + EventWords.colon + wording
        }
    }

    /// Why an event line was refused: where (source and line), the field and what is allowed.
    public struct LineProblem: Equatable, Sendable, CustomStringConvertible {
        /// Where the event came from, e.g. `events.jsonl` or `stdin`.
        public let source: String
        /// 1-based line number in that source.
        public let lineNumber: Int
        /// The offending field (`occurred_on`, `data.amount_fen`), or nil for the line as a whole.
        public let field: String?
        /// What is wrong and what is allowed, in English and Chinese (`EventWords`).
        public let wording: Wording

        /// What is wrong and what is allowed, in English.
        public var reason: String { wording.en }

        public init(source: String, lineNumber: Int, field: String?, reason: Wording) {
            self.source = source
            self.lineNumber = lineNumber
            self.field = field
            self.wording = reason
        }

        /// A problem whose reason is written in English only.
        public init(source: String, lineNumber: Int, field: String?, reason: String) {
            self.init(source: source, lineNumber: lineNumber, field: field, reason: Wording(same: reason))
        }

        /// Equal when place, field and the English reason are: the Chinese is a translation of the English.
        public static func == (lhs: LineProblem, rhs: LineProblem) -> Bool {
            lhs.source == rhs.source && lhs.lineNumber == rhs.lineNumber && lhs.field == rhs.field && lhs.reason == rhs.reason
        }

        /// One line: a value quoted in it (an id or a key holding an escaped line break, say) never starts a line
        /// of its own that could pass for another message, and shows no control character (`DisplayText`).
        public var description: String { message.en }

        /// The message in both languages, each on one line: `events.jsonl:3: field "data.amount_fen": …` /
        /// `events.jsonl 第 3 行：字段 "data.amount_fen"（金额（分））：…`.
        public var message: Wording {
            let text = EventWords.line(source, lineNumber) + EventWords.colon
                + (field.map { EventWords.field($0) + EventWords.colon } ?? Wording(same: "")) + wording
            return Wording(en: DisplayText.neutralised(text.en, lineBreaks: .toSpace),
                           zh: DisplayText.neutralised(text.zh, lineBreaks: .toSpace))
        }
    }
}

extension Array where Element == EventError.PayloadProblem {
    /// The problems, or the problem `first` holds alone when there are none (a caller that caught the first
    /// reports at least it). `first` is what a payload decoder threw: `.payload`.
    public func nonEmpty(or first: EventError) -> [EventError.PayloadProblem] {
        guard isEmpty else { return self }
        guard case .payload(let problem) = first else { preconditionFailure("a payload decoder throws .payload: \(first)") }
        return [problem]
    }
}
