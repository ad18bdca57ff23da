import LedgerPlatform

// Personal data that can be erased (ledger-spec.md section 10.3): a field that may name a private person holds
// either its text or a salted commitment to it. The commitment is in the hashed bytes; the salt and the value are
// kept beside the log (`private/`), where deleting them erases the person without changing a byte of the log.

/// A salted commitment to a personal value: `SHA-256(tag ‖ salt ‖ UTF-8(value))` with the 35-byte domain tag
/// `common-property-ledger/personal/v1` + NUL and a 32-byte random salt. Written in a payload as
/// `{"commitment":"<64 lower-case hex>"}` in place of the text.
public struct PersonalCommitment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digest: Digest32

    public init(_ digest: Digest32) { self.digest = digest }

    /// Parses exactly 64 lower-case hex digits.
    public init?(hex: some StringProtocol) {
        guard let digest = Digest32(hex: hex) else { return nil }
        self.digest = digest
    }

    public var hex: String { digest.hex }
    public var description: String { hex }

    /// The domain-separation tag hashed before the salt: no other hash of the ledger starts with it (record hashes
    /// start with `{`, Merkle leaves and nodes with 0x00 and 0x01).
    public static let tag: [UInt8] = Array("common-property-ledger/personal/v1".utf8) + [0]
    /// Length of a salt in bytes.
    public static let saltBytes = 32

    /// The commitment to `value` with `salt` (exactly `saltBytes` bytes; anything else is a programmer error).
    public static func make(salt: [UInt8], value: String) -> PersonalCommitment {
        precondition(salt.count == saltBytes, "a salt is \(saltBytes) bytes")
        return PersonalCommitment(SHA256().hash(tag, salt, Array(value.utf8)))
    }

    /// Whether `salt` and `value` open this commitment.
    public func isOpened(salt: [UInt8], value: String) -> Bool {
        salt.count == Self.saltBytes && Self.make(salt: salt, value: value) == self
    }

    public static func < (lhs: PersonalCommitment, rhs: PersonalCommitment) -> Bool { lhs.digest < rhs.digest }
}

/// What opens a commitment: its salt and its value, as `private/` keeps them (and a publication that reveals
/// persons embeds them).
public struct PersonalOpening: Equatable, Sendable {
    public let commitment: PersonalCommitment
    public let salt: [UInt8]
    public let value: String

    /// The opening of the commitment `salt` and `value` make.
    public init(salt: [UInt8], value: String) {
        commitment = PersonalCommitment.make(salt: salt, value: value)
        self.salt = salt
        self.value = value
    }
}

/// A field that may name a private person (occupant, user, counterparty, inspector, responsible party, reporter,
/// re-checker): its text, or a commitment to it. Two values are the same person when their texts, or their
/// commitments, are equal; a text and a commitment are never equal (the ledger cannot see through one).
public enum PersonalText: Hashable, Sendable, ExpressibleByStringLiteral {
    case plain(String)
    case committed(PersonalCommitment)

    public init(stringLiteral value: String) { self = .plain(value) }

    /// The text, when the field holds one.
    public var plainText: String? {
        if case .plain(let text) = self { return text }
        return nil
    }

    /// The commitment, when the field holds one.
    public var commitment: PersonalCommitment? {
        if case .committed(let commitment) = self { return commitment }
        return nil
    }

    /// As a payload writes it: the text, or `{"commitment":"<64 hex>"}`.
    public var jsonValue: JSONValue {
        switch self {
        case .plain(let text): return .string(text)
        case .committed(let commitment): return .object(["commitment": .string(commitment.hex)])
        }
    }
}

/// `personal_data.erased`: the salts and values of personal data were deleted from `private/` under a data
/// subject's request or another ground of 个人信息保护法 Art. 47; the records that hold the commitments stay as
/// they are. Who erased is the envelope's actor; the record never names the person.
public struct PersonalDataErased: Equatable, Sendable {
    /// The commitments whose salt and value were deleted, distinct, in the order given.
    public var commitments: [PersonalCommitment]
    /// Why (e.g. 本人申请删除，2026-01-03来函); must not name the person.
    public var reason: String
    /// The provision relied on, e.g. 《中华人民共和国个人信息保护法》第四十七条.
    public var legalBasis: String
    /// The controller's reference of the request (a file or letter number), if any.
    public var requestRef: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(commitments: [PersonalCommitment], reason: String, legalBasis: String, requestRef: String? = nil,
                written: WrittenForm = WrittenForm()) {
        self.commitments = commitments
        self.reason = reason
        self.legalBasis = legalBasis
        self.requestRef = requestRef
        self.written = written
    }

    /// The legal basis `ledger erase-personal` records unless told otherwise.
    public static let defaultLegalBasis = "《中华人民共和国个人信息保护法》第四十七条"
}

extension DomainEvent {
    /// The payload with every personal field passed through `body`, which gets the field's path under `data`
    /// (`counterparty`, `items[2].responsible`, `replacement.data.user`) and its value. The one list of the fields
    /// that may hold personal data (ledger-spec.md section 10.3).
    public func mappingPersonal(_ body: (_ field: String, PersonalText) throws -> PersonalText) rethrows -> DomainEvent {
        switch self {
        case .contractSigned(var p): p.counterparty = try body("counterparty", p.counterparty); return .contractSigned(p)
        case .useStarted(var p): p.user = try body("user", p.user); return .useStarted(p)
        case .inspectionRecorded(var p): p.inspector = try body("inspector", p.inspector); return .inspectionRecorded(p)
        case .occupationReported(var p): p.occupant = try body("occupant", p.occupant); return .occupationReported(p)
        case .fundIncome(var p): p.counterparty = try body("counterparty", p.counterparty); return .fundIncome(p)
        case .fundSpending(var p): p.counterparty = try body("counterparty", p.counterparty); return .fundSpending(p)
        case .rectificationIssued(var p):
            for index in p.items.indices {
                p.items[index].responsible = try body("items[\(index)].responsible", p.items[index].responsible)
            }
            return .rectificationIssued(p)
        case .rectificationReported(var p): p.reportedBy = try body("reported_by", p.reportedBy); return .rectificationReported(p)
        case .rectificationVerified(var p): p.verifiedBy = try body("verified_by", p.verifiedBy); return .rectificationVerified(p)
        case .correction(var p):
            guard var replacement = p.replacement else { return self }
            replacement.payload = try replacement.payload.mappingPersonal { try body("replacement.data." + $0, $1) }
            p.replacement = replacement
            return .correction(p)
        case .communityRegistered, .assetRegistered, .assetUpdated, .assetRetired, .registerImported, .fundOpened,
             .decisionRecorded, .contractTerminated, .useEnded, .occupationCleared, .fundTransfer, .fundBalanceAsserted,
             .disclosurePublished, .rectificationExtended, .personalDataErased:
            return self
        }
    }

    /// Every personal field of the payload with its path under `data`, in the order of `mappingPersonal`.
    public var personalFields: [(field: String, value: PersonalText)] {
        var out: [(field: String, value: PersonalText)] = []
        forEachPersonal { out.append(($0, $1)) }
        return out
    }

    /// Calls `body` with each personal field's path and value, in the order of `mappingPersonal`, without
    /// collecting them (for folds over the whole log).
    public func forEachPersonal(_ body: (_ field: String, PersonalText) -> Void) {
        _ = mappingPersonal { field, value in
            body(field, value)
            return value
        }
    }

    /// The names of the members that may hold personal data, for messages and `ledger append --private`.
    public static let personalFieldNames = ["counterparty", "inspector", "occupant", "reported_by", "responsible", "user", "verified_by"]
}

/// What reports show for a personal field: the text, the value `private/` holds for a commitment, or a marker
/// saying that the value was erased under PIPL Art. 47 or is not available. Built by the command line from
/// `private/` and the log's `personal_data.erased` records; the library never reads `private/` itself for a report.
public struct PersonalNames: Sendable {
    /// Commitment → value, for the entries `private/` holds (each checked against its commitment).
    public var values: [PersonalCommitment: String]
    /// Commitments named by a `personal_data.erased` record (or by an erasure still being completed).
    public var erased: Set<PersonalCommitment>
    /// When false, values are withheld (a publication that does not reveal persons): a commitment shows as
    /// `withheldZh` unless erased.
    public var reveals: Bool

    public init(values: [PersonalCommitment: String] = [:], erased: Set<PersonalCommitment> = [], reveals: Bool = true) {
        self.values = values
        self.erased = erased
        self.reveals = reveals
    }

    public static let erasedZh = "（已依法删除）"
    public static let erasedEn = "(erased under PIPL Art. 47)"
    public static let missingZh = "（个人信息缺失）"
    public static let missingEn = "(personal data missing)"
    public static let withheldZh = "（个人信息不公示）"
    public static let withheldEn = "(personal data withheld)"

    /// The value behind `commitment`, when it may be shown.
    public func value(of commitment: PersonalCommitment) -> String? {
        reveals && !erased.contains(commitment) ? values[commitment] : nil
    }

    /// `data` (a record's payload as JSON) with every `{"commitment":"<64 hex>"}` replaced by what `text` shows for
    /// it, for records printed to people (`ledger log`, `ledger show`); the stored bytes are untouched.
    public func revealing(_ data: [String: JSONValue], english: Bool = false) -> [String: JSONValue] {
        func walk(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members):
                if members.count == 1, let hex = members["commitment"]?.stringValue, let commitment = PersonalCommitment(hex: hex) {
                    return .string(text(.committed(commitment), english: english))
                }
                return .object(members.mapValues(walk))
            case .array(let items): return .array(items.map(walk))
            default: return value
            }
        }
        return data.mapValues(walk)
    }

    /// What a report shows for `text`: the text itself; for a commitment its value, else 已依法删除 when it was
    /// erased, 不公示 when values are withheld, 缺失 when `private/` lacks it.
    public func text(_ text: PersonalText, english: Bool = false) -> String {
        switch text {
        case .plain(let plain): return plain
        case .committed(let commitment):
            if let value = value(of: commitment) { return value }
            if erased.contains(commitment) { return english ? Self.erasedEn : Self.erasedZh }
            if !reveals { return english ? Self.withheldEn : Self.withheldZh }
            return english ? Self.missingEn : Self.missingZh
        }
    }
}
