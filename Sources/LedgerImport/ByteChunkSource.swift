import LedgerEvents
import LedgerPlatform

/// Where CSV bytes come from, one chunk at a time, so a register is never held in memory whole.
public protocol ByteChunkSource {
    /// Replaces `buffer` with the next chunk of input; leaves it empty at the end of the input.
    mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError)
    /// The input's length in bytes when known before reading it (a file's size), else nil: only a hint for the
    /// room an importer reserves, never trusted for anything else (a file may change while it is read).
    var sizeHint: Int64? { get }
}

extension ByteChunkSource {
    public var sizeHint: Int64? { nil }
}
