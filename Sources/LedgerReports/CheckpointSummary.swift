/// What a report says about a signed checkpoint it was verified against.
public struct CheckpointSummary: Equatable, Sendable {
    /// The log's name in the checkpoint.
    public let origin: String
    /// Records the checkpoint covers.
    public let size: Int64
    /// Merkle root, hex.
    public let rootHex: String
    /// When it was signed, as the checkpoint states it.
    public let time: String
    /// The name of the key that signed it.
    public let keyName: String

    public init(origin: String, size: Int64, rootHex: String, time: String, keyName: String) {
        self.origin = origin
        self.size = size
        self.rootHex = rootHex
        self.time = time
        self.keyName = keyName
    }
}
