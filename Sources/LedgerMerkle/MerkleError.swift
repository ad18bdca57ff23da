import LedgerPlatform

/// Why a Merkle proof, checkpoint, key or bundle was rejected, or why the index could not be used. Every message
/// names what was expected and what was found, so an auditor can report it.
public enum MerkleError: Error, Equatable, CustomStringConvertible {
    /// The leaf index is not inside the tree (RFC 6962 needs 0 ≤ index < size).
    case indexOutOfRange(index: UInt64, size: UInt64)
    /// A consistency proof from an empty tree or to a smaller tree was asked for; both are meaningless.
    case badConsistencySizes(size1: UInt64, size2: UInt64)
    /// A hash in a proof, or a leaf hash, is not 32 bytes.
    case badHashLength(what: String, found: Int)
    /// The proof has more or fewer hashes than the tree shape needs.
    case wrongProofLength(expected: Int, found: Int)
    /// The proof does not lead to the expected root.
    case rootMismatch(what: String, expected: Digest32, calculated: Digest32)
    /// Two trees of the same size have different roots: they hold different leaves.
    case rootsDiffer(size: UInt64)
    /// A root that must be 32 bytes is not.
    case rootNotDigest(what: String, found: Int)
    /// A tree size larger than the tree that was given.
    case sizeBeyondTree(requested: UInt64, available: UInt64)
    /// The on-disk index is unusable (it is rebuilt from the log when this happens).
    case indexDamaged(path: String, reason: String)
    /// A file operation failed.
    case file(FileError)

    public var description: String {
        switch self {
        case .indexOutOfRange(let index, let size):
            return "leaf index \(index) is not in a tree of \(size) leaves (it must be below \(size))"
        case .badConsistencySizes(let size1, let size2):
            if size1 == 0 { return "a consistency proof from an empty tree (size 0) proves nothing and is not accepted" }
            return "a consistency proof needs size1 ≤ size2; got size1 \(size1) and size2 \(size2)"
        case .badHashLength(let what, let found):
            return "\(what) is \(found) bytes; every hash is 32 bytes"
        case .wrongProofLength(let expected, let found):
            return "the proof has \(found) hashes where the tree shape needs \(expected)"
        case .rootMismatch(let what, let expected, let calculated):
            return "\(what): the proof gives root \(calculated.hex) but the expected root is \(expected.hex)"
        case .rootsDiffer(let size):
            return "two trees of the same size \(size) have different roots, so they hold different records"
        case .rootNotDigest(let what, let found):
            return "\(what) is \(found) bytes; a root hash is 32 bytes"
        case .sizeBeyondTree(let requested, let available):
            return "tree size \(requested) was asked for but only \(available) leaves exist"
        case .indexDamaged(let path, let reason):
            return "\(path): the Merkle index is damaged (\(reason)); it is rebuilt from the log"
        case .file(let error):
            return error.description
        }
    }
}
