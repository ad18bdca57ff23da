#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What kind of thing a path names (the `S_IFMT` bits of `st_mode`).
public enum FileKind: Sendable, Equatable, CustomStringConvertible {
    case regular
    case directory
    /// A named pipe (S_IFIFO): reading waits for a writer, writing for a reader.
    case fifo
    case characterDevice
    case blockDevice
    case socket
    case symbolicLink
    case other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// "a regular file", "a FIFO (named pipe)", … for messages.
    public var description: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a FIFO (named pipe)"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .symbolicLink: return "a symbolic link"
        case .other: return "not a regular file"
        }
    }
}
