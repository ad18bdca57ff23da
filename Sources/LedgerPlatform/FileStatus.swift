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

/// The facts of an open file the ledger decides on (fstat).
public struct FileStatus: Sendable, Equatable {
    public let kind: FileKind
    public let size: Int64
    /// The permission bits (`st_mode & 0o7777`).
    public let permissions: UInt32
    /// How many names the file has (`st_nlink`): 0 once it was removed or replaced (renamed over) while open.
    public let linkCount: Int
    /// Device, inode and last change (seconds, nanoseconds): what tells one build of a program from the next
    /// (a derived file of rendered output names the program that rendered it).
    public let identity: [Int64]

    init(_ info: stat) {
        kind = FileKind(mode: info.st_mode)
        size = Int64(info.st_size)
        permissions = UInt32(info.st_mode & 0o7777)
        linkCount = Int(info.st_nlink)
        identity = [Int64(info.st_dev), Int64(info.st_ino), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                    Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec)]
    }
}
