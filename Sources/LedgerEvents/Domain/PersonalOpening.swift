import LedgerPlatform

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
