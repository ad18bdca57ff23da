#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A directory opened once (open(2) with O_DIRECTORY and O_NOFOLLOW) whose files are opened relative to its
/// descriptor (openat(2)), never by path again. Between a check of what is at a path and an open by that path,
/// someone who owns the folder could swap it for a symbolic link; a descriptor cannot be swapped, so every file
/// opened through it is in the directory that was checked. Used for the Merkle index of a ledger, which root may
/// run commands on while someone else owns it.
public final class PosixDirectory {
    public let path: String
    private var descriptor: Int32

    /// Opens the directory at `path`, first making it (mkdir, which never follows a link) with `permissions`
    /// when it is missing and `createWithPermissions` is given. The last component is never followed.
    /// - Throws: `FileError`: ELOOP for a symbolic link, ENOTDIR for something that is not a directory, ENOENT.
    public init(path: String, createWithPermissions permissions: UInt32? = nil) throws(FileError) {
        self.path = path
        if let permissions, mkdir(path, mode_t(permissions)) != 0, errno != EEXIST {
            throw FileError(path: path, operation: "mkdir", code: errno)
        }
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: "open directory", code: errno) }
        descriptor = fd
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }

    /// Opens the file `name` (one component, no `/`) in this directory, never through a symbolic link
    /// (openat with O_NOFOLLOW). The file's path in errors is `path/name`.
    /// - Throws: `FileError`: ELOOP for a link, EINVAL for a name with `/` (or `.`, `..`, empty).
    public func open(_ name: String, mode: PosixFile.Mode) throws(FileError) -> PosixFile {
        let full = path + "/" + name
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw FileError(path: full, operation: "open", code: EINVAL, detail: "a file inside \(path) is named by one component")
        }
        let (flags, permissions) = mode.openFlags
        let fd = openat(descriptor, name, flags | O_NOFOLLOW, permissions)
        guard fd >= 0 else { throw FileError(path: full, operation: "open", code: errno) }
        return PosixFile(descriptor: fd, path: full)
    }
}
