import LedgerEvents
import LedgerPlatform

/// A record of the log as derived state names it: seq, hash and where its line lies.
public struct StateStamp: Equatable, Sendable {
    public let seq: Int64
    public let hash: Digest32
    public let lineOffset: Int64
    /// The line's length without its newline.
    public let lineBytes: Int

    public init(seq: Int64, hash: Digest32, lineOffset: Int64, lineBytes: Int) {
        self.seq = seq; self.hash = hash; self.lineOffset = lineOffset; self.lineBytes = lineBytes
    }

    /// The stamp of a verified line.
    public init(_ line: VerifiedLine) {
        self.init(seq: line.location.seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
    }
}
