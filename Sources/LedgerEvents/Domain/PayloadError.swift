/// Why an event's payload does not fit its type's schema (ledger-spec.md, "Domain events"): the event type, the
/// field (a path such as `data.amount_fen` or `data.authorises.asset_ids[1]`) and what is allowed.
public struct PayloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The event type whose schema was applied, e.g. `fund.income`.
    public let type: String
    /// Path of the offending field, starting at `data` (or `type` for an unknown type).
    public let field: String
    /// What is wrong and what is allowed.
    public let reason: String

    public init(type: String, field: String, reason: String) {
        self.type = type
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(type): field \"\(field)\": \(reason)" }
}
