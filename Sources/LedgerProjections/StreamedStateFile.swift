import LedgerChain
import LedgerEvents
import LedgerPlatform

/// A derived state file written as it is built (ledger-spec.md 15.1): the body is streamed to a temporary file in
/// `index/` after room for the header, hashed as it goes; `finish` writes the header in front and the body's
/// SHA-256 after it, fsyncs, renames over the file and fsyncs `index/`. Memory is one buffer, not the file.
public final class StreamedStateFile {
    let path: String
    let kind: String
    let version: UInt32
    let ledgerName: String
    /// The temporary written (`NAME.tmp-<16 hex>`, held locked until `finish` renames it over `path`).
    public let temporary: String
    private var file: PosixFile?
    private let headerLength: Int
    private var offset: Int64
    private var bodyBytes: UInt64 = 0
    private let hasher = SHA256()
    /// Parts at least this long have their write-back started as they are written (`write`).
    static let writebackBytes = 256 << 10

    public init?(path: String, kind: String, version: UInt32, ledgerName: String) {
        self.path = path; self.kind = kind; self.version = version; self.ledgerName = ledgerName
        // Held from before it has the name the cleaners remove until it is renamed over the file.
        guard let (file, temporary) = IndexTemporary.lockedTemporary(for: path) else { return nil }
        self.temporary = temporary
        self.file = file
        let none = StateStamp(seq: 0, hash: .zero, lineOffset: 0, lineBytes: 0)
        headerLength = DerivedStateHeader(kind: kind, version: version, ledgerName: ledgerName, genesis: none, stamp: none,
                                          bodyBytes: 0).encoded().count
        offset = Int64(headerLength)
        hasher.begin()
    }

    deinit { discard() }

    /// Appends body bytes.
    public func write(_ bytes: [UInt8]) {
        guard let file, !bytes.isEmpty else { return }
        do { try file.write(bytes, at: offset) } catch { discard(); return }
        // A large part (the funds' state is flushed a MiB at a time): its write-back to the disk starts now, so that
        // the fsync of `finish`, on the command's critical path, waits for the last parts only (at 1 million records
        // the fsync of the whole 75 MB body took some 55 ms there; at 10 million, 754 MB). Durability is unchanged:
        // the file is renamed into place only after that fsync.
        if bytes.count >= Self.writebackBytes { file.startWriteback(at: offset, count: bytes.count) }
        hasher.update(bytes)
        offset += Int64(bytes.count)
        bodyBytes += UInt64(bytes.count)
    }

    /// Puts the file in place, stamped; false when anything failed (nothing is left behind then).
    public func finish(genesis: StateStamp, stamp: StateStamp, expectedHeader: [UInt8]? = nil) -> Bool {
        guard let file else { return false }
        let header = DerivedStateHeader(kind: kind, version: version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                        bodyBytes: bodyBytes).encoded()
        precondition(expectedHeader.map { $0 == header } ?? true, "the body written is the one the header was made for")
        precondition(header.count == headerLength, "a header's length depends only on its kind and ledger name")
        do {
            try file.write(hasher.finish().bytes, at: offset)
            try file.write(header, at: 0)
        } catch {
            discard()
            return false
        }
        // Renamed while still held; closed and removed by `commit` when that fails.
        self.file = nil
        do { try IndexTemporary.commit(file, temporary, over: path) } catch { return false }
        return true
    }

    /// The file system's time of the temporary's last change (seconds since 1970; nil once finished or discarded).
    public var changeTime: Int64? { (try? file?.status())?.identity[2] }

    /// Removes the temporary file.
    public func discard() {
        if let file { file.close(); self.file = nil; try? PosixFile.remove(temporary) }
    }
}
