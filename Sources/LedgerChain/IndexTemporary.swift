import LedgerPlatform

/// The temporaries of the files of `index/` written as they are built, hundreds of MB each at 10 million records
/// (ledger-spec.md 15.1): the shared rebuild's `funds.state`, `checks.state` and `scopes` (and its `.probe` of whether
/// `index/` can be written), the scopes' merge, `rectify`'s `rectify.state`, `rectify.patch`, `rectify.list` and `rectify.list-patch`, and
/// the whole-city lists' files (`writeWhole`: written whole, a few MB to hundreds of MB).
/// One writer's temporary is `NAME.tmp-<16 hex>`, which it holds locked (flock) from before that name exists until
/// it is renamed over `NAME`; any command that writes one first removes those nobody holds (`removeAbandonedTemporaries`),
/// which a writer killed while it wrote left and nothing else would ever remove.
public enum IndexTemporary {
    /// `NAME.tmp-<16 hex>`: a temporary its writer holds.
    public static let temporaryMark = ".tmp-"
    /// `NAME.new-<16 hex>`: the name a temporary is created under, before its writer holds it.
    public static let creatingMark = ".new-"
    /// How long (seconds, by the file system's clock) an unlocked temporary of an earlier version or a creating name
    /// is left alone: a writer holds a creating name for the two calls between its creation and its rename.
    public static let unlockedTemporaryAge: Int64 = 3600

    /// Every file written through `lockedTemporary`: `FundState.fileName`, `CheckState.fileName`,
    /// `ScopeIndex.fileName`, the rebuild's probe, `RectifyState.writtenFileNames`, and the whole-city lists'
    /// `CityListFiles.names` (those modules come after this one, so the names are written here; a test holds them equal).
    public static let stems = ["funds.state", "checks.state", "scopes", ".probe", "rectify.state", "rectify.patch", "rectify.list",
                               "rectify.list-patch", "communities.state", "assets.state", "contracts.state", "decisions.state"]

    /// The files written as `.NAME.tmp-<16 hex>` without a lock (`PosixFile.writeAtomically`): by earlier versions
    /// (`rectify`'s and `CommunitiesState.fileName`), and today `MentionIndex.fileName` and `FundTotals.fileName`, so
    /// that what a writer killed midway left of them is removed too (after an hour, as nothing holds them).
    public static let unlockedLegacyStems = ["rectify.state", "rectify.patch", "rectify.list", "rectify.list-patch", "mentions", "fund-totals", "communities.state"]

    /// A new temporary for `path` (a file of `stems` in `index/`), locked by this process, under the name
    /// `removeAbandonedTemporaries` removes when nobody holds it (`NAME.tmp-<16 hex>`). It is created
    /// (O_EXCL|O_NOFOLLOW) as `NAME.new-<16 hex>`, locked, and only then renamed to that name: created under it, it
    /// could be locked and removed by another command's cleaner between its creation and its writer's lock (that
    /// writer then lost its file). The lock goes with the open file whatever its name: the writer keeps `file` open
    /// until it has renamed the temporary over `path` (`commit`). Nil when it cannot be made.
    /// - Parameter created: called between the creation and the lock (a test runs the cleaner there).
    public static func lockedTemporary(for path: String, created: () -> Void = {}) -> (file: PosixFile, temporary: String)? {
        let suffix = Hex.randomSuffix()
        let creating = path + creatingMark + suffix, temporary = path + temporaryMark + suffix
        guard let file = try? PosixFile(path: creating, mode: .createNew(permissions: 0o644), followLinks: false) else { return nil }
        created()
        // Not fsync'ed: a crash leaves either name, and the cleaner removes both (`removeAbandonedTemporaries`).
        guard (try? file.lockExclusive(timeoutMilliseconds: 0)) == true,
              (try? PosixFile.rename(creating, to: temporary, syncingDirectory: false)) != nil else {
            try? PosixFile.remove(creating)
            file.close()
            return nil
        }
        return (file, temporary)
    }

    /// Puts a written temporary in place: fsync, rename over `path` while still held (released, it could be taken
    /// by a cleaner before the rename), close, fsync of the directory (best effort: the file is in place by then).
    /// When the fsync or the rename fails the temporary is removed, and closed.
    /// - Throws: the step that failed.
    public static func commit(_ file: PosixFile, _ temporary: String, over path: String) throws(FileError) {
        do {
            try file.sync()
            // The directory is fsync'ed once, below (the rename's own fsync was a second one: some 10–40 ms each on a
            // busy disk, four per `rectify --street` after an append).
            try PosixFile.rename(temporary, to: path, syncingDirectory: false)
        } catch {
            try? PosixFile.remove(temporary)
            file.close()
            throw error
        }
        file.close()
        try? PosixFile.syncDirectory(PosixFile.directoryName(of: path))
    }

    /// Removes the temporaries of `stems` in `index/` that no writer holds (left by a command killed while it
    /// wrote): `NAME.tmp-<16 hex>`, which a writer holds locked while it writes; and, when not changed for an hour
    /// before `now` (seconds since 1970, the file system's time: a writer passes its own new temporary's; none, none
    /// removed), `NAME.new-<16 hex>`, the name a writer creates its temporary under (left only by a writer killed
    /// between that creation and the rename to its locked name, and empty then), and `.NAME.tmp-<16 hex>` of
    /// `unlockedLegacyStems`, the name earlier versions wrote under without a lock. A writer that slow only fails to
    /// keep its file: the file is derived, and its command answered all the same.
    /// - Parameter sparing: the caller's own temporary, left whatever it looks like.
    public static func removeAbandonedTemporaries(_ directory: LedgerDirectory, now: Int64?, sparing: String? = nil) {
        guard let names = try? PosixDirectory(path: directory.indexPath).names() else { return }
        for name in names {
            let locked: Bool
            let mark: Range<String.Index>
            if let found = name.firstRange(of: temporaryMark) {
                (locked, mark) = (true, found)
            } else if let found = name.firstRange(of: creatingMark) {
                (locked, mark) = (false, found)
            } else {
                continue
            }
            let suffix = name[mark.upperBound...]
            guard suffix.count == 16, suffix.allSatisfy(\.isHexDigit) else { continue }
            let stem = name[..<mark.lowerBound]
            let path = directory.indexPath + "/" + name
            guard path != sparing else { continue }
            if locked, stems.contains(where: { $0 == stem }) {
                guard let file = try? PosixFile(path: path, mode: .read, followLinks: false) else { continue }
                defer { file.close() }
                if (try? file.lockExclusive(timeoutMilliseconds: 0)) == true { try? PosixFile.remove(path) }
            } else if let now, locked ? stem.hasPrefix(".") && unlockedLegacyStems.contains(where: { $0 == stem.dropFirst() })
                                      : stems.contains(where: { $0 == stem }) {
                guard let file = try? PosixFile(path: path, mode: .read, followLinks: false) else { continue }
                defer { file.close() }
                guard let status = try? file.status() else { continue }
                if now - status.identity[2] >= unlockedTemporaryAge { try? PosixFile.remove(path) }
            }
        }
    }
}
