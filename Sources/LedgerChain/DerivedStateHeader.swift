import LedgerEvents
import LedgerPlatform

/// What every file of `index/` starts with (ledger-spec.md section 15.1): which kind of file, its version, the
/// ledger's name, the stamps of record 1 and of the record it was derived up to, and the length of the body that
/// follows; the SHA-256 of these bytes closes the header, so a reader can check it without reading the body.
public struct DerivedStateHeader: Equatable, Sendable {
    /// The file's kind, e.g. `LEDGER-FUND-STATE`: its first bytes, followed by LF.
    public let kind: String
    public let version: UInt32
    public let ledgerName: String
    /// Record 1: which chain this is.
    public let genesis: StateStamp
    /// The last record the state was derived from (the last of its batch).
    public let stamp: StateStamp
    public let bodyBytes: UInt64

    public init(kind: String, version: UInt32, ledgerName: String, genesis: StateStamp, stamp: StateStamp, bodyBytes: UInt64) {
        self.kind = kind; self.version = version; self.ledgerName = ledgerName
        self.genesis = genesis; self.stamp = stamp; self.bodyBytes = bodyBytes
    }

    /// The header's bytes, its checksum included.
    public func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.raw(Array((kind + "\n").utf8))
        out.u64(UInt64(version))
        out.counted(Array(ledgerName.utf8))
        for s in [genesis, stamp] {
            out.u64(UInt64(bitPattern: s.seq))
            out.raw(s.hash.bytes)
            out.u64(UInt64(bitPattern: s.lineOffset))
            out.u64(UInt64(s.lineBytes))
        }
        out.u64(bodyBytes)
        out.raw(SHA256.digest(out.bytes).bytes)
        return out.bytes
    }

    /// Reads a header from the start of `bytes` (which may hold more). Returns the header and its length in bytes.
    public static func decode(_ bytes: ArraySlice<UInt8>, kind: String, version: UInt32) throws(ChainError) -> (header: DerivedStateHeader, length: Int) {
        let magic = Array((kind + "\n").utf8)
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { throw .damaged(.notOfKind(kind)) }
        var reader = ByteReader(bytes, from: bytes.startIndex + magic.count)
        guard let found = reader.u64() else { throw .damaged(.truncated) }
        // Versions are small numbers: a field that reads beyond any is a flipped or overwritten byte, not a file
        // of another version (which `ledger verify --index` reports as such, not as damage).
        guard found <= UInt64(UInt16.max) else { throw .damaged(.impossibleVersion(found: found)) }
        guard found == UInt64(version) else { throw .wrongVersion(found: found, expected: version) }
        func fail(_ what: ChainError.DerivedStateProblem.Detail.HeaderField) -> ChainError { .damaged(.unreadableHeader(what)) }
        guard let nameBytes = reader.counted(max: 4096), let name = String(validating: nameBytes, as: UTF8.self) else { throw fail(.name) }
        var stamps: [StateStamp] = []
        for _ in 0..<2 {
            guard let seq = reader.u64(), let hash = reader.fixed(32), let offset = reader.u64(), let length = reader.u64(),
                  Int64(bitPattern: seq) >= 1, Int64(bitPattern: offset) >= 0, length <= UInt64(Limits.recordBytesMax) else { throw fail(.stamp) }
            stamps.append(StateStamp(seq: Int64(bitPattern: seq), hash: Digest32(bytes: hash)!, lineOffset: Int64(bitPattern: offset),
                                     lineBytes: Int(length)))
        }
        guard let bodyBytes = reader.u64() else { throw fail(.bodyLength) }
        let end = reader.offset
        guard let checksum = reader.fixed(32) else { throw fail(.checksum) }
        guard SHA256.digest(Array(bytes[bytes.startIndex..<end])).bytes == checksum else {
            throw .damaged(.checksum(.header))
        }
        let header = DerivedStateHeader(kind: kind, version: version, ledgerName: name, genesis: stamps[0], stamp: stamps[1], bodyBytes: bodyBytes)
        return (header, reader.offset - bytes.startIndex)
    }

    /// Opens a derived file read in parts rather than whole (`index/scopes`, `index/mentions`): not following links,
    /// its header decoded from the first 8 KiB and its length checked against the one the header gives (15.1, check
    /// 1; the body's parts are checked by their own checksums as they are read). Nil when there is no file.
    public static func open(_ path: String, kind: String, version: UInt32) throws(ChainError)
        -> (file: PosixFile, header: DerivedStateHeader, bodyStart: Int)? {
        // Only a regular file is opened (`PosixFile.openRegular`: a FIFO or device is refused by its kind, unopened,
        // and so rebuilt as a damaged file is, with the kind in the notice).
        let file: PosixFile
        do { file = try PosixFile.openRegular(path, followLinks: false).file } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        // On a throw the file is closed as it goes (`PosixFile` closes on deinit).
        var prefix: [UInt8] = []
        do { try file.read(at: 0, count: 8192, into: &prefix) } catch { throw .damaged(.of(error)) }
        let (header, start) = try decode(prefix[...], kind: kind, version: version)
        let size: Int64
        do { size = try file.size() } catch { throw .damaged(.of(error)) }
        guard header.bodyBytes < UInt64(Int64.max / 2), size == Int64(start) + Int64(header.bodyBytes) + 32 else {
            throw .damaged(.lengthNotHeaders)
        }
        return (file, header, start)
    }

    /// Checks the header against the ledger as it is now: its name, record 1 and the stamped record, each read from
    /// the log (one line each, ledger-spec.md section 15.1, checks 2–3). Returns the point to resume reading after.
    public func check(_ directory: LedgerDirectory) throws(ChainError) -> ResumePoint {
        guard ledgerName == directory.name else { throw .foreign(.writtenFor(ledger: ledgerName)) }
        let g = genesis
        guard g.seq == 1, g.lineOffset == 0 else { throw .damaged(.genesisNotAtStart) }
        do {
            _ = try LogScanner.resumePoint(path: directory.eventsPath, seq: 1, hash: g.hash, lineOffset: 0, lineBytes: g.lineBytes,
                                           batchMustEnd: false)
        } catch .resume(.otherRecord(let found)) {
            throw .foreign(.otherGenesis(stored: g.hash, log: found))
        } catch .resume(.missing(let why)) {
            throw .foreign(.genesisGone(why))
        } catch {
            throw .mismatch(.firstRecord(error))
        }
        let s = stamp
        do {
            return try LogScanner.resumePoint(path: directory.eventsPath, seq: s.seq, hash: s.hash, lineOffset: s.lineOffset, lineBytes: s.lineBytes)
        } catch {
            throw .mismatch(.stamp(seq: s.seq, hash: s.hash, error))
        }
    }

    /// Whether `file` — a whole derived file: header, a body of `bodyBytes`, then the body's SHA-256 (15.1) — ends
    /// with its body's SHA-256. A large table's reader checks the parts it reads instead; `verify --index` asks this
    /// first, so that a flipped byte is told as damage, not as a file out of step with the log (review 40f).
    public static func bodyChecksumHolds(_ file: [UInt8], bodyBytes: UInt64) -> Bool {
        guard file.count >= 32, bodyBytes <= UInt64(file.count - 32) else { return false }
        let end = file.count - 32
        return SHA256.digest(Array(file[(end - Int(bodyBytes))..<end])).bytes[...] == file[end...]
    }
}
