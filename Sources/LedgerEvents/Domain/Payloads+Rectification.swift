// Typed payloads of the rectification loop (整改台账: 交办 → 整改 → 复核 → 销号), ledger-spec.md section 10.
// Findings are named by their keys (section 13.1): text the rectification list prints, never re-derived here.

/// The forms of the loop's fields (ledger-spec.md section 10, "Types").
public enum RectificationFields {
    /// Longest finding key, in bytes: a rule code, two ids and a date with their separators fit.
    public static let keyBytesMax = 400
    /// The formats and languages a list can be issued in.
    public static let reportFormats = ["csv", "html", "json", "md", "table"]
    public static let reportLanguages = ["en", "zh"]

    /// Why `key` is not a finding key, or nil: 1…`keyBytesMax` bytes, no white space, quotes, backslashes or
    /// control characters (the characters of an id, longer).
    public static func keyProblem(_ key: String) -> String? { keyProblemWording(key)?.en }

    /// `keyProblem` in both languages.
    public static func keyProblemWording(_ key: String) -> Wording? {
        if key.isEmpty { return EventWords.mustNotBeEmpty }
        if key.utf8.count > keyBytesMax { return EventWords.keyTooLong(keyBytesMax) }
        for scalar in key.unicodeScalars where scalar.value < 0x21 || (0x7F...0x9F).contains(scalar.value)
            || scalar.properties.isWhitespace || scalar == "\"" || scalar == "\\" {
            return EventWords.keyBadCharacter(key)
        }
        return nil
    }

    /// Whether `text` is 64 lower-case hex digits.
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// One finding a list hands to a community: who must fix it and by when.
public struct IssuedItem: Equatable, Sendable {
    /// The finding's key, as the list printed it.
    public var key: String
    /// The responsible party (责任主体): 业主委员会, 物业服务企业, 建设单位, the occupant or counterparty, ….
    public var responsible: PersonalText
    /// The last day to fix it (整改时限), included.
    public var deadline: CalendarDate

    public init(key: String, responsible: PersonalText, deadline: CalendarDate) {
        self.key = key
        self.responsible = responsible
        self.deadline = deadline
    }
}

/// `rectification.issued`: the street office issues a list of findings to a community (交办).
public struct RectificationIssued: Equatable, Sendable {
    public var listID: String
    public var communityID: String
    /// The check date of the list issued.
    public var asOf: CalendarDate
    /// The last record the list was made from (`ledger rectify --at-seq`), so it can be regenerated.
    public var atSeq: Int64
    /// SHA-256 of the report file issued, 64 lower-case hex digits.
    public var reportSHA256: String
    /// How the file was made, so `ledger rectify` can make it again byte for byte.
    public var reportFormat: String
    public var reportLanguage: String
    public var preparedOn: CalendarDate
    /// The findings issued, in the list's order; keys distinct.
    public var items: [IssuedItem]

    public init(listID: String, communityID: String, asOf: CalendarDate, atSeq: Int64, reportSHA256: String,
                reportFormat: String, reportLanguage: String, preparedOn: CalendarDate, items: [IssuedItem]) {
        self.listID = listID
        self.communityID = communityID
        self.asOf = asOf
        self.atSeq = atSeq
        self.reportSHA256 = reportSHA256
        self.reportFormat = reportFormat
        self.reportLanguage = reportLanguage
        self.preparedOn = preparedOn
        self.items = items
    }
}

/// A piece of evidence a community offers for the measures it took.
public struct RectificationEvidence: Equatable, Sendable {
    /// What the reference names.
    public enum Kind: String, CaseIterable, Sendable {
        /// A voucher (凭证号) of a payment or receipt.
        case voucher
        /// A photo file, named and bound by its SHA-256.
        case photo
        /// A contract of the ledger (`contract_id`).
        case contract
        /// An owners' decision of the ledger (`decision_id`).
        case decision
        /// Any other document, named and bound by its SHA-256.
        case document
    }

    public var kind: Kind
    /// The voucher number, file name, contract id or decision id.
    public var ref: String
    /// SHA-256 of the file (photo and document: required; other kinds: absent).
    public var sha256: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(kind: Kind, ref: String, sha256: String? = nil, written: WrittenForm = WrittenForm()) {
        self.kind = kind
        self.ref = ref
        self.sha256 = sha256
        self.written = written
    }
}

/// `rectification.reported`: the community or property company reports what it did (整改), with evidence.
public struct RectificationReported: Equatable, Sendable {
    public var listID: String
    public var keys: [String]
    /// Who reports (业主委员会, 物业服务企业, …).
    public var reportedBy: PersonalText
    public var measures: String
    public var evidence: [RectificationEvidence]

    public init(listID: String, keys: [String], reportedBy: PersonalText, measures: String, evidence: [RectificationEvidence]) {
        self.listID = listID
        self.keys = keys
        self.reportedBy = reportedBy
        self.measures = measures
        self.evidence = evidence
    }
}

/// `rectification.verified`: the street office's re-check (复核): closed (销号) or not accepted (未通过).
public struct RectificationVerified: Equatable, Sendable {
    public enum Result: String, CaseIterable, Sendable {
        /// 销号: the problem is fixed.
        case closed
        /// 未通过: not accepted; `reason` says why.
        case rejected
    }

    public var listID: String
    public var keys: [String]
    public var result: Result
    /// Why the re-check failed (required when rejected).
    public var reason: String?
    public var verifiedBy: PersonalText
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(listID: String, keys: [String], result: Result, reason: String?, verifiedBy: PersonalText,
                written: WrittenForm = WrittenForm()) {
        self.listID = listID
        self.keys = keys
        self.result = result
        self.reason = reason
        self.verifiedBy = verifiedBy
        self.written = written
    }
}

/// `rectification.extended`: a new deadline (延期) with its reason.
public struct RectificationExtended: Equatable, Sendable {
    public var listID: String
    public var keys: [String]
    public var deadline: CalendarDate
    public var reason: String

    public init(listID: String, keys: [String], deadline: CalendarDate, reason: String) {
        self.listID = listID
        self.keys = keys
        self.deadline = deadline
        self.reason = reason
    }
}
