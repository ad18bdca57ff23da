#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An operating-system error from a file operation, with the path and the call, so a clerk can act on it.
public struct FileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32
    /// What the C library's text would not say (e.g. why a FIFO cannot be written), replacing it in `reason`.
    public let detail: String?

    public init(path: String, operation: String, code: Int32, detail: String? = nil) {
        self.path = path
        self.operation = operation
        self.code = code
        self.detail = detail
    }

    /// The C library's text for `code` (strerror), or `detail` when given. ELOOP from an open that refuses
    /// symbolic links is explained, since "Too many levels of symbolic links" misleads about a single link.
    public var reason: String {
        if let detail { return detail }
        if code == ELOOP { return "it is a symbolic link, which is refused here (or a loop of links)" }
        return String(cString: strerror(code))
    }

    /// A refusal of what is at `path` because of its kind: "it is a symbolic link, not a directory". The code is
    /// ELOOP for a link (as O_NOFOLLOW gives) and EINVAL otherwise.
    public static func wrongKind(path: String, kind: FileKind, expected: String) -> FileError {
        FileError(path: path, operation: "open", code: kind == .symbolicLink ? ELOOP : EINVAL,
                  detail: "it is \(kind), not \(expected)")
    }

    /// True for ENOENT.
    public var isNotFound: Bool { code == ENOENT }
    /// True for EWOULDBLOCK (a lock held by another process).
    public var isWouldBlock: Bool { code == EWOULDBLOCK }
    /// True for ENOSPC or EDQUOT or EFBIG: the disk or a limit is full.
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT || code == EFBIG }
    /// True for EACCES, EPERM or EROFS: the user running the program may not do this here (or nobody may: a
    /// read-only file system); only another user or the administrator can change that.
    public var isPermissionDenied: Bool { code == EACCES || code == EPERM || code == EROFS }
    /// True for EROFS: the file system is mounted read-only.
    public var isReadOnlyFileSystem: Bool { code == EROFS }
    /// True for EEXIST: a file that must be new is already there.
    public var isAlreadyExists: Bool { code == EEXIST }

    public var description: String { "\(path): \(operation) failed: \(reason) (errno \(code))" }
}
