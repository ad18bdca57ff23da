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

/// Where a payload's problems are collected when every one is wanted (`PayloadCodec.problems`): a schema reader
/// then notes each problem and goes on with a stand-in value instead of throwing the first.
final class PayloadProblems {
    /// The problems noted, in the order the schema met them.
    private(set) var list: [PayloadError] = []
    /// A sink of an object standing in for a missing or wrong one: its members' problems are that object's, said once.
    let muted: Bool
    /// Whether the event's date is known; when not, the rules that compare a payload date with it are left out.
    var occurredOnKnown: Bool

    init(muted: Bool = false, occurredOnKnown: Bool = true) {
        self.muted = muted
        self.occurredOnKnown = occurredOnKnown
    }

    func add(_ problem: PayloadError) {
        if !muted { list.append(problem) }
    }

    /// Whether the field at `path` (or a member or element of it) has a problem noted; always, in a muted sink.
    func failed(_ path: String) -> Bool {
        muted || list.contains { $0.field == path || $0.field.hasPrefix(path + ".") || $0.field.hasPrefix(path + "[") }
    }
}

extension Array where Element == PayloadError {
    /// The problems, or `first` alone when there are none (a caller that caught `first` reports at least it).
    public func nonEmpty(or first: PayloadError) -> [PayloadError] { isEmpty ? [first] : self }
}
