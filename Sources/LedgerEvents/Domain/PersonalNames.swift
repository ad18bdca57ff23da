import LedgerPlatform

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
