import LedgerEvents
import LedgerPlatform

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

        /// The same problem found in `member` of a family of files (`checks.recent` beside `checks.state`,
        /// `scopes.recent` beside `scopes`): its detail wrapped in `.inFile`; a version or write problem as it is.
        public func inFile(_ member: String) -> DerivedStateProblem {
            switch self {
            case .damaged(let why): return .damaged(.inFile(member, why))
            case .foreign(let why): return .foreign(.inFile(member, why))
            case .mismatch(let why): return .mismatch(.inFile(member, why))
            case .wrongVersion, .unwritable: return self
            }
        }

        /// The record a file of this ledger (its name and record 1 as the log's) was stamped with, when the log no
        /// longer holds that record as stamped: the log ends before it, or holds another record there (review 37a
        /// F3). Not damage to the file: the log was cut or rewritten after the file was written — records may be
        /// missing, as after restoring an older backup — or `index/` was copied from another copy of this ledger.
        /// Nil for every other problem.
        public var recordNoLongerInLog: (seq: Int64, hash: Digest32?, why: Wording)? {
            func stamped(_ detail: Detail) -> (seq: Int64, hash: Digest32?, why: Wording)? {
                switch detail {
                case .stamp(let seq, let hash, let error):
                    guard case .resume = error else { return nil }
                    return (seq, hash, SystemWords.wording(error))
                case .logEndsBeforeStamp(let seq):
                    return (seq, nil, Wording(en: "the log ends before record \(seq)", zh: "日志在记录 \(seq) 之前就结束了"))
                case .inFile(_, let inner): return stamped(inner)
                default: return nil
                }
            }
            guard case .mismatch(let detail) = self else { return nil }
            return stamped(detail)
        }

        /// The member of a family of files the problem was found in (`.inFile`: `checks.recent` beside
        /// `checks.state`, `ids-2` beside `ids`), nil when it is the file itself: a notice that names the file
        /// whose stamp the log no longer holds names that member, not the family (review 40f).
        public var memberFile: String? {
            switch self {
            case .damaged(let detail), .foreign(let detail), .mismatch(let detail), .unwritable(let detail):
                if case .inFile(let name, _) = detail { return name }
                return nil
            case .wrongVersion: return nil
            }
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
    public func encoded() -> [UInt8] { Self.encoded(header) { $0.raw(body) } }

    /// The file's bytes — `header`, the body `writeBody` writes (exactly `header.bodyBytes` of them), its SHA-256 —
    /// built in one buffer: a writer of a body of megabytes writes it where the file's bytes are, not into a body
    /// copied after the header and again before the checksum.
    public static func encoded(_ header: DerivedStateHeader, body writeBody: (inout ByteWriter) -> Void) -> [UInt8] {
        let head = header.encoded()
        var out = ByteWriter(capacity: head.count + Int(header.bodyBytes) + 32)
        out.raw(head)
        writeBody(&out)
        precondition(out.bytes.count == head.count + Int(header.bodyBytes), "the body is as long as its header says")
        out.raw(SHA256.digest(out.bytes[head.count...]).bytes)
        return out.bytes
    }

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
        do { bytes = try readWhole(path).bytes } catch {
            if case .file(let e) = error, e.isNotFound { return nil }
            throw .damaged(.of(error))
        }
        let file = try check(bytes, kind: kind, version: version)
        return (file, try file.header.check(directory))
    }

    /// A regular file's bytes in one read into one buffer, not followed through a link (`PosixFile.readRegularFile`
    /// reads chunks and copies each: twice the memory touched, for a file of tens of MB). One byte more than its size
    /// is asked for, so that a file that grew meanwhile shows it (its length then fails the checks). The status is the
    /// file's when opened (fstat): its identity tells a later look whether the name still holds the same file.
    public static func readWhole(_ path: String) throws(InputFileError) -> (bytes: [UInt8], status: FileStatus) {
        // A FIFO or device is refused by its kind without being opened (`PosixFile.openRegular`).
        let (file, status) = try PosixFile.openRegular(path, followLinks: false)
        defer { file.close() }
        var bytes: [UInt8] = []
        do { try file.read(at: 0, count: Int(status.size) + 1, into: &bytes) } catch { throw .file(error) }
        return (bytes, status)
    }

    /// Writes the file atomically (temporary file, fsync, rename, fsync of `index/`). Best effort: a ledger that
    /// cannot be written (a read-only copy) is read from the log every time, with the same answers.
    @discardableResult
    public func write(to path: String, in directory: LedgerDirectory) -> Bool {
        if !PosixFile.isDirectory(directory.indexPath) { try? PosixFile.makeDirectory(directory.indexPath) }
        do { try PosixFile.writeAtomically(encoded(), to: path, existing: .replaceEntry) } catch { return false }
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
