import LedgerPlatform

/// A byte source that hashes (SHA-256) and counts every byte handed out, so a file is hashed in the same pass that
/// reads it: an import records the file's digest (`register.imported`) without reading it twice.
public struct HashingByteSource<Source: ByteChunkSource>: ByteChunkSource {
    private var source: Source
    private let hasher = SHA256()
    /// The number of bytes handed out so far.
    public private(set) var byteCount: Int64 = 0

    public init(_ source: Source) {
        self.source = source
        hasher.begin()
    }

    public mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError) {
        try source.nextChunk(into: &buffer)
        hasher.update(buffer)
        byteCount += Int64(buffer.count)
    }

    public var sizeHint: Int64? { source.sizeHint }

    /// SHA-256 of every byte handed out so far (the whole file once the source is at its end).
    public func digest() -> Digest32 { hasher.finish() }
}
