import LedgerChain
import LedgerEvents
import LedgerPlatform

extension RectifyState {
    /// The kept list's file (15.9; the CLI's `RenderedList`), named here with the files it is written like.
    public static let listFileName = "rectify.list"
    /// The kept list's patch (15.9, "After an append"): what a list made after an append changed of `rectify.list`.
    public static let listPatchFileName = "rectify.list-patch"

    /// The files `rectify` writes in `index/` (15.8, 15.9): each is written under `NAME.tmp-<16 hex>`
    /// (`IndexTemporary.stems` holds them too).
    public static let writtenFileNames = [fileName, patchFileName, listFileName, listPatchFileName]

    /// Writes `path` (one of `writtenFileNames` in `index/`) atomically, as ledger-spec.md 15.1 says: the bytes
    /// `produce` gives go to `NAME.tmp-<16 hex>` (`IndexTemporary.lockedTemporary`), which its writer holds locked
    /// (flock) until it is renamed over `path`; then `index/` is fsync'ed. First the temporaries nobody holds are
    /// removed (`IndexTemporary.removeAbandonedTemporaries`): a rectify killed while it wrote (1.2 GB for the state at
    /// ten million records) leaves one that nothing else would ever remove. False when the file cannot be written
    /// (nothing is left behind then).
    @discardableResult
    public static func writeAtomically(_ path: String, _ directory: LedgerDirectory,
                                       _ produce: (_ write: ([UInt8]) throws(FileError) -> Void) throws(FileError) -> Void) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        guard let (file, temporary) = IndexTemporary.lockedTemporary(for: path) else { return false }
        // The file system's time of now, for the unlocked temporaries of earlier versions and the creating names a
        // killed writer left (no clock is read here).
        IndexTemporary.removeAbandonedTemporaries(directory, now: (try? file.status())?.identity[2], sparing: temporary)
        // An interrupt (Ctrl-C) removes it too; only a SIGKILL or a crash leaves it, for the next writer to remove.
        let token = InterruptCleanup.register(temporary)
        defer { if let token { InterruptCleanup.unregister(token) } }
        var offset: Int64 = 0
        do {
            try produce { (bytes: [UInt8]) throws(FileError) in
                try file.write(bytes, at: offset)
                offset += Int64(bytes.count)
            }
        } catch {
            try? PosixFile.remove(temporary)
            file.close()
            return false
        }
        do { try IndexTemporary.commit(file, temporary, over: path) } catch { return false }
        return true
    }
}

extension RectifyState {
    /// A file of `rectify`'s read whole (`index/rectify.patch`, `index/rectify.list`) with check 1 of ledger-spec.md
    /// 15.1 done: its kind, version and header, its length and its body's SHA-256 (`sum`, which a patch of the file
    /// names it by). Nil when there is no file.
    /// - Throws: why the file cannot be used.
    public static func readWhole(_ path: String, kind: String, version: UInt32,
                                 bytesMax: Int) throws(ChainError) -> (header: DerivedStateHeader, body: ArraySlice<UInt8>, sum: Digest32)? {
        let bytes: [UInt8]
        do { bytes = try PosixFile.readRegularFile(path, bytesMax: bytesMax, followLinks: false).bytes } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        let (header, start) = try DerivedStateHeader.decode(bytes[...], kind: kind, version: version)
        guard header.bodyBytes <= UInt64(bytes.count), bytes.count == start + Int(header.bodyBytes) + 32 else {
            throw .damaged(.lengthNotHeaders)
        }
        let end = start + Int(header.bodyBytes)
        let sum = SHA256.digest(bytes[start..<end])
        guard sum == Digest32(bytes: bytes[end...]) else {
            throw .damaged(.checksum(.body))
        }
        return (header, bytes[start..<end], sum)
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
