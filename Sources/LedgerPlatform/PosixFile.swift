#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A file opened with open(2), with the few calls the ledger needs: positional reads, appends,
/// fsync, truncation and advisory locks. Every failure throws a `FileError`; nothing is retried silently,
/// because a failed write or fsync means the batch may be lost (PostgreSQL's "fsyncgate").
public final class PosixFile {
    public let path: String
    private var descriptor: Int32

    /// How to open a file.
    public enum Mode: Sendable {
        /// Read only.
        case read
        /// Read and write; the file must exist.
        case readWrite
        /// Read and write; create with `permissions` if missing.
        case readWriteCreate(permissions: UInt32)
        /// Create a new file; fail if it exists (O_EXCL).
        case createNew(permissions: UInt32)

        /// The open(2) flags (always O_CLOEXEC and O_NOCTTY) and the mode of a file it creates.
        var openFlags: (flags: Int32, permissions: mode_t) {
            switch self {
            case .read: return (O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0o644)
            case .readWrite: return (O_RDWR | O_CLOEXEC | O_NOCTTY, 0o644)
            case .readWriteCreate(let p): return (O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, mode_t(p))
            case .createNew(let p): return (O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode_t(p))
            }
        }
    }

    /// Opens `path` (open(2)). `.read` never waits: it opens with O_NONBLOCK, so a FIFO without a writer opens at
    /// once and can be refused by its kind instead of hanging the command (no effect on regular files).
    /// - Parameter followLinks: false adds O_NOFOLLOW: a symbolic link as the last component fails with ELOOP.
    ///   Every file inside a ledger directory is opened so, so a planted link cannot redirect a read or a write.
    public init(path: String, mode: Mode, followLinks: Bool = true) throws(FileError) {
        self.path = path
        let (flags, permissions) = mode.openFlags
        if let code = FileFaults.planned("open", path) { throw FileError(path: path, operation: "open", code: code) }
        let fd = open(path, flags | (followLinks ? 0 : O_NOFOLLOW), permissions)
        guard fd >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
        descriptor = fd
    }

    /// Takes ownership of an open descriptor (`PosixDirectory.open`).
    init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }

    /// Closes the descriptor now (also done on deinit).
    public func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    /// The file's current size in bytes.
    public func size() throws(FileError) -> Int64 { try status().size }

    /// Kind, size and permission bits of the open file (fstat).
    public func status() throws(FileError) -> FileStatus {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, operation: "fstat", code: errno) }
        return FileStatus(info)
    }

    /// Reads up to `count` bytes at `offset` into `buffer` (replacing its contents); fewer at end of file.
    public func read(at offset: Int64, count: Int, into buffer: inout [UInt8]) throws(FileError) {
        guard count > 0 else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var result: FileError? = nil
        func readInto(_ raw: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var done = 0
            while done < count {
                let n = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    result = FileError(path: path, operation: "read", code: errno)
                    break
                }
                if n == 0 { break }
                done += n
            }
            return done
        }
        if buffer.capacity >= count && buffer.count >= count {
            // Reuse the storage (a scan reads chunk after chunk of one size into one buffer): no new allocation,
            // no new pages to fault in. A buffer holding fewer bytes than asked for (the short last chunk before,
            // or a whole small file read with a large limit) is not zero-filled up to `count`: that fill cost a
            // whole chunk's worth of writes per call, megabytes for a file of a few bytes.
            buffer.removeLast(buffer.count - count)
            let done = buffer.withUnsafeMutableBufferPointer { readInto($0) }
            buffer.removeLast(count - done)
        } else {
            buffer = [UInt8](unsafeUninitializedCapacity: count) { raw, initialized in
                initialized = readInto(raw)
            }
        }
        if let result { throw result }
    }

    /// Reads the whole file.
    public func readAll() throws(FileError) -> [UInt8] {
        var buffer = [UInt8]()
        try read(at: 0, count: Int(try size()), into: &buffer)
        return buffer
    }

    /// Writes all of `bytes` at `offset`; a short write or an error throws.
    public func write(_ bytes: [UInt8], at offset: Int64) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "write", code: errno)
            }
            done += n
        }
    }

    /// Flushes data and metadata to stable storage (fsync).
    public func sync() throws(FileError) {
        if let code = FileFaults.planned("fsync", path) { throw FileError(path: path, operation: "fsync", code: code) }
        guard fsync(descriptor) == 0 else { throw FileError(path: path, operation: "fsync", code: errno) }
    }

    /// Flushes data to stable storage, and metadata only where needed to read it back (fdatasync): for a write in
    /// place that changes no size, no journal commit, only the data block and the disk's cache flush.
    public func syncData() throws(FileError) {
        if let code = FileFaults.planned("fdatasync", path) { throw FileError(path: path, operation: "fdatasync", code: code) }
        guard fdatasync(descriptor) == 0 else { throw FileError(path: path, operation: "fdatasync", code: errno) }
    }

    /// Tells the kernel that `count` bytes at `offset` will be read soon (posix_fadvise POSIX_FADV_WILLNEED): it
    /// starts reading them into the page cache without waiting, so that many scattered reads announced first are
    /// served by the disk together instead of one after another (a community's lines in a log of gigabytes). Only
    /// advice: nothing changes when it is not taken.
    public func willNeed(at offset: Int64, count: Int) {
        _ = posix_fadvise(descriptor, off_t(offset), off_t(count), POSIX_FADV_WILLNEED)
    }

    /// Starts writing `count` bytes at `offset`, just written, to the disk without waiting (posix_fadvise
    /// POSIX_FADV_DONTNEED, which on Linux begins the write-back of the range's dirty pages and leaves the pages
    /// under write-back in the page cache): a large file written in parts and fsync'ed at the end (a derived file of
    /// `index/`, hundreds of MB at 10 million records) is then mostly on the disk when its fsync comes, which waits
    /// for the last parts only, instead of the whole file written back then. Only advice: what reaches the disk,
    /// and when the file is durable (its fsync), does not change.
    public func startWriteback(at offset: Int64, count: Int) {
        _ = posix_fadvise(descriptor, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
    }

    /// Cuts the file to `length` bytes (ftruncate).
    public func truncate(to length: Int64) throws(FileError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw FileError(path: path, operation: "truncate", code: errno)
        }
    }

    /// Takes an exclusive advisory lock (flock LOCK_EX), waiting at most `timeoutMilliseconds`.
    /// Returns false when another holder kept it for the whole wait.
    public func lockExclusive(timeoutMilliseconds: Int) throws(FileError) -> Bool {
        var waited = 0
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else { throw FileError(path: path, operation: "flock", code: code) }
            if waited >= timeoutMilliseconds { return false }
            usleep(10_000)
            waited += 10
        }
    }

    /// Releases the advisory lock.
    public func unlock() { _ = flock(descriptor, LOCK_UN) }

    /// fsyncs a directory so that a file created in it survives a crash.
    public static func syncDirectory(_ path: String) throws(FileError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: "open directory", code: errno) }
        defer { _ = Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw FileError(path: path, operation: "fsync directory", code: errno) }
    }

    /// Renames `source` to `destination` (rename(2): atomic, replaces a file or an empty directory), then fsyncs
    /// the destination's directory unless `syncingDirectory` is false (a name no crash needs kept, or a caller that
    /// fsyncs the directory itself once it is done).
    public static func rename(_ source: String, to destination: String, syncingDirectory: Bool = true) throws(FileError) {
        guard Glibc.rename(source, destination) == 0 else { throw FileError(path: destination, operation: "rename", code: errno) }
        if syncingDirectory { try syncDirectory(directoryName(of: destination)) }
    }

    /// Creates a directory (mkdir) with the given permissions.
    public static func makeDirectory(_ path: String, permissions: UInt32 = 0o755) throws(FileError) {
        guard mkdir(path, mode_t(permissions)) == 0 else { throw FileError(path: path, operation: "mkdir", code: errno) }
    }

    /// Creates a new directory beside `path` (same parent) under a unique random name starting with `.NAME.tmp-`,
    /// mode 0700 (mkdtemp): a folder is built there and renamed to `path` when complete, so nobody ever sees
    /// half of it. Returns its path.
    public static func makeTemporaryDirectory(beside path: String) throws(FileError) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? "folder"
        // A short prefix of the name keeps the temporary within NAME_MAX for long names.
        var template = Array((directoryName(of: path) + "/." + String(String.UnicodeScalarView(name.unicodeScalars.prefix(48)))
            + ".tmp-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else { throw FileError(path: path, operation: "mkdtemp", code: errno) }
        return String(cString: template)
    }

    /// True when something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// What is at `path` (stat, or lstat when `followLinks` is false); nil when nothing is.
    public static func kind(at path: String, followLinks: Bool = true) -> FileKind? {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? FileKind(mode: info.st_mode) : nil
    }

    /// True when `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` is a directory with no entries besides `.` and `..`.
    public static func isEmptyDirectory(_ path: String) throws(FileError) -> Bool {
        var empty = true
        try forEachName(inDirectory: path) { _ in
            empty = false
            return false
        }
        return empty
    }

    /// The names in the directory at `path` (a symbolic link to a directory is followed), without `.` and `..`,
    /// in the order the system gives them.
    public static func names(inDirectory path: String) throws(FileError) -> [String] {
        var names: [String] = []
        try forEachName(inDirectory: path) { name in
            names.append(name)
            return true
        }
        return names
    }

    /// Calls `body` with each name in the directory at `path` but `.` and `..` (opendir, readdir), until it returns
    /// false.
    private static func forEachName(inDirectory path: String, _ body: (String) -> Bool) throws(FileError) {
        guard let dir = opendir(path) else { throw FileError(path: path, operation: "opendir", code: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != "..", !body(name) { return }
        }
    }

    /// Removes a file (unlink) or an empty directory (rmdir); a missing file is not an error.
    public static func remove(_ path: String) throws(FileError) {
        if unlink(path) == 0 || errno == ENOENT { return }
        if errno == EISDIR, rmdir(path) == 0 { return }
        throw FileError(path: path, operation: "unlink", code: errno)
    }

    /// The absolute path with symbolic links, `.` and `..` resolved (realpath); for a file that does not exist yet,
    /// its directory is resolved and its name appended. nil when the directory does not exist either.
    public static func canonicalPath(_ path: String) -> String? {
        if let full = realpath(path, nil) {
            defer { free(full) }
            return String(cString: full)
        }
        let directory = directoryName(of: path)
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        guard !name.isEmpty, name != ".", name != "..", let full = realpath(directory, nil) else { return nil }
        defer { free(full) }
        let base = String(cString: full)
        return (base == "/" ? "" : base) + "/" + name
    }

    /// The nearest of `path` (absolute) and its ancestors for which `matches` is true, walking up to `/`; nil when
    /// none is. The output guard uses it to find the ledger or witness directory a path lies in.
    public static func enclosingDirectory(of path: String, where matches: (String) -> Bool) -> String? {
        var candidate = path
        while !candidate.isEmpty {
            if matches(candidate) { return candidate }
            if candidate == "/" || !candidate.utf8.contains(UInt8(ascii: "/")) { return nil }
            candidate = directoryName(of: candidate)
        }
        return nil
    }

    /// The parent directory of `path` ("." for a bare name).
    public static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
