#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why an input file was not read.
public enum InputFileError: Error, Equatable, CustomStringConvertible {
    /// It could not be opened or read.
    case file(FileError)
    /// It is a FIFO, device, directory or socket: reading it could wait for ever or never end.
    case notRegularFile(path: String, kind: FileKind)
    /// It holds more than the reader accepts; nothing was read. `size` is its size when checked (or the bytes seen
    /// when it grew while being read).
    case tooLarge(path: String, size: Int64, bytesMax: Int)

    public var description: String {
        switch self {
        case .file(let error): return error.description
        case .notRegularFile(let path, let kind): return "\(path) is \(kind), not a regular file"
        case .tooLarge(let path, let size, let bytesMax): return "\(path) is \(size) bytes, more than the \(bytesMax) bytes allowed"
        }
    }
}
