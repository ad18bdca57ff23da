#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PosixFile {
    /// Reads a small regular file inside a ledger without following a symbolic link at its last path component
    /// (`O_NOFOLLOW`), so a link planted in a ledger directory is refused instead of read.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - maxBytes: the most bytes the file may hold.
    /// - Returns: the file's bytes, or nil when the file does not exist.
    /// - Throws: `FileError` when it cannot be opened (`ELOOP` for a symbolic link), is not a regular file
    ///   (`EINVAL`), is longer than `maxBytes` (`EFBIG`), or cannot be read. The corresponding C calls are `open`,
    ///   `fstat` and `pread`.
    public static func readSmallFile(_ path: String, maxBytes: Int) throws(FileError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw FileError(path: path, operation: "open", code: errno)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, operation: "fstat", code: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileError(path: path, operation: "open (not a regular file)", code: EINVAL) }
        guard info.st_size <= maxBytes else { throw FileError(path: path, operation: "read (file too large)", code: EFBIG) }
        var buffer = [UInt8](repeating: 0, count: maxBytes + 1)
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress! + done, raw.count - done, off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "read", code: errno)
            }
            if n == 0 { break }
            done += n
        }
        guard done <= maxBytes else { throw FileError(path: path, operation: "read (file too large)", code: EFBIG) }
        return Array(buffer[..<done])
    }
}
