import LedgerPlatform

/// What an append did.
public struct AppendResult: Equatable, Sendable {
    /// Records written, in order (empty when every event was a duplicate).
    public let appended: [Appended]
    /// Events whose id was already in the log (or earlier in the batch) with identical content: not written again.
    public let duplicates: [Duplicate]
    /// The ledger's last seq and head hash after the append.
    public let lastSeq: Int64
    public let headHash: Digest32

    public struct Appended: Equatable, Sendable {
        public let seq: Int64
        public let id: String
        public let hash: Digest32
    }

    public struct Duplicate: Equatable, Sendable {
        public let id: String
        /// The seq of the record that already holds it; nil when the duplicate was earlier in the same batch.
        public let existingSeq: Int64?

        public init(id: String, existingSeq: Int64?) {
            self.id = id
            self.existingSeq = existingSeq
        }
    }
}
