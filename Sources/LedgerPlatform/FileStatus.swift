#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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
