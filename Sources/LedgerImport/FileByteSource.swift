import LedgerEvents
import LedgerPlatform

/// A file read with pread in 1 MiB chunks.
public struct FileByteSource: ByteChunkSource {
    private let file: PosixFile
    private let displayName: String
    private var offset: Int64 = 0
    private let chunkSize: Int
    /// The file's size when it was opened (`ByteChunkSource.sizeHint`).
    public let sizeHint: Int64?

    /// Opens `path` for reading. It must be a regular file: a FIFO or device could make the import wait for ever.
    /// - Throws: `ImportError.unreadable` when it cannot be opened, `.notARegularFile` when it is not a regular file.
    public init(path: String, displayName: String, chunkSize: Int = 1 << 20) throws(ImportError) {
        do {
            file = try PosixFile(path: path, mode: .read)
            let status = try file.status()
            let kind = status.kind
            sizeHint = status.size
            guard kind == .regular else {
                throw ImportError.notARegularFile(file: displayName, kind: kind)
            }
        } catch let error as ImportError {
            throw error
        } catch let error as FileError {
            throw .unreadable(file: displayName, error: error)
        } catch {
            preconditionFailure("unexpected \(error)")
        }
        self.displayName = displayName
        self.chunkSize = chunkSize
    }

    public mutating func nextChunk(into buffer: inout [UInt8]) throws(ImportError) {
        do { try file.read(at: offset, count: chunkSize, into: &buffer) } catch {
            throw .unreadable(file: displayName, error: error)
        }
        offset += Int64(buffer.count)
    }
}
