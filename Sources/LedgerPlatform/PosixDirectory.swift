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
        guard !name.isEmpty, name != ".", name != "..", !name.utf8.contains(UInt8(ascii: "/")) else {
            throw FileError(path: full, operation: "open", code: EINVAL, detail: "a file inside \(path) is named by one component")
        }
        let (flags, permissions) = mode.openFlags
        let fd = openat(descriptor, name, flags | O_NOFOLLOW, permissions)
        guard fd >= 0 else { throw FileError(path: full, operation: "open", code: errno) }
        return PosixFile(descriptor: fd, path: full)
    }
}

// Listing, replacing and removing the files of a directory relative to its descriptor: the private data beside a
// ledger (`private/`) is written and erased only through these, so a link planted there is never followed.
extension PosixDirectory {
    /// The names in the directory (without `.` and `..`), sorted by their UTF-8 bytes. The corresponding C calls are
    /// `dup`, `fdopendir`, `readdir`.
    /// - Throws: `FileError` when the directory cannot be read.
    public func names() throws(FileError) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0 else { throw FileError(path: path, operation: "dup", code: errno) }
        guard let stream = fdopendir(copy) else {
            let code = errno
            _ = Glibc.close(copy)
            throw FileError(path: path, operation: "opendir", code: code)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var out: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw FileError(path: path, operation: "readdir", code: errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { out.append(name) }
        }
        return out.sorted(by: Self.utf8Precedes)
    }

    /// Whether `a` comes before `b` by their UTF-8 bytes (`a.utf8.lexicographicallyPrecedes(b.utf8)`), compared
    /// with `memcmp` where both strings hold their UTF-8 contiguously (a native string does): the generic walk was a
    /// twelfth of a writer's CPU in a debug build listing `private/` with 10,000 persons (session 51).
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right -> Bool in
                let common = min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let order = memcmp(l, r, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
        if let fast, let answer = fast { return answer }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// What is at `name` in this directory, without following a link (`fstatat` with AT_SYMLINK_NOFOLLOW); nil
    /// when nothing is.
    public func kind(of name: String) -> FileKind? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }

    /// The status of `name` in this directory (`fstatat` with AT_SYMLINK_NOFOLLOW: a link's own), nil when nothing
    /// is there: one call, no open (what `private/entries.index` stamps an entry with).
    public func status(of name: String) -> FileStatus? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStatus(info)
    }

    /// Reads the regular file `name` of at most `bytesMax` bytes, opened without following a link.
    /// - Throws: `InputFileError`: `.notRegularFile` for anything but a regular file, `.tooLarge`, `.file`.
    public func readRegularFile(_ name: String, bytesMax: Int) throws(InputFileError) -> [UInt8] {
        let file: PosixFile
        let status: FileStatus
        do {
            file = try open(name, mode: .read)
            status = try file.status()
        } catch {
            throw .file(error)
        }
        defer { file.close() }
        guard status.kind == .regular else { throw .notRegularFile(path: file.path, kind: status.kind) }
        guard status.size <= Int64(bytesMax) else { throw .tooLarge(path: file.path, size: status.size, bytesMax: bytesMax) }
        var bytes: [UInt8] = []
        do { try file.read(at: 0, count: bytesMax + 1, into: &bytes) } catch { throw .file(error) }
        guard bytes.count <= bytesMax else { throw .tooLarge(path: file.path, size: Int64(bytes.count), bytesMax: bytesMax) }
        return bytes
    }

    /// Writes the file `name` whole or not at all: a new temporary (`.NAME.tmp-<random>`, created with O_EXCL and
    /// O_NOFOLLOW), its bytes, fsync, `renameat` over `name`, fsync of the directory. A crash leaves the old file
    /// or the new one, and perhaps the temporary (`removeTemporaries` deletes it).
    /// - Parameter permissions: mode of the file (umask applies).
    /// - Throws: `FileError`; the temporary is removed on failure.
    public func writeAtomically(_ bytes: [UInt8], to name: String, permissions: UInt32) throws(FileError) {
        var random = SystemRandomNumberGenerator()
        let temporary = "." + name + PosixDirectory.temporaryMark + Hex.encode(withUnsafeBytes(of: random.next() as UInt64) { Array($0) })
        let file = try open(temporary, mode: .createNew(permissions: permissions))
        do throws(FileError) {
            try file.write(bytes, at: 0)
            try file.sync()
            file.close()
            guard renameat(descriptor, temporary, descriptor, name) == 0 else {
                throw FileError(path: path + "/" + name, operation: "rename", code: errno)
            }
        } catch {
            file.close()
            _ = unlinkat(descriptor, temporary, 0)
            throw error
        }
        try sync()
    }

    /// Part of the name of every temporary `writeAtomically` makes.
    public static let temporaryMark = ".tmp-"

    /// Removes `name` (`unlinkat`); nothing there is not an error. The caller syncs the directory.
    public func remove(_ name: String) throws(FileError) {
        guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else {
            throw FileError(path: path + "/" + name, operation: "unlink", code: errno)
        }
    }

    /// Overwrites the regular file `name` with zeros, flushes it, then removes it: the bytes are not left in the
    /// freed blocks for the next reader of the disk (on file systems that write in place; copy-on-write file
    /// systems and SSDs may keep old blocks, which only whole-disk encryption covers). The caller syncs the
    /// directory. Nothing there is not an error.
    ///
    /// Only a regular file with one name (link count 1) is zeroed: the bytes of a hard link are another name's too
    /// (a planted `ln ENTRY entries.index` would zero that entry), so such a file — or anything not a regular
    /// file, or a file larger than `zeroBytesMax` (not one this program wrote) — is only unlinked. Zeros are
    /// written in fixed-size chunks, never the whole size at once.
    public func overwriteAndRemove(_ name: String, zeroBytesMax: Int64 = .max) throws(FileError) {
        guard let seen = status(of: name) else { return }
        if seen.kind == .regular, seen.linkCount == 1, seen.size > 0, seen.size <= zeroBytesMax {
            let file = try open(name, mode: .readWrite)
            defer { file.close() }
            // Checked again on the descriptor: the name may have been swapped or linked since the fstatat.
            let status = try file.status()
            if status.kind == .regular, status.linkCount == 1, status.size > 0, status.size <= zeroBytesMax {
                let chunk = [UInt8](repeating: 0, count: Int(min(status.size, Int64(PosixDirectory.zeroChunkBytes))))
                var at: Int64 = 0
                while at < status.size {
                    let count = Int(min(Int64(chunk.count), status.size - at))
                    try file.write(count == chunk.count ? chunk : Array(chunk.prefix(count)), at: at)
                    at += Int64(count)
                }
                try file.syncData()
            }
        }
        try remove(name)
    }

    /// The most zeros `overwriteAndRemove` holds in memory at once.
    public static let zeroChunkBytes = 1 << 20

    /// Flushes the directory's entries (fsync of its descriptor): a rename or removal is durable after it.
    public func sync() throws(FileError) {
        guard fsync(descriptor) == 0 else { throw FileError(path: path, operation: "fsync", code: errno) }
    }
}
