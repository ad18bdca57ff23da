import LedgerEvents
import LedgerPlatform

/// A witness (for example the district housing bureau, 区住建局): its own cosigning key and, for every log it has
/// cosigned, the latest checkpoint it cosigned. Before cosigning a new checkpoint it checks that the checkpoint
/// extends that one (an RFC 6962 consistency proof), so an office that shows two different histories to two
/// audiences — a split view — or rolls its log back is refused (C2SP tlog-witness).
///
/// Layout of the witness directory (ledger-spec.md, "Witness state"):
///
///     witness.key   PRIVATE+KEY+<name>+<key id>+base64(0x04 || seed)   mode 0600
///     witness.pub   <name>+<key id>+base64(0x04 || public key)         publish it
///     lock          held (flock) while a cosignature is checked, made and recorded
///     logs/<64 hex: SHA-256 of the origin>.json                        one state file per log
public struct WitnessDirectory: Sendable {
    public let path: String
    public let key: SignerKey
    /// The permission bits of `witness.key` when it was read: `cosign` refuses a key others can read.
    let keyPermissions: UInt32

    public static let keyFileName = "witness.key"
    public static let publicKeyFileName = "witness.pub"
    /// How long `cosign` waits for another cosigning process of the same witness.
    public static let lockTimeoutMilliseconds = 10_000

    var logsPath: String { path + "/logs" }
    var lockPath: String { path + "/lock" }

    /// The files of a witness directory that commands read or write, with the kind each must be. Each is checked
    /// without following links when the witness is opened, and opened with O_NOFOLLOW: nobody can make a witness
    /// (run by root, say) read or write another file through a link planted in its directory. (`witness.pub` is
    /// only written by `init`, never read, so it may be a link to where it is published.)
    static let memberKinds: [(name: String, kind: FileKind)] = [(keyFileName, .regular), ("lock", .regular), ("logs", .directory)]

    /// Largest state file read: a checkpoint note of at most `SignedNote.noteBytesMax`, JSON-escaped, and the
    /// log's key. Checked before reading, so a damaged or planted state file costs nothing.
    public static let stateBytesMax = 4 * SignedNote.noteBytesMax

    /// Makes a new witness in `path` (which must not exist, or be an empty directory) with `key`. The witness is
    /// built in a folder beside `path` and renamed into place when complete, so a failure (a full disk, say) or a
    /// crash never leaves a half-made witness — such as a 0-byte key — that would block running `init` again.
    /// - Throws: `.exists` when `path` holds anything; `.file` when it cannot be written.
    public static func create(path: String, key: SignerKey) throws(AuditError) -> WitnessDirectory {
        precondition(key.algorithm == .cosignatureV1, "a witness signs with a cosignature key")
        if PosixFile.exists(path) {
            let empty: Bool
            do { empty = PosixFile.isDirectory(path) ? try PosixFile.isEmptyDirectory(path) : false } catch { throw .file(error) }
            guard empty else { throw .witness(.exists(path: path)) }
        }
        let staging: String
        do { staging = try PosixFile.makeTemporaryDirectory(beside: path) } catch { throw .file(error) }
        let members = [keyFileName, publicKeyFileName, "logs", "lock"]
        do {
            try writeNew(Array((key.text + "\n").utf8), to: staging + "/" + keyFileName, permissions: 0o600)
            try writeNew(Array((key.verifier.text + "\n").utf8), to: staging + "/" + publicKeyFileName, permissions: 0o644)
            try PosixFile.makeDirectory(staging + "/logs", permissions: 0o700)
            try writeNew([], to: staging + "/lock", permissions: 0o600)
            try PosixFile.syncDirectory(staging)
            // rename(2) replaces only an empty directory: a file that appeared at `path` meanwhile is never lost.
            try PosixFile.rename(staging, to: path)
        } catch {
            for name in members.reversed() { try? PosixFile.remove(staging + "/" + name) }
            try? PosixFile.remove(staging)
            // Named as the user named it, not by the temporary folder.
            throw .file(FileError(path: error.path.replacing(staging, with: path), operation: error.operation,
                                  code: error.code, detail: error.detail))
        }
        return WitnessDirectory(path: path, key: key, keyPermissions: 0o600)
    }

    private static func writeNew(_ bytes: [UInt8], to path: String, permissions: UInt32) throws(FileError) {
        let file = try PosixFile(path: path, mode: .createNew(permissions: permissions), followLinks: false)
        try file.write(bytes, at: 0)
        try file.sync()
        file.close()
    }

    /// The witness directory that `path` (absolute, canonical) is in, or is; nil when it is in none. A witness is
    /// recognised by `witness.key` beside `logs/`, so the output guard keeps reports away from its key and state.
    public static func enclosing(_ path: String) -> String? {
        PosixFile.enclosingDirectory(of: path) { candidate in
            PosixFile.kind(at: candidate + "/" + keyFileName, followLinks: false) != nil
                && PosixFile.kind(at: candidate + "/logs", followLinks: false) != nil
        }
    }

    /// Opens the witness in `path`.
    /// - Throws: `.notAWitness` when `path` is not a witness directory or its key file is not a witness key.
    /// - Throws: `.unsafeFile` when one of its files is a symbolic link or not the kind it must be.
    public static func open(path: String) throws(AuditError) -> WitnessDirectory {
        let keyPath = path + "/" + keyFileName
        guard PosixFile.isDirectory(path) else {
            throw .witness(.notAWitness(path: path, reason: .missingMembers(keyFile: keyFileName)))
        }
        for member in memberKinds {
            let memberPath = path + "/" + member.name
            if let kind = PosixFile.kind(at: memberPath, followLinks: false), kind != member.kind {
                throw .witness(.unsafeFile(path: memberPath, kind: kind, expected: member.kind))
            }
        }
        guard PosixFile.exists(keyPath), PosixFile.isDirectory(path + "/logs") else {
            throw .witness(.notAWitness(path: path, reason: .missingMembers(keyFile: keyFileName)))
        }
        let (bytes, status) = try readMember(keyPath, bytesMax: Limits.settingsFileBytesMax, expected: .regular)
        let key: SignerKey
        do { key = try SignerKey(fileBytes: bytes, file: keyPath) } catch { throw .witness(.notAWitness(path: path, reason: .badKey(error))) }
        guard key.algorithm == .cosignatureV1 else {
            throw .witness(.notAWitness(path: path, reason: .officeKey(keyPath: keyPath)))
        }
        return WitnessDirectory(path: path, key: key, keyPermissions: status.permissions)
    }

    /// Reads a regular file of the witness directory, never through a link, within `bytesMax` (checked first).
    /// - Throws: `.unsafeFile` for a link or another kind of file, `.damagedState` for a state file over its limit,
    ///   `.file` for other errors.
    static func readMember(_ file: String, bytesMax: Int, expected: FileKind) throws(AuditError) -> (bytes: [UInt8], status: FileStatus) {
        do { return try PosixFile.readRegularFile(file, bytesMax: bytesMax, followLinks: false) } catch {
            switch error {
            case .file(let e):
                // O_NOFOLLOW met a link (ELOOP): name what is there.
                if let kind = PosixFile.kind(at: file, followLinks: false), kind != expected {
                    throw .witness(.unsafeFile(path: file, kind: kind, expected: expected))
                }
                throw .file(e)
            case .notRegularFile(_, let kind): throw .witness(.unsafeFile(path: file, kind: kind, expected: expected))
            case .tooLarge(_, let size, let limit):
                throw .witness(.damagedState(file: file, damage: .tooLarge(bytes: size, limit: limit)))
            }
        }
    }

    /// The state file of the log named `origin`.
    func statePath(origin: String) -> String {
        logsPath + "/" + SHA256().hash(Array(origin.utf8)).hex + ".json"
    }

    /// The latest checkpoint this witness cosigned for `origin`, nil when none.
    /// - Throws: `.damagedState` when the file is not a valid state, `.file` when it cannot be read.
    public func state(origin: String) throws(AuditError) -> WitnessState? {
        let file = statePath(origin: origin)
        guard PosixFile.kind(at: file, followLinks: false) != nil else { return nil }
        let state = try readState(file)
        guard Bytes.sameUTF8(state.checkpoint.origin, origin) else {
            throw .witness(.damagedState(file: file, damage: .otherLog(found: state.checkpoint.origin, expected: origin)))
        }
        return state
    }

    /// Every log this witness has cosigned, sorted by origin.
    public func states() throws(AuditError) -> [WitnessState] {
        let names: [String]
        do { names = try PosixFile.names(inDirectory: logsPath) } catch {
            throw .witness(.notAWitness(path: path, reason: .cannotList(logsPath: logsPath, reason: error.reason)))
        }
        var out: [WitnessState] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            out.append(try readState(logsPath + "/" + name))
        }
        return out.sorted { $0.checkpoint.origin.utf8.lexicographicallyPrecedes($1.checkpoint.origin.utf8) }
    }

    /// Reads and checks one state file: a regular file (never a link), at most `stateBytesMax` bytes.
    func readState(_ file: String) throws(AuditError) -> WitnessState {
        try WitnessState(bytes: Self.readMember(file, bytesMax: Self.stateBytesMax, expected: .regular).bytes, file: file)
    }

    /// What `cosign` did.
    public struct Cosigned: Sendable {
        /// The checkpoint note with this witness's cosignature added.
        public let note: [UInt8]
        public let checkpoint: Checkpoint
        public let cosignature: Cosignature
        /// The checkpoint cosigned before this one (nil for the first of this log).
        public let previous: Checkpoint?
    }

    /// Checks a checkpoint and cosigns it: the office's signature with `logKey`; then, against the latest
    /// checkpoint this witness cosigned for the same log, no rollback (a smaller size), no split view (the same
    /// size with another root), and the consistency proof of `request` from that size to the new one. Only then
    /// is the cosignature made and the new state recorded (atomically, under the witness's lock, before this
    /// returns — tlog-witness requires the check and the update to be one step).
    ///
    /// The first checkpoint of a log is accepted on its signature alone (trust on first use): the witness pins the
    /// log's key and size from then on.
    /// - Parameters:
    ///   - note: the checkpoint note as received (it may carry other cosignatures, kept as they are).
    ///   - request: the consistency proof file; needed when the checkpoint is larger than the last cosigned one.
    ///   - time: the cosignature's time.
    /// - Throws: `WitnessError`; refusals for misbehaviour of the log are `.rollback`, `.splitView`, `.inconsistent`.
    public func cosign(note: [UInt8], file: String, logKey: VerifierKey, request: WitnessRequest?, requestFile: String,
                       time: Timestamp) throws(AuditError) -> Cosigned {
        let checkpoint: Checkpoint, parsed: SignedNote
        do {
            checkpoint = try Checkpoint.open(note, key: logKey, file: file)
            parsed = try SignedNote(bytes: note, file: file)
        } catch {
            throw .witness(.notCosigned(error))
        }
        if let request {
            let requested: SignedNote
            do { requested = try SignedNote(bytes: request.checkpointNote, file: requestFile) } catch { throw .witness(.notCosigned(error)) }
            guard requested.text == parsed.text else { throw .witness(.proofForOtherCheckpoint(file: requestFile, checkpointFile: file)) }
        }
        guard time.secondsSinceEpoch >= 0 else { throw .witness(.badTime(time)) }
        // As ssh does: whoever could read the key can cosign in the witness's name.
        guard keyPermissions & 0o077 == 0 else { throw .witness(.exposedKey(path: path + "/" + Self.keyFileName, permissions: keyPermissions)) }

        let lock: PosixFile
        do {
            lock = try PosixFile(path: lockPath, mode: .readWriteCreate(permissions: 0o600), followLinks: false)
            guard try lock.lockExclusive(timeoutMilliseconds: Self.lockTimeoutMilliseconds) else { throw AuditError.witness(.locked(path: lockPath)) }
        } catch let error as AuditError {
            throw error
        } catch let error as FileError {
            throw .file(error)
        } catch {
            preconditionFailure("unexpected \(error)")
        }
        defer { lock.unlock(); lock.close() }

        let previous = try state(origin: checkpoint.origin)
        if let previous {
            try check(checkpoint, against: previous, logKey: logKey, request: request, requestFile: requestFile)
        } else if let request, request.oldSize != 0 {
            throw .witness(.proofFromWrongSize(origin: checkpoint.origin, lastSize: 0, proofSize: request.oldSize, requestFile: requestFile))
        }
        let cosignature = Cosignature.sign(body: parsed.text, key: key, timestamp: UInt64(time.secondsSinceEpoch))
        let cosigned = parsed.adding(cosignature).encoded
        let newState = WitnessState(logKey: logKey, note: cosigned, checkpoint: checkpoint)
        do { try PosixFile.writeAtomically(newState.encoded, to: statePath(origin: checkpoint.origin), permissions: 0o600) } catch {
            throw .file(error)
        }
        return Cosigned(note: cosigned, checkpoint: checkpoint, cosignature: cosignature, previous: previous?.checkpoint)
    }

    private func check(_ checkpoint: Checkpoint, against previous: WitnessState, logKey: VerifierKey, request: WitnessRequest?,
                       requestFile: String) throws(AuditError) {
        let last = previous.checkpoint
        guard previous.logKey == logKey else {
            throw .witness(.logKeyChanged(origin: checkpoint.origin, known: previous.logKey.text, given: logKey.text))
        }
        if checkpoint.size < last.size {
            throw .witness(.rollback(origin: checkpoint.origin, lastSize: last.size, lastTime: last.time, newSize: checkpoint.size))
        }
        if checkpoint.size == last.size {
            guard checkpoint.root == last.root else {
                throw .witness(.splitView(origin: checkpoint.origin, size: last.size, knownRoot: last.root, newRoot: checkpoint.root))
            }
            return
        }
        guard let request else { throw .witness(.needsProof(origin: checkpoint.origin, lastSize: last.size)) }
        guard request.oldSize == last.size else {
            throw .witness(.proofFromWrongSize(origin: checkpoint.origin, lastSize: last.size, proofSize: request.oldSize, requestFile: requestFile))
        }
        do {
            try MerkleVerifier.verifyConsistency(size1: last.size, size2: checkpoint.size, proof: request.proof, root1: last.root,
                                                 root2: checkpoint.root, hasher: MerkleHasher())
        } catch {
            throw .witness(.inconsistent(origin: checkpoint.origin, fromSize: last.size, toSize: checkpoint.size, detail: error))
        }
    }
}
