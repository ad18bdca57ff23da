import LedgerPlatform

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
