import LedgerPlatform

/// Where proofs get their hashes from: the hash of any perfect subtree (2^level leaves starting at leaf
/// `index << level`) that lies wholly inside the first `leafCount` leaves. The on-disk index and the in-memory
/// tree both provide this, so one proof generator serves both.
public protocol MerkleNodeSource {
    /// How many leaves the source holds.
    var leafCount: UInt64 { get }
    /// The hash of the perfect subtree at (`level`, `index`); level 0 is the leaf hashes.
    func perfectSubtreeHash(level: Int, index: UInt64) throws(AuditError) -> Digest32
}
