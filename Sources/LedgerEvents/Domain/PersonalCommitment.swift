import LedgerPlatform

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
