import LedgerEvents
import LedgerPlatform

/// A record of the log as derived state names it: seq, hash and where its line lies.
public struct StateStamp: Equatable, Sendable {
    public let seq: Int64
    public let hash: Digest32
    public let lineOffset: Int64
    /// The line's length without its newline.
    public let lineBytes: Int

    public init(seq: Int64, hash: Digest32, lineOffset: Int64, lineBytes: Int) {
        self.seq = seq; self.hash = hash; self.lineOffset = lineOffset; self.lineBytes = lineBytes
    }

    /// The stamp of a verified line.
    public init(_ line: VerifiedLine) {
        self.init(seq: line.location.seq, hash: line.hash, lineOffset: line.location.byteOffset, lineBytes: line.location.byteCount)
    }
}

extension ChainError {
    /// Why a derived state file is not used (it is then rebuilt from the log, with a one-line notice). A value,
    /// thrown as `ChainError.derivedState`; worded in `SystemWords.wording(_:)` (`description` is its English).
    public enum DerivedStateProblem: Equatable, Sendable, CustomStringConvertible {
        case damaged(Detail)
        case wrongVersion(found: UInt64, expected: UInt32)
        case foreign(Detail)
        case mismatch(Detail)
        /// The file could not be written (a full disk, a read-only copy): not damage; the state stays in memory.
        case unwritable(Detail)

        public var description: String { SystemWords.wording(self).en }
    }
}

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
        let file: PosixFile
        do { file = try PosixFile(path: path, mode: .read, followLinks: false) } catch {
            if error.isNotFound { return nil }
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
}

/// A whole derived state file read at once: header, body, and the SHA-256 of the body (ledger-spec.md section
/// 15.1). For files small enough to read whole; a large table checks its own parts as it reads them.
public struct DerivedStateFile: Equatable, Sendable {
    public let header: DerivedStateHeader
    public let body: [UInt8]

    public init(header: DerivedStateHeader, body: [UInt8]) {
        precondition(header.bodyBytes == UInt64(body.count), "the header's body length is the body's")
        self.header = header; self.body = body
    }

    /// A file of `kind` and `version` for this ledger, stamped with `genesis` and `stamp`.
    public init(kind: String, version: UInt32, ledgerName: String, genesis: StateStamp, stamp: StateStamp, body: [UInt8]) {
        self.init(header: DerivedStateHeader(kind: kind, version: version, ledgerName: ledgerName, genesis: genesis, stamp: stamp,
                                             bodyBytes: UInt64(body.count)), body: body)
    }

    /// header, body, SHA-256 of the body.
    public func encoded() -> [UInt8] { header.encoded() + body + SHA256.digest(body).bytes }

    /// Reads a file's bytes; any damage (truncation, a flipped bit, trailing bytes) or another version is a problem,
    /// never a crash.
    public static func decode(_ bytes: [UInt8], kind: String, version: UInt32) throws(ChainError) -> DerivedStateFile {
        let checked = try check(bytes, kind: kind, version: version)
        return DerivedStateFile(header: checked.header, body: Array(bytes[checked.body]))
    }

    /// `decode` without copying the body: the same checks (header, length, the body's SHA-256 taken where it lies),
    /// and the body handed back as the range of `bytes` it occupies.
    public static func check(_ bytes: [UInt8], kind: String, version: UInt32) throws(ChainError) -> DerivedStateBytes {
        let (header, start) = try DerivedStateHeader.decode(bytes[...], kind: kind, version: version)
        guard header.bodyBytes <= UInt64(bytes.count), UInt64(bytes.count - start) == header.bodyBytes + 32 else {
            throw .damaged(.lengthNotHeaders)
        }
        let end = start + Int(header.bodyBytes)
        guard SHA256.digest(bytes[start..<end]).bytes[...] == bytes[end...] else {
            throw .damaged(.checksum(.body))
        }
        return DerivedStateBytes(header: header, bytes: bytes, body: start..<end)
    }

    /// Reads `path` and checks it against the log as it is now (`DerivedStateHeader.check`).
    /// - Returns: nil when there is no file; else the file and the checked point to resume after.
    /// - Throws: why the file cannot be used.
    public static func load(_ path: String, kind: String, version: UInt32, directory: LedgerDirectory)
        throws(ChainError) -> (file: DerivedStateFile, resume: ResumePoint)? {
        guard let loaded = try loadInPlace(path, kind: kind, version: version, directory: directory) else { return nil }
        return (file: DerivedStateFile(header: loaded.file.header, body: Array(loaded.file.bytes[loaded.file.body])), resume: loaded.resume)
    }

    /// `load` without copying the body out of the bytes read (`check`): a reader that parses the body where it
    /// lies reads a file of tens of MB (the whole city's fund totals at 10 million records) once, not twice.
    public static func loadInPlace(_ path: String, kind: String, version: UInt32, directory: LedgerDirectory)
        throws(ChainError) -> (file: DerivedStateBytes, resume: ResumePoint)? {
        let bytes: [UInt8]
        do { bytes = try readWhole(path) } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        let file = try check(bytes, kind: kind, version: version)
        return (file, try file.header.check(directory))
    }

    /// A regular file's bytes in one read into one buffer, not followed through a link (`PosixFile.readRegularFile`
    /// reads chunks and copies each: twice the memory touched, for a file of tens of MB). One byte more than its size
    /// is asked for, so that a file that grew meanwhile shows it (its length then fails the checks).
    static func readWhole(_ path: String) throws(InputFileError) -> [UInt8] {
        let file: PosixFile
        let status: FileStatus
        do {
            file = try PosixFile(path: path, mode: .read, followLinks: false)
            status = try file.status()
        } catch {
            throw .file(error)
        }
        defer { file.close() }
        guard status.kind == .regular else { throw .notRegularFile(path: path, kind: status.kind) }
        var bytes: [UInt8] = []
        do { try file.read(at: 0, count: Int(status.size) + 1, into: &bytes) } catch { throw .file(error) }
        return bytes
    }

    /// Writes the file atomically (temporary file, fsync, rename, fsync of `index/`). Best effort: a ledger that
    /// cannot be written (a read-only copy) is read from the log every time, with the same answers.
    @discardableResult
    public func write(to path: String, in directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(encoded(), to: path) } catch { return false }
        return true
    }
}

/// A derived state file's bytes as read and checked (`DerivedStateFile.check`), its body left where it lies.
public struct DerivedStateBytes: Sendable {
    public let header: DerivedStateHeader
    /// The whole file.
    public let bytes: [UInt8]
    /// Where the body lies in `bytes`.
    public let body: Range<Int>

    /// The body in place (a slice of `bytes`: its indices are the file's offsets).
    public var bodyBytes: ArraySlice<UInt8> { bytes[body] }
}

/// Little-endian integers and length-prefixed byte strings, as derived state files write them.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func u64(_ value: UInt64) { Bytes.appendLittleEndian(value, to: &bytes) }

    public mutating func u32(_ value: UInt32) { Bytes.appendLittleEndian(value, to: &bytes) }

    public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// Empties the buffer, keeping its memory (a writer that flushes it reuses the same pages, not fresh ones).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// A u64 length, then the bytes.
    public mutating func counted<C: Collection>(_ value: C) where C.Element == UInt8 {
        u64(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func raw<C: Collection>(_ value: C) where C.Element == UInt8 { bytes.append(contentsOf: value) }

    // The generic forms above are not specialized across modules (they copy byte by byte through the collection's
    // witnesses); these take the common concrete kinds in one copy (a rebuild writes hundreds of MB through them).
    public mutating func counted(_ value: [UInt8]) { u64(UInt64(value.count)); bytes.append(contentsOf: value) }
    public mutating func counted(_ value: ArraySlice<UInt8>) { u64(UInt64(value.count)); bytes.append(contentsOf: value) }
    public mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }
    public mutating func raw(_ value: ArraySlice<UInt8>) { bytes.append(contentsOf: value) }
}

/// Reads what `ByteWriter` wrote; every read checks the bytes left and returns nil past the end.
public struct ByteReader {
    public let bytes: ArraySlice<UInt8>
    public var offset: Int
    /// Reads stop here (the end of the body, before a checksum).
    public var end: Int

    public init(_ bytes: ArraySlice<UInt8>, from offset: Int? = nil) {
        self.bytes = bytes; self.offset = offset ?? bytes.startIndex; end = bytes.endIndex
    }

    public init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    public var isAtEnd: Bool { offset == end }

    public mutating func u64() -> UInt64? {
        guard end - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return value
    }

    public mutating func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }

    public mutating func fixed(_ count: Int) -> [UInt8]? {
        guard count >= 0, end - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// A u64 length then that many bytes; nil when the length is over `max` or past the end.
    public mutating func counted(max: Int = Int.max) -> [UInt8]? {
        guard let count = u64(), count <= UInt64(end - offset), count <= UInt64(max) else { return nil }
        return fixed(Int(count))
    }
}
