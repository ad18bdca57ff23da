import LedgerChain
import LedgerEvents
import LedgerPlatform

extension RectifyState {
    /// The kept list's file (15.9; the CLI's `RenderedList`), named here with the files it is written like.
    public static let listFileName = "rectify.list"

    /// The files `rectify` writes in `index/` (15.8, 15.9): each is written under `NAME.tmp-<16 hex>`.
    public static let writtenFileNames = [fileName, patchFileName, listFileName]

    /// Writes `path` (one of `writtenFileNames` in `index/`) atomically, as ledger-spec.md 15.1 says: the bytes
    /// `produce` gives go to `NAME.tmp-<16 hex>`, which its writer holds locked (flock) until it is renamed over
    /// `path`; then `index/` is fsync'ed. First the temporaries nobody holds are removed: a rectify killed while it
    /// wrote (1.2 GB for the state at ten million records) leaves one that nothing else would ever remove. False
    /// when the file cannot be written (nothing is left behind then).
    @discardableResult
    public static func writeAtomically(_ path: String, _ directory: LedgerDirectory,
                                       _ produce: (_ write: ([UInt8]) throws(FileError) -> Void) throws(FileError) -> Void) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        guard let (file, temporary) = lockedTemporary(for: path) else { return false }
        // The file system's time of now, for the unlocked temporaries of earlier versions and the creating names a
        // killed writer left (no clock is read here).
        removeAbandonedTemporaries(directory, now: (try? file.status())?.identity[2], sparing: temporary)
        // An interrupt (Ctrl-C) removes it too; only a SIGKILL or a crash leaves it, for the next writer to remove.
        let token = InterruptCleanup.register(temporary)
        defer { if let token { InterruptCleanup.unregister(token) } }
        var offset: Int64 = 0
        do {
            try produce { (bytes: [UInt8]) throws(FileError) in
                try file.write(bytes, at: offset)
                offset += Int64(bytes.count)
            }
            try file.sync()
            // Renamed while still locked (the lock goes with the open file, whatever its name).
            try PosixFile.rename(temporary, to: path)
            file.close()
            try? PosixFile.syncDirectory(directory.indexPath)
            return true
        } catch {
            try? PosixFile.remove(temporary)
            file.close()
            return false
        }
    }

    static let temporaryMark = ".tmp-"
    /// The name a temporary is created under, before its writer holds it: `NAME.new-<16 hex>`.
    static let creatingMark = ".new-"
    /// How long (seconds, by the file system's clock) an unlocked temporary of an earlier version or a creating name
    /// is left alone: a writer holds a creating name for the two calls between its creation and its rename.
    static let unlockedTemporaryAge: Int64 = 3600

    /// A new temporary for `path`, locked by this process, under the name `removeAbandonedTemporaries` removes when
    /// nobody holds it (`NAME.tmp-<16 hex>`). It is created (O_EXCL|O_NOFOLLOW) as `NAME.new-<16 hex>`, locked, and
    /// only then renamed to that name: created under it, it could be locked and removed by another rectify's cleaner
    /// between its creation and its writer's lock (that writer then lost its file). Nil when it cannot be made.
    /// - Parameter created: called between the creation and the lock (a test runs the cleaner there).
    static func lockedTemporary(for path: String, created: () -> Void = {}) -> (file: PosixFile, temporary: String)? {
        let suffix = Hex.randomSuffix()
        let creating = path + creatingMark + suffix, temporary = path + temporaryMark + suffix
        guard let file = try? PosixFile(path: creating, mode: .createNew(permissions: 0o644), followLinks: false) else { return nil }
        created()
        // Held from here to its rename over `path`: the lock goes with the open file, whatever its name.
        guard (try? file.lockExclusive(timeoutMilliseconds: 0)) == true, (try? PosixFile.rename(creating, to: temporary)) != nil else {
            try? PosixFile.remove(creating)
            file.close()
            return nil
        }
        return (file, temporary)
    }

    /// Removes the temporaries of `writtenFileNames` in `index/` that no writer holds (left by a rectify killed while
    /// it wrote): `NAME.tmp-<16 hex>`, which a writer holds locked while it writes; and, when not changed for an hour
    /// before `now` (seconds since 1970, the file system's time: the writer passes its own new temporary's; none,
    /// none removed), `NAME.new-<16 hex>`, the name a writer creates its temporary under (left only by a writer
    /// killed between that creation and the rename to its locked name), and `.NAME.tmp-<16 hex>`, the name earlier
    /// versions wrote under without a lock. A writer that slow only fails to keep its file: the file is derived, and
    /// its list was answered all the same.
    public static func removeAbandonedTemporaries(_ directory: LedgerDirectory, now: Int64?, sparing: String? = nil) {
        guard let names = try? PosixDirectory(path: directory.indexPath).names() else { return }
        for name in names {
            let locked: Bool
            let mark: Range<String.Index>
            if let found = name.range(of: temporaryMark) {
                (locked, mark) = (true, found)
            } else if let found = name.range(of: creatingMark) {
                (locked, mark) = (false, found)
            } else {
                continue
            }
            let suffix = name[mark.upperBound...]
            guard suffix.count == 16, suffix.allSatisfy(\.isHexDigit) else { continue }
            let stem = name[..<mark.lowerBound]
            let path = directory.indexPath + "/" + name
            guard path != sparing else { continue }
            if locked, writtenFileNames.contains(where: { $0 == stem }) {
                guard let file = try? PosixFile(path: path, mode: .read, followLinks: false) else { continue }
                defer { file.close() }
                if (try? file.lockExclusive(timeoutMilliseconds: 0)) == true { try? PosixFile.remove(path) }
            } else if let now, locked ? stem.hasPrefix(".") && writtenFileNames.contains(where: { $0 == stem.dropFirst() })
                                      : writtenFileNames.contains(where: { $0 == stem }) {
                guard let file = try? PosixFile(path: path, mode: .read, followLinks: false) else { continue }
                defer { file.close() }
                guard let status = try? file.status() else { continue }
                if now - status.identity[2] >= unlockedTemporaryAge { try? PosixFile.remove(path) }
            }
        }
    }
}

extension RectifyState {
    /// A file of `rectify`'s read whole (`index/rectify.patch`, `index/rectify.list`) with check 1 of ledger-spec.md
    /// 15.1 done: its kind, version and header, its length and its body's SHA-256. Nil when there is no file.
    /// - Throws: why the file cannot be used.
    public static func readWhole(_ path: String, kind: String, version: UInt32,
                                 bytesMax: Int) throws(DerivedStateProblem) -> (header: DerivedStateHeader, body: ArraySlice<UInt8>)? {
        let bytes: [UInt8]
        do { bytes = try PosixFile.readRegularFile(path, bytesMax: bytesMax, followLinks: false).bytes } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged("\(error)")
        }
        let (header, start) = try DerivedStateHeader.decode(bytes[...], kind: kind, version: version)
        guard header.bodyBytes <= UInt64(bytes.count), bytes.count == start + Int(header.bodyBytes) + 32 else {
            throw .damaged("its length is not the one its header gives: truncated or extended")
        }
        let end = start + Int(header.bodyBytes)
        guard SHA256.digest(bytes[start..<end]) == Digest32(bytes: bytes[end...]) else {
            throw .damaged("its checksum does not match: truncated or altered")
        }
        return (header, bytes[start..<end])
    }

    /// The records the log holds, verified from `resume` (a file's stamp, checked by `DerivedStateHeader.check`: 15.1
    /// checks 4–5): a file stamped before that count is stale. Nil when the log cannot say — the acknowledged head
    /// lies before the stamp, or the log after it fails verification (the command's own read reports that).
    public static func recordCount(_ directory: LedgerDirectory, from resume: ResumePoint) -> Int64? {
        do {
            return try LogScanner.committedBatches(directory, from: resume, prepare: { _ in () }, batch: { _ in }).recordCount
        } catch {
            return nil
        }
    }
}
