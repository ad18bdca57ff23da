import LedgerEvents
import LedgerPlatform

/// Bytes already in memory (tests, small files), handed out in chunks of `chunkSize` so chunk boundaries
/// can be tested.
public struct MemoryByteSource: ByteChunkSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 20) {
        precondition(chunkSize > 0, "a chunk holds at least one byte")
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    public mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError) {
        let end = min(bytes.count, offset + chunkSize)
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: bytes[offset..<end])
        offset = end
    }
}
