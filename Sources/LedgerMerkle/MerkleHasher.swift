import LedgerPlatform

/// RFC 6962 §2.1 hashing with SHA-256: leaves are `SHA-256(0x00 || data)`, interior nodes
/// `SHA-256(0x01 || left || right)`, and the empty tree is `SHA-256("")`. The prefixes separate the two domains,
/// so a leaf can never be passed off as an interior node (second-preimage attack on plain hash trees).
///
/// A `MerkleHasher` owns one reusable SHA-256 context; it is not thread-safe, give each thread its own.
public final class MerkleHasher {
    private let sha = SHA256()
    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    public init() {}

    /// The root of the empty tree: SHA-256 of zero bytes.
    public static let emptyRoot = Digest32(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")!

    /// `SHA-256(0x00 || data)` for arbitrary leaf data.
    public func leafHash(_ data: ArraySlice<UInt8>) -> Digest32 {
        sha.begin()
        sha.update(Self.leafPrefix)
        sha.update(data)
        return sha.finish()
    }

    /// The ledger's leaf hash for a record: the leaf data is the record's 32-byte chain hash (its `hash` member
    /// as bytes, not hex), so the Merkle tree commits to exactly what the chain commits to.
    public func leafHash(recordHash: Digest32) -> Digest32 {
        sha.begin()
        sha.update(Self.leafPrefix)
        sha.update(recordHash)
        return sha.finish()
    }

    /// `SHA-256(0x01 || left || right)`.
    public func nodeHash(_ left: Digest32, _ right: Digest32) -> Digest32 {
        sha.begin()
        sha.update(Self.nodePrefix)
        sha.update(left)
        sha.update(right)
        return sha.finish()
    }

    /// `SHA-256(0x01 || left || right)` over raw bytes of any length (the RFC defines it over byte strings; the
    /// published test vectors include children that are not 32 bytes long).
    public func nodeHash(rawLeft: [UInt8], rawRight: [UInt8]) -> Digest32 {
        sha.begin()
        sha.update(Self.nodePrefix)
        sha.update(rawLeft)
        sha.update(rawRight)
        return sha.finish()
    }
}
