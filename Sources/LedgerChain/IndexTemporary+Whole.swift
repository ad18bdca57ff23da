import LedgerPlatform

extension IndexTemporary {
    /// Writes `bytes` (a file of `stems` in `index/`, made whole in memory) over `path` as ledger-spec.md 15.1 says:
    /// under `NAME.tmp-<16 hex>` held locked (`lockedTemporary`) until it is renamed over `path`, then `index/`
    /// fsync'ed (`commit`). First the temporaries nobody holds are removed (`removeAbandonedTemporaries`, with the
    /// file system's time of the new temporary), so that what a command killed while it wrote left goes with the
    /// next write. Best effort: false when it cannot be written (a read-only copy; nothing is left behind then).
    @discardableResult
    public static func writeWhole(_ bytes: [UInt8], to path: String, in directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        guard let (file, temporary) = lockedTemporary(for: path) else { return false }
        removeAbandonedTemporaries(directory, now: (try? file.status())?.identity[2], sparing: temporary)
        // An interrupt (Ctrl-C) removes it too; only a SIGKILL or a crash leaves it, for the next writer to remove.
        let token = InterruptCleanup.register(temporary)
        defer { if let token { InterruptCleanup.unregister(token) } }
        do { try file.write(bytes, at: 0) } catch {
            try? PosixFile.remove(temporary)
            file.close()
            return false
        }
        do { try commit(file, temporary, over: path) } catch { return false }
        return true
    }
}
