/// Why an event's payload does not fit its type's schema (ledger-spec.md, "Domain events"): the event type, the
/// field (a path such as `data.amount_fen` or `data.authorises.asset_ids[1]`) and what is allowed.
public struct PayloadError: Error, Equatable, Sendable, CustomStringConvertible {
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

    /// An error whose reason is written in English only (tests, and readers that never show it to a clerk).
    public init(type: String, field: String, reason: String) {
        self.init(type: type, field: field, reason: Wording(same: reason))
    }

    /// Equal when type, field and the English reason are: the Chinese is a translation of the English.
    public static func == (lhs: PayloadError, rhs: PayloadError) -> Bool {
        lhs.type == rhs.type && lhs.field == rhs.field && lhs.reason == rhs.reason
    }

    public var description: String { "\(type): field \"\(field)\": \(reason)" }

    /// The message in both languages: `fund.income: field "data.amount_fen": …` / `fund.income：字段 "data.amount_fen"（金额（分））：…`.
    public var message: Wording { Wording(same: type) + EventWords.colon + EventWords.field(field) + EventWords.colon + wording }
}
