#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PosixFile {
    /// What `writeAtomically` does when a regular file is already at the path.
    public enum ExistingFile: Sendable {
        /// Replace it, keeping its permission bits (and, for root, its owner).
        case replace
        /// Leave it and fail with EEXIST: evidence such as a checkpoint or a key is never overwritten.
        case refuse
        /// Replace whatever entry is at the path but a directory — a regular file (its permission bits kept), or a
        /// FIFO, device, socket or symbolic link, which is replaced by the rename, never opened, written or followed:
        /// a derived file of a ledger's `index/`, whose place holds only the file itself.
        case replaceEntry
    }

    /// Writes `bytes` to `path` so that nobody ever sees a half-written file and a failure leaves nothing behind.
    ///
    /// A regular file (or none) at `path` is written as a temporary file in the same directory — a random name,
    /// created with O_CREAT|O_EXCL|O_NOFOLLOW so a planted file or symbolic link is never opened — then fsync'ed,
    /// renamed over `path` (or hard-linked to it when `existing` is `.refuse`, which fails if a file appeared
    /// meanwhile), and the directory is fsync'ed. The temporary is removed on every failure.
    /// A FIFO or character device at `path` (such as `/dev/null` or `/dev/stdout`) is written in place, never
    /// replaced; a FIFO nobody reads is refused instead of waited on. A directory, socket or block device is refused.
    /// - Parameters:
    ///   - permissions: mode of a new file (the process umask applies); a replaced file keeps its own mode.
    ///   - existing: whether a regular file already at `path` is replaced or refused.
    /// - Throws: `FileError`; EEXIST when `existing` is `.refuse` and a file is there, EISDIR for a directory.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, permissions: UInt32 = 0o644,
                                       existing: ExistingFile = .replace) throws(FileError) {
        try stageWrite(bytes, to: path, permissions: permissions, existing: existing).commit()
    }

    /// The first half of `writeAtomically`: the whole file is written and fsync'ed under its temporary name, but
    /// not yet in place. `commit()` puts it in place; `discard()` (or the end of the value) removes it, leaving
    /// whatever was at `path` untouched — for a file that must appear only if other work succeeds.
    /// A FIFO or character device at `path` is written (in place) only at `commit()`.
    /// - Throws: as `writeAtomically`, for everything but the rename.
    public static func stageWrite(_ bytes: [UInt8], to path: String, permissions: UInt32 = 0o644,
                                  existing: ExistingFile = .replace) throws(FileError) -> StagedWrite {
        try stageWrite(to: path, permissions: permissions, existing: existing) { (write: ([UInt8]) throws(FileError) -> Void) throws(FileError) in
            try write(bytes)
        }
    }

    /// `stageWrite` of bytes made piece by piece: `produce` is called once with a function that writes each piece
    /// to the temporary file as it comes (a report of gigabytes is never held whole). A FIFO or character device
    /// at `path` gets the pieces, gathered, at `commit()`.
    public static func stageWrite(to path: String, permissions: UInt32 = 0o644, existing: ExistingFile = .replace,
                                  producing produce: (_ write: ([UInt8]) throws(FileError) -> Void) throws(FileError) -> Void)
        throws(FileError) -> StagedWrite {
        var info = stat()
        var keptMode: mode_t? = nil
        var keptOwner: (uid_t, gid_t)? = nil
        // `.replaceEntry` looks at the entry itself (lstat): a link in its place is replaced, not followed.
        if (existing == .replaceEntry ? lstat(path, &info) : stat(path, &info)) == 0,
           !(existing == .replaceEntry && FileKind(mode: info.st_mode) != .regular && FileKind(mode: info.st_mode) != .directory) {
            let kind = FileKind(mode: info.st_mode)
            switch kind {
            case .regular:
                guard existing != .refuse else { throw FileError(path: path, operation: "create", code: EEXIST) }
                // A derived file of index/ is written back readable and writable by its owner: kept at mode 000,
                // say, no command could read it, and every one would rebuild it with a notice, for ever.
                keptMode = info.st_mode & 0o7777 | (existing == .replaceEntry ? 0o600 : 0)
                keptOwner = (info.st_uid, info.st_gid)
            case .fifo, .characterDevice:
                var bytes: [UInt8] = []
                try produce { (piece: [UInt8]) throws(FileError) in bytes += piece }
                return StagedWrite(path: path, existing: existing, inPlace: (bytes, kind))
            case .directory:
                throw FileError(path: path, operation: "write", code: EISDIR)
            default:
                throw FileError(path: path, operation: "write", code: EINVAL,
                                detail: "it is \(kind); write to a regular file (or a FIFO or character device)")
            }
        }
        let directory = directoryName(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? "output"
        // A short prefix of the name keeps the temporary within NAME_MAX for long names.
        let stem = "." + String(String.UnicodeScalarView(name.unicodeScalars.prefix(48))) + ".tmp-"
        var temporary = ""
        var fd: Int32 = -1
        if let code = FileFaults.planned("create", path) { throw FileError(path: path, operation: "create", code: code) }
        for _ in 0..<16 {
            var random = SystemRandomNumberGenerator()
            temporary = directory + "/" + stem + Hex.encode(withUnsafeBytes(of: random.next() as UInt64) { Array($0) })
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, keptMode == nil ? mode_t(permissions) : 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw FileError(path: path, operation: "create", code: errno) }
        // From here the staged value owns the temporary: it is removed unless committed.
        // An interrupt (Ctrl-C) removes it too, instead of leaving a hidden file beside the target.
        let staged = StagedWrite(path: path, existing: existing, temporary: temporary,
                                 interruptToken: InterruptCleanup.register(temporary))
        defer { if fd >= 0 { _ = Glibc.close(fd) } }
        let target = fd
        try produce { (piece: [UInt8]) throws(FileError) in try writeAll(piece, to: target, path: path) }
        if let keptMode {
            guard fchmod(fd, keptMode) == 0 else { throw FileError(path: path, operation: "chmod", code: errno) }
            // Only root can give a file away; for anyone else the new file is already theirs, as the old one was.
            if let (uid, gid) = keptOwner, geteuid() == 0 { _ = fchown(fd, uid, gid) }
        }
        guard fsync(fd) == 0 else { throw FileError(path: path, operation: "fsync", code: errno) }
        let closed = Glibc.close(fd)
        fd = -1
        guard closed == 0 else { throw FileError(path: path, operation: "close", code: errno) }
        return staged
    }

    /// A file staged by `stageWrite`: complete under a temporary name beside `path` (or, for a FIFO or character
    /// device, bytes still to be written there), until `commit()` or `discard()`.
    public final class StagedWrite {
        public let path: String
        let existing: ExistingFile
        private var temporary: String?
        private var inPlace: (bytes: [UInt8], kind: FileKind)?
        private var interruptToken: InterruptCleanup.Token?

        init(path: String, existing: ExistingFile, temporary: String? = nil, inPlace: (bytes: [UInt8], kind: FileKind)? = nil,
             interruptToken: InterruptCleanup.Token? = nil) {
            self.path = path
            self.existing = existing
            self.temporary = temporary
            self.inPlace = inPlace
            self.interruptToken = interruptToken
        }

        deinit { discard() }

        /// Puts the file in place: rename over `path` (link when `.refuse`), then fsync the directory; a FIFO or
        /// character device is written now. On failure the temporary is removed.
        public func commit() throws(FileError) {
            if let (bytes, kind) = inPlace {
                inPlace = nil
                try PosixFile.writeInPlace(bytes, to: path, kind: kind)
                return
            }
            guard let temporary else { return }
            defer { discard() }
            switch existing {
            case .replace, .replaceEntry:
                guard Glibc.rename(temporary, path) == 0 else { throw FileError(path: path, operation: "rename", code: errno) }
            case .refuse:
                // link(2) never replaces: it fails with EEXIST if a file appeared since the check.
                if link(temporary, path) != 0 {
                    let code = errno
                    guard code == EPERM || code == EOPNOTSUPP || code == ENOSYS, !PosixFile.exists(path) else {
                        throw FileError(path: path, operation: "create", code: code)
                    }
                    // A file system without hard links: rename after the check (a narrow window, but never a torn file).
                    guard Glibc.rename(temporary, path) == 0 else { throw FileError(path: path, operation: "rename", code: errno) }
                }
                _ = unlink(temporary)
            }
            self.temporary = nil
            forgetInterruptCleanup()
            try PosixFile.syncDirectory(PosixFile.directoryName(of: path))
        }

        /// Removes the temporary (or forgets the in-place bytes): `path` stays as it was.
        public func discard() {
            if let temporary { _ = unlink(temporary) }
            temporary = nil
            inPlace = nil
            forgetInterruptCleanup()
        }

        /// The temporary is gone or is the file now: an interrupt has nothing of this write to remove.
        private func forgetInterruptCleanup() {
            if let interruptToken { InterruptCleanup.unregister(interruptToken) }
            interruptToken = nil
        }
    }

    /// Writes to a FIFO or character device that is already at `path`, without replacing it.
    private static func writeInPlace(_ bytes: [UInt8], to path: String, kind: FileKind) throws(FileError) {
        // Non-blocking open: a FIFO without a reader fails with ENXIO at once instead of waiting for ever.
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENXIO, kind == .fifo {
                throw FileError(path: path, operation: "open", code: code,
                                detail: "it is a FIFO (named pipe) that no process is reading; start the reader first, or write to a regular file")
            }
            throw FileError(path: path, operation: "open", code: code)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, operation: "fstat", code: errno) }
        let opened = FileKind(mode: info.st_mode)
        guard opened == .fifo || opened == .characterDevice else {
            throw FileError(path: path, operation: "write", code: EINVAL, detail: "it changed into \(opened) while being opened")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        try writeAll(bytes, to: fd, path: path)
    }

    /// write(2) until every byte is written; EINTR is retried, EAGAIN waits (poll) until `fd` is writable,
    /// anything else throws with `path` named.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                throw FileError(path: path, operation: "write", code: code)
            }
            done += n
        }
    }
}
